"""The shapes of the development record's demo data: one small frozen dataclass per kind of
record, so the data modules read as tables and the seeding code is type-checked.

Dates are given in days from the day the seed runs (negative: in the past), so the demo has past,
running and upcoming work whenever it is seeded. `this_year` keeps a past date inside the current
calendar year (never before 1 January), for what the dashboard's current-year figures must show
(the overlaps). Businesses, agencies and stages are named by slug and code, as in the catalog
demo."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Taking:
    """A business taking part in an activity: its status, and optionally a result note."""

    business: str
    status: str
    note: str = ""


@dataclass(frozen=True)
class ActivitySpec:
    organiser: str
    kind: str
    stages: tuple[str, ...]
    title: str
    description: str
    days: int
    region: str
    place: str
    participants: tuple[Taking, ...] = ()
    co_organisers: tuple[str, ...] = ()
    length: int = 0  # extra days after the first
    hours: tuple[int, int] = (9, 15)
    capacity: int | None = 30
    funding: str = "apbd"
    benefit: str = "non_financial"
    is_public: bool = False
    registration_info: str = ""
    this_year: bool = False
    #: (days from the seed day, reason): the organiser cancelled it
    cancelled: tuple[int, str] | None = None


@dataclass(frozen=True)
class ServiceSpec:
    business: str
    agency: str
    kind: str
    summary: str
    days: int
    outcome: str = "done"
    stage: str = ""  # empty: the kind's usual stage (support.services.help.default_stage)
    hours: str | None = None
    mentor_name: str = ""
    benefit: str = "non_financial"
    amount: int | None = None
    target_certificate_kind: str = ""
    #: (product slug, certificate kind): the certificate this facilitation produced
    certificate: tuple[str, str] | None = None
    #: given instead of `days`: so many days before that certificate was issued
    days_before_certificate: int | None = None
    this_year: bool = False
    void_reason: str = ""


@dataclass(frozen=True)
class Step:
    """A referral's answer (`accept`, `decline`, `complete`, `cancel`) on a day, with a note."""

    action: str
    days: int
    note: str = ""


@dataclass(frozen=True)
class ReferralSpec:
    business: str
    from_agency: str
    to_agency: str
    stage: str
    reason: str
    days: int  # sent
    due_days: int | None = None  # from the seed day; default: sent + 14 days
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class SnapshotSpec:
    business: str
    days: int
    capital: int | None
    turnover: int | None
    workers_women: int = 0
    workers_men: int = 0
    exports: bool = False
    source: str = "staff_recorded"
    verified_by: str = ""  # the reviewer's username


@dataclass(frozen=True)
class MilestoneSpec:
    business: str
    kind: str
    evidence: str
    days: int
    credited: tuple[str, ...] = ()
    stage: str = ""  # empty: the kind's usual stage
    verified_by: str = ""
    #: given instead of `days`: achieved on the day this certificate was issued
    certificate: tuple[str, str] | None = None
