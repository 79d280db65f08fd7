"""Bad deal files: each is refused as a whole with one clear message in Vietnamese and English
(no traceback), or read with its valid rows kept and each bad row's errors named by column.
The corpus is listed in corpus/README.md; files too big to commit are made here, small."""

import io
import struct
import zipfile
from decimal import Decimal

import pytest
import xlsxwriter

from onlinefriday.compliance.submission import DealIn
from onlinefriday.deals.intake import IntakeError, open_deal_file
from tests.deals.intake.helpers import corpus, read_all, refusal

CANNOT_READ_TEXT = ("Không đọc được chữ trong tệp", "The file's text cannot be read")
DAMAGED = (
    "Tệp Excel bị hỏng hoặc chưa tải lên hết: hãy mở lại bằng Excel, lưu dạng .xlsx rồi tải "
    "lên lại.",
    "The Excel file is damaged or was not uploaded in full",
)
DTD_REFUSED = (
    "Tệp XML có khai báo DTD hoặc thực thể (<!DOCTYPE>, <!ENTITY>), bị từ chối vì lý do an toàn",
    "The XML file declares a DTD or entities",
)
REFUSED_FILES = [
    (
        "empty.csv",
        "Tệp trống: dòng đầu là tiêu đề cột, mỗi dòng sau là một khuyến mại (xem tệp mẫu).",
        "The file is empty",
    ),
    (
        "headers_only.csv",
        "Tệp chỉ có dòng tiêu đề, không có khuyến mại nào: thêm mỗi khuyến mại một dòng bên dưới.",
        "The file has only the header row and no deals",
    ),
    (
        "missing_columns.csv",
        "Thiếu cột bắt buộc: Đường dẫn sản phẩm, Giá khuyến mại (VND). Thêm vào dòng tiêu đề "
        "(dòng 1) như trong tệp mẫu; tên trường của API (url, sale_price) cũng được.",
        "Missing required columns: Product link, Sale price (VND).",
    ),
    (
        "wrong_encoding_utf32.csv",
        "Không đọc được chữ trong tệp: tệp dùng bảng mã UTF-32, không được hỗ trợ; hãy lưu lại "
        "dạng CSV UTF-8.",
        "it is in UTF-32, which is not supported",
    ),
    (
        "wrong_encoding_shift_jis.csv",
        "Không đọc được chữ trong tệp: không nhận ra bảng mã (chỉ đọc được UTF-8, UTF-16 có BOM "
        "hoặc Windows-1258); trong Excel chọn Lưu thành (Save As) > CSV UTF-8 rồi tải lên lại.",
        "its character encoding is not recognised",
    ),
    (
        "wrong_encoding_shift_jis_kana.csv",  # every byte is valid Windows-1258: not Vietnamese
        "Không đọc được chữ trong tệp: không nhận ra bảng mã",
        "its character encoding is not recognised",
    ),
    (
        "utf16_without_bom.csv",
        "Không đọc được chữ trong tệp: tệp chứa byte rỗng (NUL) nên không phải văn bản CSV",
        "it contains NUL bytes",
    ),
    (
        "binary_garbage.bin",
        "Không đọc được chữ trong tệp: tệp chứa byte rỗng (NUL)",
        "it contains NUL bytes",
    ),
    ("truncated.xlsx", *DAMAGED),
    ("corrupt.xlsx", *DAMAGED),
    ("xxe.xml", *DTD_REFUSED),
    ("billion_laughs.xml", *DTD_REFUSED),
]


@pytest.mark.parametrize(
    ("name", "message", "message_en"), REFUSED_FILES, ids=[name for name, *_ in REFUSED_FILES]
)
def test_a_file_that_cannot_be_read_is_refused_with_one_clear_message(name, message, message_en):
    # given a file from the corpus that cannot be read as deals
    # when it is opened
    refused = refusal(corpus(name))
    # then it is refused as a whole, saying why in Vietnamese and in English
    assert refused.message.startswith(message)
    assert message_en in refused.message_en


