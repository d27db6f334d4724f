"""`POST /api/v1/evaluate`: the contract's JSON face of the decision engine.

Nothing about the patient is stored: the request is validated, evaluated and answered.
"""

import orjson
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from decisions.api.auth import api_error as _error
from decisions.api.auth import authenticate as _authenticate
from decisions.api.tokens import Scope
from decisions.assessment.request import (
    API_CONFIRMED,
    InvalidRequest,
    parse_evaluate_request,
    read_json_body,
)
from decisions.assessment.services import engine_options
from decisions.engine import evaluate

JSON = "application/json"


def _unsupported_media_type(content_type: str) -> JsonResponse:
    # The contract's error shape, with the header named as the field at fault.
    errors = {"Content-Type": [f"Send the body as {JSON}, not {content_type or 'untyped'}."]}
    return JsonResponse({"errors": errors}, status=415, headers={"Accept-Post": JSON})


# CSRF is checked in _authenticate for session users; bearer-token clients have no cookie to abuse.
# Its own authentication answers 401 in JSON, where a redirect to the login page would be noise.
@login_not_required
@csrf_exempt
def evaluate_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _error(405, "Only POST is allowed.", Allow="POST")
    _user_id, failure = _authenticate(request, scope=Scope.EVALUATE)
    if failure is not None:
        return failure
    try:
        body = request.body
    except RequestDataTooBig:
        return _error(413, f"The body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.")
    if body and request.content_type.lower() != JSON:
        # Only JSON is read: a form or text/plain body is what a page of another site can send.
        return _unsupported_media_type(request.content_type)
    try:
        assessment = parse_evaluate_request(read_json_body(body), confirmed=API_CONFIRMED)
    except InvalidRequest as invalid:
        return JsonResponse({"errors": invalid.errors}, status=400)
    plan = evaluate(assessment, engine_options()).to_dict()
    # orjson: the standard encoder takes longer than the whole evaluation (benchmarks/).
    return HttpResponse(orjson.dumps(plan), content_type="application/json")
