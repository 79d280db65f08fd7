"""Properties of the engine over many generated inputs (hypothesis): the verdict does not
depend on the order of reasons or of deals, the same input gives the same output, and no
rounding turns a discount over the cap into an allowed one."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from onlinefriday.compliance.engine import judge_batch
from onlinefriday.compliance.facts import MAX_PRICE, DealFacts
from onlinefriday.compliance.reasons import Reason, Severity, Verdict, verdict_for
from tests.compliance.builders import (
    CONCENTRATED,
    REGULAR,
    SEVERITIES,
    days_before,
    history,
    make_deal,
    reasons,
)

# Modest, so the suite stays fast; no example database written into the working tree.
MODEST = settings(max_examples=200, deadline=None, database=None)

TITLES = (
    "Điện thoại Samsung Galaxy S24 Ultra 256GB",
    "Nồi chiên không dầu Philips 6,2 lít",
    "Thuốc nhuộm tóc Garnier màu nâu",
    "Rượu vang đỏ Chile 750ml",
    "ruou vang Da Lat",
    "Bìa hồ sơ nhựa A4",
    "Sữa công thức Meiji số 0",
)
AMOUNTS = st.one_of(
    st.integers(0, 60_000_000),
    st.sampled_from([None, -1, True, 10_000_000_001, Decimal("1500000.5"), 1_000_000.0]),
)


@st.composite
def deal_fields(draw) -> dict:
    """Fields of a deal anywhere between accepted and rejected for every reason."""
    observations = draw(
        st.lists(st.tuples(st.floats(-3, 45), st.integers(1, 60_000_000)), max_size=5)
    )
    return {
        "title": draw(st.sampled_from(TITLES)),
        "price": draw(AMOUNTS),
        "sale_price": draw(AMOUNTS),
        "currency": draw(st.sampled_from(["VND", "USD"])),
        "starts_at": draw(st.sampled_from([None, days_before(0.5), days_before(-1)])),
        "origin_country": draw(st.sampled_from(["VN", "", "XX", "JP"])),
        "genuine": draw(st.sampled_from([True, False, None])),
        "platform": draw(st.sampled_from(["shopee", "tiki", "website", "amazon"])),
        "stock": draw(st.one_of(st.none(), st.integers(0, 100))),
        "price_history": history(*observations),
        "discount_days_past_year": draw(st.integers(0, 200)),
    }


@st.composite
def unique_deals(draw) -> list[DealFacts]:
    """A submission without duplicates: each deal its own SKU and link."""
    fields = draw(st.lists(deal_fields(), min_size=1, max_size=8))
    hosts = ("shopee.vn", "m.shopee.vn", "tiki.vn", "example.com")
    return [
        make_deal(
            sku=f"SKU-{index}",
            url=f"https://{draw(st.sampled_from(hosts))}/san-pham-{index}",
            **deal,
        )
        for index, deal in enumerate(fields)
    ]


@MODEST
@given(
    st.lists(
        st.builds(
            Reason,
            code=st.sampled_from(sorted(SEVERITIES)),
            severity=st.sampled_from(Severity),
            message=st.just("thông điệp"),
            message_en=st.just("message"),
        ),
        max_size=6,
    ),
    st.data(),
)
def test_the_verdict_does_not_depend_on_the_order_of_reasons(found, data):
    # given reasons in some order, and the same reasons in another
    shuffled = data.draw(st.permutations(found))
    # when the verdict is drawn from each
    # then it is the same
    assert verdict_for(shuffled) is verdict_for(found)


@MODEST
@given(unique_deals(), st.data())
def test_the_judgements_do_not_depend_on_the_order_of_deals(deals, data):
    # given a submission without duplicates, and the same deals in another order
    shuffled = data.draw(st.permutations(deals))
    # when both are judged
    judged = {judgement.sku: judgement for judgement in judge_batch(deals, CONCENTRATED)}
    reordered = judge_batch(shuffled, CONCENTRATED)
    # then each deal has the same judgement, reasons and all
    assert {judgement.sku: judgement for judgement in reordered} == judged


@MODEST
@given(unique_deals(), st.sampled_from([CONCENTRATED, REGULAR]))
def test_the_same_input_gives_the_same_output(deals, terms):
    # given a submission
    # when it is judged twice
    first = judge_batch(deals, terms)
    second = judge_batch(deals, terms)
    # then the judgements are equal
    assert second == first


@st.composite
def near_the_cap(draw) -> tuple[int, int, int]:
    """(price, sale price, cap) within a few đồng of the largest discount the cap allows."""
    cap = draw(st.sampled_from([50, 100]))
    price = draw(st.integers(1, MAX_PRICE))
    largest_allowed = price * cap // 100
    sale_price = price - largest_allowed + draw(st.integers(-2, 2))
    return price, min(max(sale_price, 0), MAX_PRICE), cap


ANYWHERE = st.tuples(
    st.integers(1, MAX_PRICE), st.integers(0, MAX_PRICE), st.sampled_from([50, 100])
)


@MODEST
@given(st.one_of(near_the_cap(), ANYWHERE))
def test_no_rounding_lets_a_discount_over_the_cap_through(prices):
    # given whole prices and a cap of 50% or 100%
    price, sale_price, cap = prices
    terms = REGULAR if cap == 50 else CONCENTRATED
    # when a deal at those prices is judged
    found = reasons(make_deal(price=price, sale_price=sale_price), terms)
    # then DISCOUNT_OVER_CAP is there exactly when the exact discount is above the cap
    over = Fraction(price - sale_price, price) > Fraction(cap, 100)
    assert ("DISCOUNT_OVER_CAP" in found) is over


FRACTIONAL = st.decimals(min_value=0, max_value=MAX_PRICE, places=3).filter(
    lambda amount: amount != amount.to_integral_value()
)


@MODEST
@given(FRACTIONAL, st.integers(0, MAX_PRICE), st.booleans())
def test_a_fractional_amount_is_an_invalid_price_never_rounded(fractional, whole, is_sale):
    # given a deal with one amount in fractions of a đồng (as parse_float=Decimal keeps it)
    price, sale_price = (whole, fractional) if is_sale else (fractional, whole)
    deal = make_deal(price=price, sale_price=sale_price)
    # when it is judged
    judgement = judge_batch([deal], CONCENTRATED)[0]
    # then it is rejected as an invalid price, not accepted after rounding
    assert judgement.verdict is Verdict.REJECTED
    assert "INVALID_PRICE" in {reason.code for reason in judgement.reasons}
