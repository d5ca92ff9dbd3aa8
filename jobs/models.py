"""A piece of long work a person asked for (a large export, an import), done by a task.

The row is the whole story the progress page tells: queued → running → done or failed, rows done
of rows in all, the file made, or why it failed in words for people. What is needed to run the
work (again) is stored with it: the export's query string, the import's uploaded file. Files are
private (umkm_portal.private_files): only the owner's download view serves them. A finished job is
kept for KEPT (24 hours); then the hourly sweep (jobs.tasks.sweep_jobs) deletes its files, and the
row itself KEEP_ROW_AFTER_EXPIRY later, so that a link opened the next day says "expired", not
"not found"."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from umkm_portal.private_files import PrivateFileName

#: How long a finished job's file is offered.
KEPT = timedelta(hours=24)
#: How long the row of an expired job stays, so its page can say it expired.
KEEP_ROW_AFTER_EXPIRY = timedelta(days=7)


def progress_key(job_id: int) -> str:
    """The cache key of a running job's rows done: an import counts inside its transaction,
    where a write to the job's row would stay invisible until the end."""
    return f"jobs:{job_id}:done"


#: Every kind of job (Job.Kind), for the database's check.
KINDS = [
    "export_products", "export_businesses", "export_support", "import_products",
    "import_businesses",
]  # fmt: skip


class JobQuerySet(models.QuerySet["Job"]):
    def of(self, user: Any) -> "JobQuerySet":
        """The jobs `user` started: nobody else sees them, administrators included."""
        return self.filter(user=user)

    def expired(self, now: Any = None) -> "JobQuerySet":
        return self.filter(expires_at__lte=now or timezone.now())


class Job(models.Model):
    class Kind(models.TextChoices):
        EXPORT_PRODUCTS = "export_products", _("Export of products")
        EXPORT_BUSINESSES = "export_businesses", _("Export of businesses")
        EXPORT_SUPPORT = "export_support", _("Export of services and participations")
        IMPORT_PRODUCTS = "import_products", _("Import of products")
        IMPORT_BUSINESSES = "import_businesses", _("Import of businesses")

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting to start")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    PENDING = (State.QUEUED, State.RUNNING)
    FINISHED = (State.DONE, State.FAILED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    #: The language of the page that asked: the work's messages are written in it.
    language = models.CharField(_("language"), max_length=10, default="id")
    #: What the work needs to run: an export's query string (as lists of values by name), an
    #: import's agency, file format and file name.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    upload = models.FileField(
        _("uploaded file"), upload_to=PrivateFileName("job-uploads"), blank=True, max_length=200
    )
    total = models.PositiveIntegerField(_("rows in all"), default=0)
    done = models.PositiveIntegerField(_("rows done"), default=0)
    result = models.FileField(
        _("file"), upload_to=PrivateFileName("job-files"), blank=True, max_length=200
    )
    #: The name the download carries, e.g. produk-2025-06-30.xlsx.
    result_name = models.CharField(_("file name"), max_length=100, blank=True)
    #: What the work reports: an import's counts and problems, an export's truncation.
    outcome = models.JSONField(_("outcome"), default=dict, blank=True)
    error = models.TextField(_("why it failed"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="job_user_recent"),
            models.Index(fields=["expires_at"], name="job_expires"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "done", "failed"]),
                name="job_state_known",
            ),
            models.CheckConstraint(condition=Q(kind__in=KINDS), name="job_kind_known"),
            # Finished exactly when done or failed, and then it expires.
            models.CheckConstraint(
                condition=(
                    Q(
                        state__in=["done", "failed"],
                        finished_at__isnull=False,
                        expires_at__isnull=False,
                    )
                    | Q(state__in=["queued", "running"], finished_at__isnull=True)
                ),
                name="job_finished_when_done_or_failed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("workspace-job", args=[self.pk])

    @property
    def is_export(self) -> bool:
        return self.kind.startswith("export_")

    @property
    def is_pending(self) -> bool:
        return self.state in self.PENDING

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def rows_done(self) -> int:
        """Rows done so far: while running, also what the work counted in the cache."""
        if self.state != self.State.RUNNING:
            return self.done
        return max(self.done, cache.get(progress_key(self.pk)) or 0)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(100, self.rows_done * 100 // self.total) if self.total else 0

    def finish(self, state: str, **fields: Any) -> None:
        """Move to `state` (done or failed) now, with the fields given, and start the 24 hours."""
        now = timezone.now()
        self.state, self.finished_at, self.expires_at = state, now, now + KEPT
        for name, value in fields.items():
            setattr(self, name, value)
        if state == self.State.DONE:
            self.done = self.total
        self.save()
        cache.delete(progress_key(self.pk))

    def delete_files(self) -> None:
        """Remove the uploaded and the made file from the storage (the row stays)."""
        for field in (self.upload, self.result):
            if field:
                field.delete(save=False)
        self.save(update_fields=["upload", "result"])
