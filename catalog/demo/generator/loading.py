"""Writing many rows fast: `COPY … FROM STDIN` on PostgreSQL, multi-row `executemany` elsewhere.

Rows are dicts of attname: value with the ids already assigned; a field a row leaves out gets the
model field's default. Raw writes on purpose: `bulk_create` would overwrite the rows'
`created_at` with now (auto_now_add) and costs far more per row.
"""

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, cast

from django.core.management.color import no_style
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Max, Model

from umkm_portal.database_deadline import blocking

# \ tab newline and carriage return are special in COPY's text format.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class Table:
    """One model's columns in database order, and the defaults of those a row may leave out."""

    def __init__(self, model: type[Model]) -> None:
        fields = model._meta.concrete_fields
        self.name = model._meta.db_table
        self.columns = [cast(str, f.column) for f in fields]  # a concrete field has a column
        self.attnames = [f.attname for f in fields]
        self.defaults = [f.get_default() for f in fields]

    def values(self, row: dict) -> tuple:
        return tuple(row.get(a, d) for a, d in zip(self.attnames, self.defaults, strict=True))


class Writer:
    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.tables: dict[type[Model], Table] = {}

    def table(self, model: type[Model]) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model)
        return self.tables[model]

    def write(self, model: type[Model], rows: list[dict]) -> None:
        if rows:
            self._write(self.table(model), rows)

    def _write(self, table: Table, rows: list[dict]) -> None:
        raise NotImplementedError


class CopyWriter(Writer):
    """PostgreSQL: the rows as COPY text, through psycopg2's `copy_expert`."""

    def _write(self, table: Table, rows: list[dict]) -> None:
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(map(_copy_text, table.values(row))))
            buffer.write("\n")
        buffer.seek(0)
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(column) for column in table.columns)
        with blocking(), self.connection.cursor() as cursor:  # COPY refuses a wait callback
            cursor.copy_expert(f"COPY {quote(table.name)} ({columns}) FROM STDIN", buffer)


class InsertWriter(Writer):
    """Any other database: one parameterised INSERT run for every row (`executemany`)."""

    def _write(self, table: Table, rows: list[dict]) -> None:
        ops = self.connection.ops
        adapt = {datetime: ops.adapt_datetimefield_value, date: ops.adapt_datefield_value}
        params = [
            [adapt[type(value)](value) if type(value) in adapt else value for value in values]
            for values in map(table.values, rows)
        ]
        columns = ", ".join(ops.quote_name(column) for column in table.columns)
        marks = ", ".join(["%s"] * len(table.columns))
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {ops.quote_name(table.name)} ({columns}) VALUES ({marks})", params
            )


def _copy_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, date):  # dates and datetimes (aware: with their offset)
        return value.isoformat()
    return str(value)


def writer_for(connection: BaseDatabaseWrapper) -> Writer:
    return CopyWriter(connection) if connection.vendor == "postgresql" else InsertWriter(connection)


def next_ids(models: Iterable[type[Model]]) -> dict[type[Model], int]:
    """The first free id of each model's table: the generated rows go after every existing one."""
    return {
        model: (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1 for model in models
    }


def reset_sequences(connection: BaseDatabaseWrapper, models: Sequence[type[Model]]) -> None:
    """Point the id sequences past the ids assigned here, so later inserts do not collide."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def analyze(connection: BaseDatabaseWrapper, models: Iterable[type[Model]]) -> None:
    """Fresh planner statistics: PostgreSQL would otherwise plan for nearly empty tables."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


_GENERATED = "SELECT id FROM catalog_product WHERE created_by_id = %s"
_NOMINATIONS = f"SELECT id FROM catalog_nomination WHERE product_id IN ({_GENERATED})"
_ASSESSMENTS = f"SELECT id FROM catalog_assessment WHERE nomination_id IN ({_NOMINATIONS})"
# Every row that refers to a generated product, children first; each takes the user's id.
_DELETE = [
    f"DELETE FROM catalog_designation WHERE product_id IN ({_GENERATED})",
    f"DELETE FROM catalog_nominationevent WHERE nomination_id IN ({_NOMINATIONS})",
    f"DELETE FROM catalog_assessmentscore WHERE assessment_id IN ({_ASSESSMENTS})",
    f"DELETE FROM catalog_assessment WHERE nomination_id IN ({_NOMINATIONS})",
    f"DELETE FROM catalog_nomination WHERE product_id IN ({_GENERATED})",
    f"DELETE FROM catalog_collaboration WHERE product_id IN ({_GENERATED})",
    f"DELETE FROM catalog_certificate WHERE product_id IN ({_GENERATED})",
    f"DELETE FROM catalog_productlink WHERE product_id IN ({_GENERATED})",
    f"DELETE FROM catalog_productimage WHERE product_id IN ({_GENERATED})",
    "DELETE FROM catalog_product WHERE created_by_id = %s",
    "DELETE FROM catalog_business WHERE created_by_id = %s",
]


def delete_generated(connection: BaseDatabaseWrapper, user_id: int) -> None:
    """Delete the products and businesses `user_id` created (the generator's marker), with every
    row that refers to them. Raw SQL: no signals, so the shared picture files stay."""
    with connection.cursor() as cursor:
        for sql in _DELETE:
            cursor.execute(sql, [user_id])
