"""/ruang-kerja/pembinaan/: the development dashboard (DESIGN §8 "Dashboard"), its CSV, and the
list behind every figure (`daftar/<figure>/`, with the same filters, and its CSV).

The numbers are support.dashboard's; this module reads the filters (`tahun`, `dinas`,
`wilayah`), says who may look (`support.rules.can_see_records`: staff of any agency and
administrators; whose figures, `dashboard_for`), and lays the numbers out: figures as links,
the funnel and the gaps as SVG bar charts beside their tables (workspace.charts), the matrix and
overlaps as tables whose first rows are shown and the rest behind a link. An agency that is not
the user's to see is refused in the filter form (reported next to the field and ignored), as in
the other workspace lists.
"""

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog.models import Region
from support.dashboard import Dashboard, Filters, Viewer, dashboard_for
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.charts import Chart, bar_chart
from workspace.resources import CSV_CONTENT_TYPE, escape_formula
from workspace.views.helpers import workspace_page
from workspace.views.support_dashboard_lists import (
    CREDITED_PREFIX,
    SERVED_PREFIX,
    Listing,
    listing_for,
)

#: The years offered: next year (activities planned), this year and the five before.
YEARS_BACK = 5
PER_PAGE = 25
#: Rows at most in a list's CSV (the figure itself says how many there are).
CSV_MAX_ROWS = 50_000

#: Addresses of the lists behind the figures, by the dashboard's keys.
LIST_SLUGS = {
    "businesses": "umkm",
    "activities": "kegiatan",
    "participants": "peserta",
    "services": "layanan",
    "referrals_answered": "rujukan-dijawab",
    "milestones_verified": "capaian-terverifikasi",
    "idle_businesses": "umkm-tanpa-pembinaan",
    "uncertified_candidates": "unggulan-tanpa-sertifikat",
    "expiring_certificates": "sertifikat-akan-habis",
    "overdue_referrals": "rujukan-terlambat",
    "obligations_behind": "kewajiban-tertinggal",
    "expiring_agreements": "kerja-sama-akan-berakhir",
}


class DashboardFilters(forms.Form):
    tahun = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False)
    dinas = forms.ChoiceField(label=gettext_lazy("Agency"), required=False)
    wilayah = forms.ChoiceField(label=gettext_lazy("Region"), required=False)

    def __init__(
        self,
        data: Mapping[str, Any] | None,
        *,
        agencies: Iterable[Agency],
        regions: Iterable[Region],
        every_agency: bool,
    ) -> None:
        super().__init__(data)
        this_year = timezone.localdate().year
        years = range(this_year + 1, this_year - YEARS_BACK - 1, -1)
        cast(forms.ChoiceField, self.fields["tahun"]).choices = [
            ("", str(this_year)),
            *((str(year), str(year)) for year in years if year != this_year),
        ]
        everyone = _("Every agency") if every_agency else _("All my agencies")
        cast(forms.ChoiceField, self.fields["dinas"]).choices = [
            ("", everyone),
            *((agency.slug, agency.short_name or agency.name) for agency in agencies),
        ]
        cast(forms.ChoiceField, self.fields["wilayah"]).choices = [
            ("", _("Every region")),
            *((region.slug, region.name) for region in regions),
        ]


@dataclass
class Chosen:
    """The filters as read from the request: the form (with its errors), the values that hold,
    and the query string that carries them to the lists and the CSV."""

    form: DashboardFilters
    filters: Filters
    query: str

    @property
    def filtered(self) -> bool:
        return bool(self.query) or bool(self.form.errors)


