import pytest

from agencies import rules
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    ProductFactory,
    RegionFactory,
    UserFactory,
)
from tests.helpers import member


@pytest.fixture
def small_exports(settings):
    """More than three rows make an export a background job."""
    settings.EXPORT_ROWS_IN_REQUEST = 3


@pytest.fixture
def jobs_world(db):
    """An agency with four products (one more than `small_exports` lets through the request),
    its editor, a colleague, another agency's product and an administrator."""
    mine = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian")
    other = AgencyFactory(slug="dinas-kelautan-perikanan")
    region, category = RegionFactory(), CategoryFactory()
    business = BusinessFactory(name="Lada Mentok Jaya", registering_agency=mine, region=region)
    names = ["Lada Putih Muntok", "Getas Ikan", "Kemplang Panggang", "Madu Pelawan"]
    products = [
        ProductFactory(name=name, business=business, owner_agency=mine, category=category)
        for name in names
    ]
    foreign = ProductFactory(
        name="Rusip", business=BusinessFactory(registering_agency=other, region=region),
        owner_agency=other, category=category,
    )  # fmt: skip
    administrator = UserFactory(username="admin-provinsi")
    administrator.groups.add(rules.administrator_group())
    return {
        "mine": mine, "other": other, "business": business, "category": category,
        "products": products, "foreign": foreign, "editor": member(mine),
        "colleague": member(mine), "administrator": administrator,
    }  # fmt: skip
