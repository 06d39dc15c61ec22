from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from koers.web.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Koers", {"fields": ("role", "is_synthetic", "preferred_language")}),
    )
    list_display = ("username", "first_name", "last_name", "role", "is_synthetic", "is_active")
    list_filter = ("role", "is_synthetic", "is_active")
