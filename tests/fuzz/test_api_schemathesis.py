"""The API keeps its schema's promises under a fuzzer (issue 16 item 25): Schemathesis reads
/api/v1/schema/ and, for every operation, sends requests it makes from the schema (valid ones and
invalid ones), anonymously and with the token of an editor, a reviewer and an administrator of
the demo portal (`seed_demo`, made once for the module). Every answer must be no server error,
carry a status code the operation documents, and have the documented content type and shape.

It runs in-process (Django's WSGI application, the test's database transaction), a bounded
number of examples per operation, no example database kept. It is slow for a unit test, so it
runs only when asked: `.ci/run` runs it once, on PostgreSQL, after the suite:

    API_FUZZ=1 pytest tests/fuzz

`API_FUZZ_EXAMPLES` sets the examples per operation and role (default 8)."""

import os
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

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        os.environ.get("API_FUZZ") != "1", reason="the API fuzzer runs when API_FUZZ=1 is set"
    ),
]

EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "8"))
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
    (loaded at collection, so that each operation is a test of its own; only when asked)."""
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


if os.environ.get("API_FUZZ") == "1":
    schema = load_schema()
else:
    schema = schemathesis.openapi.from_dict(
        {"openapi": "3.0.3", "info": {"title": "-", "version": "-"}, "paths": {}}
    )


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
    for role in ROLES:
        # The fuzzer sends hundreds of requests a minute: the throttles would answer most of
        # them 429 (documented, so allowed, but nothing behind them would be tried).
        cache.clear()
        try:
            case.call_and_validate(headers=tokens.get(role, {}), checks=CHECKS)
        except Exception as failure:
            failure.add_note(f"sent as: {role}")
            raise
