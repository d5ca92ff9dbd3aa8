"""The workspace's first page and the lists of my products and businesses."""

from django.urls import path

from workspace.partner_staff import refuse_partner_staff
from workspace.views import dashboard, lists

urlpatterns = [
    path("", dashboard.dashboard, name="workspace"),
    path("produk/", refuse_partner_staff(lists.product_list), name="workspace-products"),
    path("umkm/", refuse_partner_staff(lists.business_list), name="workspace-businesses"),
]
