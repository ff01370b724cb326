"""The Celery app. With no REDIS_URL, tasks run in-process (the demo)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("said_and_done")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
