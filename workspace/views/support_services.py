"""/ruang-kerja/layanan/: services, the one-to-one help an agency gives one business.

Recording one takes under a minute from a phone: the business is found by name (or comes
preselected from its record, `?umkm=<slug>`), and everything else has a default. Only the
providing agency corrects or voids a service (`Service.objects.changeable_by`); nothing is ever
deleted. Every write goes through support.services.help."""

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from catalog.pagination import CappedPaginator
from support import rules
from support.models import Service
from support.models.services import ServiceKind, ServiceOutcome
from support.services import help as service
from support.services import passes
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.fields import SearchField, valid_filters
from workspace.support_forms import ReasonForm, ServiceCorrectForm, ServiceRecordForm

from .helpers import (
    GET_OR_POST,
    posted,
    redirect_back,
    refuse_unless,
    workspace_page,
)
from .support_common import MonthField, agency_choices, checked, stage_choices, written
from .support_picker import choices_fragment, picker_for, wants_fragment

PER_PAGE = 25
VOIDED, EVERY = "batal", "semua"


class ServiceFilters(forms.Form):
    q = SearchField(label=gettext_lazy("Business name contains"))
    dinas = forms.ChoiceField(label=gettext_lazy("Agency"), required=False)
    tahap = forms.ChoiceField(label=gettext_lazy("Stage"), required=False)
    jenis = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("Every kind")), *ServiceKind.choices],
    )
    hasil = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        required=False,
        choices=[("", gettext_lazy("Every outcome")), *ServiceOutcome.choices],
    )
    bulan = MonthField(label=gettext_lazy("Month"))
    status = forms.ChoiceField(
        label=gettext_lazy("Voided"),
        required=False,
        choices=[
            ("", gettext_lazy("Standing only")),
            (VOIDED, gettext_lazy("Voided only")),
            (EVERY, gettext_lazy("Standing and voided")),
        ],
    )

    def __init__(self, data: Any) -> None:
        super().__init__(data)
        dinas, tahap = self.fields["dinas"], self.fields["tahap"]
        assert isinstance(dinas, forms.ChoiceField) and isinstance(tahap, forms.ChoiceField)
        dinas.choices = agency_choices(_("Every agency"))
        tahap.choices = stage_choices(_("Every stage"))


def service_url(service: Service) -> str:
    return reverse("workspace-service", args=[service.pk])


def visible_service(request: SignedInHttpRequest, pk: int) -> Service:
    services = Service.objects.visible_to(request.user).select_related(
        "business__region", "agency", "partner", "stage", "certificate", "recorded_by", "voided_by"
    )
    return get_object_or_404(services, pk=pk)


@workspace_page
@require_safe
def service_list(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    form = ServiceFilters(request.GET)
    values = valid_filters(form)
    services = Service.objects.visible_to(user)
    status = values.get("status")
    if status == VOIDED:
        services = services.filter(voided_at__isnull=False)
    elif status != EVERY:
        services = services.standing()
    if "q" in values:
        services = services.filter(business__name__icontains=values["q"])
    if "dinas" in values:
        services = services.filter(agency__slug=values["dinas"])
    if "tahap" in values:
        services = services.filter(stage__code=values["tahap"])
    if "jenis" in values:
        services = services.filter(kind=values["jenis"])
    if "hasil" in values:
        services = services.filter(outcome=values["hasil"])
    if "bulan" in values:
        month = values["bulan"]
        services = services.filter(provided_on__year=month.year, provided_on__month=month.month)
    services = services.select_related("business", "agency", "partner", "stage").order_by(
        "-provided_on", "-pk"
    )
    page = CappedPaginator(services, PER_PAGE).get_page(request.GET.get("page"))
    shown = [row.pk for row in page.object_list]
    # What `help.check_changeable` lets through, for the whole page in one query.
    changeable = set(
        Service.objects.changeable_by(user)
        .standing()
        .filter(pk__in=shown)
        .values_list("pk", flat=True)
    )
    context = {
        "form": form,
        "page": page,
        "changeable": changeable,
        "filtered": bool(values or form.errors),
        "can_record": rules.can_record_service(user),
    }
    return render(request, "workspace/support/service_list.html", context)


@workspace_page
@GET_OR_POST
def service_create(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(rules.can_record_service(user))
    picker = picker_for(request)
    if wants_fragment(request):
        return choices_fragment(request, picker)
    form = ServiceRecordForm(posted(request), user=user)

    def record(data: dict[str, Any]) -> Service:
        data = dict(data)
        if data["stage"] is None:  # the service takes the kind's stage
            del data["stage"]
        if "under" in data:  # a partner's staff: as their partner, under its agreement
            party = data.pop("under")
            data.update(partner=party.partner, agreement=party.agreement)
        else:
            data["agency"] = data.pop("agency")
        return service.record_service(by=user, business=data.pop("business"), **data)

    done = written(
        request,
        form,
        record,
        success=lambda recorded: (
            _("Recorded: %(service)s, %(date)s.")
            % {"service": recorded, "date": formats.date_format(recorded.provided_on)}
        ),
        then=redirect_back(request, reverse("workspace-services")).url,
    )
    context = {"form": form, "picker": picker}
    return done or render(request, "workspace/support/service_form.html", context)


@workspace_page
@require_safe
def service_page(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    record = visible_service(request, pk)
    context = {
        "service": record,
        "can_change": passes(service.check_changeable, record, request.user),
        "can_see_records": rules.can_see_records(request.user),
    }
    return render(request, "workspace/support/service_detail.html", context)


@workspace_page
@GET_OR_POST
def service_edit(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    record = visible_service(request, pk)
    back = service_url(record)
    if refused := checked(request, lambda: service.check_changeable(record, request.user), back):
        return refused
    form = ServiceCorrectForm(posted(request), instance=record)
    done = written(
        request,
        form,
        lambda changes: service.correct_service(service=record, by=request.user, **changes),
        changes_only=True,
        success=_("Your changes are saved."),
        then=back,
    )
    context = {"form": form, "service": record}
    return done or render(request, "workspace/support/service_form.html", context)


@workspace_page
@GET_OR_POST
def service_void(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    record = visible_service(request, pk)
    back = service_url(record)
    if refused := checked(request, lambda: service.check_changeable(record, request.user), back):
        return refused
    form = ReasonForm(posted(request))
    done = written(
        request,
        form,
        lambda data: service.void_service(service=record, by=request.user, reason=data["reason"]),
        success=_("The service is voided; it stays on the record, marked."),
        then=back,
    )
    context = {"form": form, "service": record}
    return done or render(request, "workspace/support/service_void.html", context)
