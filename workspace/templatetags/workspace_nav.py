"""`{% partner_only as only %}`: whether the signed-in person is a partner's staff only, for the
workspace navigation to offer them only what they may do (workspace.partner_staff: read from
the session, no query)."""

from typing import Any

from django import template

from workspace.partner_staff import partner_only as reads_partner_only

register = template.Library()


@register.simple_tag(takes_context=True)
def partner_only(context: dict[str, Any]) -> bool:
    request = context.get("request")
    return request is not None and reads_partner_only(request)
