"""submit_deals: every channel's deals stored and judged the same way, idempotent by SKU."""

from datetime import timedelta

import pytest

from onlinefriday.compliance.reasons import Verdict
from onlinefriday.deals.models import Deal, DealReason, DealSource, DealStatus, PriceObservation
from onlinefriday.deals.submitting import SubmissionRefused, submit_deals
from tests.moderation.builders import deal_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_festival(festival_factory):
    """A festival starting in ten days, open for submissions."""
    return festival_factory(starts_in=timedelta(days=10), slug="submit-test")


def test_accepted_deal_is_stored_with_its_verdict(merchant, shop, open_festival):
    # given
    deal = deal_in(open_festival)

    # when
    [result] = submit_deals(merchant, open_festival, [deal], source=DealSource.API)

    # then
    stored = Deal.objects.get(pk=result.deal_id)
    assert result.verdict is Verdict.ACCEPTED
    assert result.featured is True  # 10M, 35% off, 3.5M x 20 = 70M saved
    assert stored.status == DealStatus.ACCEPTED
    assert stored.featured is True
    assert stored.shop == shop
    assert stored.product.sku == "TV-55"
    assert stored.product.category.slug == "dien-tu-dien-lanh"
    assert stored.starts_at == open_festival.starts_at
    assert PriceObservation.objects.filter(product=stored.product).count() == 4


def test_same_deal_again_changes_nothing(merchant, shop, open_festival):
    # given
    deal = deal_in(open_festival)
    [first] = submit_deals(merchant, open_festival, [deal], source=DealSource.FILE)
    Deal.objects.filter(pk=first.deal_id).update(status=DealStatus.REJECTED)  # a moderator

    # when
    [again] = submit_deals(merchant, open_festival, [deal], source=DealSource.FILE)

    # then
    assert again.deal_id == first.deal_id
    assert again.changed is False
    assert again.verdict is Verdict.REJECTED  # the decision stands
    assert Deal.objects.count() == 1
    assert PriceObservation.objects.count() == 4


def test_an_edit_is_judged_again(merchant, shop, open_festival):
    # given
    [first] = submit_deals(
        merchant, open_festival, [deal_in(open_festival)], source=DealSource.FORM
    )

    # when: the 'before' price is raised above what the shop charged
    [edited] = submit_deals(
        merchant, open_festival, [deal_in(open_festival, price=12_000_000)], source=DealSource.FORM
    )

    # then
    assert edited.deal_id == first.deal_id
    assert edited.verdict is Verdict.REJECTED
    assert [r.code for r in edited.reasons] == ["INFLATED_REFERENCE_PRICE"]
    assert list(DealReason.objects.values_list("code", flat=True)) == ["INFLATED_REFERENCE_PRICE"]
    assert Deal.objects.get().price == 12_000_000


def test_bad_deals_do_not_stop_good_ones(merchant, shop, open_festival):
    # given
    deals = [
        deal_in(open_festival, sku="A", url="https://shopee.vn/a"),
        deal_in(open_festival, sku="B", url="https://shopee.vn/b", category="khong-co"),
        deal_in(open_festival, sku="a", url="https://shopee.vn/c"),  # A again
        deal_in(open_festival, sku="C", url="https://shopee.vn/d", price_history=[]),
    ]

    # when
    results = submit_deals(merchant, open_festival, deals, source=DealSource.API)

    # then
    assert [r.verdict for r in results] == [Verdict.ACCEPTED, None, Verdict.REJECTED, "review"]
    assert results[1].errors[0].field == "category"
    assert "khong-co" in results[1].errors[0].message
    assert [r.code for r in results[2].reasons] == ["DUPLICATE_DEAL"]
    assert results[2].deal_id is None
    assert sorted(Deal.objects.values_list("product__sku", flat=True)) == ["A", "C"]


def test_platform_follows_from_the_link(merchant, shop, open_festival):
    # given: no platform named, a Tiki link
    deal = deal_in(open_festival, platform="", url="https://tiki.vn/tivi-p123.html")

    # when
    [result] = submit_deals(merchant, open_festival, [deal], source=DealSource.FILE)

    # then
    stored = Deal.objects.get(pk=result.deal_id)
    assert stored.platform.code == "tiki"
    assert stored.shop is None  # the merchant has no Tiki shop registered


def test_history_already_stored_counts(merchant, shop, open_festival, product):
    # given: the shop's prices were recorded before, lower than the 'before' price now declared
    PriceObservation.objects.create(
        product=product,
        observed_at=open_festival.starts_at - timedelta(days=5),
        price=28_000_000,
        source="platform",
    )
    deal = deal_in(
        open_festival, sku=product.sku, price=34_000_000, sale_price=24_000_000, price_history=[]
    )

    # when
    [result] = submit_deals(merchant, open_festival, [deal], source=DealSource.API)

    # then
    assert "INFLATED_REFERENCE_PRICE" in [r.code for r in result.reasons]
    assert "28.000.000 ₫" in result.reasons[0].message


def test_only_approved_merchants_before_the_deadline(merchant, shop, festival_factory):
    # given
    closed = festival_factory(starts_in=-timedelta(days=3), slug="closed")

    # when / then
    with pytest.raises(SubmissionRefused, match="deadline"):
        submit_deals(merchant, closed, [deal_in(closed)], source=DealSource.API)
    merchant.status = "verified"
    with pytest.raises(SubmissionRefused, match="not approved"):
        submit_deals(merchant, closed, [deal_in(closed)], source=DealSource.API)
    assert Deal.objects.count() == 0
