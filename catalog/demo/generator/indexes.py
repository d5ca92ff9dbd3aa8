"""PostgreSQL: load big tables without their secondary indexes and foreign keys, then build them
again in one pass each. Maintaining the GIN indexes (trigram, full text) row by row and checking
every foreign key per row costs several times more than the COPY itself.

Everything happens inside the caller's transaction (PostgreSQL's DDL is transactional): if the
load fails, the indexes and constraints come back with the rollback. Unique indexes and check
constraints stay in place, so every row is still checked against them as it arrives; re-adding a
foreign key validates every row in one query.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

INDEXES = """
    SELECT i.relname, pg_get_indexdef(i.oid)
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_class t ON t.oid = x.indrelid
    WHERE t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace
      AND NOT x.indisunique AND NOT x.indisprimary
    ORDER BY i.relname
"""
FOREIGN_KEYS = """
    SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
    FROM pg_constraint c
    JOIN pg_class t ON t.oid = c.conrelid
    WHERE c.contype = 'f' AND t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace
    ORDER BY t.relname, c.conname
"""


@contextmanager
def deferred_indexes(
    connection: BaseDatabaseWrapper, models: Iterable[type[Model]], *, enabled: bool = True
) -> Iterator[None]:
    """Within a transaction: drop the plain indexes and foreign keys of `models`' tables, and
    recreate them when the block ends."""
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Deleting rows queues deferred foreign-key checks; a table with pending checks cannot
        # be altered, so run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(INDEXES, [tables])
        indexes = cursor.fetchall()
        cursor.execute(FOREIGN_KEYS, [tables])
        foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
