"""Who is calling the API: a bearer token with the scope a view needs, or a logged-in session.

Shared by every API view (`/api/v1/evaluate`, the FHIR export of a plan), so a token without the
view's scope is refused the same way everywhere: 401 for no, a bad or an expired token, 403
`insufficient_scope` for a live token without the scope.
"""

from django.http import HttpRequest, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware

from decisions.api.tokens import bearer_token_check

BEARER = "Bearer "


def api_error(status: int, message: str, **headers: str) -> JsonResponse:
    """The API's error answer, `{"error": message}`, with headers named as keyword arguments
    (`WWW_Authenticate="Bearer"` is sent as `WWW-Authenticate`)."""
    response = JsonResponse({"error": message}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _csrf_failure(request: HttpRequest):
    # A browser session rides on cookies, so it must prove the request came from our own page.
    return CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})


def authenticate(request: HttpRequest, *, scope: str) -> tuple[int | None, JsonResponse | None]:
    """The id of the user behind a bearer token with `scope`, or a logged-in session; or an
    error response."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header:
        return _token_user(header, scope)
    if request.user.is_authenticated:
        if _csrf_failure(request) is not None:
            return None, api_error(403, "CSRF check failed for a session-authenticated request.")
        return request.user.pk, None
    return None, api_error(
        401, "Authentication required: send a bearer token.", WWW_Authenticate="Bearer"
    )


def _token_user(header: str, scope: str) -> tuple[int | None, JsonResponse | None]:
    if not header.startswith(BEARER):
        return None, api_error(
            401, "Use 'Authorization: Bearer <token>'.", WWW_Authenticate="Bearer"
        )
    token = bearer_token_check(header[len(BEARER) :].strip())
    if token.expired:
        return None, api_error(
            401,
            "This API token has expired; ask for a new one (issue_api_token --rotate).",
            WWW_Authenticate='Bearer error="invalid_token", error_description="expired"',
        )
    if token.user_id is None:
        return None, api_error(
            401,
            "Invalid or revoked API token.",
            WWW_Authenticate='Bearer error="invalid_token"',
        )
    if not token.allows(scope):
        return None, api_error(
            403,
            f"This API token's scopes do not include '{scope}'.",
            WWW_Authenticate=f'Bearer error="insufficient_scope", scope="{scope}"',
        )
    return token.user_id, None