def read_filters(request: SignedInHttpRequest, viewer: Viewer) -> Chosen:
    agencies = {agency.slug: agency for agency in viewer.agencies()}
    regions = {region.slug: region for region in Region.objects.order_by("order", "name")}
    form = DashboardFilters(
        request.GET,
        agencies=agencies.values(),
        regions=regions.values(),
        every_agency=viewer.every_agency,
    )
    form.is_valid()
    values = {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
    filters = Filters(
        year=values.get("tahun") or timezone.localdate().year,
        agency=agencies.get(values.get("dinas", "")),
        region=regions.get(values.get("wilayah", "")),
    )
    return Chosen(form, filters, urlencode(values))


def dashboard_of(request: SignedInHttpRequest) -> tuple[Chosen, Dashboard]:
    """403 for someone who may not read the development record, before anything is read."""
    viewer = Viewer.of(request.user)
    chosen = read_filters(request, viewer)
    return chosen, dashboard_for(request.user, chosen.filters, viewer=viewer)


def list_url(slug: str, query: str) -> str:
    url = reverse("workspace-support-dashboard-list", args=[slug])
    return f"{url}?{query}" if query else url


@dataclass(frozen=True)
class Linked:
    label: str
    value: int | None
    url: str


@dataclass(frozen=True)
class PartnerRow:
    """A row of the per-partner table: the partner, its public page and its two figures."""

    name: str
    url: str
    served: Linked
    credited: Linked


def _partner_rows(summary: Any, query: str) -> list[PartnerRow]:
    return [
        PartnerRow(
            row.partner.name,
            reverse("partner-detail", args=[row.partner.slug]) if row.partner.is_active else "",
            Linked(
                str(row.partner),
                row.businesses_served,
                list_url(f"{SERVED_PREFIX}{row.partner.slug}", query),
            ),
            Linked(
                str(row.partner),
                row.milestones_credited,
                list_url(f"{CREDITED_PREFIX}{row.partner.slug}", query),
            ),
        )
        for row in summary.partners
    ]


def _chart(key: str, rows: list[tuple[str, int]]) -> Chart:
    return bar_chart(key, rows)


@require_safe
@workspace_page
def dashboard(request: SignedInHttpRequest) -> HttpResponse:
    chosen, board = dashboard_of(request)
    summary = board.summary()
    query = chosen.query
    funnel = [
        Linked(row.stage.display_name, row.businesses, list_url(f"tahap-{row.stage.code}", query))
        for row in summary.funnel
    ]
    gaps = [
        Linked(
            str(gap.label),
            gap.value,
            list_url(LIST_SLUGS[gap.key], query) if gap.key in LIST_SLUGS else "",
        )
        for gap in summary.gaps
    ]
    context = {
        "form": chosen.form,
        "filtered": chosen.filtered,
        "filters": chosen.filters,
        "every_agency": board.agency_ids is None,
        "summary": summary,
        "figures": [
            Linked(str(figure.label), figure.value, list_url(LIST_SLUGS[figure.key], query))
            for figure in summary.figures
        ],
        "matrix": [
            (row, [row.cells.get(agency.pk) for agency in summary.matrix_agencies])
            for row in summary.matrix
        ],
        "funnel": funnel,
        "funnel_chart": _chart("funnel", [(row.label, row.value or 0) for row in funnel]),
        "gaps": gaps,
        "gaps_chart": _chart(
            "gaps", [(row.label, row.value) for row in gaps if row.value is not None]
        ),
        "partnership": [
            Linked(str(figure.label), figure.value, list_url(LIST_SLUGS[figure.key], query))
            for figure in summary.partnership
        ],
        "partners": _partner_rows(summary, query),
        "matrix_url": list_url("matriks", query),
        "overlaps_url": list_url("tumpang-tindih", query),
        "csv_url": _with_query(reverse("workspace-support-dashboard-csv"), query),
        "export_csv_url": export_url(query, "csv"),
        "export_xlsx_url": export_url(query, "xlsx"),
        "referrals_url": list_url(LIST_SLUGS["referrals_answered"], query),
    }
    return render(request, "workspace/support/dashboard.html", context)


def export_url(query: str, fmt: str) -> str:
    return f"{reverse('workspace-export-support')}?{urlencode({'format': fmt})}" + (
        f"&{query}" if query else ""
    )


def _with_query(url: str, query: str) -> str:
    return f"{url}?{query}" if query else url


def _csv_response(filename: str) -> tuple[HttpResponse, Any]:
    response = HttpResponse(content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel reads UTF-8 with the byte-order mark
    return response, csv.writer(response)


@require_safe
@workspace_page
def dashboard_csv(request: SignedInHttpRequest) -> HttpResponse:
    """Every number of the dashboard, one line each: part, key, name, number."""
    chosen, board = dashboard_of(request)
    summary = board.summary(matrix_rows=0, overlap_rows=0)
    filters = chosen.filters
    response, writer = _csv_response(
        f"pembinaan-{filters.year}-{timezone.localdate():%Y-%m-%d}.csv"
    )
    writer.writerow([_("part"), _("key"), _("name"), _("number")])
    for figure in summary.figures:
        writer.writerow(["figure", figure.key, figure.label, figure.value])
    writer.writerow(
        ["figure", "median_days_to_answer", _("Median days to answer a referral"),
         summary.median_days_to_answer if summary.median_days_to_answer is not None else ""]
    )  # fmt: skip
    for row in summary.funnel:
        writer.writerow(["funnel", row.stage.code, escape_formula(row.stage.display_name),
                         row.businesses])  # fmt: skip
    writer.writerow(["overlaps", "overlaps", _("Overlaps"), summary.overlap_count])
    for gap in summary.gaps:
        writer.writerow(["gap", gap.key, gap.label, "" if gap.value is None else gap.value])
    for figure in summary.partnership:
        writer.writerow(["partnership", figure.key, figure.label, figure.value])
    for figures in summary.partners:
        slug, name = figures.partner.slug, escape_formula(figures.partner.name)
        writer.writerow(["partner_businesses_served", slug, name, figures.businesses_served])
        writer.writerow(["partner_milestones_credited", slug, name, figures.milestones_credited])
    return response


def _listing(board: Dashboard, slug: str) -> Listing:
    found = listing_for(board, slug)
    if found is None:
        raise Http404
    return found


@require_safe
@workspace_page
def dashboard_list(request: SignedInHttpRequest, figure: str) -> HttpResponse:
    """The rows behind one figure, a page at a time, with the dashboard's filters."""
    chosen, board = dashboard_of(request)
    listing = _listing(board, figure)
    page = Paginator(listing.rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": chosen.form,
        "filtered": chosen.filtered,
        "filters": chosen.filters,
        "listing": listing,
        "page": page,
        "cells": [listing.cells(row) for row in page.object_list],
        "headers": listing.headers(),
        "dashboard_url": _with_query(reverse("workspace-support-dashboard"), chosen.query),
        "csv_url": _with_query(
            reverse("workspace-support-dashboard-list-csv", args=[figure]), chosen.query
        ),
    }
    return render(request, "workspace/support/dashboard_list.html", context)


@require_safe
@workspace_page
def dashboard_list_csv(request: SignedInHttpRequest, figure: str) -> HttpResponse:
    """The rows behind one figure as CSV (at most CSV_MAX_ROWS), formulas escaped."""
    chosen, board = dashboard_of(request)
    listing = _listing(board, figure)
    response, writer = _csv_response(
        f"pembinaan-{figure}-{chosen.filters.year}-{timezone.localdate():%Y-%m-%d}.csv"
    )
    writer.writerow(listing.headers())
    rows = listing.rows[0:CSV_MAX_ROWS]
    for row in rows:
        writer.writerow([escape_formula(cell.text) for cell in listing.cells(row)])
    return response
