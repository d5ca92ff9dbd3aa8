"""An export of more than settings.EXPORT_ROWS_IN_REQUEST rows is a background job: 303 to its
page, the file made by the task into the (private) default storage, offered to its owner only;
a smaller export still comes in the request."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from agencies.models import Membership
from jobs.models import KEPT, Job
from jobs.tasks import run_job
from tests.factories import AgencyFactory, ServiceFactory
from tests.helpers import member
from tests.jobs.helpers import downloaded, job_of, run_after_commit, stored_rows

PRODUCTS = reverse("workspace-export-products")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_large_export_is_a_job_whose_file_holds_the_rows(client, jobs_world, small_exports, fmt):
    client.force_login(jobs_world["editor"])

    response = run_after_commit(client, "get", PRODUCTS, {"format": fmt})

    job = job_of(response)
    assert (job.user, job.kind, job.state) == (
        jobs_world["editor"], Job.Kind.EXPORT_PRODUCTS, Job.State.DONE,
    )  # fmt: skip
    assert job.params == {"query": {"format": [fmt]}}
    assert (job.total, job.done, job.outcome["rows"]) == (4, 4, 4)
    assert job.result_name == f"produk-{timezone.localdate():%Y-%m-%d}.{fmt}"
    assert job.result.name.startswith("private/job-files/")
    assert default_storage.exists(job.result.name)
    labels, header, *rows = stored_rows(job)
    assert labels[:2] == ["Slug", "Nama"]  # names for people, in the job's language
    assert header[:2] == ["slug", "name"]
    assert sorted(row[1] for row in rows) == sorted(p.name for p in jobs_world["products"])
    assert job.finished_at is not None and job.expires_at == job.finished_at + KEPT


def test_the_job_keeps_the_filters_of_the_request(client, jobs_world, small_exports):
    """`dinas` narrows the export in the job as in the request (and is read again there)."""
    client.force_login(jobs_world["administrator"])

    response = run_after_commit(client, "get", PRODUCTS, {"format": "csv", "dinas": ""})
    job = job_of(response)

    names = {row[1] for row in stored_rows(job)[2:]}
    assert "Rusip" in names  # the administrator exports every agency
    assert job.params["query"] == {"format": ["csv"], "dinas": [""]}


def test_an_export_at_the_threshold_still_comes_in_the_request(client, jobs_world, settings):
    settings.EXPORT_ROWS_IN_REQUEST = 4
    client.force_login(jobs_world["editor"])

    response = run_after_commit(client, "get", PRODUCTS, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="produk-')
    assert downloaded(response).decode("utf-8-sig").count("\n") == 6  # 2 header rows, 4 rows
    assert not Job.objects.exists()


def test_the_owner_downloads_the_file_as_an_attachment(client, jobs_world, small_exports):
    client.force_login(jobs_world["editor"])
    job = job_of(run_after_commit(client, "get", PRODUCTS, {"format": "csv"}))

    response = client.get(reverse("workspace-job-download", args=[job.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{job.result_name}"'
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    content = downloaded(response).decode("utf-8-sig")
    assert all(product.name in content for product in jobs_world["products"])


@pytest.mark.parametrize("who", ["colleague", "administrator"])
def test_nobody_else_sees_the_job_or_its_file(client, jobs_world, small_exports, who):
    client.force_login(jobs_world["editor"])
    job = job_of(run_after_commit(client, "get", PRODUCTS, {"format": "csv"}))
    client.force_login(jobs_world[who])

    for name in ("workspace-job", "workspace-job-status", "workspace-job-download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_the_file_is_not_under_a_public_address(client, jobs_world, small_exports):
    client.force_login(jobs_world["editor"])
    job = job_of(run_after_commit(client, "get", PRODUCTS, {"format": "csv"}))
    public = default_storage.url(job.result.name)

    assert client.get(public).status_code == 404
    client.logout()
    assert client.get(public).status_code == 404
    assert client.get(public.replace("/private/", "/x/../private/")).status_code == 404


def test_a_job_whose_rights_are_gone_fails_and_says_why(client, jobs_world, small_exports):
    """The export is made as its owner is when it runs: an agency no longer theirs fails it."""
    editor = jobs_world["editor"]
    client.force_login(editor)
    # the test's transaction never commits: the job waits until run_job is called
    job = job_of(client.get(PRODUCTS, {"format": "csv", "dinas": "dinas-pertanian"}))
    assert Job.objects.get(pk=job.pk).state == Job.State.QUEUED
    Membership.objects.filter(user=editor).delete()

    run_job(job.pk)

    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert not job.result
    assert job.error == gettext(
        "You may no longer export these data (your memberships have changed)."
    )
    client.force_login(editor)
    page = client.get(reverse("workspace-job", args=[job.pk]))
    assert job.error in page.content.decode()


def test_a_large_support_export_is_a_job_too(client, db, settings):
    settings.EXPORT_ROWS_IN_REQUEST = 1
    agency = AgencyFactory()
    ServiceFactory.create_batch(2, agency=agency, summary="=1+1")
    client.force_login(member(agency))

    response = run_after_commit(
        client, "get", reverse("workspace-export-support"), {"format": "xlsx"}
    )

    job = job_of(response)
    assert (job.kind, job.state, job.total) == (Job.Kind.EXPORT_SUPPORT, Job.State.DONE, 2)
    header, *rows = stored_rows(job)
    assert header[0] == "record" and len(rows) == 2
    assert {row[header.index("summary")] for row in rows} == {"'=1+1"}


def test_an_export_reports_its_progress_as_it_goes(client, jobs_world, small_exports, monkeypatch):
    seen = []
    monkeypatch.setattr("jobs.work.PROGRESS_EVERY", 2)
    monkeypatch.setattr("jobs.work.Progress.__call__", lambda progress, done: seen.append(done))
    client.force_login(jobs_world["editor"])

    job_of(run_after_commit(client, "get", PRODUCTS, {"format": "xlsx"}))

    assert seen == [2, 4, 4]  # every two rows, and once at the end
