"""Results of tracking the provider's duties over time: reporting compliance.

They are plain values, like scorecards, so that they cross process
boundaries and files unchanged (``vendorgov.dumps`` / ``loads``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model.kpi import key_problem
from vendorgov._model.ledger import Report
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["ReportCheck", "ReportStatus", "ReportingSummary"]


class ReportStatus(enum.StrEnum):
    """Where one due report stands at the date of the check.

    ``on_time`` and ``late`` are final: the report arrived. ``missing`` and
    ``pending`` are not: a missing report that arrives becomes ``late``, a
    pending one becomes ``on_time``, ``late`` or ``missing``.

    >>> ReportStatus("on_time")
    <ReportStatus.ON_TIME: 'on_time'>
    """

    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    PENDING = "pending"


_RECEIVED = (ReportStatus.ON_TIME, ReportStatus.LATE)


@attrs.frozen(kw_only=True)
class ReportCheck(Model):
    """One due report and whether it came in time.

    Attributes:
        period_start: The first day of the period the report covers.
        due: The due date, which is also the last day of the period.
        deadline: The last day it counts as on time: ``due`` plus the grace days.
        status: On time, late, missing or pending.
        report: The report received for the period, if any.

    >>> import datetime as dt
    >>> check = ReportCheck(period_start=dt.date(2027, 3, 6), due=dt.date(2027, 4, 5),
    ...                     deadline=dt.date(2027, 4, 7), status=ReportStatus.LATE,
    ...                     report=Report(period_end=dt.date(2027, 3, 31),
    ...                                   received_on=dt.date(2027, 4, 9)))
    >>> check.days_late
    2
    """

    period_start: dt.date
    due: dt.date
    deadline: dt.date
    status: ReportStatus
    report: Report | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.period_start > self.due:
            yield problem("period_start", f"must not be after due ({self.due.isoformat()})")
        if self.deadline < self.due:
            yield problem("deadline", f"must not be before due ({self.due.isoformat()})")
        received = self.status in _RECEIVED
        if received != (self.report is not None):
            yield problem(
                "report",
                f"a {self.status} report check needs a report exactly when it was received",
            )
        elif self.report is not None:
            in_time = self.report.received_on <= self.deadline
            if in_time != (self.status is ReportStatus.ON_TIME):
                yield problem(
                    "status",
                    f"a report received on {self.report.received_on.isoformat()} with a "
                    f"deadline of {self.deadline.isoformat()} is not {self.status}",
                )

    @property
    def days_late(self) -> int | None:
        """Days between the deadline and the report's arrival when late, else ``None``."""
        if self.status is not ReportStatus.LATE or self.report is None:
            return None
        return (self.report.received_on - self.deadline).days


@attrs.frozen(kw_only=True)
class ReportingSummary(Model):
    """A mission's reporting compliance at one date.

    Attributes:
        mission: The mission's key.
        at: The date of the check.
        required: Whether the contract has a reporting clause; without one
            nothing is ever due and the summary is empty.
        lines: One line per due report, in due-date order.
        unmatched: Reports received that match no due report (duplicates, or
            periods outside the reporting schedule), in the order received.
        on_time: How many lines are ``on_time``.
        late: How many lines are ``late``.
        missing: How many lines are ``missing``.
        pending: How many lines are ``pending``.
        timeliness: ``on_time / (on_time + late + missing)``; ``None`` when
            nothing has been due yet (pending reports do not count).

    >>> import datetime as dt
    >>> ReportingSummary(mission="logistique", at=dt.date(2027, 4, 1),
    ...                  required=False).timeliness is None
    True
    """

    mission: str
    at: dt.date
    required: bool
    lines: tuple[ReportCheck, ...] = ()
    unmatched: tuple[Report, ...] = ()
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0
    timeliness: Decimal | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = key_problem(self.mission, "mission")
        if bad is not None:
            yield bad
        for status in ReportStatus:
            field = status.value
            count = sum(1 for line in self.lines if line.status is status)
            if getattr(self, field) != count:
                yield problem(field, f"is {getattr(self, field)} but {count} lines are {status}")
        for index in range(1, len(self.lines)):
            if self.lines[index].due <= self.lines[index - 1].due:
                yield problem(f"lines[{index}].due", "lines must be in increasing due-date order")
        if not self.required and self.lines:
            yield problem("lines", "without a reporting clause no report is due")
        assessed = sum(1 for line in self.lines if line.status is not ReportStatus.PENDING)
        if (self.timeliness is None) != (assessed == 0):
            yield problem(
                "timeliness", "is None exactly when no report is on time, late or missing"
            )
        if self.timeliness is not None and not 0 <= self.timeliness <= 1:
            yield problem("timeliness", f"is a share between 0 and 1, got {self.timeliness}")

    @property
    def assessed(self) -> int:
        """How many due reports are settled or overdue: on time + late + missing.

        It is the denominator of `timeliness`; pending reports are left out.
        """
        return self.on_time + self.late + self.missing
