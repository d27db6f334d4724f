"""The Celery app. Its settings are the CELERY_* names in ivig_site/settings.py.

Production runs a worker and one beat as separate processes on Redis (see Procfile):
`celery -A ivig_site worker` and `celery -A ivig_site beat`. The database holds the reminder
schedule; beat only says "dispatch now" every minute, so a second beat or a restart is harmless.
`manage.py rundemo` starts both, and an embedded Redis, for a developer.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivig_site.settings")

app = Celery("ivig_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
