"""Fixed fees billed per milestone (``BillingPeriod.MILESTONE``, issue 10's phased budget)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import vendorgov
from factories import contract, damage_kpi, eur, fulfilment, milestones, shipping_kpi
from test_health import quiet
from vendorgov import BillingPeriod, Fee, FeeKind
from vendorgov._engine.incentives import period_fee

MONTHLY = Fee(
    label="Forfait mensuel",
    kind=FeeKind.FIXED,
    period=BillingPeriod.MONTHLY,
    amount=eur("3500"),
    activity="fulfilment",
)
PER_MILESTONE = Fee(
    label="Forfait par palier",
    kind=FeeKind.FIXED,
    period=BillingPeriod.MILESTONE,
    amount=eur("1200"),
    activity="fulfilment",
)


def mission(*fees: Fee, **changes: object) -> vendorgov.Mission:
    # Three milestones from START 2027-03-15: M+1 2027-04-15, M+6 2027-09-15, EOY 2027-12-31.
    fields: dict[str, object] = {
        "kpis": (shipping_kpi(), damage_kpi()),
        "milestones": milestones(),
        "activities": (fulfilment(),),
        "contract": contract(fees=fees),
    }
    return quiet(**(fields | changes))


def test_the_value_counts_a_milestone_fee_once_per_milestone() -> None:
    # 12 months × 3,500 = 42,000, plus 3 milestones × 1,200 = 3,600: 45,600.
    value = vendorgov.contract_value(contract(fees=(MONTHLY, PER_MILESTONE)), milestones=3)
    assert value == Decimal("45600")
    # Not told how many milestones: counted once (a lower bound), 42,000 + 1,200.
    assert vendorgov.contract_value(contract(fees=(MONTHLY, PER_MILESTONE))) == Decimal("43200")


def test_the_period_fee_holds_the_milestone_fee_once() -> None:
    # M+1's period, 2027-03-15 to 2027-04-15, is one month: 3,500 + 1,200 = 4,700.
    fee = period_fee(mission(MONTHLY, PER_MILESTONE), 0)
    assert fee is not None
    assert fee.amount.amount == Decimal("4700")
    assert fee.monthly.amount == Decimal("4700")  # one month: 4,700 a month
    # M+6's period, 2027-04-15 to 2027-09-15, is five months: 5 × 3,500 + 1,200 = 18,700.
    later = period_fee(mission(MONTHLY, PER_MILESTONE), 1)
    assert later is not None
    assert later.amount.amount == Decimal("18700")
    assert later.monthly.amount == Decimal("3740")  # 18,700 / 5: what the credit sentence shows


def test_a_milestone_fee_alone_is_a_period_fee() -> None:
    fee = period_fee(mission(PER_MILESTONE), 2)
    assert fee is not None
    assert fee.amount.amount == Decimal("1200")


def test_the_forecast_of_an_activity_paid_per_milestone_is_its_price() -> None:
    # Paid only per milestone: 3 × 1,200 = 3,600 in all, whatever was spent in the first
    # month (no linear extrapolation of the first invoice over the year).
    paid = fulfilment(budget=eur("3600"))
    spent = vendorgov.SpendEntry(activity="fulfilment", on=dt.date(2027, 4, 15), amount=eur("1200"))
    report = vendorgov.budget(
        mission(PER_MILESTONE, activities=(paid,), spend=(spent,)), dt.date(2027, 4, 20)
    )
    line = next(line for line in report.lines if line.activity == "fulfilment")
    assert line.forecast is not None
    assert line.forecast.amount == Decimal("3600")
