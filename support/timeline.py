"""One timeline of everything every agency did for a business, newest first (DESIGN §8): the
activities it took part in, its services (voided ones marked), referrals sent and answered,
milestones, the certificates its products gained, and its products' co-curation, nomination and
designation.

A record may hold hundreds of rows in a dozen tables, and the page must cost the same number of
queries whatever its length. So the timeline is read in two steps:

1. `timeline(business, user)`: one query, a UNION ALL of `(day, kind, id)` keys from every source,
   ordered newest first; the paginator counts it and slices one page of keys from it.
2. `entries(keys)`: one query per source present on the page (plus a fixed few for their
   many-to-many relations) loads the page's rows and turns each key into an `Entry`.

Days are calendar days in Asia/Jakarta; on one day, later steps of a business's story (a
designation) come before earlier ones (an activity), then newer rows before older.

Product events follow what the user may see elsewhere: certificates, co-curation and designations
of products visible to them (`Product.objects.visible_to`), nomination steps of nominations
visible to them. Approving and revoking are shown once, as the designation's own entries, not
again as nomination steps.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, IntegerField, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from catalog.models import (
    Business,
    Certificate,
    Collaboration,
    Designation,
    Nomination,
    NominationEvent,
    Product,
)
from support.models import Milestone, Participation, Partner, Referral, Service, Stage

#: Entries on one page of the workspace and the API (the API's `page_size` may change it).
PER_PAGE = 20


class Kind(models.TextChoices):
    """What an entry records. The order is the order of a business's story: on one day, a later
    kind is shown before an earlier one."""

    ACTIVITY = "activity", gettext_lazy("Activity")
    SERVICE = "service", gettext_lazy("Service")
    REFERRAL_SENT = "referral_sent", gettext_lazy("Referral sent")
    REFERRAL_ANSWERED = "referral_answered", gettext_lazy("Referral answered")
    REFERRAL_COMPLETED = "referral_completed", gettext_lazy("Referral completed")
    REFERRAL_CANCELLED = "referral_cancelled", gettext_lazy("Referral cancelled")
    MILESTONE = "milestone", gettext_lazy("Milestone")
    CERTIFICATE = "certificate", gettext_lazy("Certificate gained")
    CO_CURATION = "co_curation", gettext_lazy("Co-curation")
    CO_CURATION_ENDED = "co_curation_ended", gettext_lazy("Co-curation ended")
    NOMINATION = "nomination", gettext_lazy("Flagship nomination")
    DESIGNATION = "designation", gettext_lazy("Flagship designation")
    DESIGNATION_REVOKED = "designation_revoked", gettext_lazy("Designation revoked")


#: The kind as the keys' query carries it (an integer sorts the same on every database).
RANK = {kind.value: rank for rank, kind in enumerate(Kind)}
KIND_OF_RANK = {rank: kind for kind, rank in RANK.items()}

#: One key of the timeline: (day, rank of the kind, primary key of the row).
Key = tuple[datetime.date, int, int]


@dataclass(frozen=True)
class Entry:
    """One line of the timeline, in words a person reads; the API shows the same."""

    on: datetime.date
    kind: str
    pk: int
    title: str
    status: str = ""
    status_label: str = ""
    agencies: tuple[Agency, ...] = ()
    #: Partners who did it (a service a partner gave under an agreement).
    partners: tuple[Partner, ...] = ()
    stages: tuple[Stage, ...] = ()
    product: Product | None = None
    note: str = ""
    amount: int | None = None
    #: Standing services that produced a certificate (`Service.certificate`).
    facilitations: tuple[Service, ...] = ()

    @property
    def helpers(self) -> tuple[Agency | Partner, ...]:
        """Who did it or is credited with it: agencies, then partners."""
        return (*self.agencies, *self.partners)

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)


# 1. The keys ------------------------------------------------------------------------------------


def _keyed(queryset: QuerySet[Any], kind: Kind, on: Any) -> QuerySet[Any]:
    """`queryset` as (day, rank, id) rows of `kind`, dated by the expression `on`."""
    return (
        queryset.order_by()
        .annotate(
            entry_on=on,
            entry_rank=Value(RANK[kind.value], output_field=IntegerField()),
            entry_id=F("pk"),
        )
        .values_list("entry_on", "entry_rank", "entry_id")
    )


def _day(field: str) -> TruncDate:
    """The calendar day of a moment, in the portal's time zone (Asia/Jakarta)."""
    return TruncDate(field)


