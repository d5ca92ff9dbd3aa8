"""The development record, split by subject: stages; activities and their participants;
one-to-one services; referrals between agencies; progress (snapshots, milestones). Partners and
agreements come with the next part, as optional links from activities and services."""

from .activities import Activity, ActivityQuerySet, Participation
from .choices import Benefit
from .progress import Milestone, ScaleClass, Snapshot, scale_class
from .referrals import Referral
from .services import Service
from .stages import STAGE_CODES, Stage

__all__ = [
    "STAGE_CODES",
    "Activity",
    "ActivityQuerySet",
    "Benefit",
    "Milestone",
    "Participation",
    "Referral",
    "ScaleClass",
    "Service",
    "Snapshot",
    "Stage",
    "scale_class",
]
