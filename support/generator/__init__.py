"""Development records in proportion to a generated catalogue (`manage.py generate_support`,
which `generate_catalog` runs after making the catalogue): activities with participants,
services, referrals, snapshots and milestones for the businesses `generate_catalog` wrote, so
that the dashboard and the business record can be measured at scale.

Generated rows belong to the catalogue generator's inactive user (the `created_by`,
`recorded_by` or `sent_by` of every row), which is how a later run finds and replaces them. They
are written as the catalogue is (catalog.demo.generator.loading): COPY on PostgreSQL, with the
tables' plain indexes and foreign keys built again afterwards when the load at least doubles
them; one multi-row INSERT per table and batch elsewhere (SQLite). No change history is written
for them, as for the generated catalogue.
"""

import time as timer
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, time

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from agencies.models import Agency
from catalog.demo.generator import generator_user, loading
from catalog.demo.generator.indexes import deferred_indexes
from catalog.models import Business, Region
from support.models import (
    Activity,
    Milestone,
    Participation,
    Referral,
    Service,
    Snapshot,
    Stage,
)

from .rows import (
    MODELS,
    ActivityCoOrganiser,
    ActivityStage,
    Batch,
    BusinessRef,
    MilestoneCredit,
    References,
    SupportRows,
)

BATCH_ROWS = 50_000


class NoGeneratedBusinesses(Exception):
    """There is no generated catalogue to add development records to."""


class GeneratedRowsExist(Exception):
    """Generated development records are present and the caller did not ask to replace them."""


@dataclass
class Progress:
    rows: int = 0
    seconds: float = 0.0
    step: str = ""


def generate(
    *,
    seed: int = 1,
    years: int = 2,
    replace: bool = False,
    progress: Callable[[Progress], None] | None = None,
) -> Progress:
    """Write the development records of the generated businesses for the last `years` years (and
    activities planned for the next two months), in one transaction. Refuses with
    NoGeneratedBusinesses when there are none, with GeneratedRowsExist when generated records
    exist already, unless `replace` (then they are deleted first)."""
    started = timer.monotonic()
    user = generator_user()
    refs = _references(user.pk)
    if not refs.businesses:
        raise NoGeneratedBusinesses
    anchor = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    done = Progress()
    with transaction.atomic():
        if exists(user.pk):
            if not replace:
                raise GeneratedRowsExist
            delete_generated(user.pk)
        rows = SupportRows(
            refs=refs, seed=seed, years=years, next_ids=loading.next_ids(MODELS), anchor=anchor
        )
        rebuild = len(refs.businesses) * years >= Service.objects.count()
        writer = loading.writer_for(connection)
        with deferred_indexes(connection, MODELS, enabled=rebuild):
            for batch in _batches(rows):
                for model in MODELS:
                    writer.write(model, batch.rows[model])
                done.rows += batch.size
                _report(done, progress, started)
        loading.reset_sequences(connection, MODELS)
        if rebuild:
            _report(done, progress, started, "indexes and foreign keys built")
    loading.analyze(connection, MODELS)
    done.seconds = timer.monotonic() - started
    return done


def _batches(rows: SupportRows) -> Iterator[Batch]:
    yield from rows.activity_batches(BATCH_ROWS)
    yield from rows.record_batches(BATCH_ROWS)


def _report(done: Progress, progress: Callable[[Progress], None] | None, started: float,
            step: str = "") -> None:  # fmt: skip
    done.seconds, done.step = timer.monotonic() - started, step
    if progress:
        progress(done)


def _references(user_id: int) -> References:
    businesses = (
        Business.objects.filter(created_by_id=user_id)
        .order_by("pk")
        .values_list("pk", "region_id", "registering_agency_id")
    )
    return References(
        businesses=[BusinessRef(*business) for business in businesses],
        agencies=list(Agency.objects.order_by("slug").values_list("pk", flat=True)),
        regions=list(Region.objects.order_by("slug").values_list("pk", flat=True)),
        stages=dict(Stage.objects.values_list("code", "pk")),
        user_id=user_id,
    )


def exists(user_id: int) -> bool:
    return (
        Service.objects.filter(recorded_by_id=user_id).exists()
        or Activity.objects.filter(created_by_id=user_id).exists()
        or Milestone.objects.filter(recorded_by_id=user_id).exists()
    )


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def delete_generated(user_id: int) -> None:
    """Delete every development record the generator's user wrote (and the participations in its
    activities), children first. Raw SQL: no signals, no history, as for the catalogue."""
    activities = f"SELECT id FROM {_table(Activity)} WHERE created_by_id = %s"
    milestones = f"SELECT id FROM {_table(Milestone)} WHERE recorded_by_id = %s"
    statements = [
        (f"DELETE FROM {_table(Participation)} WHERE activity_id IN ({activities})"
         " OR created_by_id = %s", 2),
        (f"DELETE FROM {_table(ActivityStage)} WHERE activity_id IN ({activities})", 1),
        (f"DELETE FROM {_table(ActivityCoOrganiser)} WHERE activity_id IN ({activities})", 1),
        (f"DELETE FROM {_table(Activity)} WHERE created_by_id = %s", 1),
        (f"DELETE FROM {_table(Service)} WHERE recorded_by_id = %s", 1),
        (f"DELETE FROM {_table(Referral)} WHERE sent_by_id = %s", 1),
        (f"DELETE FROM {_table(Snapshot)} WHERE recorded_by_id = %s", 1),
        (f"DELETE FROM {_table(MilestoneCredit)} WHERE milestone_id IN ({milestones})", 1),
        (f"DELETE FROM {_table(Milestone)} WHERE recorded_by_id = %s", 1),
    ]  # fmt: skip
    with connection.cursor() as cursor:
        for sql, users in statements:
            cursor.execute(sql, [user_id] * users)
