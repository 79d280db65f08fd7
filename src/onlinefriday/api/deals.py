"""Deals in the API. ``POST /api/v1/deals`` stores a merchant's deals (a partner's key or the
merchant's session), judged as every channel's are; ``POST /api/v1/deals/validate`` judges deals
against the festival's terms without storing anything (a dry run, open to anyone, rate-limited
per address); ``GET /api/v1/deals/rules`` lists the codes its reasons carry, part of the API."""

import inspect
from enum import StrEnum

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router
from pydantic import BaseModel, Field

from onlinefriday.api.auth import CallerRateThrottle, acting_merchant, partner_or_session
from onlinefriday.api.errors import ApiError, BadInputOut, ErrorOut
from onlinefriday.compliance import selectors
from onlinefriday.compliance.reasons import Severity, Verdict
from onlinefriday.compliance.rules import RULES
from onlinefriday.compliance.submission import MAX_DEALS, Submission, reasons_out, response
from onlinefriday.deals.models import DealSource
from onlinefriday.deals.submitting import SubmissionRefused, SubmittedDeal, submit_deals
from onlinefriday.festivals.models import Festival

RuleCode = StrEnum("RuleCode", [(rule.code, rule.code) for rule in RULES])

# Plain pydantic models, not Ninja's Schema: Schema reads every object through a getter, which
# took 25 ms of each 1,000-deal answer; these take 4 ms.


class ReasonOut(BaseModel):
    code: RuleCode
    severity: Severity
    message: str = Field(description="In Vietnamese, with the numbers involved.")
    message_en: str


class ResultOut(BaseModel):
    sku: str
    verdict: Verdict = Field(
        description="rejected: a reason of severity reject; review: a moderator will decide; "
        "accepted: no reason."
    )
    featured: bool = Field(description="Accepted, and meets the festival's featured criteria.")
    reasons: list[ReasonOut]


class ValidationOut(BaseModel):
    results: list[ResultOut] = Field(description="One per deal, in the order they were sent.")


class DealErrorOut(BaseModel):
    field: str = Field(description="The deal's field, e.g. category.")
    message: str
    message_en: str


class SubmittedOut(BaseModel):
    sku: str
    deal_id: int | None = Field(description="The stored deal; null when it was not stored.")
    verdict: Verdict | None = Field(
        description="As in validate; for a deal sent before unchanged, its current state (a "
        "moderator's decision stands). Null when the deal could not be stored (see errors)."
    )
    featured: bool
    changed: bool = Field(description="False when the deal was sent before exactly as now.")
    reasons: list[ReasonOut]
    errors: list[DealErrorOut] = Field(
        description="Why the deal was not stored: an unknown category or platform, a missing "
        "SKU or title. The other deals of the call are stored."
    )


class SubmissionOut(BaseModel):
    festival: str
    merchant: int
    stored: int = Field(description="Deals new or changed by this call.")
    unchanged: int = Field(description="Deals sent before exactly as now: left as they were.")
    not_stored: int = Field(description="Deals with errors, and repeats of a SKU in the call.")
    results: list[SubmittedOut] = Field(description="One per deal, in the order they were sent.")


class MerchantSubmission(Submission):
    merchant: int | None = Field(
        None,
        description="The merchant's id: required with a partner key; with a session, the "
        "user's own merchant.",
    )


class RuleOut(BaseModel):
    code: RuleCode
    severity: Severity
    description_en: str = Field(description="What the rule checks.")
    basis: str = Field(description="The law or rule it applies, as a Vietnamese reader cites it.")
    basis_en: str


router = Router(tags=["deals"], throttle=[CallerRateThrottle()])

NO_FESTIVAL = _("There is no festival with this slug: GET /api/v1/festivals lists them.")


def _festival(slug: str) -> Festival:
    try:
        return selectors.festival_by_slug(slug)
    except Festival.DoesNotExist:
        raise ApiError(404, NO_FESTIVAL) from None


@router.post(
    "",
    auth=partner_or_session,
    response={
        200: SubmissionOut,
        400: BadInputOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        422: BadInputOut,
        429: ErrorOut,
    },
    summary="Submit a merchant's deals: stored, judged, idempotent by SKU",
    description=f"""The same body as `validate`, with `merchant` (the merchant's id; required
with a partner key, which must represent it). Up to {MAX_DEALS:,} deals a call. Each deal is
stored by (merchant, SKU): sending it again replaces the festival's deal for that SKU, and
sending it unchanged changes nothing, so a call can be retried. Each deal is judged with its
product's whole stored price history (the `price_history` sent is stored with it), and the
answer gives each deal's verdict and reasons in the order sent. A deal that cannot be stored
(an unknown category or platform, no SKU or title) says why in `errors`; the others are stored.
The merchant must be approved by the organisers, and deals are taken until the festival's review
deadline (403 otherwise, saying which).""",
)
def submit(request: HttpRequest, submission: MerchantSubmission):
    merchant = acting_merchant(request, submission.merchant)
    festival = _festival(submission.festival)
    try:
        results = submit_deals(merchant, festival, submission.deals, source=DealSource.API)
    except SubmissionRefused as refused:
        raise ApiError(403, refused.message, refused.message_en) from None
    return {
        "festival": festival.slug,
        "merchant": merchant.pk,
        "stored": sum(result.changed for result in results),
        "unchanged": sum(result.deal_id is not None and not result.changed for result in results),
        "not_stored": sum(result.deal_id is None for result in results),
        "results": [_submitted(result) for result in results],
    }


def _submitted(result: SubmittedDeal) -> dict:
    return {
        "sku": result.sku,
        "deal_id": result.deal_id,
        "verdict": result.verdict,
        "featured": result.featured,
        "changed": result.changed,
        "reasons": reasons_out(result.reasons),
        "errors": [
            {"field": error.field, "message": error.message, "message_en": error.message_en}
            for error in result.errors
        ],
    }


@router.post(
    "/validate",
    auth=None,
    response={
        200: ValidationOut,
        400: BadInputOut,
        404: ErrorOut,
        413: ErrorOut,
        422: BadInputOut,
        429: ErrorOut,
    },
    summary="Judge deals against a festival's terms, storing nothing",
    description=f"""A dry run of the compliance engine: each deal's verdict, whether it would be
featured, and every reason, in the order the deals were sent. Nothing is stored; no sign-in is
needed. At most {MAX_DEALS:,} deals a call. Prices are JSON numbers in đồng (a fraction is judged,
not rounded). A body that cannot be read is refused as a whole: 400 for malformed JSON, 422 for
a field of the wrong type, an unknown field or too many deals, with `errors` naming each place
(`deals.3.price`); 413 for a body over the size limit.""",
)
def validate(request: HttpRequest, submission: Submission):
    festival = _festival(submission.festival)
    return response(selectors.judge_submission(festival, submission.deals))


@router.get(
    "/rules",
    auth=None,
    response={200: list[RuleOut], 429: ErrorOut},
    summary="The rules deals are judged by, with their codes",
)
def rules(request: HttpRequest):
    """Every rule, in the order reasons are reported: its code (stable, part of the API), its
    severity (reject or review) and its legal basis."""
    return [
        {
            "code": rule.code,
            "severity": rule.severity,
            "description_en": " ".join(inspect.getdoc(rule.check).split()),
            "basis": rule.basis,
            "basis_en": rule.basis_en,
        }
        for rule in RULES
    ]
