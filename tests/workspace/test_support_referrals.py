"""Referrals in the workspace: the inbox (incoming and outgoing for my agencies, everything for
administrators, overdue first), sending one, and the steps (the receiving agency accepts,
declines, completes; the sending agency cancels); the database is checked after every request,
refusals and second answers included."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.models import Referral
from tests.factories import BusinessFactory, ReferralFactory, stage
from tests.workspace.helpers import as_user, assert_sent_to_login, messages_of, url

R = Referral.Status


@pytest.fixture
def referral(world):
    """Dinas Pertanian refers "Lada Mentok Jaya" to Diskop for its P-IRT."""
    return ReferralFactory(
        business=world.business,
        from_agency=world.owner,
        to_agency=world.collaborator,
        stage=stage("perizinan"),
        reason="Perlu pendampingan P-IRT",
        sent_by=world.people["owner_editor"],
    )


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def shown(response):
    return [row.pk for row, _steps in response.context["rows"]]


# The inbox --------------------------------------------------------------------------------------


def test_incoming_and_outgoing_are_relative_to_my_agencies(client, world, referral):
    client.force_login(world.people["collab_editor"])

    incoming = client.get(url("workspace-referrals"))
    outgoing = client.get(url("workspace-referrals") + "?kotak=keluar")

    assert shown(incoming) == [referral.pk] and shown(outgoing) == []
    assert incoming.context["waiting"] == 1
    client.force_login(world.people["owner_editor"])
    assert shown(client.get(url("workspace-referrals"))) == []
    assert shown(client.get(url("workspace-referrals") + "?kotak=keluar")) == [referral.pk]


def test_administrators_see_every_referral_and_others_cannot_ask(client, world, referral):
    theirs = ReferralFactory(from_agency=world.foreign, to_agency=world.other)
    client.force_login(world.people["administrator"])

    response = client.get(url("workspace-referrals"))

    assert response.context["tab"] == "semua"
    assert set(shown(response)) == {referral.pk, theirs.pk}
    client.force_login(world.people["collab_editor"])
    assert client.get(url("workspace-referrals") + "?kotak=semua").status_code == 404


def test_overdue_referrals_come_first_and_are_marked(client, world, referral):
    today = timezone.localdate()
    overdue = ReferralFactory(
        business=BusinessFactory(name="Kopi Manggar"),
        from_agency=world.foreign,
        to_agency=world.collaborator,
        due_on=today - datetime.timedelta(days=3),
    )
    answered = ReferralFactory(
        from_agency=world.other,
        to_agency=world.collaborator,
        status=R.ACCEPTED,
        answered_at=timezone.now(),
        due_on=today - datetime.timedelta(days=9),
    )
    client.force_login(world.people["collab_editor"])

    response = client.get(url("workspace-referrals"))

    assert shown(response) == [overdue.pk, referral.pk, answered.pk]
    html = response.content.decode()
    assert html.count("status--overdue") == 1 and "referral-row--overdue" in html


def test_the_inbox_filters_by_status_stage_and_name(client, world, referral):
    done = ReferralFactory(
        business=world.foreign_business,
        from_agency=world.foreign,
        to_agency=world.collaborator,
        status=R.DECLINED,
        answered_at=timezone.now(),
    )
    client.force_login(world.people["collab_editor"])

    def rows(query):
        return shown(client.get(url("workspace-referrals") + query))

    assert rows("?status=terbuka") == [referral.pk]
    assert rows("?status=declined") == [done.pk]
    assert rows("?tahap=perizinan") == [referral.pk]
    assert rows("?q=kopi") == [done.pk]
    assert client.get(url("workspace-referrals") + "?status=nope").context["form"].errors


def test_each_row_offers_only_the_steps_allowed(client, world, referral):
    client.force_login(world.people["collab_editor"])
    receiver = client.get(url("workspace-referrals")).content.decode()
    client.force_login(world.people["owner_editor"])
    sender = client.get(url("workspace-referrals") + "?kotak=keluar").content.decode()

    assert url("workspace-referral-terima", referral.pk) in receiver
    assert f"{url('workspace-referral', referral.pk)}#decline" in receiver
    assert f"{url('workspace-referral', referral.pk)}#cancel" not in receiver
    assert url("workspace-referral-terima", referral.pk) not in sender
    assert f"{url('workspace-referral', referral.pk)}#cancel" in sender


def test_the_inbox_and_a_referral_cost_the_same_queries_for_2_or_16_rows(client, world, referral):
    """The steps of the rows are asked once per (status, sender, receiver), not once per row."""
    client.force_login(world.people["collab_editor"])

    def add(number, status):
        ReferralFactory(
            business=BusinessFactory(name=f"Usaha {number}"),
            from_agency=world.owner,
            to_agency=world.collaborator,
            status=status,
            answered_at=timezone.now() if status != R.SENT else None,
        )

    add(0, R.ACCEPTED)
    pages = [url("workspace-referrals"), url("workspace-referral", referral.pk)]
    two = [queries(client, page) for page in pages]
    for number in range(1, 15):
        add(number, R.ACCEPTED if number % 2 else R.SENT)

    sixteen = [queries(client, page) for page in pages]

    assert two == sixteen
    assert max(sixteen) <= 16


def test_anonymous_people_are_sent_to_sign_in(client, world, referral):
    assert_sent_to_login(client.get(url("workspace-referrals")))
    assert_sent_to_login(client.post(url("workspace-referral-terima", referral.pk)))
    referral.refresh_from_db()
    assert referral.status == R.SENT


# Sending ----------------------------------------------------------------------------------------


def sent(world, **changes):
    data = {
        "business": world.business.pk,
        "from_agency": world.collaborator.pk,
        "to_agency": world.leading.pk,
        "stage": stage("pemasaran").pk,
        "reason": "Siap ikut pameran",
        "due_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
    }
    data.update(changes)
    return data


SEND = {"collab_editor": 302, "owner_editor": 200, "reviewer": 403, "administrator": 302}


@pytest.mark.parametrize("who", SEND)
def test_send_a_referral(client, world, who):
    response = as_user(client, world, who).post(url("workspace-referral-create"), sent(world))

    assert response.status_code == SEND[who]
    made = Referral.objects.filter(business=world.business)
    if SEND[who] != 302:
        assert not made.exists()
        return
    referral = made.get()
    assert response.url == url("workspace-referral", referral.pk)
    assert (referral.from_agency, referral.to_agency) == (world.collaborator, world.leading)
    assert (referral.status, referral.sent_by) == (R.SENT, world.people[who])


def test_the_form_defaults_the_sender_and_the_due_date(client, world):
    client.force_login(world.people["collab_editor"])

    response = client.get(url("workspace-referral-create") + f"?umkm={world.business.slug}")

    form = response.context["form"]
    assert form["from_agency"].is_hidden
    assert form["due_on"].value() == timezone.localdate() + datetime.timedelta(days=14)
    assert world.collaborator not in form.fields["to_agency"].queryset
    assert response.context["picker"].chosen == [world.business]


def test_a_referral_to_ones_own_agency_is_a_field_error(client, world):
    client.force_login(world.people["collab_editor"])

    response = client.post(
        url("workspace-referral-create"), sent(world, to_agency=world.collaborator.pk)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["to_agency"]
    assert not Referral.objects.exists()


def test_a_sender_of_two_agencies_cannot_refer_to_the_same_one(client, world):
    client.force_login(world.people["owner_editor"])  # Dinas Pertanian and Dinas Perhubungan

    response = client.post(
        url("workspace-referral-create"),
        sent(world, from_agency=world.second.pk, to_agency=world.second.pk),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["to_agency"]
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"due_on": "2020-01-01"},
        {"reason": ""},
        {"business": ""},
        {"stage": "999999"},
        {"due_on": "besok"},
    ],
)
def test_bad_input_is_a_field_error_and_sends_nothing(client, world, changes):
    client.force_login(world.people["collab_editor"])

    response = client.post(url("workspace-referral-create"), sent(world, **changes))

    assert response.status_code == 200
    assert set(response.context["form"].errors) == set(changes)
    assert not Referral.objects.exists()


# Steps ------------------------------------------------------------------------------------------

ANSWER = {
    "collab_editor": 302,
    "collab_manager": 302,
    "owner_editor": 403,  # the sender only cancels
    "foreign_editor": 403,
    "reviewer": 403,
    "administrator": 302,
}


@pytest.mark.parametrize("who", ANSWER)
def test_the_receiving_agency_accepts(client, world, referral, who):
    response = as_user(client, world, who).post(
        url("workspace-referral-terima", referral.pk), {"note": "Kami jadwalkan"}
    )

    assert response.status_code == ANSWER[who]
    referral.refresh_from_db()
    if ANSWER[who] == 302:
        assert (referral.status, referral.answered_by) == (R.ACCEPTED, world.people[who])
        assert referral.answer_note == "Kami jadwalkan"
    else:
        assert (referral.status, referral.answered_by) == (R.SENT, None)


def test_declining_needs_a_reason(client, world, referral):
    client.force_login(world.people["collab_editor"])

    response = client.post(url("workspace-referral-tolak", referral.pk), {"note": ""})

    assert response.status_code == 200
    assert [step for step, *_rest in response.context["steps"]] == ["accept", "decline"]
    assert response.context["steps"][1][3].errors["note"]
    referral.refresh_from_db()
    assert referral.status == R.SENT


def test_declining_with_a_reason(client, world, referral):
    client.force_login(world.people["collab_editor"])

    client.post(url("workspace-referral-tolak", referral.pk), {"note": "Bukan kewenangan kami"})

    referral.refresh_from_db()
    assert (referral.status, referral.answer_note) == (R.DECLINED, "Bukan kewenangan kami")


def test_a_second_answer_is_refused_with_the_reason(client, world, referral):
    client.force_login(world.people["collab_editor"])
    client.post(url("workspace-referral-terima", referral.pk))
    client.force_login(world.people["collab_manager"])

    response = client.post(url("workspace-referral-tolak", referral.pk), {"note": "Terlambat"})

    assert response.status_code == 302
    assert messages_of(response)
    referral.refresh_from_db()
    assert (referral.status, referral.answered_by) == (R.ACCEPTED, world.people["collab_editor"])


def test_an_accepted_referral_is_completed_by_the_receiver(client, world, referral):
    client.force_login(world.people["collab_editor"])
    client.post(url("workspace-referral-terima", referral.pk))

    response = client.post(
        url("workspace-referral-selesai", referral.pk),
        {"note": "P-IRT terbit", "next": url("workspace-referrals")},
    )

    assert response.url == url("workspace-referrals")
    referral.refresh_from_db()
    assert (referral.status, referral.completion_note) == (R.COMPLETED, "P-IRT terbit")
    assert referral.completed_by == world.people["collab_editor"]


CANCEL = {"owner_editor": 302, "collab_editor": 403, "foreign_editor": 403}


@pytest.mark.parametrize("who", CANCEL)
def test_the_sending_agency_cancels_with_a_reason(client, world, referral, who):
    response = as_user(client, world, who).post(
        url("workspace-referral-batalkan", referral.pk), {"note": "Sudah ditangani sendiri"}
    )

    assert response.status_code == CANCEL[who]
    referral.refresh_from_db()
    if CANCEL[who] == 302:
        assert (referral.status, referral.cancelled_by) == (R.CANCELLED, world.people[who])
        assert referral.cancel_note == "Sudah ditangani sendiri"
    else:
        assert referral.status == R.SENT


def test_cancelling_needs_a_reason_and_a_completed_one_is_not_cancelled(client, world, referral):
    client.force_login(world.people["owner_editor"])

    empty = client.post(url("workspace-referral-batalkan", referral.pk), {"note": " "})
    Referral.objects.filter(pk=referral.pk).update(
        status=R.COMPLETED, answered_at=timezone.now(), completed_at=timezone.now()
    )
    late = client.post(url("workspace-referral-batalkan", referral.pk), {"note": "Batal"})

    assert empty.status_code == 200 and late.status_code == 302
    assert messages_of(late)
    referral.refresh_from_db()
    assert (referral.status, referral.cancel_note) == (R.COMPLETED, "")


def test_the_page_shows_the_trail_and_the_steps_of_the_person(client, world, referral):
    client.force_login(world.people["collab_editor"])
    client.post(url("workspace-referral-terima", referral.pk), {"note": "Kami jadwalkan"})

    receiver = client.get(url("workspace-referral", referral.pk))
    client.force_login(world.people["owner_editor"])
    sender = client.get(url("workspace-referral", referral.pk))

    assert [step for step, *_rest in receiver.context["steps"]] == ["complete"]
    assert [step for step, *_rest in sender.context["steps"]] == ["cancel"]
    assert "Kami jadwalkan" in sender.content.decode()


def test_a_referral_of_no_one_is_404(client, world):
    client.force_login(world.people["collab_editor"])

    assert client.get(url("workspace-referral", 999999)).status_code == 404
    assert client.post(url("workspace-referral-terima", 999999)).status_code == 404


def test_a_step_is_post_only(client, world, referral):
    client.force_login(world.people["collab_editor"])

    assert client.get(url("workspace-referral-terima", referral.pk)).status_code == 405
    referral.refresh_from_db()
    assert referral.status == R.SENT
