"""Month arithmetic with the standard library: the little the model needs for itself.

A horizon's due date and a contract's term end are invariants of the model, so the
model computes them, with ``calendar.monthrange`` and nothing else (DESIGN.md §2:
the model may do plain stdlib date arithmetic it needs for its own invariants).
``vendorgov._engine.time`` re-exports these functions: there is one implementation.

Month arithmetic is anchored on the start date (``start + 6 months``, never
``+1 month`` six times) and clamps to the end of the month (31 January + 1 month is
28 or 29 February), exactly as pendulum's ``Date.add(months=n)`` does; a test
compares the two over the whole calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt

__all__ = ["add_months", "end_of_month", "term_end"]


def end_of_month(year: int, month: int) -> dt.date:
    """The last day of a calendar month.

    >>> end_of_month(2028, 2)
    datetime.date(2028, 2, 29)
    """
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus ``months`` calendar months, clamped to the end of the month.

    ``months`` may be negative. A result outside years 1–9999 raises ``ValueError``.

    >>> add_months(dt.date(2027, 1, 31), 1)
    datetime.date(2027, 2, 28)
    >>> add_months(dt.date(2028, 1, 31), 1)
    datetime.date(2028, 2, 29)
    >>> add_months(dt.date(2027, 3, 31), -1)
    datetime.date(2027, 2, 28)
    """
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def term_end(start: dt.date, months: int) -> dt.date:
    """The last day of a term of ``months`` months starting on ``start``.

    A term of n months ends the day before the same day n months later; when that
    month is too short for the day (a start on 29-31 January, one month), the term
    ends on the month's last day instead. A result outside years 1-9999 raises
    ``ValueError``.

    >>> term_end(dt.date(2027, 3, 1), 12)
    datetime.date(2028, 2, 29)
    >>> term_end(dt.date(2027, 1, 31), 1)
    datetime.date(2027, 2, 28)
    """
    anniversary = add_months(start, months)
    if anniversary.day != start.day:  # clamped to a shorter month's last day
        return anniversary
    return anniversary - dt.timedelta(days=1)
