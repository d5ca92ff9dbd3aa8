"""Declining and cancelling a referral say why: the workflow asks for the note, and the database
refuses a declined or cancelled referral without one even when Python is bypassed."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from support.models import Referral

pytestmark = pytest.mark.django_db

R = Referral.Status


@pytest.mark.parametrize(
    ("status", "stamps"),
    [
        (R.DECLINED, {"answered_at": "now"}),
        (R.CANCELLED, {"cancelled_at": "now"}),
    ],
)
def test_the_database_refuses_a_step_without_its_reason(record, status, stamps):
    values = {name: timezone.now() for name in stamps}
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=record.referral.pk).update(status=status, **values)
    record.referral.refresh_from_db()
    assert record.referral.status == R.SENT


@pytest.mark.parametrize(
    ("status", "fields"),
    [
        (R.DECLINED, {"answered_at": None, "answer_note": "Di luar bidang kami"}),
        (R.CANCELLED, {"cancelled_at": None, "cancel_note": "Sudah ditangani"}),
    ],
)
def test_the_same_step_with_its_reason_is_kept(record, status, fields):
    values = {name: value or timezone.now() for name, value in fields.items()}
    Referral.objects.filter(pk=record.referral.pk).update(status=status, **values)
    record.referral.refresh_from_db()
    assert record.referral.status == status
