"""Form fields, and the reading of filter forms, that the workspace's forms share."""

from typing import Any

from django import forms

from catalog.search import clean_query


class SearchField(forms.CharField):
    """Free text as search uses it: optional, single-spaced, bounded length (no length error)."""

    widget = forms.SearchInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> str:
        return clean_query(super().clean(value))


def valid_filters(form: forms.Form) -> dict[str, Any]:
    """The filter values that are valid; an invalid one stays on the form as its error."""
    form.is_valid()
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}
