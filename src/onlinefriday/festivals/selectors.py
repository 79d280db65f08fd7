"""Reads of festivals for pages and the API."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from onlinefriday.festivals.models import Festival


def current_or_next_festival(now: datetime | None = None) -> Festival | None:
    """The festival the home page is about: the live one, else the soonest to start, else the one
    that ended last; None when there is none at all.

    Among festivals not yet ended, a live one has started before any upcoming one, so ordering
    them by start picks live over upcoming in one query.
    """
    now = now or timezone.now()
    not_ended = Festival.objects.filter(ends_at__gt=now).order_by("starts_at", "ends_at", "id")
    return not_ended.first() or Festival.objects.order_by("-ends_at", "-id").first()


def festival_programme(slug: str) -> Festival:
    """A festival with its programme events and flash slots loaded (in their models' order).

    Raises Festival.DoesNotExist for an unknown slug.
    """
    return Festival.objects.prefetch_related("events", "flash_slots").get(slug=slug)


def festival_list() -> QuerySet[Festival]:
    """Every festival, newest window first, with its events and flash slots loaded in two queries
    so that listing them with their programmes costs the same for one festival or a hundred."""
    return Festival.objects.prefetch_related("events", "flash_slots")
