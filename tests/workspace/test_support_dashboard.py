"""The development dashboard in the workspace: /ruang-kerja/pembinaan/, the list behind each
figure (`daftar/<figure>/`), their CSVs, and the export of services and participations at
/ruang-kerja/ekspor/pembinaan/ — who may look, whose figures they see, what the files hold (never
a formula), and a number of queries that does not grow with the data."""

import csv
import datetime
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from support.models import Participation, Service
from tests.factories import (
    ActivityFactory,
    BusinessFactory,
    CertificateFactory,
    ParticipationFactory,
    ProductFactory,
    ReferralFactory,
    ServiceFactory,
    UserFactory,
    stage,
)
from tests.workspace.helpers import as_user, assert_sent_to_login

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
MIDYEAR = datetime.date(YEAR, 6, 15)
DASHBOARD = "workspace-support-dashboard"
FORMULA = '=HYPERLINK("http://evil.example","klik")'


def url(name, *args, **query):
    address = reverse(name, args=args)
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def list_url(figure, **query):
    return url("workspace-support-dashboard-list", figure, **query)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def training(organiser, day=MIDYEAR):
    return ActivityFactory(organiser=organiser, starts_at=at(day), ends_at=at(day, 15))


def rows_of(response):
    """The body rows of the page's data tables, as lists of cell texts."""
    html = response.content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        ]
        for row in rows
    ]


def csv_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def work(world):
    """Dinas Pertanian (`owner`) mentors "Lada Mentok Jaya" and trains it; Diskop
    (`collaborator`) mentors it too (an overlap); Dinas Pariwisata (`foreign`) mentors its own
    business, whose name looks like a formula."""
    world.foreign_business.name = FORMULA
    world.foreign_business.save()
    ServiceFactory(business=world.business, agency=world.owner, provided_on=MIDYEAR)
    ServiceFactory(business=world.business, agency=world.collaborator, provided_on=MIDYEAR,
                   summary="+628123 -- sum")  # fmt: skip
    ParticipationFactory(
        activity=training(world.owner),
        business=world.business,
        status=Participation.Status.COMPLETED,
        result_note="@SUM(1+1)",
    )
    ServiceFactory(business=world.foreign_business, agency=world.foreign, provided_on=MIDYEAR)
    return world


# Who may look ------------------------------------------------------------------------------------


def test_the_dashboard_is_for_signed_in_staff_only(client, world):
    for name, args in [
        (DASHBOARD, ()),
        ("workspace-support-dashboard-csv", ()),
        ("workspace-support-dashboard-list", ("layanan",)),
        ("workspace-support-dashboard-list-csv", ("layanan",)),
        ("workspace-export-support", ()),
    ]:
        assert_sent_to_login(client.get(url(name, *args)))
    client.force_login(UserFactory())  # signed in, but a member of no agency
    for name, args in [(DASHBOARD, ()), ("workspace-support-dashboard-list", ("layanan",)),
                       ("workspace-export-support", ())]:  # fmt: skip
        assert client.get(url(name, *args)).status_code == 403


@pytest.mark.parametrize("person", ["reviewer", "collab_editor", "administrator"])
def test_leading_sectors_and_administrators_see_every_agencys_work(client, work, person):
    response = as_user(client, work, person).get(url(DASHBOARD))

    assert response.status_code == 200
    assert response.context["every_agency"] is True
    figures = {figure.url.split("/")[-2]: figure.value for figure in response.context["figures"]}
    assert figures["layanan"] == 3
    assert figures["umkm"] == 2
    assert figures["peserta"] == 1
    assert response.context["summary"].overlap_count == 1


