"""Activities and their participants: create, edit, cancel; add, mark and remove participants."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog.models import Business
from support import rules
from support.models import Activity, Agreement, Participation, Partner, Stage
from support.services.agreements import check_record_under
from umkm_portal.services import NotAllowedNow, assign, require, save_valid

ACTIVITY_FIELDS: tuple[str, ...] = (
    "kind", "title", "description", "starts_at", "ends_at", "region", "place", "capacity",
    "funding", "benefit", "is_public", "registration_info",
)  # fmt: skip
PARTICIPATION_FIELDS: tuple[str, ...] = ("status", "result_note", "certificate_number")


def _set_relations(
    activity: Activity, stages: Iterable[Stage] | None, co_organisers: Iterable[Agency] | None
) -> None:
    if stages is not None:
        stages = list(stages)
        if not stages:
            raise ValidationError({"stages": _("Choose at least one stage.")})
        activity.stages.set(stages)
    if co_organisers is not None:
        co_organisers = [agency for agency in co_organisers if agency.pk != activity.organiser_id]
        activity.co_organisers.set(co_organisers)


def check_editable(activity: Activity, by) -> None:
    """Edit or cancel: 403 unless `by` edits for the organiser, then 409 once the activity is
    cancelled (it is kept as it was). Pages and the API ask it before they read a form or a
    body; the services below ask it again under their row lock."""
    require(rules.can_edit_activity(by, activity))
    if activity.is_cancelled:
        raise NotAllowedNow(_("This activity is cancelled."))


def check_participants_open(activity: Activity, by) -> None:
    """Mark, change or remove participants: 403 unless `by` edits for the organiser or a
    co-organiser, then 409 once the activity is cancelled (its participants stay as they were).
    Adding one to a cancelled activity is bad input instead (`add_participants`: 400)."""
    require(rules.can_manage_participants(by, activity))
    if activity.is_cancelled:
        raise NotAllowedNow(_("This activity is cancelled: its participants stay as they were."))


@transaction.atomic
def create_activity(
    *,
    by,
    organiser: Agency,
    stages: Iterable[Stage],
    co_organisers: Iterable[Agency] = (),
    agreement: Agreement | None = None,
    partners: Iterable[Partner] = (),
    **fields: Any,
) -> Activity:
    """An activity `organiser` holds, optionally under `agreement` with co-organising
    `partners`. Partner staff create one only under their partner's open agreement, organised by
    an agency party to it; their partner is then among the co-organisers."""
    require(rules.can_create_activity(by, organiser, agreement=agreement))
    partners = list(partners)
    if agreement is not None:
        check_record_under(agreement, agency=organiser)
        if not rules.can_create_activity(by, organiser):  # partner staff: their partner takes part
            theirs = Partner.objects.filter(
                pk__in=rules.partner_ids(by), agreement_parties__agreement=agreement
            )
            partners += [partner for partner in theirs if partner not in partners]
        strangers = [p.name for p in partners if not agreement.parties.filter(partner=p).exists()]
        if strangers:
            raise ValidationError(
                {"partners": _("Not a party of the agreement: %(names)s.")
                 % {"names": ", ".join(strangers)}}
            )  # fmt: skip
    elif partners:
        raise ValidationError({"partners": _("Partners take part under an agreement.")})
    activity = Activity(organiser=organiser, agreement=agreement, created_by=by)
    assign(activity, fields, set(ACTIVITY_FIELDS))
    save_valid(activity, by)
    _set_relations(activity, stages, co_organisers)
    activity.partners.set(partners)
    return activity


@transaction.atomic
def update_activity(
    *,
    activity: Activity,
    by,
    stages: Iterable[Stage] | None = None,
    co_organisers: Iterable[Agency] | None = None,
    **fields: Any,
) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    check_editable(activity, by)
    assign(activity, fields, set(ACTIVITY_FIELDS))
    save_valid(activity, by)
    _set_relations(activity, stages, co_organisers)
    return activity


@transaction.atomic
def cancel_activity(*, activity: Activity, by, reason: str) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    check_editable(activity, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the activity is cancelled.")})
    activity.cancelled_at, activity.cancelled_by, activity.cancel_reason = (
        timezone.now(),
        by,
        reason,
    )
    return save_valid(activity, by)


@transaction.atomic
def add_participants(
    *,
    activity: Activity,
    by,
    businesses: Iterable[Business],
    status: str = Participation.Status.REGISTERED,
) -> list[Participation]:
    """Register several businesses at once; all or none (a business already registered, an
    inactive one or a full activity refuses the whole list with the names that stopped it)."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    require(rules.can_manage_participants(by, activity))
    if activity.is_cancelled:
        raise ValidationError({"activity": _("This activity is cancelled: no one can join it.")})
    businesses = list({business.pk: business for business in businesses}.values())
    if not businesses:
        raise ValidationError({"business": _("Choose at least one business.")})
    present = set(
        activity.participations.filter(business__in=businesses).values_list("business", flat=True)
    )
    if present:
        names = ", ".join(b.name for b in businesses if b.pk in present)
        raise ValidationError({"business": _("Already taking part: %(names)s.") % {"names": names}})
    inactive = [business.name for business in businesses if not business.is_active]
    if inactive:
        raise ValidationError(
            {"business": _("Inactive: %(names)s.") % {"names": ", ".join(inactive)}}
        )
    if activity.capacity is not None:
        room = activity.capacity - activity.participations.count()
        if len(businesses) > room:
            raise ValidationError(
                {"business": _("Only %(room)d places are left.") % {"room": max(room, 0)}}
            )
    added = []
    for business in businesses:
        participation = Participation(
            activity=activity, business=business, status=status, created_by=by
        )
        added.append(save_valid(participation, by))
    return added


@transaction.atomic
def update_participation(*, participation: Participation, by, **fields: Any) -> Participation:
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    check_participants_open(participation.activity, by)
    assign(participation, fields, set(PARTICIPATION_FIELDS))
    return save_valid(participation, by)


@transaction.atomic
def mark_participants(
    *, activity: Activity, by, changes: Mapping[int, Mapping[str, Any]]
) -> list[Participation]:
    """Attendance and completion for many participants in one step: {participation id: fields}."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    check_participants_open(activity, by)
    participations = activity.participations.select_for_update().in_bulk(list(changes))
    unknown = set(changes) - set(participations)
    if unknown:
        raise ValidationError({"participants": _("Not a participant of this activity.")})
    saved = []
    for pk, fields in changes.items():
        participation = participations[pk]
        assign(participation, dict(fields), set(PARTICIPATION_FIELDS))
        saved.append(save_valid(participation, by))
    return saved


@transaction.atomic
def remove_participation(*, participation: Participation, by) -> None:
    """A registration made by mistake; someone who attended stays on the record."""
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    check_participants_open(participation.activity, by)
    if participation.status != Participation.Status.REGISTERED:
        raise NotAllowedNow(_("Only a registration can be removed; mark absence instead."))
    participation.delete()
