"""The workspace's long work, done by background jobs (the `jobs` app): exports of more than
settings.EXPORT_ROWS_IN_REQUEST rows and every import confirmation.

A view starts a job with `start_export` / `start_import` and answers 303 to its progress page
(/ruang-kerja/tugas-latar/<id>/, workspace/views/jobs.py); the task (jobs.tasks.run_job) runs
the work registered here once the request's transaction commits. The work does what the request
would have done, with the same functions and the same rights: an export replays the request's
query string as the person who asked (whose rights are read again when it runs), an import reads
the uploaded file the job keeps and imports it all-or-nothing, as the confirmation did."""

import logging
import tempfile
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponseRedirect, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalog import rules
from catalog.uploads import StorageUnavailable
from jobs.models import Job
from jobs.tasks import run_job
from jobs.work import JobFailed, Progress, register
from umkm_portal.signed_in import SignedInHttpRequest
from umkm_portal.tasks import after_commit

if TYPE_CHECKING:
    from agencies.models import Agency
    from workspace.views.exports import Table

logger = logging.getLogger(__name__)

#: The import kinds of workspace.views.imports.KINDS, as jobs.
IMPORT_JOBS = {"products": Job.Kind.IMPORT_PRODUCTS, "businesses": Job.Kind.IMPORT_BUSINESSES}
#: How many of an import's problems the job keeps to show (the count is kept in full).
PROBLEMS_KEPT = 500


def see_other(job: Job) -> HttpResponseRedirect:
    """303 See Other to the job's progress page: the browser GETs it, whatever was sent."""
    response = HttpResponseRedirect(job.get_absolute_url())
    response.status_code = 303
    return response


def start_export(request: SignedInHttpRequest, *, kind: str, rows: int) -> HttpResponseRedirect:
    """A job that makes the export this request asks for; 303 to its page."""
    job = Job.objects.create(
        user=request.user,
        kind=kind,
        language=get_language() or "id",
        params={"query": dict(request.GET.lists())},
        total=rows,
    )
    after_commit(run_job, job.pk)
    return see_other(job)


def start_import(
    request: SignedInHttpRequest,
    *,
    kind: str,
    agency: "Agency",
    content: bytes,
    fmt: str,
    filename: str,
) -> Job:
    """A job that imports the previewed file; its bytes are kept with the job (privately).
    StorageUnavailable when the storage cannot keep them."""
    job = Job(
        user=request.user,
        kind=IMPORT_JOBS[kind],
        language=get_language() or "id",
        params={"agency": agency.pk, "format": fmt, "filename": filename[:200]},
    )
    try:
        job.upload.save(f"import.{fmt}", ContentFile(content), save=False)
    except Exception as error:  # a full disk, an object store that does not answer
        logger.error("Storage failed while keeping an import's file", exc_info=True)
        raise StorageUnavailable(
            _("The file could not be stored just now; nothing was imported. Please try again.")
        ) from error
    job.save()
    after_commit(run_job, job.pk)
    return job


# The work ----------------------------------------------------------------------------------------


def replayed(job: Job) -> SignedInHttpRequest:
    """The request that asked for an export, as far as the export reads it: who, and the
    query string."""
    request = HttpRequest()
    request.method = "GET"
    query = QueryDict(mutable=True)
    for name, values in job.params.get("query", {}).items():
        query.setlist(name, values)
    request.GET = QueryDict(query.urlencode())  # read-only, as a request's own
    request.user = job.user
    return cast(SignedInHttpRequest, request)


def export_table(job: Job, request: SignedInHttpRequest) -> "Table":
    from workspace.views import exports, support_exports

    tables = {
        Job.Kind.EXPORT_PRODUCTS: exports.product_table,
        Job.Kind.EXPORT_BUSINESSES: exports.business_table,
        Job.Kind.EXPORT_SUPPORT: support_exports.support_table,
    }
    try:
        return tables[Job.Kind(job.kind)](request)
    except (Http404, PermissionDenied):
        raise JobFailed(
            _("You may no longer export these data (your memberships have changed).")
        ) from None


def export_work(job: Job, progress: Progress) -> None:
    from workspace.views.exports import FORMATS, chosen_format, write_file

    request = replayed(job)
    table = export_table(job, request)
    fmt = chosen_format(request)
    if fmt not in FORMATS:
        raise JobFailed(_("Exports come as CSV or XLSX (Excel) files only."))
    job.total = table.count
    job.save(update_fields=["total"])
    with tempfile.TemporaryFile() as target:
        write_file(table, fmt, target, progress.counting)
        target.seek(0)
        job.result.save(table.filename(fmt), File(target), save=False)
    job.result_name = table.filename(fmt)
    job.outcome = {"rows": table.count, "truncated": table.truncated, "format": fmt}


def import_work(job: Job, progress: Progress) -> None:
    from workspace.resources import RESOURCES
    from workspace.views.imports import KINDS, load_dataset, may_import, run_import

    kind = KINDS[next(key for key, value in IMPORT_JOBS.items() if value == job.kind)]
    agency = rules.acting_agencies(job.user).filter(pk=job.params.get("agency")).first()
    if agency is None or not may_import(job.user, kind, agency):
        raise JobFailed(_("You may no longer add rows for this agency; nothing was imported."))
    with job.upload.open("rb") as upload:
        content = upload.read()
    try:
        aliases = RESOURCES[kind.key].header_aliases()
        dataset = load_dataset(content, job.params.get("format", ""), aliases)
    except ValidationError as error:
        raise JobFailed(" ".join(error.messages)) from None
    job.total = len(dataset)
    job.save(update_fields=["total"])
    # All or nothing, up to the report: an error after the rows were written (describing them)
    # undoes them too, so a failed job never leaves half an import behind.
    with transaction.atomic():
        summary = run_import(
            kind=kind, user=job.user, agency=agency, dataset=dataset, dry_run=False,
            progress=progress,
        )  # fmt: skip
        outcome = import_outcome(summary)
    if not summary["saved"]:
        raise JobFailed(_("Some rows could not be imported, so none was saved."), outcome=outcome)
    job.outcome = outcome


def import_outcome(summary: dict[str, Any]) -> dict[str, Any]:
    """What the job page shows of an import: the counts and the problems, as plain text."""
    problems = [
        {"row": p["row"], "column": str(p["column"]), "message": str(p["message"])}
        for p in summary["problems"][:PROBLEMS_KEPT]
    ]
    return {
        "rows": summary["rows"],
        "new": summary["new"],
        "updated": summary["updated"],
        "failed": summary["failed"],
        "problems": problems,
        "problem_count": len(summary["problems"]),
        "ignored_columns": summary["ignored_columns"],
        "links": summary.get("links", []),
        "row_url_name": summary.get("row_url_name", ""),
    }


def register_work() -> None:
    """Tell the jobs app what each of the workspace's kinds of job does (workspace/apps.py)."""
    for kind in (Job.Kind.EXPORT_PRODUCTS, Job.Kind.EXPORT_BUSINESSES, Job.Kind.EXPORT_SUPPORT):
        register(kind, export_work)
    for kind in IMPORT_JOBS.values():
        register(kind, import_work)
