"""The product search document, stored (search at 1M products).

Migration 0002 indexed the document as an expression, which finds matches fast but makes ranking
recompute `to_tsvector` of every candidate's description: about 0.3 ms a row, 600 ms for the 2,000
candidates of a common term. Here the document becomes a column that a trigger keeps up to date
(a generated column would need the expression on SQLite too), the GIN index moves onto it, and
the expression index goes. On SQLite only the (always empty) column is added.
"""

import django.contrib.postgres.search
from django.db import migrations

from catalog.migrations import _search_document as document


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in document.FORWARDS:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in document.BACKWARDS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_nomination_state_fsm")]

    operations = [
        migrations.AddField(
            model_name="product",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
