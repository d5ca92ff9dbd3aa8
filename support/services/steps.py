"""The machinery of a workflow whose objects move by named steps, each allowed from some states
to one state by a rule of `support.rules` (referrals, monitoring reports): which steps a person
may take now (the buttons a page shows, the actions an API answer lists) and the check before
one, in the API's order — 403 when the person may not take the step at all, then 409 when the
object's state does not allow it now."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from umkm_portal.services import NotAllowedNow, require

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

    StrOrPromise = str | _StrPromise


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    allowed: Callable[..., bool]
    label: "StrOrPromise"
    #: The step says why (a note or a comment is required).
    says_why: bool = False


def allowed_steps(steps: Mapping[str, Step], obj: Any, user: Any) -> list[str]:
    return [
        name
        for name, step in steps.items()
        if obj.status in step.sources and step.allowed(user, obj)
    ]


def check(steps: Mapping[str, Step], obj: Any, user: Any, action: str, refused: str) -> Step:
    """`refused`: the 409's message, with `%(status)s` for the object's state in words."""
    step = steps[action]
    require(step.allowed(user, obj))
    if obj.status not in step.sources:
        raise NotAllowedNow(refused % {"status": obj.get_status_display().lower()})
    return step
