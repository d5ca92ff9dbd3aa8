"""`participants/<id>/`: one business's participation in an activity — read by members of any
agency, marked (status, result, certificate number) and removed by the organiser's and
co-organisers' editors and managers. The list and the registration are the activity's
(`activities/<id>/participants/`, in `activities.py`), with the serializers here.

Removing is for a registration made by mistake: whoever attended, completed or was absent stays
on the record (409). A cancelled activity keeps its participants as they were (409).
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from catalog.api.base import answers, validated
from catalog.api.serializers import StrictFieldsMixin, by_slug
from support import rules
from support.models import Activity, Participation
from support.services import activities
from umkm_portal.signed_in import SignedInRequest

from .common import BusinessField, choice, enum, label

PARTICIPATION_STATUS = "ParticipationStatusEnum"


class ParticipantSerializer(drf.ModelSerializer):
    """A business taking part in an activity, and how it went."""

    activity: "drf.PrimaryKeyRelatedField[Activity]" = drf.PrimaryKeyRelatedField(read_only=True)
    business = by_slug()
    business_name = drf.CharField(source="business.name", read_only=True)
    status = choice(PARTICIPATION_STATUS, Participation.Status.choices)
    status_label = label("status")

    class Meta:
        model = Participation
        fields = [
            "id", "activity", "business", "business_name", "status", "status_label",
            "result_note", "certificate_number", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class NewParticipantSerializer(StrictFieldsMixin, drf.Serializer):
    """A business to register (by slug; any active business), and how far it is."""

    business = BusinessField()
    status = enum(
        PARTICIPATION_STATUS,
        Participation.Status.choices,
        default=Participation.Status.REGISTERED,
    )


class ParticipationChangeSerializer(StrictFieldsMixin, drf.ModelSerializer):
    """What PATCH `participants/<id>/` may change: attendance or completion, the result and the
    certificate number."""

    status = enum(PARTICIPATION_STATUS, Participation.Status.choices, required=False)

    class Meta:
        model = Participation
        fields = list(activities.PARTICIPATION_FIELDS)


def participants_of(**where: Any) -> QuerySet[Participation]:
    """Participations with what `ParticipantSerializer` reads, by business name."""
    return (
        Participation.objects.filter(**where)
        .select_related("business")
        .order_by("business__name", "pk")
    )


class ParticipantViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One participation, by id: members of any agency read it (the record is shared); anyone
    else finds nothing (404)."""

    serializer_class = ParticipantSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[Participation]:
        if not rules.can_see_records(self.request.user):
            return Participation.objects.none()
        return participants_of().select_related("activity")

    @extend_schema(
        request=ParticipationChangeSerializer,
        responses=answers({200: ParticipantSerializer}, 400, 401, 403, 404, 409),
        description=gettext_lazy(
            "Mark attendance or completion, the result and the certificate number: the "
            "organiser's and co-organisers' editors and managers; not once the activity is "
            "cancelled (409)."
        ),
    )
    def partial_update(self, request: SignedInRequest, pk: str | None = None) -> Response:
        participation = self.get_object()
        activities.check_participants_open(participation.activity, request.user)  # 403, 409
        fields = validated(ParticipationChangeSerializer, request, partial=True)
        with transaction.atomic():
            participation = activities.update_participation(
                participation=participation, by=request.user, **fields
            )
            shown = participants_of(pk=participation.pk).get()
            return Response(ParticipantSerializer(shown).data)

    @extend_schema(
        responses=answers({204: None}, 401, 403, 404, 409),
        description=gettext_lazy(
            "Remove a registration made by mistake. A business that attended, completed or was "
            "absent stays on the record (409): mark it instead. So do the participants of a "
            "cancelled activity."
        ),
    )
    def destroy(self, request: SignedInRequest, pk: str | None = None) -> Response:
        activities.remove_participation(participation=self.get_object(), by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
