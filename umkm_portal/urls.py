import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from catalog.sitemaps import SITEMAPS
from support.sitemaps import SITEMAPS as SUPPORT_SITEMAPS
from umkm_portal.views import app, health

handler400 = "umkm_portal.views.errors.bad_request"
handler403 = "umkm_portal.views.errors.permission_denied"
handler404 = "umkm_portal.views.errors.not_found"
handler500 = "umkm_portal.http.server_error"

admin.site.site_header = "Etalase UMKM Babel"
admin.site.site_title = "Etalase UMKM Babel"
admin.site.index_title = "Administrasi"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", app.robots_txt, name="robots-txt"),
    path("manifest.webmanifest", app.manifest, name="manifest"),
    path("sw.js", app.service_worker, name="service-worker"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {**SITEMAPS, **SUPPORT_SITEMAPS}},
        name="sitemap",
    ),
    path("api/v1/", include("catalog.api.urls")),
    path("api/v1/", include("support.api.urls")),
    path("api/v1/", include("notifications.api_urls")),
    path("admin/", admin.site.urls),
]

# Pages: Indonesian without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("catalog.urls")),
    path("", include("support.urls")),
    path("offline/", app.offline, name="offline"),
    path("ruang-kerja/", include("workspace.urls")),
    path("accounts/", include("workspace.account_urls")),
    prefix_default_language=False,
)

if settings.MEDIA_URL.startswith("/"):
    # Media on local disk: served by the portal itself, also with DEBUG off, so that a
    # one-machine deployment shows its images (S3 or another host serves them otherwise).
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.append(re_path(rf"^{media_prefix}(?P<path>.*)$", app.media, name="media"))
