"""Searching published deals as shoppers type: with or without marks, half typed, with a typo."""

from datetime import timedelta

import pytest
from django.utils import timezone

from onlinefriday.deals.models import Category
from onlinefriday.merchants.models import Platform
from onlinefriday.storefront.search import DealSearch, Sort, search_deals, suggest
from onlinefriday.tracking.models import DealClicks


@pytest.fixture
def published(deal_factory, product_factory, festival_factory):
    """Publish an accepted deal of a new product titled ``title`` in one live festival."""
    festival = festival_factory(starts_in=-timedelta(hours=1), slug="tim-kiem-2030")

    def make(
        title: str, *, brand: str = "", made_in_vietnam: bool = False, category=None, **fields
    ):
        fields.setdefault("status", "accepted")
        product = product_factory(title, brand=brand, made_in_vietnam=made_in_vietnam)
        if category is not None:
            product.category = category
            product.save()
        return deal_factory(festival=festival, product=product, **fields)

    return make


def titles(q: str, **filters) -> list[str]:
    return [deal.title for deal in search_deals(DealSearch(q=q, **filters)).deals]


def test_a_search_typed_without_marks_finds_the_deal(published):
    # given a phone titled with all its marks
    published("Điện thoại Samsung Galaxy A55 5G")
    published("Nồi cơm điện Sunhouse 1.8 lít")

    # when the shopper types the words bare, in any case
    # then the phone is found, and the rice cooker is not
    assert titles("dien thoai") == ["Điện thoại Samsung Galaxy A55 5G"]
    assert titles("ĐIỆN THOẠI samsung") == ["Điện thoại Samsung Galaxy A55 5G"]


def test_both_tone_placements_find_each_other(published):
    # given one product written with the old placement and one with the new
    published("Máy lọc nước Hòa Phát")
    published("Khăn tắm Thuỷ Tiên")

    # when each is searched with the other placement, or without marks
    # then each is found
    assert titles("hoà phát") == ["Máy lọc nước Hòa Phát"]
    assert titles("Hoa Phat") == ["Máy lọc nước Hòa Phát"]
    assert titles("thủy tiên") == ["Khăn tắm Thuỷ Tiên"]


def test_d_finds_đ_and_đ_finds_d(published):
    published("Đồng hồ Casio nam")
    published("Dây đeo đồng hồ da")

    assert set(titles("dong ho")) == {"Đồng hồ Casio nam", "Dây đeo đồng hồ da"}
    assert titles("đay deo") == ["Dây đeo đồng hồ da"]


def test_the_last_word_is_matched_as_typed_so_far(published):
    published("Điện thoại Apple iPhone 15 Pro Max 256GB")

    assert titles("iph") == ["Điện thoại Apple iPhone 15 Pro Max 256GB"]
    assert titles("dien tho") == ["Điện thoại Apple iPhone 15 Pro Max 256GB"]
    # a word followed by a space is whole: 'iph ' is no word of the title
    assert titles("iph ") == []


def test_the_marks_typed_rank_first(published):
    # given leather shoes (da) and football boots (đá), each folding to 'giay da'
    published("Giày đá bóng Kamito")
    published("Giày da nam công sở")

    # when the shopper types the marks of one of them, then it comes first
    assert titles("giày da") == ["Giày da nam công sở", "Giày đá bóng Kamito"]
    assert titles("giày đá") == ["Giày đá bóng Kamito", "Giày da nam công sở"]


def test_one_typo_is_forgiven_in_words_of_five_letters_or_more(published):
    published("Tivi Sony Bravia 55 inch", brand="Sony")
    published("Điện thoại Samsung Galaxy S24 Ultra", brand="Samsung")

    # 'samsnug' (two letters swapped), 'galxy' (one missing), 'bravua' (one wrong)
    assert titles("samsnug") == ["Điện thoại Samsung Galaxy S24 Ultra"]
    assert titles("galxy s24") == ["Điện thoại Samsung Galaxy S24 Ultra"]
    assert titles("bravua") == ["Tivi Sony Bravia 55 inch"]
    # four letters: no typo allowed ('sonu' is no word of any title)
    assert titles("sonu ") == []
    # two typos in one word are too many
    assert titles("smasnug ") == []


def test_an_edited_title_is_found_by_its_new_words_at_once(merchant, shop, festival_factory):
    # given a deal sent through submit_deals (bulk SQL, no model signals), published now
    from tests.moderation.builders import send_deal

    festival = festival_factory(starts_in=timedelta(days=10), slug="sua-ten-2030")
    deal = send_deal(merchant, festival, sku="TV-55", title="Tivi Samsung 55 inch 4K")

    # when the merchant renames the product, sending the deal again
    send_deal(merchant, festival, sku="TV-55", title="Tivi LG OLED 55 inch")

    # then the new words find it and the old ones no longer do
    deal.refresh_from_db()
    at = deal.starts_at + timedelta(minutes=1)
    assert deal.status == "accepted"
    found = search_deals(DealSearch(q="lg oled"), now=at).deals
    assert [d.pk for d in found] == [deal.pk]
    assert search_deals(DealSearch(q="samsung"), now=at).deals == []


