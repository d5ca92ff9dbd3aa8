"""`Idempotency-Key` for the API's POSTs: a phone that retries a request after a timeout gets
the first answer again instead of creating a duplicate.

A keyed POST runs in one database transaction with the record of its answer
(umkm_portal.IdempotencyRecord), named by who asked (their credentials), the address and the key:
the write and the record commit together or not at all. So a retry finds the record exactly
when the first request's write happened — also when the database went down between the commit
and the answer, when the answer was lost on the way, or when the retry reaches another app
server or worker. Records are kept 24 hours. The same key with a different body is refused
(422); while the first request with a key is still running, a second one gets 409 (a flag in
the shared cache, and the record's unique name for two that race past it)."""

import hashlib
import random
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils import timezone

from umkm_portal.http import client_ip

HEADER = "Idempotency-Key"
KEEP = timedelta(hours=24)
LOCK_SECONDS = 60
#: One keyed POST in this many also deletes the expired records.
PURGE_EVERY = 100


def _digest(*parts) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else str(part).encode())
        digest.update(b"\x00")
    return digest.hexdigest()


class _Duplicate(Exception):
    """Another request with the key committed first: undo ours."""


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
        name = _digest(who, request.path, key)
        body = _digest(request.headers.get("Content-Type", ""), request.body)

        kept = self._kept(name)
        if kept is not None:
            return self._replay(kept, body)
        if not cache.add(f"idempotency:{name}:running", 1, LOCK_SECONDS):
            return self._in_progress()
        try:
            return self._first(request, name, body)
        except _Duplicate:
            return self._in_progress()
        finally:
            cache.delete(f"idempotency:{name}:running")

    def _first(self, request, name, body):
        from umkm_portal.models import IdempotencyRecord

        with transaction.atomic():
            response = self.get_response(request)
            if 200 <= response.status_code < 300 and not response.streaming:
                try:
                    with transaction.atomic():
                        IdempotencyRecord.objects.create(
                            name=name,
                            body=body,
                            status=response.status_code,
                            content=response.content,
                            content_type=response.get("Content-Type", "application/json"),
                        )
                except IntegrityError as error:
                    raise _Duplicate from error
        if random.randrange(PURGE_EVERY) == 0:
            IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        return response

    @staticmethod
    def _kept(name):
        from umkm_portal.models import IdempotencyRecord

        kept = IdempotencyRecord.objects.filter(name=name).first()
        if kept is not None and kept.created_at < timezone.now() - KEEP:
            kept.delete()  # expired: the key may be used afresh
            return None
        return kept

    @staticmethod
    def _replay(kept, body):
        if kept.body != body:
            return JsonResponse({HEADER: ["This key was used for another request."]}, status=422)
        response = HttpResponse(
            bytes(kept.content), status=kept.status, content_type=kept.content_type
        )
        response["Idempotent-Replayed"] = "true"
        return response

    @staticmethod
    def _in_progress():
        return JsonResponse({HEADER: ["A request with this key is in progress."]}, status=409)
