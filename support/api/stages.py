"""`stages/`: the seven development stages (OKE OCE's "7 TOP"), in their order; the codes the
other resources write and filter by (`stages`, `stage`, `tahap`)."""

from rest_framework import serializers as drf

from catalog.api.reference import ListViewSet
from catalog.api.serializers import display_name
from support.models import Stage


class StageSerializer(drf.ModelSerializer):
    display_name = display_name()

    class Meta:
        model = Stage
        fields = ["code", "name", "name_en", "display_name", "order"]


class StageViewSet(ListViewSet):
    """The active stages, in their order: parallel dimensions, not a ladder."""

    queryset = Stage.objects.active()
    serializer_class = StageSerializer
