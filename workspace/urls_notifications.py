"""/ruang-kerja/notifikasi/: a person's notifications and how they want them delivered."""

from django.urls import path

from workspace.views import notifications

urlpatterns = [
    path("notifikasi/", notifications.inbox, name="workspace-notifications"),
    path(
        "notifikasi/pengaturan/",
        notifications.preferences,
        name="workspace-notification-settings",
    ),
    path("notifikasi/baca-semua/", notifications.read_all, name="workspace-notifications-read-all"),
    path("notifikasi/<int:pk>/baca/", notifications.read, name="workspace-notification-read"),
]
