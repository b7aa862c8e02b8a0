# Only organisational records are registered here. Case records never are: the admin site
# would bypass the board scoping of core.permissions.
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from boards.models import Agency, Board, Membership


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "nation", "regime"]
    list_filter = ["kind", "nation", "regime"]
    search_fields = ["name"]


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "board", "sector"]
    list_filter = ["sector"]
    search_fields = ["name", "board__name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "board", "role"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__name", "board__name"]
    autocomplete_fields = ["user", "board"]
