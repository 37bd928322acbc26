"""The range of dates vendorgov works with, and the margins it keeps from its ends.

Python dates run from 0001-01-01 to 9999-12-31. Every computation takes an ``at``
anywhere in that range. Two kinds of stored dates are held a little further in, so
that what the engine derives from them is a date too (the "Dates" page of the
documentation states the limits):

- the *frame* of a mission (its start and end, each milestone's due date, the
  contract's effective date, term end and renewal notice deadline) lies from
  :data:`FIRST_FRAME_DAY` to :data:`LAST_FRAME_DAY`: a year from each end, for the
  day after the term, the next billing month, a chart's next month...;
- an aware datetime's instant lies, in UTC, from :data:`FIRST_INSTANT_DAY` to
  :data:`LAST_INSTANT_DAY` included: it, and a meeting of up to a day starting at
  it, then have a local date in every timezone (offsets stay under 24 hours).

Other dates (measurements, reviews, spend, reports, actions...) may be any date:
the engine saturates what it computes from them.
"""

from __future__ import annotations

import datetime as dt

from vendorgov._model.validation import UNKNOWN, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "FIRST_FRAME_DAY",
    "FIRST_INSTANT_DAY",
    "LAST_FRAME_DAY",
    "LAST_INSTANT_DAY",
    "frame_problem",
    "instant_problem",
]

FIRST_FRAME_DAY = dt.date(2, 1, 1)
"""The earliest start (or other frame date) of a mission: a year after 0001-01-01."""

LAST_FRAME_DAY = dt.date(9998, 12, 31)
"""The latest end (or other frame date) of a mission: a year before 9999-12-31."""

FIRST_INSTANT_DAY = dt.date(1, 1, 3)
"""The earliest UTC date of an aware datetime: two days after 0001-01-01."""

LAST_INSTANT_DAY = dt.date(9999, 12, 29)
"""The latest UTC date of an aware datetime: two days before 9999-12-31."""


_MICROSECOND = dt.timedelta(microseconds=1)


def frame_problem(day: dt.date, path: str, what: str = "") -> ErrorDetail | None:
    """A problem if ``day``, a date of a mission's frame, is outside the frame's range.

    >>> frame_problem(dt.date(9999, 3, 1), "end").message
    '9999-03-01 is too late: the last date a mission can reach is 9998-12-31'
    >>> frame_problem(dt.date(2027, 3, 1), "end") is None
    True
    """
    if day is UNKNOWN:  # did not load: reported already
        return None
    subject = f"{what} {day.isoformat()}" if what else day.isoformat()
    if day > LAST_FRAME_DAY:
        return problem(
            path,
            f"{subject} is too late: the last date a mission can reach is "
            f"{LAST_FRAME_DAY.isoformat()}",
        )
    if day < FIRST_FRAME_DAY:
        return problem(
            path,
            f"{subject} is too early: the first date a mission can reach is "
            f"{FIRST_FRAME_DAY.isoformat()}",
        )
    return None


def instant_problem(moment: dt.datetime, path: str) -> ErrorDetail | None:
    """A problem if the aware ``moment`` is too close to an end of the calendar.

    >>> late = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.timezone(-dt.timedelta(hours=23)))
    >>> instant_problem(late, "at").message  # doctest: +NORMALIZE_WHITESPACE
    '9999-12-31T23:59:59-23:00 is too close to the end of the calendar: in UTC it must fall
    from 0001-01-03 to 9999-12-29'
    """
    if moment is UNKNOWN:  # did not load: reported already
        return None
    offset = moment.utcoffset()
    assert offset is not None  # aware: checked by the type
    # Day arithmetic on ordinals: the UTC date itself may not exist.
    micro = (moment.hour * 3600 + moment.minute * 60 + moment.second) * 10**6
    shift = (micro + moment.microsecond - offset // _MICROSECOND) // (86400 * 10**6)
    utc_ordinal = moment.toordinal() + shift
    if FIRST_INSTANT_DAY.toordinal() <= utc_ordinal <= LAST_INSTANT_DAY.toordinal():
        return None
    end = "end" if utc_ordinal > LAST_INSTANT_DAY.toordinal() else "start"
    return problem(
        path,
        f"{moment.isoformat()} is too close to the {end} of the calendar: in UTC it must "
        f"fall from {FIRST_INSTANT_DAY.isoformat()} to {LAST_INSTANT_DAY.isoformat()}",
    )
