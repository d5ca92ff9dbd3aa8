from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Daily reminders of the dates that come close. Above the domain apps (it reads the
    catalogue, memberships and the development record) and beside the workspace; it tells
    people through the notifications app."""

    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from reminders import renewals

        renewals.connect()
