"""Incentives and penalties: result bonuses, service credits and earn-backs.

[`payouts`][vendorgov.payouts] reads the scorecard of each milestone reached
(scored at its due date, as [`score_history`][vendorgov.score_history] does)
and applies the mission's [`BonusScheme`][vendorgov.BonusScheme] and
[`ServiceCreditScheme`][vendorgov.ServiceCreditScheme]. Everything is computed
exactly in ``Decimal`` and rounded half-up to the currency's minor unit once,
at the end of each milestone's computation; a total split over several lines
is split with [`Money.allocate`][vendorgov.Money.allocate], so the lines add
up to it exactly.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from vendorgov._engine.scoring import score_history
from vendorgov._engine.time import add_months
from vendorgov._model.amendment import in_force
from vendorgov._model.contract import BillingPeriod, Contract, FeeKind
from vendorgov._model.incentives import (
    BonusScheme,
    CreditBase,
    NoDataPolicy,
    ServiceCreditScheme,
)
from vendorgov._model.mission import Mission
from vendorgov._model.money import DECIMAL_CONTEXT, Money
from vendorgov._model.results import Payout, PayoutCategory
from vendorgov._model.scorecard import Parameter, Scorecard, Status
from vendorgov._model.sequences import Payouts
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "PAYOUT_RULES",
    "Months",
    "PeriodFee",
    "months_between",
    "payout_totals",
    "payouts",
    "period_fee",
    "variable_billed",
]

PAYOUT_RULES: dict[str, str] = {
    "bonus_no_score": "No KPI had data at the milestone: no overall score, no bonus.",
    "bonus_insufficient_evidence": (
        "The overall score rests on less of the KPI weight (parameter coverage) than the "
        "minimum coverage (parameter minimum: the scheme's, else the mission's): no bonus."
    ),
    "bonus_below_tiers": (
        "The overall score is below the lowest tier (parameter lowest): no bonus."
    ),
    "bonus_rate": (
        "The overall score reaches a tier (parameter tier: its minimum score) that pays "
        "its rate of the scheme's base; when capped, the scheme's cap (parameter cap)."
    ),
    "bonus_fixed": (
        "The overall score reaches a tier (parameter tier) that pays a fixed amount "
        "(parameter fixed); when capped, the scheme's cap (parameter cap)."
    ),
    "service_credit_rate": (
        "A KPI missed: the scheme's rate of the period's fee (base; parameters months, "
        "months_denominator and monthly_fee), capped with the milestone's other credits "
        "at the amount at risk (parameters total and at_risk when capped)."
    ),
    "service_credit_kpi_rate": (
        "As service_credit_rate, with the rate the scheme sets for this KPI."
    ),
    "service_credit_no_fee": (
        "A KPI missed, and the contract has no fixed periodic fee to base a credit on: zero."
    ),
    "service_credit_no_data": (
        "A KPI without data at the milestone, under the scheme's no_data = credit policy, "
        "once the contract's reporting grace (parameter grace_days) has passed: credited "
        "as service_credit_rate (with the KPI's own rate when the scheme sets one)."
    ),
    "earn_back": ("The KPI of a credit is met at the next milestone: the credit is given back."),
    "bonus_pending_contest": (
        "A result of the milestone is contested (parameter kpis) and the contest is not "
        "resolved yet: the bonus waits (pending, zero for now)."
    ),
    "service_credit_pending_contest": (
        "The KPI's result, which would owe a credit, is contested and the contest is not "
        "resolved yet: the credit waits (pending, zero for now)."
    ),
}
"""Every payout rule code, with what it means. Codes are stable: tools may rely on them."""

_CONTEXT = DECIMAL_CONTEXT
_ONE_DAY = dt.timedelta(days=1)

_MONTHS_PER_PERIOD = {
    BillingPeriod.MONTHLY: 1,
    BillingPeriod.QUARTERLY: 3,
    BillingPeriod.YEARLY: 12,
}


# -- checking the inputs ------------------------------------------------------------
def check_mission(mission: object) -> Mission:
    """Return ``mission`` if it is a [`Mission`][vendorgov.Mission], else raise."""
    if not isinstance(mission, Mission):
        raise ValidationError(
            [ErrorDetail("mission", f"expected a Mission, got {type(mission).__name__}")]
        )
    return mission


def check_date(at: object, path: str = "at") -> dt.date:
    """Return ``at`` if it is a date (a datetime is refused), else raise."""
    if isinstance(at, dt.datetime) or not isinstance(at, dt.date):
        raise ValidationError([ErrorDetail(path, f"expected a date, got {at!r}")])
    return at


# -- calendar months ----------------------------------------------------------------
class Months(NamedTuple):
    """An exact number of calendar months, as the fraction ``numerator / denominator``."""

    numerator: int
    denominator: int

    def decimal(self) -> Decimal:
        """The number of months as a ``Decimal`` (28 significant digits)."""
        with decimal.localcontext(_CONTEXT):
            return Decimal(self.numerator) / Decimal(self.denominator)

    def __str__(self) -> str:
        whole, rest = divmod(self.numerator, self.denominator)
        if not rest:
            return f"{whole} month" if whole == 1 else f"{whole} months"
        fraction = f"{rest}/{self.denominator}"
        return f"{fraction} month" if not whole else f"{whole} + {fraction} months"


def _months_from(origin: dt.date, day: dt.date) -> Months:
    """Months from ``origin`` to ``day`` (``day >= origin``), anchored on ``origin``."""
    whole = (day.year - origin.year) * 12 + day.month - origin.month
    if add_months(origin, whole) > day:
        whole -= 1
    low = add_months(origin, whole)
    step = (add_months(origin, whole + 1) - low).days
    return Months(whole * step + (day - low).days, step)


def months_between(origin: dt.date, start: dt.date, end: dt.date) -> Months:
    """The calendar months from ``start`` to ``end``, counted on a calendar anchored at ``origin``.

    The months of a day ``d`` after ``origin`` are ``n + r`` where ``n`` is the
    number of whole months (``origin + n months <= d``, month arithmetic anchored
    on ``origin`` and clamped to the end of the month) and ``r`` the days left,
    as a fraction of the days of the next month step
    (``origin + n months .. origin + (n + 1) months``). ``months_between`` is the
    difference of the months of ``end`` and of ``start``. Anchoring on the
    mission start keeps ``M+1 .. M+2`` one month long even when clamping moves
    the due dates (31 January, 28 February, 31 March).

    Args:
        origin: The anchor (the mission start).
        start: The first boundary, on or after ``origin``.
        end: The second boundary, on or after ``start``.

    Returns:
        The exact number of months, in lowest terms.

    Raises:
        ValidationError: When the dates are not in order.

    >>> import datetime as dt
    >>> str(months_between(dt.date(2027, 3, 1), dt.date(2027, 4, 1), dt.date(2027, 9, 1)))
    '5 months'
    >>> str(months_between(dt.date(2027, 3, 1), dt.date(2027, 3, 1), dt.date(2027, 3, 11)))
    '10/31 month'
    >>> str(months_between(dt.date(2027, 1, 31), dt.date(2027, 2, 28), dt.date(2027, 3, 31)))
    '1 month'
    """
    for path, value in (("origin", origin), ("start", start), ("end", end)):
        check_date(value, path)
    if not origin <= start <= end:
        raise ValidationError([ErrorDetail("end", "expected origin <= start <= end")])
    high = _months_from(origin, end)
    low = _months_from(origin, start)
    numerator = high.numerator * low.denominator - low.numerator * high.denominator
    denominator = high.denominator * low.denominator
    common = math.gcd(numerator, denominator)
    return Months(numerator // common, denominator // common)


# -- the period's fee ---------------------------------------------------------------
class PeriodFee(NamedTuple):
    """The contract's fixed fees over one milestone's period.

    Attributes:
        amount: The exact fee of the period (not rounded).
        months: The length of the period in calendar months.
        fees: The fixed periodic fees it comes from, in words (English, for developers).
        monthly: The fees' monthly equivalent (exact): ``amount = monthly × months``
            (a per-milestone fee counts once in the period, spread over its months).
    """

    amount: Money
    months: Months
    fees: str
    monthly: Money

    def describe(self) -> str:
        """``17500.00 EUR (5 months × fixed fees 3500 EUR monthly)`` (English, for developers)."""
        return f"{_money_text(self.amount)} ({self.months} × fixed fees {self.fees})"


def _periodic_fees(contract: Contract | None) -> list[tuple[Money, BillingPeriod]]:
    if contract is None:
        return []
    return [
        (fee.amount, fee.period)
        for fee in contract.fees
        if fee.kind is FeeKind.FIXED and fee.period in _MONTHS_PER_PERIOD
    ]


def _milestone_fees(contract: Contract | None) -> list[Money]:
    if contract is None:
        return []
    return [
        fee.amount
        for fee in contract.fees
        if fee.kind is FeeKind.FIXED and fee.period is BillingPeriod.MILESTONE
    ]


def period_fee(mission: Mission, index: int) -> PeriodFee | None:
    """The fee of milestone ``index``'s period, the base of its service credits.

    The period of a milestone runs from the previous milestone's due date (the
    mission start for the first milestone) to its own due date; its length is
    `months_between` those dates
    on the calendar anchored at the mission start. The fee is the monthly
    equivalent of the contract's *fixed periodic* fees (monthly amount;
    quarterly amount / 3; yearly amount / 12) times that length, exact.

    One-off fixed fees (set-up fees), per-unit fees and time-and-materials fees
    are left out: they pay for work done, not for the service level. Without
    a contract, or without a fixed periodic fee, there is no period fee
    (``None``) and therefore no service credit. The contract's effective and
    end dates do not enter: the fee is a price per month.

    Worked example: a mission starting 1 March 2027 with milestones M+1 (due
    1 April) and M+6 (due 1 September) and a fixed fee of 3500 EUR monthly: the
    M+6 period runs 1 April → 1 September = 5 months (its scoring window is
    2 April .. 1 September), so its fee is 5 × 3500 = 17500 EUR. A fee of
    10500 EUR quarterly gives the same (10500 / 3 × 5). For a first milestone
    D+10 (due 11 March) the period is 10/31 month (March has 31 days): 3500 ×
    10/31 = 1129.0322... EUR, kept exact.

    Args:
        mission: The mission.
        index: The milestone's position in ``mission.milestones``.

    Returns:
        The period's exact fee, or ``None`` without a fixed periodic fee.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import (BillingPeriod, Contact, ContactRole, Contract, Fee, FeeKind,
    ...                        Horizon, Milestone, Mission, Money, Party, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Boutique"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 1), end=dt.date(2028, 2, 29),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     contract=Contract(reference="CTR-1", effective=dt.date(2027, 3, 1),
    ...                       duration_months=12,
    ...                       fees=(Fee(label="Forfait", kind=FeeKind.FIXED,
    ...                                 period=BillingPeriod.MONTHLY,
    ...                                 amount=Money(Decimal("3500"), "EUR")),)),
    ...     milestones=(Milestone(name="M+1", horizon=Horizon.parse("M+1")),
    ...                 Milestone(name="M+6", horizon=Horizon.parse("M+6"))))
    >>> period_fee(mission, 1).describe()
    '17500.00 EUR (5 months × fixed fees 3500 EUR monthly)'
    """
    mission = check_mission(mission)
    return _period_fee(mission, index, mission.milestone_dues())


def _period_fee(mission: Mission, index: int, dues: Sequence[dt.date]) -> PeriodFee | None:
    """`period_fee` with the milestones' due dates the caller has already resolved."""
    if mission.amendments and 0 <= index < len(dues):
        # The fees in force on the period's first day (as for the period's targets).
        mission = in_force(mission, mission.start if index == 0 else dues[index - 1] + _ONE_DAY)
    fees = _periodic_fees(mission.contract)
    per_milestone = _milestone_fees(mission.contract)
    if not fees and not per_milestone:
        return None
    if not 0 <= index < len(dues):
        raise ValidationError(
            [ErrorDetail("index", f"no milestone at {index} (the mission has {len(dues)})")]
        )
    previous = mission.start if index == 0 else dues[index - 1]
    months = months_between(mission.start, previous, dues[index])
    with decimal.localcontext(_CONTEXT):
        total = sum(
            (
                amount.amount * months.numerator / (months.denominator * _MONTHS_PER_PERIOD[period])
                for amount, period in fees
            ),
            Decimal(0),
        )
        monthly = sum(
            (amount.amount / _MONTHS_PER_PERIOD[period] for amount, period in fees), Decimal(0)
        )
        # A per-milestone fee is invoiced once in each milestone's period: over the
        # period's months, its monthly equivalent keeps ``amount = monthly × months``.
        once = sum((amount.amount for amount in per_milestone), Decimal(0))
        total += once
        if once and months.numerator:
            monthly += once * months.denominator / months.numerator
    words = " + ".join(
        [f"{amount} {period}" for amount, period in fees]
        + [f"{amount} {BillingPeriod.MILESTONE}" for amount in per_milestone]
    )
    return PeriodFee(
        Money(total, mission.currency), months, words, Money(monthly, mission.currency)
    )


