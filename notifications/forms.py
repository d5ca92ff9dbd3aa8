"""How a person wants their notifications: a delivery per kind, and the language they read in."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from notifications import preferences
from notifications.models import Delivery, Kind


def languages() -> list[tuple[str, str]]:
    """Each language by its own name ("Bahasa Indonesia", "English"), as a person looks for it."""
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class PreferencesForm(forms.Form):
    """The settings page's form: the language, then one group of three choices per kind."""

    def __init__(self, data=None, *, user) -> None:
        self.user = user
        chosen = preferences.chosen_by(user)
        super().__init__(data, initial={"language": chosen.language, **chosen.deliveries})
        self.fields["language"] = forms.ChoiceField(
            label=_("Language of notifications and e-mails"),
            help_text=_("New notifications and e-mails are written in it."),
            choices=languages(),
        )
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, widget=forms.RadioSelect
            )

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[kind] for kind in Kind.values]

    def save(self) -> None:
        preferences.choose(
            user=self.user,
            language=self.cleaned_data["language"],
            deliveries={kind: self.cleaned_data[kind] for kind in Kind.values},
        )
