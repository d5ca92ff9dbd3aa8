"""/api/v1/ for partnerships (DESIGN §8): `partners/`, `partners/<slug>/`; `agreements/`,
`agreements/<id>/` with `terminate/`, `sign/`, `document/`, `obligations/` and `reports/`;
`obligations/<id>/`; `reports/<id>/` and `reports/<id>/<step>/` (`submit`, `accept`,
`return`). Names carry `api-`, as the development record's: `api-agreement-terminate`,
`api-report-return`..."""

from rest_framework.routers import SimpleRouter

from . import partnerships, partnerships_reports

router = SimpleRouter()
router.register("partners", partnerships.PartnerViewSet, basename="api-partner")
router.register("agreements", partnerships.AgreementViewSet, basename="api-agreement")
router.register("obligations", partnerships_reports.ObligationViewSet, basename="api-obligation")
router.register("reports", partnerships_reports.ReportViewSet, basename="api-report")

urlpatterns = router.urls
