"""Sitemaps of the public development pages (merged into /sitemap.xml): the activity calendar
and every public activity, the register of partnerships, every signed agreement and every active
partner, in both languages, like the catalogue's entries."""

import datetime

from django.db.models import QuerySet
from django.urls import reverse

from catalog.sitemaps import PortalSitemap
from support.models import Activity, Agreement, Partner


class ActivityPageSitemap(PortalSitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return ["activity-list", "partnership-list"]

    def location(self, name: str) -> str:
        return reverse(name)


class ActivitySitemap(PortalSitemap):
    """Public activities, cancelled ones too: their pages answer 200 and say so."""

    priority = 0.6
    limit = 5000

    def items(self) -> QuerySet[Activity]:
        return Activity.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, activity: Activity) -> datetime.datetime:
        return activity.updated_at


class AgreementSitemap(PortalSitemap):
    """Signed agreements, terminated ones too (their pages say so); never drafts."""

    priority = 0.5
    limit = 5000

    def items(self) -> QuerySet[Agreement]:
        return Agreement.objects.published().only("pk", "updated_at").order_by("pk")

    def location(self, agreement: Agreement) -> str:
        return reverse("partnership-detail", args=[agreement.pk])

    def lastmod(self, agreement: Agreement) -> datetime.datetime:
        return agreement.updated_at


class PartnerSitemap(PortalSitemap):
    priority = 0.5
    limit = 5000

    def items(self) -> QuerySet[Partner]:
        return Partner.objects.active().only("slug", "updated_at").order_by("pk")

    def location(self, partner: Partner) -> str:
        return reverse("partner-detail", args=[partner.slug])

    def lastmod(self, partner: Partner) -> datetime.datetime:
        return partner.updated_at


SITEMAPS = {
    "activity-pages": ActivityPageSitemap,
    "activities": ActivitySitemap,
    "agreements": AgreementSitemap,
    "partners": PartnerSitemap,
}
