"""The development record's demo (seed_demo → seed_demo_support): enough of every record, states
that fit the day it runs, the red-ginger story end to end, an overlap and every gap the dashboard
looks for, and a second run that changes nothing.

The demo is seeded once for the module (it takes seconds), inside a transaction rolled back when
the module ends; each test runs in a savepoint inside it, as usual."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from agencies.rules import is_reviewer
from catalog.models import Business, Certificate, Collaboration, Designation, Nomination, Product
from catalog.models.base import today
from support import dashboard
from support.demo import data, story
from support.models import (
    STAGE_CODES,
    Activity,
    Milestone,
    Participation,
    Referral,
    ScaleClass,
    Service,
    Snapshot,
)
from support.timeline import KIND_OF_RANK, Kind, timeline
from support.views.trail import public_trail

pytestmark = pytest.mark.django_db(transaction=False)

P = Participation.Status
R = Referral.Status
CLASS_ORDER = list(ScaleClass.values)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The output of `seed_demo`, which seeded the catalog demo and then the development record."""
    media = tmp_path_factory.mktemp("media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast, RENDITIONS_ON_SAVE=False),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def support_counts():
    """Rows of every table of the support app, history included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("support").get_models()
    }


def catalog_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("catalog").get_models()
        if not model._meta.label.startswith("catalog.Historical")
    }


# Counts ---------------------------------------------------------------------------------------


def test_activities_of_every_stage_by_five_agencies_past_running_and_upcoming(demo):
    now = timezone.now()
    activities = Activity.objects.all()
    assert activities.count() >= 25
    assert set(activities.values_list("stages__code", flat=True)) == set(STAGE_CODES)
    assert activities.values("organiser").distinct().count() >= 5
    assert activities.filter(ends_at__lt=now).exists()
    assert activities.filter(starts_at__lte=now, ends_at__gte=now).exists()
    assert activities.filter(starts_at__gt=now).exists()
    assert activities.filter(is_public=True).exists()
    assert activities.filter(is_public=False).exists()
    assert activities.filter(co_organisers__isnull=False).distinct().count() >= 3
    cancelled = activities.filter(cancelled_at__isnull=False)
    assert cancelled.count() == 1
    assert cancelled.get().cancel_reason.strip()


def test_participations_of_every_status_fit_the_time_of_their_activity(demo):
    now = timezone.now()
    participations = Participation.objects.all()
    assert participations.count() >= 80
    assert set(participations.values_list("status", flat=True)) == set(P.values)
    upcoming = participations.filter(activity__starts_at__gt=now)
    running = participations.filter(activity__starts_at__lte=now, activity__ends_at__gte=now)
    ended = participations.filter(activity__ends_at__lt=now)
    assert set(upcoming.values_list("status", flat=True)) == {P.REGISTERED}
    assert not running.filter(status=P.COMPLETED).exists()
    assert not ended.filter(status=P.REGISTERED).exists()
    assert not participations.filter(
        activity__cancelled_at__isnull=False, status__in=Participation.TOOK_PART
    ).exists()
    assert ended.filter(status=P.COMPLETED).exclude(certificate_number="").exists()


def test_services_with_money_voided_ones_and_mixed_outcomes(demo):
    services = Service.objects.all()
    assert services.count() >= 50
    with_money = services.filter(benefit__in=["grant", "loan", "kur"])
    assert set(with_money.values_list("benefit", flat=True)) == {"grant", "loan", "kur"}
    assert not with_money.filter(amount__isnull=True).exists()
    voided = services.filter(voided_at__isnull=False)
    assert voided.count() >= 3
    assert not voided.filter(void_reason="").exists()
    outcomes = set(services.standing().values_list("outcome", flat=True))
    assert outcomes == set(Service.Outcome.values)
    assert services.values("agency").distinct().count() >= 5


def test_referrals_in_every_state_some_overdue(demo):
    referrals = Referral.objects.all()
    assert set(referrals.values_list("status", flat=True)) == set(R.values)
    assert referrals.overdue().count() >= 2
    assert referrals.filter(status=R.SENT, due_on__gte=today()).exists()  # waiting, not late
    # Cancelled both while waiting and after acceptance; every answer carries its time.
    cancelled = referrals.filter(status=R.CANCELLED)
    assert cancelled.filter(answered_at__isnull=True).exists()
    assert cancelled.filter(answered_at__isnull=False).exists()
    for referral in referrals.exclude(status=R.SENT):
        assert referral.sent_at < (referral.answered_at or referral.cancelled_at), (
            referral.business.slug
        )
    for referral in referrals.filter(status=R.COMPLETED):
        assert referral.answered_at < referral.completed_at


def test_snapshots_show_two_businesses_moving_up_a_scale_class(demo):
    snapshots = Snapshot.objects.all()
    verified = snapshots.verified()
    assert verified.exists() and snapshots.filter(verified_at__isnull=True).exists()
    assert all(is_reviewer(snapshot.verified_by) for snapshot in verified)
    moved = []
    for business in Business.objects.filter(snapshots__isnull=False).distinct():
        classes = [s.scale_class for s in business.snapshots.order_by("taken_on")]
        if CLASS_ORDER.index(classes[-1]) > CLASS_ORDER.index(classes[0]):
            moved.append(business.slug)
    assert len(moved) >= 2, moved
    assert {"kemplang-panggang-atok-gabek", "lada-putih-mentok-sejahtera"} <= set(moved)


def test_milestones_some_verified_by_a_leading_sector_reviewer(demo):
    milestones = Milestone.objects.all()
    assert milestones.count() >= 10
    verified = milestones.verified()
    assert verified.exists() and milestones.filter(verified_at__isnull=True).exists()
    assert all(is_reviewer(milestone.verified_by) for milestone in verified)
    assert not milestones.filter(achieved_on__gt=today()).exists()
    assert milestones.filter(credited_agencies__isnull=False).distinct().count() == (
        milestones.count()
    )


def test_written_through_the_services_by_the_agencies_demo_accounts(demo):
    """Every record was created by a service function: its first history row names a person."""
    for model in (Activity, Participation, Service, Referral, Snapshot, Milestone):
        created = model.history.filter(history_type="+")
        assert created.count() == model.objects.count(), model
        assert not created.filter(history_user__isnull=True).exists(), model
    by_agency = Service.objects.filter(agency__slug="dinas-koperasi-ukm")
    assert set(by_agency.values_list("recorded_by__username", flat=True)) == {"koperasi.editor"}


def test_seed_demo_reports_the_counts_of_each_kind(demo):
    for line in ("activities: ", "participations: ", "services: ", "referrals: ", "snapshots: "):
        assert line in demo
    assert f"activities: {Activity.objects.count()} (" in demo
    assert f"services: {Service.objects.count()} (" in demo
    assert "Demo accounts" in demo.split("Development record")[1]


# Idempotence ----------------------------------------------------------------------------------


def test_running_the_demo_again_changes_nothing(demo):
    support, catalog = support_counts(), catalog_counts()
    story_service = Service.objects.get(
        business__slug=story.BUSINESS, kind="fasilitasi_sertifikasi"
    )
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo_support", stdout=StringIO())
    assert support_counts() == support  # history tables too: nothing was written again
    assert catalog_counts() == catalog
    assert Service.objects.get(pk=story_service.pk).provided_on == story_service.provided_on


def test_seed_demo_support_needs_the_catalog_demo(demo):
    Business.objects.filter(slug=story.BUSINESS).update(slug="somewhere-else")
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("seed_demo_support", stdout=StringIO())


# The red-ginger story -------------------------------------------------------------------------


def test_the_red_ginger_story_is_on_record_end_to_end(demo):
    business = Business.objects.get(slug=story.BUSINESS)
    product = Product.objects.get(slug=story.PRODUCT, business=business)

    # 1. Trained in cultivation by Dinas Pertanian, and completed.
    training = Participation.objects.get(
        business=business, activity__title=story.TRAINING, status=P.COMPLETED
    )
    assert training.activity.organiser.slug == "dinas-pertanian"
    assert "pelatihan" in training.activity.stages.values_list("code", flat=True)

    # 2. Referred to Diskop UKM, helped with packaging and the P-IRT, the certificate linked.
    to_diskop = Referral.objects.get(
        business=business, from_agency__slug="dinas-pertanian", to_agency__slug="dinas-koperasi-ukm"
    )
    assert to_diskop.status == R.COMPLETED
    packaging = Service.objects.standing().get(business=business, summary=story.PACKAGING_SUMMARY)
    assert (packaging.agency.slug, packaging.kind, packaging.stage.code, packaging.outcome) == (
        "dinas-koperasi-ukm",
        "pendampingan",
        "pemasaran",
        "done",
    )
    pirt = Certificate.objects.get(product=product, kind="pirt")
    facilitation = Service.objects.standing().get(business=business, certificate=pirt)
    assert facilitation.agency.slug == "dinas-koperasi-ukm"
    assert facilitation.kind == "fasilitasi_sertifikasi"
    assert facilitation.target_certificate_kind == "pirt"
    assert facilitation.outcome == "done"
    assert facilitation.provided_on < pirt.issued_on
    assert not pirt.is_expired
    assert Milestone.objects.verified().filter(
        business=business, kind="certificate", achieved_on=pirt.issued_on
    )

    # 3. Referred to Disperindag for an exhibition: accepted, then completed around it.
    to_disperindag = Referral.objects.get(
        business=business, from_agency__slug="dinas-koperasi-ukm", to_agency__slug="disperindag"
    )
    assert to_disperindag.status == R.COMPLETED
    assert to_disperindag.answered_at < to_disperindag.completed_at
    exhibition = Participation.objects.get(business=business, activity__title=story.EXHIBITION)
    assert exhibition.status == P.COMPLETED
    assert exhibition.activity.organiser.slug == "disperindag"
    assert exhibition.activity.kind == "pameran"
    assert (
        to_disperindag.answered_at
        < exhibition.activity.starts_at
        < exhibition.activity.ends_at
        < to_disperindag.completed_at
    )

    # 4. Its product co-curated, nominated and designated, after the help above.
    collaboration = Collaboration.objects.get(
        product=product, agency__slug="dinas-koperasi-ukm", status="accepted"
    )
    nomination = Nomination.objects.get(product=product, state="approved")
    assert nomination.agency.slug == "dinas-koperasi-ukm"
    assert Designation.objects.current().filter(product=product, nomination=nomination).exists()
    assert collaboration.answered_at < nomination.created_at
    assert to_disperindag.completed_at < nomination.created_at

    # Every step on its record (the staff timeline), and its public trail on.
    admin = get_user_model().objects.get(username="admin")
    kinds = {KIND_OF_RANK[rank] for _day, rank, _pk in timeline(business, admin)}
    assert {
        Kind.ACTIVITY,
        Kind.SERVICE,
        Kind.REFERRAL_SENT,
        Kind.REFERRAL_ANSWERED,
        Kind.REFERRAL_COMPLETED,
        Kind.MILESTONE,
        Kind.CERTIFICATE,
        Kind.CO_CURATION,
        Kind.NOMINATION,
        Kind.DESIGNATION,
    } <= kinds
    assert business.show_support
    trail = public_trail(business)
    assert trail is not None
    assert {"pelatihan", "perizinan", "pemasaran"} <= trail.reached
    helpers = {agency.slug for agency in trail.agencies}
    assert {"dinas-pertanian", "dinas-koperasi-ukm", "disperindag"} <= helpers


# The dashboard: an overlap and every kind of gap ------------------------------------------------


@pytest.fixture
def board(demo):
    return dashboard.Dashboard(dashboard.Filters(year=today().year), agency_ids=None)


def test_the_dashboard_shows_overlaps_this_year(board):
    overlaps = board.overlaps()
    assert overlaps.count() >= 1
    found = {(o.slug, o.stage.code, o.kind): o for o in overlaps[0 : overlaps.count()]}
    packaging = found[("kemplang-panggang-atok-gabek", "pemasaran", "pendampingan")]
    assert {agency.slug for agency in packaging.agencies} == {
        "dinas-koperasi-ukm",
        "disperindag",
        "dinas-kelautan-perikanan",
    }
    # The same overlap in plain services: three agencies, this year, not voided.
    this_year = Service.objects.standing().in_year(today().year)
    agencies = this_year.filter(
        business__slug="kemplang-panggang-atok-gabek", stage__code="pemasaran", kind="pendampingan"
    ).values("agency")
    assert agencies.distinct().count() == 3


def test_the_dashboard_shows_every_kind_of_gap(board):
    idle = set(board.idle_businesses().values_list("slug", flat=True))
    assert {*data.NEGLECTED, data.FORGOTTEN} <= idle
    assert Service.objects.filter(business__slug=data.FORGOTTEN).exists()  # helped, long ago

    uncertified = set(board.uncertified_candidates().values_list("slug", flat=True))
    assert data.UNCERTIFIED_NOMINEE in uncertified
    assert Nomination.objects.open().filter(product__business__slug=data.UNCERTIFIED_NOMINEE)
    assert not Certificate.objects.valid().filter(
        product__business__slug=data.UNCERTIFIED_NOMINEE, kind__in=["pirt", "halal", "bpom"]
    )

    expiring = set(board.expiring_certificates().values_list("product__slug", "kind"))
    assert data.EXPIRING_UNATTENDED in expiring
    assert data.EXPIRING_RENEWING not in expiring  # being renewed: Diskop UKM is on it
    renewing = Certificate.objects.get(
        product__slug=data.EXPIRING_RENEWING[0], kind=data.EXPIRING_RENEWING[1]
    )
    assert today() <= renewing.expires_on <= today() + datetime.timedelta(days=90)

    assert board.overdue_referrals().count() >= 2
    gaps = {figure.key: figure.value for figure in board.summary().gaps}
    # Obligations behind need the partnership demo (issue 14), which checks them itself.
    assert all(gaps[key] for key in gaps if key != "obligations_behind"), gaps
