"""The server-side cache of anonymous public answers (docs/architecture.md §7):
what it keeps, for whom, and that every write a public page shows makes it stale at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.middleware.locale import LocaleMiddleware
from django.test.utils import CaptureQueriesContext
from rest_framework.throttling import AnonRateThrottle

from catalog import rules, workflow
from catalog.models import Product
from tests.factories import (
    AgencyFactory,
    CertificateFactory,
    CollaborationFactory,
    DesignationFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)
from tests.helpers import count_cache_calls
from umkm_portal import caching

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_CACHE = True


@pytest.fixture
def product():
    return ProductFactory(name="Madu Pelawan Hutan", slug="madu-pelawan")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a committed transaction would run (the version bump is an on-commit hook)."""

    def run(write):
        with django_capture_on_commit_callbacks(execute=True):
            write()

    return run


def fetch(client, path, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **extra)
    return response, len(queries)


PUBLIC_ADDRESSES = [
    "/",
    "/produk/",
    "/produk/?q=madu&urut=nama",
    "/produk/madu-pelawan/",
    "/en/produk/madu-pelawan/",
    "/unggulan/",
    "/umkm/",
    "/dinas/",
    "/api/v1/products/",
    "/api/v1/products/madu-pelawan/",
    "/api/v1/flagships/",
]


@pytest.mark.parametrize("path", PUBLIC_ADDRESSES)
def test_a_second_anonymous_visit_is_served_from_the_cache_without_the_database(
    client, product, path
):
    first, _ = fetch(client, path)
    second, queries = fetch(client, path)

    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Set-Cookie" not in second
    assert second.get("Cache-Control") == first.get("Cache-Control")


PAGE_ADDRESSES = [path for path in PUBLIC_ADDRESSES if not path.startswith("/api/")]


@pytest.mark.parametrize("path", PAGE_ADDRESSES)
def test_a_cached_page_is_served_before_sessions_and_language_with_every_header(
    client, product, path, monkeypatch
):
    """The page cache answers in the middleware, ahead of sessions, language, CSRF and the view,
    so a hit must carry the headers those would have added, and the outer middleware still adds
    the security headers and a fresh ETag."""
    first, _ = fetch(client, path)

    def not_reached(*args, **kwargs):
        raise AssertionError("a cached page went through the language middleware")

    monkeypatch.setattr(LocaleMiddleware, "process_request", not_reached)
    second, queries = fetch(client, path)

    assert second["X-Cache"] == "hit" and queries == 0
    expected = {
        name: value for name, value in first.items() if name not in ("X-Cache", "X-Request-ID")
    }
    found = {
        name: value for name, value in second.items() if name not in ("X-Cache", "X-Request-ID")
    }
    assert found == expected
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language", "ETag"):
        assert header in second


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/healthz", "/tidak-ada/", "/en/accounts/login/", "/ruang-kerja/"]
)
def test_an_address_that_is_not_a_public_page_costs_no_cache_read(
    client, product, monkeypatch, path
):
    reads = []
    original = cache.get_many

    def get_many(*args, **kwargs):
        reads.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(cache, "get_many", get_many)

    client.get(path)
    client.get("/produk/madu-pelawan/")

    assert len(reads) == 1  # the product page's, and none for `path`


def test_a_cached_page_never_tells_browsers_to_keep_it_past_midnight(client, product, monkeypatch):
    fetch(client, "/produk/")
    monkeypatch.setattr(caching, "seconds_until_midnight", lambda: 42)

    response, _ = fetch(client, "/produk/")

    assert response["X-Cache"] == "hit"
    assert response["Cache-Control"] == "public, max-age=42"


def test_an_htmx_fragment_cached_is_answered_with_its_own_headers(client, product):
    fetch(client, "/produk/", HTTP_HX_REQUEST="true")

    response, queries = fetch(client, "/produk/", HTTP_HX_REQUEST="true")

    assert response["X-Cache"] == "hit" and queries == 0
    assert b"<html" not in response.content
    assert "HX-Request" in response["Vary"]


