"""What every reminder kind shares: which threshold is due, the claim that makes a reminder go
out once, and sending it (docs/decisions: reminders)."""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Model, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import ngettext

from agencies.models import EDITING_ROLES, Role
from notifications.models import Kind, Reminder
from notifications.services import Message, notify

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: Reminders about a date that has passed (on expiry, overdue, waiting) go out only while that
#: date is at most this many days old, so a first run on old data does not flood anyone.
WINDOW = 30
#: Days an invitation (to co-curate, or to the portal) waits unanswered before its reminder.
INVITATION_DAYS = 7

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Notice:
    """Who is told what: one `notify` call."""

    recipients: Iterable["User"]
    kind: Kind
    message: Message
    link: str = ""


@dataclass(frozen=True)
class Due:
    """A reminder due today: about which object (`kind` names its model), at which threshold,
    and the notices it sends."""

    kind: Kind
    object_id: int
    threshold: int
    notices: Sequence[Notice] = field(default=())


def tightest(days_left: int, thresholds: Iterable[int]) -> int | None:
    """The tightest of `thresholds` (days before a date) reached with `days_left` days to go:
    an object first seen 5 days before the date gets the 7-day reminder, not the 60 and 30 too.
    None when none is reached yet."""
    return min((threshold for threshold in thresholds if days_left <= threshold), default=None)


def reached(
    objects: Iterable[M],
    date_of: Callable[[M], datetime.date],
    thresholds: Iterable[int],
    today: datetime.date,
) -> list[tuple[M, int]]:
    """Each object paired with the tightest threshold its date has reached on `today`."""
    thresholds = tuple(thresholds)
    pairs = []
    for obj in objects:
        threshold = tightest((date_of(obj) - today).days, thresholds)
        if threshold is not None:
            pairs.append((obj, threshold))
    return pairs


def unsent(kind: Kind, pairs: Iterable[tuple[M, int]]) -> list[tuple[M, int]]:
    """Of (object, threshold) pairs, those without a Reminder yet, in their order (one query):
    a second run looks no further. The claim in `send` still decides who sends."""
    pairs = list(pairs)
    if not pairs:
        return []
    sent = set(
        Reminder.objects.filter(kind=kind, object_id__in={obj.pk for obj, _ in pairs}).values_list(
            "object_id", "threshold"
        )
    )
    return [(obj, threshold) for obj, threshold in pairs if (obj.pk, threshold) not in sent]


def claim(kind: Kind, object_id: int, threshold: int) -> bool:
    """Write the Reminder row; False when another run wrote it first. The unique constraint
    decides: on PostgreSQL a concurrent insert of the same row waits for the first
    transaction and fails once it commits. Inside a savepoint, so losing leaves the caller's
    transaction usable."""
    try:
        with transaction.atomic():
            Reminder.objects.create(kind=kind, object_id=object_id, threshold=threshold)
    except IntegrityError:
        return False
    return True


def send(due: Due) -> bool:
    """Claim the reminder and, only when this run won, notify in the same transaction (so a
    failure leaves neither the row nor the notifications). A reminder with nobody to tell is
    not claimed: it goes out once someone can hear it, while it is still due."""
    notices = [(list(notice.recipients), notice) for notice in due.notices]
    if not any(users for users, _notice in notices):
        return False
    with transaction.atomic():
        if not claim(due.kind, due.object_id, due.threshold):
            return False
        told: set[int] = set()
        for users, notice in notices:
            fresh = [user for user in users if user.pk not in told]
            told.update(user.pk for user in fresh)
            notify(fresh, notice.kind, notice.message, link=notice.link)
    return True


# Recipients -------------------------------------------------------------------------------------


def staff(agencies: Iterable[int], roles: Iterable[str] = EDITING_ROLES) -> QuerySet["User"]:
    """Active members of `agencies` (ids) holding one of `roles`."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__agency__in=list(agencies),
            memberships__role__in=list(roles),
        )
        .distinct()
        .order_by("pk")
    )


def staff_and_reviewers(agency: int) -> QuerySet["User"]:
    """Editors and managers of `agency`, and the reviewers of the leading sectors."""
    return (
        get_user_model()
        .objects.filter(
            Q(memberships__agency=agency, memberships__role__in=EDITING_ROLES)
            | Q(memberships__role=Role.REVIEWER, memberships__agency__is_leading_sector=True),
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


# Words ------------------------------------------------------------------------------------------


def day(date: datetime.date) -> str:
    """A date as the reader writes it ("7 Juni 2026"), in the active language."""
    return formats.date_format(date, "DATE_FORMAT")


def in_days(days: int) -> str:
    return ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days}


def start_of(date: datetime.date) -> datetime.datetime:
    """Midnight at the start of `date` in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))
