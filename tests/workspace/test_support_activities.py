"""Activities in the workspace: the list (my agencies' first, filters), create, edit and cancel
(the organiser's editors), add participants from a search (organiser and co-organisers), mark
attendance on one screen; the database is checked after every request, refusals included."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.models import Activity, Participation
from tests.factories import ActivityFactory, BusinessFactory, ParticipationFactory, stage
from tests.workspace.helpers import as_user, assert_sent_to_login, messages_of, url

P = Participation.Status


@pytest.fixture
def training(world):
    """Dinas Pertanian organises a training with Diskop; "Lada Mentok Jaya" is registered."""
    activity = ActivityFactory(
        organiser=world.owner, region=world.region, title="Pelatihan Kemasan Lada", capacity=30
    )
    activity.co_organisers.add(world.collaborator)
    ParticipationFactory(activity=activity, business=world.business)
    return activity


def form_data(world, **changes):
    starts = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "organiser": world.owner.pk,
        "kind": "pelatihan",
        "title": "Pelatihan Pengemasan Produk",
        "stages": [stage("pelatihan").pk],
        "starts_at": starts.strftime("%Y-%m-%dT09:00"),
        "ends_at": starts.strftime("%Y-%m-%dT15:00"),
        "region": world.region.pk,
        "place": "Aula Distan",
        "capacity": "25",
        "co_organisers": [world.collaborator.pk],
        "funding": "apbd",
        "benefit": "non_financial",
        "registration_info": "Daftar lewat WhatsApp dinas.",
    }
    data.update(changes)
    return data


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


# The list ---------------------------------------------------------------------------------------


def test_the_list_shows_my_agencies_activities_first(client, world, training):
    ActivityFactory(organiser=world.foreign, region=world.region, title="Temu Bisnis Dispar")
    client.force_login(world.people["collab_editor"])  # Diskop co-organises the training

    response = client.get(url("workspace-activities"))

    titles = [activity.title for activity in response.context["page"].object_list]
    assert titles == ["Pelatihan Kemasan Lada", "Temu Bisnis Dispar"]
    assert response.context["page"].object_list[0].is_mine


def test_the_list_filters_by_stage_agency_and_month(client, world, training):
    next_year = timezone.localtime().year + 1
    later = ActivityFactory(
        organiser=world.foreign,
        region=world.region,
        title="Pameran Tahun Depan",
        kind="pameran",
        stages=[stage("pemasaran")],
        starts_at=timezone.make_aware(datetime.datetime(next_year, 3, 5, 9)),
        ends_at=timezone.make_aware(datetime.datetime(next_year, 3, 7, 17)),
    )
    client.force_login(world.people["owner_editor"])

    def titles(query):
        page = client.get(url("workspace-activities") + query).context["page"]
        return [activity.title for activity in page.object_list]

    assert titles("?tahap=pemasaran") == [later.title]
    assert titles("?dinas=dinas-koperasi-ukm") == [training.title]  # as co-organiser
    assert titles(f"?bulan={next_year}-03") == [later.title]


@pytest.mark.parametrize("query", ["?bulan=2025-13", "?bulan=maret", "?tahap=tidak-ada"])
def test_a_bad_filter_is_a_field_error_not_a_500(client, world, training, query):
    client.force_login(world.people["owner_editor"])

    response = client.get(url("workspace-activities") + query)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(response.context["page"].object_list) == 1


def test_the_list_and_the_activity_cost_the_same_queries_for_1_or_15_rows(client, world, training):
    client.force_login(world.people["collab_editor"])
    pages = [url("workspace-activities"), url("workspace-activity", training.pk)]
    one = [queries(client, page) for page in pages]
    for number in range(14):
        activity = ActivityFactory(
            organiser=world.foreign, region=world.region, stages=[stage(), stage("pemasaran")]
        )
        activity.co_organisers.add(world.other, world.second)
        ParticipationFactory(activity=activity)
        ParticipationFactory(activity=training, business=BusinessFactory(name=f"Usaha {number}"))

    fifteen = [queries(client, page) for page in pages]

    assert one == fifteen
    assert max(fifteen) <= 16


def test_anonymous_people_are_sent_to_sign_in(client, world, training):
    for name, args in [("workspace-activities", ()), ("workspace-activity", (training.pk,))]:
        assert_sent_to_login(client.get(url(name, *args)))


# Create, edit, cancel ---------------------------------------------------------------------------

CREATE = {
    "owner_editor": 302,
    "collab_editor": 200,  # Dinas Pertanian is not theirs: a field error
    "reviewer": 403,
    "administrator": 302,
}


@pytest.mark.parametrize("who", [*CREATE, "anonymous"])
def test_create_an_activity(client, world, who):
    response = as_user(client, world, who).post(url("workspace-activity-create"), form_data(world))

    created = Activity.objects.filter(title="Pelatihan Pengemasan Produk")
    if who == "anonymous":
        assert_sent_to_login(response)
        assert not created.exists()
        return
    assert response.status_code == CREATE[who]
    if CREATE[who] != 302:
        assert not created.exists()
        if CREATE[who] == 200:
            assert response.context["form"].errors["organiser"]
        return
    activity = created.get()
    assert response.url == url("workspace-activity", activity.pk)
    assert (activity.organiser, activity.created_by) == (world.owner, world.people[who])
    assert list(activity.stages.values_list("code", flat=True)) == ["pelatihan"]
    assert list(activity.co_organisers.all()) == [world.collaborator]
    assert (activity.capacity, activity.place) == (25, "Aula Distan")
    assert timezone.localtime(activity.starts_at).hour == 9


def test_an_activity_ending_before_it_starts_is_a_field_error(client, world):
    client.force_login(world.people["owner_editor"])
    data = form_data(world)
    data["ends_at"] = data["starts_at"].replace("T09:00", "T08:00")

    response = client.post(url("workspace-activity-create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"]
    assert not Activity.objects.exists()


def test_without_a_stage_the_kind_gives_it(client, world):
    client.force_login(world.people["owner_editor"])

    client.post(url("workspace-activity-create"), form_data(world, kind="pameran", stages=[]))

    activity = Activity.objects.get()
    assert list(activity.stages.values_list("code", flat=True)) == ["pemasaran"]


def test_the_one_agency_of_an_editor_is_fixed(client, world):
    client.force_login(world.people["collab_editor"])

    response = client.get(url("workspace-activity-create"))

    assert response.context["form"]["organiser"].is_hidden
    assert "Dinas Koperasi dan UKM" in response.content.decode()


EDIT = {
    "owner_editor": 302,
    "collab_editor": 403,  # a co-organiser manages participants, never the activity
    "other_editor": 403,
    "reviewer": 403,
    "administrator": 302,
}


@pytest.mark.parametrize("who", EDIT)
def test_edit_an_activity(client, world, training, who):
    data = form_data(world, title="Pelatihan Kemasan Lada Putih")
    del data["organiser"]

    response = as_user(client, world, who).post(url("workspace-activity-edit", training.pk), data)

    assert response.status_code == EDIT[who]
    training.refresh_from_db()
    expected = "Pelatihan Kemasan Lada Putih" if EDIT[who] == 302 else "Pelatihan Kemasan Lada"
    assert training.title == expected


def test_an_edit_cannot_move_the_activity_to_another_organiser(client, world, training):
    client.force_login(world.people["owner_editor"])
    data = form_data(world, organiser=world.foreign.pk)

    client.post(url("workspace-activity-edit", training.pk), data)

    training.refresh_from_db()
    assert training.organiser == world.owner


def test_a_cancelled_activity_is_not_edited(client, world, training):
    Activity.objects.filter(pk=training.pk).update(
        cancelled_at=timezone.now(), cancel_reason="Banjir"
    )
    client.force_login(world.people["owner_editor"])
    data = form_data(world, title="Diubah")
    del data["organiser"]

    response = client.post(url("workspace-activity-edit", training.pk), data)

    assert response.status_code == 302
    assert messages_of(response)
    training.refresh_from_db()
    assert training.title == "Pelatihan Kemasan Lada"


@pytest.mark.parametrize(("who", "status"), [("owner_editor", 302), ("collab_editor", 403)])
def test_cancel_an_activity_with_a_reason(client, world, training, who, status):
    response = as_user(client, world, who).post(
        url("workspace-activity-cancel", training.pk), {"reason": "Narasumber berhalangan"}
    )

    assert response.status_code == status
    training.refresh_from_db()
    if status == 302:
        assert training.is_cancelled and training.cancelled_by == world.people[who]
        assert training.cancel_reason == "Narasumber berhalangan"
    else:
        assert not training.is_cancelled


def test_cancelling_needs_a_reason(client, world, training):
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-activity-cancel", training.pk), {"reason": " "})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    training.refresh_from_db()
    assert not training.is_cancelled


def test_an_activity_of_no_one_is_404(client, world):
    client.force_login(world.people["owner_editor"])

    assert client.get(url("workspace-activity", 999999)).status_code == 404


# Participants -----------------------------------------------------------------------------------


@pytest.fixture
def applicants(world):
    return [
        BusinessFactory(name="Lada Bangka Sejahtera", region=world.region),
        BusinessFactory(name="Lada Toboali", region=world.region),
        BusinessFactory(name="Kerupuk Ikan Koba", region=world.region),
    ]


ADD = {"owner_editor": 302, "collab_editor": 302, "other_editor": 403, "reviewer": 403}


@pytest.mark.parametrize("who", ADD)
def test_add_several_participants_at_once(client, world, training, applicants, who):
    response = as_user(client, world, who).post(
        url("workspace-participants-add", training.pk),
        {"business": [applicants[0].pk, applicants[1].pk], "status": "registered"},
    )

    assert response.status_code == ADD[who]
    added = set(training.participations.values_list("business__name", flat=True))
    if ADD[who] == 302:
        assert added == {"Lada Mentok Jaya", "Lada Bangka Sejahtera", "Lada Toboali"}
        assert training.participations.get(business=applicants[0]).created_by == (world.people[who])
    else:
        assert added == {"Lada Mentok Jaya"}


def test_a_business_taking_part_already_refuses_the_whole_list(client, world, training, applicants):
    client.force_login(world.people["collab_editor"])

    response = client.post(
        url("workspace-participants-add", training.pk),
        {"business": [applicants[0].pk, world.business.pk], "status": "registered"},
    )

    assert response.status_code == 200
    assert "Lada Mentok Jaya" in str(response.context["form"].errors["business"])
    assert training.participations.count() == 1
    # The ticked businesses stay ticked for the next try.
    assert [b.pk for b in response.context["picker"].chosen] == [
        applicants[0].pk,
        world.business.pk,
    ]


def test_no_one_joins_a_cancelled_activity(client, world, training, applicants):
    Activity.objects.filter(pk=training.pk).update(
        cancelled_at=timezone.now(), cancel_reason="Banjir"
    )
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-participants-add", training.pk), {"business": [applicants[0].pk]}
    )

    assert response.status_code == 302
    assert messages_of(response)
    assert training.participations.count() == 1


@pytest.mark.parametrize("business", ["abc", "999999", ""])
def test_an_unknown_or_missing_business_is_a_field_error(client, world, training, business):
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-participants-add", training.pk), {"business": business, "status": "x"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["business"]
    assert training.participations.count() == 1


def test_an_inactive_business_cannot_be_added(client, world, training, applicants):
    applicants[0].is_active = False
    applicants[0].save()
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-participants-add", training.pk), {"business": [applicants[0].pk]}
    )

    assert response.status_code == 200
    assert training.participations.count() == 1


def test_more_participants_than_places_are_refused(client, world, training, applicants):
    Activity.objects.filter(pk=training.pk).update(capacity=2)
    client.force_login(world.people["owner_editor"])

    response = client.post(
        url("workspace-participants-add", training.pk),
        {"business": [applicants[0].pk, applicants[1].pk], "status": "registered"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["business"]
    assert training.participations.count() == 1


def test_the_search_lists_active_businesses_not_taking_part(client, world, training, applicants):
    BusinessFactory(name="Lada Tutup", region=world.region, is_active=False)
    client.force_login(world.people["owner_editor"])

    response = client.get(url("workspace-participants-add", training.pk) + "?q=lada")

    names = [business.name for business in response.context["picker"].matches]
    assert names == ["Lada Bangka Sejahtera", "Lada Toboali"]
    html = response.content.decode()
    assert f'name="business" id="business-{applicants[0].pk}"' in html
    assert 'type="checkbox"' in html


def test_typing_swaps_in_the_matches_and_keeps_the_ticked_ones(client, world, training, applicants):
    client.force_login(world.people["owner_editor"])

    response = client.get(
        url("workspace-participants-add", training.pk),
        {"q": "kerupuk", "business": [applicants[0].pk]},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert "<html" not in html and "Vary" in response and "HX-Request" in response["Vary"]
    assert html.index("Lada Bangka Sejahtera") < html.index("Kerupuk Ikan Koba")
    assert f'value="{applicants[0].pk}" checked' in html
    assert 'hx-swap-oob="innerHTML"' in html


def test_the_search_costs_the_same_queries_for_1_or_20_matches(client, world, training):
    client.force_login(world.people["owner_editor"])
    address = url("workspace-participants-add", training.pk) + "?q=usaha"
    BusinessFactory(name="Usaha 0", region=world.region)
    one = queries(client, address)
    for number in range(1, 20):
        BusinessFactory(name=f"Usaha {number}")

    assert queries(client, address) == one


# Attendance -------------------------------------------------------------------------------------


@pytest.fixture
def participants(world, training, applicants):
    return [training.participations.get(business=world.business)] + [
        ParticipationFactory(activity=training, business=business) for business in applicants
    ]


def marks(participants, rows=None):
    """The attendance form as shown, with `rows` ({index: (status, result, certificate)})."""
    data = {}
    for index, participation in enumerate(participants):
        status, result, certificate = (rows or {}).get(index, (participation.status, "", ""))
        data[f"status_{participation.pk}"] = status
        data[f"result_{participation.pk}"] = result
        data[f"certificate_{participation.pk}"] = certificate
    return data


MARK = {"owner_editor": 302, "collab_editor": 302, "other_editor": 403, "administrator": 302}


@pytest.mark.parametrize("who", MARK)
def test_mark_every_participant_on_one_screen(client, world, training, participants, who):
    data = marks(
        participants,
        {
            0: (P.COMPLETED, "Lulus, kemasan baru siap", "SRT-001"),
            1: (P.ATTENDED, "", ""),
            2: (P.ABSENT, "", ""),
        },
    )

    response = as_user(client, world, who).post(url("workspace-attendance", training.pk), data)

    assert response.status_code == MARK[who]
    rows = {
        p.business.name: (p.status, p.result_note, p.certificate_number)
        for p in training.participations.select_related("business")
    }
    if MARK[who] == 302:
        assert rows == {
            "Lada Mentok Jaya": (P.COMPLETED, "Lulus, kemasan baru siap", "SRT-001"),
            "Lada Bangka Sejahtera": (P.ATTENDED, "", ""),
            "Lada Toboali": (P.ABSENT, "", ""),
            "Kerupuk Ikan Koba": (P.REGISTERED, "", ""),
        }
    else:
        assert {row[0] for row in rows.values()} == {P.REGISTERED}


def test_an_unknown_status_is_a_field_error_and_saves_nothing(
    client, world, training, participants
):
    client.force_login(world.people["owner_editor"])
    data = marks(participants)
    data[f"status_{participants[0].pk}"] = "lulus"
    data[f"status_{participants[1].pk}"] = P.ATTENDED

    response = client.post(url("workspace-attendance", training.pk), data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert set(training.participations.values_list("status", flat=True)) == {P.REGISTERED}


def test_a_participant_added_meanwhile_is_left_alone(client, world, training, participants):
    client.force_login(world.people["owner_editor"])
    data = marks(participants[:2])
    data[f"status_{participants[0].pk}"] = P.ATTENDED

    response = client.post(url("workspace-attendance", training.pk), data)

    assert response.status_code == 302
    statuses = dict(training.participations.values_list("pk", "status"))
    assert statuses[participants[0].pk] == P.ATTENDED
    assert statuses[participants[3].pk] == P.REGISTERED


def test_the_attendance_screen_costs_the_same_queries_for_4_or_24_participants(
    client, world, training, participants
):
    client.force_login(world.people["collab_editor"])
    address = url("workspace-attendance", training.pk)
    four = queries(client, address)
    for number in range(20):
        ParticipationFactory(activity=training, business=BusinessFactory(name=f"Peserta {number}"))

    assert queries(client, address) == four


def test_a_registration_is_removed_but_an_attendance_stays(client, world, training, participants):
    client.force_login(world.people["collab_editor"])
    Participation.objects.filter(pk=participants[1].pk).update(status=P.ATTENDED)

    client.post(url("workspace-participation-remove", training.pk, participants[0].pk))
    response = client.post(url("workspace-participation-remove", training.pk, participants[1].pk))

    assert messages_of(response)
    remaining = set(training.participations.values_list("pk", flat=True))
    assert participants[0].pk not in remaining and participants[1].pk in remaining


def test_another_agency_cannot_remove_a_registration(client, world, training, participants):
    client.force_login(world.people["other_editor"])

    response = client.post(url("workspace-participation-remove", training.pk, participants[0].pk))

    assert response.status_code == 403
    assert training.participations.filter(pk=participants[0].pk).exists()


def test_the_pages_speak_english_under_en(client, world, training):
    client.force_login(world.people["owner_editor"])

    response = client.get("/en" + url("workspace-activity", training.pk))

    assert response.status_code == 200
    assert "Participants" in response.content.decode()


def test_a_cancelled_activity_keeps_its_participants_as_they_were(
    client, world, training, participants
):
    Activity.objects.filter(pk=training.pk).update(
        cancelled_at=timezone.now(), cancel_reason="Banjir"
    )
    client.force_login(world.people["owner_editor"])
    data = marks(participants, {0: (P.ATTENDED, "", "")})

    marked = client.post(url("workspace-attendance", training.pk), data)
    removed = client.post(url("workspace-participation-remove", training.pk, participants[1].pk))

    assert marked.status_code == removed.status_code == 302
    assert messages_of(marked) and messages_of(removed)
    assert training.participations.count() == 4
    assert set(training.participations.values_list("status", flat=True)) == {P.REGISTERED}
