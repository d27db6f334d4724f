"""`Cache-Control: no-store, private` on every page the app makes (static files are served
before this, by WhiteNoise, and keep their long cache)."""

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Pages behind the login show patients' names and plans: no browser, proxy or shared
    computer's cache may keep a copy. Pages open to anyone (the login, the health check) say
    the same, so that no page is ever left out by a wrong guess of which is which."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # patch, not set: a view's own no-cache or max-age=0 (never_cache) stays.
        patch_cache_control(response, no_store=True, private=True)
        return response
