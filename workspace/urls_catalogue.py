"""/ruang-kerja/: the pages that change the catalogue — products, businesses, collaborations —
and an agency's members. `baru/` comes before `<slug>/` so that it is never taken for a slug."""

from django.urls import path

from workspace.partner_staff import agency_work
from workspace.views import businesses, collaborations, members, products

P = "produk/<slug:slug>/"

urlpatterns = [
    path("produk/baru/", products.product_create, name="workspace-product-create"),
    path(P, products.product_page, name="workspace-product"),
    path(P + "ubah/", products.product_edit, name="workspace-product-edit"),
    path(P + "riwayat/", products.product_history, name="workspace-product-history"),
    path(P + "terbitkan/", products.product_publish, name="workspace-product-publish"),
    path(P + "tarik/", products.product_unpublish, name="workspace-product-unpublish"),
    path(P + "arsipkan/", products.product_archive, name="workspace-product-archive"),
    path(P + "serahkan/", products.product_hand_over, name="workspace-product-hand-over"),
    path(P + "gambar/", products.image_add, name="workspace-image-add"),
    path(P + "gambar/<int:pk>/pindah/", products.image_move, name="workspace-image-move"),
    path(P + "gambar/<int:pk>/hapus/", products.image_remove, name="workspace-image-remove"),
    path(P + "sertifikat/", products.certificate_add, name="workspace-certificate-add"),
    path(P + "sertifikat/<int:pk>/", products.certificate_edit, name="workspace-certificate-edit"),
    path(
        P + "sertifikat/<int:pk>/pindaian/",
        products.certificate_scan,
        name="workspace-certificate-scan",
    ),
    path(
        P + "sertifikat/<int:pk>/hapus/",
        products.certificate_remove,
        name="workspace-certificate-remove",
    ),
    path(P + "tautan/", products.link_add, name="workspace-link-add"),
    path(P + "tautan/<int:pk>/hapus/", products.link_remove, name="workspace-link-remove"),
    path(P + "kolaborasi/", collaborations.product_invite, name="workspace-product-invite"),
    path("umkm/baru/", businesses.business_create, name="workspace-business-create"),
    path("umkm/<slug:slug>/", businesses.business_page, name="workspace-business"),
    path(
        "umkm/<slug:slug>/nonaktifkan/",
        businesses.business_deactivate,
        name="workspace-business-deactivate",
    ),
    path("kolaborasi/", collaborations.collaboration_list, name="workspace-collaborations"),
    path(
        "kolaborasi/<int:pk>/terima/",
        collaborations.collaboration_accept,
        name="workspace-collaboration-accept",
    ),
    path(
        "kolaborasi/<int:pk>/tolak/",
        collaborations.collaboration_decline,
        name="workspace-collaboration-decline",
    ),
    path(
        "kolaborasi/<int:pk>/akhiri/",
        collaborations.collaboration_end,
        name="workspace-collaboration-end",
    ),
    path("dinas/<slug:slug>/anggota/", members.members_page, name="workspace-members"),
    path("dinas/<slug:slug>/anggota/tambah/", members.member_add, name="workspace-member-add"),
    path(
        "dinas/<slug:slug>/anggota/undang/", members.member_invite, name="workspace-member-invite"
    ),
    path(
        "dinas/<slug:slug>/anggota/undang-mitra/",
        members.partner_staff_invite,
        name="workspace-partner-staff-invite",
    ),
    path(
        "dinas/<slug:slug>/anggota/<int:pk>/peran/",
        members.member_role,
        name="workspace-member-role",
    ),
    path(
        "dinas/<slug:slug>/anggota/<int:pk>/hapus/",
        members.member_remove,
        name="workspace-member-remove",
    ),
    path(
        "dinas/<slug:slug>/anggota/<int:pk>/undang-lagi/",
        members.member_resend,
        name="workspace-member-resend",
    ),
]

#: Agency work: a partner's staff is refused (workspace/partner_staff.py).
urlpatterns = agency_work(urlpatterns)