def variable_billed(mission: Mission, index: int) -> Money | None:
    """The variable fees billed in milestone ``index``'s period (a ``fixed_and_variable`` base).

    The period's days are those of the milestone's scoring window: from the day
    after the previous milestone's due date (the mission start for the first
    one) to its own due date, both included. For each per-unit or
    time-and-materials fee of the contract:

    - when it names an activity that no fixed fee names, what was *billed*:
      the spend entries of that activity dated in the period (each activity
      counted once, however many variable fees it has; nothing billed counts
      zero);
    - otherwise (no activity, or an activity whose spend entries also pay a
      fixed fee, so that they cannot be told apart), an *estimate*: the fee's
      ``estimated_quantity`` (units a month) × its unit price × the period's
      `months_between`, or nothing without an estimated quantity.

    Worked example (the demo's logistics mission, milestone M+1 due 2 April
    2026 after a 2 March start): the order-picking fee (2.60 EUR per order)
    and the returns fee (3.00 EUR per return) name the activities
    ``preparation`` and ``retours``, which have no fixed fee; their spend
    entries of 31 March are 4264.00 and 354.00 EUR: 4618.00 EUR billed.

    Args:
        mission: The mission.
        index: The milestone's position in ``mission.milestones``.

    Returns:
        The exact amount, or ``None`` when the contract has no variable fee
        (or there is no contract).

    >>> from vendorgov import examples
    >>> str(variable_billed(examples.demo_mission("logistique"), 0))
    '4618.00 EUR'
    """
    mission = check_mission(mission)
    return _variable_billed(mission, index, mission.milestone_dues())


