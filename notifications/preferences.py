"""What a person chose: the language they read notifications in and, per kind, how notifications
reach them by e-mail. The settings page and the API read and write them through these two
functions, so both say and do the same."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from notifications.models import Delivery, Kind, Preference, Reader

if TYPE_CHECKING:  # the model AUTH_USER_MODEL names, as the Django plugin resolves it
    from django.contrib.auth.models import User

#: Without a row: e-mail at once (notifications.services.notify does the same).
DEFAULT_DELIVERY = Delivery.IMMEDIATE


@dataclass(frozen=True)
class Choices:
    language: str
    #: Every kind, with the delivery chosen or the default.
    deliveries: dict[str, str]


def chosen_by(user: "User") -> Choices:
    """`user`'s choices, every kind included (two queries)."""
    saved = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    language = (
        Reader.objects.filter(user=user).values_list("language", flat=True).first()
        or settings.LANGUAGE_CODE
    )
    return Choices(
        language=language,
        deliveries={kind: saved.get(kind, DEFAULT_DELIVERY) for kind in Kind.values},
    )


@transaction.atomic
def choose(*, user: "User", language: str | None = None, deliveries: Mapping[str, str]) -> None:
    """Save `user`'s language (unless None) and the delivery of each kind in `deliveries`; kinds
    left out keep what they had. The values are valid ones: the form or serializer checked them."""
    if language is not None:
        Reader.objects.update_or_create(user=user, defaults={"language": language})
    for kind, delivery in deliveries.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
