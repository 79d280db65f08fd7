from django.db import migrations

from onlinefriday.storefront.search.index import CREATE_DEAL_INDEXES

OLD = "DROP INDEX IF EXISTS storefront_deal_product"


class Migration(migrations.Migration):
    """The index of deals by product, with the deals' ids, so that PostgreSQL finds the deals
    of matched products from the index alone (storefront.search.index)."""

    dependencies = [
        ("storefront", "0006_postgresql_search_terms_column"),
    ]

    operations = [
        migrations.RunSQL([OLD, *CREATE_DEAL_INDEXES], migrations.RunSQL.noop, elidable=False),
    ]
