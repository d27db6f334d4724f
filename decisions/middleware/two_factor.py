"""Send a logged-in user who owes a second factor to give it, or to set one up, before any page.

The admin's pages included: a stolen administrator password alone opens nothing.
"""

from urllib.parse import urlencode

from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp import user_has_device

from decisions.accounts.two_factor import two_factor_required

# Reachable between the password and the second factor: giving it, setting it up, leaving.
_BEFORE_SECOND_FACTOR = {"two-factor-verify", "two-factor-enrol", "logout", "admin:logout"}


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        # Login, health and the API (its own tokens) are not behind the login.
        if not getattr(view_func, "login_required", True):
            return None
        if request.resolver_match.view_name in _BEFORE_SECOND_FACTOR:
            return None
        if not two_factor_required(user, backend=request.session.get(BACKEND_SESSION_KEY)):
            return None
        step = "two-factor-verify" if user_has_device(user, confirmed=True) else "two-factor-enrol"
        # After the code the browser comes back with GET, which only makes sense for a GET.
        next_path = request.get_full_path() if request.method == "GET" else "/"
        return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': next_path})}")
