"""The CDS Hooks endpoints (JSON, a signed JWT on every call instead of a login; CSRF exempt as
no cookie rides on them) and the page a card's link opens (behind the login, as every page)."""

import json

import orjson
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from decisions.assessment.answers import answer_text
from decisions.assessment.fields import field_label
from decisions.assessment.steps import STEPS
from decisions.cases.forms import NO_TEAM_MESSAGE, case_form_for
from decisions.cases.reads import audit_read
from decisions.cases.selectors import case_get_for_user
from decisions.ehr.discovery import SERVICES_BY_ID, discovery_document
from decisions.ehr.feedback import feedback_read, feedback_record
from decisions.ehr.fhir_read import FhirUnavailable
from decisions.ehr.hooks import hook_answer
from decisions.ehr.jwt_check import JwtRefused, verify_call
from decisions.ehr.prefill import prefill_get, prefill_initial, prefill_open

JSON = "application/json"
# The step the clinician lands on: bleeding is asked there, the indication on the next one.
FIRST_STEP_TO_COMPLETE = "platelets"


def _error(status: int, message: str, **headers: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _refused(request: HttpRequest, method: str):
    """405 for another method; else 401 unless the call's JWT holds (and its jti is kept)."""
    if request.method != method:
        return None, _error(405, f"Only {method} is allowed.", Allow=method)
    try:
        call = verify_call(
            request.META.get("HTTP_AUTHORIZATION", ""), settings.SITE_URL + request.path
        )
    except JwtRefused as refused:
        return None, _error(401, str(refused), WWW_Authenticate="Bearer")
    return call, None


class BodyTooLarge(Exception):
    pass


def _json_body(request: HttpRequest):
    if request.content_type.lower() != JSON:
        raise ValueError(f"Send the body as {JSON}.")
    try:
        return json.loads(request.body)
    except RequestDataTooBig:
        raise BodyTooLarge from None


def _too_large() -> JsonResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _error(413, f"The body is larger than {limit} bytes; prefetch less, or let us fetch.")


@login_not_required
@csrf_exempt
def cds_discovery(request: HttpRequest) -> HttpResponse:
    _call, failure = _refused(request, "GET")
    return failure or JsonResponse(discovery_document())


def _service_post(request: HttpRequest, service_id: str, answer) -> HttpResponse:
    """A POST to a known service: refused with 405/401/404, else `answer(call, body)` with the
    JSON body; 413 for a body too large, 400 for one that is not JSON or not valid (ValueError,
    which JSONDecodeError, InvalidHook and InvalidFeedback are)."""
    call, failure = _refused(request, "POST")
    if failure:
        return failure
    if service_id not in SERVICES_BY_ID:
        return _error(404, f"No CDS service '{service_id[:60]}'.")
    try:
        return answer(call, _json_body(request))
    except BodyTooLarge:
        return _too_large()
    except ValueError as invalid:
        return _error(400, str(invalid))


@login_not_required
@csrf_exempt
def cds_service(request: HttpRequest, service_id: str) -> HttpResponse:
    def answer(call, body) -> HttpResponse:
        try:
            cards = hook_answer(service_id, body, issuer=call.issuer, now=timezone.now())
        except FhirUnavailable as unavailable:
            return _error(412, f"The FHIR data needed could not be had: {unavailable}")
        return HttpResponse(orjson.dumps(cards), content_type=JSON)

    return _service_post(request, service_id, answer)


@login_not_required
@csrf_exempt
def cds_feedback(request: HttpRequest, service_id: str) -> HttpResponse:
    def answer(call, body) -> HttpResponse:
        items = feedback_read(body)
        feedback_record(service_id=service_id, issuer=call.issuer, items=items)
        return JsonResponse({})

    return _service_post(request, service_id, answer)


@require_http_methods(["GET", "POST"])
def ehr_prefill(request, prefill_reference: str):
    """A card's link: a new case and assessment from what the EHR sent, once checked."""
    prefill = prefill_get(prefill_reference)
    if prefill is None:
        raise Http404("This link has expired or does not exist; open the card again.")
    if prefill.opened_by_id is not None:
        if prefill.case_id is None:
            raise Http404("This link has been used.")
        case = case_get_for_user(request.user, prefill.case_id)
        return redirect("case-detail", pk=case.pk)
    posted = request.method == "POST"
    form = case_form_for(
        request.user, request.POST if posted else None, initial=prefill_initial(prefill)
    )
    if form is None:
        messages.error(request, NO_TEAM_MESSAGE)
        return redirect("dashboard")
    if posted and form.is_valid():
        case = prefill_open(prefill=prefill, user=request.user, case_fields=form.case_fields())
        case = case_get_for_user(request.user, case.pk)
        assessment = case.assessments.order_by("number").first()
        return redirect(
            "assessment-step", pk=case.pk, number=assessment.number, step=FIRST_STEP_TO_COMPLETE
        )
    answers = [
        {"label": field_label(name), "value": answer_text(name, prefill.answers[name])}
        for step in STEPS
        for name in step.fields
        if name in prefill.answers
    ]
    status = 400 if posted else 200
    if not posted:
        # The EHR's patient shown before any case holds them: a read of no one case.
        audit_read(user=request.user, page="ehr link", issuer=prefill.issuer)
    return render(
        request, "decisions/ehr_prefill.html", {"form": form, "answers": answers}, status=status
    )
