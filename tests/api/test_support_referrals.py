"""Referrals in the API (DESIGN §8): sent from one's agency to another, answered by the receiving
agency (accept, decline, complete), cancelled by the sender; 403 before 409 before 400, and when
two people answer at the same moment exactly one wins."""

import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection, connections
from django.utils import timezone

from support.models import Referral
from support.services import referrals
from tests.api.support_helpers import outsider_client, queries_for, url
from tests.factories import BusinessFactory, MembershipFactory, ReferralFactory
from umkm_portal.services import NotAllowedNow

R = Referral.Status


@pytest.fixture
def sent(world):
    """Dinas Pertanian (`owner`) referred the business to Diskop (`collaborator`) for market
    access: sent, unanswered, due in two weeks."""
    return ReferralFactory(
        business=world.business, from_agency=world.owner, to_agency=world.collaborator
    )


@pytest.fixture
def inbox(world, sent):
    """Besides `sent`: one to Diskop overdue, one from Diskop to DKP accepted, one from DKP to
    Dinas Pertanian declined."""
    overdue = ReferralFactory(
        business=world.foreign_business,
        from_agency=world.other,
        to_agency=world.collaborator,
        due_on=timezone.localdate() - timedelta(days=3),
    )
    accepted = ReferralFactory(
        business=world.business,
        from_agency=world.collaborator,
        to_agency=world.other,
        status=R.ACCEPTED,
        answered_at=timezone.now(),
    )
    declined = ReferralFactory(
        business=world.business,
        from_agency=world.other,
        to_agency=world.owner,
        status=R.DECLINED,
        answered_at=timezone.now(),
        answer_note="Bukan bidang kami",
    )
    return SimpleNamespace(sent=sent, overdue=overdue, accepted=accepted, declined=declined)


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def reread(referral):
    return Referral.objects.get(pk=referral.pk)


# Reading ----------------------------------------------------------------------------------------


def test_referrals_are_not_shown_to_the_public(client_of, sent):
    assert client_of("anonymous").get(url("referral-list")).status_code == 401
    assert client_of("anonymous").get(url("referral-detail", sent.pk)).status_code == 401
    assert outsider_client().get(url("referral-list")).json()["count"] == 0
    assert outsider_client().get(url("referral-detail", sent.pk)).status_code == 404


def test_members_of_any_agency_read_every_referral_overdue_first(client_of, inbox):
    response = client_of("foreign_editor").get(url("referral-list"))

    assert response.status_code == 200
    assert ids(response) == [inbox.overdue.pk, inbox.sent.pk, inbox.accepted.pk, inbox.declined.pk]
    overdue = response.json()["results"][0]
    assert overdue["is_overdue"] is True
    assert overdue["status_label"] == str(R.SENT.label)
    assert "actions" not in overdue


def test_the_boxes_are_relative_to_one_s_own_agencies(client_of, world, inbox):
    client = client_of("collab_editor")

    incoming = client.get(url("referral-list"), {"box": "incoming"})
    outgoing = client.get(url("referral-list"), {"box": "outgoing"})

    assert ids(incoming) == [inbox.overdue.pk, inbox.sent.pk]
    assert ids(outgoing) == [inbox.accepted.pk]


def test_referrals_filter_by_status_and_overdue(client_of, inbox):
    client = client_of("reviewer")

    def found(**params):
        return sorted(ids(client.get(url("referral-list"), params)))

    assert found(status="sent") == sorted([inbox.sent.pk, inbox.overdue.pk])
    assert found(status="declined") == [inbox.declined.pk]
    assert found(overdue="true") == [inbox.overdue.pk]
    assert inbox.overdue.pk not in found(overdue="false")
    assert len(found(overdue="false")) == 3


