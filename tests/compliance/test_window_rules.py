"""A deal runs inside the festival's window (4/12/2026 00:00 – 6/12/2026 12:00, Vietnam time)."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.compliance.builders import (
    FESTIVAL_END,
    FESTIVAL_START,
    assert_reason,
    make_deal,
    reasons,
)

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "present"),
    [
        pytest.param(None, None, False, id="default: the festival's window"),
        pytest.param(FESTIVAL_START, FESTIVAL_END, False, id="exactly the festival's window"),
        pytest.param(FESTIVAL_START + HOUR, FESTIVAL_START + 2 * HOUR, False, id="inside"),
        pytest.param(FESTIVAL_START - MINUTE, None, True, id="starts a minute before"),
        pytest.param(None, FESTIVAL_END + MINUTE, True, id="ends a minute after"),
        pytest.param(FESTIVAL_END + HOUR, FESTIVAL_END + 2 * HOUR, True, id="wholly after"),
        pytest.param(
            FESTIVAL_START + 2 * HOUR, FESTIVAL_START + HOUR, True, id="ends before start"
        ),
        pytest.param(FESTIVAL_START + HOUR, FESTIVAL_START + HOUR, True, id="ends as it starts"),
        pytest.param(None, FESTIVAL_START - HOUR, True, id="ends before the festival starts"),
        pytest.param(FESTIVAL_END, None, True, id="starts when the festival ends"),
        pytest.param(datetime(2026, 12, 3, 17, 0, tzinfo=UTC), None, False, id="start in UTC"),
        pytest.param(datetime(2026, 12, 3, 16, 59, tzinfo=UTC), None, True, id="UTC, a min early"),
    ],
)
def test_outside_festival_window(starts_at, ends_at, present):
    # given a deal with these times (None: the festival's)
    deal = make_deal(starts_at=starts_at, ends_at=ends_at)
    # when it is judged
    found = reasons(deal)
    # then OUTSIDE_FESTIVAL_WINDOW is there only when the deal does not run inside the window
    assert ("OUTSIDE_FESTIVAL_WINDOW" in found) is present


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "vi", "en"),
    [
        pytest.param(
            datetime(2026, 12, 3, 16, 59, tzinfo=UTC),
            None,
            ("03/12/2026 23:59 – 06/12/2026 12:00", "04/12/2026 00:00 – 06/12/2026 12:00"),
            ("03/12/2026 23:59 – 06/12/2026 12:00", "04/12/2026 00:00 – 06/12/2026 12:00"),
            id="outside, in Vietnam time",
        ),
        pytest.param(
            FESTIVAL_START + 2 * HOUR,
            FESTIVAL_START + HOUR,
            ("(04/12/2026 01:00)", "(04/12/2026 02:00)"),
            ("(04/12/2026 01:00)", "(04/12/2026 02:00)"),
            id="ends before it starts",
        ),
    ],
)
def test_window_reasons_state_the_times_in_both_languages(starts_at, ends_at, vi, en):
    # given a deal that does not run inside the festival's window
    deal = make_deal(starts_at=starts_at, ends_at=ends_at)
    # when it is judged
    found = reasons(deal).get("OUTSIDE_FESTIVAL_WINDOW")
    # then the reason has the table's severity and both messages state the times
    assert_reason(found, "OUTSIDE_FESTIVAL_WINDOW", vi, en)
