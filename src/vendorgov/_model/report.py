"""The review report as a value: what the engine decided about a mission at one date.

[`review_report`][vendorgov.review_report] builds a [`ReviewReport`][vendorgov.ReviewReport];
the review document, its charts, the CLI and the notebook read it and format it, and none
of them scores, settles or picks a rule again. The values here are exact (``Decimal``,
nothing rounded): rounding for reading is the edges' business.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model.incentives import BonusTier
from vendorgov._model.kpi import text_problem
from vendorgov._model.money import Money
from vendorgov._model.results import Payout, PayoutCategory
from vendorgov._model.review import (
    ActionStatus,
    CorrectiveAction,
    Idea,
    IdeaStatus,
    NeedStatus,
    ProviderNeed,
    Recognition,
    Review,
)
from vendorgov._model.scorecard import Finding, Scorecard, Status
from vendorgov._model.text import LocalizedText
from vendorgov._model.tracking import ReportingSummary
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "ActionState",
    "HistoryCell",
    "IdeaState",
    "KpiHistory",
    "KpiSeries",
    "MilestoneState",
    "MilestoneStep",
    "NeedState",
    "PayoutDetail",
    "PayoutTotal",
    "ReviewReport",
    "SeriesPoint",
    "SeriesTier",
]


class MilestoneState(enum.StrEnum):
    """Where a milestone stands on the report's date.

    ``closed``: due on or before it (scored at its due date); ``current``: the milestone
    the report's scorecard is about; ``future``: still to come.

    >>> MilestoneState("closed")
    <MilestoneState.CLOSED: 'closed'>
    """

    CLOSED = "closed"
    CURRENT = "current"
    FUTURE = "future"


@attrs.frozen(kw_only=True)
class MilestoneStep(Model):
    """One milestone of the mission as the report sees it.

    Attributes:
        milestone: Its name.
        start: The first day of its window (the mission start for the first milestone,
            else the day after the previous milestone's due date).
        due: Its due date.
        state: Closed, current or future on the report's date.
        outcome: How a closed milestone ended, from its scorecard at its due date
            (`outcome`): ``met``, ``at_risk`` (below target) or ``missed``; ``None``
            for a milestone not closed, or closed without any data.
    """

    milestone: str | LocalizedText
    start: dt.date
    due: dt.date
    state: MilestoneState
    outcome: Status | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.milestone, "milestone")
        if bad is not None:
            yield bad
        if self.due < self.start - dt.timedelta(days=1):
            yield problem("due", "must not be before the window's start")


@attrs.frozen(kw_only=True)
class HistoryCell(Model):
    """One KPI at one milestone.

    ``state`` is the milestone's (``None``: the milestone has no target for the KPI, and
    nothing else is set). A closed cell has the KPI's result scored at the milestone's due
    date, the current cell its result on the report's scorecard; a future cell has the
    target and threshold only.
    """

    state: MilestoneState | None = None
    target: Decimal | None = None
    threshold: Decimal | None = None
    actual: Decimal | None = None
    status: Status | None = None


@attrs.frozen(kw_only=True)
class KpiHistory(Model):
    """One KPI's results milestone by milestone (a `HistoryCell` per milestone)."""

    kpi: str
    cells: tuple[HistoryCell, ...]


@attrs.frozen(kw_only=True)
class SeriesPoint(Model):
    """A dated value of a KPI's series."""

    on: dt.date
    value: Decimal


@attrs.frozen(kw_only=True)
class SeriesTier(Model):
    """One milestone's window and the KPI's target and threshold there (``None``: no target)."""

    milestone: str | LocalizedText
    start: dt.date
    due: dt.date
    target: Decimal | None = None
    threshold: Decimal | None = None


@attrs.frozen(kw_only=True)
class KpiSeries(Model):
    """One KPI over time, as data: what its chart draws.

    Attributes:
        kpi: The KPI's key.
        cumulative: Whether the points are running totals (a KPI aggregated by ``sum``:
            the total since the start of the point's milestone window, since that is
            what its target is about) rather than the measurements themselves.
        points: The measurements up to the report's date, each on its day in the
            mission's timezone, in time order (day, time of day — a date-only
            measurement first —, then the mission's order).
        tiers: The milestones in order, with the KPI's target and threshold where set.
        expected: The expected path as polylines: between two consecutive milestones
            with a target, the straight line from one target to the next (the
            scorecard's ``expected`` value is on it); flat at the target over a window
            without a previous target.
    """

    kpi: str
    cumulative: bool
    points: tuple[SeriesPoint, ...]
    tiers: tuple[SeriesTier, ...]
    expected: tuple[tuple[SeriesPoint, ...], ...]


@attrs.frozen(kw_only=True)
class ActionState(Model):
    """A corrective action as it stood on the report's date.

    ``status`` and ``closed_on`` are those on that date (an action closed afterwards is
    still open); ``overdue``: open and due before the report's date; ``raised_on``: the
    date of the review that raised it; ``current``: raised by the review reported on.
    """

    action: CorrectiveAction
    raised_on: dt.date
    status: ActionStatus
    closed_on: dt.date | None = None
    overdue: bool = False
    current: bool = False


