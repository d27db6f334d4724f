"""The two ends of the provider round trip, present only when single sign-on is configured."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


def _only_when_configured(view):
    # Without OIDC_RP_CLIENT_ID there is no provider to go to: the addresses do not exist.
    @wraps(view)
    def dispatch(request, *args, **kwargs):
        if not settings.SSO_ENABLED:
            raise Http404("Single sign-on is not configured.")
        return view(request, *args, **kwargs)

    return dispatch


class _CallbackView(OIDCAuthenticationCallbackView):
    def login_failure(self):
        # Refused at the provider, or an address it has not verified (sso.py).
        messages.error(
            self.request,
            "Logging in with your hospital account did not succeed. Try again, or ask your "
            "administrator.",
        )
        return super().login_failure()


# Before login by definition: the browser is on its way to or back from the provider.
sso_start = login_not_required(
    require_GET(_only_when_configured(OIDCAuthenticationRequestView.as_view()))
)
sso_callback = login_not_required(require_GET(_only_when_configured(_CallbackView.as_view())))
