"""The rows of a generated catalogue, business by business, as plain dicts (attname: value).

Everything comes from one `random.Random(seed)` drawn in a fixed order, and every date from
`anchor` (the start of the generating day), so the same seed and size give the same rows; ids are
assigned here from the given starting points, slugs carry the row's serial number.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Model
from django.utils.text import slugify

from catalog.models import (
    Business,
    Certificate,
    Collaboration,
    Designation,
    Nomination,
    NominationEvent,
    Product,
    ProductImage,
    ProductLink,
)

from . import vocabulary as words
from .flagships import flagship_rows

CERTIFICATE_TERMS = {  # kind: (number prefix, validity in years or None)
    "halal": ("ID1311", None),
    "pirt": ("P-IRT", 5),
    "bpom": ("BPOM RI MD", 5),
    "sni": ("SNI", 4),
    "merek": ("IDM", 10),
    "ig": ("IG", None),
}
STATUSES = words.Weighted({"published": 88, "draft": 8, "archived": 4})
SCALES = words.Weighted({"mikro": 70, "kecil": 22, "menengah": 8})
COLLABORATION_STATUSES = words.Weighted({"accepted": 75, "pending": 10, "declined": 10, "ended": 5})
LINK_KINDS = {
    "tokopedia": "https://www.tokopedia.com/{shop}",
    "shopee": "https://shopee.co.id/{shop}",
    "ekatalog": "https://e-katalog.lkpp.go.id/katalog/produk/{serial}",
    "padi": "https://padiumkm.id/produk/{serial}",
    "tiktok": "https://www.tiktok.com/@{shop}",
}
LINKS = words.Zipf(LINK_KINDS)
PRODUCTS = words.Zipf(words.PRODUCTS)
#: The most common product of each category.
FIRST_OF_CATEGORY = list({kind[1]: kind for kind in reversed(words.PRODUCTS)}.values())[::-1]
ADJECTIVES = words.Zipf(words.ADJECTIVES, s=0.8)
PLACES = {region: words.Zipf(places) for region, places in words.PLACES.items()}
REGIONS = words.Weighted(words.REGION_WEIGHTS)
MODELS = (Business, Product, ProductImage, Certificate, Collaboration, ProductLink)
FLAGSHIP_MODELS = (Nomination, NominationEvent, Designation)
YEAR = 365 * 24 * 3600

#: A row to write: attname: value.
Row = dict[str, Any]


@dataclass
class References:
    """Ids of the reference rows by slug, the generating user and the shared pictures."""

    regions: dict[str, int]
    region_names: dict[str, str]
    categories: dict[str, int]
    agencies: dict[str, int]
    user_id: int
    pictures: dict[str, list[tuple[str, int, int]]]  # category slug: [(name, width, height)]


@dataclass
class Batch:
    rows: dict[type[Model], list[Row]] = field(
        default_factory=lambda: {model: [] for model in MODELS + FLAGSHIP_MODELS}
    )
    products: int = 0

    def add(self, model: type[Model], row: Row) -> None:
        self.rows[model].append(row)


class CatalogueRows:
    def __init__(
        self,
        *,
        products: int,
        seed: int,
        refs: References,
        next_ids: dict[type[Model], int],
        anchor: datetime,
    ) -> None:
        self.total, self.refs, self.anchor = products, refs, anchor
        self.today: date = anchor.date()
        self.rng = random.Random(seed)
        self.ids = dict(next_ids)  # model: next id
        self.flagship_every = max(1, products // 12)
        self.flagships = 0
        self.agency_slugs = sorted(refs.agencies)
        self.region_slugs = sorted(refs.regions)
        self.covering = max(len(self.agency_slugs), len(self.region_slugs), len(FIRST_OF_CATEGORY))

    def next_id(self, model: type[Model]) -> int:
        self.ids[model] += 1
        return self.ids[model] - 1

    def batches(self, size: int) -> Iterator[Batch]:
        """Batches of about `size` products (whole businesses), until `products` are made."""
        batch, made, serial = Batch(), 0, 0
        while made < self.total:
            count = min(self.total - made, 1 + min(int(self.rng.expovariate(1 / 3)), 15))
            self.business(batch, serial, made, count)
            made, serial = made + count, serial + 1
            batch.products += count
            if batch.products >= size:
                yield batch
                batch = Batch()
        if batch.products:
            yield batch

    def when(self, years: float, after: datetime | None = None) -> datetime:
        """A moment within `years` before the anchor (and after `after`, when given)."""
        earliest = after or self.anchor - timedelta(seconds=int(years * YEAR))
        span = int((self.anchor - earliest).total_seconds())
        return earliest + timedelta(seconds=self.rng.randrange(max(span, 1)))

    def business(self, batch: Batch, serial: int, first_product: int, count: int) -> None:
        rng, refs = self.rng, self.refs
        region, main, agency = self.business_kind(serial)
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        town = PLACES[region].pick(rng)
        name = rng.choice(words.BUSINESS_PATTERNS).format(
            word=main[0], first=first, last=last, place=town
        )
        created = self.when(4)
        founded = created.year - rng.randrange(0, 20)
        scale = SCALES.pick(rng)
        business = {
            "id": self.next_id(Business),
            "name": name,
            "slug": f"{slugify(name)}-{serial + 1}",
            "owner_name": f"{first} {last}",
            "show_owner": rng.random() < 0.4,
            "nib": f"7{serial + 1:012d}" if rng.random() < 0.8 else "",
            "scale": scale,
            "region_id": refs.regions[region],
            "address": f"{rng.choice(words.STREETS)} No. {rng.randrange(1, 200)}, {town}",
            "phone": f"08{rng.randrange(11, 99)}-{rng.randrange(1000, 9999)}-"
            f"{rng.randrange(1000, 9999)}",
            "whatsapp": (
                f"08{rng.randrange(11, 99)}{rng.randrange(10**7, 10**8)}"
                if rng.random() < 0.85
                else ""
            ),
            "email": f"umkm{serial + 1}@example.com" if rng.random() < 0.5 else "",
            "instagram": f"https://www.instagram.com/umkm{serial + 1}"
            if rng.random() < 0.3
            else "",
            "description": f"{name} adalah usaha {scale} di {town}, {refs.region_names[region]}, "
            f"yang mengolah {main[0].lower()} sejak {founded}.",
            "year_founded": founded,
            "registering_agency_id": refs.agencies[agency],
            "is_active": rng.random() < 0.98,
            "created_by_id": refs.user_id,
            "created_at": created,
            "updated_at": created,
        }
        batch.add(Business, business)
        for position in range(count):
            self.product(batch, business, region, main, first_product + position, position)

    def business_kind(self, serial: int) -> tuple[str, words.Kind, str]:
        """(region slug, main product, registering agency slug). The first few businesses take
        every region, category and agency in turn, so that even a small catalogue has them all."""
        rng = self.rng
        if serial < self.covering:
            region = self.region_slugs[serial % len(self.region_slugs)]
            main = FIRST_OF_CATEGORY[serial % len(FIRST_OF_CATEGORY)]
            return region, main, self.agency_slugs[serial % len(self.agency_slugs)]
        region, main = REGIONS.pick(rng), PRODUCTS.pick(rng)
        agency = words.CATEGORY_AGENCIES[main[1]] if rng.random() < 0.8 else None
        return region, main, agency or rng.choice(self.agency_slugs)

    def product(
        self, batch: Batch, business: Row, region: str, main: words.Kind, serial: int, position: int
    ) -> None:
        rng, refs = self.rng, self.refs
        if serial % words.RARE_EVERY == 17:
            kind = words.RARE_PRODUCT
        else:
            kind = main if position == 0 or rng.random() < 0.6 else PRODUCTS.pick(rng)
        word, category, english, unit, low, high, variants = kind
        place = PLACES[region].pick(rng)
        parts = [word]
        if variants and rng.random() < 0.6:
            parts.append(rng.choice(variants))
        if rng.random() < 0.7:
            parts.append(place)
        if rng.random() < 0.5:
            parts.append(ADJECTIVES.pick(rng))
        name = " ".join(parts)
        price_min = max(500, round((low + (high - low) * rng.random() ** 2) / 500) * 500)
        spread = rng.choice((0, 0, 0, 0.1, 0.2, 0.5, 1.0))
        status = STATUSES.pick(rng)
        if kind is words.RARE_PRODUCT:
            status = "published"  # so that searching the public pages for it finds it
        created = self.when(3, after=business["created_at"])
        english_too = rng.random() < 0.15
        product = {
            "id": self.next_id(Product),
            "business_id": business["id"],
            "name": name,
            "name_en": f"{english} from {place}" if english_too else "",
            "slug": f"{slugify(name)}-{serial + 1}",
            "summary": f"{name} buatan {business['name']}, {place}.",
            "summary_en": f"{english} made by {business['name']} in {place}."
            if english_too
            else "",
            "description": self.description(word, place, region, business["name"]),
            "category_id": refs.categories[category],
            "price_min": price_min,
            "price_max": price_min + round(price_min * spread / 500) * 500,
            "unit": unit,
            "status": status,
            "owner_agency_id": business["registering_agency_id"],
            "published_at": created if status == "published" else None,
            "created_by_id": refs.user_id,
            "updated_by_id": refs.user_id,
            "created_at": created,
            "updated_at": created,
        }
        batch.add(Product, product)
        self.image(batch, product, category, serial)
        self.certificates(batch, product, category, serial)
        self.collaboration(batch, product)
        self.link(batch, product, business, serial)
        public = status == "published" and business["is_active"]
        if public and serial % self.flagship_every == self.flagship_every // 2:
            self.flagships += 1
            flagship_rows(self, batch, product, self.flagships)

    def description(self, word: str, place: str, region: str, business: str) -> str:
        word = word.lower()
        return (
            f"{word.capitalize()} ini dibuat oleh {business} di {place}, "
            f"{self.refs.region_names[region]}, dari bahan baku pilihan petani dan nelayan "
            f"setempat. {self.rng.choice(words.SENTENCES).format(word=word)}"
        )

    def image(self, batch: Batch, product: Row, category: str, serial: int) -> None:
        pictures = self.refs.pictures[category]
        name, width, height = pictures[serial % len(pictures)]
        batch.add(
            ProductImage,
            {
                "id": self.next_id(ProductImage),
                "product_id": product["id"],
                "image": name,
                "width": width,
                "height": height,
                "alt_text": f"Foto kemasan {product['name']}"[:200],
                "order": 0,
                "created_at": product["created_at"],
            },
        )

    def certificates(self, batch: Batch, product: Row, category: str, serial: int) -> None:
        rng = self.rng
        for number, (kind, chance) in enumerate(words.CATEGORY_CERTIFICATES[category]):
            if rng.random() >= chance:
                continue
            prefix, years = CERTIFICATE_TERMS[kind]
            issued_on = self.today - timedelta(days=rng.randrange(30, 2000))
            expires_on = None
            if years:
                expires_on = issued_on + timedelta(days=365 * years)
                if rng.random() < 0.12:  # lapsed early: some pages must show an expired one
                    expires_on = issued_on + timedelta(
                        days=rng.randrange((self.today - issued_on).days)
                    )
            verified = rng.random() < 0.75
            batch.add(
                Certificate,
                {
                    "id": self.next_id(Certificate),
                    "product_id": product["id"],
                    "kind": kind,
                    "number": f"{prefix} {serial + 1:09d}{number}",
                    "issued_on": issued_on,
                    "expires_on": expires_on,
                    "verified_by_id": product["owner_agency_id"] if verified else None,
                    "verified_at": product["created_at"] if verified else None,
                },
            )

    def collaboration(self, batch: Batch, product: Row) -> None:
        rng = self.rng
        if rng.random() >= 0.08:
            return
        owner = product["owner_agency_id"]
        others = [pk for slug, pk in sorted(self.refs.agencies.items()) if pk != owner]
        status = COLLABORATION_STATUSES.pick(rng)
        invited = self.when(0, after=product["created_at"])
        answered = status != "pending"
        user = self.refs.user_id
        batch.add(
            Collaboration,
            {
                "id": self.next_id(Collaboration),
                "product_id": product["id"],
                "agency_id": rng.choice(others),
                "note": rng.choice(words.COLLABORATION_NOTES),
                "status": status,
                "invited_by_id": user,
                "invited_at": invited,
                "answered_by_id": user if answered else None,
                "answered_at": invited if answered else None,
                "ended_by_id": user if status == "ended" else None,
                "ended_at": invited if status == "ended" else None,
            },
        )

    def link(self, batch: Batch, product: Row, business: Row, serial: int) -> None:
        if self.rng.random() >= 0.3:
            return
        kind = LINKS.pick(self.rng)
        url = LINK_KINDS[kind].format(shop=business["slug"][:80], serial=serial + 1)
        batch.add(
            ProductLink,
            {
                "id": self.next_id(ProductLink),
                "product_id": product["id"],
                "kind": kind,
                "url": url,
                "order": 0,
            },
        )