def test_only_published_deals_are_found(published):
    now = timezone.now()
    published("Áo thun nam cổ tròn", status="review")
    published("Áo thun nữ basic", hidden_at=now)
    published("Áo thun trẻ em", starts_at=now + timedelta(minutes=5))
    published("Áo thun unisex", ends_at=now - timedelta(seconds=1))
    published("Áo thun polo")

    assert titles("ao thun") == ["Áo thun polo"]


def test_filters_narrow_the_results(published):
    # given three shirts: Vietnamese goods, a featured one, and one at half price on Tiki
    fashion = Category.objects.get(slug="thoi-trang-nam")
    tiki = Platform.objects.get(code="tiki")
    published("Áo sơ mi Việt Tiến", made_in_vietnam=True, category=fashion)
    published("Áo sơ mi nam Owen", featured=True, category=fashion)
    published("Áo sơ mi Uniqlo", price=1_000_000, sale_price=500_000, platform=tiki)

    # then each filter keeps only its shirts (the others are 29% off at 24,000,000 VND)
    assert set(titles("ao so mi", category="thoi-trang-nam")) == {
        "Áo sơ mi Việt Tiến",
        "Áo sơ mi nam Owen",
    }
    assert titles("ao so mi", platform="tiki") == ["Áo sơ mi Uniqlo"]
    assert titles("ao so mi", made_in_vietnam=True) == ["Áo sơ mi Việt Tiến"]
    assert titles("ao so mi", featured=True) == ["Áo sơ mi nam Owen"]
    assert titles("ao so mi", min_discount=50) == ["Áo sơ mi Uniqlo"]
    assert titles("ao so mi", max_discount=29, min_discount=29, featured=False) == [
        "Áo sơ mi Việt Tiến"
    ]
    assert titles("ao so mi", max_price=600_000) == ["Áo sơ mi Uniqlo"]
    assert set(titles("", min_price=600_000)) == {"Áo sơ mi Việt Tiến", "Áo sơ mi nam Owen"}


def test_sorts(published):
    now = timezone.now()
    sunhouse = published("Ấm siêu tốc Sunhouse", price=400_000, sale_price=300_000)  # 25%
    published(
        "Ấm siêu tốc Philips",
        price=900_000,
        sale_price=450_000,
        starts_at=now - timedelta(minutes=5),
    )  # 50%, newest
    lock = published("Ấm siêu tốc Lock&Lock", price=500_000, sale_price=333_000)  # 33.4%: 33
    published("Ấm siêu tốc Kangaroo", price=400_000, sale_price=300_000)  # as Sunhouse, later

    def order(sort):
        return [
            d.title.split()[-1] for d in search_deals(DealSearch(q="am sieu toc", sort=sort)).deals
        ]

    # ties go to the newer deal when the biggest come first, to the older one otherwise
    assert order(Sort.DISCOUNT) == ["Philips", "Lock&Lock", "Kangaroo", "Sunhouse"]
    assert order(Sort.PRICE) == ["Sunhouse", "Kangaroo", "Lock&Lock", "Philips"]
    assert order(Sort.NEWEST)[0] == "Philips"
    DealClicks.objects.create(deal=sunhouse, clicks=5)
    DealClicks.objects.create(deal=lock, clicks=9)
    assert order(Sort.CLICKS) == ["Lock&Lock", "Sunhouse", "Kangaroo", "Philips"]
    found = search_deals(DealSearch(sort=Sort.DISCOUNT)).deals
    assert [d.discount_percent for d in found] == [50, 33, 25, 25]


def test_results_come_in_pages(published):
    for number in range(5):
        published(f"Bút bi Thiên Long TL-0{number}")

    results = search_deals(DealSearch(q="but bi", per_page=2, page=3))

    assert (results.total, results.page, results.pages, len(results.deals)) == (5, 3, 3, 1)
    assert search_deals(DealSearch(q="but bi", per_page=2, page=9)).page == 3


def test_suggestions_are_titles_of_published_deals(published):
    published("Sữa rửa mặt Cetaphil 500ml")
    published("Sữa tươi Vinamilk 1 lít", status="rejected")
    published("Sữa chua Vinamilk")

    assert set(suggest("sua")) == {"Sữa rửa mặt Cetaphil 500ml", "Sữa chua Vinamilk"}
    assert suggest("sữa r") == ["Sữa rửa mặt Cetaphil 500ml"]
    assert suggest("  ") == []
