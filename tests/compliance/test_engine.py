"""The engine: every rule over every deal, the verdict from the reasons, the featured flag."""

from dataclasses import replace

import pytest

from onlinefriday.compliance.banned import BannedGoods
from onlinefriday.compliance.engine import is_featured_eligible, judge, judge_batch
from onlinefriday.compliance.facts import FeaturedThresholds
from onlinefriday.compliance.history import EMPTY_HISTORY
from onlinefriday.compliance.reasons import Reason, Verdict, verdict_for
from onlinefriday.compliance.rules import RULES
from tests.compliance.builders import (
    CONCENTRATED,
    SEVERITIES,
    days_before,
    history,
    make_deal,
    reasons,
)


def test_the_rules_are_the_issues_table():
    # given the table of codes and severities of issue 4 (part of the public API)
    # when the engine's rules are listed
    table = {rule.code: rule.severity for rule in RULES}
    # then they are the same codes with the same severities, each citing its basis
    assert table == SEVERITIES
    assert all(rule.basis and rule.basis_en and rule.basis != rule.basis_en for rule in RULES)


def reason(code: str) -> Reason:
    return Reason(code, SEVERITIES[code], "thông điệp", "message")


@pytest.mark.parametrize(
    ("codes", "verdict"),
    [
        pytest.param([], Verdict.ACCEPTED, id="no reasons"),
        pytest.param(["NO_PRICE_HISTORY"], Verdict.REVIEW, id="review"),
        pytest.param(
            ["NO_PRICE_HISTORY", "PROMOTION_DAYS_EXCEEDED"], Verdict.REVIEW, id="2 review"
        ),
        pytest.param(["MISSING_ORIGIN"], Verdict.REJECTED, id="reject"),
        pytest.param(["NO_PRICE_HISTORY", "MISSING_ORIGIN"], Verdict.REJECTED, id="review, reject"),
        pytest.param(["MISSING_ORIGIN", "NO_PRICE_HISTORY"], Verdict.REJECTED, id="reject, review"),
    ],
)
def test_reject_beats_review_beats_accepted(codes, verdict):
    # given reasons of these codes
    found = [reason(code) for code in codes]
    # when the verdict is drawn from them
    # then any reject rejects, otherwise any review asks a moderator
    assert verdict_for(found) is verdict


def test_a_deal_that_needs_review_and_is_rejected_is_rejected_with_both_reasons():
    # given a deal with too little history (review) and no origin (reject)
    deal = make_deal(origin_country="", price_history=history((5, 30_000_000)))
    # when it is judged
    judgement = judge(deal, CONCENTRATED)
    # then it is rejected, and both reasons are reported
    assert judgement.verdict is Verdict.REJECTED
    assert {reason.code for reason in judgement.reasons} == {"NO_PRICE_HISTORY", "MISSING_ORIGIN"}


def test_every_reason_is_reported_not_just_the_first():
    # given a deal that breaks most rules at once, sent twice under the same SKU
    deal = make_deal(
        title="Rượu vang đỏ Chile 750ml",
        price=1_500_000,
        sale_price=1_600_000,
        currency="USD",
        starts_at=days_before(1),
        origin_country="",
        genuine=None,
        url="http://shopee.vn/ruou-vang",
        price_history=EMPTY_HISTORY,
        discount_days_past_year=121,
    )
    # when the pair is judged as one batch
    first, later = judge_batch([deal, deal], CONCENTRATED)
    # then every broken rule is a reason, in both deals, and the later one is a duplicate
    broken = {
        "NOT_A_DISCOUNT",
        "NO_PRICE_HISTORY",
        "BANNED_GOODS",
        "MISSING_ORIGIN",
        "MISSING_GENUINE_DECLARATION",
        "OUTSIDE_FESTIVAL_WINDOW",
        "CURRENCY_NOT_VND",
        "INVALID_LINK",
        "PROMOTION_DAYS_EXCEEDED",
    }
    assert [reason.code for reason in first.reasons] == [
        rule.code for rule in RULES if rule.code in broken
    ]
    assert {reason.code for reason in later.reasons} == broken | {"DUPLICATE_DEAL"}
    assert first.verdict is later.verdict is Verdict.REJECTED


def test_the_judgements_follow_the_submissions_order():
    # given three deals
    deals = [make_deal(sku=sku, url=f"https://shopee.vn/p-{sku}") for sku in ("C", "A", "B")]
    # when they are judged as one batch
    judgements = judge_batch(deals, CONCENTRATED)
    # then the judgements come in the same order
    assert [judgement.sku for judgement in judgements] == ["C", "A", "B"]


