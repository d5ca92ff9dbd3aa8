"""The flagship workflow through the API: addresses of docs/architecture.md §5, order of checks
401 → 404 → 403 → 409 → 400, and the database after every answer."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from agencies.models import Role
from catalog import rules
from catalog.models import Designation, Nomination, NominationEvent, Product
from tests.factories import (
    AgencyFactory,
    CriterionFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
PERIOD = {"year": 2026, "valid_from": "2026-01-01", "valid_until": "2026-12-31",
          "decree_number": "188.44/12/DKUKM/2026"}  # fmt: skip
SCORES = {"bahan_baku_lokal": 5, "keunikan": 4}


@pytest.fixture
def nomination_world():
    """A product, its nominating editor, a reviewer, an outsider and an administrator, with the
    criteria scored: the flagship path needs no more than that (not the rights-matrix `world`)."""
    owner = AgencyFactory(slug="dinas-pertanian")
    leading = AgencyFactory(slug="disperindag", is_leading_sector=True)
    admin = UserFactory()
    admin.groups.add(rules.administrator_group())
    for code in SCORES:
        CriterionFactory(code=code)
    return {
        "product": ProductFactory(owner_agency=owner, slug="lada-putih-muntok"),
        "editor": MembershipFactory(agency=owner).user,
        "reviewer": MembershipFactory(agency=leading, role=Role.REVIEWER).user,
        "outsider": MembershipFactory().user,
        "admin": admin,
    }


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def post(user, path, data=None):
    return client_for(user).post(f"/api/v1/{path}", data or {}, format="json")


def test_the_whole_path_through_the_api(nomination_world):
    body = {"product": "lada-putih-muntok", "justification": "Bahan baku lokal."}
    created = post(nomination_world["editor"], "nominations/", body)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert (
        post(nomination_world["editor"], f"nominations/{pk}/submit/").json()["state"] == "submitted"
    )
    changes = post(
        nomination_world["reviewer"], f"nominations/{pk}/request-changes/", {"comment": "Foto"}
    )
    assert changes.json()["state"] == "changes_requested"
    assert post(nomination_world["editor"], f"nominations/{pk}/resubmit/").status_code == 200
    scored = post(
        nomination_world["reviewer"], f"nominations/{pk}/assessments/", {"scores": SCORES}
    )
    assert scored.status_code == 201 and scored.json()["total"] == 4.5
    assert (
        post(nomination_world["reviewer"], f"nominations/{pk}/recommend/").json()["state"]
        == "recommended"
    )
    approved = post(nomination_world["admin"], f"nominations/{pk}/approve/", PERIOD)
    assert approved.status_code == 200, approved.json()

    designation = Designation.objects.get(nomination_id=pk)
    flagships = client_for().get("/api/v1/flagships/").json()["results"]
    assert [f["decree_number"] for f in flagships] == ["188.44/12/DKUKM/2026"]
    product = client_for().get("/api/v1/products/lada-putih-muntok/").json()
    assert product["is_flagship"] is True

    events = client_for(nomination_world["editor"]).get(f"/api/v1/nominations/{pk}/events/").json()
    assert [e["action"] for e in events] == [
        "nominate", "submit", "request_changes", "resubmit", "recommend", "approve",
    ]  # fmt: skip
    assert set(events[-1]) == {"id", "action", "from_state", "to_state", "actor", "agency",
                               "comment", "created_at"}  # fmt: skip

    revoked = post(
        nomination_world["admin"], f"flagships/{designation.pk}/revoke/", {"reason": "SK dicabut"}
    )
    assert revoked.status_code == 200
    assert client_for().get("/api/v1/flagships/").json()["results"] == []
    assert client_for().get("/api/v1/products/lada-putih-muntok/").json()["is_flagship"] is False


def nomination_in(nomination_world, state):
    return Nomination.objects.create(
        product=nomination_world["product"], agency=nomination_world["product"].owner_agency,
        justification="x", created_by=nomination_world["editor"], state=state,
        submitted_by=nomination_world["editor"] if state != "draft" else None,
        submitted_at=timezone.now() if state != "draft" else None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("state", "actor", "action", "data", "expected"),
    [
        ("draft", None, "submit", {}, 401),
        ("draft", "reviewer", "submit", {}, 404),  # another agency's draft is invisible
        ("draft", "outsider", "submit", {}, 404),
        ("submitted", "outsider", "withdraw", {}, 404),
        ("submitted", "editor", "recommend", {}, 403),
        ("submitted", "admin", "recommend", {}, 403),
        ("recommended", "reviewer", "approve", PERIOD, 403),
        ("draft", "admin", "approve", PERIOD, 409),  # skipping states
        ("rejected", "editor", "resubmit", {}, 409),
        ("withdrawn", "editor", "submit", {}, 409),
        ("submitted", "reviewer", "reject", {"comment": ""}, 400),
        ("submitted", "reviewer", "recommend", {}, 400),  # no complete assessment
        ("recommended", "admin", "approve", {**PERIOD, "decree_number": ""}, 400),
        ("recommended", "admin", "approve", {**PERIOD, "valid_until": "2025-01-01"}, 400),
        ("recommended", "admin", "approve", {**PERIOD, "valid_from": "besok"}, 400),
        ("recommended", "editor", "approve", {"valid_from": "besok"}, 403),  # 403 before 400
        ("approved", "admin", "approve", {"decree_number": ""}, 409),  # 409 before 400
    ],
)
def test_refusals_follow_the_order_of_checks_and_change_nothing(
    nomination_world, state, actor, action, data, expected
):
    nomination = nomination_in(nomination_world, state)
    user = nomination_world[actor] if actor else None

    response = post(user, f"nominations/{nomination.pk}/{action}/", data)

    assert response.status_code == expected, response.json()
    nomination.refresh_from_db()
    assert nomination.state == state
    assert not NominationEvent.objects.filter(nomination=nomination).exists()
    assert not Designation.objects.exists()
    if expected == 401:
        assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("scores", [{"keunikan": 0}, {"keunikan": 6}, {"keunikan": "x"}, "5"])
def test_bad_scores_are_400(nomination_world, scores):
    nomination = nomination_in(nomination_world, "submitted")
    response = post(nomination_world["reviewer"], f"nominations/{nomination.pk}/assessments/",
                    {"scores": scores})  # fmt: skip
    assert response.status_code == 400
    assert not nomination.assessments.exists()


def test_who_sees_which_nominations(nomination_world):
    draft = nomination_in(nomination_world, "draft")
    listed = {
        name: {
            n["id"]
            for n in client_for(nomination_world[name])
            .get("/api/v1/nominations/")
            .json()["results"]
        }
        for name in ("editor", "reviewer", "outsider", "admin")
    }
    assert listed == {"editor": {draft.pk}, "reviewer": set(), "outsider": set(),
                      "admin": {draft.pk}}  # fmt: skip


def test_draft_edit_refuses_protected_fields(nomination_world):
    draft = nomination_in(nomination_world, "draft")
    client = client_for(nomination_world["editor"])

    refused = client.patch(f"/api/v1/nominations/{draft.pk}/", {"state": "approved"}, format="json")
    edited = client.patch(f"/api/v1/nominations/{draft.pk}/", {"justification": "Baru"},
                          format="json")  # fmt: skip

    assert refused.status_code == 400 and "state" in refused.json()
    assert edited.status_code == 200
    draft.refresh_from_db()
    assert (draft.state, draft.justification) == ("draft", "Baru")


def test_second_open_nomination_is_409(nomination_world):
    nomination_in(nomination_world, "submitted")
    response = post(nomination_world["editor"], "nominations/", {"product": "lada-putih-muntok",
                                                      "justification": "lagi"})  # fmt: skip
    assert response.status_code == 409
    assert Nomination.objects.count() == 1


def test_revoke_needs_an_administrator_and_a_reason(nomination_world):
    nomination = nomination_in(nomination_world, "approved")
    designation = Designation.objects.create(
        product=nomination_world["product"], nomination=nomination, year=2026,
        valid_from="2026-01-01", valid_until="2026-12-31", decree_number="SK-1",
        approved_by=nomination_world["admin"], approved_at="2026-01-01T00:00:00Z",
    )  # fmt: skip

    assert post(None, f"flagships/{designation.pk}/revoke/", {"reason": "x"}).status_code == 401
    assert (
        post(
            nomination_world["editor"], f"flagships/{designation.pk}/revoke/", {"reason": "x"}
        ).status_code
        == 403
    )
    assert (
        post(nomination_world["admin"], f"flagships/{designation.pk}/revoke/", {}).status_code
        == 400
    )
    designation.refresh_from_db()
    assert designation.revoked_at is None
    assert (
        post(
            nomination_world["admin"], f"flagships/{designation.pk}/revoke/", {"reason": "x"}
        ).status_code
        == 200
    )
    assert (
        post(
            nomination_world["admin"], f"flagships/{designation.pk}/revoke/", {"reason": "x"}
        ).status_code
        == 409
    )
    assert Product.objects.flagships().count() == 0
