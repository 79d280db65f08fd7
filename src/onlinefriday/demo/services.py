"""Loading the demo: the one service the ``demo`` command and the Celery task both call."""

import time
from dataclasses import asdict, dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from onlinefriday.demo import generator, loader, selectors


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
