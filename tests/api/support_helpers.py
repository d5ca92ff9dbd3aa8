"""Plain helpers of the development record's API tests (tests/api/test_support_*.py), in the
rights-matrix world of tests/conftest.py."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import UserFactory


def url(name, *args):
    """`url("activity-detail", 3)`: the address of `api-<name>`."""
    return reverse(f"api-{name}", args=args)


def outsider_client():
    """A signed-in account that is a member of no agency: it sees what the public sees."""
    client = APIClient()
    client.force_authenticate(UserFactory(username="warga"))
    return client


def soon(days=7, hours=0):
    return timezone.now() + timedelta(days=days, hours=hours)


def iso(moment):
    return moment.isoformat()


def queries_for(client, path, params=None):
    """(rows shown, queries run) for one GET of a list, after a first one: a signed-in user's
    permissions are read once and kept on the account."""
    client.get(path, params)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"page_size": 50, **(params or {})})
    assert response.status_code == 200, response.content
    return len(response.json()["results"]), len(queries)
