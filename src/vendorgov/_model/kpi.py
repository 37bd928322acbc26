"""KPIs, tiered targets (milestones), horizons and measurements."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model.calendar_math import add_months, end_of_month
from vendorgov._model.limits import instant_problem
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import UNKNOWN, Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "DEFAULT_BANDS",
    "DEFAULT_MIN_COVERAGE",
    "Aggregation",
    "Band",
    "Consensus",
    "Direction",
    "Horizon",
    "HorizonKind",
    "Kpi",
    "Measurement",
    "Milestone",
    "Scale",
    "Target",
]

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def key_problem(value: str, path: str) -> ErrorDetail | None:
    """A problem if ``value`` is not a slug (``on_time_shipping``)."""
    if value is UNKNOWN:  # did not load: reported already
        return None
    if KEY_PATTERN.fullmatch(value):
        return None
    return problem(
        path,
        f"{excerpt(value)} is not a valid key: use lower-case letters, digits and '_', "
        "starting with a letter (at most 64 characters)",
    )


def text_problem(value: str | LocalizedText, path: str) -> ErrorDetail | None:
    """A problem if a required text is blank (a `LocalizedText` never is)."""
    if value is UNKNOWN:  # did not load: reported already
        return None
    if isinstance(value, LocalizedText) or value.strip():
        return None
    return problem(path, "must not be empty")


class Direction(enum.StrEnum):
    """Whether a higher or a lower value of a KPI is better.

    >>> Direction("higher")
    <Direction.HIGHER: 'higher'>
    """

    HIGHER = "higher"
    LOWER = "lower"


class Aggregation(enum.StrEnum):
    """How the measurements of a window are combined into one actual value.

    >>> Aggregation("mean")
    <Aggregation.MEAN: 'mean'>
    """

    MEAN = "mean"
    SUM = "sum"
    LAST = "last"
    MIN = "min"
    MAX = "max"
    MEDIAN = "median"


class Consensus(enum.StrEnum):
    """How the scores of several evaluators of one round combine into one value.

    ``median`` (the default: one generous or severe evaluator does not move it;
    for an even count, the mean of the two middle scores, exact) or ``mean``.

    >>> Consensus("median")
    <Consensus.MEDIAN: 'median'>
    """

    MEDIAN = "median"
    MEAN = "mean"


_SCALE_LIMIT = 1000


@attrs.frozen(kw_only=True)
class Scale(Model):
    """The scale a qualitative KPI is scored on: whole numbers from ``minimum`` to ``maximum``.

    ``labels``, when given, name each step from the lowest up (one label per step):
    a named scale. Scores stay numbers in the data; the labels are what people read
    next to them.

    >>> from decimal import Decimal
    >>> scale = Scale(labels=("insuffisant", "correct", "bon", "très bon", "excellent"))
    >>> scale.minimum, scale.maximum, scale.label_of(Decimal(4)), scale.score_of("bon")
    (1, 5, 'très bon', Decimal('3'))
    """

    minimum: int = 1
    maximum: int = 5
    labels: tuple[str, ...] = ()

    def _problems(self) -> Iterator[ErrorDetail]:
        if not -_SCALE_LIMIT <= self.minimum < self.maximum <= _SCALE_LIMIT:
            yield problem(
                "maximum",
                f"a scale runs from a minimum to a greater maximum, both within "
                f"±{_SCALE_LIMIT}; got {self.minimum} to {self.maximum}",
            )
            return
        steps = self.maximum - self.minimum + 1
        if self.labels and len(self.labels) != steps:
            yield problem(
                "labels",
                f"needs one label per step ({steps} from {self.minimum} to {self.maximum}), "
                f"got {len(self.labels)}",
            )
        seen: set[str] = set()
        for index, label in enumerate(self.labels):
            if not label.strip():
                yield problem(f"labels[{index}]", "must not be empty")
            elif label in seen:
                yield problem(f"labels[{index}]", f"duplicate label {excerpt(label)}")
            seen.add(label)

    def contains(self, value: Decimal) -> bool:
        """Whether ``value`` is a step of the scale (a whole number within it)."""
        return value == value.to_integral_value() and self.minimum <= value <= self.maximum

    def label_of(self, value: Decimal) -> str | None:
        """The label of a step, ``None`` for an unnamed scale or a value between steps."""
        if not self.labels or not self.contains(value):
            return None
        return self.labels[int(value) - self.minimum]

    def score_of(self, label: str) -> Decimal:
        """The step a label names.

        Raises:
            ValidationError: When the scale has no such label.
        """
        if label in self.labels:
            return Decimal(self.labels.index(label) + self.minimum)
        known = ", ".join(self.labels) or "none"
        raise ValidationError(
            [problem("label", f"unknown label {excerpt(label)} (known: {known})")]
        )


@attrs.frozen(kw_only=True)
class Kpi(Model):
    """A key performance indicator the provider is steered on.

    Attributes:
        key: A slug that measurements and targets refer to (``on_time_shipping``).
        name: The name people read: a string, or a table of translations
            (``{ fr = "...", en = "..." }``, a [`LocalizedText`][vendorgov.LocalizedText]).
        unit: The unit of its values (``%``, ``h``, ``EUR``...).
        direction: Whether higher or lower values are better.
        aggregation: How a window's measurements combine (mean by default).
        weight: Its weight in the overall score; must be positive.
        description: How it is measured (a string or a table of translations).
        scale: For a qualitative KPI, the scale evaluators score it on: it is then
            scored by [`Evaluation`][vendorgov.Evaluation]s, never by measurements.
        consensus: For a qualitative KPI, how one round's evaluator scores combine
            (median by default, or mean).

    >>> from decimal import Decimal
    >>> kpi = Kpi(key="on_time_shipping", name="On-time shipping", unit="%",
    ...           direction=Direction.HIGHER)
    >>> kpi.weight
    Decimal('1')
    """

    key: str
    name: str | LocalizedText
    unit: str
    direction: Direction
    aggregation: Aggregation = Aggregation.MEAN
    weight: Decimal = Decimal(1)
    description: str | LocalizedText = ""
    scale: Scale | None = None
    consensus: Consensus = Consensus.MEDIAN

    @property
    def qualitative(self) -> bool:
        """Whether evaluators score this KPI on a scale."""
        return self.scale is not None

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (key_problem(self.key, "key"), text_problem(self.name, "name")):
            if bad is not None:
                yield bad
        if self.weight <= 0:
            yield problem("weight", f"must be greater than 0, got {self.weight}")

    def is_better(self, value: Decimal, than: Decimal) -> bool:
        """Whether ``value`` is strictly better than ``than`` for this KPI.

        >>> Kpi(key="damage_rate", name="Damage", unit="%",
        ...     direction=Direction.LOWER).is_better(Decimal("0.2"), Decimal("0.5"))
        True
        """
        return value > than if self.direction is Direction.HIGHER else value < than


class HorizonKind(enum.StrEnum):
    """The kinds of [`Horizon`][vendorgov.Horizon].

    >>> HorizonKind("M")
    <HorizonKind.MONTHS: 'M'>
    """

    MONTHS = "M"
    WEEKS = "W"
    DAYS = "D"
    END_OF_MONTH = "EOM"
    END_OF_QUARTER = "EOQ"
    END_OF_YEAR = "EOY"
    DATE = "date"


_RELATIVE = re.compile(r"^(M|W|D)\+([0-9]{1,5})$")
_FISCAL = re.compile(r"^EOY@([0-9]{2})$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_LIMITS = {HorizonKind.MONTHS: 1200, HorizonKind.WEEKS: 5200, HorizonKind.DAYS: 36600}


@attrs.frozen(kw_only=True)
class Horizon(Model):
    """When a milestone falls, relative to the mission start.

    Written ``M+6`` (six months after the start), ``W+2``, ``D+10``, ``EOM``,
    ``EOQ``, ``EOY`` (end of the start's calendar year), ``EOY@06`` (end of the
    fiscal year ending in June), or an ISO date.

    >>> import datetime as dt
    >>> Horizon.parse("M+1").resolve(dt.date(2027, 1, 31))
    datetime.date(2027, 2, 28)
    >>> Horizon.parse("EOY").resolve(dt.date(2027, 3, 15))
    datetime.date(2027, 12, 31)
    >>> str(Horizon.parse("EOY@06"))
    'EOY@06'
    """

    kind: HorizonKind
    count: int = 0
    fiscal_year_end: int | None = None
    on: dt.date | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        limit = _LIMITS.get(self.kind)
        if limit is not None:
            if not 1 <= self.count <= limit:
                yield problem("count", f"must be between 1 and {limit}, got {self.count}")
        elif self.count != 0:
            yield problem("count", f"only M, W and D horizons have a count ({self.kind})")
        if self.fiscal_year_end is not None:
            if self.kind is not HorizonKind.END_OF_YEAR:
                yield problem("fiscal_year_end", "only an EOY horizon has a fiscal year end")
            elif not 1 <= self.fiscal_year_end <= 12:
                yield problem(
                    "fiscal_year_end", f"must be a month 1-12, got {self.fiscal_year_end}"
                )
        if (self.on is None) != (self.kind is not HorizonKind.DATE):
            yield problem("on", "a date horizon needs a date, and only a date horizon has one")

    @classmethod
    def parse(cls, text: str) -> Horizon:
        """Read a horizon from its text form.

        Raises:
            ValidationError: When the text is not a horizon.

        >>> Horizon.parse("W+2")
        Horizon(kind=<HorizonKind.WEEKS: 'W'>, count=2, fiscal_year_end=None, on=None)
        """
        if not isinstance(text, str):
            raise ValidationError([problem("", f"expected a horizon string, got {excerpt(text)}")])
        value = text.strip()
        match = _RELATIVE.match(value)
        if match:
            return cls(kind=HorizonKind(match.group(1)), count=int(match.group(2)))
        if value in ("EOM", "EOQ", "EOY"):
            return cls(kind=HorizonKind(value))
        match = _FISCAL.match(value)
        if match:
            return cls(kind=HorizonKind.END_OF_YEAR, fiscal_year_end=int(match.group(1)))
        if _ISO_DATE.match(value):
            try:
                return cls(kind=HorizonKind.DATE, on=dt.date.fromisoformat(value))
            except ValueError as error:
                raise ValidationError(
                    [problem("", f"invalid date {excerpt(value)}: {error}")]
                ) from None
        raise ValidationError(
            [
                problem(
                    "",
                    f"invalid horizon {excerpt(text)}: expected M+n, W+n, D+n, EOM, EOQ, EOY, "
                    "EOY@MM or an ISO date (YYYY-MM-DD)",
                )
            ]
        )

    def __str__(self) -> str:
        if self.kind in _LIMITS:
            return f"{self.kind.value}+{self.count}"
        if self.kind is HorizonKind.DATE:
            assert self.on is not None
            return self.on.isoformat()
        if self.fiscal_year_end is not None:
            return f"EOY@{self.fiscal_year_end:02d}"
        return self.kind.value

    def resolve(self, start: dt.date) -> dt.date:
        """The due date for a mission that starts on ``start``.

        Month horizons are anchored on ``start`` and clamp to the end of the
        month (31 January + 1 month is the last day of February); the "Dates"
        page of the documentation explains every horizon with worked examples.

        >>> import datetime as dt
        >>> Horizon.parse("M+1").resolve(dt.date(2028, 1, 31))
        datetime.date(2028, 2, 29)
        """
        return resolve_horizon(self, start)


def resolve_horizon(horizon: Horizon, start: dt.date) -> dt.date:
    """The due date of ``horizon`` for a mission starting on ``start`` (`Horizon.resolve`).

    Plain stdlib arithmetic: a due date is an invariant of the model (milestones in
    order, within the contract), so the model computes it; the engine re-exports this.

    >>> resolve_horizon(Horizon.parse("EOQ"), dt.date(2027, 2, 10))
    datetime.date(2027, 3, 31)
    """
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


@attrs.frozen(kw_only=True)
class Target(Model):
    """The value a KPI should reach at a milestone, and the worst acceptable one.

    The threshold lies on the worse side of the target: below it when higher is
    better, above it when lower is better (checked by the mission, which knows
    the KPI's direction).

    >>> from decimal import Decimal
    >>> Target(kpi="on_time_shipping", target=Decimal("98"), threshold=Decimal("95"))
    Target(kpi='on_time_shipping', target=Decimal('98'), threshold=Decimal('95'))
    """

    kpi: str
    target: Decimal
    threshold: Decimal

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = key_problem(self.kpi, "kpi")
        if bad is not None:
            yield bad
        if self.target == self.threshold:
            yield problem("threshold", f"must differ from the target ({self.target})")


@attrs.frozen(kw_only=True)
class Milestone(Model):
    """A tier of targets (*palier*) due at a horizon after the mission start.

    >>> from decimal import Decimal
    >>> m = Milestone(name="M+1", horizon=Horizon.parse("M+1"),
    ...               targets=(Target(kpi="order_accuracy", target=Decimal("99"),
    ...                               threshold=Decimal("97")),))
    >>> m.target_for("order_accuracy").threshold
    Decimal('97')
    """

    name: str | LocalizedText
    horizon: Horizon
    targets: tuple[Target, ...] = ()
    description: str | LocalizedText = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad
        seen: dict[str, int] = {}
        for index, target in enumerate(self.targets):
            if target.kpi in seen:
                yield problem(
                    f"targets[{index}].kpi",
                    f"KPI {excerpt(target.kpi)} already has a target "
                    f"at targets[{seen[target.kpi]}]",
                )
            seen.setdefault(target.kpi, index)

    def target_for(self, kpi: str) -> Target | None:
        """The target this milestone sets for ``kpi``, if any."""
        for target in self.targets:
            if target.kpi == kpi:
                return target
        return None


@attrs.frozen(kw_only=True)
class Measurement(Model):
    """One observed value of a KPI.

    Attributes:
        kpi: The KPI's key.
        value: The value, exact.
        at: A date, or a timezone-aware datetime (naive datetimes are refused).
        source: Where the value comes from (a report, a tool export...).
        note: Free text.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> Measurement(kpi="order_accuracy", value=Decimal("99.2"), at=dt.date(2027, 4, 30)).on
    datetime.date(2027, 4, 30)
    """

    kpi: str
    value: Decimal
    at: dt.date | dt.datetime
    source: str | None = None
    note: str | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = key_problem(self.kpi, "kpi")
        if bad is not None:
            yield bad
        if isinstance(self.at, dt.datetime):
            bad = instant_problem(self.at, "at")
            if bad is not None:
                yield bad

    @property
    def on(self) -> dt.date:
        """The calendar date of the measurement (a datetime's own local date)."""
        at = self.at
        return at.date() if isinstance(at, dt.datetime) else at


@attrs.frozen(kw_only=True)
class Band(Model):
    """A standing band: an overall score of at least ``minimum`` falls in it.

    Bands are closed and cover 0–100 exactly: the band with the highest minimum
    not above the score wins, so 100 is always placed.

    >>> from decimal import Decimal
    >>> Band(name="excellent", minimum=Decimal(90))
    Band(name='excellent', minimum=Decimal('90'))
    """

    name: str
    minimum: Decimal

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad
        if not 0 <= self.minimum <= 100:
            yield problem("minimum", f"must be between 0 and 100, got {self.minimum}")


DEFAULT_BANDS: tuple[Band, ...] = (
    Band(name="excellent", minimum=Decimal(90)),
    Band(name="good", minimum=Decimal(75)),
    Band(name="fair", minimum=Decimal(50)),
    Band(name="poor", minimum=Decimal(0)),
)
"""The default standings: excellent ≥ 90, good ≥ 75, fair ≥ 50, poor below."""


DEFAULT_MIN_COVERAGE = Decimal("0.5")
"""The default minimum coverage: half the KPI weight must have data for a verdict."""


def min_coverage_problem(value: Decimal, path: str) -> ErrorDetail | None:
    """The problem with a minimum coverage, if any: it is a share, ``0 < x <= 1``."""
    if value is UNKNOWN:  # did not load: reported already
        return None
    if not 0 < value <= 1:
        return problem(path, f"is a share above 0 and at most 1, got {value}")
    return None


def bands_problems(bands: tuple[Band, ...], path: str) -> Iterator[ErrorDetail]:
    """Problems with a set of bands: they must be distinct and start at 0."""
    if not bands:
        yield problem(path, "needs at least one band")
        return
    names: set[str] = set()
    minimums: set[Decimal] = set()
    for index, band in enumerate(bands):
        if band.name in names:
            yield problem(f"{path}[{index}].name", f"duplicate band name {excerpt(band.name)}")
        if band.minimum in minimums:
            yield problem(f"{path}[{index}].minimum", f"duplicate band minimum {band.minimum}")
        names.add(band.name)
        minimums.add(band.minimum)
    if min(band.minimum for band in bands) != 0:
        yield problem(path, "the lowest band must start at 0 so that every score 0-100 has a band")
