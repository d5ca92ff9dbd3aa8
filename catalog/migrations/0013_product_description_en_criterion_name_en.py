"""Products gain an English description beside their English name and summary, and the rubric's
criteria an English name and description (issue 16); all optional, shown under /en/.

SQLite adds a column by rebuilding the table, which its listing triggers (0007) cannot survive:
they are dropped around the change there and made again after it, in both directions (as 0010)."""

from django.db import migrations, models

from catalog.migrations import _listing as listing


def drop_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in listing.SQLITE_BACKWARDS:
            schema_editor.execute(statement)


def make_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in listing.SQLITE_FORWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0012_certificate_scan_and_past_dates"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, make_sqlite_triggers),
        migrations.AddField(
            model_name="criterion",
            name="description_en",
            field=models.TextField(blank=True, verbose_name="description in English"),
        ),
        migrations.AddField(
            model_name="criterion",
            name="name_en",
            field=models.CharField(blank=True, max_length=150, verbose_name="name in English"),
        ),
        migrations.AddField(
            model_name="historicalproduct",
            name="description_en",
            field=models.TextField(blank=True, verbose_name="description in English"),
        ),
        migrations.AddField(
            model_name="product",
            name="description_en",
            field=models.TextField(blank=True, verbose_name="description in English"),
        ),
        migrations.RunPython(make_sqlite_triggers, drop_sqlite_triggers),
    ]
