from django.db import migrations


def reinstall(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from onlinefriday.storefront.search import postgresql

    postgresql.install(connection)  # its triggers again; the rest is there


class Migration(migrations.Migration):
    """On PostgreSQL, the row triggers compute a product's terms only when its writer did not
    send them (storefront.search.postgresql); nothing is rewritten."""

    dependencies = [
        ("storefront", "0007_deal_product_index_with_id"),
    ]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop, elidable=False)]
