from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from rest_framework.authtoken.models import TokenProxy

from core import services
from core.access import access_lose
from core.models import ApiToken, Heartbeat, User

# Their tables are emptied by core's migrations 0006 and 0007 (recovery codes and API keys
# were kept there in clear): nothing is to be added there any more.
admin.site.unregister(StaticDevice)
admin.site.unregister(TokenProxy)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_superuser"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "name", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})
    ]
    filter_horizontal = []
    list_filter = ["is_active", "is_superuser"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # In the admin's transaction: their reminders and e-mails not yet sent go too
            # (core/access.py). Django signs an inactive user out by itself.
            access_lose(user=obj, actor=request.user, reason="Their account was disabled")


@admin.register(Heartbeat)
class HeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "last_run_at", "runs"]
    readonly_fields = ["name", "last_run_at", "runs"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Every API token, never a key: a platform admin revokes one here (say, one printed on the
    server for someone who has left). Tokens are issued on a board's API access page or by
    `manage.py api_token`, not here."""

    list_display = [
        "purpose",
        "user",
        "board",
        "issued_by",
        "issued_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["board"]
    search_fields = ["purpose", "user__email"]
    readonly_fields = [
        f.name for f in ApiToken._meta.fields if f.name not in ("digest", "auth_hash")
    ]
    exclude = ["digest", "auth_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # a revoked token stays, with who revoked it

    @admin.action(description="Revoke the selected API tokens", permissions=["view"])
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            services.api_token_revoke(actor=request.user, token=token)
        messages.success(request, "The selected API tokens are revoked")
