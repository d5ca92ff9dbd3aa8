"""English names for the rubric's criteria and the categories the portal was seeded with, where
none was entered yet (issue 16): English pages and English API answers show them. Rows that an
administrator renamed or added keep what they hold; the reverse leaves the names in place."""

from django.db import migrations

#: code: (English name, English description), as catalog/demo/reference.py seeds them.
CRITERIA = {
    "bahan_baku_lokal": (
        "Local raw materials",
        "Most of the raw materials come from the Bangka Belitung Islands.",
    ),
    "keunikan": (
        "Uniqueness and local identity",
        "The product reflects the region's culture, history or character and is hard to copy.",
    ),
    "nilai_tambah": ("Value added", "Processing clearly raises the value of the raw materials."),
    "pasar": (
        "Market reach and potential",
        "The markets already reached and the room to widen them.",
    ),
    "kapasitas": (
        "Production capacity and continuity",
        "Able to fill orders regularly at a steady quality.",
    ),
    "mutu_legalitas": (
        "Quality and legality",
        "Valid certificates (halal, P-IRT, BPOM, SNI, trademark) and consistent quality.",
    ),
    "kemasan": (
        "Packaging and design",
        "Packaging that is safe, informative and attractive to buyers.",
    ),
    "dampak": (
        "Economic and social impact",
        "Employs local workers and drives the economy of the surrounding community.",
    ),
}

#: slug: English name.
CATEGORIES = {
    "makanan-minuman": "Food & Drink",
    "kerajinan": "Crafts",
    "fesyen-kain": "Fashion & Textiles (Cual)",
    "pertanian-perkebunan": "Farming & Plantation",
    "perikanan-hasil-laut": "Fish & Seafood",
    "madu-herbal": "Honey & Herbal",
    "jasa-wisata": "Services & Tourism",
}


def fill_english_names(apps, schema_editor):
    Criterion = apps.get_model("catalog", "Criterion")
    Category = apps.get_model("catalog", "Category")
    for code, (name_en, description_en) in CRITERIA.items():
        Criterion.objects.filter(code=code, name_en="").update(name_en=name_en)
        Criterion.objects.filter(code=code, description_en="").update(description_en=description_en)
    for slug, name_en in CATEGORIES.items():
        Category.objects.filter(slug=slug, name_en="").update(name_en=name_en)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0013_product_description_en_criterion_name_en")]

    operations = [migrations.RunPython(fill_english_names, migrations.RunPython.noop)]
