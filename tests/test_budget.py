"""Budget reports — every expected value below is worked out by hand.

The mission runs from 2027-01-01 to 2027-12-31: 365 days, both included.
Activities: ``fulfilment`` (budget 36500, i.e. 100 a day), ``support`` (budget
7300, 20 a day) and ``content`` (no budget). Total budget 43800 (120 a day).

Spend by 2027-03-31: fulfilment 3000 + 3000 + 3500 = 9500; support 1000;
content 400; total 10900. One more fulfilment invoice of 3000 falls on
2027-04-15. Value: 12000 on fulfilment (2027-03-31), 1000 without an activity
(2027-03-20), and 5000 on support on 2027-05-31.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
import pytest

from vendorgov import (
    Activity,
    ActivityKind,
    BillingPeriod,
    Contact,
    ContactRole,
    Contract,
    Fee,
    FeeKind,
    Mission,
    Money,
    Party,
    PlannedSpend,
    Side,
    SpendEntry,
    ValidationError,
    ValueEntry,
    examples,
)
from vendorgov._engine.budget import budget
from vendorgov._engine.health import assess
from vendorgov._model.results import BudgetLine, BudgetReport
from vendorgov.serialization import Format, dumps, loads

D = Decimal
START, END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)


def eur(text: str) -> Money:
    return Money(D(text), "EUR")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


SPEND = (
    ("2027-01-31", "fulfilment", "3000"),
    ("2027-02-28", "fulfilment", "3000"),
    ("2027-03-31", "fulfilment", "3500"),
    ("2027-03-15", "support", "1000"),
    ("2027-02-10", "content", "400"),
    ("2027-04-15", "fulfilment", "3000"),
)
VALUE = (
    ("2027-03-31", "fulfilment", "12000"),
    ("2027-03-20", None, "1000"),
    ("2027-05-31", "support", "5000"),
)


def make_mission(
    *,
    budgets: dict[str, str | None] | None = None,
    spend: Sequence[tuple[str, str, str]] = SPEND,
    value: Sequence[tuple[str, str | None, str]] = VALUE,
    start: dt.date = START,
    end: dt.date = END,
) -> Mission:
    """The mission described above; ``budgets`` replaces the activities (key → budget)."""
    if budgets is None:
        budgets = {"fulfilment": "36500", "support": "7300", "content": None}
    return Mission(
        key="logistique",
        name="Logistique",
        client=Party(name="Boutique"),
        provider=Party(name="LogiNord"),
        start=start,
        end=end,
        contacts=(
            Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
            Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY),
        ),
        activities=tuple(
            Activity(
                key=key,
                kind=ActivityKind.OTHER,
                name=key,
                budget=None if amount is None else eur(amount),
            )
            for key, amount in budgets.items()
        ),
        spend=tuple(
            SpendEntry(on=day(on), activity=activity, amount=eur(amount))
            for on, activity, amount in spend
        ),
        value_entries=tuple(
            ValueEntry(on=day(on), activity=activity, amount=eur(amount), description="gain")
            for on, activity, amount in value
        ),
    )


def line_of(report: BudgetReport, activity: str) -> BudgetLine:
    found = report.line(activity)
    assert found is not None
    return found


class TestTimeline:
    @pytest.mark.parametrize(
        ("at", "elapsed", "months"),
        [
            # Before the start: nothing elapsed.
            ("2026-12-31", 0, D(0)),
            # The first day counts: 1 day; months to 01-02 = 1/31 (January has 31 days).
            ("2027-01-01", 1, D(1) / D(31)),
            # 31 + 28 + 31 = 90 days; months to 04-01 = 3.
            ("2027-03-31", 90, D(3)),
            # The last day: 365 days, 12 months.
            ("2027-12-31", 365, D(12)),
            # After the end: clamped.
            ("2028-06-30", 365, D(12)),
        ],
    )
    def test_elapsed(self, at: str, elapsed: int, months: Decimal) -> None:
        report = budget(make_mission(), day(at))
        assert (report.elapsed_days, report.total_days) == (elapsed, 365)
        assert report.months_elapsed == months
        assert report.share == D(elapsed) / D(365)
        assert (report.at, report.start, report.end, report.mission) == (
            day(at),
            START,
            END,
            "logistique",
        )


class TestMiddle:
    """At 2027-03-31: 90 of 365 days, 3 months."""

    @pytest.fixture
    def report(self) -> BudgetReport:
        return budget(make_mission(), day("2027-03-31"))

    def test_lines_in_the_mission_order(self, report: BudgetReport) -> None:
        assert [line.activity for line in report.lines] == ["fulfilment", "support", "content"]
        assert report.total.activity is None

    def test_budgeted_activity(self, report: BudgetReport) -> None:
        line = line_of(report, "fulfilment")
        assert line.planned == eur("36500.00")
        # 36500 × 90 / 365 = 9000.00; 9500 spent (the 2027-04-15 invoice is not due yet).
        assert line.planned_to_date == eur("9000.00")
        assert line.actual == eur("9500.00")
        # 9500 − 9000 = +500 (over the plan); 100 × 500 / 9000 = 5.555…
        assert line.variance == eur("500.00")
        assert line.variance_percent == D("5.555555555555555555555555556")
        assert line.over_plan is True
        # 9500 / 3 months = 3166.666… → 3166.67.
        assert line.burn_rate == eur("3166.67")
        # 9500 × 365 / 90 = 38527.777… → 38527.78.
        assert line.forecast == eur("38527.78")
        # Value 12000: 100 × (12000 − 9500) / 9500 = 26.315789…
        assert line.value == eur("12000.00")
        assert line.roi_percent == D("26.31578947368421052631578947")

    def test_under_plan(self, report: BudgetReport) -> None:
        line = line_of(report, "support")
        # 7300 × 90 / 365 = 1800.00; 1000 − 1800 = −800; 100 × −800 / 1800 = −44.44…
        assert (line.planned_to_date, line.actual, line.variance) == (
            eur("1800.00"),
            eur("1000.00"),
            eur("-800.00"),
        )
        assert line.variance_percent == D("-44.44444444444444444444444444")
        assert line.over_plan is False
        # 1000 / 3 = 333.33; 1000 × 365 / 90 = 4055.555… → 4055.56.
        assert (line.burn_rate, line.forecast) == (eur("333.33"), eur("4055.56"))
        # Its value entry (2027-05-31) is not due yet.
        assert (line.value, line.roi_percent) == (None, None)

    def test_activity_without_a_budget(self, report: BudgetReport) -> None:
        line = line_of(report, "content")
        assert (line.planned, line.planned_to_date, line.variance, line.variance_percent) == (
            None,
            None,
            None,
            None,
        )
        assert line.over_plan is None
        # 400 spent: 400 / 3 = 133.33 a month; 400 × 365 / 90 = 1622.22.
        assert (line.actual, line.burn_rate, line.forecast) == (
            eur("400.00"),
            eur("133.33"),
            eur("1622.22"),
        )

    def test_total(self, report: BudgetReport) -> None:
        total = report.total
        # Planned 36500 + 7300 = 43800; to date 43800 × 90 / 365 = 10800.00.
        assert (total.planned, total.planned_to_date) == (eur("43800.00"), eur("10800.00"))
        # Actual counts all spend, the unbudgeted content too: 9500 + 1000 + 400 = 10900.
        assert total.actual == eur("10900.00")
        # 10900 − 10800 = 100; 100 × 100 / 10800 = 0.9259…
        assert total.variance == eur("100.00")
        assert total.variance_percent == D("0.9259259259259259259259259259")
        # 10900 / 3 = 3633.33; 10900 × 365 / 90 = 44205.555… → 44205.56.
        assert (total.burn_rate, total.forecast) == (eur("3633.33"), eur("44205.56"))
        # Value 12000 + 1000 (no activity) = 13000; 100 × 2100 / 10900 = 19.266…
        assert total.value == eur("13000.00")
        assert total.roi_percent == D("19.26605504587155963302752294")


class TestEdges:
    def test_before_the_start(self) -> None:
        # A set-up invoice before the start counts; nothing is planned yet.
        mission = make_mission(spend=(("2026-12-20", "fulfilment", "500"),), value=())
        report = budget(mission, day("2026-12-31"))
        line = line_of(report, "fulfilment")
        assert (line.planned_to_date, line.actual, line.variance) == (
            eur("0.00"),
            eur("500.00"),
            eur("500.00"),
        )
        # Planned to date is zero: no percentage; no pace yet: no burn rate nor forecast.
        assert (line.variance_percent, line.burn_rate, line.forecast) == (None, None, None)
        assert report.total.value is None

    def test_first_day(self) -> None:
        report = budget(make_mission(), START)
        line = line_of(report, "fulfilment")
        # 36500 × 1 / 365 = 100.00; nothing spent: −100.00, −100 %.
        assert (line.planned_to_date, line.actual, line.variance) == (
            eur("100.00"),
            eur("0.00"),
            eur("-100.00"),
        )
        assert line.variance_percent == D(-100)
        assert (line.burn_rate, line.forecast) == (eur("0.00"), eur("0.00"))

    def test_fraction_of_a_month(self) -> None:
        # At 2027-01-15: 15 days; months to 01-16 = 15/31. Spend 1550 on 2027-01-10:
        # burn 1550 × 31 / 15 = 3203.333… → 3203.33; forecast 1550 × 365 / 15 = 37716.67.
        mission = make_mission(spend=(("2027-01-10", "fulfilment", "1550"),), value=())
        line = line_of(budget(mission, day("2027-01-15")), "fulfilment")
        assert (line.burn_rate, line.forecast) == (eur("3203.33"), eur("37716.67"))
        # 36500 × 15 / 365 = 1500.00.
        assert line.planned_to_date == eur("1500.00")

    def test_last_day(self) -> None:
        report = budget(make_mission(), END)
        line = line_of(report, "fulfilment")
        # The whole plan is due; actual 9500 + 3000 = 12500; the forecast is the actual.
        assert (line.planned_to_date, line.actual, line.forecast) == (
            eur("36500.00"),
            eur("12500.00"),
            eur("12500.00"),
        )
        # 12500 / 12 months = 1041.666… → 1041.67.
        assert line.burn_rate == eur("1041.67")
        assert line.variance == eur("-24000.00")

    def test_after_the_end(self) -> None:
        # Time is clamped at the end, spend after it still counts (a late invoice).
        spend = (*SPEND, ("2028-02-01", "support", "800"))
        line = line_of(budget(make_mission(spend=spend), day("2028-06-30")), "support")
        # 7300 planned; 1000 + 800 = 1800 spent; forecast = actual; 1800 / 12 = 150.00.
        assert (line.planned_to_date, line.actual, line.forecast, line.burn_rate) == (
            eur("7300.00"),
            eur("1800.00"),
            eur("1800.00"),
            eur("150.00"),
        )
        # Its value of 5000: 100 × (5000 − 1800) / 1800 = 177.77…
        assert line.roi_percent == D("177.7777777777777777777777778")

    def test_planned_to_date_is_split_without_losing_a_cent(self) -> None:
        # Three budgets of 100: on the first day, 300 × 1/365 = 0.8219… → 0.82 rounded once,
        # then split 0.28 + 0.27 + 0.27 (rounding each 0.27397… would give 0.81 in all).
        budgets: dict[str, str | None] = {"a": "100", "b": "100", "c": "100"}
        report = budget(make_mission(budgets=budgets, spend=(), value=()), START)
        shares = [line.planned_to_date for line in report.lines]
        assert shares == [eur("0.28"), eur("0.27"), eur("0.27")]
        assert report.total.planned_to_date == eur("0.82")
        assert sum(share for share in shares if share is not None) == eur("0.82")

    def test_zero_budget(self) -> None:
        budgets: dict[str, str | None] = {"fulfilment": "0"}
        report = budget(make_mission(budgets=budgets, spend=SPEND[:1], value=()), day("2027-03-31"))
        line = line_of(report, "fulfilment")
        # Planned to date 0: variance = actual, no percentage.
        assert (line.planned_to_date, line.variance, line.variance_percent) == (
            eur("0.00"),
            eur("3000.00"),
            None,
        )

    def test_no_budget_at_all(self) -> None:
        budgets: dict[str, str | None] = {"fulfilment": None}
        report = budget(make_mission(budgets=budgets, spend=SPEND[:1], value=()), END)
        assert (report.total.planned, report.total.planned_to_date, report.total.variance) == (
            None,
            None,
            None,
        )
        assert report.total.actual == eur("3000.00")

    def test_value_without_spend_has_no_roi(self) -> None:
        report = budget(make_mission(spend=()), day("2027-03-31"))
        line = line_of(report, "fulfilment")
        assert (line.value, line.actual, line.roi_percent) == (eur("12000.00"), eur("0.00"), None)

    def test_no_activity(self) -> None:
        report = budget(make_mission(budgets={}, spend=(), value=()), day("2027-03-31"))
        assert report.lines == ()
        assert report.total.actual == eur("0.00")
        assert report.line("fulfilment") is None

    def test_rounded_once_from_exact_amounts(self) -> None:
        # Two sub-cent invoices: 0.004 + 0.004 = 0.008 → 0.01 (rounding each would give 0.00).
        spend = (("2027-01-05", "fulfilment", "0.004"), ("2027-01-06", "fulfilment", "0.004"))
        line = line_of(budget(make_mission(spend=spend, value=()), END), "fulfilment")
        assert line.actual == eur("0.01")


class TestInputs:
    @pytest.mark.parametrize(
        "at", [dt.datetime(2027, 3, 31, tzinfo=dt.UTC), "2027-03-31", None], ids=repr
    )
    def test_at_must_be_a_date(self, at: object) -> None:
        with pytest.raises(ValidationError) as caught:
            budget(make_mission(), at)  # type: ignore[arg-type]
        assert [error.path for error in caught.value.errors] == ["at"]

    def test_mission_must_be_a_mission(self) -> None:
        with pytest.raises(ValidationError) as caught:
            budget(None, START)  # type: ignore[arg-type]
        assert [error.path for error in caught.value.errors] == ["mission"]

    def test_pure(self) -> None:
        mission = make_mission()
        assert budget(mission, END) == budget(mission, END)


def budget_line(**changes: Any) -> BudgetLine:
    fields: dict[str, Any] = {
        "activity": "fulfilment",
        "actual": eur("9500.00"),
        "planned": eur("36500.00"),
        "planned_to_date": eur("9000.00"),
        "variance": eur("500.00"),
    }
    return BudgetLine(**(fields | changes))


class TestBudgetLineInvariants:
    @pytest.mark.parametrize(
        ("changes", "path"),
        [
            ({"variance": eur("400.00")}, "variance"),
            ({"variance": None}, "variance"),
            ({"planned": None}, "planned_to_date"),
            ({"planned": eur("-1")}, "planned.amount"),
            (
                {"planned_to_date": eur("0"), "variance": eur("9500"), "variance_percent": D(1)},
                "variance_percent",
            ),
            ({"burn_rate": eur("1")}, "forecast"),
            ({"roi_percent": D(5)}, "roi_percent"),
            ({"forecast": Money(D(1), "USD"), "burn_rate": eur("1")}, "forecast.currency"),
            ({"activity": "Not A Key"}, "activity"),
        ],
    )
    def test_refused(self, changes: dict[str, Any], path: str) -> None:
        with pytest.raises(ValidationError) as caught:
            budget_line(**changes)
        assert path in [error.path for error in caught.value.errors]

    def test_report_invariants(self) -> None:
        report = budget(make_mission(), day("2027-03-31"))
        with pytest.raises(ValidationError) as caught:
            BudgetReport(
                mission="m",
                at=report.at,
                start=START,
                end=END,
                elapsed_days=400,
                total_days=364,
                months_elapsed=D(-1),
                lines=(report.lines[0], report.lines[0], report.total),
                total=report.lines[0],
            )
        paths = {error.path for error in caught.value.errors}
        assert paths == {
            "total_days",
            "elapsed_days",
            "months_elapsed",
            "total.activity",
            "lines[1].activity",
            "lines[2].activity",
        }


class TestBudgetFiles:
    @pytest.mark.parametrize("format", ["json", "toml"])
    @pytest.mark.parametrize("at", ["2026-12-31", "2027-03-31", "2028-06-30"])
    def test_round_trip(self, format: Format, at: str) -> None:
        report = budget(make_mission(), day(at))
        text = dumps(report, format=format)
        again = loads(text, format=format, cls=BudgetReport)
        assert again == report
        assert again.total.variance_percent == report.total.variance_percent


# -- a phased budget: plans per month and one-off prices -------------------------------------
def planned_mission(
    plan: Sequence[tuple[str, str]],
    spend: Sequence[tuple[str, str, str]] = (),
    budget_text: str = "36500",
) -> Mission:
    """One activity ``work`` with a budget of ``budget_text`` and the plan (month, amount)."""
    mission = make_mission(budgets={"work": budget_text}, spend=spend, value=())
    activity = attrs.evolve(
        mission.activities[0],
        plan=tuple(PlannedSpend(month=month, amount=eur(amount)) for month, amount in plan),
    )
    return attrs.evolve(mission, activities=(activity,))


class TestPlan:
    PLAN = (("2027-01", "10000"), ("2027-03", "5000"))

    def test_planned_to_date_and_forecast_follow_the_plan(self) -> None:
        # 365 days. Plan 10000 (January) + 5000 (March) = 15000; the rest 36500 − 15000 =
        # 21500 is spread linearly. On 10 January (10 days): to date = 10000 + 21500 × 10 /
        # 365 = 10000 + 589.0411 = 10589.04. Spent 10000: variance = −589.04. Forecast =
        # actual + (budget − to date) = 10000 + (36500 − 10589.0411) = 35910.96.
        mission = planned_mission(self.PLAN, spend=(("2027-01-05", "work", "10000"),))
        line = line_of(budget(mission, day("2027-01-10")), "work")
        assert line.planned_to_date == eur("10589.04")
        assert line.variance == eur("-589.04")
        assert line.forecast == eur("35910.96")

    def test_a_month_counts_from_its_first_day(self) -> None:
        # 28 February (59 days): 10000 + 21500 × 59 / 365 = 10000 + 3475.3425 = 13475.34;
        # 1 March (60 days): 15000 + 21500 × 60 / 365 = 15000 + 3534.2466 = 18534.25.
        mission = planned_mission(self.PLAN)
        assert line_of(budget(mission, day("2027-02-28")), "work").planned_to_date == eur(
            "13475.34"
        )
        assert line_of(budget(mission, day("2027-03-01")), "work").planned_to_date == eur(
            "18534.25"
        )

    def test_before_the_start_and_at_the_end(self) -> None:
        # Before the start nothing is planned yet and there is no forecast; from the end on
        # the whole budget is planned and the forecast is the actual (36500 − 36500 = 0 left).
        mission = planned_mission(self.PLAN, spend=(("2027-06-30", "work", "30000"),))
        early = line_of(budget(mission, day("2026-12-31")), "work")
        assert (early.planned_to_date, early.forecast) == (eur("0.00"), None)
        late = line_of(budget(mission, day("2028-01-31")), "work")
        assert (late.planned_to_date, late.forecast) == (eur("36500.00"), eur("30000.00"))

    def test_the_total_adds_the_activities(self) -> None:
        # With a plan the total's to date is the sum of the activities': 10589.04 (above)
        # + 7300 × 10 / 365 = 200.00 for "support" (linear) = 10789.04; total forecast
        # = 35910.96 + 0 (nothing spent on support: 0 × 365 / 10) = 35910.96.
        mission = make_mission(
            budgets={"work": "36500", "support": "7300"},
            spend=(("2027-01-05", "work", "10000"),),
            value=(),
        )
        work = attrs.evolve(
            mission.activities[0],
            plan=tuple(PlannedSpend(month=m, amount=eur(a)) for m, a in self.PLAN),
        )
        mission = attrs.evolve(mission, activities=(work, mission.activities[1]))
        report = budget(mission, day("2027-01-10"))
        assert report.total.planned_to_date == eur("10789.04")
        assert line_of(report, "support").planned_to_date == eur("200.00")
        assert report.total.forecast == eur("35910.96")

    @pytest.mark.parametrize(
        ("plan", "budget_text", "message"),
        [
            ((("2027-01", "40000"),), "36500", "more than the budget"),
            ((("2027-1", "1"),), "36500", "YYYY-MM"),
            ((("2027-01", "1"), ("2027-01", "2")), "36500", "duplicate month"),
            ((("2028-01", "1"),), "36500", "outside the mission"),
        ],
    )
    def test_validation(
        self, plan: Sequence[tuple[str, str]], budget_text: str, message: str
    ) -> None:
        with pytest.raises(ValidationError, match=message):
            planned_mission(plan, budget_text=budget_text)

    def test_a_plan_needs_a_budget(self) -> None:
        with pytest.raises(ValidationError, match="needs the activity's budget"):
            Activity(
                key="work",
                kind=ActivityKind.OTHER,
                name="work",
                plan=(PlannedSpend(month="2027-01", amount=eur("1")),),
            )


class TestOneOffPrice:
    def test_a_one_off_price_is_not_extrapolated(self) -> None:
        # A one-off fee of 18000 on "work", 5400 spent by 10 January: the forecast is
        # max(5400, 18000) = 18000.00 (linear: 5400 × 365 / 10 = 197100.00).
        mission = make_mission(
            budgets={"work": "20000"}, spend=(("2027-01-05", "work", "5400"),), value=()
        )
        contract = Contract(
            reference="CTR-1",
            effective=START,
            duration_months=12,
            fees=(
                Fee(
                    label="Refonte",
                    kind=FeeKind.FIXED,
                    period=BillingPeriod.ONE_OFF,
                    amount=eur("18000"),
                    activity="work",
                ),
            ),
        )
        mission = attrs.evolve(mission, contract=contract)
        assert line_of(budget(mission, day("2027-01-10")), "work").forecast == eur("18000.00")
        # Spent beyond the price (19000 by 30 June): the forecast is the actual.
        more = attrs.evolve(
            mission,
            spend=(
                *mission.spend,
                SpendEntry(on=day("2027-06-30"), activity="work", amount=eur("13600")),
            ),
        )
        assert line_of(budget(more, day("2027-06-30")), "work").forecast == eur("19000.00")


class TestDemoWebsite:
    def test_the_redesign_no_longer_overruns_in_its_first_month(self) -> None:
        # Redesign: budget 20000, plan 5400 (2026-05) + 7200 (2026-08) + 5400 (2026-09) =
        # 18000, rest 2000 linear over 365 days (2026-05-04 .. 2027-05-03). On 31 May
        # (28 days): to date = 5400 + 2000 × 28 / 365 = 5400 + 153.42 = 5553.42 ≥ 5400
        # spent; forecast = 5400 + (20000 − 5553.4247) = 19846.58 ≤ 20000. Before the plan
        # (linear): to date 20000 × 28 / 365 = 1534.25 and forecast 5400 × 365 / 28 =
        # 70392.86: both findings.
        mission = examples.demo_mission("site_web")
        line = line_of(budget(mission, day("2026-05-31")), "refonte")
        assert (line.planned_to_date, line.forecast) == (eur("5553.42"), eur("19846.58"))
        codes = {
            (finding.code, finding.param("activity"))
            for finding in assess(mission, day("2026-05-31"))
            if finding.code in {"BUDGET_OVERRUN", "FORECAST_OVERRUN"}
        }
        assert ("BUDGET_OVERRUN", "refonte") not in codes
        assert ("FORECAST_OVERRUN", "refonte") not in codes
