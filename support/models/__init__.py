"""The development record, split by subject: stages; activities and their participants;
one-to-one services; referrals between agencies; progress (snapshots, milestones). Partners and
agreements come with the next part, as optional links from activities and services."""

from .activities import Activity, ActivityQuerySet, Participation
from .choices import Benefit
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
    "Benefit",
    "BusinessTally",
    "Milestone",
    "OverlapTally",
    "Participation",
    "ReachTally",
    "RecencyTally",
    "Referral",
    "ScaleClass",
    "Service",
    "Snapshot",
    "Stage",
    "rebuild_tallies",
    "scale_class",
]
