"""Queueing a task from the code that changes data."""

from functools import partial

from celery import Task
from django.db import transaction


def after_commit(task: Task, *args, **kwargs) -> None:
    """Queue `task` once the current transaction commits (at once outside one), so a task never
    sees, or announces, a change that was rolled back. A broker that is down does not turn the
    committed change into an error: the failure is logged and the task's periodic sweep picks up
    the work it stood for (`notifications.tasks.retry_mail`)."""
    transaction.on_commit(partial(task.delay, *args, **kwargs), robust=True)
