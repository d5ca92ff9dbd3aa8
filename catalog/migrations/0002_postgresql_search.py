"""PostgreSQL-only search support: pg_trgm and the indexes full-text and typo-tolerant search use.

These live in a migration, not in a model's Meta, so that SQLite (the default for a fresh
checkout) still migrates: every operation here does nothing on another database.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# The product search document: names in the `simple` configuration (proper names must not be
# stemmed), summary and description in `indonesian`, weighted name > summary > description.
# Queries must use exactly this expression for PostgreSQL to use the index.
PRODUCT_SEARCH_DOCUMENT = (
    "(setweight(to_tsvector('simple'::regconfig, coalesce(name, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(name_en, '')), 'A') || "
    "setweight(to_tsvector('indonesian'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('indonesian'::regconfig, coalesce(description, '')), 'C'))"
)

INDEXES = [
    (
        "catalog_product_name_trgm",
        "CREATE INDEX IF NOT EXISTS catalog_product_name_trgm "
        "ON catalog_product USING gin (name gin_trgm_ops)",
    ),
    (
        "catalog_business_name_trgm",
        "CREATE INDEX IF NOT EXISTS catalog_business_name_trgm "
        "ON catalog_business USING gin (name gin_trgm_ops)",
    ),
    (
        "catalog_product_search_document",
        "CREATE INDEX IF NOT EXISTS catalog_product_search_document "
        f"ON catalog_product USING gin ({PRODUCT_SEARCH_DOCUMENT})",
    ),
]


class TrigramExtensionOnPostgreSQL(TrigramExtension):
    """Django's operation skips other databases on the way up but not on the way down."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        TrigramExtensionOnPostgreSQL(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
