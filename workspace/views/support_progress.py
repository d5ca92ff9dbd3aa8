"""A business's progress from the workspace: record a snapshot of its size or a milestone it
reached (editors, managers, reviewers and administrators), and verify either (leading-sector
reviewers and administrators). Every write is a call to `support.services.progress`, which
decides the right (403) before the state (409) and the data (400).

The forms live here with their two pages: they read what a person typed and never save."""

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from catalog.models import Business
from support import rules
from support.models import Milestone, Snapshot, Stage
from support.services import progress
from support.services.progress import MILESTONE_FIELDS, SNAPSHOT_FIELDS
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.forms import DATE, ServiceForm

from .helpers import (
    GET_OR_POST,
    posted,
    refuse_unless,
    run_action,
    workspace_action,
    workspace_page,
)
from .support_common import written
from .support_record import record_business, record_url

RUPIAH = forms.NumberInput(attrs={"inputmode": "numeric", "min": "0", "step": "1"})


class SnapshotForm(ServiceForm):
    """A snapshot's figures; the service asks for the capital or the turnover."""

    class Meta:
        model = Snapshot
        fields = list(SNAPSHOT_FIELDS)
        widgets = {
            "taken_on": DATE,
            "turnover": RUPIAH,
            "capital": RUPIAH,
            "source": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["taken_on"].initial = timezone.localdate()


class MilestoneForm(ServiceForm):
    """A milestone; its stage is filled from its kind when left empty, and the agencies credited
    start as the user's own."""

    credited_agencies = forms.ModelMultipleChoiceField(
        queryset=Agency.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Agencies credited"),
        help_text=gettext_lazy("The agencies whose help led to it."),
    )

    class Meta:
        model = Milestone
        fields = [*MILESTONE_FIELDS, "credited_agencies"]
        widgets = {"achieved_on": DATE, "evidence": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["achieved_on"].initial = timezone.localdate()
        stage = self.fields["stage"]
        assert isinstance(stage, forms.ModelChoiceField)
        stage.queryset = Stage.objects.active()
        stage.empty_label = _("From the kind")
        self.fields["credited_agencies"].initial = list(rules.editing_agencies(user))


def _create_page(
    request: SignedInHttpRequest,
    business: Business,
    form: forms.BaseForm,
    template: str,
) -> HttpResponse:
    status = 400 if form.is_bound else 200
    return render(request, template, {"business": business, "form": form}, status=status)


@workspace_page
@GET_OR_POST
def snapshot_create(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    business = record_business(request.user, slug)
    refuse_unless(rules.can_record_progress(request.user))
    form = SnapshotForm(posted(request))
    done = written(
        request,
        form,
        lambda data: progress.record_snapshot(by=request.user, business=business, **data),
        success=_("The snapshot is recorded."),
        then=record_url(business, "snapshots"),
    )
    return done or _create_page(request, business, form, "workspace/support/snapshot_form.html")


@workspace_page
@GET_OR_POST
def milestone_create(request: SignedInHttpRequest, slug: str) -> HttpResponse:
    business = record_business(request.user, slug)
    refuse_unless(rules.can_record_progress(request.user))
    form = MilestoneForm(posted(request), user=request.user)

    def record(data: dict[str, Any]) -> Milestone:
        fields = dict(data)
        credited = fields.pop("credited_agencies")
        return progress.record_milestone(
            by=request.user, business=business, credited_agencies=credited, **fields
        )

    done = written(
        request,
        form,
        record,
        success=_("The milestone is recorded."),
        then=record_url(business, "milestones"),
    )
    return done or _create_page(request, business, form, "workspace/support/milestone_form.html")


@workspace_action
def snapshot_verify(request: SignedInHttpRequest, slug: str, pk: int) -> HttpResponse:
    business = record_business(request.user, slug)
    snapshot = get_object_or_404(Snapshot.objects.filter(business=business), pk=pk)
    return run_action(
        request,
        lambda: progress.verify_snapshot(snapshot=snapshot, by=request.user),
        success=_("The snapshot is verified."),
        back=record_url(business, "snapshots"),
    )


@workspace_action
def milestone_verify(request: SignedInHttpRequest, slug: str, pk: int) -> HttpResponse:
    business = record_business(request.user, slug)
    milestone = get_object_or_404(Milestone.objects.filter(business=business), pk=pk)
    return run_action(
        request,
        lambda: progress.verify_milestone(milestone=milestone, by=request.user),
        success=_("The milestone is verified."),
        back=record_url(business, "milestones"),
    )
