"""Two app servers share everything a visitor or an editor depends on (
docs/architecture.md §7 "Grows past one machine"; docs/deployment.md).

Two gunicorn servers (two workers each) run the portal on two free ports of 127.0.0.1 with the
same production environment, as behind a load balancer, sharing a PostgreSQL database, Redis and
an S3-compatible bucket — and nothing else: each has its own (empty) MEDIA_ROOT. Redis is their
task broker too (REDIS_URL), so a Celery worker runs beside them, as in production. Then:

- a session started on one is valid on the other;
- an image uploaded through one is served through the other, rendition included, with the
  bytes that are in the bucket (and nothing written to local disk);
- a product renamed through one shows renamed on the other, however public pages are cached;
- sign-in failures on one lock the username out on the other;
- an API throttle limit reached on one holds on the other;
- a mail one of them asks for is sent by the worker, not by the server.

Everything is this module's own and removed afterwards: a PostgreSQL database of a unique name
on the server of the suite's DATABASE_URL, keys under a unique prefix in Redis database 14 of
SCALEOUT_REDIS_URL (default redis://127.0.0.1:6379/14) and a task queue of a unique name there,
and moto's S3 server on a free port.
Skipped, with the reason, when the suite does not run on PostgreSQL, Redis does not answer, or
moto_server or gunicorn is not installed. About 20 s on an idle machine, most of it `migrate`.
"""

import contextlib
import io
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.db import connection

from tests.celery_worker import mail_to, start_worker, stop_worker
from tests.processes import Answer, free_port, http, run

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/14")
PASSWORD = "Skala-Keluar-2026"
OLD_NAME = "Kemplang Ikan Tenggiri Skala"
NEW_NAME = "Getas Ikan Parang Skala"
#: The anonymous API rate of both servers: low, so that the limit is reached quickly.
ANON_RATE = 5
#: Failed sign-ins before a username is locked out (AXES_FAILURE_LIMIT).
FAILURE_LIMIT = 3
#: The test run's own settings that must not leak into the servers under test.
NOT_INHERITED_PREFIXES = ("PG", "AWS_", "S3_", "THROTTLE_", "AXES_")
NOT_INHERITED = {
    "DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX", "CONN_MAX_AGE", "STATICFILES_BACKEND",
    "DJANGO_SETTINGS_MODULE", "MEDIA_URL", "MEDIA_ROOT", "STATIC_ROOT", "BEHIND_PROXY",
    "TRUSTED_PROXY_COUNT", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "CELERY_BROKER_URL", "CELERY_QUEUE", "EMAIL_URL", "SITE_URL",
}  # fmt: skip
SITE_URL = "https://umkm.babelprov.go.id"
INVITED_MANAGER_EMAIL = "skala.manajer@example.org"


def _program(name: str) -> str | None:
    """A console script of the venv that runs the suite, else one on PATH."""
    if (BIN / name).is_file():
        return str(BIN / name)
    return shutil.which(name)


def _redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


def _why_skip() -> str | None:
    if connection.vendor != "postgresql":
        return (
            f"the app servers share PostgreSQL (DATABASE_URL); this run is on {connection.vendor}"
        )
    if _program("moto_server") is None:
        return "moto_server (pip install 'moto[server]', requirements-dev.txt) is not installed"
    if _program("gunicorn") is None:
        return "gunicorn (requirements.txt) is not installed"
    if not _redis_answers():
        return f"Redis does not answer at {REDIS_URL} (set SCALEOUT_REDIS_URL)"
    return None


SKIP_REASON = _why_skip()
pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or ""),
]


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        wait_or_kill(process)


def wait_or_kill(process: subprocess.Popen) -> None:
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# HTTP --------------------------------------------------------------------------------------------


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]):
    """(body, content type) of a multipart/form-data request."""
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        )
        body.write(f"{value}\r\n".encode())
    for name, (filename, content, kind) in files.items():
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
        )
        body.write(content + b"\r\n")
    body.write(f"--{boundary}--\r\n".encode())
    return body.getvalue(), f"multipart/form-data; boundary={boundary}"