def test_unknown_columns_are_ignored_with_a_warning_and_the_rows_are_read():
    # given a file with two columns of the merchant's own beside ours
    # when it is read
    deal_file, outcomes = read_all(corpus("unknown_columns.csv"))
    # then a warning names both, and both rows are deals
    assert [warning.message for warning in deal_file.warnings] == [
        "Đã bỏ qua 2 cột không nhận ra: “Ghi chú”, “Màu sắc”. Tên các cột xem ở trang “Hướng dẫn” "
        "của tệp mẫu."
    ]
    assert "Ignored 2 unknown column(s): 'Ghi chú', 'Màu sắc'" in deal_file.warnings[0].message_en
    assert [(outcome.row, outcome.deal.sku) for outcome in outcomes] == [
        (2, "IP15-128"),
        (3, "NC-18"),
    ]
    assert "Ghi chú" not in deal_file.columns.values()


def test_a_file_with_good_and_bad_rows_keeps_the_good_ones_and_names_each_bad_cell():
    # given mixed.csv: good rows, a price "abc", a half đồng, a 31st of February, a row with
    # two bad cells and a blank row
    # when it is read
    deal_file, outcomes = read_all(corpus("mixed.csv"))
    by_row = {outcome.row: outcome for outcome in outcomes}
    # then the blank row is skipped, and rows keep their numbers as the spreadsheet shows them
    assert deal_file.total_rows == 6
    assert sorted(by_row) == [2, 3, 4, 5, 6, 8]
    # and the good rows are deals
    assert isinstance(by_row[2].deal, DealIn)
    assert by_row[8].deal.sku == "NC-18"
    # and a fractional price reaches the engine exactly, for it to refuse (INVALID_PRICE)
    assert by_row[4].deal.price == Decimal("500000.5")
    # and each bad row names its column as the file does, in both languages, with no deal
    assert by_row[3].deal is None
    assert by_row[3].sku == "BAD-PRICE"
    assert [(e.field, e.message) for e in by_row[3].errors] == [
        (
            "price",
            "Cột “Giá trước khuyến mại (VND)”: “abc” không phải số tiền: ghi số đồng, ví dụ "
            "1500000 hoặc 1.500.000.",
        )
    ]
    assert (
        by_row[3]
        .errors[0]
        .message_en.startswith("Column 'Giá trước khuyến mại (VND)': 'abc' is not an amount")
    )
    assert [e.field for e in by_row[5].errors] == ["starts_at"]
    assert by_row[5].errors[0].message.startswith("Cột “Bắt đầu”: “31/02/2021” không phải ngày giờ")
    assert [e.field for e in by_row[6].errors] == ["price", "genuine"]
    assert by_row[6].errors[1].message.startswith("Cột “Cam kết chính hãng”: “có lẽ” không phải")


def test_a_value_the_model_refuses_names_its_column(tmp_path):
    # given a row whose title is longer than 300 characters and whose stock is negative
    path = tmp_path / "long.csv"
    long_title = "Điện thoại " * 30
    path.write_text(
        "Mã SKU,Tên sản phẩm,Đường dẫn sản phẩm,Giá trước khuyến mại (VND),"
        "Giá khuyến mại (VND),Số lượng khuyến mại\n"
        f"A1,{long_title},https://shopee.vn/a-i.1.1,1000000,800000,-5\n"
    )
    # when it is read
    _deal_file, [outcome] = read_all(path)
    # then both errors name their column as the file does
    assert outcome.deal is None
    assert [e.field for e in outcome.errors] == ["title", "stock"]
    assert outcome.errors[0].message.startswith("Cột “Tên sản phẩm”: ")
    assert outcome.errors[0].message_en == "Column 'Tên sản phẩm': At most 300 characters."
    assert outcome.errors[1].message_en == "Column 'Số lượng khuyến mại': Must be at least 0."


