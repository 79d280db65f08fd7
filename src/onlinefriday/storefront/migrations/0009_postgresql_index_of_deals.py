from django.db import migrations


def reinstall(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from onlinefriday.storefront.search import postgresql

    postgresql.install(connection, fill=True)


class Migration(migrations.Migration):
    """On PostgreSQL, the GIN index moves from products to deals: each deal's terms are its
    product's and its filters' (storefront.search.postgresql), computed here for the deals
    there (an UPDATE of every deal: about half a minute a million), then kept by triggers.
    The products' index goes."""

    dependencies = [
        ("storefront", "0008_postgresql_terms_sent_by_writers"),
    ]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop, elidable=False)]
