"""``onlinefriday demo``: a festival live right now, with merchants, shops and deals.

Deterministic: the same ``--seed`` on the same day gives the same data. Loading when the demo is
already there is refused (exit code 2) rather than deleting anything; ``--if-empty`` makes
``make run`` safe to repeat, and moves a demo loaded on an earlier day to today.
"""

import sys
import time
from typing import NoReturn

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from onlinefriday.demo import selectors, services
from onlinefriday.demo.generator import BLOCK_SIZE
from onlinefriday.demo.loader import MissingSeedData

DEFAULT_DEALS = 2_000  # enough to browse; quick for `make run`


class Command(BaseCommand):
    help = "Load deterministic demo data: a festival live now, its merchants, shops and deals."

    def add_arguments(self, parser):
        parser.add_argument("--deals", type=int, default=DEFAULT_DEALS, help="number of deals")
        parser.add_argument("--seed", type=int, default=2021, help="same seed, same data")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load only when there are no merchants and no deals yet",
        )

    def fail(self, message: str) -> NoReturn:
        """One plain sentence on stderr and exit code 2: the call could not be carried out."""
        self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, deals: int, seed: int, if_empty: bool, **options) -> None:
        if deals < 1:
            self.fail(_("--deals must be at least 1."))
        if if_empty and selectors.has_business_data():
            if services.move_demo_to_today():
                self.stdout.write(_("The demo festival was moved to today: it is live again."))
            else:
                self.stdout.write(
                    _("The database already has merchants or deals: demo not loaded.")
                )
            return
        started = time.monotonic()

        def progress(written: int, total: int) -> None:
            seconds = time.monotonic() - started
            self.stderr.write(f"demo: {written:,}/{total:,} deals ({seconds:.0f} s)")

        try:
            summary = services.load_demo(
                deals=deals, seed=seed, progress=progress if deals > BLOCK_SIZE else None
            )
        except (services.DemoAlreadyLoaded, MissingSeedData) as error:
            self.fail(str(error))
        self.stdout.write(
            _(
                "Demo loaded in %(seconds).1f s: festival '%(slug)s', %(merchants)d merchants, "
                "%(shops)d shops, %(products)d products, %(deals)d deals, "
                "%(observations)d price observations."
            )
            % {"slug": summary.festival_slug, **summary.as_dict()}
        )
