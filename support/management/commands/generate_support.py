from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalog.demo.generator import GENERATOR_USERNAME, generator_user
from support import generator

HELP = f"""Add development records to the catalogue that generate_catalog wrote, in proportion to
it, for measuring the dashboard and the business record at scale: about one service per
business a year, an activity for every thirty businesses a year with its participants, and
referrals, snapshots and milestones. The same --seed, catalogue and day give the same rows.
generate_catalog runs this command itself after making the catalogue (and with --replace,
deletes these rows first).

Generated rows belong to the inactive user "{GENERATOR_USERNAME}"; when some exist the command
refuses unless --replace is given, which deletes them first; --delete only deletes them.
Everything is written in one transaction: COPY on PostgreSQL, multi-row INSERTs elsewhere."""


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the generator (default: %(default)s)."
        )
        parser.add_argument(
            "--years",
            type=int,
            default=2,
            help="How many years back the records go (default: %(default)s).",
        )
        parser.add_argument(
            "--replace", action="store_true", help="Delete previously generated records first."
        )
        parser.add_argument(
            "--delete", action="store_true", help="Only delete previously generated records."
        )

    def handle(
        self, *args: Any, seed: int, years: int, replace: bool, delete: bool, **options: Any
    ) -> None:
        if delete:
            generator.delete_generated(generator_user().pk)
            self.stdout.write("Deleted the generated development records.")
            return
        if years < 1:
            raise CommandError("--years must be at least 1.")
        try:
            done = generator.generate(
                seed=seed, years=years, replace=replace, progress=self._progress
            )
        except generator.NoGeneratedBusinesses:
            raise CommandError("No generated businesses: run generate_catalog first.") from None
        except generator.GeneratedRowsExist:
            raise CommandError(
                "Generated development records exist already; run again with --replace."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {done.rows:,} development rows in {done.seconds:.1f} s: "
                f"{done.rows / max(done.seconds, 0.001):,.0f} rows/s."
            )
        )

    def _progress(self, done: generator.Progress) -> None:
        if done.step:
            self.stdout.write(f"  {done.step}: {done.seconds:.1f} s")
        else:
            self.stdout.write(f"  {done.rows:>11,} rows  {done.seconds:7.1f} s")
