"""The product list's filters (issue 16 item 10): never a choice that gives no product (but the
selected one, to remove it), agencies by the names citizens know, and a panel that does not
stay open over the results after each choice."""

import re

import pytest

from tests.factories import (
    AgencyFactory,
    CategoryFactory,
    CertificateFactory,
    CollaborationFactory,
    DesignationFactory,
    ProductFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def offered(content: str, name: str) -> dict[str, str]:
    """{value: its count} of the links of filter `name` in the facets."""
    facets = content[content.index('id="filters"') : content.index('class="results"')]
    return dict(
        re.findall(
            rf'href="\?(?:[^"]*&amp;)?{name}=([\w-]+)[^"]*"[^>]*>[^<]*'
            r'<span class="facet__count">(\d+)',
            facets,
        )
    )


def labels(content: str) -> list[str]:
    return [
        " ".join(label.split())
        for label in re.findall(r'>([^<>]+?) <span class="facet__count">', content)
    ]


@pytest.fixture
def catalogue():
    bangka = RegionFactory(slug="bangka", name="Kabupaten Bangka")
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung")
    food = CategoryFactory(slug="makanan", name="Makanan")
    crafts = CategoryFactory(slug="kerajinan", name="Kerajinan")
    CategoryFactory(slug="kosong", name="Kategori Kosong")  # no product at all
    farming = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    fisheries = AgencyFactory(
        slug="dinas-kelautan-perikanan", name="Dinas Kelautan dan Perikanan", short_name="DKP"
    )
    AgencyFactory(slug="dinas-pariwisata", name="Dinas Pariwisata", short_name="Dispar")
    pepper = ProductFactory(
        name="Lada Putih", category=food, owner_agency=farming, business__region=bangka
    )
    CertificateFactory(product=pepper, kind="halal")
    ProductFactory(
        name="Kerupuk Ikan", category=food, owner_agency=fisheries, business__region=bangka
    )
    ProductFactory(
        name="Tikar Pandan", category=crafts, owner_agency=fisheries, business__region=belitung
    )
    return {"pepper": pepper, "farming": farming, "fisheries": fisheries}


def test_agencies_show_their_full_name_with_the_short_one_after_it(client, catalogue):
    content = client.get("/produk/").content.decode()

    assert "Dinas Pertanian (Distan)" in labels(content)
    assert "Dinas Kelautan dan Perikanan (DKP)" in labels(content)
    assert "Distan" not in labels(content) and "DKP" not in labels(content)


def test_a_co_curating_agency_shows_by_its_full_name_too(client, catalogue):
    CollaborationFactory(product=catalogue["pepper"], agency=catalogue["fisheries"])

    content = client.get("/produk/").content.decode()

    assert offered(content, "dinas") == {"dinas-kelautan-perikanan": "3", "dinas-pertanian": "1"}


def test_no_choice_that_gives_no_product_is_offered(client, catalogue):
    content = client.get("/produk/", {"wilayah": "belitung"}).content.decode()

    # Only the crafts are in Belitung: no food, no empty category, no farming agency, no halal.
    assert offered(content, "kategori") == {"kerajinan": "1"}
    assert offered(content, "dinas") == {"dinas-kelautan-perikanan": "1"}
    assert offered(content, "sertifikat") == {}
    assert "unggulan=1" not in content  # no flagship among them
    # The region's own facet counts without itself: both regions have products.
    assert offered(content, "wilayah") == {"bangka": "2", "belitung": "1"}


def test_a_selected_choice_left_without_products_is_still_offered_to_remove(client, catalogue):
    content = client.get("/produk/", {"kategori": "kerajinan", "q": "putih"}).content.decode()

    # Nothing is both crafts and white pepper: the chosen category stays, at 0, to be removed.
    facets = content[content.index('id="filters"') : content.index('class="results"')]
    chosen = re.search(r'<a href="([^"]*)" aria-current="true">Kerajinan <span', facets)
    assert chosen and chosen.group(1) == "?q=putih"
    assert offered(content, "kategori") == {"makanan": "1"}  # the pepper, if crafts goes


def test_a_selected_certificate_and_flagship_stay_offered_at_zero(client, catalogue):
    content = client.get(
        "/produk/", {"wilayah": "belitung", "sertifikat": "halal", "unggulan": "1"}
    ).content.decode()

    assert re.search(r'aria-current="true">Halal <span class="facet__count">0<', content)
    assert re.search(r'aria-current="true">[^<]+<span class="facet__count">0<', content)
    assert 'href="?sertifikat=halal&amp;wilayah=belitung" aria-current="true"' in content


def test_the_flagship_choice_shows_when_there_are_flagships(client, catalogue):
    DesignationFactory(product=catalogue["pepper"], nomination__product=catalogue["pepper"])

    content = client.get("/produk/").content.decode()

    assert re.search(r'href="\?unggulan=1">[^<]+<span class="facet__count">1<', content)


@pytest.mark.parametrize("query", ["", "?kategori=makanan&wilayah=bangka&dinas=dinas-pertanian"])
def test_the_filters_are_never_sent_open(client, catalogue, query):
    """Phones keep the results first after each choice: the panel opens only when asked (wide
    screens open it with static/js/catalogue.js, where it stands beside the results)."""
    content = client.get(f"/produk/{query}").content.decode()

    details = re.search(r'<details class="facets" id="filters"([^>]*)>', content)
    assert details and "open" not in details.group(1)
    if query:
        assert "Filter (3 aktif)" in content
    # The results follow the folded panel; nothing of the facets is shown before them.
    assert content.index('id="filters"') < content.index('class="results"')


def test_a_list_with_nothing_to_filter_offers_no_empty_panel(client, catalogue):
    content = client.get("/produk/", {"q": "zzzqqq"}).content.decode()

    assert 'id="filters"' not in content
    assert "Kerajinan" not in content
