"""Product search: PostgreSQL full-text search with trigram typo tolerance, `icontains` on SQLite.

Bounded by design (docs/architecture.md §7): ranking happens over at most SEARCH_CANDIDATES matches,
counts stop at the count cap (settings.CATALOG_COUNT_CAP). A common term never makes the database
rank or count every match.
"""

import contextlib
import difflib
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BigAutoField,
    Case,
    F,
    IntegerField,
    Lookup,
    Q,
    QuerySet,
    Value,
    When,
)

from umkm_portal.caching import seconds_until_midnight
from umkm_portal.public_cache import version

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
#: "Did you mean": offered when a search finds fewer products than this.
SUGGEST_BELOW = 3
#: Words of a query looked at for a suggestion, at most.
SUGGEST_WORDS = 4
#: How alike a word of the catalogue must be to a word of the query (difflib's ratio).
SUGGEST_CUTOFF = 0.75
#: SQLite: names read for the vocabulary, and its words kept (the most frequent), at most.
VOCABULARY_NAMES = 5_000
VOCABULARY_WORDS = 5_000
#: PostgreSQL: names that look like a word (trigram index) whose words are compared, at most.
SIMILAR_NAMES = 20
WORD = re.compile(r"[^\W\d_]{3,}")


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
        return ranked.order_by(F("relevance").desc(nulls_last=True), "-created_at", "pk"), fuzzy
    ranked = ranked.annotate(
        name_match=name_relevance(text), relevance=SearchRank(PRODUCT_DOCUMENT, query)
    )
    order = (F("name_match").desc(), F("relevance").desc(nulls_last=True), "-created_at", "pk")
    return ranked.order_by(*order), fuzzy


def name_relevance(text: str) -> Case:
    """How much a product's name says it is what was searched for, before any other measure:
    2 when the name holds every word and starts with the first (Indonesian names start with
    what the thing is: "Lada Putih Muntok" is pepper, "Paket Tur Kebun Lada" a tour), 1 when
    it holds every word, 0 when only the summary, description or business does. Full-text rank
    counts every mention, and a tour that mentions pepper ten times would come first."""
    words = [
        word.strip("\"'()")
        for word in text.split()[:8]
        if not word.startswith("-") and word.casefold() != "or"
    ]
    words = [word for word in words if word]
    if not words:
        return Case(default=Value(0), output_field=IntegerField())
    in_name = Q()
    for word in words:
        in_name &= Q(name__icontains=word) | Q(name_en__icontains=word)
    leads = Q(name__istartswith=words[0]) | Q(name_en__istartswith=words[0])
    return Case(
        When(in_name & leads, then=Value(2)),
        When(in_name, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _candidates(matches) -> list[int]:
    return list(matches.order_by().values_list("pk", flat=True)[:SEARCH_CANDIDATES])


def _search_plain(queryset, text):
    """SQLite: every word must appear in a name, the summary, the description or the business;
    products named so first (`name_relevance`), the newest first within each group."""
    for word in text.split()[:8]:
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(name_en__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(business__name__icontains=word)
        )
    ranked = queryset.annotate(relevance=name_relevance(text))
    return ranked.order_by("-relevance", "-created_at", "pk")


def suggestion(
    request, products: "QuerySet[Product]", text: str, shown: "Iterable[Product]" = ()
) -> str:
    """ "Did you mean": `text` with each word the catalogue does not know replaced by the most
    alike word of the names of `products` (public ones), or "" when nothing changes.

    Bounded on both databases: PostgreSQL compares the words of the few names the trigram index
    finds like each word; SQLite those of a vocabulary of the catalogue's names, read once per
    catalogue version when the aggregate cache is on (`vocabulary`). When the products `shown`
    already name every word, nothing is read."""
    words = clean_query(text).casefold().split()
    if not words or len(words) > SUGGEST_WORDS:
        return ""
    named = _words(product.name for product in shown)
    if all(word in named for word in words if WORD.fullmatch(word)):
        return ""
    if connection.vendor == "postgresql":

        def known(word: str) -> list[str]:
            return _similar_words(products, word)
    else:
        words_of_catalogue = vocabulary(request, products)

        def known(word: str) -> list[str]:
            return words_of_catalogue

    suggested = []
    for word in words:
        if word in named or not WORD.fullmatch(word):  # shown already; a number, `-madu`…
            suggested.append(word)
            continue
        candidates = known(word)
        if word in candidates:
            suggested.append(word)
            continue
        alike = difflib.get_close_matches(word, candidates, n=1, cutoff=SUGGEST_CUTOFF)
        suggested.append(alike[0] if alike else word)
    return "" if suggested == words else " ".join(suggested)


def _words(names) -> Counter[str]:
    return Counter(word for name in names for word in WORD.findall(name.casefold()))


def _similar_words(products, word: str) -> list[str]:
    """The words of at most SIMILAR_NAMES names that hold a word like `word`, found through the
    trigram index on the name (no ranking: a handful of rows, whatever the catalogue's size)."""
    names = products.filter(name__trigram_word_similar=word).order_by()
    return list(_words(names.values_list("name", flat=True)[:SIMILAR_NAMES]))


def vocabulary(request, products) -> list[str]:
    """The most frequent words of the names of `products` (the first VOCABULARY_NAMES), at most
    VOCABULARY_WORDS: what SQLite's suggestions pick from. Kept in the cache under the catalogue
    version when the aggregate cache is on (every write to the catalogue makes it stale), else
    read again: a bounded read."""
    current = version.current(request) if settings.AGGREGATE_CACHE else 0
    if current:
        try:
            kept = cache.get("search:vocabulary", version=current)
        except Exception:
            kept = None
        if kept is not None:
            return kept
    names = products.order_by().values_list("name", flat=True)[:VOCABULARY_NAMES]
    words = [word for word, _n in _words(names).most_common(VOCABULARY_WORDS)]
    if current:
        with contextlib.suppress(Exception):  # the cache is down: read again next time
            cache.set("search:vocabulary", words, seconds_until_midnight(), version=current)
    return words
