"""Four foreign keys lose the index of their own: each is the first column of a unique
constraint whose index finds the rows as well, and every import wrote all of them.

Only the indexes are dropped. Django's own ALTER of the fields would copy each table on SQLite,
losing the indexes and triggers that the storefront's search adds to them (migrations there).
"""

import django.db.models.deletion
from django.db import migrations, models

# (index, table, column), as Django named them when it created the foreign keys.
INDEXES = [
    ("deals_deal_festival_id_5d20605d", "deals_deal", "festival_id"),
    ("deals_importrow_job_id_6d75d992", "deals_importrow", "job_id"),
    ("deals_priceobservation_product_id_dec9878d", "deals_priceobservation", "product_id"),
    ("deals_product_merchant_id_7044e6d9", "deals_product", "merchant_id"),
]


def foreign_key(to: str, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        db_index=False,
        on_delete=django.db.models.deletion.CASCADE,
        related_name=related_name,
        to=to,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0006_deal_hidden_at"),
        ("festivals", "0003_compliance_terms"),
        ("merchants", "0004_rules_2021"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")',
                    elidable=False,
                )
                for name, table, column in INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    "deal", "festival", foreign_key("festivals.festival", "deals")
                ),
                migrations.AlterField("importrow", "job", foreign_key("deals.importjob", "rows")),
                migrations.AlterField(
                    "priceobservation", "product", foreign_key("deals.product", "observations")
                ),
                migrations.AlterField(
                    "product", "merchant", foreign_key("merchants.merchant", "products")
                ),
            ],
        ),
    ]
