from django.db import migrations, models


class Migration(migrations.Migration):
    """Takes over the idempotency record from the catalogue (catalog 0008 renamed its table)."""

    initial = True

    dependencies = [
        ("catalog", "0008_move_idempotency_record"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="IdempotencyRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=64, unique=True, verbose_name="name")),
                        ("body", models.CharField(max_length=64, verbose_name="body digest")),
                        ("status", models.PositiveSmallIntegerField(verbose_name="status")),
                        ("content", models.BinaryField(verbose_name="content")),
                        (
                            "content_type",
                            models.CharField(max_length=100, verbose_name="content type"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, db_index=True, verbose_name="created at"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "idempotency record",
                        "verbose_name_plural": "idempotency records",
                    },
                ),
            ],
        ),
    ]
