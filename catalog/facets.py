"""Facet counts beside each filter value of the product list.

A facet counts the products that match every active filter except its own (so choosing a
category still shows how many products the other categories have). Each count runs over at most
cap + 1 matching products, never over every match of a common term."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F

from catalog.models import Certificate, Collaboration, Designation
from catalog.search import count_cap


@dataclass(frozen=True)
class FacetValue:
    slug: str
    label: str
    count: int
    selected: bool


def matches(queryset):
    """The keys of the first cap + 1 matches: what every facet counts over."""
    return queryset.order_by().values("pk")[: count_cap() + 1]


def _grouped(queryset, **columns):
    """[(column values..., matches)] over the first cap + 1 matches, in one query that reads the
    matches once and groups them (`columns`: alias → expression on the product)."""
    inner = queryset.order_by().values(**columns)[: count_cap() + 1]
    try:
        sql, params = inner.query.sql_with_params()
    except EmptyResultSet:  # nothing can match (a search without candidates)
        return []
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {names}, COUNT(*) FROM ({sql}) m GROUP BY {names}", params)
        return cursor.fetchall()


def _values(rows, selected):
    values = [FacetValue(slug, label, count, slug == selected) for slug, label, count in rows]
    return sorted(values, key=lambda value: (-value.count, value.label))


def category_facet(queryset, selected, language):
    rows = _grouped(
        queryset,
        f_slug=F("category__slug"),
        f_name=F("category__name"),
        f_en=F("category__name_en"),
    )
    return _values(
        [(slug, (language == "en" and name_en) or name, n) for slug, name, name_en, n in rows],
        selected,
    )


def region_facet(queryset, selected):
    rows = _grouped(queryset, f_slug=F("region__slug"), f_name=F("region__name"))
    return _values(rows, selected)


def agency_facet(queryset, selected):
    """Owner and co-curating agencies alike (the `dinas` filter matches both): the owners grouped
    over the matches, the accepted collaborations of the same matches, added up."""
    counts = {}
    owners = _grouped(
        queryset, f_slug=F("owner_agency__slug"), f_name=F("owner_agency__short_name")
    )
    partners = (
        Collaboration.objects.accepted()
        .filter(product__in=matches(queryset))
        .values_list("agency__slug", "agency__short_name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for slug, name, n in [*owners, *partners]:
        counts[slug, name] = counts.get((slug, name), 0) + n
    return _values([(slug, name, n) for (slug, name), n in counts.items()], selected)


def certificate_facet(queryset, selected):
    kinds = dict(Certificate.Kind.choices)
    rows = (
        Certificate.objects.valid()
        .filter(product__in=matches(queryset))
        .values("kind")
        .annotate(n=Count("product", distinct=True))
        .order_by()
    )
    return _values([(r["kind"], str(kinds[r["kind"]]), r["n"]) for r in rows], selected)


def flagship_count(queryset) -> int:
    return (
        Designation.objects.current()
        .filter(product__in=matches(queryset))
        .values("product")
        .distinct()
        .count()
    )
