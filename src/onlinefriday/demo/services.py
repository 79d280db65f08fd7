"""Loading the demo: the one service the ``demo`` command and the Celery task both call."""

import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from onlinefriday.deals.models import Deal, PriceObservation
from onlinefriday.demo import generator, loader, selectors
from onlinefriday.festivals.models import Festival, FlashSlot

FAR_OFF = timedelta(days=366_000)  # a thousand years: beyond any observation


class DemoAlreadyLoaded(Exception):
    """Loading twice would duplicate the demo; the caller decides whether to start over."""


@dataclass(frozen=True)
class DemoSummary:
    festival_slug: str
    merchants: int
    shops: int
    products: int
    deals: int
    observations: int
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


def load_demo(
    *,
    deals: int,
    seed: int,
    now: datetime | None = None,
    progress: loader.Progress | None = None,
) -> DemoSummary:
    """Generate ``deals`` deals for a demo festival live at ``now`` and write them.

    Refuses (DemoAlreadyLoaded) when the demo is already there rather than deleting anything:
    the database may hold real data next to it.
    """
    if selectors.demo_is_loaded():
        raise DemoAlreadyLoaded(
            _(
                "The demo data is already loaded (festival '%(slug)s'). Use --if-empty to skip "
                "loading, or start from an empty database (`onlinefriday flush`)."
            )
            % {"slug": generator.FESTIVAL_SLUG}
        )
    started = time.perf_counter()
    data = generator.generate(seed, deals, now or timezone.now(), first_ids=loader.next_ids())
    counts = loader.write(data, progress=progress)
    return DemoSummary(
        festival_slug=data.festival.slug,
        seconds=round(time.perf_counter() - started, 2),
        **asdict(counts),
    )


@transaction.atomic
def move_demo_to_today(now: datetime | None = None) -> bool:
    """Move a demo loaded on an earlier day so that its festival is live again at ``now``.

    The window, flash slots, deals and the demo products' price history move by the same whole
    number of days, so every deal keeps its history and its flaws. Returns False when there is
    no demo festival or it is live already.
    """
    now = now or timezone.now()
    festival = Festival.objects.filter(slug=generator.FESTIVAL_SLUG).first()
    if festival is None or festival.starts_at <= now < festival.ends_at:
        return False
    row, slots = generator.festival_rows(now)
    shift = row.starts_at - festival.starts_at
    Festival.objects.filter(pk=festival.pk).update(**row._asdict())
    FlashSlot.objects.filter(festival=festival).delete()
    FlashSlot.objects.bulk_create(FlashSlot(festival=festival, **slot._asdict()) for slot in slots)
    Deal.objects.filter(festival=festival).update(
        starts_at=F("starts_at") + shift, ends_at=F("ends_at") + shift
    )
    history = PriceObservation.objects.filter(
        product__merchant__email__endswith=f"@{generator.EMAIL_DOMAIN}"
    )
    # In two steps through a far-off time: (product, moment, source) is unique and checked row
    # by row, so a move of whole days in one step would meet a row of the same product not yet
    # moved.
    history.update(observed_at=F("observed_at") + (shift + FAR_OFF))
    history.update(observed_at=F("observed_at") - FAR_OFF)
    return True
