"""/ruang-kerja/: the workspace's first page. Who I am here (my agencies and roles) and what is
waiting for me: invitations to answer, nominations to review, decide or complete, referrals
to answer, and the products of my agencies by status.

Every list is read in one query and cut at TASK_LIMIT, and the counts stop at the count cap, so
the page costs the same number of queries whatever the size of the queues.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from agencies.models import EDITING_ROLES, Agency, Membership, Role
from catalog import rules
from catalog.models import Collaboration, Nomination, Product
from catalog.models.flagship import NominationQuerySet
from catalog.models.product import CollaborationQuerySet
from catalog.search import capped_count
from support import rules as support_rules
from support.models import Partner, Phase, Referral
from support.models.agreements import OPEN_PHASES
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.partner_staff import partner_only

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise

#: Tasks shown per group; the rest waits behind a link to the full queue.
TASK_LIMIT = 20


@dataclass
class Tasks:
    items: list[Any]
    more: bool

    @classmethod
    def first(cls, queryset: QuerySet[Any], limit: int | None = None) -> Self:
        """The first `limit` rows (TASK_LIMIT by default), and whether there are more, in one
        query."""
        limit = limit or TASK_LIMIT
        rows = list(queryset[: limit + 1])
        return cls(items=rows[:limit], more=len(rows) > limit)

    def __len__(self) -> int:
        return len(self.items)


def invitations_to_answer(user: "User", administrator: bool) -> CollaborationQuerySet:
    """Pending collaborations that `user` may accept or decline (rules.can_answer_collaboration):
    those of agencies where they are manager; every one for administrators."""
    pending = Collaboration.objects.pending()
    if not administrator:
        pending = pending.filter(agency__in=Agency.objects.where_member(user, roles=[Role.MANAGER]))
    return pending.select_related("product", "product__owner_agency", "agency").order_by(
        "invited_at", "pk"
    )


def nominations_to_review(user: "User") -> NominationQuerySet:
    """What waits for this reviewer (Nomination.objects.awaiting_review: the list's queue)."""
    return Nomination.objects.awaiting_review(user).select_related("product", "agency")


def nominations_to_decide(user: "User") -> NominationQuerySet:
    """What waits for this administrator (Nomination.objects.awaiting_decision: the list's
    queue)."""
    return Nomination.objects.awaiting_decision(user).select_related("product", "agency")


def nominations_to_complete(user: "User") -> NominationQuerySet:
    """Drafts and nominations sent back for changes, of the agencies where `user` is editor or
    manager: the nominator's move (administrators too act as nominators only through a
    membership)."""
    return (
        Nomination.objects.filter(
            agency__in=rules.editing_agencies(user),
            state__in=[Nomination.State.DRAFT, Nomination.State.CHANGES_REQUESTED],
        )
        .select_related("product", "agency")
        .order_by("-updated_at", "pk")
    )


def referrals_to_answer(user: "User") -> QuerySet[Referral]:
    """Open referrals waiting for this person's agencies, overdue first (the inbox's order)."""
    return (
        Referral.objects.awaiting_answer_by(user)
        .overdue_first()
        .select_related("business", "from_agency", "to_agency")
    )


def product_counts(user: "User") -> list[tuple[str, "StrOrPromise", int]]:
    """(status, label, count) of the products `user` may edit; each count stops at the cap."""
    products = Product.objects.editable_by(user)
    return [
        (status, label, capped_count(products.filter(status=status)))
        for status, label in Product.Status.choices
    ]


@never_cache
@require_safe
@login_required
def dashboard(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    if partner_only(request):
        return partner_dashboard(request)
    administrator = rules.is_administrator(user)
    memberships = list(
        Membership.objects.filter(user=user).select_related("agency").order_by("agency__name")
    )
    roles = {membership.role for membership in memberships}
    edits_as_member = bool(roles & set(EDITING_ROLES))
    edits = administrator or edits_as_member
    answers_invitations = administrator or Role.MANAGER in roles
    context = {
        "administrator": administrator,
        "memberships": memberships,
        "edits": edits,
        "invitations": (
            Tasks.first(invitations_to_answer(user, administrator)) if answers_invitations else None
        ),
        "to_review": Tasks.first(nominations_to_review(user)) if rules.is_reviewer(user) else None,
        "to_decide": Tasks.first(nominations_to_decide(user)) if administrator else None,
        "to_complete": Tasks.first(nominations_to_complete(user)) if edits_as_member else None,
        "referrals": Tasks.first(referrals_to_answer(user)) if edits else None,
        "product_counts": product_counts(user) if edits else [],
        "workspace_root": reverse("workspace"),
    }
    return render(request, "workspace/dashboard.html", context)


def partner_dashboard(request: SignedInHttpRequest) -> HttpResponse:
    """A partner's staff (DESIGN §8): their partners, the agreements those are party to with
    their phase, and the two things they may do — record a service, create an activity — when
    one of those agreements is open. Nothing of the agencies' work is offered."""
    user = request.user
    agreements = list(
        support_rules.partner_agreements(user)
        .with_phase()
        .select_related("lead_agency")
        .order_by("-valid_until", "title")[: TASK_LIMIT + 1]
    )
    rows = [  # `current_phase`: AgreementQuerySet.with_phase's annotation
        (agreement, Phase(getattr(agreement, "current_phase")))  # noqa: B009
        for agreement in agreements[:TASK_LIMIT]
    ]
    context = {
        "partners": list(Partner.objects.of_member(user).order_by("name")),
        "agreements": rows,
        "more_agreements": len(agreements) > TASK_LIMIT,
        "records": any(phase in OPEN_PHASES for _agreement, phase in rows),
    }
    return render(request, "workspace/dashboard_partner.html", context)
