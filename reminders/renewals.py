"""A date moved is a new date to remind of: a certificate renewed by editing its expiry in place,
a designation or an agreement extended, an obligation or a referral given a new due date. The
Reminder rows say which thresholds went out for an object, not for which date; when the date an
object is reminded of changes, its rows of that kind are cleared, so the new date gets its
thresholds again (a renewed certificate is reminded 60, 30 and 7 days before its new expiry).

Every save goes through the model (forms, services, the API, imports, the admin), so a pre_save
receiver sees them all; the one query it costs reads the stored date of an existing row."""

from django.db.models import Model
from django.db.models.signals import pre_save

from catalog.models import Certificate, Designation
from notifications.models import Kind, Reminder
from support.models import Agreement, Obligation, Referral

#: model → (the reminder kind about it, the date field that kind reminds of)
DATED: dict[type[Model], tuple[Kind, str]] = {
    Certificate: (Kind.CERTIFICATE_EXPIRING, "expires_on"),
    Designation: (Kind.DESIGNATION_ENDING, "valid_until"),
    Agreement: (Kind.AGREEMENT_ENDING, "valid_until"),
    Obligation: (Kind.OBLIGATION_DUE, "due_on"),
    Referral: (Kind.REFERRAL_OVERDUE, "due_on"),
}


def forget_reminders_of_a_moved_date(sender: type[Model], instance: Model, **kwargs) -> None:
    if instance.pk is None or kwargs.get("raw"):
        return
    kind, field = DATED[sender]
    stored = sender._default_manager.filter(pk=instance.pk).values_list(field, flat=True).first()
    if stored != getattr(instance, field):
        Reminder.objects.filter(kind=kind, object_id=instance.pk).delete()


def connect() -> None:
    for model in DATED:
        pre_save.connect(
            forget_reminders_of_a_moved_date, sender=model, dispatch_uid=f"reminders-{model}"
        )
