"""The few picture files every generated product shares: PICTURES_PER_CATEGORY per category,
stored once through the default storage with their WebP renditions, under fixed names so that
generated rows (and a later run) point at them without drawing or resizing anything again.

Rendition names follow from the source file's name and the spec (imagekit's
`source_name_as_path` namer), so a row that names one of these files finds its renditions."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from catalog.demo.images import product_picture
from catalog.models import Category, ProductImage

FOLDER = "products/generated"
PICTURES_PER_CATEGORY = 2


def shared_pictures() -> dict[str, list[tuple[str, int, int]]]:
    """{category slug: [(file name, width, height)]}, making the files that are missing."""
    pictures: dict[str, list[tuple[str, int, int]]] = {}
    for category in Category.objects.order_by("order", "slug"):
        pictures[category.slug] = [
            _picture(category, variant) for variant in range(PICTURES_PER_CATEGORY)
        ]
    return pictures


def _picture(category: Category, variant: int) -> tuple[str, int, int]:
    name = f"{FOLDER}/{category.slug}-{variant + 1}.jpg"
    if not default_storage.exists(name):
        content = product_picture(
            name=category.name,
            business="Etalase UMKM Babel",
            category_slug=category.slug,
            variant=variant,
        )
        saved = default_storage.save(name, ContentFile(content))
        assert saved == name, f"storage renamed {name} to {saved}"
    with default_storage.open(name) as file, Image.open(file) as source:
        width, height = source.size
    image = ProductImage(image=name, width=width, height=height)
    for spec_width in ProductImage.RENDITION_WIDTHS:
        rendition = getattr(image, f"w{spec_width}")
        if not rendition.storage.exists(rendition.name):
            rendition.generate(force=True)
    return name, width, height
