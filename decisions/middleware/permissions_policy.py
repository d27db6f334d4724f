"""The Permissions-Policy header, which django-csp does not send."""

from django.conf import settings


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """`{"camera": []}` -> `camera=()`: an empty allowlist means no page may use the feature."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in policy.items())


class PermissionsPolicyMiddleware:
    """Tell browsers that no page of ours may use the camera, microphone, location or payments,
    so that injected or third-party code cannot ask for them either (PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # setdefault: a view that needs a feature can send its own header.
        response.headers.setdefault(
            "Permissions-Policy", permissions_policy_header(settings.PERMISSIONS_POLICY)
        )
        return response
