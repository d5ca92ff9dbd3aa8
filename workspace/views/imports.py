"""Spreadsheet imports: /ruang-kerja/impor/produk/ and /ruang-kerja/impor/umkm/.

Two steps. "Preview" reads the uploaded file and runs a dry run that saves nothing, listing every
problem of every row and the rows that would be created or updated (for an update, each column
it changes, old → new). "Confirm" hands the same
file to a background job (workspace/background.py) and shows its progress page; the job imports
it all-or-nothing, in one transaction: if any row fails, nothing is saved, and the job's page
lists the problems.

Between the two steps the file stays on the server, in the cache (Redis in production), under a
random token bound to the user, for IMPORT_TTL seconds; the browser only carries the token, never
a path or the data itself.

Headers: an export's two header rows (names for people, then keys), or one row of keys, or one
row of names in either language (`load_dataset`); a blank template has the two rows
(exports.import_template). After the import the job's page links every row created or updated.
"""

import csv
import io
import itertools
import logging
import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import tablib
from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from import_export.results import Result, RowResult

from agencies.models import Agency, AgencyQuerySet
from catalog import rules
from catalog.uploads import StorageUnavailable
from jobs.models import Job
from umkm_portal.signed_in import SignedInHttpRequest
from workspace import background
from workspace.resources import RESOURCES, CatalogueResource, header_word, is_blank
from workspace.views.helpers import workspace_page

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

IMPORT_TTL = 15 * 60
#: The largest import we read: bigger files are refused with a form error.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 5_000
IMPORT_MAX_COLUMNS = 60
#: The preview lists every problem, but only this many of the rows that would be saved.
SHOWN_CHANGES = 200
#: The job's page links at most this many of the rows an import created or updated.
LINKS_KEPT = 500


@dataclass(frozen=True)
class ImportKind:
    key: str
    url_name: str
    export_url_name: str
    template_url_name: str
    #: The workspace page of one imported row, by slug (the links after an import).
    row_url_name: str
    title: "StrOrPromise"
    agency_label: "StrOrPromise"
    agency_help: "StrOrPromise"
    columns: tuple[str, ...]


KINDS = {
    "products": ImportKind(
        key="products",
        url_name="workspace-import-products",
        export_url_name="workspace-export-products",
        template_url_name="workspace-import-template-products",
        row_url_name="workspace-product",
        title=gettext_lazy("Import products"),
        agency_label=gettext_lazy("Curating agency of new products"),
        agency_help=gettext_lazy(
            "New products belong to this agency. Rows with the slug of a product you may edit "
            "update that product; its agency stays as it is."
        ),
        columns=("name", "business", "category", "price_min", "price_max"),
    ),
    "businesses": ImportKind(
        key="businesses",
        url_name="workspace-import-businesses",
        export_url_name="workspace-export-businesses",
        template_url_name="workspace-import-template-businesses",
        row_url_name="workspace-business",
        title=gettext_lazy("Import businesses (UMKM)"),
        agency_label=gettext_lazy("Registering agency of new businesses"),
        agency_help=gettext_lazy(
            "New businesses are registered by this agency. Rows with the slug of a business "
            "your agency registered update that business."
        ),
        columns=("name", "owner_name", "region"),
    ),
}


# Reading an uploaded file ------------------------------------------------------------------------


def detect_format(name: str, content: bytes) -> str:
    """The format, "csv" or "xlsx", from the name and the first bytes; else ValidationError."""
    name = (name or "").lower()
    is_zip = content.startswith(b"PK\x03\x04")
    if name.endswith(".xlsx") and is_zip:
        return "xlsx"
    if name.endswith(".csv") and not is_zip and b"\x00" not in content[:4096]:
        return "csv"
    raise ValidationError(_("Choose a CSV or XLSX (Excel) file."), code="format")


