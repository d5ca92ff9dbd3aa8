"""Media on S3-compatible object storage (chosen by S3_BUCKET, see the settings).

The files live in the bucket, but their addresses stay the portal's own (MEDIA_URL, `/media/`):
the portal streams them (umkm_portal.views.app.media), so every page loads its images from its own
origin (`img-src 'self'`, docs/architecture.md §7), the bucket stays private and no address carries
a signature that expires. A load balancer or CDN in front of the portal may cache `/media/` (every
name is made once by the server and never reused), or route it straight to the bucket on the same
host.
"""

import mimetypes
from urllib.parse import urljoin

from botocore.exceptions import ClientError
from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

#: Shown by browsers; anything else (a decree PDF) is a download, never a page of ours.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp"}


class S3MediaStorage(S3Storage):
    def url(
        self,
        name: str,
        parameters: dict | None = None,
        expire: int | None = None,
        http_method: str | None = None,
    ) -> str:
        """The portal's own address of the file (MEDIA_URL + name), as FileSystemStorage gives."""
        return urljoin(settings.MEDIA_URL, filepath_to_uri(clean_name(name)).lstrip("/"))

    def get_object_parameters(self, name: str) -> dict:
        """Stored with the object, so that it is served right even when a proxy fetches it
        from the bucket directly."""
        parameters = super().get_object_parameters(name)
        if mimetypes.guess_type(name)[0] not in INLINE_TYPES:
            parameters.setdefault("ContentDisposition", "attachment")
        return parameters

    def fetch(self, name: str, *, if_none_match: str = "") -> dict | None:
        """The object (boto3's get_object answer: `Body`, a stream, `ContentLength`, `ETag`,
        `LastModified`) in one request; `{"NotModified": True, "ETag": ...}` when
        `if_none_match` is still its ETag; None when there is no such object."""
        parameters = {"Bucket": self.bucket_name, "Key": self._normalize_name(clean_name(name))}
        if if_none_match:
            parameters["IfNoneMatch"] = if_none_match
        try:
            return self.connection.meta.client.get_object(**parameters)
        except ClientError as error:
            status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if status == 304:
                return {"NotModified": True, "ETag": if_none_match}
            if status == 404 or error.response.get("Error", {}).get("Code") == "NoSuchKey":
                return None
            raise