def _variable_billed(mission: Mission, index: int, dues: Sequence[dt.date]) -> Money | None:
    if mission.amendments and 0 <= index < len(dues):
        mission = in_force(mission, mission.start if index == 0 else dues[index - 1] + _ONE_DAY)
    contract = mission.contract
    if contract is None:
        return None
    variable = [fee for fee in contract.fees if fee.kind is not FeeKind.FIXED]
    if not variable:
        return None
    if not 0 <= index < len(dues):
        raise ValidationError(
            [ErrorDetail("index", f"no milestone at {index} (the mission has {len(dues)})")]
        )
    fixed_activities = {fee.activity for fee in contract.fees if fee.kind is FeeKind.FIXED}
    previous = mission.start if index == 0 else dues[index - 1]
    first = mission.start if index == 0 else previous + dt.timedelta(days=1)
    months = months_between(mission.start, previous, dues[index])
    billed: set[str] = set()
    total = Decimal(0)
    with decimal.localcontext(_CONTEXT):
        for fee in variable:
            if fee.activity is not None and fee.activity not in fixed_activities:
                billed.add(fee.activity)
            elif fee.estimated_quantity is not None:
                total += (
                    fee.estimated_quantity
                    * fee.amount.amount
                    * months.numerator
                    / months.denominator
                )
        for entry in mission.spend:
            if entry.activity in billed and first <= entry.on <= dues[index]:
                total += entry.amount.amount
    return Money(total, mission.currency)


