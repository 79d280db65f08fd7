from django.db import migrations


def rebuild(apps, schema_editor):
    from onlinefriday.storefront.search import postgresql

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        postgresql.uninstall(connection)
        postgresql.install(connection, fill=True)


class Migration(migrations.Migration):
    """On PostgreSQL, the index built anew by range of product ids, with the vocabulary of its
    words (storefront.search.postgresql); nothing changes on SQLite."""

    dependencies = [
        ("storefront", "0003_deal_indexes"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=False)]