@dataclass
class AppServer:
    """The portal under gunicorn, configured as in production, on a port of its own."""

    name: str
    environment: dict
    root: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def log(self) -> Path:
        return self.root / f"gunicorn-{self.name}.log"

    def start(self) -> None:
        command = [
            _program("gunicorn"), "umkm_portal.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--timeout", "30",
            "--graceful-timeout", "2", "--error-logfile", "-",
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=self.environment, stdout=log, stderr=subprocess.STDOUT
            )

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 30
        while self.request("GET", "/healthz", timeout=2).status != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"app server {self.name} did not come up:\n{self.log_tail()}")
            time.sleep(0.2)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict | None = None,
        cookies: dict | None = None,
        timeout: float = 15,
    ) -> Answer:
        headers = dict(headers or {})
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        url = f"http://127.0.0.1:{self.port}{path}"
        return http(method, url, body=body, headers=headers, timeout=timeout)

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def sign_in(self, username: str, password: str) -> Answer:
        """The sign-in page as a browser uses it: the form (and its CSRF cookie), then POST."""
        form = self.get("/accounts/login/")
        assert form.status == 200, form.describe()
        csrf_cookie = form.cookies()["csrftoken"]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        fields = {"username": username, "password": password, "csrfmiddlewaretoken": token}
        return self.request(
            "POST",
            "/accounts/login/",
            body=urlencode(fields).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            cookies={"csrftoken": csrf_cookie},
        )


