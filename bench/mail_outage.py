"""How long a request that sends mail takes while the mail server is down (issue 15), for a code
tree (this one, or another checkout such as the commit before mail moved to a task):

    .venv/bin/python -m bench.mail_outage [--tree /tmp/before] [--runs 5]

For each kind of "down" — (a) refused: nothing listens on the port; (b) a black hole that
accepts the TCP connection and never answers (tests/smtp_server.py) — and, for this tree, without
a broker (tasks in-process) and with Redis and a `celery worker`, it times RUNS requests that
invite new staff by e-mail (the workspace's member invitation: one notification, one mail) through
Django's test client against a fresh PostgreSQL database, and prints one JSON line per scenario.
A run that gets no answer within HANG seconds counts as a hang (as a proxy or gunicorn's timeout
would end it). Not in CI; results go to bench/results/<date>-mail-outage.md by hand.

Needs PostgreSQL (BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432; the database
umkm_bench_mail is dropped and created for every scenario) and, for the worker scenarios, Redis
(BENCH_MAIL_BROKER, default redis://127.0.0.1:6379/9, a queue of its own)."""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
BROKER = os.environ.get("BENCH_MAIL_BROKER", "redis://127.0.0.1:6379/9")
DATABASE = "umkm_bench_mail"
HANG = 40

MEASURE = """
import json, os, sys, time
sys.path.insert(0, os.getcwd())
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from django.urls import reverse
from agencies.models import Membership, Role
from tests.factories import AgencyFactory, MembershipFactory
agency = AgencyFactory(slug="dinas-bench-surat")
manager = MembershipFactory(agency=agency, role=Role.MANAGER).user
client = Client(raise_request_exception=False)
client.force_login(manager)
client.get(reverse("workspace"))  # warm: imports and templates, as a running server has them
print("ready", flush=True)
for run in range(int(sys.argv[1])):
    email = f"staf{run}@example.org"
    started = time.perf_counter()
    response = client.post(
        reverse("workspace-member-invite", args=[agency.slug]), {"email": email, "role": "editor"}
    )
    seconds = time.perf_counter() - started
    committed = Membership.objects.filter(agency=agency, user__email=email).exists()
    print(json.dumps({"seconds": seconds, "status": response.status_code,
                      "committed": committed}), flush=True)
try:
    from notifications.models import Notification
except ImportError:
    pass
else:
    time.sleep(float(os.environ.get("BENCH_SETTLE", "0")))
    print(json.dumps({"mail": sorted(Notification.objects.values_list(
        "mail", "mail_attempts"))}), flush=True)
"""


def psql(statement: str) -> None:
    subprocess.run(
        ["psql", "-q", f"{POSTGRES}/postgres", "-c", statement], check=True, capture_output=True
    )


def scenario(tree: Path, email_port: int, runs: int, broker: str | None) -> dict:
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{DATABASE}"')
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}},
        "DJANGO_SETTINGS_MODULE": "umkm_portal.settings",
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "EMAIL_URL": f"smtp://127.0.0.1:{email_port}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    worker = None
    if broker:
        environment |= {"CELERY_BROKER_URL": broker, "CELERY_QUEUE": "bench-mail-outage"}
        environment["BENCH_SETTLE"] = "15"  # let the worker try before counting
        worker = subprocess.Popen(
            [str(Path(sys.executable).parent / "celery"), "--app", "umkm_portal", "worker",
             "--pool", "solo", "--loglevel", "WARNING", "--without-gossip", "--without-mingle"],
            cwd=tree, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    measuring = subprocess.Popen(
        [sys.executable, "-c", MEASURE, str(runs)],
        cwd=tree, env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    answers, mail = [], None
    try:
        assert measuring.stdout is not None
        deadline = None
        while True:
            line = _readline(measuring, deadline)
            if line is None:  # no answer in time: a hang
                answers.append({"seconds": None, "status": None, "committed": None})
                break
            if line == "":
                break
            if line.strip() == "ready":
                deadline = time.monotonic() + HANG
                continue
            found = json.loads(line)
            if "mail" in found:
                mail = found["mail"]
            else:
                answers.append(found)
                deadline = time.monotonic() + HANG
    finally:
        for process in (measuring, worker):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=20)
    timed = [a["seconds"] for a in answers if a["seconds"] is not None]
    return {
        "runs": answers,
        "median_seconds": statistics.median(timed) if timed else None,
        "mail": mail,
    }


def _readline(process: subprocess.Popen, deadline: float | None) -> str | None:
    """The process's next line; None when `deadline` passes first."""
    import selectors

    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
        if not selector.select(timeout):
            return None
    return process.stdout.readline()


def main() -> None:
    sys.path.insert(0, str(BASE_DIR))
    from tests.processes import free_port
    from tests.smtp_server import BLACK_HOLE, SMTPServer

    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", type=Path, default=BASE_DIR)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--broker", action="store_true", help="also with Redis and a worker")
    arguments = parser.parse_args()
    brokers = [None, BROKER] if arguments.broker else [None]
    with SMTPServer(mode=BLACK_HOLE) as black_hole:
        for down, port in (("refused", free_port()), ("black hole", black_hole.port)):
            for broker in brokers:
                result = scenario(arguments.tree, port, arguments.runs, broker)
                label = {"tree": str(arguments.tree), "down": down, "broker": bool(broker)}
                print(json.dumps(label | result), flush=True)
    psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    main()
