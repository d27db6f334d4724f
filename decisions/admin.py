from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    readonly_fields = ["user", "prefix", "token_hash", "created_at"]

    # A token made here could never be shown to anyone; `manage.py issue_api_token` prints it.
    def has_add_permission(self, request):
        return False
