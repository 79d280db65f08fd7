"""Pages every shopper sees (home, category, platform, deal), kept a few seconds in the Django
cache (Redis in production) and marked ``Cache-Control: public`` for nginx or a CDN in front.

Only anonymous visitors get or fill the shared copy: a signed-in user's page carries their menu
and a CSRF token, so it is rendered for them and marked private. The key holds the language
(from the URL prefix) and the full address; the copy holds the version that
``bump_storefront_version`` renews whenever a deal changes state, read with it in one round
trip, so a decision shows at once rather than after the copy expires.
A view may also say until when its page holds (``response.fresh_until``: a deal's end, the next
flash slot): the copy never outlives it, so a deal still disappears at its end time exactly.
"""

import hashlib
import math
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

VERSION_KEY = "storefront:version"
STALE_SECONDS = 30  # an expired copy may stand in while the page is rendered again...
RENEWING = 10  # ...by one request, given this long before another one tries


def storefront_version() -> str:
    """The current generation of cached shopper pages."""
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, timeout=None)


def bump_storefront_version() -> None:
    """Every cached shopper page is stale once the current transaction commits: call it from
    each service that publishes, hides or withdraws deals."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def _key(request: HttpRequest) -> str:
    # The absolute address: the QR code on a deal page names the host and scheme it was asked on.
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"storefront:page:{request.LANGUAGE_CODE}:{address}"


def _version_and_copy(key: str) -> tuple[str, tuple | None]:
    """The current version and the page's kept copy, in one round trip to the cache."""
    found = cache.get_many([VERSION_KEY, key])
    return found.get(VERSION_KEY) or storefront_version(), found.get(key)


def shared_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a page from the shared cache to anonymous visitors (GET and HEAD)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
        else:
            response = _shared(request, view, args, kwargs)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapped


def _shared(request, view, args, kwargs) -> HttpResponse:
    key = _key(request)
    now = timezone.now().timestamp()
    version, kept = _version_and_copy(key)
    # A copy of an earlier version is never served. An expired copy is, while one request
    # renders the page again (so that the visitors of the moment do not all render it at
    # once), but never past the page's own end.
    if (
        kept is not None
        and kept[4] == version
        and (now < kept[2] or (now < kept[3] and not cache.add(f"{key}:renewing", 1, RENEWING)))
    ):
        content, content_type, expires, _stale_until, _version = kept
        response = HttpResponse(content, content_type=content_type)
    else:
        response = view(request, *args, **kwargs)
        fresh_until = getattr(response, "fresh_until", None)
        expires = now + _lifetime(fresh_until, now)
        if response.status_code != 200 or response.cookies or expires <= now:
            add_never_cache_headers(response)
            return response
        stale_until = expires + STALE_SECONDS
        if fresh_until is not None:
            stale_until = min(stale_until, fresh_until.timestamp())
        kept = (response.content, response["Content-Type"], expires, stale_until, version)
        cache.set(key, kept, math.ceil(stale_until - now))
        cache.delete(f"{key}:renewing")
    patch_cache_control(response, public=True, max_age=max(0, math.floor(expires - now)))
    return response


def _lifetime(fresh_until, now: float) -> float:
    """Seconds the page may be kept: the setting, or less when the page says it changes sooner."""
    seconds = settings.STOREFRONT_CACHE_SECONDS
    if fresh_until is not None:
        seconds = min(seconds, fresh_until.timestamp() - now)
    return seconds
