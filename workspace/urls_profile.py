"""/ruang-kerja/profil/ and /ruang-kerja/selamat-datang/: the signed-in person's own pages, for
every signed-in person (partner staff included: not agency work)."""

from django.urls import path

from workspace.views import profile

urlpatterns = [
    path("profil/", profile.profile, name="workspace-profile"),
    path("selamat-datang/", profile.welcome, name="workspace-welcome"),
]
