"""The development dashboard's figures (support/dashboard.py, DESIGN §8 "Dashboard"): each
figure counts what it says and nothing else, every gap kind is found when it is there and gone
when it is mended, overlaps are found, each person sees the agencies theirs to see, and the
number of queries does not grow with the data."""

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Nomination, Product
from support.dashboard import Dashboard, Filters, agencies_in_view, dashboard_for
from support.models import Participation, Referral, Service
from tests.factories import (
    ActivityFactory,
    AgencyFactory,
    BusinessFactory,
    CertificateFactory,
    DesignationFactory,
    MilestoneFactory,
    ParticipationFactory,
    ProductFactory,
    ReferralFactory,
    RegionFactory,
    ServiceFactory,
    UserFactory,
    stage,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
MIDYEAR = datetime.date(YEAR, 6, 15)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def everything(year: int = YEAR, **filters) -> Dashboard:
    """The dashboard of every agency (as a leading sector or an administrator sees it)."""
    return Dashboard(Filters(year=year, **filters), agency_ids=None)


def of(dashboard: Dashboard, key: str) -> int:
    return dashboard.listing(key).count()


def activity(organiser, *, day=MIDYEAR, kind="pelatihan", stages=("pelatihan",), **fields):
    return ActivityFactory(
        organiser=organiser,
        kind=kind,
        starts_at=at(day),
        ends_at=at(day, 15),
        stages=[stage(code) for code in stages],
        **fields,
    )


def took_part(activity, business, status=Participation.Status.ATTENDED):
    return ParticipationFactory(activity=activity, business=business, status=status)


# Headline figures ------------------------------------------------------------------------------


def test_services_count_those_of_the_year_and_not_voided(world):
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.foreign_business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(
        business=world.business,
        agency=world.owner,
        provided_on=MIDYEAR,
        voided_at=timezone.now(),
        void_reason="Salah catat",
    )
    ServiceFactory(
        business=world.business, agency=world.owner, provided_on=MIDYEAR.replace(YEAR - 1)
    )

    assert of(everything(), "services") == 2
    assert of(everything(YEAR - 1), "services") == 1


def test_activities_count_the_years_running_ones_and_participants_those_who_took_part(world):
    training = activity(world.owner)
    cancelled = activity(world.owner, cancelled_at=timezone.now(), cancel_reason="Hujan")
    activity(world.owner, day=MIDYEAR.replace(YEAR - 1))
    took_part(training, world.business, Participation.Status.ATTENDED)
    took_part(training, world.foreign_business, Participation.Status.COMPLETED)
    took_part(training, BusinessFactory(region=world.region), Participation.Status.REGISTERED)
    took_part(training, BusinessFactory(region=world.region), Participation.Status.ABSENT)
    took_part(cancelled, BusinessFactory(region=world.region), Participation.Status.ATTENDED)

    dashboard = everything()

    assert of(dashboard, "activities") == 1
    assert set(dashboard.participants().values_list("business", flat=True)) == {
        world.business.pk,
        world.foreign_business.pk,
    }


def test_businesses_supported_are_counted_once_across_services_and_activities(world):
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.business, agency=world.other, provided_on=MIDYEAR)
    took_part(activity(world.collaborator), world.business)
    took_part(activity(world.collaborator, stages=("pemasaran",)), world.foreign_business)
    registered_only = BusinessFactory(region=world.region)
    took_part(activity(world.owner), registered_only, Participation.Status.REGISTERED)

    dashboard = everything()

    assert set(dashboard.supported_businesses()) == {world.business, world.foreign_business}
    assert dashboard.summary().businesses == 2


def answered(world, *, sent_days_before: float, answered_on=MIDYEAR, to=None):
    referral = ReferralFactory(
        business=world.business,
        from_agency=world.owner,
        to_agency=to or world.leading,
        status=Referral.Status.ACCEPTED,
        answered_at=at(answered_on),
    )
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=at(answered_on) - timedelta(days=sent_days_before)
    )
    return referral


def test_referrals_answered_and_the_median_days_to_answer(world):
    for days in (2, 10, 4):
        answered(world, sent_days_before=days)
    answered(world, sent_days_before=30, answered_on=MIDYEAR.replace(YEAR - 1))
    ReferralFactory(business=world.business, from_agency=world.owner, to_agency=world.leading)

    dashboard = everything()

    assert of(dashboard, "referrals_answered") == 3
    assert dashboard.median_days_to_answer() == 4.0
    answered(world, sent_days_before=7)  # an even number: the mean of the middle two
    assert everything().median_days_to_answer() == 5.5
    assert everything(YEAR - 2).median_days_to_answer() is None


