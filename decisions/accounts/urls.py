from django.urls import path

from decisions.accounts import views as views_accounts
from decisions.accounts.views import sso as views_sso
from decisions.accounts.views import two_factor as views_two_factor

urlpatterns = [
    path("login/", views_accounts.login, name="login"),
    path("session/keepalive/", views_accounts.session_keepalive, name="session-keepalive"),
    path("account/two-factor/", views_two_factor.two_factor_verify, name="two-factor-verify"),
    path("account/two-factor/set-up/", views_two_factor.two_factor_enrol, name="two-factor-enrol"),
    path("sso/start/", views_sso.sso_start, name="oidc_authentication_init"),
    path("sso/callback/", views_sso.sso_callback, name="oidc_authentication_callback"),
]
