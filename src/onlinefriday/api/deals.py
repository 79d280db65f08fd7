"""Deals in the API. ``POST /api/v1/deals/validate`` judges deals against the festival's terms
without storing anything (a dry run, open to anyone, rate-limited per address);
``GET /api/v1/deals/rules`` lists the codes its reasons carry, which are part of the API."""

import inspect
from enum import StrEnum

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router
from pydantic import BaseModel, Field

from onlinefriday.api.auth import CallerRateThrottle
from onlinefriday.api.errors import ApiError, BadInputOut, ErrorOut
from onlinefriday.compliance import selectors
from onlinefriday.compliance.reasons import Severity, Verdict
from onlinefriday.compliance.rules import RULES
from onlinefriday.compliance.submission import MAX_DEALS, Submission, response
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


class RuleOut(BaseModel):
    code: RuleCode
    severity: Severity
    description_en: str = Field(description="What the rule checks.")
    basis: str = Field(description="The law or rule it applies, as a Vietnamese reader cites it.")
    basis_en: str


router = Router(tags=["deals"], throttle=[CallerRateThrottle()])


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
    try:
        festival = selectors.festival_by_slug(submission.festival)
    except Festival.DoesNotExist:
        raise ApiError(
            404,
            _("There is no festival with this slug: GET /api/v1/festivals lists them."),
        ) from None
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
