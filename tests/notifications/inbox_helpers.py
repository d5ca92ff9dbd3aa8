"""Plain helpers of the inbox, settings and notification API tests (not a test module: tests do
not import each other)."""

from datetime import timedelta

from django.utils import timezone

from notifications.models import Kind, Notification


def notification(recipient, title="Usulan Lada Putih Muntok diajukan", *, read=False, days_ago=0,
                 kind=Kind.NOMINATION_MOVED, link="/ruang-kerja/usulan/1/", body=""):  # fmt: skip
    """A notification of `recipient`, made `days_ago` days ago, unread unless `read`."""
    made = timezone.now() - timedelta(days=days_ago)
    return Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title,
        body=body,
        link=link,
        created_at=made,
        read_at=made + timedelta(minutes=5) if read else None,
        mail=Notification.Mail.NOT_SENT,
    )


def many(recipient, count, *, read_every=3):
    """`count` notifications of `recipient`, one day apart, every `read_every`th one read."""
    return [
        notification(recipient, f"Pemberitahuan {n}", days_ago=n, read=n % read_every == 0)
        for n in range(count)
    ]


def unread_of(user) -> set[int]:
    return set(
        Notification.objects.filter(recipient=user, read_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
