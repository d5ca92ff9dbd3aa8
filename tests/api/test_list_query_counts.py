"""Every API list answers in a number of queries that does not grow with the page
(docs/architecture.md §7): one page of one item and one page of forty costs the same."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CertificateFactory,
    CollaborationFactory,
    CriterionFactory,
    DesignationFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def _product(n):
    product = ProductFactory(name=f"Kerupuk Ikan {n}")
    CollaborationFactory(product=product)
    CertificateFactory(product=product)
    ProductImageFactory(product=product)
    DesignationFactory(product=product, nomination__product=product)
    return product


def _agency(n):
    agency = AgencyFactory()
    MembershipFactory(agency=agency)
    return agency


LISTS = {
    "/api/v1/products/": _product,
    "/api/v1/businesses/": lambda n: ProductFactory(business=BusinessFactory()).business,
    "/api/v1/agencies/": _agency,
    "/api/v1/regions/": lambda n: RegionFactory(slug=f"wilayah-{n}", name=f"Wilayah {n}"),
    "/api/v1/categories/": lambda n: CategoryFactory(slug=f"kategori-{n}", name=f"Kategori {n}"),
    "/api/v1/flagships/": lambda n: DesignationFactory(),
    "/api/v1/criteria/": lambda n: CriterionFactory(),
}


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"page_size": 50})
    assert response.status_code == 200
    body = response.json()
    return len(body["results"] if isinstance(body, dict) else body), len(queries)


@pytest.mark.parametrize("path", LISTS)
def test_an_api_list_costs_the_same_for_one_item_and_for_forty(client, path):
    make = LISTS[path]
    make(0)
    shown_few, few = _queries(client, path)
    for n in range(1, 40):
        make(n)
    shown_many, many = _queries(client, path)

    assert shown_many > shown_few
    assert many == few
    assert many <= 12