def test_each_language_and_each_htmx_fragment_is_kept_apart(client, product):
    indonesian, _ = fetch(client, "/produk/madu-pelawan/")
    english, _ = fetch(client, "/en/produk/madu-pelawan/")
    fragment, _ = fetch(client, "/produk/", HTTP_HX_REQUEST="true")
    full, _ = fetch(client, "/produk/")

    assert indonesian["Content-Language"] == "id" and english["Content-Language"] == "en"
    assert indonesian.content != english.content
    assert b"<html" not in fragment.content and b"<html" in full.content
    assert full["X-Cache"] == "miss"


def test_nothing_is_kept_for_a_visitor_with_a_session_or_a_token(client, product):
    user = UserFactory()
    client.force_login(user)
    fetch(client, "/produk/madu-pelawan/")
    signed_in, queries = fetch(client, "/produk/madu-pelawan/")
    token, _ = fetch(client, "/api/v1/products/", HTTP_AUTHORIZATION="Token nonsense")

    assert "X-Cache" not in signed_in and queries > 0
    assert "X-Cache" not in token
    assert token.status_code == 401


def test_failures_and_private_pages_are_not_kept(client, product):
    ProductFactory(slug="draf-rahasia", status=Product.Status.DRAFT)

    for path in ("/produk/tidak-ada/", "/produk/draf-rahasia/", "/api/v1/products/tidak-ada/"):
        first, _ = fetch(client, path)
        second, queries = fetch(client, path)
        assert first.status_code == second.status_code == 404
        assert "X-Cache" not in second and queries > 0


def test_the_cache_is_off_unless_switched_on(client, product, settings):
    settings.PUBLIC_CACHE = False

    fetch(client, "/produk/")
    response, queries = fetch(client, "/produk/")

    assert "X-Cache" not in response and queries > 0


def test_a_page_kept_is_gone_at_midnight_in_jakarta(client, product, monkeypatch):
    monkeypatch.setattr(caching, "seconds_until_midnight", lambda: 0)

    fetch(client, "/unggulan/")
    response, _ = fetch(client, "/unggulan/")

    assert response["X-Cache"] == "miss"


def test_a_broken_cache_serves_pages_uncached(client, product, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "get_or_set", broken)

    response, _ = fetch(client, "/produk/madu-pelawan/")

    assert response.status_code == 200
    assert b"Madu Pelawan Hutan" in response.content


