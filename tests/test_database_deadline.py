"""Inside a request, a round trip to the database is bounded (umkm_portal.database_deadline, issue
17): a server that does not answer in time fails the request (the 503 page) instead of holding it,
and the rest of that request does not wait again. Outside requests (commands, workers) a long
statement takes its time. The outage itself, a frozen server behind a kept connection, is
tests/faults/test_database_outage.py."""

import time

import pytest
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.test import RequestFactory

from umkm_portal.database_deadline import DatabaseDeadlineMiddleware

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the wait callback is psycopg2's (PostgreSQL)"
    ),
]


def sleep(seconds: float) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(%s)", [seconds])


def in_request(settings, view, wait: float):
    settings.DATABASE_REQUEST_WAIT = wait
    return DatabaseDeadlineMiddleware(view)(RequestFactory().get("/"))


def test_a_request_waits_no_longer_than_its_bound_then_not_at_all(settings):
    seen = []

    def view(request):
        started = time.monotonic()
        with pytest.raises(OperationalError, match=r"did not answer within 0\.3 s"):
            sleep(5)
        seen.append(time.monotonic() - started)
        connection.close()  # psycopg2 closed it; Django forgets it, as at a request's end
        started = time.monotonic()
        with pytest.raises(OperationalError, match="earlier in this request"):
            sleep(0)
        seen.append(time.monotonic() - started)
        return HttpResponse()

    in_request(settings, view, wait=0.3)

    first, second = seen
    assert 0.3 <= first < 2  # bounded, not the 5 s the statement asked for
    assert second < 0.3  # the next round trip did not wait again
    connection.close()


def test_the_next_request_and_work_outside_requests_wait_as_long_as_they_need(settings):
    def slow(request):
        with pytest.raises(OperationalError):
            sleep(1)
        connection.close()
        return HttpResponse()

    in_request(settings, slow, wait=0.2)
    in_request(settings, lambda request: (sleep(0.5), HttpResponse())[1], wait=2)
    sleep(0.5)  # not in a request: unbounded

    def quick(request):
        sleep(0)
        return HttpResponse("ok")

    assert in_request(settings, quick, wait=0.3).content == b"ok"
