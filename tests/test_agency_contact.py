"""An agency's public page gives its contact details as a citizen uses them on a phone: the phone
number calls, the address opens in a map application, the e-mail address wraps only at its @ and
dots (issue 16, item 13)."""

import pytest
from django.urls import reverse

from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_agency_page_links_its_phone_address_and_e_mail(client):
    agency = AgencyFactory(
        name="Dinas Koperasi dan UKM",
        slug="dinas-koperasi-ukm",
        address="Jl. Pulau Bangka, Air Itam",
        phone="(0717) 439 123",
        email="diskopukm@babelprov.go.id",
    )

    html = client.get(reverse("agency-detail", args=[agency.slug])).content.decode()

    assert 'href="tel:0717439123"' in html
    assert 'href="https://www.google.com/maps/search/?api=1&amp;query=Jl.%20Pulau%20Bangka' in html
    assert "diskopukm<wbr>@babelprov<wbr>.go<wbr>.id" in html
    assert 'href="mailto:diskopukm@babelprov.go.id"' in html


def test_without_an_address_there_is_no_map_link(client):
    agency = AgencyFactory(address="", phone="")

    html = client.get(reverse("agency-detail", args=[agency.slug])).content.decode()

    assert "google.com/maps" not in html
    assert 'href="tel:' not in html
