"""generate_support: development records in proportion to the generated catalogue, the same for
the same seed, replaced on request, and run by generate_catalog itself (catalog never imports
support: it calls the command by name)."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog.demo.generator import generator_user
from catalog.models import Business
from support.dashboard import Dashboard, Filters
from support.models import Activity, Milestone, Participation, Referral, Service, Snapshot
from support.models.stages import STAGE_OF_SERVICE_KIND
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

PRODUCTS = 600
MODELS = (Activity, Participation, Service, Referral, Snapshot, Milestone)


def generate_catalog(**options):
    call_command("generate_catalog", products=PRODUCTS, seed=3, stdout=None, **options)


def generate_support(**options):
    call_command("generate_support", stdout=None, **options)


@pytest.fixture
def generated():
    generate_catalog()


def rows():
    """The generated records as their content and references, ids included."""
    return {
        "activities": list(
            Activity.objects.order_by("pk").values_list(
                "pk", "organiser_id", "kind", "starts_at", "region_id", "cancelled_at"
            )
        ),
        "stages": list(
            Activity.stages.through.objects.order_by("pk").values_list("activity_id", "stage_id")
        ),
        "participations": list(
            Participation.objects.order_by("pk").values_list("activity_id", "business_id", "status")
        ),
        "services": list(
            Service.objects.order_by("pk").values_list(
                "pk", "business_id", "agency_id", "kind", "provided_on", "outcome", "amount"
            )
        ),
        "referrals": list(
            Referral.objects.order_by("pk").values_list(
                "business_id", "to_agency_id", "status", "sent_at", "answered_at"
            )
        ),
        "snapshots": list(Snapshot.objects.order_by("pk").values_list("business_id", "taken_on")),
        "milestones": list(
            Milestone.objects.order_by("pk").values_list("business_id", "kind", "verified_at")
        ),
    }


def test_generate_catalog_adds_records_in_proportion_to_its_businesses(generated):
    businesses = Business.objects.count()
    services = Service.objects.count()

    assert 0.7 * 2 * businesses < services < 1.3 * 2 * businesses  # about one a business a year
    assert Activity.objects.count() == round(businesses * 2 / 30)
    assert Participation.objects.count() > 5 * Activity.objects.count()
    for model in (Referral, Snapshot, Milestone):
        assert model.objects.exists(), model
    # Every row is the generator's, and a service's stage is the one its kind serves.
    user = generator_user()
    assert not Service.objects.exclude(recorded_by=user).exists()
    kinds = Service.objects.values_list("kind", "stage__code").distinct()
    assert all(STAGE_OF_SERVICE_KIND[kind] == code for kind, code in kinds)


def test_the_same_seed_gives_the_same_records_and_another_seed_others(generated):
    first = rows()
    generate_support(replace=True, seed=3)  # generate_catalog passes its own seed on
    assert rows() == first

    generate_support(replace=True, seed=4)
    assert rows() != first


def test_existing_records_are_kept_unless_replaced_and_deleted_on_request(generated):
    before = {model: model.objects.count() for model in MODELS}
    with pytest.raises(CommandError, match="--replace"):
        generate_support()
    assert {model: model.objects.count() for model in MODELS} == before

    generate_support(delete=True)
    assert not any(model.objects.exists() for model in MODELS)


def test_records_of_real_users_survive_a_regeneration(generated, world):
    kept = ServiceFactory(business=world.business, agency=world.owner)

    generate_catalog(replace=True)  # deletes the generated businesses, records first

    assert Service.objects.filter(pk=kept.pk).exists()
    assert Service.objects.exclude(pk=kept.pk).exists()  # the new generated ones


def test_without_a_generated_catalogue_there_is_nothing_to_add_to(db):
    with pytest.raises(CommandError, match="generate_catalog"):
        generate_support()


def test_a_generated_year_shows_on_the_dashboard_with_overlaps_and_every_countable_gap(
    generated,
):
    last_year = timezone.localdate().year - 1  # wholly inside the generated two years
    summary = Dashboard(Filters(last_year), agency_ids=None).summary()

    assert all(figure.value for figure in summary.figures)
    assert summary.overlap_count > 0
    assert summary.median_days_to_answer is not None
    counted = {gap.key: gap.value for gap in summary.gaps if gap.value is not None}
    assert counted.keys() == {
        "idle_businesses",
        "uncertified_candidates",
        "expiring_certificates",
        "overdue_referrals",
        "obligations_behind",  # counted since the partnerships part; the generator makes none
    }
    assert {
        key: bool(value)
        for key, value in counted.items()
        if key not in {"uncertified_candidates", "obligations_behind"}
    } == {"idle_businesses": True, "expiring_certificates": True, "overdue_referrals": True}
    # Activities are spread over the window and a little beyond (upcoming ones).
    upcoming = Activity.objects.filter(starts_at__gt=timezone.now())
    assert upcoming.exists()
    assert not Participation.objects.filter(activity__in=upcoming).exclude(status="registered")
