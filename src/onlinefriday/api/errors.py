"""API errors say what is wrong in Vietnamese (``detail``) and in English (``detail_en``).

Partners' developers read English; the merchants their tools show the message to read Vietnamese.
"""

from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, Throttled


class ErrorOut(Schema):
    detail: str
    detail_en: str


class ApiError(Exception):
    """Raise with an HTTP status and a lazily translated message (``gettext_lazy``)."""

    def __init__(self, status: int, message: Promise):
        super().__init__(str(message))
        self.status = status
        self.message = message


def in_both_languages(message: Promise) -> dict[str, str]:
    with translation.override("vi"):
        vietnamese = str(message)
    with translation.override("en"):
        english = str(message)
    return {"detail": vietnamese, "detail_en": english}


NOT_AUTHENTICATED = _(
    "Sign in, or send a partner API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."
)
THROTTLED = _("Too many requests: wait a minute and try again.")


def register(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, error: ApiError):
        return api.create_response(request, in_both_languages(error.message), status=error.status)

    # Ninja's own answers (401 'Unauthorized', 429) in English only: say them in both languages.
    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, error: AuthenticationError):
        return api.create_response(request, in_both_languages(NOT_AUTHENTICATED), status=401)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, error: Throttled):
        return api.create_response(request, in_both_languages(THROTTLED), status=429)
