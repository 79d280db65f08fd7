"""Hooks that keep SQLite's index callable and whole: its triggers call Python functions that
each connection must know, and migrations that alter ``deals_product`` drop its triggers."""

from django.db import connections

from onlinefriday.storefront.search import sqlite


def register_functions(sender, connection, **kwargs) -> None:
    """On ``connection_created``."""
    if connection.vendor == "sqlite":
        sqlite.register_functions(connection)


def restore_triggers(sender, using, **kwargs) -> None:
    """On ``post_migrate``."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        sqlite.restore_triggers(connection)
