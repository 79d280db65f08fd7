"""The shopper's pages: what a visitor reads on a deal's page, the home page and the lists."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onlinefriday.deals.models import Category, Deal
from onlinefriday.festivals.models import FlashSlot
from onlinefriday.tracking.models import DealClicks
from tests.pages import html, visible_text

pytestmark = pytest.mark.django_db


def deal_url(deal: Deal) -> str:
    return reverse("storefront:deal", args=[deal.pk])


def test_deal_page_shows_prices_in_dong_the_lowest_price_and_the_discount(client, published_deal):
    # given the phone at 24,000,000 VND, declared 34,000,000 before, lowest 33,500,000 in the month
    # when a shopper opens its page
    response = client.get(deal_url(published_deal))
    # then the prices read in Vietnamese money style, with the discount rounded down (29.4 -> 29)
    text = visible_text(response)
    assert response.status_code == 200
    assert "Điện thoại Apple iPhone 15 Pro Max 256GB" in text
    assert "24.000.000 ₫" in text
    assert "34.000.000 ₫" in text
    assert "33.500.000 ₫" in text
    assert "−29%" in text


def test_deal_page_has_the_chart_the_qr_code_the_coupon_and_the_way_out(client, published_deal):
    # given a published deal with a coupon code
    # when a shopper opens its page
    page = html(client.get(deal_url(published_deal)))
    # then the price chart and the QR code are inline SVG, the coupon is text a shopper can select,
    # the buy button goes through our click-out link, and the deal can be reported
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'class="price-chart"' in page
    assert 'class="qr-code"' in page
    assert '<code class="coupon__code" id="coupon-code">OF2030</code>' in page
    assert 'href="/go/' in page
    assert reverse("reports:report", args=[published_deal.pk]) in page
    assert 'data-deadline="' in page


def test_badges_follow_the_evidence(client, deal_factory, product_factory):
    # given a deal with three prices seen in the month (the festival asks for three), declared
    # genuine, Vietnamese goods and featured; and one with a single price seen and no claims
    proven = deal_factory(
        status="accepted",
        history=[(20, 500_000), (10, 500_000), (2, 500_000)],
        price=500_000,
        sale_price=350_000,
        featured=True,
        product=product_factory("Nón lá Huế", made_in_vietnam=True),
    )
    bare = deal_factory(
        status="accepted",
        history=[(2, 500_000)],
        price=500_000,
        sale_price=400_000,
        genuine_declared=False,
        product=product_factory("Áo mưa"),
    )
    # when a shopper opens both pages
    proven_page, bare_page = html(client.get(deal_url(proven))), html(client.get(deal_url(bare)))
    # then the first shows all four badges, the second none
    for badge in ("verified", "genuine", "vn", "featured"):
        assert f'class="badge badge--{badge}"' in proven_page
        assert f'class="badge badge--{badge}"' not in bare_page


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "submitted"},
        {"status": "review"},
        {"status": "rejected"},
        {"status": "accepted", "hidden_at": timezone.now()},
    ],
    ids=["submitted", "in-review", "rejected", "hidden-by-reports"],
)
def test_a_deal_not_published_is_not_found(client, deal_factory, fields):
    # given a deal in a live festival that is not (or no longer) published
    deal = deal_factory(**fields)
    # when a shopper asks for its page
    response = client.get(deal_url(deal))
    # then there is no such page, and the shopper is told what became of the deal
    assert response.status_code == 404
    assert "Ưu đãi này hiện không còn." in visible_text(response)
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_deal_disappears_at_its_end_exactly(client, deal_factory, monkeypatch):
    # given a deal ending at a known instant, its page seen (and cached) a second before
    deal = deal_factory(status="accepted")
    end = deal.ends_at
    monkeypatch.setattr(timezone, "now", lambda: end - timedelta(seconds=1))
    before = client.get(deal_url(deal))
    # when the clock reaches its end time
    monkeypatch.setattr(timezone, "now", lambda: end)
    at_end = client.get(deal_url(deal))
    # then the page was there, cacheable for one second at most, and is gone at the end
    assert before.status_code == 200
    assert before["Cache-Control"] == "public, max-age=1"
    assert at_end.status_code == 404


def test_a_deal_that_has_not_started_is_not_found(client, deal_factory, festival_factory):
    # given an accepted deal in a festival that starts tomorrow
    festival = festival_factory(slug="tomorrow", starts_in=timedelta(days=1))
    deal = deal_factory(festival=festival, status="accepted")
    # when / then its page is not there yet
    assert client.get(deal_url(deal)).status_code == 404


def test_titles_and_descriptions_are_text_not_markup(client, deal_factory, product_factory):
    # given a deal whose title and description carry a script tag
    script = "<script>alert('x')</script>"
    deal = deal_factory(
        status="accepted",
        featured=True,
        description=f"Mô tả {script}",
        product=product_factory(f"Tivi {script}"),
    )
    # when its page and the home page are shown
    pages = [html(client.get(deal_url(deal))), html(client.get("/"))]
    # then the tag shows as text everywhere
    for page in pages:
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_english_deal_page(client, published_deal):
    # given a published deal
    # when an English reader opens it under /en/
    english = f"/en{deal_url(published_deal)}"
    page = html(client.get(english))
    # then the page is English, the money still in dong, the QR code points to the English page
    assert '<html lang="en">' in page
    assert "Price history" in page
    assert "24.000.000 ₫" in page
    assert f"http://testserver{english}" in page


def test_language_switch_is_a_link_to_the_same_page(client, published_deal):
    # given a shopper on a deal's Vietnamese page
    page = html(client.get(deal_url(published_deal)))
    # then English is one link away, to the same deal, with no form token in the page
    assert f'href="/en{deal_url(published_deal)}" hreflang="en"' in page
    assert "csrfmiddlewaretoken" not in page


def test_home_shows_the_festival_flash_slots_featured_and_vietnamese_deals(
    client, deal_factory, product_factory
):
    # given a featured phone and a Vietnamese hat in a live festival with a flash slot running
    phone = deal_factory(status="accepted", featured=True)
    festival = phone.festival
    now = timezone.now()
    FlashSlot.objects.create(
        festival=festival,
        name="Giờ vàng",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(minutes=55),
    )
    FlashSlot.objects.create(
        festival=festival,
        name="Săn sale 12h",
        starts_at=now + timedelta(hours=2),
        ends_at=now + timedelta(hours=3),
    )
    deal_factory(
        festival=festival,
        status="accepted",
        product=product_factory("Nón lá Huế", made_in_vietnam=True),
        price=200_000,
        sale_price=150_000,
    )
    # when a shopper opens the home page
    response = client.get("/")
    page = html(response)
    # then the festival is live, both slots show, and each deal is on its shelf
    assert 'class="live-banner"' in page
    assert "Giờ vàng" in page and "Săn sale 12h" in page
    featured = page[page.index('id="featured-heading"') : page.index('id="vn-heading"')]
    vietnamese = page[page.index('id="vn-heading"') : page.index('id="categories-heading"')]
    assert "iPhone 15" in featured and "Nón lá Huế" not in featured
    assert "Nón lá Huế" in vietnamese and "iPhone 15" not in vietnamese
    assert reverse("storefront:category", args=["dien-thoai-may-tinh-bang"]) in page
    # and the copy lasts no longer than the running slot
    assert response["Cache-Control"] == "public, max-age=5"


def test_home_shelf_of_vietnamese_goods_puts_featured_ones_first(
    client, deal_factory, product_factory
):
    # given three Vietnamese deals: 10% off featured, 40% off and 20% off
    first = deal_factory(
        status="accepted",
        featured=True,
        product=product_factory("Gốm Bát Tràng", made_in_vietnam=True),
        price=1_000_000,
        sale_price=900_000,
    )
    for title, sale_price in (("Lụa Vạn Phúc", 600_000), ("Cà phê Buôn Ma Thuột", 800_000)):
        deal_factory(
            festival=first.festival,
            status="accepted",
            product=product_factory(title, made_in_vietnam=True),
            price=1_000_000,
            sale_price=sale_price,
        )
    # when a shopper opens the home page
    page = html(client.get("/"))
    # then the shelf shows the featured one, then the others by discount
    shelf = page[page.index('id="vn-heading"') : page.index('id="categories-heading"')]
    order = [shelf.index(t) for t in ("Gốm Bát Tràng", "Lụa Vạn Phúc", "Cà phê Buôn Ma Thuột")]
    assert order == sorted(order)


def test_category_page_lists_its_published_deals_only(client, deal_factory, product_factory):
    # given a published phone, a phone in review, and a published TV in another category
    deal_factory(status="accepted", product=product_factory("Điện thoại Samsung A55"))
    deal_factory(status="review", product=product_factory("Điện thoại Xiaomi 14"))
    deal_factory(status="accepted", product=product_factory("Tivi Sony", category=None))
    # when a shopper opens the phones category
    response = client.get(reverse("storefront:category", args=["dien-thoai-may-tinh-bang"]))
    # then only the published phone is listed
    text = visible_text(response)
    assert "Samsung A55" in text
    assert "Xiaomi 14" not in text and "Tivi Sony" not in text


def test_unknown_category_and_platform_are_not_found(client):
    assert client.get(reverse("storefront:category", args=["khong-co"])).status_code == 404
    assert client.get(reverse("storefront:platform", args=["khong-co"])).status_code == 404


def test_platform_page_lists_its_deals(client, deal_factory, platform):
    # given a published deal sold on Shopee
    deal_factory(status="accepted", platform=platform)
    # when a shopper opens Shopee's page
    text = visible_text(client.get(reverse("storefront:platform", args=["shopee"])))
    # then the deal is listed
    assert "iPhone 15 Pro Max" in text


def test_search_filters_narrow_and_sort_orders(client, deal_factory, product_factory):
    # given a Vietnamese hat at 150,000 (25% off) and a phone at 24,000,000 (29% off)
    deal_factory(
        status="accepted",
        product=product_factory("Nón lá Huế", made_in_vietnam=True),
        price=200_000,
        sale_price=150_000,
    )
    deal_factory(status="accepted")
    search = reverse("storefront:search")
    # when a shopper asks for Vietnamese goods, then for deals under 500.000 ₫, then sorts
    vietnamese = visible_text(client.get(search, {"vn": "on"}))
    cheap = visible_text(client.get(search, {"price": "-499999"}))
    big_cut = visible_text(client.get(search, {"discount": "70-"}))
    by_price = html(client.get(search, {"sort": "price"}))
    by_discount = html(client.get(search, {"sort": "discount"}))
    # then each filter narrows the list, and each order is kept
    assert "Nón lá Huế" in vietnamese and "iPhone" not in vietnamese
    assert "Nón lá Huế" in cheap and "iPhone" not in cheap
    assert "Nón lá Huế" not in big_cut and "iPhone" not in big_cut
    assert by_price.index("Nón lá Huế") < by_price.index("iPhone")
    assert by_discount.index("iPhone") < by_discount.index("Nón lá Huế")


def test_search_pages_through_results(client, deal_factory, product_factory):
    # given 30 published deals, more than a page of 24
    for number in range(30):
        deal_factory(status="accepted", product=product_factory(f"Sản phẩm {number}"))
    search = reverse("storefront:search")
    # when a shopper opens the second page of the newest
    response = client.get(search, {"sort": "newest", "page": "2"})
    page = html(response)
    # then it holds the six left, and a link back to the first page keeps the sort
    assert page.count('class="deal-card"') == 6
    assert 'href="?sort=newest&amp;page=1"' in page


def test_search_ignores_values_it_does_not_offer(client, published_deal):
    # given a hand-made address with a sort and a band the page does not offer
    # when a shopper opens it
    response = client.get(reverse("storefront:search"), {"sort": "cheapest", "price": "x-y"})
    # then the results show, unfiltered
    assert response.status_code == 200
    assert "iPhone 15 Pro Max" in visible_text(response)


def test_home_shows_the_festivals_state_and_its_countdown(client, published_deal):
    # given a festival live since an hour ago
    # when a shopper opens the home page
    response = client.get("/")
    page = html(response)
    # then it says the festival is on, and counts down to its end in text a reader sees
    # without JavaScript (countdown.js only ticks it)
    assert 'class="state state--live">Đang diễn ra</p>' in page
    end = timezone.localtime(published_deal.festival.ends_at).isoformat(timespec="milliseconds")
    assert f'<time role="timer" datetime="{end}" data-deadline="{end}"' in page


@pytest.mark.parametrize("where", ["category", "platform", "search", "report form"])
def test_a_title_with_a_script_tag_is_text_on_every_list(
    client, deal_factory, product_factory, platform, where
):
    # given a published deal on Shopee, in the phones category, whose title carries a script tag
    deal = deal_factory(
        status="accepted", platform=platform, product=product_factory("Tivi <script>x()</script>")
    )
    address = {
        "category": reverse("storefront:category", args=["dien-thoai-may-tinh-bang"]),
        "platform": reverse("storefront:platform", args=["shopee"]),
        "search": reverse("storefront:search") + "?q=tivi",
        "report form": reverse("reports:report", args=[deal.pk]),
    }[where]
    # when a shopper opens the page that lists it
    page = html(client.get(address))
    # then the tag shows as text, and no such element is in the page
    assert "Tivi &lt;script&gt;x()&lt;/script&gt;" in page
    assert "<script>x()" not in page


def test_search_page_filters_by_category_platform_and_featured(
    client, deal_factory, product_factory, platform
):
    # given a featured phone on Shopee, and a shirt in men's fashion sold on no platform
    deal_factory(status="accepted", platform=platform, featured=True)
    shirt = product_factory(
        "Áo sơ mi Việt Tiến", category=Category.objects.get(slug="thoi-trang-nam")
    )
    deal_factory(status="accepted", product=shirt, price=500_000, sale_price=400_000)
    search = reverse("storefront:search")

    def listed(**query) -> str:
        return visible_text(client.get(search, query))

    # when a shopper narrows by category, by platform, and to featured deals
    # then each keeps its deal only
    by_category = listed(category="thoi-trang-nam")
    assert "Áo sơ mi Việt Tiến" in by_category and "iPhone" not in by_category
    by_platform = listed(platform="shopee")
    assert "iPhone" in by_platform and "Áo sơ mi" not in by_platform
    featured = listed(featured="on")
    assert "iPhone" in featured and "Áo sơ mi" not in featured
    # and the discount bands put the 20% shirt and the 29% phone under 30%, none in 30–49%
    assert "2 ưu đãi" in listed(discount="-29")
    assert "0 ưu đãi" in listed(discount="30-49")


def test_search_page_sorts_by_most_clicked_and_by_newest(client, deal_factory, product_factory):
    # given a hat clicked 3 times that started an hour ago, and a phone clicked 12 times that
    # started five minutes ago
    hat = deal_factory(
        status="accepted", product=product_factory("Nón lá Huế"), price=200_000, sale_price=150_000
    )
    phone = deal_factory(
        festival=hat.festival,
        status="accepted",
        starts_at=timezone.now() - timedelta(minutes=5),
    )
    DealClicks.objects.create(deal=hat, clicks=3)
    DealClicks.objects.create(deal=phone, clicks=12)
    search = reverse("storefront:search")
    # when a shopper sorts by most clicked, and by newest
    by_clicks = html(client.get(search, {"sort": "clicks"}))
    newest = html(client.get(search, {"sort": "newest"}))
    # then the phone comes first both times
    assert by_clicks.index("iPhone") < by_clicks.index("Nón lá Huế")
    assert newest.index("iPhone") < newest.index("Nón lá Huế")
    # when the hat is clicked more, then it leads
    DealClicks.objects.filter(deal=hat).update(clicks=20)
    by_clicks = html(client.get(search, {"sort": "clicks"}))
    assert by_clicks.index("Nón lá Huế") < by_clicks.index("iPhone")


def test_english_search_page(client, published_deal):
    # when an English reader searches without marks under /en/
    response = client.get("/en" + reverse("storefront:search"), {"q": "dien thoai"})
    page = html(response)
    # then the filters and the count are English, and the deal is found
    assert '<html lang="en">' in page
    assert "Sort by" in page and "Vietnamese goods only" in page
    assert "1 deal found" in visible_text(response)
    assert "iPhone 15 Pro Max" in visible_text(response)


def test_search_page_works_without_javascript(client, published_deal):
    # given the search page: every filter is a field of one GET form, with its own label
    page = html(client.get(reverse("storefront:search")))
    form = page[
        page.index('<form class="filters" method="get"') : page.index(
            "</form>", page.index('class="filters"')
        )
    ]
    # then the form submits by itself, and no script is needed to read the results
    for name in ("q", "category", "platform", "price", "discount", "vn", "featured", "sort"):
        assert f'name="{name}"' in form
        assert f'for="id_{name}"' in form
    assert 'type="submit"' in form
    assert "<script" not in page


@pytest.mark.parametrize("name", ["home", "category", "platform", "search"])
def test_lists_drop_a_deal_at_its_end_exactly(client, deal_factory, platform, monkeypatch, name):
    # given a featured deal on Shopee in the phones category, its list seen (and kept) a second
    # before its end
    deal = deal_factory(status="accepted", featured=True, platform=platform)
    end = deal.ends_at - timedelta(hours=1)
    Deal.objects.filter(pk=deal.pk).update(ends_at=end)
    address = {
        "home": "/",
        "category": reverse("storefront:category", args=["dien-thoai-may-tinh-bang"]),
        "platform": reverse("storefront:platform", args=["shopee"]),
        "search": reverse("storefront:search") + "?q=iphone",
    }[name]
    monkeypatch.setattr(timezone, "now", lambda: end - timedelta(seconds=1))
    before = visible_text(client.get(address))
    # when the clock reaches its end time
    monkeypatch.setattr(timezone, "now", lambda: end)
    at_end = visible_text(client.get(address))
    # then the deal was listed and is gone, the kept copy notwithstanding
    assert "iPhone 15 Pro Max" in before
    assert "iPhone 15 Pro Max" not in at_end


def test_no_page_asks_for_an_insecure_address(client, deal_factory, product_factory):
    # given a deal whose product image was registered with a plain http:// address
    product = product_factory("Nồi cơm điện", image_url="http://cdn.example.vn/noi.jpg")
    deal = deal_factory(status="accepted", featured=True, product=product)
    # when shoppers open the pages that show it
    pages = [
        html(client.get(address))
        for address in (
            "/",
            reverse("storefront:category", args=["dien-thoai-may-tinh-bang"]),
            reverse("storefront:search") + "?q=noi",
            deal_url(deal),
        )
    ]
    # then no image, script, style or frame is loaded over plain http (mixed content)
    for page in pages:
        assert "Nồi cơm điện" in page
        assert "http://cdn.example.vn" not in page
        for attribute in ("src", "srcset", "href", "action"):
            assert f'{attribute}="http://' not in page


def test_the_coupon_is_text_and_the_copy_button_waits_for_its_script(client, published_deal):
    # given a deal with coupon OF2030
    page = html(client.get(deal_url(published_deal)))
    # then without JavaScript the code is plain text, and the copy button is hidden until
    # copy.js shows it
    assert "Mã giảm giá: OF2030" in visible_text(client.get(deal_url(published_deal)))
    button = page[page.index('<button class="coupon__copy"') :]
    assert button[: button.index(">")].endswith(" hidden")


def test_the_product_image_shows_on_its_page_and_in_lists(client, deal_factory, product_factory):
    # given a featured deal whose product image is on an https address
    image = "https://cf.shopee.vn/file/noi-com.jpg"
    deal = deal_factory(
        status="accepted", featured=True, product=product_factory("Nồi cơm", image_url=image)
    )
    # when shoppers open its page and the home page
    deal_page, home = html(client.get(deal_url(deal))), html(client.get("/"))
    # then the image is on both, described by the title on the deal's page
    assert f'<img class="deal__image" src="{image}" alt="Nồi cơm"' in deal_page
    assert f'<img class="deal-card__image" src="{image}"' in home


@pytest.mark.parametrize("url", ["/tim-kiem/?q=dien+thoai", "/api/v1/deals?q=dien+thoai"])
def test_a_list_of_deals_reads_as_many_queries_for_six_deals_as_for_two(
    client, deal_factory, product_factory, platform, url
):
    # given two deals found, then six, with every badge a list shows
    def read_with(count: int) -> tuple[int, int]:
        while Deal.objects.count() < count:
            product = product_factory(
                f"Điện thoại mẫu {Deal.objects.count()}", made_in_vietnam=True
            )
            deal_factory(product=product, platform=platform, status="accepted", featured=True)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        body = response.content.decode()
        listed = len(response.json()["items"]) if "/api/" in url else body.count('"deal-card"')
        return listed, len(captured.captured_queries)

    # when each list is read
    two, six = read_with(2), read_with(6)

    # then no deal costs a query of its own
    assert (two[0], six[0]) == (2, 6)
    assert two[1] == six[1]
