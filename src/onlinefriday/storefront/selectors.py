"""What shoppers may see. A deal is published while the moderation has accepted it, its own
window is open and no shoppers' reports have hidden it: every query filters by the clock, so a
deal disappears at its end time exactly, with no job to lag behind."""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from onlinefriday.deals.models import Deal, DealStatus


def published_deals(now: datetime | None = None) -> QuerySet[Deal]:
    """Every deal a shopper may see at ``now`` (default: this instant)."""
    now = now or timezone.now()
    return Deal.objects.filter(
        status=DealStatus.ACCEPTED, starts_at__lte=now, ends_at__gt=now, hidden_at__isnull=True
    )
