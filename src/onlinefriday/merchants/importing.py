"""Reading a CSV file of merchants into rows to create, without a database.

Operators get these files from Excel or from a partner: UTF-8 with or without a byte-order mark,
commas or semicolons (Excel's choice in a Vietnamese locale), headers in English
(``tax_code,name,email,...``) or Vietnamese (``Mã số thuế;Tên doanh nghiệp;Email;...``), with or
without marks. Each row keeps its number as a spreadsheet shows it (the header is row 1), so the
report points at the line to fix. What can be judged without a database is judged here (empty
fields, tax code, e-mail, province, business type, phone, a code repeated in the file); the rest
(a code already registered) is the service's, when the row is created.
"""

import csv
import io
from dataclasses import dataclass, field

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from onlinefriday.core.text import folded_key
from onlinefriday.merchants.identity import IdentityError, parse_tax_code
from onlinefriday.merchants.models import BusinessType
from onlinefriday.merchants.provinces import find_province

REQUIRED = ("tax_code", "name", "email")

# Header spellings, compared folded ('Mã số thuế' -> 'ma_so_thue').
HEADERS = {
    "tax_code": ("tax_code", "ma_so_thue", "mst", "ma_so_thue_cccd", "ma_so_doanh_nghiep"),
    "name": ("name", "business_name", "ten_doanh_nghiep", "ten", "ten_don_vi", "ten_co_so"),
    "email": ("email", "e_mail", "thu_dien_tu", "dia_chi_email"),
    "province": ("province", "tinh", "tinh_thanh", "tinh_thanh_pho", "tinh_tp", "ma_tinh"),
    "business_type": ("business_type", "type", "loai_hinh", "loai_hinh_kinh_doanh"),
    "representative": ("representative", "nguoi_dai_dien", "nguoi_dai_dien_theo_phap_luat"),
    "phone": ("phone", "dien_thoai", "so_dien_thoai", "sdt"),
    "address": ("address", "dia_chi", "dia_chi_tru_so"),
}
COLUMN_OF = {spelling: column for column, spellings in HEADERS.items() for spelling in spellings}

BUSINESS_TYPES = {
    "company": BusinessType.COMPANY,
    "cong_ty": BusinessType.COMPANY,
    "doanh_nghiep": BusinessType.COMPANY,
    "branch": BusinessType.BRANCH,
    "chi_nhanh": BusinessType.BRANCH,
    "household": BusinessType.HOUSEHOLD,
    "household_business": BusinessType.HOUSEHOLD,
    "ho_kinh_doanh": BusinessType.HOUSEHOLD,
    "hkd": BusinessType.HOUSEHOLD,
    "individual": BusinessType.INDIVIDUAL,
    "ca_nhan": BusinessType.INDIVIDUAL,
    "cooperative": BusinessType.COOPERATIVE,
    "hop_tac_xa": BusinessType.COOPERATIVE,
    "htx": BusinessType.COOPERATIVE,
}

COLUMN_NAMES = {
    "tax_code": _("tax code"),
    "name": _("business name"),
    "email": _("e-mail"),
}


class ImportFileError(Exception):
    """The file cannot be read as a merchants' CSV; ``message`` says what to do about it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class MerchantRow:
    """One row: ``values`` are the arguments for creating the merchant, or ``problem`` says why
    the row is refused. ``tax_code`` is as written in the file, for the report."""

    number: int
    tax_code: str
    values: dict = field(default_factory=dict)
    problem: str | None = None


@dataclass
class MerchantFile:
    rows: list[MerchantRow]
    ignored_columns: list[str]


def read_merchant_rows(data: bytes) -> MerchantFile:
    """The rows of a merchants' CSV file, or ImportFileError when it cannot be read."""
    records = _records(_text(data))
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFileError(_("The file is empty: the first row must name the columns."))
    columns, ignored = _columns(records[0])
    rows: list[MerchantRow] = []
    first_row_of: dict[str, int] = {}
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = _row(number, cells, columns, width=len(records[0]))
        code = row.values.get("tax_code")
        if row.problem is None and code in first_row_of:
            row.problem = str(
                _("The same tax code as row %(row)d: a merchant is listed once.")
                % {"row": first_row_of[code]}
            )
        if code:
            first_row_of.setdefault(code, number)
        rows.append(row)
    return MerchantFile(rows=rows, ignored_columns=ignored)


