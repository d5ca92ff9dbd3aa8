from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from umkm_portal import public_cache

        public_cache.connect_signals()
