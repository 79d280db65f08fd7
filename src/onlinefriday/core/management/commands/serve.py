"""``onlinefriday serve``: the production-grade server (gunicorn) for the whole platform.

With the embedded broker it also starts a worker process beside the web server, so background
work runs outside the web request and survives restarts (queued tasks are kept in var/).
"""

import gc
import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication

from onlinefriday.tasks import declare_queues

# Objects a request creates before the collector's youngest generation is examined: a large
# request (1,000 deals, 30,000 price observations) creates about 100,000, and at the default of
# 700 the collector runs a full pass over everything during it (docs/benchmarks.md).
YOUNG_OBJECTS_BEFORE_COLLECTING = 10_000


def settle_after_loading(worker) -> None:
    """Gunicorn's ``post_worker_init``: once Django, its URLs and the app are loaded, take those
    objects (about as many as a large request creates) out of the collector's view, so that its
    full passes during a request walk the request's objects only."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS_BEFORE_COLLECTING, *gc.get_threshold()[1:])


class PlatformServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from onlinefriday.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve the platform with gunicorn (and a background worker in the embedded setup)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background worker (production runs `onlinefriday worker`)",
        )

    def handle(self, *args, host, port, workers, threads, no_worker, **options):
        worker = None
        if settings.CELERY_EMBEDDED_BROKER and not no_worker:
            declare_queues()
            worker = subprocess.Popen([sys.executable, "-m", "onlinefriday", "worker"])
        self.stdout.write(f"Online Friday on http://{host}:{port}/")
        try:
            PlatformServer(
                {
                    "bind": f"{host}:{port}",
                    "workers": workers,
                    "threads": threads,
                    "worker_class": "gthread",
                    "accesslog": "-",
                    # Path without its query string, and no referrer: a search by tax code or
                    # personal ID must not land in the access log (personal data stays out).
                    "access_log_format": '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms',
                    "timeout": 60,
                    "graceful_timeout": 20,
                    "post_worker_init": settle_after_loading,
                }
            ).run()
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
