from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from catalog.views import health

admin.site.site_header = "Etalase UMKM Babel"
admin.site.site_title = "Etalase UMKM Babel"
admin.site.index_title = "Administrasi"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

# Pages: Indonesian without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("catalog.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
