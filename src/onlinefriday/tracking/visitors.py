"""Who clicked, as far as counting needs: a person or a robot, and a hash that tells one visitor
of a day from another without keeping the address.

The hash is an HMAC of the visitor's address with a random salt of the Vietnam day, kept in the
database for two days and then deleted (``tracking.flushing``): after that, the hashes of the
day cannot be traced back to addresses, even by someone who holds the server's secret key.
The same hash counts distinct reporters of a deal (``moderation.reports``).
"""

import hashlib
import hmac
import re
import secrets
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone

from onlinefriday.core.client_ip import client_ip
from onlinefriday.tracking.models import VisitorSalt

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SALT_KEPT_DAYS = 2  # yesterday's salt still serves clicks made just before midnight

# Crawlers, link previews (Facebook, Zalo, Telegram, Slack...), monitors, HTTP libraries and
# automated browsers: none of them is a shopper. "cubot" is a phone brand, not a robot.
ROBOT_AGENTS = re.compile(
    r"(?<!cu)bot|crawl|spider|slurp|facebookexternalhit|facebookcatalog|meta-external"
    r"|preview|embedly|whatsapp|skypeuripreview|headless|lighthouse|pagespeed|gtmetrix"
    r"|pingdom|uptime|monitor|curl|wget|python|aiohttp|httpx|go-http-client|okhttp|java/"
    r"|apache-httpclient|node-fetch|axios|libwww|scrapy|phantomjs|puppeteer|playwright"
    r"|selenium",
    re.IGNORECASE,
)
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")

_salts: dict[date, bytes] = {}


def vietnam_day(now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), VIETNAM).date()


def is_robot(request: HttpRequest) -> bool:
    """A request no person made by clicking: a known robot's User-Agent (or none at all), a
    HEAD request, or a browser fetching ahead of a click that may never come (prefetch,
    prerender)."""
    if request.method == "HEAD":
        return True
    if any(request.META.get(header) for header in PREFETCH_HEADERS):
        return True
    return robot_agent(request.META.get("HTTP_USER_AGENT", ""))


@lru_cache(maxsize=1024)  # a few browsers' versions make most of the traffic
def robot_agent(agent: str) -> bool:
    return not agent or ROBOT_AGENTS.search(agent) is not None


def day_salt(day: date) -> bytes:
    """The day's salt, the same in every process; made by the first visitor of the day."""
    salt = _salts.get(day)
    if salt is None:
        row, _ = VisitorSalt.objects.get_or_create(
            day=day, defaults={"salt": secrets.token_hex(32)}
        )
        salt = row.salt.encode()
        for old in [known for known in _salts if known < day - timedelta(days=1)]:
            del _salts[old]
        _salts[day] = salt
    return salt


def visitor_hash(request: HttpRequest, day: date | None = None) -> str:
    """32 hex digits standing for the visitor's address on ``day`` (default: today)."""
    salt = day_salt(day or vietnam_day())
    return hmac.new(salt, client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]


def forget_old_salts(today: date | None = None) -> None:
    """Delete the salts older than ``SALT_KEPT_DAYS``: their hashes can no longer be traced."""
    today = today or vietnam_day()
    VisitorSalt.objects.filter(day__lte=today - timedelta(days=SALT_KEPT_DAYS)).delete()
