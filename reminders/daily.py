"""Daily reminders (issue 15, docs/decisions: reminders): for each kind, the objects due on a
day, each reminded once per object and threshold — a Reminder row, unique in the database, is
written before anyone is told, so two schedulers running at once send each reminder once.

`send_all` is what the beat task (`reminders.tasks.send_reminders`) and
`manage.py send_reminders` run. `today` is a parameter everywhere, so tests and demos pass a
day instead of freezing the clock."""

import datetime
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import translation

from catalog.models.base import today as local_today
from notifications.models import Kind
from reminders import catalogue, invitations, partnerships
from reminders.base import Due, send

#: Every reminder kind, by the `Reminder.kind` its rows carry, in the order they run.
KINDS: dict[str, Callable[[datetime.date], Iterable[Due]]] = {
    Kind.CERTIFICATE_EXPIRING: catalogue.certificates,
    Kind.DESIGNATION_ENDING: catalogue.designations,
    Kind.AGREEMENT_ENDING: partnerships.agreements,
    Kind.OBLIGATION_DUE: partnerships.obligations,
    Kind.REPORT_DUE: partnerships.reports,
    Kind.REFERRAL_OVERDUE: partnerships.referrals,
    Kind.COLLABORATION_INVITED: catalogue.collaborations,
    Kind.INVITATION_WAITING: invitations.members,
}


def send_all(today: datetime.date | None = None) -> dict[str, int]:
    """Send every reminder due on `today` (Asia/Jakarta's today by default) that has not gone
    out yet. Returns how many reminders (objects × thresholds) went out, by kind."""
    today = today or local_today()
    counts = {}
    # Links are the portal's own addresses, whatever language the caller had active.
    with translation.override(settings.LANGUAGE_CODE):
        for kind, due_on in KINDS.items():
            counts[str(kind)] = sum(send(due) for due in due_on(today))
    return counts
