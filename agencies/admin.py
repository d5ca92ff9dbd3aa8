from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Agency, Membership, StaffProfile


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "is_leading_sector", "member_count", "email", "phone"]
    list_filter = ["is_leading_sector"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MembershipInline]

    @admin.display(description=_("members"))
    def member_count(self, agency: Agency) -> int:
        return agency.memberships.count()


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "created_at"]
    list_filter = ["role", "agency"]
    search_fields = ["user__username", "user__email", "agency__name", "agency__short_name"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "nip", "updated_at"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "nip"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]
