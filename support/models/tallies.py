"""The dashboard's tallies: who helped which business in which year, kept by the database.

The dashboard (support.dashboard) reads the year's work of every agency for 100,000 businesses;
grouping a year's services and participations on every request took 100–330 ms a figure. These
tables hold the same work already grouped, one row per business and year (and agency, stage or
kind), written by triggers on the records they come from (support/migrations/_tallies.py) on
PostgreSQL and SQLite alike, whoever writes: the services layer, the admin, a queryset update or
the generator. Nobody writes them from Python; `rebuild_tallies()` makes them again from scratch.

What counts, as in the dashboard: a standing service of an agency (a partner's comes with the
partnerships part and is no agency's work); a participation that took part (attended or completed)
in an activity not cancelled, once for its organiser and once for each co-organiser; for the
funnel also a verified milestone with a stage, for each credited agency. The year is the service's
date, the activity's start (in the portal's time zone) or the milestone's date.
"""

import datetime

from django.db import connection, models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from catalog.models import Business, Region

from .stages import Stage


def _business() -> models.ForeignKey:
    # No database constraint and no cascade: the triggers own these rows (a business's rows go
    # when its last record does).
    return models.ForeignKey(
        Business, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )


def _agency(**options) -> models.ForeignKey:
    return models.ForeignKey(
        Agency, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", **options
    )


class Tally(models.Model):
    business = _business()
    year = models.PositiveSmallIntegerField()
    #: The business's region, copied (the dashboard's region filter without a join).
    region = models.ForeignKey(
        Region, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )

    class Meta:
        abstract = True
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.business_id} {self.year}"


class BusinessTally(Tally):
    """A business's work in a year: how many agencies, how many records (the matrix's rows)."""

    agencies = models.PositiveIntegerField()
    records = models.PositiveIntegerField()

    class Meta(Tally.Meta):
        verbose_name = _("business tally")
        constraints = [
            models.UniqueConstraint(fields=["business", "year"], name="business_tally_unique")
        ]
        indexes = [
            models.Index(
                fields=["year", "-agencies", "-records", "business"], name="business_tally_rank"
            ),
            models.Index(
                fields=["year", "region", "-agencies", "-records", "business"],
                name="business_tally_region_rank",
            ),
        ]


class AgencyTally(Tally):
    """An agency's records for a business in a year (the matrix's cells)."""

    agency = _agency()
    records = models.PositiveIntegerField()
    #: The business's totals (its BusinessTally's), to list one agency's rows of the matrix in
    #: order from one index.
    business_agencies = models.PositiveIntegerField()
    business_records = models.PositiveIntegerField()

    class Meta(Tally.Meta):
        verbose_name = _("agency tally")
        constraints = [
            models.UniqueConstraint(
                fields=["business", "year", "agency"], name="agency_tally_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["year", "agency", "-business_agencies", "-business_records", "business"],
                name="agency_tally_rank",
            ),
            models.Index(
                fields=["year", "agency", "region", "business"], name="agency_tally_agency"
            ),
        ]


class OverlapTally(Tally):
    """The agencies of an overlap: the same stage and kind given to a business in a year by two or
    more agencies in two or more records. Only overlaps have rows."""

    stage = models.ForeignKey(
        Stage, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    kind = models.CharField(max_length=30)
    agency = _agency()

    class Meta(Tally.Meta):
        verbose_name = _("overlap tally")
        constraints = [
            models.UniqueConstraint(
                fields=["business", "year", "stage", "kind", "agency"],
                name="overlap_tally_unique",
            )
        ]
        indexes = [models.Index(fields=["year", "business"], name="overlap_tally_year")]


class ReachTally(Tally):
    """A stage a business reached in a year through an agency; one more row with no agency for
    reaching it through anyone (a milestone credited to nobody included): the funnel."""

    stage = models.ForeignKey(
        Stage, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    agency = _agency(null=True)

    class Meta(Tally.Meta):
        verbose_name = _("reach tally")
        indexes = [
            models.Index(
                fields=["year", "stage", "business"],
                condition=models.Q(agency__isnull=True),
                name="reach_tally_anyone",
            ),
            models.Index(
                fields=["year", "region", "stage", "business"],
                condition=models.Q(agency__isnull=True),
                name="reach_tally_anyone_region",
            ),
            models.Index(
                fields=["year", "agency", "region", "stage", "business"], name="reach_tally_agency"
            ),
            models.Index(fields=["business"], name="reach_tally_business"),
        ]


#: The date of the latest support, never supported as the earliest date (one order and one
#: index on SQLite and PostgreSQL, whose NULLs sort apart).
NEVER = models.Value(datetime.date(1, 1, 1), output_field=models.DateField())
SUPPORTED_ON = Coalesce("last_supported_on", NEVER)
LISTED = models.Q(listed=True)


class RecencyTally(models.Model):
    """Every business: whether it has listed products and when it was last supported (a standing
    service, an activity taken part in), for the gap "published, no support in 12 months"."""

    business = models.OneToOneField(
        Business, on_delete=models.DO_NOTHING, db_constraint=False, related_name="recency"
    )
    region = models.ForeignKey(
        Region, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    registering_agency = _agency()
    listed = models.BooleanField()
    last_supported_on = models.DateField(null=True)

    class Meta:
        default_permissions = ()
        verbose_name = _("recency tally")
        indexes = [
            # Never supported first, then the longest ago: the gap's list in order.
            models.Index(SUPPORTED_ON, "business", condition=LISTED, name="recency_tally_listed")
        ]

    def __str__(self) -> str:
        return f"{self.business_id} {self.last_supported_on}"


def rebuild_tallies() -> None:
    """Make every tally again from the records (the triggers keep them after that)."""
    from support.migrations import _tallies

    with connection.cursor() as cursor:
        for statement in _tallies.rebuild_statements(connection.vendor):
            cursor.execute(statement)
