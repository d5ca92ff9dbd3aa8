"""Progress: snapshots of a business's size and milestones it reached; recorded by staff,
verified by a leading-sector reviewer or an administrator."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog.models import Business
from support import rules
from support.models import Milestone, Snapshot, Stage
from support.models.progress import Verifiable
from support.models.stages import STAGE_OF_MILESTONE_KIND
from umkm_portal.services import NotAllowedNow, assign, require, save_valid

SNAPSHOT_FIELDS: tuple[str, ...] = (
    "taken_on", "turnover", "capital", "workers_women", "workers_men", "exports", "source",
)  # fmt: skip
MILESTONE_FIELDS: tuple[str, ...] = ("kind", "stage", "achieved_on", "evidence")

V = TypeVar("V", bound=Verifiable)


@transaction.atomic
def record_snapshot(*, by, business: Business, **fields: Any) -> Snapshot:
    require(rules.can_record_progress(by))
    snapshot = Snapshot(business=business, recorded_by=by)
    assign(snapshot, fields, set(SNAPSHOT_FIELDS))
    if snapshot.turnover is None and snapshot.capital is None:
        raise ValidationError({"capital": _("Give the business capital or the turnover.")})
    return save_valid(snapshot, by)


@transaction.atomic
def record_milestone(
    *, by, business: Business, credited_agencies: Iterable[Agency] = (), **fields: Any
) -> Milestone:
    require(rules.can_record_progress(by))
    milestone = Milestone(business=business, recorded_by=by)
    assign(milestone, fields, set(MILESTONE_FIELDS))
    if milestone.stage_id is None and milestone.kind in STAGE_OF_MILESTONE_KIND:
        milestone.stage = Stage.objects.filter(code=STAGE_OF_MILESTONE_KIND[milestone.kind]).first()
    if milestone.achieved_on and milestone.achieved_on > timezone.localdate():
        raise ValidationError({"achieved_on": _("A milestone is recorded once it is reached.")})
    save_valid(milestone, by)
    milestone.credited_agencies.set(credited_agencies)
    return milestone


def _verify(model: type[V], instance: V, by) -> V:
    require(rules.can_verify_progress(by), _("Only a leading-sector reviewer may verify."))
    instance = model.objects.select_for_update().get(pk=instance.pk)  # type: ignore[attr-defined]
    if instance.is_verified:
        raise NotAllowedNow(_("This is verified already."))
    instance.verified_by, instance.verified_at = by, timezone.now()
    return save_valid(instance, by)


@transaction.atomic
def verify_snapshot(*, snapshot: Snapshot, by) -> Snapshot:
    return _verify(Snapshot, snapshot, by)


@transaction.atomic
def verify_milestone(*, milestone: Milestone, by) -> Milestone:
    return _verify(Milestone, milestone, by)
