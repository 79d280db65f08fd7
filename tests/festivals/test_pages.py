"""The public festival pages: what a visitor reads at / and on a programme page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onlinefriday.festivals.models import Festival, FlashSlot, ProgrammeEvent
from onlinefriday.festivals.selectors import current_or_next_festival
from tests.pages import html, visible_text

pytestmark = pytest.mark.django_db

SEEDED = "online-friday-2021"


def test_selector_prefers_live_over_upcoming_in_one_query(
    festival_factory, django_assert_max_num_queries
):
    # given a festival live since yesterday and one starting in an hour
    live = festival_factory(slug="live", starts_in=-timedelta(days=1))
    festival_factory(slug="soon", starts_in=timedelta(hours=1))
    # when the home page's festival is chosen
    with django_assert_max_num_queries(1):
        chosen = current_or_next_festival()
    # then it is the live one
    assert chosen == live


def test_selector_picks_the_soonest_upcoming(festival_factory):
    # given two upcoming festivals, one in 30 days, one in 3 days
    festival_factory(slug="later", starts_in=timedelta(days=30))
    soonest = festival_factory(slug="sooner", starts_in=timedelta(days=3))
    # when / then the one starting first is chosen
    assert current_or_next_festival() == soonest


def test_selector_falls_back_to_the_most_recently_ended(
    festival_factory, django_assert_max_num_queries
):
    # given only ended festivals: the seeded 2021 one, one ended a month ago, one ended yesterday
    festival_factory(slug="last-month", starts_in=-timedelta(days=33), lasts=timedelta(days=3))
    yesterday = festival_factory(slug="yesterday", starts_in=-timedelta(days=3))
    # when the home page's festival is chosen
    with django_assert_max_num_queries(2):
        chosen = current_or_next_festival()
    # then it is the one that ended last
    assert chosen == yesterday


def test_selector_at_a_given_moment():
    # given the seeded festival, 00:00 3/12/2021 to 12:00 5/12/2021 Vietnam time (UTC+7)
    during = datetime(2021, 12, 4, 5, 0, tzinfo=UTC)
    # when / then it is the festival of that moment
    assert current_or_next_festival(now=during).slug == SEEDED


def test_home_empty_state(client):
    # given no festival at all
    Festival.objects.all().delete()
    # when a visitor opens the home page
    response = client.get("/")
    # then it says so kindly, with one h1
    assert response.status_code == 200
    assert "Chưa có ngày hội mua sắm nào được công bố." in html(response)
    assert html(response).count("<h1") == 1


def test_home_shows_an_ended_festival_with_its_window_in_vietnam_time(client):
    # given only the seeded Online Friday 2021
    # when a visitor opens the home page
    response = client.get("/")
    # then the window reads in Vietnam time, dd/mm/yyyy HH:MM, with the state and the cap
    page = html(response)
    assert "Online Friday 2021" in page
    assert "03/12/2021 00:00" in page
    assert "05/12/2021 12:00" in page
    assert "Đã kết thúc" in page
    assert "tối đa 100%" in page
    assert "data-deadline" not in page
    assert reverse("festivals:programme", args=[SEEDED]) in page


def test_home_counts_down_to_the_start_without_javascript(client, festival_factory):
    # given a festival starting in 2 days, 3 hours, 15 minutes and 30 seconds
    festival_factory(
        slug="soon",
        name="Online Friday 2099",
        starts_in=timedelta(days=2, hours=3, minutes=15, seconds=30),
    )
    # when a visitor opens the home page
    response = client.get("/")
    # then the server wrote the time left, and what it counts to
    page = html(response)
    assert "Online Friday 2099" in page
    assert "Sắp diễn ra" in page
    assert "Đến giờ mở bán" in page
    assert "Còn 2 ngày 03 giờ 15 phút" in page
    assert 'src="/static/onlinefriday/countdown.js"' in page


def test_home_counts_down_to_the_end_of_a_live_festival_with_a_banner(client, festival_factory):
    # given a festival live since an hour ago that ends in 5 hours and 10 minutes (and 30 seconds)
    festival_factory(
        slug="live",
        name="Online Friday Live",
        starts_in=-timedelta(hours=1),
        lasts=timedelta(hours=6, minutes=10, seconds=30),
    )
    # when a visitor opens the home page
    page = html(client.get("/"))
    # then a banner says it is on, and the countdown runs to its end
    assert 'class="live-banner"' in page
    assert "Đang diễn ra" in page
    assert "Đến giờ kết thúc" in page
    assert "Còn 05 giờ 10 phút" in page


@pytest.mark.parametrize(
    ("opens_in", "closes_in", "review_ends_in", "state_words", "heading"),
    [
        (
            timedelta(days=1),
            timedelta(days=5),
            timedelta(days=8),
            "Sắp diễn ra",
            "Đến khi mở đăng ký",
        ),
        (
            -timedelta(days=1),
            timedelta(days=5),
            timedelta(days=8),
            "Đang mở đăng ký",
            "Đến hạn chót đăng ký",
        ),
        (
            -timedelta(days=5),
            -timedelta(days=1),
            timedelta(days=8),
            "Đang xét duyệt",
            "Đến khi kết thúc xét duyệt",
        ),
    ],
)
def test_home_names_each_state_before_the_window(
    client, festival_factory, opens_in, closes_in, review_ends_in, state_words, heading
):
    # given a festival starting in 10 days, with registration and review around now
    now = timezone.now()
    festival_factory(
        slug="next",
        starts_in=timedelta(days=10),
        registration_opens_at=now + opens_in,
        registration_closes_at=now + closes_in,
        review_closes_at=now + review_ends_in,
    )
    # when a visitor opens the home page
    page = html(client.get("/"))
    # then the state is in words and the countdown says what it counts to
    assert state_words in page
    assert heading in page


@pytest.mark.parametrize(
    "path",
    ["/", "/en/", f"/festivals/{SEEDED}/programme/", f"/en/festivals/{SEEDED}/programme/"],
)
def test_every_page_has_the_accessible_frame(client, festival_factory, path):
    # given a festival about to start, so that the home page carries its countdown script
    festival_factory(slug="soon", starts_in=timedelta(hours=1))
    # when a page is shown
    page = html(client.get(path))
    # then it has a skip link to main, the landmarks, one h1, a viewport, and no inline script
    assert '<a class="skip-link" href="#main">' in page
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in page
    assert page.count("<h1") == 1
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert 'hreflang="vi"' in page and 'hreflang="en"' in page


def test_pages_are_vietnamese_even_for_an_english_browser(client):
    # given a browser that prefers English
    # when it opens /
    page = html(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    # then / is the Vietnamese page, and offers English
    assert '<html lang="vi">' in page
    assert "Đã kết thúc" in page
    assert "Cục Thương mại điện tử và Kinh tế số – Bộ Công Thương" in page
    assert ">Tiếng Việt</a>" in page
    assert ">English</a>" in page


def test_english_pages_live_under_en(client):
    # given the seeded festival
    # when a visitor opens /en/
    page = html(client.get("/en/"))
    # then the page is English, dates still dd/mm/yyyy
    assert '<html lang="en">' in page
    assert "Ended" in page
    assert "03/12/2021 00:00" in page
    assert "Ministry of Industry and Trade" in page


def test_language_switcher_takes_the_visitor_to_the_same_page_in_english(client):
    # given a visitor on the Vietnamese programme page
    programme = reverse("festivals:programme", args=[SEEDED])
    # when they press "English"
    response = client.post(reverse("set_language"), {"language": "en", "next": programme})
    # then they land on the English programme page
    assert response.status_code == 302
    assert response["Location"] == f"/en{programme}"


def test_programme_of_the_seeded_festival_announces_no_invented_times(client):
    # given Online Friday 2021 as the press release described it (events without times)
    # when a visitor opens its programme
    response = client.get(reverse("festivals:programme", args=[SEEDED]))
    # then the week's dates show, and the three events say their time is to be announced
    page = html(response)
    assert response.status_code == 200
    assert "Tuần lễ Thương mại điện tử" in page
    assert "27/11/2021 – 04/12/2021" in visible_text(response)
    for title in (
        "Goonline Series 1: Công thức vận hành vận đơn 5 sao",
        "Tháng khuyến mại quốc gia 2021",
        "Hội thảo về Marketing Online",
    ):
        assert title in page
    assert page.count("Thời gian sẽ được thông báo sau") == 3
    assert page.index("Goonline Series 1") < page.index("Hội thảo về Marketing Online")
    assert reverse("festivals:programme-ics", args=[SEEDED]) in page


def test_programme_in_english_says_time_to_be_announced(client):
    # given the seeded festival
    # when an English reader opens its programme
    page = html(client.get(f"/en{reverse('festivals:programme', args=[SEEDED])}"))
    # then each event without a time says so in English
    assert page.count("Time to be announced") == 3


def test_programme_shows_times_places_links_and_flash_slots(client, festival_factory):
    # given a festival with a timed event, an untimed one, and a flash slot
    festival = festival_factory(slug="full", starts_in=timedelta(days=20))
    vietnam_evening = timezone.localtime(festival.starts_at).replace(hour=19, minute=30)
    ProgrammeEvent.objects.create(
        festival=festival,
        title="Hội thảo",
        position=1,
        starts_at=vietnam_evening,
        ends_at=vietnam_evening + timedelta(hours=2),
        place="Hà Nội",
        online_url="https://example.vn/live",
        organiser="Cục TMĐT và KTS",
        description="Chia sẻ kinh nghiệm bán hàng.",
        registration_url="https://example.vn/dang-ky",
    )
    ProgrammeEvent.objects.create(
        festival=festival, title="Lễ bế mạc", position=2, registration_url="javascript:alert(1)"
    )
    FlashSlot.objects.create(
        festival=festival,
        name="Giờ vàng 0h",
        starts_at=festival.starts_at,
        ends_at=festival.starts_at + timedelta(hours=2),
    )
    # when a visitor opens the programme
    page = html(client.get(reverse("festivals:programme", args=["full"])))
    # then the timed event shows its Vietnam time, place, organiser and links; the other is TBA
    assert f"{vietnam_evening:%d/%m/%Y} 19:30" in page
    assert "– <time" in page and ">21:30</time>" in page
    assert "Hà Nội" in page and "Cục TMĐT và KTS" in page
    assert '<a href="https://example.vn/live" rel="noopener">' in page
    assert '<a href="https://example.vn/dang-ky" rel="noopener">' in page
    assert page.count("Thời gian sẽ được thông báo sau") == 1
    assert "javascript:" not in page
    assert "Giờ vàng 0h" in page


def test_titles_with_markup_are_shown_as_text(client, festival_factory):
    # given a festival and an event whose titles carry a script tag
    script = "<script>alert('x')</script>"
    festival = festival_factory(
        slug="xss", name=f"Sale {script}", programme_title=script, starts_in=timedelta(days=1)
    )
    ProgrammeEvent.objects.create(festival=festival, title=script)
    # when the home page and the programme are shown
    pages = [html(client.get("/")), html(client.get(reverse("festivals:programme", args=["xss"])))]
    # then the tag is text, not markup
    for page in pages:
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_programme_of_an_unknown_festival_is_not_found(client):
    # given no festival with that slug
    # when a visitor asks for its programme
    response = client.get(reverse("festivals:programme", args=["no-such-festival"]))
    # then the answer is 404, on a page that says so
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html(response)
