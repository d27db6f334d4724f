"""gunicorn's settings for the web processes: `gunicorn -c gunicorn.conf.py` (Procfile `web`).

Sized from the machine and tuned by environment variables (README.md, Deploying):
WEB_CONCURRENCY, PORT, FORWARDED_ALLOW_IPS, GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS, LOG_FORMAT.
"""

import multiprocessing
import os

from ivig_site.log_format import logging_config

wsgi_app = "ivig_site.wsgi:application"

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Sync workers, each one request at a time: the usual two per core plus one, so that one
# waiting on the database does not leave a core idle.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))

# A request that takes this long is stuck (the slowest page, a PDF, takes about a second): the
# worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (a deploy, a scale-down) requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Behind a load balancer that keeps connections open to us.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A worker is replaced after this many requests, so a slow leak never grows; the jitter keeps
# the workers from all restarting at once. 0 never replaces them.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10

# The proxies whose X-Forwarded-Proto gunicorn believes (comma-separated addresses, or * when
# only the proxy can reach this port). Django trusts the header only with
# SECURE_PROXY_SSL_HEADER=true.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# No control socket (gunicornc): nothing here uses it, and several gunicorns on one host would
# share its default path.
control_socket_disable = True

# No access log: Django logs each request itself (decisions.middleware.request_id) with its
# request id and without the query string, which for a case search holds patient names.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# gunicorn's own lines (worker started, worker timed out) as the site's are: JSON unless
# LOG_FORMAT=text, through the same filters, with their own loggers added.
logconfig_dict = logging_config(log_format=os.environ.get("LOG_FORMAT", "json"), level=loglevel)
logconfig_dict["loggers"].update(
    {
        "gunicorn.error": {"handlers": [], "propagate": True, "qualname": "gunicorn.error"},
        "gunicorn.access": {"handlers": [], "propagate": False, "qualname": "gunicorn.access"},
    }
)
