"""Calendar arithmetic — the only module of vendorgov that uses pendulum.

Month arithmetic is anchored on the start date (``start + 6 months``, never
``+1 month`` six times) and clamps to the end of the month (31 January + 1
month = 28 or 29 February).
"""

from __future__ import annotations

import calendar
import datetime as dt

import pendulum

from vendorgov._model.kpi import Horizon, HorizonKind

__all__ = ["add_months", "end_of_month", "resolve_horizon"]


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` plus ``months`` calendar months, clamped to the end of the month.

    >>> add_months(dt.date(2027, 1, 31), 1)
    datetime.date(2027, 2, 28)
    >>> add_months(dt.date(2028, 1, 31), 1)
    datetime.date(2028, 2, 29)
    """
    moved = pendulum.Date(start.year, start.month, start.day).add(months=months)
    return dt.date(moved.year, moved.month, moved.day)


def end_of_month(year: int, month: int) -> dt.date:
    """The last day of a calendar month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def resolve_horizon(horizon: Horizon, start: dt.date) -> dt.date:
    """The due date of ``horizon`` for a mission starting on ``start``."""
    kind = horizon.kind
    if kind is HorizonKind.MONTHS:
        return add_months(start, horizon.count)
    if kind is HorizonKind.WEEKS:
        return start + dt.timedelta(weeks=horizon.count)
    if kind is HorizonKind.DAYS:
        return start + dt.timedelta(days=horizon.count)
    if kind is HorizonKind.END_OF_MONTH:
        return end_of_month(start.year, start.month)
    if kind is HorizonKind.END_OF_QUARTER:
        return end_of_month(start.year, (start.month - 1) // 3 * 3 + 3)
    if kind is HorizonKind.END_OF_YEAR:
        month = horizon.fiscal_year_end or 12
        year = start.year if start.month <= month else start.year + 1
        return end_of_month(year, month)
    assert horizon.on is not None
    return horizon.on
