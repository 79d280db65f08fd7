"""The engine: every rule over every deal of a submission, a verdict and the featured flag.

No database and no clock: the same deals and terms always give the same judgements, which is
what lets the API's dry run, the CLI, intake and re-judging after a rule change agree.
"""

from collections.abc import Sequence
from typing import NamedTuple

from onlinefriday.compliance.facts import DealFacts, FeaturedThresholds, FestivalTerms
from onlinefriday.compliance.reasons import Messages, Reason, Rule, Verdict, verdict_for
from onlinefriday.compliance.rules import BATCH_RULES, DEAL_RULES
from onlinefriday.compliance.rules.batch import Earlier, Place
from onlinefriday.compliance.rules.pricing import prices


class Judgement(NamedTuple):
    sku: str
    verdict: Verdict
    featured: bool
    reasons: tuple[Reason, ...]


def is_featured_eligible(price: int, sale_price: int, stock: int | None, t: FeaturedThresholds):
    """Past editions' criteria for the featured section, on integers: a dear enough product,
    a deep enough discount, and enough stock that the savings add up."""
    saving = price - sale_price
    return (
        price >= t.min_price
        and saving * 100 >= t.min_discount_percent * price
        and stock is not None
        and saving * stock >= t.min_savings
    )


def judge(deal: DealFacts, terms: FestivalTerms) -> Judgement:
    """One deal on its own (no batch rules)."""
    return _judge(deal, terms, ())


def judge_batch(
    deals: Sequence[DealFacts],
    terms: FestivalTerms,
    *,
    places: Sequence[Place] | None = None,
    earlier: Earlier | None = None,
) -> list[Judgement]:
    """Every deal of one submission, in order. ``places`` names each deal in messages (default:
    "deal 1", "deal 2"...); ``earlier`` carries what earlier chunks of the same submission held."""
    batch_found = [(rule, rule.check(deals, places, earlier)) for rule in BATCH_RULES]
    batch_found = [(rule, found) for rule, found in batch_found if found]  # usually none
    return [
        _judge(deal, terms, _batch_reasons(batch_found, index) if batch_found else ())
        for index, deal in enumerate(deals)
    ]


def _batch_reasons(
    batch_found: list[tuple[Rule, dict[int, Messages]]], index: int
) -> tuple[Reason, ...]:
    return tuple(rule.reason(found[index]) for rule, found in batch_found if index in found)


_CHECKS = tuple(rule.check for rule in DEAL_RULES)
_PASSED = [None] * len(_CHECKS)


def _judge(deal: DealFacts, terms: FestivalTerms, extra: tuple[Reason, ...]) -> Judgement:
    """Every rule's answer first, reasons made only for the few deals that fail some: most
    pass them all, and comparing one list costs less than testing each answer."""
    found = [check(deal, terms) for check in _CHECKS]
    if found == _PASSED and not extra:
        verdict, reasons = Verdict.ACCEPTED, ()
    else:
        reasons = (
            *(rule.reason(m) for rule, m in zip(DEAL_RULES, found, strict=True) if m is not None),
            *extra,
        )
        verdict = verdict_for(reasons)
    featured = False
    if verdict is Verdict.ACCEPTED:
        price, sale_price = prices(deal)  # accepted, so both are valid
        featured = is_featured_eligible(price, sale_price, deal.stock, terms.featured)
    # Judgement(...) without NamedTuple's __new__, which is Python code: this runs once a deal.
    return tuple.__new__(Judgement, (deal.sku, verdict, featured, reasons))
