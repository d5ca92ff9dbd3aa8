"""Queueing a task from the code that changes data."""

import logging
from functools import partial

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

log = logging.getLogger(__name__)


def after_commit(task: Task, *args, **kwargs) -> None:
    """Queue `task` once the current transaction commits (at once outside one), so a task never
    sees, or announces, a change that was rolled back. A broker that is down does not turn the
    committed change into an error: the failure is logged and the task's periodic sweep picks up
    the work it stood for (`notifications.tasks.retry_mail`)."""
    transaction.on_commit(partial(_queue, task, args, kwargs))


def _queue(task: Task, args: tuple, kwargs: dict) -> None:
    # Only the broker's failure is caught here, not every error (on_commit(robust=True) would
    # be): without a broker the task runs right here, and one that raises must fail its test
    # (CELERY_TASK_EAGER_PROPAGATES); in production it is logged by Celery and not raised.
    try:
        task.apply_async(args, kwargs)
    except OperationalError:
        log.exception("could not queue %s%r: the broker did not answer", task.name, args)
