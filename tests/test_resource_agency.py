"""A spreadsheet resource made without an agency (as the export makes it) adds no rows: a new
row is refused on its agency column, like any other refusal of the services, and nothing is
written."""

import tablib

from catalog.models import Business, Product
from workspace.resources import BusinessResource, ProductResource


def run(resource, headers, row):
    return resource.import_data(
        tablib.Dataset(row, headers=headers),
        dry_run=False,
        raise_errors=False,
        use_transactions=True,
        collect_failed_rows=True,
        rollback_on_validation_errors=True,
    )


def test_new_product_without_an_agency_is_refused_on_owner_agency(world):
    resource = ProductResource(user=world.people["owner_editor"])
    headers = ["slug", "name", "business", "category", "price_min", "price_max"]
    row = ["", "Kemplang Panggang", world.business.slug, world.category.slug, "15000", "25000"]

    result = run(resource, headers, row)

    assert not result.error_rows  # a refusal on a column, not a failed row
    [invalid] = result.invalid_rows
    assert set(invalid.error_dict) == {"owner_agency"}
    assert not Product.objects.filter(name="Kemplang Panggang").exists()


def test_new_business_without_an_agency_is_refused_on_registering_agency(world):
    resource = BusinessResource(user=world.people["owner_editor"])
    headers = ["slug", "name", "owner_name", "region"]
    row = ["", "Madu Pelawan Koba", "Yati", world.region.slug]

    result = run(resource, headers, row)

    assert not result.error_rows
    [invalid] = result.invalid_rows
    assert set(invalid.error_dict) == {"registering_agency"}
    assert not Business.objects.filter(name="Madu Pelawan Koba").exists()
