from django.db import migrations


def rebuild(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from onlinefriday.storefront.search import postgresql

    postgresql.uninstall(connection)
    postgresql.install(connection, fill=True)


class Migration(migrations.Migration):
    """On PostgreSQL, the index built anew over a generated column of each product's folded
    and marked words, with a vocabulary searched by trigram (storefront.search.postgresql);
    SQLite's is left as it is. Adding the column rewrites ``deals_product``: about a minute a
    million products, during which products cannot be written."""

    dependencies = [
        ("storefront", "0005_sqlite_search_index_one_table"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=False)]
