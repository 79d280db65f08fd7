import pytest
from django.utils import translation

# Shared fixtures, one module per area (as Saleor splits them by model).
pytest_plugins = [
    "tests.fixtures.festivals",
    "tests.fixtures.merchants",
    "tests.fixtures.deals",
    "tests.fixtures.accounts",
    "tests.fixtures.partners",
    "tests.fixtures.imports",
]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Templates render without a collectstatic manifest in tests."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached pages do not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the site's default language, whatever an earlier request activated."""
    with translation.override("vi"):
        yield


def pytest_report_header(config):
    """Say which database and broker this run uses: CI runs the suite on both setups."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = "embedded SQLite queue" if settings.CELERY_EMBEDDED_BROKER else "Redis"
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return f"onlinefriday: database {engine}, task broker {broker}, cache {cache}"
