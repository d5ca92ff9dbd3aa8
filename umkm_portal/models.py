from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyRecord(models.Model):
    """The first successful answer to an API POST with an `Idempotency-Key`, written in the same
    transaction as what the POST wrote (`umkm_portal.idempotency`): the write and its record
    commit together or not at all, so a retry finds one exactly when the write happened."""

    #: Digest of who asked, the address and the key.
    name = models.CharField(_("name"), max_length=64, unique=True)
    #: Digest of the content type and body, to refuse the same key for another request.
    body = models.CharField(_("body digest"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status"))
    content = models.BinaryField(_("content"))
    content_type = models.CharField(_("content type"), max_length=100)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")

    def __str__(self) -> str:
        return self.name
