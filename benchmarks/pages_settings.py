"""Settings of the server ``benchmarks/pages.py`` starts: the platform's own, with a URLconf
that adds the trivial view to compare with. Never used outside the benchmark."""

from onlinefriday.settings import *  # noqa: F403 - the platform's settings, unchanged

ROOT_URLCONF = "benchmarks.pages_urls"
