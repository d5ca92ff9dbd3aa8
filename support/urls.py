"""Public pages of the development record: the activity calendar and its feed (mounted in the
language patterns: `/kegiatan/` in Indonesian, `/en/kegiatan/` in English)."""

from django.urls import path

from support.views import calendar, public

urlpatterns = [
    path("kegiatan/", public.activity_list, name="activity-list"),
    path("kegiatan/<int:pk>/", public.activity_detail, name="activity-detail"),
    path("kegiatan.ics", calendar.activity_calendar, name="activity-calendar"),
]
