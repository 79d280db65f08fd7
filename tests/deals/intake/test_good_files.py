"""Good deal files in every format merchants' tools save: each gives the same deals."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import xlsxwriter

from onlinefriday.compliance.submission import DealIn
from onlinefriday.deals.intake import IntakeError, open_deal_file
from tests.deals.intake.helpers import corpus, read_all

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
PLUS_7 = timezone(timedelta(hours=7))
IPHONE = {
    "sku": "IP15-128",
    "title": "Điện thoại iPhone 15 128GB",
    "url": "https://shopee.vn/iphone-15-i.1.2",
    "price": 22_990_000,
    "sale_price": 18_990_000,
    "starts_at": datetime(2021, 12, 3, tzinfo=VIETNAM),
    "ends_at": datetime(2021, 12, 5, 23, 59, tzinfo=VIETNAM),
    "genuine": True,
}
RICE_COOKER = {
    "sku": "NC-18",
    "title": "Nồi cơm điện Sunhouse 1.8L",
    "url": "https://tiki.vn/noi-com-p1",
    "price": 1_500_000,
    "sale_price": 990_000,
    "starts_at": datetime(2021, 12, 3, tzinfo=VIETNAM),
    "ends_at": datetime(2021, 12, 5, 23, 59, tzinfo=VIETNAM),
    "genuine": True,
}


def fields_of(deal: DealIn, names) -> dict:
    return {name: getattr(deal, name) for name in names}


@pytest.mark.parametrize(
    "name", ["utf8.csv", "utf8_bom.csv", "utf16_tab.txt", "cp1258_semicolon.csv"]
)
def test_the_same_deals_are_read_whatever_the_encoding_and_delimiter(name):
    # given the same two deals saved as `name` (UTF-8, UTF-8 with BOM, Excel's UTF-16 "Unicode
    # text" with tabs, old Vietnamese Windows-1258 with semicolons)
    # when the file is read
    deal_file, outcomes = read_all(corpus(name))
    # then it is a CSV of two deals, Vietnamese letters intact (Windows-1258's tone marks
    # joined to their letters), every value read
    assert (deal_file.format, deal_file.total_rows, deal_file.warnings) == ("csv", 2, [])
    assert [outcome.row for outcome in outcomes] == [2, 3]
    assert [outcome.errors for outcome in outcomes] == [(), ()]
    assert fields_of(outcomes[0].deal, IPHONE) == IPHONE
    assert fields_of(outcomes[1].deal, RICE_COOKER) == RICE_COOKER
    assert outcomes[1].deal.title == "Nồi cơm điện Sunhouse 1.8L"  # NFC, as typed


def test_the_apis_field_names_work_as_headers():
    # given a CSV whose headers are the API's field names, dates in ISO 8601
    # when it is read
    deal_file, [outcome] = read_all(corpus("api_names.csv"))
    # then every column is found and read
    assert deal_file.warnings == []
    assert fields_of(outcome.deal, ["sku", "price", "made_in_vietnam", "stock"]) == {
        "sku": "IP15-128",
        "price": 22_990_000,
        "made_in_vietnam": False,
        "stock": 50,
    }
    assert outcome.deal.starts_at == datetime(2021, 12, 3, tzinfo=PLUS_7)


def test_headers_match_whatever_their_case_marks_and_spacing(tmp_path):
    # given headers typed without marks, in capitals, with extra spaces and underscores
    path = tmp_path / "loose.csv"
    path.write_text(
        "ma sku;  TÊN SẢN PHẨM ;duong_dan_san_pham;Gia truoc khuyen mai (vnd);GIÁ KHUYẾN MẠI\n"
        "A1;Quạt;https://tiki.vn/q;500.000;400.000\n"
    )
    # when it is read
    deal_file, [outcome] = read_all(path)
    # then each is found, and the deal read
    assert set(deal_file.columns) == {"sku", "title", "url", "price", "sale_price"}
    assert (outcome.deal.sku, outcome.deal.price, outcome.deal.sale_price) == (
        "A1",
        500_000,
        400_000,
    )


def test_a_google_merchant_center_rss_feed_is_read():
    # given a Google Merchant Center feed in RSS 2.0: g: attributes, RSS's own title and link
    # in one item, g:title and g:link in the other, with a <g:shipping> holding its own price
    # when it is read
    deal_file, outcomes = read_all(corpus("google_feed.xml"))
    # then both items are deals, numbered from 1
    assert (deal_file.format, deal_file.total_rows) == ("google-rss", 2)
    assert [outcome.row for outcome in outcomes] == [1, 2]
    tv, fan = (outcome.deal for outcome in outcomes)
    # and Google's names are mapped: id, link, image_link, the sale period, the category
    assert fields_of(tv, ["sku", "title", "url", "price", "sale_price", "currency"]) == {
        "sku": "TV-55",
        "title": "Tivi Sony 55 inch 4K",
        "url": "https://saomai.example.vn/tivi-sony-55",
        "price": 15_990_000,  # not the shipping's 30.000 VND
        "sale_price": 12_490_000,
        "currency": "VND",
    }
    assert (tv.starts_at, tv.ends_at) == (
        datetime(2021, 12, 3, tzinfo=PLUS_7),
        datetime(2021, 12, 5, 23, 59, tzinfo=PLUS_7),
    )
    assert (tv.image_url, tv.category, tv.gtin, tv.stock) == (
        "https://saomai.example.vn/anh/tivi-sony-55.jpg",
        "dien-may",
        "4548736132580",
        None,  # in stock: the quantity is not said
    )
    # and our extension attributes are read
    assert (tv.origin_country, tv.genuine, tv.made_in_vietnam) == ("MY", True, False)
    assert (fan.sku, fan.title, fan.stock, fan.made_in_vietnam) == (
        "QUAT-01",
        "Quạt đứng Senko",
        0,
        True,
    )
    # and Google attributes we do not use are listed in a warning, not refused
    assert "“condition”, “shipping”" in deal_file.warnings[0].message


def test_a_google_tab_separated_feed_is_read():
    # given Google's tab-separated feed with our extension columns
    # when it is read
    deal_file, outcomes = read_all(corpus("google_feed.tsv"))
    # then it is a Google TSV whose rows are deals
    assert (deal_file.format, deal_file.total_rows, deal_file.warnings) == ("google-tsv", 2, [])
    tv, fan = (outcome.deal for outcome in outcomes)
    assert (tv.sku, tv.url, tv.price, tv.sale_price, tv.genuine) == (
        "TV-55",
        "https://saomai.example.vn/tivi-sony-55",
        15_990_000,
        12_490_000,
        True,
    )
    assert tv.ends_at == datetime(2021, 12, 5, 23, 59, tzinfo=PLUS_7)
    assert (fan.stock, fan.starts_at) == (0, None)


def test_a_google_feed_needs_googles_required_attributes(tmp_path):
    # given a Google TSV without link and price
    path = tmp_path / "feed.tsv"
    path.write_text("id\ttitle\tsale_price\nA\tQuạt\t400000 VND\n")
    # when it is opened
    with pytest.raises(IntakeError) as refused:
        open_deal_file(path)
    # then Google's names are given
    assert refused.value.message.startswith("Thiếu cột bắt buộc: link, price.")


def _feed_priced(tmp_path, price: str, sale_price: str):
    path = tmp_path / "feed.tsv"
    text = corpus("google_feed.tsv").read_text()
    path.write_text(text.replace("15.990.000 VND", price).replace("12.490.000 VND", sale_price))
    return next(open_deal_file(path).rows())


def test_a_price_in_another_currency_says_so(tmp_path):
    # given a Google feed whose prices are in dollars
    # when it is read
    tv = _feed_priced(tmp_path, "650.00 USD", "499.00 USD").deal
    # then the currency is the one written, for the engine to refuse (CURRENCY_NOT_VND)
    assert (tv.price, tv.sale_price, tv.currency) == (650, 499, "USD")


def test_prices_in_two_currencies_are_an_error_not_a_guess(tmp_path):
    # given a price in dollars and a sale price in đồng
    # when it is read
    outcome = _feed_priced(tmp_path, "650.00 USD", "12.490.000 VND")
    # then the row names both
    assert outcome.deal is None
    assert [(e.field, e.message) for e in outcome.errors] == [
        (
            "currency",
            "Một khuyến mại ghi nhiều loại tiền: USD (cột “price”), VND (cột “sale_price”). "
            "Mọi giá phải cùng một loại tiền (VND).",
        )
    ]


def test_a_json_file_of_deals_is_read_with_exact_amounts():
    # given the validate API's body saved as a file
    # when it is read
    deal_file, outcomes = read_all(corpus("deals.json"))
    # then both deals are read, numbered from 1, the price history kept and a fractional
    # price exact (for the engine to refuse)
    assert (deal_file.format, deal_file.total_rows) == ("json", 2)
    assert [outcome.row for outcome in outcomes] == [1, 2]
    assert outcomes[0].deal.price_history[0].price == 22_990_000
    assert outcomes[1].deal.price == Decimal("500000.50")


def _workbook(path, header_row: int = 0) -> None:
    """An XLSX as a merchant's Excel saves it: numbers as numbers, dates as date cells."""
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Khuyến mại")
    moment = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    headers = [
        "Mã SKU",
        "Tên sản phẩm",
        "Mã vạch (GTIN)",
        "Đường dẫn sản phẩm",
        "Giá trước khuyến mại (VND)",
        "Giá khuyến mại (VND)",
        "Bắt đầu",
        "Kết thúc",
        "Cam kết chính hãng",
        "Số lượng khuyến mại",
    ]
    sheet.write_row(header_row, 0, headers)
    first = header_row + 1
    sheet.write_row(first, 0, ["IP15-128", "Điện thoại iPhone 15 128GB", 195949036354])
    sheet.write_string(first, 3, "https://shopee.vn/iphone-15-i.1.2")
    sheet.write_row(first, 4, [22_990_000, 18_990_000])
    sheet.write_datetime(first, 6, datetime(2021, 12, 3), moment)
    sheet.write_datetime(first, 7, datetime(2021, 12, 5, 23, 59), moment)
    sheet.write_boolean(first, 8, True)
    sheet.write_number(first, 9, 500)
    # a blank row, then a row with a fractional price and a yes written as text
    sheet.write_row(first + 2, 0, ["NC-18", "Nồi cơm điện", "", "https://tiki.vn/noi-com-p1"])
    sheet.write_row(first + 2, 4, [1_500_000.5, 990_000, date(2021, 12, 3).isoformat()])
    sheet.write_string(first + 2, 8, "có")
    workbook.close()


