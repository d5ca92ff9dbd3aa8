"""The notifications API under /api/v1/ (issue 15): `notifications/` (own only, unread first,
paginated, `?unread=`), `notifications/<id>/read/`, `notifications/read-all/` and
`notifications/preferences/` (GET, PUT). Another person's notification is a 404; anonymous is a
401 asking for a token; bad preferences are a 400 with field errors and change nothing. Each test
checks the database after the request."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from notifications.models import Kind, Notification, Preference, Reader
from notifications.services import notify
from tests.factories import UserFactory
from tests.notifications.inbox_helpers import many, notification, unread_of

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"
READ_ALL = "/api/v1/notifications/read-all/"
PREFERENCES = "/api/v1/notifications/preferences/"


def read_url(item) -> str:
    return f"/api/v1/notifications/{item.pk}/read/"


@pytest.fixture
def person():
    return UserFactory(username="pertanian.editor", email="editor@distan.example")


@pytest.fixture
def api(person):
    """A client with the person's token, as an app sends it."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=person).key}")
    return client


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def put(api, body):
    return api.put(PREFERENCES, json.dumps(body), content_type="application/json")


# Reading ----------------------------------------------------------------------------------------


def test_the_list_is_mine_unread_first_then_newest(api, person):
    read_new = notification(person, "Dibaca, baru", read=True, days_ago=0)
    unread_old = notification(person, "Belum dibaca, lama", days_ago=5)
    unread_new = notification(person, "Belum dibaca, baru", days_ago=1)
    notification(UserFactory(), "Milik orang lain")

    response = api.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert ids(response) == [unread_new.pk, unread_old.pk, read_new.pk]
    first = body["results"][0]
    assert first["title"] == "Belum dibaca, baru"
    assert (first["kind"], first["unread"], first["read_at"]) == ("nomination_moved", True, None)
    assert first["link"] == "/ruang-kerja/usulan/1/"
    assert body["results"][2]["unread"] is False


@pytest.mark.parametrize(("value", "expected"), [("true", "unread"), ("false", "read")])
def test_the_unread_filter(api, person, value, expected):
    unread, read = notification(person), notification(person, read=True)

    response = api.get(LIST, {"unread": value})

    assert ids(response) == [unread.pk if expected == "unread" else read.pk]


def test_a_filter_value_that_is_no_boolean_is_a_400(api, person):
    notification(person)

    response = api.get(LIST, {"unread": "barangkali"})

    assert response.status_code == 400
    assert "unread" in response.json()


def test_the_list_is_paged_like_every_list(api, person):
    many(person, 30)

    first = api.get(LIST, {"page_size": 20})
    second = api.get(LIST, {"page_size": 20, "page": 2})

    assert first.json()["count"] == 30
    assert len(ids(first)) == 20 and len(ids(second)) == 10
    assert first.json()["next"] and second.json()["next"] is None


@pytest.mark.parametrize("count", [1, 40])
def test_the_list_costs_the_same_queries_for_1_or_40(api, person, django_assert_num_queries, count):
    many(person, count)

    # the token and its user, the page's count, the page of notifications
    with django_assert_num_queries(3):
        response = api.get(LIST)

    assert len(ids(response)) == min(count, 24)


