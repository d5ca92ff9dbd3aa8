"""Statistics for staff: /ruang-kerja/statistik/ and its CSV, /ruang-kerja/statistik/unduh/.

Province-wide figures of what the public sees: published products of active businesses (no
drafts, no archived products, nothing of an inactive business), valid certificates only, and
flagship designations that were not revoked. Each figure is one aggregate query, so the page
costs the same number of queries for 30 products as for a million.
"""

import csv
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Exists, F, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog.models import Category, Certificate, Collaboration, Designation, Product, Region
from workspace.charts import Chart, bar_chart
from workspace.resources import CSV_CONTENT_TYPE, escape_formula
from workspace.views.helpers import workspace_page


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    chart_label: str = ""
    share: float | None = None  # percent, for the certified share


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    item_heading: Promise
    rows: list[Row]
    note: Promise | str = ""
    count_heading: Promise | None = None  # "Products" when None

    @cached_property
    def chart(self) -> Chart:
        return bar_chart(self.key, [(row.chart_label or row.label, row.count) for row in self.rows])

    @property
    def title_id(self) -> str:
        return f"stat-{self.key}"


def per_region() -> list[Row]:
    published = Q(businesses__products__listed=True)
    regions = Region.objects.annotate(n=Count("businesses__products", filter=published))
    return [Row(region.slug, region.name, region.n) for region in regions.order_by("order", "name")]


def per_category() -> list[Row]:
    published = Q(products__listed=True)
    categories = Category.objects.annotate(n=Count("products", filter=published))
    return [
        Row(category.slug, category.display_name, category.n)
        for category in categories.order_by("order", "name")
    ]


def per_agency() -> list[Row]:
    """Published products an agency owns or co-curates (accepted), each product counted once."""
    owned = Q(owned_products__listed=True)
    agencies = Agency.objects.annotate(owned=Count("owned_products", filter=owned))
    co_curated = dict(
        Collaboration.objects.accepted()
        .filter(product__listed=True)
        .exclude(product__owner_agency=F("agency"))
        .values("agency")
        .annotate(n=Count("product", distinct=True))
        .order_by()
        .values_list("agency", "n")
    )
    rows = [
        Row(agency.slug, agency.name, agency.owned + co_curated.get(agency.pk, 0),
            chart_label=agency.short_name or agency.name)
        for agency in agencies
    ]  # fmt: skip
    return sorted((row for row in rows if row.count), key=lambda row: (-row.count, row.label))


def certified_share() -> list[Row]:
    valid = Certificate.objects.valid().filter(product=OuterRef("pk"))
    numbers = Product.objects.published().aggregate(
        total=Count("pk"), certified=Count("pk", filter=Q(Exists(valid)))
    )
    total, certified = numbers["total"], numbers["certified"]

    def share(n):
        return round(100 * n / total, 1) if total else 0.0

    return [
        Row("certified", _("With a valid certificate"), certified, share=share(certified)),
        Row(
            "not-certified",
            _("Without a valid certificate"),
            total - certified,
            share=share(total - certified),
        ),
    ]


def flagships_per_year() -> list[Row]:
    years = (
        Designation.objects.filter(revoked_at__isnull=True)
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return [Row(str(year["year"]), str(year["year"]), year["n"]) for year in years]


def sections() -> list[Section]:
    return [
        Section("region", gettext_lazy("Published products per region"),
                gettext_lazy("Region"), per_region()),
        Section("category", gettext_lazy("Published products per category"),
                gettext_lazy("Category"), per_category()),
        Section("agency", gettext_lazy("Published products per agency"),
                gettext_lazy("Agency"), per_agency(),
                note=gettext_lazy("Owned or co-curated; agencies without products are left "
                                  "out.")),
        Section("certificate", gettext_lazy("Published products with a valid certificate"),
                gettext_lazy("Certificate"), certified_share(),
                note=gettext_lazy("Expired certificates do not count.")),
        Section("flagship-year", gettext_lazy("Flagship designations per year"),
                gettext_lazy("Year"), flagships_per_year(),
                note=gettext_lazy("Revoked designations do not count."),
                count_heading=gettext_lazy("Designations")),
    ]  # fmt: skip


@require_safe
@workspace_page
def statistics(request: HttpRequest) -> HttpResponse:
    context = {"sections": sections(), "today": timezone.localdate()}
    return render(request, "workspace/data/statistics.html", context)


@require_safe
@workspace_page
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """Every number of the statistics page, one line per bar: chart, key, name, number."""
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    filename = f"statistik-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("chart"), _("key"), _("name"), _("number")])
    for section in sections():
        for row in section.rows:
            writer.writerow(
                [section.key, escape_formula(row.key), escape_formula(row.label), row.count]
            )
    return response
