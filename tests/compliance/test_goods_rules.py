"""The goods: promotable (Decree 81/2018 Art. 5), of stated origin, declared genuine."""

import tomllib
import unicodedata
from importlib import resources

import pytest

from onlinefriday.deals.models import Category
from tests.compliance.builders import assert_reason, make_deal, reasons


def nfd(text: str) -> str:
    """The text with its marks typed as separate characters, as some keyboards send it."""
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("title", "category", "present"),
    [
        # look-alikes: other goods that share a word with banned ones
        ("Thuốc nhuộm tóc Garnier màu nâu hạt dẻ", "suc-khoe-lam-dep", False),
        ("thuoc nhuom toc Garnier mau nau", "suc-khoe-lam-dep", False),
        ("THUỐC NHUỘM TÓC L'Oréal", "suc-khoe-lam-dep", False),
        (nfd("Thuốc nhuộm tóc Garnier"), "suc-khoe-lam-dep", False),
        ("Bìa hồ sơ nhựa A4 Thiên Long", "sach-van-phong-pham", False),
        ("BÌA HỒ SƠ 20 lá", "sach-van-phong-pham", False),
        ("Sổ tay bìa da A5", "sach-van-phong-pham", False),
        ("Thước kẻ nhôm 30cm", "sach-van-phong-pham", False),
        ("thuoc ke nhom 30cm", "sach-van-phong-pham", False),
        ("Thước dây may mặc 1,5m", "nha-cua-doi-song", False),
        ("Kem đánh răng P/S bảo vệ 123", "suc-khoe-lam-dep", False),
        ("Cà phê hạt Colombia 500g", "thuc-pham-do-uong", False),
        ("Điện thoại Samsung Galaxy S24 Ultra 256GB", "dien-thoai-may-tinh-bang", False),
        # true positives, with and without marks, in any case
        ("Rượu vang đỏ Chile 750ml", "thuc-pham-do-uong", True),
        ("ruou vang Da Lat", "thuc-pham-do-uong", True),
        (nfd("Rượu vang Đà Lạt"), "thuc-pham-do-uong", True),
        ("BIA HÀ NỘI thùng 24 lon", "thuc-pham-do-uong", True),
        ("Bia Tiger lon 330ml", "thuc-pham-do-uong", True),
        ("thuốc lá Vinataba", "", True),
        ("thuoc la Vinataba", "", True),
        ("Vé số kiến thiết miền Nam", "", True),
        ("ve so Vietlott", "", True),
        ("sữa công thức Meiji số 0", "me-be", True),
        ("sua cong thuc Meiji so 0", "me-be", True),
        ("Panadol Extra hộp 180 viên", "suc-khoe-lam-dep", True),
        ("Thuốc nhuộm tóc và thuốc cảm cúm", "suc-khoe-lam-dep", True),
        # by category, as a slug or as its name
        ("Bình giữ nhiệt 500ml", "ruou-bia", True),
        ("Hộp quà Tết", "Rượu & Bia", True),
        ("Hộp quà Tết", "thuoc-la", True),
        ("Hộp 10 vỉ", "thuoc-chua-benh", True),
        ("Hộp 900g", "sua-thay-the-sua-me", True),
        ("Hộp 900g", "me-be", False),
    ],
)
def test_banned_goods(title, category, present):
    # given a deal with this title in this category
    deal = make_deal(title=title, category=category)
    # when it is judged
    found = reasons(deal)
    # then BANNED_GOODS is there only for goods that may not be promoted
    assert ("BANNED_GOODS" in found) is present


@pytest.mark.parametrize(
    ("origin", "present"),
    [
        ("VN", False),
        ("vn", False),
        (" JP ", False),
        ("", True),
        ("XX", True),
        ("VNM", True),
        ("Việt Nam", True),
    ],
)
def test_missing_origin(origin, present):
    # given a deal declaring this country of origin
    deal = make_deal(origin_country=origin)
    # when it is judged
    found = reasons(deal)
    # then MISSING_ORIGIN is there only without an ISO 3166-1 alpha-2 code
    assert ("MISSING_ORIGIN" in found) is present


@pytest.mark.parametrize(("genuine", "present"), [(True, False), (False, True), (None, True)])
def test_missing_genuine_declaration(genuine, present):
    # given a deal whose merchant declared genuineness so (None: said nothing)
    deal = make_deal(genuine=genuine)
    # when it is judged
    found = reasons(deal)
    # then MISSING_GENUINE_DECLARATION is there unless the goods are declared genuine
    assert ("MISSING_GENUINE_DECLARATION" in found) is present


@pytest.mark.parametrize(
    ("fields", "code", "vi", "en"),
    [
        pytest.param(
            {"title": "Rượu vang đỏ Chile 750ml"},
            "BANNED_GOODS",
            ("rượu, bia", "“Rượu”"),
            ("alcohol", "'Rượu'"),
            id="BANNED_GOODS by title",
        ),
        pytest.param(
            {"title": "Hộp quà Tết", "category": "thuoc-la"},
            "BANNED_GOODS",
            ("thuốc lá", "thuoc-la"),
            ("tobacco", "thuoc-la"),
            id="BANNED_GOODS by category",
        ),
        pytest.param(
            {"origin_country": ""},
            "MISSING_ORIGIN",
            ("ISO 3166-1",),
            ("ISO 3166-1",),
            id="MISSING_ORIGIN: none",
        ),
        pytest.param(
            {"origin_country": "XX"},
            "MISSING_ORIGIN",
            ("“XX”",),
            ("'XX'",),
            id="MISSING_ORIGIN: not a country",
        ),
        pytest.param(
            {"genuine": None},
            "MISSING_GENUINE_DECLARATION",
            ("chính hãng",),
            ("genuine",),
            id="MISSING_GENUINE_DECLARATION: not declared",
        ),
        pytest.param(
            {"genuine": False},
            "MISSING_GENUINE_DECLARATION",
            ("chính hãng",),
            ("genuine",),
            id="MISSING_GENUINE_DECLARATION: declared not genuine",
        ),
    ],
)
def test_goods_reasons_say_what_was_found_in_both_languages(fields, code, vi, en):
    # given a deal that breaks a goods rule
    deal = make_deal(**fields)
    # when it is judged
    found = reasons(deal).get(code)
    # then the reason has the table's severity and both messages say what was found
    assert_reason(found, code, vi, en)


def test_every_category_of_the_shipped_list_is_seeded(db):
    # given the default list of banned goods shipped with the engine
    text = resources.files("onlinefriday.compliance").joinpath("banned_goods.toml").read_text()
    families = tomllib.loads(text)["families"]
    named = {slug for family in families.values() for slug in family.get("categories", [])}
    # when the categories seeded by deals/0002 are read
    seeded = set(Category.objects.values_list("slug", flat=True))
    # then every category the list names exists, so deals filed under it are found
    assert named
    assert named <= seeded, named - seeded
