"""Facet counts beside each filter value of the product list.

A facet counts the products that match every active filter except its own (so choosing a
category still shows how many products the other categories have). Each count runs over at most
cap + 1 matching products, never over every match of a common term.

Categories, regions and owning agencies: the first cap + 1 matches grouped in one pass, exact
when that is all of them; past the cap, each value counted on its own up to the cap, so that
every value with products shows with a count exact up to the cap (docs/architecture.md §5) — the
first 10,001 matches of an unfiltered list, read in category order, are all one category.
Co-curating agencies and certificates are grouped over the first cap + 1 matches (their rows
are not in the product's indexes)."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, QuerySet

from agencies.models import Agency
from catalog.models import Category, Certificate, Collaboration, Designation, Product, Region
from catalog.search import capped_counts, count_cap


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str
    count: int
    selected: bool


def matches(queryset: QuerySet[Product]) -> QuerySet[Product, Mapping[str, Any]]:
    """The keys of the first cap + 1 matches: what every facet counts over."""
    return queryset.order_by().values("pk")[: count_cap() + 1]


def _values(rows: Iterable[tuple[str, str, int]], selected: str) -> list[FacetValue]:
    """The values to offer: those with products, and the selected one even without any (so that
    it can be removed); never a choice that would show an empty list."""
    values = [
        FacetValue(slug, label, count, slug == selected)
        for slug, label, count in rows
        if count or slug == selected
    ]
    return sorted(values, key=lambda value: (-value.count, value.label))


def agency_label(agency: Agency) -> str:
    """An agency as citizens know it: its full name, the short one after it ("Dinas Pertanian
    (Distan)"); a citizen does not know what "Distan" or "DKP" stands for."""
    if agency.short_name and agency.short_name.casefold() != agency.name.casefold():
        return f"{agency.name} ({agency.short_name})"
    return agency.name


def _counted(queryset: QuerySet[Product], objects: QuerySet[Any], field: str) -> dict[Any, int]:
    """{object: its matches (those whose `field` is that object), counted up to the cap}.

    The first cap + 1 matches are grouped in one pass: when they are all the matches, that is
    exact. Past the cap they are only the first ones the index met, and an index ordered by
    `field` meets one value only; then each value is counted on its own up to the cap, side by
    side in one query."""
    inner = queryset.order_by().values(value=F(field))[: count_cap() + 1]
    try:
        sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # nothing can match (a search without candidates)
        return {obj: 0 for obj in objects}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value, COUNT(*) FROM ({sql}) m GROUP BY value", params)
        grouped = dict(cursor.fetchall())
    if sum(grouped.values()) <= count_cap():
        return {obj: grouped.get(obj.pk, 0) for obj in objects}
    return capped_counts({obj: queryset.filter(**{field: obj.pk}) for obj in objects})


def category_facet(queryset: QuerySet[Product], selected: str) -> list[FacetValue]:
    counts = _counted(queryset, Category.objects.all(), "category")
    return _values(
        [(category.slug, category.display_name, n) for category, n in counts.items()], selected
    )


def region_facet(queryset: QuerySet[Product], selected: str) -> list[FacetValue]:
    counts = _counted(queryset, Region.objects.all(), "region")
    return _values([(region.slug, region.name, n) for region, n in counts.items()], selected)


def agency_facet(queryset: QuerySet[Product], selected: str) -> list[FacetValue]:
    """Owner and co-curating agencies alike (the `dinas` filter matches both): the owners grouped
    over the matches, the accepted collaborations of the same matches, added up."""
    owned = _counted(queryset, Agency.objects.all(), "owner_agency")
    counts = {agency.slug: n for agency, n in owned.items()}
    labels = {agency.slug: agency_label(agency) for agency in owned}
    partners = (
        Collaboration.objects.accepted()
        .filter(product__in=matches(queryset))
        .values_list("agency__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for slug, n in partners:
        counts[slug] = counts.get(slug, 0) + n
    return _values([(slug, labels[slug], n) for slug, n in counts.items()], selected)


def certificate_facet(queryset: QuerySet[Product], selected: str) -> list[FacetValue]:
    kinds = dict(Certificate.Kind.choices)
    rows = (
        Certificate.objects.valid()
        .filter(product__in=matches(queryset))
        .values("kind")
        .annotate(n=Count("product", distinct=True))
        .order_by()
    )
    counts = {row["kind"]: row["n"] for row in rows}
    if selected in kinds:
        counts.setdefault(selected, 0)  # chosen, none left: still offered, to be removed
    return _values([(kind, str(kinds[kind]), n) for kind, n in counts.items()], selected)


def flagship_count(queryset: QuerySet[Product]) -> int:
    return (
        Designation.objects.current()
        .filter(product__in=matches(queryset))
        .values("product")
        .distinct()
        .count()
    )
