"""/api/v1/ for a business's development record: `businesses/<slug>/support/`,
`businesses/<slug>/snapshots/`, `snapshots/<id>/verify/`, `milestones/`,
`milestones/<id>/verify/` (support/api/record.py). Only the actions listed answer: the viewsets
have no list or detail of their own but for `milestones/`."""

from rest_framework.routers import SimpleRouter

from . import record

router = SimpleRouter()
router.register("businesses", record.BusinessRecordViewSet, basename="business-record")
router.register("snapshots", record.SnapshotViewSet, basename="record-snapshot")
router.register("milestones", record.MilestoneViewSet, basename="record-milestone")

urlpatterns = router.urls
