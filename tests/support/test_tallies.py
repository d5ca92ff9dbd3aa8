"""The dashboard's tallies (support.models.tallies) follow every write to the records they come
from, through the database's triggers: after each change they hold exactly what a rebuild from
scratch makes, and the figures a person counts by hand."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from support.models import (
    AgencyTally,
    BusinessTally,
    OverlapTally,
    ReachTally,
    Service,
    rebuild_tallies,
)
from tests.factories import (
    ActivityFactory,
    AgencyFactory,
    BusinessFactory,
    MilestoneFactory,
    ParticipationFactory,
    ProductFactory,
    RegionFactory,
    ServiceFactory,
    stage,
)

pytestmark = pytest.mark.django_db

TALLIES = (BusinessTally, AgencyTally, OverlapTally, ReachTally)


def contents():
    return {
        model.__name__: sorted(
            model.objects.values_list(
                *[field.attname for field in model._meta.fields if field.name != "id"]
            ),
            key=repr,
        )
        for model in TALLIES
    }


def assert_as_rebuilt():
    """The triggers' tallies are what a rebuild from the records makes."""
    kept = contents()
    rebuild_tallies()
    assert kept == contents()


def cells(business, year):
    return dict(
        AgencyTally.objects.filter(business=business, year=year).values_list("agency", "records")
    )


def overlap_agencies(business, year):
    return set(
        OverlapTally.objects.filter(business=business, year=year).values_list("agency", flat=True)
    )


def reached(business, year, agency=None):
    tallies = ReachTally.objects.filter(business=business, year=year)
    tallies = tallies.filter(agency=agency) if agency else tallies.filter(agency__isnull=True)
    return set(tallies.values_list("stage__code", flat=True))


@pytest.fixture
def parties():
    return AgencyFactory(), AgencyFactory(), BusinessFactory()


def test_services_are_counted_voided_and_moved(parties):
    first, second, business = parties
    year = timezone.localdate().year
    service = ServiceFactory(business=business, agency=first, outcome="done")
    ServiceFactory(business=business, agency=second)
    assert cells(business, year) == {first.pk: 1, second.pk: 1}
    row = BusinessTally.objects.get(business=business, year=year)
    assert (row.agencies, row.records, row.region_id) == (2, 2, business.region_id)
    # Same stage and kind from two agencies in two records: an overlap of both.
    assert overlap_agencies(business, year) == {first.pk, second.pk}
    assert reached(business, year) == {"pendampingan"}
    assert reached(business, year, second) == set()  # in progress: not reached
    assert_as_rebuilt()

    service.voided_at, service.void_reason = timezone.now(), "Salah catat"
    service.save()
    assert cells(business, year) == {second.pk: 1}
    assert overlap_agencies(business, year) == set()
    assert reached(business, year) == set()
    assert_as_rebuilt()

    # A queryset update (no signals) is followed too: the second service moves a year back.
    Service.objects.filter(agency=second).update(
        provided_on=timezone.localdate().replace(year=year - 1)
    )
    assert not BusinessTally.objects.filter(business=business, year=year).exists()
    assert cells(business, year - 1) == {second.pk: 1}
    assert_as_rebuilt()


def test_activities_count_for_organiser_and_co_organisers(parties):
    organiser, partner, business = parties
    starts = timezone.make_aware(datetime(2026, 3, 10, 9))
    activity = ActivityFactory(organiser=organiser, starts_at=starts, stages=[stage("pelatihan")])
    participation = ParticipationFactory(activity=activity, business=business)
    assert cells(business, 2026) == {}  # registered: not yet taken part
    participation.status = "attended"
    participation.save()
    assert cells(business, 2026) == {organiser.pk: 1}

    activity.co_organisers.add(partner)
    assert cells(business, 2026) == {organiser.pk: 1, partner.pk: 1}
    # One activity organised together is joint work, not an overlap.
    assert overlap_agencies(business, 2026) == set()
    assert reached(business, 2026, partner) == {"pelatihan"}

    activity.stages.add(stage("pemasaran"))
    assert reached(business, 2026) == {"pelatihan", "pemasaran"}
    activity.stages.remove(stage("pelatihan"))
    assert reached(business, 2026) == {"pemasaran"}
    assert_as_rebuilt()

    activity.co_organisers.remove(partner)
    assert cells(business, 2026) == {organiser.pk: 1}
    activity.cancelled_at, activity.cancel_reason = timezone.now(), "Banjir"
    activity.save()
    assert not BusinessTally.objects.filter(business=business).exists()
    assert_as_rebuilt()


def test_an_activity_starting_on_new_years_eve_in_jakarta_counts_for_the_new_year(parties):
    organiser, _second, business = parties
    # 31 December 2026, 18:00 UTC is 1 January 2027, 01:00 in Asia/Jakarta.
    starts = datetime(2026, 12, 31, 18, tzinfo=UTC)
    activity = ActivityFactory(organiser=organiser, starts_at=starts)
    ParticipationFactory(activity=activity, business=business, status="completed")
    assert set(BusinessTally.objects.filter(business=business).values_list("year", flat=True)) == {
        2027
    }
    assert_as_rebuilt()


