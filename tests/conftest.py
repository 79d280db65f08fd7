import pytest

# Shared fixtures, one module per area (as Saleor splits them by model).
pytest_plugins = [
    "tests.fixtures.festivals",
    "tests.fixtures.merchants",
    "tests.fixtures.deals",
]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Templates render without a collectstatic manifest in tests."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
