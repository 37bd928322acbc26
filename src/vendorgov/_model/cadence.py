"""Recurrence of reviews and reports: weekly, every N weeks, monthly, quarterly."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["Cadence", "Frequency", "Weekday"]


class Frequency(enum.StrEnum):
    """How often something recurs.

    >>> Frequency("weekly")
    <Frequency.WEEKLY: 'weekly'>
    """

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Weekday(enum.StrEnum):
    """Days of the week, with RFC 5545 codes as values.

    >>> Weekday("MO")
    <Weekday.MO: 'MO'>
    """

    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"

    @property
    def number(self) -> int:
        """Monday is 0, as in `datetime.date.weekday()`.

        >>> Weekday.WE.number
        2
        """
        return _WEEKDAY_NUMBERS[self]


_WEEKDAY_NUMBERS = {day: number for number, day in enumerate(Weekday)}


@attrs.frozen(kw_only=True)
class Cadence(Model):
    """A recurrence: weekly on a weekday, monthly on a day or the nth weekday, quarterly.

    Attributes:
        frequency: Weekly, monthly or quarterly.
        interval: Every ``interval`` weeks / months / quarters (1 by default).
        weekday: The weekday (weekly; or with ``nth`` for monthly and quarterly).
        day: The day of the month (monthly or quarterly), clamped to the month's
            last day (the 31st in April is the 30th).
        nth: Which weekday of the month: 1 to 4, or -1 for the last one.
        time: The local time of day, in the mission's timezone.
        duration_minutes: How long the meeting lasts.

    >>> import datetime as dt
    >>> Cadence(frequency=Frequency.MONTHLY, nth=1, weekday=Weekday.MO,
    ...         time=dt.time(10, 0)).frequency
    <Frequency.MONTHLY: 'monthly'>
    """

    frequency: Frequency
    interval: int = 1
    weekday: Weekday | None = None
    day: int | None = None
    nth: int | None = None
    time: dt.time | None = None
    duration_minutes: int = 60

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 1 <= self.interval <= 52:
            yield problem("interval", f"must be between 1 and 52, got {self.interval}")
        if not 1 <= self.duration_minutes <= 24 * 60:
            yield problem(
                "duration_minutes", f"must be between 1 and 1440, got {self.duration_minutes}"
            )
        if self.frequency is Frequency.WEEKLY:
            if self.weekday is None:
                yield problem("weekday", "a weekly cadence needs a weekday")
            if self.day is not None:
                yield problem("day", "a weekly cadence has no day of the month")
            if self.nth is not None:
                yield problem("nth", "a weekly cadence has no nth weekday")
            return
        if self.day is not None:
            if not 1 <= self.day <= 31:
                yield problem("day", f"must be between 1 and 31, got {self.day}")
            if self.nth is not None or self.weekday is not None:
                yield problem("day", "give either a day of the month or an nth weekday, not both")
        elif self.nth is None or self.weekday is None:
            yield problem(
                "day", f"a {self.frequency} cadence needs a day of the month, or nth and weekday"
            )
        if self.nth is not None and self.nth not in (1, 2, 3, 4, -1):
            yield problem("nth", f"must be 1, 2, 3, 4 or -1 (the last), got {self.nth}")
