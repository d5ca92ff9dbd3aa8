"""/ruang-kerja/ekspor/pembinaan/?format=csv|xlsx: the services and participations of a year as
one spreadsheet, with the development dashboard's filters (`tahun`, `dinas`, `wilayah`) and its
scope: every agency for administrators and leading-sector members, the user's own agencies for
other staff (support.dashboard).

One row per service (not voided) and per participation (every status, in activities that were
not cancelled), services first; the `record` column says which. Text is escaped as in the other
exports (workspace.resources.escape_formula), so no cell runs as a formula; at most
EXPORT_MAX_ROWS rows (`X-Export-Truncated` says when more exist). CSV is streamed, XLSX written
row by row in openpyxl's write-only mode.
"""

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from support.dashboard import Dashboard
from support.models import Participation, Service
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.resources import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, escape_formula
from workspace.views.exports import EXPORT_MAX_ROWS, FORMATS, bad_format
from workspace.views.helpers import workspace_page
from workspace.views.support_dashboard import dashboard_of

#: The columns, the same in both languages (as the other exports' field names).
COLUMNS = [
    "record", "id", "date", "business", "business_name", "region", "agency", "stage", "kind",
    "status", "hours", "benefit", "amount", "mentor_name", "activity", "summary",
    "certificate_number",
]  # fmt: skip
CHUNK = 2000


def service_row(service: Service) -> list[Any]:
    provider = service.provider  # an agency, or a partner under an agreement
    return [
        "service", service.pk, service.provided_on, service.business.slug, service.business.name,
        service.business.region.slug, provider.slug if provider else "", service.stage.code,
        service.kind,
        service.outcome, service.hours, service.benefit, service.amount, service.mentor_name, "",
        service.summary, service.certificate.number if service.certificate else "",
    ]  # fmt: skip


def participation_row(participation: Participation) -> list[Any]:
    activity = participation.activity
    stages = " ".join(stage.code for stage in activity.stages.all())
    return [
        "participation", participation.pk, timezone.localtime(activity.starts_at).date(),
        participation.business.slug, participation.business.name,
        participation.business.region.slug, activity.organiser.slug, stages, activity.kind,
        participation.status, None, activity.benefit, None, "", activity.title,
        participation.result_note, participation.certificate_number,
    ]  # fmt: skip


def rows(board: Dashboard) -> tuple[Iterator[list[Any]], bool]:
    """The rows (at most EXPORT_MAX_ROWS, services first) and whether more exist."""
    services = (
        board.services()
        .select_related("business__region", "agency", "partner", "stage", "certificate")
        .order_by("provided_on", "pk")
    )
    participations = (
        board.participations()
        .select_related("activity__organiser", "business__region")
        .prefetch_related("activity__stages")
        .order_by("activity__starts_at", "activity", "pk")
    )
    counted = services[:EXPORT_MAX_ROWS].count()
    room = EXPORT_MAX_ROWS - counted
    truncated = (
        services[EXPORT_MAX_ROWS : EXPORT_MAX_ROWS + 1].exists()
        or participations[room : room + 1].exists()
    )

    def lines() -> Iterator[list[Any]]:
        for service in services[:counted].iterator(chunk_size=CHUNK):
            yield service_row(service)
        if room:
            for participation in participations[:room].iterator(chunk_size=CHUNK):
                yield participation_row(participation)

    return lines(), truncated


class Echo:
    """A file-like object whose write() returns what it is given: csv.writer as a generator."""

    def write(self, value: str) -> str:
        return value


def escaped(row: list[Any]) -> list[Any]:
    return [escape_formula(value) for value in row]


def csv_response(lines: Iterator[list[Any]]) -> StreamingHttpResponse:
    writer = csv.writer(Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff"  # the byte-order mark lets Excel read UTF-8
        yield writer.writerow(COLUMNS)
        for row in lines:
            yield writer.writerow(escaped(row))

    return StreamingHttpResponse(stream(), content_type=CSV_CONTENT_TYPE)


def xlsx_response(lines: Iterator[list[Any]]) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: object) -> object:
        # Control characters cannot be stored in XLSX at all; they are dropped.
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title="pembinaan")
    sheet.freeze_panes = "A2"
    sheet.append(COLUMNS)
    for row in lines:
        sheet.append([cell(value) for value in escaped(row)])
    buffer = io.BytesIO()
    book.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)


@require_safe
@workspace_page
def export_support(request: SignedInHttpRequest) -> HttpResponseBase:
    """The year's services and participations in view, as CSV or XLSX."""
    fmt = request.GET.get("format", "csv").strip().lower()
    chosen, board = dashboard_of(request)  # 403 before the format is looked at
    if fmt not in FORMATS:
        return bad_format(request)
    lines, truncated = rows(board)
    response: HttpResponseBase = csv_response(lines) if fmt == "csv" else xlsx_response(lines)
    filename = f"pembinaan-{chosen.filters.year}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Export-Max-Rows"] = str(EXPORT_MAX_ROWS)
    if truncated:
        response["X-Export-Truncated"] = "true"
    return response
