"""PostgreSQL's index: one statement reads deals by ranges of product ids, newest first; a
product's terms are computed for new or changed products only, a deal's are its product's and
its filters', following both; the vocabulary of words (prefixes, and typos by trigram) is
learnt from every write to products."""

from datetime import timedelta

import pytest
from django.db import connection

from onlinefriday.core.bulk import BulkUpsert
from onlinefriday.deals.models import Category, Deal, Product
from onlinefriday.storefront.search import DealSearch, filtered_deals, indexed_filters, postgresql
from onlinefriday.storefront.search.query import Query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index"),
]


@pytest.fixture
def publish(deal_factory, festival_factory):
    """An accepted deal of a product, in one festival live now."""
    festival = festival_factory(starts_in=-timedelta(hours=1), slug="postgresql-index")

    def make(product: Product, **fields):
        return deal_factory(festival=festival, product=product, status="accepted", **fields)

    return make


def found(q: str, *, limit: int = 100, **filters) -> list[int]:
    search = DealSearch(q=q, **filters)
    rows = postgresql.ranked(
        connection,
        filtered_deals(search),
        Query.parse(q),
        limit=limit,
        filters=indexed_filters(search),
    )
    return [row[0] for row in rows]


def terms(row: Product | Deal) -> list[str]:
    table = row._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tsvector_to_array(search_terms) FROM {table} WHERE id = %s",  # noqa: S608
            [row.pk],
        )
        return sorted(cursor.fetchone()[0] or [])


def test_deals_of_several_ranges_come_newest_product_first(product_factory, publish):
    # given TVs in four ranges of 65,536 ids (0, 1, 2 and 3), a fridge among them, all on offer
    tvs = [publish(product_factory("Tivi Sony Bravia", id=pk)) for pk in (5, 70_000, 140_000)]
    newest = publish(product_factory("Tivi Sony Bravia", id=200_000))
    publish(product_factory("Tủ lạnh Sony", id=150_000))

    # when they are searched for, all of them or the first few
    every = found("tivi ")
    first_two = found("tivi ", limit=2)

    # then every TV comes once, newest product first, and the statement stops at the limit
    assert every == [newest.pk, *reversed([tv.pk for tv in tvs])]
    assert first_two == every[:2]
    assert found("sony ", limit=2) == [newest.pk, found("tu lanh ")[0]]


def test_a_deals_filters_are_terms_of_the_index(product_factory, publish, platform, category):
    # given two TVs on offer: the older one featured and on Shopee, the newer one Vietnamese
    older = publish(product_factory("Tivi Samsung"), featured=True, platform=platform)
    newer = publish(product_factory("Tivi Samsung", made_in_vietnam=True))

    # then each deal's terms are its product's and a term for each filter's value
    assert terms(older) == sorted(
        ["samsung", "tivi", "_f1", f"_p{platform.pk}", f"_c{category.pk}", "_v0"]
    )
    assert terms(newer) == sorted(["samsung", "tivi", "_f0", "_p0", f"_c{category.pk}", "_v1"])

    # and each filter finds the deals that pass it, in the index itself: asked of deals that
    # are not filtered otherwise, it finds the same
    assert found("tivi ", featured=True) == [older.pk]
    assert found("tivi ", featured=False) == [newer.pk]
    assert found("tivi ", platform="shopee") == [older.pk]
    assert found("tivi ", made_in_vietnam=True) == [newer.pk]
    assert found("tivi ", category=category.slug) == [newer.pk, older.pk]
    unfiltered = filtered_deals(DealSearch())
    for filters, passing in [({"featured": True}, older), ({"made_in_vietnam": True}, newer)]:
        rows = postgresql.ranked(
            connection, unfiltered, Query.parse("tivi "), limit=10, filters=filters
        )
        assert rows == [(passing.pk,)]

    # and a platform or category that does not exist finds nothing
    assert found("tivi ", platform="no-such-platform") == []
    assert found("tivi ", category="no-such-category") == []


def test_a_deals_terms_follow_the_deal_and_its_product(product_factory, publish, platform):
    # given a featured TV on Shopee and a plain radio
    tv = publish(product_factory("Tivi Samsung"), featured=True, platform=platform)
    radio = publish(product_factory("Đài Sony"))
    speakers = Category.objects.exclude(pk=tv.product.category_id).first()

    # when a moderator stops featuring the TV and features the radio, which moves to Shopee
    tv.featured = False
    tv.save()
    Deal.objects.filter(pk=radio.pk).update(featured=True, platform=platform)

    # then the featured filter finds the radio only, on Shopee
    assert found("tivi ", featured=True) == []
    assert found("dai ", featured=True, platform="shopee") == [radio.pk]

    # when the TV's product is renamed, moved to another category and declared Vietnamese
    product = tv.product
    product.title = "Loa Samsung"
    product.category = speakers
    product.made_in_vietnam = True
    product.save()

    # then its deal is found by the new words and filters only
    assert found("tivi ") == []
    assert found("loa ", category=speakers.slug, made_in_vietnam=True) == [tv.pk]

    # when the radio's deal is moved to another product
    Deal.objects.filter(pk=radio.pk).update(product=product_factory("Loa JBL"))

    # then it is found by that product's words
    assert found("dai ") == []
    assert found("loa ") == [radio.pk, tv.pk]