# -- text -------------------------------------------------------------------------------
def _money_text(money: Money) -> str:
    """A rounded amount for people, marked ``≈`` when the exact amount had more digits."""
    shown = money.rounded()
    return f"{shown}" if shown.amount == money.amount else f"≈ {shown}"


def _minus(money: Money) -> Money:
    """``-money``, without writing a negative zero."""
    return money if not money.amount else -money


# -- the schemes --------------------------------------------------------------------------
def _bonus(scheme: BonusScheme, card: Scorecard, currency: str) -> Payout:
    overall = card.overall
    amount = Money.zero(currency)
    base: Money | None = None
    rate: Decimal | None = None
    capped = False
    params: list[Parameter] = []
    minimum = scheme.min_coverage if scheme.min_coverage is not None else card.min_coverage
    contested = card.contested
    if contested:
        rule = "bonus_pending_contest"
        params.append(Parameter.of("kpis", contested))
    elif overall is None:
        rule = "bonus_no_score"
    elif card.coverage < minimum:
        rule = "bonus_insufficient_evidence"
        params.append(Parameter.of("coverage", card.coverage))
        params.append(Parameter.of("minimum", minimum))
    else:
        reached = [tier for tier in scheme.tiers if tier.min_score <= overall]
        if not reached:
            rule = "bonus_below_tiers"
            params.append(Parameter.of("lowest", min(tier.min_score for tier in scheme.tiers)))
        else:
            tier = max(reached, key=lambda item: item.min_score)
            params.append(Parameter.of("tier", tier.min_score))
            if tier.rate is not None:
                assert scheme.base is not None  # the scheme checks it
                rule = "bonus_rate"
                base, rate = scheme.base, tier.rate
                with decimal.localcontext(_CONTEXT):
                    amount = scheme.base * tier.rate
            else:
                assert tier.amount is not None  # the tier checks it
                rule = "bonus_fixed"
                amount = tier.amount
                params.append(Parameter.of("fixed", tier.amount))
            if scheme.cap is not None and amount > scheme.cap:
                amount, capped = scheme.cap, True
                params.append(Parameter.of("cap", scheme.cap))
    return Payout(
        category=PayoutCategory.BONUS,
        milestone=card.milestone,
        due=card.due,
        amount=amount.rounded(),
        rule=rule,
        scored_on=card.at,
        overall=overall,
        rate=rate,
        base=base,
        capped=capped,
        params=tuple(params),
        pending=bool(contested),
    )


