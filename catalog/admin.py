"""The Django admin: the administrators' tool for master data and for looking at everything.

Agency staff work in the workspace, not here; the admin is for provincial administrators.
Audit data (nomination events) is read-only.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Assessment,
    AssessmentScore,
    Business,
    Category,
    Certificate,
    Collaboration,
    Criterion,
    Designation,
    Nomination,
    NominationEvent,
    Product,
    ProductImage,
    ProductLink,
    Region,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "seat", "order"]
    list_editable = ["order"]
    search_fields = ["name", "seat"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "order"]
    list_editable = ["order"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["code", "name", "name_en"]


@admin.register(Business)
class BusinessAdmin(SimpleHistoryAdmin):
    list_display = ["name", "region", "scale", "registering_agency", "has_nib", "is_active"]
    list_filter = ["is_active", "scale", "region", "registering_agency"]
    search_fields = ["name", "owner_name", "nib", "slug"]
    list_select_related = ["region", "registering_agency"]
    autocomplete_fields = ["registering_agency", "created_by"]
    readonly_fields = ["created_at", "updated_at"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(boolean=True, description=_("NIB"))
    def has_nib(self, business: Business) -> bool:
        return business.has_nib


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0
    fields = ["image", "alt_text", "order", "width", "height"]
    readonly_fields = ["width", "height"]


class ProductLinkInline(admin.TabularInline):
    model = ProductLink
    extra = 0


class CertificateInline(admin.TabularInline):
    model = Certificate
    extra = 0
    autocomplete_fields = ["verified_by"]


class CollaborationInline(admin.TabularInline):
    model = Collaboration
    fk_name = "product"
    extra = 0
    fields = ["agency", "note", "status", "invited_by", "invited_at", "answered_at", "ended_at"]
    readonly_fields = ["invited_at", "answered_at", "ended_at"]
    autocomplete_fields = ["agency", "invited_by"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # collaborations are the product's curation trail


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ["name", "business", "category", "owner_agency", "status", "price_min"]
    list_filter = ["status", "category", "owner_agency", "business__region"]
    search_fields = ["name", "name_en", "summary", "business__name", "slug"]
    list_select_related = ["business", "category", "owner_agency"]
    autocomplete_fields = ["business", "owner_agency", "created_by", "updated_by"]
    readonly_fields = ["created_at", "updated_at", "published_at"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "created_at"
    inlines = [ProductImageInline, CertificateInline, ProductLinkInline, CollaborationInline]


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ["product", "agency", "status", "invited_by", "invited_at", "answered_at"]
    list_filter = ["status", "agency"]
    search_fields = ["product__name", "agency__name", "note"]
    list_select_related = ["product", "agency", "invited_by"]
    autocomplete_fields = ["product", "agency", "invited_by", "answered_by", "ended_by"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["product", "kind", "number", "issued_on", "expires_on", "verified_by"]
    list_filter = ["kind", "verified_by"]
    search_fields = ["number", "product__name"]
    list_select_related = ["product", "verified_by"]
    autocomplete_fields = ["product", "verified_by"]


class AssessmentScoreInline(admin.TabularInline):
    model = AssessmentScore
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["nomination", "reviewer", "agency", "created_at"]
    list_filter = ["agency"]
    search_fields = ["nomination__product__name", "reviewer__username"]
    list_select_related = ["nomination__product", "reviewer", "agency"]
    autocomplete_fields = ["nomination", "reviewer", "agency"]
    inlines = [AssessmentScoreInline]


#: A nomination event's fields, all read-only: the workflow alone writes the trail.
EVENT_FIELDS = ("created_at", "action", "from_state", "to_state", "actor", "agency", "comment")


class NominationEventInline(admin.TabularInline):
    model = NominationEvent
    extra = 0
    can_delete = False
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["product", "agency", "state", "submitted_by", "submitted_at"]
    list_filter = ["state", "agency"]
    search_fields = ["product__name", "justification"]
    list_select_related = ["product", "agency", "submitted_by"]
    autocomplete_fields = ["product", "agency", "created_by", "submitted_by"]
    # The state changes only through the workflow, which records an event for every move.
    readonly_fields = ["state", "created_at", "updated_at", "submitted_at"]
    inlines = [NominationEventInline]


@admin.register(NominationEvent)
class NominationEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "nomination", "action", "from_state", "to_state", "actor"]
    list_filter = ["action", "to_state"]
    search_fields = ["nomination__product__name", "actor__username", "comment"]
    list_select_related = ["nomination__product", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Designation)
class DesignationAdmin(admin.ModelAdmin):
    list_display = ["product", "year", "valid_from", "valid_until", "decree_number", "revoked_at"]
    list_filter = ["year"]
    search_fields = ["product__name", "decree_number"]
    list_select_related = ["product"]
    autocomplete_fields = ["product", "nomination", "approved_by", "revoked_by"]
    date_hierarchy = "valid_from"
