"""`notifications/`: a person's own notifications, and how they want them delivered (issue 15).

Everything the workspace's notification pages do, the API does too, through the same queryset
(`Notification.objects.of(user)`: another person's notification is a 404, never a 403) and the
same functions (`notifications.preferences`):

- `GET notifications/` unread first, then newest; `?unread=true` only the unread, `false` only
  the read; paginated like every list.
- `GET notifications/<id>/`; `POST notifications/<id>/read/` answers it as it is afterwards.
- `POST notifications/read-all/` answers `{count}`: how many it marked.
- `GET` and `PUT notifications/preferences/`: the language and a delivery per kind.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications import preferences
from notifications.forms import languages
from notifications.models import Delivery, Kind, Notification
from umkm_portal.signed_in import SignedInRequest

# The API's conventions, as the catalogue's API keeps them (catalog/api/base.py); written out here
# because the notifications sit below the catalogue (tests/test_layering.py) -------------------

#: The error answers the API documents, as every resource documents them (the `Error` component
#: is the catalogue's: `{detail}`).
ERRORS = {
    400: (
        {
            "type": "object",
            "description": _("Messages by field; `non_field_errors` for those of no single field."),
            "additionalProperties": {},
        },
        _("Invalid input, with a list of messages for each field at fault."),
    ),
    401: (
        {"$ref": "#/components/schemas/Error"},
        _("No credentials: send `Authorization: Token <token>`."),
    ),
    404: ({"$ref": "#/components/schemas/Error"}, _("Unknown, or not visible to you.")),
}


def answers(ok: dict[int, Any], *codes: int) -> dict[int, Any]:
    """`responses=` for `extend_schema`: the success answer and the errors `codes`."""
    return ok | {
        code: OpenApiResponse(ERRORS[code][0], description=ERRORS[code][1]) for code in codes
    }


def enum_field(component: str, choices: Sequence[tuple[str, Any]]) -> type[drf.ChoiceField]:
    """A choice field class the schema documents as the enum `component` (left to itself,
    drf-spectacular would name enums after field names). One class per component: it tells two
    classes of one name apart."""
    schema = {"type": "string", "enum": [str(value) for value, _label in choices]}
    field_class = type(f"{component}Field", (drf.ChoiceField,), {})
    return extend_schema_field(schema, component_name=component)(field_class)


class StrictFields(drf.Serializer):
    """Refuses a field it does not know with a 400 naming it, instead of ignoring it: a client
    must never believe it set something it did not."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                message = _("This field cannot be changed here.")
                raise drf.ValidationError({name: [message] for name in unknown})
        return super().to_internal_value(data)


