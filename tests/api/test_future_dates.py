"""No date that has not happened yet where it cannot have (issue 16, item 19): a business's
year founded later than this year is refused by the API as by the workspace form — one rule,
the model field's validator, which the serializer and the service's full_clean both apply."""

import pytest
from django.utils import timezone

from catalog.models import Business
from tests.api.helpers import url
from tests.factories import RegionFactory
from tests.workspace.helpers import url as page_url

pytestmark = pytest.mark.django_db


def new_business(**fields):
    return {
        "name": "Madu Kelulut Belinyu",
        "owner_name": "Rahmat Hidayat",
        "region": "bangka-barat",
        "scale": "mikro",
        "whatsapp": "0812-7777-1234",
        **fields,
    }


def test_the_api_refuses_a_year_founded_after_this_year(world, client_of):
    before = Business.objects.count()
    client = client_of("owner_editor")
    next_year = timezone.localdate().year + 1

    response = client.post(url("business-list"), new_business(year_founded=next_year), "json")

    assert response.status_code == 400
    assert list(response.json()) == ["year_founded"]
    assert Business.objects.count() == before
    this_year = timezone.localdate().year
    created = client.post(url("business-list"), new_business(year_founded=this_year), "json")
    assert created.status_code == 201
    assert Business.objects.get(name="Madu Kelulut Belinyu").year_founded == this_year


def test_the_workspace_form_refuses_a_year_founded_after_this_year(world, client):
    before = Business.objects.count()
    client.force_login(world.people["owner_editor"])
    data = {
        "registering_agency": world.owner.pk,
        "name": "Kerupuk Kemplang Pak Amat",
        "owner_name": "Amat Sulaiman",
        "scale": "mikro",
        "region": RegionFactory().pk,
        "whatsapp": "0812-7190-4532",
        "year_founded": timezone.localdate().year + 1,
    }

    response = client.post(page_url("workspace-business-create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["year_founded"]
    assert Business.objects.count() == before
