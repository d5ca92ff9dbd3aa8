"""A business's page gives a direct line to it, as a product's page does (issue 16 item 13): a
WhatsApp button naming the business, a call button, its address opening in a map application (a
plain link: nothing embedded), and an e-mail address that wraps only before its @ and dots."""

import re
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from tests.factories import BusinessFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def business():
    return BusinessFactory(
        name="Kerupuk Ikan Parang", whatsapp="0812-7788-9900", phone="0717 421 100",
        address="Jl. Raya Tempilang No. 5", email="kerupuk.parang@contoh-usaha.co.id",
    )  # fmt: skip


def test_the_page_offers_whatsapp_a_call_and_a_map(client, business):
    page = client.get(business.get_absolute_url()).content.decode()

    [wa] = re.findall(r'href="(https://wa\.me/[^"]+)"', page)
    assert wa.startswith("https://wa.me/6281277889900?text=")
    message = unquote(wa.split("text=", 1)[1])
    assert "Kerupuk Ikan Parang" in message and business.get_absolute_url() in message
    assert 'href="tel:0717421100"' in page
    [maps] = re.findall(r'href="(https://www\.google\.com/maps/search/[^"]+)"', page)
    query = parse_qs(urlparse(maps.replace("&amp;", "&")).query)["query"][0]
    assert query.startswith("Jl. Raya Tempilang No. 5, ") and "Bangka Belitung" in query
    assert "<iframe" not in page


def test_the_e_mail_wraps_only_before_its_at_and_dots(client, business):
    page = client.get(business.get_absolute_url()).content.decode()

    assert "kerupuk<wbr>.parang<wbr>@contoh-usaha<wbr>.co<wbr>.id" in page
    assert 'href="mailto:kerupuk.parang@contoh-usaha.co.id"' in page


def test_without_whatsapp_phone_or_address_nothing_is_offered(client):
    business = BusinessFactory(whatsapp="", phone="", address="")
    page = client.get(business.get_absolute_url()).content.decode()

    assert "wa.me" not in page and "tel:" not in page and "google.com/maps" not in page


def test_a_name_with_markup_is_escaped_in_the_e_mail(client):
    business = BusinessFactory(email="a<b@example.org")
    page = client.get(business.get_absolute_url()).content.decode()

    assert "a&lt;b<wbr>@example<wbr>.org" in page
