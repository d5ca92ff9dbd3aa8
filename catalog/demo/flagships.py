"""Demo nominations in every state of the workflow, with their assessments, events and
designations (current, expired and revoked), so every queue and flagship page has content.

The demo writes the history it needs directly (backdated), the way an import of past decisions
would; live transitions go through the workflow functions."""

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from agencies.models import Agency
from catalog.models import (
    Assessment,
    AssessmentScore,
    Criterion,
    Designation,
    Nomination,
    NominationEvent,
    Product,
)
from catalog.models.base import today

if TYPE_CHECKING:
    from django.contrib.auth.models import User

S = Nomination.State
A = NominationEvent.Action
D = Designation.Status
ASSESS = "assess"  # a step of a path that is no event: the reviewer scores the rubric

# (nominating agency, preferred word in the product's slug, path, designation, reviewer)
SCENARIOS = [
    ("dinas-pertanian", "lada-putih", "approved_after_changes", D.CURRENT, "koperasi.reviewer"),
    ("dinas-kelautan-perikanan", "terasi", "approved", D.CURRENT, "disperindag.reviewer"),
    ("dinas-koperasi-ukm", "jahe-merah", "approved", D.CURRENT, "disperindag.reviewer"),
    ("dinas-kelautan-perikanan", "kemplang", "approved", D.EXPIRED, "koperasi.reviewer"),
    ("dinas-pertanian", "nanas", "approved", D.REVOKED, "disperindag.reviewer"),
    ("dinas-koperasi-ukm", "", "recommended", None, "koperasi.reviewer"),
    ("dinas-pertanian", "madu", "recommended", None, "disperindag.reviewer"),
    ("dinas-kelautan-perikanan", "rusip", "submitted", None, "koperasi.reviewer"),
    ("dinas-koperasi-ukm", "", "submitted", None, "disperindag.reviewer"),
    ("dinas-pertanian", "kopi", "changes_requested", None, "koperasi.reviewer"),
    ("dinas-kelautan-perikanan", "", "rejected", None, "disperindag.reviewer"),
    ("dinas-koperasi-ukm", "", "declined", None, "koperasi.reviewer"),
    ("dinas-pertanian", "", "withdrawn", None, "koperasi.reviewer"),
    ("dinas-kelautan-perikanan", "", "draft", None, "disperindag.reviewer"),
]

#: The product word of the designation that ends within 90 days, so the demo has one due for
#: re-evaluation (notifications.reminders); the other current ones run for months yet.
ENDING_SOON = ("terasi", 60)

NOMINATORS = {
    "dinas-pertanian": "pertanian.editor",
    "dinas-kelautan-perikanan": "perikanan.editor",
    "dinas-koperasi-ukm": "koperasi.editor",
}

COMMENTS = {
    A.REQUEST_CHANGES: "Mohon lengkapi foto kemasan terbaru dan nomor P-IRT yang masih berlaku.",
    A.RESUBMIT: "Foto kemasan dan sertifikat sudah diperbarui.",
    A.RECOMMEND: "Memenuhi seluruh kriteria; layak ditetapkan sebagai produk unggulan.",
    A.REJECT: "Kapasitas produksi belum stabil dan bahan baku sebagian dari luar daerah.",
    A.DECLINE: "Belum dapat ditetapkan tahun ini; usulkan kembali setelah izin edar terbit.",
    A.WITHDRAW: "Ditarik sementara: pelaku usaha sedang mengganti kemasan.",
    A.APPROVE: "Ditetapkan melalui Keputusan Gubernur.",
}

# Each path: the actions in order; the actor is the nominator, the reviewer or the administrator.
PATHS = {
    "draft": [],
    "submitted": [A.SUBMIT],
    "changes_requested": [A.SUBMIT, A.REQUEST_CHANGES],
    "recommended": [A.SUBMIT, ASSESS, A.RECOMMEND],
    "approved": [A.SUBMIT, ASSESS, A.RECOMMEND, A.APPROVE],
    "approved_after_changes": [
        A.SUBMIT,
        A.REQUEST_CHANGES,
        A.RESUBMIT,
        ASSESS,
        A.RECOMMEND,
        A.APPROVE,
    ],
    "rejected": [A.SUBMIT, A.REJECT],
    "declined": [A.SUBMIT, ASSESS, A.RECOMMEND, A.DECLINE],
    "withdrawn": [A.SUBMIT, A.WITHDRAW],
}
MOVES = {  # action: (from, to, who)
    A.SUBMIT: (S.DRAFT, S.SUBMITTED, "nominator"),
    A.REQUEST_CHANGES: (S.SUBMITTED, S.CHANGES_REQUESTED, "reviewer"),
    A.RESUBMIT: (S.CHANGES_REQUESTED, S.SUBMITTED, "nominator"),
    A.RECOMMEND: (S.SUBMITTED, S.RECOMMENDED, "reviewer"),
    A.REJECT: (S.SUBMITTED, S.REJECTED, "reviewer"),
    A.APPROVE: (S.RECOMMENDED, S.APPROVED, "admin"),
    A.DECLINE: (S.RECOMMENDED, S.REJECTED, "admin"),
    A.WITHDRAW: (S.SUBMITTED, S.WITHDRAWN, "nominator"),
}


