"""`stages/`: the seven development stages (OKE OCE's "7 TOP"), in their order; the codes the
other resources write and filter by (`stages`, `stage`, `tahap`)."""

from rest_framework import serializers as drf

from catalog.api.reference import ListViewSet
from support.models import Stage


class StageSerializer(drf.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["code", "name", "name_en", "order"]


class StageViewSet(ListViewSet):
    """The active stages, in their order: parallel dimensions, not a ladder."""

    queryset = Stage.objects.active()
    serializer_class = StageSerializer
