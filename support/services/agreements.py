"""Agreements with partners: create, add parties, sign, edit, terminate; their obligations; and
each obligation's realisation, computed from the records made under the agreement.

Realisation (docs/decisions: partnerships): an obligation counts the records made *under its
agreement* (`agreement` set on the activity or service) that match its kind and stage, fall in the
period (a report's, else the agreement's term) and belong to its responsible party:

- an activity obligation counts activities not cancelled, of its kind, with its stage among
  theirs, starting in the period, organised or co-organised by the party when it is an agency,
  co-organised by it when it is a partner. Unit `kegiatan`: those activities; `peserta`: their
  participations that took part (attended or completed); `umkm`: the distinct businesses of those
  participations;
- a service obligation counts standing services (not voided, whatever their outcome) of its kind
  and stage, provided in the period, given by the party (its agency or its partner). Unit
  `layanan`: those services; `umkm`: their distinct businesses.

The figure is one query, and the queryset of records behind it comes with it.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from support import obligations, rules
from support.models import (
    Agreement,
    AgreementParty,
    Obligation,
    Partner,
    Stage,
)
from umkm_portal.services import NotAllowedNow, assign, require, save_valid

AGREEMENT_FIELDS: tuple[str, ...] = (
    "kind", "parent", "title", "scope", "valid_from", "valid_until", "legal_basis", "document",
    "document_is_public",
)  # fmt: skip
PARTY_FIELDS: tuple[str, ...] = ("document_number", "signatory_name", "signatory_title")
OBLIGATION_FIELDS: tuple[str, ...] = (
    "party", "stage", "activity_kind", "service_kind", "target", "unit", "due_on", "description",
)  # fmt: skip

S = Agreement.Status


# Checks a page or the API asks before it reads a form or a body -------------------------------


def check_manageable(agreement: Agreement, by) -> None:
    """Edit, add parties or obligations: 403 unless `by` manages the lead agency, then 409 once
    the agreement is terminated (it stays as it was)."""
    require(rules.can_manage_agreement(by, agreement))
    if agreement.status == S.TERMINATED:
        raise NotAllowedNow(_("This agreement is terminated."))


def check_party_addable(agreement: Agreement, by) -> None:
    """Add a party: as `check_manageable`, and only while a draft (a signed one changes by
    addendum)."""
    check_manageable(agreement, by)
    if agreement.status != S.DRAFT:
        raise NotAllowedNow(_("Parties change only while the agreement is a draft."))


def check_signable(agreement: Agreement, by) -> None:
    require(rules.can_manage_agreement(by, agreement))
    if agreement.status != S.DRAFT:
        raise NotAllowedNow(_("Only a draft agreement can be signed."))


def check_terminable(agreement: Agreement, by) -> None:
    require(rules.can_manage_agreement(by, agreement))
    if agreement.status != S.SIGNED:
        raise NotAllowedNow(_("Only a signed agreement can be terminated."))


def _locked(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


# Agreements ------------------------------------------------------------------------------------


@transaction.atomic
def create_agreement(
    *,
    by,
    lead_agency: Agency,
    stages: Iterable[Stage] = (),
    parties: Iterable[Mapping[str, Any]] = (),
    **fields: Any,
) -> Agreement:
    """A draft agreement led by `lead_agency`, with its stages and parties (each a mapping of
    `agency` or `partner` and the party's document number, signatory and title)."""
    require(rules.can_create_agreement(by, lead_agency))
    agreement = Agreement(lead_agency=lead_agency, created_by=by, status=S.DRAFT)
    assign(agreement, fields, set(AGREEMENT_FIELDS))
    save_valid(agreement, by)
    agreement.stages.set(stages)
    for party in parties:
        _add_party(agreement, by, **party)
    return agreement


@transaction.atomic
def update_agreement(
    *, agreement: Agreement, by, stages: Iterable[Stage] | None = None, **fields: Any
) -> Agreement:
    agreement = _locked(agreement)
    check_manageable(agreement, by)
    assign(agreement, fields, set(AGREEMENT_FIELDS))
    save_valid(agreement, by)
    if stages is not None:
        agreement.stages.set(stages)
    return agreement


def _add_party(
    agreement: Agreement,
    by,
    *,
    agency: Agency | None = None,
    partner: Partner | None = None,
    **fields: Any,
) -> AgreementParty:
    party = AgreementParty(agreement=agreement, agency=agency, partner=partner)
    assign(party, fields, set(PARTY_FIELDS))
    try:
        with transaction.atomic():
            return save_valid(party, by)
    except IntegrityError as error:  # the same organisation added twice at the same moment
        raise ValidationError({"agency": _("This organisation is a party already.")}) from error


@transaction.atomic
def add_party(
    *,
    agreement: Agreement,
    by,
    agency: Agency | None = None,
    partner: Partner | None = None,
    **fields: Any,
) -> AgreementParty:
    """Add an agency or a partner as a party, while the agreement is a draft (a signed one
    changes by addendum)."""
    agreement = _locked(agreement)
    check_party_addable(agreement, by)
    return _add_party(agreement, by, agency=agency, partner=partner, **fields)


@transaction.atomic
def sign_agreement(
    *, agreement: Agreement, by, signed_on: datetime.date | None = None
) -> Agreement:
    """Record the signing: a draft with at least two parties becomes `signed`."""
    agreement = _locked(agreement)
    check_signable(agreement, by)
    if agreement.parties.count() < 2:
        raise ValidationError({"parties": _("An agreement has at least two parties.")})
    signed_on = signed_on or timezone.localdate()
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("An agreement is recorded once it is signed.")})
    agreement.status, agreement.signed_on = S.SIGNED, signed_on
    return save_valid(agreement, by)


