"""The development dashboard's partnership figures (DESIGN §8 "Dashboard", issue 14 item 8):
obligations past due and below target (a gap), agreements expiring within 90 days, and per
partner the businesses it served and the milestones credited to it in the year.

A part of `support.dashboard.Dashboard` (mixed in), kept apart so each module stays readable.

Whose figures: the agreements in view are every agreement for administrators and members of a
leading sector, else those an agency in view leads or is party to (with an agency chosen, that
agency's). The per-partner table lists the partners in view: every partner for those who see
every agency, else the partners party to an agreement in view; each partner's figures are its
whole work in the year (the record is shared), narrowed by the region to the businesses of that
region. Agreements belong to no region: the region narrows neither the obligations nor the
expiring agreements. All as of today, but the partner figures, which are the year's.

Every figure is one query: obligations behind by `support.obligations` (the realisation of every
obligation in one statement), the partner table in three (the partners, the businesses served
grouped by partner over a UNION of services and participations, the milestones grouped by
partner), whatever the number of partners."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from catalog.models import Business, Region
from catalog.models.business import BusinessQuerySet
from support import obligations
from support.models import (
    Activity,
    Agreement,
    AgreementParty,
    Milestone,
    Obligation,
    Participation,
    Partner,
    Phase,
    Service,
)
from support.models.agreements import AgreementQuerySet


@dataclass(frozen=True)
class PartnerFigures:
    partner: Partner
    businesses_served: int
    milestones_credited: int


class Partnerships:
    """What the dashboard says of agreements and partners (needs the Dashboard's filters)."""

    agency_ids: frozenset[int] | None
    year: int
    today: datetime.date
    filters: Any  # support.dashboard.Filters

    def _partnership_region(self) -> Region | None:
        region: Region | None = self.filters.region
        return region

    # Agreements -------------------------------------------------------------------------------

    def agreements_in_view(self) -> AgreementQuerySet:
        """Every agreement, or those an agency in view leads or is party to."""
        agreements = Agreement.objects.all()
        if self.agency_ids is None:
            return agreements
        parties = AgreementParty.objects.filter(agency__in=self.agency_ids)
        return agreements.filter(
            Q(lead_agency__in=self.agency_ids) | Q(pk__in=parties.values("agreement"))
        )

    def obligations_behind(self) -> QuerySet[Obligation]:
        """Obligations of signed agreements in view, past their due date and below their target
        (realised over the agreement's term, `support.obligations`); the longest overdue first."""
        of_view = Obligation.objects.filter(agreement__in=self.agreements_in_view().values("pk"))
        return obligations.behind(of_view, self.today).order_by("due_on", "pk")

    def expiring_agreements(self) -> QuerySet[Agreement]:
        """Signed agreements in view with 90 days or fewer left (phase `expiring`), soonest
        first."""
        return (
            self.agreements_in_view()
            .in_phase(Phase.EXPIRING, on=self.today)
            .order_by("valid_until", "pk")
        )

    # Partners ---------------------------------------------------------------------------------

    def partners_in_view(self) -> QuerySet[Partner]:
        if self.agency_ids is None:
            return Partner.objects.all()
        parties = AgreementParty.objects.filter(
            agreement__in=self.agreements_in_view().values("pk"), partner__isnull=False
        )
        return Partner.objects.filter(pk__in=parties.values("partner"))

    def _in_partner_region(self, queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
        region = self._partnership_region()
        return queryset if region is None else queryset.filter(**{path: region})

    def _partner_services(self) -> QuerySet[Service]:
        services = Service.objects.standing().in_year(self.year)
        return self._in_partner_region(services, "business__region")

    def _partner_participations(self) -> QuerySet[Participation]:
        """Participations that took part in the year's activities (not cancelled)."""
        activities = Activity.objects.running().in_year(self.year)
        took_part = Participation.objects.filter(
            status__in=Participation.TOOK_PART, activity__in=activities.values("pk")
        )
        return self._in_partner_region(took_part, "business__region")

    def _credited_milestones(self) -> QuerySet[Milestone]:
        milestones = Milestone.objects.verified().filter(achieved_on__year=self.year)
        return self._in_partner_region(milestones, "business__region")

    def served_by(self, partner: Partner) -> BusinessQuerySet:
        """Businesses the partner gave a service in the year, or that took part in an activity
        it co-organised."""
        co_organised = Activity.partners.through.objects.filter(partner=partner)
        services = self._partner_services().filter(partner=partner)
        took_part = self._partner_participations().filter(
            activity__in=co_organised.values("activity_id")
        )
        return Business.objects.filter(
            Q(pk__in=services.values("business")) | Q(pk__in=took_part.values("business"))
        )

    def credited_to(self, partner: Partner) -> QuerySet[Milestone]:
        """Verified milestones achieved in the year and credited to the partner."""
        credited = Milestone.credited_partners.through.objects.filter(partner=partner)
        return self._credited_milestones().filter(pk__in=credited.values("milestone_id"))

    def partner_figures(self) -> list[PartnerFigures]:
        """Each partner in view with its businesses served and milestones credited in the year,
        by name. Three queries whatever the number of partners."""
        partners = list(self.partners_in_view().order_by("name", "pk"))
        if not partners:
            return []
        ids = [partner.pk for partner in partners]
        served = self._served_counts(ids)
        credits = Milestone.credited_partners.through.objects.filter(
            partner__in=ids, milestone__in=self._credited_milestones().values("pk")
        )
        grouped = credits.order_by().values("partner").annotate(n=Count("milestone"))
        credited = {row["partner"]: row["n"] for row in grouped}
        return [
            PartnerFigures(partner, served.get(partner.pk, 0), credited.get(partner.pk, 0))
            for partner in partners
        ]

    def _served_counts(self, partner_ids: list[int]) -> dict[int, int]:
        """{partner id: distinct businesses served}: the (partner, business) pairs of services
        and of participations in co-organised activities, made distinct by a UNION and counted
        per partner in one statement."""
        services = (
            self._partner_services()
            .filter(partner__in=partner_ids)
            .order_by()
            .values(p=F("partner"), b=F("business"))
        )
        # One row per (co-organising partner, participation): values() reuses the join the
        # filter made on the same relation.
        pairs = (
            self._partner_participations()
            .filter(activity__partners__in=partner_ids)
            .order_by()
            .values(p=F("activity__partners"), b=F("business"))
        )
        try:
            sql, params = services.union(pairs).query.sql_with_params()
        except EmptyResultSet:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT p, COUNT(*) FROM ({sql}) served GROUP BY p", params)
            return {partner: count for partner, count in cursor.fetchall()}
