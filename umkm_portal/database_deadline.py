"""A request never waits on the database for ever (issue 17).

`connect_timeout` bounds a new connection only, and `statement_timeout` is enforced by the server,
so a server that hangs (accepts, never answers) used to hold a request — /healthz included — for as
long as it hung, whenever a connection was kept between requests (CONN_MAX_AGE > 0).

psycopg2 lets the application do the waiting (`set_wait_callback`): every round trip to the server
then goes through `wait` below, which polls the socket. Inside a request (the middleware marks it)
one wait may last at most `DATABASE_REQUEST_WAIT` seconds; past it the round trip fails with
OperationalError, psycopg2 closes that connection, and the request answers the 503 maintenance page
(umkm_portal.http.server_error). After one such failure the rest of the request does not wait
again: a database that did not answer is down for this request. Outside requests (commands,
workers, tests' own setup) waits are not bounded: a long export or a migration may take its time.

COPY cannot run through a wait callback: `blocking()` lifts it for that block (the demo loader)."""

import select
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse


@dataclass
class Deadline:
    seconds: float
    missed: bool = False


_current: ContextVar[Deadline | None] = ContextVar("database_deadline", default=None)


def wait(connection) -> None:
    """psycopg2's wait callback: poll until the round trip is done, within the request's bound.
    `select.poll` rather than a selector: no file descriptor of its own to open and close on
    every round trip (a selector cost ~150 µs a query; this costs a few)."""
    from psycopg2 import OperationalError, extensions

    deadline = _current.get()
    if deadline is not None and deadline.missed:
        raise OperationalError("the database did not answer earlier in this request")
    until = None if deadline is None else time.monotonic() + deadline.seconds
    while True:
        state = connection.poll()
        if state == extensions.POLL_OK:
            return
        if state == extensions.POLL_READ:
            events = select.POLLIN
        elif state == extensions.POLL_WRITE:
            events = select.POLLOUT
        else:
            raise OperationalError(f"unexpected connection state {state}")
        poller = select.poll()
        poller.register(connection.fileno(), events)
        if until is None:
            poller.poll()
            continue
        remaining = until - time.monotonic()
        if remaining <= 0 or not poller.poll(remaining * 1000):
            deadline.missed = True  # type: ignore[union-attr]
            raise OperationalError(
                f"the database did not answer within {deadline.seconds:g} s"  # type: ignore[union-attr]
            )


def install() -> None:
    """Route psycopg2's waits through `wait` (PostgreSQL only; called by the app's ready())."""
    from psycopg2 import extensions

    extensions.set_wait_callback(wait)


@contextmanager
def blocking() -> Iterator[None]:
    """Without the wait callback for the block: COPY refuses to run with one."""
    try:
        from psycopg2 import extensions
    except ImportError:  # no PostgreSQL driver, nothing to lift
        yield
        return
    callback = extensions.get_wait_callback()
    extensions.set_wait_callback(None)
    try:
        yield
    finally:
        extensions.set_wait_callback(callback)


class DatabaseDeadlineMiddleware:
    """Marks the request: its waits on the database are bounded (first in the stack)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current.set(Deadline(settings.DATABASE_REQUEST_WAIT))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
