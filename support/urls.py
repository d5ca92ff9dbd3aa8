"""Public pages of the development record: the activity calendar and its feed, and the register
of partnerships (mounted in the language patterns: `/kegiatan/` in Indonesian, `/en/kegiatan/`
in English)."""

from django.urls import path

from support.views import calendar, partnerships, public

urlpatterns = [
    path("kegiatan/", public.activity_list, name="activity-list"),
    path("kegiatan/<int:pk>/", public.activity_detail, name="activity-detail"),
    path("kegiatan.ics", calendar.activity_calendar, name="activity-calendar"),
    path("kemitraan/", partnerships.partnership_list, name="partnership-list"),
    path("kemitraan/<int:pk>/", partnerships.partnership_detail, name="partnership-detail"),
    path("mitra/<slug:slug>/", partnerships.partner_detail, name="partner-detail"),
]
