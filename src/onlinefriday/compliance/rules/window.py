"""A deal runs inside the festival's shopping window."""

from onlinefriday.compliance.facts import DealFacts, FestivalTerms
from onlinefriday.compliance.reasons import Messages, Severity, rule, when


@rule(
    "OUTSIDE_FESTIVAL_WINDOW",
    Severity.REJECT,
    "Quy chế Online Friday: thời gian khuyến mại tập trung",
    "Online Friday rules: the concentrated promotion's period",
)
def outside_festival_window(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """Starts no earlier and ends no later than the festival; ends after it starts."""
    starts = deal.starts_at or terms.starts_at
    ends = deal.ends_at or terms.ends_at
    if ends <= starts:
        return (
            f"Thời gian khuyến mại kết thúc ({when(ends)}) không sau lúc bắt đầu ({when(starts)}).",
            f"The deal ends ({when(ends)}) no later than it starts ({when(starts)}).",
        )
    if starts < terms.starts_at or ends > terms.ends_at:
        window = f"{when(terms.starts_at)} – {when(terms.ends_at)}"
        return (
            f"Thời gian khuyến mại {when(starts)} – {when(ends)} nằm ngoài thời gian lễ hội "
            f"{window} (giờ Việt Nam).",
            f"The deal's time {when(starts)} – {when(ends)} is outside the festival's window "
            f"{window} (Vietnam time).",
        )
    return None