@attrs.frozen(kw_only=True)
class NeedState(Model):
    """A provider need (information request) as it stood on the report's date."""

    need: ProviderNeed
    raised_on: dt.date
    status: NeedStatus
    answered_on: dt.date | None = None
    answer: str = ""
    current: bool = False


@attrs.frozen(kw_only=True)
class IdeaState(Model):
    """An improvement idea as it stood on the report's date."""

    idea: Idea
    raised_on: dt.date
    status: IdeaStatus
    decided_on: dt.date | None = None
    current: bool = False


@attrs.frozen(kw_only=True)
class PayoutDetail(Model):
    """A payout line and the rule that produced it, enough to say it in words.

    Attributes:
        line: The engine's line.
        tier: The bonus tier reached (``None``: none reached, a bonus withheld on
            insufficient evidence, or not a bonus).
        lowest: The lowest tier's minimum score, for a bonus line below every tier.
        cap: The bonus scheme's cap (a capped bonus), or the service credits' amount at
            risk (capped credits).
    """

    line: Payout
    tier: BonusTier | None = None
    lowest: Decimal | None = None
    cap: Money | None = None


@attrs.frozen(kw_only=True)
class PayoutTotal(Model):
    """The sum of the payout lines of one category (signed, as the lines are)."""

    category: PayoutCategory
    amount: Money


@attrs.frozen(kw_only=True)
class ReviewReport(Model):
    """What a review report says about a mission on one date, computed once by the engine.

    [`review_report`][vendorgov.review_report] builds it; its documentation says which
    review and which date. Every part is seen as it stood on ``at``.

    Attributes:
        mission: The mission's key.
        at: The report's date: the date of its scorecard.
        review: The review reported on (the latest held on or before ``at``; ``None``
            before the first one).
        previous_review: The review held before it, if any.
        card: The scorecard: the one the review recorded when it was held on ``at``;
            for a review held on ``at`` that names its milestone, that milestone
            scored at its due date; else the mission scored at ``at`` (``None`` when
            the mission has no milestone). Each line's ``previous``, ``trend`` and
            ``improving`` are the trend's inputs (the previous milestone's window).
        milestones: Each milestone's window and state, in order.
        history: One `KpiHistory` per KPI of the mission, a `HistoryCell` per milestone
            (empty without milestones or KPIs).
        series: One `KpiSeries` per KPI of the mission, in the mission's order.
        payouts: The payout lines of the milestones reached by ``at``, with their rules.
        payout_totals: The total of each category present, in category order.
        payout_net: The net owed to the provider (``None`` without any payout line).
        reporting: Reporting compliance on ``at``.
        actions: The corrective actions raised by the reviews held by ``at``.
        needs: The provider needs raised by those reviews.
        ideas: The improvement ideas raised by those reviews.
        recognitions: The recognitions given by ``at`` (the reviews' and the
            mission's), oldest first.
        findings: The findings of [`assess`][vendorgov.assess] on ``at``; ``None``
            when the report was built without them (``findings=False``).

    >>> import datetime as dt
    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_mission("logistique")
    >>> report = vendorgov.review_report(mission, dt.date(2026, 9, 8))
    >>> report.review.on, report.card.milestone, report.card.window_start, report.overdue_count
    (datetime.date(2026, 9, 8), 'M+6', datetime.date(2026, 4, 3), 0)
    >>> [(step.state.value, step.outcome and step.outcome.value) for step in report.milestones]
    [('closed', 'missed'), ('closed', 'missed'), ('current', None)]
    """

    mission: str
    at: dt.date
    review: Review | None = None
    previous_review: Review | None = None
    card: Scorecard | None = None
    milestones: tuple[MilestoneStep, ...] = ()
    history: tuple[KpiHistory, ...] = ()
    series: tuple[KpiSeries, ...] = ()
    payouts: tuple[PayoutDetail, ...] = ()
    payout_totals: tuple[PayoutTotal, ...] = ()
    payout_net: Money | None = None
    reporting: ReportingSummary | None = None
    actions: tuple[ActionState, ...] = ()
    needs: tuple[NeedState, ...] = ()
    ideas: tuple[IdeaState, ...] = ()
    recognitions: tuple[Recognition, ...] = ()
    findings: tuple[Finding, ...] | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.review is not None and self.review.on > self.at:
            yield problem("review.on", "the review reported on is held on or before the date")
        # A review about a named milestone shows that milestone's card, scored at its due date.
        about = self.review is not None and self.review.milestone is not None
        if (
            self.card is not None
            and self.card.at != self.at
            and not (about and self.card.at <= self.at)
        ):
            yield problem("card.at", f"the scorecard is dated {self.at.isoformat()}")
        if (self.payout_net is None) != (not self.payouts):
            yield problem("payout_net", "is given exactly when there are payout lines")

    @property
    def overdue_count(self) -> int:
        """How many corrective actions were open past their due date on ``at``."""
        return sum(1 for state in self.actions if state.overdue)

    def series_for(self, kpi: str) -> KpiSeries | None:
        """The series of ``kpi``, if the mission has that KPI."""
        for series in self.series:
            if series.kpi == kpi:
                return series
        return None
