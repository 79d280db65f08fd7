"""Who a merchant is: tax codes and personal identification numbers, checked without a database.

- Enterprise tax code (MST): 10 digits, or 13 with a branch suffix 001-999 (``0100233488-001``),
  checked by python-stdnum (``stdnum.vn.mst``).
- Since 1/7/2025 household businesses and individuals use their 12-digit personal identification
  number (CCCD): 3-digit province code, a century/sex digit, 2 birth-year digits, 6 serial digits.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError
from stdnum.vn import mst

# Province codes of the personal identification number (Circular 07/2016/TT-BCA, 63 provinces
# as they were when the numbers were issued; numbers keep them after the 2025 merger).
CCCD_PROVINCE_CODES = frozenset(
    {
        1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36,
        37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72,
        74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
    }
)  # fmt: skip


class IdentityKind(StrEnum):
    ENTERPRISE = "enterprise"
    BRANCH = "branch"
    PERSONAL = "personal"


class IdentityError(ValueError):
    """The code is not a valid tax code or personal ID; the message says why, for a person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class TaxIdentity:
    kind: IdentityKind
    code: str  # normalised: "0100233488", "0100233488-001" or 12 digits

    @property
    def parent_code(self) -> str | None:
        """The enterprise a branch belongs to."""
        return self.code[:10] if self.kind is IdentityKind.BRANCH else None


def parse_tax_code(text: str, *, today: date | None = None) -> TaxIdentity:
    """Normalise and check a tax code in any spelling (spaces, dashes, dots)."""
    digits = "".join(ch for ch in str(text) if ch not in " -.\t")
    if not digits:
        raise IdentityError(_("Enter a tax code or personal identification number."))
    if not digits.isdigit():
        raise IdentityError(_("A tax code contains digits only (and an optional dash)."))
    if len(digits) == 12:
        return TaxIdentity(IdentityKind.PERSONAL, _personal_id(digits, today or date.today()))
    if len(digits) not in (10, 13):
        raise IdentityError(
            _(
                "A tax code has 10 digits, or 13 with a branch suffix; a personal identification "
                "number has 12. This one has %(count)d."
            )
            % {"count": len(digits)}
        )
    try:
        mst.validate(digits)
    except InvalidChecksum:
        raise IdentityError(
            _("The check digit of tax code %(code)s is wrong: check the number.") % {"code": text}
        ) from None
    except InvalidComponent:
        if len(digits) == 13 and digits[10:] == "000":
            raise IdentityError(_("A branch suffix runs from 001 to 999, not 000.")) from None
        raise IdentityError(
            _("Tax code %(code)s has an impossible part (such as a zero sequence).")
            % {"code": text}
        ) from None
    except (InvalidLength, ValidationError):
        raise IdentityError(_("%(code)s is not a valid tax code.") % {"code": text}) from None
    if len(digits) == 13:
        return TaxIdentity(IdentityKind.BRANCH, f"{digits[:10]}-{digits[10:]}")
    return TaxIdentity(IdentityKind.ENTERPRISE, digits)


def _personal_id(digits: str, today: date) -> str:
    province, century_sex, year = int(digits[:3]), int(digits[3]), int(digits[4:6])
    if province not in CCCD_PROVINCE_CODES:
        raise IdentityError(
            _("%(code)s is not the province code of a personal identification number.")
            % {"code": digits[:3]}
        )
    # 0/1: born 1900-1999, 2/3: 2000-2099, 4/5: 2100-..., 6/7, 8/9 later centuries.
    birth_year = 1900 + 100 * (century_sex // 2) + year
    if birth_year > today.year:
        raise IdentityError(
            _("The birth year in this personal identification number (%(year)d) is in the future.")
            % {"year": birth_year}
        )
    return digits