def test_a_column_written_twice_is_refused(tmp_path):
    # given a file with both "Mã SKU" and the API's "sku"
    path = tmp_path / "twice.csv"
    path.write_text("Mã SKU,sku,title,url,price,sale_price\nA,A,T,https://a.vn,2,1\n")
    # when it is opened
    refused = refusal(path)
    # then the message names both headers
    assert refused.message == "Hai cột “Mã SKU” và “sku” cùng là Mã SKU: giữ lại một cột."
    assert refused.message_en == "The columns 'Mã SKU' and 'sku' are both SKU: keep one."


# --- Limits, from settings (low here) or given by the caller


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    # given a limit of 300 bytes and a 417-byte file
    settings.DEAL_FILE_MAX_BYTES = 300
    # when it is opened
    refused = refusal(corpus("utf8.csv"))
    # then the limit is named
    assert refused.message == "Tệp lớn hơn 0.0003 MB: hãy chia thành nhiều tệp nhỏ hơn."
    assert refused.message_en.startswith("The file is larger than 0.0003 MB")


def test_the_caller_may_set_a_lower_size_limit():
    # given the default limits in settings, and a caller allowing 100 bytes
    # when a 417-byte file is opened
    refused = refusal(corpus("utf8.csv"), max_bytes=100)
    # then it is refused
    assert refused.message.startswith("Tệp lớn hơn 0.0001 MB")


@pytest.mark.parametrize("name", ["utf8.csv", "google_feed.xml", "google_feed.tsv", "deals.json"])
def test_more_rows_than_the_limit_are_refused(settings, name):
    # given a limit of one deal a file, and a file with two
    settings.DEAL_FILE_MAX_ROWS = 1
    # when it is opened
    refused = refusal(corpus(name))
    # then the limit is named, in Vietnamese number style
    assert refused.message == "Tệp có hơn 1 dòng khuyến mại: hãy chia thành nhiều tệp."
    assert refused.message_en == "The file has more than 1 deal rows: split it into several files."


def test_too_many_rows_in_a_workbook_are_refused(tmp_path, settings):
    # given a limit of 1,000 rows and a workbook with 1,001
    settings.DEAL_FILE_MAX_ROWS = 1_000
    path = tmp_path / "many.xlsx"
    _workbook(path, rows=1_001)
    # when it is opened
    refused = refusal(path)
    # then it is refused
    assert refused.message == "Tệp có hơn 1.000 dòng khuyến mại: hãy chia thành nhiều tệp."


# --- XLSX that is no plain workbook

ZIP_BOMB = ("Tệp Excel giải nén ra lớn bất thường (có thể là “bom nén”)", "possibly a zip bomb")


def _workbook(path, rows: int) -> None:
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["sku", "title", "url", "price", "sale_price"])
    for row in range(1, rows + 1):
        sheet.write_row(row, 0, [f"SKU-{row}", "Quạt", "https://tiki.vn/q", 500_000, 400_000])
    workbook.close()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _bomb() -> bytes:
    """An XLSX-shaped zip whose sheet is 5 MB of spaces, packed into about 5 kB."""
    sheet = b"<worksheet><sheetData>" + b" " * 5_000_000 + b"</sheetData></worksheet>"
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def test_a_zip_bomb_posing_as_xlsx_is_refused_before_calamine_opens_it(tmp_path):
    # given an "xlsx" that unpacks to a thousand times its size
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_bomb())
    assert path.stat().st_size < 10_000
    # when it is opened
    refused = refusal(path)
    # then it is refused as a zip bomb
    assert refused.message.startswith(ZIP_BOMB[0])
    assert ZIP_BOMB[1] in refused.message_en


def _central_entry(data: bytes, name: bytes) -> int:
    """Where the zip's central directory describes the entry ``name``."""
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + struct.unpack_from("<H", data, at + 28)[0]] != name:
        at = data.find(b"PK\x01\x02", at + 1)
    return at


def test_a_zip_bomb_whose_directory_lies_about_its_sizes_is_still_refused(tmp_path):
    # given the same bomb, its headers claiming that the sheet unpacks to 10 kB
    data = bytearray(_bomb())
    sheet = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, sheet.header_offset + 22, 10_000)  # the local header
    struct.pack_into("<I", data, _central_entry(data, sheet.filename.encode()) + 24, 10_000)
    path = tmp_path / "liar.xlsx"
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size == 10_000
    # when it is opened
    refused = refusal(path)
    # then the sizes are measured, not believed, and it is refused
    assert refused.message.startswith(ZIP_BOMB[0])


