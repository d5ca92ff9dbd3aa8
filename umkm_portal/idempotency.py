"""`Idempotency-Key` for the API's POSTs: a phone that retries a request after a timeout gets
the first answer again instead of creating a duplicate.

The first successful (2xx) answer to a key is kept for 24 hours in the cache (Redis in
production, shared by every app server), keyed by who asked (their credentials), the address
and the key. The same key with a different body is refused (422); while the first request with
a key is still running, a second one gets 409."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse

from umkm_portal.http import client_ip

HEADER = "Idempotency-Key"
KEEP_SECONDS = 24 * 60 * 60
LOCK_SECONDS = 60


def _digest(*parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode())
        digest.update(b"\x00")
    return digest.hexdigest()


class IdempotencyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.headers.get(HEADER)
        if request.method != "POST" or not key or not request.path.startswith("/api/"):
            return self.get_response(request)
        if len(key) > 255:
            return JsonResponse({HEADER: ["At most 255 characters."]}, status=400)
        who = (
            request.headers.get("Authorization")
            or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
            or client_ip(request)
        )
        name = "idempotency:" + _digest(who, request.path, key)
        body = _digest(request.headers.get("Content-Type", ""), request.body)
        kept = cache.get(name)
        if kept is not None:
            if kept["body"] != body:
                return JsonResponse(
                    {HEADER: ["This key was used for another request."]}, status=422
                )
            response = HttpResponse(
                kept["content"], status=kept["status"], content_type=kept["content_type"]
            )
            response["Idempotent-Replayed"] = "true"
            return response
        if not cache.add(name + ":running", 1, LOCK_SECONDS):
            return JsonResponse({HEADER: ["A request with this key is in progress."]}, status=409)
        try:
            response = self.get_response(request)
        finally:
            cache.delete(name + ":running")
        if 200 <= response.status_code < 300 and not response.streaming:
            cache.set(
                name,
                {
                    "body": body,
                    "status": response.status_code,
                    "content": response.content,
                    "content_type": response.get("Content-Type", "application/json"),
                },
                KEEP_SECONDS,
            )
        return response
