"""Terms and renewals: when a mission really ends, as known at a date.

A contract runs for its initial term (``Contract.term_end``), then — when it has a
[`Renewal`][vendorgov.Renewal] clause — for renewal terms of ``period_months``
each, anchored on the day after the initial term (renewal n ends on the day before
the same day ``n × period_months`` months later, or on the month's last day when
that month is too short: `term_end`). Renewal terms stop at ``max_renewals``, and at
the last date vendorgov works with (9998-12-31).

**Which terms have begun by ``at``.** Everything is read *as known at* ``at``:
a notice given after ``at``, a decision taken after ``at`` do not count yet.

- *Tacit* renewal: each term is followed by the next unless a notice given by
  ``at`` ends the mission. Without notice, the terms run up to the one in force at
  ``at``; with a notice, up to the one holding its effective end (the mission then
  ends on that day).
- *Express* renewal: renewal n begins only when a
  [`RenewalDecision`][vendorgov.RenewalDecision] ``renewal = n``, decided by ``at``
  and ``renewed``, is recorded (decisions count in order: 1, 2, ...). A notice
  stops them as for a tacit renewal.
- No renewal clause (or no contract): the initial term only.

**The real end** ([`mission_end`][vendorgov.mission_end]) is the notice's effective
end when a notice was given by ``at``; else the end of the last term begun
(``Mission.end`` while only the initial term has begun: the mission's own end, as
before renewals existed).

**Notice deadline** of a term: its end minus the renewal's ``notice_days``, the last
day to stop the renewal that would follow it; ``None`` when none can follow.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from vendorgov._model.calendar_math import add_months, term_end
from vendorgov._model.contract import Contract
from vendorgov._model.limits import LAST_FRAME_DAY
from vendorgov._model.mission import Mission
from vendorgov._model.terms import Notice, Term
from vendorgov._model.validation import check_date
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "RELATIONSHIP_NOTICE_MONTHS_PER_YEAR",
    "earliest_notice_end",
    "initial_term",
    "mission_end",
    "next_term",
    "relationship_notice_months",
    "relationship_years",
    "term_in_force",
    "terms",
]

_DAY = dt.timedelta(days=1)

RELATIONSHIP_NOTICE_MONTHS_PER_YEAR = Decimal(1)
"""Months of notice per whole year of relationship that the L442-1 II check asks for.