def _credits(
    scheme: ServiceCreditScheme,
    card: Scorecard,
    fee: PeriodFee | None,
    variable: Money | None,
    grace_days: int,
    at: dt.date,
    currency: str,
) -> list[Payout]:
    every = [
        (line.kpi, line.status is Status.NO_DATA, line.contested)
        for line in card.results
        if line.status is Status.MISSED
        or (
            line.status is Status.NO_DATA
            and fee is not None
            and scheme.no_data is NoDataPolicy.CREDIT
            and line.kpi not in scheme.no_data_exempt
            and card.due + dt.timedelta(days=grace_days) < at
        )
    ]
    owing = [(kpi, no_data) for kpi, no_data, contested in every if not contested]
    waiting = [
        Payout(
            category=PayoutCategory.SERVICE_CREDIT,
            milestone=card.milestone,
            due=card.due,
            amount=Money.zero(currency).rounded(),
            rule="service_credit_pending_contest",
            scored_on=card.at,
            overall=card.overall,
            kpi=kpi,
            pending=True,
        )
        for kpi, _, contested in every
        if contested
    ]
    if not owing:
        return waiting
    specific = {entry.kpi: entry.rate for entry in scheme.kpi_rates}
    rates = [specific.get(kpi, scheme.rate) for kpi, _ in owing]
    zero = Money.zero(currency)
    with_variable = scheme.base is CreditBase.FIXED_AND_VARIABLE
    with decimal.localcontext(_CONTEXT):
        base: Money | None = None
        if fee is not None:
            base = fee.amount
            if with_variable and variable is not None:
                base = base + variable
        exact = [base * rate if base is not None else zero for rate in rates]
        total = sum(exact, zero)
        capped = total > scheme.at_risk
        settled = scheme.at_risk if capped else total
        if any(credit.amount for credit in exact):
            shares = settled.allocate([credit.amount for credit in exact])
        else:
            shares = tuple(zero.rounded() for _ in exact)
    lines = []
    for (kpi, no_data), rate, share in zip(owing, rates, shares, strict=True):
        params: list[Parameter] = []
        if fee is None:
            rule = "service_credit_no_fee"
        else:
            if no_data:
                rule = "service_credit_no_data"
            else:
                rule = "service_credit_kpi_rate" if kpi in specific else "service_credit_rate"
            params += [
                Parameter.of("months", fee.months.numerator),
                Parameter.of("months_denominator", fee.months.denominator),
                Parameter.of("monthly_fee", fee.monthly),
            ]
            if no_data:
                params.append(Parameter.of("grace_days", grace_days))
            if with_variable:
                params.append(Parameter.of("variable", variable or zero))
            if capped:
                params += [Parameter.of("total", total), Parameter.of("at_risk", scheme.at_risk)]
        lines.append(
            Payout(
                category=PayoutCategory.SERVICE_CREDIT,
                milestone=card.milestone,
                due=card.due,
                amount=_minus(share),
                rule=rule,
                scored_on=card.at,
                overall=card.overall,
                kpi=kpi,
                rate=rate if fee is not None else None,
                base=base,
                capped=capped,
                params=tuple(params),
            )
        )
    if waiting:  # in the order of the milestone's targets, like the others
        order = {line.kpi: position for position, line in enumerate(card.results)}
        lines = sorted([*lines, *waiting], key=lambda line: order[line.kpi or ""])
    return lines


