"""The rows of generated development records, as plain dicts (attname: value), in proportion to
the generated businesses: about one service per business a year, an activity for every thirty
businesses a year with about fifteen participants each, a referral for one business in eight a
year, a snapshot for one in three and a milestone for one in ten.

Everything comes from one `random.Random` seeded with the given seed and drawn in a fixed order,
every date from `anchor` (the start of the generating day), and ids are assigned here from the
given starting points: the same seed, businesses and day give the same rows.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Model

from catalog.demo.generator.vocabulary import FIRST_NAMES, LAST_NAMES, Weighted
from support.models import Activity, Milestone, Participation, Referral, Service, Snapshot
from support.models.stages import (
    STAGE_OF_ACTIVITY_KIND,
    STAGE_OF_MILESTONE_KIND,
    STAGE_OF_SERVICE_KIND,
)

ActivityStage = Activity.stages.through
ActivityCoOrganiser = Activity.co_organisers.through
MilestoneCredit = Milestone.credited_agencies.through
#: In the order they are written (a row's references first).
ACTIVITY_MODELS: tuple[type[Model], ...] = (
    Activity,
    ActivityStage,
    ActivityCoOrganiser,
    Participation,
)
RECORD_MODELS: tuple[type[Model], ...] = (Service, Referral, Snapshot, Milestone, MilestoneCredit)
MODELS = ACTIVITY_MODELS + RECORD_MODELS

YEAR_DAYS = 365
#: Activities are also planned up to this many days ahead.
AHEAD_DAYS = 60
BUSINESSES_PER_ACTIVITY = 30

SERVICES_A_YEAR = Weighted({0: 35, 1: 40, 2: 17, 3: 8})  # about one a year
SERVICE_KINDS = Weighted({
    "pendampingan": 30, "konsultasi": 25, "fasilitasi_perizinan": 12,
    "fasilitasi_sertifikasi": 12, "akses_pasar": 12, "akses_modal": 6, "lainnya": 3,
})  # fmt: skip
CAPITAL_BENEFITS = Weighted({"grant": 40, "loan": 35, "kur": 25})
PAST_OUTCOMES = Weighted({"done": 70, "in_progress": 12, "not_achieved": 18})
RECENT_OUTCOMES = Weighted({"in_progress": 60, "done": 40})
TARGET_CERTIFICATES = Weighted({"pirt": 45, "halal": 40, "bpom": 15})
ACTIVITY_KINDS = Weighted({
    "pelatihan": 30, "bimtek": 18, "pendampingan": 10, "kurasi": 8, "pameran": 10,
    "temu_bisnis": 6, "klinik": 8, "fasilitasi_sertifikasi": 6, "akses_modal": 4,
})  # fmt: skip
PAST_PARTICIPATION = Weighted({"completed": 45, "attended": 30, "absent": 15, "registered": 10})
REFERRAL_STATES = Weighted(
    {"completed": 40, "accepted": 20, "declined": 15, "cancelled": 5, "sent": 20}
)
MILESTONE_KINDS = Weighted({
    "nib": 25, "certificate": 25, "first_sale_online": 15, "modern_retail": 8, "ekatalog": 7,
    "export": 3, "capital_received": 10, "scale_up": 4, "other": 3,
})  # fmt: skip
ACTIVITY_TITLES = {
    "pelatihan": "Pelatihan {topic}",
    "bimtek": "Bimbingan teknis {topic}",
    "pendampingan": "Pendampingan {topic}",
    "kurasi": "Kurasi produk {topic}",
    "pameran": "Pameran produk UMKM {place}",
    "temu_bisnis": "Temu bisnis UMKM {place}",
    "klinik": "Klinik UMKM {place}",
    "fasilitasi_sertifikasi": "Fasilitasi sertifikasi {topic}",
    "akses_modal": "Sosialisasi akses permodalan {place}",
}
TOPICS = [
    "pengemasan", "pemasaran digital", "pembukuan sederhana", "keamanan pangan", "desain label",
    "foto produk", "halal", "P-IRT", "ekspor", "budidaya jahe merah",
]  # fmt: skip

#: A row to write: attname: value.
RowDict = dict[str, Any]


@dataclass(frozen=True)
class BusinessRef:
    id: int
    region_id: int
    agency_id: int  # the registering agency


@dataclass
class References:
    businesses: list[BusinessRef]
    agencies: list[int]
    regions: list[int]
    stages: dict[str, int]  # code: id
    user_id: int


@dataclass
class Batch:
    rows: dict[type[Model], list[RowDict]] = field(
        default_factory=lambda: {model: [] for model in MODELS}
    )

    def add(self, model: type[Model], row: RowDict) -> None:
        self.rows[model].append(row)

    @property
    def size(self) -> int:
        return sum(len(rows) for rows in self.rows.values())


class SupportRows:
    def __init__(
        self,
        *,
        refs: References,
        seed: int,
        years: int,
        next_ids: dict[type[Model], int],
        anchor: datetime,
    ) -> None:
        self.refs, self.years, self.anchor = refs, years, anchor
        self.today: date = anchor.date()
        self.rng = random.Random(f"support:{seed}")
        self.ids = dict(next_ids)
        self.days = years * YEAR_DAYS

    def next_id(self, model: type[Model]) -> int:
        self.ids[model] += 1
        return self.ids[model] - 1

    def day(self, *, ahead: int = 0) -> date:
        """A day within the window: `years` back from today, up to `ahead` days forward."""
        return self.today - timedelta(days=self.rng.randrange(-ahead, self.days))

    def moment(self, day: date, hour: int = 9) -> datetime:
        return self.anchor + timedelta(days=(day - self.today).days, hours=hour)

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def other_agency(self, agency_id: int) -> int:
        others = [pk for pk in self.refs.agencies if pk != agency_id]
        return self.rng.choice(others) if others else agency_id

    # Activities and their participants -------------------------------------------------------

    def activity_batches(self, size: int) -> Iterator[Batch]:
        """Batches of about `size` rows: the window's activities, each with its participants."""
        total = max(1, round(len(self.refs.businesses) * self.years / BUSINESSES_PER_ACTIVITY))
        batch = Batch()
        for _number in range(total):
            self.activity(batch)
            if batch.size >= size:
                yield batch
                batch = Batch()
        if batch.size:
            yield batch

    def activity(self, batch: Batch) -> None:
        rng, refs = self.rng, self.refs
        kind = ACTIVITY_KINDS.pick(rng)
        day = self.day(ahead=AHEAD_DAYS)
        starts = self.moment(day, rng.choice((8, 9, 13)))
        ends = starts + (timedelta(days=rng.randrange(1, 3)) if rng.random() < 0.3
                         else timedelta(hours=rng.randrange(3, 8)))  # fmt: skip
        organiser = rng.choice(refs.agencies)
        region = rng.choice(refs.regions)
        cancelled = rng.random() < 0.03
        topic = rng.choice(TOPICS)
        created = starts - timedelta(days=rng.randrange(7, 45))
        activity = {
            "id": self.next_id(Activity),
            "organiser_id": organiser,
            "kind": kind,
            "title": ACTIVITY_TITLES[kind].format(topic=topic, place=f"wilayah {region}"),
            "description": f"Kegiatan {topic} bagi pelaku UMKM.",
            "starts_at": starts,
            "ends_at": ends,
            "region_id": region,
            "place": "Aula dinas",
            "capacity": rng.choice((20, 30, 40, 50)),
            "funding": rng.choice(("apbd", "apbd", "apbn", "partner", "csr")),
            "benefit": "non_financial",
            "is_public": rng.random() < 0.5,
            "registration_info": "",
            "cancelled_at": created + timedelta(days=3) if cancelled else None,
            "cancelled_by_id": refs.user_id if cancelled else None,
            "cancel_reason": "Narasumber berhalangan." if cancelled else "",
            "created_by_id": refs.user_id,
            "created_at": created,
            "updated_at": created,
        }
        batch.add(Activity, activity)
        stages = {STAGE_OF_ACTIVITY_KIND[kind]}
        if rng.random() < 0.25:
            stages.add(rng.choice(sorted(refs.stages)))
        for code in sorted(stages):
            batch.add(
                ActivityStage,
                {
                    "id": self.next_id(ActivityStage),
                    "activity_id": activity["id"],
                    "stage_id": refs.stages[code],
                },
            )
        if rng.random() < 0.2:
            batch.add(
                ActivityCoOrganiser,
                {
                    "id": self.next_id(ActivityCoOrganiser),
                    "activity_id": activity["id"],
                    "agency_id": self.other_agency(organiser),
                },
            )
        over = day < self.today
        size = min(len(refs.businesses), rng.randrange(5, 26))
        for index in sorted(rng.sample(range(len(refs.businesses)), size)):
            status = PAST_PARTICIPATION.pick(rng) if over and not cancelled else "registered"
            batch.add(
                Participation,
                {
                    "id": self.next_id(Participation),
                    "activity_id": activity["id"],
                    "business_id": refs.businesses[index].id,
                    "status": status,
                    "result_note": "",
                    "certificate_number": "",
                    "created_by_id": refs.user_id,
                    "created_at": created,
                    "updated_at": created,
                },
            )

    # Services, referrals and progress, business by business ----------------------------------

    def record_batches(self, size: int) -> Iterator[Batch]:
        batch = Batch()
        for business in self.refs.businesses:
            self.business(batch, business)
            if batch.size >= size:
                yield batch
                batch = Batch()
        if batch.size:
            yield batch

    def business(self, batch: Batch, business: BusinessRef) -> None:
        rng = self.rng
        for _year in range(self.years):
            for _number in range(SERVICES_A_YEAR.pick(rng)):
                self.service(batch, business)
        if rng.random() < 0.12 * self.years:
            self.referral(batch, business)
        if rng.random() < 0.3 * self.years:
            self.snapshot(batch, business)
        if rng.random() < 0.1 * self.years:
            self.milestone(batch, business)

    def service(self, batch: Batch, business: BusinessRef) -> None:
        rng = self.rng
        kind = SERVICE_KINDS.pick(rng)
        day = self.day()
        recent = (self.today - day).days < 60
        outcome = (RECENT_OUTCOMES if recent else PAST_OUTCOMES).pick(rng)
        agency = business.agency_id if rng.random() < 0.55 else rng.choice(self.refs.agencies)
        benefit, amount = "non_financial", None
        if kind == "akses_modal":
            benefit = CAPITAL_BENEFITS.pick(rng)
            amount = rng.randrange(5, 200) * 1_000_000
        voided = rng.random() < 0.02
        recorded = self.moment(day, 15)
        batch.add(
            Service,
            {
                "id": self.next_id(Service),
                "business_id": business.id,
                "agency_id": agency,
                "stage_id": self.refs.stages[STAGE_OF_SERVICE_KIND[kind]],
                "kind": kind,
                "provided_on": day,
                "hours": rng.randrange(1, 9),
                "mentor_name": self.person(),
                "summary": f"Layanan {kind.replace('_', ' ')} untuk pelaku usaha.",
                "outcome": outcome,
                "benefit": benefit,
                "amount": amount,
                "target_certificate_kind": TARGET_CERTIFICATES.pick(rng)
                if kind == "fasilitasi_sertifikasi"
                else "",
                "certificate_id": None,
                "voided_at": recorded + timedelta(days=1) if voided else None,
                "voided_by_id": self.refs.user_id if voided else None,
                "void_reason": "Tercatat dua kali." if voided else "",
                "recorded_by_id": self.refs.user_id,
                "created_at": recorded,
                "updated_at": recorded,
            },
        )

    def referral(self, batch: Batch, business: BusinessRef) -> None:
        rng, user = self.rng, self.refs.user_id
        day = self.day()
        sent = self.moment(day, 10)
        due = day + timedelta(days=14)
        status = REFERRAL_STATES.pick(rng) if (self.today - day).days > 14 else "sent"
        answered = sent + timedelta(days=rng.randrange(1, 21), hours=rng.randrange(0, 8))
        answers = status in ("accepted", "declined", "completed")
        completed = status == "completed"
        cancelled = status == "cancelled"
        batch.add(
            Referral,
            {
                "id": self.next_id(Referral),
                "business_id": business.id,
                "from_agency_id": business.agency_id,
                "to_agency_id": self.other_agency(business.agency_id),
                "stage_id": self.refs.stages[rng.choice(sorted(self.refs.stages))],
                "reason": "Mohon tindak lanjut sesuai bidang dinas.",
                "due_on": due,
                "status": status,
                "sent_by_id": user,
                "sent_at": sent,
                "answered_by_id": user if answers else None,
                "answered_at": answered if answers else None,
                "answer_note": "Diterima." if answers else "",
                "completed_by_id": user if completed else None,
                "completed_at": answered + timedelta(days=rng.randrange(1, 30))
                if completed
                else None,
                "completion_note": "Selesai." if completed else "",
                "cancelled_by_id": user if cancelled else None,
                "cancelled_at": sent + timedelta(days=2) if cancelled else None,
                "cancel_note": "Sudah ditangani sendiri." if cancelled else "",
            },
        )

    def snapshot(self, batch: Batch, business: BusinessRef) -> None:
        rng = self.rng
        day = self.day()
        verified = rng.random() < 0.4
        batch.add(
            Snapshot,
            {
                "id": self.next_id(Snapshot),
                "business_id": business.id,
                "taken_on": day,
                "turnover": rng.randrange(20, 3000) * 1_000_000,
                "capital": rng.randrange(5, 1500) * 1_000_000 if rng.random() < 0.7 else None,
                "workers_women": rng.randrange(0, 8),
                "workers_men": rng.randrange(0, 8),
                "exports": rng.random() < 0.05,
                "source": rng.choice(("self_reported", "staff_recorded")),
                "verified_by_id": self.refs.user_id if verified else None,
                "verified_at": self.moment(day, 16) if verified else None,
                "recorded_by_id": self.refs.user_id,
                "created_at": self.moment(day, 14),
            },
        )

    def milestone(self, batch: Batch, business: BusinessRef) -> None:
        rng = self.rng
        kind = MILESTONE_KINDS.pick(rng)
        day = self.day()
        verified = rng.random() < 0.55
        stage = STAGE_OF_MILESTONE_KIND.get(kind)
        milestone = {
            "id": self.next_id(Milestone),
            "business_id": business.id,
            "kind": kind,
            "stage_id": self.refs.stages[stage] if stage else None,
            "achieved_on": day,
            "evidence": "Dokumen terlampir.",
            "verified_by_id": self.refs.user_id if verified else None,
            "verified_at": self.moment(day, 16) if verified else None,
            "recorded_by_id": self.refs.user_id,
            "created_at": self.moment(day, 14),
        }
        batch.add(Milestone, milestone)
        if rng.random() < 0.85:
            credited = business.agency_id if rng.random() < 0.6 else rng.choice(self.refs.agencies)
            batch.add(
                MilestoneCredit,
                {
                    "id": self.next_id(MilestoneCredit),
                    "milestone_id": milestone["id"],
                    "agency_id": credited,
                },
            )
