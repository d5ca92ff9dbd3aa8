"""Sitemaps of the public development pages (merged into /sitemap.xml): the activity calendar
and every public activity, in both languages, like the catalogue's entries."""

import datetime

from django.db.models import QuerySet
from django.urls import reverse

from catalog.sitemaps import PortalSitemap
from support.models import Activity


class ActivityPageSitemap(PortalSitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return ["activity-list"]

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


SITEMAPS = {
    "activity-pages": ActivityPageSitemap,
    "activities": ActivitySitemap,
}
