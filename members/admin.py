from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import RepProfile, User

admin.site.register(User, UserAdmin)


@admin.register(RepProfile)
class RepProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "council", "status", "organisation"]
    list_filter = ["organisation", "status"]
