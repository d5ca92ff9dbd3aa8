"""/ruang-kerja/kegiatan/: activities (trainings, bimtek, exhibitions...) and their participants.

Every page finds the activity through `Activity.objects.visible_to(user)` (404 for what a user
may not see), asks the predicate of support.rules before a form is read (403), and writes
through support.services.activities. The organiser's editors edit and cancel an activity; they
and the co-organisers' editors add participants and mark them."""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from agencies.models import Agency
from catalog.pagination import CappedPaginator
from support import rules
from support.filters import ActivityFilter
from support.models import Activity, Participation, Stage
from support.services import activities as service
from support.services import passes
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.fields import valid_filters
from workspace.support_forms import ActivityForm, AttendanceForm, ParticipantsForm, ReasonForm

from .helpers import (
    GET_OR_POST,
    posted,
    refuse_unless,
    run_action,
    workspace_action,
    workspace_page,
)
from .support_common import checked, month_input, written
from .support_picker import choices_fragment, picker_for, wants_fragment

PER_PAGE = 25
#: Participants marked on one screen; a larger activity is marked page by page (each page of
#: the form stays well under DATA_UPLOAD_MAX_NUMBER_FIELDS).
ATTENDANCE_PAGE = 100


class ActivityFilters(ActivityFilter):
    """The calendar's filters (`support.filters`) as the workspace list's form: an invalid value
    is reported next to its field and the valid ones still apply."""

    def __init__(self, data: Any, queryset: QuerySet[Activity]) -> None:
        super().__init__(data, queryset=queryset)
        fields = self.form.fields
        for name, label, every in (
            ("tahap", gettext_lazy("Stage"), gettext_lazy("Every stage")),
            ("dinas", gettext_lazy("Agency"), gettext_lazy("Every agency")),
            ("wilayah", gettext_lazy("Region"), gettext_lazy("Every region")),
        ):
            field = fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.label, field.empty_label = label, every
        cast("forms.ModelChoiceField[Stage]", fields["tahap"]).queryset = Stage.objects.active()
        fields["bulan"].label = gettext_lazy("Month")
        fields["bulan"].widget = month_input()


def activity_url(activity: Activity, anchor: str = "") -> str:
    return reverse("workspace-activity", args=[activity.pk]) + (f"#{anchor}" if anchor else "")


def visible_activity(request: SignedInHttpRequest, pk: int) -> Activity:
    activities = (
        Activity.objects.visible_to(request.user)
        .select_related("organiser", "region", "cancelled_by", "created_by")
        .prefetch_related("stages", "co_organisers")
    )
    return get_object_or_404(activities, pk=pk)


@workspace_page
@require_safe
def activity_list(request: SignedInHttpRequest) -> HttpResponse:
    """Every activity (the record is shared), my agencies' first, then upcoming before past."""
    user = request.user
    filters = ActivityFilters(request.GET, queryset=Activity.objects.visible_to(user))
    values = valid_filters(filters.form)
    activities = filters.qs
    mine = list(Agency.objects.where_member(user).values_list("pk", flat=True))
    co_organised = Activity.co_organisers.through.objects.filter(
        activity=OuterRef("pk"), agency__in=mine
    )
    participants = (
        Participation.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(number=Count("pk"))
        .values("number")
    )
    activities = activities.annotate(
        is_mine=Case(
            When(Q(organiser__in=mine) | Q(Exists(co_organised)), then=Value(True)),
            default=Value(False),
        ),
        participant_count=Coalesce(Subquery(participants), 0),
    ).upcoming_first()
    activities = (
        activities.order_by(F("is_mine").desc(), *activities.query.order_by)
        .select_related("organiser", "region")
        .prefetch_related("stages", "co_organisers")
    )
    context = {
        "form": filters.form,
        "page": CappedPaginator(activities, PER_PAGE).get_page(request.GET.get("page")),
        "filtered": bool(values or filters.form.errors),
        "can_create": rules.can_create_activity(user),
    }
    return render(request, "workspace/support/activity_list.html", context)


