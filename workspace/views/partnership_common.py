"""What the partnership pages share: the agreements a person finds in the workspace, and the
addresses of an agreement and a report.

Agency staff and administrators find every agreement they may see (`visible_to`: drafts too, the
record is shared); partner staff only the agreements their partner is party to (`party_to`),
whatever else the public register shows: the workspace is where they work under those, nothing
else. Anyone else finds none."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from support import rules
from support.models import Agreement, MonitoringReport
from support.models.agreements import AgreementQuerySet
from umkm_portal.signed_in import SignedInHttpRequest


def workspace_agreements(user) -> AgreementQuerySet:
    if rules.can_see_records(user):
        return Agreement.objects.visible_to(user)
    return Agreement.objects.party_to(user)


def visible_agreement(request: SignedInHttpRequest, pk: int) -> Agreement:
    agreements = workspace_agreements(request.user).select_related(
        "lead_agency", "parent", "created_by", "terminated_by"
    )
    return get_object_or_404(agreements, pk=pk)


def visible_report(request: SignedInHttpRequest, pk: int) -> MonitoringReport:
    reports = MonitoringReport.objects.visible_to(request.user).select_related(
        "agreement__lead_agency", "created_by"
    )
    return get_object_or_404(reports, pk=pk)


def agreement_url(agreement: Agreement, anchor: str = "") -> str:
    return reverse("workspace-agreement", args=[agreement.pk]) + (f"#{anchor}" if anchor else "")


def report_url(report: MonitoringReport) -> str:
    return reverse("workspace-report", args=[report.pk])


def with_status(response: HttpResponse, status: int) -> HttpResponse:
    response.status_code = status
    return response
