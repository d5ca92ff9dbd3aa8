"""/ruang-kerja/usulan/: flagship nominations, from nominating to the decision
(docs/architecture.md §3).

Every page starts from `Nomination.objects.visible_to(user)`, so a nomination the user may not
see answers 404. Rights and states are catalog.workflow's to decide: the pages show the forms
the model's transitions allow this user now (`get_available_user_state_transitions`: the same
permissions the workflow checks). A POST asks `workflow.check` first, then reads its form, then
takes the step: PermissionDenied answers the 403 page, NotAllowedNow an error message and a
redirect back to the nomination, an invalid form or the step's ValidationError the same page
with the errors next to the fields (400).
"""

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from agencies.models import Agency
from catalog import evidence, rules, workflow
from catalog.models import (
    Assessment,
    AssessmentScore,
    Business,
    Certificate,
    Criterion,
    Nomination,
    NominationEvent,
    Product,
)
from catalog.models.flagship import NominationQuerySet
from catalog.models.product import ProductQuerySet
from catalog.pagination import CappedPaginator
from catalog.workflow import Action
from umkm_portal.services import NotAllowedNow, require
from umkm_portal.signed_in import SignedInHttpRequest
from workspace import flagship_forms as ff
from workspace.fields import valid_filters
from workspace.views.helpers import first_message, workspace_page

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise

    from catalog.models.flagship import ScoredNomination

PER_PAGE = 25

#: What each step of the timeline says happened, in words (`who`: the person and their agency).
TIMELINE: dict[str, "StrOrPromise"] = {
    Action.NOMINATE: gettext_lazy("%(who)s nominated the product; the nomination is a draft."),
    Action.SUBMIT: gettext_lazy("%(who)s submitted the nomination for review."),
    Action.WITHDRAW: gettext_lazy("%(who)s withdrew the nomination."),
    Action.REQUEST_CHANGES: gettext_lazy("%(who)s asked the nominating agency for changes."),
    Action.RESUBMIT: gettext_lazy("%(who)s submitted the nomination again, with the changes."),
    Action.RECOMMEND: gettext_lazy("%(who)s recommended the nomination to the administrators."),
    Action.REJECT: gettext_lazy("%(who)s rejected the nomination."),
    Action.APPROVE: gettext_lazy(
        "%(who)s approved the nomination: the product is designated a flagship."
    ),
    Action.DECLINE: gettext_lazy("%(who)s declined the recommendation."),
    Action.REVOKE: gettext_lazy("%(who)s revoked the flagship designation."),
}


def forbidden(request: SignedInHttpRequest, error: PermissionDenied) -> HttpResponse:
    reason = str(error) if error.args else ""
    return render(request, "workspace/flagship/forbidden.html", {"reason": reason}, status=403)


