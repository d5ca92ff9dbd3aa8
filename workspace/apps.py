from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The staff workspace (/ruang-kerja/): pages for agency staff. No models of its own: it works
    on the catalogue and agencies through their querysets, the permission layer and services."""

    name = "workspace"
    verbose_name = _("Workspace")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from workspace.partner_staff import remember_at_sign_in

        user_logged_in.connect(remember_at_sign_in, dispatch_uid="workspace-partner-only")

        from workspace.background import register_work

        register_work()
