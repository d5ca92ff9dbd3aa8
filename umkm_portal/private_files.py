"""Files in the default storage that no public address reaches.

Everything else in the default storage (images, logos, decree PDFs) is public: the portal serves
it under MEDIA_URL to anyone (umkm_portal.views.app.media). Files of one person — a background
export, an uploaded import — are stored under PRIVATE_DIR instead, which that view refuses (404),
and reach their owner only through a view that checks who asks (the workspace's job download).
On S3 the bucket is private anyway; the refusal keeps the portal's own /media/ from handing them
out."""

import posixpath
import uuid
from pathlib import PurePath

from django.utils import timezone
from django.utils.deconstruct import deconstructible

PRIVATE_DIR = "private"


def is_private(name: str) -> bool:
    """Whether a storage name (or a /media/ path) lies under PRIVATE_DIR."""
    normal = posixpath.normpath("/" + name.replace("\\", "/")).lstrip("/")  # `a/../private`
    return normal.split("/", 1)[0] == PRIVATE_DIR


@deconstructible
class PrivateFileName:
    """An upload_to callable: `private/<folder>/<year>/<month>/<random><suffix>`, a name the
    server makes, never the client's."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance: object, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()[:6]
        return f"{PRIVATE_DIR}/{self.folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PrivateFileName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)
