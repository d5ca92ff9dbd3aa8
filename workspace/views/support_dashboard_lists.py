"""The lists behind the development dashboard's figures: for each, its rows (a queryset of
support.dashboard, or its own SQL rows for the matrix and overlaps) and its columns, which the
page and the CSV both read, so the two always show the same thing."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from support.dashboard import GAPS, HEADLINE, PARTNERSHIP, Dashboard, MatrixRow, Overlap, SqlRows
from support.models import Partner, Stage
from support.obligations import percent


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    number: bool = False


@dataclass(frozen=True)
class Column:
    header: Promise | str
    value: Callable[[Any], Cell]


@dataclass
class Listing:
    slug: str
    title: Promise | str
    rows: Any  # a QuerySet or SqlRows: counted and sliced by a Paginator
    columns: list[Column]
    note: Promise | str = ""

    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]

    def cells(self, row: Any) -> list[Cell]:
        return [column.value(row) for column in self.columns]


# Cells -------------------------------------------------------------------------------------------


def text(value: object) -> Cell:
    return Cell("" if value is None else str(value))


def day(value: Any) -> Cell:
    """A date as every other workspace page writes it ("5 Des 2026")."""
    return Cell(formats.date_format(value, "j M Y") if value else "")


def number(value: int | float | None) -> Cell:
    return Cell("" if value is None else str(value), number=True)


def business(slug: str, name: str) -> Cell:
    """A business, linked to its development record."""
    return Cell(name, reverse("workspace-business-support", args=[slug]))


def of_business(row: Any) -> Cell:
    return business(row.business.slug, row.business.name)


def agency_name(agency: Any) -> str:
    return agency.short_name or agency.name


# Columns shared by several lists -----------------------------------------------------------------

BUSINESS_COLUMNS = [
    Column(_("Business"), lambda row: business(row.slug, row.name)),
    Column(_("Region"), lambda row: text(row.region.name)),
    Column(_("Registering agency"), lambda row: text(agency_name(row.registering_agency))),
]


def businesses(slug: str, title: Promise | str, queryset: Any, note: Promise | str = "") -> Listing:
    rows = queryset.select_related("region", "registering_agency").order_by("name", "pk")
    return Listing(slug, title, rows, list(BUSINESS_COLUMNS), note)


def last_supported(row: Any) -> Cell:
    return day(row.recency.last_supported_on) if row.recency.last_supported_on else text(_("Never"))


def referral_columns(first: Column) -> list[Column]:
    return [
        first,
        Column(_("Business"), of_business),
        Column(_("From"), lambda row: text(agency_name(row.from_agency))),
        Column(_("To"), lambda row: text(agency_name(row.to_agency))),
        Column(_("Stage"), lambda row: text(row.stage.display_name)),
        Column(_("Status"), lambda row: text(row.get_status_display())),
    ]


def referrals(queryset: Any) -> Any:
    return queryset.select_related("business", "from_agency", "to_agency", "stage")


# The lists ---------------------------------------------------------------------------------------


def supported(board: Dashboard) -> Listing:
    return businesses("umkm", HEADLINE["businesses"], board.supported_businesses(),
                      _("Given a service or taking part in an activity in the year."))  # fmt: skip


def activities(board: Dashboard) -> Listing:
    rows = board.activities().select_related("organiser", "region").order_by("-starts_at", "pk")
    return Listing("kegiatan", HEADLINE["activities"], rows, [
        Column(_("Starts"), lambda row: day(timezone.localdate(row.starts_at))),
        Column(_("Title"), lambda row: text(row.title)),
        Column(_("Kind"), lambda row: text(row.get_kind_display())),
        Column(_("Organiser"), lambda row: text(agency_name(row.organiser))),
        Column(_("Region"), lambda row: text(row.region.name)),
    ], _("Not cancelled, starting in the year, organised or co-organised by the agencies in "
         "view."))  # fmt: skip


def participants(board: Dashboard) -> Listing:
    rows = (
        board.participants()
        .select_related("activity__organiser", "business")
        .order_by("-activity__starts_at", "activity", "business__name", "pk")
    )
    return Listing("peserta", HEADLINE["participants"], rows, [
        Column(_("Date"), lambda row: day(timezone.localdate(row.activity.starts_at))),
        Column(_("Activity"), lambda row: text(row.activity.title)),
        Column(_("Organiser"), lambda row: text(agency_name(row.activity.organiser))),
        Column(_("Business"), of_business),
        Column(_("Status"), lambda row: text(row.get_status_display())),
    ], _("Businesses that attended or completed an activity."))  # fmt: skip


def services(board: Dashboard) -> Listing:
    rows = (
        board.services()
        .select_related("business", "agency", "partner", "stage")
        .order_by("-provided_on", "-pk")
    )
    return Listing("layanan", HEADLINE["services"], rows, [
        Column(_("Date"), lambda row: day(row.provided_on)),
        Column(_("Business"), of_business),
        Column(_("Agency"), lambda row: text(row.provider_name)),
        Column(_("Stage"), lambda row: text(row.stage.display_name)),
        Column(_("Kind"), lambda row: text(row.get_kind_display())),
        Column(_("Outcome"), lambda row: text(row.get_outcome_display())),
    ], _("Voided services do not count."))  # fmt: skip


def answered(board: Dashboard) -> Listing:
    rows = referrals(board.referrals_answered()).order_by("-answered_at", "-pk")

    def waited(row: Any) -> Cell:
        return number(round((row.answered_at - row.sent_at).total_seconds() / 86400, 1))

    answered_on = Column(_("Answered"), lambda row: day(timezone.localdate(row.answered_at)))
    columns = referral_columns(answered_on)
    columns.append(Column(_("Days to answer"), waited))
    return Listing("rujukan-dijawab", HEADLINE["referrals_answered"], rows, columns,
                   _("Accepted or declined by the receiving agency in the year."))  # fmt: skip


def milestones(board: Dashboard) -> Listing:
    rows = (
        board.milestones_verified()
        .select_related("business", "stage")
        .order_by("-achieved_on", "-pk")
    )
    return Listing("capaian-terverifikasi", HEADLINE["milestones_verified"], rows, [
        Column(_("Achieved on"), lambda row: day(row.achieved_on)),
        Column(_("Business"), of_business),
        Column(_("Milestone"), lambda row: text(row.get_kind_display())),
        Column(_("Stage"), lambda row: text(row.stage.display_name if row.stage else "")),
    ])  # fmt: skip


def idle(board: Dashboard) -> Listing:
    # Never supported first, then the longest ago (the order the dashboard gives).
    rows = board.idle_businesses().select_related("region", "registering_agency", "recency")
    return Listing("umkm-tanpa-pembinaan", GAPS["idle_businesses"], rows, [
        *BUSINESS_COLUMNS,
        Column(_("Last supported"), last_supported),
    ], _("No service and no activity taken part in for 12 months, as of today; never supported "
         "first, then the longest ago."))  # fmt: skip


def uncertified(board: Dashboard) -> Listing:
    listing = businesses(
        "unggulan-tanpa-sertifikat",
        GAPS["uncertified_candidates"],
        board.uncertified_candidates(),
        _(
            "Businesses of a current flagship or an open nomination whose product holds no valid "
            "P-IRT, halal or BPOM certificate, with no certification or licence facilitation in "
            "progress."
        ),
    )
    listing.columns.insert(1, Column(_("Product"), lambda row: text(row.product_name)))
    return listing


def expiring(board: Dashboard) -> Listing:
    rows = (
        board.expiring_certificates()
        .select_related("product__business")
        .order_by("expires_on", "pk")
    )
    note = _(
        "Certificates of products in use that expire within 90 days, for businesses with no "
        "certification or licence facilitation in progress."
    )
    return Listing("sertifikat-akan-habis", GAPS["expiring_certificates"], rows, [
        Column(_("Expires on"), lambda row: day(row.expires_on)),
        Column(_("Certificate"), lambda row: text(row.get_kind_display())),
        Column(_("Certificate number"), lambda row: text(row.number)),
        Column(_("Product"), lambda row: text(row.product.name)),
        Column(_("Business"), lambda row: business(row.product.business.slug,
                                                    row.product.business.name)),
    ], note)  # fmt: skip


def overdue(board: Dashboard) -> Listing:
    rows = referrals(board.overdue_referrals()).order_by("due_on", "pk")
    return Listing("rujukan-terlambat", GAPS["overdue_referrals"], rows,
                   referral_columns(Column(_("Due"), lambda row: day(row.due_on))),
                   _("Sent and not answered by the due date."))  # fmt: skip


def matrix(board: Dashboard) -> Listing:
    agencies = sorted(board.agencies.values(), key=lambda agency: agency_name(agency).lower())

    def cell(agency_id: int) -> Callable[[MatrixRow], Cell]:
        return lambda row: number(row.cells.get(agency_id))

    rows: SqlRows[MatrixRow] = board.matrix()
    return Listing("matriks", _("Which agencies helped which business"), rows, [
        Column(_("Business"), lambda row: business(row.slug, row.name)),
        Column(_("Number of agencies"), lambda row: number(row.agencies)),
        Column(_("Records"), lambda row: number(row.records)),
        *(Column(agency_name(agency), cell(agency.pk)) for agency in agencies),
    ], _("Services and activities taken part in, per agency, in the year; the businesses "
         "helped by the most agencies first."))  # fmt: skip


def overlaps(board: Dashboard) -> Listing:
    rows: SqlRows[Overlap] = board.overlaps()
    return Listing("tumpang-tindih", _("Overlaps"), rows, [
        Column(_("Business"), lambda row: business(row.slug, row.name)),
        Column(_("Stage"), lambda row: text(row.stage.display_name)),
        Column(_("Kind"), lambda row: text(row.kind_label)),
        Column(_("Agencies"), lambda row: text(", ".join(agency_name(a) for a in row.agencies))),
    ], _("The same stage and kind given to one business by two or more agencies in the "
         "year."))  # fmt: skip


def reaching(board: Dashboard, stage: Stage) -> Listing:
    title = _("Businesses reaching the stage “%(stage)s”") % {"stage": stage.display_name}
    return businesses(f"tahap-{stage.code}", title, board.businesses_reaching(stage),
                      _("A service done, an activity of the stage taken part in, or a verified "
                        "milestone in it, in the year."))  # fmt: skip


def agreement(row: Any) -> Cell:
    """A signed agreement, linked to its page in the public register."""
    return Cell(row.title, reverse("partnership-detail", args=[row.pk]))


def obligations_behind(board: Dashboard) -> Listing:
    rows = board.obligations_behind().select_related(
        "agreement", "party__agency", "party__partner", "stage"
    )
    return Listing("kewajiban-tertinggal", GAPS["obligations_behind"], rows, [
        Column(_("Due"), lambda row: day(row.due_on)),
        Column(_("Agreement"), lambda row: agreement(row.agreement)),
        Column(_("Responsible party"), lambda row: text(row.party.name)),
        Column(_("Stage"), lambda row: text(row.stage.display_name)),
        Column(_("What counts"), lambda row: text(row.what_counts)),
        Column(_("Target"), lambda row: number(row.target)),
        Column(_("Unit"), lambda row: text(row.get_unit_display())),
        Column(_("Realised"), lambda row: number(row.realised)),
        Column(_("Percent"), lambda row: number(percent(row.realised, row.target))),
    ], _("Obligations of signed agreements whose due date has passed and whose figure, counted "
         "from the records under the agreement over its whole term, is below the target; the "
         "longest overdue first."))  # fmt: skip


def expiring_agreements(board: Dashboard) -> Listing:
    rows = board.expiring_agreements().select_related("lead_agency")
    return Listing("kerja-sama-akan-berakhir", PARTNERSHIP["expiring_agreements"], rows, [
        Column(_("Valid until"), lambda row: day(row.valid_until)),
        Column(_("Agreement"), agreement),
        Column(_("Kind"), lambda row: text(row.get_kind_display())),
        Column(_("Lead agency"), lambda row: text(agency_name(row.lead_agency))),
        Column(_("Days left"), lambda row: number((row.valid_until - board.today).days)),
    ], _("Signed agreements in force with 90 days or fewer left, the soonest first."))  # fmt: skip


def served_by(board: Dashboard, partner: Partner) -> Listing:
    title = _("Businesses served by %(partner)s") % {"partner": partner.name}
    return businesses(f"{SERVED_PREFIX}{partner.slug}", title, board.served_by(partner),
                      _("Given a service by the partner, or taking part in an activity it "
                        "co-organised, in the year."))  # fmt: skip


def credited_to(board: Dashboard, partner: Partner) -> Listing:
    title = _("Milestones credited to %(partner)s") % {"partner": partner.name}
    listing = milestones(board)
    listing.slug, listing.title = f"{CREDITED_PREFIX}{partner.slug}", title
    rows = board.credited_to(partner).select_related("business", "stage")
    listing.rows = rows.order_by("-achieved_on", "-pk")
    listing.note = _("Verified milestones achieved in the year that credit the partner.")
    return listing


LISTS: dict[str, Callable[[Dashboard], Listing]] = {
    "umkm": supported,
    "kegiatan": activities,
    "peserta": participants,
    "layanan": services,
    "rujukan-dijawab": answered,
    "capaian-terverifikasi": milestones,
    "matriks": matrix,
    "tumpang-tindih": overlaps,
    "umkm-tanpa-pembinaan": idle,
    "unggulan-tanpa-sertifikat": uncertified,
    "sertifikat-akan-habis": expiring,
    "rujukan-terlambat": overdue,
    "kewajiban-tertinggal": obligations_behind,
    "kerja-sama-akan-berakhir": expiring_agreements,
}
STAGE_PREFIX = "tahap-"
#: `mitra-umkm-<slug>`: the businesses a partner served; `mitra-capaian-<slug>`: its milestones.
SERVED_PREFIX = "mitra-umkm-"
CREDITED_PREFIX = "mitra-capaian-"
PARTNER_LISTS: dict[str, Callable[[Dashboard, Partner], Listing]] = {
    SERVED_PREFIX: served_by,
    CREDITED_PREFIX: credited_to,
}


def listing_for(board: Dashboard, slug: str) -> Listing | None:
    """The list at `daftar/<slug>/`: a figure's, `tahap-<code>` for a stage of the funnel, or a
    partner's (`mitra-umkm-<slug>`, `mitra-capaian-<slug>`: partners in view only)."""
    if slug in LISTS:
        return LISTS[slug](board)
    if slug.startswith(STAGE_PREFIX):
        code = slug.removeprefix(STAGE_PREFIX)
        stage = next((stage for stage in board.stages if stage.code == code), None)
        if stage is not None:
            return reaching(board, stage)
    for prefix, make in PARTNER_LISTS.items():
        if slug.startswith(prefix):
            partner = board.partners_in_view().filter(slug=slug.removeprefix(prefix)).first()
            return make(board, partner) if partner is not None else None
    return None
