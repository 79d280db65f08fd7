"""When a festival is live, open for registration or under review: pure timeline logic, no DB."""

from datetime import datetime

import pytest

from onlinefriday.festivals.schedule import State, Timeline
from tests.fixtures.festivals import vietnam_time

pytestmark = pytest.mark.usefixtures("in_english")

ONLINE_FRIDAY_2021 = Timeline(
    starts_at=vietnam_time(2021, 12, 3, 0, 0), ends_at=vietnam_time(2021, 12, 5, 12, 0)
)
WITH_REGISTRATION = Timeline(
    registration_opens_at=vietnam_time(2030, 11, 1, 8, 0),
    registration_closes_at=vietnam_time(2030, 11, 25, 0, 0),
    review_closes_at=vietnam_time(2030, 12, 1, 0, 0),
    starts_at=vietnam_time(2030, 12, 5, 0, 0),
    ends_at=vietnam_time(2030, 12, 6, 0, 0),
)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (vietnam_time(2021, 12, 2, 23, 59, 59), State.UPCOMING),
        (vietnam_time(2021, 12, 3, 0, 0, 0), State.LIVE),
        (vietnam_time(2021, 12, 5, 11, 59, 59), State.LIVE),
        (vietnam_time(2021, 12, 5, 12, 0, 0), State.ENDED),
    ],
)
def test_online_friday_2021_is_live_for_exactly_its_60_hours(moment, expected):
    # given the window 00:00 3/12/2021 to 12:00 5/12/2021, Vietnam time
    # when the state is read one second either side of each edge
    state = ONLINE_FRIDAY_2021.state_at(moment)

    # then the start belongs to the window and the end does not
    assert state == expected


def test_the_edges_hold_whatever_zone_the_moment_is_written_in():
    # given the window's first instant written in UTC (17:00 the day before)
    moment = datetime.fromisoformat("2021-12-02T17:00:00+00:00")

    # when / then it is already live
    assert ONLINE_FRIDAY_2021.state_at(moment) == State.LIVE


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (vietnam_time(2030, 11, 1, 7, 59, 59), State.UPCOMING),
        (vietnam_time(2030, 11, 1, 8, 0, 0), State.REGISTRATION_OPEN),
        (vietnam_time(2030, 11, 24, 23, 59, 59), State.REGISTRATION_OPEN),
        (vietnam_time(2030, 11, 25, 0, 0, 0), State.UNDER_REVIEW),
        (vietnam_time(2030, 11, 30, 23, 59, 59), State.UNDER_REVIEW),
        (vietnam_time(2030, 12, 1, 0, 0, 0), State.UPCOMING),
        (vietnam_time(2030, 12, 5, 0, 0, 0), State.LIVE),
    ],
)
def test_registration_then_review_then_a_quiet_wait_then_shopping(moment, expected):
    # given registration 1/11 08:00 to 25/11, review until 1/12, shopping on 5/12
    # when the state is read at each edge
    state = WITH_REGISTRATION.state_at(moment)

    # then each period starts at its first instant and stops before its last
    assert state == expected


def test_a_window_that_ends_before_it_starts_is_refused_in_a_sentence():
    # given a window from 5/12 back to 3/12
    timeline = Timeline(
        starts_at=vietnam_time(2021, 12, 5, 0, 0), ends_at=vietnam_time(2021, 12, 3, 0, 0)
    )

    # when / then
    with pytest.raises(ValueError, match="^The shopping window ends before it starts.$"):
        timeline.validate()


def test_shopping_before_registration_closes_is_refused_naming_both():
    # given registration that closes a day after shopping starts
    timeline = Timeline(
        registration_closes_at=vietnam_time(2030, 12, 6, 0, 0),
        starts_at=vietnam_time(2030, 12, 5, 0, 0),
        ends_at=vietnam_time(2030, 12, 7, 0, 0),
    )

    # when / then
    with pytest.raises(ValueError, match="^Shopping starts before registration closes.$"):
        timeline.validate()


def test_a_time_without_offset_is_refused():
    # given a start written without a UTC offset
    timeline = Timeline(
        starts_at=datetime(2030, 12, 5, 0, 0), ends_at=vietnam_time(2030, 12, 7, 0, 0)
    )

    # when / then
    with pytest.raises(ValueError, match="shopping starts has no UTC offset"):
        timeline.validate()
