"""The XLSX template merchants download: readable back as it comes, and explaining itself."""

import zipfile

from python_calamine import CalamineWorkbook

from onlinefriday.deals.intake import open_deal_file
from onlinefriday.deals.intake.columns import TEMPLATE_COLUMNS
from onlinefriday.deals.intake.template import deal_template_xlsx

CATEGORIES = [("dien-thoai", "Điện thoại"), ("dien-may", "Điện máy")]
PLATFORMS = [("shopee", "Shopee"), ("tiki", "Tiki")]


def _template(tmp_path):
    path = tmp_path / "mau.xlsx"
    path.write_bytes(deal_template_xlsx(CATEGORIES, PLATFORMS))
    return path


def test_the_template_read_back_gives_its_example_row_as_a_deal(tmp_path):
    # given the template as downloaded
    path = _template(tmp_path)
    # when it is read like any upload
    deal_file = open_deal_file(path)
    [outcome] = list(deal_file.rows())
    # then every column is known and the example row is a deal, on row 2
    assert (deal_file.format, deal_file.total_rows, deal_file.warnings) == ("xlsx", 1, [])
    assert set(deal_file.columns) == {column.field for column in TEMPLATE_COLUMNS}
    assert outcome.row == 2
    deal = outcome.deal
    assert (deal.sku, deal.category, deal.platform, deal.gtin) == (
        "IP15-128-DEN",
        "dien-thoai",
        "shopee",
        "0195949036354",  # written as text: the leading zero stays
    )
    assert (deal.price, deal.sale_price, deal.genuine, deal.made_in_vietnam) == (
        22_990_000,
        18_990_000,
        True,
        False,
    )


def test_the_template_has_vietnamese_headers_and_a_guide_listing_the_allowed_values(tmp_path):
    # given the template
    path = _template(tmp_path)
    # when its sheets are read
    with CalamineWorkbook.from_path(path) as workbook:
        names = workbook.sheet_names
        deals = workbook.get_sheet_by_name("Khuyến mại").to_python()
        guide = workbook.get_sheet_by_name("Hướng dẫn").to_python()
    # then the first row holds the Vietnamese headers, and the guide explains each column and
    # lists the categories and platforms with their codes
    assert names == ["Khuyến mại", "Hướng dẫn"]
    assert deals[0][:3] == ["Mã SKU", "Tên sản phẩm", "Danh mục"]
    assert "Giá khuyến mại (VND)" in deals[0]
    guide_rows = {row[0]: row for row in guide}
    assert guide_rows["Mã SKU"][1:3] == ["bắt buộc", "sku, id"]
    assert guide_rows["Đường dẫn sản phẩm"][2] == "url, link"
    assert guide_rows["dien-may"][1] == "Điện máy"
    assert guide_rows["tiki"][1] == "Tiki"


def test_the_template_offers_drop_down_lists_from_the_guide(tmp_path):
    # given the template
    path = _template(tmp_path)
    # when its first sheet's XML is looked at
    sheet = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    # then category, platform and yes/no columns offer lists kept on the guide sheet, and the
    # header row is frozen
    assert sheet.count('<dataValidation type="list"') == 4
    assert "'Hướng dẫn'!$A$" in sheet
    assert '<pane ySplit="1"' in sheet
