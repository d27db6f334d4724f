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
# The tasks live with the feature they serve (decisions/monitoring/tasks.py).
app.autodiscover_tasks(["decisions.monitoring", "decisions.ehr"])


def point_app_at(broker_url: str, queue: str | None = None) -> None:
    """Point this process's Celery app at another broker (and default queue) after start-up.

    The settings were read under the CELERY_ namespace, and Celery 5.6 looks the namespaced name
    up before the plain one, so both spellings are set.
    """
    app.conf.update(broker_url=broker_url, CELERY_BROKER_URL=broker_url)
    if queue is not None:
        app.conf.update(task_default_queue=queue, CELERY_TASK_DEFAULT_QUEUE=queue)