def test_anonymous_api_answers_from_the_cache_are_still_throttled(client, product, monkeypatch):
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {**AnonRateThrottle.THROTTLE_RATES, "anon": "2/minute"}
    )

    statuses = [client.get("/api/v1/products/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


# Invalidation: each write a public page shows -------------------------------------------------


def _rename(product):
    product.name = "Madu Pelawan Super"
    product.save()


def _rename_business(product):
    product.business.name = "Koperasi Madu Baru"
    product.business.save()


def _rename_agency(product):
    product.owner_agency.name = "Dinas Kehutanan Baru"
    product.owner_agency.save()


def _rename_category(product):
    product.category.name = "Madu Murni"
    product.category.save()


WRITES = {
    "product": (_rename, "Madu Pelawan Super"),
    "business": (_rename_business, "Koperasi Madu Baru"),
    "agency": (_rename_agency, "Dinas Kehutanan Baru"),
    "category": (_rename_category, "Madu Murni"),
    "certificate": (lambda p: CertificateFactory(product=p, number="ID13110000077777"), "77777"),
    "collaboration": (
        lambda p: CollaborationFactory(product=p, agency=AgencyFactory(name="Dinas Pariwisata")),
        "Dinas Pariwisata",
    ),
    "image": (
        lambda p: ProductImageFactory(product=p, alt_text="Botol madu di meja"),
        "Botol madu",
    ),
    "unpublished": (lambda p: Product.objects.get(pk=p.pk).delete(), None),
}


@pytest.mark.parametrize("change", WRITES, ids=list(WRITES))
def test_a_committed_write_makes_the_cached_page_stale_at_once(client, product, commit, change):
    write, shown = WRITES[change]
    fetch(client, "/produk/madu-pelawan/")
    assert fetch(client, "/produk/madu-pelawan/")[0]["X-Cache"] == "hit"

    commit(lambda: write(product))
    response, _ = fetch(client, "/produk/madu-pelawan/")

    if shown is None:
        assert response.status_code == 404
    else:
        assert response["X-Cache"] == "miss"
        assert shown.encode() in response.content


def test_a_write_rolled_back_leaves_the_cache_alone(client, product):
    fetch(client, "/produk/madu-pelawan/")

    _rename(product)  # never committed: the test's transaction is rolled back
    response, _ = fetch(client, "/produk/madu-pelawan/")

    assert response["X-Cache"] == "hit"


def test_no_flagship_badge_survives_a_revocation(client, product, commit):
    designation = DesignationFactory(product=product, nomination__product=product)
    admin = UserFactory()
    admin.groups.add(rules.administrator_group())
    for path in ("/unggulan/", "/produk/madu-pelawan/", "/api/v1/flagships/"):
        fetch(client, path)
        assert b"Madu Pelawan Hutan" in fetch(client, path)[0].content

    commit(lambda: workflow.revoke(designation=designation, by=admin, reason="Izin dicabut."))

    assert b"Madu Pelawan Hutan" not in client.get("/unggulan/").content
    assert client.get("/api/v1/flagships/").json()["count"] == 0
    detail = client.get("/produk/madu-pelawan/")
    assert detail["X-Cache"] == "miss"


def test_a_write_through_the_api_invalidates_the_anonymous_copy(client, product, commit):
    from agencies.models import Role
    from tests.factories import MembershipFactory

    editor = MembershipFactory(agency=product.owner_agency, role=Role.EDITOR).user
    fetch(client, "/api/v1/products/madu-pelawan/")
    api = type(client)()
    api.force_login(editor)

    commit(
        lambda: api.patch(
            "/api/v1/products/madu-pelawan/",
            {"name": "Madu Pelawan Bangka"},
            content_type="application/json",
        )
    )
    response = client.get("/api/v1/products/madu-pelawan/")

    assert response["X-Cache"] == "miss"
    assert response.json()["name"] == "Madu Pelawan Bangka"


# Conditional requests: ETag and Last-Modified ---------------------------------------------------


def test_a_product_page_carries_etag_and_last_modified_and_answers_304(client, product):
    response = client.get("/produk/madu-pelawan/")

    assert response.has_header("ETag") and response.has_header("Last-Modified")
    by_tag = client.get("/produk/madu-pelawan/", HTTP_IF_NONE_MATCH=response["ETag"])
    by_date = client.get("/produk/madu-pelawan/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert by_tag.status_code == by_date.status_code == 304
    assert by_tag.content == b""


def test_a_changed_product_no_longer_matches_its_old_etag(client, product, commit):
    old = client.get("/produk/madu-pelawan/")["ETag"]

    commit(lambda: _rename(product))
    response = client.get("/produk/madu-pelawan/", HTTP_IF_NONE_MATCH=old)

    assert response.status_code == 200
    assert response["ETag"] != old


# The cache of aggregates: counts and facets of anonymous lists, with the page cache off ------


@pytest.fixture
def aggregates_only(settings):
    settings.PUBLIC_CACHE = False
    settings.AGGREGATE_CACHE = True


@pytest.mark.parametrize("query", ["", "?q=madu&kategori={category}&unggulan=on"])
def test_a_list_reads_its_count_and_facets_in_one_round_trip(
    client, product, aggregates_only, monkeypatch, query
):
    path = "/produk/" + query.format(category=product.category.slug)
    fetch(client, path)
    reads = count_cache_calls(monkeypatch, ("get", "get_many", "get_or_set"))  # round trips

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.status_code == 200
    assert sorted(reads) == ["get_many", "get_or_set"]  # the catalogue version, then the rest
    counted = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    assert queries and not counted  # the page itself, but no count and no facet: all were kept


def test_counts_and_facets_are_computed_once_per_catalogue_version(
    client, product, aggregates_only, commit
):
    ProductFactory(name="Madu Kelulut", category=product.category)
    _, first = fetch(client, "/produk/?q=madu")
    again, second = fetch(client, "/produk/?q=madu")
    commit(lambda: ProductFactory(name="Madu Hutan Bangka", category=product.category))
    after, third = fetch(client, "/produk/?q=madu")

    assert second < first and third == first
    assert again.context["total"] == 2 and after.context["total"] == 3
    [category] = after.context["facets"]["kategori"]
    assert category.count == 3


def test_a_cached_facet_marks_the_value_chosen_in_this_request(client, product, aggregates_only):
    other = ProductFactory(
        name="Kain Cual",
        business__region__slug="belitung",
        business__region__name="Kabupaten Belitung",
    )
    regions = {product.business.region.slug, other.business.region.slug}

    for chosen in sorted(regions):
        response = client.get("/produk/", {"wilayah": chosen})
        selected = [v.slug for v in response.context["facets"]["wilayah"] if v.selected]
        assert selected == [chosen]


def test_signed_in_staff_always_get_fresh_counts(client, product, aggregates_only):
    client.force_login(UserFactory())
    assert client.get("/produk/").context["total"] == 1

    ProductFactory(name="Madu Kelulut")  # no commit hook runs: the version stays the same
    response = client.get("/produk/")

    assert response.context["total"] == 2


def test_the_api_count_of_an_anonymous_list_is_cached_and_invalidated(
    client, product, aggregates_only, commit
):
    assert client.get("/api/v1/products/").json()["count"] == 1
    _, cached = fetch(client, "/api/v1/products/")
    commit(lambda: ProductFactory(name="Getas Ikan"))
    response, fresh = fetch(client, "/api/v1/products/")

    assert cached < fresh
    assert response.json()["count"] == 2


def test_reordering_pictures_invalidates_though_it_sends_no_signal(client, product, commit):
    from catalog.services import images

    editor = UserFactory(is_superuser=True)
    editor.groups.add(rules.administrator_group())
    first = ProductImageFactory(product=product, alt_text="Botol madu", order=1)
    second = ProductImageFactory(product=product, alt_text="Sarang lebah", order=2)
    fetch(client, "/produk/madu-pelawan/")

    commit(lambda: images.reorder_images(product=product, by=editor, order=[second.pk, first.pk]))
    response, _ = fetch(client, "/produk/madu-pelawan/")

    assert response["X-Cache"] == "miss"
    html = response.content.decode()
    assert html.index("Sarang lebah") < html.index("Botol madu")


def test_a_generated_catalogue_invalidates_though_it_writes_raw(client, product, commit):
    import io

    from django.core.management import call_command

    fetch(client, "/produk/")

    commit(lambda: call_command("generate_catalog", products=30, seed=2, stdout=io.StringIO()))
    response, _ = fetch(client, "/produk/")

    assert response["X-Cache"] == "miss"
    assert response.context["total"] > 1


def test_a_worker_never_serves_its_own_copy_after_the_shared_cache_was_flushed(client, product):
    fetch(client, "/produk/madu-pelawan/")
    assert fetch(client, "/produk/madu-pelawan/")[0]["X-Cache"] == "hit"  # from this worker

    _rename(product)  # a change whose invalidation was lost with the flush
    cache.clear()
    response, _ = fetch(client, "/produk/madu-pelawan/")

    assert response["X-Cache"] == "miss"
    assert b"Madu Pelawan Super" in response.content


def test_an_aggregate_is_shared_by_pages_and_orders_but_not_by_filters(
    client, product, aggregates_only
):
    _, first = fetch(client, "/produk/?q=madu")
    _, reordered = fetch(client, "/produk/?q=madu&urut=nama&page=1&per_page=12")
    _, filtered = fetch(client, f"/produk/?q=madu&kategori={product.category.slug}")

    assert reordered < first
    assert filtered > reordered  # its own counts and facets, computed afresh
