"""The search index follows every write to products, and folds as ``core.text.fold`` does."""

import unicodedata
from datetime import timedelta

import pytest
from django.db import connection

from onlinefriday.core.text import fold
from onlinefriday.deals.models import Product
from onlinefriday.storefront.search import DealSearch, postgresql, search_deals
from onlinefriday.storefront.search.text import marked

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
LETTERS = [unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES] + list(
    "bcdđghklmnpqrstvx"
)
EVERY_LETTER = "".join(LETTERS) + "".join(LETTERS).upper()


def in_sql(function: str, text: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [text])
        return cursor.fetchone()[0]


# PostgreSQL folds in SQL, in its index's expressions; SQLite's triggers call Python's own.
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's SQL functions"
)


def test_python_folds_and_marks_every_vietnamese_letter():
    # 12 vowels with each of 6 tones (none included), 17 consonants, in both cases
    assert len(LETTERS) == 89
    bare = "a" * 18 + "e" * 12 + "i" * 6 + "o" * 18 + "u" * 12 + "y" * 6 + "bcddghklmnpqrstvx"
    assert fold(EVERY_LETTER) == bare * 2
    assert marked(EVERY_LETTER) == "".join(LETTERS) * 2
    assert marked("Hòa Hóa Hỏa Hõa Họa hòe thủy Thúy") == "hoà hoá hoả hoã hoạ hoè thuỷ thuý"


@on_postgresql
@pytest.mark.django_db
def test_sql_folds_every_vietnamese_letter_as_python_does():
    assert in_sql("vn_fold", EVERY_LETTER) == fold(EVERY_LETTER)
    # decomposed input, as some keyboards send it
    decomposed = unicodedata.normalize("NFD", EVERY_LETTER)
    assert in_sql("vn_fold", decomposed) == fold(EVERY_LETTER)


@on_postgresql
@pytest.mark.django_db
def test_sql_marks_every_vietnamese_letter_as_python_does():
    assert in_sql("vn_mark", EVERY_LETTER) == marked(EVERY_LETTER)
    old_placement = "Hòa Hóa Hỏa Hõa Họa hòe thủy Thúy"
    assert in_sql("vn_mark", old_placement) == marked(old_placement)


@on_postgresql
@pytest.mark.django_db
def test_python_computes_a_products_terms_as_sql_does():
    # given titles with every Vietnamese letter in both cases, both tone placements, NFD
    # input, digits, punctuation and a word repeated
    titles = [
        (EVERY_LETTER, ""),
        ("Hòa tan Hoà tan thủy thuỷ", "Cà phê G7"),
        (unicodedata.normalize("NFD", "Điện thoại Samsung Galaxy A54 5G 8GB/256GB"), "Samsung"),
        ("Nồi chiên không dầu (5.5L) - chính hãng!", "Lock&Lock"),
    ]
    for title, brand in titles:
        # when Python and SQL compute its terms
        python = postgresql.product_terms(title, brand)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT %s::tsvector::text, vn_terms(%s || ' ' || %s)::text", [python, title, brand]
            )
            sent, computed = cursor.fetchone()

        # then they are the same words
        assert sent == computed


@pytest.fixture
def live_deal(deal_factory, product):
    return deal_factory(status="accepted")


def found(q: str) -> list[int]:
    return [deal.pk for deal in search_deals(DealSearch(q=q)).deals]


def test_the_index_follows_raw_updates_and_deletes(live_deal):
    # given the iPhone deal, found by its title
    assert found("iphone") == [live_deal.pk]

    # when its product is renamed by a bulk UPDATE (no model signal), then by its brand only
    Product.objects.filter(pk=live_deal.product_id).update(title="Máy tính bảng", brand="Xiaomi")

    # then the new words find it at once, the old ones do not
    assert found("may tinh bang") == [live_deal.pk]
    assert found("xiaomi") == [live_deal.pk]
    assert found("iphone") == []

    # and once the product is deleted, nothing is left of it in the index
    Product.objects.filter(pk=live_deal.product_id).delete()
    assert found("xiaomi") == []


def test_a_deal_disappears_at_its_end_time_exactly(live_deal):
    end = live_deal.ends_at

    at_end = search_deals(DealSearch(q="iphone"), now=end).deals
    just_before = search_deals(DealSearch(q="iphone"), now=end - timedelta(microseconds=1)).deals

    assert at_end == []
    assert [d.pk for d in just_before] == [live_deal.pk]


@pytest.mark.django_db
def test_a_listing_without_words_reads_the_listing_index_in_its_order():
    # given the query behind a category page, sorted as it is by default
    from onlinefriday.storefront.search import ORDERINGS, Sort, filtered_deals

    listing = filtered_deals(DealSearch(category="dien-thoai")).order_by(*ORDERINGS[Sort.RELEVANCE])
    sql, params = listing.values_list("id", flat=True)[:1000].query.sql_with_params()

    # when the database plans it (PostgreSQL, on empty tables, told to avoid scans and sorts)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(column) for row in cursor.fetchall() for column in row)

    # then the deals come in the index's order: the discount matches the indexed expression
    assert "storefront_deal_listing" in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan
    # and PostgreSQL reads the deals from the index alone (their products' side depends on
    # the tables' statistics, which empty tables do not give)
    if connection.vendor == "postgresql":
        assert "Index Only Scan Backward using storefront_deal_listing" in plan