def test_other_staff_see_their_own_agencies_work_and_may_not_choose_another(client, work):
    as_user(client, work, "foreign_editor")

    response = client.get(url(DASHBOARD))
    figures = {figure.url.split("/")[-2]: figure.value for figure in response.context["figures"]}
    assert response.context["every_agency"] is False
    assert (figures["layanan"], figures["umkm"], figures["peserta"]) == (1, 1, 0)
    assert [slug for slug, _name in response.context["form"].fields["dinas"].choices][1:] == [
        "dinas-pariwisata"
    ]

    chosen = client.get(url(DASHBOARD, dinas="dinas-pertanian"))
    assert chosen.status_code == 200
    assert "dinas" in chosen.context["form"].errors  # reported and ignored
    assert chosen.context["filters"].agency is None
    assert (
        client.get(list_url("layanan", dinas="dinas-pertanian")).context["page"].paginator.count
        == 1
    )


def test_a_leading_sector_narrows_to_one_agency_and_one_region(client, work):
    as_user(client, work, "reviewer")

    response = client.get(url(DASHBOARD, dinas="dinas-pertanian", tahun=YEAR))
    figures = {figure.url.split("/")[-2]: figure.value for figure in response.context["figures"]}
    assert (figures["layanan"], figures["kegiatan"]) == (1, 1)
    # Every figure's link carries the filters to its list.
    assert all("dinas=dinas-pertanian" in figure.url for figure in response.context["figures"])

    elsewhere = client.get(url(DASHBOARD, wilayah="nowhere"))
    assert "wilayah" in elsewhere.context["form"].errors
    last_year = client.get(url(DASHBOARD, tahun=YEAR - 1))
    assert all(figure.value == 0 for figure in last_year.context["figures"])


# The page ----------------------------------------------------------------------------------------


def test_the_page_shows_charts_beside_tables_and_every_figure_links_to_its_list(client, work):
    response = as_user(client, work, "administrator").get(url(DASHBOARD))
    html = response.content.decode()

    assert html.count('<svg class="chart"') == 2  # the funnel and the gaps
    assert 'aria-labelledby="dash-funnel"' in html
    for figure in response.context["figures"]:
        assert f'href="{figure.url}"' in html
        assert client.get(figure.url).status_code == 200
    for gap in response.context["gaps"]:
        if gap.url:
            assert client.get(gap.url).status_code == 200
    assert FORMULA.replace('"', "&quot;") in html  # escaped, never raw
    assert 'style="' not in html and "<script>" not in html


def test_the_matrix_and_overlaps_link_to_their_full_lists(client, work):
    as_user(client, work, "administrator")
    response = client.get(url(DASHBOARD))
    matrix = response.context["matrix"]
    assert [row.name for row, _counts in matrix] == ["Lada Mentok Jaya", FORMULA]

    overlaps = client.get(list_url("tumpang-tindih"))
    assert overlaps.status_code == 200
    assert [cells[:3] for cells in rows_of(overlaps)[1:]] == [
        [
            "Lada Mentok Jaya",
            stage("pendampingan").display_name,
            str(Service.Kind.PENDAMPINGAN.label),
        ]
    ]
    matrix_list = client.get(list_url("matriks"))
    assert matrix_list.context["page"].paginator.count == 2


def test_each_list_holds_the_rows_behind_its_figure(client, work):
    late = ReferralFactory(
        business=work.business,
        from_agency=work.owner,
        to_agency=work.leading,
        due_on=TODAY - timedelta(days=2),
    )
    CertificateFactory(product=work.published, kind="sni", expires_on=TODAY + timedelta(days=10))
    as_user(client, work, "administrator")

    def count(figure, **query):
        response = client.get(list_url(figure, **query))
        assert response.status_code == 200, figure
        return response.context["page"].paginator.count

    assert count("layanan") == 3
    assert count("peserta") == 1
    assert count("kegiatan") == 1
    assert count("umkm") == 2
    assert count("tahap-pelatihan") == 1
    assert count("rujukan-terlambat") == 1
    assert count("sertifikat-akan-habis") == 1
    assert count("unggulan-tanpa-sertifikat") == 1
    assert count("umkm-tanpa-pembinaan") == 0  # its services are recent
    assert late.pk
    assert client.get(list_url("nothing-like-it")).status_code == 404
    assert client.get(list_url("tahap-unknown")).status_code == 404


# Files -------------------------------------------------------------------------------------------