def seed_flagships(users: dict[str, "User"]) -> None:
    used = set(Nomination.objects.values_list("product_id", flat=True))
    if used:
        return  # the demo's nominations exist already: leave them (and any real ones) alone
    for number, scenario in enumerate(SCENARIOS, start=1):
        agency_slug, word, path, designation, reviewer = scenario
        agency = Agency.objects.get(slug=agency_slug)
        product = _pick_product(agency, word, used)
        if product is None:
            continue
        used.add(product.pk)
        people = {
            "nominator": users[NOMINATORS[agency_slug]],
            "reviewer": users[reviewer],
            "admin": users["admin"],
        }
        ends_in = ENDING_SOON[1] if word == ENDING_SOON[0] else None
        _play(number, product, agency, PATHS[path], designation, people, ends_in)


def _pick_product(agency, word, used):
    products = (
        Product.objects.published()
        .curated_by(Agency.objects.filter(pk=agency.pk))
        .exclude(pk__in=used)
        .order_by("slug")
    )
    return (word and products.filter(slug__contains=word).first()) or products.first()


def _play(number, product, agency, actions, designation_kind, people, ends_in=None):
    # An expired designation was decided about two years ago; the rest within the last months.
    days_ago = 800 if designation_kind == D.EXPIRED else 150 - number * 7
    if ends_in is not None:  # decided a few weeks before its year began
        days_ago = 364 - ends_in + 40
    start = timezone.now() - timedelta(days=days_ago)
    nomination = Nomination.objects.create(
        product=product,
        agency=agency,
        justification=(
            f"{product.name} dibuat dari bahan baku lokal Bangka Belitung oleh "
            f"{product.business.name}, sudah dipasarkan rutin dan memiliki pelanggan tetap "
            "di luar daerah."
        ),
        evidence="Data penjualan 12 bulan terakhir dan dokumentasi kunjungan pendampingan.",
        created_by=people["nominator"],
    )
    created = NominationEvent.objects.create(
        nomination=nomination,
        action=A.NOMINATE,
        from_state="",
        to_state=S.DRAFT,
        actor=people["nominator"],
        agency=agency,
    )
    NominationEvent.objects.filter(pk=created.pk).update(created_at=start)
    state, when = S.DRAFT, start
    for action in actions:
        when += timedelta(days=4)
        if action == ASSESS:
            _assess(nomination, people["reviewer"], when)
            continue
        from_state, to_state, who = MOVES[action]
        actor = people[who]
        if action == A.SUBMIT:
            nomination.submitted_by, nomination.submitted_at = actor, when
        event = NominationEvent.objects.create(
            nomination=nomination,
            action=action,
            from_state=from_state,
            to_state=to_state,
            actor=actor,
            agency=_agency_of(actor),
            comment=COMMENTS.get(action, ""),
        )
        NominationEvent.objects.filter(pk=event.pk).update(created_at=when)
        state = to_state
        if action == A.APPROVE:
            _designate(number, nomination, actor, when, designation_kind, ends_in)
    # Past decisions are written as they were, not replayed through the transitions.
    nomination.save()
    Nomination.objects.filter(pk=nomination.pk).update(state=state, created_at=start)


def _agency_of(user):
    membership = user.memberships.select_related("agency").first()
    return membership.agency if membership else None


def _assess(nomination, reviewer, when):
    membership = reviewer.memberships.select_related("agency").get()
    assessment = Assessment.objects.create(
        nomination=nomination,
        reviewer=reviewer,
        agency=membership.agency,
        comment="Dinilai berdasarkan kunjungan lapangan dan dokumen yang dilampirkan.",
    )
    for criterion in Criterion.objects.active():
        digest = hashlib.sha256(f"{nomination.pk}:{criterion.code}".encode()).digest()
        AssessmentScore.objects.create(
            assessment=assessment, criterion=criterion, score=3 + digest[0] % 3
        )
    Assessment.objects.filter(pk=assessment.pk).update(created_at=when, updated_at=when)


def _designate(number, nomination, admin, when, kind, ends_in=None):
    day = today()
    if kind == D.EXPIRED:
        valid_from = timezone.localtime(when).date() + timedelta(days=14)
        valid_until = valid_from + timedelta(days=364)
    elif ends_in is not None:
        valid_until = day + timedelta(days=ends_in)
        valid_from = valid_until - timedelta(days=364)
    else:
        valid_from = day - timedelta(days=120)
        valid_until = valid_from + timedelta(days=364)
    designation = Designation.objects.create(
        product=nomination.product,
        nomination=nomination,
        year=valid_from.year,
        valid_from=valid_from,
        valid_until=valid_until,
        decree_number=f"188.44/{100 + number}/DKUKM/{valid_from.year}",
        approved_by=admin,
        approved_at=when,
    )
    if kind == D.REVOKED:
        designation.revoked_by = admin
        designation.revoked_at = timezone.now() - timedelta(days=20)
        designation.revocation_reason = (
            "Izin P-IRT tidak diperpanjang dan produksi terhenti lebih dari enam bulan."
        )
        designation.save()
