"""The Celery app. Its settings are the CELERY_* names in ivig_site/settings.py."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivig_site.settings")

app = Celery("ivig_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
