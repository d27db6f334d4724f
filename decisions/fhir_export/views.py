"""`GET /api/v1/plans/<reference>/<number>.fhir.json`: a stored plan as a FHIR R4 Bundle.

An API token with the `fhir` scope or a logged-in session, as every API view (decisions/api/
auth.py); team access as on every page: another team's case, or one that does not exist, 404.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from decisions.api.auth import api_error, authenticate
from decisions.api.tokens import Scope
from decisions.fhir_export.bundle import plan_bundle_build
from decisions.fhir_export.selectors import plan_get_by_reference
from decisions.fhir_export.services import plan_record_fhir_export

FHIR_JSON = "application/fhir+json"


# Its own authentication answers 401 in JSON, where a redirect to the login page would be noise.
# GET only, so CSRF never applies; a session caller's other methods meet Django's CSRF check.
@login_not_required
@require_GET
def plan_fhir(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    user_id, failure = authenticate(request, scope=Scope.FHIR)
    if failure is not None:
        return failure
    by_token = bool(request.META.get("HTTP_AUTHORIZATION"))  # else authenticate took the session
    user = get_user_model().objects.get(pk=user_id) if by_token else request.user
    try:
        assessment, snapshot = plan_get_by_reference(user, reference, number)
    except Http404:
        return api_error(404, "No such plan.")
    bundle = plan_bundle_build(
        assessment=assessment, snapshot=snapshot, site_url=settings.SITE_URL, now=timezone.now()
    )
    plan_record_fhir_export(assessment=assessment, user=user, by_token=by_token)
    response = HttpResponse(bundle.model_dump_json(), content_type=FHIR_JSON)
    # The file name carries the case reference only: downloads folders are not private.
    filename = f"plan-{assessment.case.reference}-{number}.fhir.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
