"""The organisers' back office for festivals: one page per festival with its slots and events.

Saving runs Festival.clean (Timeline.validate), the same checks as services.create_festival.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from onlinefriday.festivals.models import Festival, FlashSlot, ProgrammeEvent
from onlinefriday.festivals.schedule import STATE_LABELS, window_text


class FlashSlotInline(admin.TabularInline):
    model = FlashSlot
    extra = 0


class ProgrammeEventInline(admin.StackedInline):
    model = ProgrammeEvent
    extra = 0
    # A link typed without a scheme is an https one (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        ("title", "position"),
        ("starts_at", "ends_at"),
        ("place", "online_url"),
        ("organiser", "registration_url"),
        "description",
    ]


@admin.register(Festival)
class FestivalAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "window", "promotion_kind", "state"]
    list_filter = ["promotion_kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FlashSlotInline, ProgrammeEventInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "promotion_kind", "description"]}),
        (_("Shopping window"), {"fields": [("starts_at", "ends_at")]}),
        (
            _("Registration and review"),
            {"fields": ["registration_opens_at", "registration_closes_at", "review_closes_at"]},
        ),
        (
            _("Programme"),
            {"fields": ["programme_title", ("programme_starts_on", "programme_ends_on")]},
        ),
        (
            _("Compliance"),
            {
                "fields": [
                    "min_price_observations",
                    (
                        "featured_min_price",
                        "featured_min_discount_percent",
                        "featured_min_savings",
                    ),
                    "banned_goods",
                ]
            },
        ),
    ]

    @admin.display(description=_("shopping window"), ordering="starts_at")
    def window(self, festival: Festival) -> str:
        return window_text(festival.starts_at, festival.ends_at)

    @admin.display(description=_("state"))
    def state(self, festival: Festival) -> str:
        return STATE_LABELS[festival.state()]
