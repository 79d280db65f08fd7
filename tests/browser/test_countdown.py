"""The home page's countdown ticks in a real browser."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect


@pytest.mark.browser
def test_countdown_ticks_each_second(transactional_db, live_server, page, festival_factory):
    # given a festival whose shopping starts in about two minutes
    festival_factory(slug="soon", name="Online Friday sắp mở bán", starts_in=timedelta(minutes=2))
    # when a visitor opens the home page
    page.goto(f"{live_server.url}/")
    clock = page.locator("time[data-deadline]")
    shown = clock.inner_text()
    # then the page is Vietnamese, and the countdown changes within 3 seconds
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    assert re.fullmatch(r"Còn 00 giờ 0[12] phút \d\d giây", shown), shown
    expect(clock).not_to_have_text(shown, timeout=3_000)
