"""A business's development record in the API: `businesses/<slug>/support/`,
`businesses/<slug>/snapshots/`, `snapshots/<id>/verify/`, `milestones/`, `milestones/<id>/verify/`.
Staff only; 401 → 404 → 403 → 409 → 400; each write checked in the database; each read costs
the same queries for a short and a long record."""

import datetime
import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from catalog.models import Business, Collaboration
from support.models import Milestone, Referral, Snapshot
from tests.factories import (
    ActivityFactory,
    CertificateFactory,
    MilestoneFactory,
    ParticipationFactory,
    ReferralFactory,
    ServiceFactory,
    SnapshotFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BILLION = 1_000_000_000
STAFF = ["owner_editor", "collab_manager", "other_editor", "reviewer", "administrator"]


@pytest.fixture(autouse=True)
def _invitations_declined(world):
    """The world's co-curation invitations declined: the timeline holds what each test puts
    there."""
    Collaboration.objects.update(status=Collaboration.Status.DECLINED, answered_at=timezone.now())


@pytest.fixture
def stranger():
    """Signed in, but a member of no agency: no reader of development records."""
    client = APIClient()
    client.force_authenticate(UserFactory(username="warga"))
    return client


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


def support_url(business):
    return f"/api/v1/businesses/{business.slug}/support/"


def snapshots_url(business):
    return f"/api/v1/businesses/{business.slug}/snapshots/"


# businesses/<slug>/support/ ---------------------------------------------------------------------


@pytest.mark.parametrize("who", STAFF)
def test_staff_read_the_coverage_and_the_timeline(client_of, world, who):
    ServiceFactory(business=world.business, agency=world.owner, provided_on=days_ago(2))
    ServiceFactory(
        business=world.business, agency=world.collaborator, provided_on=days_ago(1),
        voided_at=timezone.now(), void_reason="Dobel",
    )  # fmt: skip

    response = client_of(who).get(support_url(world.business))

    body = response.json()
    assert response.status_code == 200
    assert body["business"] == world.business.slug
    assert [stage["stage"] for stage in body["coverage"]][:2] == ["pendaftaran", "pelatihan"]
    assert {stage["state"] for stage in body["coverage"]} == {"in_progress", "none"}
    assert body["count"] == 2
    voided, standing = body["results"]
    assert (voided["kind"], voided["status"], voided["note"]) == ("service", "voided", "Dobel")
    assert voided["agencies"] == ["dinas-koperasi-ukm"]
    assert voided["stages"] == ["pendampingan"]
    assert standing["date"] == days_ago(2).isoformat()


def test_anonymous_gets_401(world):
    response = APIClient().get(support_url(world.business))

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_person_of_no_agency_gets_403(world, stranger):
    assert stranger.get(support_url(world.business)).status_code == 403


def test_a_business_the_user_may_not_see_is_404(client_of, world):
    Business.objects.filter(pk=world.foreign_business.pk).update(is_active=False)

    assert client_of("owner_editor").get(support_url(world.foreign_business)).status_code == 404
    assert client_of("administrator").get(support_url(world.foreign_business)).status_code == 200
    assert client_of("owner_editor").get("/api/v1/businesses/tidak-ada/support/").status_code == 404


def test_the_timeline_is_paginated(client_of, world):
    for n in range(30):
        ServiceFactory(business=world.business, agency=world.owner, provided_on=days_ago(n))
    client = client_of("reviewer")

    first = client.get(support_url(world.business), {"page_size": 25}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 30
    assert [e["date"] for e in first["results"] + second["results"]] == [
        days_ago(n).isoformat() for n in range(30)
    ]
    assert second["next"] is None and len(second["coverage"]) == 7


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def grow(world, rounds):
    for n in range(rounds):
        day = days_ago(n)
        activity = ActivityFactory(organiser=world.owner, starts_at=at(day), ends_at=at(day))
        ParticipationFactory(activity=activity, business=world.business)
        ServiceFactory(business=world.business, agency=world.owner, provided_on=day)
        referral = ReferralFactory(
            business=world.business, from_agency=world.owner, to_agency=world.leading
        )
        Referral.objects.filter(pk=referral.pk).update(sent_at=at(day))
        MilestoneFactory(business=world.business, achieved_on=day).credited_agencies.add(
            world.owner
        )
        CertificateFactory(product=world.published, issued_on=day)
        SnapshotFactory(business=world.business, taken_on=day)


def queries(world, who, path, **params):
    """(rows shown, queries) of a GET by a client signed in afresh, as a new request would be."""
    client = APIClient()
    client.force_authenticate(type(world.people[who]).objects.get(pk=world.people[who].pk))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(response.json()["results"]), len(captured)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/businesses/{slug}/support/",
        "/api/v1/businesses/{slug}/snapshots/",
        "/api/v1/milestones/",
    ],
)
@pytest.mark.parametrize("who", ["owner_editor", "administrator"])
def test_each_read_costs_the_same_for_a_short_and_a_long_record(world, path, who):
    path = path.format(slug=world.business.slug)
    grow(world, 1)
    few, short = queries(world, who, path)
    grow(world, 12)  # 65 timeline entries, 13 snapshots, 13 milestones
    many, long = queries(world, who, path)

    assert few < many
    assert short == long
    assert long <= 25