def test_another_persons_notification_is_not_found(api):
    theirs = notification(UserFactory(), "Bukan milik saya")

    assert api.get(f"{LIST}{theirs.pk}/").status_code == 404
    response = api.post(read_url(theirs))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize(
    ("method", "address"),
    [("get", LIST), ("post", READ_ALL), ("get", PREFERENCES), ("put", PREFERENCES),
     ("post", "read")],
)  # fmt: skip
def test_anonymous_is_asked_for_a_token_and_changes_nothing(method, address):
    item = notification(UserFactory())
    address = read_url(item) if address == "read" else address

    response = getattr(APIClient(), method)(address, {}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    item.refresh_from_db()
    assert item.read_at is None
    assert not Preference.objects.exists() and not Reader.objects.exists()


def test_a_signed_in_session_works_too(client, person):
    mine = notification(person)
    client.force_login(person)

    assert [row["id"] for row in client.get(LIST).json()["results"]] == [mine.pk]


# Marking read -----------------------------------------------------------------------------------


def test_read_marks_that_one_and_answers_it(api, person):
    first, second = notification(person, "Pertama"), notification(person, "Kedua")

    response = api.post(read_url(first))

    assert response.status_code == 200
    assert response.json()["id"] == first.pk
    assert response.json()["unread"] is False
    assert response.json()["read_at"] is not None
    assert unread_of(person) == {second.pk}


def test_read_twice_keeps_when_it_was_first_read(api, person):
    item = notification(person, read=True)
    before = item.read_at

    assert api.post(read_url(item)).status_code == 200

    item.refresh_from_db()
    assert item.read_at == before


def test_read_all_marks_mine_and_answers_how_many(api, person):
    many(person, 6, read_every=3)  # 4 unread
    theirs = notification(UserFactory())

    response = api.post(READ_ALL)

    assert response.status_code == 200
    assert response.json() == {"count": 4}
    assert unread_of(person) == set()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert api.post(READ_ALL).json() == {"count": 0}


def test_reading_is_a_post(api, person):
    item = notification(person)

    assert api.get(read_url(item)).status_code == 405
    assert api.get(READ_ALL).status_code == 405
    assert unread_of(person) == {item.pk}


# Preferences ------------------------------------------------------------------------------------


def test_the_preferences_start_with_every_kind_by_email_at_once(api):
    response = api.get(PREFERENCES)

    assert response.status_code == 200
    assert response.json() == {
        "language": "id",
        "deliveries": {kind: "immediate" for kind in Kind.values},
    }


def test_put_saves_the_language_and_the_kinds_it_names(api, person):
    Preference.objects.create(user=person, kind=Kind.INVITED, delivery="none")

    response = put(
        api, {"language": "en", "deliveries": {"nomination_moved": "digest", "report_due": "none"}}
    )

    assert response.status_code == 200
    expected = {kind: "immediate" for kind in Kind.values} | {
        "nomination_moved": "digest", "report_due": "none", "invited": "none",
    }  # fmt: skip
    assert response.json() == {"language": "en", "deliveries": expected}
    assert Reader.objects.get(user=person).language == "en"
    assert dict(Preference.objects.filter(user=person).values_list("kind", "delivery")) == {
        "nomination_moved": "digest", "report_due": "none", "invited": "none",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"language": "fr", "deliveries": {}}, "language"),
        ({"language": "en", "deliveries": {"nomination_moved": "weekly"}}, "deliveries"),
        ({"language": "en", "deliveries": {"unknown_kind": "none"}}, "deliveries"),
        ({"language": "en", "deliveries": "none"}, "deliveries"),
        ({"deliveries": {"invited": "none"}}, "language"),
        ({"language": "en"}, "deliveries"),
        ({"language": "en", "deliveries": {}, "user": 1}, "user"),
    ],
)
def test_bad_preferences_are_a_400_with_field_errors_and_change_nothing(api, person, body, field):
    response = put(api, body)

    assert response.status_code == 400
    # A nested field's errors are named by their path (`deliveries.invited`), as documented.
    assert any(key.split(".")[0] == field for key in response.json()), response.json()
    assert all(isinstance(messages, list) for messages in response.json().values())
    assert not Preference.objects.filter(user=person).exists()
    assert not Reader.objects.filter(user=person).exists()


def test_a_bad_delivery_names_its_kind(api):
    response = put(api, {"language": "en", "deliveries": {"invited": "weekly"}})

    assert list(response.json()) == ["deliveries.invited"]
    assert isinstance(response.json()["deliveries.invited"][0], str)


@pytest.mark.parametrize(
    ("delivery", "mails", "state"),
    [("immediate", 1, "sent"), ("digest", 0, "digest"), ("none", 0, "not_sent")],
)
def test_notify_follows_what_the_api_saved(
    api, person, django_capture_on_commit_callbacks, delivery, mails, state
):
    put(api, {"language": "id", "deliveries": {"certificate_expiring": delivery}})

    with django_capture_on_commit_callbacks(execute=True):
        notify([person], Kind.CERTIFICATE_EXPIRING, lambda: ("Sertifikat habis", ""))

    assert len(mail.outbox) == mails
    assert Notification.objects.get(recipient=person).mail == state


# The schema -------------------------------------------------------------------------------------

OPERATIONS = {
    ("GET", "/api/v1/notifications/"): "200 400 401 404 429",
    ("GET", "/api/v1/notifications/{id}/"): "200 401 404 429",
    ("POST", "/api/v1/notifications/{id}/read/"): "200 401 404 422 429",
    ("POST", "/api/v1/notifications/read-all/"): "200 401 422 429",
    ("GET", "/api/v1/notifications/preferences/"): "200 401 429",
    ("PUT", "/api/v1/notifications/preferences/"): "200 400 401 413 415 429",
}


def test_the_schema_documents_every_operation_with_its_answers():
    response = APIClient().get(
        reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    schema = json.loads(response.content)
    validate_schema(schema)

    documented = {
        (method.upper(), path): " ".join(sorted(operation["responses"]))
        for path, operations in schema["paths"].items()
        if path.startswith("/api/v1/notifications/")
        for method, operation in operations.items()
    }
    assert documented == OPERATIONS
    parameters = schema["paths"]["/api/v1/notifications/"]["get"]["parameters"]
    unread = next(parameter for parameter in parameters if parameter["name"] == "unread")
    assert unread["schema"] == {"type": "boolean"}
    deliveries = schema["components"]["schemas"]["DeliveriesRequest"]["properties"]
    assert set(deliveries) == set(Kind.values)
    enums = schema["components"]["schemas"]
    assert enums["NotificationDeliveryEnum"]["enum"] == ["immediate", "digest", "none"]


def test_drf_spectacular_warns_of_nothing_in_the_notifications():
    GENERATOR_STATS.reset()
    try:
        SchemaGenerator().get_schema(request=None, public=True)
        warnings = [
            message
            for message in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
            if "Notification" in message or "Preferences" in message or "Deliver" in message
        ]
    finally:
        GENERATOR_STATS.reset()

    assert warnings == []
