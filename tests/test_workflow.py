"""The flagship workflow of docs/architecture.md §3, step by step, with its refusals."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from agencies.models import Role
from catalog import rules, workflow
from catalog.models import Designation, Nomination, NominationEvent, Product
from tests.factories import (
    AgencyFactory,
    CollaborationFactory,
    CriterionFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
)
from umkm_portal.services import NotAllowedNow

N = Nomination.State
PERIOD = {"year": 2026, "valid_from": date(2026, 1, 1), "valid_until": date(2026, 12, 31),
          "decree_number": "188.44/12/DKUKM/2026"}  # fmt: skip


@pytest.fixture
def people(db):
    owner = AgencyFactory(slug="dinas-pertanian")
    leading = AgencyFactory(slug="disperindag", is_leading_sector=True)
    admin = UserFactory(email="admin@example.org")
    admin.groups.add(rules.administrator_group())
    for code in ("bahan_baku_lokal", "keunikan", "pasar"):
        CriterionFactory(code=code)
    return {
        "owner": owner,
        "editor": MembershipFactory(agency=owner, user__email="editor@example.org").user,
        "reviewer": MembershipFactory(
            agency=leading, role=Role.REVIEWER, user__email="reviewer@example.org"
        ).user,
        "reviewer2": MembershipFactory(agency=leading, role=Role.REVIEWER).user,
        "outsider": MembershipFactory().user,
        "admin": admin,
        "product": ProductFactory(owner_agency=owner),
    }


def scores(value=4):
    return {"bahan_baku_lokal": value, "keunikan": value, "pasar": value}


def nominated(people):
    return workflow.nominate(
        product=people["product"], by=people["editor"], justification="Bahan baku lokal."
    )


def submitted(people):
    nomination = nominated(people)
    return workflow.act(nomination=nomination, by=people["editor"], action="submit")


def recommended(people):
    nomination = submitted(people)
    workflow.assess(nomination=nomination, by=people["reviewer"], scores=scores())
    return workflow.act(nomination=nomination, by=people["reviewer"], action="recommend")


def test_the_whole_path_to_a_badge_and_back(people, mailoutbox, django_capture_on_commit_callbacks):
    editor, reviewer, admin = people["editor"], people["reviewer"], people["admin"]

    def step(function, **kwargs):
        """Run one step and return who was e-mailed about it."""
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            result = function(**kwargs)
        return result, {message.to[0] for message in mailoutbox}

    nomination = nominated(people)
    _, mailed = step(workflow.act, nomination=nomination, by=editor, action="submit")
    assert "reviewer@example.org" in mailed
    _, mailed = step(workflow.act, nomination=nomination, by=reviewer, action="request_changes",
                     comment="Lengkapi foto kemasan.")  # fmt: skip
    assert mailed == {"editor@example.org"}
    step(workflow.act, nomination=nomination, by=editor, action="resubmit")
    workflow.assess(nomination=nomination, by=reviewer, scores=scores(5), comment="Layak")
    _, mailed = step(workflow.act, nomination=nomination, by=reviewer, action="recommend")
    assert "admin@example.org" in mailed
    _, mailed = step(workflow.act, nomination=nomination, by=admin, action="approve", **PERIOD)
    assert mailed == {"editor@example.org"}

    nomination.refresh_from_db()
    assert nomination.state == N.APPROVED
    actions = list(nomination.events.values_list("action", "from_state", "to_state"))
    assert actions == [
        ("nominate", "", "draft"),
        ("submit", "draft", "submitted"),
        ("request_changes", "submitted", "changes_requested"),
        ("resubmit", "changes_requested", "submitted"),
        ("recommend", "submitted", "recommended"),
        ("approve", "recommended", "approved"),
    ]
    designation = Designation.objects.get(nomination=nomination)
    assert designation.decree_number == "188.44/12/DKUKM/2026"

    workflow.revoke(designation=designation, by=admin, reason="Izin edar dicabut.")
    designation.refresh_from_db()
    assert designation.revoked_at is not None
    assert not Product.objects.flagships(on=date(2026, 6, 1)).exists()


@pytest.mark.parametrize(
    ("setup", "actor", "action", "error"),
    [
        (nominated, "reviewer", "submit", PermissionDenied),
        (nominated, "outsider", "submit", PermissionDenied),
        (nominated, "admin", "submit", PermissionDenied),
        (nominated, "editor", "approve", PermissionDenied),  # skipping states: not theirs
        (nominated, "admin", "approve", NotAllowedNow),  # skipping states: theirs, not now
        (nominated, "reviewer", "recommend", NotAllowedNow),
        (submitted, "editor", "recommend", PermissionDenied),
        (submitted, "editor", "submit", NotAllowedNow),
        (submitted, "outsider", "withdraw", PermissionDenied),
        (submitted, "admin", "recommend", PermissionDenied),
        (submitted, "reviewer", "approve", PermissionDenied),
        (recommended, "reviewer", "approve", PermissionDenied),
        (recommended, "editor", "withdraw", NotAllowedNow),
        (recommended, "reviewer2", "reject", NotAllowedNow),
    ],
)
def test_forbidden_steps_change_nothing(people, setup, actor, action, error):
    nomination = setup(people)
    state, events = nomination.state, nomination.events.count()

    with pytest.raises(error):
        workflow.act(nomination=nomination, by=people[actor], action=action, comment="x", **PERIOD)

    nomination.refresh_from_db()
    assert (nomination.state, nomination.events.count()) == (state, events)


def test_four_eyes(people):
    reviewer = people["reviewer"]
    nomination = nominated(people)
    MembershipFactory(user=reviewer, agency=people["owner"])  # a reviewer who also edits
    workflow.act(nomination=nomination, by=reviewer, action="submit")

    with pytest.raises(PermissionDenied):  # may not review what they submitted
        workflow.assess(nomination=nomination, by=reviewer, scores=scores())
    workflow.assess(nomination=nomination, by=people["reviewer2"], scores=scores())
    workflow.act(nomination=nomination, by=people["reviewer2"], action="recommend")

    people["reviewer2"].groups.add(rules.administrator_group())
    with pytest.raises(PermissionDenied):  # may not approve what they recommended
        workflow.act(nomination=nomination, by=people["reviewer2"], action="approve", **PERIOD)


@pytest.mark.parametrize("action", ["request_changes", "reject"])
def test_comment_required(people, action):
    nomination = submitted(people)
    with pytest.raises(ValidationError) as error:
        workflow.act(nomination=nomination, by=people["reviewer"], action=action, comment="  ")
    assert "comment" in error.value.message_dict
    nomination.refresh_from_db()
    assert nomination.state == N.SUBMITTED


def test_recommend_needs_the_reviewers_complete_assessment(people):
    nomination = submitted(people)
    workflow.assess(nomination=nomination, by=people["reviewer"], scores={"keunikan": 5})

    with pytest.raises(ValidationError):
        workflow.act(nomination=nomination, by=people["reviewer"], action="recommend")
    workflow.assess(nomination=nomination, by=people["reviewer2"], scores=scores())
    with pytest.raises(ValidationError):  # another reviewer's assessment is not theirs
        workflow.act(nomination=nomination, by=people["reviewer"], action="recommend")


@pytest.mark.parametrize(
    "bad", [{"keunikan": 0}, {"keunikan": 6}, {"keunikan": "x"}, {"tidak_ada": 3}, {}, [4]]
)
def test_bad_scores_are_refused(people, bad):
    nomination = submitted(people)
    with pytest.raises(ValidationError):
        workflow.assess(nomination=nomination, by=people["reviewer"], scores=bad)
    assert not nomination.assessments.exists()


@pytest.mark.parametrize(
    "period",
    [
        {**PERIOD, "decree_number": ""},
        {**PERIOD, "valid_until": date(2025, 12, 31)},
        {**PERIOD, "valid_from": "kemarin"},
    ],
)
def test_approval_needs_a_valid_period_and_decree(people, period):
    nomination = recommended(people)
    with pytest.raises(ValidationError):
        workflow.act(nomination=nomination, by=people["admin"], action="approve", **period)
    nomination.refresh_from_db()
    assert nomination.state == N.RECOMMENDED
    assert not Designation.objects.exists()


def test_nominating_needs_a_published_product_curated_by_the_agency(people):
    with pytest.raises(PermissionDenied):
        workflow.nominate(product=people["product"], by=people["outsider"], justification="x")
    draft = ProductFactory(owner_agency=people["owner"], status=Product.Status.DRAFT)
    with pytest.raises(PermissionDenied):
        workflow.nominate(product=draft, by=people["editor"], justification="x")
    nominated(people)
    with pytest.raises(NotAllowedNow):
        nominated(people)
    assert Nomination.objects.count() == 1


def test_a_co_curating_agency_becomes_the_nominator(people):
    collaboration = CollaborationFactory(product=people["product"])
    co_editor = MembershipFactory(agency=collaboration.agency).user

    nomination = workflow.nominate(product=people["product"], by=co_editor, justification="x")

    assert nomination.agency == collaboration.agency


def test_protected_state_cannot_be_set_directly(people):
    nomination = nominated(people)
    with pytest.raises(AttributeError):
        nomination.state = N.APPROVED
    nomination.refresh_from_db()  # FSMModelMixin: refreshing a protected field works
    assert nomination.state == N.DRAFT


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_twenty_simultaneous_approvals_give_one_designation(people):
    nomination = recommended(people)
    admin = people["admin"]

    def approve(_):
        try:
            workflow.act(nomination=nomination, by=admin, action="approve", **PERIOD)
            return "approved"
        except NotAllowedNow:
            return "conflict"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(approve, range(20)))

    assert sorted(results) == ["approved"] + ["conflict"] * 19
    assert Designation.objects.count() == 1
    assert NominationEvent.objects.filter(action="approve").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_twenty_simultaneous_api_approvals_against_a_live_server(people, live_server):
    """The same race through HTTP: twenty clients post `approve` at once to a running server."""
    import json
    import urllib.error
    import urllib.request

    from rest_framework.authtoken.models import Token

    nomination = recommended(people)
    token = Token.objects.create(user=people["admin"]).key
    url = f"{live_server.url}/api/v1/nominations/{nomination.pk}/approve/"
    body = json.dumps({**PERIOD, "valid_from": "2026-01-01", "valid_until": "2026-12-31"})

    def approve(_):
        request = urllib.request.Request(
            url,
            data=body.encode(),
            method="POST",
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(approve, range(20)))

    assert sorted(statuses) == [200] + [409] * 19
    assert Designation.objects.filter(nomination=nomination).count() == 1
    assert NominationEvent.objects.filter(nomination=nomination, action="approve").count() == 1
