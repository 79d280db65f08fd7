"""The visitor's address for rate limits and lockouts, also behind nginx or a load balancer.

With ``PROXY_COUNT`` trusted proxies in front, the last ``PROXY_COUNT`` entries of
X-Forwarded-For were written by them; the one they received the request from is the visitor.
Anything further left was sent by the visitor and cannot be trusted.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac


def client_ip(request: HttpRequest) -> str:
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request: HttpRequest) -> str:
    """The visitor's address, hashed with the secret key: what the API's counters are kept
    under, so that the cache holds no address (django-ratelimit hashes its keys itself)."""
    return salted_hmac("onlinefriday.client-key", client_ip(request)).hexdigest()[:32]
