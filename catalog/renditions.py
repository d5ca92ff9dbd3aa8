"""When image renditions are made: when the original is saved (imagekit's "optimistic" strategy,
so showing a page never checks or waits for a file), unless RENDITIONS_ON_SAVE is off — the test
suite turns it off except where a test looks at renditions."""

from typing import Any

from django.conf import settings


class RenditionsOnSave:
    def on_source_saved(self, file: Any) -> None:
        if getattr(settings, "RENDITIONS_ON_SAVE", True):
            file.generate()

    def should_verify_existence(self, file: Any) -> bool:
        return False