def test_words_written_by_bulk_sql_are_known_at_once(merchant, category, publish):
    # given a product upserted as submit_deals writes them (COPY, then INSERT ... ON CONFLICT)
    fields = ["merchant", "sku", "title", "brand", "category"]
    upsert = BulkUpsert(
        Product, fields, unique_fields=["merchant", "sku"], update_fields=fields[2:]
    )
    upsert.run([(merchant.pk, "XAY-1", "Máy xay sinh tố Philips", "Philips", category.pk)])
    deal = publish(Product.objects.get(sku="XAY-1"))

    # then its words find it half typed, with a typo, and with the marks typed
    assert found("phil") == [deal.pk]
    assert found("phillips ") == [deal.pk]  # one letter too many
    assert postgresql.matches(connection, Query.parse("sinh tố"))[0].index == "sinh & tố"
    assert found("sinh tố") == [deal.pk]

    # when the same SKU is upserted again with a new title
    upsert.run([(merchant.pk, "XAY-1", "Nồi chiên không dầu Lock&Lock", "Lock&Lock", category.pk)])

    # then the new words are known too, and the old ones find nothing
    assert found("chien khong dau") == [deal.pk]
    assert found("lockk ") == [deal.pk]  # a typo of a five-letter word
    assert found("philips ") == []


def test_an_upsert_of_a_product_there_already_keeps_its_terms(merchant, category):
    # given a product written once
    fields = ["merchant", "sku", "title", "brand", "category"]
    upsert = BulkUpsert(
        Product, fields, unique_fields=["merchant", "sku"], update_fields=fields[2:]
    )
    row = (merchant.pk, "NOI-1", "Nồi cơm điện", "Sunhouse", category.pk)
    upsert.run([row])
    product = Product.objects.get(sku="NOI-1")
    written = terms(product)

    # when it is sent again unchanged, then with another category only
    upsert.run([row])
    upsert.run([(*row[:4], None)])

    # then its terms are those of its text, folded and marked, as the first time
    assert written == ["com", "cơm", "dien", "noi", "nồi", "sunhouse", "điện"]
    assert terms(product) == written
    product.refresh_from_db()
    assert product.category_id is None


def test_bulk_writers_send_the_terms_and_other_writers_leave_them_to_sql(merchant, category):
    # given 'ß', which SQL folds to 'ss' and Python keeps: whose terms a product has tells who
    # computed them
    fields = ["merchant", "sku", "title", "brand", "category"]
    upsert = BulkUpsert(
        Product, fields, unique_fields=["merchant", "sku"], update_fields=fields[2:]
    )

    # when a bulk writer writes a product, then changes its title
    upsert.run([(merchant.pk, "BIA-1", "Bia Weißbier", "", category.pk)])
    product = Product.objects.get(sku="BIA-1")
    sent = terms(product)
    upsert.run([(merchant.pk, "BIA-1", "Bia Straße", "", category.pk)])

    # then the terms are those it sent, each time: no trigger computed them again
    assert sent == ["bia", "weißbier"]
    assert terms(product) == ["bia", "straße"]

    # when the ORM changes the title (its UPDATE keeps the terms there), or writes a product
    product.title = "Bia Weißbier"
    product.save()
    other = Product.objects.create(
        merchant=merchant, sku="BIA-2", title="Straße", category=category
    )

    # then the triggers compute the terms in SQL
    assert terms(product) == ["bia", "weissbier", "weißbier"]
    assert terms(other) == ["strasse", "straße"]


def test_a_product_written_without_terms_gets_them_from_the_statement(merchant, category):
    # given the row trigger that computes a product's terms is off (as when the product an
    # upsert found there is deleted before the row goes in)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no checks pending at the ALTER TABLEs
        cursor.execute("ALTER TABLE deals_product DISABLE TRIGGER storefront_product_terms_insert")
        try:
            # when a product is written
            product = Product.objects.create(
                merchant=merchant, sku="BP-1", title="Bàn phím cơ", category=category
            )
        finally:
            cursor.execute(
                "ALTER TABLE deals_product ENABLE TRIGGER storefront_product_terms_insert"
            )

    # then the statement's trigger has computed them
    assert terms(product) == ["ban", "bàn", "co", "cơ", "phim", "phím"]


def test_a_typo_is_any_known_word_one_edit_away_found_by_trigrams(product_factory, publish):
    # given products with words near 'nokia'
    nokia = publish(product_factory("Điện thoại Nokia"))
    product_factory("Loa Nokai")  # a word of its own: no typo then, and no deal on offer
    product_factory("Nokiaa Store")

    # when a shopper swaps two letters of a five-letter word (two trigrams of ten shared)
    corrected = postgresql.corrections(connection, "nkoia")

    # then the known words one edit away are offered, and the search finds the phone
    assert corrected == ["nokia"]
    assert postgresql.corrections(connection, "nokiax") == ["nokia", "nokiaa"]
    assert found("nkoia ") == [nokia.pk]


def test_a_prefix_that_begins_many_known_words_is_checked_on_matched_products(
    product_factory, publish
):
    # given seventeen mice on offer, each with its own word beginning with 'mx'
    words = [f"mx{letter}" for letter in "abcdefghijklmnopq"]
    assert len(words) == postgresql.PREFIX_WORDS + 1
    for word in words:
        publish(product_factory(f"Chuột {word}"))

    # when a shopper types 'mx' alone, 'chuot mx', then 'mxa'
    alone, after, one = (
        postgresql.matches(connection, Query.parse(q))[-1] for q in ("mx", "chuot mx", "mxa")
    )

    # then 'mx' alone is a prefix for the index, after another word a prefix each product the
    # index finds is checked for, and 'mxa' is the one word it begins; each finds its mice
    assert alone == postgresql.Match("mx:*")
    assert after == postgresql.Match("chuot", also="mx:*")
    assert one == postgresql.Match("mxa")
    assert (len(found("mx")), len(found("chuot mx")), len(found("mxa"))) == (17, 17, 1)
