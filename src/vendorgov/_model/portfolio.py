"""A portfolio at a glance: one summary per mission, sorted by what needs attention.

These values are results, computed by ``vendorgov.summarize`` and
``vendorgov.summarize_portfolio`` (or read from files by
``vendorgov.load_portfolio``); they are not documents a file holds, so they
have no ``type`` of their own in the file format.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import attrs

from vendorgov._model import hooks
from vendorgov._model.scorecard import Scorecard, Severity
from vendorgov._model.sequences import Findings, Payouts
from vendorgov._model.text import LocalizedText
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "Deadline",
    "DeadlineKind",
    "FileProblem",
    "MissionSummary",
    "Portfolio",
    "ScorePoint",
    "Scorecards",
]


class DeadlineKind(enum.StrEnum):
    """What falls due on an upcoming date.

    >>> DeadlineKind("milestone")
    <DeadlineKind.MILESTONE: 'milestone'>
    """

    MILESTONE = "milestone"
    REVIEW = "review"
    ACTION = "action"
    REPORT = "report"
    NOTICE = "notice"
    CONTRACT_END = "contract_end"


@attrs.frozen(kw_only=True)
class Deadline:
    """One date coming up for a mission.

    Attributes:
        kind: What falls due.
        on: The date.
        subject: What it concerns: the milestone's name, the action's id, or
            empty for a review, a report, the notice deadline, the contract's end.

    >>> Deadline(kind=DeadlineKind.REVIEW, on=dt.date(2026, 12, 7)).subject
    ''
    """

    kind: DeadlineKind
    on: dt.date
    subject: str | LocalizedText = ""


@attrs.frozen
class ScorePoint:
    """The overall score on one day (``None`` without data), a point of a sparkline.

    >>> ScorePoint(dt.date(2026, 11, 29), Decimal("87.5")).overall
    Decimal('87.5')
    """

    on: dt.date
    overall: Decimal | None


@attrs.frozen(kw_only=True)
class MissionSummary:
    """One mission of a portfolio at a date: its scorecard, findings, path and deadlines.

    Attributes:
        mission: The mission's key.
        name: The mission's name, as written.
        provider: The provider's name.
        language: The language the mission's texts are written in.
        at: The date it was summarized at.
        scorecard: The scorecard at ``at``.
        findings: The findings at ``at``, most urgent first.
        history: The overall score every week over the last twelve weeks (from
            the mission's start when it is younger), oldest first, ``at`` last.
        trend: The overall score at ``at`` minus the one four weeks earlier
            (``None`` when either has no score).
        deadlines: What falls due in the next 30 days, soonest first.
        payouts: What the incentive schemes owe at ``at`` (``vendorgov.payouts``).
        file: The file the mission was read from, when it was.

    >>> import datetime as dt
    >>> import vendorgov
    >>> summary = vendorgov.summarize(vendorgov.examples.demo_mission("logistique"),
    ...                               dt.date(2026, 11, 29))
    >>> summary.mission, summary.critical, len(summary.history)
    ('logistique', 2, 13)
    """

    mission: str
    name: str | LocalizedText
    provider: str
    language: str
    at: dt.date
    scorecard: Scorecard
    findings: Findings
    history: tuple[ScorePoint, ...]
    trend: Decimal | None
    deadlines: tuple[Deadline, ...]
    payouts: Payouts
    attention: tuple[Any, ...] = attrs.field(eq=False, repr=False)
    """The sort key of `Portfolio` (see ``vendorgov.summarize``)."""
    file: str | None = None

    def count(self, severity: Severity | str) -> int:
        """How many findings have ``severity``."""
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def critical(self) -> int:
        """How many critical findings."""
        return self.count(Severity.CRITICAL)

    @property
    def standing_rank(self) -> int:
        """The standing from the worst: 0 the mission's lowest band, 1 no verdict
        (insufficient evidence or no data), 2 the next band up, and so on."""
        rank: int = self.attention[1]
        return rank

    @property
    def warning(self) -> int:
        """How many warning findings."""
        return self.count(Severity.WARNING)

    def row(self, *, exact: bool = True) -> dict[str, object]:
        """The mission as one plain dict (see `Portfolio.rows`)."""
        card = self.scorecard
        nearest = self.deadlines[0] if self.deadlines else None
        row: dict[str, object] = {
            "mission": self.mission,
            "name": _text(self.name, self.language),
            "provider": self.provider,
            "at": self.at,
            "milestone": _text(card.milestone, self.language),
            "due": card.due,
            "overall": _number(card.overall, exact),
            "coverage": _number(card.coverage, exact),
            "standing": card.standing,
            "sufficient": card.sufficient,
            "trend": _number(self.trend, exact),
            "critical": self.critical,
            "warning": self.warning,
            "info": self.count(Severity.INFO),
            "next_deadline": None if nearest is None else nearest.on,
            "next_deadline_kind": None if nearest is None else nearest.kind.value,
            "file": self.file,
        }
        return row


@attrs.frozen(kw_only=True)
class FileProblem:
    """A file of a portfolio that could not be read as a mission: its errors.

    >>> from vendorgov import ErrorDetail
    >>> FileProblem(file="broken.toml", errors=(ErrorDetail("key", "is required"),)).file
    'broken.toml'
    """

    file: str
    errors: tuple[ErrorDetail, ...]
    more: int | None = 0


@attrs.frozen(kw_only=True)
class Portfolio:
    """Missions summarized at a date, sorted by what needs attention, and the files that failed.

    The order (``summaries``): more critical findings first; then the standing,
    worst first — the mission's lowest band (*poor*), then no verdict
    (insufficient evidence, or no data yet), then the other bands from worst to
    best; then the lower overall score; then more warnings; then the key.

    Attributes:
        at: The date given, or ``None`` when each mission was summarized at
            today's date in its own timezone.
        summaries: One per mission, in the order above.
        problems: The files that could not be read, in the order found.
        ignored: Files found in folders that are not mission files (another
            extension, or a file that is not a vendorgov mission).

    >>> import datetime as dt
    >>> import vendorgov
    >>> portfolio = vendorgov.summarize_portfolio(vendorgov.examples.demo_missions(),
    ...                                           dt.date(2026, 11, 29))
    >>> [summary.mission for summary in portfolio.summaries]
    ['logistique', 'site_web', 'community']
    >>> portfolio.critical
    True
    """

    at: dt.date | None
    summaries: tuple[MissionSummary, ...]
    problems: tuple[FileProblem, ...] = ()
    ignored: tuple[str, ...] = ()

    @property
    def critical(self) -> bool:
        """Whether any mission has a critical finding."""
        return any(summary.critical for summary in self.summaries)

    def rows(self, *, exact: bool = True) -> list[dict[str, object]]:
        """One plain dict per mission, in the portfolio's order, for a data frame.

        Keys: ``mission``, ``name``, ``provider``, ``at``, ``milestone``,
        ``due``, ``overall``, ``coverage`` (a share, 0 to 1), ``standing``,
        ``sufficient``, ``trend``, ``critical``, ``warning``, ``info``,
        ``next_deadline``, ``next_deadline_kind`` and ``file``. Numbers are
        exact ``Decimal`` values; ``exact=False`` gives ``float`` instead, the
        type pandas and polars compute with (``None`` stays ``None``).
        """
        return [summary.row(exact=exact) for summary in self.summaries]

    def finding_rows(self, *, exact: bool = True) -> list[dict[str, object]]:
        """Every mission's findings, one dict each, with the mission's key first."""
        return [
            row
            for summary in self.summaries
            for row in summary.findings.rows(mission=summary.mission, exact=exact)
        ]

    def _repr_html_(self) -> str:
        """An HTML table for notebooks (Jupyter calls it)."""
        return hooks.html("portfolio", self)  # the display edge registers the view


class Scorecards(tuple[Scorecard, ...]):
    """Scorecards as a tuple that notebooks show as a table: a score history.

    [`score_history`][vendorgov.score_history] returns one. It is a tuple: it
    equals the tuple of the same scorecards.

    >>> import datetime as dt
    >>> import vendorgov
    >>> history = vendorgov.score_history(vendorgov.examples.demo_mission("logistique"),
    ...                                   dt.date(2026, 11, 29))
    >>> [(row["milestone"], row["overall"]) for row in history.rows(exact=False)]
    [('M+1', 76.07142857142857), ('M+6', 82.00432900432901)]
    """

    __slots__ = ()

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return type(self)(super().__getitem__(index))
        return super().__getitem__(index)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({tuple.__repr__(self)})"

    def rows(self, *, exact: bool = True) -> list[dict[str, object]]:
        """One plain dict per scorecard: ``mission``, ``at``, ``milestone``, ``due``,
        ``overall``, ``coverage``, ``standing``, ``sufficient``, ``met``, ``at_risk``,
        ``missed`` and ``no_data`` (counts of KPI lines). ``exact=False`` gives floats."""
        rows: list[dict[str, object]] = []
        for card in self:
            statuses = [line.status.value for line in card.results]
            rows.append(
                {
                    "mission": card.mission,
                    "at": card.at,
                    "milestone": _text(card.milestone, ""),
                    "due": card.due,
                    "overall": _number(card.overall, exact),
                    "coverage": _number(card.coverage, exact),
                    "standing": card.standing,
                    "sufficient": card.sufficient,
                    **{name: statuses.count(name) for name in _STATUSES},
                }
            )
        return rows

    def _repr_html_(self) -> str:
        """An HTML table for notebooks (Jupyter calls it)."""
        return hooks.html("scorecards", self)  # the display edge registers the view


_STATUSES = ("met", "at_risk", "missed", "no_data")


def _number(value: Decimal | None, exact: bool) -> Decimal | float | None:
    if value is None or exact:
        return value
    return float(value)


def _text(value: str | LocalizedText, language: str) -> str:
    return value if isinstance(value, str) else value.in_language(language, language)
