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

DAY = 86_400


class Reference(NamedTuple):
    """What the history says about the price before a start."""

    observations: int  # prices that applied during the window (the one in force at its opening too)
    lowest: int | None  # the lowest of them
    last_before_start: int | None  # the price immediately before the start


class PricePoint(NamedTuple):
    at: datetime
    price: int


class PriceHistory:
    """A product's observed prices in time order (integer VND)."""

    __slots__ = ("_times", "_prices", "_points", "_memo")

    def __init__(self, observations: Iterable[tuple[datetime, int]] = ()):
        points = sorted(PricePoint(at, price) for at, price in observations)
        self._points = tuple(points)
        self._times = [point.at.timestamp() for point in points]
        self._prices = [point.price for point in points]
        self._memo: tuple[datetime, int, Reference] | None = None

    def __len__(self) -> int:
        return len(self._points)

    def __repr__(self) -> str:
        return f"PriceHistory({list(self._points)!r})"

    @property
    def points(self) -> tuple[PricePoint, ...]:
        return self._points

    def reference(self, start: datetime, days: int) -> Reference:
        """The prices that applied in the ``days`` days before ``start``."""
        memo = self._memo
        if memo is not None and memo[0] is start and memo[1] == days:
            return memo[2]
        start_ts, times = start.timestamp(), self._times
        end = bisect_left(times, start_ts)  # observations strictly before the start
        first = max(bisect_right(times, start_ts - days * DAY) - 1, 0)
        applied = self._prices[first:end]
        reference = Reference(
            observations=len(applied),
            lowest=min(applied) if applied else None,
            last_before_start=self._prices[end - 1] if end else None,
        )
        self._memo = (start, days, reference)  # the next rule asks the same
        return reference

    def chart(self, start: datetime, end: datetime, days: int) -> list[PricePoint]:
        """Steps for a chart from ``days`` before ``start`` to ``end``: the price in force when
        the window opens (dated at the opening), then every change seen until ``end``."""
        opening = start - timedelta(days=days)
        steps: list[PricePoint] = []
        for point in self._points:
            if point.at > end:
                break
            if point.at <= opening:
                steps = [PricePoint(opening, point.price)]
            elif not steps or steps[-1].price != point.price:
                steps.append(point)
        return steps


EMPTY_HISTORY = PriceHistory()
