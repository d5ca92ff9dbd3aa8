"""Request-level plumbing shared by the whole site: the client's address behind the load
balancer, a few security headers Django has no setting for, and the answer when the database
is away."""

import logging

from django.conf import settings
from django.db import Error as DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

from umkm_portal.views.errors import bad_request

logger = logging.getLogger(__name__)

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


def client_ip(request, *args, **kwargs) -> str:
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies (the load balancer), the address
    the nearest trusted proxy appended to X-Forwarded-For; anything a client wrote further left
    in that header is ignored, so it cannot pose as someone else (e.g. to escape a lockout).
    Used by the login lockout (django-axes) and, through NUM_PROXIES, by the API throttles."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


class RequestSizeLimitMiddleware:
    """413 before reading a body larger than MAX_REQUEST_BYTES (the largest upload, 8 MB, plus
    room for the form): a 200 MB upload is refused at once instead of being spooled to disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            message = "Permintaan terlalu besar. / Request too large."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class NulByteMiddleware:
    """400 for a NUL byte in a page's address, query string or form-encoded body: PostgreSQL
    cannot store or compare it and no text of ours needs it, so it is refused at the door. The
    API is left to its serializers and filters, which refuse a real NUL naming the field (text
    that only looks like one, "100%00", is stored as given); multipart bodies (uploads) are
    binary and left to the upload checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            message = "Karakter NUL tidak diizinkan. / Null characters are not allowed."
            return bad_request(request, None, reason=message)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if request.path.startswith("/api/"):
            return False  # the API validates every parameter itself, naming the field
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query or "\x00" in request.path:
            return True
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method in {"POST", "PUT", "PATCH"} and content_type.startswith(
            "application/x-www-form-urlencoded"
        ):
            return b"%00" in request.body or b"\x00" in request.body
        return False


class SecurityHeadersMiddleware:
    """Permissions-Policy on every answer (Referrer-Policy, nosniff and the CSP have settings)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class SkipDatabaseOutages(logging.Filter):
    """Keep a database outage to server_error's one warning per request, not a traceback each."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, DatabaseError)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 handler: a database that does not answer is an outage, not a bug — answer 503 with
    Retry-After and a maintenance page (JSON under /api/), never a traceback."""
    import sys

    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        logger.warning("Database unavailable: %s", error)
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": "Layanan sedang dalam pemeliharaan. / Service under maintenance."},
                status=503,
            )
        else:
            response = render(request, "503.html", status=503)
        response["Retry-After"] = str(settings.OUTAGE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return defaults.server_error(request)
