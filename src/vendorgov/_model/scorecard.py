"""Results computed by the engine: scorecards and findings.

They are plain values so that a review can keep the scorecard it discussed,
and so that results cross process boundaries and files unchanged.

A finding (and a payout line) carries a code and typed `Parameter` values, never a
sentence: the words are chosen at the edge, in the reader's language
([`describe`][vendorgov.describe]).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model import hooks
from vendorgov._model.kpi import (
    DEFAULT_MIN_COVERAGE,
    KEY_PATTERN,
    Direction,
    min_coverage_problem,
)
from vendorgov._model.money import Money
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov._model.voice import ContestStatus, Evaluation
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["Finding", "KpiResult", "Parameter", "Scorecard", "Severity", "Status"]

ParameterValue = str | int | Decimal | dt.date | Money | tuple[str, ...]
"""What a `Parameter` holds: a text, an integer, an exact number, a date, an amount or
a list of texts."""

_VALUE_FIELDS = ("text", "items", "integer", "number", "day", "money")


class Status(enum.StrEnum):
    """Where a KPI stands against its target and threshold.

    >>> Status("met")
    <Status.MET: 'met'>
    """

    MET = "met"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_DATA = "no_data"


@attrs.frozen(kw_only=True)
class KpiResult(Model):
    """One KPI's line of a scorecard.

    Attributes:
        kpi: The KPI's key.
        actual: The aggregated value over the window, ``None`` without data.
        target: The milestone's target.
        threshold: The milestone's worst acceptable value.
        points: 0-100, ``None`` without data.
        status: Met, at risk, missed or no data.
        weight: The KPI's weight.
        count: How many measurements fell in the window.
        expected: The value expected at the scorecard's date on the path between
            the previous milestone's target and this one's.
        on_track: Whether ``actual`` is at least as good as ``expected``.
        previous: The actual value over the previous window.
        evaluations: For a qualitative KPI, the evaluations dated in the window (the
            evaluators' and the provider's self-assessments), in date order.
        self_assessment: For a qualitative KPI, the provider's self-assessments over
            the window, combined as the evaluators' scores are; shown, never scored.
        contest: The status of a contest of this result, as known on the scorecard's
            date: ``open`` means the result is contested.
        original: When a resolved contest replaced the value, the value it replaced.

    >>> from decimal import Decimal
    >>> KpiResult(kpi="order_accuracy", actual=None, target=Decimal("99"),
    ...           threshold=Decimal("97"), points=None, status=Status.NO_DATA,
    ...           weight=Decimal(1), count=0).status
    <Status.NO_DATA: 'no_data'>
    """

    kpi: str
    target: Decimal
    threshold: Decimal
    status: Status
    weight: Decimal
    count: int
    actual: Decimal | None = None
    points: Decimal | None = None
    direction: Direction = Direction.HIGHER
    expected: Decimal | None = None
    on_track: bool | None = None
    previous: Decimal | None = None
    evaluations: tuple[Evaluation, ...] = ()
    self_assessment: Decimal | None = None
    contest: ContestStatus | None = None
    original: Decimal | None = None

    @property
    def contested(self) -> bool:
        """Whether the result is contested (a contest open on the scorecard's date)."""
        return self.contest is ContestStatus.OPEN

    def _problems(self) -> Iterator[ErrorDetail]:
        if (self.actual is None) != (self.status is Status.NO_DATA):
            yield problem("status", "no_data exactly when there is no actual value")
        if (self.points is None) != (self.actual is None):
            yield problem("points", "points exist exactly when there is an actual value")
        if self.points is not None and not 0 <= self.points <= 100:
            yield problem("points", f"must be between 0 and 100, got {self.points}")

    @property
    def trend(self) -> Decimal | None:
        """``actual - previous``: the change since the previous window, if both exist."""
        if self.actual is None or self.previous is None:
            return None
        return self.actual - self.previous

    @property
    def improving(self) -> bool | None:
        """Whether the KPI got better than in the previous window (``None`` if unknown)."""
        trend = self.trend
        if trend is None:
            return None
        return trend > 0 if self.direction is Direction.HIGHER else trend < 0


@attrs.frozen(kw_only=True)
class Scorecard(Model):
    """A mission's KPI results and overall score at one date.

    ``overall`` is ``None`` when no KPI had data: not 0, and not 100.
    ``coverage`` is the share of the KPI weight that had data and
    ``min_coverage`` the minimum the mission sets for a verdict: below it the
    overall score is still computed, exactly, but ``standing`` is ``None`` and
    ``sufficient`` is false, "insufficient evidence" rather than a band.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> card = Scorecard(mission="logistique", at=dt.date(2027, 4, 15), milestone="M+1",
    ...                  due=dt.date(2027, 4, 15), window_start=dt.date(2027, 3, 15),
    ...                  window_end=dt.date(2027, 4, 15), results=(), overall=None,
    ...                  coverage=Decimal(0), standing=None)
    >>> card.overall is None
    True
    """

    mission: str
    at: dt.date
    milestone: str | LocalizedText
    due: dt.date
    window_start: dt.date
    window_end: dt.date
    results: tuple[KpiResult, ...]
    coverage: Decimal
    overall: Decimal | None = None
    standing: str | None = None
    min_coverage: Decimal = DEFAULT_MIN_COVERAGE

    def _problems(self) -> Iterator[ErrorDetail]:
        bad_minimum = min_coverage_problem(self.min_coverage, "min_coverage")
        if bad_minimum is not None:
            yield bad_minimum
        elif self.standing is not None and self.coverage < self.min_coverage:
            yield problem(
                "standing",
                f"is withheld when coverage ({self.coverage}) is below min_coverage "
                f"({self.min_coverage}): insufficient evidence",
            )
        if self.window_end < self.window_start - dt.timedelta(days=1):
            yield problem(
                "window_end",
                "must not be before window_start (one day before means an empty window)",
            )
        if not 0 <= self.coverage <= 1:
            yield problem("coverage", f"is a share between 0 and 1, got {self.coverage}")
        if self.overall is not None and not 0 <= self.overall <= 100:
            yield problem("overall", f"must be between 0 and 100, got {self.overall}")

    @property
    def sufficient(self) -> bool:
        """Whether there is a score on enough evidence for a verdict.

        True when ``overall`` exists and ``coverage`` reaches ``min_coverage``;
        false means "insufficient evidence" (or no data at all): no band, no
        result bonus, no recognition on it.
        """
        return self.overall is not None and self.coverage >= self.min_coverage

    @property
    def empty_window(self) -> bool:
        """Whether the window holds no day: scored before the mission started.

        [`score`][vendorgov.score] then gives a window that starts and ends on the mission's
        start, after ``at``. A window ending the day before it starts (how earlier versions
        wrote it) is empty too.
        """
        return self.at < self.window_start or self.window_end < self.window_start

    @property
    def contested(self) -> tuple[str, ...]:
        """The KPIs whose result is contested (a contest open on ``at``), in order."""
        return tuple(line.kpi for line in self.results if line.contested)

    def result(self, kpi: str) -> KpiResult | None:
        """The line for ``kpi``, if it has a target at this milestone."""
        for line in self.results:
            if line.kpi == kpi:
                return line
        return None

    def rows(self, *, exact: bool = True) -> list[dict[str, object]]:
        """One plain dict per KPI line, for ``pandas.DataFrame(card.rows())``.

        Keys, in order: ``mission`` (the mission's key, so that the rows of
        several missions concatenate), ``at``, ``kpi``, ``actual``, ``target``,
        ``threshold``, ``expected``, ``points``, ``status`` (its text:
        ``"met"``...), ``weight``, ``count``, ``previous``, ``trend``
        (``actual - previous``) and ``on_track``. Numbers are exact ``Decimal``
        values (``None`` without data); with ``exact=False`` they are ``float``
        values, the numbers pandas and polars compute with (a ``Decimal``
        column is an ``object`` column in pandas). vendorgov itself does not
        need pandas.

        >>> import datetime as dt
        >>> import vendorgov
        >>> mission = vendorgov.examples.demo_missions()[0]
        >>> row = vendorgov.score(mission, dt.date(2026, 11, 29)).rows()[2]
        >>> row["kpi"], row["status"], row["points"]
        ('damage_rate', 'met', Decimal('100'))
        """
        number = _exact if exact else _float
        return [
            {
                "mission": self.mission,
                "at": self.at,
                "kpi": line.kpi,
                "actual": number(line.actual),
                "target": number(line.target),
                "threshold": number(line.threshold),
                "expected": number(line.expected),
                "points": number(line.points),
                "status": line.status.value,
                "weight": number(line.weight),
                "count": line.count,
                "previous": number(line.previous),
                "trend": number(line.trend),
                "on_track": line.on_track,
            }
            for line in self.results
        ]

    def _repr_html_(self) -> str:
        """An HTML table for notebooks (Jupyter calls it)."""
        return hooks.html("scorecard", self)  # the display edge registers the view


@attrs.frozen(kw_only=True)
class Parameter(Model):
    """One named, typed value of a finding or a payout rule: what its sentence needs.

    Exactly one of the value fields is set, so a parameter keeps its type through
    TOML, JSON and YAML (``{name = "days", integer = 16}``). Build one with `of`,
    read it with `value`.

    Attributes:
        name: The parameter's name (``days``, ``kpis``...), a lower-case key.
        text: A text as written in the mission (a name, a description) or a code
            (an enum member's value, ``monthly``).
        items: A list of texts (the keys of the KPIs missed), never empty when set.
        integer: A whole number (a count of days).
        number: An exact number (a score).
        day: A date.
        money: An amount with its currency, exact (not rounded).

    >>> Parameter.of("days", 16)
    Parameter(name='days', text=None, items=(), integer=16, number=None, day=None, money=None)
    >>> Parameter.of("kpis", ["accuracy", "delay"]).value
    ('accuracy', 'delay')
    """

    name: str
    text: str | None = None
    items: tuple[str, ...] = ()
    integer: int | None = None
    number: Decimal | None = None
    day: dt.date | None = None
    money: Money | None = None

    @classmethod
    def of(cls, name: str, value: object) -> Parameter:
        """The parameter ``name`` holding ``value``, in the field its type calls for.

        An enum member is kept as its value (a text); a list or tuple of texts as
        ``items``. A float, a boolean and a datetime are refused.

        Raises:
            ValidationError: For a value of another type (path ``name``).

        >>> import datetime as dt
        >>> Parameter.of("due", dt.date(2027, 2, 28)).day
        datetime.date(2027, 2, 28)
        """
        if isinstance(value, enum.Enum):
            value = value.value
        if isinstance(value, str):
            return cls(name=name, text=value)
        if isinstance(value, bool):
            pass  # a flag is a rule of its own, not a parameter
        elif isinstance(value, int):
            return cls(name=name, integer=value)
        elif isinstance(value, Decimal):
            return cls(name=name, number=value)
        elif isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return cls(name=name, day=value)
        elif isinstance(value, Money):
            return cls(name=name, money=value)
        elif isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return cls(name=name, items=tuple(value))
        raise ValidationError(
            [
                ErrorDetail(
                    name,
                    f"a parameter is a text, an int, a Decimal, a date, a Money or a list of "
                    f"texts, got {type(value).__name__}",
                )
            ]
        )

    @property
    def value(self) -> ParameterValue:
        """The value, whichever field holds it."""
        for field in _VALUE_FIELDS:
            value = getattr(self, field)
            if value is not None and value != ():
                return value  # type: ignore[no-any-return]
        raise AssertionError("a parameter holds a value")  # pragma: no cover - validated

    def _problems(self) -> Iterator[ErrorDetail]:
        if not KEY_PATTERN.fullmatch(self.name):
            yield problem("name", f"{excerpt(self.name)} is not a valid parameter name")
        given = [field for field in _VALUE_FIELDS if getattr(self, field) not in (None, ())]
        if len(given) != 1:
            listed = ", ".join(_VALUE_FIELDS)
            yield problem(
                "text" if not given else given[1],
                f"exactly one of {listed} holds the value, got {len(given)}",
            )


def parameter_value(params: tuple[Parameter, ...], name: str) -> ParameterValue:
    """The value of the parameter ``name`` among ``params`` (a finding's, a payout line's).

    Raises:
        KeyError: When there is no such parameter.
    """
    for item in params:
        if item.name == name:
            return item.value
    raise KeyError(name)


def parameters_problems(params: tuple[Parameter, ...], path: str) -> Iterator[ErrorDetail]:
    """Problems of a tuple of parameters: each name once."""
    seen: set[str] = set()
    for index, param in enumerate(params):
        if param.name in seen:
            yield problem(f"{path}[{index}].name", f"repeats the parameter {excerpt(param.name)}")
        seen.add(param.name)


def parameter_values(params: tuple[Parameter, ...]) -> dict[str, ParameterValue]:
    """Name → value, in order."""
    return {param.name: param.value for param in params}


class Severity(enum.StrEnum):
    """How urgent a finding is.

    >>> Severity("info")
    <Severity.INFO: 'info'>
    """

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """2 for critical, 1 for warning, 0 for info (sort descending on it)."""
        return {"info": 0, "warning": 1, "critical": 2}[self.value]


@attrs.frozen(kw_only=True)
class Finding(Model):
    """Something about a mission that needs attention: a code and its parameters.

    A finding holds no sentence: [`describe`][vendorgov.describe] puts it into
    words in the reader's language, from its code and parameters (the codes and
    the parameters of each are listed in ``docs/reference/findings.md``).

    Attributes:
        code: A stable machine code tools can rely on (``REVIEW_OVERDUE``).
        severity: Info, warning or critical.
        subject: What it concerns, as a path into the mission
            (``kpis[order_accuracy]``, ``contract.payment``...).
        at: The date it was assessed for.
        due: The date the problem arose or falls due (a missed due date, a
            deadline ahead), when there is one.
        params: What the sentence about it needs, besides ``due`` (the training's
            topic, the number of days...): typed values, each name once.

    >>> import datetime as dt
    >>> finding = Finding(code="REVIEW_OVERDUE", severity=Severity.WARNING,
    ...                   subject="reviews", at=dt.date(2027, 6, 1), due=dt.date(2027, 5, 3),
    ...                   params=(Parameter.of("frequency", "monthly"),))
    >>> finding.param("frequency")
    'monthly'
    """

    code: str
    severity: Severity
    subject: str
    at: dt.date
    due: dt.date | None = None
    params: tuple[Parameter, ...] = ()

    def _problems(self) -> Iterator[ErrorDetail]:
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", self.code):
            yield problem("code", f"must be an UPPER_SNAKE_CASE code, got {excerpt(self.code)}")
        yield from parameters_problems(self.params, "params")

    def param(self, name: str) -> ParameterValue:
        """The value of the parameter ``name``.

        Raises:
            KeyError: When the finding has no such parameter.
        """
        return parameter_value(self.params, name)

    def _repr_html_(self) -> str:
        """An HTML table of this one finding, for notebooks."""
        return hooks.html("findings", (self,))  # the display edge registers the view


def _exact(value: Decimal | None) -> Decimal | None:
    return value


def _float(value: Decimal | None) -> float | None:
    """A number as pandas and polars compute with it (``None`` stays missing)."""
    return None if value is None else float(value)
