"""The platform's URLs plus ``/bench/bytes/<name>``: a trivial Django view answering bytes
held in memory, the yardstick ``benchmarks/pages.py`` measures the cached pages against."""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path

from onlinefriday.urls import urlpatterns as platform_urlpatterns

_held: dict[str, bytes] = {}


def same_bytes(request, name: str) -> HttpResponse:
    """The bytes of page ``name`` as the benchmark saved them, read from disk once."""
    if name not in _held:
        _held[name] = (Path(os.environ["BENCH_BYTES_DIR"]) / name).read_bytes()
    return HttpResponse(_held[name], content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/bytes/<slug:name>", same_bytes), *platform_urlpatterns]