def test_milestones_verified_count_the_verified_ones_achieved_in_the_year(world):
    MilestoneFactory(business=world.business, achieved_on=MIDYEAR, verified_at=timezone.now())
    MilestoneFactory(business=world.business, achieved_on=MIDYEAR)
    MilestoneFactory(
        business=world.business,
        achieved_on=MIDYEAR.replace(YEAR - 1),
        verified_at=timezone.now(),
    )

    assert of(everything(), "milestones_verified") == 1


def test_the_region_narrows_to_its_businesses_and_activities_held_there(world):
    elsewhere = RegionFactory(slug="belitung", name="Kabupaten Belitung")
    far = BusinessFactory(region=elsewhere)
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=far, agency=world.owner, provided_on=MIDYEAR)
    activity(world.owner, region=elsewhere)

    dashboard = everything(region=elsewhere)

    assert list(dashboard.services().values_list("business", flat=True)) == [far.pk]
    assert of(dashboard, "activities") == 1
    assert of(everything(region=world.region), "activities") == 0


# The funnel --------------------------------------------------------------------------------------


def test_the_funnel_counts_businesses_reaching_each_stage_by_done_work_only(world):
    ServiceFactory(
        business=world.business,
        agency=world.owner,
        provided_on=MIDYEAR,
        stage=stage("perizinan"),
        kind="fasilitasi_perizinan",
        outcome=Service.Outcome.DONE,
    )
    ServiceFactory(  # in progress: not reached yet
        business=world.foreign_business,
        agency=world.owner,
        provided_on=MIDYEAR,
        stage=stage("perizinan"),
        kind="fasilitasi_perizinan",
    )
    both = activity(world.collaborator, stages=("pelatihan", "pemasaran"))
    took_part(both, world.business)
    took_part(both, world.foreign_business, Participation.Status.REGISTERED)
    MilestoneFactory(
        business=world.foreign_business,
        stage=stage("permodalan"),
        kind="capital_received",
        achieved_on=MIDYEAR,
        verified_at=timezone.now(),
    )

    dashboard = everything()
    funnel = {row.stage.code: row.businesses for row in dashboard.funnel()}

    assert funnel == {
        "pendaftaran": 0,
        "pelatihan": 1,
        "pendampingan": 0,
        "perizinan": 1,
        "pemasaran": 1,
        "keuangan": 0,
        "permodalan": 1,
    }
    assert list(dashboard.businesses_reaching(stage("permodalan"))) == [world.foreign_business]


# The matrix and overlaps -------------------------------------------------------------------------


def test_the_matrix_shows_which_agencies_helped_which_business_most_helped_first(world):
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    shared = activity(world.collaborator)
    shared.co_organisers.add(world.leading)
    took_part(shared, world.business)
    ServiceFactory(business=world.foreign_business, agency=world.foreign, provided_on=MIDYEAR)

    rows = everything().matrix()[0:10]

    assert [(row.business_id, row.agencies) for row in rows] == [
        (world.business.pk, 3),
        (world.foreign_business.pk, 1),
    ]
    assert rows[0].cells == {world.owner.pk: 2, world.collaborator.pk: 1, world.leading.pk: 1}
    assert everything().matrix().count() == 2


def test_an_agency_sees_the_businesses_it_helped_with_every_agency_that_helped_them(world):
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.business, agency=world.other, provided_on=MIDYEAR)
    ServiceFactory(business=world.foreign_business, agency=world.other, provided_on=MIDYEAR)

    dashboard = Dashboard(Filters(YEAR), agency_ids=frozenset([world.owner.pk]))
    rows = dashboard.matrix()[0:10]

    assert [row.business_id for row in rows] == [world.business.pk]
    assert rows[0].cells == {world.owner.pk: 1, world.other.pk: 1}
    assert dashboard.summary().matrix_agencies == sorted(
        [world.owner, world.other], key=lambda agency: agency.short_name.lower()
    )


