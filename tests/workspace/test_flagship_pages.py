"""The flagship workflow through the workspace pages: nominations, their
assessment, the decision, the assessment record and the designations.

Every request is followed by a look at the database: a refused step must leave the nomination,
its events, its assessments and its designation exactly as they were.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Role
from catalog import rules, workflow
from catalog.models import Assessment, Criterion, Designation, Nomination, NominationEvent, Product
from tests import factories as f
from tests.helpers import member

pytestmark = pytest.mark.django_db

N = Nomination.State
CODES = ("bahan_baku_lokal", "keunikan", "pasar")
DECREE = "188.44/77/DKUKM/2026"


@pytest.fixture
def people():
    owner = f.AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    leading = f.AgencyFactory(slug="disperindag", name="Disperindag Babel", is_leading_sector=True)
    admin = f.UserFactory(username="admin.prov")
    admin.groups.add(rules.administrator_group())
    for order, code in enumerate(CODES):
        f.CriterionFactory(code=code, name=f"Kriteria {code}", order=order)

    return SimpleNamespace(
        owner=owner, leading=leading, admin=admin,
        editor=member(owner, username="pertanian.editor"),
        reviewer=member(leading, Role.REVIEWER, username="disperindag.reviewer"),
        reviewer2=member(leading, Role.REVIEWER, username="reviewer.dua"),
        outsider=member(f.AgencyFactory(), username="perikanan.editor"),
        product=f.ProductFactory(owner_agency=owner, name="Lada Putih Muntok"),
    )  # fmt: skip


def detail_url(nomination):
    return reverse("workspace-nomination", args=[nomination.pk])


def step_url(nomination, target):
    """Where a form of the nomination page posts: "draft", "assess" or a step of the workflow."""
    if target in ("draft", "assess"):
        name = {"draft": "workspace-nomination-update", "assess": "workspace-nomination-assess"}
        return reverse(name[target], args=[nomination.pk])
    return reverse("workspace-nomination-act", args=[nomination.pk, target.replace("_", "-")])


def create_url(product):
    return reverse("workspace-nomination-create") + f"?produk={product.slug}"


def revoke_url(designation):
    return reverse("workspace-designation-revoke", args=[designation.pk])


def score_data(value=4, **overrides):
    return {f"score_{code}": str(overrides.get(code, value)) for code in CODES}


def period(decree_number=DECREE):
    today = timezone.localdate()
    return {
        "year": str(today.year),
        "valid_from": (today - timedelta(days=1)).isoformat(),
        "valid_until": (today + timedelta(days=364)).isoformat(),
        "decree_number": decree_number,
    }


def snapshot(nomination):
    """What a refused request must not change."""
    nomination = Nomination.objects.get(pk=nomination.pk)
    return (
        nomination.state,
        nomination.justification,
        nomination.events.count(),
        Assessment.objects.filter(nomination=nomination).count(),
        Designation.objects.filter(nomination=nomination, revoked_at__isnull=True).count(),
    )


def state(nomination):
    return snapshot(nomination)[0]


def page(response) -> str:
    return response.content.decode()


def form_error(response, field_id) -> bool:
    """A 400 with the form back and the error tied to its field (aria-describedby)."""
    return response.status_code == 400 and f'id="{field_id}_error"' in page(response)


def message_levels(response) -> list[str]:
    return [message.level_tag for message in get_messages(response.wsgi_request)]


def nominated(people):
    return workflow.nominate(product=people.product, by=people.editor, justification="Lokal.")


def submitted(people):
    return workflow.act(nomination=nominated(people), by=people.editor, action="submit")


def recommended(people):
    nomination = submitted(people)
    scores = dict.fromkeys(CODES, 4)
    workflow.assess(nomination=nomination, by=people.reviewer, scores=scores)
    return workflow.act(nomination=nomination, by=people.reviewer, action="recommend")


# The whole path ---------------------------------------------------------------------------------


def test_the_whole_path_through_the_pages_to_a_badge_and_back(client, people):
    product = people.product
    client.force_login(people.editor)
    assert client.get(create_url(product)).status_code == 200
    response = client.post(create_url(product), {"justification": "Bahan baku lokal."})
    nomination = Nomination.objects.get(product=product)
    assert response.status_code == 302 and response["Location"] == detail_url(nomination)
    assert (nomination.state, nomination.agency) == (N.DRAFT, people.owner)
    client.post(step_url(nomination, "submit"))
    assert state(nomination) == N.SUBMITTED

    client.force_login(people.reviewer)
    response = client.post(step_url(nomination, "request_changes"), {"comment": "   "})
    assert form_error(response, "id_request_changes_comment")
    assert snapshot(nomination)[:3] == (N.SUBMITTED, "Bahan baku lokal.", 2)
    client.post(step_url(nomination, "request_changes"), {"comment": "Foto kemasan?"})
    assert state(nomination) == N.CHANGES_REQUESTED

    client.force_login(people.editor)
    client.post(step_url(nomination, "resubmit"))
    assert state(nomination) == N.SUBMITTED

    client.force_login(people.reviewer)
    for bad in ("0", "6", "x"):
        response = client.post(step_url(nomination, "assess"), score_data(4, keunikan=bad))
        assert form_error(response, "id_assess_score_keunikan")
        assert not Assessment.objects.exists()
    client.post(step_url(nomination, "assess"), {**score_data(4), "comment": "Layak."})
    assessment = Assessment.objects.get(nomination=nomination, reviewer=people.reviewer)
    assert sorted(s.score for s in assessment.scores.all()) == [4, 4, 4]
    assert (assessment.agency, assessment.comment) == (people.leading, "Layak.")
    client.post(step_url(nomination, "recommend"))
    assert state(nomination) == N.RECOMMENDED

    client.force_login(people.admin)
    response = client.post(step_url(nomination, "approve"), period(decree_number=""))
    assert form_error(response, "id_approve_decree_number")
    assert not Designation.objects.exists() and state(nomination) == N.RECOMMENDED
    client.post(step_url(nomination, "approve"), period())
    designation = Designation.objects.get(nomination=nomination)
    assert (designation.decree_number, designation.approved_by) == (DECREE, people.admin)
    assert state(nomination) == N.APPROVED
    assert DECREE in page(Client().get(product.get_absolute_url()))

    response = client.post(revoke_url(designation), {"reason": " "})
    assert form_error(response, f"id_revoke_{designation.pk}_reason")
    designation.refresh_from_db()
    assert designation.revoked_at is None
    client.post(revoke_url(designation), {"reason": "Izin edar dicabut."})
    designation.refresh_from_db()
    assert (designation.revoked_by, designation.revocation_reason) == (
        people.admin, "Izin edar dicabut.",
    )  # fmt: skip
    assert DECREE not in page(Client().get(product.get_absolute_url()))
    assert list(nomination.events.values_list("action", flat=True)) == [
        "nominate", "submit", "request_changes", "resubmit", "recommend", "approve", "revoke",
    ]  # fmt: skip


def test_the_draft_is_edited_on_its_page_and_an_empty_justification_is_refused(client, people):
    nomination = nominated(people)
    client.force_login(people.editor)

    response = client.post(step_url(nomination, "draft"), {"justification": "  "})
    assert form_error(response, "id_draft_justification")
    assert snapshot(nomination)[1] == "Lokal."

    data = {"justification": "Bahan baku lokal.", "evidence": "Omzet naik."}
    client.post(step_url(nomination, "draft"), data)
    nomination.refresh_from_db()
    assert (nomination.justification, nomination.evidence) == tuple(data.values())


def test_approving_with_a_decree_pdf_keeps_it_and_refuses_a_file_that_is_no_pdf(client, people):
    nomination = recommended(people)
    client.force_login(people.admin)
    not_pdf = SimpleUploadedFile("sk.pdf", b"<html>", content_type="application/pdf")

    response = client.post(step_url(nomination, "approve"), {**period(), "decree_file": not_pdf})
    assert form_error(response, "id_approve_decree_file")
    assert not Designation.objects.exists()

    pdf = SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(step_url(nomination, "approve"), {**period(), "decree_file": pdf})
    designation = Designation.objects.get(nomination=nomination)
    assert designation.decree_file.read().startswith(b"%PDF-")


def test_a_product_the_user_does_not_curate_offers_no_nomination(client, people):
    client.force_login(people.outsider)

    assert client.get(create_url(people.product)).status_code == 403
    assert client.post(create_url(people.product), {"justification": "x"}).status_code == 403
    assert not Nomination.objects.exists()
    draft = f.ProductFactory(owner_agency=people.owner, status=Product.Status.DRAFT)
    assert client.get(create_url(draft)).status_code == 404


def test_a_second_nomination_of_the_product_is_refused_with_a_message(client, people):
    nominated(people)
    client.force_login(people.editor)

    response = client.post(create_url(people.product), {"justification": "Lagi."})

    assert response.status_code == 302 and message_levels(response) == ["error"]
    assert Nomination.objects.count() == 1


# Refusals ---------------------------------------------------------------------------------------


# A draft is invisible to reviewers and to other agencies (404); administrators see it but do not
# nominate; every other cell of the matrix is a role that exists for the nomination but may not
# take this step (403).
REFUSALS = [
    (nominated, "reviewer", "submit", 404), (nominated, "reviewer", "draft", 404),
    (nominated, "reviewer", "assess", 404), (nominated, "outsider", "submit", 404),
    (nominated, "outsider", "withdraw", 404), (nominated, "admin", "submit", 403),
    (nominated, "admin", "draft", 403), (nominated, "editor", "approve", 403),
    (submitted, "editor", "recommend", 403), (submitted, "editor", "request_changes", 403),
    (submitted, "editor", "reject", 403), (submitted, "editor", "assess", 403),
    (submitted, "admin", "recommend", 403), (submitted, "admin", "assess", 403),
    (submitted, "reviewer", "withdraw", 403), (submitted, "reviewer", "approve", 403),
    (submitted, "outsider", "withdraw", 404), (recommended, "reviewer", "approve", 403),
    (recommended, "editor", "decline", 403), (recommended, "reviewer2", "decline", 403),
]  # fmt: skip


@pytest.mark.parametrize(("setup", "actor", "target", "status"), REFUSALS)
def test_a_form_posted_by_a_role_that_may_not_use_it_changes_nothing(
    client, people, setup, actor, target, status
):
    nomination = setup(people)
    before = snapshot(nomination)
    client.force_login(getattr(people, actor))

    data = {"comment": "Tidak.", "justification": "Diubah.", **score_data(5), **period()}
    response = client.post(step_url(nomination, target), data)

    assert response.status_code == status
    assert snapshot(nomination) == before


@pytest.mark.parametrize("actor", ["editor", "reviewer"])
def test_only_administrators_revoke(client, people, actor):
    designation = f.DesignationFactory(nomination__product=people.product)
    client.force_login(getattr(people, actor))

    assert client.post(revoke_url(designation), {"reason": "Dicabut."}).status_code == 403
    designation.refresh_from_db()
    assert designation.revoked_at is None
    assert not NominationEvent.objects.filter(action="revoke").exists()


NOT_NOW = [
    (submitted, "editor", "submit"), (recommended, "editor", "withdraw"),
    (recommended, "reviewer2", "reject"), (recommended, "reviewer2", "assess"),
    (nominated, "admin", "approve"),
]  # fmt: skip


@pytest.mark.parametrize(("setup", "actor", "target"), NOT_NOW)
def test_a_step_not_allowed_in_this_state_is_a_message_and_no_change(
    client, people, setup, actor, target
):
    nomination = setup(people)
    before = snapshot(nomination)
    client.force_login(getattr(people, actor))

    data = {"comment": "x", **score_data(5), **period()}
    response = client.post(step_url(nomination, target), data)

    assert response.status_code == 302 and response["Location"] == detail_url(nomination)
    assert message_levels(response) == ["error"]
    assert snapshot(nomination) == before


def test_a_post_without_the_csrf_token_is_refused(people):
    nomination = nominated(people)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.editor)

    assert 'name="csrfmiddlewaretoken"' in page(client.get(detail_url(nomination)))
    assert client.post(step_url(nomination, "submit")).status_code == 403
    assert state(nomination) == N.DRAFT


# Four eyes --------------------------------------------------------------------------------------


def test_the_submitter_cannot_review_their_own_submission(client, people):
    nomination = nominated(people)
    f.MembershipFactory(user=people.reviewer, agency=people.owner)  # a reviewer who also edits
    client.force_login(people.reviewer)
    client.post(step_url(nomination, "submit"))
    before = snapshot(nomination)
    assert before[0] == N.SUBMITTED

    assert 'id="panel-assess"' not in page(client.get(detail_url(nomination)))
    for target in ("assess", "recommend", "request_changes", "reject"):
        data = {"comment": "Sendiri.", **score_data(5)}
        assert client.post(step_url(nomination, target), data).status_code == 403
    assert snapshot(nomination) == before


def test_the_recommender_cannot_approve(client, people):
    nomination = submitted(people)
    people.reviewer2.groups.add(rules.administrator_group())
    client.force_login(people.reviewer2)
    client.post(step_url(nomination, "assess"), score_data(5))
    client.post(step_url(nomination, "recommend"))
    before = snapshot(nomination)
    assert before[0] == N.RECOMMENDED

    assert 'id="panel-approve"' not in page(client.get(detail_url(nomination)))
    assert client.post(step_url(nomination, "approve"), period()).status_code == 403
    assert snapshot(nomination) == before


# Lists and pages --------------------------------------------------------------------------------


def test_the_review_queue_shows_submissions_but_not_the_reviewers_own(client, people):
    theirs = submitted(people)
    f.MembershipFactory(user=people.reviewer, agency=people.owner)
    own_product = f.ProductFactory(owner_agency=people.owner, name="Madu Pelawan")
    own = workflow.nominate(product=own_product, by=people.reviewer, justification="x")
    workflow.act(nomination=own, by=people.reviewer, action="submit")
    draft = f.NominationFactory(product__owner_agency=people.owner)
    client.force_login(people.reviewer)

    queue = page(client.get(reverse("workspace-nominations") + "?antrian=review"))

    assert detail_url(theirs) in queue
    assert detail_url(own) not in queue and detail_url(draft) not in queue
    everything = reverse("workspace-nominations") + "?antrian=semua"
    assert detail_url(own) in page(client.get(everything))


def test_the_list_filters_by_state_and_product_name(client, people):
    submitted(people)
    other = f.NominationFactory(product__name="Terasi Toboali", product__owner_agency=people.owner)
    client.force_login(people.editor)
    url = reverse("workspace-nominations")

    assert detail_url(other) in page(client.get(url + "?status=draft"))
    assert detail_url(other) not in page(client.get(url + "?status=submitted"))
    assert detail_url(other) in page(client.get(url + "?q=terasi"))
    assert detail_url(other) not in page(client.get(url + "?q=lada"))


def test_another_agencys_draft_answers_404_everywhere(client, people):
    nomination = nominated(people)
    client.force_login(people.outsider)

    assert client.get(detail_url(nomination)).status_code == 404
    record = reverse("workspace-nomination-record", args=[nomination.pk])
    assert client.get(record).status_code == 404
    assert detail_url(nomination) not in page(client.get(reverse("workspace-nominations")))


def test_the_pages_need_a_sign_in_and_are_never_cached(client, people):
    nomination = nominated(people)
    for url in (reverse("workspace-nominations"), detail_url(nomination)):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(people.editor)
    cache_control = client.get(detail_url(nomination))["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


def test_the_assessment_record_shows_every_assessor_and_the_total(client, people):
    nomination = submitted(people)
    for reviewer, score, comment in (
        (people.reviewer, 4, "Baik."),
        (people.reviewer2, 5, "Unggul."),
    ):
        scores = dict.fromkeys(CODES, score)
        workflow.assess(nomination=nomination, by=reviewer, scores=scores, comment=comment)
    workflow.act(nomination=nomination, by=people.reviewer, action="recommend")
    client.force_login(people.admin)
    client.post(step_url(nomination, "approve"), period())
    client.force_login(people.editor)

    record = page(client.get(reverse("workspace-nomination-record", args=[nomination.pk])))

    for code in CODES:
        assert f'<th scope="row">Kriteria {code}</th><td>4</td><td>5</td>' in record
    assert "disperindag.reviewer" in record and "reviewer.dua" in record
    assert "Baik." in record and "Unggul." in record
    assert "<strong>4,50</strong>" in record  # the mean of the means 4 and 5
    assert "Disperindag Babel" in record and "Dinas Pertanian" in record
    assert DECREE in record and "admin.prov" in record


def test_the_designations_list_filters_and_offers_revoking_to_administrators(client, people):
    today = timezone.localdate()
    current = f.DesignationFactory(nomination__product__name="Lada Putih Berlaku")
    expired = f.DesignationFactory(
        nomination__product__name="Kain Cual Lama", year=today.year - 2,
        valid_from=today - timedelta(days=800), valid_until=today - timedelta(days=400),
    )  # fmt: skip
    client.force_login(people.editor)
    url = reverse("workspace-designations")

    listing = page(client.get(url))
    assert "Lada Putih Berlaku" in listing and "Kain Cual Lama" in listing
    assert revoke_url(current) not in listing
    assert "Kain Cual Lama" not in page(client.get(url + "?status=current"))
    assert "Lada Putih Berlaku" not in page(client.get(url + "?status=expired"))
    client.force_login(people.admin)
    listing = page(client.get(url))
    assert revoke_url(current) in listing and revoke_url(expired) not in listing


# Query counts -----------------------------------------------------------------------------------


def test_list_and_detail_cost_the_same_queries_for_1_or_15_nominations_and_events(client, people):
    criteria = list(Criterion.objects.all())

    def add_nomination():
        nomination = f.NominationFactory(product__owner_agency=people.owner)
        add_event(nomination)
        for reviewer in (people.reviewer, people.reviewer2):
            assessment = Assessment.objects.create(
                nomination=nomination, reviewer=reviewer, agency=people.leading
            )
            for criterion in criteria:
                assessment.scores.create(criterion=criterion, score=3)
        return nomination

    def add_event(nomination):
        NominationEvent.objects.create(
            nomination=nomination, action="submit", from_state="draft", to_state="submitted",
            actor=f.UserFactory(), agency=f.AgencyFactory(), comment="Catatan",
        )  # fmt: skip

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(people.editor)
    first = add_nomination()
    pages = (reverse("workspace-nominations"), detail_url(first))
    one = [queries(url) for url in pages]
    for _ in range(14):
        add_nomination()
        add_event(first)
    fifteen = [queries(url) for url in pages]

    assert Nomination.objects.count() == 15 and first.events.count() == 15
    # 23: the detail's 20, the product's photos (item 16.21), the navigation's unread
    # notifications count and the agencies the person manages (its members links), one each
    assert one == fifteen and max(fifteen) <= 23
