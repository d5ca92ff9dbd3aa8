"""/ruang-kerja/usulan/<pk>/berita-acara/: the assessment record (Berita Acara Penilaian) of a
nomination, made to be printed: the letterhead of the assessing agency, what was assessed and
decided, place and date, and a signature block with name and NIP for each signer."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agencies.models import Agency, StaffProfile
from catalog.models import Assessment, Criterion, NominationEvent
from catalog.workflow import Action
from umkm_portal.signed_in import SignedInHttpRequest
from workspace.views.nominations import dossier, flagship_page, person, summary

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import StrOrPromise

#: Events that decide the fate of a nomination, shown as "the decision" on the record.
DECISIONS = (Action.RECOMMEND, Action.REJECT, Action.APPROVE, Action.DECLINE, Action.REVOKE)

#: Where the assessment record is made: the seat of the provincial government.
RECORD_PLACE = "Pangkalpinang"


def signers(
    assessments: Iterable[Assessment], decisions: list[NominationEvent]
) -> list[dict[str, Any]]:
    """Who signs the record, with their NIP: each assessor, then the administrator who took
    the decision (approved or declined), if one has been taken."""
    people: list[tuple[User, Agency | None, StrOrPromise]] = [
        (assessment.reviewer, assessment.agency, _("Assessor")) for assessment in assessments
    ]
    decided = [e for e in decisions if e.action in (Action.APPROVE, Action.DECLINE)]
    if decided:
        people.append((decided[-1].actor, decided[-1].agency, _("Provincial administrator")))
    nips = StaffProfile.objects.nips_of([user for user, _agency, _role in people])
    return [
        {"role": role, "name": person(user), "agency": agency, "nip": nips.get(user.pk, "")}
        for user, agency, role in people
    ]


@flagship_page
@require_safe
def nomination_record(request: SignedInHttpRequest, pk: int) -> HttpResponse:
    """The printable assessment record (Berita Acara Penilaian): letterhead, what was assessed
    and decided, place and date, and a signature block for each signer. A nomination never
    submitted has nothing to record: its address sends back to the nomination."""
    nomination = dossier(request.user, pk)
    context = summary(nomination, list(Criterion.objects.active()))
    if not context["has_record"]:
        messages.info(
            request, _("The assessment record exists once the nomination has been submitted.")
        )
        return redirect("workspace-nomination", pk=nomination.pk)
    decisions = [e for e in context["events"] if e.action in DECISIONS]
    assessments = context["assessments"]
    # The letterhead is the assessing agency's (the leading sector), else the nominator's.
    issuer = assessments[0].agency if assessments else nomination.agency
    context.update(
        decisions=decisions,
        issuer=issuer,
        place=RECORD_PLACE,
        dated=timezone.localdate(decisions[-1].created_at) if decisions else timezone.localdate(),
        signers=signers(assessments, decisions),
    )
    return render(request, "workspace/flagship/nomination_record.html", context)
