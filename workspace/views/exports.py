"""Spreadsheet exports of the user's own data: /ruang-kerja/ekspor/produk/ and /ekspor/umkm/.

Only what the user may edit reaches the file (`editable_by(user)`: their agencies' data, all of
it for administrators), optionally narrowed to one of their agencies with `dinas=<slug>`; any
other agency answers 404. Files are never cached, named with today's date in Asia/Jakarta, and
bounded: at most EXPORT_MAX_ROWS rows (the header `X-Export-Truncated` says when more exist).
The first row names the columns for people, in the language of the page; the second holds their
stable English keys, which the importer reads (workspace/resources.py). `import_template` is
the same two rows alone, for the columns an import reads: a blank file to fill in.

Up to settings.EXPORT_ROWS_IN_REQUEST rows the file comes in the request: CSV streamed, XLSX
written by openpyxl's write-only mode, row by row. A larger export is a background job
(workspace/background.py): the answer is 303 to its progress page, which offers the same file
once it is made. Both ways build the file from one `Table`.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBase, StreamingHttpResponse
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
from workspace import background
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


@dataclass(frozen=True)
class Table:
    """An export before it is written: its columns, its rows (`lines(native)`: cells as text for
    CSV, or as numbers and dates where XLSX keeps them so; formulas escaped either way), how many
    rows there are and whether more exist than EXPORT_MAX_ROWS. With `labels`, the columns'
    names for people come first and the keys (`headers`) in a second row."""

    headers: list[str]
    lines: Callable[[bool], Iterator[list[Any]]]
    count: int
    truncated: bool
    file_stem: str
    labels: list[str] | None = None

    def header_rows(self) -> list[list[str]]:
        return [self.headers] if self.labels is None else [self.labels, self.headers]

    def filename(self, fmt: str) -> str:
        return f"{self.file_stem}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def chosen_agency(request: SignedInHttpRequest) -> Agency | None:
    """The agency of `dinas=<slug>`, if given: one of the user's own, or 404."""
    slug = request.GET.get("dinas", "").strip()
    if not slug:
        return None
    return get_object_or_404(rules.acting_agencies(request.user), slug=slug)


def chosen_format(request: SignedInHttpRequest) -> str:
    return request.GET.get("format", "csv").strip().lower()


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


def resource_table(
    request: SignedInHttpRequest,
    *,
    resource_class: type[CatalogueResource],
    rows: Callable[["User", Agency | None], Any],
    file_stem: str,
) -> Table:
    queryset = rows(request.user, chosen_agency(request))
    count = queryset.count()
    queryset = queryset[:EXPORT_MAX_ROWS]
    resource = resource_class(user=request.user)

    def lines(native: bool) -> Iterator[list[Any]]:
        for instance in resource.iter_queryset(queryset):
            yield resource.export_resource(instance, force_native_type=native)

    return Table(
        headers=resource.get_export_headers(),
        labels=resource.export_labels(),
        lines=lines,
        count=min(count, EXPORT_MAX_ROWS),
        truncated=count > EXPORT_MAX_ROWS,
        file_stem=file_stem,
    )


def product_table(request: SignedInHttpRequest) -> Table:
    """The products the user may edit (of `dinas`, if given)."""
    return resource_table(
        request, resource_class=ProductResource, rows=product_rows, file_stem="produk"
    )


def business_table(request: SignedInHttpRequest) -> Table:
    """The businesses the user's agencies registered (`dinas`, if given)."""
    return resource_table(
        request, resource_class=BusinessResource, rows=business_rows, file_stem="umkm"
    )


# Writing a table ---------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() returns what it is given: csv.writer as a generator."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(table: Table, lines: Iterator[list[Any]] | None = None) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the byte-order mark lets Excel read UTF-8 (names with emoji, é, ñ)
    for header in table.header_rows():
        yield writer.writerow(header)
    for row in table.lines(False) if lines is None else lines:
        yield writer.writerow(row)


