"""What is wrong with a submission that cannot be judged, in Vietnamese and English, with the place.

A submission the engine cannot even read (malformed JSON, a field of the wrong type, an unknown
field) is refused as a whole before judging; the API and the ``validate`` command both say why
with these messages, each naming the place as a path (``("deals", 3, "price")``) that each
writes its own way (``deals.3.price``, ``deals[3].price``).
"""

import json
from collections.abc import Iterable
from typing import Any, NamedTuple

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Loc = tuple[str | int, ...]


class Problem(NamedTuple):
    loc: Loc  # () is the whole body or file
    message: str  # Vietnamese
    message_en: str


def both(message: Promise, values: dict[str, Any] | None = None) -> tuple[str, str]:
    """A lazily translated message in Vietnamese and in English, its ``%(name)s`` placeholders
    filled with ``values`` (translated too when they are lazy)."""
    return _in("vi", message, values), _in("en", message, values)


def _in(language: str, message: Promise, values: dict[str, Any] | None) -> str:
    with translation.override(language):
        if values is None:
            return str(message)
        return str(message) % {name: str(value) for name, value in values.items()}


WHOLE_NUMBER = _("Must be a whole number.")
DATE_TIME = _("Must be a date and time such as 2021-12-03T00:00:00+07:00.")
TRUE_OR_FALSE = _("Must be true or false.")
OBJECT = _("Must be an object {...}.")
UNKNOWN_FIELD = _("Unknown field: check its name against the API's documentation.")

# pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/) that the
# submission's fields can give; any other says pydantic's English words in parentheses.
MESSAGES = {
    "missing": _("This field is required."),
    "extra_forbidden": UNKNOWN_FIELD,
    "unexpected_keyword_argument": UNKNOWN_FIELD,  # in a price observation (a dataclass)
    "string_type": _("Must be text in double quotes."),
    "number_type": _("Must be a JSON number (without quotes), in đồng."),
    "int_type": WHOLE_NUMBER,
    "int_parsing": WHOLE_NUMBER,
    "int_from_float": WHOLE_NUMBER,
    "bool_type": TRUE_OR_FALSE,
    "bool_parsing": TRUE_OR_FALSE,
    "datetime_type": DATE_TIME,
    "datetime_parsing": DATE_TIME,
    "datetime_from_date_parsing": DATE_TIME,
    "datetime_object_invalid": DATE_TIME,
    "list_type": _("Must be a list [...]."),
    "model_type": OBJECT,
    "model_attributes_type": OBJECT,
    "dict_type": OBJECT,
    "dataclass_type": OBJECT,
}
WITH_LIMIT = {
    "string_too_long": _("At most %(max_length)s characters."),
    "too_long": _("At most %(max_length)s items, not %(actual_length)s."),
    "greater_than_equal": _("Must be at least %(ge)s."),
    "less_than_equal": _("Must be at most %(le)s."),
}
TOO_MANY_DEALS = _(
    "At most %(max_length)s deals in one call, not %(actual_length)s: send the rest in "
    "further calls."
)
# About the body as a whole (an empty path).
WHOLE_BODY = {
    "missing": _("The request body is empty: send a JSON object {...}."),
    "model_type": _("The request body must be a JSON object {...}."),
}
NOT_VALID = _("This value is not valid (%(reason)s).")


def validation_problems(errors: Iterable[dict[str, Any]]) -> list[Problem]:
    """pydantic's errors (``ValidationError.errors()``) as problems, in their order."""
    problems = []
    for error in errors:
        loc, kind, context = tuple(error["loc"]), error["type"], error.get("ctx") or {}
        if loc == () and kind in WHOLE_BODY:
            messages = both(WHOLE_BODY[kind])
        elif kind == "too_long" and loc == ("deals",):
            messages = both(TOO_MANY_DEALS, context)
        elif kind in WITH_LIMIT:
            messages = both(WITH_LIMIT[kind], context)
        elif kind in MESSAGES:
            messages = both(MESSAGES[kind])
        else:
            messages = both(NOT_VALID, {"reason": error["msg"]})
        problems.append(Problem(loc, *messages))
    return problems


# The reasons json.JSONDecodeError gives for the usual mistakes.
JSON_REASONS = {
    "Expecting value": _("a value is expected here"),
    "Expecting ',' delimiter": _("a comma is missing"),
    "Expecting ':' delimiter": _("a colon is missing"),
    "Expecting property name enclosed in double quotes": _(
        "a field name in double quotes is expected (no comma after the last item)"
    ),
    "Extra data": _("there is more after the end of the JSON"),
    "Unterminated string starting at": _("a text is not closed with a double quote"),
    "Invalid control character at": _("a text holds a line break or a tab: write \\n or \\t"),
}


INVALID_JSON_AT = _("Invalid JSON at line %(line)s, column %(column)s.")
INVALID_JSON_BECAUSE = _("Invalid JSON at line %(line)s, column %(column)s: %(reason)s.")


def json_problem(error: json.JSONDecodeError) -> Problem:
    """Where the JSON breaks, as line and column (counted from 1, as editors show them)."""
    place = {"line": error.lineno, "column": error.colno}
    reason = JSON_REASONS.get(error.msg)
    if reason is None:
        return Problem((), *both(INVALID_JSON_AT, place))
    return Problem((), *both(INVALID_JSON_BECAUSE, {**place, "reason": reason}))


NOT_JSON = _("This is not JSON text in UTF-8.")
