from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StorefrontConfig(AppConfig):
    name = "onlinefriday.storefront"
    label = "storefront"
    verbose_name = _("Storefront")

    def ready(self) -> None:
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from onlinefriday.core.bulk import ComputedColumn, compute_column
        from onlinefriday.deals.models import Product
        from onlinefriday.storefront.search import postgresql, signals

        if connections["default"].vendor == "postgresql":  # SQLite's triggers call Python already
            terms = ComputedColumn(postgresql.TERMS, ("title", "brand"), postgresql.product_terms)
            compute_column(Product, terms)
        connection_created.connect(signals.register_functions)
        post_migrate.connect(signals.restore_triggers, sender=self)
        # A connection opened before this app was ready gets them too.
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                signals.register_functions(None, connection)
