"""The morning's reminders as a task, for beat (07:00 Asia/Jakarta, CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from reminders.daily import send_all


@shared_task
def send_reminders() -> dict[str, int]:
    """The day's reminders, each once per object and threshold however many schedulers run.
    Returns how many went out, by kind."""
    return send_all()