def _milestone_credits(
    mission: Mission,
    scheme: ServiceCreditScheme,
    index: int,
    card: Scorecard,
    dues: Sequence[dt.date],
    at: dt.date,
) -> list[Payout]:
    """The service credits of milestone ``index`` (its scorecard ``card``), settled at ``at``."""
    fee = _period_fee(mission, index, dues)
    variable = (
        _variable_billed(mission, index, dues)
        if scheme.base is CreditBase.FIXED_AND_VARIABLE
        else None
    )
    reporting = mission.contract.reporting if mission.contract is not None else None
    grace = reporting.grace_days if reporting is not None else 0
    return _credits(scheme, card, fee, variable, grace, at, mission.currency)


def _earn_backs(credits: Sequence[Payout], card: Scorecard) -> list[Payout]:
    lines = []
    for credit in credits:
        assert credit.kpi is not None
        result = card.result(credit.kpi)
        if credit.pending or result is None or result.status is not Status.MET:
            continue
        lines.append(
            Payout(
                category=PayoutCategory.EARN_BACK,
                milestone=card.milestone,
                due=card.due,
                amount=_minus(credit.amount),
                rule="earn_back",
                scored_on=card.at,
                overall=card.overall,
                kpi=credit.kpi,
                credit_milestone=credit.milestone,
                credit_due=credit.due,
            )
        )
    return lines


