from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    """Integrated development ("pembinaan terpadu", docs/architecture.md §8): the one shared
    record of the help every agency gives each business. Depends on `catalog` and `agencies`,
    never the reverse."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "support"
    verbose_name = _("Integrated development")

    def ready(self) -> None:
        from catalog import evidence
        from support import coverage, models
        from umkm_portal.public_cache import version

        # Public pages show public activities, the consented development trail, an agency's
        # figures for the year and the register of partnerships: a committed change to any of
        # these makes cached answers stale.
        version.watch_models(
            [
                models.Activity,
                models.Participation,
                models.Service,
                models.Milestone,
                models.Stage,
                # The register of partnerships (support/views/partnerships.py).
                models.Partner,
                models.Agreement,
                models.AgreementParty,
                models.Obligation,
            ]
        )
        evidence.register(coverage.evidence_for)
