"""``onlinefriday merchant add|import``: operators enter merchants from a terminal or a CSV file.

Both go through ``services.add_merchant_by_operator``, hence ``create_merchant``: the same identity
checks and 'one merchant per tax code' as the registration form.

Status: a merchant entered here has no user account yet, so nobody could open an e-mail
verification link; the operator who enters it vouches for it. It is created 'verified', waiting
for the organisers' approval in the back office like a merchant that verified its address.
With ``--approve`` the operator approves it at once: its history records the approval with the
reason 'onlinefriday merchant add --approve' (or '... import --approve'), and the merchant gets
the approval e-mail as after any approval.

Exit codes (the console script's contract): 0 all created; 1 the input was judged: the tax code
is invalid or already registered (``add``), some rows were refused (``import``); 2 the call could
not be used: a missing option, an unknown province, an empty name or an invalid e-mail (``add``),
a file that cannot be read or lacks a required column (``import``). Errors are plain sentences
on stderr, never a traceback. Nothing personal is logged.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from onlinefriday.merchants.importing import (
    ImportFileError,
    MerchantRow,
    province_from_text,
    read_merchant_rows,
)
from onlinefriday.merchants.services import MerchantError, add_merchant_by_operator

ADD_APPROVAL = "onlinefriday merchant add --approve"
IMPORT_APPROVAL = "onlinefriday merchant import --approve"


class Command(BaseCommand):
    help = "Add a merchant, or import many from a CSV file."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser(
            "add", help="create one merchant; prints its tax code as stored (normalised)"
        )
        add.add_argument("--tax-code", required=True, help="10 or 13 digits, or a 12-digit ID")
        add.add_argument("--name", required=True, help="the business name")
        add.add_argument("--email", required=True)
        add.add_argument("--province", help="code (1, 79) or name (Hà Nội, ha_noi)")
        add.add_argument(
            "--approve", action="store_true", help="approve at once instead of waiting"
        )
        load = actions.add_parser(
            "import",
            help="create the merchants of a CSV file (UTF-8; comma or semicolon); one report "
            "line per row",
        )
        load.add_argument(
            "file",
            help="columns tax_code, name, email; optional province, business_type, "
            "representative, phone, address (or their Vietnamese names)",
        )
        load.add_argument("--approve", action="store_true", help="approve each one at once")

    def handle(self, *args, action: str, **options) -> None:
        if action == "add":
            self.add_merchant(options)
        else:
            self.import_file(options["file"], approve=options["approve"])

    def fail(self, message, code: int):
        self.stderr.write(str(message))
        sys.exit(code)

    def add_merchant(self, options: dict) -> None:
        try:
            province_code = province_from_text(options["province"] or "")
        except ValueError as problem:
            self.fail(problem, 2)
        try:
            merchant = add_merchant_by_operator(
                name=options["name"],
                tax_code=options["tax_code"],
                email=options["email"],
                province_code=province_code,
                approve_reason=ADD_APPROVAL if options["approve"] else "",
            )
        except MerchantError as error:
            # The tax code was judged (invalid, or registered already): 1. Any other option
            # that cannot be used (an empty name, an invalid e-mail) is a wrong call: 2.
            self.fail(error.message, 1 if error.field == "tax_code" else 2)
        self.stdout.write(merchant.tax_code)

    def import_file(self, path: str, *, approve: bool) -> None:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            self.fail(
                _("%(file)s cannot be read: %(reason)s.")
                % {"file": path, "reason": error.strerror or error},
                2,
            )
        try:
            merchant_file = read_merchant_rows(data)
        except ImportFileError as error:
            self.fail(f"{path}: {error.message}", 2)
        if merchant_file.ignored_columns:
            self.stderr.write(
                _("Columns not used: %(columns)s.")
                % {"columns": ", ".join(merchant_file.ignored_columns)}
            )
        reason = IMPORT_APPROVAL if approve else ""
        created = sum(self.import_row(row, approve_reason=reason) for row in merchant_file.rows)
        refused = len(merchant_file.rows) - created
        self.stderr.write(
            ngettext(
                "%(rows)d row read: %(created)d created, %(refused)d refused.",
                "%(rows)d rows read: %(created)d created, %(refused)d refused.",
                len(merchant_file.rows),
            )
            % {"rows": len(merchant_file.rows), "created": created, "refused": refused}
        )
        if refused:
            sys.exit(1)

    def import_row(self, row: MerchantRow, *, approve_reason: str) -> bool:
        """Create one row's merchant in its own transaction and report it; True when created."""
        outcome, created = row.problem, False
        if outcome is None:
            try:
                merchant = add_merchant_by_operator(**row.values, approve_reason=approve_reason)
            except MerchantError as error:
                outcome = str(error.message)
            else:
                # A fixed word, whatever the language, for scripts that read the report.
                outcome, created = f"created {merchant.tax_code}", True
        self.stdout.write(f"{row.number}\t{row.tax_code}\t{outcome}")
        return created
