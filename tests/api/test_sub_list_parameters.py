"""A page of a sub-collection (an agency's members, a product's collaborations, a business's
development record...) refuses unknown query parameters with a 400 naming them, as the main
lists do (issue 16 item 23): these run no filter backend, so the paginator checks them. The
documented parameters (`page`, `page_size`, `format`) still pass."""

import pytest
from rest_framework.test import APIClient

from tests.factories import ActivityFactory, AgreementFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/"


def addresses(world):
    activity = ActivityFactory()
    agreement = AgreementFactory()
    product = world.published
    return [
        f"{API}agencies/{product.owner_agency.slug}/members/",
        f"{API}products/{product.slug}/collaborations/",
        f"{API}businesses/{product.business.slug}/support/",
        f"{API}businesses/{product.business.slug}/snapshots/",
        f"{API}activities/{activity.pk}/participants/",
        f"{API}agreements/{agreement.pk}/obligations/",
        f"{API}agreements/{agreement.pk}/reports/",
    ]


def test_every_sub_list_refuses_an_unknown_parameter_and_takes_the_paging(world):
    admin = APIClient()
    admin.force_authenticate(world.people["administrator"])
    for address in addresses(world):
        assert admin.get(address).status_code == 200, address
        refused = admin.get(address, {"q": "lada", "page": "1"})
        assert refused.status_code == 400, address
        assert list(refused.json()) == ["q"], address
        assert "page_size" in refused.json()["q"][0], address
        paged = admin.get(address, {"page": "1", "page_size": "5", "format": "json"})
        assert paged.status_code == 200, address
        assert set(paged.json()) >= {"count", "results"}, address
