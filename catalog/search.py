"""Product search: PostgreSQL full-text search with trigram typo tolerance, `icontains` on SQLite.

Bounded by design (docs/architecture.md §7): ranking happens over at most SEARCH_CANDIDATES matches,
counts stop at the count cap (settings.CATALOG_COUNT_CAP). A common term never makes the database
rank or count every match.
"""

import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BigAutoField, F, Lookup, Q, QuerySet

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models.sql.compiler import SQLCompiler

    from catalog.models import Product

#: Matches ranked for relevance at most; beyond that the order is the index's.
SEARCH_CANDIDATES = 2_000
#: Longest query taken into account; the rest is ignored.
MAX_QUERY_LENGTH = 200

#: The stored search document (names in `simple`, summary and description in `indonesian`),
#: kept by a trigger and indexed (migration 0005).
PRODUCT_DOCUMENT = F("search_document")


@BigAutoField.register_lookup
class AnyOf(Lookup):
    """`id = ANY(%s)`: the candidates' keys as one array parameter (PostgreSQL), instead of
    2,000 placeholders that Django builds, and hashes into every query that names them."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self) -> list[Any]:
        return list(self.rhs)

    def as_sql(
        self, compiler: "SQLCompiler", connection: "BaseDatabaseWrapper"
    ) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, self.rhs)


def clean_query(text: str | None) -> str:
    """The search text as we use it: no control characters, single spaces, bounded length."""
    if not text:
        return ""
    text = re.sub(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", " ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def count_cap() -> int:
    """Counts are exact up to this number, "10.000+" beyond (docs/architecture.md §5)."""
    return settings.CATALOG_COUNT_CAP


def capped_count(queryset) -> int:
    """Exact count up to the cap; cap + 1 means "more than the cap"."""
    # Only the keys: annotations (relevance, the flagship mark) are not worth computing to count.
    return queryset.order_by().values("pk")[: count_cap() + 1].count()


def capped_counts(querysets: dict) -> dict:
    """{key: capped_count(queryset)} for several querysets in one query: one bounded count each,
    side by side in a single SELECT (a list of seven categories costs one round trip)."""
    parts, params = [], []
    for number, queryset in enumerate(querysets.values()):
        try:
            sql, part_params = (
                queryset.order_by().values("pk")[: count_cap() + 1].query.sql_with_params()
            )
        except EmptyResultSet:  # nothing can match
            parts.append("0")
            continue
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted_{number})")
        params.extend(part_params)
    if not parts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return dict(zip(querysets, cursor.fetchone(), strict=True))


def count_is_floor(text: str, matches: int) -> bool:
    """Whether `matches`, counted over a search's candidates, may be fewer than all matches:
    ranking looks at SEARCH_CANDIDATES at most (PostgreSQL; SQLite searches everything)."""
    return bool(text) and connection.vendor == "postgresql" and matches >= SEARCH_CANDIDATES


def search_products(queryset: "QuerySet[Product]", text: str) -> "tuple[QuerySet[Product], bool]":
    """(products matching `text`, whether the match came from typo tolerance).

    The result is ordered by relevance (annotation `relevance`)."""
    text = clean_query(text)
    if not text:
        return queryset, False
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, text)
    return _search_plain(queryset, text), False


def _search_postgresql(queryset, text):
    query = SearchQuery(text, config="simple", search_type="websearch") | SearchQuery(
        text, config="indonesian", search_type="websearch"
    )
    # The candidates are read once, through the GIN index, and named by key in every later
    # query (page, count, facets), so the index is searched once per request, not once a query.
    candidates, fuzzy = _candidates(queryset.filter(search_document=query)), False
    if not candidates:
        # Nothing matched word for word: fall back to names that look like the query
        # ("lada mutok" → "Lada Putih Muntok"), through the trigram index on the name.
        candidates, fuzzy = _candidates(queryset.filter(name__trigram_word_similar=text)), True
    ranked = queryset.filter(pk__any_of=candidates)
    if fuzzy:
        from django.contrib.postgres.search import TrigramWordSimilarity

        ranked = ranked.annotate(relevance=TrigramWordSimilarity(text, "name"))
    else:
        ranked = ranked.annotate(relevance=SearchRank(PRODUCT_DOCUMENT, query))
    return ranked.order_by(F("relevance").desc(nulls_last=True), "-created_at", "pk"), fuzzy


def _candidates(matches) -> list[int]:
    return list(matches.order_by().values_list("pk", flat=True)[:SEARCH_CANDIDATES])


def _search_plain(queryset, text):
    """SQLite: every word must appear in a name, the summary, the description or the business."""
    for word in text.split()[:8]:
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(name_en__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(business__name__icontains=word)
        )
    return queryset.annotate(relevance=F("pk")).order_by("-created_at", "pk")
