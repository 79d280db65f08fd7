from django.db import migrations

from onlinefriday.storefront.search.index import CREATE_DEAL_INDEXES, DROP_DEAL_INDEXES


class Migration(migrations.Migration):
    """The indexes on deals that searches read instead of the deals' rows
    (storefront.search.index)."""

    dependencies = [
        ("storefront", "0002_search_index_rebuilt"),
        ("deals", "0006_deal_hidden_at"),
    ]

    operations = [
        migrations.RunSQL(CREATE_DEAL_INDEXES, DROP_DEAL_INDEXES, elidable=False),
        # Unmeasured, an index looks selective on its first column (status) to SQLite's
        # planner, which then read it for every search instead of the products' index.
        migrations.RunSQL("ANALYZE deals_deal", migrations.RunSQL.noop, elidable=False),
    ]
