"""Invitations nobody has answered yet, so the daily reminders (notifications.reminders) have
something to say about them in the demo: Dinas Kelautan dan Perikanan invited Diskop UKM to
co-curate its kerupuk nine days ago, and Disperindag added a new editor eight days ago who has
not set a password (the account an e-mail invitation makes: agencies.services.invited_account).

Idempotent: the invitation is found by product and agency, the account by its username; a second
run changes nothing. The dates count from the day of the first run."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone

from agencies.models import Agency, Membership, Role
from catalog.models import Collaboration, Product

if TYPE_CHECKING:
    from django.contrib.auth.models import User

#: (product slug, invited agency, contribution, days ago)
INVITATION = (
    "kerupuk-ikan-parang-tempilang-500-g",
    "dinas-koperasi-ukm",
    "pendampingan sertifikasi halal",
    9,
)
#: (e-mail, first name, last name, agency, days ago)
INVITEE = ("dewi.anggraini@disperindag.example.org", "Dewi", "Anggraini", "disperindag", 8)


def seed_waiting(users: dict[str, "User"]) -> None:
    slug, agency_slug, note, days_ago = INVITATION
    product = Product.objects.filter(slug=slug).first()
    if product is not None:
        invitation, created = Collaboration.objects.get_or_create(
            product=product,
            agency=Agency.objects.get(slug=agency_slug),
            defaults={"note": note, "invited_by": users["perikanan.editor"]},
        )
        if created:
            Collaboration.objects.filter(pk=invitation.pk).update(
                invited_at=timezone.now() - timedelta(days=days_ago)
            )
    email, first_name, last_name, agency_slug, days_ago = INVITEE
    user, created = get_user_model().objects.get_or_create(
        username=email,
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if created:
        user.set_unusable_password()
        user.save()
        membership = Membership.objects.create(
            user=user, agency=Agency.objects.get(slug=agency_slug), role=Role.EDITOR
        )
        Membership.objects.filter(pk=membership.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
