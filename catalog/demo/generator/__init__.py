"""A large, deterministic catalogue for measuring the portal at scale (`manage.py
generate_catalog`): businesses with several products each, across every region, category and
agency, with certificates (some lapsed), co-curations, shop links, one shared picture per product
and a handful of flagships. Rows written by the generator belong to its own inactive user
(GENERATOR_USERNAME), which is how a later run finds and replaces them.
"""

import time as timer
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from agencies.models import Agency
from catalog.demo.seeding import seed_reference
from catalog.models import Category, Product, Region
from umkm_portal import public_cache

from . import loading
from .indexes import deferred_indexes
from .pictures import shared_pictures
from .rows import FLAGSHIP_MODELS, MODELS, CatalogueRows, References
from .vocabulary import COMMON_TERM, MISSPELT_TERM, RARE_EVERY, RARE_TERM

if TYPE_CHECKING:
    from django.contrib.auth.models import User

GENERATOR_USERNAME = "catalog.generator"
BATCH_PRODUCTS = 20_000

__all__ = [
    "COMMON_TERM",
    "MISSPELT_TERM",
    "RARE_EVERY",
    "RARE_TERM",
    "GeneratedRowsExist",
    "generate",
]


class GeneratedRowsExist(Exception):
    """Generated products are present and the caller did not ask to replace them."""


@dataclass
class Progress:
    products: int
    total: int
    rows: int
    seconds: float
    step: str = ""  # what was just done, when it was not writing rows


def generator_user() -> "User":
    user, created = get_user_model().objects.get_or_create(
        username=GENERATOR_USERNAME,
        defaults={"first_name": "Generator", "last_name": "Katalog", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def generate(
    *,
    products: int,
    seed: int = 1,
    replace: bool = False,
    progress: Callable[[Progress], None] | None = None,
) -> Progress:
    """Write `products` generated products (and their businesses and the rest) in one
    transaction. Refuses with GeneratedRowsExist when generated products exist, unless `replace`
    (then they are deleted first). Reference data is seeded when missing."""
    started = timer.monotonic()
    seed_reference()
    user = generator_user()
    refs = _references(user.pk, shared_pictures())
    anchor = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    done = Progress(0, products, 0, 0.0)
    with transaction.atomic():
        if Product.objects.filter(created_by=user).exists():
            if not replace:
                raise GeneratedRowsExist
            loading.delete_generated(connection, user.pk)
        models = MODELS + FLAGSHIP_MODELS
        rows = CatalogueRows(
            products=products,
            seed=seed,
            refs=refs,
            next_ids=loading.next_ids(models),
            anchor=anchor,
        )
        # Building indexes afterwards pays when the load at least doubles the table.
        rebuild = products >= Product.objects.count()
        with deferred_indexes(connection, MODELS, enabled=rebuild):
            _load(rows, loading.writer_for(connection), models, done, progress, started)
        loading.reset_sequences(connection, models)
        if rebuild:
            _report(done, progress, started, "indexes and foreign keys built")
    loading.analyze(connection, models)
    public_cache.catalog_changed()  # raw writes send no signal: cached public pages are stale
    done.seconds = timer.monotonic() - started
    return done


def _load(rows, writer, models, done, progress, started):
    for batch in rows.batches(BATCH_PRODUCTS):
        for model in models:
            writer.write(model, batch.rows[model])
        done.products += batch.products
        done.rows += sum(len(model_rows) for model_rows in batch.rows.values())
        _report(done, progress, started)


def _report(done, progress, started, step=""):
    done.seconds, done.step = timer.monotonic() - started, step
    if progress:
        progress(done)


def _references(user_id, pictures) -> References:
    regions = Region.objects.all()
    return References(
        regions={region.slug: region.pk for region in regions},
        region_names={region.slug: region.name for region in regions},
        categories=dict(Category.objects.values_list("slug", "pk")),
        agencies=dict(Agency.objects.values_list("slug", "pk")),
        user_id=user_id,
        pictures=pictures,
    )
