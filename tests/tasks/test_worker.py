"""End to end through a real Celery worker: a request that notifies queues the mail task on
Redis (this process is an app server with a broker, not in-process), a separate `celery worker`
connected to the test database picks it up and sends the mail, and the notification is marked
sent.

The worker uses Redis database 9 of WORKER_TEST_BROKER_URL (flushed before and after) and writes
mail as files (EMAIL_URL=filemail://…). Skipped, with the reason, when the suite does not run on
PostgreSQL (the worker must reach the test database by name; pytest's SQLite database is in this
process's memory) or Redis does not answer."""

import os
import shutil
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse

from notifications.models import Notification
from tests.celery_worker import (
    BROKER_URL,
    mail_to,
    redis_answers,
    start_worker,
    stop_worker,
    through_broker,
)
from tests.factories import AgencyFactory, MembershipFactory, ProductFactory

SITE_URL = "https://umkm.babelprov.go.id"


def _why_skip() -> str | None:
    if connection.vendor != "postgresql":
        return (
            f"the worker shares the test database (PostgreSQL); this run is on {connection.vendor}"
        )
    if not redis_answers(BROKER_URL):
        return f"Redis does not answer at {BROKER_URL} (set WORKER_TEST_BROKER_URL)"
    return None


SKIP_REASON = _why_skip()
pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or ""),
]


def database_url() -> str:
    """The test database (test_…) this process uses, as the worker's DATABASE_URL."""
    db = connection.settings_dict
    user = quote(str(db.get("USER") or "postgres"), safe="")
    password = f":{quote(str(db['PASSWORD']), safe='')}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def mail_dir():
    path = Path(tempfile.mkdtemp(prefix="umkm-worker-mail-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def broker():
    import redis

    client = redis.Redis.from_url(BROKER_URL)
    client.flushdb()
    yield BROKER_URL
    client.flushdb()


@pytest.fixture
def worker(transactional_db, broker, mail_dir):
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}},
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "EMAIL_URL": f"filemail:///{mail_dir}",  # the path after the third slash
        "SITE_URL": SITE_URL,
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    log = mail_dir.parent / f"{mail_dir.name}-worker.log"
    process = start_worker(environment, log)
    try:
        yield process, log
    finally:
        stop_worker(process)
        log.unlink(missing_ok=True)


def wait_for(condition, process, log: Path, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the worker did not deliver:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    return found


def test_a_mail_queued_by_a_request_is_sent_by_the_worker(client, worker, broker, mail_dir):
    process, log = worker
    product = ProductFactory()
    editor = MembershipFactory(agency=product.owner_agency).user
    invited = AgencyFactory(slug="dinas-perindustrian")
    manager = MembershipFactory(
        agency=invited, role="manager", user__email="perindustrian.manager@example.org"
    ).user
    client.force_login(editor)

    with through_broker(broker):
        response = client.post(
            reverse("workspace-product-invite", args=[product.slug]), {"agency": invited.pk}
        )

    assert response.status_code == 302
    notification = Notification.objects.get(recipient=manager)
    sent = wait_for(lambda: mail_to(manager.email, mail_dir), process, log)
    assert f"{SITE_URL}{reverse('workspace-collaborations')}" in sent
    wait_for(
        lambda: Notification.objects.filter(
            pk=notification.pk, mail=Notification.Mail.SENT, mail_attempts=1
        ).exists(),
        process,
        log,
    )
