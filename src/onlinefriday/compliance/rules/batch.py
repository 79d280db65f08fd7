"""Rules that look at a whole submission rather than one deal."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from onlinefriday.compliance.facts import DealFacts
from onlinefriday.compliance.reasons import Messages, Severity, rule

# Where a reader finds a deal: ("ưu đãi thứ 3", "deal 3"), ("dòng 12", "row 12").
Place = tuple[str, str]


def deal_places(count: int) -> list[Place]:
    """Deals numbered from 1 in the order sent (the API, a JSON file)."""
    return [(f"ưu đãi thứ {n}", f"deal {n}") for n in range(1, count + 1)]


@dataclass(frozen=True)
class Earlier:
    """SKUs (case-folded) and links already seen in earlier parts of the same submission, with
    their places: a file read in chunks is still one submission."""

    skus: Mapping[str, Place] = field(default_factory=dict)
    urls: Mapping[str, Place] = field(default_factory=dict)


def sku_key(sku: str) -> str:
    return sku.strip().casefold()


@rule(
    "DUPLICATE_DEAL",
    Severity.REJECT,
    "Quy chế Online Friday: mỗi sản phẩm một ưu đãi",
    "Online Friday rules: one deal per product",
)
def duplicate_deal(
    deals: Sequence[DealFacts],
    places: Sequence[Place] | None = None,
    earlier: Earlier | None = None,
) -> dict[int, Messages]:
    """The same SKU (ignoring case), or the same link, again in one submission: the later one."""
    places = places or deal_places(len(deals))
    first_by_sku: dict[str, Place] = dict(earlier.skus) if earlier else {}
    first_by_url: dict[str, Place] = dict(earlier.urls) if earlier else {}
    found: dict[int, Messages] = {}
    for index, deal in enumerate(deals):
        sku, url = sku_key(deal.sku), deal.url.strip()
        if sku and sku in first_by_sku:
            place, place_en = first_by_sku[sku]
            found[index] = (
                f"SKU “{deal.sku}” đã có trước đó trong lần gửi này ({place}).",
                f"SKU '{deal.sku}' already appears earlier in this submission ({place_en}).",
            )
        elif url and url in first_by_url:
            place, place_en = first_by_url[url]
            found[index] = (
                f"Đường dẫn này đã có trước đó trong lần gửi này ({place}).",
                f"This link already appears earlier in this submission ({place_en}).",
            )
        if sku:
            first_by_sku.setdefault(sku, places[index])
        if url:
            first_by_url.setdefault(url, places[index])
    return found