# The shared services -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir():
    root = Path(tempfile.mkdtemp(prefix="umkm-scaleout-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def s3(workdir):
    """moto's S3 server on a free port, with an empty bucket: (endpoint URL, bucket, client)."""
    import boto3

    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    with (workdir / "moto.log").open("ab") as log:
        process = subprocess.Popen(
            [_program("moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="scaleout",
            aws_secret_access_key="scaleout-secret",
        )
        bucket = f"umkm-scaleout-{secrets.token_hex(4)}"
        deadline = time.monotonic() + 20
        while True:
            try:
                client.create_bucket(Bucket=bucket)
                break
            except Exception:
                if process.poll() is not None or time.monotonic() > deadline:
                    log_text = (workdir / "moto.log").read_text(errors="replace")
                    pytest.fail(f"moto_server did not come up:\n{log_text[-2000:]}")
                time.sleep(0.2)
        yield endpoint, bucket, client
        with contextlib.suppress(Exception):
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
                for entry in page.get("Contents", []):
                    client.delete_object(Bucket=bucket, Key=entry["Key"])
            client.delete_bucket(Bucket=bucket)
    finally:
        stop(process)


@pytest.fixture(scope="module")
def database():
    """A database of its own on the suite's PostgreSQL server; its URL. Dropped afterwards."""
    import psycopg2

    server = connection.settings_dict
    name = f"umkm_scaleout_{secrets.token_hex(4)}"
    credentials = {
        "host": server.get("HOST") or "127.0.0.1",
        "port": server.get("PORT") or 5432,
        "user": server.get("USER") or "postgres",
        "password": server.get("PASSWORD") or None,
    }

    def execute(statement: str) -> None:
        admin = psycopg2.connect(dbname="postgres", connect_timeout=5, **credentials)
        try:
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(statement)
        finally:
            admin.close()

    execute(f'CREATE DATABASE "{name}"')
    user = quote(str(credentials["user"]), safe="")
    password = f":{quote(str(credentials['password']), safe='')}" if credentials["password"] else ""
    try:
        yield f"postgres://{user}{password}@{credentials['host']}:{credentials['port']}/{name}"
    finally:
        execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def redis_prefix():
    """A cache key prefix and a task queue name of its own; every key under the prefix and the
    queue are deleted afterwards."""
    import redis

    prefix = f"umkm-scaleout-{secrets.token_hex(4)}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*", count=500):
        client.delete(key)
    for key in client.scan_iter(match=f"*{prefix}*", count=500):  # the queue and its bindings
        client.delete(key)


@pytest.fixture(scope="module")
def environment(workdir, s3, database, redis_prefix):
    """What both app servers are started with: the same production settings and services."""
    endpoint, bucket, _client = s3
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in NOT_INHERITED and not name.startswith(NOT_INHERITED_PREFIXES)
    }
    return {
        **inherited,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP between the test and the servers: no redirect to https, no Secure cookies.
        "SECURE_SSL_REDIRECT": "False",
        "SESSION_COOKIE_SECURE": "False",
        "CSRF_COOKIE_SECURE": "False",
        "SECURE_HSTS_SECONDS": "0",
        "DATABASE_URL": database,
        "CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": redis_prefix,
        # The broker is REDIS_URL; the queue is this run's own, so that two runs at once (or
        # another portal on this Redis) do not take each other's tasks.
        "CELERY_QUEUE": redis_prefix,
        "SITE_URL": SITE_URL,
        # The servers' own mail, if they sent any: the worker has another folder (`worker`).
        "EMAIL_URL": f"filemail:///{workdir / 'mail-servers'}",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "scaleout",
        "AWS_SECRET_ACCESS_KEY": "scaleout-secret",
        "AWS_EC2_METADATA_DISABLED": "true",
        "STATIC_ROOT": str(workdir / "static"),
        # Must stay empty: with S3_BUCKET set, nothing is written to local disk.
        "MEDIA_ROOT": str(workdir / "media"),
        "THROTTLE_ANON": f"{ANON_RATE}/minute",
        "AXES_FAILURE_LIMIT": str(FAILURE_LIMIT),
        "PYTHONUNBUFFERED": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


SETUP = f"""
import json
from rest_framework.authtoken.models import Token
from agencies.models import Role
from tests.factories import AgencyFactory, MembershipFactory, ProductFactory, UserFactory
product = ProductFactory(name={OLD_NAME!r})
editor = UserFactory(username="skala.editor", password={PASSWORD!r})
MembershipFactory(user=editor, agency=product.owner_agency, role=Role.EDITOR)
UserFactory(username="skala.terkunci", password={PASSWORD!r})
invited = AgencyFactory(slug="dinas-perindustrian-skala")
MembershipFactory(
    agency=invited, role=Role.MANAGER, user__email={INVITED_MANAGER_EMAIL!r}
)
print(json.dumps({{
    "slug": product.slug,
    "token": Token.objects.create(user=editor).key,
    "invited": invited.slug,
}}))
"""


@pytest.fixture(scope="module")
def portal(environment):
    """Migrated, static files collected, a product and its editor: {"slug", "token"}."""
    manage = [sys.executable, "manage.py"]
    collecting = subprocess.Popen(  # meanwhile: it needs no database
        [*manage, "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        run([*manage, "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=environment)
        created = run([*manage, "shell", "-c", SETUP], cwd=BASE_DIR, env=environment).splitlines()[
            -1
        ]
        output = collecting.communicate(timeout=120)[0]
    finally:
        stop(collecting)
    if collecting.returncode != 0:
        pytest.fail(f"collectstatic exited {collecting.returncode}:\n{output.decode()[-3000:]}")
    return json.loads(created)


@pytest.fixture(scope="module")
def servers(portal, environment, workdir):
    """Servers A and B: the same settings, the same services, two ports."""
    pair = [AppServer(name, environment, workdir) for name in ("A", "B")]
    try:
        for server in pair:
            server.start()
        for server in pair:
            server.wait_until_up()
        yield pair
    finally:
        running = [s.process for s in pair if s.process is not None and s.process.poll() is None]
        for process in running:  # both at once; SIGINT is gunicorn's quick shutdown
            process.send_signal(signal.SIGINT)
        for process in running:
            wait_or_kill(process)


@pytest.fixture(scope="module")
def worker(portal, environment, workdir):
    """The Celery worker beside the servers: the same settings, mail written to its own folder."""
    mail = workdir / "mail-worker"
    process = start_worker(
        {**environment, "EMAIL_URL": f"filemail:///{mail}"}, workdir / "celery-worker.log"
    )
    try:
        yield process, mail
    finally:
        stop_worker(process)


# The checks --------------------------------------------------------------------------------------


def test_a_session_started_on_one_server_is_valid_on_the_other(servers):
    a, b = servers

    signed_in = a.sign_in("skala.editor", PASSWORD)

    assert signed_in.status == 302, signed_in.describe()
    session = signed_in.cookies().get("sessionid")
    assert session, f"no session cookie: {signed_in.headers}"
    workspace = b.get("/ruang-kerja/", cookies={"sessionid": session})
    assert workspace.status == 200, workspace.describe()
    assert "skala.editor" in workspace.text
    stranger = b.get("/ruang-kerja/")  # the same address without the cookie: the sign-in page
    assert stranger.status == 302 and "/accounts/login/" in stranger.headers["Location"]


def jpeg(width=800, height=600) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (190, 120, 40)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_an_image_uploaded_through_one_server_is_served_by_the_other_from_the_bucket(
    servers, portal, s3, environment
):
    a, b = servers
    _endpoint, bucket, client = s3
    body, kind = multipart(
        {"alt_text": "Kemplang di atas tampah"}, {"image": ("kemplang.jpg", jpeg(), "image/jpeg")}
    )

    uploaded = a.request(
        "POST",
        f"/api/v1/products/{portal['slug']}/images/",
        body=body,
        headers={"Content-Type": kind, "Authorization": f"Token {portal['token']}"},
    )

    assert uploaded.status == 201, f"{uploaded.describe()}\n{a.log_tail()}"
    image = uploaded.json()
    addresses = [urlsplit(image["url"]).path] + [
        urlsplit(rendition["url"]).path for rendition in image["renditions"]
    ]
    assert len(addresses) >= 2, image  # the original and at least one WebP rendition
    for path in addresses:
        assert path.startswith("/media/"), f"not served from our own origin: {path}"
        served = b.get(path)
        assert served.status == 200, f"{path}: {served.describe()}"
        stored = client.get_object(Bucket=bucket, Key=path.removeprefix("/media/"))
        assert served.content == stored["Body"].read(), f"{path}: B serves other bytes than stored"
        assert served.headers["Content-Type"] in ("image/jpeg", "image/webp")
        assert "public" in served.headers["Cache-Control"]
        assert "immutable" in stored["CacheControl"]
    media_root = Path(environment["MEDIA_ROOT"])
    written = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    assert written == [], f"files written to local disk instead of the bucket: {written}"
    assert b.get("/media/products/2026/01/no-such-file.jpg").status == 404


def test_a_product_renamed_through_one_server_shows_renamed_on_the_other(servers, portal):
    a, b = servers
    page = f"/produk/{portal['slug']}/"
    for _ in range(2):  # the second visit comes from a cache, if there is one
        before = a.get(page)
        assert before.status == 200 and OLD_NAME in before.text, before.describe()

    renamed = b.request(
        "PATCH",
        f"/api/v1/products/{portal['slug']}/",
        body=json.dumps({"name": NEW_NAME}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Token {portal['token']}"},
    )

    assert renamed.status == 200, renamed.describe()
    after = a.get(page)
    assert after.status == 200, after.describe()
    assert NEW_NAME in after.text and OLD_NAME not in after.text


def test_sign_in_failures_on_one_server_lock_the_username_out_on_the_other(servers):
    a, b = servers

    failures = [a.sign_in("skala.terkunci", "salah-sandi").status for _ in range(FAILURE_LIMIT)]

    assert failures[:-1] == [200] * (FAILURE_LIMIT - 1)  # the form again, with its error
    assert failures[-1] == 429  # the last allowed failure locks the username out
    right_password = b.sign_in("skala.terkunci", PASSWORD)
    assert right_password.status == 429, right_password.describe()
    assert "sessionid" not in right_password.cookies()


def test_a_mail_a_server_asks_for_is_sent_by_the_worker(servers, worker, portal, workdir):
    """The servers have a broker, so they only queue the mail: the worker sends it."""
    a, _b = servers
    process, worker_mail = worker

    invited = a.request(
        "POST",
        f"/api/v1/products/{portal['slug']}/collaborations/",
        body=json.dumps({"agency": portal["invited"]}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Token {portal['token']}"},
    )

    assert invited.status == 201, invited.describe()
    deadline = time.monotonic() + 60
    while not (text := mail_to(INVITED_MANAGER_EMAIL, worker_mail)):
        if process.poll() is not None or time.monotonic() > deadline:
            log = (workdir / "celery-worker.log").read_text(errors="replace")
            pytest.fail(f"the worker sent no mail:\n{log[-3000:]}")
        time.sleep(0.2)
    assert f"{SITE_URL}/ruang-kerja/" in text
    servers_mail = workdir / "mail-servers"
    assert not servers_mail.exists() or list(servers_mail.iterdir()) == []


def test_an_api_throttle_limit_reached_on_one_server_holds_on_the_other(servers):
    """Last in this module: afterwards, anonymous API requests from here are refused."""
    a, b = servers
    statuses = []
    while len(statuses) <= ANON_RATE + 2 and 429 not in statuses:
        statuses.append(a.get("/api/v1/categories/").status)

    assert statuses[:ANON_RATE] == [200] * ANON_RATE, statuses
    assert statuses[-1] == 429, statuses
    on_b = b.get("/api/v1/categories/")  # the first anonymous API request B ever gets
    assert on_b.status == 429, on_b.describe()
    assert on_b.headers["Retry-After"]
