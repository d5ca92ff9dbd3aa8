from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The portal's infrastructure, what every app stands on: shared service helpers, the public
    page cache, health, error pages, media, the installable app, idempotent API writes (its one
    model) and backups. It imports no app of the domain except to mount their addresses."""

    name = "umkm_portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.conf import settings

        from umkm_portal import checks, database_deadline, request_log  # noqa: F401  (registers them)

        engine = settings.DATABASES["default"]["ENGINE"]
        if engine.endswith("postgresql") and settings.DATABASE_REQUEST_WAIT > 0:
            database_deadline.install()
