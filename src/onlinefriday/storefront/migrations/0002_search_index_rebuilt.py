from django.db import migrations


def rebuild(apps, schema_editor):
    from onlinefriday.storefront.search import index

    index.uninstall(schema_editor.connection)
    index.install(schema_editor.connection, fill=True)


class Migration(migrations.Migration):
    """The index built anew, from the products there: on SQLite with prefixes of one to six
    letters indexed (FTS5 cannot change a table's options), on PostgreSQL with functions
    that fold without ``translate``."""

    dependencies = [
        ("storefront", "0001_search_index"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=False)]
