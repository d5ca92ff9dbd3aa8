"""About, privacy and accessibility (issue 16 item 14): public pages in both languages, linked
from every page's footer, with the contact details of the agencies that run the portal taken from
their own records."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

PAGES = ["about", "privacy", "accessibility"]


@pytest.fixture
def stewards():
    return [
        AgencyFactory(
            name="Dinas Koperasi dan UKM", is_leading_sector=True, email="diskop@example.go.id",
            phone="0717 123456", address="Jl. Pulau Bangka, Pangkalpinang",
        ),
        AgencyFactory(name="Dinas Pertanian", email="distan@example.go.id"),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_each_page_answers_in_both_languages_with_the_stewards_contacts(
    client, stewards, name, language
):
    with translation.override(language):
        path = reverse(name)
    response = client.get(path)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'lang="{language}"' in page
    assert "mailto:diskop@example.go.id" in page and "tel:0717123456" in page
    assert "distan@example.go.id" not in page  # not a leading sector: not the portal's contact


def test_the_footer_links_every_page_to_them(client):
    page = client.get(reverse("home")).content.decode()
    footer = page.split('class="site-footer"')[1]

    for name in PAGES:
        assert f'href="{reverse(name)}"' in footer


def test_the_privacy_notice_names_the_law_and_how_to_ask_for_a_correction(client, stewards):
    page = client.get(reverse("privacy")).content.decode()

    assert "UU PDP" in page and "27" in page
    with translation.override("id"):
        for heading in ("What is collected, and why", "Who sees the data",
                        "How long it is kept", "Your rights, and how to use them"):  # fmt: skip
            assert gettext(heading) in page