def test_deleting_a_participation_takes_its_work_away(parties):
    organiser, _second, business = parties
    activity = ActivityFactory(organiser=organiser, starts_at=timezone.now())
    participation = ParticipationFactory(activity=activity, business=business, status="attended")
    assert BusinessTally.objects.filter(business=business).exists()
    participation.delete()
    assert not BusinessTally.objects.filter(business=business).exists()
    assert_as_rebuilt()


def test_verified_milestones_reach_their_stage_for_the_credited_agencies(parties):
    first, second, business = parties
    year = timezone.localdate().year
    milestone = MilestoneFactory(business=business)
    assert reached(business, year) == set()  # not verified
    milestone.verified_at = timezone.now()
    milestone.save()
    assert reached(business, year) == {"perizinan"}  # credited to nobody: through anyone
    milestone.credited_agencies.add(first, second)
    assert reached(business, year, first) == {"perizinan"}
    assert reached(business, year, second) == {"perizinan"}
    milestone.credited_agencies.remove(second)
    assert reached(business, year, second) == set()
    # A milestone is no service and no participation: no matrix row.
    assert not BusinessTally.objects.filter(business=business).exists()
    assert_as_rebuilt()


def test_a_business_moving_region_takes_its_tallies_along(parties):
    first, _second, business = parties
    ServiceFactory(business=business, agency=first, outcome="done")
    elsewhere = RegionFactory()
    business.region = elsewhere
    business.save()
    for model in TALLIES:
        assert set(model.objects.filter(business=business).values_list("region", flat=True)) <= {
            elsewhere.pk
        }
    assert BusinessTally.objects.get(business=business).region_id == elsewhere.pk
    assert_as_rebuilt()


def test_a_service_moved_to_another_business_leaves_the_first(parties):
    first, _second, business = parties
    other = BusinessFactory()
    service = ServiceFactory(business=business, agency=first, provided_on=timezone.localdate())
    service.business = other
    service.save()
    assert not BusinessTally.objects.filter(business=business).exists()
    assert BusinessTally.objects.filter(business=other).exists()
    assert_as_rebuilt()


def test_rebuild_matches_a_busy_record(parties):
    first, second, business = parties
    for days in range(0, 400, 40):
        ServiceFactory(
            business=business,
            agency=first if days % 80 else second,
            provided_on=timezone.localdate() - timedelta(days=days),
            outcome="done" if days % 3 else "in_progress",
        )
    activity = ActivityFactory(organiser=second, starts_at=timezone.now() - timedelta(days=30))
    activity.co_organisers.add(first)
    ParticipationFactory(activity=activity, business=business, status="completed")
    assert_as_rebuilt()


def test_the_recency_row_follows_products_businesses_and_support(parties):
    from support.models import RecencyTally

    first, _second, business = parties
    row = RecencyTally.objects.get(business=business)
    assert (row.listed, row.last_supported_on) == (False, None)

    product = ProductFactory(business=business, status="published")
    assert RecencyTally.objects.get(business=business).listed is True
    business.is_active = False  # its products leave the public pages
    business.save()
    assert RecencyTally.objects.get(business=business).listed is False
    business.is_active = True
    business.save()
    product.status = "draft"
    product.save()
    assert RecencyTally.objects.get(business=business).listed is False
    product.status = "published"
    product.save()

    long_ago = timezone.localdate() - timedelta(days=500)
    ServiceFactory(business=business, agency=first, provided_on=long_ago)
    assert RecencyTally.objects.get(business=business).last_supported_on == long_ago
    activity = ActivityFactory(organiser=first, starts_at=timezone.now() - timedelta(days=3))
    ParticipationFactory(activity=activity, business=business, status="attended")
    assert RecencyTally.objects.get(business=business).last_supported_on == (
        timezone.localdate() - timedelta(days=3)
    )
    assert_recency_as_rebuilt()


def test_the_idle_gap_lists_the_never_supported_first_then_the_longest_ago(parties):
    from support.dashboard import Dashboard, Filters

    first, _second, _business = parties
    never, long_ago, longer_ago, recent = (BusinessFactory() for _ in range(4))
    for business in (never, long_ago, longer_ago, recent):
        ProductFactory(business=business, status="published")
    today = timezone.localdate()
    for business, days in ((long_ago, 400), (longer_ago, 800), (recent, 10)):
        ServiceFactory(business=business, agency=first, provided_on=today - timedelta(days=days))
    idle = Dashboard(Filters(today.year), agency_ids=None).idle_businesses()
    assert list(idle) == [never, longer_ago, long_ago]
    assert idle.count() == 3


def assert_recency_as_rebuilt():
    from support.models import RecencyTally

    def rows():
        return sorted(
            RecencyTally.objects.values_list(
                "business", "region", "registering_agency", "listed", "last_supported_on"
            )
        )

    kept = rows()
    rebuild_tallies()
    assert kept == rows()


def test_a_partners_service_is_support_for_the_business_but_no_agencys_work(parties):
    from support.models import RecencyTally
    from tests.factories import PartnerFactory

    _first, _second, business = parties
    year = timezone.localdate().year
    ServiceFactory(business=business, agency=None, partner=PartnerFactory(), outcome="done")
    assert not AgencyTally.objects.filter(business=business).exists()
    assert not BusinessTally.objects.filter(business=business).exists()
    assert reached(business, year) == {"pendampingan"}  # reached through anyone
    assert RecencyTally.objects.get(business=business).last_supported_on == timezone.localdate()
    assert_as_rebuilt()
