from io import StringIO
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from agencies.models import Agency
from catalog.demo import reference
from catalog.demo.flagships import seed_flagships
from catalog.demo.seeding import seed_accounts, seed_catalogue, seed_reference
from catalog.demo.waiting import seed_waiting
from catalog.models import Business, Designation, Nomination, Product


class Command(BaseCommand):
    help = (
        "Fill the database with the demo: regions, categories, agencies, rubric, accounts, "
        "businesses, products, nominations and designations, then the development record "
        "(seed_demo_support). Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=settings.DEMO_PASSWORD,
            help="Password for every demo account (default: %(default)s); resets them to it.",
        )

    def handle(self, *args: Any, password: str, **options: Any) -> None:
        with transaction.atomic():
            seed_reference()
            users = seed_accounts(password)
            seed_catalogue(users)
            seed_flagships(users)
            seed_waiting(users)
            # The development record's demo, when its app is installed (by name: catalog never
            # imports support); its counts join this report.
            support = StringIO()
            if apps.is_installed("support"):
                call_command("seed_demo_support", password=password, stdout=support)
        self._report(password, support.getvalue())

    def _report(self, password: str, support: str = "") -> None:
        out = self.stdout
        out.write(self.style.SUCCESS("Demo data ready:"))
        out.write(f"  agencies: {Agency.objects.count()}")
        out.write(f"  businesses: {Business.objects.count()}")
        published = Product.objects.published().count()
        out.write(f"  products: {Product.objects.count()} ({published} published)")
        out.write(f"  nominations: {Nomination.objects.count()}")
        current = Designation.objects.current().count()
        out.write(f"  designations: {Designation.objects.count()} ({current} current)")
        if support:
            out.write(support, ending="")
        out.write("")
        out.write(f"Demo accounts (password: {password}):")
        for username, _first, _last, agency_slug, role in reference.ACCOUNTS:
            where = f"{role} at {agency_slug}" if agency_slug else "superuser, administrator"
            out.write(f"  {username:<22} {where}")
