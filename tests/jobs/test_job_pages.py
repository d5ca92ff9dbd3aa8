"""The job's page: a progress bar that htmx refreshes every 2 seconds (and a page that reloads
itself without JavaScript) while the job waits or runs; the file or the reason once it ended;
410 Gone for a file past its 24 hours; the hourly sweep that removes what expired."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs.models import KEEP_ROW_AFTER_EXPIRY, KEPT, Job, progress_key
from jobs.tasks import RUNNING_AT_MOST, sweep_jobs
from tests.jobs.helpers import job_of, run_after_commit

REFRESH = re.compile(r'<noscript><meta http-equiv="refresh" content="\d+"></noscript>')


def a_job(user, state=Job.State.QUEUED, **fields) -> Job:
    job = Job.objects.create(user=user, kind=Job.Kind.EXPORT_PRODUCTS, total=4, **fields)
    if state in Job.FINISHED:
        job.finish(state)
    elif state != job.state:
        Job.objects.filter(pk=job.pk).update(state=state, started_at=timezone.now())
        job.refresh_from_db()
    return job


def a_finished_export(client, user) -> Job:
    client.force_login(user)
    return job_of(
        run_after_commit(client, "get", reverse("workspace-export-products"), {"format": "csv"})
    )


def test_a_waiting_job_polls_and_reloads_itself(client, jobs_world):
    job = a_job(jobs_world["editor"])
    client.force_login(jobs_world["editor"])

    html = client.get(job.get_absolute_url()).content.decode()

    status_url = reverse("workspace-job-status", args=[job.pk])
    assert f'hx-get="{status_url}"' in html and 'hx-trigger="every 2s"' in html
    assert REFRESH.search(html)  # without JavaScript
    assert f'<a href="{job.get_absolute_url()}">{_("Reload")}</a>' in html
    assert f'<progress id="job-progress-{job.pk}" max="4" value="0">0%</progress>' in html
    assert "<script>" not in html  # no inline script: the CSP holds
    assert "unsafe-inline" not in client.get(job.get_absolute_url())["Content-Security-Policy"]


def test_the_status_part_shows_the_rows_counted_so_far(client, jobs_world):
    job = a_job(jobs_world["editor"], Job.State.RUNNING)
    cache.set(progress_key(job.pk), 2)  # an import counts in the cache, inside its transaction
    client.force_login(jobs_world["editor"])

    response = client.get(reverse("workspace-job-status", args=[job.pk]), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="job-status"')  # the part only, for htmx
    assert 'hx-trigger="every 2s"' in html
    assert _("%(done)s of %(total)s rows") % {"done": 2, "total": 4} in html
    assert 'max="4" value="2">50%</progress>' in html


def test_a_finished_job_stops_polling_and_offers_the_file(client, jobs_world, small_exports):
    job = a_finished_export(client, jobs_world["editor"])

    html = client.get(job.get_absolute_url()).content.decode()
    part = client.get(reverse("workspace-job-status", args=[job.pk])).content.decode()

    for shown in (html, part):
        assert "hx-trigger" not in shown
        assert reverse("workspace-job-download", args=[job.pk]) in shown
    assert not REFRESH.search(html)


def test_a_file_past_its_24_hours_is_gone_with_a_page_that_says_so(
    client, jobs_world, small_exports
):
    job = a_finished_export(client, jobs_world["editor"])
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(reverse("workspace-job-download", args=[job.pk]))

    assert response.status_code == 410
    assert _("The file has expired") in response.content.decode()
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("workspace-job-download", args=[job.pk]) not in page


def test_the_sweep_removes_expired_files_then_the_rows(client, jobs_world, small_exports):
    job = a_finished_export(client, jobs_world["editor"])
    kept = a_finished_export(client, jobs_world["editor"])
    name = job.result.name
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert sweep_jobs()["files"] == 1

    assert not default_storage.exists(name)
    job.refresh_from_db()
    assert not job.result  # the row stays a while, so its page can say it expired
    assert client.get(reverse("workspace-job-download", args=[job.pk])).status_code == 410
    assert default_storage.exists(kept.result.name)

    Job.objects.filter(pk=job.pk).update(
        expires_at=timezone.now() - KEEP_ROW_AFTER_EXPIRY - timedelta(seconds=1)
    )
    assert sweep_jobs()["rows"] == 1
    assert not Job.objects.filter(pk=job.pk).exists()
    assert Job.objects.filter(pk=kept.pk).exists()


def test_the_sweep_removes_an_expired_imports_upload(jobs_world):
    job = Job(user=jobs_world["editor"], kind=Job.Kind.IMPORT_PRODUCTS)
    job.upload.save("import.csv", ContentFile(b"slug,name\n"), save=False)
    job.save()
    job.finish(Job.State.DONE)
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - KEPT)

    sweep_jobs()

    assert not default_storage.exists(job.upload.name)


def test_the_sweep_fails_a_job_whose_worker_was_lost(jobs_world):
    job = a_job(jobs_world["editor"], Job.State.RUNNING)
    Job.objects.filter(pk=job.pk).update(started_at=timezone.now() - RUNNING_AT_MOST * 2)

    assert sweep_jobs()["lost"] == 1

    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.error and job.expires_at is not None


def test_the_sweep_runs_a_job_whose_message_was_lost(jobs_world, small_exports):
    job = a_job(jobs_world["editor"], params={"query": {"format": ["csv"]}})
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))

    assert sweep_jobs()["requeued"] == 1  # the task runs in this process: no broker

    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result


def test_the_list_shows_only_my_jobs(client, jobs_world):
    mine = a_job(jobs_world["editor"], Job.State.DONE)
    theirs = a_job(jobs_world["colleague"], Job.State.FAILED)
    client.force_login(jobs_world["editor"])

    html = client.get(reverse("workspace-jobs")).content.decode()

    assert mine.get_absolute_url() in html
    assert theirs.get_absolute_url() not in html


def test_the_database_knows_the_states(jobs_world):
    from django.db import IntegrityError, transaction

    job = a_job(jobs_world["editor"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(state="lost")
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)  # finished without a time


@pytest.mark.parametrize("name", ["workspace-jobs", "workspace-job", "workspace-job-download"])
def test_anonymous_is_sent_to_sign_in(client, jobs_world, name):
    job = a_job(jobs_world["editor"])
    args = [] if name == "workspace-jobs" else [job.pk]

    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