def _parts(business: Business, user: Any) -> list[QuerySet[Any]]:
    products = Product.objects.visible_to(user).filter(business=business).values("pk")
    nominations = Nomination.objects.visible_to(user).filter(product__business=business)
    referrals = Referral.objects.filter(business=business)
    # Co-curation that happened: accepted, or ended after being accepted (an invitation
    # withdrawn unanswered ends without an answer). Rows made accepted without an answer's time
    # (imports) are dated by the invitation, as the public curation trail does.
    ended = Q(status=Collaboration.Status.ENDED, answered_at__isnull=False)
    collaborations = Collaboration.objects.filter(
        Q(status=Collaboration.Status.ACCEPTED) | ended, product__in=products
    )
    designations = Designation.objects.filter(product__in=products)
    shown_as_designation = [NominationEvent.Action.APPROVE, NominationEvent.Action.REVOKE]
    return [
        _keyed(
            Participation.objects.filter(business=business),
            Kind.ACTIVITY,
            _day("activity__starts_at"),
        ),
        _keyed(Service.objects.filter(business=business), Kind.SERVICE, F("provided_on")),
        _keyed(referrals, Kind.REFERRAL_SENT, _day("sent_at")),
        _keyed(
            referrals.filter(answered_at__isnull=False), Kind.REFERRAL_ANSWERED, _day("answered_at")
        ),
        _keyed(
            referrals.filter(completed_at__isnull=False),
            Kind.REFERRAL_COMPLETED,
            _day("completed_at"),
        ),
        _keyed(
            referrals.filter(cancelled_at__isnull=False),
            Kind.REFERRAL_CANCELLED,
            _day("cancelled_at"),
        ),
        _keyed(Milestone.objects.filter(business=business), Kind.MILESTONE, F("achieved_on")),
        _keyed(
            Certificate.objects.filter(product__in=products, issued_on__isnull=False),
            Kind.CERTIFICATE,
            F("issued_on"),
        ),
        _keyed(collaborations, Kind.CO_CURATION, TruncDate(Coalesce("answered_at", "invited_at"))),
        _keyed(
            collaborations.filter(ended, ended_at__isnull=False),
            Kind.CO_CURATION_ENDED,
            _day("ended_at"),
        ),
        _keyed(
            NominationEvent.objects.filter(nomination__in=nominations.values("pk")).exclude(
                action__in=shown_as_designation
            ),
            Kind.NOMINATION,
            _day("created_at"),
        ),
        _keyed(designations, Kind.DESIGNATION, _day("approved_at")),
        _keyed(
            designations.filter(revoked_at__isnull=False),
            Kind.DESIGNATION_REVOKED,
            _day("revoked_at"),
        ),
    ]


def timeline(business: Business, user: Any) -> QuerySet[Any]:
    """The ordered keys of the business's whole timeline as `user` may see it: one query,
    to be counted and sliced (a paginator does both)."""
    first, *rest = _parts(business, user)
    return first.union(*rest, all=True).order_by("-entry_on", "-entry_rank", "-entry_id")


# 2. The rows of one page --------------------------------------------------------------------------


def _participations(ids: Iterable[int]) -> dict[int, Participation]:
    activities = "activity__organiser", "activity__region"
    return (
        Participation.objects.select_related(*activities)
        .prefetch_related("activity__co_organisers", "activity__stages")
        .in_bulk(list(ids))
    )


def _services(ids: Iterable[int]) -> dict[int, Service]:
    return Service.objects.select_related("agency", "partner", "stage").in_bulk(list(ids))


def _referrals(ids: Iterable[int]) -> dict[int, Referral]:
    return Referral.objects.select_related("from_agency", "to_agency", "stage").in_bulk(list(ids))


def _milestones(ids: Iterable[int]) -> dict[int, Milestone]:
    return (
        Milestone.objects.select_related("stage")
        .prefetch_related("credited_agencies")
        .in_bulk(list(ids))
    )


def _certificates(ids: Iterable[int]) -> dict[int, Certificate]:
    facilitations = (
        Service.objects.standing().select_related("agency", "partner").order_by("provided_on")
    )
    return (
        Certificate.objects.select_related("product", "verified_by")
        .prefetch_related(Prefetch("facilitations", queryset=facilitations))
        .in_bulk(list(ids))
    )


def _collaborations(ids: Iterable[int]) -> dict[int, Collaboration]:
    return Collaboration.objects.select_related("product", "agency").in_bulk(list(ids))


def _events(ids: Iterable[int]) -> dict[int, NominationEvent]:
    return NominationEvent.objects.select_related(
        "agency", "nomination__agency", "nomination__product"
    ).in_bulk(list(ids))


