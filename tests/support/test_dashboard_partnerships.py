"""The dashboard's partnership figures (issue 14 item 8): obligations past due and below target,
agreements expiring within 90 days, and per partner the businesses served and the milestones
credited in the year; who sees which; the one-statement realisation of `support.obligations`
against the core's `realisation()`; and the workspace page, lists and CSV that show them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from support import obligations
from support.dashboard import Dashboard, Filters, dashboard_for
from support.models import Obligation
from support.services.agreements import realisation
from tests.factories import (
    ObligationFactory,
    PartnerFactory,
    RegionFactory,
    ServiceFactory,
    signed_between,
)
from tests.support.partnership_helpers import (
    MIDYEAR,
    YEAR,
    days,
    hand_counted_books,
    make_deals,
    make_partner_work,
)
from tests.workspace.helpers import as_user

pytestmark = pytest.mark.django_db


def everything(**filters) -> Dashboard:
    return Dashboard(Filters(year=YEAR, **filters), agency_ids=None)


def seen_by(world, who: str, **filters) -> Dashboard:
    return dashboard_for(world.people[who], Filters(year=YEAR, **filters))


# One statement for every obligation, the core's figures ------------------------------------------


@pytest.fixture
def books(db):
    return hand_counted_books()


def test_every_obligation_s_figure_is_the_core_s_realisation_in_one_query(
    books, django_assert_num_queries
):
    *_, o, _b = books
    with django_assert_num_queries(1):
        found = {ob.pk: ob.realised for ob in obligations.with_realised(Obligation.objects.all())}

    # The hand counts of tests/support/test_realisation.py over the agreement's whole term.
    assert found[o["services"].pk] == 5
    assert found[o["served"].pk] == 4
    assert found[o["participants"].pk] == 5
    assert found[o["trainings"].pk] == 3
    assert found[o["trained"].pk] == 4  # b1, b2, b5 and b6 (August)
    assert found[o["k_trainings"].pk] == 2
    assert found[o["licences"].pk] == 0
    assert found == {ob.pk: realisation(ob).figure for ob in Obligation.objects.all()}


# Obligations behind and agreements expiring --------------------------------------------------


@pytest.fixture
def deals(world):
    """Agreements of every kind around the world's agencies (`make_deals`)."""
    return make_deals(world)


def test_obligations_behind_are_past_due_below_target_of_signed_agreements(world, deals):
    board = everything()
    found = list(board.obligations_behind())

    # The longest overdue first; `met` reached its target, `later` is not due, the terminated
    # and the draft agreement's obligations do not count; the expired one's does.
    assert found == [deals["a3_behind"], deals["behind"], deals["a2_behind"]]
    assert [ob.realised for ob in found] == [0, 1, 0]
    assert [realisation(ob).figure for ob in found] == [0, 1, 0]
    gaps = {gap.key: gap.value for gap in board.summary().gaps}
    assert gaps["obligations_behind"] == 3


def test_an_obligation_leaves_the_gap_once_its_records_reach_the_target(world, deals):
    assert deals["behind"] in everything().obligations_behind()

    for n in range(4):
        ServiceFactory(agency=world.owner, agreement=deals["a1"], provided_on=days(-50 + n))

    assert realisation(deals["behind"]).figure == 5
    assert deals["behind"] not in everything().obligations_behind()


def test_agreements_expiring_have_ninety_days_or_fewer_left(world, deals):
    board = everything()

    assert list(board.expiring_agreements()) == [deals["a1"], deals["a6"]]
    partnership = {figure.key: figure.value for figure in board.summary().partnership}
    assert partnership == {"expiring_agreements": 2}


@pytest.mark.parametrize(
    ("who", "behind", "expiring"),
    [
        ("administrator", {"a3_behind", "behind", "a2_behind"}, {"a1", "a6"}),
        ("reviewer", {"a3_behind", "behind", "a2_behind"}, {"a1", "a6"}),  # a leading sector
        ("collab_editor", {"a3_behind", "behind", "a2_behind"}, {"a1", "a6"}),  # leading too
        ("owner_editor", {"behind"}, {"a1"}),  # Distan leads a1
        ("other_editor", {"a2_behind"}, set()),  # DKP is party to a2, leads nothing
        ("foreign_editor", {"a3_behind"}, set()),  # Dispar leads a3
    ],
)
def test_each_person_sees_the_agreements_their_agencies_lead_or_are_party_to(
    world, deals, who, behind, expiring
):
    board = seen_by(world, who)

    assert set(board.obligations_behind()) == {deals[name] for name in behind}
    assert set(board.expiring_agreements()) == {deals[name] for name in expiring}


def test_an_agency_chosen_narrows_to_its_agreements(world, deals):
    board = seen_by(world, "administrator", agency=world.other)

    assert list(board.obligations_behind()) == [deals["a2_behind"]]
    assert not board.expiring_agreements().exists()
    assert [row.partner.slug for row in board.partner_figures()] == ["ubb"]


def test_agreements_belong_to_no_region(world, deals):
    board = everything(region=RegionFactory(slug="belitung", name="Kabupaten Belitung"))

    assert board.obligations_behind().count() == 3
    assert board.expiring_agreements().count() == 2


# Per partner -------------------------------------------------------------------------------------


@pytest.fixture
def partners(world):
    """The partners' work of the year, counted by hand (`make_partner_work`)."""
    return make_partner_work(world)


def figures_of(board: Dashboard) -> dict[str, tuple[int, int]]:
    return {
        row.partner.slug: (row.businesses_served, row.milestones_credited)
        for row in board.partner_figures()
    }


