"""Who calls the API: a partner with its key, or a person signed in to the site (a session).

A partner sends its key as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``. A key that
is not ours or was revoked is refused with 401 at once, even if a session cookie comes with it:
a program sending a wrong key must learn it. Keys are never logged (Ninja's own bearer class
logs the header it does not understand when DEBUG is on, so ours does not inherit that code).

Rates: every caller (a key, a signed-in user) may make ``API_RATE_LIMIT`` calls (settings,
default 120 a minute); an address (``core.client_ip``: the visitor's, behind PROXY_COUNT
trusted proxies) that sends ``BAD_KEY_LIMIT`` wrong keys within
``BAD_KEY_WINDOW`` seconds is refused (429) until the window ends, which makes guessing keys
pointless on top of their 190 random bits.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import ValidationError
from ninja.security import APIKeyHeader, SessionAuth
from ninja.security.http import HttpAuthBase
from ninja.throttling import SimpleRateThrottle
from ninja.utils import check_csrf

from onlinefriday.accounts.roles import merchant_of
from onlinefriday.api.errors import ApiError
from onlinefriday.core.client_ip import client_key
from onlinefriday.merchants.models import Merchant, PartnerApiKey
from onlinefriday.merchants.partner_selectors import api_key_for
from onlinefriday.merchants.partner_services import record_key_use

DEFAULT_RATE = "120/min"
BAD_KEY_LIMIT = 20
BAD_KEY_WINDOW = 600  # seconds


def authenticate_partner_key(request: HttpRequest, raw: str) -> PartnerApiKey:
    """The partner's key, or ApiError: 401 for a key that is not ours or was revoked, 429 for
    an address that has sent too many wrong keys."""
    counter = f"api-bad-keys:{client_key(request)}"
    if (cache.get(counter) or 0) >= BAD_KEY_LIMIT:
        raise ApiError(
            429,
            _("Too many wrong API keys were sent from this address: wait ten minutes."),
        )
    key = api_key_for(raw)
    if key is None:
        if cache.add(counter, 1, BAD_KEY_WINDOW) is False:
            try:
                cache.incr(counter)
            except ValueError:  # expired between add and incr
                cache.add(counter, 1, BAD_KEY_WINDOW)
        raise ApiError(
            401,
            _(
                "This API key is not valid: check that it was copied whole, or ask the "
                "organisers for a new one."
            ),
        )
    if key.revoked_at is not None:
        raise ApiError(401, _("This API key was revoked: ask the organisers for a new one."))
    record_key_use(key)
    return key


class PartnerKeyBearer(HttpAuthBase):
    """``Authorization: Bearer of_live_...``"""

    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> PartnerApiKey | None:
        scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        return authenticate_partner_key(request, token.strip())


class PartnerKeyHeader(APIKeyHeader):
    """``X-API-Key: of_live_...``"""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> PartnerApiKey | None:
        if not key or not key.strip():
            return None
        return authenticate_partner_key(request, key.strip())


class SignedInSession(SessionAuth):
    """The session of a user signed in to the site. Its CSRF token is checked only when there
    is a signed-in user to protect: a call with neither key nor session is told to sign in or
    send a key (401), not that a token is missing, and a refusal is said in both languages."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise ApiError(
                403,
                _(
                    "This call from a signed-in browser lacks its CSRF token: send the "
                    "csrftoken cookie's value as the X-CSRFToken header, or call with a partner "
                    "API key."
                ),
            )
        return request.COOKIES.get(self.param_name)


# A partner's key first, then the session cookie of a signed-in user.
partner_or_session = [PartnerKeyBearer(), PartnerKeyHeader(), SignedInSession()]


def own_merchant(user) -> Merchant:
    """The merchant a signed-in user works for; ApiError 403 for a user who works for none."""
    merchant = merchant_of(user)
    if merchant is None:
        raise ApiError(
            403,
            _(
                "This account does not work for a merchant: sign in with a merchant's account, "
                "or call with a partner API key."
            ),
        )
    return merchant


def acting_merchant(request: HttpRequest, merchant_id: int | None) -> Merchant:
    """The merchant a call acts for. A partner names it (``merchant_id``, else 422 at the
    place 'merchant') and must represent it; a signed-in user acts for its own merchant, which
    ``merchant_id`` may repeat but not change. Any other merchant: 403, whether it exists or
    not, so that ids cannot be probed."""
    caller = request.auth
    if isinstance(caller, PartnerApiKey):
        if merchant_id is None:
            raise ValidationError([{"loc": ("merchant",), "type": "missing", "msg": "required"}])
        merchant = caller.partner.merchants.filter(pk=merchant_id).first()
        if merchant is None:
            raise ApiError(
                403,
                _(
                    "Your organisation does not represent this merchant: GET "
                    "/api/v1/merchants/me lists the merchants it represents."
                ),
            )
        return merchant
    merchant = own_merchant(caller)
    if merchant_id is not None and merchant_id != merchant.pk:
        raise ApiError(
            403,
            _(
                "You can act only for your own merchant: leave out 'merchant', or give your "
                "merchant's id."
            ),
        )
    return merchant


class CallerRateThrottle(SimpleRateThrottle):
    """``API_RATE_LIMIT`` calls per key, per signed-in user or, for anyone else, per address."""

    scope = "onlinefriday-api"

    def __init__(self) -> None:
        # The rate is read at each call (below), so that settings can change it.
        self.rate = None

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        caller = getattr(request, "auth", None)
        if isinstance(caller, PartnerApiKey):
            ident = f"key-{caller.pk}"
        elif caller is not None and getattr(caller, "is_authenticated", False):
            ident = f"user-{caller.pk}"
        else:
            ident = f"address-{client_key(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
