"""Spreadsheet exports of the user's own data: /ruang-kerja/ekspor/produk/ and /ekspor/umkm/.

Only what the user may edit reaches the file (`editable_by(user)`: their agencies' data, all of
it for administrators), optionally narrowed to one of their agencies with `dinas=<slug>`; any
other agency answers 404. Files are never cached, named with today's date in Asia/Jakarta, and
bounded: at most EXPORT_MAX_ROWS rows (the header `X-Export-Truncated` says when more exist).
CSV is streamed; XLSX is written by openpyxl's write-only mode, row by row.
"""

import csv
import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog import rules
from catalog.models import Business, Product
from catalog.models.business import BusinessQuerySet
from catalog.models.product import ProductQuerySet
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.resources import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    BusinessResource,
    CatalogueResource,
    ProductResource,
)
from workspace.views.helpers import workspace_page

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

EXPORT_MAX_ROWS = 50_000
FORMATS = ("csv", "xlsx")


def chosen_agency(request: SignedInHttpRequest) -> Agency | None:
    """The agency of `dinas=<slug>`, if given: one of the user's own, or 404."""
    slug = request.GET.get("dinas", "").strip()
    if not slug:
        return None
    return get_object_or_404(rules.acting_agencies(request.user), slug=slug)


def bad_format(request: SignedInHttpRequest) -> HttpResponse:
    context = {"formats": FORMATS, "title": _("Unknown file format")}
    return render(request, "workspace/data/bad_format.html", context, status=400)


def product_rows(user: "User", agency: Agency | None) -> ProductQuerySet:
    products = Product.objects.editable_by(user)
    if agency is not None:
        products = products.curated_by(Agency.objects.filter(pk=agency.pk))
    return products.select_related("business__region", "category", "owner_agency").order_by(
        "name", "pk"
    )


def business_rows(user: "User", agency: Agency | None) -> BusinessQuerySet:
    businesses = Business.objects.editable_by(user)
    if agency is not None:
        businesses = businesses.filter(registering_agency=agency)
    return businesses.select_related("region", "registering_agency").order_by("name", "pk")


class _Echo:
    """A file-like object whose write() returns what it is given: csv.writer as a generator."""

    def write(self, value: str) -> str:
        return value


def csv_response(resource: CatalogueResource, queryset: QuerySet[Any]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # the byte-order mark lets Excel read UTF-8 (names with emoji, é, ñ)
        yield writer.writerow(resource.get_export_headers())
        for instance in resource.iter_queryset(queryset):
            yield writer.writerow(resource.export_resource(instance))

    return StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)


def xlsx_response(resource: CatalogueResource, queryset: QuerySet[Any], title: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: object) -> object:
        # Control characters cannot be stored in XLSX at all; they are dropped.
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title)
    sheet.freeze_panes = "A2"
    sheet.append(resource.get_export_headers())
    for instance in resource.iter_queryset(queryset):
        row = resource.export_resource(instance, force_native_type=True)
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)


def export(
    request: SignedInHttpRequest,
    *,
    resource_class: type[CatalogueResource],
    rows: Callable[["User", Agency | None], QuerySet[Any]],
    file_stem: str,
) -> HttpResponseBase:
    fmt = request.GET.get("format", "csv").strip().lower()
    if fmt not in FORMATS:
        return bad_format(request)
    agency = chosen_agency(request)
    queryset = rows(request.user, agency)
    truncated = queryset[EXPORT_MAX_ROWS : EXPORT_MAX_ROWS + 1].exists()
    queryset = queryset[:EXPORT_MAX_ROWS]
    resource = resource_class(user=request.user)
    response: HttpResponseBase
    if fmt == "csv":
        response = csv_response(resource, queryset)
    else:
        response = xlsx_response(resource, queryset, title=file_stem)
    filename = f"{file_stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Export-Max-Rows"] = str(EXPORT_MAX_ROWS)
    if truncated:
        response["X-Export-Truncated"] = "true"
    return response


@require_safe
@workspace_page
def export_products(request: SignedInHttpRequest) -> HttpResponseBase:
    """The products the user may edit, as CSV or XLSX."""
    return export(request, resource_class=ProductResource, rows=product_rows, file_stem="produk")


@require_safe
@workspace_page
def export_businesses(request: SignedInHttpRequest) -> HttpResponseBase:
    """The businesses the user's agencies registered, as CSV or XLSX."""
    return export(request, resource_class=BusinessResource, rows=business_rows, file_stem="umkm")