def _designations(ids: Iterable[int]) -> dict[int, Designation]:
    return Designation.objects.select_related("product", "nomination__agency").in_bulk(list(ids))


#: Which loader reads the rows of each kind: kinds of one table share one query.
LOADERS: dict[str, Callable[[Iterable[int]], dict[int, Any]]] = {
    Kind.ACTIVITY: _participations,
    Kind.SERVICE: _services,
    Kind.REFERRAL_SENT: _referrals,
    Kind.REFERRAL_ANSWERED: _referrals,
    Kind.REFERRAL_COMPLETED: _referrals,
    Kind.REFERRAL_CANCELLED: _referrals,
    Kind.MILESTONE: _milestones,
    Kind.CERTIFICATE: _certificates,
    Kind.CO_CURATION: _collaborations,
    Kind.CO_CURATION_ENDED: _collaborations,
    Kind.NOMINATION: _events,
    Kind.DESIGNATION: _designations,
    Kind.DESIGNATION_REVOKED: _designations,
}


def entries(keys: Iterable[Sequence[Any]]) -> list[Entry]:
    """The entries of these (day, rank, id) keys, in their order."""
    keys = [(day, KIND_OF_RANK[rank], pk) for day, rank, pk in keys]
    wanted: dict[Callable[[Iterable[int]], dict[int, Any]], set[int]] = defaultdict(set)
    for _day_of, kind, pk in keys:
        wanted[LOADERS[kind]].add(pk)
    loaded = {loader: loader(ids) for loader, ids in wanted.items()}
    found = []
    for day, kind, pk in keys:
        row = loaded[LOADERS[kind]].get(pk)
        if row is not None:  # gone between the two queries
            found.append(BUILDERS[kind](day, kind, row))
    return found


def page_of(
    business: Business, user: Any, number: Any, per_page: int = PER_PAGE
) -> tuple[Page, list[Entry]]:
    """Page `number` of the timeline (the last for a number too high, the first for none) and
    its entries."""
    page = Paginator(timeline(business, user), per_page).get_page(number)
    return page, entries(page.object_list)


# Entries in words ---------------------------------------------------------------------------------


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day, "j M Y") if day else ""


def _activity(day: datetime.date, kind: str, participation: Participation) -> Entry:
    activity = participation.activity
    if activity.is_cancelled:
        status, label = "cancelled", _("Activity cancelled")
        note = activity.cancel_reason
    else:
        status, label = participation.status, participation.get_status_display()
        note = participation.result_note
    return Entry(
        on=day,
        kind=kind,
        pk=participation.pk,
        title=f"{activity.get_kind_display()}: {activity.title}",
        status=status,
        status_label=label,
        agencies=(activity.organiser, *activity.co_organisers.all()),
        stages=tuple(activity.stages.all()),
        note=note,
    )


def _service(day: datetime.date, kind: str, service: Service) -> Entry:
    if service.is_voided:
        status, label, note = "voided", _("Voided"), service.void_reason
    else:
        status, label, note = service.outcome, service.get_outcome_display(), service.summary
    title = service.get_kind_display()
    if service.target_certificate_kind:
        title = f"{title} ({service.get_target_certificate_kind_display()})"
    return Entry(
        on=day,
        kind=kind,
        pk=service.pk,
        title=title,
        status=status,
        status_label=label,
        agencies=(service.agency,) if service.agency else (),
        partners=(service.partner,) if service.partner else (),
        stages=(service.stage,),
        note=note,
        amount=service.amount,
    )


def _referral(day: datetime.date, kind: str, referral: Referral) -> Entry:
    names = {"from": referral.from_agency.short_name or referral.from_agency.name,
             "to": referral.to_agency.short_name or referral.to_agency.name}  # fmt: skip
    status, label = referral.status, referral.get_status_display()
    if kind == Kind.REFERRAL_SENT:
        title, note = _("Referred by %(from)s to %(to)s") % names, referral.reason
        if referral.is_overdue:
            status, label = "overdue", _("Overdue")
    elif kind == Kind.REFERRAL_ANSWERED:
        declined = referral.status == Referral.Status.DECLINED
        answer = Referral.Status.DECLINED if declined else Referral.Status.ACCEPTED
        status, label = answer, str(answer.label)
        title = (
            _("%(to)s declined the referral") if declined else _("%(to)s accepted the referral")
        ) % names
        note = referral.answer_note
    elif kind == Kind.REFERRAL_COMPLETED:
        title, note = _("%(to)s completed the referral") % names, referral.completion_note
        status, label = Referral.Status.COMPLETED, str(Referral.Status.COMPLETED.label)
    else:
        title, note = _("%(from)s cancelled the referral") % names, referral.cancel_note
        status, label = Referral.Status.CANCELLED, str(Referral.Status.CANCELLED.label)
    return Entry(
        on=day,
        kind=kind,
        pk=referral.pk,
        title=title,
        status=status,
        status_label=label,
        agencies=(referral.from_agency, referral.to_agency),
        stages=(referral.stage,),
        note=note,
    )


