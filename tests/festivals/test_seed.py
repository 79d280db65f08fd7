"""Online Friday 2021 is in the database after `migrate`, as the press release (26/11/2021) says."""

import importlib
from datetime import UTC, date, datetime

import pytest
from django.apps import apps

from onlinefriday.festivals.models import Festival, ProgrammeEvent
from onlinefriday.festivals.schedule import State

pytestmark = pytest.mark.django_db

SEED = importlib.import_module("onlinefriday.festivals.migrations.0002_online_friday_2021")


def test_online_friday_2021_has_the_60_hour_window_of_the_press_release():
    # given the database as `migrate` leaves it
    # when
    festival = Festival.objects.get(slug="online-friday-2021")

    # then 00:00 3/12 in Vietnam is 17:00 the day before in UTC, and 60 hours later it ends
    assert festival.starts_at == datetime(2021, 12, 2, 17, 0, tzinfo=UTC)
    assert festival.ends_at == datetime(2021, 12, 5, 5, 0, tzinfo=UTC)
    assert (festival.ends_at - festival.starts_at).total_seconds() == 60 * 3600
    assert festival.promotion_kind == "concentrated"
    assert festival.discount_cap_percent == 100
    assert festival.state(datetime(2021, 12, 4, 12, 0, tzinfo=UTC)) == State.LIVE
    assert festival.registration_opens_at is None
    assert festival.registration_closes_at is None
    assert festival.review_closes_at is None


def test_the_week_and_its_three_named_events_have_no_invented_times():
    # given the database as `migrate` leaves it
    festival = Festival.objects.get(slug="online-friday-2021")

    # when
    events = list(festival.events.all())

    # then the week runs 27/11 to 4/12 and every event waits for its time to be announced
    assert festival.programme_title == "Tuần lễ Thương mại điện tử quốc gia 2021"
    assert (festival.programme_starts_on, festival.programme_ends_on) == (
        date(2021, 11, 27),
        date(2021, 12, 4),
    )
    assert [event.title for event in events] == [
        "Goonline Series 1: Công thức vận hành vận đơn 5 sao",
        "Lễ kích hoạt Tháng khuyến mại quốc gia 2021",
        "Hội thảo về Marketing Online",
    ]
    assert all(not event.time_announced and event.ends_at is None for event in events)
    assert all(event.place == event.online_url == event.registration_url == "" for event in events)
    assert {event.organiser for event in events} == {
        "Cục Thương mại điện tử và Kinh tế số (Bộ Công Thương)"
    }


def test_the_seed_migration_reverses_and_replays():
    # given the seeded festival
    # when the migration is reversed
    SEED.delete_online_friday_2021(apps, None)

    # then the festival and its events are gone
    assert not Festival.objects.filter(slug="online-friday-2021").exists()
    assert ProgrammeEvent.objects.count() == 0

    # when it is applied again
    SEED.create_online_friday_2021(apps, None)

    # then it is back with its three events
    assert Festival.objects.get(slug="online-friday-2021").events.count() == 3
