"""Every search and filter path reads the big tables through an index (docs/architecture.md
§7 "indexes for every filter"), asserted on PostgreSQL's plans at a few thousand products.

At this size PostgreSQL would rightly prefer to read a table whole, so the plans are taken with
`enable_seqscan = off`: the planner then reads a table whole only when no index can serve the
query. Each access to a big table must also be *driven* by the index (an index or recheck
condition, or a join key), not a full walk of some index."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.demo import generator

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's"),
]

BIG_TABLES = {"catalog_product", "catalog_business", "catalog_certificate", "catalog_collaboration"}


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("generate_catalog", products=3000, seed=7, stdout=None)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield
        call_command("flush", interactive=False, verbosity=0)


def _category(catalogue):
    from catalog.models import Category

    return Category.objects.order_by("slug").first().slug


#: A term in about 28% of the 3,000 products: reading the search index or walking a listed
#: index whole cost about the same here (~395 against ~390), so the planner's choice flips on
#: details such as the table's size on disk. Either is read through an index; the search index
#: itself is asserted with the rare term, and at 100k and 1M products by the bench's EXPLAINs.
COMMON_TERM_READ = ("catalog_product_search_document", "product_listed_")


def addresses():
    """(address, the index its filter or search must be read through)."""
    common, rare, misspelt = generator.COMMON_TERM, generator.RARE_TERM, generator.MISSPELT_TERM
    return [
        ("/produk/", "product_listed_new"),
        (f"/produk/?q={common}", COMMON_TERM_READ),
        (f"/produk/?q={rare}", "catalog_product_search_document_stored"),
        (f"/produk/?q={misspelt}", "catalog_product_name_trgm"),
        ("/produk/?kategori=CATEGORY", "product_listed_category"),
        ("/produk/?wilayah=bangka-barat", "product_listed_region"),
        # Either index of the collaborations by agency (the planner picks by their statistics).
        (
            "/produk/?dinas=dinas-koperasi-ukm",
            ("collaboration_agency_status", "collaboration_one_live_per_agency"),
        ),
        ("/produk/?sertifikat=halal", "certificate_kind_expiry"),
        # Any index of the designations: which one depends on their statistics.
        ("/produk/?unggulan=1", ("catalog_designation_", "designation_")),
        # A range a buyer picks (half the catalogue lies between 10,000 and 50,000: too wide to
        # tell an index read from a walk at this size).
        ("/produk/?harga_min=10000&harga_maks=15000", "product_listed_price_min"),
        (f"/produk/?q={common}&kategori=CATEGORY&urut=harga", COMMON_TERM_READ),
        ("/produk/?urut=nama", "product_listed_name"),
        (f"/api/v1/products/?search={common}", COMMON_TERM_READ),
        (f"/api/v1/products/?search={rare}", "catalog_product_search_document_stored"),
        ("/api/v1/products/?category=CATEGORY", "product_listed_category"),
        ("/api/v1/products/?ordering=price_min", "product_listed_price_min"),
    ]


def _plans(sql):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0]
    return json.loads(plan) if isinstance(plan, str) else plan


def _nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.parametrize(("address", "index"), addresses())
def test_every_search_and_filter_is_read_through_an_index(client, catalogue, address, index):
    address = address.replace("CATEGORY", _category(catalogue))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200

    used, whole_tables = set(), []
    for query in queries.captured_queries:
        if not query["sql"].startswith(("SELECT", "WITH")):
            continue
        for plan in _plans(query["sql"]):
            for node in _nodes(plan["Plan"]):
                used.add(node.get("Index Name", ""))
                if node["Node Type"] == "Seq Scan" and node["Relation Name"] in BIG_TABLES:
                    whole_tables.append((node["Relation Name"], query["sql"][:200]))

    assert not whole_tables  # some query has no index to read a big table through
    assert any(name.startswith(index) for name in used), ", ".join(sorted(used))


def test_the_portal_connections_carry_the_planner_settings_the_plans_rely_on():
    """DATABASE_OPTIONS (settings): lookups priced as in memory, no parallel worker started for
    a small query (~8 ms each on the bench machine), and the typo tolerance of search."""
    with connection.cursor() as cursor:
        shown = {}
        for name in (
            "random_page_cost",
            "parallel_setup_cost",
            "pg_trgm.word_similarity_threshold",
        ):
            cursor.execute(f"SHOW {name}")
            shown[name] = float(cursor.fetchone()[0])

    assert shown == {
        "random_page_cost": 1.1,
        "parallel_setup_cost": 10000,
        "pg_trgm.word_similarity_threshold": 0.4,
    }
