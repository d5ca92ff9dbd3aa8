"""Facet counts beside each filter value of the product list.

A facet counts the products that match every active filter except its own (so choosing a
category still shows how many products the other categories have). Each count runs over at most
cap + 1 matching products, never over every match of a common term."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from agencies.models import Agency
from catalog.models import Certificate, Collaboration, Designation, Product
from catalog.search import count_cap


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str
    count: int
    selected: bool


def _bounded(queryset):
    return Product.objects.filter(pk__in=queryset.order_by().values("pk")[: count_cap() + 1])


def _values(rows, selected):
    values = [FacetValue(slug, label, count, slug == selected) for slug, label, count in rows]
    return sorted(values, key=lambda value: (-value.count, value.label))


def category_facet(queryset, selected, language):
    rows = (
        _bounded(queryset)
        .values("category__slug", "category__name", "category__name_en")
        .annotate(n=Count("pk"))
    )
    return _values(
        [
            (
                r["category__slug"],
                (language == "en" and r["category__name_en"]) or r["category__name"],
                r["n"],
            )
            for r in rows
        ],
        selected,
    )


def region_facet(queryset, selected):
    rows = (
        _bounded(queryset)
        .values("business__region__slug", "business__region__name")
        .annotate(n=Count("pk"))
    )
    return _values(
        [(r["business__region__slug"], r["business__region__name"], r["n"]) for r in rows],
        selected,
    )


def agency_facet(queryset, selected):
    """Owner and co-curating agencies alike (the `dinas` filter matches both), in one query:
    two correlated counts over the bounded matches."""
    bounded = _bounded(queryset).values("pk")

    def count(rows, agency_field):
        return Coalesce(
            Subquery(
                rows.filter(**{agency_field: OuterRef("pk")})
                .order_by()
                .values(agency_field)
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        )

    owned = Product.objects.filter(pk__in=bounded)
    co_curated = Collaboration.objects.accepted().filter(product__in=bounded)
    agencies = (
        Agency.objects.annotate(n=count(owned, "owner_agency") + count(co_curated, "agency"))
        .filter(n__gt=0)
        .values_list("slug", "short_name", "n")
    )
    return _values(list(agencies), selected)


def certificate_facet(queryset, selected):
    kinds = dict(Certificate.Kind.choices)
    rows = (
        Certificate.objects.valid()
        .filter(product__in=_bounded(queryset))
        .values("kind")
        .annotate(n=Count("product", distinct=True))
    )
    return _values([(r["kind"], str(kinds[r["kind"]]), r["n"]) for r in rows], selected)


def flagship_count(queryset) -> int:
    return (
        _bounded(queryset).filter(pk__in=Designation.objects.current().values("product_id")).count()
    )