A rule of thumb drawn from commonly cited case law on Code de commerce L442-1 II
(about one month of notice per year of an established relationship), not a rule of
law: courts weigh the relationship's length, the dependence, the sector... Pass
another value to [`assess`][vendorgov.assess] (``notice_months_per_year``)."""


def _check(mission: object, at: object) -> None:
    problems: list[ErrorDetail] = []
    if not isinstance(mission, Mission):
        problems.append(ErrorDetail("mission", f"expected a Mission, got {type(mission).__name__}"))
    check_date(at, "at", problems)
    if problems:
        raise ValidationError(problems)


def _renewal_term(contract: Contract, number: int) -> Term | None:
    """Renewal term ``number`` (≥ 1), or ``None`` past the last date vendorgov works with."""
    renewal = contract.renewal
    assert renewal is not None
    anchor = contract.term_end + _DAY
    try:
        start = anchor if number == 1 else term_end(anchor, renewal.period_months * (number - 1))
        if number > 1:
            start += _DAY
        end = term_end(anchor, renewal.period_months * number)
    except (ValueError, OverflowError):
        return None
    if end > LAST_FRAME_DAY:
        return None
    return _with_deadline(contract, Term(number=number, start=start, end=end))


def _with_deadline(contract: Contract, term: Term) -> Term:
    renewal = contract.renewal
    if renewal is None:
        return term
    if renewal.max_renewals is not None and term.number >= renewal.max_renewals:
        return term
    # The deadline stands even when the next term would fall past the last date
    # vendorgov works with (9998-12-31): the contract still renews then.
    deadline = term.end - dt.timedelta(days=renewal.notice_days)
    return Term(
        number=term.number,
        start=term.start,
        end=term.end,
        notice_deadline=deadline,
        tacit=renewal.tacit,
    )


def _renewal_term_end(contract: Contract, number: int) -> dt.date | None:
    renewal = contract.renewal
    assert renewal is not None
    try:
        end = term_end(contract.term_end + _DAY, renewal.period_months * number)
    except (ValueError, OverflowError):
        return None
    return end if end <= LAST_FRAME_DAY else None


def initial_term(mission: Mission) -> Term:
    """The initial term (``number`` 0): the contract's, or the mission's without one."""
    return _initial(mission)


def _initial(mission: Mission) -> Term:
    contract = mission.contract
    if contract is None:
        return Term(number=0, start=mission.start, end=mission.end)
    start = min(contract.effective, contract.term_end)
    return _with_deadline(contract, Term(number=0, start=start, end=contract.term_end))


def _holding(contract: Contract, day: dt.date) -> int:
    """The number of the term holding ``day`` (0 when in or before the initial term);
    the last term vendorgov can reach when ``day`` is past it."""
    renewal = contract.renewal
    assert renewal is not None
    if day <= contract.term_end:
        return 0
    anchor = contract.term_end + _DAY
    period = renewal.period_months
    frame = (LAST_FRAME_DAY.year - anchor.year) * 12 + LAST_FRAME_DAY.month - anchor.month
    last = frame // period + 1
    while last >= 1 and _renewal_term_end(contract, last) is None:
        last -= 1
    if last < 1:
        return 0
    months = (day.year - anchor.year) * 12 + day.month - anchor.month
    number = min(max(1, months // period), last)
    while number > 1 and _end_of(contract, number - 1) >= day:
        number -= 1
    while number < last and _end_of(contract, number) < day:
        number += 1
    return number


def _end_of(contract: Contract, number: int) -> dt.date:
    end = _renewal_term_end(contract, number)
    assert end is not None  # number is at most the last term vendorgov can reach
    return end


def _given(mission: Mission, at: dt.date) -> Notice | None:
    notice = mission.notice
    return notice if notice is not None and notice.given_on <= at else None


def _last_number(mission: Mission, at: dt.date) -> int:
    """The number of the last term begun by ``at``, as known at ``at``."""
    contract = mission.contract
    if contract is None or contract.renewal is None:
        return 0
    renewal = contract.renewal
    notice = _given(mission, at)
    if renewal.tacit:
        number = _holding(contract, notice.effective_end if notice is not None else at)
    else:
        agreed = {
            decision.renewal: decision.renewed
            for decision in mission.renewal_decisions
            if decision.decided_on <= at
        }
        number = 0
        while agreed.get(number + 1, False):
            number += 1
        if notice is not None:
            number = min(number, _holding(contract, notice.effective_end))
    if renewal.max_renewals is not None:
        number = min(number, renewal.max_renewals)
    return number


def terms(mission: Mission, at: dt.date) -> tuple[Term, ...]:
    """The terms of ``mission`` begun by ``at``: the initial one, then each renewal.

    A renewal term appears once it has begun (``at`` is in it or after it) and the
    contract was renewed into it (see the module's rules); a notice given by ``at``
    brings in the terms up to the one holding its effective end.

    Args:
        mission: The mission.
        at: The date (vendorgov never reads the clock).

    Returns:
        The terms in order, the initial term (``number`` 0) first.

    Raises:
        ValidationError: ``mission`` is not a mission or ``at`` not a date.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> mission = examples.demo_mission("logistique")
    >>> [(t.number, t.end) for t in terms(mission, dt.date(2027, 11, 20))]
    [(0, datetime.date(2027, 3, 1)), (1, datetime.date(2028, 3, 1))]
    """
    _check(mission, at)
    first = _initial(mission)
    contract = mission.contract
    found = [first]
    if contract is None or contract.renewal is None:
        return tuple(found)
    for number in range(1, _last_number(mission, at) + 1):
        term = _renewal_term(contract, number)
        if term is None:  # pragma: no cover - _holding stops before the last date
            break
        found.append(term)
    return tuple(found)


def term_in_force(mission: Mission, at: dt.date) -> Term:
    """The term in force at ``at``: the last term begun by then (the initial term
    before the mission starts, the last one after it ended).

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> term_in_force(examples.demo_mission("logistique"), dt.date(2027, 3, 2)).start
    datetime.date(2027, 3, 2)
    """
    _check(mission, at)
    return _current(mission, at)


def _current(mission: Mission, at: dt.date) -> Term:
    contract = mission.contract
    number = _last_number(mission, at)
    if contract is None or number == 0:
        return _initial(mission)
    term = _renewal_term(contract, number)
    assert term is not None  # _holding stops at the last term vendorgov can reach
    return term


def next_term(mission: Mission, at: dt.date) -> Term | None:
    """The renewal term that would follow the term in force at ``at``, if one can
    (``None`` without a renewal clause, past the last renewal allowed, or when a
    notice given by ``at`` ends the mission within the term in force).

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> next_term(examples.demo_mission("logistique"), dt.date(2026, 11, 20)).end
    datetime.date(2028, 3, 1)
    """
    _check(mission, at)
    current = _current(mission, at)
    contract = mission.contract
    if contract is None or current.notice_deadline is None:
        return None
    notice = _given(mission, at)
    if notice is not None and notice.effective_end <= current.end:
        return None
    return _renewal_term(contract, current.number + 1)


def mission_end(mission: Mission, at: dt.date) -> dt.date:
    """The real end of ``mission`` as known at ``at``: the last day of the last term
    begun (considering renewals), or a notice's effective end.

    It is ``Mission.end`` as long as only the initial term has begun and no notice
    was given; every end-of-mission rule (tool access, reviews and reports due,
    vigilance certificates, the contract's end) uses it.

    Args:
        mission: The mission.
        at: The date (vendorgov never reads the clock).

    Returns:
        The last day of the mission.

    Raises:
        ValidationError: ``mission`` is not a mission or ``at`` not a date.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> mission = examples.demo_mission("logistique")
    >>> mission_end(mission, dt.date(2026, 11, 20)), mission_end(mission, dt.date(2027, 3, 2))
    (datetime.date(2027, 3, 1), datetime.date(2028, 3, 1))
    """
    _check(mission, at)
    return _end(mission, at)


def _end(mission: Mission, at: dt.date) -> dt.date:
    current = _current(mission, at)
    notice = _given(mission, at)
    if notice is not None:
        return min(notice.effective_end, current.end if current.number else mission.end)
    if current.number == 0:
        return mission.end
    return current.end


def earliest_notice_end(mission: Mission, given_on: dt.date) -> dt.date:
    """The earliest effective end the contract allows for a notice given on ``given_on``.

    With a renewal clause: the end of the first term (begun by then or later)
    whose notice deadline is on or after ``given_on``, or of the last term allowed.
    Else, with a termination clause for convenience: ``given_on`` plus its notice
    days (not after the initial term's end). Else the initial term's end (the
    mission's end without a contract).

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> earliest_notice_end(examples.demo_mission("logistique"), dt.date(2027, 12, 3))
    datetime.date(2029, 3, 1)
    """
    contract = mission.contract
    if contract is None:
        return mission.end
    candidates = []
    termination = contract.termination
    if termination is not None and termination.for_convenience:
        try:
            candidates.append(given_on + dt.timedelta(days=termination.notice_days))
        except OverflowError:
            candidates.append(dt.date.max)
    if contract.renewal is None:
        candidates.append(contract.term_end)
        return min(candidates)
    number = _holding(contract, given_on)
    term = _initial(mission) if number == 0 else _renewal_term(contract, number)
    while term is not None:
        if term.notice_deadline is None or given_on <= term.notice_deadline:
            candidates.append(term.end)
            break
        following = _renewal_term(contract, term.number + 1)
        if following is None:
            candidates.append(term.end)
            break
        term = following
    return min(candidates) if candidates else contract.term_end


def relationship_years(since: dt.date, on: dt.date) -> int:
    """Whole years of relationship from ``since`` to ``on`` (anniversaries reached).

    >>> relationship_years(dt.date(2027, 1, 1), dt.date(2030, 1, 1))
    3
    >>> relationship_years(dt.date(2027, 1, 1), dt.date(2029, 12, 31))
    2
    """
    years = on.year - since.year
    try:
        if add_months(since, 12 * years) > on:
            years -= 1
    except ValueError:  # pragma: no cover - both dates are dates
        return max(years - 1, 0)
    return max(years, 0)


def relationship_notice_months(
    years: int, months_per_year: Decimal = RELATIONSHIP_NOTICE_MONTHS_PER_YEAR
) -> int:
    """The months of notice the rule of thumb suggests for ``years`` of relationship:
    ``years × months_per_year``, rounded up to a whole month.

    >>> relationship_notice_months(3)
    3
    >>> from decimal import Decimal
    >>> relationship_notice_months(3, Decimal("0.5"))
    2
    """
    return int((Decimal(years) * months_per_year).to_integral_value(rounding=ROUND_CEILING))
