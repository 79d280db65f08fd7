"""JSON deal files: a list of deals, or an object whose ``deals`` is that list (the validate API's
body, so a partner's request can be uploaded as it is). Keys are the API's field names; amounts
stay exact (``load_json``). JSON cannot be streamed with the standard library, so the file is
parsed whole; the byte limit bounds it.
"""

import json
import os
from collections.abc import Iterator
from typing import Any

from onlinefriday.compliance.submission import load_json
from onlinefriday.compliance.submission_errors import json_problem
from onlinefriday.core.text_encoding import UnreadableText, file_encoding
from onlinefriday.deals.intake.base import DealFile, FieldError, IntakeError, RowOutcome
from onlinefriday.deals.intake.columns import map_headers
from onlinefriday.deals.intake.limits import Limits, empty_file, too_many_rows
from onlinefriday.deals.intake.record import FIELD, row_outcome


def open_json(path: str | os.PathLike, limits: Limits) -> DealFile:
    deals = _deals(path)
    if not deals:
        raise empty_file()
    if len(deals) > limits.max_rows:
        raise too_many_rows(limits.max_rows)
    keys: dict[str, None] = {}  # every key any deal has, in the order first seen
    for deal in deals:
        if isinstance(deal, dict):
            keys.update(dict.fromkeys(deal))
    headers = map_headers(keys, google_feed=False)

    def read(start_after: int) -> Iterator[RowOutcome]:
        for number, deal in enumerate(deals, start=1):
            if number <= start_after:
                continue
            if isinstance(deal, dict):
                yield row_outcome(number, headers.keyed(deal), FIELD)
            else:
                yield RowOutcome(number, None, (_not_an_object(number),))

    return DealFile(
        format="json",
        total_rows=len(deals),
        warnings=headers.warnings,
        columns=headers.columns,
        read=read,
    )


def _deals(path: str | os.PathLike) -> list[Any]:
    try:
        encoding = file_encoding(path)
    except UnreadableText as error:
        raise IntakeError(error.message, error.message_en) from None
    with open(path, encoding=encoding) as file:
        try:
            data = load_json(file.read())
        except json.JSONDecodeError as error:
            problem = json_problem(error)
            raise IntakeError(problem.message, problem.message_en) from None
    deals = data.get("deals") if isinstance(data, dict) else data
    if not isinstance(deals, list):
        raise IntakeError(
            "Tệp JSON phải là một danh sách khuyến mại [...] hoặc một đối tượng có “deals”: [...].",
            "A JSON file must be a list of deals [...] or an object with “deals”: [...].",
        )
    return deals


def _not_an_object(number: int) -> FieldError:
    return FieldError(
        "",
        f"Khuyến mại thứ {number} không phải một đối tượng {{...}}.",
        f"Deal {number} is not an object {{...}}.",
    )
