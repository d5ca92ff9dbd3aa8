"""Choices more than one kind of record shares."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Benefit(models.TextChoices):
    NON_FINANCIAL = "non_financial", _("Non-financial")
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    KUR = "kur", _("KUR (people's business credit)")


#: Benefits that move money: an amount in rupiah is required for these, and only for these.
WITH_AMOUNT = (Benefit.GRANT, Benefit.LOAN, Benefit.KUR)


def amount_matches_benefit() -> Q:
    """An amount exactly when the benefit moves money (as a check constraint's condition)."""
    return Q(benefit__in=WITH_AMOUNT, amount__isnull=False, amount__gt=0) | (
        ~Q(benefit__in=WITH_AMOUNT) & Q(amount__isnull=True)
    )
