"""PostgreSQL's index: read by ranges of product ids, newest first, and its vocabulary of words
(prefixes and typos) learnt from every write to products."""

import pytest
from django.db import connection

from onlinefriday.core.bulk import BulkUpsert
from onlinefriday.deals.models import Product
from onlinefriday.storefront.search import postgresql
from onlinefriday.storefront.search.query import Query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index"),
]


def product_ids(q: str, *, size: int = 100) -> list[list[int]]:
    """The batches of products the folded search for ``q`` reads."""
    search = postgresql.match_expressions(connection, Query.parse(q))[-1]
    return list(postgresql.product_batches(connection, search, size=size))


def test_products_of_several_ranges_come_newest_first_a_batch_at_a_time(product_factory):
    # given TVs in four ranges of 65,536 ids (0, 1, 2 and 3) and a fridge among them
    for pk in (5, 70_000, 140_000, 200_000):
        product_factory("Tivi Sony Bravia", id=pk)
    product_factory("Tủ lạnh Sony", id=150_000)

    # when the TVs are read one at a time (a range at a time, newest first), or four at a time
    # (two ranges, then all the older ones at once: they hold fewer than four, by the first two)
    one_by_one = product_ids("tivi ", size=1)
    four_at_once = product_ids("tivi ", size=4)

    # then both give every TV once, newest first, and nothing else
    assert one_by_one == [[200_000], [140_000], [70_000], [5]]
    assert four_at_once == [[200_000, 140_000, 70_000, 5]]


def test_words_written_by_bulk_sql_are_known_at_once(merchant, category):
    # given a product upserted as submit_deals writes them (COPY, then INSERT ... ON CONFLICT)
    fields = ["merchant", "sku", "title", "brand", "category"]
    upsert = BulkUpsert(
        Product, fields, unique_fields=["merchant", "sku"], update_fields=fields[2:]
    )
    upsert.run([(merchant.pk, "XAY-1", "Máy xay sinh tố Philips", "Philips", category.pk)])
    pk = Product.objects.get(sku="XAY-1").pk

    # then its words find it half typed, with a typo, and with the marks typed
    assert product_ids("phil") == [[pk]]
    assert product_ids("phillips ") == [[pk]]  # one letter too many
    assert postgresql.match_expressions(connection, Query.parse("sinh tố"))[0][1] == "sinh & tố"

    # when the same SKU is upserted again with a new title
    upsert.run([(merchant.pk, "XAY-1", "Nồi chiên không dầu Lock&Lock", "Lock&Lock", category.pk)])

    # then the new words are known too, and the old ones find nothing
    assert product_ids("chien khong dau") == [[pk]]
    assert product_ids("lockk ") == [[pk]]  # a typo of a five-letter word
    assert product_ids("philips ") == []


def test_a_prefix_that_begins_many_known_words_is_matched_in_the_index(product_factory):
    # given seventeen products, each with its own word beginning with 'mx'
    words = [f"mx{letter}" for letter in "abcdefghijklmnopq"]
    assert len(words) == postgresql.PREFIX_WORDS + 1
    for word in words:
        product_factory(f"Chuột {word}")

    # when a shopper types 'mx', then 'mxa'
    many = postgresql.match_expressions(connection, Query.parse("mx"))[-1][1]
    one = postgresql.match_expressions(connection, Query.parse("mxa"))[-1][1]

    # then 'mx' stays a prefix for the index, 'mxa' is the one word it begins; both find theirs
    assert (many, one) == ("mx:*", "mxa")
    assert len(product_ids("mx")[0]) == 17
    assert len(product_ids("mxa")[0]) == 1
