"""A partner's staff over the API (DESIGN §8 partner accounts, issue 14 item 4): OKE OCE's mentor
records services and activities under OKE OCE's agreement while it is active or expiring — and
every other write is refused, writing nothing: products, businesses, nominations, partners,
agreements (their own partner's too), obligations, reports, other partners' agreements, and
records under an expired, terminated, foreign or unseen agreement (403, or 404 for what they may
not see, in the §5 order)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalog.models import Business, Nomination, Product
from support.models import Activity, Agreement, MonitoringReport, Obligation, Partner, Service
from tests.api.partnership_helpers import FOREIGN_MENTOR, MENTOR, make_deal
from tests.api.support_helpers import iso, soon, url
from tests.factories import ServiceFactory


@pytest.fixture
def deal(world):
    return make_deal(world)


@pytest.fixture
def mentor(client_of, deal):
    return client_of(MENTOR)


def new_service(world, deal, **changes):
    return {"business": world.business.slug, "kind": "pendampingan", "hours": 2,
            "mentor_name": "Rina", "summary": "Pendampingan pembukuan sederhana",
            "agreement": deal.agreement.pk, **changes}  # fmt: skip


def new_activity(world, deal, **changes):
    return {"organiser": "dinas-koperasi-ukm", "agreement": deal.agreement.pk,
            "kind": "pelatihan", "title": "Pelatihan Pemasaran Daring",
            "stages": ["pemasaran"], "starts_at": iso(soon(10)),
            "ends_at": iso(soon(10, hours=4)), "region": world.region.slug,
            "place": "Balai Desa", "capacity": 25, **changes}  # fmt: skip


# What they may do -------------------------------------------------------------------------------


def test_the_mentor_records_a_service_under_their_partner_s_active_agreement(mentor, world, deal):
    response = mentor.post(url("service-list"), new_service(world, deal), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["agency"], body["partner"], body["agreement"]) == (
        None, "oke-oce", deal.agreement.pk,
    )  # fmt: skip
    service = Service.objects.get(pk=body["id"])
    assert (service.partner, service.agreement) == (deal.partner, deal.agreement)
    assert service.recorded_by == world.people[MENTOR]


def test_the_mentor_may_name_their_partner(mentor, world, deal):
    body = new_service(world, deal, partner="oke-oce")

    assert mentor.post(url("service-list"), body, format="json").status_code == 201


def test_the_mentor_records_under_an_expiring_agreement_too(mentor, world, deal):
    Agreement.objects.filter(pk=deal.agreement.pk).update(
        valid_until=timezone.localdate() + timedelta(days=30)
    )

    response = mentor.post(url("service-list"), new_service(world, deal), format="json")

    assert response.status_code == 201, response.content


def test_the_mentor_creates_an_activity_their_partner_co_organises(mentor, world, deal):
    response = mentor.post(url("activity-list"), new_activity(world, deal), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["organiser"], body["agreement"], body["partners"]) == (
        "dinas-koperasi-ukm", deal.agreement.pk, ["oke-oce"],
    )  # fmt: skip
    activity = Activity.objects.get(pk=body["id"])
    assert list(activity.partners.all()) == [deal.partner]


def test_the_mentor_reads_their_agreement_s_services_and_no_others(mentor, world, deal):
    ServiceFactory(business=world.business, agency=world.owner)  # no agreement: not theirs

    response = mentor.get(url("service-list"))

    assert response.status_code == 200
    assert sorted(s["id"] for s in response.json()["results"]) == sorted(
        s.pk for s in deal.services
    )
    filtered = mentor.get(url("service-list"), {"agreement": deal.agreement.pk}).json()
    assert filtered["count"] == 2


def test_an_agency_party_records_a_service_under_the_agreement(client_of, world, deal):
    body = new_service(world, deal, agency="dinas-koperasi-ukm")

    response = client_of("collab_editor").post(url("service-list"), body, format="json")

    assert response.status_code == 201, response.content
    assert Service.objects.get(pk=response.json()["id"]).agreement == deal.agreement


def test_an_agency_that_is_no_party_is_refused_the_agreement(client_of, world, deal):
    before = Service.objects.count()
    response = client_of("owner_editor").post(
        url("service-list"), new_service(world, deal), format="json"
    )

    assert response.status_code == 400 and "agreement" in response.json()
    assert Service.objects.count() == before


# Records under an agreement they may not record under -------------------------------------------


def agreement_of(deal, which):
    if which == "terminated":
        Agreement.objects.filter(pk=deal.agreement.pk).update(
            status="terminated", terminated_at=timezone.now(), termination_reason="Selesai"
        )
        return deal.agreement.pk
    return {"expired": deal.expired.pk, "foreign": deal.foreign.pk,
            "foreign_draft": deal.foreign_draft.pk, "missing": 999999,
            "huge": 10**30}[which]  # fmt: skip


REFUSALS = [("expired", 403), ("terminated", 403), ("foreign", 403), ("foreign_draft", 404),
            ("missing", 404), ("huge", 404)]  # fmt: skip


@pytest.mark.parametrize(("which", "code"), REFUSALS)
def test_no_service_under_an_agreement_that_is_not_open_and_theirs(
    mentor, world, deal, which, code
):
    before = Service.objects.count()
    body = new_service(world, deal, agreement=agreement_of(deal, which))

    response = mentor.post(url("service-list"), body, format="json")

    assert response.status_code == code, response.content
    assert Service.objects.count() == before


@pytest.mark.parametrize(("which", "code"), REFUSALS)
def test_no_activity_under_an_agreement_that_is_not_open_and_theirs(
    mentor, world, deal, which, code
):
    body = new_activity(world, deal, agreement=agreement_of(deal, which))

    response = mentor.post(url("activity-list"), body, format="json")

    assert response.status_code == code, response.content
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [({"agreement": None}, 400, "agreement"), ({"agreement": "satu"}, 400, "agreement"),
     ({"partner": "bank-sumsel-babel"}, 403, None), ({"partner": "tidak-ada"}, 400, "partner"),
     ({"agency": "dinas-koperasi-ukm"}, 403, None),
     ({"agency": "dinas-koperasi-ukm", "partner": "oke-oce"}, 400, "agency"),
     ({"business": "tidak-ada"}, 400, "business")],
)  # fmt: skip
def test_a_mentor_s_other_service_refusals(mentor, world, deal, changes, code, field):
    before = Service.objects.count()

    response = mentor.post(url("service-list"), new_service(world, deal, **changes), format="json")

    assert response.status_code == code, response.content
    if field:
        assert field in response.json()
    assert Service.objects.count() == before


def test_a_mentor_creates_no_activity_without_an_agreement_or_for_another_agency(
    mentor, world, deal
):
    without = mentor.post(
        url("activity-list"), new_activity(world, deal, agreement=None), format="json"
    )
    not_a_party = mentor.post(
        url("activity-list"), new_activity(world, deal, organiser="dinas-pertanian"),
        format="json",
    )  # fmt: skip

    assert without.status_code == 403
    assert not_a_party.status_code == 400 and "agreement" in not_a_party.json()
    assert not Activity.objects.exists()


def test_a_mentor_whose_agreements_all_ended_records_nothing(mentor, world, deal):
    Agreement.objects.filter(pk=deal.agreement.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )

    response = mentor.post(url("service-list"), new_service(world, deal), format="json")

    assert response.status_code == 403
    assert Service.objects.count() == 2


def test_a_mentor_of_another_partner_records_nothing_under_oke_oce_s_agreement(
    client_of, world, deal
):
    response = client_of(FOREIGN_MENTOR).post(
        url("service-list"), new_service(world, deal), format="json"
    )

    assert response.status_code == 403
    assert Service.objects.count() == 2


def test_a_mentor_corrects_their_partner_s_service_but_not_an_agency_s(mentor, world, deal):
    agency_service = ServiceFactory(business=world.business, agency=world.collaborator)

    own = mentor.patch(url("service-detail", deal.services[0].pk), {"hours": 3}, format="json")
    other = mentor.patch(url("service-detail", agency_service.pk), {"hours": 3}, format="json")

    assert own.status_code == 200, own.content
    assert other.status_code == 404  # not under their agreements: not theirs to see


# The catalogue: products, businesses, nominations -----------------------------------------------


def api(name, *args):
    return reverse(f"api:{name}", args=args)


def test_a_mentor_creates_and_changes_no_product(mentor, world, deal):
    products = Product.objects.count()

    created = mentor.post(api("product-list"), {"name": "Kopi", "business": world.business.slug},
                          format="json")  # fmt: skip
    published = mentor.patch(api("product-detail", world.published.slug), {"name": "x"},
                              format="json")  # fmt: skip
    draft = mentor.patch(api("product-detail", world.draft.slug), {"name": "x"}, format="json")
    archived = mentor.delete(api("product-detail", world.published.slug))

    assert (created.status_code, published.status_code) == (403, 403)
    assert (draft.status_code, archived.status_code) == (404, 403)
    assert Product.objects.count() == products
    world.published.refresh_from_db()
    assert (world.published.name, world.published.status) == ("Lada Putih Muntok", "published")


def test_a_mentor_creates_and_changes_no_business(mentor, world, deal):
    businesses = Business.objects.count()

    created = mentor.post(api("business-list"), {"name": "UMKM Baru"}, format="json")
    changed = mentor.patch(api("business-detail", world.business.slug), {"name": "x"},
                           format="json")  # fmt: skip
    closed = mentor.delete(api("business-detail", world.business.slug))

    assert (created.status_code, changed.status_code, closed.status_code) == (403, 403, 403)
    assert Business.objects.count() == businesses
    world.business.refresh_from_db()
    assert (world.business.name, world.business.is_active) == ("Lada Mentok Jaya", True)


def test_a_mentor_sees_and_takes_no_nomination(mentor, world, deal):
    listed = mentor.get(api("nomination-list"))
    one = mentor.get(api("nomination-detail", world.nomination.pk))
    nominated = mentor.post(api("nomination-list"),
                            {"product": world.published.slug, "justification": "x"},
                            format="json")  # fmt: skip
    recommend = mentor.post(api("nomination-recommend", world.nomination.pk), {}, format="json")

    assert listed.status_code == 200 and listed.json()["count"] == 0
    assert (one.status_code, recommend.status_code) == (404, 404)
    assert nominated.status_code == 403
    assert Nomination.objects.count() == 1
    world.nomination.refresh_from_db()
    assert world.nomination.state == "submitted"


# Partnerships: no partner, agreement, obligation or report writes -------------------------------


def test_a_mentor_creates_or_changes_no_partner(mentor, deal):
    created = mentor.post(url("partner-list"), {"name": "X", "kind": "bank"}, format="json")
    changed = mentor.patch(url("partner-detail", "oke-oce"), {"contact": "x"}, format="json")

    assert (created.status_code, changed.status_code) == (403, 403)
    assert Partner.objects.count() == 2
    assert Partner.objects.get(slug="oke-oce").contact == ""


@pytest.mark.parametrize("target", ["agreement", "draft", "foreign"])
def test_a_mentor_manages_no_agreement_not_even_their_partner_s(mentor, deal, target):
    agreement = getattr(deal, target)
    before = (agreement.title, agreement.status, agreement.obligations.count())

    changed = mentor.patch(url("agreement-detail", agreement.pk), {"title": "x"}, format="json")
    signed = mentor.post(url("agreement-sign", agreement.pk), {}, format="json")
    ended = mentor.post(url("agreement-terminate", agreement.pk), {"reason": "x"}, format="json")
    obliged = mentor.post(url("agreement-obligations", agreement.pk), {}, format="json")
    reported = mentor.post(url("agreement-reports", agreement.pk), {}, format="json")

    codes = [r.status_code for r in (changed, signed, ended, obliged, reported)]
    assert codes == [403] * 5
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert (agreement.title, agreement.status, agreement.obligations.count()) == before
    assert not MonitoringReport.objects.exists()


def test_another_partner_s_draft_is_unknown_to_a_mentor(mentor, deal):
    assert mentor.get(url("agreement-detail", deal.foreign_draft.pk)).status_code == 404
    patched = mentor.patch(url("agreement-detail", deal.foreign_draft.pk), {"title": "x"},
                           format="json")  # fmt: skip
    assert patched.status_code == 404
    assert Agreement.objects.get(pk=deal.foreign_draft.pk).title != "x"


def test_a_mentor_changes_no_obligation(mentor, deal):
    response = mentor.patch(url("obligation-detail", deal.obligation.pk), {"target": 1},
                            format="json")  # fmt: skip

    assert response.status_code == 403
    assert Obligation.objects.get(pk=deal.obligation.pk).target == 10


def test_a_mentor_sees_no_report_and_takes_no_step(mentor, deal):
    from tests.factories import MonitoringReportFactory

    report = MonitoringReportFactory(agreement=deal.agreement, status="submitted")

    assert mentor.get(url("report-detail", report.pk)).status_code == 404
    assert mentor.post(url("report-accept", report.pk), {}, format="json").status_code == 404
    assert mentor.patch(url("report-detail", report.pk), {}, format="json").status_code == 404
    assert MonitoringReport.objects.get(pk=report.pk).status == "submitted"
