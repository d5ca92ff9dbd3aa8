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

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, viewsets
from rest_framework import serializers as drf
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications import preferences
from notifications.forms import languages
from notifications.models import Delivery, Kind, Notification
from umkm_portal.api import (
    ObjectJSONParser,
    StrictBooleanFilter,
    StrictFieldsMixin,
    answers,
    named_choices,
)
from umkm_portal.signed_in import SignedInRequest

# The resource -----------------------------------------------------------------------------------


class NotificationSerializer(drf.ModelSerializer):
    """One notification, in the language it was written in for its recipient."""

    kind = named_choices("NotificationKindEnum", Kind.choices, read_only=True)
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


class DeliveriesSerializer(StrictFieldsMixin):
    """How each kind of notification reaches the person by e-mail: at once, in the daily digest,
    or not at all (it always appears in the workspace)."""

    def get_fields(self) -> dict[str, drf.Field]:
        return {
            kind.value: named_choices(
                "NotificationDeliveryEnum", Delivery.choices, required=False, help_text=kind.label
            )
            for kind in Kind
        }


class PreferencesSerializer(StrictFieldsMixin):
    """The language new notifications and e-mails are written in, and the delivery of each kind.
    A PUT names the language and the deliveries it changes: a kind it leaves out keeps its
    delivery (so a client that predates a new kind still works)."""

    language = named_choices("NotificationLanguageEnum", languages())
    deliveries = DeliveriesSerializer()


class NotificationFilter(django_filters.FilterSet):
    unread = StrictBooleanFilter(
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

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
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
    parser_classes = [ObjectJSONParser]  # `deliveries` is an object: JSON only
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