class TrueOrFalse(forms.NullBooleanField):
    """`true` / `false` (or `1` / `0`); any other value is an error instead of "no filter"."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter true or false.")}
    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        try:
            return self.VALUES[str(value).lower()]
        except KeyError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class TrueOrFalseFilter(django_filters.BooleanFilter):
    field_class = TrueOrFalse


# The resource -----------------------------------------------------------------------------------

KindField = enum_field("NotificationKindEnum", Kind.choices)
DeliveryField = enum_field("NotificationDeliveryEnum", Delivery.choices)
LanguageField = enum_field("NotificationLanguageEnum", languages())


class NotificationSerializer(drf.ModelSerializer):
    """One notification, in the language it was written in for its recipient."""

    kind = KindField(choices=Kind.choices, read_only=True)
    kind_label = drf.CharField(source="get_kind_display", read_only=True)
    link = drf.CharField(
        read_only=True, help_text=_("A path in the portal (the workspace page it is about).")
    )
    unread = drf.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "kind_label", "title", "body", "link", "created_at", "read_at",
                  "unread", "language"]  # fmt: skip
        read_only_fields = fields

    def get_unread(self, notification: Notification) -> bool:
        return notification.read_at is None


class MarkedSerializer(drf.Serializer):
    count = drf.IntegerField(help_text=_("How many notifications were unread and are read now."))


class DeliveriesSerializer(StrictFields):
    """How each kind of notification reaches the person by e-mail: at once, in the daily digest,
    or not at all (it always appears in the workspace)."""

    def get_fields(self) -> dict[str, drf.Field]:
        return {
            kind.value: DeliveryField(
                choices=Delivery.choices, required=False, help_text=kind.label
            )
            for kind in Kind
        }


class PreferencesSerializer(StrictFields):
    """The language new notifications and e-mails are written in, and the delivery of each kind.
    A PUT names the language and the deliveries it changes: a kind it leaves out keeps its
    delivery (so a client that predates a new kind still works)."""

    language = LanguageField(choices=languages())
    deliveries = DeliveriesSerializer()


class NotificationFilter(django_filters.FilterSet):
    unread = TrueOrFalseFilter(
        method="filter_unread",
        label=_("true: only the unread; false: only those already read."),
    )

    class Meta:
        model = Notification
        fields: list[str] = []

    def filter_unread(
        self, queryset: QuerySet[Notification], name: str, value: bool
    ) -> QuerySet[Notification]:
        return queryset.filter(read_at__isnull=value)


@extend_schema_view(
    list=extend_schema(
        responses=answers({200: NotificationSerializer}, 400, 401),
        description=_("Your notifications: unread first, then the newest."),
    ),
    retrieve=extend_schema(
        responses=answers({200: NotificationSerializer}, 401, 404),
        description=_("One of your notifications (looking at it does not mark it read)."),
    ),
)
class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The signed-in person's own notifications; anyone else's are unknown (404)."""

    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = NotificationFilter
    lookup_value_converter = "int"  # the router is told to use path converters

    def get_queryset(self) -> QuerySet[Notification]:
        return Notification.objects.of(self.request.user).inbox_order()

    def filter_queryset(self, queryset: QuerySet[Notification]) -> QuerySet[Notification]:
        # The filter narrows the list only: a notification's own address finds it read or not.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    @extend_schema(
        request=None,
        responses=answers({200: NotificationSerializer}, 401, 404),
        description=_("Mark the notification read (a read one stays as it was)."),
    )
    @action(detail=True, methods=["post"])
    def read(self, request: SignedInRequest, pk: str | None = None) -> Response:
        notification = self.get_object()
        Notification.objects.filter(pk=notification.pk).mark_read()
        notification.refresh_from_db(fields=["read_at"])
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        request=None,
        responses=answers({200: MarkedSerializer}, 401),
        description=_("Mark every unread notification of yours read."),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: SignedInRequest) -> Response:
        count = Notification.objects.of(request.user).mark_read()
        return Response(MarkedSerializer({"count": count}).data)


class PreferencesView(APIView):
    """`notifications/preferences/`: what the settings page shows and saves."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser]  # `deliveries` is an object: JSON only
    serializer_class = PreferencesSerializer

    @staticmethod
    def shown(request: SignedInRequest) -> Response:
        chosen = preferences.chosen_by(request.user)
        data: dict[str, Any] = {"language": chosen.language, "deliveries": chosen.deliveries}
        return Response(PreferencesSerializer(data).data)

    @extend_schema(
        responses=answers({200: PreferencesSerializer}, 401),
        description=_("Your language and the delivery of each kind (every kind listed)."),
    )
    def get(self, request: SignedInRequest) -> Response:
        return self.shown(request)

    @extend_schema(
        request=PreferencesSerializer,
        responses=answers({200: PreferencesSerializer}, 400, 401),
        description=_(
            "Choose the language and the deliveries; kinds left out of `deliveries` keep theirs."
        ),
    )
    def put(self, request: SignedInRequest) -> Response:
        body = PreferencesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        chosen = body.validated_data
        preferences.choose(
            user=request.user, language=chosen["language"], deliveries=chosen["deliveries"]
        )
        return self.shown(request)
