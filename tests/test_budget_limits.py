"""Budgets on huge spend: totals stay amounts, extrapolations past 10^15 are left out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import vendorgov
from vendorgov import Money, SpendEntry

SITE = vendorgov.examples.demo_mission("site_web")


def with_spend(amount: str) -> vendorgov.Mission:
    entry = SpendEntry(
        activity=SITE.activities[0].key, on=SITE.start, amount=Money(Decimal(amount), "EUR")
    )
    return attrs.evolve(SITE, spend=(*SITE.spend, entry))


def test_spend_that_adds_up_past_an_amount_is_refused_with_its_path() -> None:
    # One entry of 999,999,999,999,999 plus the demo's own spend: past 10^15.
    with pytest.raises(vendorgov.ValidationError) as info:
        with_spend("999999999999999")
    assert [detail.path for detail in info.value.errors] == ["spend"]


@pytest.mark.parametrize("at", [dt.date(2026, 5, 4), dt.date(2026, 6, 1), dt.date(9998, 12, 31)])
def test_an_extrapolation_past_an_amount_is_left_out(at: dt.date) -> None:
    mission = with_spend("99999999999999")  # 10^14 - 1 on the first day
    report = vendorgov.budget(mission, at)
    line = next(line for line in report.lines if line.activity == SITE.activities[0].key)
    # The first day: 10^14 spent in 1 day of a 365-day mission would forecast about
    # 3.65 × 10^16, past 10^15: no burn rate, no forecast (rather than a false one).
    if at == dt.date(2026, 5, 4):
        assert line.forecast is None
        assert line.burn_rate is None
    assert line.actual.amount >= Decimal("99999999999999")
    vendorgov.assess(mission, at)  # and the findings are computed, not refused
