"""The goods themselves: promotable, of stated origin, declared genuine."""

from django_countries.data import COUNTRIES

from onlinefriday.compliance.facts import DealFacts, FestivalTerms
from onlinefriday.compliance.reasons import Messages, Severity, rule

COUNTRY_CODES = frozenset(COUNTRIES)


@rule(
    "BANNED_GOODS",
    Severity.REJECT,
    "Nghị định 81/2018/NĐ-CP, Điều 5 (hàng hóa không được khuyến mại)",
    "Decree 81/2018/ND-CP, Article 5 (goods that may not be promoted)",
)
def banned_goods(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """Alcohol, tobacco, lottery, breast-milk substitutes, human medicines, ..."""
    found = terms.banned_goods.find(deal.title, deal.category)
    if found is None:
        return None
    family = found.family
    if found.by_category:
        return (
            f"Hàng hóa không được khuyến mại ({family.name}): danh mục “{found.evidence}”.",
            f"Goods that may not be promoted ({family.name_en}): category '{found.evidence}'.",
        )
    return (
        f"Hàng hóa không được khuyến mại ({family.name}): tên có “{found.evidence}”.",
        f"Goods that may not be promoted ({family.name_en}): the title says '{found.evidence}'.",
    )


@rule(
    "MISSING_ORIGIN",
    Severity.REJECT,
    "Nghị định 52/2013/NĐ-CP (sửa đổi bởi 85/2021/NĐ-CP), thông tin về hàng hóa; "
    "Nghị định 43/2017/NĐ-CP về nhãn hàng hóa",
    "Decree 52/2013/ND-CP (as amended by 85/2021/ND-CP), goods information; "
    "Decree 43/2017/ND-CP on goods labels",
)
def missing_origin(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """The country of origin, as an ISO 3166-1 alpha-2 code."""
    if deal.origin_country in COUNTRY_CODES:  # as most deals send it, nothing to tidy
        return None
    code = deal.origin_country.strip().upper()
    if code in COUNTRY_CODES:
        return None
    if not code:
        return (
            "Chưa khai báo xuất xứ (mã quốc gia ISO 3166-1 hai chữ cái, ví dụ VN).",
            "No country of origin (an ISO 3166-1 alpha-2 code, e.g. VN).",
        )
    return (
        f"Xuất xứ “{deal.origin_country}” không phải mã quốc gia ISO 3166-1 hai chữ cái "
        "(ví dụ VN, JP, KR).",
        f"Origin '{deal.origin_country}' is not an ISO 3166-1 alpha-2 country code "
        "(e.g. VN, JP, KR).",
    )


@rule(
    "MISSING_GENUINE_DECLARATION",
    Severity.REJECT,
    "Quy chế Online Friday: cam kết hàng chính hãng, nguồn gốc rõ ràng",
    "Online Friday rules: goods declared genuine, of clear origin",
)
def missing_genuine_declaration(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """Only goods the merchant declares genuine take part."""
    if deal.genuine is True:
        return None
    if deal.genuine is False:
        return (
            "Người bán không cam kết hàng chính hãng.",
            "The merchant does not declare the goods genuine.",
        )
    return (
        "Chưa cam kết hàng chính hãng.",
        "The goods are not declared genuine.",
    )
