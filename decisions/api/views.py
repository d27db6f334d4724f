"""`POST /api/v1/evaluate`: the contract's JSON face of the decision engine.

Nothing about the patient is stored: the request is validated, evaluated and answered.
"""

import orjson
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt

from decisions.api.tokens import Scope, bearer_token_check
from decisions.assessment.request import (
    API_CONFIRMED,
    InvalidRequest,
    parse_evaluate_request,
    read_json_body,
)
from decisions.assessment.services import engine_options
from decisions.engine import evaluate

BEARER = "Bearer "
JSON = "application/json"


def _error(status: int, message: str, **headers: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _unsupported_media_type(content_type: str) -> JsonResponse:
    # The contract's error shape, with the header named as the field at fault.
    errors = {"Content-Type": [f"Send the body as {JSON}, not {content_type or 'untyped'}."]}
    return JsonResponse({"errors": errors}, status=415, headers={"Accept-Post": JSON})


def _csrf_failure(request: HttpRequest):
    # A browser session rides on cookies, so it must prove the request came from our own page.
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})


def _authenticate(request: HttpRequest, *, scope: str) -> tuple[int | None, JsonResponse | None]:
    """The id of the user behind a bearer token with `scope`, or a logged-in session; or an
    error response."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        if not header.startswith(BEARER):
            return None, _error(
                401, "Use 'Authorization: Bearer <token>'.", WWW_Authenticate="Bearer"
            )
        token = bearer_token_check(header[len(BEARER) :].strip())
        if token.expired:
            return None, _error(
                401,
                "This API token has expired; ask for a new one (issue_api_token --rotate).",
                WWW_Authenticate='Bearer error="invalid_token", error_description="expired"',
            )
        if token.user_id is None:
            return None, _error(
                401,
                "Invalid or revoked API token.",
                WWW_Authenticate='Bearer error="invalid_token"',
            )
        if not token.allows(scope):
            return None, _error(
                403,
                f"This API token's scopes do not include '{scope}'.",
                WWW_Authenticate=f'Bearer error="insufficient_scope", scope="{scope}"',
            )
        return token.user_id, None
    if request.user.is_authenticated:
        if _csrf_failure(request) is not None:
            return None, _error(403, "CSRF check failed for a session-authenticated request.")
        return request.user.pk, None
    return None, _error(
        401, "Authentication required: send a bearer token.", WWW_Authenticate="Bearer"
    )


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
