"""A submission of deals as partners send it (the validate API, the CLI's JSON files).

The field names are part of the public API. Amounts must be JSON numbers: parse the JSON with
``parse_float=Decimal`` (``load_json``) so that a fractional price stays exact and the engine,
not a float, decides whether it is whole. A field of the wrong type fails validation with its
path (``deals.3.price``); a wrong *value* (a negative price, an http link) is the engine's to
judge and comes back as a reason.
"""

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.utils import timezone
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeInt,
    Strict,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from onlinefriday.compliance.engine import Judgement
from onlinefriday.compliance.facts import DealFacts
from onlinefriday.compliance.history import PriceHistory
from onlinefriday.compliance.reasons import VIETNAM, Reason

MAX_DEALS = 1_000  # a call; more go in several calls (or in an import file)
MAX_OBSERVATIONS = 1_000  # a deal's price history in one call


def _one_number_error(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """One error for an amount that is not a JSON number, rather than one per type it may be."""
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError("number_type", "Input should be a JSON number") from None


# A JSON number, kept exact: an int, or a Decimal from ``parse_float=Decimal``.
Amount = Annotated[
    Annotated[int, Strict()] | Annotated[Decimal, Strict()] | None,
    WrapValidator(_one_number_error),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "null"}]}),
]


def _vietnam_if_naive(moment: datetime) -> datetime:
    """A time without an offset is Vietnam time, as merchants write it."""
    return timezone.make_aware(moment, VIETNAM) if timezone.is_naive(moment) else moment


Moment = Annotated[datetime, AfterValidator(_vietnam_if_naive)]


# A dataclass with slots, not a model: a call carries up to 1,000 x 1,000 of them, and a model
# is three objects for the garbage collector to walk where this is one (a fifth of a validate
# call's time went to validating them as models).
@dataclass(slots=True, config=ConfigDict(extra="forbid"))
class PriceObservationIn:
    observed_at: Moment
    price: Annotated[int, Strict(), Field(ge=1)]


class DealIn(BaseModel):
    """One deal. Only what is checked must be there; what is missing is reported as a reason."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    sku: str = Field("", max_length=100)
    title: str = Field("", max_length=300)
    category: str = Field("", max_length=200)
    brand: str = Field("", max_length=120)
    gtin: str = Field("", max_length=14)
    url: str = Field("", max_length=2_000)
    platform: str = Field("", max_length=40)
    price: Amount = Field(None, description="The price immediately before the promotion (VND).")
    sale_price: Amount = None
    currency: str = Field("VND", max_length=3)
    starts_at: Moment | None = Field(None, description="Default: the festival's start.")
    ends_at: Moment | None = Field(None, description="Default: the festival's end.")
    origin_country: str = Field("", max_length=60, description="ISO 3166-1 alpha-2, e.g. VN.")
    genuine: bool | None = None
    made_in_vietnam: bool = False
    coupon_code: str = Field("", max_length=60)
    stock: NonNegativeInt | None = None
    image_url: str = Field("", max_length=500)
    description: str = Field("", max_length=5_000)
    price_history: list[PriceObservationIn] = Field([], max_length=MAX_OBSERVATIONS)
    discount_days_past_year: int = Field(
        0,
        ge=0,
        le=366,
        description="Days on discount in the 365 days before the start, in programmes that "
        "count towards the yearly limit of 120.",
    )

    def facts(
        self,
        *,
        platform: str | None = None,
        price_history: PriceHistory | None = None,
        discount_days_past_year: int = 0,
    ) -> DealFacts:
        """The deal as the engine judges it; the arguments stand for what the database knows
        better (the platform found from the link, the stored history, the days on discount)."""
        if price_history is None:
            # In UTC, one zone object for all: sorting times whose zone objects differ (each
            # parsed time has its own) asks each for its offset, and UTC's timestamps are the
            # cheapest; building the histories takes a third less time.
            price_history = PriceHistory(
                (o.observed_at.astimezone(UTC), o.price) for o in self.price_history
            )
        return DealFacts(
            sku=self.sku,
            title=self.title,
            category=self.category,
            brand=self.brand,
            gtin=self.gtin,
            url=self.url,
            platform=self.platform if platform is None else platform,
            price=self.price,
            sale_price=self.sale_price,
            currency=self.currency,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            origin_country=self.origin_country,
            genuine=self.genuine,
            made_in_vietnam=self.made_in_vietnam,
            coupon_code=self.coupon_code,
            stock=self.stock,
            price_history=price_history,
            discount_days_past_year=max(self.discount_days_past_year, discount_days_past_year),
        )


class Submission(BaseModel):
    model_config = ConfigDict(extra="forbid")

    festival: str = Field(max_length=80, description="The festival's slug, e.g. online-friday-2021")
    deals: list[DealIn] = Field(max_length=MAX_DEALS)


def load_json(text: str | bytes) -> Any:
    """JSON with exact decimals (see the module's docstring)."""
    return json.loads(text, parse_float=Decimal)


def response(judgements: list[Judgement]) -> dict[str, list[dict[str, Any]]]:
    """The validate API's answer (``onlinefriday validate --json`` prints the same)."""
    return {
        "results": [
            {
                "sku": judgement.sku,
                "verdict": judgement.verdict.value,
                "featured": judgement.featured,
                "reasons": reasons_out(judgement.reasons),
            }
            for judgement in judgements
        ]
    }


def reasons_out(reasons: Iterable[Reason]) -> list[dict[str, str]]:
    """Reasons as every answer of the API writes them."""
    return [
        {
            "code": reason.code,
            "severity": reason.severity.value,
            "message": reason.message,
            "message_en": reason.message_en,
        }
        for reason in reasons
    ]
