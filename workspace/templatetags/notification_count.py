"""`{% unread_notifications as unread %}`: how many of the signed-in person's notifications are
unread, for the workspace navigation's badge. One query per request, however many templates ask
(the answer is kept on the request), and a bounded one: it counts at most `CAP` + 1 rows, so a
person who never reads their notifications does not make every page count them all."""

from typing import Any

from django import template

from notifications.models import Notification

register = template.Library()

#: The badge shows up to this many; beyond, "99+".
CAP = 99
_KEPT = "_unread_notifications"


@register.simple_tag(takes_context=True)
def unread_notifications(context: dict[str, Any]) -> int:
    """Unread notifications of the person signed in, up to CAP + 1 (0 for nobody)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not (user and user.is_authenticated):
        return 0
    if not hasattr(request, _KEPT):
        unread = Notification.objects.of(user).unread()
        setattr(request, _KEPT, unread[: CAP + 1].count())
    return getattr(request, _KEPT)


@register.filter
def capped(count: int) -> str:
    """The badge's figure: "99+" beyond the cap."""
    return f"{CAP}+" if count > CAP else str(count)