def write_xlsx(table: Table, target: IO[bytes], lines: Iterator[list[Any]] | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value: object) -> object:
        # Control characters cannot be stored in XLSX at all; they are dropped.
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=table.file_stem)
    header_rows = table.header_rows()
    sheet.freeze_panes = f"A{len(header_rows) + 1}"
    for header in header_rows:
        sheet.append(header)
    for row in table.lines(True) if lines is None else lines:
        sheet.append([cell(value) for value in row])
    book.save(target)


def write_file(
    table: Table, fmt: str, target: IO[bytes], on_rows: Callable[[Iterator[Any]], Iterator[Any]]
) -> None:
    """Write the table as `fmt` into the binary file `target`; `on_rows` sees the rows pass
    (a job counts them)."""
    if fmt == "csv":
        for chunk in csv_chunks(table, on_rows(table.lines(False))):
            target.write(chunk.encode("utf-8"))
    else:
        write_xlsx(table, target, on_rows(table.lines(True)))


def download(table: Table, fmt: str) -> HttpResponseBase:
    """The file, made in the request."""
    response: HttpResponseBase
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(table), content_type=CSV_CONTENT_TYPE)
    else:
        buffer = io.BytesIO()
        write_xlsx(table, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{table.filename(fmt)}"'
    response["X-Export-Max-Rows"] = str(EXPORT_MAX_ROWS)
    if table.truncated:
        response["X-Export-Truncated"] = "true"
    return response


def export(
    request: SignedInHttpRequest, *, kind: str, table_of: Callable[[SignedInHttpRequest], Table]
) -> HttpResponseBase:
    """The file in the request when it is small, else a job and 303 to its progress page. The
    rows are chosen first, so that 404 (an agency not one's own) and 403 come before 400 (an
    unknown format), as everywhere (DESIGN §5)."""
    table = table_of(request)
    fmt = chosen_format(request)
    if fmt not in FORMATS:
        return bad_format(request)
    if table.count > settings.EXPORT_ROWS_IN_REQUEST:
        return background.start_export(request, kind=kind, rows=table.count)
    return download(table, fmt)


@require_safe
@workspace_page
def export_products(request: SignedInHttpRequest) -> HttpResponseBase:
    """The products the user may edit, as CSV or XLSX."""
    return export(request, kind=background.Job.Kind.EXPORT_PRODUCTS, table_of=product_table)


def template_table(resource_class: type[CatalogueResource], file_stem: str) -> Table:
    """A blank import file: the two header rows of the columns an import reads, no rows."""
    fields = resource_class.importable_fields()
    return Table(
        headers=[field.column_name for field in fields],
        labels=[resource_class.column_label(field) for field in fields],
        lines=lambda native: iter(()),
        count=0,
        truncated=False,
        file_stem=file_stem,
    )


#: kind of import → (resource, file name of its blank template)
TEMPLATES = {
    "products": (ProductResource, "templat-produk"),
    "businesses": (BusinessResource, "templat-umkm"),
}


@require_safe
@workspace_page
def import_template(request: SignedInHttpRequest, kind: str) -> HttpResponseBase:
    """A blank file to fill in for the import of `kind` (products or businesses), CSV or XLSX."""
    if kind not in TEMPLATES:
        raise Http404
    fmt = chosen_format(request)
    if fmt not in FORMATS:
        return bad_format(request)
    resource_class, file_stem = TEMPLATES[kind]
    table = template_table(resource_class, file_stem)
    response = download(table, fmt)
    response["Content-Disposition"] = f'attachment; filename="{file_stem}.{fmt}"'
    return response


@require_safe
@workspace_page
def export_businesses(request: SignedInHttpRequest) -> HttpResponseBase:
    """The businesses the user's agencies registered, as CSV or XLSX."""
    return export(request, kind=background.Job.Kind.EXPORT_BUSINESSES, table_of=business_table)
