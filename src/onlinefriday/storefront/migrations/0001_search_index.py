from django.db import migrations


def install(apps, schema_editor):
    from onlinefriday.storefront.search import index

    index.install(schema_editor.connection, fill=True)


def uninstall(apps, schema_editor):
    from onlinefriday.storefront.search import index

    index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    """The search index of products' text (storefront.search.index), filled with the products
    already there."""

    dependencies = [
        ("deals", "0006_deal_hidden_at"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