def _text(data: bytes) -> str:
    if b"\0" in data:
        # Spreadsheets (XLSX is a zip) and other binary files: not text at all.
        raise ImportFileError(
            _("This is not a CSV file: in Excel, save it as 'CSV UTF-8 (Comma delimited)'.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "The file is not in UTF-8, so Vietnamese letters would be garbled: in Excel, "
                "save it as 'CSV UTF-8 (Comma delimited)'."
            )
        ) from None


def _records(text: str) -> list[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(
            _("This is not a CSV file that can be read (%(error)s).") % {"error": error}
        ) from None


def _columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Where each known column is; the headers not understood are returned to be reported."""
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, title in enumerate(header):
        column = COLUMN_OF.get(folded_key(title))
        if column is None:
            if title.strip():
                ignored.append(title.strip())
            continue
        if column in columns:
            raise ImportFileError(
                _("The columns '%(first)s' and '%(second)s' say the same thing: keep one.")
                % {"first": header[columns[column]].strip(), "second": title.strip()}
            )
        columns[column] = index
    missing = [column for column in REQUIRED if column not in columns]
    if missing:
        raise ImportFileError(
            _(
                "The file has no column %(missing)s: the first row must name the columns "
                "tax_code, name and email (or Mã số thuế, Tên doanh nghiệp and Email)."
            )
            % {"missing": ", ".join(f"'{column}'" for column in missing)}
        )
    return columns, ignored


def _row(number: int, cells: list[str], columns: dict[str, int], *, width: int) -> MerchantRow:
    def cell(column: str) -> str:
        index = columns.get(column)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    row = MerchantRow(number=number, tax_code=cell("tax_code"))
    if any(extra.strip() for extra in cells[width:]):
        row.problem = str(
            _(
                "This row has more cells than the header has columns: a value with a comma or "
                "semicolon in it must be put in quotes."
            )
        )
        return row
    try:
        row.values = _values(cell)
    except ValueError as problem:
        row.problem = str(problem)
    return row


def _values(cell) -> dict:
    for column in REQUIRED:
        if not cell(column):
            raise ValueError(_("The %(column)s is empty.") % {"column": COLUMN_NAMES[column]})
    try:
        tax_code = parse_tax_code(cell("tax_code")).code
    except IdentityError as error:
        raise ValueError(error.message) from None
    try:
        validate_email(cell("email"))
    except ValidationError:
        raise ValueError(
            _("%(email)s is not an e-mail address.") % {"email": cell("email")}
        ) from None
    return {
        "tax_code": tax_code,
        "name": cell("name"),
        "email": cell("email"),
        "representative": cell("representative"),
        "address": cell("address"),
        "phone": _phone(cell("phone")),
        "province_code": province_from_text(cell("province")),
        "business_type": _business_type(cell("business_type")),
    }


def province_from_text(text: str) -> int | None:
    """The province's code from its code or name in any spelling (None when empty), or
    ValueError saying it is none of the 34."""
    if not text:
        return None
    code = find_province(text)
    if code is None:
        raise ValueError(
            _("'%(province)s' is not one of the 34 provinces: write its name, such as Hà Nội.")
            % {"province": text}
        )
    return code


def _business_type(text: str) -> str | None:
    if not text:
        return None  # the service picks it from the kind of tax code
    business_type = BUSINESS_TYPES.get(folded_key(text))
    if business_type is None:
        raise ValueError(
            _(
                "'%(type)s' is not a business type: write company, branch, household, "
                "individual or cooperative (or Công ty, Chi nhánh, Hộ kinh doanh, Cá nhân, "
                "Hợp tác xã)."
            )
            % {"type": text}
        )
    return business_type


def _phone(text: str) -> str:
    """The number in E.164 (+84...), as the registration form stores it."""
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, "VN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError(
            _("This is not a phone number in use: write it as 0912 345 678 or 024 3825 1234.")
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
