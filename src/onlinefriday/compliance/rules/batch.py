"""Rules that look at a whole submission rather than one deal."""

from collections.abc import Sequence

from onlinefriday.compliance.facts import DealFacts
from onlinefriday.compliance.reasons import Messages, Severity, rule


@rule(
    "DUPLICATE_DEAL",
    Severity.REJECT,
    "Quy chế Online Friday: mỗi sản phẩm một ưu đãi",
    "Online Friday rules: one deal per product",
)
def duplicate_deal(deals: Sequence[DealFacts]) -> dict[int, Messages]:
    """The same SKU, or the same link, again in one submission: the later one, by position
    (1-based in the messages, as people count rows)."""
    first_by_sku: dict[str, int] = {}
    first_by_url: dict[str, int] = {}
    found: dict[int, Messages] = {}
    for index, deal in enumerate(deals):
        sku, url = deal.sku.strip().casefold(), deal.url.strip()
        if sku and sku in first_by_sku:
            first = first_by_sku[sku] + 1
            found[index] = (
                f"SKU “{deal.sku}” đã có ở ưu đãi thứ {first} của lần gửi này.",
                f"SKU '{deal.sku}' was already sent as deal {first} of this submission.",
            )
        elif url and url in first_by_url:
            first = first_by_url[url] + 1
            found[index] = (
                f"Đường dẫn này đã có ở ưu đãi thứ {first} của lần gửi này.",
                f"This link was already sent as deal {first} of this submission.",
            )
        if sku:
            first_by_sku.setdefault(sku, index)
        if url:
            first_by_url.setdefault(url, index)
    return found
