"""Addresses of the development record's work under /api/v1/ (DESIGN §8): stages, activities and
their participants, services, referrals.

Outside the catalogue's `api` namespace (Django resolves one set of URLs per namespace), so the
names carry `api-` instead: `api-activity-list`, `api-referral-accept`..."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from catalog.api.urls import listed

from . import activities, help, participants, referrals, stages

# SimpleRouter, as the catalogue's: no root view, no format suffixes.
router = SimpleRouter()
router.register("activities", activities.ActivityViewSet, basename="api-activity")
router.register("participants", participants.ParticipantViewSet, basename="api-participant")
router.register("services", help.ServiceViewSet, basename="api-service")
router.register("referrals", referrals.ReferralViewSet, basename="api-referral")

urlpatterns = [
    path("stages/", listed(stages.StageViewSet, "api-stage"), name="api-stage-list"),
    *router.urls,
]
