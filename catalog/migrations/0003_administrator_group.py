"""The group "Administrator Produk Unggulan" with the permission that makes its members
provincial administrators, so a real installation has it without the demo."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Administrator Produk Unggulan"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exists now.
    catalog = apps.get_app_config("catalog")
    catalog.models_module = True
    create_permissions(catalog, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="catalog", codename="approve_nomination")
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_postgresql_search"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
