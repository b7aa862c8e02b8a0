"""The record of the retention job, read-only, for platform admins (superusers) only.

It holds case references and counts, never a name or a text of a case. Nothing here can be
added, changed or deleted: it is the audit of what the job removed.
"""

from django.contrib import admin

from retention.models import RetentionRecord, RetentionRun


class _ReadOnly(admin.ModelAdmin):
    def has_module_permission(self, request):
        return bool(getattr(request.user, "is_platform_admin", False))

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordInline(admin.TabularInline):
    model = RetentionRecord
    fields = ["case_reference", "closed_on", "closed_by", "kept_until", "anonymised_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(_ReadOnly):
    list_display = [
        "board",
        "started_at",
        "finished_at",
        "trigger",
        "retention_years",
        "cases_due",
        "cases_anonymised",
        "cases_failed",
    ]
    list_filter = ["trigger", "board"]
    list_select_related = ["board"]
    date_hierarchy = "started_at"
    inlines = [RecordInline]


@admin.register(RetentionRecord)
class RetentionRecordAdmin(_ReadOnly):
    list_display = ["case_reference", "board", "anonymised_at", "closed_on", "kept_until"]
    list_filter = ["board"]
    list_select_related = ["board"]
    search_fields = ["case_reference"]
    date_hierarchy = "anonymised_at"
    exclude = ["incident"]
