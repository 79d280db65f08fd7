"""``onlinefriday demo``: what an operator (and ``make run``) sees."""

import pytest
from django.core.management import call_command

from onlinefriday.deals.models import Deal
from onlinefriday.merchants.models import Merchant

pytestmark = pytest.mark.django_db


def test_demo_loads_and_says_what_it_loaded(capsys):
    # when
    call_command("demo", "--deals", "200", "--seed", "7")

    # then
    out = capsys.readouterr().out
    assert Deal.objects.count() == 200
    assert "'demo-live'" in out and " 200 " in out  # the summary is in the operator's language


def test_if_empty_loads_nothing_when_there_are_merchants_already(merchant, capsys):
    # when
    call_command("demo", "--deals", "200", "--if-empty")

    # then
    assert Merchant.objects.count() == 1 and Deal.objects.count() == 0
    assert capsys.readouterr().out.strip()  # one line saying why


def test_if_empty_twice_loads_once(capsys):
    # given
    call_command("demo", "--deals", "200", "--if-empty")

    # when
    call_command("demo", "--deals", "200", "--if-empty")

    # then
    assert Deal.objects.count() == 200


def test_loading_again_without_if_empty_exits_with_code_2_and_a_sentence(capsys):
    # given
    call_command("demo", "--deals", "20")
    capsys.readouterr()

    # when
    with pytest.raises(SystemExit) as exit_:
        call_command("demo", "--deals", "20")

    # then
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "demo-live" in err and "--if-empty" in err
    assert Deal.objects.count() == 20


def test_a_size_below_one_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("demo", "--deals", "0")
    assert exit_.value.code == 2
    assert "--deals" in capsys.readouterr().err