def load_dataset(content: bytes, fmt: str, aliases: dict[str, str] | None = None) -> tablib.Dataset:
    """The file's first sheet as a Dataset whose headers are the columns' keys; ValidationError
    with a message for the person who uploaded it when it cannot be read.

    `aliases` (a resource's `header_aliases`) maps every name a column may have to its key: when
    the second row holds only keys (an export's or a template's key row) it names the columns;
    otherwise the first row does, with keys or with names in either language. The Dataset's
    `first_row` is the number of its first data row in the spreadsheet (2 or 3)."""
    rows = _xlsx_rows(content) if fmt == "xlsx" else _csv_rows(content)
    try:
        header = next(rows)
    except StopIteration:
        raise ValidationError(_("The file is empty."), code="empty") from None
    headers = [header_word(cell) for cell in header]
    first_row = 2
    if aliases:
        keys = set(aliases.values())
        second = next(rows, None)
        second_words = [header_word(cell) for cell in second or ()]
        if second is not None and is_key_row(second_words, keys):
            headers, first_row = second_words, 3
        else:
            headers = [aliases.get(word, word) for word in headers]
            if second is not None:
                rows = itertools.chain([second], rows)
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise ValidationError(_("The first row must name the columns."), code="headers")
    if len(headers) > IMPORT_MAX_COLUMNS:
        raise ValidationError(_("The file has too many columns."), code="columns")
    duplicates = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicates:
        raise ValidationError(
            _("These columns appear twice: %(columns)s.") % {"columns": ", ".join(duplicates)},
            code="headers",
        )
    width = len(headers)
    data = []
    for number, row in enumerate(rows, start=first_row):
        cells = list(row)
        extra = cells[width:]
        if any(not is_blank(cell) for cell in extra):
            raise ValidationError(
                _("Row %(row)s has more cells than there are column names.") % {"row": number},
                code="width",
            )
        data.append(cells[:width] + [""] * (width - len(cells)))
        if len(data) > IMPORT_MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(max)s rows: split it into smaller files.")
                % {"max": IMPORT_MAX_ROWS},
                code="rows",
            )
    while data and all(is_blank(cell) for cell in data[-1]):
        data.pop()
    if not data:
        raise ValidationError(_("The file has column names but no rows."), code="empty")
    dataset = tablib.Dataset(*data, headers=headers)
    dataset.first_row = first_row
    return dataset


def is_key_row(words: list[str], keys: set[str]) -> bool:
    """Is this row the key row of an export or template: every cell filled is a column key."""
    filled = [word for word in words if word]
    return bool(filled) and all(word in keys for word in filled)


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("Save the CSV file with the UTF-8 encoding (in Excel: “CSV UTF-8”)."),
            code="encoding",
        ) from None
    first_line = text.split("\n", 1)[0]
    # Excel with Indonesian settings separates with semicolons.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise ValidationError(_("The CSV file could not be read."), code="csv") from None
    return iter(rows)


