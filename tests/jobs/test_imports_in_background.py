"""Every import confirmation is a background job: the previewed file is kept with the job, the
task imports it all-or-nothing, and the job's page tells what happened."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from catalog.models import Product
from jobs.models import Job
from jobs.tasks import run_job
from tests.jobs.helpers import job_of, run_after_commit

IMPORT = reverse("workspace-import-products")


def upload(rows: list[dict]) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("produk.csv", buffer.getvalue().encode("utf-8"), "text/csv")


def new_rows(world, *names, **values) -> list[dict]:
    return [
        {
            "slug": "",
            "name": name,
            "business": world["business"].slug,
            "category": world["category"].slug,
            "price_min": "15000",
            "price_max": "25000",
            **values,
        }
        for name in names
    ]


def preview(client, world, rows) -> str:
    data = {"step": "preview", "agency": world["mine"].pk, "file": upload(rows)}
    response = client.post(IMPORT, data)
    assert response.status_code == 200
    return response.context["token"]


def confirm(client, token, *, run=True):
    data = {"step": "confirm", "token": token}
    if run:
        return run_after_commit(client, "post", IMPORT, data)
    return client.post(IMPORT, data)  # the test's transaction never commits: the job waits


def test_a_confirmed_import_is_a_job_that_saves_the_rows(client, jobs_world):
    client.force_login(jobs_world["editor"])
    token = preview(client, jobs_world, new_rows(jobs_world, "Terasi Toboali", "Rusip Koba"))

    job = job_of(confirm(client, token))

    assert (job.kind, job.state, job.user) == (
        Job.Kind.IMPORT_PRODUCTS, Job.State.DONE, jobs_world["editor"],
    )  # fmt: skip
    assert (job.total, job.done) == (2, 2)
    assert job.outcome["new"] == 2 and job.outcome["problems"] == []
    assert job.params == {
        "agency": jobs_world["mine"].pk,
        "format": "csv",
        "filename": "produk.csv",
    }
    assert job.upload.name.startswith("private/job-uploads/")
    created = Product.objects.filter(name__in=["Terasi Toboali", "Rusip Koba"])
    assert {p.owner_agency for p in created} == {jobs_world["mine"]}
    assert created.count() == 2
    page = client.get(job.get_absolute_url()).content.decode()
    finished = _("Import finished: %(new)s created, %(updated)s updated.")
    assert escape(finished % {"new": 2, "updated": 0}) in page


def test_a_failing_import_job_says_why_and_saves_nothing(client, jobs_world):
    client.force_login(jobs_world["editor"])
    rows = new_rows(jobs_world, "Satu", "Dua") + new_rows(
        jobs_world, "Rusak", price_min="9", price_max="1"
    )
    token = preview(client, jobs_world, rows)
    before = Product.objects.count()

    job = job_of(confirm(client, token))

    assert job.state == Job.State.FAILED
    assert Product.objects.count() == before
    assert [(p["row"], p["column"]) for p in job.outcome["problems"]] == [(4, "price_max")]
    page = client.get(job.get_absolute_url())
    html = page.content.decode()
    assert job.error and escape(job.error) in html
    assert escape(job.outcome["problems"][0]["message"]) in html
    assert 'hx-trigger="every 2s"' not in html  # finished: nothing polls


def test_an_unexpected_error_after_the_rows_were_written_undoes_them(
    client, jobs_world, monkeypatch, caplog
):
    """The rows are written, then describing them fails: the job fails with a general message
    for people (the traceback goes to the log) and no half-written import stays."""
    client.force_login(jobs_world["editor"])
    token = preview(client, jobs_world, new_rows(jobs_world, "Kopi Sahang", "Lempah Kuning"))

    def broken(result, resource, *rest):
        assert Product.objects.filter(name="Kopi Sahang").exists()  # written by now
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("workspace.views.imports.describe_result", broken)

    job = job_of(confirm(client, token))

    assert job.state == Job.State.FAILED
    assert not Product.objects.filter(name__in=["Kopi Sahang", "Lempah Kuning"]).exists()
    assert "disk on fire" not in job.error and "Traceback" not in job.error
    assert "disk on fire" in caplog.text
    html = client.get(job.get_absolute_url()).content.decode()
    assert escape(job.error) in html


def test_running_the_task_twice_imports_once(client, jobs_world):
    client.force_login(jobs_world["editor"])
    token = preview(client, jobs_world, new_rows(jobs_world, "Kerupuk Ikan Tenggiri"))
    job = job_of(confirm(client, token, run=False))

    assert run_job(job.pk) == Job.State.DONE
    assert run_job(job.pk) == ""  # done already: not run again

    assert Product.objects.filter(name="Kerupuk Ikan Tenggiri").count() == 1
    job.refresh_from_db()
    assert job.state == Job.State.DONE


def test_a_running_job_is_not_started_again(client, jobs_world):
    """A second worker (a redelivered message) finds the job running and leaves it."""
    client.force_login(jobs_world["editor"])
    token = preview(client, jobs_world, new_rows(jobs_world, "Kerupuk Ikan Tenggiri"))
    job = job_of(confirm(client, token, run=False))
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)

    assert run_job(job.pk) == ""

    assert not Product.objects.filter(name="Kerupuk Ikan Tenggiri").exists()
    assert Job.objects.get(pk=job.pk).state == Job.State.RUNNING


def test_the_preview_stays_in_the_request(client, jobs_world):
    client.force_login(jobs_world["editor"])

    preview(client, jobs_world, new_rows(jobs_world, "Kemplang Baru"))

    assert not Job.objects.exists()
    assert not Product.objects.filter(name="Kemplang Baru").exists()


def test_the_work_reports_its_progress_as_it_goes(client, jobs_world, monkeypatch):
    seen = []
    monkeypatch.setattr("workspace.resources.CatalogueResource.PROGRESS_EVERY", 1)
    monkeypatch.setattr("jobs.work.Progress.__call__", lambda progress, done: seen.append(done))
    client.force_login(jobs_world["editor"])
    token = preview(client, jobs_world, new_rows(jobs_world, "Satu", "Dua", "Tiga"))
    seen.clear()  # the preview counts as well, but has no job to report to

    job = job_of(confirm(client, token))

    assert job.state == Job.State.DONE
    assert seen == [1, 2, 3]
