from django.urls import path

from catalog.views import about, public, sharing

urlpatterns = [
    path("", public.home, name="home"),
    path("produk/", public.product_list, name="product-list"),
    path("produk/<slug:slug>/", public.product_detail, name="product-detail"),
    path("produk/<slug:slug>/qr.svg", public.product_qr, name="product-qr"),
    path("produk/<slug:slug>/cetak-qr/", sharing.product_qr_print, name="product-qr-print"),
    path("favorit/", sharing.favourites, name="favourites"),
    path("unggulan/", public.flagship_list, name="flagship-list"),
    path("umkm/", public.business_list, name="business-list"),
    path("umkm/<slug:slug>/", public.business_detail, name="business-detail"),
    path("dinas/", public.agency_list, name="agency-list"),
    path("dinas/<slug:slug>/", public.agency_detail, name="agency-detail"),
    path("tentang/", about.about, name="about"),
    path("privasi/", about.privacy, name="privacy"),
    path("aksesibilitas/", about.accessibility, name="accessibility"),
]
