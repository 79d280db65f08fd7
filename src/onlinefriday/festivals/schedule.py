"""A festival's timeline and the state it is in at a moment: plain logic, no database."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

# Each instant of a timeline as the clause a sentence about it needs.
MOMENTS = {
    "registration_opens_at": gettext_lazy("registration opens"),
    "registration_closes_at": gettext_lazy("registration closes"),
    "review_closes_at": gettext_lazy("the review period ends"),
    "starts_at": gettext_lazy("shopping starts"),
    "ends_at": gettext_lazy("shopping ends"),
}


class State(StrEnum):
    UPCOMING = "upcoming"
    REGISTRATION_OPEN = "registration_open"
    UNDER_REVIEW = "under_review"
    LIVE = "live"
    ENDED = "ended"


STATE_LABELS = {
    State.UPCOMING: pgettext_lazy("festival state", "Upcoming"),
    State.REGISTRATION_OPEN: pgettext_lazy("festival state", "Registration open"),
    State.UNDER_REVIEW: pgettext_lazy("festival state", "Under review"),
    State.LIVE: pgettext_lazy("festival state", "Live"),
    State.ENDED: pgettext_lazy("festival state", "Ended"),
}


@dataclass(frozen=True)
class Timeline:
    """Instants are timezone-aware. Intervals are half-open: [start, end).

    Registration runs [registration_opens_at, registration_closes_at), review runs
    [registration_closes_at, review_closes_at), the shopping window [starts_at, ends_at).
    Any other moment before the window is 'upcoming'.
    """

    starts_at: datetime
    ends_at: datetime
    registration_opens_at: datetime | None = None
    registration_closes_at: datetime | None = None
    review_closes_at: datetime | None = None

    def state_at(self, now: datetime | None = None) -> State:
        now = now or timezone.now()
        if now >= self.ends_at:
            return State.ENDED
        if now >= self.starts_at:
            return State.LIVE
        if self.registration_closes_at and now >= self.registration_closes_at:
            if self.review_closes_at is None or now < self.review_closes_at:
                return State.UNDER_REVIEW
            return State.UPCOMING
        if self.registration_closes_at and (
            self.registration_opens_at is None or now >= self.registration_opens_at
        ):
            return State.REGISTRATION_OPEN
        return State.UPCOMING

    def next_change(self, now: datetime | None = None) -> datetime | None:
        """The next instant at which the state changes: what a countdown counts down to."""
        now = now or timezone.now()
        instants = [
            self.registration_opens_at,
            self.registration_closes_at,
            self.review_closes_at,
            self.starts_at,
            self.ends_at,
        ]
        return min((i for i in instants if i is not None and i > now), default=None)

    def validate(self) -> None:
        """Raise ValueError with a sentence naming the first instant out of order."""
        for name, value in vars(self).items():
            if value is not None and timezone.is_naive(value):
                raise ValueError(
                    _("The time when %(moment)s has no UTC offset.") % {"moment": MOMENTS[name]}
                )
        if self.ends_at <= self.starts_at:
            raise ValueError(_("The shopping window ends before it starts."))
        ordered = [
            ("registration_opens_at", self.registration_opens_at),
            ("registration_closes_at", self.registration_closes_at),
            ("review_closes_at", self.review_closes_at),
            ("starts_at", self.starts_at),
        ]
        present = [(name, value) for name, value in ordered if value is not None]
        for (earlier_name, earlier), (later_name, later) in zip(present, present[1:], strict=False):
            if later < earlier:
                message = _("%(later)s before %(earlier)s.") % {
                    "later": MOMENTS[later_name],
                    "earlier": MOMENTS[earlier_name],
                }
                raise ValueError(capfirst(message))


def window_text(starts_at: datetime, ends_at: datetime) -> str:
    """'03/12/2021 00:00 – 05/12/2021 12:00', on Vietnam's clock whatever zone it came in."""
    zone = timezone.get_default_timezone()
    start, end = (timezone.localtime(t, zone) for t in (starts_at, ends_at))
    return f"{start:%d/%m/%Y %H:%M} – {end:%d/%m/%Y %H:%M}"
