"""The administrators' audit page: who did what and when, across products, businesses,
memberships, nominations and the admin — one timeline, newest first."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from heapq import merge
from typing import TYPE_CHECKING, Any

from django.contrib.admin.models import LogEntry
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from agencies.models import Membership
from catalog import rules
from catalog.models import Business, Nomination, NominationEvent, Product
from umkm_portal.signed_in import SignedInHttpRequest

from .helpers import refuse_unless, workspace_page

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: Rows read from each source: the page shows the most recent ones, never a whole history.
PER_SOURCE = 100
SHOWN = 100
HISTORY_TYPES = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
KINDS = {
    "produk": _("Products"),
    "umkm": _("Businesses"),
    "anggota": _("Memberships"),
    "usulan": _("Nominations"),
    "admin": _("Admin"),
}


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    kind: str
    who: str
    what: str
    detail: str = ""


def _username(user: "User | None") -> str:
    return user.username if user is not None else "—"


def _history(
    model: type[Product | Business | Membership],
    kind: str,
    username: str,
    describe: Callable[[Any], str],
) -> Iterator[AuditEntry]:
    records = model.history.select_related("history_user").order_by("-history_date")
    if username:
        records = records.filter(history_user__username=username)
    for record in records[:PER_SOURCE]:
        yield AuditEntry(
            record.history_date, kind, _username(record.history_user), describe(record),
            str(HISTORY_TYPES.get(record.history_type, record.history_type)),
        )  # fmt: skip


def _events(username: str) -> Iterator[AuditEntry]:
    events = NominationEvent.objects.select_related("actor", "nomination__product").order_by(
        "-created_at"
    )
    if username:
        events = events.filter(actor__username=username)
    for event in events[:PER_SOURCE]:
        yield AuditEntry(
            event.created_at, "usulan", event.actor.username,
            f"{event.nomination.product.name} (#{event.nomination_id})",
            step_in_words(event),
        )  # fmt: skip


def step_in_words(event: NominationEvent) -> str:
    """“Meminta perbaikan: Diajukan → Perlu perbaikan”: the step and the states as the timeline
    and the mails name them, never their internal codes."""
    states = dict(Nomination.State.choices)
    action = event.get_action_display()
    return f"{action}: {states.get(event.from_state, '–')} → {states.get(event.to_state, '')}"


def _admin(username: str) -> Iterator[AuditEntry]:
    entries = LogEntry.objects.select_related("user").order_by("-action_time")
    if username:
        entries = entries.filter(user__username=username)
    for entry in entries[:PER_SOURCE]:
        yield AuditEntry(
            entry.action_time, "admin", entry.user.username, entry.object_repr,
            entry.get_change_message(),
        )  # fmt: skip


@workspace_page
def audit_log(request: SignedInHttpRequest) -> HttpResponse:
    refuse_unless(rules.is_administrator(request.user))
    kind = request.GET.get("jenis", "")
    username = request.GET.get("pengguna", "").strip()[:150]
    sources = {
        "produk": lambda: _history(Product, "produk", username, lambda r: r.name),
        "umkm": lambda: _history(Business, "umkm", username, lambda r: r.name),
        "anggota": lambda: _history(
            Membership,
            "anggota",
            username,
            lambda r: f"{_username(r.user)} · {r.agency} · {r.get_role_display()}",
        ),
        "usulan": lambda: _events(username),
        "admin": lambda: _admin(username),
    }
    chosen = [source() for name, source in sources.items() if kind in ("", name)]
    timeline = list(merge(*chosen, key=lambda entry: entry.when, reverse=True))[:SHOWN]
    # The kind column in words ("Nominations"), as the filter above it names it.
    timeline = [replace(entry, kind=str(KINDS[entry.kind])) for entry in timeline]
    context = {"entries": timeline, "kinds": KINDS, "kind": kind, "username": username}
    return render(request, "workspace/audit.html", context)
