"""Products carry whether they are listed (published, and their business active) and their
business's region (filters and facets at 1M products).

Both used to need a join to the business for every product considered: a region filter with its
facets took 30–100 ms a query at 1M products. Copied onto the product by triggers (`_listing`),
they can be read from partial indexes over the listed products alone."""

import django.db.models.deletion
from django.db import migrations, models

from catalog.migrations import _listing as listing


def forwards(apps, schema_editor):
    schema_editor.execute(listing.FILL)
    statements = {
        "postgresql": listing.POSTGRESQL_FORWARDS,
        "sqlite": listing.SQLITE_FORWARDS,
    }[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {
        "postgresql": listing.POSTGRESQL_BACKWARDS,
        "sqlite": listing.SQLITE_BACKWARDS,
    }[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


LISTED = models.Q(("listed", True))


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_idempotency_record"),
    ]

    operations = [
        migrations.AddField(
            model_name="product",
            name="listed",
            field=models.BooleanField(default=False, editable=False, verbose_name="listed"),
        ),
        migrations.AddField(
            model_name="product",
            name="region",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="catalog.region",
                verbose_name="region",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveIndex(model_name="product", name="product_status_name"),
        migrations.RemoveIndex(model_name="product", name="product_status_price_min"),
        migrations.RemoveIndex(model_name="product", name="product_status_price_max"),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(condition=LISTED, fields=["name"], name="product_listed_name"),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                condition=LISTED, fields=["price_min", "id"], name="product_listed_price_min"
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                condition=LISTED, fields=["-price_max", "id"], name="product_listed_price_max"
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                condition=LISTED, fields=["-created_at", "id"], name="product_listed_new"
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                condition=LISTED, fields=["region", "category", "id"], name="product_listed_region"
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                condition=LISTED, fields=["category", "id"], name="product_listed_category"
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                condition=LISTED, fields=["owner_agency", "id"], name="product_listed_agency"
            ),
        ),
    ]
