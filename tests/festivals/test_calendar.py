"""The programme as an iCalendar file: what a calendar app imports from programme.ics."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar

from onlinefriday.festivals.calendar import programme_calendar
from tests.fixtures.festivals import vietnam_time

SEEDED = "online-friday-2021"
STAMP = datetime(2021, 11, 26, 3, 0, tzinfo=UTC)


def entries(body: bytes) -> dict[str, dict]:
    """Each VEVENT by its UID, as a calendar app would store it."""
    return {str(event["UID"]): event for event in Calendar.from_ical(body).walk("VEVENT")}


@pytest.mark.django_db
def test_seeded_calendar_downloads_with_the_window_and_the_week(client):
    # when
    response = client.get(reverse("festivals:programme-ics", args=[SEEDED]))

    # then it is a file named after the festival
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{SEEDED}.ics"'
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert "Online Friday" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]).startswith("Online Friday 2021")
    events = entries(response.content)
    assert set(events) == {
        f"window-{SEEDED}@onlinefriday.vn",
        f"programme-{SEEDED}@onlinefriday.vn",
    }

    # and the 60-hour window starts at midnight Vietnam time
    window = events[f"window-{SEEDED}@onlinefriday.vn"]
    assert window.decoded("DTSTART") == vietnam_time(2021, 12, 3, 0, 0)
    assert window.decoded("DTEND") == vietnam_time(2021, 12, 5, 12, 0)
    assert window["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Ho_Chi_Minh"

    # and the week is all-day, 27/11 to 4/12 inclusive, listing the events still without a time
    week = events[f"programme-{SEEDED}@onlinefriday.vn"]
    assert str(week["SUMMARY"]) == "Tuần lễ Thương mại điện tử quốc gia 2021"
    assert week.decoded("DTSTART") == date(2021, 11, 27)
    assert week.decoded("DTEND") == date(2021, 12, 5)
    description = str(week["DESCRIPTION"])
    with translation.override(settings.LANGUAGE_CODE):  # the language of un-prefixed URLs
        assert description.startswith(gettext("Time to be announced:"))
    assert "Goonline Series 1: Công thức vận hành vận đơn 5 sao" in description
    assert "Lễ kích hoạt Tháng khuyến mại quốc gia 2021" in description
    assert "Hội thảo về Marketing Online" in description


@pytest.mark.django_db
def test_unknown_festival_has_no_calendar(client):
    # when
    response = client.get(reverse("festivals:programme-ics", args=["online-friday-1999"]))

    # then
    assert response.status_code == 404


@pytest.mark.django_db
def test_timed_events_and_flash_slots_are_entries_of_their_own(client, programme_festival):
    # when
    response = client.get(reverse("festivals:programme-ics", args=["tet-sale-2030"]))

    # then the timed event is an entry at its hour, and only the untimed one is on the week
    events = entries(response.content)
    [slot] = [e for uid, e in events.items() if uid.startswith("flash-slot-")]
    assert (slot.decoded("DTSTART"), slot.decoded("DTEND")) == (
        vietnam_time(2030, 1, 10, 0, 0),
        vietnam_time(2030, 1, 10, 2, 0),
    )
    [timed] = [e for uid, e in events.items() if uid.startswith("event-")]
    assert str(timed["SUMMARY"]) == "Hội thảo bán hàng livestream"
    assert timed.decoded("DTSTART") == vietnam_time(2030, 1, 7, 9, 0)
    assert str(timed["LOCATION"]) == "Hà Nội"
    week = str(events["programme-tet-sale-2030@onlinefriday.vn"]["DESCRIPTION"])
    assert "Lễ khai mạc" in week
    assert "Hội thảo bán hàng livestream" not in week


def festival_facts(**fields) -> SimpleNamespace:
    return SimpleNamespace(
        **{
            "slug": "of-2030",
            "name": "Online Friday 2030",
            "description": "",
            "starts_at": datetime(2030, 12, 5, 17, 0, tzinfo=UTC),
            "ends_at": datetime(2030, 12, 8, 5, 0, tzinfo=UTC),
            "programme_title": "",
            "programme_starts_on": None,
            "programme_ends_on": None,
            **fields,
        }
    )


def test_uids_and_stamp_do_not_change_between_downloads():
    # given the same festival exported twice with the same stamp
    # when
    first = programme_calendar(festival_facts(), flash_slots=[], events=[], stamp=STAMP)
    second = programme_calendar(festival_facts(), flash_slots=[], events=[], stamp=STAMP)

    # then a calendar app re-importing it updates instead of duplicating
    assert first == second
    [window] = entries(first).values()
    assert window.decoded("DTSTAMP") == STAMP


def test_a_window_given_in_utc_is_written_on_vietnam_clock():
    # given a window stored in UTC: 17:00 on 5/12 is midnight on 6/12 in Vietnam
    body = programme_calendar(festival_facts(), flash_slots=[], events=[], stamp=STAMP)

    # when
    [window] = entries(body).values()

    # then
    assert window["DTSTART"].to_ical() == b"20301206T000000"
    assert window["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"


def test_without_programme_dates_there_is_no_week_entry():
    # given a festival with no programme week
    # when
    body = programme_calendar(festival_facts(), flash_slots=[], events=[], stamp=STAMP)

    # then only the window is exported
    assert list(entries(body)) == ["window-of-2030@onlinefriday.vn"]
