from django.contrib import admin

from koers.web.learning.models import Account, Entry


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ("id", "name", "holder", "available_cents", "reserved_cents", "entry_count")
    readonly_fields = ("available_cents", "reserved_cents", "entry_count")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("account", "sequence", "kind", "amount_cents", "funder", "created_at")
    list_filter = ("kind", "funder", "demand_driven")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
