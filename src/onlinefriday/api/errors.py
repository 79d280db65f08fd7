"""API errors say what is wrong in Vietnamese (``detail``) and in English (``detail_en``).

Partners' developers read English; the merchants their tools show the message to read Vietnamese.
A request that cannot be read (malformed JSON, a field of the wrong type, an unknown field, a
body too large) is answered 4xx with, besides, ``errors``: each problem with its place as a path
(``deals.3.price``; empty for the body as a whole), never with a 500.
"""

import json
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from onlinefriday.compliance.submission_errors import (
    NOT_JSON,
    Loc,
    Problem,
    both,
    json_problem,
    validation_problems,
)

NOT_AUTHENTICATED = _(
    "Sign in, or send a partner API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."
)
THROTTLED = _("Too many requests: wait a minute and try again.")
TOO_LARGE = _(
    "The request is too large: at most %(megabytes)s MB. Send the deals in several calls."
)
MORE_PROBLEMS = _("(And %(more)s more problems, listed in 'errors'.)")
IN_DETAIL = 3  # problems spelt out in 'detail'
MAX_LISTED = 100  # problems listed in 'errors'


class ErrorOut(Schema):
    detail: str
    detail_en: str


class InputErrorOut(Schema):
    loc: str = Field(description="Where: a path such as deals.3.price; empty: the whole body.")
    message: str
    message_en: str


class BadInputOut(ErrorOut):
    """``detail`` and ``detail_en`` sum up the first problems; ``errors`` lists them."""

    errors: list[InputErrorOut] = Field(description=f"At most {MAX_LISTED} problems.")


class ApiError(Exception):
    """Raise with an HTTP status and a lazily translated message (``gettext_lazy``), or with a
    message already written in both languages (``message`` Vietnamese, ``message_en``), as the
    services' refusals are."""

    def __init__(self, status: int, message: Promise | str, message_en: str | None = None):
        super().__init__(message_en or str(message))
        self.status = status
        self.message = message
        self.message_en = message_en

    def answer(self) -> dict[str, str]:
        if self.message_en is not None:
            return {"detail": str(self.message), "detail_en": self.message_en}
        return in_both_languages(self.message)


def in_both_languages(message: Promise, values: dict | None = None) -> dict[str, str]:
    vietnamese, english = both(message, values)
    return {"detail": vietnamese, "detail_en": english}


def path_text(loc: Loc) -> str:
    return ".".join(str(part) for part in loc)


def bad_input(problems: list[Problem]) -> dict:
    """The answer to a request that cannot be read: the first few problems in ``detail`` and
    ``detail_en``, each after its path, and up to ``MAX_LISTED`` in ``errors``."""
    shown = problems[:IN_DETAIL]
    answer = {
        "detail": _summary((problem.loc, problem.message) for problem in shown),
        "detail_en": _summary((problem.loc, problem.message_en) for problem in shown),
        "errors": [
            {"loc": path_text(loc), "message": message, "message_en": message_en}
            for loc, message, message_en in problems[:MAX_LISTED]
        ],
    }
    if len(problems) > IN_DETAIL:
        more, more_en = both(MORE_PROBLEMS, {"more": len(problems) - IN_DETAIL})
        answer["detail"] += " " + more
        answer["detail_en"] += " " + more_en
    return answer


def _summary(messages: Iterable[tuple[Loc, str]]) -> str:
    return " ".join(f"{path_text(loc)}: {text}" if loc else text for loc, text in messages)


def _caller_loc(loc: Loc) -> Loc:
    """The place as the caller wrote it: Ninja's locations start with the source ('body',
    'query', 'path') and, for the body, the name of the view's parameter, which the caller
    never wrote (every body of this API is one schema, so the name is always there)."""
    if loc[:1] == ("body",):
        return loc[2:]
    return loc


def register(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, error: ApiError):
        return api.create_response(request, error.answer(), status=error.status)

    # Ninja's own answers (401 'Unauthorized', 429) in English only: say them in both languages.
    @api.exception_handler(AuthenticationError)
    def not_authenticated(request: HttpRequest, error: AuthenticationError):
        return api.create_response(request, in_both_languages(NOT_AUTHENTICATED), status=401)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, error: Throttled):
        return api.create_response(request, in_both_languages(THROTTLED), status=429)

    @api.exception_handler(ValidationError)
    def invalid_input(request: HttpRequest, error: ValidationError):
        problems = validation_problems(
            {**problem, "loc": _caller_loc(tuple(problem["loc"]))} for problem in error.errors
        )
        return api.create_response(request, bad_input(problems), status=422)

    # Ninja answers a body its parser refused with HttpError(400, 'Cannot parse request body'),
    # the parser's exception as the cause: say where the JSON breaks.
    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError):
        cause = error.__cause__
        if isinstance(cause, json.JSONDecodeError):
            return api.create_response(request, bad_input([json_problem(cause)]), status=400)
        if cause is not None:  # not UTF-8, nested too deep, a number too long...
            problem = Problem((), *both(NOT_JSON))
            return api.create_response(request, bad_input([problem]), status=400)
        answer = {"detail": error.message, "detail_en": error.message}
        return api.create_response(request, answer, status=error.status_code)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, error: RequestDataTooBig):
        megabytes = {"megabytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2**20}
        return api.create_response(request, in_both_languages(TOO_LARGE, megabytes), status=413)
