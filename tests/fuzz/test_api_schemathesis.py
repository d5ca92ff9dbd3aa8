"""The API keeps its schema's promises under a fuzzer (issue 16 item 25): Schemathesis reads
/api/v1/schema/ and, for every operation, sends requests it makes from the schema (valid ones and
invalid ones), anonymously and with the token of an editor, a reviewer and an administrator of
the demo portal (`seed_demo`, made once for the module). Every answer must be no server error,
carry a status code the operation documents, and have the documented content type and shape.

It runs in-process (Django's WSGI application, the test's database transaction), a bounded
number of examples per operation, no example database kept. It is slow for a unit test, so it
runs only when asked: `.ci/run` runs it once, on PostgreSQL, after the suite:

    API_FUZZ=1 pytest tests/fuzz

`API_FUZZ_EXAMPLES` sets the examples per operation (default 4, each sent as every role) and
`API_FUZZ_SECONDS` the time budget (default 200): once it is spent, the operations left are
skipped, saying so, rather than CI running long; the module's last line says how many operations
were tried, how many requests were sent and how long it took."""

import os
import time
from io import StringIO

import pytest

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

from django.core.cache import cache  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.fuzz.helpers import RUN  # noqa: E402

if os.environ.get("API_FUZZ") != "1":
    pytest.skip("the API fuzzer runs when API_FUZZ=1 is set", allow_module_level=True)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "4"))
BUDGET = float(os.environ.get("API_FUZZ_SECONDS", "200"))
SEEN: set[str] = set()

#: Who sends each request: nobody, then the demo's editor, reviewer and administrator.
ROLES = ("anonymous", "pertanian.editor", "koperasi.reviewer", "admin")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def load_schema():
    """The schema as the portal serves it, with Django's WSGI application to send requests to
    (loaded at collection, so that each operation is a test of its own)."""
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


schema = load_schema()


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-media")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, media_root):
    """As tests/conftest.py's, but one media folder for the module: the demo's pictures stay."""
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = media_root
    settings.RENDITIONS_ON_SAVE = False


@pytest.fixture(autouse=True)
def _one_connection():
    """Django's WSGI handler closes the database connection after each request, which, inside
    the test's transaction, would close the test's own (PostgreSQL then answers 503): the
    signals are disconnected while the test runs, as Django's test client does."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(django_db_setup, django_db_blocker, media_root):
    """The demo portal, once for the module (its rows stay in the test database: the fuzzer
    runs in a session of its own), and an API token for each role."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root):
        call_command("seed_demo", stdout=StringIO())
        users = get_user_model().objects.filter(username__in=ROLES)
        keys = {user.username: Token.objects.get_or_create(user=user)[0].key for user in users}
    assert set(keys) == set(ROLES) - {"anonymous"}, keys
    return {role: {"Authorization": f"Token {key}"} for role, key in keys.items()}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_schema_says(case, tokens):
    """Each request the fuzzer makes is sent as each role in turn."""
    if time.monotonic() - RUN["started"] > BUDGET:
        RUN["skipped"] += 1
        pytest.skip(f"the fuzzer's time budget ({BUDGET:.0f} s, API_FUZZ_SECONDS) is spent")
    if case.operation.label not in SEEN:
        SEEN.add(case.operation.label)
        RUN["operations"] += 1
    for role in ROLES:
        RUN["requests"] += 1
        # The fuzzer sends hundreds of requests a minute: the throttles would answer most of
        # them 429 (documented, so allowed, but nothing behind them would be tried).
        cache.clear()
        try:
            case.call_and_validate(headers=tokens.get(role, {}), checks=CHECKS)
        except Exception as failure:
            failure.add_note(f"sent as: {role}")
            raise
