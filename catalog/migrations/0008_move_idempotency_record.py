from django.db import migrations


class Migration(migrations.Migration):
    """The idempotency record is the portal's infrastructure, not the catalogue's: the table is
    renamed and the model handed to `umkm_portal` (its migration 0001 takes the state)."""

    dependencies = [
        ("catalog", "0007_product_listing"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("IdempotencyRecord", "umkm_portal_idempotencyrecord"),
            ],
            state_operations=[migrations.DeleteModel("IdempotencyRecord")],
        ),
    ]
