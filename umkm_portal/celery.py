"""The task queue (Celery). With a broker (CELERY_BROKER_URL, or REDIS_URL) a worker runs the tasks
and beat runs the schedule (`make worker`); without one every task runs in this process, right
after the transaction that asked for it commits (`umkm_portal.tasks.after_commit`), so `make run`
needs nothing more. docs/deployment.md names the processes."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "umkm_portal.settings")

app = Celery("umkm_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