def payouts(mission: Mission, at: dt.date) -> Payouts:
    """What the mission's incentive schemes owe, milestone by milestone, up to ``at``.

    For each milestone *reached* (due on or before ``at``), in order, from its
    scorecard at its due date:

    - **Result bonus** (``mission.bonus``): the highest tier whose
      ``min_score`` the overall score reaches gives ``rate × base`` or its fixed
      ``amount``, capped at the scheme's ``cap``. Every milestone reached gets
      one bonus line: a zero line, whose rule says why, when the overall score
      is ``None``, rests on a coverage below the minimum (the scheme's
      ``min_coverage``, else the mission's: "insufficient evidence") or is
      below every tier.
    - **Service credits** (``mission.service_credits``): one line per KPI
      ``missed`` at the milestone, worth its rate (the KPI's own rate from
      ``kpi_rates``, else the scheme's ``rate``) × the
      `period_fee`. The credits of a
      milestone are totalled exactly, capped at ``at_risk``, rounded once, and
      split over the KPIs in proportion to their exact credits with
      [`Money.allocate`][vendorgov.Money.allocate]: the lines add up exactly to
      the rounded (capped) total. Without a fixed periodic fee, each missed KPI
      still gets a line, of zero, saying so. A KPI *without data* at the
      milestone (``no_data``) is credited like a missed one (rule
      ``service_credit_no_data``) when the scheme's ``no_data`` is ``credit``
      (the default), once the contract's reporting grace has passed: from
      ``at`` after ``due + grace_days`` on (``grace_days`` of the contract's
      reporting clause, 0 without one), as reporting compliance counts a
      report missing; before that, or under ``ignore``, or without a fixed
      periodic fee, or for a KPI of ``no_data_exempt``, it gets no line.
      With the scheme's ``base`` at ``fixed_and_variable``, the base is the period fee plus
      `variable_billed` (parameter ``variable``).
    - **Earn-back** (when ``service_credits.earn_back``): a credit for KPI ``k``
      at milestone *i* is given back, in full, by a line at milestone *i + 1*
      when ``k`` is ``met`` there (a KPI without a target there is not met).

    - **Contested results** (a `Contest` open on ``at``): the milestone's bonus line
      is pending (rule ``bonus_pending_contest``, zero for now, ``pending`` true), and
      so is the credit a contested KPI would owe (``service_credit_pending_contest``);
      the other credits are computed without it. Once the contest is resolved, the
      lines are computed on the resolved results (an accepted or amended contest's
      value replaces the result).

    Sign convention: an amount is what the client pays the provider; bonuses
    and earn-backs are positive, service credits negative. Lines come in
    milestone order; within a milestone: the bonus, the credits (in the order
    of the milestone's targets), then the earn-backs.

    Args:
        mission: The mission.
        at: The date to settle at (a date; vendorgov never reads the clock).

    Returns:
        The payout lines, empty when no milestone is reached or the mission has
        no incentive scheme.

    Raises:
        ValidationError: When ``mission`` is not a mission or ``at`` is not a date.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import (BonusScheme, BonusTier, Contact, ContactRole, Direction, Horizon,
    ...                        Kpi, Measurement, Milestone, Mission, Money, Party, Side, Target)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Boutique"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 1), end=dt.date(2028, 2, 29),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     kpis=(Kpi(key="accuracy", name="Exactitude", unit="%", direction=Direction.HIGHER),),
    ...     milestones=(Milestone(name="M+1", horizon=Horizon.parse("M+1"), targets=(
    ...         Target(kpi="accuracy", target=Decimal("99"), threshold=Decimal("97")),)),),
    ...     measurements=(Measurement(kpi="accuracy", value=Decimal("99.5"),
    ...                               at=dt.date(2027, 3, 31)),),
    ...     bonus=BonusScheme(base=Money(Decimal("10500"), "EUR"), tiers=(
    ...         BonusTier(min_score=Decimal(90), rate=Decimal("0.05")),)))
    >>> (line,) = payouts(mission, dt.date(2027, 4, 1))
    >>> line.category.value, line.milestone, str(line.amount)
    ('bonus', 'M+1', '525.00 EUR')
    >>> line.rule, line.param("tier"), line.rate, str(line.base)
    ('bonus_rate', Decimal('90'), Decimal('0.05'), '10500 EUR')
    >>> payouts(mission, dt.date(2027, 3, 31))
    Payouts(())
    """
    mission = check_mission(mission)
    at = check_date(at)
    bonus, credit_scheme = mission.bonus, mission.service_credits
    if not mission.milestones or (bonus is None and credit_scheme is None):
        return Payouts()
    cards = score_history(mission, at)
    dues = mission.milestone_dues() if credit_scheme is not None and cards else ()
    currency = mission.currency
    lines: list[Payout] = []
    previous_credits: list[Payout] = []
    for index, card in enumerate(cards):
        if bonus is not None:
            lines.append(_bonus(bonus, card, currency))
        credits: list[Payout] = []
        if credit_scheme is not None:
            credits = _milestone_credits(mission, credit_scheme, index, card, dues, at)
            lines.extend(credits)
            if credit_scheme.earn_back:
                lines.extend(_earn_backs(previous_credits, card))
        previous_credits = credits
    return Payouts(lines)


def payout_totals(lines: Iterable[Payout]) -> dict[PayoutCategory, Money]:
    """The sum of the payout lines of each category present, in ``PayoutCategory`` order.

    The amounts keep their sign (service credits are negative), so the sum of
    the totals is the net owed to the provider.

    Args:
        lines: Payout lines, as [`payouts`][vendorgov.payouts] returns them.

    Returns:
        Category → total, for the categories that appear (empty for no line).

    Raises:
        CurrencyMismatchError: When the lines mix currencies.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import Money
    >>> def line(category, amount, kpi=None):
    ...     return Payout(category=category, milestone="M+1", due=dt.date(2027, 4, 1),
    ...                   amount=Money(Decimal(amount), "EUR"), rule="bonus_rate",
    ...                   scored_on=dt.date(2027, 4, 1), kpi=kpi)
    >>> totals = payout_totals([line(PayoutCategory.BONUS, "525.00"),
    ...                         line(PayoutCategory.SERVICE_CREDIT, "-105.00", "accuracy"),
    ...                         line(PayoutCategory.SERVICE_CREDIT, "-70.00", "delay")])
    >>> {category.value: str(total) for category, total in totals.items()}
    {'bonus': '525.00 EUR', 'service_credit': '-175.00 EUR'}
    >>> str(sum(totals.values()))
    '350.00 EUR'
    """
    found: dict[PayoutCategory, Money] = {}
    for line in lines:
        if line.category in found:
            found[line.category] = found[line.category] + line.amount
        else:
            found[line.category] = line.amount
    return {category: found[category] for category in PayoutCategory if category in found}
