"""The permission layer of the development record (DESIGN §8 rights; docs/architecture.md §8).

Like `catalog.rules`: predicates decide one action on one object, and the model querysets
(`Activity.objects.visible_to(user)`, `Service.objects.changeable_by(user)`...) narrow lists to a
user. Workspace pages and the API both call these; no view decides a right on its own.
`acting_agencies(user)` is the list the "as which agency" choices offer: the agencies for which
`can_create_activity`, `can_record_service` and `can_send_referral` say yes.

The record is shared: every member of an agency (editor, manager or reviewer) and every
administrator reads every business's record. The public sees public activities and, with the
business's consent (`show_support`), its trail.

Partnerships (DESIGN §8, issue 14): partners are created by managers of a leading sector;
agreements, their obligations and their termination are managed by the lead agency's managers;
monitoring reports are drafted and submitted by the lead agency's editors and managers and
accepted or returned by administrators only. Partner staff (a `PartnerMembership`) record
services, activities and participants only under an agreement their partner is party to whose
phase is active or expiring (`can_record_under`) — nothing else: they hold no agency right and do
not read the shared record beyond their agreements.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from agencies.models import Agency, AgencyQuerySet, Membership, Role
from agencies.rules import (
    acting_agencies,
    editing_agencies,
    editing_agency_ids,
    is_administrator,
    is_reviewer,
    is_signed_in,
)

if TYPE_CHECKING:
    from catalog.models import Business
    from support.models import (
        Activity,
        Agreement,
        MonitoringReport,
        Partner,
        Referral,
        Service,
    )
    from support.models.agreements import AgreementQuerySet

__all__ = [
    "Editor",
    "acting_agencies",
    "can_cancel_referral",
    "can_change_service",
    "can_create_activity",
    "can_create_agreement",
    "can_create_partner",
    "can_decide_report",
    "can_draft_report",
    "can_edit_activity",
    "can_edit_partner",
    "can_manage_agreement",
    "can_manage_participants",
    "can_record_progress",
    "can_record_service",
    "can_record_under",
    "can_respond_to_referral",
    "can_see_records",
    "can_send_referral",
    "can_verify_progress",
    "editing_agencies",
    "editor",
    "is_administrator",
    "is_partner_staff",
    "managing_agencies",
    "member_partners",
    "open_agreements",
    "partner_agreements",
    "partner_ids",
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


def can_create_activity(
    user, agency: "Agency | None" = None, *, agreement: "Agreement | None" = None
) -> bool:
    """For an agency where the user is editor or manager (it organises); any when `agency` is
    None and the user edits for at least one. Partner staff: under `agreement` (organised by an
    agency of it, their partner co-organising), when `can_record_under` it; asked with neither
    agency nor agreement, whether they may under any."""
    if agency is None and agreement is None:
        return _edits_for_any(user) or open_agreements(user).exists()
    if agency is not None and _edits_for(user, agency.pk):
        return True
    return agreement is not None and can_record_under(user, agreement)


def _partner_work(user, activity: "Activity") -> bool:
    """Partner staff on an activity under an open agreement of their partner, which their
    partner co-organises."""
    if activity.agreement_id is None or not is_partner_staff(user):
        return False
    agreement = activity.agreement
    assert agreement is not None  # an agreement id was set
    mine = partner_ids(user)
    return can_record_under(user, agreement) and any(
        partner.pk in mine for partner in activity.partners.all()
    )


def can_edit_activity(user, activity: "Activity") -> bool:
    """Edit and cancel: the organising agency's editors and managers; partner staff, an activity
    their partner co-organises under its open agreement."""
    return _edits_for(user, activity.organiser_id) or _partner_work(user, activity)


def can_manage_participants(user, activity: "Activity") -> bool:
    """The organiser's and every co-organiser's editors and managers; partner staff, as for
    editing (`_partner_work`)."""
    rights = editor(user)
    return (
        _edits_for(rights, activity.organiser_id)
        or any(_edits_for(rights, agency.pk) for agency in activity.co_organisers.all())
        or _partner_work(user, activity)
    )


def can_record_service(
    user,
    agency: "Agency | None" = None,
    business: "Business | None" = None,
    *,
    partner: "Partner | None" = None,
    agreement: "Agreement | None" = None,
) -> bool:
    """As one of their agencies, for any active business. As a partner: its staff (or an
    administrator), under `agreement` when `can_record_under` it. Asked with neither agency nor
    partner, whether they may record as anyone at all."""
    if business is not None and not business.is_active:
        return False
    if partner is not None:
        if is_administrator(user):
            return True
        return (
            partner.pk in partner_ids(user)
            and agreement is not None
            and can_record_under(user, agreement)
        )
    if agency is None:
        return _edits_for_any(user) or open_agreements(user).exists()
    return _edits_for(user, agency.pk)


def can_change_service(user, service: "Service") -> bool:
    """Correct or void: only the providing agency's editors and managers; a partner's service,
    its staff while its agreement is open."""
    if service.agency_id is not None:
        return _edits_for(user, service.agency_id)
    if is_administrator(user):
        return True
    return (
        service.partner_id in partner_ids(user)
        and service.agreement_id is not None
        and can_record_under(user, service.agreement)  # type: ignore[arg-type]
    )


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


# Partnerships (DESIGN §8: partners, agreements, obligations, reports; partner accounts) ------


def partner_ids(user) -> set[int]:
    """The active partners `user` acts for (their PartnerMemberships), read fresh."""
    if isinstance(user, Editor) or not is_signed_in(user):
        return set()
    from support.models import PartnerMembership

    return set(
        PartnerMembership.objects.filter(user=user, partner__is_active=True).values_list(
            "partner_id", flat=True
        )
    )


def is_partner_staff(user) -> bool:
    return bool(partner_ids(user))


def member_partners(user) -> "QuerySet[Partner]":
    """The active partners `user` acts for, as a lazy queryset (a subquery in a list's SQL, no
    query of its own)."""
    from support.models import Partner

    if isinstance(user, Editor) or not is_signed_in(user):
        return Partner.objects.none()
    return Partner.objects.filter(memberships__user=user, is_active=True)


def partner_agreements(user) -> "AgreementQuerySet":
    """Agreements a partner `user` acts for is party to (any status or phase), lazily."""
    from support.models import Agreement, AgreementParty

    parties = AgreementParty.objects.filter(partner__in=member_partners(user).values("pk"))
    return Agreement.objects.filter(pk__in=parties.values("agreement_id"))


def open_agreements(user) -> "AgreementQuerySet":
    """The agreements under which partner staff `user` may record now: their partner's, active
    or expiring."""
    return partner_agreements(user).open_for_records()


def can_record_under(user, agreement: "Agreement") -> bool:
    """Partner staff record services, activities and participants under an agreement their
    partner is party to while it is active or expiring; nothing else. Administrators always."""
    if is_administrator(user):
        return True
    if not agreement.is_open_for_records:
        return False
    mine = partner_ids(user)
    return bool(mine) and agreement.parties.filter(partner__in=mine).exists()


def managing_agencies(user) -> AgencyQuerySet:
    """Agencies in which the user is a manager."""
    return Agency.objects.where_member(user, roles=[Role.MANAGER])


def can_create_partner(user) -> bool:
    """Managers of a leading sector, and administrators."""
    if not is_signed_in(user):
        return False
    return is_administrator(user) or managing_agencies(user).leading_sectors().exists()


def can_edit_partner(user, partner: "Partner") -> bool:
    """As for creating: partners are shared master data of the leading sectors."""
    return can_create_partner(user)


def can_create_agreement(user, lead_agency: "Agency | None" = None) -> bool:
    """Managers of the lead agency (any agency they manage when `lead_agency` is None), and
    administrators."""
    if not is_signed_in(user):
        return False
    if is_administrator(user):
        return True
    managed = managing_agencies(user)
    return (
        managed.filter(pk=lead_agency.pk).exists() if lead_agency is not None else managed.exists()
    )


def can_manage_agreement(user, agreement: "Agreement") -> bool:
    """Edit, sign, add parties and obligations, terminate: managers of the lead agency, and
    administrators."""
    return can_create_agreement(user, agreement.lead_agency)


def can_draft_report(user, agreement: "Agreement") -> bool:
    """Open, correct and submit a monitoring report: editors and managers of the lead agency.
    Administrators do not draft (they decide): membership is what counts here, not the
    administrator's reach."""
    if not is_signed_in(user):
        return False
    return agreement.lead_agency_id in editing_agency_ids(user)


def can_decide_report(user, report: "MonitoringReport") -> bool:
    """Accept or return a submitted report: administrators only."""
    return is_administrator(user)
