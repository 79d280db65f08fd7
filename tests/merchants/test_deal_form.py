"""The merchant's web form for one deal: check it against the rules before sending (nothing
stored), send it, edit it until the review deadline, and the list of the merchant's deals."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from onlinefriday.deals.models import Deal, PriceObservation, Product
from onlinefriday.moderation import services
from tests.moderation.builders import send_deal

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_festival(festival_factory):
    return festival_factory(starts_in=timedelta(days=10), slug="form-2030")


@pytest.fixture
def tv_with_history(merchant, open_festival):
    """The merchant's TV, sold at a steady 10,000,000 VND in the month before the festival, as
    its price uploads recorded (no deal yet)."""
    product = Product.objects.create(merchant=merchant, sku="TV-55", title="Tivi Samsung 55 inch")
    PriceObservation.objects.bulk_create(
        PriceObservation(
            product=product,
            observed_at=open_festival.starts_at - timedelta(days=days),
            price=10_000_000,
            source="merchant",
        )
        for days in (40, 20, 10, 2)
    )
    return product


@pytest.fixture
def signed_in(client, merchant_user, shop):
    client.force_login(merchant_user)
    return client


def new_url(festival) -> str:
    return reverse("merchants:deal-new", args=[festival.slug])


def form_data(action="check", **fields) -> dict:
    """The form as a merchant fills it, prices typed the Vietnamese way."""
    data = {
        "sku": "TV-55",
        "title": "Tivi Samsung 55 inch 4K",
        "category": "dien-tu-dien-lanh",
        "platform": "shopee",
        "url": "https://shopee.vn/tivi-samsung-55-i.1.2",
        "price": "10.000.000",
        "sale_price": "6.500.000",
        "origin_country": "VN",
        "genuine": "on",
        "stock": "20",
        "action": action,
    }
    data.update(fields)
    return data


def test_the_empty_form_starts_on_the_merchants_platform_with_vietnam_first(
    signed_in, open_festival
):
    # when the merchant opens the form for a new deal
    response = signed_in.get(new_url(open_festival))
    page = response.content.decode()
    # then its shop's platform is chosen, and Việt Nam heads the countries, named in Vietnamese
    assert response.status_code == 200
    assert '<option value="shopee" selected>' in page
    countries = page[page.index('name="origin_country"') :]
    assert countries.index('value="VN">Việt Nam') < countries.index('value="JP">Nhật Bản')
    assert 'name="action" value="check"' in page
    assert 'name="action" value="submit"' in page


def test_checking_judges_with_the_stored_history_and_stores_nothing(
    signed_in, open_festival, tv_with_history
):
    # given the TV's month at 10,000,000
    counts = (Deal.objects.count(), Product.objects.count(), PriceObservation.objects.count())
    # when the merchant checks a deal declaring 12.000.000 as the price before
    response = signed_in.post(new_url(open_festival), form_data(price="12.000.000"))
    # then the engine's verdict and reason show, from the stored prices
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.verdict == "rejected"
    assert [reason.code for reason in preview.reasons] == ["INFLATED_REFERENCE_PRICE"]
    assert preview.reasons[0].message in response.content.decode()
    # and nothing was stored
    assert (Deal.objects.count(), Product.objects.count(), PriceObservation.objects.count()) == (
        counts
    )
    # when the price before is the month's price
    response = signed_in.post(new_url(open_festival), form_data())
    # then the deal would be accepted, still without being stored
    assert response.context["preview"].verdict == "accepted"
    assert response.context["preview"].reasons == ()
    assert Deal.objects.count() == 0


def test_sending_stores_the_deal_from_the_form(signed_in, open_festival, tv_with_history, shop):
    # when the merchant sends the deal
    response = signed_in.post(new_url(open_festival), form_data("submit"))
    # then it is stored as typed, judged, and the merchant lands on the deal
    deal = Deal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("merchants:deal-edit", args=[deal.pk])
    assert (deal.price, deal.sale_price, deal.stock) == (10_000_000, 6_500_000, 20)
    assert (deal.status, deal.source, deal.shop) == ("accepted", "form", shop)
    assert deal.genuine_declared is True
    assert deal.product == tv_with_history
    assert deal.product.title == "Tivi Samsung 55 inch 4K"
    assert deal.starts_at == open_festival.starts_at


def test_editing_judges_again_and_keeps_the_sku(
    signed_in, open_festival, tv_with_history, merchant
):
    # given the merchant's accepted deal
    signed_in.post(new_url(open_festival), form_data("submit"))
    deal = Deal.objects.get()
    edit = reverse("merchants:deal-edit", args=[deal.pk])
    # when it opens the deal, its prices read as Vietnamese write them
    page = signed_in.get(edit).content.decode()
    assert 'value="10.000.000"' in page
    # when it raises the price before to 12,000,000, and tries to change the SKU
    response = signed_in.post(edit, form_data("submit", price="12000000", sku="OTHER"))
    # then the same deal is judged again (rejected), and the SKU did not change
    assert response.status_code == 302
    deal.refresh_from_db()
    assert (deal.price, deal.status, deal.product.sku) == (12_000_000, "rejected", "TV-55")
    assert Deal.objects.count() == 1
    assert list(deal.reasons.values_list("code", flat=True)) == ["INFLATED_REFERENCE_PRICE"]


def test_a_price_that_is_not_an_amount_is_named(signed_in, open_festival):
    # when the merchant types a price with decimals, and a sale price in words
    response = signed_in.post(
        new_url(open_festival), form_data(price="1.500.000,5", sale_price="một triệu")
    )
    # then the form says what is wrong with each, in Vietnamese, and nothing is judged
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "không phải số đồng nguyên" in errors["price"][0]
    assert "không phải số tiền" in errors["sale_price"][0]
    assert response.context["preview"] is None


def test_another_merchants_deal_is_not_found(
    client, other_merchant_user, merchant, shop, open_festival
):
    # given a deal of merchant A, and a user of merchant B
    deal = send_deal(merchant, open_festival)
    client.force_login(other_merchant_user)
    edit = reverse("merchants:deal-edit", args=[deal.pk])
    # when B opens or posts to A's deal
    responses = [client.get(edit), client.post(edit, form_data("submit", price="1.000.000"))]
    # then it is as if the deal did not exist, and it did not change
    assert [r.status_code for r in responses] == [404, 404]
    deal.refresh_from_db()
    assert deal.price == 10_000_000


def test_after_the_review_deadline_nothing_is_sent(signed_in, open_festival):
    # given a festival whose review period ended yesterday
    open_festival.review_closes_at = timezone.now() - timedelta(days=1)
    open_festival.save(update_fields=["review_closes_at"])
    # when the merchant opens the form, then sends a deal anyway
    page = signed_in.get(new_url(open_festival)).content.decode()
    response = signed_in.post(new_url(open_festival), form_data("submit"))
    # then both say, in Vietnamese, that the deadline passed, and nothing is stored
    assert "Đã hết hạn gửi và sửa ưu đãi" in page
    assert 'value="submit"' not in page
    assert response.status_code == 400
    assert "Đã hết hạn gửi và sửa ưu đãi" in response.content.decode()
    assert not Deal.objects.exists()


def test_the_list_shows_status_reasons_and_the_moderators_note(
    signed_in, merchant, other_merchant, open_festival, moderator
):
    # given a deal in review a moderator rejected with a note, and another merchant's deal
    deal = send_deal(merchant, open_festival, price_history=[])
    services.reject(deal, moderator, "Cần bổ sung hoá đơn nhập hàng.")
    send_deal(other_merchant, open_festival, sku="VAI-THIEU", title="Vải thiều Lục Ngạn 5kg")
    # when the merchant opens its deals
    response = signed_in.get(reverse("merchants:deals"), {"festival": open_festival.slug})
    page = response.content.decode()
    # then its deal shows as rejected, with the engine's reason and the moderator's note
    assert response.status_code == 200
    assert "Bị từ chối" in page
    assert deal.reasons.get().message in page
    assert "Cần bổ sung hoá đơn nhập hàng." in page
    # and the other merchant's deal is not there
    assert "Vải thiều Lục Ngạn" not in page
