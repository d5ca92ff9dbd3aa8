"""The seven development stages, with stable codes in their order (OKE OCE's "7 TOP")."""

from django.db import migrations

STAGES = [
    ("pendaftaran", "Pendaftaran dan data usaha", "Registration and business data"),
    ("pelatihan", "Pelatihan", "Training"),
    ("pendampingan", "Pendampingan", "Mentoring"),
    ("perizinan", "Perizinan dan sertifikasi", "Licences and certificates"),
    ("pemasaran", "Pemasaran dan akses pasar", "Marketing and market access"),
    ("keuangan", "Pembukuan dan laporan keuangan", "Bookkeeping and financial reports"),
    ("permodalan", "Akses permodalan", "Access to capital"),
]


def seed(apps, schema_editor):
    Stage = apps.get_model("support", "Stage")
    for order, (code, name, name_en) in enumerate(STAGES, start=1):
        Stage.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )


def unseed(apps, schema_editor):
    apps.get_model("support", "Stage").objects.filter(code__in=[s[0] for s in STAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
