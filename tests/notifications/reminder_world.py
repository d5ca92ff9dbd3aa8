"""A small world for the reminder tests (a plain helper module: test modules import it, never
each other). Agencies with staff in every role that matters, so each test can check that the
right people — and only they — are told."""

import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model

from agencies.models import Role
from catalog.models import Collaboration
from notifications.models import Notification, Reminder
from reminders.base import start_of
from reminders.daily import send_all
from tests.factories import AgencyFactory, CollaborationFactory, ProductFactory
from tests.helpers import member

#: The day the tests pretend it is: far from the real one, so nothing depends on the clock.
DAY = datetime.date(2031, 5, 20)


def days(n: int) -> datetime.date:
    return DAY + datetime.timedelta(days=n)


def moment(date: datetime.date, hour: int = 10) -> datetime.datetime:
    return start_of(date) + datetime.timedelta(hours=hour)


def build() -> SimpleNamespace:
    """Dinas Pertanian (`owner`) curates a product that Diskop UKM (`collaborator`, a leading
    sector) co-curates and DKP (`invited`) was invited to (pending); Dinas Pariwisata
    (`foreign`) has nothing to do with it; Disperindag (`leading`) has a reviewer."""
    owner = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian")
    collaborator = AgencyFactory(
        slug="dinas-koperasi-ukm", name="Dinas Koperasi dan UKM", is_leading_sector=True
    )
    invited = AgencyFactory(slug="dinas-kelautan-perikanan", name="Dinas Kelautan dan Perikanan")
    foreign = AgencyFactory(slug="dinas-pariwisata", name="Dinas Pariwisata")
    leading = AgencyFactory(slug="disperindag", name="Disperindag", is_leading_sector=True)
    people = {
        "owner_editor": member(owner, username="pertanian.editor"),
        "owner_manager": member(owner, Role.MANAGER, username="pertanian.manager"),
        "collab_editor": member(collaborator, username="koperasi.editor"),
        "collab_manager": member(collaborator, Role.MANAGER, username="koperasi.manager"),
        "collab_reviewer": member(collaborator, Role.REVIEWER, username="koperasi.reviewer"),
        "invited_editor": member(invited, username="kelautan.editor"),
        "invited_manager": member(invited, Role.MANAGER, username="kelautan.manager"),
        "foreign_editor": member(foreign, username="pariwisata.editor"),
        "foreign_manager": member(foreign, Role.MANAGER, username="pariwisata.manager"),
        "reviewer": member(leading, Role.REVIEWER, username="disperindag.reviewer"),
    }
    product = ProductFactory(name="Lada Putih Muntok", owner_agency=owner)
    CollaborationFactory(product=product, agency=collaborator, note="pendampingan halal")
    invitation = CollaborationFactory(
        product=product, agency=invited, status=Collaboration.Status.PENDING
    )
    return SimpleNamespace(
        owner=owner,
        collaborator=collaborator,
        invited=invited,
        foreign=foreign,
        leading=leading,
        product=product,
        invitation=invitation,
        people=people,
    )


def told(kind: str, since: int = 0) -> list[str]:
    """Usernames of the notifications of `kind` with a primary key above `since`, sorted."""
    found = Notification.objects.filter(kind=kind, pk__gt=since)
    return sorted(found.values_list("recipient__username", flat=True))


def last_notification() -> int:
    return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def thresholds(kind: str, object_id: int) -> list[int]:
    return sorted(
        Reminder.objects.filter(kind=kind, object_id=object_id).values_list("threshold", flat=True)
    )


def walk(
    kind: str,
    object_id: int,
    days_at: dict[int, datetime.date],
    recipients: list[str],
    notification_kind: str | None = None,
) -> None:
    """For each threshold, tightest last: the day before it sends nothing; on it, one reminder
    at that threshold, told to exactly `recipients` (usernames)."""
    notification_kind = notification_kind or kind
    sent: list[int] = []
    for threshold, on in sorted(days_at.items(), key=lambda item: item[1]):
        assert send_all(on - datetime.timedelta(days=1))[kind] == 0, (threshold, "day before")
        assert thresholds(kind, object_id) == sorted(sent)
        since = last_notification()
        assert send_all(on)[kind] == 1, threshold
        sent.append(threshold)
        assert thresholds(kind, object_id) == sorted(sent)
        assert told(notification_kind, since) == sorted(recipients), threshold


def usernames(world: SimpleNamespace, *keys: str) -> list[str]:
    return sorted(world.people[key].username for key in keys)


def invitee(email: str):
    """An account made by an e-mail invitation: no usable password yet."""
    user = get_user_model()(username=email, email=email)
    user.set_unusable_password()
    user.save()
    return user
