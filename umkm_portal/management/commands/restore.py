from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from umkm_portal.backups import BackupError, restore, verify


class Command(BaseCommand):
    help = "Restore a backup made by `backup`: verifies every checksum, then replaces the "
    "database and the media files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the backup folder (backups/backup-YYYYmmdd-HHMMSS)")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument("--check", action="store_true", help="only verify the backup")

    def handle(self, *args: Any, source: str, yes: bool, check: bool, **options: Any) -> None:
        try:
            if check:
                verify(Path(source))
                self.stdout.write(self.style.SUCCESS("The backup is complete and intact."))
                return
            if not yes:
                answer = input("This replaces the database and all media files. Type 'yes': ")
                if answer.strip() != "yes":
                    raise CommandError("Nothing was restored.")
            manifest = restore(Path(source))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created_at']} from {source}")
        )
