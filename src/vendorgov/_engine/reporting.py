"""Reporting compliance: were the provider's periodic reports received in time?

The contract's reporting clause says how often a report is due (its
``cadence``) and how many days late it may still arrive (``grace_days``).
For a mission checked at date ``at``:

**Due dates.** The reporting *horizon* ends on the earlier of the mission's
end and the contract's initial term end (`Contract.term_end`); renewal terms do
not extend it (yet). The due dates
are the cadence's occurrences from the mission start to the horizon
(``occurrences(cadence, mission.start, horizon)``), except an occurrence on
the start day itself: on its first day a mission has nothing to report yet.
A due date counts when it is on or before ``at``.

**Periods.** Due date ``D`` covers the period that ends on ``D`` and starts
the day after the previous due date (the mission start for the first one).
The periods are contiguous and do not overlap. Days after the last due
date of the horizon belong to no period.

**Matching.** Only reports received on or before ``at`` count: the check
sees what had arrived by then. A report matches the due date whose period
contains its ``period_end``. Each due date takes at most one report: among
several for the same period, the earliest received (then the first listed)
matches, the others are *unmatched*. Reports whose ``period_end`` falls
outside every period (before the start, after the last due date of the
horizon) are unmatched too. Unmatched reports are listed, never dropped.

**Status.** With ``deadline = D + grace_days``: ``on_time`` when the
matched report was received on or before the deadline, ``late`` when after;
without a report, ``missing`` when the deadline is before ``at`` and
``pending`` while ``at`` is on or before the deadline.

A report received early, before its due date has come (``D`` after ``at``),
already gets its line, ``on_time``, rather than being listed as unmatched.

**Timeliness** = ``on_time / (on_time + late + missing)``, an unrounded
``Decimal`` (28 significant digits); ``None`` when nothing has been assessed
yet (no due date, or only pending ones).

A mission whose contract has no reporting clause (or that has no contract)
gets a summary with ``required`` false, no lines and timeliness ``None``;
the reports it received by ``at`` are still listed, as unmatched.
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
from decimal import Decimal

from vendorgov._engine.terms import mission_end, term_in_force
from vendorgov._engine.time import occurrences
from vendorgov._model.ledger import Report
from vendorgov._model.mission import Mission
from vendorgov._model.tracking import ReportCheck, ReportingSummary, ReportStatus
from vendorgov._model.validation import check_date
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["report_dues", "reporting_compliance", "reporting_horizon"]

_CONTEXT = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)
_DAY = dt.timedelta(days=1)


def reporting_horizon(mission: Mission, at: dt.date | None = None) -> dt.date | None:
    """The last day reports can fall due: the earlier of the mission's end and the
    contract's term end (``None`` when the contract has no reporting clause); given
    ``at``, the earlier of the real end at ``at`` and the end of the term in force.

    >>> from vendorgov import examples
    >>> reporting_horizon(examples.demo_mission("logistique"))
    datetime.date(2027, 3, 1)
    """
    contract = mission.contract
    if contract is None or contract.reporting is None:
        return None
    if at is None:
        return min(mission.end, contract.term_end)
    return min(mission_end(mission, at), term_in_force(mission, at).end)


def report_dues(mission: Mission, at: dt.date | None = None) -> tuple[dt.date, ...]:
    """The report due dates: the reporting cadence's occurrences after the mission's start,
    up to `reporting_horizon` (none without a reporting clause).

    >>> from vendorgov import examples
    >>> report_dues(examples.demo_mission("logistique"))[:2]
    (datetime.date(2026, 3, 9), datetime.date(2026, 3, 16))
    """
    horizon = reporting_horizon(mission, at)
    clause = None if mission.contract is None else mission.contract.reporting
    if horizon is None or clause is None:
        return ()
    days = occurrences(clause.cadence, mission.start, horizon)
    return tuple(day for day in days if day > mission.start)


def reporting_compliance(mission: Mission, at: dt.date) -> ReportingSummary:
    """Which reports were due by ``at``, and whether each came on time.

    See the module documentation for the exact rules: due dates from the
    contract's reporting cadence, the period each one covers, how received
    reports are matched, and the four statuses.

    Args:
        mission: The mission, with its contract's reporting clause and the
            reports received.
        at: The date of the check (a date; vendorgov never reads the clock).

    Returns:
        One line per due report, the unmatched reports, the counts per status
        and the timeliness rate.

    Raises:
        ValidationError: When ``at`` is not a date.

    >>> import datetime as dt
    >>> from vendorgov import (Cadence, Contact, ContactRole, Contract, Frequency, Mission,
    ...                        Party, Report, Reporting, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     contract=Contract(reference="CTR-01", effective=dt.date(2027, 3, 15),
    ...                       duration_months=12,
    ...                       reporting=Reporting(cadence=Cadence(frequency=Frequency.MONTHLY,
    ...                                                           day=5), grace_days=2)),
    ...     reports=(Report(period_end=dt.date(2027, 3, 31), received_on=dt.date(2027, 4, 7)),
    ...              Report(period_end=dt.date(2027, 4, 30), received_on=dt.date(2027, 5, 9))),
    ... )
    >>> summary = reporting_compliance(mission, dt.date(2027, 6, 10))
    >>> [(line.due.isoformat(), line.status.value) for line in summary.lines]
    [('2027-04-05', 'on_time'), ('2027-05-05', 'late'), ('2027-06-05', 'missing')]
    >>> summary.timeliness
    Decimal('0.3333333333333333333333333333')
    """
    problems: list[ErrorDetail] = []
    check_date(at, "at", problems)
    if problems:
        raise ValidationError(problems)
    received = sorted(
        (report for report in mission.reports if report.received_on <= at),
        key=lambda report: report.received_on,
    )
    contract = mission.contract
    clause = None if contract is None else contract.reporting
    if contract is None or clause is None:
        return ReportingSummary(
            mission=mission.key, at=at, required=False, unmatched=tuple(received)
        )

    # The initial term's horizon: reports due in renewal terms are not checked yet (at the
    # far end of the calendar they would be thousands of years of weekly lines).
    dues = report_dues(mission)
    grace = clause.grace_days
    last_day = dt.date.max.toordinal()

    matched: dict[int, Report] = {}
    unmatched: list[Report] = []
    for item in received:
        # The period of dues[i] is (dues[i-1], dues[i]]: the first due date on
        # or after period_end is the one whose period contains it.
        index = bisect.bisect_left(dues, item.period_end)
        if item.period_end < mission.start or index == len(dues) or index in matched:
            unmatched.append(item)
        else:
            matched[index] = item

    lines: list[ReportCheck] = []
    for index, due in enumerate(dues):
        report = matched.get(index)
        if due > at and report is None:
            continue
        deadline = dt.date.fromordinal(min(due.toordinal() + grace, last_day))
        if report is not None:
            status = ReportStatus.ON_TIME if report.received_on <= deadline else ReportStatus.LATE
        else:
            status = ReportStatus.MISSING if deadline < at else ReportStatus.PENDING
        lines.append(
            ReportCheck(
                period_start=mission.start if index == 0 else dues[index - 1] + _DAY,
                due=due,
                deadline=deadline,
                status=status,
                report=report,
            )
        )

    counts = dict.fromkeys(ReportStatus, 0)
    for line in lines:
        counts[line.status] += 1
    on_time = counts[ReportStatus.ON_TIME]
    assessed = on_time + counts[ReportStatus.LATE] + counts[ReportStatus.MISSING]
    timeliness: Decimal | None = None
    if assessed:
        with decimal.localcontext(_CONTEXT):
            timeliness = Decimal(on_time) / Decimal(assessed)
    return ReportingSummary(
        mission=mission.key,
        at=at,
        required=True,
        lines=tuple(lines),
        unmatched=tuple(unmatched),
        on_time=on_time,
        late=counts[ReportStatus.LATE],
        missing=counts[ReportStatus.MISSING],
        pending=counts[ReportStatus.PENDING],
        timeliness=timeliness,
    )