def test_a_workbook_unpacking_past_the_limit_is_asked_for_as_csv(tmp_path, settings):
    # given a limit of 0.1 MB unpacked and a real workbook of 2,000 rows
    settings.DEAL_FILE_MAX_UNPACKED_BYTES = 100_000
    path = tmp_path / "big.xlsx"
    _workbook(path, rows=2_000)
    # when it is opened
    refused = refusal(path)
    # then it is refused before calamine loads it, and CSV (which streams) is suggested
    assert refused.message == (
        "Tệp Excel quá lớn để đọc (giải nén ra hơn 0.1 MB): hãy chia thành nhiều tệp, hoặc lưu "
        "dạng CSV UTF-8 (đọc được tới 1.000.000 dòng)."
    )
    assert refused.message_en.startswith("The Excel file is too large to read")


def test_a_zip_that_is_no_workbook_is_refused(tmp_path):
    # given a zip of text files
    path = tmp_path / "photos.xlsx"
    path.write_bytes(_zip({"readme.txt": b"hello"}))
    # when it is opened
    refused = refusal(path)
    # then the message says it is no Excel workbook
    assert refused.message.startswith("Tệp nén (ZIP) này không phải bảng tính Excel (.xlsx)")
    assert refused.message_en.startswith("This zip archive is not an Excel workbook")


def test_an_encrypted_zip_is_refused(tmp_path):
    # given a workbook whose entries are marked encrypted
    data = bytearray(_zip({"xl/workbook.xml": b"<workbook/>"}))
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        data[start + flags_at] |= 0x1
    path = tmp_path / "locked.xlsx"
    path.write_bytes(bytes(data))
    # when it is opened
    refused = refusal(path)
    # then the message asks for the password to be removed
    assert refused.message.startswith("Tệp Excel có mật khẩu: hãy bỏ mật khẩu")


def test_an_old_excel_file_or_one_excel_encrypted_is_refused(tmp_path):
    # given an OLE2 file (Excel 97-2003, or an XLSX Excel encrypted with a password)
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    # when it is opened
    refused = refusal(path)
    # then the message says to save it as .xlsx without a password
    assert refused.message.startswith("Tệp Excel 97-2003 (.xls) hoặc tệp Excel có mật khẩu")
    assert "Excel Workbook (.xlsx)" in refused.message_en


# --- XML and JSON


def test_an_xml_feed_naming_an_external_dtd_is_refused_without_fetching_it(tmp_path):
    # given a feed that points at a DTD on the network
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://example.invalid/rss.dtd">'
        '<rss version="2.0"><channel><item><title>A</title></item></channel></rss>'
    )
    # when it is opened
    refused = refusal(path)
    # then it is refused at its DOCTYPE
    assert refused.message.startswith(DTD_REFUSED[0])


def test_a_cut_off_xml_feed_says_where_it_breaks(tmp_path):
    # given a feed that stops inside an item
    path = tmp_path / "feed.xml"
    path.write_bytes(corpus("google_feed.xml").read_bytes()[:600])
    # when it is opened
    refused = refusal(path)
    # then the message gives the line
    assert refused.message.startswith("Tệp XML không hợp lệ ở dòng ")
    assert "check that the file is complete" in refused.message_en


def test_xml_that_is_no_feed_is_refused(tmp_path):
    # given an XML file of another kind
    path = tmp_path / "sitemap.xml"
    path.write_text("<urlset><url><loc>https://a.vn</loc></url></urlset>")
    # when it is opened
    refused = refusal(path)
    # then the message says what a feed looks like
    assert refused.message.startswith("Tệp XML này không phải nguồn cấp Google Merchant Center")


