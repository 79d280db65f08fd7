"""Loading the demo into the database: exact counts, faithful values, ids that do not collide."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from onlinefriday.deals.models import Category, Deal, DealReason, PriceObservation, Product
from onlinefriday.demo.generator import FirstIds, Trait, generate
from onlinefriday.demo.services import DemoAlreadyLoaded, load_demo, move_demo_to_today
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.models import Merchant, Shop

pytestmark = pytest.mark.django_db

NOW = datetime(2021, 12, 3, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def generated_counts(seed: int, deals: int, first_ids: FirstIds) -> dict[str, int]:
    data = generate(seed, deals, NOW, first_ids=first_ids)
    chunks = list(data.chunks())
    return {
        "merchants": len(data.merchants),
        "shops": len(data.shops),
        "products": sum(len(c.products) for c in chunks),
        "deals": sum(len(c.deals) for c in chunks),
        "observations": sum(len(c.observations) for c in chunks),
    }


def test_loading_200_deals_writes_exactly_what_was_generated():
    # given an empty database but for its seed data
    expected = generated_counts(7, 200, FirstIds())

    # when
    summary = load_demo(deals=200, seed=7, now=NOW)

    # then
    assert expected["merchants"] == 5 and expected["deals"] == 200
    assert {key: getattr(summary, key) for key in expected} == expected
    assert Merchant.objects.count() == expected["merchants"]
    assert Shop.objects.count() == expected["shops"]
    assert Product.objects.count() == 200
    assert Deal.objects.count() == 200
    assert PriceObservation.objects.count() == expected["observations"]
    festival = Festival.objects.get(slug="demo-live")
    assert summary.festival_slug == "demo-live"
    assert festival.flash_slots.count() == 3
    assert festival.starts_at <= NOW < festival.ends_at
    assert set(Deal.objects.values_list("festival_id", flat=True).distinct()) == {festival.id}


def test_every_demo_deal_is_judged_as_its_trait_says():
    # given
    data = generate(7, 400, NOW)
    chunks = list(data.chunks())

    # when
    load_demo(deals=400, seed=7, now=NOW)

    # then the engine finds what each deal was generated to show
    products = {p.id: p for c in chunks for p in c.products}
    codes = {}
    for deal_id, code in DealReason.objects.values_list("deal_id", "code"):
        codes.setdefault(deal_id, set()).add(code)
    statuses = dict(Deal.objects.values_list("id", "status"))
    traits = {trait: 0 for trait in Trait}
    for deal in (d for c in chunks for d in c.deals):
        traits[deal.trait] += 1
        found = codes.get(deal.id, set())
        if deal.trait is Trait.BANNED:
            assert "BANNED_GOODS" in found, products[deal.product_id].title
        elif deal.trait is Trait.INFLATED:
            assert "INFLATED_REFERENCE_PRICE" in found
        elif products[deal.product_id].origin_country and deal.genuine_declared:
            assert statuses[deal.id] == "accepted", found
        assert (statuses[deal.id] == "rejected") == bool(found)
    assert all(traits.values())  # each kind appeared


def test_loaded_values_read_back_as_generated():
    # given
    data = generate(7, 200, NOW)
    chunk = next(data.chunks())

    # when
    load_demo(deals=200, seed=7, now=NOW)

    # then times come back as the same instants, money as the same integers
    first = chunk.deals[0]
    deal = Deal.objects.get(pk=first.id)
    assert (deal.starts_at, deal.ends_at) == (first.starts_at, first.ends_at)
    assert (deal.price, deal.sale_price, deal.stock) == (first.price, first.sale_price, first.stock)
    assert deal.genuine_declared is first.genuine_declared
    product = Product.objects.get(pk=first.product_id)
    assert product.title == chunk.products[0].title
    assert product.category == Category.objects.get(slug=chunk.products[0].category)
    seen = list(product.observations.order_by("observed_at").values_list("observed_at", "price"))
    expected = [(o.observed_at, o.price) for o in chunk.observations if o.product_id == product.id]
    assert seen == expected
    assert set(PriceObservation.objects.values_list("source", flat=True)) == {"demo"}
    merchant = Merchant.objects.get(pk=data.merchants[0].id)
    assert merchant.created_at == data.merchants[0].created_at


def test_links_point_at_the_domains_of_the_seeded_platforms():
    # when
    load_demo(deals=200, seed=7, now=NOW)

    # then
    for shop in Shop.objects.select_related("platform"):
        assert urlsplit(shop.url).hostname in shop.platform.domains
    for deal in Deal.objects.select_related("shop__platform"):
        assert urlsplit(deal.url).hostname in deal.shop.platform.domains


def test_demo_ids_follow_existing_rows_and_the_database_keeps_numbering_after_them(deal_factory):
    # given a real merchant, shop, product and deal already in the database
    existing = deal_factory()

    # when
    load_demo(deals=50, seed=7, now=NOW)

    # then the demo's rows come after them, and rows created afterwards get fresh ids
    demo_merchants = Merchant.objects.filter(email__endswith="@demo.example")
    assert min(m.id for m in demo_merchants) > existing.product.merchant_id
    assert Deal.objects.count() == 51
    later = Merchant.objects.create(
        name="Hợp tác xã Vải thiều Lục Ngạn",
        tax_code="2400123451",
        business_type="cooperative",
        email="htx@lucngan.example",
    )
    assert later.id > max(m.id for m in demo_merchants)


def test_loading_the_demo_twice_is_refused():
    # given
    load_demo(deals=20, seed=7, now=NOW)

    # when / then
    with pytest.raises(DemoAlreadyLoaded, match="demo-live"):
        load_demo(deals=20, seed=7, now=NOW)
    assert Deal.objects.count() == 20


def test_a_demo_loaded_days_ago_moves_to_today_with_its_history():
    # given a demo loaded on 3/12/2021, seen again on 10/12/2021 when its window has passed
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    loaded_on = datetime(2021, 12, 3, 9, 0, tzinfo=vietnam)
    load_demo(deals=30, seed=5, now=loaded_on)
    deal = Deal.objects.order_by("id").first()
    history_before = list(
        PriceObservation.objects.filter(product=deal.product).values_list("observed_at", "price")
    )
    later = datetime(2021, 12, 10, 15, 30, tzinfo=vietnam)

    # when
    moved = move_demo_to_today(later)

    # then the festival is live again, and the deal moved with its history by exactly 7 days
    festival = Festival.objects.get(slug="demo-live")
    assert moved is True
    assert festival.state(later) == "live"
    assert festival.starts_at == datetime(2021, 12, 10, 0, 0, tzinfo=vietnam)
    assert all(
        festival.starts_at <= s.starts_at < festival.ends_at for s in festival.flash_slots.all()
    )
    deal_after = Deal.objects.get(pk=deal.pk)
    assert deal_after.starts_at - deal.starts_at == timedelta(days=7)
    history_after = list(
        PriceObservation.objects.filter(product=deal.product).values_list("observed_at", "price")
    )
    assert history_after == [(at + timedelta(days=7), price) for at, price in history_before]
    # and a live demo is left alone
    assert move_demo_to_today(later) is False


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the writer: another connection
def test_a_load_of_many_chunks_outside_a_transaction_writes_each_chunk_once(monkeypatch):
    # given chunks of 30 deals, and a database outside any transaction (as `demo` runs)
    monkeypatch.setattr("onlinefriday.demo.generator.BLOCK_SIZE", 30)
    expected = generated_counts(7, 200, FirstIds())
    reported = []

    # when
    summary = load_demo(deals=200, seed=7, now=NOW, progress=lambda done, _: reported.append(done))

    # then every chunk was written once, and told as it was
    assert {key: getattr(summary, key) for key in expected} == expected
    assert Deal.objects.count() == Product.objects.count() == 200
    assert PriceObservation.objects.count() == expected["observations"]
    assert reported == [30, 60, 90, 120, 150, 180, 200]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's VACUUM")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_load_outside_a_transaction_leaves_the_deals_pages_all_visible():
    # when the demo is loaded, as `demo` loads it
    load_demo(deals=200, seed=7, now=NOW)

    # then every page of deals is marked all-visible (vacuumed), so that a search can read the
    # deals it finds from their index alone
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE relname = 'deals_deal'")
        pages, visible = cursor.fetchone()
    assert pages > 0
    assert visible == pages
