"""The dashboard's partnership figures (issue 14 item 8): obligations past due and below target,
agreements expiring within 90 days, and per partner the businesses served and the milestones
credited in the year; who sees which; the one-statement realisation of `support.obligations`
against the core's `realisation()`; and the workspace page, lists and CSV that show them."""

import datetime
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from support import obligations
from support.dashboard import Dashboard, Filters, dashboard_for
from support.models import Obligation
from support.services.agreements import realisation
from tests.factories import (
    ActivityFactory,
    AgreementPartyFactory,
    BusinessFactory,
    MilestoneFactory,
    ObligationFactory,
    ParticipationFactory,
    PartnerFactory,
    RegionFactory,
    ServiceFactory,
    signed_between,
)
from tests.support.test_realisation import books  # noqa: F401  (the core's hand-counted records)
from tests.workspace.helpers import as_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
MIDYEAR = datetime.date(YEAR, 6, 15)


def days(n: int) -> datetime.date:
    return TODAY + timedelta(days=n)


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def everything(**filters) -> Dashboard:
    return Dashboard(Filters(year=YEAR, **filters), agency_ids=None)


def seen_by(world, who: str, **filters) -> Dashboard:
    return dashboard_for(world.people[who], Filters(year=YEAR, **filters))


# One statement for every obligation, the core's figures ------------------------------------------


def test_every_obligation_s_figure_is_the_core_s_realisation_in_one_query(
    books,  # noqa: F811
    django_assert_num_queries,
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
    """Agreements of every kind around the world's agencies (Distan `owner`, Diskop
    `collaborator`, DKP `other`, Disperindag `leading`, Dispar `foreign`):

    - `a1`, led by Distan with OKE OCE, 60 days left (expiring): one mentoring service by Distan;
      Distan's obligations `behind` (past due, 1 of 5), `met` (past due, 1 of 1), `later` (not
      due yet);
    - `a2`, led by Diskop with DKP and the university, 200 days left: `a2_behind` (0 of 3);
    - `a3`, led by Dispar with the bank, expired 20 days ago: `a3_behind` (0 of 3);
    - `a4` terminated and `a5` a draft, both led by Distan, each with an obligation past due at 0;
    - `a6`, led by Disperindag with OKE OCE, exactly 90 days left (still expiring); `a7` 91."""
    okeoce = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    univ = PartnerFactory(name="Universitas Bangka Belitung", slug="ubb", kind="university")
    bank = PartnerFactory(name="Bank Sumsel Babel", slug="bank-sumsel-babel", kind="bank")
    term = {"valid_from": days(-300), "signed_on": days(-310)}

    a1, a1_distan, _ = signed_between(world.owner, okeoce, valid_until=days(60), **term)
    ServiceFactory(agency=world.owner, agreement=a1, provided_on=days(-100))
    mentoring = {"agreement": a1, "party": a1_distan, "unit": "layanan"}
    behind = ObligationFactory(**mentoring, target=5, due_on=days(-10))
    met = ObligationFactory(**mentoring, target=1, due_on=days(-10))
    later = ObligationFactory(**mentoring, target=5, due_on=days(30))

    a2, _a2_diskop, _ = signed_between(world.collaborator, univ, valid_until=days(200), **term)
    a2_dkp = AgreementPartyFactory(agreement=a2, agency=world.other)
    a2_behind = ObligationFactory(agreement=a2, party=a2_dkp, target=3, due_on=days(-5))

    a3, _, a3_bank = signed_between(world.foreign, bank, valid_until=days(-20), **term)
    a3_behind = ObligationFactory(agreement=a3, party=a3_bank, target=3, due_on=days(-30))

    a4, _, a4_oke = signed_between(world.owner, okeoce, status="terminated", **term)
    ObligationFactory(agreement=a4, party=a4_oke, target=3, due_on=days(-5))
    a5, _, a5_oke = signed_between(world.owner, okeoce, status="draft", valid_until=days(30),
                                   valid_from=days(-300), signed_on=None)  # fmt: skip
    ObligationFactory(agreement=a5, party=a5_oke, target=3, due_on=days(-5))

    a6, *_ = signed_between(world.leading, okeoce, valid_until=days(90), **term)
    a7, *_ = signed_between(world.leading, okeoce, valid_until=days(91), **term)
    return locals()


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
    """Counted by hand for the year:

    OKE OCE gave services to b1 (twice) and b2, one to b7 was voided, one to b6 was last year;
    it co-organised, with the university, a training where b2 attended, b3 (in Belitung)
    completed and b4 only registered, a cancelled clinic b5 attended, and last year's training b6
    completed. Served: OKE OCE b1, b2, b3 (3); the university b2, b3 (2); the bank none.
    Milestones verified in the year: m1 (b1) credits OKE OCE and the university, m2 (b3) OKE OCE;
    m3 is not verified, m4 was last year. Credited: OKE OCE 2, the university 1, the bank 0."""
    okeoce = PartnerFactory(name="OKE OCE Indonesia", slug="oke-oce")
    univ = PartnerFactory(name="Universitas Bangka Belitung", slug="ubb", kind="university")
    bank = PartnerFactory(name="Bank Sumsel Babel", slug="bank-sumsel-babel", kind="bank")
    belitung = RegionFactory(slug="belitung", name="Kabupaten Belitung")
    b = {n: BusinessFactory(name=f"Usaha {n}", region=world.region) for n in range(1, 8)}
    b[3].region = belitung
    b[3].save()
    agreement, *_ = signed_between(world.owner, okeoce, valid_from=datetime.date(YEAR - 1, 1, 1),
                                   valid_until=datetime.date(YEAR + 1, 12, 31))  # fmt: skip
    last_year = datetime.date(YEAR - 1, 6, 15)

    def service(business, on=MIDYEAR, **fields):
        return ServiceFactory(agency=None, partner=okeoce, agreement=agreement, business=business,
                              provided_on=on, **fields)  # fmt: skip

    service(b[1])
    service(b[1], MIDYEAR + timedelta(days=1))
    service(b[2])
    service(b[7], voided_at=timezone.now(), void_reason="Salah catat")
    service(b[6], last_year)

    def activity(day, partners_, took_part, **fields):
        made = ActivityFactory(organiser=world.owner, starts_at=at(day), ends_at=at(day, 15),
                               **fields)  # fmt: skip
        made.partners.set(partners_)
        for business, status in took_part:
            ParticipationFactory(activity=made, business=business, status=status)
        return made

    activity(MIDYEAR, [okeoce, univ],
             [(b[2], "attended"), (b[3], "completed"), (b[4], "registered")])  # fmt: skip
    activity(MIDYEAR, [okeoce], [(b[5], "attended")], cancelled_at=timezone.now(),
             cancel_reason="Banjir")  # fmt: skip
    activity(last_year, [okeoce], [(b[6], "completed")])

    def milestone(business, credited, achieved_on=MIDYEAR, verified=True):
        made = MilestoneFactory(business=business, achieved_on=achieved_on,
                                verified_at=timezone.now() if verified else None)  # fmt: skip
        made.credited_partners.set(credited)
        return made

    m1 = milestone(b[1], [okeoce, univ])
    m2 = milestone(b[3], [okeoce])
    milestone(b[2], [okeoce], verified=False)
    milestone(b[2], [okeoce], achieved_on=last_year)
    return locals()


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
