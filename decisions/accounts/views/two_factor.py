"""The second factor: setting up an authenticator app, and giving a code after the password."""

import django_otp
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from decisions.accounts.forms import CodeForm
from decisions.accounts.two_factor import (
    totp_device_confirm,
    totp_device_for_enrolment,
    totp_qr_svg,
    totp_secret_text,
)


def _next_url(request: HttpRequest) -> str:
    """Where the user was going, if it is on this site; else the dashboard."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the authenticator app, or one of the recovery codes."""
    if not user_has_device(request.user, confirmed=True):
        return HttpResponseRedirect(resolve_url("two-factor-enrol"))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        # Wrong codes slow down with each attempt (django-otp's throttling per device); a
        # recovery code is deleted as it is used.
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", "That code is not right, or has expired. Try the next one.")
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=200 if request.method == "GET" or form.is_valid() else 400,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the secret), confirm with a code,
    then see the recovery codes, once."""
    has_app = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if has_app and not request.user.is_verified():
        # Replacing the app asks for the current one first, or a password alone would do.
        return HttpResponseRedirect(resolve_url("two-factor-verify"))
    device = totp_device_for_enrolment(user=request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        recovery_codes = totp_device_confirm(device=device, token=form.cleaned_data["code"])
        if recovery_codes is not None:
            django_otp.login(request, device)
            return render(
                request,
                "registration/recovery_codes.html",
                {"recovery_codes": recovery_codes, "next": _next_url(request)},
            )
        form.add_error("code", "That code is not right. Check the app's clock and try again.")
    return render(
        request,
        "registration/two_factor_enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": totp_qr_svg(device),
            "secret": totp_secret_text(device),
            "replacing": has_app,
        },
        status=200 if request.method == "GET" or form.is_valid() else 400,
    )
