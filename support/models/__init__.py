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

__all__ = [
    "STAGE_CODES",
    "Activity",
    "ActivityQuerySet",
    "Agreement",
    "AgreementParty",
    "Benefit",
    "Milestone",
    "MonitoringReport",
    "Obligation",
    "Participation",
    "Partner",
    "PartnerMembership",
    "Phase",
    "Referral",
    "ReportLine",
    "ReportStep",
    "ScaleClass",
    "Service",
    "Snapshot",
    "Stage",
    "scale_class",
]
