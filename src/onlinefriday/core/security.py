"""The Content-Security-Policy header: scripts and styles from our own origin only (no inline
code, so an injected ``<script>`` would not run), product images from any https host, and no
framing of our pages."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    """Adds settings.CONTENT_SECURITY_POLICY to every answer (the API's docs page included:
    Ninja serves its assets from our origin)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        directives = dict(settings.CONTENT_SECURITY_POLICY)
        self.policy = "; ".join(
            f"{name} {' '.join(sources)}".strip() for name, sources in directives.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
