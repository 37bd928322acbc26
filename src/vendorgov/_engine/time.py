"""Calendar arithmetic: months, horizons and cadences.

Month arithmetic is anchored on the start date (``start + 6 months``, never
``+1 month`` six times) and clamps to the end of the month (31 January + 1
month = 28 or 29 February). :func:`add_months`, :func:`end_of_month` and
:func:`resolve_horizon` are the model's own (``vendorgov._model.calendar_math``
and ``vendorgov._model.kpi``: a due date is an invariant the model checks, and
the model never imports the engine), re-exported here so that the engine has one
place for calendar arithmetic and there is one implementation of each.

Cadences (:class:`~vendorgov.Cadence`) expand to dates with :func:`occurrences`,
to aware review datetimes with :func:`review_times`, and convert to and from
RFC 5545 ``RRULE`` strings with :func:`to_rrule` and :func:`from_rrule`. Those
work on plain ordinals and stdlib dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo

from vendorgov._model.cadence import Cadence, Frequency, Weekday
from vendorgov._model.calendar_math import add_months, end_of_month
from vendorgov._model.kpi import resolve_horizon
from vendorgov._model.validation import check_date
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "DEFAULT_REVIEW_TIME",
    "add_months",
    "end_of_month",
    "from_rrule",
    "occurrences",
    "resolve_horizon",
    "review_times",
    "to_rrule",
]


# --- Cadences ------------------------------------------------------------------------------

DEFAULT_REVIEW_TIME = dt.time(9, 0)
"""The local time of a review whose cadence gives no ``time``: 09:00."""

_WEEKDAY_INDEX: dict[Weekday, int] = {weekday: index for index, weekday in enumerate(Weekday)}
_WEEKDAY_BY_CODE: dict[str, Weekday] = {weekday.value: weekday for weekday in Weekday}


def _check_range(start: object, end: object) -> None:
    problems: list[ErrorDetail] = []
    check_date(start, "start", problems)
    check_date(end, "end", problems)
    if problems:
        raise ValidationError(problems)


def _month_date(year: int, month: int, cadence: Cadence) -> dt.date:
    """The cadence's date in one calendar month (``day`` clamped, or the nth weekday)."""
    first_weekday, length = calendar.monthrange(year, month)
    if cadence.day is not None:
        return dt.date(year, month, min(cadence.day, length))
    assert cadence.weekday is not None
    assert cadence.nth is not None
    weekday = _WEEKDAY_INDEX[cadence.weekday]
    if cadence.nth == -1:
        last_weekday = (first_weekday + length - 1) % 7
        return dt.date(year, month, length - (last_weekday - weekday) % 7)
    return dt.date(year, month, 1 + (weekday - first_weekday) % 7 + 7 * (cadence.nth - 1))


