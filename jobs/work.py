"""What a job does, by kind. The apps that own the work register it here (the workspace's
exports and imports, workspace/background.py), so this app stays below them: it knows how to
run, count, finish and clean up a job, not what an export is.

A piece of work is a function `work(job, progress)`: it reads `job.params` and `job.upload`,
sets `job.total`, calls `progress(rows_done)` now and then, and leaves its file in `job.result`
(with `job.result_name`) and its report in `job.outcome`; the runner saves the job. To fail
with words for the person, it raises JobFailed; anything else fails with a general message and
is logged."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

from jobs.models import Job, progress_key

T = TypeVar("T")

#: How often (in rows) the work reports its progress.
PROGRESS_EVERY = 250


class JobFailed(Exception):
    """The work cannot be done, for a reason the person can read (and perhaps act on)."""

    def __init__(self, message: str, *, outcome: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.outcome = outcome or {}


class Progress:
    """Counts a job's rows done, where the progress page reads them: in the cache always (an
    import runs in one transaction, whose writes nobody sees before it ends), and on the row
    too when no transaction is open."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def __call__(self, done: int) -> None:
        cache.set(progress_key(self.job.pk), done, 24 * 3600)
        if not transaction.get_connection().in_atomic_block:
            Job.objects.filter(pk=self.job.pk).update(done=done)

    def counting(self, rows: Iterable[T]) -> Iterator[T]:
        """`rows`, reporting every PROGRESS_EVERY of them as they pass, and at the end."""
        every, done = PROGRESS_EVERY, 0
        for done, row in enumerate(rows, start=1):
            if done % every == 0:
                self(done)
            yield row
        self(done)


Work = Callable[[Job, Progress], None]
WORK: dict[str, Work] = {}


def register(kind: str, work: Work) -> None:
    WORK[kind] = work
