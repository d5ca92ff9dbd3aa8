"""The machinery of the fault tests that need a real PostgreSQL server: a THROWAWAY
cluster this suite creates on a free port of 127.0.0.1 and removes afterwards (the shared server
is never touched), and the portal running against it in its own process, configured as in
production. The fixtures that build them are in conftest.py.

`initdb` and `pg_ctl` come from the newest /usr/lib/postgresql/<version>/bin; they refuse to run
as root, so as root they run as the `postgres` user through `runuser`. A module that uses this
sets `pytestmark = POSTGRESQL_ONLY`: skipped cleanly, with the reason, when the suite does not
run on PostgreSQL or the binaries are missing.
"""

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection

from tests.processes import Answer, free_port, http, run

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE = "umkm_faults"
#: Settings of the test run that must not leak into the portal under test (nor libpq's PG*).
NOT_INHERITED = {
    "DATABASE_URL", "REDIS_URL", "CONN_MAX_AGE", "STATICFILES_BACKEND", "SECURE_SSL_REDIRECT",
    "DJANGO_SETTINGS_MODULE", "MEDIA_URL",
}  # fmt: skip


def _postgresql_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl."""
    found = []
    for folder in Path("/usr/lib/postgresql").glob("*/bin"):
        version = folder.parent.name
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            found.append((int(version) if version.isdigit() else 0, folder))
    return max(found)[1] if found else None


def _postgres_account() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return None


PG_BIN = _postgresql_bin()
AS_ROOT = os.geteuid() == 0
#: initdb and pg_ctl refuse to run as root: as root they run as `postgres`.
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if AS_ROOT else []


def why_skip() -> str | None:
    if connection.vendor != "postgresql":
        return (
            f"a real outage needs PostgreSQL (set DATABASE_URL); this run uses {connection.vendor}"
        )
    if PG_BIN is None:
        return "no initdb/pg_ctl under /usr/lib/postgresql/*/bin"
    if AS_ROOT and (shutil.which("runuser") is None or _postgres_account() is None):
        return "running as root without runuser or a postgres user to run initdb/pg_ctl"
    return None


SKIP_REASON = why_skip()
POSTGRESQL_ONLY = [
    pytest.mark.postgresql,
    pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or ""),
]


def _children(parent: int) -> list[int]:
    """The processes whose parent is `parent` (from /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # pid (comm) state ppid ...: the name may hold spaces, so split after its ")"
            if int(stat.read_text().rpartition(")")[2].split()[1]) == parent:
                children.append(int(stat.parent.name))
    return children


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on a free port of 127.0.0.1."""

    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        self.frozen: list[int] = []

    @property
    def database_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def sessions(self) -> int:
        """How many connections to the portal's database are open."""
        query = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{DATABASE}'"
        return int(self.pg("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                           "-d", "postgres", "-Atc", query))  # fmt: skip

    def pg(self, program: str, *args: str) -> str:
        return run([*AS_POSTGRES, str(PG_BIN / program), *args], cwd=self.root, timeout=60)

    def create(self) -> None:
        self.pg("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                "--locale=C", "--no-sync")  # fmt: skip
        self.start()
        self.pg("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", DATABASE)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.root / "postgres.log"),
                "-o", options, "-w", "-t", "30", "start")  # fmt: skip

    def stop(self, mode: str) -> None:
        self.pg("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop")

    def restart(self, mode: str) -> None:
        """`pg_ctl restart`: stop in `mode` (`fast` rolls back open transactions and ends every
        session; `immediate` kills the server outright, then it recovers from its WAL), start
        with the same options. The log file keeps the server's output off our pipes."""
        self.pg("pg_ctl", "-D", str(self.data), "-l", str(self.root / "postgres.log"),
                "-m", mode, "-w", "-t", "30", "restart")  # fmt: skip

    def connect(self):
        """A connection of our own to the portal's database, to look at what was written."""
        import psycopg2

        return psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres",
                                dbname=DATABASE, connect_timeout=5)  # fmt: skip

    def running(self) -> bool:
        status = [*AS_POSTGRES, str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status"]
        return (
            subprocess.run(status, cwd=self.root, capture_output=True, check=False).returncode == 0
        )

    def freeze(self) -> None:
        """The server hangs: the postmaster and every server process stop (SIGSTOP). The port
        still accepts connections and open connections stay open, but nothing answers."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        os.kill(postmaster, signal.SIGSTOP)  # first, so that it starts no new process
        self.frozen = [postmaster, *_children(postmaster)]
        for pid in self.frozen[1:]:
            os.kill(pid, signal.SIGSTOP)

    def thaw(self) -> None:
        for pid in reversed(self.frozen):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        self.frozen = []

    def break_down(self, outage: str) -> None:
        if outage == "frozen":
            self.freeze()
        else:
            self.stop(outage)

    def repair(self) -> None:
        self.thaw()
        if not self.running():
            self.start()

    def destroy(self) -> None:
        try:
            self.thaw()
            if self.data.exists() and self.running():
                self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


#: How the portal is served. "threaded": runserver's default, a thread per request whose
#: connection is closed when the thread ends, so every request connects anew. "persistent":
#: one thread keeping its connection between requests (CONN_MAX_AGE), like a gunicorn sync
#: worker in production; after the outage that connection is dead, and CONN_HEALTH_CHECKS must
#: notice it instead of failing with "connection already closed".
SERVING = {
    "threaded": {"options": [], "CONN_MAX_AGE": "0"},
    "persistent": {"options": ["--nothreading"], "CONN_MAX_AGE": "600"},
}


@dataclass
class Portal:
    """The portal in its own process, configured as in production."""

    root: Path
    database_url: str
    serving: str = "threaded"
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def log(self) -> Path:
        return self.root / f"portal-{self.serving}.log"

    def environment(self) -> dict:
        inherited = {
            name: value
            for name, value in os.environ.items()
            if name not in NOT_INHERITED and not name.startswith("PG")
        }
        return {
            **inherited,
            "DATABASE_URL": self.database_url,
            "DEBUG": "False",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            # As in production: HTTPS ends at the load balancer, which says so in a header.
            "BEHIND_PROXY": "True",
            "STATIC_ROOT": str(self.root / "static"),
            "MEDIA_ROOT": str(self.root / "media"),
            # The API throttle is not under test; the load of the tests must not trip it.
            "THROTTLE_ANON": "100000/minute",
            "THROTTLE_USER": "100000/minute",
            "CONN_MAX_AGE": SERVING[self.serving]["CONN_MAX_AGE"],
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args: str) -> str:
        return run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=self.environment())

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}",
                 "--noreload", "--insecure", *SERVING[self.serving]["options"]],
                cwd=BASE_DIR, env=self.environment(), stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        deadline = time.monotonic() + 30
        while self.get("/healthz", timeout=2).status != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the portal did not come up:\n{self.log_text()[-3000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def get(self, path: str, timeout: float = 10) -> Answer:
        return self.request("GET", path, timeout=timeout)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict | None = None,
        timeout: float = 10,
    ) -> Answer:
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.7",
            **(headers or {}),
        }
        url = f"http://127.0.0.1:{self.port}{path}"
        return http(method, url, body=body, headers=headers, timeout=timeout)
