"""/ruang-kerja/ekspor/pembinaan/?format=csv|xlsx: the services and participations of a year as
one spreadsheet, with the development dashboard's filters (`tahun`, `dinas`, `wilayah`) and its
scope: every agency for administrators and leading-sector members, the user's own agencies for
other staff (support.dashboard).

One row per service (not voided) and per participation (every status, in activities that were
not cancelled), services first; the `record` column says which. Text is escaped as in the other
exports (workspace.resources.escape_formula), so no cell runs as a formula; at most
EXPORT_MAX_ROWS rows (`X-Export-Truncated` says when more exist). Written as the other exports
are (workspace.views.exports): in the request up to EXPORT_ROWS_IN_REQUEST rows, by a background
job beyond.
"""

from collections.abc import Iterator
from typing import Any

from django.http import HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_safe

from jobs.models import Job
from support.models import Participation, Service
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.resources import escape_formula
from workspace.views.exports import (
    EXPORT_MAX_ROWS,
    Table,
    export,
)
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


def support_table(request: SignedInHttpRequest) -> Table:
    """The year's services and participations in view (the dashboard's filters and scope: 403
    for someone who may not read the development record)."""
    chosen, board = dashboard_of(request)
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
    joined = participations[:room].count() if room else 0
    truncated = (
        services[EXPORT_MAX_ROWS : EXPORT_MAX_ROWS + 1].exists()
        or participations[room : room + 1].exists()
    )

    def lines(native: bool) -> Iterator[list[Any]]:
        for service in services[:counted].iterator(chunk_size=CHUNK):
            yield escaped(service_row(service))
        if room:
            for participation in participations[:room].iterator(chunk_size=CHUNK):
                yield escaped(participation_row(participation))

    return Table(
        headers=COLUMNS,
        lines=lines,
        count=counted + joined,
        truncated=truncated,
        file_stem=f"pembinaan-{chosen.filters.year}",
    )


def escaped(row: list[Any]) -> list[Any]:
    return [escape_formula(value) for value in row]


@require_safe
@workspace_page
def export_support(request: SignedInHttpRequest) -> HttpResponseBase:
    """The year's services and participations in view, as CSV or XLSX."""
    return export(request, kind=Job.Kind.EXPORT_SUPPORT, table_of=support_table)
