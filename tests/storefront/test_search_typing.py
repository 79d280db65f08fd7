"""Searching as the shopper types long words: found before the word is whole, marks ranking."""

from datetime import timedelta

import pytest

from onlinefriday.storefront.search import DealSearch, search_deals


@pytest.fixture
def published(deal_factory, product_factory, festival_factory):
    """Publish an accepted deal of a new product titled ``title`` in one live festival."""
    festival = festival_factory(starts_in=-timedelta(hours=1), slug="go-tim-2030")

    def make(title: str, brand: str = ""):
        product = product_factory(title, brand=brand)
        return deal_factory(festival=festival, product=product, status="accepted")

    return make


def titles(q: str) -> list[str]:
    return [deal.title for deal in search_deals(DealSearch(q=q)).deals]


def test_a_long_word_is_found_at_every_letter_typed(published):
    # given a mouse and a carton of milk, their brands of eight letters
    published("Chuột không dây M331", brand="Logitech")
    published("Sữa tươi ít đường 1 lít", brand="Vinamilk")

    # when the brand is typed letter by letter, then the product is found at each one
    for typed in ("l", "lo", "log", "logi", "logit", "logite", "logitec", "logitech"):
        assert titles(f"chuot {typed}") == ["Chuột không dây M331"], typed
    assert titles("VINAMI") == ["Sữa tươi ít đường 1 lít"]
    # and a word that begins no word of any title finds nothing
    assert titles("vinamix") == []


def test_the_marks_of_a_long_word_typed_so_far_rank_first(published):
    # given sugar (đường) and a face cream of the brand Dương, both folding to 'duong'
    published("Kem dưỡng ẩm", brand="Dương")
    published("Đường phèn Quảng Ngãi 500g")

    # when the shopper has typed four of the word's letters with its marks
    # then the product whose word begins with those marks comes first
    assert titles("đườn") == ["Đường phèn Quảng Ngãi 500g", "Kem dưỡng ẩm"]
    assert titles("dươn") == ["Kem dưỡng ẩm", "Đường phèn Quảng Ngãi 500g"]
    # and typed bare, the newest comes first
    assert titles("duon") == ["Đường phèn Quảng Ngãi 500g", "Kem dưỡng ẩm"]
