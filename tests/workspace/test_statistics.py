"""Workspace statistics: /ruang-kerja/statistik/ and its CSV /ruang-kerja/statistik/unduh/.

Only what the public sees counts: published products of active businesses, valid certificates,
designations that were not revoked. One small world where every number is different, so that a
count taken from the wrong column or the wrong filter shows.
"""

import csv
import html
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog.models import Collaboration, Product
from tests.factories import (
    AgencyFactory,
    BusinessFactory,
    CategoryFactory,
    CertificateFactory,
    CollaborationFactory,
    DesignationFactory,
    MembershipFactory,
    ProductFactory,
    RegionFactory,
    UserFactory,
)

URL = "workspace-statistics"
CSV_URL = "workspace-statistics-csv"
S = Product.Status


@pytest.fixture
def statistics_world(db):
    """Every count different (see the module's docstring): not the rights-matrix `world`."""
    today = timezone.localdate()
    year = today.year
    west = RegionFactory(slug="bangka-barat", name="Kabupaten Bangka Barat", order=1)
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung", order=2)
    RegionFactory(slug="bangka-tengah", name="Kabupaten Bangka Tengah", order=3)
    food = CategoryFactory(slug="makanan-minuman", name="Makanan & Minuman", order=1)
    crafts = CategoryFactory(slug="kerajinan", name="Kerajinan", order=2)
    owner = AgencyFactory(slug="dinas-pertanian", name="Dinas Pertanian", short_name="Distan")
    other = AgencyFactory(slug="dinas-kelautan-perikanan", name="Dinas Kelautan dan Perikanan")
    helper = AgencyFactory(slug="dinas-koperasi-ukm", name="Dinas Koperasi dan UKM")
    AgencyFactory(slug="dinas-pariwisata", name="Dinas Pariwisata")  # no products: left out

    in_west = BusinessFactory(region=west, registering_agency=owner)
    in_belitung = BusinessFactory(region=belitung, registering_agency=other)
    closed = BusinessFactory(region=belitung, registering_agency=owner, is_active=False)

    def product(business, category, agency, status=S.PUBLISHED):
        return ProductFactory(
            business=business, category=category, owner_agency=agency, status=status
        )

    p1 = product(in_west, food, owner)
    p2 = product(in_west, crafts, owner)
    p3 = product(in_belitung, food, other)
    p4 = product(in_belitung, food, other)
    draft = product(in_west, food, owner, S.DRAFT)
    product(in_belitung, crafts, other, S.ARCHIVED)
    product(closed, food, owner)

    CollaborationFactory(product=p3, agency=owner)
    CollaborationFactory(product=p3, agency=helper)
    CollaborationFactory(product=p4, agency=helper, status=Collaboration.Status.PENDING)
    CollaborationFactory(product=p2, agency=helper, status=Collaboration.Status.ENDED)

    CertificateFactory(product=p1)
    CertificateFactory(product=p1, kind="pirt")  # two certificates, still one product
    CertificateFactory(product=p2, expires_on=today - timedelta(days=1))
    CertificateFactory(product=p3, expires_on=today + timedelta(days=10))
    CertificateFactory(product=p4, expires_on=today)  # valid through today
    CertificateFactory(product=draft)

    DesignationFactory(nomination__product=p1, year=year)
    DesignationFactory(nomination__product=p2, year=year - 1)
    DesignationFactory(nomination__product=p4, year=year - 1)
    DesignationFactory(
        nomination__product=p3, year=year, revoked_at=timezone.now(),
        revoked_by=UserFactory(), revocation_reason="Izin edar dicabut",
    )  # fmt: skip

    editor = MembershipFactory(agency=owner, user=UserFactory()).user
    return {"year": year, "editor": editor, "in_west": in_west, "owner": owner, "food": food}


def numbers(response) -> dict[str, list[tuple[str, int]]]:
    return {
        section.key: [(row.key, row.count) for row in section.rows]
        for section in response.context["sections"]
    }


