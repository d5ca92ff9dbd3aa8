from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The portal's infrastructure, what every app stands on: shared service helpers, the public
    page cache, health, error pages, media, the installable app, idempotent API writes (its one
    model) and backups. It imports no app of the domain except to mount their addresses."""

    name = "umkm_portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from umkm_portal import checks, request_log  # noqa: F401  (registers them)