def occurrences(cadence: Cadence, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    """The dates of ``cadence`` from ``start`` to ``end``, both included, in order.

    The cadence is anchored on ``start``:

    - weekly: the first ``weekday`` on or after ``start``, then every
      ``interval`` weeks;
    - monthly: in the months of ``start``, ``start`` + ``interval`` months,
      ``start`` + 2 × ``interval`` months... (each counted from ``start``, never
      step by step), on ``day`` clamped to the month's last day (the 31st is the
      30th in April, the 28th or 29th in February), or on the ``nth``
      ``weekday`` of the month (``nth=-1``: the last one);
    - quarterly: like monthly, every 3 × ``interval`` months.

    A date of the first period that falls before ``start`` (the 5th when
    ``start`` is the 20th) is skipped, not moved: the next one comes a full
    interval later. An ``end`` before ``start`` gives no dates.

    Args:
        cadence: The recurrence.
        start: The first day that may hold an occurrence, and the anchor.
        end: The last day that may hold an occurrence.

    Returns:
        The dates, as stdlib ``datetime.date`` values, earliest first.

    Raises:
        ValidationError: ``start`` or ``end`` is not a date (a datetime is refused).

    >>> from vendorgov import Cadence, Frequency, Weekday
    >>> monthly_31st = Cadence(frequency=Frequency.MONTHLY, day=31)
    >>> [str(day) for day in occurrences(monthly_31st, dt.date(2027, 1, 1), dt.date(2027, 4, 30))]
    ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']
    >>> every_other_monday = Cadence(frequency=Frequency.WEEKLY, interval=2, weekday=Weekday.MO)
    >>> [str(day) for day in occurrences(every_other_monday, dt.date(2027, 3, 3),
    ...                                  dt.date(2027, 4, 10))]
    ['2027-03-08', '2027-03-22', '2027-04-05']
    """
    _check_range(start, end)
    if end < start:
        return ()
    if cadence.frequency is Frequency.WEEKLY:
        assert cadence.weekday is not None
        first = start.toordinal() + (_WEEKDAY_INDEX[cadence.weekday] - start.weekday()) % 7
        step = 7 * cadence.interval
        return tuple(map(dt.date.fromordinal, range(first, end.toordinal() + 1, step)))
    step = cadence.interval * (3 if cadence.frequency is Frequency.QUARTERLY else 1)
    first_month = start.year * 12 + start.month - 1
    last_month = end.year * 12 + end.month - 1
    dates: list[dt.date] = []
    for month_index in range(first_month, last_month + 1, step):
        year, month0 = divmod(month_index, 12)
        day = _month_date(year, month0 + 1, cadence)
        if start <= day <= end:
            dates.append(day)
    return tuple(dates)


def _zone(timezone: str | zoneinfo.ZoneInfo) -> zoneinfo.ZoneInfo:
    if isinstance(timezone, zoneinfo.ZoneInfo):
        return timezone
    try:
        return zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError(
            [ErrorDetail("timezone", f"unknown IANA timezone {timezone!r} (like 'Europe/Paris')")]
        ) from None


def review_times(
    cadence: Cadence, start: dt.date, end: dt.date, timezone: str | zoneinfo.ZoneInfo
) -> tuple[dt.datetime, ...]:
    """The review datetimes of ``cadence`` from ``start`` to ``end``, in local time.

    Each date of :func:`occurrences` is combined with ``cadence.time``
    (:data:`DEFAULT_REVIEW_TIME`, 09:00, when the cadence has none) as a wall-clock
    time in ``timezone``. The local time stays put across daylight-saving
    changes; the UTC offset moves (a Monday 10:00 review in Europe/Paris is
    ``10:00+01:00`` before the last Sunday of March and ``10:00+02:00`` after).

    Times that a DST change makes odd follow RFC 5545 (§3.3.5), which is what
    :mod:`zoneinfo` does with ``fold=0``, so the calendar export agrees:

    - a time that does not exist (in the spring-forward gap, 02:30 on
      2027-03-28 in Paris) is read with the offset before the gap and returned
      as the wall-clock time it really is: ``03:30+02:00``;
    - a time that occurs twice (fall-back, 02:30 on 2027-10-31 in Paris) is
      the first of the two: ``02:30+02:00``, still summer time.

    Args:
        cadence: The recurrence; its ``time`` is the local time of day.
        start: As in :func:`occurrences`.
        end: As in :func:`occurrences`.
        timezone: An IANA timezone name (``"Europe/Paris"``) or a ``ZoneInfo``.

    Returns:
        Timezone-aware datetimes (``tzinfo`` is the ``ZoneInfo``), earliest first.

    Raises:
        ValidationError: ``timezone`` is unknown, or ``start`` / ``end`` is not a date.

    >>> from vendorgov import Cadence, Frequency, Weekday
    >>> weekly = Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO, time=dt.time(10, 0))
    >>> [when.isoformat() for when in review_times(weekly, dt.date(2027, 3, 22),
    ...                                            dt.date(2027, 3, 29), "Europe/Paris")]
    ['2027-03-22T10:00:00+01:00', '2027-03-29T10:00:00+02:00']
    """
    zone = _zone(timezone)
    local_time = (cadence.time or DEFAULT_REVIEW_TIME).replace(tzinfo=None, fold=0)
    return tuple(_wall_time(day, local_time, zone) for day in occurrences(cadence, start, end))


def _wall_time(day: dt.date, local_time: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """``day`` at ``local_time`` in ``zone``, as the wall-clock time that exists.

    The round trip through UTC turns a time in a spring-forward gap into the
    wall-clock time that exists; every other time comes back unchanged. On
    0001-01-01 or 9999-12-31 the instant may have no UTC datetime (09:00 in Tokyo
    on 0001-01-01 is in the year 0): the time is then kept as written.
    """
    moment = dt.datetime.combine(day, local_time, tzinfo=zone)
    try:
        return moment.astimezone(dt.UTC).astimezone(zone)
    except OverflowError:
        return moment


# --- RFC 5545 RRULE ------------------------------------------------------------------------

# BYMONTHDAY lists (with BYSETPOS=-1) that give "the day, or the month's last day
# when the month is shorter": RFC 5545 skips months that lack a BYMONTHDAY day,
# vendorgov clamps.
_CLAMPED_DAYS: dict[int, str] = {29: "28,29", 30: "28,29,30"}
_CLAMPED_LISTS: dict[tuple[int, ...], int] = {
    (28, 29): 29,
    (28, 29, 30): 30,
    (28, 29, 30, 31): 31,
}
_NTH_VALUES = (1, 2, 3, 4, -1)
_BYDAY_ITEM = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_INTEGER = re.compile(r"[+-]?[0-9]{1,3}")
_SUPPORTED_PARTS = frozenset({"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "WKST"})
_UNSUPPORTED_PARTS = frozenset(
    {"BYSECOND", "BYMINUTE", "BYHOUR", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "RSCALE", "SKIP"}
)


def to_rrule(cadence: Cadence) -> str:
    """The RFC 5545 ``RRULE`` value of ``cadence``, without the ``RRULE:`` prefix.

    Parts come in a fixed order (``FREQ``, ``INTERVAL``, ``BYDAY`` or
    ``BYMONTHDAY``, ``BYSETPOS``); ``INTERVAL`` is left out when it is 1.

    - weekly: ``FREQ=WEEKLY;INTERVAL=2;BYDAY=MO``;
    - nth weekday: ``FREQ=MONTHLY;BYDAY=1MO``, the last Friday ``BYDAY=-1FR``;
    - day 1 to 28: ``FREQ=MONTHLY;BYMONTHDAY=15``;
    - days 29 to 31: RFC 5545 skips the months that lack a ``BYMONTHDAY`` day,
      where vendorgov clamps to the month's last day, so these are written to
      give the clamped date: the 29th is ``BYMONTHDAY=28,29;BYSETPOS=-1``, the
      30th ``BYMONTHDAY=28,29,30;BYSETPOS=-1`` (the last of those days that
      the month has) and the 31st ``BYMONTHDAY=-1`` (the month's last day);
    - quarterly: ``FREQ=MONTHLY`` with ``INTERVAL`` = 3 × ``interval``.

    RFC 5545 counts ``INTERVAL`` from the event's ``DTSTART``, and a
    ``DTSTART`` that the rule does not generate makes the recurrence set
    undefined. The calendar export must therefore use, as ``DTSTART``, the
    first occurrence: the first date of :func:`occurrences` at the cadence's
    local time (``time``, or :data:`DEFAULT_REVIEW_TIME`) as written, with
    ``TZID`` set to the mission's timezone. An expander then gives exactly the
    dates of :func:`occurrences`, each at that local time, which are the instants
    of :func:`review_times` (RFC 5545 resolves DST gaps and overlaps the same
    way). Write the wall-clock time as written, not ``review_times(...)[0]``: the two
    differ when the first review falls in a spring-forward gap, and every later
    occurrence takes its time of day from ``DTSTART``. ``time`` and
    ``duration_minutes`` are not part of a rule: they belong to ``DTSTART`` and
    ``DURATION``.

    >>> from vendorgov import Cadence, Frequency, Weekday
    >>> to_rrule(Cadence(frequency=Frequency.WEEKLY, interval=2, weekday=Weekday.MO))
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO'
    >>> to_rrule(Cadence(frequency=Frequency.MONTHLY, nth=-1, weekday=Weekday.FR))
    'FREQ=MONTHLY;BYDAY=-1FR'
    >>> to_rrule(Cadence(frequency=Frequency.QUARTERLY, day=30))
    'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29,30;BYSETPOS=-1'
    """
    if cadence.frequency is Frequency.WEEKLY:
        assert cadence.weekday is not None
        parts = ["FREQ=WEEKLY"]
        interval = cadence.interval
        rest = [f"BYDAY={cadence.weekday.value}"]
    else:
        parts = ["FREQ=MONTHLY"]
        interval = cadence.interval * (3 if cadence.frequency is Frequency.QUARTERLY else 1)
        day = cadence.day
        if day is None:
            assert cadence.nth is not None
            assert cadence.weekday is not None
            rest = [f"BYDAY={cadence.nth}{cadence.weekday.value}"]
        elif day <= 28:
            rest = [f"BYMONTHDAY={day}"]
        elif day == 31:
            rest = ["BYMONTHDAY=-1"]
        else:
            rest = [f"BYMONTHDAY={_CLAMPED_DAYS[day]}", "BYSETPOS=-1"]
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    parts.extend(rest)
    return ";".join(parts)


def _split_rrule(text: str, problems: list[ErrorDetail]) -> dict[str, str]:
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    parts: dict[str, str] = {}
    for raw in body.split(";"):
        name, equals, value = raw.partition("=")
        name = name.strip().upper()
        value = value.strip().upper()
        if not equals or not name or not value:
            problems.append(
                ErrorDetail(name or "RRULE", f"expected NAME=VALUE parts, got {raw.strip()!r}")
            )
        elif name in parts:
            problems.append(ErrorDetail(name, "appears more than once"))
        elif name in ("COUNT", "UNTIL"):
            problems.append(
                ErrorDetail(
                    name,
                    "a cadence has no end of its own: it runs between the dates it is "
                    "expanded over (the mission's start and end)",
                )
            )
        elif name in _UNSUPPORTED_PARTS:
            problems.append(ErrorDetail(name, "cannot be represented by a vendorgov cadence"))
        elif name not in _SUPPORTED_PARTS:
            problems.append(ErrorDetail(name, "is not an RFC 5545 RRULE part"))
        else:
            parts[name] = value
    return parts


def _int_list(name: str, value: str, problems: list[ErrorDetail]) -> tuple[int, ...] | None:
    items = value.split(",")
    if not all(_INTEGER.fullmatch(item) for item in items):
        problems.append(ErrorDetail(name, f"expected integers, got {value!r}"))
        return None
    return tuple(int(item) for item in items)


def _weekday_code(name: str, value: str, problems: list[ErrorDetail]) -> Weekday | None:
    weekday = _WEEKDAY_BY_CODE.get(value)
    if weekday is None:
        problems.append(ErrorDetail(name, f"expected one weekday code (MO to SU), got {value!r}"))
    return weekday


def _parse_byday(value: str, problems: list[ErrorDetail]) -> tuple[int | None, Weekday] | None:
    if "," in value:
        problems.append(
            ErrorDetail("BYDAY", f"a cadence has a single weekday, got several ({value})")
        )
        return None
    match = _BYDAY_ITEM.fullmatch(value)
    if match is None:
        problems.append(
            ErrorDetail("BYDAY", f"expected a weekday code like MO or 1MO, got {value!r}")
        )
        return None
    ordinal = None if match.group(1) is None else int(match.group(1))
    return ordinal, _WEEKDAY_BY_CODE[match.group(2)]


def _monthly_day(parts: dict[str, str], problems: list[ErrorDetail]) -> int | None:
    days = _int_list("BYMONTHDAY", parts["BYMONTHDAY"], problems)
    setpos = parts.get("BYSETPOS")
    if days is None:
        return None
    if setpos is not None:
        if days in _CLAMPED_LISTS and setpos == "-1":
            return _CLAMPED_LISTS[days]
        problems.append(
            ErrorDetail(
                "BYSETPOS",
                "with BYMONTHDAY, only BYSETPOS=-1 over 28,29 / 28,29,30 / 28,29,30,31 "
                "(a day clamped to the month's end) is supported",
            )
        )
        return None
    if days == (-1,):
        return 31
    if len(days) == 1 and 1 <= days[0] <= 28:
        return days[0]
    if len(days) == 1 and 29 <= days[0] <= 31:
        day = days[0]
        hint = "BYMONTHDAY=-1" if day == 31 else f"BYMONTHDAY={_CLAMPED_DAYS[day]};BYSETPOS=-1"
        problems.append(
            ErrorDetail(
                "BYMONTHDAY",
                f"BYMONTHDAY={day} skips the months without a {day}th, while a cadence "
                f"moves to the month's last day; write {hint}",
            )
        )
        return None
    problems.append(
        ErrorDetail(
            "BYMONTHDAY",
            f"expected one day from 1 to 28, or -1 (the last day), got {parts['BYMONTHDAY']}",
        )
    )
    return None


def _monthly_nth(parts: dict[str, str], problems: list[ErrorDetail]) -> tuple[int, Weekday] | None:
    parsed = _parse_byday(parts["BYDAY"], problems)
    if parsed is None:
        return None
    ordinal, weekday = parsed
    setpos = parts.get("BYSETPOS")
    if setpos is not None:
        if ordinal is not None:
            problems.append(
                ErrorDetail("BYSETPOS", "give the position in BYDAY (1MO) or in BYSETPOS, not both")
            )
            return None
        positions = _int_list("BYSETPOS", setpos, problems)
        if positions is None:
            return None
        if len(positions) != 1:
            problems.append(ErrorDetail("BYSETPOS", f"expected a single position, got {setpos}"))
            return None
        ordinal = positions[0]
        name = "BYSETPOS"
    else:
        name = "BYDAY"
    if ordinal is None:
        problems.append(
            ErrorDetail(
                "BYDAY",
                "a monthly rule needs the weekday's position in the month (1MO, -1FR); "
                "every Monday of the month is not a cadence",
            )
        )
        return None
    if ordinal not in _NTH_VALUES:
        problems.append(
            ErrorDetail(name, f"the position must be 1, 2, 3, 4 or -1 (the last), got {ordinal}")
        )
        return None
    return ordinal, weekday


def from_rrule(text: str, *, time: dt.time | None = None, duration_minutes: int = 60) -> Cadence:
    """The cadence of an RFC 5545 ``RRULE`` value, such as :func:`to_rrule` writes.

    Accepts what :func:`to_rrule` writes and the equivalent spellings
    ``BYMONTHDAY=28,29,30,31;BYSETPOS=-1`` (the 31st) and ``BYDAY=MO;BYSETPOS=1``
    (the first Monday); an ``RRULE:`` prefix, lower case and ``WKST`` (which
    cannot change a rule with one weekday whose ``DTSTART`` is its first
    occurrence) are allowed.

    ``FREQ=MONTHLY`` with an ``INTERVAL`` divisible by 3 gives a *quarterly*
    cadence (``INTERVAL=6`` is every 2 quarters): the two give the same dates,
    and this is the one form chosen. So ``from_rrule(to_rrule(c))`` equals
    ``c`` for every cadence except the monthly ones whose interval is a multiple
    of 3, which come back quarterly with the same dates (``time`` and
    ``duration_minutes`` are not part of a rule: pass them).

    Refused, each naming the part: ``COUNT`` and ``UNTIL`` (a cadence runs between
    the dates it is expanded over), a ``FREQ`` other than ``WEEKLY`` or
    ``MONTHLY``, several weekdays, a day of the month without the clamp
    (``BYMONTHDAY=31`` alone skips April), positions other than 1 to 4 and -1,
    parts a cadence cannot hold (``BYMONTH``, ``BYHOUR``...) and unknown parts.

    Args:
        text: The rule, with or without the ``RRULE:`` prefix.
        time: The cadence's local time of day (from the event's ``DTSTART``).
        duration_minutes: The cadence's meeting length.

    Returns:
        The cadence.

    Raises:
        ValidationError: The rule cannot be represented; each problem's path is
            the RRULE part at fault (``FREQ``, ``BYDAY``...).

    >>> cadence = from_rrule("FREQ=MONTHLY;BYDAY=1MO", time=dt.time(10, 0))
    >>> cadence.frequency, cadence.nth, cadence.weekday, cadence.time
    (<Frequency.MONTHLY: 'monthly'>, 1, <Weekday.MO: 'MO'>, datetime.time(10, 0))
    >>> from_rrule("FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1").frequency
    <Frequency.QUARTERLY: 'quarterly'>
    >>> from_rrule("FREQ=DAILY")
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.ValidationError: 1 problem:
      FREQ: expected WEEKLY or MONTHLY, got 'DAILY'
    """
    if not isinstance(text, str):
        raise ValidationError(
            [ErrorDetail("RRULE", f"expected the rule as text, got {type(text).__name__}")]
        )
    problems: list[ErrorDetail] = []
    parts = _split_rrule(text, problems)
    # Malformed or refused parts first: checking the rest would only add noise.
    cadence = None if problems else _build_cadence(parts, problems, time, duration_minutes)
    if problems or cadence is None:
        raise ValidationError(problems)
    return cadence


def _build_cadence(
    parts: dict[str, str],
    problems: list[ErrorDetail],
    time: dt.time | None,
    duration_minutes: int,
) -> Cadence | None:
    freq = parts.get("FREQ")
    if freq is None:
        problems.append(ErrorDetail("FREQ", "is required (FREQ=WEEKLY or FREQ=MONTHLY)"))
        return None
    if freq not in ("WEEKLY", "MONTHLY"):
        problems.append(ErrorDetail("FREQ", f"expected WEEKLY or MONTHLY, got {freq!r}"))
        return None
    if "WKST" in parts:
        _weekday_code("WKST", parts["WKST"], problems)
    interval = _interval(parts, freq, problems)
    if freq == "WEEKLY":
        return _weekly(parts, problems, interval, time, duration_minutes)
    frequency = Frequency.MONTHLY
    if interval is not None and interval % 3 == 0:
        frequency, interval = Frequency.QUARTERLY, interval // 3
    if ("BYDAY" in parts) == ("BYMONTHDAY" in parts):
        problems.append(
            ErrorDetail(
                "BYMONTHDAY" if "BYDAY" in parts else "BYDAY",
                "a monthly rule needs BYMONTHDAY (a day) or BYDAY (the nth weekday), "
                "exactly one of them",
            )
        )
        return None
    if "BYMONTHDAY" in parts:
        day = _monthly_day(parts, problems)
        if day is None or interval is None:
            return None
        return Cadence(
            frequency=frequency,
            interval=interval,
            day=day,
            time=time,
            duration_minutes=duration_minutes,
        )
    nth = _monthly_nth(parts, problems)
    if nth is None or interval is None:
        return None
    return Cadence(
        frequency=frequency,
        interval=interval,
        nth=nth[0],
        weekday=nth[1],
        time=time,
        duration_minutes=duration_minutes,
    )


def _interval(parts: dict[str, str], freq: str, problems: list[ErrorDetail]) -> int | None:
    value = parts.get("INTERVAL", "1")
    limit = 52 if freq == "WEEKLY" else 3 * 52
    if not value.isdigit() or not 1 <= int(value) <= limit:
        problems.append(
            ErrorDetail("INTERVAL", f"expected a whole number from 1 to {limit}, got {value!r}")
        )
        return None
    interval = int(value)
    if freq == "MONTHLY" and interval > 52 and interval % 3:
        problems.append(
            ErrorDetail(
                "INTERVAL",
                f"a monthly interval goes up to 52 (or a multiple of 3 up to 156), got {interval}",
            )
        )
        return None
    return interval


def _weekly(
    parts: dict[str, str],
    problems: list[ErrorDetail],
    interval: int | None,
    time: dt.time | None,
    duration_minutes: int,
) -> Cadence | None:
    for name in ("BYMONTHDAY", "BYSETPOS"):
        if name in parts:
            problems.append(ErrorDetail(name, "a weekly cadence has a weekday only"))
    if "BYDAY" not in parts:
        problems.append(
            ErrorDetail("BYDAY", "a weekly rule needs its weekday (the one of DTSTART is not read)")
        )
        return None
    parsed = _parse_byday(parts["BYDAY"], problems)
    if parsed is None:
        return None
    ordinal, weekday = parsed
    if ordinal is not None:
        problems.append(
            ErrorDetail("BYDAY", f"a weekly rule takes a plain weekday (MO), got {parts['BYDAY']}")
        )
    if problems or interval is None:
        return None
    return Cadence(
        frequency=Frequency.WEEKLY,
        interval=interval,
        weekday=weekday,
        time=time,
        duration_minutes=duration_minutes,
    )
