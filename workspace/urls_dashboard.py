"""The workspace's first page and the lists of my products and businesses."""

from django.urls import path

from workspace.views import dashboard, lists

urlpatterns = [
    path("", dashboard.dashboard, name="workspace"),
    path("produk/", lists.product_list, name="workspace-products"),
    path("umkm/", lists.business_list, name="workspace-businesses"),
]
