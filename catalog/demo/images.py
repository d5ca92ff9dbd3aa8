"""Product pictures for the demo, drawn with Pillow (nothing is downloaded).

Each picture is a calm colour field of the product's category with a simple motif and the
product's name, so that cards and galleries have something honest to show.
"""

import hashlib
import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 960, 720

PALETTES = {
    # background, motif, text
    "makanan-minuman": ((196, 98, 45), (232, 160, 84), (255, 248, 238)),
    "kerajinan": ((88, 96, 110), (160, 168, 180), (255, 255, 255)),
    "fesyen-kain": ((120, 36, 64), (212, 160, 60), (255, 246, 230)),
    "pertanian-perkebunan": ((46, 104, 58), (140, 190, 90), (250, 255, 240)),
    "perikanan-hasil-laut": ((14, 84, 120), (90, 170, 200), (240, 250, 255)),
    "madu-herbal": ((150, 98, 10), (240, 190, 60), (255, 250, 235)),
    "jasa-wisata": ((0, 110, 130), (250, 210, 120), (255, 255, 255)),
}
DEFAULT_PALETTE = ((11, 93, 102), (242, 177, 52), (255, 255, 255))


def _seed(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def product_picture(*, name: str, business: str, category_slug: str, variant: int = 0) -> bytes:
    """A JPEG of the product's name on its category's colours; deterministic for its inputs."""
    background, motif, ink = PALETTES.get(category_slug, DEFAULT_PALETTE)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    seed = _seed(f"{name}:{variant}")
    # Motif: overlapping circles in the lower right, placed from the name's hash.
    for i in range(6):
        radius = 90 + (seed >> (i * 3)) % 140
        x = WIDTH - 160 - ((seed >> (i * 4)) % 420)
        y = HEIGHT - 120 - ((seed >> (i * 5)) % 300)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=motif, width=10)
    draw.rectangle((0, 0, WIDTH, 14), fill=motif)

    title_font = ImageFont.load_default(size=64)
    small_font = ImageFont.load_default(size=32)
    y = 80
    for line in textwrap.wrap(name, width=22)[:4]:
        draw.text((64, y), line, font=title_font, fill=ink)
        y += 78
    draw.text((64, y + 24), business, font=small_font, fill=ink)
    draw.text((64, HEIGHT - 80), "Etalase UMKM Babel", font=small_font, fill=motif)

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80, optimize=True, progressive=True)
    return buffer.getvalue()
