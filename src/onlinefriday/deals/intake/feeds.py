"""Google Merchant Center feeds in RSS 2.0: one ``<item>`` per deal, Google's attributes in the
``g:`` namespace (``<g:id>``, ``<g:price>1500000 VND</g:price>``), RSS's own ``<title>``,
``<link>`` and ``<description>``, and our extension attributes (``<g:origin_country>``, ...) in
any namespace.

Parsed with defusedxml, streaming: a DTD is refused outright (so no entity can expand, as in
"billion laughs", nor fetch a file or URL, as in XXE) and each item is dropped once read. Only an
item's direct children are read: ``<g:shipping><g:price>`` is not the item's price.
"""

import os
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from onlinefriday.deals.intake.base import DealFile, IntakeError, RowOutcome
from onlinefriday.deals.intake.columns import map_headers
from onlinefriday.deals.intake.limits import Limits, too_many_rows
from onlinefriday.deals.intake.record import ELEMENT, row_outcome

GOOGLE_NAMESPACE = "http://base.google.com/ns/1.0"


def open_google_rss(path: str | os.PathLike, limits: Limits) -> DealFile:
    names: dict[str, None] = {}  # every attribute any item has, in the order first seen
    total_rows = 0
    for _number, item in _items(path):
        names.update(dict.fromkeys(item))
        total_rows += 1
        if total_rows > limits.max_rows:
            raise too_many_rows(limits.max_rows)
    if not total_rows:
        raise IntakeError(
            "Nguồn cấp không có sản phẩm nào (thẻ <item>).",
            "The feed holds no products (<item> elements).",
        )
    headers = map_headers(names, google_feed=True)

    def read(start_after: int) -> Iterator[RowOutcome]:
        for number, item in _items(path):
            if number > start_after:
                yield row_outcome(number, headers.keyed(item), ELEMENT)

    return DealFile(
        format="google-rss",
        total_rows=total_rows,
        warnings=headers.warnings,
        columns=headers.columns,
        read=read,
    )


def _items(path: str | os.PathLike) -> Iterator[tuple[int, dict[str, str]]]:
    """(position from 1, {attribute: text}) for each item, in file order."""
    number = 0
    parents: list[Element] = []
    try:
        for event, element in iterparse(path, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if not parents and element.tag != "rss":
                    raise _not_a_feed()
                parents.append(element)
                continue
            parents.pop()
            if element.tag != "item":
                continue
            number += 1
            yield number, {_name(child.tag): (child.text or "").strip() for child in element}
            if parents:  # drop the item, so that memory holds one at a time
                parents[-1].remove(element)
    except DefusedXmlException:
        raise IntakeError(
            "Tệp XML có khai báo DTD hoặc thực thể (<!DOCTYPE>, <!ENTITY>), bị từ chối vì lý do "
            "an toàn: hãy xuất lại nguồn cấp không có phần <!DOCTYPE>.",
            "The XML file declares a DTD or entities (<!DOCTYPE>, <!ENTITY>) and is refused for "
            "safety: export the feed again without the <!DOCTYPE> part.",
        ) from None
    except ParseError as error:
        line, column = error.position
        raise IntakeError(
            f"Tệp XML không hợp lệ ở dòng {line}, cột {column + 1}: hãy kiểm tra tệp có đủ và "
            "đúng cú pháp XML.",
            f"The XML is not valid at line {line}, column {column + 1}: check that the file is "
            "complete and well-formed.",
        ) from None


def _name(tag: str) -> str:
    """An element's name without its namespace: ``{http://base.google.com/ns/1.0}price`` is
    ``price``."""
    return tag.rpartition("}")[2]


def _not_a_feed() -> IntakeError:
    return IntakeError(
        "Tệp XML này không phải nguồn cấp Google Merchant Center (RSS 2.0, thẻ gốc <rss> và "
        f"không gian tên g: {GOOGLE_NAMESPACE}).",
        "This XML file is not a Google Merchant Center feed (RSS 2.0: root element <rss> and "
        f"the g: namespace {GOOGLE_NAMESPACE}).",
    )
