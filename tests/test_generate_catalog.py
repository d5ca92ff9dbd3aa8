"""generate_catalog: a deterministic catalogue at scale that every page, filter and search can
use (the bench/ harness runs it with 100k and 1M products; here a few hundred)."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F

from agencies.models import Agency
from catalog.demo import generator
from catalog.models import (
    Business,
    Category,
    Certificate,
    Collaboration,
    Designation,
    Product,
    ProductImage,
    ProductLink,
    Region,
)
from catalog.models.base import today
from catalog.search import search_products

pytestmark = pytest.mark.django_db

N = 300


def generate(products=N, seed=3, **options):
    call_command("generate_catalog", products=products, seed=seed, stdout=None, **options)


@pytest.fixture
def generated():
    generate()


def snapshot():
    """The generated rows as their content and references, ids included."""
    return {
        "businesses": list(
            Business.objects.order_by("pk").values_list(
                "pk", "name", "slug", "nib", "region__slug", "registering_agency__slug"
            )
        ),
        "products": list(
            Product.objects.order_by("pk").values_list(
                "pk",
                "name",
                "slug",
                "price_min",
                "price_max",
                "status",
                "business_id",
                "category__slug",
                "owner_agency__slug",
                "created_at",
            )
        ),
        "images": list(ProductImage.objects.order_by("pk").values_list("product_id", "image")),
        "certificates": list(
            Certificate.objects.order_by("pk").values_list(
                "product_id", "kind", "number", "expires_on"
            )
        ),
        "collaborations": list(
            Collaboration.objects.order_by("pk").values_list("product_id", "agency_id", "status")
        ),
        "links": list(ProductLink.objects.order_by("pk").values_list("product_id", "url")),
        "designations": list(Designation.objects.order_by("pk").values_list("product_id")),
    }


def test_the_same_seed_gives_the_same_rows_and_another_seed_others(generated):
    first = snapshot()
    assert len(first["products"]) == N
    generate(replace=True)
    assert snapshot() == first
    generate(seed=4, replace=True)
    other = snapshot()
    assert len(other["products"]) == N
    assert other["products"] != first["products"]


def test_existing_generated_rows_are_kept_unless_replaced(generated):
    with pytest.raises(CommandError, match="--replace"):
        generate(seed=9)
    assert Product.objects.count() == N


def test_every_region_category_and_agency_has_products(generated):
    published = Product.objects.published()
    assert set(Region.objects.filter(businesses__products__in=published).values_list("slug")) == (
        set(Region.objects.values_list("slug"))
    )
    assert set(published.values_list("category__slug")) == set(Category.objects.values_list("slug"))
    assert set(published.values_list("owner_agency__slug")) == set(
        Agency.objects.values_list("slug")
    )


def test_the_catalogue_has_the_variety_filters_and_pages_need(generated):
    statuses = dict(Product.objects.values_list("status").annotate(n=Count("pk")))
    assert statuses["published"] > 0.8 * N and statuses.get("draft") and statuses.get("archived")
    assert Business.objects.count() < N / 2  # several products per business
    assert (
        Business.objects.filter(products__isnull=False).distinct().count()
        == Business.objects.count()
    )
    assert Collaboration.objects.accepted().exists()
    assert Certificate.objects.valid().exists()
    assert Certificate.objects.filter(expires_on__lt=today()).exists()  # lapsed ones too
    assert Certificate.objects.filter(verified_by__isnull=True).exists()
    assert Product.objects.filter(price_max__gt=F("price_min")).exists()
    assert Product.objects.flagships().published().count() >= 5
    assert ProductImage.objects.count() == N


def test_rows_keep_every_constraint_and_validator(generated):
    assert Product.objects.filter(price_min__gt=F("price_max")).count() == 0
    assert Product.objects.values("slug").distinct().count() == N
    nibs = Business.objects.exclude(nib="").values_list("nib", flat=True)
    assert len(set(nibs)) == len(nibs)
    for model in (Business, Product, Certificate, Collaboration, ProductLink):
        for obj in model.objects.all()[:100]:
            obj.full_clean()


def test_images_point_at_shared_files_whose_renditions_exist(generated):
    names = set(ProductImage.objects.values_list("image", flat=True))
    assert 1 < len(names) <= 2 * Category.objects.count()
    for name in names:
        image = ProductImage.objects.filter(image=name).first()
        assert default_storage.exists(name)
        renditions = image.renditions()
        assert [width for width, _height, _url in renditions] == [320, 480, 960]
        for width in ProductImage.RENDITION_WIDTHS:
            assert default_storage.exists(getattr(image, f"w{width}").name)


def test_generates_on_top_of_the_demo_and_leaves_it_alone():
    call_command("seed_demo", stdout=None)
    demo = set(Product.objects.values_list("slug", flat=True))
    generate(products=100)
    generate(products=100, seed=5, replace=True)
    assert Product.objects.count() == len(demo) + 100
    assert demo <= set(Product.objects.values_list("slug", flat=True))


def test_public_pages_and_the_api_answer_with_generated_data(client, generated):
    product = Product.objects.flagships().published().first()
    business = product.business
    for path in (
        "/",
        "/produk/",
        f"/produk/?q={generator.COMMON_TERM}",
        "/produk/?kategori=makanan-minuman&sertifikat=halal",
        f"/produk/{product.slug}/",
        "/unggulan/",
        "/umkm/",
        f"/umkm/{business.slug}/",
        f"/dinas/{product.owner_agency.slug}/",
        "/api/v1/products/",
        f"/api/v1/products/?search={generator.COMMON_TERM}",
        f"/api/v1/products/{product.slug}/",
    ):
        assert client.get(path).status_code == 200, path


def test_the_common_term_finds_many_and_the_rare_term_few(client, generated):
    common, _fuzzy = search_products(Product.objects.all(), generator.COMMON_TERM)
    rare, _fuzzy = search_products(Product.objects.all(), generator.RARE_TERM)
    assert common.count() > N / 5
    assert 1 <= rare.count() <= 1 + N // generator.RARE_EVERY
    response = client.get("/api/v1/products/", {"search": generator.RARE_TERM})
    assert response.json()["count"] >= 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typo tolerance needs pg_trgm")
def test_the_misspelt_term_finds_names_through_typo_tolerance(generated):
    found, fuzzy = search_products(Product.objects.all(), generator.MISSPELT_TERM)
    assert fuzzy
    assert found.filter(name__icontains="muntok").exists()


def test_the_search_terms_are_distinct_words_of_the_vocabulary():
    from catalog.demo.generator import vocabulary as words

    products = [kind[0] for kind in words.PRODUCTS]
    variants = [variant for kind in words.PRODUCTS for variant in kind[6]]
    places = [place for towns in words.PLACES.values() for place in towns]
    other = words.ADJECTIVES + words.FIRST_NAMES + words.LAST_NAMES + words.BUSINESS_PATTERNS
    everything = " ".join(products + variants + places + other + words.SENTENCES).lower()
    assert generator.COMMON_TERM in " ".join(products).lower()
    assert generator.RARE_TERM not in everything
    assert generator.RARE_TERM in words.RARE_PRODUCT[0].lower()
    assert generator.MISSPELT_TERM not in everything
