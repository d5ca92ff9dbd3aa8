"""How a person wants their notifications: a delivery per kind, and the language they read in."""

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from notifications.models import Delivery, Kind, Preference, Reader


class PreferencesForm(forms.Form):
    def __init__(self, data=None, *, user) -> None:
        self.user = user
        chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
        reader = Reader.objects.filter(user=user).first()
        initial = {"language": reader.language if reader else settings.LANGUAGE_CODE}
        initial |= {kind: chosen.get(kind, Delivery.IMMEDIATE) for kind in Kind.values}
        super().__init__(data, initial=initial)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of notifications and e-mails"), choices=settings.LANGUAGES
        )
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, widget=forms.RadioSelect
            )

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[kind] for kind in Kind.values]

    @transaction.atomic
    def save(self) -> None:
        Reader.objects.update_or_create(
            user=self.user, defaults={"language": self.cleaned_data["language"]}
        )
        for kind in Kind.values:
            Preference.objects.update_or_create(
                user=self.user, kind=kind, defaults={"delivery": self.cleaned_data[kind]}
            )
