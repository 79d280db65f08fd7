"""The audit log and the re-judging jobs are shown, never edited; reports can be read and
resolved."""

from django.contrib import admin

from onlinefriday.moderation.models import Decision, RejudgeJob, ShopperReport


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["at", "deal", "action", "from_status", "to_status", "actor", "reason"]
    list_filter = ["action", "to_status", "deal__festival"]
    list_select_related = ["deal__product", "actor"]
    search_fields = ["deal__product__sku", "deal__product__title", "reason"]
    date_hierarchy = "at"


@admin.register(RejudgeJob)
class RejudgeJobAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "festival", "status", "done", "total", "changed"]
    list_filter = ["status", "festival"]


@admin.register(ShopperReport)
class ShopperReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "deal", "reason", "resolved_at"]
    list_filter = ["reason", "resolved_at"]
    list_select_related = ["deal__product"]
    raw_id_fields = ["deal"]
    readonly_fields = ["deal", "reason", "details", "contact", "reporter_hash", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
