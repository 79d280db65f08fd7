"""The one task API: a Celery app whose tasks are defined in each app's ``tasks.py``.

Embedded default: the broker is a SQLite file under ``var/`` (kombu's SQLAlchemy transport), so
queued work survives a restart, and ``onlinefriday serve`` starts a worker beside the web server.
Production: ``CELERY_BROKER_URL`` (Redis) and ``onlinefriday worker`` on as many hosts as needed.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlinefriday.settings")

app = Celery("onlinefriday")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def declare_queues() -> None:
    """Create the broker's queues now. The embedded broker creates a queue's row on first use,
    and two processes doing that at once (a worker starting, a web request queueing work)
    collide on its unique name: ``serve`` declares them before starting either."""
    with app.connection_for_write() as connection:
        for queue in app.amqp.queues.values():
            queue(connection.default_channel).declare()
