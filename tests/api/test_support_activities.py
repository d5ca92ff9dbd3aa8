"""The development record's activities in the API (DESIGN §8): `stages/`, `activities/`, their
participants and `participants/<id>/` — who reads what, who writes what, the order 401 → 404 →
403 → 409 → 400, and what is in the database afterwards."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from support.models import STAGE_CODES, Activity, Participation
from tests.api.support_helpers import iso, outsider_client, queries_for, soon, url
from tests.factories import (
    ActivityFactory,
    BusinessFactory,
    MembershipFactory,
    ParticipationFactory,
    RegionFactory,
    stage,
)


@pytest.fixture
def work(world):
    """Dinas Pertanian (`owner`) organises a public training co-organised by Diskop
    (`collaborator`), in which the business is registered, and a public workshop it cancelled;
    DKP (`other`) organises an exhibition that is not public."""
    training = ActivityFactory(
        organiser=world.owner, region=world.region, is_public=True, title="Pelatihan Kemasan"
    )
    training.co_organisers.add(world.collaborator)
    registration = ParticipationFactory(activity=training, business=world.business)
    cancelled = ActivityFactory(
        organiser=world.owner,
        region=world.region,
        is_public=True,
        title="Klinik Batal",
        cancelled_at=timezone.now(),
        cancel_reason="Hujan badai",
    )
    internal = ActivityFactory(
        organiser=world.other,
        region=world.region,
        kind="pameran",
        title="Pameran Internal",
        stages=[stage("pemasaran")],
    )
    return SimpleNamespace(
        training=training, registration=registration, cancelled=cancelled, internal=internal
    )


def new_activity(**changes):
    body = {
        "kind": "bimtek",
        "title": "Bimtek Pembukuan",
        "stages": ["keuangan", "pelatihan"],
        "starts_at": iso(soon(10)),
        "ends_at": iso(soon(10, hours=4)),
        "region": "bangka-barat",
        "place": "Aula Diskop",
        "capacity": 30,
        "is_public": True,
    }
    body.update(changes)
    return body


def titles(response):
    return [row["title"] for row in response.json()["results"]]


# Stages -----------------------------------------------------------------------------------------


def test_stages_are_listed_to_everyone_in_their_order(client_of, world):
    response = client_of("anonymous").get(url("stage-list"))

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["code"] for row in rows] == list(STAGE_CODES)
    assert set(rows[0]) == {"code", "name", "name_en", "display_name", "order"}


# Reading activities -----------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["anonymous", "outsider"])
def test_the_public_and_non_members_see_public_activities_only(client_of, work, person):
    client = outsider_client() if person == "outsider" else client_of(person)

    response = client.get(url("activity-list"))

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Klinik Batal", "Pelatihan Kemasan"]
    assert client.get(url("activity-detail", work.internal.pk)).status_code == 404


@pytest.mark.parametrize("person", ["reviewer", "foreign_editor", "administrator"])
def test_members_of_any_agency_see_every_activity(client_of, work, person):
    client = client_of(person)

    response = client.get(url("activity-list"))

    assert sorted(titles(response)) == ["Klinik Batal", "Pameran Internal", "Pelatihan Kemasan"]
    assert client.get(url("activity-detail", work.internal.pk)).status_code == 200


def test_an_activity_shows_its_agencies_stages_labels_and_counts(client_of, work):
    Participation.objects.filter(pk=work.registration.pk).update(status="completed")
    ParticipationFactory(activity=work.training)

    body = client_of("anonymous").get(url("activity-detail", work.training.pk)).json()

    assert body["organiser"] == "dinas-pertanian"
    assert body["co_organisers"] == ["dinas-koperasi-ukm"]
    assert body["stages"] == ["pelatihan"]
    assert body["region"] == "bangka-barat"
    assert (body["kind"], body["kind_label"]) == ("pelatihan", str(Activity.Kind.PELATIHAN.label))
    assert body["funding_label"] == str(Activity.Funding.APBD.label)
    assert (body["participants"], body["completed"]) == (2, 1)
    assert body["is_cancelled"] is False
    assert "created_by" not in body


def test_a_cancelled_activity_stays_listed_and_marked(client_of, work):
    body = client_of("anonymous").get(url("activity-detail", work.cancelled.pk)).json()

    assert body["is_cancelled"] is True
    assert body["cancel_reason"] == "Hujan badai"


def test_upcoming_activities_come_first_soonest_first_then_past_ones(client_of, world):
    for title, days in [("Lusa", 2), ("Kemarin", -1), ("Besok", 1), ("Minggu lalu", -7)]:
        ActivityFactory(
            organiser=world.owner, region=world.region, is_public=True, title=title,
            starts_at=soon(days), ends_at=soon(days, hours=2),
        )  # fmt: skip

    response = client_of("anonymous").get(url("activity-list"))

    assert titles(response) == ["Besok", "Lusa", "Kemarin", "Minggu lalu"]


def test_activities_filter_by_stage_agency_region_month_and_year(client_of, world, work):
    client = client_of("reviewer")
    elsewhere = RegionFactory(slug="belitung", name="Kabupaten Belitung", seat="Tanjung Pandan")
    zone = timezone.get_current_timezone()
    # A fair from 30 March to 2 April runs in March and in April.
    fair = ActivityFactory(
        organiser=world.foreign, region=elsewhere, kind="pameran", title="Pekan Raya",
        starts_at=timezone.make_aware(datetime(2031, 3, 30, 9), zone),
        ends_at=timezone.make_aware(datetime(2031, 4, 2, 17), zone),
        stages=[stage("pemasaran")],
    )  # fmt: skip

    def found(**params):
        return sorted(titles(client.get(url("activity-list"), params)))

    assert found(tahap="pemasaran") == ["Pameran Internal", "Pekan Raya"]
    assert found(dinas="dinas-koperasi-ukm") == ["Pelatihan Kemasan"]  # as co-organiser
    assert found(dinas="dinas-pertanian") == ["Klinik Batal", "Pelatihan Kemasan"]
    assert found(wilayah="belitung") == ["Pekan Raya"]
    assert found(bulan="2031-03") == found(bulan="2031-04") == ["Pekan Raya"]
    assert found(bulan="2031-05") == []
    assert found(year=2031) == ["Pekan Raya"]
    assert found(tahap="pemasaran", wilayah="bangka-barat") == ["Pameran Internal"]
    assert client.get(url("activity-detail", fair.pk), {"year": 1999}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"tahap": "tidak-ada"},
        {"dinas": "dinas-rahasia"},
        {"wilayah": "atlantis"},
        {"bulan": "2026-13"},
        {"bulan": "Maret"},
        {"year": "dua ribu"},
    ],
)
def test_an_unknown_or_malformed_filter_is_a_400(client_of, work, params):
    response = client_of("anonymous").get(url("activity-list"), params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


@pytest.mark.parametrize("person", ["anonymous", "reviewer"])
def test_the_activity_list_costs_the_same_for_one_activity_and_for_twenty(client_of, world, person):
    client = client_of(person)

    def make(n):
        activity = ActivityFactory(
            organiser=world.owner, region=world.region, is_public=True,
            stages=[stage("pelatihan"), stage("pemasaran")],
        )  # fmt: skip
        activity.co_organisers.add(world.collaborator, world.other)
        ParticipationFactory(activity=activity, business=BusinessFactory())

    make(0)
    shown_few, few = queries_for(client, url("activity-list"))
    for n in range(1, 20):
        make(n)
    shown_many, many = queries_for(client, url("activity-list"))

    assert (shown_few, shown_many) == (1, 20)
    assert many == few
    assert many <= 8


# Creating and changing activities ---------------------------------------------------------------


def test_an_editor_creates_an_activity_for_their_only_agency(client_of, world):
    response = client_of("owner_editor").post(
        url("activity-list"),
        new_activity(co_organisers=["dinas-koperasi-ukm", "dinas-pertanian"]),
        format="json",
    )

    assert response.status_code == 201, response.content
    activity = Activity.objects.get(pk=response.json()["id"])
    assert activity.organiser == world.owner
    assert activity.created_by == world.people["owner_editor"]
    assert sorted(activity.stages.values_list("code", flat=True)) == ["keuangan", "pelatihan"]
    # The organiser is no co-organiser of its own activity.
    assert list(activity.co_organisers.all()) == [world.collaborator]
    assert response.json()["co_organisers"] == ["dinas-koperasi-ukm"]
    assert activity.history.count() == 1


def test_an_administrator_names_the_organiser(client_of, world):
    response = client_of("administrator").post(
        url("activity-list"), new_activity(organiser="dinas-pariwisata"), format="json"
    )

    assert response.status_code == 201
    assert Activity.objects.get(pk=response.json()["id"]).organiser == world.foreign


def test_a_user_of_two_agencies_must_name_the_organiser(client_of, world):
    MembershipFactory(agency=world.second, user=world.people["owner_editor"])

    response = client_of("owner_editor").post(url("activity-list"), new_activity(), format="json")

    assert response.status_code == 400
    assert "organiser" in response.json()
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("person", "organiser", "code"),
    [
        ("anonymous", None, 401),
        ("reviewer", None, 403),
        ("owner_editor", "dinas-pariwisata", 403),
        ("collab_editor", "dinas-pertanian", 403),
    ],
)
def test_creating_for_an_agency_one_does_not_edit_for_is_refused_before_the_body(
    client_of, world, person, organiser, code
):
    body = {"title": ""}  # invalid as well: the right is asked first
    if organiser:
        body["organiser"] = organiser

    response = client_of(person).post(url("activity-list"), body, format="json")

    assert response.status_code == code
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_at": iso(soon(9))}, "ends_at"),  # before it starts
        ({"stages": []}, "stages"),
        ({"stages": ["tidak-ada"]}, "stages"),
        ({"region": "atlantis"}, "region"),
        ({"kind": "konser"}, "kind"),
        ({"co_organisers": ["dinas-rahasia"]}, "co_organisers"),
        ({"cancelled_at": iso(soon(0))}, "cancelled_at"),  # not a field one sets
        ({"created_by": 1}, "created_by"),
        ({"organiser": "dinas-rahasia"}, "organiser"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_bad_input_to_a_new_activity_is_a_400_naming_the_field(client_of, world, changes, field):
    response = client_of("owner_editor").post(
        url("activity-list"), new_activity(**changes), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Activity.objects.exists()


def test_the_organiser_changes_an_activity(client_of, world, work):
    response = client_of("owner_manager").patch(
        url("activity-detail", work.training.pk),
        {"title": "Pelatihan Kemasan Lanjutan", "stages": ["pelatihan", "pemasaran"]},
        format="json",
    )

    assert response.status_code == 200, response.content
    work.training.refresh_from_db()
    assert work.training.title == "Pelatihan Kemasan Lanjutan"
    assert sorted(work.training.stages.values_list("code", flat=True)) == [
        "pelatihan",
        "pemasaran",
    ]
    assert response.json()["stages"] == ["pelatihan", "pemasaran"]


def test_moving_the_end_before_the_standing_start_is_a_400(client_of, world, work):
    response = client_of("owner_editor").patch(
        url("activity-detail", work.training.pk),
        {"ends_at": iso(work.training.starts_at.replace(year=2000))},
        format="json",
    )

    assert response.status_code == 400
    assert "ends_at" in response.json()
    ends_at = work.training.ends_at
    work.training.refresh_from_db()
    assert work.training.ends_at == ends_at


@pytest.mark.parametrize(
    ("person", "code"),
    [("anonymous", 401), ("collab_editor", 403), ("other_editor", 403), ("reviewer", 403)],
)
def test_only_the_organiser_changes_an_activity(client_of, world, work, person, code):
    response = client_of(person).patch(
        url("activity-detail", work.training.pk), {"title": ""}, format="json"
    )

    assert response.status_code == code
    work.training.refresh_from_db()
    assert work.training.title == "Pelatihan Kemasan"


def test_an_activity_one_may_not_see_is_a_404_before_anything_else(client_of, world, work):
    response = outsider_client().patch(
        url("activity-detail", work.internal.pk), {"title": "x"}, format="json"
    )

    assert response.status_code == 404


def test_the_organiser_and_cancelling_are_not_changed_by_a_patch(client_of, world, work):
    response = client_of("owner_editor").patch(
        url("activity-detail", work.training.pk),
        {"organiser": "dinas-pariwisata", "cancel_reason": "x"},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"organiser", "cancel_reason"}
    work.training.refresh_from_db()
    assert work.training.organiser == world.owner


def test_a_cancelled_activity_is_a_409_before_its_body_is_read(client_of, world, work):
    response = client_of("owner_editor").patch(
        url("activity-detail", work.cancelled.pk), {"title": ""}, format="json"
    )

    assert response.status_code == 409
    assert Activity.objects.get(pk=work.cancelled.pk).title == "Klinik Batal"


# Cancelling -------------------------------------------------------------------------------------


def test_the_organiser_cancels_an_activity_saying_why(client_of, world, work):
    response = client_of("owner_editor").post(
        url("activity-cancel", work.training.pk), {"reason": "Narasumber sakit"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["is_cancelled"] is True
    work.training.refresh_from_db()
    assert work.training.cancel_reason == "Narasumber sakit"
    assert work.training.cancelled_by == world.people["owner_editor"]


@pytest.mark.parametrize(
    ("person", "activity", "body", "code"),
    [
        ("anonymous", "training", {"reason": "x"}, 401),
        ("collab_editor", "training", {}, 403),  # co-organisers do not cancel; 403 before 400
        ("owner_editor", "cancelled", {}, 409),  # 409 before 400
        ("owner_editor", "training", {}, 400),
        ("owner_editor", "training", {"reason": ""}, 400),
    ],
)
def test_cancelling_answers_in_order(client_of, world, work, person, activity, body, code):
    target = getattr(work, activity)
    was_cancelled_at = target.cancelled_at

    response = client_of(person).post(url("activity-cancel", target.pk), body, format="json")

    assert response.status_code == code
    target.refresh_from_db()
    assert target.cancelled_at == was_cancelled_at


# Participants -----------------------------------------------------------------------------------


def test_members_of_any_agency_list_the_participants(client_of, world, work):
    ParticipationFactory(activity=work.training, business=BusinessFactory(name="Abon Ikan"))

    response = client_of("reviewer").get(url("activity-participants", work.training.pk))

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["business_name"] for row in rows] == ["Abon Ikan", "Lada Mentok Jaya"]
    assert rows[1]["business"] == world.business.slug
    assert rows[1]["status_label"] == str(Participation.Status.REGISTERED.label)


def test_participants_are_not_shown_to_the_public(client_of, work):
    anonymous = client_of("anonymous")
    assert anonymous.get(url("activity-participants", work.training.pk)).status_code == 401
    assert outsider_client().get(url("activity-participants", work.training.pk)).status_code == 403
    assert outsider_client().get(url("activity-participants", work.internal.pk)).status_code == 404


def test_a_co_organiser_registers_a_business(client_of, world, work):
    newcomer = BusinessFactory(name="Madu Pelawan Jaya")

    response = client_of("collab_editor").post(
        url("activity-participants", work.training.pk),
        {"business": newcomer.slug, "status": "attended"},
        format="json",
    )

    assert response.status_code == 201, response.content
    participation = Participation.objects.get(activity=work.training, business=newcomer)
    assert participation.status == "attended"
    assert participation.created_by == world.people["collab_editor"]
    assert response.json()["id"] == participation.pk


@pytest.mark.parametrize(
    ("person", "activity", "business", "code", "field"),
    [
        ("other_editor", "training", "new", 403, None),
        ("reviewer", "training", "new", 403, None),
        ("owner_editor", "training", "registered", 400, "business"),  # a second participation
        ("owner_editor", "cancelled", "new", 400, "activity"),  # a cancelled activity
        ("owner_editor", "training", "inactive", 400, "business"),
        ("owner_editor", "training", "unknown", 400, "business"),
    ],
)
def test_registering_refuses_what_may_not_be(
    client_of, world, work, person, activity, business, code, field
):
    target = getattr(work, activity)
    before = Participation.objects.count()
    slugs = {
        "new": BusinessFactory().slug,
        "registered": world.business.slug,
        "inactive": BusinessFactory(is_active=False, registering_agency=world.owner).slug,
        "unknown": "tidak-ada",
    }

    response = client_of(person).post(
        url("activity-participants", target.pk), {"business": slugs[business]}, format="json"
    )

    assert response.status_code == code
    if field:
        assert field in response.json()
    assert Participation.objects.count() == before


def test_a_full_activity_takes_no_one_more(client_of, world, work):
    Activity.objects.filter(pk=work.training.pk).update(capacity=1)

    response = client_of("owner_editor").post(
        url("activity-participants", work.training.pk),
        {"business": BusinessFactory().slug},
        format="json",
    )

    assert response.status_code == 400
    assert work.training.participations.count() == 1


def test_a_participation_is_read_by_members_only(client_of, world, work):
    path = url("participant-detail", work.registration.pk)

    assert client_of("reviewer").get(path).json()["business"] == world.business.slug
    assert client_of("anonymous").get(path).status_code == 401
    assert outsider_client().get(path).status_code == 404


def test_a_co_organiser_marks_completion_with_a_result(client_of, world, work):
    response = client_of("collab_editor").patch(
        url("participant-detail", work.registration.pk),
        {"status": "completed", "result_note": "Desain kemasan baru", "certificate_number": "C-7"},
        format="json",
    )

    assert response.status_code == 200, response.content
    work.registration.refresh_from_db()
    assert (work.registration.status, work.registration.certificate_number) == ("completed", "C-7")
    assert response.json()["status_label"] == str(Participation.Status.COMPLETED.label)


@pytest.mark.parametrize(
    ("person", "body", "code"),
    [
        ("other_editor", {"status": "completed"}, 403),
        ("other_editor", {"status": "lulus"}, 403),  # 403 before 400
        ("owner_editor", {"status": "lulus"}, 400),
        ("owner_editor", {"activity": 1}, 400),
        ("owner_editor", {"business": "kopi-tanjung"}, 400),
    ],
)
def test_marking_refuses_what_may_not_be(client_of, world, work, person, body, code):
    response = client_of(person).patch(
        url("participant-detail", work.registration.pk), body, format="json"
    )

    assert response.status_code == code
    work.registration.refresh_from_db()
    assert work.registration.status == "registered"
    assert work.registration.business == world.business


def test_a_registration_made_by_mistake_is_removed(client_of, world, work):
    response = client_of("owner_editor").delete(url("participant-detail", work.registration.pk))

    assert response.status_code == 204
    assert not Participation.objects.filter(pk=work.registration.pk).exists()


@pytest.mark.parametrize(("person", "code"), [("other_editor", 403), ("owner_editor", 409)])
def test_who_attended_stays_on_the_record(client_of, world, work, person, code):
    Participation.objects.filter(pk=work.registration.pk).update(status="attended")

    response = client_of(person).delete(url("participant-detail", work.registration.pk))

    assert response.status_code == code
    assert Participation.objects.filter(pk=work.registration.pk).exists()


@pytest.mark.parametrize(
    ("person", "method", "body", "code"),
    [
        ("other_editor", "patch", {"status": "lulus"}, 403),
        ("owner_editor", "patch", {"status": "lulus"}, 409),  # 409 before 400
        ("owner_editor", "patch", {"status": "attended"}, 409),
        ("owner_editor", "delete", None, 409),
    ],
)
def test_a_cancelled_activity_keeps_its_participants_as_they_were(
    client_of, world, work, person, method, body, code
):
    registration = ParticipationFactory(activity=work.cancelled, business=world.business)
    path = url("participant-detail", registration.pk)
    client = client_of(person)

    response = client.patch(path, body, format="json") if body else client.delete(path)

    assert response.status_code == code
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_the_participant_list_costs_the_same_for_one_and_for_twenty(client_of, world, work):
    client = client_of("owner_editor")
    path = url("activity-participants", work.training.pk)

    shown_few, few = queries_for(client, path)
    for _n in range(19):
        ParticipationFactory(activity=work.training, business=BusinessFactory())
    shown_many, many = queries_for(client, path)

    assert (shown_few, shown_many) == (1, 20)
    assert many == few
    assert many <= 8
