"""The workspace navigation: `{% workspace_menu as menu %}` gives its links, each with the
address, the label (the same words as the page's title and heading) and whether it is the page
shown (`aria-current="page"`) or the section it belongs to (`aria-current="true"`);
`{% partner_only as only %}` tells whether the signed-in person is a partner's staff only, for
the navigation to offer them only what they may do (workspace.partner_staff: read from the
session, no query)."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Membership, Role
from agencies.rules import is_administrator
from workspace.partner_staff import partner_only as reads_partner_only

register = template.Library()

#: (URL name, label), in the order of the menu. The labels are the pages' own titles.
PARTNER_LINKS = [
    ("workspace-agreements", gettext_lazy("Agreements")),
    ("workspace-activities", gettext_lazy("Activities")),
    ("workspace-services", gettext_lazy("Services")),
]
AGENCY_LINKS = [
    ("workspace-products", gettext_lazy("Products")),
    ("workspace-businesses", gettext_lazy("Businesses")),
    ("workspace-collaborations", gettext_lazy("Collaborations")),
    ("workspace-nominations", gettext_lazy("Flagship nominations")),
    ("workspace-designations", gettext_lazy("Flagship designations")),
    ("workspace-support-dashboard", gettext_lazy("Development dashboard")),
    ("workspace-agreements", gettext_lazy("Agreements")),
    ("workspace-activities", gettext_lazy("Activities")),
    ("workspace-services", gettext_lazy("Services")),
    ("workspace-referrals", gettext_lazy("Referrals")),
    ("workspace-statistics", gettext_lazy("Statistics")),
]


@dataclass
class Link:
    name: str
    href: str
    label: str
    current: str = ""  # "page", "true" (a page of its section) or ""


@register.simple_tag(takes_context=True)
def partner_only(context: dict[str, Any]) -> bool:
    request = context.get("request")
    return request is not None and reads_partner_only(request)


def mark_current(links: list[Link], path: str) -> None:
    """The link to this very page is "page"; else the link whose address is the longest start of
    this one marks its section ("true"). The workspace's first page marks only itself."""
    root = reverse("workspace")
    for link in links:
        if link.href == path:
            link.current = "page"
            return
    sections = [link for link in links if link.href != root and path.startswith(link.href)]
    if sections:
        max(sections, key=lambda link: len(link.href)).current = "true"


@register.simple_tag(takes_context=True)
def workspace_menu(context: dict[str, Any]) -> dict[str, Any]:
    """{"links": [...], "account": [...], "current": the label of the current link or None}.

    A manager finds their agencies' members here (one link per agency they manage)."""
    request = context["request"]
    user = request.user
    links = [Link("workspace", reverse("workspace"), _("My tasks"))]
    links.append(
        Link("workspace-notifications", reverse("workspace-notifications"), _("Notifications"))
    )
    partner = reads_partner_only(request)
    links += [
        Link(name, reverse(name), str(label))
        for name, label in (PARTNER_LINKS if partner else AGENCY_LINKS)
    ]
    if not partner and is_administrator(user):
        links.append(Link("workspace-audit", reverse("workspace-audit"), _("Audit trail")))
    managed = (
        Membership.objects.filter(user=user, role=Role.MANAGER)
        .select_related("agency")
        .order_by("agency__name")
    )
    for membership in managed:
        links.append(
            Link(
                "workspace-members",
                reverse("workspace-members", args=[membership.agency.slug]),
                _("Members of %(agency)s") % {"agency": membership.agency.short_name},
            )
        )
    account = [Link("workspace-profile", reverse("workspace-profile"), _("My profile"))]
    mark_current(links + account, request.path)
    here = next((link.label for link in links + account if link.current), None)
    return {"links": links, "account": account, "current": here}
