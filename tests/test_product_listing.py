"""`Product.listed` and `Product.region` are copies kept by database triggers (migration 0007):
they must follow every write to the product or its business, on SQLite and PostgreSQL alike,
whether it comes through the ORM, a queryset update or raw SQL."""

import pytest
from django.db import connection

from catalog.models import Business, Product
from tests.factories import BusinessFactory, ProductFactory, RegionFactory

pytestmark = pytest.mark.django_db


def stored(product) -> tuple[bool, int | None]:
    return Product.objects.values_list("listed", "region_id").get(pk=product.pk)


@pytest.fixture
def other_region():
    return RegionFactory(name="Kota Pangkalpinang", slug="pangkalpinang", seat="Pangkalpinang")


def test_a_new_published_product_is_listed_in_its_business_region():
    product = ProductFactory()

    assert stored(product) == (True, product.business.region_id)
    assert list(Product.objects.published()) == [product]


@pytest.mark.parametrize("status", [Product.Status.DRAFT, Product.Status.ARCHIVED])
def test_a_product_not_published_is_not_listed(status):
    product = ProductFactory(status=status)

    assert stored(product) == (False, product.business.region_id)
    assert not Product.objects.published().exists()


def test_publishing_and_unpublishing_through_the_orm_follow():
    product = ProductFactory(status=Product.Status.DRAFT)

    product.status = Product.Status.PUBLISHED
    product.save()
    assert stored(product)[0] is True

    product.status = Product.Status.ARCHIVED
    product.save()
    assert stored(product)[0] is False


def test_a_stale_instance_saved_again_does_not_bring_back_an_old_value():
    product = ProductFactory()
    Business.objects.filter(pk=product.business_id).update(is_active=False)
    Product.objects.filter(pk=product.pk).update(status=Product.Status.PUBLISHED)

    product.name = "Lada Putih Muntok Super"  # the instance still says listed=False, region None
    product.save()

    assert stored(product) == (False, product.business.region_id)


def test_deactivating_and_reactivating_a_business_follows_to_its_products():
    business = BusinessFactory()
    published = ProductFactory(business=business)
    draft = ProductFactory(business=business, status=Product.Status.DRAFT)

    business.is_active = False
    business.save()
    assert stored(published)[0] is False and stored(draft)[0] is False

    business.is_active = True
    business.save()
    assert stored(published)[0] is True and stored(draft)[0] is False


def test_moving_a_business_to_another_region_moves_its_products(other_region):
    product = ProductFactory()

    Business.objects.filter(pk=product.business_id).update(region=other_region)

    assert stored(product) == (True, other_region.pk)
    assert list(Product.objects.filter(region=other_region)) == [product]


def test_handing_a_product_to_another_business_takes_that_business_region(other_region):
    product = ProductFactory()
    elsewhere = BusinessFactory(region=other_region, is_active=False)

    product.business = elsewhere
    product.save()

    assert stored(product) == (False, other_region.pk)


def test_rows_written_in_raw_sql_are_kept_too(other_region):
    business = BusinessFactory(region=other_region)
    template = ProductFactory(business=business)
    table = Product._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (business_id, name, name_en, slug, summary, summary_en,"
            " description, description_en, category_id, price_min, price_max, unit, status,"
            " owner_agency_id, created_at, updated_at, listed)"
            " SELECT business_id, 'Madu', '', 'madu-mentah', '', '', '', '', category_id, 1, 2,"
            f" '', 'published', owner_agency_id, created_at, updated_at, %s FROM {table}"
            " WHERE id = %s",
            [False, template.pk],
        )

    raw = Product.objects.get(slug="madu-mentah")
    assert stored(raw) == (True, other_region.pk)
