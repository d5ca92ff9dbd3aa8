"""The notification settings page (/ruang-kerja/notifikasi/pengaturan/, issue 15): per kind an
e-mail at once, the daily digest or no e-mail, and the language; what is saved is what `notify`
then does (the notification itself always exists, in the chosen language)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from notifications.models import Delivery, Kind, Notification, Preference, Reader
from notifications.services import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = reverse("workspace-notification-settings")


@pytest.fixture
def person(client):
    user = UserFactory(username="pertanian.editor", email="editor@distan.example")
    client.force_login(user)
    return user


def form_data(language="id", **deliveries):
    """Every kind by e-mail at once, but those named."""
    return {
        "language": language,
        **{kind: deliveries.get(kind, "immediate") for kind in Kind.values},
    }


def saved(user) -> dict[str, str]:
    return dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))


def message():
    return gettext("Products"), gettext("Collaborations")


def test_the_page_offers_every_kind_with_three_choices_and_the_language(client, person):
    response = client.get(SETTINGS)

    assert response.status_code == 200
    form = response.context["form"]
    assert [field.name for field in form.kind_fields()] == Kind.values
    assert all(form[kind].value() == Delivery.IMMEDIATE for kind in Kind.values)
    assert form["language"].value() == "id"
    html = response.content.decode()
    assert html.count("<fieldset") == len(Kind.values)
    assert html.count('type="radio"') == 3 * len(Kind.values)
    assert f'<label for="{form["language"].id_for_label}"' in html


def test_saving_keeps_each_kind_and_the_language(client, person):
    data = form_data("en", nomination_moved="digest", certificate_expiring="none")

    response = client.post(SETTINGS, data)

    assert response.status_code == 302
    assert response.url == SETTINGS
    assert Reader.objects.get(user=person).language == "en"
    assert saved(person) == {
        **{kind: "immediate" for kind in Kind.values},
        "nomination_moved": "digest",
        "certificate_expiring": "none",
    }
    again = client.get(SETTINGS).context["form"]
    assert again["nomination_moved"].value() == "digest"
    assert again["language"].value() == "en"


@pytest.mark.parametrize(
    "change", [{"nomination_moved": "weekly"}, {"language": "fr"}, {"invited": ""}]
)
def test_a_wrong_choice_saves_nothing(client, person, change):
    response = client.post(SETTINGS, {**form_data(), **change})

    assert response.status_code == 200
    assert next(iter(change)) in response.context["form"].errors
    assert saved(person) == {}
    assert not Reader.objects.filter(user=person).exists()


def test_the_settings_belong_to_the_signed_in_person_only(client, person):
    other = UserFactory()

    client.post(SETTINGS, {**form_data("en", invited="none"), "user": other.pk})

    assert saved(other) == {}
    assert not Reader.objects.filter(user=other).exists()
    assert saved(person)["invited"] == "none"


def test_anonymous_is_sent_to_sign_in(client):
    response = client.post(SETTINGS, form_data())

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Preference.objects.exists()


# What notify then does --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delivery", "mails", "state"),
    [("immediate", 1, "sent"), ("digest", 0, "digest"), ("none", 0, "not_sent")],
)
def test_notify_follows_the_saved_delivery(
    client, person, django_capture_on_commit_callbacks, delivery, mails, state
):
    client.post(SETTINGS, form_data(nomination_moved=delivery))

    with django_capture_on_commit_callbacks(execute=True):
        notify([person], Kind.NOMINATION_MOVED, message, link="/ruang-kerja/usulan/1/")

    assert len(mail.outbox) == mails
    item = Notification.objects.get(recipient=person)
    assert item.mail == state
    assert item.read_at is None
    # the other kinds still come at once
    with django_capture_on_commit_callbacks(execute=True):
        notify([person], Kind.INVITED, message)
    assert len(mail.outbox) == mails + 1


def test_the_chosen_language_writes_the_next_notification(
    client, person, django_capture_on_commit_callbacks
):
    with translation.override("id"):
        in_indonesian = message()
    with translation.override("en"):
        in_english = message()
    assert in_indonesian != in_english  # else this test could not fail

    client.post(SETTINGS, form_data("en"))
    with django_capture_on_commit_callbacks(execute=True):
        notify([person], Kind.COLLABORATION_INVITED, message)
    client.post(SETTINGS, form_data("id"))
    with django_capture_on_commit_callbacks(execute=True):
        notify([person], Kind.COLLABORATION_INVITED, message)

    first, second = Notification.objects.filter(recipient=person).order_by("pk")
    assert (first.title, first.body, first.language) == (*in_english, "en")
    assert (second.title, second.body, second.language) == (*in_indonesian, "id")
    assert [m.subject for m in mail.outbox] == [in_english[0], in_indonesian[0]]


def test_whoever_took_the_step_is_not_told_of_it(person, django_capture_on_commit_callbacks):
    colleague = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        notify([person, colleague], Kind.NOMINATION_MOVED, message, actor_id=person.pk)

    assert list(Notification.objects.values_list("recipient", flat=True)) == [colleague.pk]
