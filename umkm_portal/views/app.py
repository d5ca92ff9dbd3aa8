"""The installable app and discovery: manifest, service worker, offline page, robots.txt."""

import mimetypes
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve as static_serve

from umkm_portal.caching import public_page
from umkm_portal.private_files import is_private

if TYPE_CHECKING:
    from umkm_portal.storage import S3MediaStorage


@require_safe
@public_page
def manifest(request: HttpRequest) -> JsonResponse:
    icons = [
        {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("img/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "id": "/",
        "name": "Etalase UMKM Babel",
        "short_name": "UMKM Babel",
        "description": _(
            "Local products and businesses of Kepulauan Bangka Belitung, curated together by "
            "the provincial agencies."
        ),
        "lang": "id",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5d66",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")


@require_safe
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site's root so that its scope is the whole site."""
    context = {
        "version": settings.STATIC_VERSION,
        "precache": [
            static("css/portal.css"),
            static("js/app.js"),
            # The offline page lists the visitor's favourites (kept in the browser).
            static("css/product.css"),
            static("js/favourites.js"),
            static("django_htmx/htmx-2.min.js"),
            static("img/icon.svg"),
            static("img/icon-192.png"),
            reverse("offline"),
            "/en" + reverse("offline"),
            reverse("favourites"),
            "/en" + reverse("favourites"),
        ],
    }
    response = render(request, "app/sw.js", context, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@public_page
def offline(request: HttpRequest) -> HttpResponse:
    return render(request, "app/offline.html")


IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/svg+xml"}


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Uploaded files, from local disk or streamed from the S3 bucket (S3_BUCKET), always from
    our own origin, so that `img-src 'self'` holds and the bucket stays private.
    Images are shown; anything else (a decree PDF) is a download, never rendered by the
    browser as a page of ours; nosniff comes from SecurityMiddleware. Files under PRIVATE_DIR
    (one person's export or import) are never served here (umkm_portal.private_files)."""
    if is_private(path):
        raise Http404
    if hasattr(default_storage, "fetch"):
        response = _from_bucket(request, path)
    else:
        response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    content_type = response.get("Content-Type", "").split(";")[0]
    if response.status_code != 304 and content_type not in IMAGE_TYPES - {"image/svg+xml"}:
        response["Content-Disposition"] = "attachment"
    patch_cache_control(response, public=True, max_age=86400)
    return response


def _from_bucket(request: HttpRequest, path: str) -> HttpResponseBase:
    """The object, streamed from the bucket in one request (a 304 when the browser's copy
    is still current)."""
    if any(part in ("", ".", "..") for part in path.split("/")):
        raise Http404
    storage = cast("S3MediaStorage", default_storage)  # media() saw it can fetch
    found = storage.fetch(path, if_none_match=request.headers.get("If-None-Match", ""))
    if found is None:
        raise Http404
    if found.get("NotModified"):
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        response = FileResponse(found["Body"], content_type=content_type)
        response["Content-Length"] = found["ContentLength"]
        response["Last-Modified"] = http_date(found["LastModified"].timestamp())
    if found.get("ETag"):
        response["ETag"] = found["ETag"]
    return response


@require_safe
@public_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /ruang-kerja/",
        "Disallow: /en/ruang-kerja/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
