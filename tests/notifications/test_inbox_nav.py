"""The unread count in the workspace navigation (issue 15): a link to the inbox on every workspace
page, with the count in words for screen readers; one query per page, whatever the page and
however many notifications there are, and none when nothing is unread to show."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from tests.factories import AgencyFactory
from tests.helpers import member
from tests.notifications.inbox_helpers import many, notification

pytestmark = pytest.mark.django_db

INBOX = reverse("workspace-notifications")
PAGES = ["workspace", "workspace-products", "workspace-notifications",
         "workspace-notification-settings", "password_change"]  # fmt: skip


@pytest.fixture
def editor(client):
    user = member(AgencyFactory(), username="pertanian.editor")
    client.force_login(user)
    return user


def badge(html: str) -> str | None:
    """The navigation link to the inbox, its tags stripped and its spaces squeezed."""
    link = re.search(r'<a href="[^"]*" class="workspace-nav__inbox"[^>]*>(.*?)</a>', html, re.S)
    assert link, "the navigation has no link to the notifications"
    return " ".join(re.sub(r"<[^>]+>", " ", link.group(1)).split())


def unread_filter(sql: str) -> bool:
    """The query keeps the unread only (not merely sorts them first)."""
    where = sql.split("WHERE", 1)[-1].split("ORDER BY", 1)[0]
    return '"read_at" IS NULL' in where


def unread_words(shown: str, count: int) -> str:
    return ngettext("%(shown)s unread", "%(shown)s unread", count) % {"shown": shown}


@pytest.mark.parametrize("name", PAGES)
def test_every_workspace_page_counts_the_unread_in_exactly_one_query(client, editor, name):
    many(editor, 12, read_every=4)  # 9 unread
    notification(member(AgencyFactory()), "Milik orang lain")

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name))

    assert response.status_code == 200
    touching = [q["sql"] for q in captured if "notifications_notification" in q["sql"]]
    unread_counts = [sql for sql in touching if "COUNT(" in sql and unread_filter(sql)]
    assert len(unread_counts) == 1, touching
    if name != "workspace-notifications":  # the inbox also counts and reads its own page
        assert touching == unread_counts
    assert (
        badge(response.content.decode()) == f"{gettext('Notifications')} 9 {unread_words('9', 9)}"
    )


def test_nothing_unread_shows_the_link_without_a_count(client, editor):
    notification(editor, read=True)

    html = client.get(reverse("workspace")).content.decode()

    assert badge(html) == gettext("Notifications")
    assert 'class="nav-count"' not in html


def test_the_count_stops_at_99_plus(client, editor):
    many(editor, 120, read_every=1000)  # all but the first unread: 119

    with CaptureQueriesContext(connection) as captured:
        html = client.get(reverse("workspace")).content.decode()

    assert badge(html) == f"{gettext('Notifications')} 99+ {unread_words('99+', 100)}"
    counting = [q["sql"] for q in captured if "notifications_notification" in q["sql"]]
    assert len(counting) == 1
    assert "LIMIT 100" in counting[0]  # it never counts every unread row


def test_reading_one_lowers_the_count(client, editor):
    first, _second = notification(editor, "Satu"), notification(editor, "Dua")

    response = client.post(reverse("workspace-notification-read", args=[first.pk]), follow=True)

    assert (
        badge(response.content.decode()) == f"{gettext('Notifications')} 1 {unread_words('1', 1)}"
    )