def test_json_that_is_not_a_list_of_deals_is_refused(tmp_path):
    # given a JSON object without "deals"
    path = tmp_path / "deals.json"
    path.write_text('{"festival": "online-friday-2021"}')
    # when it is opened
    refused = refusal(path)
    # then the message shows the two accepted shapes
    assert refused.message.startswith("Tệp JSON phải là một danh sách khuyến mại [...]")


def test_broken_json_says_where(tmp_path):
    # given JSON with a trailing comma
    path = tmp_path / "deals.json"
    path.write_text('[{"sku": "A",}]')
    # when it is opened
    refused = refusal(path)
    # then the place is given as line and column
    assert "line 1, column 14" in refused.message_en


def test_a_json_deal_that_is_no_object_is_a_bad_row(tmp_path):
    # given a list with a deal and a number
    path = tmp_path / "deals.json"
    path.write_text(
        '[{"sku": "A", "title": "T", "url": "https://a.vn", "price": 2, "sale_price": 1}, 7]'
    )
    # when it is read
    _deal_file, outcomes = read_all(path)
    # then the deal is read and the number is a row error
    assert outcomes[0].deal.sku == "A"
    assert outcomes[1].deal is None
    assert outcomes[1].errors[0].message == "Khuyến mại thứ 2 không phải một đối tượng {...}."


def test_an_unreadable_file_path_is_refused_plainly(tmp_path):
    # given a path with no file
    # when it is opened
    refused = refusal(tmp_path / "gone.csv")
    # then the message asks for the upload again
    assert refused.message == "Không mở được tệp đã tải lên: hãy tải lên lại."


def test_a_quote_never_closed_is_refused_naming_its_row(tmp_path):
    # given a CSV whose third row opens a quote that the rest of the file never closes
    path = tmp_path / "quote.csv"
    path.write_text(
        "sku,title,url,price,sale_price\nA,T,https://a.vn,2,1\n"
        '"B,T,https://a.vn,2,1\n' + "9" * 200_000 + "\n"
    )
    # when it is opened
    refused = refusal(path)
    # then the row is named, and what to check
    assert refused.message.startswith("Dòng 3 không đọc được (")
    assert refused.message.endswith("kiểm tra dấu ngoặc kép trong dòng đó.")


def test_a_json_file_with_no_deals_is_refused(tmp_path):
    # given the validate API's body with an empty list
    path = tmp_path / "deals.json"
    path.write_text('{"festival": "online-friday-2021", "deals": []}')
    # when it is opened
    refused = refusal(path)
    # then it is refused as an empty file
    assert refused.message.startswith("Tệp trống")


def test_a_feed_with_no_items_is_refused(tmp_path):
    # given a Google feed whose channel holds no item
    path = tmp_path / "feed.xml"
    path.write_text(
        '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Shop</title>'
        "</channel></rss>"
    )
    # when it is opened
    refused = refusal(path)
    # then the message says so
    assert refused.message == "Nguồn cấp không có sản phẩm nào (thẻ <item>)."


@pytest.mark.parametrize("in_memory_bytes", [120_000_000, 0], ids=["calamine", "streamed"])
def test_a_damaged_workbook_never_escapes_as_anything_but_a_clear_refusal(
    tmp_path, settings, in_memory_bytes
):
    # given a small valid workbook, cut at 40 places and with a byte changed at 40 others, read
    # whole by calamine or streamed
    settings.DEAL_FILE_MAX_IN_MEMORY_UNPACKED_BYTES = in_memory_bytes
    good = tmp_path / "good.xlsx"
    _workbook(good, rows=3)
    data = good.read_bytes()
    step = len(data) // 40
    damaged = [data[:cut] for cut in range(step, len(data), step)] + [
        data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1 :] for at in range(7, len(data), step)
    ]
    path = tmp_path / "damaged.xlsx"
    for variant in damaged:
        path.write_bytes(variant)
        # when each is opened and read
        try:
            deal_file = open_deal_file(path)
            list(deal_file.rows())
        # then it is either read, or refused with a message in both languages
        except IntakeError as refused:
            assert refused.message and refused.message_en
