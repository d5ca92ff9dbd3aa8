"""The development record, split by subject: stages; activities and their participants;
one-to-one services; referrals between agencies; progress (snapshots, milestones); partners and
their agreements, obligations and monitoring reports."""

from .activities import Activity, ActivityQuerySet, Participation
from .agreements import (
    Agreement,
    AgreementParty,
    MonitoringReport,
    Obligation,
    Phase,
    ReportLine,
    ReportStep,
)
from .choices import Benefit
from .partners import Partner, PartnerMembership
from .progress import Milestone, ScaleClass, Snapshot, scale_class
from .referrals import Referral
from .services import Service
from .stages import STAGE_CODES, Stage
from .tallies import (
    AgencyTally,
    BusinessTally,
    OverlapTally,
    ReachTally,
    RecencyTally,
    rebuild_tallies,
)

__all__ = [
    "STAGE_CODES",
    "Activity",
    "ActivityQuerySet",
    "AgencyTally",
    "Agreement",
    "AgreementParty",
    "Benefit",
    "BusinessTally",
    "Milestone",
    "MonitoringReport",
    "Obligation",
    "OverlapTally",
    "Participation",
    "Partner",
    "PartnerMembership",
    "Phase",
    "ReachTally",
    "RecencyTally",
    "Referral",
    "ReportLine",
    "ReportStep",
    "ScaleClass",
    "Service",
    "Snapshot",
    "Stage",
    "rebuild_tallies",
    "scale_class",
]
