"""Answer the load balancer's health check before anything checks the Host header.

A cloud load balancer's target check (AWS ALB/NLB, for one) sends the instance's own address as
Host, which is not, and should not be, in ALLOWED_HOSTS: CommonMiddleware would answer it 400 and
log a DisallowedHost error every few seconds. The health answer builds no URL from the Host, so
it is safe to give whatever the Host says.
"""

from decisions.api.health import HEALTH_PATH, health


class HealthCheckMiddleware:
    """Before CommonMiddleware (and after SecurityMiddleware, whose redirect spares health)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return health(request)
        return self.get_response(request)
