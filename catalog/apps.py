from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from agencies.models import Agency
        from catalog import models
        from umkm_portal.public_cache import version

        # What public pages and API answers show: each committed save or delete of one of these
        # makes every cached anonymous answer stale.
        version.watch_models(
            [
                models.Product,
                models.ProductImage,
                models.ProductLink,
                models.Certificate,
                models.Collaboration,
                models.Business,
                models.Designation,
                models.Region,
                models.Category,
                models.Criterion,
                Agency,
            ]
        )