def test_the_same_stage_and_kind_from_two_agencies_is_an_overlap(world):
    # Two agencies train the business in packaging (activities), and two mentor it (services).
    took_part(activity(world.owner), world.business)
    took_part(activity(world.collaborator), world.business, Participation.Status.COMPLETED)
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.business, agency=world.other, provided_on=MIDYEAR)
    # Not overlaps: another kind, the same agency twice, another year.
    ServiceFactory(
        business=world.foreign_business, agency=world.owner, provided_on=MIDYEAR, kind="konsultasi"
    )
    ServiceFactory(business=world.foreign_business, agency=world.other, provided_on=MIDYEAR)
    ServiceFactory(business=world.foreign_business, agency=world.foreign, provided_on=MIDYEAR)
    ServiceFactory(business=world.foreign_business, agency=world.foreign, provided_on=MIDYEAR)
    ServiceFactory(
        business=world.foreign_business,
        agency=world.owner,
        provided_on=MIDYEAR.replace(YEAR - 1),
    )

    overlaps = everything().overlaps()
    found = {(o.business_id, o.stage.code, o.kind): o.agencies for o in overlaps[0:10]}

    assert overlaps.count() == 3
    assert found == {
        (world.business.pk, "pelatihan", "pelatihan"): [world.collaborator, world.owner],
        (world.business.pk, "pendampingan", "pendampingan"): [world.other, world.owner],
        (world.foreign_business.pk, "pendampingan", "pendampingan"): [world.other, world.foreign],
    }
    # An agency sees the overlaps it is part of.
    mine = Dashboard(Filters(YEAR), agency_ids=frozenset([world.collaborator.pk])).overlaps()
    assert [(o.business_id, o.kind) for o in mine[0:10]] == [(world.business.pk, "pelatihan")]


# Gaps --------------------------------------------------------------------------------------------


def test_a_business_with_published_products_and_no_support_for_a_year_is_a_gap(world):
    dashboard = everything()
    assert world.business in dashboard.idle_businesses()
    assert world.foreign_business not in dashboard.idle_businesses()  # nothing published

    ServiceFactory(
        business=world.business, agency=world.owner, provided_on=TODAY - timedelta(days=400)
    )
    assert world.business in everything().idle_businesses()

    took_part(activity(world.owner, day=TODAY - timedelta(days=30)), world.business)
    assert world.business not in everything().idle_businesses()


def test_a_nominee_without_a_basic_certificate_or_facilitation_is_a_gap(world):
    # world.published has an open (submitted) nomination and no certificate.
    assert list(everything().uncertified_candidates()) == [world.business]
    assert everything().uncertified_candidates()[0].product_name == "Lada Putih Muntok"

    expired = CertificateFactory(
        product=world.published, kind="pirt", expires_on=TODAY - timedelta(days=1)
    )
    CertificateFactory(product=world.published, kind="sni")  # not one of the three
    assert everything().listing("uncertified_candidates").count() == 1

    facilitation = ServiceFactory(
        business=world.business,
        agency=world.collaborator,
        kind="fasilitasi_sertifikasi",
        stage=stage("perizinan"),
        provided_on=TODAY,
    )
    assert everything().listing("uncertified_candidates").count() == 0

    Service.objects.filter(pk=facilitation.pk).update(outcome=Service.Outcome.NOT_ACHIEVED)
    expired.expires_on = TODAY + timedelta(days=200)
    expired.save()
    assert everything().listing("uncertified_candidates").count() == 0


def test_a_current_flagship_without_a_basic_certificate_is_a_gap_and_a_closed_nomination_not(
    world,
):
    Nomination.objects.filter(pk=world.nomination.pk).update(state=Nomination.State.WITHDRAWN)
    assert everything().listing("uncertified_candidates").count() == 0

    flagship = ProductFactory(
        business=world.foreign_business,
        owner_agency=world.foreign,
        category=world.category,
        status=Product.Status.PUBLISHED,
    )
    DesignationFactory(nomination__product=flagship, nomination__agency=world.foreign)
    assert list(everything().uncertified_candidates()) == [world.foreign_business]

    CertificateFactory(product=flagship, kind="bpom", expires_on=TODAY + timedelta(days=5))
    assert everything().listing("uncertified_candidates").count() == 0


def test_a_certificate_expiring_within_90_days_without_facilitation_is_a_gap(world):
    soon = CertificateFactory(product=world.published, expires_on=TODAY + timedelta(days=30))
    CertificateFactory(product=world.published, expires_on=TODAY + timedelta(days=120))
    CertificateFactory(product=world.published, expires_on=TODAY - timedelta(days=1))
    CertificateFactory(product=world.archived, expires_on=TODAY + timedelta(days=10))

    assert list(everything().expiring_certificates()) == [soon]

    ServiceFactory(
        business=world.business,
        agency=world.owner,
        kind="fasilitasi_perizinan",
        stage=stage("perizinan"),
        provided_on=TODAY,
    )
    assert not everything().expiring_certificates().exists()


def test_an_unanswered_referral_past_its_due_date_is_a_gap(world):
    late = ReferralFactory(
        business=world.business,
        from_agency=world.owner,
        to_agency=world.leading,
        due_on=TODAY - timedelta(days=1),
    )
    ReferralFactory(business=world.business, from_agency=world.owner, to_agency=world.leading)

    assert list(everything().overdue_referrals()) == [late]

    Referral.objects.filter(pk=late.pk).update(
        status=Referral.Status.ACCEPTED, answered_at=timezone.now()
    )
    assert not everything().overdue_referrals().exists()