@transaction.atomic
def terminate_agreement(*, agreement: Agreement, by, reason: str) -> Agreement:
    """End a signed agreement before its term, saying why; who and when are recorded."""
    agreement = _locked(agreement)
    check_terminable(agreement, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the agreement is terminated.")})
    agreement.status = S.TERMINATED
    agreement.terminated_at, agreement.terminated_by = timezone.now(), by
    agreement.termination_reason = reason
    return save_valid(agreement, by)


# Obligations -----------------------------------------------------------------------------------


@transaction.atomic
def add_obligation(*, agreement: Agreement, by, **fields: Any) -> Obligation:
    agreement = _locked(agreement)
    check_manageable(agreement, by)
    obligation = Obligation(agreement=agreement)
    assign(obligation, fields, set(OBLIGATION_FIELDS))
    return save_valid(obligation, by)


@transaction.atomic
def update_obligation(*, obligation: Obligation, by, **fields: Any) -> Obligation:
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    check_manageable(_locked(obligation.agreement), by)
    assign(obligation, fields, set(OBLIGATION_FIELDS))
    return save_valid(obligation, by)


# Realisation -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Realisation:
    """An obligation's figure for a period and the records behind it: activities (unit
    `kegiatan`), participations (`peserta`, `umkm` of an activity obligation) or services
    (`layanan`, `umkm` of a service obligation)."""

    obligation: Obligation
    period_start: datetime.date
    period_end: datetime.date
    figure: int
    records: QuerySet[Any]

    @property
    def percent(self) -> int:
        """Realised over target, in whole percent (capped at 100 for a progress bar)."""
        return min(100, self.figure * 100 // self.obligation.target)


def realisation(
    obligation: Obligation,
    *,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> Realisation:
    """What `obligation` realised in the period (the agreement's term by default): the figure,
    counted in one query, and the records behind it, by the rules of `support.obligations`
    (the same the lists use for many obligations at once)."""
    agreement = obligation.agreement
    start = period_start or agreement.valid_from
    end = period_end or agreement.valid_until
    of = obligations.fields_of(obligation, start, end)
    counted = Obligation.objects.filter(pk=obligation.pk).annotate(n=obligations.realised(of))
    figure = counted.values_list("n", flat=True).get()
    return Realisation(obligation, start, end, figure, obligations.records_of(obligation, of))


# Records under an agreement -------------------------------------------------------------------


def check_record_under(
    agreement: Agreement, *, agency: Agency | None = None, partner: Partner | None = None
) -> None:
    """A record made under `agreement` is made by one of its parties (400 otherwise): the
    providing agency or partner of a service, the organiser or a co-organising partner of an
    activity."""
    parties = agreement.parties.all()
    if agency is not None and parties.filter(agency=agency).exists():
        return
    if partner is not None and parties.filter(partner=partner).exists():
        return
    if agency is not None and agreement.lead_agency_id == agency.pk:
        return
    raise ValidationError({"agreement": _("This agreement is not one of the provider's.")})
