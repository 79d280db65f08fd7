"""``onlinefriday flush_clicks``: count the clicks recorded so far, now (the worker does it
every few seconds)."""

from django.core.management.base import BaseCommand

from onlinefriday.tracking.flushing import flush_clicks


class Command(BaseCommand):
    help = "Add the clicks recorded so far (journal files, Redis) to the counts in the database."

    def handle(self, *args, **options):
        self.stdout.write(f"{flush_clicks()} clicks counted")
