from django.contrib import admin

from .models import AuditEvent, Council, Organisation, Region, RoleAssignment, Site


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region, Council, Site)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "is_active"]
    list_filter = ["organisation"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "region", "council", "starts_on", "ends_on"]
    list_filter = ["organisation", "role"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organisation", "actor", "action", "object_repr"]
    list_filter = ["organisation", "action"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
