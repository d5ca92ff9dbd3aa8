"""Agencies working on one product together: invite, accept, decline, end (docs/architecture.md §1,
§4)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from catalog import notify, rules
from catalog.models import Collaboration, Product
from umkm_portal.services import NotAllowedNow, require

C = Collaboration.Status


@transaction.atomic
def invite(*, product: Product, by, agency: Agency, note: str = "") -> Collaboration:
    """The owner agency invites `agency` to co-curate; its managers are told by e-mail."""
    require(rules.can_manage_product(by, product))
    live = product.collaborations.filter(agency=agency, status__in=Collaboration.LIVE_STATUSES)
    if live.exists():
        raise NotAllowedNow(_("This agency is already invited or co-curating."))
    if agency.pk == product.owner_agency_id:
        raise ValidationError({"agency": _("The curating agency cannot invite itself.")})
    if len(note) > 300:
        raise ValidationError({"note": _("At most 300 characters.")})
    try:
        with transaction.atomic():
            collaboration = Collaboration.objects.create(
                product=product, agency=agency, note=note, invited_by=by
            )
    except IntegrityError as error:  # the same invitation at the same moment
        raise NotAllowedNow(_("This agency is already invited or co-curating.")) from error
    notify.collaboration_invited(collaboration)
    return collaboration


def _answer(collaboration: Collaboration, by, status: str) -> Collaboration:
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    require(rules.can_answer_collaboration(by, collaboration))
    if collaboration.status != C.PENDING:
        raise NotAllowedNow(_("This invitation has been answered already."))
    collaboration.status = status
    collaboration.answered_by, collaboration.answered_at = by, timezone.now()
    collaboration.save()
    notify.collaboration_answered(collaboration)
    return collaboration


@transaction.atomic
def accept_collaboration(*, collaboration: Collaboration, by) -> Collaboration:
    """A manager of the invited agency accepts: its editors may now edit the product."""
    return _answer(collaboration, by, C.ACCEPTED)


@transaction.atomic
def decline_collaboration(*, collaboration: Collaboration, by) -> Collaboration:
    return _answer(collaboration, by, C.DECLINED)


@transaction.atomic
def end_collaboration(*, collaboration: Collaboration, by) -> Collaboration:
    """The owner agency ends a collaboration (or withdraws an invitation); the row stays."""
    collaboration = Collaboration.objects.select_for_update().get(pk=collaboration.pk)
    require(rules.can_manage_product(by, collaboration.product))
    if collaboration.status not in Collaboration.LIVE_STATUSES:
        raise NotAllowedNow(_("This collaboration has ended already."))
    collaboration.status = C.ENDED
    collaboration.ended_by, collaboration.ended_at = by, timezone.now()
    collaboration.save()
    return collaboration
