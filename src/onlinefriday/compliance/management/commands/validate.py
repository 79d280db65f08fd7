"""``onlinefriday validate FILE --festival SLUG [--json]``: the validate API's dry run on a deal
file, with the same models, the same engine and the same answer; nothing is stored.

The file is any format an upload may be, detected from its content (``deals.intake``): CSV, XLSX,
a Google Merchant Center feed (RSS or tab-separated), or JSON (a list of deals as in the API's
``deals``, or the API's body). There is no cap on the number of deals: they are judged a
thousand at a time, as one submission (a SKU or link repeated anywhere in the file is a
DUPLICATE_DEAL). ``--json`` prints the API's answer, each result also carrying its ``row`` (as
the merchant's tool numbers it: the header is row 1), and ``errors`` for the rows that could
not be read; otherwise a table, one line per row (its number, its SKU, the verdict, ★ when
featured) with the reasons below it, and a summary.

Exit codes (the console script's contract): 0 every deal accepted or to be reviewed; 1 the file
was judged and some deal was rejected or some row could not be read; 2 nothing was judged: the
file cannot be read as a deal file (the message says why), the festival is unknown, or the call
is wrong. Errors and the file's warnings are plain sentences on stderr.
"""

import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from onlinefriday.compliance import selectors
from onlinefriday.compliance.engine import Judgement, judge_batch
from onlinefriday.compliance.facts import FestivalTerms
from onlinefriday.compliance.reasons import Verdict
from onlinefriday.compliance.rules.batch import Earlier, Place, sku_key
from onlinefriday.compliance.submission import response
from onlinefriday.core.formatting import in_current_language
from onlinefriday.deals.import_services import CHUNK_ROWS, row_place
from onlinefriday.deals.intake import DealFile, FieldError, IntakeError, open_deal_file
from onlinefriday.festivals.models import Festival

UNKNOWN_FESTIVAL = gettext_lazy(
    "There is no festival '%(festival)s': `onlinefriday festival list` shows them."
)
VERDICTS = {
    Verdict.ACCEPTED: gettext_lazy("Accepted"),
    Verdict.REVIEW: gettext_lazy("In review"),
    Verdict.REJECTED: gettext_lazy("Rejected"),
}
INVALID = gettext_lazy("Invalid")


@dataclass(frozen=True)
class Row:
    """One row of the file: judged (``judgement``), or not read (``errors``)."""

    row: int
    sku: str
    judgement: Judgement | None
    errors: tuple[FieldError, ...] = ()


def judged_rows(deal_file: DealFile, terms: FestivalTerms) -> Iterator[Row]:
    """Every row of the file in order, the readable ones judged a chunk at a time as one
    submission: what earlier chunks held is passed on, as an import job does."""
    first_skus: dict[str, Place] = {}
    first_urls: dict[str, Place] = {}
    outcomes = deal_file.rows()
    while chunk := list(islice(outcomes, CHUNK_ROWS)):
        readable = [outcome for outcome in chunk if outcome.deal is not None]
        places = [row_place(deal_file.format, outcome.row) for outcome in readable]
        judgements = judge_batch(
            [outcome.deal.facts() for outcome in readable],
            terms,
            places=places,
            earlier=Earlier(skus=first_skus, urls=first_urls),
        )
        judged = {}
        for outcome, place, judgement in zip(readable, places, judgements, strict=True):
            judged[outcome.row] = judgement
            if key := sku_key(outcome.deal.sku):
                first_skus.setdefault(key, place)
            if url := outcome.deal.url.strip():
                first_urls.setdefault(url, place)
        for outcome in chunk:
            yield Row(outcome.row, outcome.sku, judged.get(outcome.row), outcome.errors)


class Command(BaseCommand):
    help = "Judge the deals of a deal file (CSV, XLSX, Google feed, JSON), storing nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a deal file; its format is detected")
        parser.add_argument("--festival", required=True, help="the festival's slug")
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="print the validate API's answer (JSON), each result with its row",
        )

    def handle(self, *args, file: Path, festival: str, as_json: bool, **options) -> None:
        try:
            with file.open("rb"):  # a path that is wrong is said as the shell would say it
                pass
            deal_file = open_deal_file(file)
        except OSError as error:
            reason = error.strerror or str(error)
            self.fail(_("%(file)s cannot be read: %(reason)s.") % {"file": file, "reason": reason})
        except IntakeError as refused:
            self.fail(f"{file}: {in_current_language(refused.message, refused.message_en)}")
        try:
            chosen = selectors.festival_by_slug(festival)
        except Festival.DoesNotExist:
            self.fail(UNKNOWN_FESTIVAL % {"festival": festival})
        for warning in deal_file.warnings:
            self.stderr.write(f"{file}: {in_current_language(warning.message, warning.message_en)}")
        rows = list(judged_rows(deal_file, selectors.terms_for(chosen)))
        if as_json:
            self.stdout.write(json.dumps(self.answer(rows), ensure_ascii=False, indent=2))
        else:
            self.print_table(rows)
        rejected = any(r.judgement and r.judgement.verdict is Verdict.REJECTED for r in rows)
        if rejected or any(row.judgement is None for row in rows):
            sys.exit(1)

    def fail(self, *lines: str):
        for line in lines:
            self.stderr.write(line)
        sys.exit(2)

    @staticmethod
    def answer(rows: list[Row]) -> dict:
        """The API's answer for the judged rows, each with its row; the others' errors."""
        judged = [row for row in rows if row.judgement is not None]
        results = response([row.judgement for row in judged])["results"]
        return {
            "results": [
                {"row": row.row, **result} for row, result in zip(judged, results, strict=True)
            ],
            "errors": [
                {
                    "row": row.row,
                    "sku": row.sku,
                    "field": error.field,
                    "message": error.message,
                    "message_en": error.message_en,
                }
                for row in rows
                for error in row.errors
            ],
        }

    def print_table(self, rows: list[Row]) -> None:
        number_width = max((len(str(row.row)) for row in rows), default=1)
        sku_width = max((len(row.sku or "—") for row in rows), default=1)
        verdict_width = max(len(str(label)) for label in [*VERDICTS.values(), INVALID])
        for row in rows:
            judgement = row.judgement
            verdict = VERDICTS[judgement.verdict] if judgement else INVALID
            featured = "  ★ " + _("featured") if judgement and judgement.featured else ""
            line = f"{row.row:>{number_width}}  {row.sku or '—':<{sku_width}}  "
            self.stdout.write((line + str(verdict).ljust(verdict_width) + featured).rstrip())
            found = judgement.reasons if judgement else row.errors
            for item in found:
                self.stdout.write(f"{'':>{number_width}}    – {item.message}")
        judged = [row.judgement for row in rows if row.judgement is not None]
        counts = Counter(judgement.verdict for judgement in judged)
        self.stdout.write(
            _(
                "%(total)s deals: %(accepted)s accepted (%(featured)s featured), "
                "%(review)s to review, %(rejected)s rejected."
            )
            % {
                "total": len(judged),
                "accepted": counts[Verdict.ACCEPTED],
                "featured": sum(judgement.featured for judgement in judged),
                "review": counts[Verdict.REVIEW],
                "rejected": counts[Verdict.REJECTED],
            }
        )
        if unread := len(rows) - len(judged):
            self.stdout.write(
                ngettext(
                    "%(count)s row could not be read.", "%(count)s rows could not be read.", unread
                )
                % {"count": unread}
            )
