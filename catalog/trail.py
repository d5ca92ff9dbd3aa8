"""A product's public curation trail: who registered it, who co-curates it, when it was
nominated, assessed and designated (docs/architecture.md §3). Internal steps (drafts, requested
changes, rejections) stay in the workspace."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from catalog.models import Collaboration, NominationEvent, Product

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

Action = NominationEvent.Action
#: Keyed by the action's value, as an event stores it.
PUBLIC_EVENTS: dict[str, "StrPromise"] = {
    Action.SUBMIT: _("Nominated as a flagship product by %(agency)s"),
    Action.RECOMMEND: _("Assessed and recommended by %(agency)s"),
    Action.APPROVE: _("Designated a flagship product by the provincial government"),
}


@dataclass(frozen=True)
class TrailEntry:
    when: datetime
    text: str
    note: str = ""


def curation_trail(
    product: Product, accepted_collaborations: Iterable[Collaboration]
) -> list[TrailEntry]:
    entries = [
        TrailEntry(
            product.created_at,
            _("Registered by %(agency)s") % {"agency": product.owner_agency.name},
        )
    ]
    for collaboration in accepted_collaborations:
        entries.append(
            TrailEntry(
                collaboration.answered_at or collaboration.invited_at,
                _("Co-curated by %(agency)s") % {"agency": collaboration.agency.name},
                collaboration.note,
            )
        )
    events = NominationEvent.objects.filter(
        nomination__product=product, action__in=PUBLIC_EVENTS
    ).select_related("agency", "nomination__agency")
    for event in events:
        agency = event.agency or event.nomination.agency
        text = PUBLIC_EVENTS[event.action] % {"agency": agency.name if agency else ""}
        entries.append(TrailEntry(event.created_at, text))
    return sorted(entries, key=lambda entry: entry.when)