def flagship_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and never cached; the workflow's PermissionDenied answers the 403 page."""

    @functools.wraps(view)
    def wrapper(request: SignedInHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            return forbidden(request, error)

    return workspace_page(wrapper)


def with_assessments(nominations: NominationQuerySet) -> "QuerySet[ScoredNomination]":
    """The nominations with their assessments, scores and `mean_score` (the one definition of
    the total, the same the API shows)."""
    scores = AssessmentScore.objects.select_related("criterion")
    assessments = Assessment.objects.select_related("reviewer", "agency").prefetch_related(
        Prefetch("scores", queryset=scores)
    )
    return nominations.with_mean_score().prefetch_related(
        Prefetch("assessments", queryset=assessments)
    )


# The list --------------------------------------------------------------------------------------


def in_queue(
    nominations: NominationQuerySet, user: "User", queue: str | None
) -> NominationQuerySet:
    """The queues of the list: what waits for this reviewer (not their own submissions, four
    eyes), for this administrator (not what they recommended), or my agencies' nominations."""
    if queue == ff.QUEUE_REVIEW:
        return nominations.awaiting_review(user)
    if queue == ff.QUEUE_DECISION:
        return nominations.awaiting_decision(user)
    if queue == ff.QUEUE_MINE:
        return nominations.filter(agency__in=Agency.objects.where_member(user))
    return nominations


@flagship_page
@require_safe
def nomination_list(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    reviewer, administrator = rules.is_reviewer(user), rules.is_administrator(user)
    tabs = ff.queues(reviewer=reviewer, administrator=administrator)
    # The default tab is what waits for this person; an unknown value falls back to it.
    queue = request.GET.get("antrian", "")
    if queue not in tabs:
        queue = tabs[0]
    form = ff.NominationFilters(request.GET)
    values = valid_filters(form)
    visible = Nomination.objects.visible_to(user)
    nominations = in_queue(visible, user, queue)
    if "status" in values:
        nominations = nominations.filter(state=values["status"])
    if "q" in values:
        nominations = nominations.filter(product__name__icontains=values["q"])
    scored = with_assessments(nominations.select_related("product__business", "agency"))
    page = CappedPaginator(scored, PER_PAGE).get_page(request.GET.get("page"))
    waiting = {
        ff.QUEUE_REVIEW: visible.awaiting_review(user).count() if reviewer else 0,
        ff.QUEUE_DECISION: visible.awaiting_decision(user).count() if administrator else 0,
    }
    context = {
        "form": form,
        "page": page,
        "rows": list(page.object_list),
        "filtered": bool(values),
        "queue": queue,
        "tabs": [
            {"key": key, "label": ff.QUEUE_LABELS[key], "waiting": waiting.get(key, 0)}
            for key in tabs
        ],
        "nominates": rules.editing_agencies(user).exists(),
    }
    return render(request, "workspace/flagship/nomination_list.html", context)


# Nominating ------------------------------------------------------------------------------------


def nominable_products(user: "User", query: str) -> ProductQuerySet:
    """Published products the user's agencies curate, without a nomination under way."""
    products = (
        Product.objects.published()
        .curated_by(rules.editing_agencies(user))
        .exclude(pk__in=Nomination.objects.open().values("product_id"))
    )
    if query:
        products = products.filter(name__icontains=query)
    return products.select_related("business", "owner_agency").order_by("name", "pk")


def choose_product(request: SignedInHttpRequest) -> HttpResponse:
    form = ff.ProductSearch(request.GET)
    query = valid_filters(form).get("q", "")
    page = CappedPaginator(nominable_products(request.user, query), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"search": form["q"], "page": page, "query": query}
    return render(request, "workspace/flagship/nomination_choose.html", context)


@flagship_page
@require_http_methods(["GET", "HEAD", "POST"])
def nomination_create(request: SignedInHttpRequest) -> HttpResponse:
    user = request.user
    slug = request.GET.get("produk", "").strip()
    if not slug:
        if request.method == "POST":
            raise Http404
        return choose_product(request)
    product = get_object_or_404(
        Product.objects.visible_to(user).select_related("business", "category"), slug=slug
    )
    if request.method != "POST":
        require(
            rules.can_nominate(user, product),
            _("None of your agencies curates this published product."),
        )
        return create_page(request, product, nomination_form(user, product))
    form = nomination_form(user, product, request.POST)
    try:
        workflow.check_nominate(product, user)
        if not form.is_valid():
            return create_page(request, product, form, status=400)
        nomination = workflow.nominate(product=product, by=user, **form.cleaned_data)
    except NotAllowedNow as error:
        messages.error(request, first_message(error))
        return redirect(request.get_full_path())
    except ValidationError as error:
        ff.show_errors(form, error)
        return create_page(request, product, form, status=400)
    messages.success(request, _("Nomination saved as a draft. Submit it when it is complete."))
    return redirect("workspace-nomination", pk=nomination.pk)


def nomination_form(
    user: "User", product: Product, data: QueryDict | None = None
) -> ff.NominationForm:
    return ff.NominationForm(data, agencies=list(rules.nominating_agencies(user, product)))


def create_page(
    request: SignedInHttpRequest, product: Product, form: ff.NominationForm, status: int = 200
) -> HttpResponse:
    under_way = Nomination.objects.visible_to(request.user).open().filter(product=product).first()
    context = {"product": product, "form": form, "under_way": under_way}
    return render(request, "workspace/flagship/nomination_create.html", context, status=status)


# One nomination --------------------------------------------------------------------------------


def dossier(user: "User", pk: int) -> "ScoredNomination":
    """The nomination with everything its pages show, in a fixed number of queries."""
    events = NominationEvent.objects.select_related("actor", "agency")
    certificates = Certificate.objects.valid().select_related("verified_by")
    nominations = (
        Nomination.objects.visible_to(user)
        .select_related(
            "product__business__region",
            "product__category",
            "agency",
            "submitted_by",
            "designation__approved_by",
            "designation__revoked_by",
        )
        .prefetch_related(
            Prefetch("events", queryset=events),
            "product__images",
            Prefetch("product__certificates", queryset=certificates, to_attr="valid_certificates"),
        )
    )
    return get_object_or_404(with_assessments(nominations), pk=pk)


def score_table(
    assessments: Iterable[Assessment], criteria: Iterable[Criterion]
) -> list[tuple[Criterion, list[int | None]]]:
    """Rows of (criterion, [score of each assessor]) over the active criteria and any other
    criterion someone scored; the header is the assessors."""
    scored = {score.criterion for a in assessments for score in a.scores.all()}
    columns = sorted({*criteria, *scored}, key=lambda c: (c.order, c.code))
    by_assessor = [{s.criterion_id: s.score for s in a.scores.all()} for a in assessments]
    return [(c, [scores.get(c.pk) for scores in by_assessor]) for c in columns]


def business_evidence(business: Business) -> dict[str, Any]:
    """What the apps above the catalogue know of the nominated business (`catalog.evidence`:
    its stage coverage and latest support), with the dates the providers give as ISO text
    read back as dates for the templates."""
    found = evidence.for_business(business)
    if "latest_support" in found:
        found["latest_support"] = [
            {
                **item,
                "date": parse_date(item["date"]) if isinstance(item["date"], str) else item["date"],
            }
            for item in found["latest_support"]
        ]
    return found


def person(user: "User") -> str:
    return user.get_full_name() or user.username


def told(event: NominationEvent) -> str:
    """The event as a sentence: who did what (the timeline shows no state codes)."""
    who = person(event.actor)
    if event.agency:
        who = f"{who} ({event.agency.short_name})"
    sentence = TIMELINE.get(event.action)
    return str(sentence) % {"who": who} if sentence else f"{who}: {event.get_action_display()}"


def summary(nomination: "ScoredNomination", criteria: Iterable[Criterion]) -> dict[str, Any]:
    assessments = list(nomination.assessments.all())
    events = list(nomination.events.all())
    for event in events:
        event.sentence = told(event)  # type: ignore[attr-defined]
    return {
        "evidence": business_evidence(nomination.product.business),
        "nomination": nomination,
        "product": nomination.product,
        "images": list(nomination.product.images.all()),
        "designation": getattr(nomination, "designation", None),
        "has_record": nomination.submitted_at is not None,
        "events": events,
        "assessments": assessments,
        "score_rows": score_table(assessments, criteria),
        "total": nomination.mean_score,
    }


def panels(
    nomination: Nomination,
    user: "User",
    criteria: Iterable[Criterion],
    assessments: Iterable[Assessment],
    bound: Mapping[str, ff.FlagshipForm],
) -> list[dict[str, Any]]:
    """The forms this user may use now: the transitions the model offers them in this state
    (the same permission functions the workflow checks); the workflow still decides."""
    available = {t.name for t in nomination.get_available_user_state_transitions(user)}
    found: list[tuple[str, ff.FlagshipForm]] = []
    # Where the error summary at the top of the page sends a person for an error about no field
    # of the form: the form's own panel, but the first criterion still to score for recommending
    # before the rubric is complete.
    targets: dict[str, str] = {}
    if Action.SUBMIT in available:  # the nominating agency, on a draft
        found.append(("draft", ff.DraftForm(nomination=nomination)))
    if Action.RECOMMEND in available:  # a reviewer who may assess, on a submitted nomination
        mine = next((a for a in assessments if a.reviewer_id == user.pk), None)
        previous = None
        scores: dict[str, int] = {}
        if mine is not None:
            scores = {s.criterion.code: s.score for s in mine.scores.all()}
            previous = {"scores": scores, "comment": mine.comment}
        score_form = ff.ScoreForm(criteria=criteria, previous=previous)
        found.append(("assess", score_form))
        unscored = [c for c in score_form.criteria if c.code not in scores]
        if unscored:
            field = score_form[ff.SCORE_PREFIX + unscored[0].code]
            targets[Action.RECOMMEND] = f"{field.auto_id}_0"  # its first radio button
    for action in workflow.TRANSITIONS:
        if action in available:
            found.append((action, step_form(action)))
    return [
        {
            "key": key,
            "form": bound.get(key, form),
            "step": ff.STEP_TEXTS[key],
            "url": panel_url(nomination, key),
            "error_target": targets.get(key, f"panel-{key}"),
        }
        for key, form in found
    ]


def panel_url(nomination: Nomination, key: str) -> str:
    if key == "draft":
        return reverse("workspace-nomination-update", args=[nomination.pk])
    if key == "assess":
        return reverse("workspace-nomination-assess", args=[nomination.pk])
    return reverse("workspace-nomination-act", args=[nomination.pk, key.replace("_", "-")])


def detail_page(
    request: SignedInHttpRequest,
    pk: int,
    bound: Mapping[str, ff.FlagshipForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    nomination = dossier(request.user, pk)
    criteria = list(Criterion.objects.active())
    context = summary(nomination, criteria)
    context["panels"] = panels(
        nomination, request.user, criteria, context["assessments"], bound or {}
    )
    return render(request, "workspace/flagship/nomination_detail.html", context, status=status)


@flagship_page
@require_safe
def nomination_detail(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, pk)


# Posting to the workflow -----------------------------------------------------------------------


def visible_nomination(request: SignedInHttpRequest, pk: int) -> Nomination:
    return get_object_or_404(Nomination.objects.visible_to(request.user), pk=pk)


def step_form(
    action: str, data: QueryDict | None = None, files: MultiValueDict[str, Any] | None = None
) -> ff.StepForm:
    if action == Action.APPROVE:
        return ff.ApproveForm(data, files)
    return ff.StepForm(data, action=action)


def run(
    request: SignedInHttpRequest,
    nomination: Nomination,
    action: str,
    form: ff.FlagshipForm,
    step: Callable[[], object],
    *,
    done: "StrOrPromise",
) -> HttpResponse:
    """Check that `action` is the user's now, read `form`, then call `step`; answer as the
    module docstring says."""
    try:
        workflow.check(nomination, request.user, action)
        if not form.is_valid():
            return detail_page(request, nomination.pk, bound={form.form_id: form}, status=400)
        step()
    except NotAllowedNow as error:
        messages.error(request, first_message(error))
    except ValidationError as error:
        ff.show_errors(form, error)
        return detail_page(request, nomination.pk, bound={form.form_id: form}, status=400)
    else:
        messages.success(request, done)
    return redirect("workspace-nomination", pk=nomination.pk)


@flagship_page
@require_POST
def nomination_update(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    nomination = visible_nomination(request, pk)
    form = ff.DraftForm(request.POST, nomination=nomination)
    return run(
        request,
        nomination,
        workflow.EDIT,
        form,
        lambda: workflow.update_draft(nomination=nomination, by=request.user, **form.cleaned_data),
        done=ff.STEP_TEXTS["draft"].done,
    )


@flagship_page
@require_POST
def nomination_assess(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    nomination = visible_nomination(request, pk)
    form = ff.ScoreForm(request.POST, criteria=Criterion.objects.active())
    return run(
        request,
        nomination,
        workflow.ASSESS,
        form,
        lambda: workflow.assess(
            nomination=nomination,
            by=request.user,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
        ),
        done=ff.STEP_TEXTS["assess"].done,
    )


@flagship_page
@require_POST
def nomination_act(request: SignedInHttpRequest, pk: int, action: str) -> HttpResponse:
    action = action.replace("-", "_")
    if action not in workflow.TRANSITIONS:
        raise Http404
    nomination = visible_nomination(request, pk)
    form = step_form(action, request.POST, request.FILES)
    return run(
        request,
        nomination,
        action,
        form,
        lambda: workflow.act(
            nomination=nomination, by=request.user, action=action, **form.cleaned_data
        ),
        done=ff.STEP_TEXTS[action].done,
    )
