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
    there, then kept by triggers. The products' index goes. Computing them is an UPDATE of
    every deal, with the table locked (80 s for a million deals, the index built): run it
    outside a festival's window, and VACUUM afterwards for the rows it leaves dead."""

    dependencies = [
        ("storefront", "0008_postgresql_terms_sent_by_writers"),
    ]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop, elidable=False)]