def test_obligations_behind_are_counted_and_none_without_agreements(world):
    # Counted since the partnerships part (tests/support/test_dashboard_partnerships.py).
    gaps = {gap.key: gap.value for gap in everything().summary().gaps}

    assert gaps["obligations_behind"] == 0
    assert not everything().obligations_behind().exists()


# Who sees what -----------------------------------------------------------------------------------


def test_leading_sector_members_and_administrators_see_every_agency(world):
    for person in ("reviewer", "collab_editor", "administrator"):
        dashboard = dashboard_for(world.people[person], Filters(YEAR))
        assert dashboard.agency_ids is None, person
    assert set(agencies_in_view(world.people["reviewer"])) == set(type(world.owner).objects.all())


def test_other_staff_see_their_own_agencies_figures_only(world):
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.business, agency=world.foreign, provided_on=MIDYEAR)
    late = ReferralFactory(
        business=world.business,
        from_agency=world.other,
        to_agency=world.collaborator,
        due_on=TODAY - timedelta(days=3),
    )
    editor = world.people["owner_editor"]

    dashboard = dashboard_for(editor, Filters(YEAR))

    assert dashboard.agency_ids == frozenset([world.owner.pk])
    assert list(dashboard.services().values_list("agency", flat=True)) == [world.owner.pk]
    assert not dashboard.overdue_referrals().exists()
    assert list(agencies_in_view(editor)) == [world.owner]
    other = dashboard_for(world.people["other_editor"], Filters(YEAR))
    assert list(other.overdue_referrals()) == [late]


def test_choosing_an_agency_narrows_to_it_and_another_agencys_figures_are_refused(world):
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.business, agency=world.foreign, provided_on=MIDYEAR)

    chosen = dashboard_for(world.people["reviewer"], Filters(YEAR, agency=world.foreign))
    assert list(chosen.services().values_list("agency", flat=True)) == [world.foreign.pk]

    with pytest.raises(PermissionDenied):
        dashboard_for(world.people["owner_editor"], Filters(YEAR, agency=world.foreign))


def test_someone_outside_every_agency_may_not_see_the_dashboard(world):
    with pytest.raises(PermissionDenied):
        dashboard_for(UserFactory(), Filters(YEAR))
    with pytest.raises(PermissionDenied):
        dashboard_for(world.people["anonymous"], Filters(YEAR))


# The number of queries does not grow with the data -----------------------------------------------


def populate(world, businesses: int) -> None:
    """`businesses` businesses, each helped by two agencies (an overlap), with a gap of every
    countable kind."""
    agencies = [world.owner, world.collaborator, world.other, AgencyFactory()]
    training = activity(world.owner)
    training.co_organisers.add(world.collaborator)
    for number in range(businesses):
        business = BusinessFactory(region=world.region, registering_agency=world.owner)
        product = ProductFactory(
            business=business,
            owner_agency=world.owner,
            category=world.category,
            status=Product.Status.PUBLISHED,
        )
        CertificateFactory(product=product, expires_on=TODAY + timedelta(days=20))
        for agency in agencies[number % 2 : number % 2 + 2]:
            ServiceFactory(business=business, agency=agency, provided_on=MIDYEAR, outcome="done")
        took_part(training, business)
        MilestoneFactory(business=business, achieved_on=MIDYEAR, verified_at=timezone.now())
        answered(world, sent_days_before=number % 5 + 1)
        ReferralFactory(
            business=business,
            from_agency=world.owner,
            to_agency=world.leading,
            due_on=TODAY - timedelta(days=2),
        )


@pytest.mark.parametrize("person", ["administrator", "owner_editor"])
def test_the_summary_costs_the_same_queries_for_3_and_30_businesses(
    world, django_assert_num_queries, person
):
    def fresh_user():  # as a request finds it: no permissions cached yet
        user = world.people[person]
        return type(user).objects.get(pk=user.pk)

    populate(world, 3)
    user = fresh_user()
    with CaptureQueriesContext(connection) as small:
        summary = dashboard_for(user, Filters(YEAR)).summary()
    assert summary.businesses == 3
    assert summary.overlap_count >= 1

    populate(world, 27)
    user = fresh_user()
    with django_assert_num_queries(len(small)):
        summary = dashboard_for(user, Filters(YEAR)).summary()
    assert summary.businesses == 30
    assert all(gap.value for gap in summary.gaps if gap.key != "obligations_behind")
