from django.db import migrations

# The index before: a table of folded words and one of marked words (storefront.search.sqlite).
OLD_TABLES = ("storefront_product_folded", "storefront_product_marked")


def rebuild(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    from onlinefriday.storefront.search import sqlite

    sqlite.uninstall(connection)  # its triggers and vocabulary, which keep their names
    with connection.cursor() as cursor:
        for table in OLD_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
    sqlite.install(connection, fill=True)


class Migration(migrations.Migration):
    """On SQLite, the index built anew as one table of folded words and marked terms, with
    prefixes of one to three letters indexed (storefront.search.sqlite); PostgreSQL's is
    left as it is."""

    dependencies = [
        ("storefront", "0004_search_index_by_range"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=False)]
