"""The permission layer of the development record (DESIGN §8 rights; docs/architecture.md §8).

Like `catalog.rules`: predicates decide one action on one object, and the model querysets
(`Activity.objects.visible_to(user)`, `Service.objects.changeable_by(user)`...) narrow lists to a
user. Workspace pages and the API both call these; no view decides a right on its own.
`acting_agencies(user)` is the list the "as which agency" choices offer: the agencies for which
`can_create_activity`, `can_record_service` and `can_send_referral` say yes.

The record is shared: every member of an agency (editor, manager or reviewer) and every
administrator reads every business's record. The public sees public activities and, with the
business's consent (`show_support`), its trail.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from agencies.models import Membership
from agencies.rules import (
    acting_agencies,
    editing_agencies,
    editing_agency_ids,
    is_administrator,
    is_reviewer,
    is_signed_in,
)

if TYPE_CHECKING:
    from agencies.models import Agency
    from catalog.models import Business
    from support.models import Activity, Referral, Service

__all__ = [
    "Editor",
    "acting_agencies",
    "can_cancel_referral",
    "can_change_service",
    "can_create_activity",
    "can_edit_activity",
    "can_manage_participants",
    "can_record_progress",
    "can_record_service",
    "can_respond_to_referral",
    "can_see_records",
    "can_send_referral",
    "can_verify_progress",
    "editing_agencies",
    "editor",
    "is_administrator",
    "sees_every_agency",
]


def can_see_records(user) -> bool:
    """Members of any agency and administrators read every business's development record."""
    if not is_signed_in(user):
        return False
    return is_administrator(user) or Membership.objects.filter(user=user).exists()


@dataclass(frozen=True)
class Editor:
    """What the editing rules read of a user: administrator, else editor or manager of these
    agencies. Read once by `editor(user)` and passed to a predicate in place of the user, it
    lets a page ask one predicate of many rows (the referrals inbox) without a query per row;
    the predicates stay the only place the rules are written."""

    administrator: bool
    agency_ids: frozenset[int]


def editor(user: "Editor | object") -> Editor:
    """`user`'s editing rights, read now (an `Editor` already read is returned as it is)."""
    if isinstance(user, Editor):
        return user
    if is_administrator(user):  # every agency: no need to read the memberships
        return Editor(administrator=True, agency_ids=frozenset())
    return Editor(administrator=False, agency_ids=frozenset(editing_agency_ids(user)))


def _edits_for(user, agency_id: int | None) -> bool:
    """Whether `user` (a user or their `Editor`) edits for the agency `agency_id`."""
    rights = editor(user)
    return rights.administrator or (agency_id is not None and agency_id in rights.agency_ids)


def _edits_for_any(user) -> bool:
    """Whether `user` (a user or their `Editor`) edits for at least one agency."""
    rights = editor(user)
    return rights.administrator or bool(rights.agency_ids)


def can_create_activity(user, agency: "Agency | None" = None) -> bool:
    """For an agency where the user is editor or manager (it organises); any when `agency` is
    None and the user edits for at least one."""
    if agency is None:
        return _edits_for_any(user)
    return _edits_for(user, agency.pk)


def can_edit_activity(user, activity: "Activity") -> bool:
    """Edit and cancel: the organising agency's editors and managers."""
    return _edits_for(user, activity.organiser_id)


def can_manage_participants(user, activity: "Activity") -> bool:
    """The organiser's and every co-organiser's editors and managers."""
    rights = editor(user)
    return _edits_for(rights, activity.organiser_id) or any(
        _edits_for(rights, agency.pk) for agency in activity.co_organisers.all()
    )


def can_record_service(
    user, agency: "Agency | None" = None, business: "Business | None" = None
) -> bool:
    """As one of their agencies, for any active business."""
    if business is not None and not business.is_active:
        return False
    if agency is None:
        return _edits_for_any(user)
    return _edits_for(user, agency.pk)


def can_change_service(user, service: "Service") -> bool:
    """Correct or void: only the providing agency's editors and managers."""
    return _edits_for(user, service.agency_id)


def can_send_referral(user, from_agency: "Agency | None" = None) -> bool:
    if from_agency is None:
        return _edits_for_any(user)
    return _edits_for(user, from_agency.pk)


def can_respond_to_referral(user, referral: "Referral") -> bool:
    """Accept, decline and complete: editors and managers of the receiving agency."""
    return _edits_for(user, referral.to_agency_id)


def can_cancel_referral(user, referral: "Referral") -> bool:
    """Cancel: editors and managers of the sending agency."""
    return _edits_for(user, referral.from_agency_id)


def can_record_progress(user) -> bool:
    """Snapshots and milestones: editors, managers, reviewers and administrators."""
    return _edits_for_any(user) or is_reviewer(user)


def can_verify_progress(user) -> bool:
    """Verify a snapshot or milestone: leading-sector reviewers and administrators."""
    return is_administrator(user) or is_reviewer(user)


def sees_every_agency(user) -> bool:
    """The dashboard's whole province: administrators and every member (editor, manager or
    reviewer) of a leading-sector agency. Other staff see their own agencies' figures."""
    if not is_signed_in(user):
        return False
    return (
        is_administrator(user)
        or Membership.objects.filter(user=user, agency__is_leading_sector=True).exists()
    )
