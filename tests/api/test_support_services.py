"""Services in the API (DESIGN §8): one-to-one help read by members of any agency, recorded as
one's agency for any active business, corrected and voided only by the agency that gave it —
never deleted."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from support.models import Benefit, Service
from tests.api.support_helpers import outsider_client, queries_for, url
from tests.factories import (
    BusinessFactory,
    CertificateFactory,
    MembershipFactory,
    ProductFactory,
    ServiceFactory,
    stage,
)


@pytest.fixture
def help_given(world):
    """Dinas Pertanian (`owner`) mentored the business this year and voided a session recorded
    twice; DKP (`other`) facilitated a licence for another business last year."""
    mentoring = ServiceFactory(
        business=world.business, agency=world.owner, mentor_name="Bu Rini", summary="Kemasan"
    )
    voided = ServiceFactory(
        business=world.business,
        agency=world.owner,
        voided_at=timezone.now(),
        void_reason="Tercatat dua kali",
    )
    licence = ServiceFactory(
        business=world.foreign_business,
        agency=world.other,
        kind="fasilitasi_perizinan",
        stage=stage("perizinan"),
        provided_on=date(timezone.localdate().year - 1, 6, 1),
    )
    return SimpleNamespace(mentoring=mentoring, voided=voided, licence=licence)


def ids(response):
    return sorted(row["id"] for row in response.json()["results"])


# Reading ----------------------------------------------------------------------------------------


def test_services_are_not_shown_to_the_public(client_of, help_given):
    assert client_of("anonymous").get(url("service-list")).status_code == 401
    outsider = outsider_client()
    assert outsider.get(url("service-list")).json()["count"] == 0
    assert outsider.get(url("service-detail", help_given.mentoring.pk)).status_code == 404


@pytest.mark.parametrize("person", ["foreign_editor", "reviewer", "administrator"])
def test_members_of_any_agency_read_every_agencys_standing_services(client_of, help_given, person):
    response = client_of(person).get(url("service-list"))

    assert response.status_code == 200
    assert ids(response) == sorted([help_given.mentoring.pk, help_given.licence.pk])


def test_a_service_shows_its_labels_amount_and_who_recorded_it(client_of, world, help_given):
    body = client_of("reviewer").get(url("service-detail", help_given.mentoring.pk)).json()

    assert body["business"] == world.business.slug
    assert body["agency"] == "dinas-pertanian"
    assert body["stage"] == "pendampingan"
    assert (body["kind"], body["kind_label"]) == (
        "pendampingan",
        str(Service.Kind.PENDAMPINGAN.label),
    )
    assert body["outcome_label"] == str(Service.Outcome.IN_PROGRESS.label)
    assert (body["benefit"], body["amount"]) == ("non_financial", None)
    assert body["is_voided"] is False


def test_voided_services_are_listed_on_request_and_found_by_id(client_of, help_given):
    client = client_of("reviewer")

    listed = client.get(url("service-list"), {"include_voided": "true"})
    voided = client.get(url("service-detail", help_given.voided.pk))

    assert help_given.voided.pk in ids(listed)
    assert voided.status_code == 200
    assert voided.json()["void_reason"] == "Tercatat dua kali"


def test_services_filter_by_business_agency_stage_and_year(client_of, world, help_given):
    client = client_of("reviewer")
    this_year = timezone.localdate().year

    def found(**params):
        return ids(client.get(url("service-list"), params))

    assert found(business=world.business.slug) == [help_given.mentoring.pk]
    assert found(agency="dinas-kelautan-perikanan") == [help_given.licence.pk]
    assert found(stage="perizinan") == [help_given.licence.pk]
    assert found(year=this_year - 1) == [help_given.licence.pk]
    assert found(year=this_year, include_voided="true") == sorted(
        [help_given.mentoring.pk, help_given.voided.pk]
    )


@pytest.mark.parametrize(
    "params",
    [{"business": "tidak-ada"}, {"agency": "x"}, {"stage": "x"}, {"year": "x"},
     {"include_voided": "mungkin"}],
)  # fmt: skip
def test_an_unknown_or_malformed_service_filter_is_a_400(client_of, help_given, params):
    response = client_of("reviewer").get(url("service-list"), params)

    assert response.status_code == 400
    assert set(response.json()) == set(params)


def test_the_service_list_costs_the_same_for_one_service_and_for_twenty(client_of, world):
    client = client_of("collab_editor")
    ServiceFactory(business=world.business, agency=world.owner)
    shown_few, few = queries_for(client, url("service-list"))
    for _n in range(19):
        ServiceFactory(business=BusinessFactory(), agency=world.collaborator)
    shown_many, many = queries_for(client, url("service-list"))

    assert (shown_few, shown_many) == (1, 20)
    assert many == few
    assert many <= 6


# Recording --------------------------------------------------------------------------------------


def test_an_editor_records_a_service_in_a_few_fields(client_of, world):
    """Left out: the agency (their only one), the date (today) and the stage (from the kind)."""
    response = client_of("owner_editor").post(
        url("service-list"),
        {"business": world.foreign_business.slug, "kind": "fasilitasi_sertifikasi",
         "target_certificate_kind": "pirt"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 201, response.content
    service = Service.objects.get(pk=response.json()["id"])
    assert service.agency == world.owner
    assert service.business == world.foreign_business  # any business: the record is shared
    assert service.stage.code == "perizinan"
    assert service.provided_on == timezone.localdate()
    assert service.recorded_by == world.people["owner_editor"]
    assert service.history.count() == 1


def test_a_grant_is_recorded_with_its_amount(client_of, world):
    response = client_of("collab_manager").post(
        url("service-list"),
        {"business": world.business.slug, "kind": "akses_modal", "benefit": "grant",
         "amount": 5_000_000, "provided_on": "2026-03-02", "hours": "1.5"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 201, response.content
    service = Service.objects.get(pk=response.json()["id"])
    assert (service.agency, service.benefit, service.amount) == (
        world.collaborator,
        "grant",
        5_000_000,
    )
    assert service.stage.code == "permodalan"
    assert response.json()["benefit_label"] == str(Benefit.GRANT.label)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": 1_000_000}, "amount"),  # an amount without a benefit that moves money
        ({"benefit": "loan"}, "amount"),  # a loan without its amount
        ({"benefit": "kur", "amount": 0}, "amount"),
        ({"kind": "sulap"}, "kind"),
        ({"stage": "tidak-ada"}, "stage"),
        ({"business": "tidak-ada"}, "business"),
        ({"hours": "10000"}, "hours"),
        ({"voided_at": "2026-01-01T00:00:00Z"}, "voided_at"),
        ({"recorded_by": 1}, "recorded_by"),
        ({"agency": "dinas-rahasia"}, "agency"),
    ],
)
def test_bad_input_to_a_new_service_is_a_400_naming_the_field(client_of, world, changes, field):
    body = {"business": world.business.slug, "kind": "konsultasi", **changes}

    response = client_of("owner_editor").post(url("service-list"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Service.objects.exists()


def test_the_certificate_produced_must_be_the_business_s(client_of, world):
    elsewhere = CertificateFactory(product=ProductFactory(business=world.foreign_business))
    own = CertificateFactory(product=world.published, kind="pirt")
    body = {"business": world.business.slug, "kind": "fasilitasi_sertifikasi", "outcome": "done"}
    client = client_of("owner_editor")

    refused = client.post(url("service-list"), {**body, "certificate": elsewhere.pk}, format="json")
    accepted = client.post(url("service-list"), {**body, "certificate": own.pk}, format="json")

    assert refused.status_code == 400
    assert "certificate" in refused.json()
    assert accepted.status_code == 201
    assert accepted.json()["certificate"] == own.pk
    assert Service.objects.get().certificate == own


def test_an_inactive_business_gets_no_new_service(client_of, world):
    closed = BusinessFactory(is_active=False, registering_agency=world.owner)

    response = client_of("owner_editor").post(
        url("service-list"), {"business": closed.slug, "kind": "konsultasi"}, format="json"
    )

    assert response.status_code == 400
    assert "business" in response.json()
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("person", "agency", "code"),
    [
        ("anonymous", None, 401),
        ("reviewer", None, 403),  # reviewers read the record, they do not record services
        ("owner_editor", "dinas-pariwisata", 403),
    ],
)
def test_recording_as_an_agency_one_does_not_edit_for_is_refused_before_the_body(
    client_of, world, person, agency, code
):
    body = {"kind": "sulap"}
    if agency:
        body["agency"] = agency

    response = client_of(person).post(url("service-list"), body, format="json")

    assert response.status_code == code
    assert not Service.objects.exists()


def test_a_user_of_two_agencies_names_the_agency_they_act_for(client_of, world):
    MembershipFactory(agency=world.second, user=world.people["owner_editor"])
    client = client_of("owner_editor")
    body = {"business": world.business.slug, "kind": "konsultasi"}

    unnamed = client.post(url("service-list"), body, format="json")
    named = client.post(url("service-list"), {**body, "agency": "dinas-perhubungan"}, format="json")

    assert unnamed.status_code == 400
    assert "agency" in unnamed.json()
    assert named.status_code == 201
    assert Service.objects.get().agency == world.second


# Correcting and voiding -------------------------------------------------------------------------


def test_the_providing_agency_corrects_a_service(client_of, world, help_given):
    response = client_of("owner_manager").patch(
        url("service-detail", help_given.mentoring.pk),
        {"outcome": "done", "hours": "2.0", "summary": "Kemasan standing pouch"},
        format="json",
    )

    assert response.status_code == 200, response.content
    help_given.mentoring.refresh_from_db()
    assert help_given.mentoring.outcome == "done"
    assert help_given.mentoring.summary == "Kemasan standing pouch"
    assert response.json()["outcome_label"] == str(Service.Outcome.DONE.label)


def test_a_correction_that_leaves_a_grant_without_amount_is_a_400(client_of, world, help_given):
    client = client_of("owner_editor")
    path = url("service-detail", help_given.mentoring.pk)

    refused = client.patch(path, {"benefit": "grant"}, format="json")
    accepted = client.patch(path, {"benefit": "grant", "amount": 2_500_000}, format="json")
    amount_alone = client.patch(path, {"amount": 3_000_000}, format="json")  # still a grant
    back = client.patch(path, {"benefit": "non_financial"}, format="json")  # amount stands

    assert (refused.status_code, accepted.status_code, amount_alone.status_code) == (400, 200, 200)
    assert back.status_code == 400
    assert "amount" in back.json()
    help_given.mentoring.refresh_from_db()
    assert (help_given.mentoring.benefit, help_given.mentoring.amount) == ("grant", 3_000_000)


@pytest.mark.parametrize(
    ("person", "service", "body", "code"),
    [
        ("anonymous", "mentoring", {"summary": "x"}, 401),
        ("collab_editor", "mentoring", {"kind": "sulap"}, 403),  # only the providing agency
        ("reviewer", "mentoring", {"summary": "x"}, 403),
        ("owner_editor", "voided", {"kind": "sulap"}, 409),  # 409 before 400
        ("owner_editor", "mentoring", {"business": "kopi-tanjung"}, 400),
        ("owner_editor", "mentoring", {"agency": "dinas-koperasi-ukm"}, 400),
        ("owner_editor", "mentoring", {"void_reason": "x"}, 400),
    ],
)
def test_correcting_answers_in_order(client_of, world, help_given, person, service, body, code):
    target = getattr(help_given, service)
    before = Service.objects.filter(pk=target.pk).values().get()

    response = client_of(person).patch(url("service-detail", target.pk), body, format="json")

    assert response.status_code == code
    assert Service.objects.filter(pk=target.pk).values().get() == before


def test_the_providing_agency_voids_a_service_saying_why(client_of, world, help_given):
    response = client_of("owner_editor").post(
        url("service-void", help_given.mentoring.pk), {"reason": "Salah usaha"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["is_voided"] is True
    help_given.mentoring.refresh_from_db()
    assert help_given.mentoring.void_reason == "Salah usaha"
    assert help_given.mentoring.voided_by == world.people["owner_editor"]
    assert Service.objects.filter(pk=help_given.mentoring.pk).exists()  # never deleted


@pytest.mark.parametrize(
    ("person", "service", "body", "code"),
    [
        ("anonymous", "mentoring", {"reason": "x"}, 401),
        ("other_editor", "mentoring", {}, 403),  # 403 before 400
        ("owner_editor", "voided", {}, 409),  # 409 before 400
        ("owner_editor", "mentoring", {}, 400),
        ("owner_editor", "mentoring", {"reason": "   "}, 400),
    ],
)
def test_voiding_answers_in_order(client_of, world, help_given, person, service, body, code):
    target = getattr(help_given, service)
    before = (target.voided_at, target.void_reason)

    response = client_of(person).post(url("service-void", target.pk), body, format="json")

    assert response.status_code == code
    target.refresh_from_db()
    assert (target.voided_at, target.void_reason) == before


def test_a_service_of_any_date_may_be_recorded_in_the_past(client_of, world):
    day = timezone.localdate() - timedelta(days=40)

    response = client_of("owner_editor").post(
        url("service-list"),
        {"business": world.business.slug, "kind": "konsultasi", "provided_on": day.isoformat()},
        format="json",
    )

    assert response.status_code == 201
    assert Service.objects.get().provided_on == day
