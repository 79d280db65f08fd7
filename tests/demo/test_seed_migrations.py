"""The platforms and categories seeded by migrations, and that their migrations reverse."""

import importlib

import pytest
from django.apps import apps

from onlinefriday.deals.models import Category
from onlinefriday.merchants.models import Platform

pytestmark = pytest.mark.django_db

platforms_migration = importlib.import_module(
    "onlinefriday.merchants.migrations.0002_seed_platforms"
)
categories_migration = importlib.import_module("onlinefriday.deals.migrations.0002_seed_categories")


def test_the_marketplaces_and_own_websites_are_seeded_with_their_domains():
    platforms = {p.code: (p.name, p.domains, p.is_marketplace) for p in Platform.objects.all()}
    assert platforms == {
        "shopee": ("Shopee", ["shopee.vn"], True),
        "tiki": ("Tiki", ["tiki.vn"], True),
        "lazada": ("Lazada", ["lazada.vn"], True),
        "sendo": ("Sendo", ["sendo.vn"], True),
        "voso": ("Voso", ["voso.vn"], True),
        "postmart": ("Postmart", ["postmart.vn"], True),
        "website": ("Website riêng", [], False),
    }


def test_goods_categories_come_first_and_restricted_goods_last():
    # when
    categories = list(Category.objects.all())  # ordered by position

    # then
    assert len(categories) == 20
    assert categories[0].name == "Điện thoại & Máy tính bảng"
    assert categories[0].name_en == "Phones & Tablets"
    assert [c.name for c in categories[-4:]] == [
        "Rượu & Bia",
        "Thuốc lá",
        "Thuốc chữa bệnh",
        "Sữa thay thế sữa mẹ",
    ]
    assert all(c.slug and c.name and c.name_en for c in categories)


@pytest.mark.parametrize(
    ("migration", "forward", "backward", "model"),
    [
        (platforms_migration, "add_platforms", "remove_platforms", Platform),
        (categories_migration, "add_categories", "remove_categories", Category),
    ],
)
def test_seed_migrations_reverse_and_apply_again(migration, forward, backward, model):
    # given
    seeded = set(model.objects.values_list("pk", flat=True))

    # when migrated back
    getattr(migration, backward)(apps, None)

    # then the seed data is gone, and migrating forward again brings the same count back
    assert not model.objects.exists()
    getattr(migration, forward)(apps, None)
    assert model.objects.count() == len(seeded)