@pytest.mark.parametrize("params", [{"box": "trash"}, {"status": "lost"}, {"overdue": "x"}])
def test_an_unknown_referral_filter_is_a_400(client_of, inbox, params):
    response = client_of("reviewer").get(url("referral-list"), params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


@pytest.mark.parametrize(
    ("person", "actions"),
    [
        ("collab_editor", ["accept", "decline"]),
        ("owner_editor", ["cancel"]),
        ("reviewer", []),
        ("administrator", ["accept", "decline", "cancel"]),
    ],
)
def test_a_referral_shows_the_steps_the_reader_may_take_now(
    client_of, world, sent, person, actions
):
    body = client_of(person).get(url("referral-detail", sent.pk)).json()

    assert body["actions"] == actions
    assert (body["from_agency"], body["to_agency"], body["stage"]) == (
        "dinas-pertanian",
        "dinas-koperasi-ukm",
        "pemasaran",
    )


def test_the_referral_list_costs_the_same_for_one_referral_and_for_twenty(client_of, world):
    client = client_of("collab_editor")
    people = world.people

    def make():
        ReferralFactory(
            business=BusinessFactory(), from_agency=world.owner, to_agency=world.collaborator,
            status=R.COMPLETED, sent_by=people["owner_editor"], answered_at=timezone.now(),
            answered_by=people["collab_editor"], completed_at=timezone.now(),
            completed_by=people["collab_manager"],
        )  # fmt: skip

    make()
    shown_few, few = queries_for(client, url("referral-list"), {"box": "incoming"})
    for _n in range(19):
        make()
    shown_many, many = queries_for(client, url("referral-list"), {"box": "incoming"})

    assert (shown_few, shown_many) == (1, 20)
    assert many == few
    assert many <= 6


# Sending ----------------------------------------------------------------------------------------


def test_an_editor_refers_a_business_from_their_only_agency(client_of, world):
    response = client_of("owner_editor").post(
        url("referral-list"),
        {"business": world.business.slug, "to_agency": "disperindag", "stage": "pemasaran",
         "reason": "Perlu ikut pameran"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 201, response.content
    referral = Referral.objects.get(pk=response.json()["id"])
    assert (referral.from_agency, referral.to_agency) == (world.owner, world.leading)
    assert referral.status == R.SENT
    assert referral.sent_by == world.people["owner_editor"]
    assert referral.due_on == timezone.localdate() + timedelta(days=referrals.ANSWER_DAYS)
    assert response.json()["actions"] == ["cancel"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"to_agency": "dinas-pertanian"}, "to_agency"),  # to one's own agency
        ({"to_agency": "dinas-rahasia"}, "to_agency"),
        ({"stage": "tidak-ada"}, "stage"),
        ({"reason": ""}, "reason"),
        ({"due_on": "2001-01-01"}, "due_on"),
        ({"business": "tidak-ada"}, "business"),
        ({"status": "completed"}, "status"),  # not a field one sets
        ({"sent_by": 1}, "sent_by"),
    ],
)
def test_bad_input_to_a_new_referral_is_a_400_naming_the_field(client_of, world, changes, field):
    body = {"business": world.business.slug, "to_agency": "disperindag", "stage": "pemasaran",
            "reason": "Perlu ikut pameran", **changes}  # fmt: skip

    response = client_of("owner_editor").post(url("referral-list"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Referral.objects.exists()


def test_an_inactive_business_is_not_referred(client_of, world):
    closed = BusinessFactory(is_active=False, registering_agency=world.owner)
    body = {"business": closed.slug, "to_agency": "disperindag", "stage": "pemasaran",
            "reason": "x"}  # fmt: skip

    response = client_of("owner_editor").post(url("referral-list"), body, format="json")

    assert response.status_code == 400
    assert "business" in response.json()
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("person", "from_agency", "code"),
    [
        ("anonymous", None, 401),
        ("reviewer", None, 403),
        ("owner_editor", "dinas-pariwisata", 403),
        ("owner_editor", "dinas-rahasia", 400),
    ],
)
def test_sending_from_an_agency_one_does_not_edit_for_is_refused_before_the_body(
    client_of, world, person, from_agency, code
):
    body = {"reason": ""}
    if from_agency:
        body["from_agency"] = from_agency

    response = client_of(person).post(url("referral-list"), body, format="json")

    assert response.status_code == code
    assert not Referral.objects.exists()


def test_a_user_of_two_agencies_names_the_sender(client_of, world):
    MembershipFactory(agency=world.second, user=world.people["owner_editor"])
    body = {"business": world.business.slug, "to_agency": "dinas-pertanian",
            "stage": "pemasaran", "reason": "x"}  # fmt: skip
    client = client_of("owner_editor")

    unnamed = client.post(url("referral-list"), body, format="json")
    named = client.post(
        url("referral-list"), {**body, "from_agency": "dinas-perhubungan"}, format="json"
    )

    assert unnamed.status_code == 400
    assert "from_agency" in unnamed.json()
    assert named.status_code == 201
    assert Referral.objects.get().from_agency == world.second


# Answering --------------------------------------------------------------------------------------


def test_the_receiving_agency_accepts_then_completes(client_of, world, sent):
    client = client_of("collab_editor")

    accepted = client.post(url("referral-accept", sent.pk), {"note": "Kami bantu"}, format="json")
    after_accept = reread(sent)
    completed = client_of("collab_manager").post(url("referral-complete", sent.pk), format="json")

    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["actions"] == ["complete"]
    assert (after_accept.answered_by, after_accept.answer_note) == (
        world.people["collab_editor"],
        "Kami bantu",
    )
    assert completed.status_code == 200
    referral = reread(sent)
    assert referral.status == R.COMPLETED
    assert referral.completed_by == world.people["collab_manager"]
    assert referral.history.count() == 3


def test_the_receiving_agency_declines_saying_why(client_of, world, sent):
    response = client_of("collab_manager").post(
        url("referral-decline", sent.pk), {"note": "Bukan bidang kami"}, format="json"
    )

    assert response.status_code == 200
    referral = reread(sent)
    assert (referral.status, referral.answer_note) == (R.DECLINED, "Bukan bidang kami")


def test_the_sender_cancels_an_accepted_referral_saying_why(client_of, world, sent):
    Referral.objects.filter(pk=sent.pk).update(status=R.ACCEPTED, answered_at=timezone.now())

    response = client_of("owner_manager").post(
        url("referral-cancel", sent.pk), {"note": "Sudah ditangani"}, format="json"
    )

    assert response.status_code == 200
    referral = reread(sent)
    assert (referral.status, referral.cancel_note) == (R.CANCELLED, "Sudah ditangani")
    assert referral.cancelled_by == world.people["owner_manager"]


@pytest.mark.parametrize(
    ("person", "step", "status", "body", "code"),
    [
        ("anonymous", "accept", R.SENT, {}, 401),
        ("owner_editor", "accept", R.SENT, {}, 403),  # the sender does not answer
        ("reviewer", "accept", R.SENT, {}, 403),
        ("collab_editor", "cancel", R.SENT, {"note": "x"}, 403),  # the receiver does not cancel
        ("other_editor", "decline", R.SENT, {}, 403),  # 403 before 400
        ("collab_editor", "accept", R.ACCEPTED, {}, 409),  # answered already
        ("collab_editor", "decline", R.ACCEPTED, {}, 409),  # 409 before 400
        ("collab_editor", "complete", R.SENT, {}, 409),  # not accepted yet
        ("owner_editor", "cancel", R.COMPLETED, {"note": "x"}, 409),
        ("owner_editor", "cancel", R.DECLINED, {}, 409),
        ("collab_editor", "decline", R.SENT, {}, 400),  # without saying why
        ("collab_editor", "decline", R.SENT, {"note": ""}, 400),
        ("owner_editor", "cancel", R.SENT, {}, 400),
    ],
)
def test_answering_answers_in_order(client_of, world, sent, person, step, status, body, code):
    stamps = {"answered_at": timezone.now()} if status != R.SENT else {}
    if status == R.COMPLETED:
        stamps["completed_at"] = timezone.now()
    if status == R.DECLINED:
        stamps["answer_note"] = "Di luar bidang kami"
    Referral.objects.filter(pk=sent.pk).update(status=status, **stamps)

    response = client_of(person).post(url(f"referral-{step}", sent.pk), body, format="json")

    assert response.status_code == code
    referral = reread(sent)
    assert referral.status == status
    assert referral.history.count() == 1  # only its creation


def test_an_unknown_step_is_a_404(client_of, sent):
    response = client_of("collab_editor").post(f"/api/v1/referrals/{sent.pk}/forward/")

    assert response.status_code == 404
    assert reread(sent).status == R.SENT


def test_a_referral_one_may_not_see_is_a_404_before_anything_else(sent):
    response = outsider_client().post(url("referral-accept", sent.pk), format="json")

    assert response.status_code == 404


def test_an_answer_writes_nothing_but_the_step(client_of, world, sent):
    """The body cannot set anything but the note."""
    response = client_of("collab_editor").post(
        url("referral-accept", sent.pk),
        {"note": "Siap", "status": "completed", "to_agency": "disperindag"},
        format="json",
    )

    assert response.status_code == 200
    referral = reread(sent)
    assert (referral.status, referral.to_agency) == (R.ACCEPTED, world.collaborator)


# Two people at the same moment ------------------------------------------------------------------

#: Row locks are what makes one answer win; SQLite has none (it locks the whole database). The
#: races run in real transactions; the stages their flush removes are put back before the next
#: test by tests/conftest.py (serialized_rollback would load the content types a second time
#: when the test before it was not transactional).
needs_row_locks = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
@needs_row_locks
def test_twenty_simultaneous_answers_leave_one_answer(world):
    """Ten people accept and ten decline one referral at once, through the service: one wins."""
    referral = ReferralFactory(
        business=world.business, from_agency=world.owner, to_agency=world.collaborator
    )
    people = [world.people["collab_editor"], world.people["collab_manager"]]

    def answer(n):
        step = "accept" if n % 2 else "decline"
        try:
            referrals.answer_referral(
                referral=referral, by=people[n % 2], action=step, note=f"jawaban {n}"
            )
            return step
        except NotAllowedNow:
            return "conflict"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(answer, range(20)))

    winners = [result for result in results if result != "conflict"]
    assert len(winners) == 1
    referral = reread(referral)
    assert referral.status == {"accept": R.ACCEPTED, "decline": R.DECLINED}[winners[0]]
    assert referral.history.count() == 2  # its creation and the one answer


