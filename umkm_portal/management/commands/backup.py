from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from umkm_portal.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format, or SQLite) and the media files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="backups", help="folder for the backups")

    def handle(self, *args: Any, output: str, **options: Any) -> None:
        try:
            target = backup(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
