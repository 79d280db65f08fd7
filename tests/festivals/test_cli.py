"""`onlinefriday festival add|list`: the organiser's terminal, its output and its exit codes."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command

from onlinefriday.festivals.models import Festival
from onlinefriday.festivals.services import FestivalError, create_festival
from tests.fixtures.festivals import vietnam_time

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

WINDOW = ["--starts", "2030-12-06T00:00+07:00", "--ends", "2030-12-08T12:00+07:00"]


def festival(*args: str) -> tuple[int, str, str]:
    """Run the command as the console script would; return exit code, stdout and stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("festival", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_add_prints_the_slug_and_stores_the_window_in_utc():
    # when
    code, out, err = festival("add", "--slug", "of-2030", "--name", "Online Friday 2030", *WINDOW)

    # then
    assert (code, out, err) == (0, "of-2030\n", "")
    created = Festival.objects.get(slug="of-2030")
    assert created.name == "Online Friday 2030"
    assert created.starts_at == datetime(2030, 12, 5, 17, 0, tzinfo=UTC)
    assert created.starts_at.utcoffset().total_seconds() == 0
    assert created.ends_at == datetime(2030, 12, 8, 5, 0, tzinfo=UTC)
    assert created.promotion_kind == "concentrated"
    assert created.discount_cap_percent == 100


def test_add_regular_promotion_caps_discounts_at_50_percent():
    # when
    code, _, _ = festival("add", "--slug", "mid-year", "--name", "Mid-year", *WINDOW, "--regular")

    # then
    assert code == 0
    assert Festival.objects.get(slug="mid-year").discount_cap_percent == 50


def test_add_with_registration_dates():
    # when
    code, _, err = festival(
        "add",
        "--slug",
        "of-2030",
        "--name",
        "Online Friday 2030",
        *WINDOW,
        "--registration-opens",
        "2030-11-01T08:00+07:00",
        "--registration-closes",
        "2030-11-25T00:00+07:00",
        "--review-closes",
        "2030-12-01T00:00+07:00",
    )

    # then
    assert (code, err) == (0, "")
    created = Festival.objects.get(slug="of-2030")
    assert created.registration_opens_at == vietnam_time(2030, 11, 1, 8, 0)
    assert created.registration_closes_at == vietnam_time(2030, 11, 25, 0, 0)
    assert created.review_closes_at == vietnam_time(2030, 12, 1, 0, 0)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--starts", "2030-12-06T00:00", "--ends", "2030-12-08T12:00+07:00"], "no UTC offset"),
        (
            ["--starts", "2030-12-08T12:00+07:00", "--ends", "2030-12-06T00:00+07:00"],
            "ends before it starts",
        ),
        (["--starts", "next friday", "--ends", "2030-12-08T12:00+07:00"], "is not a time"),
        (
            [*WINDOW, "--registration-closes", "2030-12-07T00:00+07:00"],
            "Shopping starts before registration closes",
        ),
    ],
    ids=["naive time", "end before start", "garbage time", "registration after start"],
)
def test_add_refuses_a_bad_timeline_with_one_line_and_exit_code_2(args, says):
    # when
    code, out, err = festival("add", "--slug", "of-2030", "--name", "Online Friday 2030", *args)

    # then
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert says in err
    assert "Error" not in err and "Traceback" not in err
    assert not Festival.objects.filter(slug="of-2030").exists()


def test_add_refuses_a_slug_already_taken():
    # given the seeded Online Friday 2021
    # when
    code, out, err = festival("add", "--slug", "online-friday-2021", "--name", "Again", *WINDOW)

    # then
    assert code == 2
    assert err == (
        "A festival with the slug 'online-friday-2021' already exists: choose another slug.\n"
    )
    assert Festival.objects.filter(slug="online-friday-2021").count() == 1


def test_list_shows_each_window_on_vietnam_clock_with_kind_and_state():
    # given the seeded 2021 festival and one added for 2030
    festival("add", "--slug", "of-2030", "--name", "Online Friday 2030", *WINDOW, "--regular")

    # when
    code, out, _ = festival("list")

    # then newest first, one tab-separated line each
    assert code == 0
    assert out.splitlines() == [
        "of-2030\t06/12/2030 00:00 – 08/12/2030 12:00\tregular\tupcoming",
        "online-friday-2021\t03/12/2021 00:00 – 05/12/2021 12:00\tconcentrated\tended",
    ]


def test_the_service_is_the_same_gate_for_code_that_skips_the_cli():
    # when a caller passes a naive time straight to the service
    with pytest.raises(FestivalError, match="has no UTC offset"):
        create_festival(
            slug="direct",
            name="Direct",
            starts_at=datetime(2030, 12, 6),
            ends_at=vietnam_time(2030, 12, 8, 12, 0),
        )

    # then nothing is stored
    assert not Festival.objects.filter(slug="direct").exists()
