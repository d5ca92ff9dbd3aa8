"""Seeding the demo: reference data, accounts and the catalogue. Every step is idempotent:
rows are found by their natural key (slug, code, username) and brought up to date."""

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from agencies.models import Agency, Membership
from catalog import rules
from catalog.models import (
    Business,
    Category,
    Certificate,
    Collaboration,
    Criterion,
    Product,
    ProductImage,
    Region,
)
from catalog.models.base import today

from . import reference
from .data import BUSINESSES
from .images import product_picture

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User
else:
    User = get_user_model()

#: The demo account who registers an agency's data, by agency slug.
AGENCY_CLERKS = {
    "dinas-pertanian": "pertanian.editor",
    "dinas-kelautan-perikanan": "perikanan.editor",
    "dinas-koperasi-ukm": "koperasi.editor",
}

#: The demo manager who answers an agency's invitations, by agency slug.
AGENCY_MANAGERS = {
    "dinas-pertanian": "pertanian.manager",
    "dinas-koperasi-ukm": "koperasi.manager",
}

CERTIFICATE_TERMS = {  # kind: (issuer prefix, validity in years or None)
    "halal": ("ID1311", None),
    "pirt": ("P-IRT", 5),
    "bpom": ("BPOM RI MD", 5),
    "sni": ("SNI", 4),
    "merek": ("IDM", 10),
    "ig": ("IG", None),
}

#: Certificates whose expiry the demo sets on purpose, in days from the day it runs (negative:
#: lapsed), so the development dashboard has its certificate gaps (support/demo/data.py): Rusip
#: Mak Senah, nominated, lets both its P-IRTs lapse; one P-IRT of Sirup Jeruk Kunci expires soon
#: with nobody renewing it, one of Keripik Singkong expires soon while Diskop UKM renews it.
CERTIFICATE_EXPIRY = {
    ("rusip-ikan-bilis-botol-250-ml", "pirt"): -40,
    ("sambal-rusip-siap-saji-150-g", "pirt"): -40,
    ("sirup-jeruk-kunci-asli-620-ml", "pirt"): 45,
    ("keripik-singkong-balado-250-g", "pirt"): 60,
}


def _digits(text: str, length: int) -> str:
    return str(int(hashlib.sha256(text.encode()).hexdigest(), 16))[:length]


def seed_reference() -> None:
    for order, (slug, name, seat) in enumerate(reference.REGIONS):
        Region.objects.update_or_create(
            slug=slug, defaults={"name": name, "seat": seat, "order": order}
        )
    for order, (slug, name, name_en, description) in enumerate(reference.CATEGORIES):
        Category.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "name_en": name_en, "description": description, "order": order},
        )
    for slug, name, short_name, leading, description in reference.AGENCIES:
        Agency.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short_name,
                "is_leading_sector": leading,
                "description": description,
                "address": reference.AGENCY_ADDRESS,
            },
        )
    for order, (code, name, name_en, description, description_en) in enumerate(reference.CRITERIA):
        Criterion.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "order": order,
                "is_active": True,
            },
        )


def seed_accounts(password: str) -> dict[str, User]:
    group = rules.administrator_group()
    users: dict[str, User] = {}
    for username, first_name, last_name, agency_slug, role in reference.ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first_name, last_name
        user.email = f"{username}@umkm.example.org"
        user.is_active = True
        user.set_password(password)
        if agency_slug is None:
            user.is_staff = user.is_superuser = True
        user.save()
        if agency_slug is None or role is None:  # the administrator (both are None)
            user.groups.add(group)
        else:
            # Saved only when new or changed, so a second run writes no history.
            membership, _created = Membership.objects.get_or_create(
                user=user, agency=Agency.objects.get(slug=agency_slug), defaults={"role": role}
            )
            if membership.role != role:
                membership.role = role
                membership.save()
        users[username] = user
    return users


def seed_catalogue(users: dict[str, User]) -> None:
    regions = {region.slug: region for region in Region.objects.all()}
    categories = {category.slug: category for category in Category.objects.all()}
    agencies = {agency.slug: agency for agency in Agency.objects.all()}
    for index, entry in enumerate(BUSINESSES):
        agency = agencies[entry["registering_agency"]]
        clerk = users[AGENCY_CLERKS.get(agency.slug, "admin")]
        business, _ = Business.objects.update_or_create(
            slug=slugify(entry["name"]),
            defaults={
                "name": entry["name"],
                "owner_name": entry["owner_name"],
                "show_owner": entry["show_owner"],
                "nib": entry["nib"],
                "scale": entry["scale"],
                "region": regions[entry["region"]],
                "address": entry["address"],
                "phone": entry["phone"],
                "whatsapp": entry["whatsapp"],
                "email": entry["email"],
                "description": entry["description"],
                "year_founded": entry["year_founded"],
                "registering_agency": agency,
                "is_active": True,
                "created_by": clerk,
            },
        )
        for position, item in enumerate(entry["products"]):
            product = _seed_product(business, agency, clerk, item, categories, index + position)
            _seed_collaborations(product, item, agencies, clerk, users)
            _seed_certificates(product, item, agency, index + position)
            _seed_images(product, business, item)


