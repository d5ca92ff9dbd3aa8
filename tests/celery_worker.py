"""The task queue for real, for the tests that need it (tests/tasks, tests/scaleout): the test
process publishing to a broker instead of running tasks in-process, and `celery worker` as a
separate process."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from umkm_portal.celery import app

BASE_DIR = Path(__file__).resolve().parents[1]
#: The Redis database the end-to-end test's broker uses (flushed by the test); not the cache's.
BROKER_URL = os.environ.get("WORKER_TEST_BROKER_URL", "redis://127.0.0.1:6379/9")


def redis_answers(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


@contextmanager
def through_broker(url: str) -> Iterator[None]:
    """Within: this process queues tasks at `url` (a worker must run them), as an app server
    with a broker does; afterwards, in-process again, as the rest of the suite expects."""
    conf = app.conf
    before = (conf.task_always_eager, conf.broker_url)
    conf.task_always_eager, conf.broker_url = False, url
    _forget_connections()
    try:
        yield
    finally:
        conf.task_always_eager, conf.broker_url = before
        _forget_connections()


def _forget_connections() -> None:
    # The app keeps its connection pool for the broker it first connected to; what Celery
    # itself does after a fork.
    app._after_fork()


def start_worker(environment: dict, log: Path) -> subprocess.Popen:
    """`celery worker` (one process, no beat) in `environment`, writing to `log`."""
    command = [
        str(Path(sys.executable).parent / "celery"), "--app", "umkm_portal", "worker",
        "--pool", "solo", "--loglevel", "INFO", "--without-gossip", "--without-mingle",
        "--without-heartbeat",
    ]  # fmt: skip
    with log.open("ab") as output:
        return subprocess.Popen(
            command, cwd=BASE_DIR, env=environment, stdout=output, stderr=subprocess.STDOUT
        )


def stop_worker(worker: subprocess.Popen) -> None:
    """A warm shutdown (the task at hand finishes), then, if it hangs, the end."""
    if worker.poll() is not None:
        return
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(timeout=10)


def mail_to(address: str, folder: Path) -> str:
    """The text of the mail to `address` that Django's file backend (EMAIL_URL=filemail:///…)
    wrote in `folder`, once it is written whole; "" before."""
    for written in sorted(folder.glob("*.log")) if folder.exists() else []:
        text = written.read_text(errors="replace")
        if f"To: {address}" in text and text.rstrip().endswith("-" * 79):
            return text
    return ""
