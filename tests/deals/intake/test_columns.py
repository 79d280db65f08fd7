"""The one table of column names: each name means one column, in any case or spelling."""

import pytest

from onlinefriday.core.text import folded_key
from onlinefriday.deals.intake import IntakeError
from onlinefriday.deals.intake.columns import COLUMNS, map_headers


def test_no_name_means_two_columns():
    # given every name of every column, folded as headers are compared
    names = [(folded_key(name), column.field) for column in COLUMNS for name in column.names]
    # when they are grouped
    fields_by_name: dict[str, set[str]] = {}
    for name, field in names:
        fields_by_name.setdefault(name, set()).add(field)
    # then each name belongs to a single column
    assert {name: fields for name, fields in fields_by_name.items() if len(fields) > 1} == {}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Mã SKU", "sku"),
        ("MA SKU", "sku"),
        ("ma_sku", "sku"),
        ("id", "sku"),
        ("Giá khuyến mại (VND)", "sale_price"),
        ("gia khuyen mai", "sale_price"),
        ("sale_price", "sale_price"),
        ("link", "url"),
        ("image_link", "image_url"),
        ("google_product_category", "category"),
        ("Hàng Việt Nam", "made_in_vietnam"),
    ],
)
def test_a_header_is_found_by_any_of_its_names(header, field):
    # given a header row with the required columns and `header`
    required = ["sku", "title", "url", "price", "sale_price"]
    headers = [name for name in required if name != field] + [header]
    # when the headers are mapped
    mapped = map_headers(headers)
    # then `header` is the column for `field`
    assert mapped.columns[field] == header


def test_a_file_with_googles_names_is_taken_for_a_google_feed():
    # given Google's names, without a sale price
    # when they are mapped
    mapped = map_headers(["id", "title", "link", "price"])
    # then Google's required columns are enough
    assert mapped.google_feed
    assert mapped.unknown == ()


def test_our_format_needs_a_sale_price():
    # given our names without a sale price
    # when they are mapped
    with pytest.raises(IntakeError) as refused:
        map_headers(["Mã SKU", "Tên sản phẩm", "Đường dẫn sản phẩm", "Giá trước khuyến mại (VND)"])
    # then the missing column is named as the template names it
    assert refused.value.message.startswith("Thiếu cột bắt buộc: Giá khuyến mại (VND).")
    assert refused.value.message_en.startswith("Missing required columns: Sale price (VND).")
