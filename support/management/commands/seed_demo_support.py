from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from catalog.models import Business
from support.demo.partnerships import MENTOR
from support.demo.seeding import MissingCatalogDemo, seed_support
from support.models import (
    Activity,
    Agreement,
    Milestone,
    MonitoringReport,
    Participation,
    Partner,
    Referral,
    Service,
    Snapshot,
)


class Command(BaseCommand):
    help = (
        "Fill the development record with the demo: activities, participations, services, "
        "referrals, snapshots, milestones, the red-ginger story, partners and their agreements. "
        "Needs the catalog demo (seed_demo runs this at its end). Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=settings.DEMO_PASSWORD,
            help="Password of the partner demo account (seed_demo passes its own); resets it.",
        )

    def handle(self, *args: Any, password: str, **options: Any) -> None:
        try:
            with transaction.atomic():
                seed_support(password)
        except MissingCatalogDemo as error:
            raise CommandError(str(error)) from error
        for line in summary():
            self.stdout.write(line)


def _counts(queryset, field: str) -> dict[str, int]:
    return dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())


def summary() -> list[str]:
    """The report's lines: how many records of each kind, and in which states."""
    now = timezone.now()
    activities = Activity.objects.aggregate(
        total=Count("pk"),
        past=Count("pk", filter=Q(ends_at__lt=now)),
        running=Count("pk", filter=Q(starts_at__lte=now, ends_at__gte=now)),
        upcoming=Count("pk", filter=Q(starts_at__gt=now)),
        public=Count("pk", filter=Q(is_public=True)),
        cancelled=Count("pk", filter=Q(cancelled_at__isnull=False)),
    )
    participations = _counts(Participation.objects.all(), "status")
    services = Service.objects.aggregate(
        total=Count("pk"),
        voided=Count("pk", filter=Q(voided_at__isnull=False)),
        money=Count("pk", filter=Q(amount__isnull=False)),
    )
    outcomes = _counts(Service.objects.standing(), "outcome")
    referrals = _counts(Referral.objects.all(), "status")
    return [
        "Development record (support):",
        "  activities: {total} ({past} past, {running} running, {upcoming} upcoming; "
        "{public} public, {cancelled} cancelled)".format(**activities),
        f"  participations: {sum(participations.values())} ({_states(participations)})",
        "  services: {total} ({voided} voided, {money} with an amount)".format(**services)
        + f"; standing: {_states(outcomes)}",
        f"  referrals: {sum(referrals.values())} ({_states(referrals)}; "
        f"{Referral.objects.overdue().count()} overdue)",
        f"  snapshots: {Snapshot.objects.count()} ({Snapshot.objects.verified().count()} verified)",
        f"  milestones: {Milestone.objects.count()} "
        f"({Milestone.objects.verified().count()} verified)",
        f"  businesses showing their trail: {Business.objects.filter(show_support=True).count()}",
        *partnership_summary(),
    ]


def partnership_summary() -> list[str]:
    """Partners, agreements by phase, monitoring reports by state, the partner account."""
    phases = _counts(Agreement.objects.with_phase(), "current_phase")
    states = _counts(MonitoringReport.objects.all(), "status")
    return [
        f"  partners: {Partner.objects.count()}",
        f"  agreements: {sum(phases.values())} ({_states(phases)})",
        f"  monitoring reports: {sum(states.values())} ({_states(states)})",
        f"  services by partners: {Service.objects.filter(partner__isnull=False).count()}",
        f"  partner account: {MENTOR} (partner staff at OKE OCE Indonesia)",
    ]


def _states(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {state}" for state, count in sorted(counts.items()))
