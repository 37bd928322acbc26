"""Budget tracking: planned against actual spend per activity, burn rate, forecast, ROI."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from decimal import Decimal

from vendorgov._engine.incentives import Months, check_date, check_mission, months_between
from vendorgov._model.amendment import in_force
from vendorgov._model.contract import BillingPeriod, FeeKind
from vendorgov._model.mission import Mission
from vendorgov._model.money import DECIMAL_CONTEXT, Money
from vendorgov._model.results import BudgetLine, BudgetReport
from vendorgov._model.specification import Activity
from vendorgov._model.validation import MAX_DECIMAL

__all__ = ["budget"]

_CONTEXT = DECIMAL_CONTEXT
_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_DAY = dt.timedelta(days=1)


def budget(mission: Mission, at: dt.date) -> BudgetReport:
    """Planned against actual spend for each activity of ``mission`` at ``at``, and in total.

    Definitions (days are counted with both ends included):

    - ``total_days`` = days from the mission's start to its end;
      ``elapsed_days`` = days from the start to ``at``, clamped to
      ``[0, total_days]`` (0 before the start, ``total_days`` from the end on).
    - **planned**: the activity's budget; an activity without one has
      ``planned`` ``None``, and so do its plan-based figures (planned to date,
      variance). The total plans the sum of the budgets, and its actual counts
      *every* spend entry, so spending on an activity without a budget eats into
      the total budget.
    - **planned to date** = planned × ``elapsed_days / total_days``. The total's
      is computed exactly and rounded once, then split over the budgeted
      activities in proportion to their budgets with
      [`Money.allocate`][vendorgov.Money.allocate], so the lines add up to it
      (an activity's figure may differ by a cent from its own rounding).
    - **actual**: the sum of the spend entries dated on or before ``at``.
    - **variance** = actual − planned to date (positive: over the plan);
      **variance %** = 100 × variance / planned to date, ``None`` when planned to
      date is zero (at any date before the start, for instance).
    - **burn rate** = actual / months elapsed, where months elapsed are the
      calendar months from the start to the day after ``min(at, end)``, anchored
      on the start with a day fraction (31 March after a 1 January start: 3
      months). ``None`` before the start.
    - **forecast** at completion = actual × ``total_days / elapsed_days`` (the
      same pace to the end; equal to actual from the end on). ``None`` before
      the start.
    - **a plan** (``Activity.plan``, spend planned per calendar month): the
      amount of a month counts in full from the month's first day (an invoice
      of the month may come on any day); the part of the budget the plan
      leaves out (budget − the plan's sum) is spread as above. So planned to
      date = the plan's months begun by ``at`` + (budget − plan) ×
      ``elapsed_days / total_days`` (nothing before the start), and the
      **forecast** follows the plan: actual + (budget − planned to date),
      the spend to date plus what the plan has still to spend. The total's
      planned to date is then the sum of the activities' (rounded once, split
      in proportion to them).
    - **a one-off price**: for an activity without a plan whose contract fees
      are all one-off fixed fees (a redesign at a fixed price), the forecast is
      the greater of actual and those fees' sum — a one-off price is not
      extrapolated. (Its planned to date stays linear: give the activity a
      plan to follow the price's billing schedule.)
    - With a plan or a one-off price on any activity, the total's forecast is
      the sum of the activities' forecasts.
    - **value** = the sum of the value entries dated on or before ``at`` (the
      total also counts entries without an activity); ``None`` without any.
      **ROI %** = 100 × (value − actual) / actual, ``None`` without value or
      when actual is zero.

    Each money figure is computed from exact amounts and rounded half-up once;
    variance, variance % and ROI % are computed from the rounded figures shown,
    so each line reads true. Percentages are not rounded.

    Worked example: a mission from 1 January to 31 December 2027 (365 days), an
    activity with a budget of 36500 EUR and 9500 EUR spent by 31 March (90 days
    elapsed): planned to date = 36500 × 90 / 365 = 9000.00; variance = +500.00
    (100 × 500 / 9000 = 5.56 %); burn rate = 9500 / 3 months = 3166.67 a month;
    forecast = 9500 × 365 / 90 = 38527.78.

    Args:
        mission: The mission.
        at: The report date (a date; vendorgov never reads the clock).

    Returns:
        One line per activity, in the mission's order, and a total line.

    Raises:
        ValidationError: When ``mission`` is not a mission or ``at`` is not a date.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import (Activity, ActivityKind, Contact, ContactRole, Mission, Money,
    ...                        Party, Side, SpendEntry)
    >>> eur = lambda text: Money(Decimal(text), "EUR")
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Boutique"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 1, 1), end=dt.date(2027, 12, 31),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     activities=(Activity(key="fulfilment", kind=ActivityKind.LOGISTICS,
    ...                          name="Préparation", budget=eur("36500")),),
    ...     spend=(SpendEntry(on=dt.date(2027, 3, 31), activity="fulfilment",
    ...                       amount=eur("9500")),))
    >>> line = budget(mission, dt.date(2027, 3, 31)).line("fulfilment")
    >>> str(line.planned_to_date), str(line.variance), str(line.forecast)
    ('9000.00 EUR', '500.00 EUR', '38527.78 EUR')
    >>> str(line.burn_rate), round(line.variance_percent, 2)
    ('3166.67 EUR', Decimal('5.56'))
    """
    mission = check_mission(mission)
    at = check_date(at)
    # The budgets, plans and fees in force at ``at`` (amendments effective by then).
    mission = in_force(mission, at)
    currency = mission.currency
    start, end = mission.start, mission.end
    total_days = (end - start).days + 1
    elapsed_days = min(max((at - start).days + 1, 0), total_days)
    months = months_between(start, start, min(at, end) + _DAY) if elapsed_days else Months(0, 1)

    spent: dict[str, Decimal] = {activity.key: _ZERO for activity in mission.activities}
    valued: dict[str | None, Decimal] = {}
    with decimal.localcontext(_CONTEXT):
        for entry in mission.spend:
            if entry.on <= at:
                spent[entry.activity] += entry.amount.amount
        for value in mission.value_entries:
            if value.on <= at:
                valued[value.activity] = valued.get(value.activity, _ZERO) + value.amount.amount

        budgets = [a.budget for a in mission.activities if a.budget is not None]
        total_planned = sum(budgets, Money.zero(currency)) if budgets else None
        planned_to_date: dict[str, Money] = {}
        total_to_date: Money | None = None
        forecasts = {
            activity.key: _forecast(
                activity, mission, spent[activity.key], at, elapsed_days, total_days
            )
            for activity in mission.activities
        }
        keys = [a.key for a in mission.activities if a.budget is not None]
        if total_planned is not None and any(a.plan for a in mission.activities):
            exact = [
                _to_date(activity, at, elapsed_days, total_days)
                for activity in mission.activities
                if activity.budget is not None
            ]
            total_to_date = Money(sum(exact, _ZERO), currency).rounded()
            shares = _split(total_to_date, exact)
            planned_to_date = dict(zip(keys, shares, strict=True))
        elif total_planned is not None:
            total_to_date = _ratio(total_planned, elapsed_days, total_days).rounded()
            shares = _split(total_to_date, [budget.amount for budget in budgets])
            planned_to_date = dict(zip(keys, shares, strict=True))

        def line(
            key: str | None,
            actual: Decimal,
            planned: Money | None,
            to_date: Money | None,
            value: Decimal | None,
            forecast: Decimal | None = None,
        ) -> BudgetLine:
            return _line(
                key,
                Money(actual, currency),
                planned,
                to_date,
                None if value is None else Money(value, currency),
                elapsed_days,
                total_days,
                months,
                None if forecast is None else Money(forecast, currency),
            )

        lines = tuple(
            line(
                activity.key,
                spent[activity.key],
                activity.budget,
                planned_to_date.get(activity.key),
                valued.get(activity.key),
                forecasts[activity.key],
            )
            for activity in mission.activities
        )
        special = any(forecast is not None for forecast in forecasts.values())
        total = line(
            None,
            sum(spent.values(), _ZERO),
            total_planned,
            total_to_date,
            sum(valued.values(), _ZERO) if valued else None,
            sum((ln.forecast.amount for ln in lines if ln.forecast is not None), _ZERO)
            if special and elapsed_days
            else None,
        )
    return BudgetReport(
        mission=mission.key,
        at=at,
        start=start,
        end=end,
        elapsed_days=elapsed_days,
        total_days=total_days,
        months_elapsed=months.decimal(),
        lines=lines,
        total=total,
    )


def _to_date(activity: Activity, at: dt.date, elapsed_days: int, total_days: int) -> Decimal:
    """The exact planned to date of a budgeted activity (its plan, then the rest linearly)."""
    assert activity.budget is not None
    if not activity.plan:
        return activity.budget.amount * elapsed_days / total_days
    month = f"{at.year:04d}-{at.month:02d}"
    planned = sum((entry.amount.amount for entry in activity.plan), _ZERO)
    begun = sum((entry.amount.amount for entry in activity.plan if entry.month <= month), _ZERO)
    if not elapsed_days:
        begun = _ZERO
    return begun + (activity.budget.amount - planned) * elapsed_days / total_days


def _forecast(
    activity: Activity,
    mission: Mission,
    actual: Decimal,
    at: dt.date,
    elapsed_days: int,
    total_days: int,
) -> Decimal | None:
    """The forecast at completion when a plan or a one-off price sets it; ``None``: linear."""
    if not elapsed_days:
        return None
    if activity.plan and activity.budget is not None:
        remaining = activity.budget.amount - _to_date(activity, at, elapsed_days, total_days)
        return actual + max(remaining, _ZERO)
    fees = (
        []
        if mission.contract is None
        else [fee for fee in mission.contract.fees if fee.activity == activity.key]
    )
    once = {BillingPeriod.ONE_OFF: 1, BillingPeriod.MILESTONE: max(len(mission.milestones), 1)}
    if fees and all(fee.kind is FeeKind.FIXED and fee.period in once for fee in fees):
        # The price is known in full: one-off fees once, per-milestone fees per milestone.
        total = sum((fee.amount.amount * once[fee.period] for fee in fees if fee.period), _ZERO)
        return max(actual, total)
    return None


def _bounded(value: Decimal) -> Decimal | None:
    """``value`` when an exact number may hold it (below 10^15 in magnitude), else ``None``."""
    return value if abs(value) < MAX_DECIMAL - 1 else None  # - 1: still below once rounded


def _ratio(money: Money, numerator: int, denominator: int) -> Money:
    """``money × numerator / denominator``, multiplying first and dividing once."""
    return Money(money.amount * numerator / denominator, money.currency)


def _split(total: Money, weights: Sequence[Decimal]) -> tuple[Money, ...]:
    if any(weights):
        return total.allocate(weights)
    return tuple(total for _ in weights)


def _line(
    activity: str | None,
    actual_exact: Money,
    planned: Money | None,
    to_date: Money | None,
    value_exact: Money | None,
    elapsed_days: int,
    total_days: int,
    months: Months,
    forecast_exact: Money | None = None,
) -> BudgetLine:
    actual = actual_exact.rounded()
    variance: Money | None = None
    variance_percent: Decimal | None = None
    if to_date is not None:
        variance = actual - to_date
        if to_date.amount:
            variance_percent = _bounded(_HUNDRED * variance.amount / to_date.amount)
    burn_rate: Money | None = None
    forecast: Money | None = None
    if elapsed_days:
        rate = actual_exact.amount * months.denominator / months.numerator
        ahead = (
            actual_exact.amount * total_days / elapsed_days
            if forecast_exact is None
            else forecast_exact.amount
        )
        # Spend of a day extrapolated over a long mission may pass what an amount can be
        # (10^15): then there is no rate or forecast to give, rather than a false one.
        if _bounded(rate) is not None and _bounded(ahead) is not None:
            burn_rate = Money(rate, actual.currency).rounded()
            forecast = Money(ahead, actual.currency).rounded()
    value = None if value_exact is None else value_exact.rounded()
    roi_percent: Decimal | None = None
    if value is not None and actual.amount:
        roi_percent = _bounded(_HUNDRED * (value.amount - actual.amount) / actual.amount)
    return BudgetLine(
        activity=activity,
        actual=actual,
        planned=None if planned is None else planned.rounded(),
        planned_to_date=to_date,
        variance=variance,
        variance_percent=variance_percent,
        burn_rate=burn_rate,
        forecast=forecast,
        value=value,
        roi_percent=roi_percent,
    )
