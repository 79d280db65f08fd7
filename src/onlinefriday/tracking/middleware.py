"""Click-outs answered before the rest of the middleware.

The festival's first minutes bring thousands of clicks a second, and a click needs none of what
the middleware after this one does (sessions, language, CSRF, users, messages, login
lock-outs): going through it cost about as much CPU as the click itself. Security headers and
the Content-Security-Policy, placed before this, still apply. A link that leads nowhere (not
signed, not published, ended) goes the usual way, to be answered in the visitor's language.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from onlinefriday.tracking.urls import CLICK_PATH
from onlinefriday.tracking.views import redirect_to_deal

CLICK = re.compile(CLICK_PATH.removeprefix("^"))


class ClickOutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            found = CLICK.match(request.path_info, 1)  # after the leading slash
            if found is not None:
                response = redirect_to_deal(request, int(found["deal_id"]), found["signature"])
                if response is not None:
                    return response
        return self.get_response(request)