def test_the_numbers_are_what_the_database_says(client, statistics_world):
    client.force_login(statistics_world["editor"])

    response = client.get(reverse(URL))

    assert response.status_code == 200
    year = statistics_world["year"]
    assert numbers(response) == {
        "region": [("bangka-barat", 2), ("belitung", 2), ("bangka-tengah", 0)],
        "category": [("makanan-minuman", 3), ("kerajinan", 1)],
        "agency": [
            ("dinas-pertanian", 3),  # owns p1, p2; co-curates p3
            ("dinas-kelautan-perikanan", 2),  # owns p3, p4
            ("dinas-koperasi-ukm", 1),  # co-curates p3; p4 is only an invitation
        ],
        "certificate": [("certified", 3), ("not-certified", 1)],
        "flagship-year": [(str(year - 1), 2), (str(year), 1)],
    }
    certified = response.context["sections"][3].rows
    assert [row.share for row in certified] == [75.0, 25.0]


def test_every_number_is_in_a_table_beside_a_server_drawn_chart(client, statistics_world):
    client.force_login(statistics_world["editor"])

    page = client.get(reverse(URL)).content.decode()

    for key in ("region", "category", "agency", "certificate", "flagship-year"):
        assert f'<svg class="chart" role="img" aria-labelledby="chart-{key}-title"' in page
        assert f'<title id="chart-{key}-title">' in page
        assert f'<table class="data-table" aria-labelledby="stat-{key}">' in page
    assert page.count('<rect class="chart__bar"') == 3 + 2 + 3 + 2 + 2
    assert "style=" not in page.split("<main", 1)[1]
    # the largest bar of a chart is the widest; bar widths are never localised ("12,5%")
    assert re.search(r'width="\d+\.\d\d%"', page)
    assert not re.search(r'width="\d+,\d+%"', page)


def table_rows(page: str) -> list[list[str]]:
    rows = []
    sections = r'<section class="stat" aria-labelledby="stat-([\w-]+)">(.*?)</section>'
    for key, body in re.findall(sections, page, re.S):
        for item, label, count in re.findall(
            r'<tr data-key="([^"]*)">\s*<th scope="row">(.*?)</th>\s*'
            r'<td class="data-table__number">(\d+)</td>',
            body,
            re.S,
        ):
            rows.append([key, html.unescape(item), html.unescape(label), count])
    return rows


def test_the_csv_download_matches_the_table(client, statistics_world):
    client.force_login(statistics_world["editor"])
    page = client.get(reverse(URL)).content.decode()

    response = client.get(reverse(CSV_URL))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="statistik-{today:%Y-%m-%d}.csv"'
    )
    assert {"no-store", "private"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(header) == 4
    assert rows == table_rows(page)
    assert len(rows) == 3 + 2 + 3 + 2 + 2


def test_names_are_escaped_in_the_page_and_in_the_csv(client, statistics_world):
    CategoryFactory(slug="formula", name='=HYPERLINK("http://evil") <b>', order=9)
    client.force_login(statistics_world["editor"])

    page = client.get(reverse(URL)).content.decode()
    download = client.get(reverse(CSV_URL)).content.decode("utf-8-sig")

    assert "<b>" not in page and "&lt;b&gt;" in page
    assert "'=HYPERLINK" in download


def test_the_page_costs_the_same_queries_for_1_or_30_products(client, statistics_world):
    client.force_login(statistics_world["editor"])

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(url)).status_code == 200
        return len(captured)

    few = queries(URL), queries(CSV_URL)
    for _ in range(30):
        product = ProductFactory(
            business=statistics_world["in_west"],
            category=statistics_world["food"],
            owner_agency=statistics_world["owner"],
        )
        CertificateFactory(product=product)
        DesignationFactory(nomination__product=product)
    many = queries(URL), queries(CSV_URL)

    assert many == few
    assert max(many) <= 12


def test_anonymous_is_sent_to_sign_in(client, statistics_world):
    for url in (URL, CSV_URL):
        response = client.get(reverse(url))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_an_empty_portal_shows_empty_figures(client, db):
    client.force_login(UserFactory())

    response = client.get(reverse(URL))

    assert response.status_code == 200
    assert numbers(response)["certificate"] == [("certified", 0), ("not-certified", 0)]
    assert numbers(response)["flagship-year"] == []
