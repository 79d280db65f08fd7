"""Price history maths: what a product really cost before a promotion started.

An observation says "from this moment the product sold at this price", so the price in force
when the 30-day window opens is the last one seen before it; it counts as part of the window.
The window is anchored at the deal's start (Directive 98/6/EC Art. 6a, the model for Decree
81/2018's "price immediately before the promotion"); anything seen after the start is ignored.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import NamedTuple


class Reference(NamedTuple):
    """What the history says about the price before a start."""

    observations: int  # prices that applied during the window (the one in force at its opening too)
    lowest: int | None  # the lowest of them
    last_before_start: int | None  # the price immediately before the start


class PricePoint(NamedTuple):
    at: datetime
    price: int


_last_window: tuple[datetime | None, int, datetime | None] = (None, 0, None)


def _opening(start: datetime, days: int) -> datetime:
    """``start - timedelta(days=days)``, worked out once for the start most deals of a
    submission share (the festival's)."""
    global _last_window
    last_start, last_days, opening = _last_window
    if start is not last_start or days != last_days:
        opening = start - timedelta(days=days)
        _last_window = (start, days, opening)
    return opening


class PriceHistory:
    """A product's observed prices in time order (integer VND).

    Times are searched as they are, not as timestamps: making a timestamp costs more than the
    comparisons it saves, and times in one zone (the database's UTC) compare as plain bytes."""

    __slots__ = ("_times", "_prices", "_points", "_memo")

    def __init__(self, observations: Iterable[tuple[datetime, int]] = ()):
        points = sorted([(at, price) for at, price in observations])  # by time, then price
        self._points = points
        self._times = [at for at, _price in points]
        self._prices = [price for _at, price in points]
        self._memo: tuple[datetime, int, Reference] | None = None

    def __len__(self) -> int:
        return len(self._points)

    def __repr__(self) -> str:
        return f"PriceHistory({list(self.points)!r})"

    @property
    def points(self) -> tuple[PricePoint, ...]:
        return tuple(PricePoint(at, price) for at, price in self._points)

    def reference(self, start: datetime, days: int) -> Reference:
        """The prices that applied in the ``days`` days before ``start``."""
        memo = self._memo
        if memo is not None and memo[0] is start and memo[1] == days:
            return memo[2]
        times, prices = self._times, self._prices
        end = bisect_left(times, start)  # observations strictly before the start
        first = max(bisect_right(times, _opening(start, days), 0, end) - 1, 0)
        applied = prices[first:end]
        reference = tuple.__new__(  # as Reference(...), without its Python-level __new__
            Reference,
            (len(applied), min(applied) if applied else None, prices[end - 1] if end else None),
        )
        self._memo = (start, days, reference)  # the next rule asks the same
        return reference

    def chart(self, start: datetime, end: datetime, days: int) -> list[PricePoint]:
        """Steps for a chart from ``days`` before ``start`` to ``end``: the price in force when
        the window opens (dated at the opening), then every change seen until ``end``."""
        opening = start - timedelta(days=days)
        steps: list[PricePoint] = []
        for at, price in self._points:
            if at > end:
                break
            if at <= opening:
                steps = [PricePoint(opening, price)]
            elif not steps or steps[-1].price != price:
                steps.append(PricePoint(at, price))
        return steps


EMPTY_HISTORY = PriceHistory()
