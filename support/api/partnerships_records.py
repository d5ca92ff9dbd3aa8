"""Records made under an agreement through `services/` and `activities/` (DESIGN §8 partner
accounts): the agreement a create names by id, and the partner a service is given as.

The agreement must be one the user may see (404 otherwise, as for any object: a draft of
another partner's is as unknown as a missing id); whether they may record under it — a partner's
staff only under their partner's agreement while it is active or expiring — is
`support.rules`' to say (403). What the record itself must satisfy (given by a party of the
agreement, within its term) stays with `support.services` (400).
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework.request import Request

from catalog.api.base import payload
from support import rules
from support.models import Agreement, Partner

#: The largest id a database key holds; anything larger names nothing (404, not a 500).
LARGEST_ID = 2**63 - 1


def named_agreement(request: Request, field: str = "agreement") -> Agreement | None:
    """The agreement the body names in `field` by id, among those the user may see (404);
    None when left out. A value that is no id is a 400."""
    value = payload(request).get(field)
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise ValidationError({field: _("An agreement is named by its id, a whole number.")})
    number = int(value)
    if number > LARGEST_ID:
        number = 0  # no row has it
    return get_object_or_404(Agreement.objects.visible_to(request.user), pk=number)


def acting_partner(request: Request, agreement: Agreement | None) -> Partner | None:
    """The partner a service is given as: the one named in `partner` (by slug; unknown: 400),
    or — when the body names no agency and the user edits for none — the only partner they act
    for. None: the service is given as an agency."""
    body = payload(request)
    slug = body.get("partner")
    user = request.user
    if slug in (None, ""):
        if body.get("agency") not in (None, "") or rules.editing_agencies(user).exists():
            return None
        mine = list(rules.member_partners(user)[:2])
        if not mine:
            return None  # the agency path answers (403 or 400)
        if len(mine) > 1:
            raise ValidationError({"partner": _("Choose the partner you act for.")})
        partner = mine[0]
    else:
        if body.get("agency") not in (None, ""):
            raise ValidationError({"agency": _("Give the service as an agency or as a partner.")})
        found = None
        if isinstance(slug, str) and "\x00" not in slug and len(slug) <= 80:
            found = Partner.objects.filter(slug=slug).first()
        if found is None:
            raise ValidationError({"partner": _("Unknown partner.")})
        partner = found
    if agreement is None:
        raise ValidationError(
            {"agreement": _("A partner records its help under one of its agreements.")}
        )
    return partner
