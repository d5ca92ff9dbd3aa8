"""The flagship workflow's shared vocabulary: `workflow.check` before any input is read, the
actions as a closed set the database keeps, one queryset for each queue and for a designation's
status, mail to whoever holds the administrators' permission, and one mean score for the pages
and the API."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from agencies.models import Role
from catalog import rules, workflow
from catalog.models import Designation, Nomination, NominationEvent
from tests import factories as f
from umkm_portal.services import NotAllowedNow
from workspace.views.nominations import told

pytestmark = pytest.mark.django_db

A, S = NominationEvent.Action, Nomination.State
CODES = ("bahan_baku_lokal", "keunikan", "pasar")


@pytest.fixture
def people():
    owner = f.AgencyFactory(slug="dinas-pertanian")
    leading = f.AgencyFactory(slug="disperindag", is_leading_sector=True)
    for order, code in enumerate(CODES):
        f.CriterionFactory(code=code, order=order)
    admin = f.UserFactory(username="admin.prov")
    admin.groups.add(rules.administrator_group())
    return {
        "owner": owner,
        "editor": f.MembershipFactory(agency=owner).user,
        "reviewer": f.MembershipFactory(agency=leading, role=Role.REVIEWER).user,
        "reviewer2": f.MembershipFactory(agency=leading, role=Role.REVIEWER).user,
        "admin": admin,
        "product": f.ProductFactory(owner_agency=owner),
    }


def submitted(people, product=None):
    nomination = workflow.nominate(
        product=product or people["product"], by=people["editor"], justification="Lokal."
    )
    return workflow.act(nomination=nomination, by=people["editor"], action=A.SUBMIT)


def recommended(people, reviewer="reviewer", product=None):
    nomination = submitted(people, product)
    by = people[reviewer]
    workflow.assess(nomination=nomination, by=by, scores=dict.fromkeys(CODES, 4))
    return workflow.act(nomination=nomination, by=by, action=A.RECOMMEND)


# check ------------------------------------------------------------------------------------------


def test_check_answers_rights_before_state_and_changes_nothing(people):
    nomination = submitted(people)

    with pytest.raises(PermissionDenied):  # never the editor's, whatever the state
        workflow.check(nomination, people["editor"], A.APPROVE)
    with pytest.raises(NotAllowedNow):  # the administrator's, but not from "submitted"
        workflow.check(nomination, people["admin"], A.APPROVE)
    with pytest.raises(PermissionDenied):
        workflow.check(nomination, people["admin"], workflow.ASSESS)
    with pytest.raises(NotAllowedNow):
        workflow.check(nomination, people["editor"], workflow.EDIT)
    workflow.check(nomination, people["reviewer"], workflow.ASSESS)  # theirs, and now

    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED and nomination.events.count() == 2


def test_an_unreadable_approval_from_someone_without_the_right_is_403_not_400(people):
    """The body is read only after the check: before, it was carried raw into the workflow."""
    nomination = recommended(people)
    client = APIClient()
    client.force_authenticate(people["editor"])

    response = client.post(
        f"/api/v1/nominations/{nomination.pk}/approve/",
        {"valid_from": "besok", "year": "dua ribu"},
        format="json",
    )

    assert response.status_code == 403
    nomination.refresh_from_db()
    assert nomination.state == S.RECOMMENDED and not Designation.objects.exists()


def test_an_approval_whose_period_ends_before_it_starts_is_refused_by_the_model(people):
    nomination = recommended(people)
    client = APIClient()
    client.force_authenticate(people["admin"])

    response = client.post(
        f"/api/v1/nominations/{nomination.pk}/approve/",
        {"valid_from": "2026-06-01", "valid_until": "2026-01-01", "decree_number": "SK-1"},
        format="json",
    )

    assert response.status_code == 400 and "valid_until" in response.json()
    nomination.refresh_from_db()
    assert nomination.state == S.RECOMMENDED
    assert not Designation.objects.exists()
    assert not nomination.events.filter(action=A.APPROVE).exists()


# Actions ----------------------------------------------------------------------------------------


def test_an_unknown_action_is_refused_by_the_database(people):
    nomination = submitted(people)

    with pytest.raises(IntegrityError), transaction.atomic():
        NominationEvent.objects.create(
            nomination=nomination, action="aprove", from_state=S.SUBMITTED,
            to_state=S.SUBMITTED, actor=people["editor"],
        )  # fmt: skip

    assert not nomination.events.filter(action="aprove").exists()


def test_every_step_the_workflow_writes_is_a_known_action(people):
    nomination = recommended(people)
    today = timezone.localdate()
    workflow.act(
        nomination=nomination, by=people["admin"], action=A.APPROVE, valid_from=today,
        valid_until=today + timedelta(days=30), decree_number="SK-1",
    )  # fmt: skip
    workflow.revoke(designation=nomination.designation, by=people["admin"], reason="Dicabut.")

    written = list(nomination.events.values_list("action", flat=True))
    assert written == [A.NOMINATE, A.SUBMIT, A.RECOMMEND, A.APPROVE, A.REVOKE]
    assert set(written) <= set(A.values)


# Queues -----------------------------------------------------------------------------------------


def test_the_review_queue_leaves_out_own_submissions_and_non_reviewers(people):
    theirs = submitted(people)
    f.MembershipFactory(user=people["reviewer"], agency=people["owner"])
    own = workflow.nominate(
        product=f.ProductFactory(owner_agency=people["owner"]), by=people["reviewer"],
        justification="x",
    )  # fmt: skip
    workflow.act(nomination=own, by=people["reviewer"], action=A.SUBMIT)

    assert list(Nomination.objects.awaiting_review(people["reviewer"])) == [theirs]
    assert list(Nomination.objects.awaiting_review(people["reviewer2"])) == [theirs, own]
    assert not Nomination.objects.awaiting_review(people["editor"]).exists()
    assert not Nomination.objects.awaiting_review(people["admin"]).exists()


def test_the_decision_queue_leaves_out_what_the_administrator_recommended(client, people):
    people["reviewer2"].groups.add(rules.administrator_group())
    by_other = recommended(people, "reviewer")
    by_self = recommended(people, "reviewer2", f.ProductFactory(owner_agency=people["owner"]))

    assert list(Nomination.objects.awaiting_decision(people["admin"])) == [by_other, by_self]
    assert list(Nomination.objects.awaiting_decision(people["reviewer2"])) == [by_other]
    assert not Nomination.objects.awaiting_decision(people["reviewer"]).exists()

    # The dashboard and the list's queue are that one queryset.
    client.force_login(people["reviewer2"])
    dashboard = client.get(reverse("workspace")).content.decode()
    queue = client.get(reverse("workspace-nominations") + "?antrian=keputusan").content.decode()
    for page in (dashboard, queue):
        assert reverse("workspace-nomination", args=[by_other.pk]) in page
        assert reverse("workspace-nomination", args=[by_self.pk]) not in page


# Designation status -----------------------------------------------------------------------------


def test_a_designations_status_and_the_status_filter_agree():
    today = timezone.localdate()
    day = timedelta(days=1)
    made = {
        Designation.Status.CURRENT: f.DesignationFactory(),
        Designation.Status.UPCOMING: f.DesignationFactory(
            valid_from=today + day, valid_until=today + 300 * day
        ),
        Designation.Status.EXPIRED: f.DesignationFactory(
            valid_from=today - 400 * day, valid_until=today - day, year=today.year - 1
        ),
        Designation.Status.REVOKED: f.DesignationFactory(
            revoked_at=timezone.now(), revocation_reason="Dicabut."
        ),
    }

    for status, designation in made.items():
        assert designation.status() == status
        assert list(Designation.objects.in_status(status)) == [designation]
    assert list(Designation.objects.current()) == [made[Designation.Status.CURRENT]]
    assert made[Designation.Status.CURRENT].is_current


# Mail -------------------------------------------------------------------------------------------


def test_a_recommendation_mails_whoever_holds_the_permission_and_is_active(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    permission = Permission.objects.get(codename="approve_nomination")
    direct = f.UserFactory(email="langsung@example.org")
    direct.user_permissions.add(permission)  # the permission itself, not the group
    f.UserFactory(email="super@example.org", is_superuser=True)
    gone = f.UserFactory(email="pensiun@example.org", is_active=False)
    gone.user_permissions.add(permission)
    nomination = submitted(people)
    workflow.assess(nomination=nomination, by=people["reviewer"], scores=dict.fromkeys(CODES, 4))

    with django_capture_on_commit_callbacks(execute=True):
        workflow.act(nomination=nomination, by=people["reviewer"], action=A.RECOMMEND)

    mailed = {message.to[0] for message in mailoutbox}
    assert mailed == {"langsung@example.org", "super@example.org", "admin.prov@example.org"}


# The mean score ---------------------------------------------------------------------------------


def test_the_page_and_the_api_show_one_mean_when_an_assessor_scored_part_of_the_rubric(
    client, people
):
    nomination = submitted(people)
    workflow.assess(  # mean 4
        nomination=nomination, by=people["reviewer"],
        scores={"bahan_baku_lokal": 5, "keunikan": 4, "pasar": 3},
    )  # fmt: skip
    workflow.assess(nomination=nomination, by=people["reviewer2"], scores={"keunikan": 2})
    # Each assessor counts once: (4 + 2) / 2 = 3, where the mean of every score is 14 / 4 = 3.5.

    api = APIClient()
    api.force_authenticate(people["editor"])
    shown = api.get(f"/api/v1/nominations/{nomination.pk}/").json()
    listed = api.get("/api/v1/nominations/").json()["results"]
    client.force_login(people["editor"])
    detail = client.get(reverse("workspace-nomination", args=[nomination.pk])).content.decode()

    assert shown["mean_score"] == pytest.approx(3.0)
    assert [row["mean_score"] for row in listed] == [pytest.approx(3.0)]
    assert "<strong>3,00</strong>" in detail


def test_the_timeline_and_the_record_name_each_step_by_its_action(client, people):
    nomination = recommended(people)
    client.force_login(people["editor"])

    detail = client.get(reverse("workspace-nomination", args=[nomination.pk])).content.decode()
    record = client.get(reverse("workspace-nomination-record", args=[nomination.pk]))

    # The timeline tells each step in a sentence of its own (workspace.views.nominations
    # .TIMELINE), the record's decisions by the labels of NominationEvent.Action.
    for event in nomination.events.all():
        assert f'<p class="timeline__what">{told(event)}</p>' in detail
    assert [e.action for e in nomination.events.all()] == [A.NOMINATE, A.SUBMIT, A.RECOMMEND]
    assert f'<th scope="row">{A.RECOMMEND.label}</th>' in record.content.decode()
