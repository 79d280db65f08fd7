"""Where a click-out leads, asked of the database once per deal every ``TARGET_SECONDS`` in each
web process rather than at every click: at thousands of clicks a second, building the query
costs more than everything else a click does.

A deal found published stays so until its end time, which is checked at every click (a deal
still disappears at its end exactly), unless a moderator or shoppers' reports take it down:
that reaches this process within ``TARGET_SECONDS`` (at once, when the change was made here).
A deal not published is never remembered: it opens at its start time exactly.
"""

import time
from dataclasses import dataclass
from datetime import datetime

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from onlinefriday.deals.models import Deal
from onlinefriday.storefront.selectors import published_deals
from onlinefriday.tracking.links import with_campaign

TARGET_SECONDS = 2.0
MAX_REMEMBERED = 100_000  # deals; about 30 MB, then the process starts afresh


@dataclass(frozen=True)
class Target:
    url: str  # the deal's URL with our campaign
    ends_at: datetime
    checked: float  # time.monotonic()


_targets: dict[int, Target] = {}


def published_target(deal_id: int, now: datetime) -> str | None:
    """The URL a click on a deal leads to, or None if shoppers may not see the deal at ``now``."""
    known = _targets.get(deal_id)
    if known and now < known.ends_at and time.monotonic() - known.checked < TARGET_SECONDS:
        return known.url
    row = (
        published_deals(now)
        .filter(pk=deal_id)
        .values_list("url", "festival__slug", "ends_at")
        .first()
    )
    if row is None:
        _targets.pop(deal_id, None)
        return None
    url, festival_slug, ends_at = row
    if len(_targets) >= MAX_REMEMBERED:
        _targets.clear()
    _targets[deal_id] = Target(with_campaign(url, festival_slug), ends_at, time.monotonic())
    return _targets[deal_id].url


@receiver(post_save, sender=Deal)
@receiver(post_delete, sender=Deal)
def forget_target(instance: Deal, **kwargs) -> None:
    _targets.pop(instance.pk, None)
