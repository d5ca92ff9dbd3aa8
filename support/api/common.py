"""What the development record's work resources share (activities, participants, services,
referrals): the agency a user acts for, choice fields with their labels, and the state checks
the API answers 409 for before it reads a body.

The order of answers is the catalogue API's (catalog.api.base): 401 → 404 (a `visible_to`
queryset) → 403 (a `support.rules` predicate, asked before the payload is read) → 409 (the
object's state) → 400 (the serializer the schema documents, then the service's own validation).
Every write is a call to `support.services`, which checks the right and the state again under
its row lock.
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers as drf
from rest_framework import status, viewsets
from rest_framework.response import Response

from agencies.models import Agency
from catalog.api import base
from catalog.api.serializers import VisibleBusinessField, named_choices
from umkm_portal.signed_in import SignedInRequest

Row = TypeVar("Row")
#: A rule of `support.rules` that says whether a user may act as an agency; asked with `None`, it
#: says whether they may act for any agency at all.
AgencyRule = Callable[..., bool]


def creation(
    request: SignedInRequest,
    serializer_class: type[drf.BaseSerializer],
    field: str,
    *,
    may_act: AgencyRule,
) -> tuple[Agency, dict[str, Any]]:
    """What a create asks for, as in the catalogue (`catalog.api.base.creation`): the acting
    agency named in `field`, or the only one where the user edits (403 first: `may_act(user,
    None)` says whether they may act for any agency at all, before the payload is looked at;
    an agency they do not work for is a 403 too, an unknown one a 400), then the rest of the
    payload, validated by `serializer_class` (400)."""
    return base.creation(
        request,
        serializer_class,
        field,
        may_act=may_act,
        may_act_at_all=lambda user: may_act(user, None),
    )


_ENUMS: dict[str, type[drf.ChoiceField]] = {}


def enum(component: str, choices: Sequence[Any], **options: Any) -> drf.ChoiceField:
    """A choice field documented as the enum `component`: distinct names, since several records
    have a `kind` or a `status` of their own. One field class per component, however many
    serializers read or write it (drf-spectacular tells two classes of one name apart)."""
    field_class = _ENUMS.get(component)
    if field_class is None:
        field_class = _ENUMS[component] = type(named_choices(component, choices))
    return field_class(choices=choices, **options)


def choice(component: str, choices: Sequence[Any]) -> drf.ChoiceField:
    """A choice shown by its value, documented as the enum `component`."""
    return enum(component, choices, read_only=True)


@extend_schema_field(OpenApiTypes.STR)
class BusinessField(VisibleBusinessField):
    """A business written by its slug, among those the user may see (any active business)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="slug", **kwargs)


def label(field: str) -> drf.CharField:
    """The human label of the choice field `field`, in the request's language."""
    return drf.CharField(source=f"get_{field}_display", read_only=True)


def username(source: str) -> drf.CharField:
    """Who did something, by username (null when nobody has, or the account is gone)."""
    return drf.CharField(source=f"{source}.username", read_only=True, default=None, allow_null=True)


class ReasonSerializer(drf.Serializer):
    """Why: cancelling an activity, voiding a service."""

    reason = drf.CharField(max_length=2000)


if TYPE_CHECKING:  # what the viewsets they are mixed into give them
    _FilteredViewSet = viewsets.GenericViewSet
else:
    _FilteredViewSet = object


class FiltersNarrowTheList(_FilteredViewSet):
    """The filters narrow the list only: an object's own address finds it whatever they say (a
    voided service, say, without `include_voided`). DRF would apply them in `get_object` too."""

    def filter_queryset(self, queryset: QuerySet[Any, Row]) -> QuerySet[Any, Row]:
        return super().filter_queryset(queryset) if self.action == "list" else queryset


class AnswersAfresh(_FilteredViewSet):
    """A write answers with the object as its own address shows it, read afresh after the change
    (its counts and relations as they are now), before the commit as the catalogue's writes do.
    `answer_serializer` shows it; its `with_related(queryset)` reads what it shows."""

    answer_serializer: Any

    def shown(self, instance: Model, status_code: int = status.HTTP_200_OK) -> Response:
        serializer = self.answer_serializer
        fresh = serializer.with_related(
            type(instance)._default_manager.filter(pk=instance.pk)
        ).get()
        data = serializer(fresh, context=self.get_serializer_context()).data
        return Response(data, status=status_code)