@pytest.mark.django_db(transaction=True)
@needs_row_locks
def test_two_people_answering_through_the_api_at_once_get_one_200_and_409s(world, live_server):
    """The same race through HTTP against a running server: an editor of the receiving agency
    accepts while its manager declines, ten times each at once."""
    from rest_framework.authtoken.models import Token

    referral = ReferralFactory(
        business=world.business, from_agency=world.owner, to_agency=world.collaborator
    )
    tokens = {
        "accept": Token.objects.create(user=world.people["collab_editor"]).key,
        "decline": Token.objects.create(user=world.people["collab_manager"]).key,
    }

    def answer(n):
        step = "accept" if n % 2 else "decline"
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/referrals/{referral.pk}/{step}/",
            data=json.dumps({"note": f"jawaban {n}"}).encode(),
            method="POST",
            headers={
                "Authorization": f"Token {tokens[step]}",
                "Content-Type": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return step, response.status
        except urllib.error.HTTPError as error:
            return step, error.code

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(answer, range(20)))

    statuses = sorted(code for _step, code in answers)
    assert statuses == [200] + [409] * 19
    [winner] = [step for step, code in answers if code == 200]
    referral = reread(referral)
    assert referral.status == {"accept": R.ACCEPTED, "decline": R.DECLINED}[winner]
    assert referral.history.count() == 2


def test_each_step_of_the_design_has_its_address():
    assert set(referrals.STEPS) == {"accept", "decline", "complete", "cancel"}
    for name in referrals.STEPS:
        assert url(f"referral-{name}", 1) == f"/api/v1/referrals/1/{name}/"
