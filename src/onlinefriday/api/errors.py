"""API errors say what is wrong in Vietnamese (``detail``) and in English (``detail_en``).

Partners' developers read English; the merchants their tools show the message to read Vietnamese.
"""

from django.http import HttpRequest
from django.utils import translation
from django.utils.functional import Promise
from ninja import NinjaAPI, Schema


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


def register(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, error: ApiError):
        return api.create_response(request, in_both_languages(error.message), status=error.status)
