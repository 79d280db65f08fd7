from django.db import migrations


def rebuild(apps, schema_editor):
    from onlinefriday.storefront.search import index

    connection = schema_editor.connection
    create, _drop = index.listing_indexes(connection)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS storefront_deal_listing")
        for statement in create:
            cursor.execute(statement)
        # SQLite's planner takes an index it has no statistics of for a selective one.
        cursor.execute("ANALYZE deals_deal")


class Migration(migrations.Migration):
    """The listing index of deals holds their prices, and on PostgreSQL an index of products
    holds what a listing asks of them, so that a listing reads indexes alone
    (storefront.search.index)."""

    dependencies = [
        ("storefront", "0009_postgresql_index_of_deals"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=False)]
