"""The marketplaces of the press release (Shopee, Tiki, Lazada, Sendo, Voso), Postmart from the
lychee campaign, and a merchant's own website, which has no fixed domain."""

from django.db import migrations

PLATFORMS = [
    ("shopee", "Shopee", ["shopee.vn"], True),
    ("tiki", "Tiki", ["tiki.vn"], True),
    ("lazada", "Lazada", ["lazada.vn"], True),
    ("sendo", "Sendo", ["sendo.vn"], True),
    ("voso", "Voso", ["voso.vn"], True),
    ("postmart", "Postmart", ["postmart.vn"], True),
    ("website", "Website riêng", [], False),
]


def add_platforms(apps, schema_editor):
    Platform = apps.get_model("merchants", "Platform")
    for code, name, domains, is_marketplace in PLATFORMS:
        Platform.objects.update_or_create(
            code=code,
            defaults={"name": name, "domains": domains, "is_marketplace": is_marketplace},
        )


def remove_platforms(apps, schema_editor):
    Platform = apps.get_model("merchants", "Platform")
    Platform.objects.filter(code__in=[code for code, *_ in PLATFORMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("merchants", "0001_initial")]

    operations = [migrations.RunPython(add_platforms, remove_platforms)]