def test_an_xlsx_workbook_is_read_with_its_cells_typed(tmp_path):
    # given a workbook with number, date and boolean cells
    path = tmp_path / "deals.xlsx"
    _workbook(path)
    # when it is read
    deal_file, outcomes = read_all(path)
    # then the blank row is skipped, the rows numbered as Excel shows them
    assert (deal_file.format, deal_file.total_rows) == ("xlsx", 2)
    assert [outcome.row for outcome in outcomes] == [2, 4]
    phone, cooker = (outcome.deal for outcome in outcomes)
    # and numbers are whole đồng, a GTIN typed as a number is its digits, dates are Vietnam time
    assert fields_of(phone, ["gtin", "price", "sale_price", "genuine", "stock"]) == {
        "gtin": "195949036354",
        "price": 22_990_000,
        "sale_price": 18_990_000,
        "genuine": True,
        "stock": 500,
    }
    assert (phone.starts_at, phone.ends_at) == (
        datetime(2021, 12, 3, tzinfo=VIETNAM),
        datetime(2021, 12, 5, 23, 59, tzinfo=VIETNAM),
    )
    # and a fractional price stays exact, for the engine to refuse
    assert cooker.price == Decimal("1500000.5")
    assert (cooker.genuine, cooker.starts_at) == (True, datetime(2021, 12, 3, tzinfo=VIETNAM))


def test_rows_of_a_workbook_whose_header_is_lower_keep_excels_numbers(tmp_path):
    # given a workbook whose header is on row 3 (two rows of notes above it, left blank)
    path = tmp_path / "lower.xlsx"
    _workbook(path, header_row=2)
    # when it is read
    _deal_file, outcomes = read_all(path)
    # then the rows are numbered as Excel shows them
    assert [outcome.row for outcome in outcomes] == [4, 6]


@pytest.mark.parametrize(
    ("name", "start_after", "rows"),
    [("mixed.csv", 4, [5, 6, 8]), ("google_feed.xml", 1, [2]), ("deals.json", 2, [])],
)
def test_a_resumed_job_reads_on_after_its_last_row(name, start_after, rows):
    # given a file read up to `start_after`
    deal_file = open_deal_file(corpus(name))
    # when reading resumes
    # then only the rows after it come
    assert [outcome.row for outcome in deal_file.rows(start_after=start_after)] == rows
