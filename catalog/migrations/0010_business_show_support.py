"""Businesses gain `show_support`: consent to show their development trail publicly (DESIGN §8).

SQLite adds a column by rebuilding the table, which its listing triggers (0007) cannot survive:
they are dropped around the change there and made again after it, in both directions."""

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
        ("catalog", "0009_nomination_event_action_known"),
    ]

    operations = [
        migrations.RunPython(drop_sqlite_triggers, make_sqlite_triggers),
        migrations.AddField(
            model_name="business",
            name="show_support",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Only with the owner's consent: the stages reached and who helped, by month"
                    " and kind; never notes or amounts."
                ),
                verbose_name="show development trail publicly",
            ),
        ),
        migrations.AddField(
            model_name="historicalbusiness",
            name="show_support",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Only with the owner's consent: the stages reached and who helped, by month"
                    " and kind; never notes or amounts."
                ),
                verbose_name="show development trail publicly",
            ),
        ),
        migrations.RunPython(make_sqlite_triggers, drop_sqlite_triggers),
    ]
