"""The workspace's notification inbox (/ruang-kerja/notifikasi/, issue 15): a person's own
notifications, unread first; marking one read, opening one (read, then to what it is about),
marking all read; another person's notification is a 404; the page costs the same queries for 1
and for 40 notifications. Each test checks the database after the request."""

import pytest
from django.urls import reverse
from django.utils.translation import ngettext

from notifications.models import Notification
from tests.factories import UserFactory
from tests.notifications.inbox_helpers import many, notification, unread_of
from tests.workspace.helpers import messages_of

pytestmark = pytest.mark.django_db

INBOX = reverse("workspace-notifications")
READ_ALL = reverse("workspace-notifications-read-all")


def read_url(item):
    return reverse("workspace-notification-read", args=[item.pk])


@pytest.fixture
def person(client):
    user = UserFactory(username="pertanian.editor")
    client.force_login(user)
    return user


def shown(response):
    return [item.pk for item in response.context["page"].object_list]


# The list ---------------------------------------------------------------------------------------


def test_unread_come_first_then_the_newest(client, person):
    read_new = notification(person, "Dibaca, baru", read=True, days_ago=0)
    unread_old = notification(person, "Belum dibaca, lama", days_ago=9)
    unread_new = notification(person, "Belum dibaca, baru", days_ago=1)
    read_old = notification(person, "Dibaca, lama", read=True, days_ago=20)

    response = client.get(INBOX)

    assert response.status_code == 200
    assert shown(response) == [unread_new.pk, unread_old.pk, read_new.pk, read_old.pk]
    html = response.content.decode()
    assert html.index("Belum dibaca, baru") < html.index("Dibaca, lama")


def test_only_my_own_notifications_are_listed(client, person):
    mine = notification(person, "Untuk saya")
    notification(UserFactory(), "Untuk orang lain")

    response = client.get(INBOX)

    assert shown(response) == [mine.pk]
    assert "Untuk orang lain" not in response.content.decode()


def test_the_unread_state_is_said_in_words_not_only_by_colour(client, person):
    notification(person, "Satu belum dibaca")
    notification(person, "Satu sudah dibaca", read=True)

    html = client.get(INBOX).content.decode()

    assert html.count('class="inbox__state inbox__state--unread"') == 1
    assert html.count('class="inbox__state"') == 1


def test_a_long_inbox_is_paged(client, person):
    many(person, 35)

    first = client.get(INBOX)
    second = client.get(INBOX, {"page": 2})

    assert len(shown(first)) == 30
    assert len(shown(second)) == 5
    assert not set(shown(first)) & set(shown(second))


def test_the_page_is_for_signed_in_people_only(client):
    response = client.get(INBOX)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("count", [1, 40])
def test_the_inbox_costs_the_same_queries_for_1_or_40_notifications(
    client, person, django_assert_num_queries, count
):
    many(person, count)

    # session, user, the page's count, the unread count of the navigation, the user's and their
    # groups' permissions (the navigation asks one), the agencies the person manages (the
    # navigation's members links), the page of notifications
    with django_assert_num_queries(8):
        response = client.get(INBOX)

    assert len(shown(response)) == min(count, 30)


# Marking read -----------------------------------------------------------------------------------


def test_mark_read_marks_that_one_only_and_goes_back(client, person):
    first, second = notification(person, "Pertama"), notification(person, "Kedua")

    response = client.post(read_url(first), {"next": f"{INBOX}?page=1"})

    assert response.status_code == 302
    assert response.url == f"{INBOX}?page=1"
    assert unread_of(person) == {second.pk}
    first.refresh_from_db()
    assert first.read_at is not None


def test_opening_a_notification_marks_it_read_and_goes_to_its_link(client, person):
    item = notification(person, link="/ruang-kerja/usulan/7/")

    response = client.post(read_url(item), {"buka": "1"})

    assert response.status_code == 302
    assert response.url == "/ruang-kerja/usulan/7/"
    assert unread_of(person) == set()


def test_opening_a_read_notification_keeps_when_it_was_read(client, person):
    item = notification(person, read=True)
    first_read = item.read_at

    client.post(read_url(item), {"buka": "1"})

    item.refresh_from_db()
    assert item.read_at == first_read


@pytest.mark.parametrize("link", ["https://contoh.example/", "//contoh.example/x", ""])
def test_opening_never_leaves_the_portal(client, person, link):
    item = notification(person, link=link)

    response = client.post(read_url(item), {"buka": "1", "next": "https://contoh.example/"})

    assert response.status_code == 302
    assert response.url == INBOX
    assert unread_of(person) == set()


def test_another_persons_notification_is_not_found_and_stays_unread(client, person):
    theirs = notification(UserFactory(), "Bukan milik saya")

    response = client.post(read_url(theirs), {"buka": "1"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_takes_a_post_only(client, person):
    item = notification(person)

    response = client.get(read_url(item))

    assert response.status_code == 405
    assert unread_of(person) == {item.pk}


def test_mark_all_read_marks_mine_only_and_says_how_many(client, person):
    mine = [notification(person, f"Milik saya {n}") for n in range(3)]
    already = notification(person, "Sudah dibaca", read=True)
    before = Notification.objects.get(pk=already.pk).read_at
    theirs = notification(UserFactory(), "Milik orang lain")

    response = client.post(READ_ALL, follow=True)

    assert response.redirect_chain == [(INBOX, 302)]
    assert unread_of(person) == set()
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert Notification.objects.get(pk=already.pk).read_at == before
    expected = ngettext(
        "%(count)s notification marked read.", "%(count)s notifications marked read.", 3
    ) % {"count": 3}
    assert expected in messages_of(response)
    assert len(mine) == 3


def test_anonymous_marking_is_sent_to_sign_in_and_changes_nothing(client):
    item = notification(UserFactory())

    for address in (read_url(item), READ_ALL):
        response = client.post(address)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    item.refresh_from_db()
    assert item.read_at is None
