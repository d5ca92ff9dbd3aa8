"""System checks for a deployment (`manage.py check --deploy`): settings under which the portal
runs, but not as its users expect."""

from django.conf import settings
from django.core.checks import CheckMessage, Info, Warning, register


@register("portal", deploy=True)
def background_work(app_configs=None, **kwargs) -> list[CheckMessage]:
    if settings.DEBUG:
        return []
    found: list[CheckMessage] = []
    if settings.SITE_URL == settings.DEVELOPMENT_SITE_URL:
        found.append(
            Warning(
                "SITE_URL is the development address: the links in every e-mail point to it.",
                hint="Set SITE_URL to the address people reach the portal at, "
                "e.g. https://umkm.babelprov.go.id.",
                id="umkm_portal.W001",
            )
        )
    if not settings.CELERY_BROKER_URL:
        found.append(
            Info(
                "No task broker (CELERY_BROKER_URL or REDIS_URL): mails are sent inside the "
                "request that caused them, which waits up to EMAIL_TIMEOUT for a mail server "
                "that does not answer, and the daily reminders need cron.",
                hint="Set CELERY_BROKER_URL and run a worker and one beat, or run "
                "`manage.py send_reminders` from cron (docs/deployment.md).",
                id="umkm_portal.I001",
            )
        )
    return found
