"""Rules, the reasons they give, and the verdict that follows from the reasons.

A rule is a plain function of (deal, festival terms) that returns None when the deal passes,
or the message in Vietnamese and in English, stating the numbers involved, when it does not.
``@rule`` gives it its stable code (part of the public API), its severity and its legal basis.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class Severity(StrEnum):
    REJECT = "reject"
    REVIEW = "review"


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REVIEW = "review"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Reason:
    code: str
    severity: Severity
    message: str  # Vietnamese
    message_en: str


Messages = tuple[str, str]  # (Vietnamese, English)


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    basis: str  # the article or source, as a Vietnamese reader cites it
    basis_en: str
    check: Callable  # (DealFacts, FestivalTerms) -> Messages | None

    def reason(self, messages: Messages) -> Reason:
        return Reason(self.code, self.severity, messages[0], messages[1])


def rule(code: str, severity: Severity, basis: str, basis_en: str):
    """Make the decorated check function a ``Rule``."""

    def wrap(check: Callable) -> Rule:
        return Rule(code, severity, basis, basis_en, check)

    return wrap


def verdict_for(reasons: Iterable[Reason]) -> Verdict:
    """Any 'reject' reason rejects; otherwise any 'review' reason asks a moderator."""
    severities = {reason.severity for reason in reasons}
    if Severity.REJECT in severities:
        return Verdict.REJECTED
    if Severity.REVIEW in severities:
        return Verdict.REVIEW
    return Verdict.ACCEPTED


# How numbers read in the messages (Vietnamese money: ``core.formatting.format_vnd``).


def vnd_en(amount: int) -> str:
    return f"{amount:,} VND"


def percent(numerator: int, denominator: int, *, up: bool = False) -> tuple[str, str]:
    """numerator/denominator as a percentage with at most two decimals, in Vietnamese and
    English ('55,25%', '55.25%'), computed on integers. ``up`` rounds up, so that an amount
    over a cap never reads as the cap itself."""
    hundredths, rest = divmod(numerator * 10_000, denominator)
    if up and rest:
        hundredths += 1
    whole, fraction = divmod(hundredths, 100)
    if not fraction:
        return f"{whole}%", f"{whole}%"
    digits = f"{fraction:02d}".rstrip("0")
    return f"{whole},{digits}%", f"{whole}.{digits}%"


def when(moment: datetime) -> str:
    """Vietnam time, as dd/mm/yyyy HH:MM: what ``strftime("%d/%m/%Y %H:%M")`` gives, at half
    its cost (a message with times is made for each deal it concerns)."""
    t = moment.astimezone(VIETNAM)
    return f"{t.day:02}/{t.month:02}/{t.year} {t.hour:02}:{t.minute:02}"