# businesses/<slug>/snapshots/ -------------------------------------------------------------------


def test_snapshots_show_their_class_beside_the_declared_scale(client_of, world):
    Business.objects.filter(pk=world.business.pk).update(scale=Business.Scale.MICRO)
    SnapshotFactory(business=world.business, taken_on=days_ago(9), capital=None, turnover=None)
    SnapshotFactory(business=world.business, taken_on=days_ago(5), capital=400_000_000)
    SnapshotFactory(business=world.business, taken_on=days_ago(1), capital=6 * BILLION)

    body = client_of("other_editor").get(snapshots_url(world.business)).json()

    assert [
        (s["taken_on"], s["scale_class"], s["matches_declared_scale"]) for s in body["results"]
    ] == [
        (days_ago(1).isoformat(), "menengah", False),
        (days_ago(5).isoformat(), "mikro", True),
        (days_ago(9).isoformat(), None, None),
    ]
    assert {s["declared_scale"] for s in body["results"]} == {"mikro"}


@pytest.mark.parametrize("who", ["owner_editor", "reviewer", "administrator"])
def test_staff_record_a_snapshot(client_of, world, who):
    response = client_of(who).post(
        snapshots_url(world.business),
        {"taken_on": days_ago(2).isoformat(), "capital": 2 * BILLION, "workers_women": 4},
        format="json",
    )

    snapshot = Snapshot.objects.get()
    assert response.status_code == 201
    assert response.json()["id"] == snapshot.pk
    assert response.json()["scale_class"] == "kecil"
    assert (snapshot.business, snapshot.capital, snapshot.workers_women) == (
        world.business, 2 * BILLION, 4,
    )  # fmt: skip
    assert (snapshot.recorded_by, snapshot.source) == (world.people[who], "staff_recorded")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"taken_on": "2026-01-01"}, "capital"),  # neither capital nor turnover
        ({"taken_on": "kemarin", "capital": 1}, "taken_on"),
        ({"taken_on": "2026-01-01", "capital": -5}, "capital"),
        ({"taken_on": "2026-01-01", "capital": 1, "source": "rumor"}, "source"),
        ({"taken_on": "2026-01-01", "capital": 1, "verified_at": "2026-01-02"}, "verified_at"),
    ],
)
def test_a_bad_snapshot_is_a_400_naming_the_field(client_of, world, body, field):
    response = client_of("owner_editor").post(snapshots_url(world.business), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize(
    ("client", "business", "expected"),
    [("anonymous", "business", 401), ("stranger", "business", 403), ("owner_editor", "none", 404)],
)
def test_who_may_not_record_a_snapshot(client_of, world, stranger, client, business, expected):
    api = stranger if client == "stranger" else client_of(client)
    path = (
        snapshots_url(world.business)
        if business == "business"
        else "/api/v1/businesses/x/snapshots/"
    )

    response = api.post(path, {"taken_on": "bukan tanggal"}, format="json")

    assert response.status_code == expected
    assert not Snapshot.objects.exists()


# snapshots/<id>/verify/ and milestones/<id>/verify/ ---------------------------------------------


@pytest.mark.parametrize("kind", ["snapshots", "milestones"])
@pytest.mark.parametrize("who", ["reviewer", "administrator"])
def test_a_reviewer_or_administrator_verifies_once(client_of, world, kind, who):
    model = Snapshot if kind == "snapshots" else Milestone
    row = (SnapshotFactory if kind == "snapshots" else MilestoneFactory)(business=world.business)
    client = client_of(who)

    first = client.post(f"/api/v1/{kind}/{row.pk}/verify/")
    verified_at = model.objects.get().verified_at
    again = client.post(f"/api/v1/{kind}/{row.pk}/verify/")

    assert first.status_code == 200
    assert first.json()["verified_by"] == world.people[who].username
    assert again.status_code == 409
    row = model.objects.get()
    assert (row.verified_by, row.verified_at) == (world.people[who], verified_at)


@pytest.mark.parametrize("kind", ["snapshots", "milestones"])
@pytest.mark.parametrize(
    ("who", "expected"),
    [("anonymous", 401), ("owner_editor", 403), ("collab_manager", 403), ("foreign_editor", 403)],
)
def test_others_may_not_verify(client_of, world, kind, who, expected):
    row = (SnapshotFactory if kind == "snapshots" else MilestoneFactory)(business=world.business)

    response = client_of(who).post(f"/api/v1/{kind}/{row.pk}/verify/")

    assert response.status_code == expected
    assert not (Snapshot if kind == "snapshots" else Milestone).objects.verified().exists()


@pytest.mark.parametrize("kind", ["snapshots", "milestones"])
def test_verifying_what_one_may_not_see_is_404_before_403(client_of, world, kind):
    Business.objects.filter(pk=world.foreign_business.pk).update(is_active=False)
    row = (SnapshotFactory if kind == "snapshots" else MilestoneFactory)(
        business=world.foreign_business
    )

    assert client_of("owner_editor").post(f"/api/v1/{kind}/{row.pk}/verify/").status_code == 404
    assert client_of("reviewer").post(f"/api/v1/{kind}/{row.pk + 1}/verify/").status_code == 404


# milestones/ --------------------------------------------------------------------------------------


def test_milestones_are_listed_newest_first_and_filtered(client_of, world):
    verified = MilestoneFactory(
        business=world.business, achieved_on=days_ago(3), verified_at=timezone.now()
    )
    open_one = MilestoneFactory(business=world.business, achieved_on=days_ago(1), kind="export")
    elsewhere = MilestoneFactory(business=world.foreign_business, achieved_on=days_ago(2))
    client = client_of("owner_editor")

    def ids(**params):
        response = client.get("/api/v1/milestones/", params)
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    assert ids() == [open_one.pk, elsewhere.pk, verified.pk]
    assert ids(business=world.business.slug) == [open_one.pk, verified.pk]
    assert ids(verified="true") == [verified.pk]
    assert ids(verified="false", business=world.business.slug) == [open_one.pk]


def test_milestones_of_a_business_the_user_may_not_see_are_not_listed(client_of, world):
    Business.objects.filter(pk=world.foreign_business.pk).update(is_active=False)
    MilestoneFactory(business=world.foreign_business)
    client = client_of("owner_editor")

    assert client.get("/api/v1/milestones/").json()["count"] == 0
    response = client.get("/api/v1/milestones/", {"business": world.foreign_business.slug})
    assert response.status_code == 400  # as unknown as a slug that does not exist
    assert client_of("administrator").get("/api/v1/milestones/").json()["count"] == 1


@pytest.mark.parametrize(("who", "expected"), [("anonymous", 401), ("stranger", 403)])
def test_milestones_are_for_staff_only(client_of, world, stranger, who, expected):
    MilestoneFactory(business=world.business)
    api = stranger if who == "stranger" else client_of(who)

    assert api.get("/api/v1/milestones/").status_code == expected
    assert api.post("/api/v1/milestones/", {}, format="json").status_code == expected


def test_staff_record_a_milestone_with_its_stage_from_the_kind(client_of, world):
    response = client_of("reviewer").post(
        "/api/v1/milestones/",
        {
            "business": world.business.slug,
            "kind": "ekatalog",
            "achieved_on": days_ago(4).isoformat(),
            "evidence": "Tayang di e-Katalog lokal",
            "credited_agencies": ["dinas-pertanian", "disperindag"],
        },
        format="json",
    )

    milestone = Milestone.objects.get()
    assert response.status_code == 201
    assert response.json()["stage"] == "pemasaran"
    assert response.json()["credited_agencies"] == ["dinas-pertanian", "disperindag"]
    assert (milestone.business, milestone.kind, milestone.stage.code) == (
        world.business, "ekatalog", "pemasaran",
    )  # fmt: skip
    assert set(milestone.credited_agencies.all()) == {world.owner, world.leading}
    assert milestone.recorded_by == world.people["reviewer"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"business": None}, "business"),
        ({"kind": "juara"}, "kind"),
        ({"achieved_on": (timezone.localdate() + timedelta(days=3)).isoformat()}, "achieved_on"),
        ({"stage": "tidak-ada"}, "stage"),
        ({"credited_agencies": ["dinas-tidak-ada"]}, "credited_agencies"),
        ({"verified_at": "2026-01-01T00:00:00Z"}, "verified_at"),
    ],
)
def test_a_bad_milestone_is_a_400_naming_the_field(client_of, world, changes, field):
    body = {"business": world.business.slug, "kind": "nib", "achieved_on": days_ago(1).isoformat()}
    body.update(changes)
    body = {name: value for name, value in body.items() if value is not None}

    response = client_of("owner_editor").post("/api/v1/milestones/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Milestone.objects.exists()


def test_a_milestone_for_a_business_one_may_not_see_is_404_before_the_body_is_read(
    client_of, world
):
    Business.objects.filter(pk=world.foreign_business.pk).update(is_active=False)

    for slug in (world.foreign_business.slug, "tidak-ada", "nul\x00"):
        response = client_of("owner_editor").post(
            "/api/v1/milestones/", {"business": slug, "kind": "juara"}, format="json"
        )
        assert response.status_code == 404
    assert not Milestone.objects.exists()


# The schema ---------------------------------------------------------------------------------------


def test_the_schema_documents_every_address_and_its_answers(db):
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = json.loads(response.content)["paths"]

    def documented(path, method):
        return " ".join(sorted(paths[path][method]["responses"]))

    assert documented("/api/v1/businesses/{slug}/support/", "get") == "200 400 401 403 404 429"
    assert documented("/api/v1/businesses/{slug}/snapshots/", "get") == "200 400 401 403 404 429"
    assert (
        documented("/api/v1/businesses/{slug}/snapshots/", "post")
        == "201 400 401 403 404 413 415 422 429"
    )
    assert documented("/api/v1/snapshots/{id}/verify/", "post") == "200 401 403 404 409 422 429"
    assert documented("/api/v1/milestones/", "get") == "200 400 401 403 404 429"
    assert documented("/api/v1/milestones/", "post") == "201 400 401 403 404 413 415 422 429"
    assert documented("/api/v1/milestones/{id}/verify/", "post") == "200 401 403 404 409 422 429"
    assert {"page", "page_size"} <= {
        p["name"] for p in paths["/api/v1/businesses/{slug}/support/"]["get"]["parameters"]
    }
    assert {"business", "verified", "page"} <= {
        p["name"] for p in paths["/api/v1/milestones/"]["get"]["parameters"]
    }
