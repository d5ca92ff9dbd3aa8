"""/ruang-kerja/tugas-latar/: the person's background jobs (large exports, imports).

A job's page shows its state and a progress bar; while the job waits or runs, htmx asks for
the status part (`status/`) every 2 seconds and stops once the part it gets back no longer asks
again; without JavaScript the page reloads itself (a refresh inside <noscript>) and offers a
reload link. Done, it offers the file (`unduh/`) until the job expires, 24 hours after it
finished; then the download answers 410 Gone with a page that says so. Failed, it says why.
Only the person who started a job sees it (404 for anyone else, administrators included)."""

from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from jobs.models import KEPT, Job
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.views.helpers import workspace_page

#: Jobs shown on the list of one's own.
RECENT = 20
#: Seconds between two reloads of the page without JavaScript.
RELOAD_EVERY = 3


def own_job(request: SignedInHttpRequest, pk: int) -> Job:
    return get_object_or_404(Job.objects.of(request.user), pk=pk)


def back_link(job: Job) -> str:
    """Where the work was asked for: the import page, or the data the export came from."""
    return {
        Job.Kind.EXPORT_PRODUCTS: reverse("workspace-products"),
        Job.Kind.EXPORT_BUSINESSES: reverse("workspace-businesses"),
        Job.Kind.EXPORT_SUPPORT: reverse("workspace-support-dashboard"),
        Job.Kind.IMPORT_PRODUCTS: reverse("workspace-import-products"),
        Job.Kind.IMPORT_BUSINESSES: reverse("workspace-import-businesses"),
    }[Job.Kind(job.kind)]


def context_of(job: Job) -> dict:
    return {"job": job, "back": back_link(job), "reload_every": RELOAD_EVERY, "kept": KEPT}


@require_safe
@workspace_page
def job_list(request: SignedInHttpRequest) -> HttpResponse:
    jobs = Job.objects.of(request.user)[:RECENT]
    return render(request, "workspace/jobs/list.html", {"jobs": jobs})


@require_safe
@workspace_page
def job_detail(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    return render(request, "workspace/jobs/job.html", context_of(own_job(request, pk)))


@require_safe
@workspace_page
def job_status(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    """The part of the job's page that changes, for htmx to swap in."""
    return render(request, "workspace/jobs/_status.html", context_of(own_job(request, pk)))


@require_safe
@workspace_page
def job_download(request: SignedInHttpRequest, pk: int) -> HttpResponseBase:
    """The job's file as an attachment; 410 once it expired; the job's page until it is made."""
    job = own_job(request, pk)
    if job.is_expired:
        return render(request, "workspace/jobs/gone.html", context_of(job), status=410)
    if job.state != Job.State.DONE or not job.result:
        return redirect(job)
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name)
