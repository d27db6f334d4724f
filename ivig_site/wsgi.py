"""WSGI entry point, e.g. `gunicorn ivig_site.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivig_site.settings")

application = get_wsgi_application()
