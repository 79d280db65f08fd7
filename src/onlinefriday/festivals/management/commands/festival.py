"""``onlinefriday festival add|list``: create festivals and see them from a terminal.

Errors are one plain sentence on stderr with exit code 2 (the call could not be used), never a
traceback, so that scripts and people read the same thing.
"""

import sys
from datetime import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from onlinefriday.festivals import selectors
from onlinefriday.festivals.models import Festival, PromotionKind
from onlinefriday.festivals.schedule import window_text
from onlinefriday.festivals.services import FestivalError, create_festival

INSTANTS = {
    "starts": "starts_at",
    "ends": "ends_at",
    "registration_opens": "registration_opens_at",
    "registration_closes": "registration_closes_at",
    "review_closes": "review_closes_at",
}


def parse_instant(option: str, text: str) -> datetime:
    """An ISO 8601 time that says its UTC offset; a bare local time is ambiguous, so refused."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise FestivalError(
            _("%(option)s '%(text)s' is not a time: write it like 2021-12-03T00:00+07:00.")
            % {"option": option, "text": text}
        ) from None
    if timezone.is_naive(value):
        raise FestivalError(
            _("%(option)s '%(text)s' has no UTC offset: add one, like 2021-12-03T00:00+07:00.")
            % {"option": option, "text": text}
        )
    return value


class Command(BaseCommand):
    help = "Add a festival or list the festivals."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="create a festival (times in ISO 8601 with offset)")
        add.add_argument("--slug", required=True)
        add.add_argument("--name", required=True)
        add.add_argument("--starts", required=True, help="e.g. 2021-12-03T00:00+07:00")
        add.add_argument("--ends", required=True, help="e.g. 2021-12-05T12:00+07:00")
        add.add_argument(
            "--regular",
            action="store_true",
            help="a regular promotion (discount cap 50%%) instead of a concentrated one (100%%)",
        )
        add.add_argument("--registration-opens")
        add.add_argument("--registration-closes")
        add.add_argument("--review-closes")
        actions.add_parser("list", help="one line per festival: slug, window, kind, state")

    def handle(self, *args, action: str, **options) -> None:
        if action == "list":
            self.list_festivals()
            return
        try:
            festival = self.add_festival(options)
        except FestivalError as error:
            self.stderr.write(str(error))
            sys.exit(2)
        self.stdout.write(festival.slug)

    def add_festival(self, options: dict) -> Festival:
        instants = {
            field: parse_instant(f"--{option.replace('_', '-')}", options[option])
            for option, field in INSTANTS.items()
            if options[option] is not None
        }
        kind = PromotionKind.REGULAR if options["regular"] else PromotionKind.CONCENTRATED
        return create_festival(
            slug=options["slug"], name=options["name"], promotion_kind=kind, **instants
        )

    def list_festivals(self) -> None:
        now = timezone.now()
        for festival in selectors.festival_list():
            self.stdout.write(
                "\t".join(
                    [
                        festival.slug,
                        window_text(festival.starts_at, festival.ends_at),
                        festival.promotion_kind,
                        festival.state(now),
                    ]
                )
            )
