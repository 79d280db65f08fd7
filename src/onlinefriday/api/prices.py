"""Price observations in the API: the prices a merchant's products sold at, sent by a partner for
the merchants it represents or by a merchant's signed-in user; and what a product's history says
about the price before a start, ready for a chart."""

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from pydantic import ConfigDict, Strict

from onlinefriday.api.auth import CallerRateThrottle, acting_merchant, partner_or_session
from onlinefriday.api.errors import ApiError, BadInputOut, ErrorOut
from onlinefriday.api.festivals import VietnamDateTime
from onlinefriday.compliance.facts import MAX_PRICE
from onlinefriday.compliance.submission import Moment
from onlinefriday.deals import selectors, services
from onlinefriday.deals.models import ObservationSource, Product
from onlinefriday.merchants.models import PartnerApiKey

MAX_OBSERVATIONS = 10_000  # a call


class ObservationIn(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    sku: str = Field(min_length=1, max_length=100)
    observed_at: Moment = Field(description="From when the price applied; no offset: +07:00.")
    price: Annotated[int, Strict()] = Field(ge=1, le=MAX_PRICE, description="Whole đồng.")


class ObservationsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    merchant: int | None = Field(
        None,
        description="The merchant's id: required with a partner key; with a session, the "
        "user's own merchant.",
    )
    observations: list[ObservationIn] = Field(max_length=MAX_OBSERVATIONS)


class RecordedOut(Schema):
    merchant: int
    source: ObservationSource
    created: int = Field(description="New (SKU, moment) prices.")
    updated: int = Field(description="Prices sent before for the same moment, now changed.")
    unchanged: int = Field(description="Sent before with the same price: nothing changed.")
    products_created: int = Field(description="SKUs not known before, now products.")


class PricePointOut(Schema):
    at: VietnamDateTime
    price: int


class PriceHistoryOut(Schema):
    merchant: int
    sku: str
    start: VietnamDateTime
    window_days: int
    price_before_start: int | None = Field(description="The price immediately before the start.")
    lowest_price: int | None = Field(
        description="The lowest price in the window: the highest 'before' price a deal starting "
        "then may show."
    )
    observations_in_window: int
    chart: list[PricePointOut] = Field(
        description="Steps: the price in force when the window opens, then each change."
    )


router = Router(tags=["prices"], auth=partner_or_session, throttle=[CallerRateThrottle()])


@router.post(
    "",
    response={
        200: RecordedOut,
        400: BadInputOut,
        401: ErrorOut,
        403: ErrorOut,
        413: ErrorOut,
        422: BadInputOut,
        429: ErrorOut,
    },
    summary="Record the prices products were sold at",
    description=f"""Up to {MAX_OBSERVATIONS:,} observations a call, each `sku`, `observed_at`
(ISO 8601; without an offset, Vietnam time) and `price` (a JSON integer, whole đồng). Sending
the same (SKU, moment) again changes its price or nothing: calls can be retried. An unknown SKU
becomes a product of the merchant. A partner names the `merchant` (one it represents, else 403);
a signed-in merchant user records for its own merchant. Observations from a marketplace's own
integration count as the platform's, others as the merchant's declaration.""",
)
def record(request: HttpRequest, body: ObservationsIn):
    merchant = acting_merchant(request, body.merchant)
    if isinstance(request.auth, PartnerApiKey):
        source = selectors.observation_source_for(request.auth.partner)
    else:
        source = ObservationSource.MERCHANT
    recorded = services.record_price_observations(
        merchant=merchant, rows=body.observations, source=source
    )
    return {
        "merchant": merchant.pk,
        "source": source,
        "created": recorded.created,
        "updated": recorded.updated,
        "unchanged": recorded.unchanged,
        "products_created": recorded.products_created,
    }


@router.get(
    "",
    response={200: PriceHistoryOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: BadInputOut},
    summary="A product's prices before a start, for a chart",
)
def history(
    request: HttpRequest, sku: str, merchant: int | None = None, start: Moment | None = None
):
    """The price immediately before `start` (default: now), the lowest price of the
    30 days before it, and the steps of a chart of those days. Write the offset's `+` as `%2B`
    in the query string. Same access as recording: a partner names a merchant it represents."""
    owner = acting_merchant(request, merchant)
    try:
        product = selectors.product_by_sku(owner, sku)
    except Product.DoesNotExist:
        raise ApiError(
            404,
            _("This merchant has no product with this SKU: record its prices first."),
        ) from None
    prices = selectors.price_before_start(product, start or timezone.now())
    return {
        "merchant": owner.pk,
        "sku": product.sku,
        "start": prices.start,
        "window_days": prices.days,
        "price_before_start": prices.price_before_start,
        "lowest_price": prices.lowest,
        "observations_in_window": prices.observations,
        "chart": [{"at": point.at, "price": point.price} for point in prices.chart],
    }
