"""Results computed by the engine about money: payouts and budget reports.

They are plain values, like scorecards, so that a review can keep what it
discussed, and so that results cross process boundaries and files unchanged
(``vendorgov.dumps`` / ``vendorgov.loads``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model import hooks
from vendorgov._model.kpi import key_problem, text_problem
from vendorgov._model.money import Money
from vendorgov._model.scorecard import (
    Parameter,
    ParameterValue,
    parameter_value,
    parameters_problems,
)
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["BudgetLine", "BudgetReport", "Payout", "PayoutCategory"]

_CONTEXT = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)
_RULE = re.compile(r"[a-z][a-z0-9_]*")


class PayoutCategory(enum.StrEnum):
    """What a payout line is: a result bonus, a service credit, or a credit given back.

    >>> PayoutCategory("bonus")
    <PayoutCategory.BONUS: 'bonus'>
    """

    BONUS = "bonus"
    SERVICE_CREDIT = "service_credit"
    EARN_BACK = "earn_back"


def _rounded_problem(money: Money, path: str) -> ErrorDetail | None:
    if money.rounded().amount == money.amount:
        return None
    return problem(
        f"{path}.amount", f"must be rounded to the currency's minor unit, got {money.amount}"
    )


@attrs.frozen(kw_only=True)
class Payout(Model):
    """One line of what a mission's incentive schemes owe at a milestone.

    Sign convention: ``amount`` is what the client pays the provider. A bonus
    and an earn-back are positive (or zero); a service credit is negative (or
    zero), like a line of a credit note: the provider owes it. So
    ``sum(p.amount for p in payouts)`` is the net owed to the provider.
    The amount is rounded half-up to the currency's minor unit.

    Attributes:
        category: Bonus, service credit or earn-back.
        milestone: The milestone the line is settled at (for an earn-back, the
            milestone where the KPI was met again).
        due: That milestone's due date.
        amount: Signed, rounded amount (see above).
        rule: The code of the rule applied (``bonus_rate``, ``service_credit_rate``,
            ``earn_back``...: ``vendorgov.PAYOUT_RULES`` lists them);
            [`describe`][vendorgov.describe] puts it into words, so a person can check it.
        scored_on: The date of the scorecard the line comes from.
        overall: That scorecard's overall score (``None`` when no KPI had data).
        kpi: The KPI a service credit or an earn-back is about.
        rate: The rate applied (a bonus tier's rate, a KPI's credit rate).
        base: The exact amount the rate applied to (the bonus base, the
            period's fee), not rounded.
        capped: Whether a cap reduced the amount.
        credit_milestone: For an earn-back, the milestone of the credit returned.
        credit_due: For an earn-back, that milestone's due date.
        params: What the rule's sentence needs besides the fields above (the tier
            reached, the months of the period...): typed values, each name once.
        pending: Whether the line waits for a contest of a result it depends on to
            be resolved (its amount is then zero for now).

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> line = Payout(category=PayoutCategory.SERVICE_CREDIT, milestone="M+6",
    ...               due=dt.date(2027, 9, 1), amount=Money(Decimal("-525.00"), "EUR"),
    ...               rule="service_credit_rate", scored_on=dt.date(2027, 9, 1),
    ...               overall=Decimal("40"), kpi="order_accuracy", rate=Decimal("0.03"),
    ...               base=Money(Decimal("17500"), "EUR"),
    ...               params=(Parameter.of("months", 5), Parameter.of("months_denominator", 1),
    ...                       Parameter.of("monthly_fee", Money(Decimal("3500"), "EUR"))))
    >>> str(line.amount), line.param("months")
    ('-525.00 EUR', 5)
    """

    category: PayoutCategory
    milestone: str | LocalizedText
    due: dt.date
    amount: Money
    rule: str
    scored_on: dt.date
    overall: Decimal | None = None
    kpi: str | None = None
    rate: Decimal | None = None
    base: Money | None = None
    capped: bool = False
    credit_milestone: str | LocalizedText | None = None
    credit_due: dt.date | None = None
    params: tuple[Parameter, ...] = ()
    pending: bool = False

    def param(self, name: str) -> ParameterValue:
        """The value of the parameter ``name``.

        Raises:
            KeyError: When the line has no such parameter.
        """
        return parameter_value(self.params, name)

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (
            text_problem(self.milestone, "milestone"),
            _rounded_problem(self.amount, "amount"),
        ):
            if bad is not None:
                yield bad
        if not _RULE.fullmatch(self.rule):
            yield problem("rule", f"must be a lower_snake_case code, got {excerpt(self.rule)}")
        yield from parameters_problems(self.params, "params")
        if self.category is PayoutCategory.SERVICE_CREDIT:
            if self.amount.amount > 0:
                yield problem("amount.amount", "a service credit is owed by the provider: <= 0")
        elif self.amount.amount < 0:
            yield problem("amount.amount", f"a {self.category} is paid to the provider: >= 0")
        if self.category is PayoutCategory.BONUS:
            if self.kpi is not None:
                yield problem("kpi", "a bonus comes from the overall score, not from one KPI")
        elif self.kpi is None:
            yield problem("kpi", f"a {self.category} names the KPI it is about")
        else:
            bad = key_problem(self.kpi, "kpi")
            if bad is not None:
                yield bad
        earn_back = self.category is PayoutCategory.EARN_BACK
        for name in ("credit_milestone", "credit_due"):
            if earn_back and getattr(self, name) is None:
                yield problem(name, "an earn-back names the milestone of the credit it returns")
            elif not earn_back and getattr(self, name) is not None:
                yield problem(name, "only an earn-back refers to an earlier credit")
        if self.credit_due is not None and self.credit_due >= self.due:
            yield problem("credit_due", f"must be before the due date ({self.due.isoformat()})")
        if self.overall is not None and not 0 <= self.overall <= 100:
            yield problem("overall", f"must be between 0 and 100, got {self.overall}")
        if self.pending and self.amount.amount:
            yield problem("amount.amount", "a pending line waits for a contest: zero for now")
        if self.rate is not None and not 0 <= self.rate <= 1:
            yield problem("rate", f"is a fraction between 0 and 1, got {self.rate}")
        if self.base is not None and self.base.currency != self.amount.currency:
            yield problem(
                "base.currency", f"is {self.base.currency}, the amount is in {self.amount.currency}"
            )

    def _repr_html_(self) -> str:
        """An HTML table of this one line, for notebooks."""
        return hooks.html("payouts", (self,))  # the display edge registers the view


@attrs.frozen(kw_only=True)
class BudgetLine(Model):
    """Planned against actual spend for one activity, or for the whole mission.

    Money figures are rounded half-up to the currency's minor unit. Figures
    derived from others are computed from the figures shown, so a line always
    reads true: ``variance == actual - planned_to_date`` exactly.

    Attributes:
        activity: The activity's key; ``None`` on a report's total line.
        actual: Spend recorded on or before the report date.
        planned: The activity's budget; ``None`` when it has none (on the total
            line: the sum of the budgets, ``None`` when no activity has one).
        planned_to_date: The share of ``planned`` the elapsed time accounts for.
        variance: ``actual - planned_to_date``; positive means over the plan.
        variance_percent: ``100 × variance / planned_to_date`` (percent, not
            rounded); ``None`` when ``planned_to_date`` is missing or zero.
        burn_rate: Actual spend per month elapsed; ``None`` before the start.
        forecast: Spend at completion if it goes on at the same pace;
            ``None`` before the start.
        value: Value recorded on or before the report date; ``None`` without any.
        roi_percent: ``100 × (value - actual) / actual`` (percent, not
            rounded); ``None`` without value or when ``actual`` is zero.

    >>> from decimal import Decimal
    >>> eur = lambda text: Money(Decimal(text), "EUR")
    >>> line = BudgetLine(activity="fulfilment", actual=eur("9500.00"), planned=eur("36500"),
    ...                   planned_to_date=eur("9000.00"), variance=eur("500.00"),
    ...                   variance_percent=Decimal("5.555555555555555555555555556"))
    >>> line.over_plan
    True
    """

    activity: str | None = None
    actual: Money
    planned: Money | None = None
    planned_to_date: Money | None = None
    variance: Money | None = None
    variance_percent: Decimal | None = None
    burn_rate: Money | None = None
    forecast: Money | None = None
    value: Money | None = None
    roi_percent: Decimal | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.activity is not None:
            bad = key_problem(self.activity, "activity")
            if bad is not None:
                yield bad
        currency = self.actual.currency
        for name in ("planned", "planned_to_date", "variance", "burn_rate", "forecast", "value"):
            money = getattr(self, name)
            if money is not None and money.currency != currency:
                yield problem(f"{name}.currency", f"is {money.currency}, actual is in {currency}")
                return
        if self.planned is not None and self.planned.amount < 0:
            yield problem("planned.amount", "must not be negative")
        if (self.planned_to_date is None) != (self.planned is None):
            yield problem("planned_to_date", "is given exactly when planned is")
        if (self.variance is None) != (self.planned_to_date is None):
            yield problem("variance", "is given exactly when planned_to_date is")
        elif (
            self.variance is not None
            and self.planned_to_date is not None
            and self.variance != self.actual - self.planned_to_date
        ):
            yield problem("variance", "must equal actual - planned_to_date")
        if self.variance_percent is not None and not self.planned_to_date:
            yield problem("variance_percent", "needs a planned_to_date that is not zero")
        if (self.burn_rate is None) != (self.forecast is None):
            yield problem("forecast", "is given exactly when burn_rate is (from the start on)")
        if self.roi_percent is not None and (self.value is None or not self.actual):
            yield problem("roi_percent", "needs a value and an actual spend that is not zero")

    @property
    def over_plan(self) -> bool | None:
        """Whether actual spend exceeds the plan to date (``None`` without a plan)."""
        if self.variance is None:
            return None
        return self.variance.amount > 0


@attrs.frozen(kw_only=True)
class BudgetReport(Model):
    """Planned against actual spend for each activity of a mission, at one date.

    Attributes:
        mission: The mission's key.
        at: The report date (spend and value entries on or before it count).
        start: The mission's first day.
        end: The mission's last day.
        elapsed_days: Days from ``start`` to ``at``, both included, clamped to
            ``[0, total_days]``.
        total_days: Days from ``start`` to ``end``, both included.
        months_elapsed: Calendar months from ``start`` to the day after
            ``min(at, end)`` (anchored on the start, plus a day fraction); the
            divisor of the burn rate.
        lines: One line per activity, in the mission's order.
        total: The whole mission (its ``activity`` is ``None``).

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> zero = Money(Decimal("0.00"), "EUR")
    >>> report = BudgetReport(mission="logistique", at=dt.date(2027, 1, 10),
    ...                       start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31),
    ...                       elapsed_days=10, total_days=365,
    ...                       months_elapsed=Decimal("0.3225806451612903225806451613"),
    ...                       lines=(), total=BudgetLine(activity=None, actual=zero,
    ...                                                  burn_rate=zero, forecast=zero))
    >>> report.share
    Decimal('0.02739726027397260273972602740')
    """

    mission: str
    at: dt.date
    start: dt.date
    end: dt.date
    elapsed_days: int
    total_days: int
    months_elapsed: Decimal
    lines: tuple[BudgetLine, ...]
    total: BudgetLine

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.end <= self.start:
            yield problem("end", f"must be after start ({self.start.isoformat()})")
        elif self.total_days != (self.end - self.start).days + 1:
            yield problem("total_days", "must count the days from start to end, both included")
        if not 0 <= self.elapsed_days <= self.total_days:
            yield problem("elapsed_days", f"must be between 0 and total_days ({self.total_days})")
        if self.months_elapsed < 0:
            yield problem("months_elapsed", "must not be negative")
        if self.total.activity is not None:
            yield problem("total.activity", "the total line has no activity")
        seen: set[str] = set()
        for index, line in enumerate(self.lines):
            if line.activity is None:
                yield problem(f"lines[{index}].activity", "each line names its activity")
            elif line.activity in seen:
                yield problem(
                    f"lines[{index}].activity", f"duplicate line for {excerpt(line.activity)}"
                )
            else:
                seen.add(line.activity)
            if line.actual.currency != self.total.actual.currency:
                yield problem(
                    f"lines[{index}].actual.currency",
                    f"is {line.actual.currency}, the total is in {self.total.actual.currency}",
                )

    @property
    def share(self) -> Decimal:
        """``elapsed_days / total_days``: the share of the plan due by ``at``."""
        with decimal.localcontext(_CONTEXT):
            return Decimal(self.elapsed_days) / Decimal(self.total_days)

    def line(self, activity: str) -> BudgetLine | None:
        """The line of ``activity``, if the mission has that activity."""
        for line in self.lines:
            if line.activity == activity:
                return line
        return None
