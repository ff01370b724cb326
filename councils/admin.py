from django.contrib import admin

from .models import (
    AuditEvent,
    Council,
    NationalSharing,
    NationalViewer,
    Organisation,
    Region,
    RoleAssignment,
    Site,
)


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


@admin.register(NationalViewer)
class NationalViewerAdmin(admin.ModelAdmin):
    """The national role is given here, by a site administrator: it opens the
    national picture (figures only) and no organisation's pages."""

    list_display = ["user", "granted_by", "granted_at", "ends_on"]
    fields = ["user", "ends_on"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(NationalSharing)
class NationalSharingAdmin(admin.ModelAdmin):
    """Read only: each organisation's admin decides, in the app (audited)."""

    list_display = ["organisation", "enabled", "changed_by", "changed_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