@workspace_page
@GET_OR_POST
def activity_create(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(rules.can_create_activity(user))
    form = ActivityForm(posted(request), user=user)

    def create(data: dict[str, Any]) -> Activity:
        data = dict(data)
        if "under" in data:  # a partner's staff: an agency of their agreement organises
            data["agreement"], data["organiser"] = data.pop("under")
        return service.create_activity(
            by=user,
            organiser=data.pop("organiser"),
            stages=data.pop("stages"),
            co_organisers=data.pop("co_organisers"),
            **data,
        )

    done = written(
        request,
        form,
        create,
        success=lambda activity: _("The activity “%(title)s” is saved.") % {"title": activity},
        then=activity_url,
    )
    return done or render(request, "workspace/support/activity_form.html", {"form": form})


@workspace_page
@require_safe
def activity_page(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    activity = visible_activity(request, pk)
    participations = activity.participations.select_related("business__region").order_by(
        "business__name", "pk"
    )
    context = {
        "activity": activity,
        "participations": participations,
        "can_edit": passes(service.check_editable, activity, user),
        "can_manage": passes(service.check_participants_open, activity, user),
        "statuses": Participation.Status,
        "can_see_records": rules.can_see_records(user),
    }
    return render(request, "workspace/support/activity_detail.html", context)


@workspace_page
@GET_OR_POST
def activity_edit(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    activity = visible_activity(request, pk)
    back = activity_url(activity)
    if refused := checked(request, lambda: service.check_editable(activity, request.user), back):
        return refused
    form = ActivityForm(posted(request), instance=activity, user=request.user)
    done = written(
        request,
        form,
        lambda changes: service.update_activity(activity=activity, by=request.user, **changes),
        changes_only=True,
        success=_("Your changes are saved."),
        then=back,
    )
    context = {"form": form, "activity": activity}
    return done or render(request, "workspace/support/activity_form.html", context)


@workspace_page
@GET_OR_POST
def activity_cancel(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    activity = visible_activity(request, pk)
    back = activity_url(activity)
    if refused := checked(request, lambda: service.check_editable(activity, request.user), back):
        return refused
    form = ReasonForm(posted(request))
    done = written(
        request,
        form,
        lambda data: service.cancel_activity(
            activity=activity, by=request.user, reason=data["reason"]
        ),
        success=_("The activity is cancelled; it stays on the record."),
        then=back,
    )
    context = {"form": form, "activity": activity}
    return done or render(request, "workspace/support/activity_cancel.html", context)


# Participants -----------------------------------------------------------------------------------


def participants_open(request: SignedInHttpRequest, activity: Activity) -> HttpResponse | None:
    """403 unless the user manages the activity's participants, then back to the activity with
    the reason once it is cancelled (its participants stay as they were)."""
    return checked(
        request,
        lambda: service.check_participants_open(activity, request.user),
        activity_url(activity),
    )


@workspace_page
@GET_OR_POST
def participants_add(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    """Find businesses by name, tick several, add them all with one button."""
    activity = visible_activity(request, pk)
    if refused := participants_open(request, activity):
        return refused
    taking_part = activity.participations.values("business")
    picker = picker_for(request, multiple=True, exclude=taking_part)
    if wants_fragment(request):
        return choices_fragment(request, picker)
    form = ParticipantsForm(posted(request))
    done = written(
        request,
        form,
        lambda data: service.add_participants(
            activity=activity, by=request.user, businesses=data["business"], status=data["status"]
        ),
        success=lambda added: (
            _("Added: %(names)s.") % {"names": ", ".join(p.business.name for p in added)}
        ),
        then=activity_url(activity, "participants"),
    )
    context = {
        "form": form,
        "activity": activity,
        "picker": picker,
        "room": None
        if activity.capacity is None
        else max(activity.capacity - activity.participations.count(), 0),
    }
    return done or render(request, "workspace/support/activity_participants.html", context)


@workspace_page
@GET_OR_POST
def attendance(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    """Attendance, completion, result and certificate number of every participant, one form."""
    activity = visible_activity(request, pk)
    if refused := participants_open(request, activity):
        return refused
    participations = activity.participations.select_related("business__region").order_by(
        "business__name", "pk"
    )
    page = Paginator(participations, ATTENDANCE_PAGE).get_page(request.GET.get("page"))
    form = AttendanceForm(posted(request), participations=page.object_list)
    back = activity_url(activity, "participants")
    if form.is_valid() and not form.changes():
        messages.info(request, _("Nothing changed."))
        return redirect(back)
    done = written(
        request,
        form,
        lambda data: service.mark_participants(
            activity=activity, by=request.user, changes=form.changes()
        ),
        success=lambda saved: _("Saved for %(count)d participants.") % {"count": len(saved)},
        then=back,
    )
    context = {"form": form, "activity": activity, "page": page}
    return done or render(request, "workspace/support/activity_attendance.html", context)


@workspace_action
def participation_remove(request: SignedInHttpRequest, pk: int, participation: int) -> HttpResponse:
    """A registration made by mistake; whoever attended stays on the record."""
    activity = visible_activity(request, pk)
    row = get_object_or_404(activity.participations.select_related("business"), pk=participation)
    return run_action(
        request,
        lambda: service.remove_participation(participation=row, by=request.user),
        success=_("%(name)s is no longer registered.") % {"name": row.business.name},
        back=activity_url(activity, "participants"),
    )
