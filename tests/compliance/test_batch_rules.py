"""One deal per product in a submission: the same SKU or link again is the later one's fault."""

import pytest

from onlinefriday.compliance.engine import judge, judge_batch
from onlinefriday.compliance.reasons import Verdict
from tests.compliance.builders import CONCENTRATED, assert_reason, make_deal


def link(n: int) -> str:
    return f"https://shopee.vn/samsung-galaxy-i.1001.{n}"


def submission(*deals: tuple[str, str]):
    """Deals given as (SKU, link) pairs, otherwise accepted."""
    return [make_deal(sku=sku, url=url) for sku, url in deals]


@pytest.mark.parametrize(
    ("deals", "duplicates"),
    [
        pytest.param([("A-1", link(1)), ("B-2", link(2))], [], id="all different"),
        pytest.param([("A-1", link(1)), ("A-1", link(2))], [1], id="same SKU"),
        pytest.param([("IP15-256", link(1)), ("ip15-256 ", link(2))], [1], id="SKU, other case"),
        pytest.param([("A-1", link(1)), ("B-2", link(1))], [1], id="same link"),
        pytest.param([("A-1", link(1))] * 3, [1, 2], id="three times"),
        pytest.param(
            [("A-1", link(1)), ("B-2", link(2)), ("a-1", link(3)), ("C-3", link(2))],
            [2, 3],
            id="one by SKU, one by link",
        ),
        pytest.param([("", link(1)), ("", link(2))], [], id="no SKUs are not the same SKU"),
        pytest.param([("A-1", ""), ("B-2", "")], [], id="no links are not the same link"),
    ],
)
def test_duplicate_deal(deals, duplicates):
    # given a submission of these deals
    batch = submission(*deals)
    # when it is judged as one batch
    judgements = judge_batch(batch, CONCENTRATED)
    # then only the later deals of a pair are duplicates
    flagged = [
        index
        for index, judgement in enumerate(judgements)
        if any(reason.code == "DUPLICATE_DEAL" for reason in judgement.reasons)
    ]
    assert flagged == duplicates


def test_the_first_of_a_pair_keeps_its_verdict_and_the_later_one_is_rejected():
    # given two deals with the same SKU, otherwise acceptable
    batch = submission(("SS-S24U-256", link(1)), ("ss-s24u-256", link(2)))
    # when they are judged as one batch
    first, later = judge_batch(batch, CONCENTRATED)
    # then the first is accepted and the later one rejected, naming the first by its position
    assert first.verdict is Verdict.ACCEPTED
    assert later.verdict is Verdict.REJECTED
    found = {reason.code: reason for reason in later.reasons}.get("DUPLICATE_DEAL")
    assert_reason(
        found,
        "DUPLICATE_DEAL",
        ("“ss-s24u-256”", "ưu đãi thứ 1"),
        ("'ss-s24u-256'", "deal 1"),
    )


def test_a_repeated_link_names_the_first_deal_with_it():
    # given a link sent a second time as deal 3
    batch = submission(("A-1", link(1)), ("B-2", link(2)), ("C-3", link(1)))
    # when they are judged as one batch
    later = judge_batch(batch, CONCENTRATED)[2]
    # then the reason says the link was already deal 1
    found = {reason.code: reason for reason in later.reasons}.get("DUPLICATE_DEAL")
    assert_reason(found, "DUPLICATE_DEAL", ("Đường dẫn", "thứ 1"), ("link", "deal 1"))


def test_a_deal_judged_alone_is_no_duplicate():
    # given a deal
    deal = make_deal()
    # when it is judged alone, and in a batch of its own
    alone, batch = judge(deal, CONCENTRATED), judge_batch([deal], CONCENTRATED)
    # then both judgements are the same
    assert batch == [alone]
    assert alone.verdict is Verdict.ACCEPTED
