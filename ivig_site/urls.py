from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from decisions.accounts import views as views_accounts

urlpatterns = [
    path("admin/", admin.site.urls),
    # A logged-in user sent to the login page (e.g. by a stale tab) goes on to where they were.
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, http_method_names=["get", "post", "options"]
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("session/keepalive/", views_accounts.session_keepalive, name="session-keepalive"),
    path("", include("decisions.urls")),
]
