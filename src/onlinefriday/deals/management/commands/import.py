"""``onlinefriday import FILE --merchant TAXCODE --festival SLUG``: a merchant's deal file from a
terminal, through the same import job as an upload in the merchant area, run in this process.

The file is kept for audit like an upload, its rows are stored and judged in chunks, progress
goes to stderr and one summary line to stdout. ``--report FILE.xlsx`` (or ``.csv``) writes each
row's verdict and reasons, as the merchant area's report.

Exit codes (the console script's contract): 0 every row accepted or to be reviewed; 1 some rows
were rejected or could not be read; 2 nothing was imported: the file cannot be read, the
merchant or festival is unknown, the merchant may not submit now, or the call is wrong.
"""

import sys
import time
from pathlib import Path
from typing import NoReturn

from django.core.files import File
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from onlinefriday.core.formatting import in_current_language
from onlinefriday.deals import import_selectors, import_services
from onlinefriday.deals.intake import IntakeError
from onlinefriday.deals.models import ImportJob, ImportStatus
from onlinefriday.deals.submitting import SubmissionRefused
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.identity import IdentityError, parse_tax_code
from onlinefriday.merchants.models import Merchant

REPORT_KINDS = {".xlsx": "xlsx", ".csv": "csv"}


class Command(BaseCommand):
    help = "Import a merchant's deal file (CSV, XLSX, Google feed, JSON) into a festival."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the deal file; its format is detected")
        parser.add_argument("--merchant", required=True, help="the merchant's tax code")
        parser.add_argument("--festival", required=True, help="the festival's slug")
        parser.add_argument(
            "--report", type=Path, help="write each row's verdict and reasons (.xlsx or .csv)"
        )

    def fail(self, message: str) -> NoReturn:
        self.stderr.write(str(message))
        sys.exit(2)

    def handle(self, *args, file: Path, merchant: str, festival: str, report, **options):
        kind = REPORT_KINDS.get(report.suffix.lower()) if report else None
        if report and kind is None:
            self.fail(_("The report must be a .xlsx or .csv file."))
        job = self.create_job(file, self.merchant(merchant), self.festival(festival))
        started = time.monotonic()

        def progress(job: ImportJob) -> None:
            total = f"{job.total_rows:,}" if job.total_rows is not None else "?"
            seconds = time.monotonic() - started
            self.stderr.write(f"import: {job.rows_done:,}/{total} rows ({seconds:.0f} s)")

        import_services.process_import_job(job.pk, progress=progress)
        job.refresh_from_db()  # as this run left it, or a worker that took it over has it
        if job.status == ImportStatus.FAILED and not job.rows_done:
            self.fail(f"{file}: {in_current_language(job.error_message, job.error_message_en)}")
        if report:
            with report.open("wb") as out:
                import_selectors.write_report(job, kind, out)
        self.stdout.write(
            _(
                "%(file)s: %(rows)s rows, %(accepted)s accepted, %(review)s to review, "
                "%(rejected)s rejected, %(invalid)s invalid."
            )
            % {
                "file": file.name,
                "rows": job.rows_done,
                "accepted": job.accepted,
                "review": job.review,
                "rejected": job.rejected,
                "invalid": job.invalid,
            }
        )
        if job.status == ImportStatus.FAILED:  # read in part, then refused
            self.fail(f"{file}: {in_current_language(job.error_message, job.error_message_en)}")
        if job.rejected or job.invalid:
            if not report:
                self.stderr.write(
                    _("Add --report FILE.xlsx (or .csv) for each row's verdict and reasons.")
                )
            sys.exit(1)

    def merchant(self, tax_code: str) -> Merchant:
        try:
            return Merchant.objects.get(tax_code=parse_tax_code(tax_code).code)
        except IdentityError as error:
            self.fail(error.message)
        except Merchant.DoesNotExist:
            self.fail(_("No merchant has the tax code %(code)s.") % {"code": tax_code})

    def festival(self, slug: str) -> Festival:
        try:
            return Festival.objects.get(slug=slug)
        except Festival.DoesNotExist:
            self.fail(
                _("There is no festival '%(festival)s': `onlinefriday festival list` shows them.")
                % {"festival": slug}
            )

    def create_job(self, path: Path, merchant: Merchant, festival: Festival) -> ImportJob:
        try:
            with path.open("rb") as handle:
                return import_services.create_import_job(
                    user=None,
                    merchant=merchant,
                    festival=festival,
                    uploaded_file=File(handle, name=path.name),
                    in_background=False,
                )
        except OSError as error:
            self.fail(
                _("%(file)s cannot be read: %(reason)s.")
                % {"file": path, "reason": error.strerror or error}
            )
        except (IntakeError, SubmissionRefused) as refused:
            self.fail(f"{path}: {in_current_language(refused.message, refused.message_en)}")
