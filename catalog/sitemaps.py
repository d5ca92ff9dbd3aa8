"""/sitemap.xml: published products, active businesses, agencies and the main pages, in both
languages (each entry lists its alternate)."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from agencies.models import Agency
from catalog.models import Business, Product


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(PortalSitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return ["home", "product-list", "flagship-list", "business-list", "agency-list"]

    def location(self, name: str) -> str:
        return reverse(name)


class ProductSitemap(PortalSitemap):
    priority = 0.7
    limit = 5000

    def items(self) -> QuerySet[Product]:
        return Product.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, product: Product) -> datetime.datetime:
        return product.updated_at


class BusinessSitemap(PortalSitemap):
    def items(self) -> QuerySet[Business]:
        return Business.objects.active().only("slug", "updated_at").order_by("pk")

    def lastmod(self, business: Business) -> datetime.datetime:
        return business.updated_at


class AgencySitemap(PortalSitemap):
    def items(self) -> QuerySet[Agency]:
        return Agency.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, agency: Agency) -> datetime.datetime:
        return agency.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "businesses": BusinessSitemap,
    "agencies": AgencySitemap,
}
