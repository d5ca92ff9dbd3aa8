"""With the demo data, `manage.py send_reminders` right after `seed_demo` sends reminders of
every kind, and a second run sends none (issue 15, "done when")."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from catalog.models import Collaboration
from notifications.models import Notification, Reminder
from reminders.daily import KINDS

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """`seed_demo` once for the module, in a transaction rolled back when it ends."""
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast, RENDITIONS_ON_SAVE=False),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def counts(out: str) -> dict[str, int]:
    pairs = (line.split(": ") for line in out.splitlines() if ": " in line)
    return {kind: int(count) for kind, count in pairs if kind in KINDS}


def test_the_demo_has_a_reminder_of_every_kind_and_a_second_run_sends_none(demo):
    first, second = StringIO(), StringIO()

    call_command("send_reminders", stdout=first)
    reminders, notifications = Reminder.objects.count(), Notification.objects.count()
    call_command("send_reminders", stdout=second)

    sent = counts(first.getvalue())
    assert set(sent) == set(KINDS)
    assert all(count > 0 for count in sent.values()), sent
    assert sum(sent.values()) == reminders
    assert set(counts(second.getvalue()).values()) == {0}
    assert (Reminder.objects.count(), Notification.objects.count()) == (reminders, notifications)


def test_seeding_again_adds_no_second_invitation_or_invitee(demo):
    pending = Collaboration.objects.pending().count()
    users = get_user_model().objects.count()

    call_command("seed_demo", stdout=StringIO())

    assert Collaboration.objects.pending().count() == pending >= 1
    assert get_user_model().objects.count() == users
