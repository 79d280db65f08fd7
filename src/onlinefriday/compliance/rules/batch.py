"""Rules that look at a whole submission rather than one deal."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from onlinefriday.compliance.facts import DealFacts
from onlinefriday.compliance.reasons import Messages, Severity, rule

# Where a reader finds a deal: ("ưu đãi thứ 3", "deal 3"), ("dòng 12", "row 12").
Place = tuple[str, str]


def deal_place(index: int) -> Place:
    """Deals numbered from 1 in the order sent (the API, a JSON file)."""
    return f"ưu đãi thứ {index + 1}", f"deal {index + 1}"


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
    earlier = earlier or Earlier()
    # Where each SKU and link first came in this part, by index: most deals repeat none, and
    # their places are only named for the few that do.
    first_by_sku: dict[str, int] = {}
    first_by_url: dict[str, int] = {}
    found: dict[int, Messages] = {}
    for index, deal in enumerate(deals):
        sku, url = sku_key(deal.sku), deal.url.strip()
        first_sku = first_by_sku.setdefault(sku, index) if sku else index
        first_url = first_by_url.setdefault(url, index) if url else index
        if sku and (first_sku != index or sku in earlier.skus):
            place, place_en = earlier.skus.get(sku) or _place(places, first_sku)
            found[index] = (
                f"SKU “{deal.sku}” đã có trước đó trong lần gửi này ({place}).",
                f"SKU '{deal.sku}' already appears earlier in this submission ({place_en}).",
            )
        elif url and (first_url != index or url in earlier.urls):
            place, place_en = earlier.urls.get(url) or _place(places, first_url)
            found[index] = (
                f"Đường dẫn này đã có trước đó trong lần gửi này ({place}).",
                f"This link already appears earlier in this submission ({place_en}).",
            )
    return found


def _place(places: Sequence[Place] | None, index: int) -> Place:
    return places[index] if places else deal_place(index)
