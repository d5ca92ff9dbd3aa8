"""One log line per request, with a request id that the answer carries too (`X-Request-ID`), and
the security events an administrator must be able to find: failed logins."""

import logging
import time
import uuid
from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.functional import empty

from umkm_portal.http import client_ip

logger = logging.getLogger("umkm_portal.requests")
security = logging.getLogger("umkm_portal.security")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = uuid.uuid4().hex[:16]
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        user = getattr(request, "user", None)
        # Only name the user when the view loaded them anyway (public pages stay sessionless).
        loaded = user is not None and getattr(user, "_wrapped", empty) is not empty
        user_id = user.pk if user is not None and loaded else "-"
        logger.info(
            "%s %s %s %s %.0fms ip=%s user=%s",
            request.id,
            request.method,
            request.path,
            response.status_code,
            (time.monotonic() - started) * 1000,
            client_ip(request),
            user_id or "-",
        )
        return response


@receiver(user_login_failed)
def log_failed_login(
    sender: object, credentials: dict | None, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    security.warning(
        "login failed username=%r ip=%s request=%s",
        (credentials or {}).get("username", "")[:150],
        client_ip(request) if request is not None else "-",
        getattr(request, "id", "-"),
    )