def test_per_partner_businesses_served_and_milestones_credited(world, partners):
    board = everything()

    assert figures_of(board) == {"bank-sumsel-babel": (0, 0), "oke-oce": (3, 2), "ubb": (2, 1)}
    b = partners["b"]
    assert set(board.served_by(partners["okeoce"])) == {b[1], b[2], b[3]}
    assert set(board.served_by(partners["univ"])) == {b[2], b[3]}
    assert set(board.credited_to(partners["okeoce"])) == {partners["m1"], partners["m2"]}
    assert set(board.credited_to(partners["univ"])) == {partners["m1"]}


def test_a_region_narrows_the_partner_figures_to_its_businesses(world, partners):
    board = everything(region=partners["belitung"])

    assert figures_of(board) == {"bank-sumsel-babel": (0, 0), "oke-oce": (1, 1), "ubb": (1, 0)}


def test_agency_staff_see_the_partners_of_their_agreements(world, partners):
    # Distan leads the agreement with OKE OCE; DKP has no agreement at all.
    assert figures_of(seen_by(world, "owner_editor")) == {"oke-oce": (3, 2)}
    assert figures_of(seen_by(world, "other_editor")) == {}


def test_the_summary_costs_the_same_whatever_the_number_of_partners_and_obligations(
    world, partners, deals
):
    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            everything().summary()
        return len(context.captured_queries)

    few = count()
    for n in range(10):
        partner = PartnerFactory(name=f"Mitra Tambahan {n}", slug=f"mitra-tambahan-{n}")
        agreement, _, party = signed_between(
            world.owner, partner, valid_until=days(30 + n), valid_from=days(-300),
            signed_on=days(-310),
        )  # fmt: skip
        for _m in range(3):
            ObligationFactory(agreement=agreement, party=party, target=4, due_on=days(-3))
        ServiceFactory(agency=None, partner=partner, agreement=agreement, provided_on=MIDYEAR)
    many = count()

    assert many == few
    summary = everything().summary()
    assert {gap.key: gap.value for gap in summary.gaps}["obligations_behind"] == 3 + 30
    assert len(summary.partners) == 3 + 10


# The workspace page, its lists and its CSV -------------------------------------------------------


def list_url(figure: str) -> str:
    return reverse("workspace-support-dashboard-list", args=[figure])


def test_the_page_shows_the_partner_table_and_links_every_figure(client, world, partners, deals):
    response = as_user(client, world, "administrator").get(reverse("workspace-support-dashboard"))
    html = response.content.decode()

    assert response.status_code == 200
    assert 'aria-labelledby="dash-partnerships"' in html
    assert 'href="/mitra/oke-oce/"' in html
    for figure in ("kewajiban-tertinggal", "kerja-sama-akan-berakhir", "mitra-umkm-oke-oce",
                   "mitra-capaian-oke-oce", "mitra-umkm-ubb", "mitra-capaian-ubb"):  # fmt: skip
        assert f'href="{list_url(figure)}"' in html
        assert client.get(list_url(figure)).status_code == 200
    assert 'style="' not in html and "<script>" not in html


def test_the_lists_show_the_rows_behind_the_figures(client, world, partners, deals):
    client = as_user(client, world, "administrator")

    behind = client.get(list_url("kewajiban-tertinggal"))
    assert len(behind.context["page"].object_list) == 3
    assert f'href="/kemitraan/{deals["a1"].pk}/"' in behind.content.decode()
    expiring = client.get(list_url("kerja-sama-akan-berakhir"))
    assert list(expiring.context["page"].object_list) == [deals["a1"], deals["a6"]]
    served = client.get(list_url("mitra-umkm-oke-oce"))
    assert {row.name for row in served.context["page"].object_list} == {
        "Usaha 1", "Usaha 2", "Usaha 3",
    }  # fmt: skip
    credited = client.get(list_url("mitra-capaian-ubb"))
    assert list(credited.context["page"].object_list) == [partners["m1"]]


def test_a_partner_not_in_view_or_unknown_has_no_list(client, world, partners):
    client = as_user(client, world, "other_editor")  # DKP: no agreement, no partner in view

    assert client.get(list_url("mitra-umkm-oke-oce")).status_code == 404
    assert client.get(list_url("mitra-capaian-tidak-ada")).status_code == 404


def test_the_csv_carries_the_partnership_figures(client, world, partners, deals):
    response = as_user(client, world, "administrator").get(
        reverse("workspace-support-dashboard-csv")
    )
    text = response.content.decode("utf-8").lstrip("\ufeff")
    rows = {tuple(line.split(",")[:2]): line.split(",")[-1].strip() for line in text.splitlines()}

    assert rows[("gap", "obligations_behind")] == "3"
    assert rows[("partnership", "expiring_agreements")] == "2"
    assert rows[("partner_businesses_served", "oke-oce")] == "3"
    assert rows[("partner_milestones_credited", "oke-oce")] == "2"
    assert rows[("partner_businesses_served", "ubb")] == "2"


def test_list_pages_cost_the_same_whatever_their_rows(client, world, deals):
    client = as_user(client, world, "administrator")

    def count(figure: str) -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(list_url(figure)).status_code == 200
        return len(context.captured_queries)

    few = {figure: count(figure) for figure in ("kewajiban-tertinggal", "kerja-sama-akan-berakhir")}
    for n in range(8):
        agreement, _, party = signed_between(
            world.owner, deals["okeoce"], valid_until=days(10 + n), valid_from=days(-300),
            signed_on=days(-310),
        )  # fmt: skip
        ObligationFactory(agreement=agreement, party=party, target=4, due_on=days(-3))
    many = {figure: count(figure) for figure in few}

    assert many == few
