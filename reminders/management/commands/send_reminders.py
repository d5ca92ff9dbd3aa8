import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from notifications import tasks
from reminders.daily import send_all


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date takes a day as YYYY-MM-DD, not {value!r}.") from error


class Command(BaseCommand):
    help = (
        "The morning's work for hosts that run it from cron instead of Celery beat: send the "
        "day's reminders (each once per object and threshold), then the digests, then every "
        "mail still waiting. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=_day,
            default=None,
            help="Run as of this day (YYYY-MM-DD) instead of today in Asia/Jakarta.",
        )
        parser.add_argument(
            "--mail-only",
            action="store_true",
            help="Only send the mails still waiting (every 10 minutes from cron).",
        )

    def handle(
        self, *args: Any, date: datetime.date | None, mail_only: bool, **options: Any
    ) -> None:
        if mail_only:
            self.stdout.write(f"waiting mails sent: {tasks.retry_mail()}")
            return
        counts = send_all(date)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(f"reminders: {sum(counts.values())}")
        self.stdout.write(f"digests sent: {tasks.send_digests()}")
        self.stdout.write(f"waiting mails sent: {tasks.retry_mail()}")
