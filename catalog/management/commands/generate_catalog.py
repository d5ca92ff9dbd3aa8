from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalog.demo import generator

HELP = f"""Fill the database with a large, deterministic catalogue for measuring the portal at
scale: businesses with several products each in every region, category and agency, certificates
(some lapsed), co-curations, shop links, a handful of flagships, and one image row per product
sharing a few picture files. The same --products and --seed give the same rows (dates count from
the start of the day the command runs). Regions, categories, agencies and the rubric are seeded
when missing, so it runs on an empty migrated database or on top of seed_demo, whose rows it
leaves alone. Generated rows belong to the inactive user "{generator.GENERATOR_USERNAME}"; when
some exist the command refuses unless --replace is given, which deletes them first.

Search terms for benchmarks: "{generator.COMMON_TERM}" is in about a quarter of the product names
(many matches), "{generator.RARE_TERM}" in one product in {generator.RARE_EVERY:,} (few matches),
"{generator.MISSPELT_TERM}" is a typo of the town Muntok (no exact match: typo tolerance).

Everything is written in one transaction. PostgreSQL: COPY in batches, then ANALYZE; when the
load at least doubles the product table, the tables' plain indexes and foreign keys are dropped
and built again afterwards (the tables are locked meanwhile): 100k products in about 20 s, 1M
in about 3 minutes (2 cores). Other databases (SQLite): executemany, slower.

When the development record (the `support` app) is installed, its generate_support command then
adds activities, services, referrals and progress in proportion to the businesses."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--products", type=int, required=True, help="How many products to generate."
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the generator (default: %(default)s)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete previously generated products and businesses first.",
        )

    def handle(self, *args: Any, products: int, seed: int, replace: bool, **options: Any) -> None:
        if products < 1:
            raise CommandError("--products must be at least 1.")
        # The development record sits above the catalogue: it is reached by command name only.
        support = apps.is_installed("support")
        if replace and support:  # its rows point at the businesses about to be deleted
            call_command("generate_support", delete=True, stdout=self.stdout)
        try:
            done = generator.generate(
                products=products, seed=seed, replace=replace, progress=self._progress
            )
        except generator.GeneratedRowsExist:
            raise CommandError(
                "Generated products exist already; run again with --replace to regenerate them."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {done.products:,} products ({done.rows:,} rows) in "
                f"{done.seconds:.1f} s: {done.rows / done.seconds:,.0f} rows/s."
            )
        )
        if support:
            call_command("generate_support", seed=seed, replace=True, stdout=self.stdout)

    def _progress(self, done: generator.Progress) -> None:
        if done.step:
            self.stdout.write(f"  {done.step}: {done.seconds:.1f} s")
            return
        self.stdout.write(
            f"  {done.products:>10,} / {done.total:,} products  {done.rows:>11,} rows  "
            f"{done.seconds:7.1f} s  {done.products / done.seconds:>8,.0f} products/s  "
            f"{done.rows / done.seconds:>8,.0f} rows/s"
        )
