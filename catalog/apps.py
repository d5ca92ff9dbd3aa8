from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = _("Catalogue")

    def ready(self):
        from catalog import public_cache
        from umkm_portal import request_log  # noqa: F401  (connects the failed-login log)

        public_cache.connect_signals()
