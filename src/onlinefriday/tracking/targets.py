"""Where a click-out leads, asked of the database once per deal in each web process rather than
at every click: at thousands of clicks a second, building the query costs more than everything
else a click does.

A deal found published stays so until its end time, which is checked at every click (a deal
still disappears at its end exactly), until something changes what shoppers may see: every
service that publishes, hides or withdraws deals renews the storefront's version
(``core.page_cache``), and each process looks at it every ``TARGET_SECONDS`` and forgets every
target when it changed; a change made in this process is seen at once. A deal not published is
never remembered: it opens at its start time exactly.
"""

import time
from dataclasses import dataclass
from datetime import datetime

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from onlinefriday.core.page_cache import bump_storefront_version, storefront_version
from onlinefriday.deals.models import Deal
from onlinefriday.storefront.selectors import published_deals
from onlinefriday.tracking.links import with_campaign

TARGET_SECONDS = 2.0  # how often a process asks whether the storefront changed
MAX_REMEMBERED = 100_000  # deals; about 30 MB, then the process starts afresh


@dataclass(frozen=True)
class Target:
    url: str  # the deal's URL with our campaign
    ends_at: datetime


_targets: dict[int, Target] = {}
_seen = {"version": "", "at": float("-inf")}  # the storefront version, when it was read


def published_target(deal_id: int, now: datetime) -> str | None:
    """The URL a click on a deal leads to, or None if shoppers may not see the deal at ``now``."""
    _forget_if_changed()
    known = _targets.get(deal_id)
    if known and now < known.ends_at:
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
    _targets[deal_id] = Target(with_campaign(url, festival_slug), ends_at)
    return _targets[deal_id].url


def _forget_if_changed() -> None:
    if time.monotonic() - _seen["at"] < TARGET_SECONDS:
        return
    version = storefront_version()
    if version != _seen["version"]:
        _targets.clear()
    _seen.update(version=version, at=time.monotonic())


@receiver(post_save, sender=Deal)
@receiver(post_delete, sender=Deal)
def forget_target(instance: Deal, **kwargs) -> None:
    """A deal saved through the ORM (the admin, a moderator): here at once, elsewhere when the
    version renewed on commit reaches the other processes."""
    _targets.pop(instance.pk, None)
    bump_storefront_version()