def _milestone(day: datetime.date, kind: str, milestone: Milestone) -> Entry:
    verified = milestone.is_verified
    return Entry(
        on=day,
        kind=kind,
        pk=milestone.pk,
        title=milestone.get_kind_display(),
        status="verified" if verified else "unverified",
        status_label=_("Verified") if verified else _("Not verified yet"),
        agencies=tuple(milestone.credited_agencies.all()),
        stages=(milestone.stage,) if milestone.stage else (),
        note=milestone.evidence,
    )


def _certificate(day: datetime.date, kind: str, certificate: Certificate) -> Entry:
    facilitations = tuple(certificate.facilitations.all())
    agencies = [service.agency for service in facilitations if service.agency]
    partners = tuple(service.partner for service in facilitations if service.partner)
    if certificate.verified_by and certificate.verified_by not in agencies:
        agencies.append(certificate.verified_by)
    expired = certificate.is_expired
    return Entry(
        on=day,
        kind=kind,
        pk=certificate.pk,
        title=f"{certificate.get_kind_display()} {certificate.number}",
        status="expired" if expired else "valid",
        status_label=_("Expired") if expired else _("Valid"),
        agencies=tuple(agencies),
        partners=partners,
        product=certificate.product,
        note=_("Valid until %(date)s") % {"date": _date(certificate.expires_on)}
        if certificate.expires_on
        else "",
        facilitations=facilitations,
    )


def _collaboration(day: datetime.date, kind: str, collaboration: Collaboration) -> Entry:
    names = {"agency": collaboration.agency.short_name or collaboration.agency.name}
    ended = kind == Kind.CO_CURATION_ENDED
    state = Collaboration.Status.ENDED if ended else Collaboration.Status.ACCEPTED
    return Entry(
        on=day,
        kind=kind,
        pk=collaboration.pk,
        title=(_("%(agency)s stopped co-curating") if ended else _("%(agency)s co-curates"))
        % names,
        status=state,
        status_label=str(state.label),
        agencies=(collaboration.agency,),
        product=collaboration.product,
        note=collaboration.note,
    )


def _event(day: datetime.date, kind: str, event: NominationEvent) -> Entry:
    agency = event.agency or event.nomination.agency
    return Entry(
        on=day,
        kind=kind,
        pk=event.pk,
        title=event.get_action_display(),
        status=event.to_state,
        status_label=event.get_to_state_display(),
        agencies=(agency,) if agency else (),
        product=event.nomination.product,
        note=event.comment,
    )


def _designation(day: datetime.date, kind: str, designation: Designation) -> Entry:
    period = {
        "year": designation.year,
        "number": designation.decree_number,
        "start": _date(designation.valid_from),
        "end": _date(designation.valid_until),
    }
    if kind == Kind.DESIGNATION_REVOKED:
        title = _("Flagship designation %(year)s revoked") % period
        status, note = Designation.Status.REVOKED, designation.revocation_reason
    else:
        title = _("Designated a flagship product for %(year)s") % period
        status = designation.status()
        note = _("Decree %(number)s, valid %(start)s – %(end)s") % period
    return Entry(
        on=day,
        kind=kind,
        pk=designation.pk,
        title=title,
        status=status,
        status_label=str(Designation.Status(status).label),
        agencies=(designation.nomination.agency,),
        product=designation.product,
        note=note,
    )


BUILDERS: dict[str, Callable[[datetime.date, str, Any], Entry]] = {
    Kind.ACTIVITY: _activity,
    Kind.SERVICE: _service,
    Kind.REFERRAL_SENT: _referral,
    Kind.REFERRAL_ANSWERED: _referral,
    Kind.REFERRAL_COMPLETED: _referral,
    Kind.REFERRAL_CANCELLED: _referral,
    Kind.MILESTONE: _milestone,
    Kind.CERTIFICATE: _certificate,
    Kind.CO_CURATION: _collaboration,
    Kind.CO_CURATION_ENDED: _collaboration,
    Kind.NOMINATION: _event,
    Kind.DESIGNATION: _designation,
    Kind.DESIGNATION_REVOKED: _designation,
}