def test_the_dashboard_csv_has_every_number(client, work):
    response = as_user(client, work, "administrator").get(url("workspace-support-dashboard-csv"))

    assert response["Content-Disposition"].startswith('attachment; filename="pembinaan-')
    rows = csv_rows(response)
    by_key = {(row[0], row[1]): row[3] for row in rows[1:]}
    assert by_key[("figure", "services")] == "3"
    assert by_key[("funnel", "pelatihan")] == "1"
    assert by_key[("overlaps", "overlaps")] == "1"
    assert by_key[("gap", "obligations_behind")] == "0"


def test_a_lists_csv_escapes_formulas(client, work):
    response = as_user(client, work, "administrator").get(
        url("workspace-support-dashboard-list-csv", "layanan")
    )

    rows = csv_rows(response)
    names = [row[1] for row in rows[1:]]
    assert "'" + FORMULA in names
    assert FORMULA not in names
    assert len(rows) == 4


def export(client, **query):
    return client.get(url("workspace-export-support", **query))


def test_the_export_holds_services_and_participations_with_formulas_escaped(client, work):
    as_user(client, work, "administrator")

    rows = csv_rows(export(client, format="csv"))
    header, body = rows[0], rows[1:]
    record = {name: index for index, name in enumerate(header)}
    assert [row[record["record"]] for row in body] == ["service"] * 3 + ["participation"]
    assert "'" + FORMULA in [row[record["business_name"]] for row in body]
    assert "'+628123 -- sum" in [row[record["summary"]] for row in body]
    assert "'@SUM(1+1)" in [row[record["summary"]] for row in body]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in body for cell in row)


def test_the_xlsx_export_has_no_formula_cell(client, work):
    as_user(client, work, "administrator")

    response = export(client, format="xlsx")

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert len({cell.row for cell in cells}) == 4
    assert all(cell.data_type != "f" for cell in cells)
    assert "'" + FORMULA in [cell.value for cell in cells]


def test_the_export_is_scoped_as_the_dashboard(client, work):
    as_user(client, work, "foreign_editor")

    rows = csv_rows(export(client))
    header, body = rows[0], rows[1:]
    agencies = {row[header.index("agency")] for row in body}
    assert agencies == {"dinas-pariwisata"}
    assert len(body) == 1


def test_an_unknown_export_format_is_refused(client, work):
    response = export(as_user(client, work, "administrator"), format="pdf")
    assert response.status_code == 400


# Queries ----------------------------------------------------------------------------------------


def populate(world, businesses):
    activity = training(world.owner)
    for number in range(businesses):
        business = BusinessFactory(region=world.region, registering_agency=world.owner)
        product = ProductFactory(business=business, owner_agency=world.owner,
                                 category=world.category, status="published")  # fmt: skip
        CertificateFactory(product=product, expires_on=TODAY + timedelta(days=30))
        for agency in (world.owner, world.other):
            ServiceFactory(business=business, agency=agency, provided_on=MIDYEAR,
                           stage=stage("perizinan"), kind="fasilitasi_perizinan",
                           outcome="done")  # fmt: skip
        ParticipationFactory(activity=activity, business=business, status="attended")
        ReferralFactory(business=business, from_agency=world.owner, to_agency=world.leading,
                        due_on=TODAY - timedelta(days=number + 1))  # fmt: skip


@pytest.mark.parametrize("person", ["administrator", "owner_editor"])
@pytest.mark.parametrize(
    "address",
    [
        url(DASHBOARD),
        list_url("matriks"),
        list_url("tumpang-tindih"),
        list_url("layanan"),
        list_url("umkm-tanpa-pembinaan"),
    ],
)
def test_pages_cost_the_same_queries_for_3_and_30_businesses(
    client, world, django_assert_num_queries, person, address
):
    as_user(client, world, person)
    populate(world, 3)
    client.get(address)  # the session and the permissions, as a second visit finds them
    with CaptureQueriesContext(connection) as small:
        assert client.get(address).status_code == 200

    populate(world, 27)
    with django_assert_num_queries(len(small)):
        assert client.get(address).status_code == 200