def _seed_product(business, agency, clerk, item, categories, serial) -> Product:
    published = item["status"] == Product.Status.PUBLISHED
    product, created = Product.objects.update_or_create(
        slug=slugify(item["name"]),
        defaults={
            "business": business,
            "name": item["name"],
            "name_en": item.get("name_en", ""),
            "summary": item["summary"],
            "summary_en": item.get("summary_en", ""),
            "description": item["description"],
            "category": categories[item["category"]],
            "price_min": item["price_min"],
            "price_max": item["price_max"],
            "unit": item["unit"],
            "status": item["status"],
            "owner_agency": agency,
            "created_by": clerk,
            "updated_by": clerk,
        },
    )
    if created:
        # Spread creation over the past year so "newest" means something in the demo.
        created_at = timezone.now() - timedelta(days=(serial * 37) % 360, hours=serial % 24)
        # An archived demo product was listed once (its page now answers 410 "no longer listed").
        listed_once = published or item["status"] == Product.Status.ARCHIVED
        Product.objects.filter(pk=product.pk).update(
            created_at=created_at, published_at=created_at if listed_once else None
        )
    return product


def _seed_collaborations(product, item, agencies, clerk, users):
    for agency_slug, note in item.get("collaborators", []):
        agency = agencies[agency_slug]
        manager = users[AGENCY_MANAGERS.get(agency_slug, "admin")]
        collaboration, created = Collaboration.objects.get_or_create(
            product=product,
            agency=agency,
            defaults={
                "note": note,
                "status": Collaboration.Status.ACCEPTED,
                "invited_by": clerk,
                "answered_by": manager,
                "answered_at": timezone.now(),
            },
        )
        if created:
            # Co-curation began a week after the product was registered (its backdated
            # creation), so records read it before the nominations that rest on it.
            registered = Product.objects.values_list("created_at", flat=True).get(pk=product.pk)
            Collaboration.objects.filter(pk=collaboration.pk).update(
                invited_at=min(registered + timedelta(days=5), timezone.now()),
                answered_at=min(registered + timedelta(days=7), timezone.now()),
            )


def _seed_certificates(product, item, agency, serial):
    for kind in item.get("certificates", []):
        prefix, years = CERTIFICATE_TERMS[kind]
        issued_on = today() - timedelta(days=200 + (serial * 53) % 1400)
        expires_on = None
        if years:
            expires_on = issued_on.replace(year=issued_on.year + years, day=min(issued_on.day, 28))
            if serial % 7 == 5:  # some have lapsed, so the pages can show an expired one
                expires_on = today() - timedelta(days=15 + serial)
        if (product.slug, kind) in CERTIFICATE_EXPIRY:
            expires_on = today() + timedelta(days=CERTIFICATE_EXPIRY[product.slug, kind])
        number = f"{prefix} {_digits(product.slug + kind, 12)}"
        Certificate.objects.update_or_create(
            product=product,
            kind=kind,
            defaults={
                "number": number,
                "issued_on": issued_on,
                "expires_on": expires_on,
                # Every fourth certificate is self-declared; the rest were checked by the agency.
                "verified_by": None if serial % 4 == 3 else agency,
                "verified_at": None if serial % 4 == 3 else timezone.now(),
            },
        )


def _seed_images(product, business, item):
    if product.images.exists():
        return
    # A second picture for every third published product, so galleries have something to page.
    pictures = 2 if item["status"] == "published" and product.pk % 3 == 0 else 1
    for variant in range(pictures):
        picture = product_picture(
            name=product.name,
            business=business.name,
            category_slug=item["category"],
            variant=variant,
        )
        image = ProductImage(product=product, alt_text=_alt_text(product, variant), order=variant)
        image.image.save(f"{product.slug}-{variant}.jpg", ContentFile(picture), save=False)
        image.save()


def _alt_text(product, variant) -> str:
    if variant == 0:
        return f"Foto kemasan {product.name}"
    return f"{product.name} dari {product.business.name}"
