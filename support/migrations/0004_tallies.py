"""The dashboard's tallies (support.models.tallies), filled once from the records and kept by
triggers after that (`_tallies`)."""

import datetime

import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models

from support.migrations import _tallies as tallies


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in [*tallies.rebuild_statements(vendor), *tallies.triggers(vendor)]:
        schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    for statement in tallies.drop_triggers(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_membership_history"),
        ("catalog", "0011_dashboard_indexes"),
        ("support", "0003_dashboard_indexes_referral_notes"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgencyTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                ("records", models.PositiveIntegerField()),
                ("business_agencies", models.PositiveIntegerField()),
                ("business_records", models.PositiveIntegerField()),
                (
                    "agency",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agencies.agency",
                    ),
                ),
                (
                    "business",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.business",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.region",
                    ),
                ),
            ],
            options={
                "verbose_name": "agency tally",
                "abstract": False,
                "default_permissions": (),
                "indexes": [
                    models.Index(
                        fields=[
                            "year",
                            "agency",
                            "-business_agencies",
                            "-business_records",
                            "business",
                        ],
                        name="agency_tally_rank",
                    ),
                    models.Index(
                        fields=["year", "agency", "region", "business"], name="agency_tally_agency"
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("business", "year", "agency"), name="agency_tally_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="BusinessTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                ("agencies", models.PositiveIntegerField()),
                ("records", models.PositiveIntegerField()),
                (
                    "business",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.business",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.region",
                    ),
                ),
            ],
            options={
                "verbose_name": "business tally",
                "abstract": False,
                "default_permissions": (),
                "indexes": [
                    models.Index(
                        fields=["year", "-agencies", "-records", "business"],
                        name="business_tally_rank",
                    ),
                    models.Index(
                        fields=["year", "region", "-agencies", "-records", "business"],
                        name="business_tally_region_rank",
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("business", "year"), name="business_tally_unique"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OverlapTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                ("kind", models.CharField(max_length=30)),
                (
                    "agency",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agencies.agency",
                    ),
                ),
                (
                    "business",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.business",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.region",
                    ),
                ),
                (
                    "stage",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="support.stage",
                    ),
                ),
            ],
            options={
                "verbose_name": "overlap tally",
                "abstract": False,
                "default_permissions": (),
                "indexes": [models.Index(fields=["year", "business"], name="overlap_tally_year")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("business", "year", "stage", "kind", "agency"),
                        name="overlap_tally_unique",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReachTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                (
                    "agency",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agencies.agency",
                    ),
                ),
                (
                    "business",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.business",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.region",
                    ),
                ),
                (
                    "stage",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="support.stage",
                    ),
                ),
            ],
            options={
                "verbose_name": "reach tally",
                "abstract": False,
                "default_permissions": (),
                "indexes": [
                    models.Index(
                        condition=models.Q(("agency__isnull", True)),
                        fields=["year", "stage", "business"],
                        name="reach_tally_anyone",
                    ),
                    models.Index(
                        condition=models.Q(("agency__isnull", True)),
                        fields=["year", "region", "stage", "business"],
                        name="reach_tally_anyone_region",
                    ),
                    models.Index(
                        fields=["year", "agency", "region", "stage", "business"],
                        name="reach_tally_agency",
                    ),
                    models.Index(fields=["business"], name="reach_tally_business"),
                ],
            },
        ),
        migrations.CreateModel(
            name="RecencyTally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("listed", models.BooleanField()),
                ("last_supported_on", models.DateField(null=True)),
                (
                    "business",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="recency",
                        to="catalog.business",
                    ),
                ),
                (
                    "region",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="catalog.region",
                    ),
                ),
                (
                    "registering_agency",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="agencies.agency",
                    ),
                ),
            ],
            options={
                "verbose_name": "recency tally",
                "default_permissions": (),
                "indexes": [
                    models.Index(
                        django.db.models.functions.comparison.Coalesce(
                            "last_supported_on",
                            models.Value(datetime.date(1, 1, 1), output_field=models.DateField()),
                        ),
                        models.F("business"),
                        condition=models.Q(("listed", True)),
                        name="recency_tally_listed",
                    )
                ],
            },
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
