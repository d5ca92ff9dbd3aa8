from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Long work done in the background (docs/architecture.md, "Background work"): a Job row per
    request for it, run by a Celery task, its file kept in the default storage for a day."""

    name = "jobs"
    verbose_name = _("Background work")