def _xlsx_rows(content: bytes) -> Iterator[Sequence[object]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        # Reading row by row keeps a large (or maliciously compressed) file from filling memory:
        # load_dataset stops after IMPORT_MAX_ROWS.
        yield from sheet.iter_rows(max_col=IMPORT_MAX_COLUMNS + 1, values_only=True)
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(
            _("The XLSX file could not be read; save it again from your spreadsheet."),
            code="xlsx",
        ) from None


# Import results for people -----------------------------------------------------------------------


def describe_result(
    result: Result, resource: CatalogueResource, first_row: int = 2
) -> dict[str, Any]:
    """Every problem of every row (row number as the spreadsheet shows it, column, message) and
    the rows that are (or would be) created or updated, with the columns an update changes;
    `first_row` is the spreadsheet's number of the first data row."""
    offset = first_row - 1
    columns = {field.attribute: field.column_name for field in resource.fields.values()}
    problems: list[dict[str, Any]] = []
    if result.base_errors:
        problems.append({"row": None, "column": "", "message": _("The file could not be read.")})
    for invalid in result.invalid_rows:
        for field, field_messages in invalid.error_dict.items():
            column = "" if field == "__all__" else columns.get(field, field)
            for message in field_messages:
                problems.append(
                    {"row": invalid.number + offset, "column": column, "message": message}
                )
    for error_row in result.error_rows:
        problems.append(
            {
                "row": error_row.number + offset,
                "column": "",
                "message": _("This row could not be saved; check its values."),
            }
        )
    problems.sort(key=lambda p: (p["row"] or 0, p["column"]))
    changes = [
        {
            "row": number + offset,
            "new": row.is_new(),
            "name": row.object_repr,
            "id": row.object_id,
            "fields": getattr(row.instance, "_changed", []),
        }
        for number, row in enumerate(result.rows, start=1)
        if row.is_new() or row.is_update()
    ]
    return {
        "problems": problems,
        "changes": changes,
        "new": result.totals[RowResult.IMPORT_TYPE_NEW],
        "updated": result.totals[RowResult.IMPORT_TYPE_UPDATE],
        "failed": len({p["row"] for p in problems}),
    }


class ImportForm(forms.Form):
    agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        queryset=None, empty_label=None
    )
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy(
            "At most 5 MB and 5,000 rows. The first row names the columns, as in an export."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet"
            }
        ),
    )

    #: What `clean_file` read: the rows, the file's bytes (kept for the confirmation) and format.
    dataset: tablib.Dataset
    content: bytes
    format: str

    def __init__(
        self, *args: Any, agencies: AgencyQuerySet, kind: ImportKind, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        agency = cast("forms.ModelChoiceField[Agency]", self.fields["agency"])
        agency.queryset = agencies
        agency.label = kind.agency_label
        agency.help_text = kind.agency_help

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."), code="size")
        content = upload.read(IMPORT_MAX_BYTES + 1)
        if len(content) > IMPORT_MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."), code="size")
        fmt = detect_format(upload.name, content)
        # A file we cannot read is the form's error, not a preview's.
        self.dataset = load_dataset(content, fmt, RESOURCES[self.kind.key].header_aliases())
        self.content, self.format = content, fmt
        return upload


def cache_key(user: "User", token: str) -> str:
    return f"workspace:import:{user.pk}:{token}"


def may_import(user: "User", kind: ImportKind, agency: Agency) -> bool:
    """May the user add rows for `agency`: the rule the services apply to each new row."""
    if kind.key == "products":
        return rules.can_create_product(user, agency)
    return rules.can_create_business(user, agency)


def run_import(
    *,
    kind: ImportKind,
    user: "User",
    agency: Agency,
    dataset: tablib.Dataset,
    dry_run: bool,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Import the rows through the services; with `dry_run` nothing is saved (the rows are
    written and rolled back, so that each is checked against those before it). Otherwise all
    rows or none: any row's error rolls the whole transaction back. `progress` is told the rows
    read now and then."""
    resource = RESOURCES[kind.key](user=user, agency=agency, progress=progress)
    for key in resource._meta.import_id_fields:  # a file of new rows only may leave out `slug`
        if key not in dataset.headers:
            dataset.append_col([""] * len(dataset), header=key)
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            collect_failed_rows=True,
            rollback_on_validation_errors=True,
        )
        failed = result.has_errors() or result.has_validation_errors()
        if dry_run or failed:
            transaction.set_rollback(True)
    for error_row in result.error_rows:  # unexpected errors (not validation): keep the cause
        for error in error_row.errors:
            logger.warning("Import row %s failed", error_row.number, exc_info=error.error)
    summary = describe_result(result, resource, getattr(dataset, "first_row", 2))
    known = {field.column_name for field in resource.fields.values()}
    summary["ignored_columns"] = [h for h in dataset.headers if h and h not in known]
    summary["rows"] = len(dataset)
    summary["saved"] = not dry_run and not failed
    if summary["saved"]:
        summary["links"] = saved_rows(resource, summary["changes"])
        summary["row_url_name"] = kind.row_url_name
    return summary


def saved_rows(resource: CatalogueResource, changes: list[dict[str, Any]]) -> list[dict]:
    """The rows an import saved, as the job's page links them: name, slug, whether new, and
    whether an update changed anything."""
    ids = [change["id"] for change in changes[:LINKS_KEPT] if change["id"] is not None]
    found = resource._meta.model.objects.filter(pk__in=ids).in_bulk()
    return [
        {
            "name": found[change["id"]].name,
            "slug": found[change["id"]].slug,
            "new": change["new"],
            "changed": change["new"] or bool(change["fields"]),
        }
        for change in changes[:LINKS_KEPT]
        if change["id"] in found
    ]


def page(
    request: SignedInHttpRequest, kind: ImportKind, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context = {
        "kind": kind,
        "max_rows": IMPORT_MAX_ROWS,
        "shown_changes": SHOWN_CHANGES,
        **context,
    }
    return render(request, "workspace/data/import.html", context, status=status)


def import_view(request: SignedInHttpRequest, kind: ImportKind) -> HttpResponse:
    agencies = rules.acting_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied(_("Only editors and managers of an agency may import."))
    if request.method == "POST" and request.POST.get("step") == "confirm":
        return confirm(request, kind)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies, kind=kind)
    if request.method != "POST" or not form.is_valid():
        return page(request, kind, {"form": form}, status=400 if form.is_bound else 200)
    agency = form.cleaned_data["agency"]
    if not may_import(request.user, kind, agency):
        raise PermissionDenied
    token = secrets.token_urlsafe(32)
    filename = form.cleaned_data["file"].name
    stored = {"kind": kind.key, "agency_id": agency.pk, "format": form.format, "filename": filename}
    cache.set(cache_key(request.user, token), {**stored, "content": form.content}, IMPORT_TTL)
    summary = run_import(
        kind=kind, user=request.user, agency=agency, dataset=form.dataset, dry_run=True
    )
    context = {
        "form": ImportForm(agencies=agencies, kind=kind, initial={"agency": agency}),
        "summary": summary,
        "token": token,
        "agency": agency,
        "filename": filename,
    }
    return page(request, kind, context)


def confirm(request: SignedInHttpRequest, kind: ImportKind) -> HttpResponse:
    """Hand the previewed file to a background job (workspace/background.py) and show its
    progress page (303). The file leaves the cache as the job takes it, so a second click on
    the same button finds the job already started and goes to its page: never two imports."""
    token = request.POST.get("token", "")
    key = cache_key(request.user, token)
    stored = cache.get(key) if token else None
    if not stored or stored.get("kind") != kind.key:
        return already_started(request, kind, key)
    agency = rules.acting_agencies(request.user).filter(pk=stored["agency_id"]).first()
    if agency is None or not may_import(request.user, kind, agency):
        raise PermissionDenied
    if not cache.delete(key):  # a second click took the file a moment ago
        return already_started(request, kind, key)
    try:
        job = background.start_import(
            request,
            kind=kind.key,
            agency=agency,
            content=stored["content"],
            fmt=stored["format"],
            filename=stored.get("filename", ""),
        )
    except StorageUnavailable as error:  # the server's passing fault: confirm again later
        cache.set(key, stored, IMPORT_TTL)
        messages.error(request, error.message)
        form = ImportForm(agencies=rules.acting_agencies(request.user), kind=kind)
        return page(request, kind, {"form": form}, status=503)
    cache.set(f"{key}:job", job.pk, IMPORT_TTL)
    return background.see_other(job)


def already_started(request: SignedInHttpRequest, kind: ImportKind, key: str) -> HttpResponse:
    """The job this file went to already, or the upload form when there is none (anymore)."""
    job_id = cache.get(f"{key}:job")
    job = Job.objects.of(request.user).filter(pk=job_id).first() if job_id else None
    if job is not None:
        return background.see_other(job)
    messages.error(request, _("The uploaded file has expired: please upload it again."))
    return redirect(kind.url_name)


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_page
def import_products(request: SignedInHttpRequest) -> HttpResponse:
    return import_view(request, KINDS["products"])


@require_http_methods(["GET", "HEAD", "POST"])
@workspace_page
def import_businesses(request: SignedInHttpRequest) -> HttpResponse:
    return import_view(request, KINDS["businesses"])
