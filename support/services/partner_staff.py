"""A partner's staff, invited by the managers of an agreement's lead agency by e-mail as they
invite their own members (DESIGN §8 "Partner accounts"): the same account without a password and
the same single-use link (agencies.services); accepting it — setting the password — lets them
sign in as the partner's staff. The workspace's members page calls these."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from agencies.services import invited_account, send_invitation
from support import rules
from support.models import Agreement, AgreementParty, PartnerMembership
from umkm_portal.services import NotAllowedNow, require


def invitable_parties(agency: Agency) -> "QuerySet[AgreementParty]":
    """The partners' places in the agreements `agency` leads, except terminated ones: whom its
    managers may invite staff for."""
    return (
        AgreementParty.objects.filter(
            partner__isnull=False,
            agreement__lead_agency=agency,
            partner__is_active=True,
        )
        .exclude(agreement__status=Agreement.Status.TERMINATED)
        .select_related("partner", "agreement")
        .order_by("partner__name", "-agreement__valid_from", "agreement__title")
    )


@transaction.atomic
def invite_partner_staff(
    *, party: AgreementParty, by: Any, email: str, request: HttpRequest | None = None
) -> PartnerMembership:
    """`party`'s partner gains a staff member: the account with `email` (a new one without a
    password, which the e-mailed link lets them set). 403 unless `by` manages the agreement
    (a manager of its lead agency, or an administrator); 409 for a terminated agreement or an
    inactive partner, or someone already on the partner's staff; 400 for a bad address."""
    agreement = party.agreement
    require(party.partner_id is not None and rules.can_manage_agreement(by, agreement))
    partner = party.partner
    assert partner is not None
    if agreement.status == Agreement.Status.TERMINATED or not partner.is_active:
        raise NotAllowedNow(
            _("No one is invited under a terminated agreement or for an inactive partner.")
        )
    if not (email or "").strip():
        raise ValidationError({"email": _("Enter a valid e-mail address.")})
    user = invited_account(email)
    membership, created = PartnerMembership.objects.get_or_create(user=user, partner=partner)
    if not created:
        raise NotAllowedNow(_("This person is on the partner's staff already."))
    send_invitation(
        user=user, by=by, where=partner.name, role=gettext_lazy("partner staff"), request=request
    )
    return membership
