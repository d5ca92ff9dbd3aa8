"""The portal's URLs plus `/__bare__/<name>`: the framework's limit for the same page."""

from django.urls import path

from bench import views
from umkm_portal.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = [path("__bare__/<slug:name>", views.bare, name="bench-bare"), *urlpatterns]
