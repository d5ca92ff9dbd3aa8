"""/sitemap.xml: published products, active businesses, agencies and the main pages, in both
languages (each entry lists its alternate)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agencies.models import Agency
from catalog.models import Business, Product


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(PortalSitemap):
    priority = 0.8

    def items(self):
        return ["home", "product-list", "flagship-list", "business-list", "agency-list"]

    def location(self, name):
        return reverse(name)


class ProductSitemap(PortalSitemap):
    priority = 0.7
    limit = 5000

    def items(self):
        return Product.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, product):
        return product.updated_at


class BusinessSitemap(PortalSitemap):
    def items(self):
        return Business.objects.active().only("slug", "updated_at").order_by("pk")

    def lastmod(self, business):
        return business.updated_at


class AgencySitemap(PortalSitemap):
    def items(self):
        return Agency.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, agency):
        return agency.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "businesses": BusinessSitemap,
    "agencies": AgencySitemap,
}
