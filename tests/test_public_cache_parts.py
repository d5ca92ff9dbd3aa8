"""The public cache's parts, each on its own: the catalogue version read once per request, each
worker's memory of recent answers, the cache of aggregates, the one state object a request
carries, and a paginator that is handed its count rather than reading the cache."""

import ast
from collections import OrderedDict
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db.models.signals import post_save
from django.test import RequestFactory

from catalog.models import Product
from catalog.pagination import CappedPaginator
from tests.factories import ProductFactory
from tests.helpers import count_cache_calls
from umkm_portal import caching
from umkm_portal.public_cache import aggregates, recent, version
from umkm_portal.public_cache.request import PublicCacheState

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def anonymous():
    return RequestFactory().get("/produk/", {"q": "madu"})


@pytest.fixture
def count_calls(monkeypatch):
    """The portal's calls to `cache` methods, by name."""
    return count_cache_calls(monkeypatch)


# The paginator -----------------------------------------------------------------------------------


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_paginator_imports_nothing_of_the_cache():
    names = imported_names(ROOT / "catalog" / "pagination.py")

    assert names and not [name for name in names if "public_cache" in name]


@pytest.mark.django_db
def test_the_paginator_counts_through_the_function_it_is_given_once_and_only_when_asked():
    ProductFactory.create_batch(3)
    asked = []

    def matches():
        asked.append(1)
        return 30

    paginator = CappedPaginator(Product.objects.order_by("pk"), 10, matches=matches)
    assert asked == []  # nothing counted until a page is asked for

    page = paginator.get_page(3)

    assert (paginator.count, paginator.num_pages, page.number) == (30, 3, 3)
    assert asked == [1]


@pytest.mark.django_db
def test_the_paginator_alone_counts_its_list_up_to_the_cap(settings):
    settings.CATALOG_COUNT_CAP = 2
    ProductFactory.create_batch(4)

    paginator = CappedPaginator(Product.objects.order_by("pk"), 10)

    assert (paginator.matches, paginator.count, paginator.is_capped) == (3, 2, True)


# Request state -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_cache_keeps_what_it_learns_of_a_request_in_one_attribute(client, settings):
    settings.PUBLIC_CACHE = settings.AGGREGATE_CACHE = True
    ProductFactory(name="Madu Pelawan Hutan")

    response = client.get("/produk/")
    request = response.wsgi_request

    assert response["X-Cache"] == "miss"
    kept = request.public_cache
    assert isinstance(kept, PublicCacheState)
    assert kept.version and kept.page_key and kept.aggregates
    words = ("public_cache", "catalog", "version", "aggregate")
    assert not [
        name for name in vars(request) if name.startswith("_") and any(w in name for w in words)
    ]


# The catalogue version ---------------------------------------------------------------------------


def test_the_version_is_read_from_the_cache_once_per_request(anonymous, count_calls):
    first = version.current(anonymous)
    again = version.current(anonymous)

    assert first == again and first > 0
    assert count_calls == ["get_or_set"]


def test_a_version_read_with_something_else_costs_no_second_read(anonymous, count_calls):
    assert version.current(anonymous, read=41) == 41
    assert version.current(anonymous) == 41
    assert count_calls == []


def test_without_a_cache_the_version_is_0_and_nothing_is_kept(anonymous, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "get_or_set", broken)

    assert version.current(anonymous) == 0


@pytest.mark.django_db
def test_only_a_committed_change_to_a_watched_model_bumps_the_version(
    django_capture_on_commit_callbacks,
):
    before = version.current(RequestFactory().get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory()
    after_write = version.current(RequestFactory().get("/"))
    with django_capture_on_commit_callbacks(execute=True):
        post_save.send(sender=PublicCacheState, instance=None, created=False)  # not watched
    after_other = version.current(RequestFactory().get("/"))

    assert product.pk and after_write > before
    assert after_other == after_write


# Each worker's memory ----------------------------------------------------------------------------


@pytest.fixture
def empty_memory(monkeypatch):
    monkeypatch.setattr(recent, "_entries", OrderedDict())


def test_a_worker_forgets_its_oldest_answers_first(empty_memory, monkeypatch):
    monkeypatch.setattr(recent, "KEPT", 2)

    recent.remember("a", (1, b"a", {}))
    recent.remember("b", (1, b"b", {}))
    recent.remember("a", (1, b"a", {}))  # served again: the most recent now
    recent.remember("c", (1, b"c", {}))

    assert recent.get("b") is None
    assert recent.get("a") == (1, b"a", {}) and recent.get("c") == (1, b"c", {})


def test_a_worker_forgets_an_answer_at_midnight(empty_memory, monkeypatch):
    monkeypatch.setattr(caching, "seconds_until_midnight", lambda: 0)

    recent.remember("a", (1, b"a", {}))

    assert recent.get("a") is None


def test_the_memory_says_it_assumes_sync_workers():
    assert "sync workers" in recent.__doc__ and "threading.Lock" in recent.__doc__


# The cache of aggregates -------------------------------------------------------------------------


@pytest.fixture
def aggregates_on(settings):
    settings.AGGREGATE_CACHE = True


def test_an_aggregate_is_computed_once_then_read(aggregates_on):
    computed = []

    def compute():
        computed.append(1)
        return 7

    first = aggregates.get(RequestFactory().get("/produk/"), "count", compute)
    again = aggregates.get(
        RequestFactory().get("/produk/", {"page": 2, "urut": "nama"}), "count", compute
    )
    filtered = aggregates.get(RequestFactory().get("/produk/", {"q": "lada"}), "count", compute)

    assert first == again == filtered == 7
    assert computed == [1, 1]  # the first, and the filtered list: paging and order count alike


def test_preloaded_aggregates_cost_one_round_trip(anonymous, aggregates_on, count_calls):
    aggregates.preload(anonymous, ["count", "unggulan"])
    count = aggregates.get(anonymous, "count", lambda: 3)
    flagships = aggregates.get(anonymous, "unggulan", lambda: 1)

    assert (count, flagships) == (3, 1)
    assert [call for call in count_calls if call != "set"] == ["get_or_set", "get_many"]


def test_a_signed_in_visitor_gets_a_fresh_aggregate_every_time(
    aggregates_on, settings, count_calls
):
    request = RequestFactory().get("/produk/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    figures = iter([1, 2])

    first = aggregates.get(request, "count", lambda: next(figures))
    second = aggregates.get(request, "count", lambda: next(figures))

    assert (first, second) == (1, 2)
    assert count_calls == []  # not even the version is read
