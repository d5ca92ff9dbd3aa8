"""Services in the workspace: record one in a few fields (defaults: today, the user's agency, the
stage from the kind, in progress), the list with its filters, correct and void (only the
providing agency); the database is checked after every request, refusals included."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.models import Service
from tests.factories import BusinessFactory, ServiceFactory, stage
from tests.workspace.helpers import as_user, assert_sent_to_login, messages_of, url


@pytest.fixture
def mentoring(world):
    """Dinas Pertanian mentored "Lada Mentok Jaya" last week."""
    return ServiceFactory(
        business=world.business,
        agency=world.owner,
        provided_on=timezone.localdate() - datetime.timedelta(days=7),
        summary="Pendampingan pembukuan sederhana",
    )


def queries(client, address) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


# Record -----------------------------------------------------------------------------------------

RECORD = {
    "owner_editor": 302,
    "collab_editor": 200,  # Dinas Pertanian is not theirs: a field error
    "reviewer": 403,
    "administrator": 302,
}


@pytest.mark.parametrize("who", [*RECORD, "anonymous"])
def test_record_a_service_with_its_defaults(client, world, who):
    response = as_user(client, world, who).post(
        url("workspace-service-create"),
        {
            "business": world.business.pk,
            "agency": world.owner.pk,
            "kind": "fasilitasi_perizinan",
            "stage": "",
            "provided_on": timezone.localdate().isoformat(),
            "outcome": "in_progress",
            "benefit": "non_financial",
            "target_certificate_kind": "pirt",
        },
    )

    recorded = Service.objects.filter(business=world.business)
    if who == "anonymous":
        assert_sent_to_login(response)
        assert not recorded.exists()
        return
    assert response.status_code == RECORD[who]
    if RECORD[who] != 302:
        assert not recorded.exists()
        return
    service = recorded.get()
    assert response.url == url("workspace-services")
    assert (service.agency, service.recorded_by) == (world.owner, world.people[who])
    assert (service.stage.code, service.provided_on) == ("perizinan", timezone.localdate())
    assert (service.outcome, service.target_certificate_kind) == ("in_progress", "pirt")


def test_the_form_starts_from_today_my_agency_and_in_progress(client, world):
    client.force_login(world.people["collab_editor"])  # one agency: Diskop

    response = client.get(url("workspace-service-create"))

    form = response.context["form"]
    assert form["agency"].is_hidden and form["agency"].value() == world.collaborator.pk
    assert form["provided_on"].value() == timezone.localdate()
    assert (form["outcome"].value(), form["benefit"].value()) == ("in_progress", "non_financial")
    html = response.content.decode()
    assert "data-kind-stages" in html and "js/support-forms.js" in html


def test_the_business_record_preselects_the_business(client, world):
    client.force_login(world.people["collab_editor"])

    response = client.get(url("workspace-service-create") + f"?umkm={world.business.slug}")

    assert response.context["picker"].chosen == [world.business]
    assert f'value="{world.business.pk}" checked' in response.content.decode()


def test_a_quick_record_from_a_phone_needs_three_choices(client, world):
    client.force_login(world.people["collab_editor"])
    address = url("workspace-service-create") + f"?umkm={world.business.slug}"
    form = client.get(address).context["form"]

    response = client.post(
        address,
        {
            "business": world.business.pk,
            "agency": form["agency"].value(),
            "kind": "akses_pasar",
            "provided_on": form["provided_on"].value().isoformat(),
            "outcome": form["outcome"].value(),
            "benefit": form["benefit"].value(),
        },
    )

    assert response.status_code == 302
    service = Service.objects.get()
    assert (service.agency, service.stage.code) == (world.collaborator, "pemasaran")


def test_a_chosen_stage_wins_over_the_kinds(client, world):
    client.force_login(world.people["collab_editor"])

    client.post(
        url("workspace-service-create"),
        {
            "business": world.business.pk,
            "agency": world.collaborator.pk,
            "kind": "konsultasi",
            "stage": stage("keuangan").pk,
            "provided_on": timezone.localdate().isoformat(),
            "outcome": "done",
            "benefit": "non_financial",
        },
    )

    assert Service.objects.get().stage.code == "keuangan"


@pytest.mark.parametrize(
    ("benefit", "amount"), [("grant", ""), ("kur", "0"), ("non_financial", "5000000")]
)
def test_an_amount_goes_with_money_and_only_with_money(client, world, benefit, amount):
    client.force_login(world.people["collab_editor"])

    response = client.post(
        url("workspace-service-create"),
        {
            "business": world.business.pk,
            "agency": world.collaborator.pk,
            "kind": "akses_modal",
            "provided_on": timezone.localdate().isoformat(),
            "outcome": "done",
            "benefit": benefit,
            "amount": amount,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    assert not Service.objects.exists()


def test_a_grant_with_its_amount_is_recorded(client, world):
    client.force_login(world.people["collab_editor"])

    client.post(
        url("workspace-service-create"),
        {
            "business": world.business.pk,
            "agency": world.collaborator.pk,
            "kind": "akses_modal",
            "provided_on": timezone.localdate().isoformat(),
            "outcome": "done",
            "benefit": "grant",
            "amount": "15000000",
        },
    )

    assert Service.objects.values_list("benefit", "amount").get() == ("grant", 15_000_000)


@pytest.mark.parametrize("business", ["", "abc", "999999"])
def test_no_known_business_is_a_field_error(client, world, business):
    client.force_login(world.people["collab_editor"])

    response = client.post(
        url("workspace-service-create"),
        {"business": business, "agency": world.collaborator.pk, "kind": "konsultasi"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["business"]
    assert not Service.objects.exists()


def test_an_inactive_business_gets_no_service(client, world):
    closed = BusinessFactory(name="Usaha Tutup", region=world.region, is_active=False)
    client.force_login(world.people["collab_editor"])

    response = client.post(
        url("workspace-service-create"),
        {
            "business": closed.pk,
            "agency": world.collaborator.pk,
            "kind": "konsultasi",
            "provided_on": timezone.localdate().isoformat(),
            "outcome": "done",
            "benefit": "non_financial",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["business"]
    assert not Service.objects.exists()


def test_a_search_offers_the_matching_businesses_to_choose(client, world):
    BusinessFactory(name="Lada Toboali", region=world.region)
    client.force_login(world.people["collab_editor"])

    page = client.get(url("workspace-service-create") + "?q=lada")
    typed = client.get(
        url("workspace-service-create"), {"q": "toboali"}, headers={"HX-Request": "true"}
    )

    assert [b.name for b in page.context["picker"].matches] == ["Lada Mentok Jaya", "Lada Toboali"]
    assert 'type="radio"' in page.content.decode()
    fragment = typed.content.decode()
    assert "Lada Toboali" in fragment and "Lada Mentok" not in fragment and "<form" not in fragment


def test_a_one_letter_search_asks_for_more(client, world):
    client.force_login(world.people["collab_editor"])

    response = client.get(url("workspace-service-create") + "?q=l")

    assert response.context["picker"].matches == []
    assert response.context["picker"].too_short


def test_after_recording_it_goes_back_to_the_record_it_came_from(client, world):
    client.force_login(world.people["collab_editor"])
    back = url("workspace-business", world.business.slug)

    response = client.post(
        url("workspace-service-create") + f"?next={back}",
        {
            "business": world.business.pk,
            "agency": world.collaborator.pk,
            "kind": "konsultasi",
            "provided_on": timezone.localdate().isoformat(),
            "outcome": "done",
            "benefit": "non_financial",
            "next": back,
        },
    )

    assert response.url == back
    assert Service.objects.count() == 1


# The list ---------------------------------------------------------------------------------------


def test_the_list_hides_voided_services_unless_asked(client, world, mentoring):
    voided = ServiceFactory(
        business=world.business,
        agency=world.owner,
        voided_at=timezone.now(),
        void_reason="Salah input",
    )
    client.force_login(world.people["foreign_editor"])  # the record is shared

    def shown(query=""):
        page = client.get(url("workspace-services") + query).context["page"]
        return [service.pk for service in page.object_list]

    assert shown() == [mentoring.pk]
    assert shown("?status=batal") == [voided.pk]
    assert set(shown("?status=semua")) == {mentoring.pk, voided.pk}


def test_the_list_filters_by_agency_stage_kind_outcome_month_and_name(client, world, mentoring):
    other = ServiceFactory(
        business=world.foreign_business,
        agency=world.foreign,
        kind="akses_pasar",
        stage=stage("pemasaran"),
        outcome="done",
        provided_on=datetime.date(2024, 5, 2),
    )
    client.force_login(world.people["owner_editor"])

    def shown(query):
        page = client.get(url("workspace-services") + query).context["page"]
        return [service.pk for service in page.object_list]

    assert shown("?dinas=dinas-pariwisata") == [other.pk]
    assert shown("?tahap=pendampingan") == [mentoring.pk]
    assert shown("?jenis=akses_pasar&hasil=done") == [other.pk]
    assert shown("?bulan=2024-05") == [other.pk]
    assert shown("?q=mentok") == [mentoring.pk]


def test_only_the_providing_agency_is_offered_to_correct_and_void(client, world, mentoring):
    theirs = ServiceFactory(business=world.business, agency=world.foreign)
    client.force_login(world.people["owner_editor"])

    response = client.get(url("workspace-services"))

    assert response.context["changeable"] == {mentoring.pk}
    html = response.content.decode()
    assert url("workspace-service-void", mentoring.pk) in html
    assert url("workspace-service-void", theirs.pk) not in html


def test_the_list_and_a_service_cost_the_same_queries_for_1_or_15_rows(client, world, mentoring):
    client.force_login(world.people["owner_editor"])
    pages = [url("workspace-services"), url("workspace-service", mentoring.pk)]
    one = [queries(client, page) for page in pages]
    for number in range(14):
        ServiceFactory(
            business=BusinessFactory(name=f"Usaha {number}"),
            agency=world.owner if number % 2 else world.foreign,
        )

    fifteen = [queries(client, page) for page in pages]

    assert one == fifteen
    assert max(fifteen) <= 13  # 12, and the navigation's agencies the person manages


def test_the_service_form_costs_the_same_queries_for_1_or_20_matches(client, world):
    client.force_login(world.people["owner_editor"])
    address = url("workspace-service-create") + "?q=usaha"
    BusinessFactory(name="Usaha 0", region=world.region)
    one = queries(client, address)
    for number in range(1, 20):
        BusinessFactory(name=f"Usaha {number}")

    assert queries(client, address) == one


# Correct and void -------------------------------------------------------------------------------

CHANGE = {
    "owner_editor": 302,
    "collab_editor": 403,
    "foreign_editor": 403,
    "reviewer": 403,
    "administrator": 302,
}


def corrected(mentoring, **changes):
    data = {
        "kind": mentoring.kind,
        "stage": mentoring.stage_id,
        "provided_on": mentoring.provided_on.isoformat(),
        "outcome": "done",
        "summary": mentoring.summary,
        "benefit": "non_financial",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("who", CHANGE)
def test_only_the_providing_agency_corrects_a_service(client, world, mentoring, who):
    response = as_user(client, world, who).post(
        url("workspace-service-edit", mentoring.pk), corrected(mentoring, hours="2.5")
    )

    assert response.status_code == CHANGE[who]
    mentoring.refresh_from_db()
    if CHANGE[who] == 302:
        assert (mentoring.outcome, str(mentoring.hours)) == ("done", "2.5")
    else:
        assert (mentoring.outcome, mentoring.hours) == ("in_progress", None)


def test_a_correction_cannot_move_the_service_to_another_business_or_agency(
    client, world, mentoring
):
    client.force_login(world.people["owner_editor"])

    client.post(
        url("workspace-service-edit", mentoring.pk),
        corrected(mentoring, business=world.foreign_business.pk, agency=world.foreign.pk),
    )

    mentoring.refresh_from_db()
    assert (mentoring.business, mentoring.agency) == (world.business, world.owner)


@pytest.mark.parametrize("who", CHANGE)
def test_only_the_providing_agency_voids_a_service(client, world, mentoring, who):
    response = as_user(client, world, who).post(
        url("workspace-service-void", mentoring.pk), {"reason": "Tercatat dua kali"}
    )

    assert response.status_code == CHANGE[who]
    mentoring.refresh_from_db()
    if CHANGE[who] == 302:
        assert mentoring.is_voided and mentoring.voided_by == world.people[who]
        assert mentoring.void_reason == "Tercatat dua kali"
    else:
        assert not mentoring.is_voided


def test_voiding_needs_a_reason(client, world, mentoring):
    client.force_login(world.people["owner_editor"])

    response = client.post(url("workspace-service-void", mentoring.pk), {"reason": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    mentoring.refresh_from_db()
    assert not mentoring.is_voided


def test_a_voided_service_is_neither_voided_again_nor_corrected(client, world, mentoring):
    Service.objects.filter(pk=mentoring.pk).update(
        voided_at=timezone.now(), void_reason="Salah input"
    )
    client.force_login(world.people["owner_editor"])

    void = client.post(url("workspace-service-void", mentoring.pk), {"reason": "Lagi"})
    edit = client.post(url("workspace-service-edit", mentoring.pk), corrected(mentoring))

    assert void.status_code == edit.status_code == 302
    assert messages_of(void) and messages_of(edit)
    mentoring.refresh_from_db()
    assert (mentoring.void_reason, mentoring.outcome) == ("Salah input", "in_progress")


def test_a_service_of_no_one_is_404(client, world):
    client.force_login(world.people["owner_editor"])

    assert client.get(url("workspace-service", 999999)).status_code == 404
    assert client.post(url("workspace-service-void", 999999), {"reason": "x"}).status_code == 404
