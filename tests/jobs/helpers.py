"""Plain helpers of the background-job tests (fixtures are in conftest.py)."""

import csv
import io

import openpyxl
from django.test import TestCase
from django.urls import resolve

from jobs.models import Job


def run_after_commit(client, method, url, data=None):
    """A request whose background job (queued after the commit) has run when it returns."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return getattr(client, method)(url, data or {})


def job_of(response) -> Job:
    """The job a 303 points at (its progress page)."""
    assert response.status_code == 303, response.status_code
    match = resolve(response["Location"])
    assert match.url_name == "workspace-job"
    return Job.objects.get(pk=match.kwargs["pk"])


def stored_rows(job: Job) -> list[list]:
    """The rows of the job's file in the storage, header first, read as a spreadsheet would."""
    with job.result.open("rb") as stored:
        content = stored.read()
    if job.result_name.endswith(".csv"):
        text = content.decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline="")))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)
