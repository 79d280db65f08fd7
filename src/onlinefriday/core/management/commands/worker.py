"""``onlinefriday worker``: the Celery worker for background work (intake, re-judging, reports).

Production runs one or more of these beside the web servers, on the broker in CELERY_BROKER_URL.
The embedded default needs none started by hand: ``onlinefriday serve`` starts one.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from onlinefriday.tasks import app


class Command(BaseCommand):
    help = "Run a Celery worker for the platform's background tasks."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=None)
        parser.add_argument("--queues", "-Q", default=None, help="comma-separated queue names")
        parser.add_argument("--loglevel", default="INFO")

    def handle(self, *args, concurrency, queues, loglevel, **options):
        argv = ["worker", f"--loglevel={loglevel}", "--without-gossip", "--without-mingle"]
        if settings.CELERY_EMBEDDED_BROKER:
            # One task at a time beside one SQLite file: no lock contention, nothing to tune.
            argv += ["--pool=solo"]
        elif concurrency:
            argv += [f"--concurrency={concurrency}"]
        if queues:
            argv += [f"--queues={queues}"]
        app.worker_main(argv)
