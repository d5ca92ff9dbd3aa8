from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


def require(allowed: bool, message: str | None = None):
    """PermissionDenied unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message or _("You may not do this."))


def assign(instance, fields: dict, allowed: set[str]):
    """Set the given fields; a field outside `allowed` is refused, never applied."""
    refused = sorted(set(fields) - allowed)
    if refused:
        raise ValidationError({name: _("This field cannot be changed here.") for name in refused})
    for name, value in fields.items():
        setattr(instance, name, value)


def save_valid(instance, by, *, exclude=None):
    """Validate like a form would (field and model constraints), record who, then save."""
    instance.full_clean(exclude=exclude)
    instance._history_user = by  # django-simple-history, also outside a request (API tokens)
    instance.save()
    return instance