@pytest.mark.parametrize(
    ("price", "sale_price", "stock", "featured"),
    [
        pytest.param(3_000_000, 2_000_000, 30, True, id="price 3,000,000, savings 30,000,000"),
        pytest.param(2_999_999, 1_999_999, 30, False, id="price 2,999,999"),
        pytest.param(10_000_000, 7_000_000, 10, True, id="discount exactly 30%"),
        pytest.param(10_000_000, 7_000_001, 11, False, id="discount 30% - 1 VND"),
        pytest.param(60_000_000, 30_000_000, 1, True, id="savings exactly 30,000,000"),
        pytest.param(60_000_000, 30_000_001, 1, False, id="savings 29,999,999"),
        pytest.param(60_000_000, 30_000_000, None, False, id="stock unknown"),
        pytest.param(60_000_000, 30_000_000, 0, False, id="no stock"),
    ],
)
def test_featured_at_the_default_thresholds(price, sale_price, stock, featured):
    # given an otherwise acceptable deal with these prices and stock
    deal = make_deal(price=price, sale_price=sale_price, stock=stock)
    # when it is judged
    judgement = judge(deal, CONCENTRATED)
    # then it is featured only at or above all three of past editions' thresholds
    assert judgement.verdict is Verdict.ACCEPTED
    assert judgement.featured is featured
    assert is_featured_eligible(price, sale_price, stock, FeaturedThresholds()) is featured


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        pytest.param({"price_history": history((5, 60_000_000))}, Verdict.REVIEW, id="review"),
        pytest.param({"origin_country": ""}, Verdict.REJECTED, id="rejected"),
    ],
)
def test_only_an_accepted_deal_is_featured(fields, verdict):
    # given a deal above every featured threshold that needs review or is rejected
    deal = make_deal(price=60_000_000, sale_price=30_000_000, stock=10, **fields)
    # when it is judged
    judgement = judge(deal, CONCENTRATED)
    # then it is not featured
    assert judgement.verdict is verdict
    assert judgement.featured is False


def test_a_festival_sets_its_own_featured_thresholds():
    # given a festival featuring deals from 500,000 VND, 10% off, 1,000,000 VND of savings
    thresholds = FeaturedThresholds(
        min_price=500_000, min_discount_percent=10, min_savings=1_000_000
    )
    terms = replace(CONCENTRATED, featured=thresholds)
    # when a deal of 1,000,000 VND at 800,000 with 5 in stock is judged there and by default
    deal = make_deal(price=1_000_000, sale_price=800_000, stock=5)
    # then it is featured at that festival only
    assert judge(deal, terms).featured is True
    assert judge(deal, CONCENTRATED).featured is False


FIREWORKS_ONLY = {
    "families": {
        "fireworks": {
            "name": "pháo hoa",
            "name_en": "fireworks",
            "categories": [],
            "words": ["pháo hoa", "pháo bông"],
        }
    },
    "look_alikes": {"phrases": ["pháo hoa giấy"]},
}


@pytest.mark.parametrize(
    ("title", "banned"),
    [
        ("Pháo hoa tết 36 ống", True),
        ("phao bong que", True),
        ("Pháo hoa giấy trang trí", False),
        ("Rượu vang đỏ Chile 750ml", False),
    ],
)
def test_a_festivals_own_banned_goods_list_replaces_the_default(title, banned):
    # given a festival whose list bans fireworks only
    terms = replace(CONCENTRATED, banned_goods=BannedGoods(FIREWORKS_ONLY))
    # when a deal with this title is judged there
    found = reasons(make_deal(title=title), terms)
    # then only the festival's list counts
    assert ("BANNED_GOODS" in found) is banned


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(["rượu"], id="not an object"),
        pytest.param({}, id="no families"),
        pytest.param({"families": {}}, id="empty families"),
        pytest.param({"families": ["alcohol"]}, id="families a list"),
        pytest.param({"families": {"alcohol": "rượu"}}, id="a family not an object"),
        pytest.param({"families": {"alcohol": None}}, id="a family null"),
        pytest.param({"families": {"alcohol": {"name": "rượu", "words": []}}}, id="no name_en"),
        pytest.param(
            {"families": {"alcohol": {"name": "rượu", "name_en": "alcohol"}}}, id="no words"
        ),
        pytest.param(
            {"families": {"alcohol": {"name": "rượu", "name_en": "alcohol", "words": "rượu"}}},
            id="words a string",
        ),
        pytest.param(
            {"families": {"alcohol": {"name": "rượu", "name_en": "alcohol", "words": [""]}}},
            id="an empty word",
        ),
        pytest.param(
            {
                "families": {
                    "alcohol": {
                        "name": "rượu",
                        "name_en": "alcohol",
                        "words": ["rượu"],
                        "categories": "ruou-bia",
                    }
                }
            },
            id="categories a string",
        ),
        pytest.param({**FIREWORKS_ONLY, "look_alikes": ["pháo giấy"]}, id="look_alikes a list"),
        pytest.param(
            {**FIREWORKS_ONLY, "look_alikes": {"phrases": "pháo giấy"}}, id="phrases a string"
        ),
    ],
)
def test_a_malformed_banned_goods_list_is_a_value_error(data):
    # given a list of banned goods that is not of the data file's shape
    # when it is read
    # then ValueError says what is wrong (Festival.clean shows it to the organiser)
    with pytest.raises(ValueError, match=r"\w"):
        BannedGoods(data)


def test_the_price_history_is_read_at_each_deals_own_start():
    # given the same product history, and two deals of it: one from the festival's start and
    # one starting a day later, after the shop had lowered the price to 26,000,000 for a day
    product = history((25, 30_000_000), (15, 30_000_000), (5, 30_000_000), (0, 26_000_000))
    at_start = make_deal(sku="A", url="https://shopee.vn/a", price_history=product)
    later = replace(
        at_start,
        sku="B",
        url="https://shopee.vn/b",
        starts_at=days_before(-1),
    )
    # when both are judged in one batch
    first, second = judge_batch([at_start, later], CONCENTRATED)
    # then the 26,000,000 seen at the festival's start only counts for the later deal
    assert first.verdict is Verdict.ACCEPTED
    assert [reason.code for reason in second.reasons] == ["INFLATED_REFERENCE_PRICE"]
