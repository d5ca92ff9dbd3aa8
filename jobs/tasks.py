"""The tasks of background work. `run_job` is safe to run twice (a retry, a redelivery, the
sweep re-queueing): only the call that moves the job from queued to running does the work, and
that move is one conditional UPDATE, atomic on every database. `sweep_jobs` (hourly, by beat)
deletes what has expired and picks up jobs a lost broker message or a killed worker left behind."""

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jobs.models import KEEP_ROW_AFTER_EXPIRY, Job
from jobs.work import WORK, JobFailed, Progress

log = logging.getLogger(__name__)

#: A job still queued after this long lost its message (a broker that was down): queue it again.
REQUEUE_AFTER = timedelta(minutes=10)
#: A job running this long lost its worker (no export or import takes so long): it failed.
RUNNING_AT_MOST = timedelta(hours=2)


def unexpected_failure() -> str:
    return _(
        "Something went wrong on the server and the work was not finished. Nothing was "
        "changed; please try again. If it happens again, tell the portal's administrators."
    )


@shared_task
def run_job(job_id: int) -> str:
    """Do job `job_id`'s work, if it is still waiting; returns the state it ends in."""
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        log.info("job %s is not waiting (running, finished or gone): not run again", job_id)
        return ""
    job = Job.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language):
        try:
            WORK[job.kind](job, Progress(job))
        except JobFailed as failure:
            log.info("job %s failed: %s", job_id, failure.message)
            fail(job, failure.message, outcome=failure.outcome)
        except Exception:
            log.exception("job %s (%s) failed unexpectedly", job_id, job.kind)
            fail(job, unexpected_failure())
        else:
            job.finish(Job.State.DONE)
    return job.state


def fail(job: Job, message: str, *, outcome: dict | None = None) -> None:
    """Mark the job failed with `message`; a half-written file is not offered."""
    if job.result:
        job.result.delete(save=False)
    job.finish(
        Job.State.FAILED,
        error=message,
        outcome=outcome or job.outcome,
        result="",
        result_name="",
    )


@shared_task
def sweep_jobs() -> dict[str, int]:
    """Delete expired jobs' files, and their rows KEEP_ROW_AFTER_EXPIRY later; fail jobs whose
    worker was lost; queue again those whose message was. Returns the counts."""
    now = timezone.now()
    files = 0
    for job in Job.objects.expired(now).exclude(result="", upload=""):
        job.delete_files()
        files += 1
    rows, _by_model = Job.objects.expired(now - KEEP_ROW_AFTER_EXPIRY).delete()
    lost = 0
    for job in Job.objects.filter(state=Job.State.RUNNING, started_at__lt=now - RUNNING_AT_MOST):
        with translation.override(job.language):
            fail(job, _("The work was interrupted (the server restarted). Please start it again."))
        lost += 1
    waiting = list(
        Job.objects.filter(state=Job.State.QUEUED, created_at__lt=now - REQUEUE_AFTER).values_list(
            "pk", flat=True
        )
    )
    for job_id in waiting:
        run_job.delay(job_id)
    return {"files": files, "rows": rows, "lost": lost, "requeued": len(waiting)}
