"""The XLSX template merchants download: the deals sheet with our Vietnamese headers and one
example row, and a guide sheet explaining each column with the allowed values. Its headers come
from ``columns.COLUMNS``, the table the readers use, so the template is always readable."""

import io
from collections.abc import Sequence

import xlsxwriter

from onlinefriday.deals.intake.columns import TEMPLATE_COLUMNS, YES_NO, Column
from onlinefriday.deals.intake.limits import Limits, megabytes, thousands
from onlinefriday.deals.intake.xlsx import DEAL_SHEET

GUIDE_SHEET = "Hướng dẫn"
LAST_ROW = 1_048_575  # Excel's last row (0-based): lists and checks cover the whole column
TEXT_COLUMNS = {"sku", "gtin", "coupon_code"}  # kept as typed: leading zeros, long digit runs
AMOUNT_COLUMNS = {"price", "sale_price"}
MOMENT_COLUMNS = {"starts_at", "ends_at"}
YES_NO_VALUES = ("có", "không")
INTRODUCTION = (
    "Mỗi dòng của trang “Khuyến mại” là một khuyến mại. Dòng 1 là tiêu đề: giữ nguyên tên cột "
    "(có thể bỏ các cột không bắt buộc, đổi thứ tự cột tuỳ ý).",
    "Dòng 2 là ví dụ: hãy xoá hoặc ghi đè trước khi tải lên, nếu không nó cũng được gửi đi.",
    "Giá là số đồng nguyên, không có phần thập phân. Ngày giờ ghi dd/mm/yyyy hh:mm, giờ Việt Nam.",
    "Tải lên tệp .xlsx này, hoặc lưu dạng CSV UTF-8 (nên dùng cho bảng rất lớn, hàng trăm nghìn "
    "dòng). Mỗi tệp tối đa {rows} dòng và {size} MB.",
)


def deal_template_xlsx(
    categories: Sequence[tuple[str, str]], platforms: Sequence[tuple[str, str]]
) -> bytes:
    """The template as bytes. ``categories`` are (slug, name), ``platforms`` (code, name): their
    codes are the values the deals sheet offers in its drop-down lists."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_urls": False})
    formats = {
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#FCE4D6", "text_wrap": True, "valign": "top", "border": 1}
        ),
        "required": workbook.add_format(
            {"bold": True, "bg_color": "#F8CBAD", "text_wrap": True, "valign": "top", "border": 1}
        ),
        "text": workbook.add_format({"num_format": "@"}),
        "amount": workbook.add_format({"num_format": "#,##0"}),
        "moment": workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"}),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
    }
    deals = workbook.add_worksheet(DEAL_SHEET)
    guide = workbook.add_worksheet(GUIDE_SHEET)
    lists = _write_guide(guide, formats, categories, platforms)
    _write_deals_sheet(deals, formats, lists, categories, platforms)
    workbook.close()
    return output.getvalue()


def _write_deals_sheet(sheet, formats, lists, categories, platforms) -> None:
    example = {
        "category": categories[0][0] if categories else "",
        "platform": platforms[0][0] if platforms else "",
    }
    for index, column in enumerate(TEMPLATE_COLUMNS):
        header_format = formats["required" if column.required else "header"]
        sheet.write_string(0, index, column.header, header_format)
        cell_format = _cell_format(column, formats)
        sheet.set_column(index, index, min(max(len(column.header) + 2, 14), 40), cell_format)
        value = example.get(column.field, column.example)
        if isinstance(value, int):
            sheet.write_number(1, index, value, cell_format)
        else:
            sheet.write_string(1, index, value, cell_format)
        _validate(sheet, index, column, lists)
    sheet.set_row(0, 45)
    sheet.freeze_panes(1, 0)


def _cell_format(column: Column, formats):
    for kind, fields in (
        ("text", TEXT_COLUMNS),
        ("amount", AMOUNT_COLUMNS),
        ("moment", MOMENT_COLUMNS),
    ):
        if column.field in fields:
            return formats[kind]
    return None


def _validate(sheet, index: int, column: Column, lists: dict[str, str]) -> None:
    """A drop-down list or a number check on the column, as a warning the merchant may pass."""
    check = {"error_type": "warning", "ignore_blank": True}
    if column.field in lists:
        check |= {"validate": "list", "source": lists[column.field]}
    elif column.field in AMOUNT_COLUMNS:
        check |= {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "error_message": "Giá là số đồng nguyên, không có phần thập phân.",
        }
    else:
        return
    sheet.data_validation(1, index, LAST_ROW, index, check)


def _write_guide(sheet, formats, categories, platforms) -> dict[str, str]:
    """The guide sheet; returns the ranges of its lists, by the field they are for."""
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 2, 36)
    sheet.set_column(3, 3, 80, formats["wrap"])
    sheet.write_string(0, 0, "Hướng dẫn điền tệp khuyến mại Online Friday", formats["title"])
    limits = Limits.from_settings()
    rows, size = thousands(limits.max_rows), megabytes(limits.max_bytes)
    row = 2
    for line in INTRODUCTION:
        sheet.write_string(row, 0, line.format(rows=rows, size=size))
        row += 1
    row += 1
    for index, title in enumerate(("Cột", "Bắt buộc", "Tên khác được chấp nhận", "Cách ghi")):
        sheet.write_string(row, index, title, formats["bold"])
    for column in TEMPLATE_COLUMNS:
        row += 1
        sheet.write_string(row, 0, column.header)
        sheet.write_string(row, 1, "bắt buộc" if column.required else "")
        sheet.write_string(row, 2, ", ".join(dict.fromkeys((column.field, *column.google))))
        sheet.write_string(row, 3, column.help)
    lists = {}
    for field, title, values in (
        ("category", "Danh mục (mã, tên)", categories),
        ("platform", "Nền tảng (mã, tên)", platforms),
        ("genuine", f"Có/không: {YES_NO}", [(value, "") for value in YES_NO_VALUES]),
    ):
        row += 2
        sheet.write_string(row, 0, title, formats["bold"])
        if not values:
            continue
        for code, name in values:
            row += 1
            sheet.write_string(row, 0, code)
            sheet.write_string(row, 1, name)
        lists[field] = f"='{GUIDE_SHEET}'!$A${row - len(values) + 2}:$A${row + 1}"
    lists["made_in_vietnam"] = lists["genuine"]
    return lists
