"""Payouts — bonuses, service credits, earn-backs — with every expected value worked by hand.

The missions below start on 2027-03-01 with one KPI family scored against a
target of 99 and a threshold of 97 (higher is better), so that
``points = 100 × (actual − 97) / 2``: actual 98.8 scores exactly 90, 98.5
scores 75, 98 scores 50, 97 scores 0 (missed) and 99 scores 100 (met).

Milestones by default: M+1 due 2027-04-01, M+6 due 2027-09-01, M+12 due
2028-03-01. Their fee periods (DESIGN: from the previous due date, or the
start, to the due date, anchored on the start) are 1, 5 and 6 months.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
import pytest

from vendorgov import (
    Activity,
    ActivityKind,
    BillingPeriod,
    BonusScheme,
    BonusTier,
    Cadence,
    Contact,
    ContactRole,
    Contract,
    CreditBase,
    Direction,
    Fee,
    FeeKind,
    Frequency,
    Horizon,
    Kpi,
    KpiCreditRate,
    Measurement,
    Milestone,
    Mission,
    Money,
    NoDataPolicy,
    Parameter,
    Party,
    Reporting,
    ServiceCreditScheme,
    Side,
    SpendEntry,
    Target,
    ValidationError,
    examples,
)
from vendorgov._describe import describe
from vendorgov._engine.incentives import (
    Months,
    months_between,
    payout_totals,
    payouts,
    period_fee,
    variable_billed,
)
from vendorgov._model.results import Payout, PayoutCategory
from vendorgov.serialization import Format, dumps, loads

D = Decimal
START = dt.date(2027, 3, 1)
M1, M6, M12 = dt.date(2027, 4, 1), dt.date(2027, 9, 1), dt.date(2028, 3, 1)
# A day inside each milestone's scoring window, to date measurements.
IN_M1, IN_M6, IN_M12 = dt.date(2027, 3, 15), dt.date(2027, 6, 15), dt.date(2027, 12, 15)


def eur(text: str) -> Money:
    return Money(D(text), "EUR")


def fee(
    amount: str = "3500",
    period: BillingPeriod | None = BillingPeriod.MONTHLY,
    kind: FeeKind = FeeKind.FIXED,
) -> Fee:
    unit = "" if kind is FeeKind.FIXED else "commande"
    return Fee(label="Forfait", kind=kind, amount=eur(amount), period=period, unit=unit)


def contract(*fees: Fee) -> Contract:
    return Contract(
        reference="CTR-1",
        effective=START,
        duration_months=12,
        fees=fees or (fee(),),
    )


def milestone(name: str, kpis: Sequence[str]) -> Milestone:
    targets = tuple(Target(kpi=key, target=D(99), threshold=D(97)) for key in kpis)
    return Milestone(name=name, horizon=Horizon.parse(name), targets=targets)


def make_mission(
    *,
    kpis: Sequence[str] = ("accuracy",),
    milestones: Sequence[str] = ("M+1", "M+6", "M+12"),
    values: dict[tuple[str, dt.date], str] | None = None,
    bonus: BonusScheme | None = None,
    credits: ServiceCreditScheme | None = None,
    agreement: Contract | str | None = "default",
    start: dt.date = START,
    targets: dict[str, Sequence[str]] | None = None,
) -> Mission:
    """A mission with KPIs ``kpis`` (targeted at every milestone unless ``targets`` says
    otherwise) and one measurement per ``(kpi, day): value``."""
    extra: dict[str, Any] = {}
    if agreement == "default":
        extra["contract"] = contract()
    elif agreement is not None:
        extra["contract"] = agreement
    targets = targets or {}
    return Mission(
        key="logistique",
        name="Logistique",
        client=Party(name="Boutique"),
        provider=Party(name="LogiNord"),
        start=start,
        end=start + dt.timedelta(days=500),
        contacts=(
            Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
            Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY),
        ),
        kpis=tuple(Kpi(key=key, name=key, unit="%", direction=Direction.HIGHER) for key in kpis),
        milestones=tuple(milestone(name, targets.get(name, kpis)) for name in milestones),
        measurements=tuple(
            Measurement(kpi=key, value=D(value), at=on)
            for (key, on), value in (values or {}).items()
        ),
        bonus=bonus,
        service_credits=credits,
        **extra,
    )


def tiered(cap: str | None = None, base: str = "10500") -> BonusScheme:
    """≥ 90: 5 % of the base; ≥ 75: 2 %; ≥ 50: a fixed 100 EUR."""
    return BonusScheme(
        base=eur(base),
        cap=None if cap is None else eur(cap),
        tiers=(
            BonusTier(min_score=D(75), rate=D("0.02")),
            BonusTier(min_score=D(90), rate=D("0.05")),
            BonusTier(min_score=D(50), amount=eur("100")),
        ),
    )


def credit_scheme(
    rate: str = "0.03",
    at_risk: str = "100000",
    kpi_rates: dict[str, str] | None = None,
    earn_back: bool = False,
    no_data: NoDataPolicy = NoDataPolicy.IGNORE,
    base: CreditBase = CreditBase.FIXED,
) -> ServiceCreditScheme:
    """A credit scheme; KPIs without data are ignored unless ``no_data`` says otherwise, so
    that the tests of missed KPIs leave out milestones without data (TestNoData tests the
    scheme's default, ``credit``)."""
    return ServiceCreditScheme(
        no_data=no_data,
        base=base,
        rate=D(rate),
        at_risk=eur(at_risk),
        kpi_rates=tuple(
            KpiCreditRate(kpi=key, rate=D(value)) for key, value in (kpi_rates or {}).items()
        ),
        earn_back=earn_back,
    )


def bonus_at_m1(actual: str | None, scheme: BonusScheme | None = None) -> Payout:
    values = {} if actual is None else {("accuracy", IN_M1): actual}
    lines = payouts(make_mission(values=values, bonus=scheme or tiered()), M1)
    assert len(lines) == 1
    return lines[0]


def amounts(lines: Sequence[Payout]) -> list[str]:
    return [str(line.amount) for line in lines]


# -- months and the period's fee -----------------------------------------------------------
class TestMonthsBetween:
    def test_whole_months(self) -> None:
        # 2027-04-01 → 2027-09-01: May, June, July, August, September steps = 5 months.
        assert months_between(START, M1, M6) == Months(5, 1)

    def test_first_period_from_the_start(self) -> None:
        assert months_between(START, START, M1) == Months(1, 1)

    def test_day_fraction_of_the_next_month_step(self) -> None:
        # 2027-03-01 → 2027-03-11: 10 days of the step 03-01 → 04-01 (31 days).
        assert months_between(START, START, dt.date(2027, 3, 11)) == Months(10, 31)
        assert str(Months(10, 31)) == "10/31 month"

    def test_whole_and_fraction(self) -> None:
        # 2027-03-01 → 2027-05-16: 2 months to 05-01, then 15 of the 31 days to 06-01.
        months = months_between(START, START, dt.date(2027, 5, 16))
        assert months == Months(2 * 31 + 15, 31)
        assert str(months) == "2 + 15/31 months"

    def test_anchored_on_the_origin_through_clamping(self) -> None:
        # Start 31 January: M+1 = 28 February, M+2 = 31 March; the period between is
        # one month although 28 Feb → 31 Mar is 31 days.
        origin = dt.date(2027, 1, 31)
        assert months_between(origin, dt.date(2027, 2, 28), dt.date(2027, 3, 31)) == Months(1, 1)

    def test_dates_out_of_order_are_refused(self) -> None:
        with pytest.raises(ValidationError) as caught:
            months_between(START, M6, M1)
        assert caught.value.errors[0].path == "end"


class TestPeriodFee:
    def test_first_milestone(self) -> None:
        # M+1: 1 month × 3500 = 3500.
        found = period_fee(make_mission(), 0)
        assert found is not None
        assert found.amount == eur("3500")
        assert found.months == Months(1, 1)

    def test_second_milestone_counts_from_the_previous_due_date(self) -> None:
        # M+6 window 2027-04-02..2027-09-01 = 5 months × 3500 = 17500.
        found = period_fee(make_mission(), 1)
        assert found is not None
        assert found.amount == eur("17500")
        assert found.describe() == "17500.00 EUR (5 months × fixed fees 3500 EUR monthly)"

    @pytest.mark.parametrize(
        ("amount", "period"),
        [("10500", BillingPeriod.QUARTERLY), ("42000", BillingPeriod.YEARLY)],
    )
    def test_monthly_equivalent(self, amount: str, period: BillingPeriod) -> None:
        # 10500 / 3 = 42000 / 12 = 3500 a month; × 5 months = 17500.
        found = period_fee(make_mission(agreement=contract(fee(amount, period))), 1)
        assert found is not None
        assert found.amount == eur("17500")

    def test_several_fixed_fees_add_up_and_others_are_left_out(self) -> None:
        # 3500 monthly + 1200 yearly (100 a month) = 3600 a month × 5 = 18000; the one-off
        # set-up fee and the per-unit fee do not count.
        agreement = contract(
            fee("3500"),
            fee("1200", BillingPeriod.YEARLY),
            fee("5000", BillingPeriod.ONE_OFF),
            fee("0.80", None, FeeKind.PER_UNIT),
        )
        found = period_fee(make_mission(agreement=agreement), 1)
        assert found is not None
        assert found.amount == eur("18000")
        assert found.fees == "3500 EUR monthly + 1200 EUR yearly"

    def test_fraction_of_a_month_is_kept_exact(self) -> None:
        # D+10: 10/31 month × 3500 = 1129.032258064516129032258065 (not rounded).
        found = period_fee(make_mission(milestones=("D+10",)), 0)
        assert found is not None
        assert found.amount.amount == D(35000) / D(31)
        assert found.describe().startswith("≈ 1129.03 EUR (10/31 month × ")

    @pytest.mark.parametrize(
        "agreement",
        [
            None,
            contract(fee("5000", BillingPeriod.ONE_OFF)),
            contract(fee("0.8", None, FeeKind.PER_UNIT)),
        ],
        ids=["no contract", "one-off only", "per unit only"],
    )
    def test_no_fixed_periodic_fee(self, agreement: Contract | None) -> None:
        assert period_fee(make_mission(agreement=agreement), 0) is None

    def test_unknown_index(self) -> None:
        with pytest.raises(ValidationError) as caught:
            period_fee(make_mission(), 3)
        assert caught.value.errors[0].path == "index"


# -- bonus -------------------------------------------------------------------------------
class TestBonusTiers:
    @pytest.mark.parametrize(
        ("actual", "score", "expected", "rule"),
        [
            # 99 → 100 points: tier ≥ 90, 5 % × 10500 = 525.00.
            ("99", "100", "525.00", "Score 100 reaches the tier ≥ 90: 5% of €10,500.00."),
            # 98.8 → exactly 90: the tier's minimum is in the tier.
            ("98.8", "90", "525.00", "Score 90 reaches the tier ≥ 90: 5% of €10,500.00."),
            # 98.7998 → 89.99: tier ≥ 75, 2 % × 10500 = 210.00.
            ("98.7998", "89.99", "210.00", "Score 89.9 reaches the tier ≥ 75: 2% of €10,500.00."),
            # 98.79992 → 89.996: shown cut down to 89.9, never as the 90 it does not reach.
            (
                "98.79992",
                "89.996",
                "210.00",
                "Score 89.9 reaches the tier ≥ 75: 2% of €10,500.00.",
            ),
            ("98.5", "75", "210.00", "Score 75 reaches the tier ≥ 75: 2% of €10,500.00."),
            # 98 → 50: the fixed tier.
            ("98", "50", "100.00", "Score 50 reaches the tier ≥ 50: a fixed bonus of €100.00."),
            # 97.9998 → 49.99: below every tier, a zero line says why.
            ("97.9998", "49.99", "0.00", "Score 49.9 is below the lowest tier (≥ 50): no bonus."),
            # 97 → 0 points.
            ("97", "0", "0.00", "Score 0 is below the lowest tier (≥ 50): no bonus."),
        ],
    )
    def test_tier_edges(self, actual: str, score: str, expected: str, rule: str) -> None:
        line = bonus_at_m1(actual)
        assert line.category is PayoutCategory.BONUS
        assert line.overall == D(score)
        assert line.amount == eur(expected)
        assert str(line.amount) == f"{expected} EUR"
        assert describe(line) == rule
        assert not line.capped

    def test_rule_codes_and_parameters(self) -> None:
        assert (bonus_at_m1("99").rule, bonus_at_m1("99").params) == (
            "bonus_rate",
            (Parameter.of("tier", D(90)),),
        )
        assert (bonus_at_m1("98").rule, bonus_at_m1("98").params) == (
            "bonus_fixed",
            (Parameter.of("tier", D(50)), Parameter.of("fixed", eur("100"))),
        )
        assert (bonus_at_m1("97").rule, bonus_at_m1("97").params) == (
            "bonus_below_tiers",
            (Parameter.of("lowest", D(50)),),
        )

    def test_tier_at_zero_is_reached_by_a_zero_score(self) -> None:
        scheme = BonusScheme(tiers=(BonusTier(min_score=D(0), amount=eur("10")),))
        line = bonus_at_m1("97", scheme)
        assert line.overall == 0
        assert line.amount == eur("10.00")

    def test_no_score_gives_a_zero_line(self) -> None:
        line = bonus_at_m1(None)
        assert line.overall is None
        assert line.amount == eur("0.00")
        assert (line.rule, line.params) == ("bonus_no_score", ())
        assert describe(line) == "No overall score at “M+1” (no KPI had data): no bonus."
        assert line.rate is None
        assert line.base is None

    def test_line_says_where_it_comes_from(self) -> None:
        line = bonus_at_m1("98.8")
        assert (line.milestone, line.due, line.scored_on) == ("M+1", M1, M1)
        assert (line.rate, line.base, line.kpi) == (D("0.05"), eur("10500"), None)


class TestBonusCap:
    def test_cap_binds(self) -> None:
        # 5 % × 10500 = 525 > 400: 400.00.
        line = bonus_at_m1("99", tiered(cap="400"))
        assert line.amount == eur("400.00")
        assert line.capped
        assert line.params == (Parameter.of("tier", D(90)), Parameter.of("cap", eur("400")))
        assert describe(line) == (
            "Score 100 reaches the tier ≥ 90: 5% of €10,500.00. Capped at €400.00."
        )

    def test_cap_equal_to_the_bonus_does_not_bind(self) -> None:
        line = bonus_at_m1("99", tiered(cap="525"))
        assert line.amount == eur("525.00")
        assert not line.capped

    def test_cap_applies_to_a_fixed_tier(self) -> None:
        line = bonus_at_m1("98", tiered(cap="60"))
        assert line.amount == eur("60.00")
        assert line.capped

    def test_bonus_rounds_half_up_once(self) -> None:
        # 5 % × 10500.10 = 525.005 → 525.01 (half-up).
        assert bonus_at_m1("99", tiered(base="10500.10")).amount == eur("525.01")


class TestBonusMilestones:
    def test_only_milestones_reached(self) -> None:
        values = {("accuracy", IN_M1): "99", ("accuracy", IN_M6): "98.5"}
        mission = make_mission(values=values, bonus=tiered())
        assert payouts(mission, M1 - dt.timedelta(days=1)) == ()
        assert amounts(payouts(mission, M1)) == ["525.00 EUR"]
        # M+6 due 2027-09-01: reached that day, not the day before.
        assert amounts(payouts(mission, M6 - dt.timedelta(days=1))) == ["525.00 EUR"]
        lines = payouts(mission, M6)
        assert [(line.milestone, str(line.amount)) for line in lines] == [
            ("M+1", "525.00 EUR"),
            ("M+6", "210.00 EUR"),
        ]
        assert lines[1].scored_on == M6


class TestBonusCoverage:
    """No result bonus on a score below the minimum coverage (DESIGN.md §5)."""

    def thin(
        self, kpis: Sequence[str], scheme: BonusScheme | None = None, **changes: Any
    ) -> Payout:
        # Every KPI weighs 1; only accuracy is measured at M+1: 99 = target → 100 points.
        # Coverage = 1 / len(kpis). Were it paid: tier ≥ 90, 5 % × 10500 = 525.00.
        mission = make_mission(
            kpis=kpis, values={("accuracy", IN_M1): "99"}, bonus=scheme or tiered()
        )
        (line,) = payouts(attrs.evolve(mission, **changes), M1)
        return line

    def test_one_kpi_of_three_pays_nothing(self) -> None:
        # Coverage 1/3 < 0.5 (the mission's default minimum): a zero line, saying why.
        line = self.thin(("accuracy", "speed", "quality"))
        assert (line.rule, str(line.amount), line.overall) == (
            "bonus_insufficient_evidence",
            "0.00 EUR",
            D(100),
        )
        assert line.param("coverage") == D(1) / D(3)
        assert line.param("minimum") == D("0.5")
        assert (line.rate, line.base) == (None, None)
        assert describe(line) == (
            "Score 100 rests on 33.3% of the KPI weight, below the minimum of 50%: "
            "insufficient evidence, no bonus."
        )

    def test_near_miss_half_the_weight_is_paid(self) -> None:
        # Coverage 1/2 = 0.5, the minimum itself (closed): the tier ≥ 90 pays 525.00.
        line = self.thin(("accuracy", "speed"))
        assert (line.rule, str(line.amount)) == ("bonus_rate", "525.00 EUR")

    def test_the_missions_minimum_applies_by_default(self) -> None:
        # 1/3 ≥ 0.3: the tier ≥ 90 pays 525.00.
        line = self.thin(("accuracy", "speed", "quality"), min_coverage=D("0.3"))
        assert (line.rule, str(line.amount)) == ("bonus_rate", "525.00 EUR")

    def test_the_schemes_minimum_overrides_the_missions(self) -> None:
        lenient = attrs.evolve(tiered(), min_coverage=D("0.3"))
        # The scheme asks 0.3, the mission 0.5: 1/3 ≥ 0.3 pays 525.00, although the
        # scorecard itself has no standing.
        line = self.thin(("accuracy", "speed", "quality"), lenient)
        assert (line.rule, str(line.amount)) == ("bonus_rate", "525.00 EUR")
        strict = attrs.evolve(tiered(), min_coverage=D("0.6"))
        # 1/2 < 0.6: nothing, though the mission's 0.5 is reached.
        line = self.thin(("accuracy", "speed"), strict)
        assert (line.rule, line.param("minimum")) == ("bonus_insufficient_evidence", D("0.6"))

    @pytest.mark.parametrize("bad", ["0", "1.5"])
    def test_the_schemes_minimum_is_a_share(self, bad: str) -> None:
        with pytest.raises(ValidationError) as info:
            attrs.evolve(tiered(), min_coverage=D(bad))
        assert [error.path for error in info.value.errors] == ["min_coverage"]

    def test_demo_site_web_year_end(self) -> None:
        # Fin d'année: 100 points on patch_latency alone, weight 1 of 6: coverage 1/6.
        # Before the rule: tier ≥ 90, 8 % × 1840.00 = 147.20 (under the 150.00 cap).
        # Now: nothing. M+1 and M+6 are unchanged (their coverage is at least 0.5).
        site = next(mission for mission in examples.demo_missions() if mission.key == "site_web")
        bonuses = [
            line
            for line in payouts(site, dt.date(2026, 12, 31))
            if line.category is PayoutCategory.BONUS
        ]
        last = bonuses[-1]
        assert (last.milestone, last.rule, str(last.amount)) == (
            "Fin d'année",
            "bonus_insufficient_evidence",
            "0.00 EUR",
        )
        assert last.param("coverage") == D(1) / D(6)
        assert site.bonus is not None
        assert site.bonus.base * D("0.08") == eur("147.20")  # what the old rule paid


# -- service credits ------------------------------------------------------------------
class TestServiceCredits:
    def test_one_missed_kpi_at_the_first_milestone(self) -> None:
        # M+1: 1 month × 3500 = 3500; 3 % × 3500 = 105.00, owed by the provider.
        mission = make_mission(values={("accuracy", IN_M1): "96"}, credits=credit_scheme())
        (line,) = payouts(mission, M1)
        assert line.category is PayoutCategory.SERVICE_CREDIT
        assert line.amount == eur("-105.00")
        assert (line.kpi, line.rate, line.base) == ("accuracy", D("0.03"), eur("3500"))
        assert (line.milestone, line.due, line.scored_on, line.overall) == ("M+1", M1, M1, D(0))
        assert line.rule == "service_credit_rate"
        assert line.params == (
            Parameter.of("months", 1),
            Parameter.of("months_denominator", 1),
            Parameter.of("monthly_fee", eur("3500")),
        )
        assert describe(line) == (
            "accuracy missed: 3% of the period's fee of €3,500.00 (1 month at €3,500.00 a month)."
        )

    def test_second_milestone(self) -> None:
        # M+6 window 2027-04-02..2027-09-01 = 5 months × 3500 = 17500; 3 % × 17500 = 525.00.
        values = {("accuracy", IN_M1): "99", ("accuracy", IN_M6): "97"}
        mission = make_mission(values=values, credits=credit_scheme())
        (line,) = payouts(mission, M6)
        assert (line.milestone, str(line.amount)) == ("M+6", "-525.00 EUR")

    def test_only_missed_kpis_are_credited(self) -> None:
        # met (99), at risk (98), no data: no credit; missed (96.5): 3 % × 3500 = 105.00.
        values = {("a", IN_M1): "99", ("b", IN_M1): "98", ("d", IN_M1): "96.5"}
        mission = make_mission(kpis=("a", "b", "c", "d"), values=values, credits=credit_scheme())
        lines = payouts(mission, M1)
        assert [(line.kpi, str(line.amount)) for line in lines] == [("d", "-105.00 EUR")]

    def test_several_missed_kpis_and_a_kpi_specific_rate(self) -> None:
        # M+6, 17500: accuracy 3 % = 525.00; delay 5 % (its own rate) = 875.00.
        values = {("accuracy", IN_M6): "90", ("delay", IN_M6): "95"}
        mission = make_mission(
            kpis=("accuracy", "delay"),
            values=values,
            credits=credit_scheme(kpi_rates={"delay": "0.05"}),
        )
        lines = payouts(mission, M6)
        assert [(line.kpi, line.rate, str(line.amount)) for line in lines] == [
            ("accuracy", D("0.03"), "-525.00 EUR"),
            ("delay", D("0.05"), "-875.00 EUR"),
        ]
        assert [line.rule for line in lines] == ["service_credit_rate", "service_credit_kpi_rate"]
        assert describe(lines[1]) == (
            "delay missed: 5%, the rate set for delay, of the period's fee of €17,500.00 "
            "(5 months at €3,500.00 a month)."
        )
        assert not any(line.capped for line in lines)

    def test_cap_shares_in_proportion(self) -> None:
        # 525 + 875 = 1400 > 1050 at risk: 1050 × 525/1400 = 393.75, 1050 × 875/1400 = 656.25.
        values = {("accuracy", IN_M6): "90", ("delay", IN_M6): "95"}
        mission = make_mission(
            kpis=("accuracy", "delay"),
            values=values,
            credits=credit_scheme(at_risk="1050", kpi_rates={"delay": "0.05"}),
        )
        lines = payouts(mission, M6)
        assert amounts(lines) == ["-393.75 EUR", "-656.25 EUR"]
        assert sum(line.amount for line in lines) == eur("-1050")
        assert all(line.capped for line in lines)
        assert lines[0].params[3:] == (
            Parameter.of("total", eur("1400.00")),
            Parameter.of("at_risk", eur("1050")),
        )
        assert describe(lines[0]).endswith(
            " The milestone's credits (€1,400.00) exceed the €1,050.00 at risk: capped, and "
            "shared in proportion."
        )

    def test_cap_split_never_loses_a_cent(self) -> None:
        # 3 × 105 = 315 > 100 at risk: 100 / 3 = 33.333…; the left-over cent goes to the first.
        values = {(key, IN_M1): "90" for key in ("a", "b", "c")}
        mission = make_mission(
            kpis=("a", "b", "c"), values=values, credits=credit_scheme(at_risk="100")
        )
        lines = payouts(mission, M1)
        assert amounts(lines) == ["-33.34 EUR", "-33.33 EUR", "-33.33 EUR"]
        assert sum(line.amount for line in lines) == eur("-100.00")

    def test_nothing_at_risk(self) -> None:
        mission = make_mission(
            values={("accuracy", IN_M1): "90"}, credits=credit_scheme(at_risk="0")
        )
        (line,) = payouts(mission, M1)
        assert str(line.amount) == "0.00 EUR"
        assert line.capped

    def test_rounding_happens_once_per_milestone(self) -> None:
        # D+10 (due 2027-03-11) with a 1000 EUR monthly fee: 10/31 month → 322.580645…
        # Each of two missed KPIs: 3 % → 9.677419354838709677… (each would round to 9.68,
        # 19.36 in all). Exact total 19.354838709677… → 19.35 once, shared 9.68 + 9.67.
        values = {("a", dt.date(2027, 3, 5)): "90", ("b", dt.date(2027, 3, 5)): "90"}
        mission = make_mission(
            kpis=("a", "b"),
            milestones=("D+10",),
            values=values,
            credits=credit_scheme(),
            agreement=contract(fee("1000")),
        )
        lines = payouts(mission, dt.date(2027, 3, 11))
        assert amounts(lines) == ["-9.68 EUR", "-9.67 EUR"]
        assert sum(line.amount for line in lines) == eur("-19.35")
        assert lines[0].base == Money(D(10000) / D(31), "EUR")
        assert lines[0].params[:2] == (
            Parameter.of("months", 10),
            Parameter.of("months_denominator", 31),
        )
        assert describe(lines[0]) == (
            "a missed: 3% of the period's fee of ≈\u00a0€322.58 (10/31 of a month at €1,000.00 "
            "a month)."
        )

    def test_one_line_rounds_half_up(self) -> None:
        # 2.5 % (KPI rate) × 17500.20 (5 months × 3500.04) = 437.505 → 437.51.
        values = {("accuracy", IN_M6): "90"}
        mission = make_mission(
            values=values,
            credits=credit_scheme(kpi_rates={"accuracy": "0.025"}),
            agreement=contract(fee("3500.04")),
        )
        (line,) = payouts(mission, M6)
        assert line.amount == eur("-437.51")

    @pytest.mark.parametrize(
        "agreement",
        [None, contract(fee("5000", BillingPeriod.ONE_OFF))],
        ids=["no contract", "one-off fee only"],
    )
    def test_no_fixed_periodic_fee_gives_zero_lines(self, agreement: Contract | None) -> None:
        mission = make_mission(
            values={("accuracy", IN_M1): "90"}, credits=credit_scheme(), agreement=agreement
        )
        (line,) = payouts(mission, M1)
        assert str(line.amount) == "0.00 EUR"
        assert (line.rule, line.params) == ("service_credit_no_fee", ())
        assert describe(line) == (
            "accuracy missed: no credit, the contract has no fixed periodic fee to base it on."
        )
        assert (line.rate, line.base, line.capped) == (None, None, False)

    def test_period_anchored_on_the_start_through_month_end_clamping(self) -> None:
        # Start 2027-01-31: M+1 = 2027-02-28, M+2 = 2027-03-31; the M+2 period is 1 month:
        # 3 % × 3500 = 105.00.
        start = dt.date(2027, 1, 31)
        mission = make_mission(
            start=start,
            milestones=("M+1", "M+2"),
            values={("accuracy", dt.date(2027, 3, 15)): "90"},
            credits=credit_scheme(),
        )
        (line,) = payouts(mission, dt.date(2027, 3, 31))
        assert (line.milestone, str(line.amount)) == ("M+2", "-105.00 EUR")


# -- earn-back ---------------------------------------------------------------------------
class TestNoData:
    """A KPI without data at a milestone, under the scheme's default ``no_data = credit``."""

    @staticmethod
    def scheme(no_data: NoDataPolicy = NoDataPolicy.CREDIT, **kwargs: Any) -> ServiceCreditScheme:
        return attrs.evolve(credit_scheme(**kwargs), no_data=no_data)

    @staticmethod
    def graced(days: int) -> Contract:
        reporting = Reporting(cadence=Cadence(frequency=Frequency.MONTHLY, day=1), grace_days=days)
        return attrs.evolve(contract(), reporting=reporting)

    def test_the_default_is_credit(self) -> None:
        assert ServiceCreditScheme(rate=D("0.03"), at_risk=eur("1")).no_data is NoDataPolicy.CREDIT

    def test_credited_once_the_grace_has_passed(self) -> None:
        # Grace 2 days: M+1 due 2027-04-01, deadline 2027-04-03. At the due date and at
        # the deadline nothing yet; on 2027-04-04: 3 % × (1 month × 3500) = 105.00.
        mission = make_mission(credits=self.scheme(), agreement=self.graced(2))
        assert list(payouts(mission, M1)) == []
        assert list(payouts(mission, dt.date(2027, 4, 3))) == []
        (line,) = payouts(mission, dt.date(2027, 4, 4))
        assert (line.kpi, line.rule, str(line.amount)) == (
            "accuracy",
            "service_credit_no_data",
            "-105.00 EUR",
        )
        assert (line.rate, line.base) == (D("0.03"), eur("3500"))
        assert line.param("grace_days") == 2
        assert describe(line) == (
            "accuracy had no data at “M+1” and the reporting grace of 2 days has passed: "
            "credited as missed, 3% of the period's fee of €3,500.00 (1 month at €3,500.00 "
            "a month)."
        )

    def test_without_a_reporting_clause_the_grace_is_zero(self) -> None:
        # No reporting clause: deadline = due date; credited from the next day on.
        mission = make_mission(credits=self.scheme())
        assert list(payouts(mission, M1)) == []
        (line,) = payouts(mission, M1 + dt.timedelta(days=1))
        assert (line.param("grace_days"), str(line.amount)) == (0, "-105.00 EUR")

    def test_ignore_owes_nothing(self) -> None:
        mission = make_mission(credits=self.scheme(NoDataPolicy.IGNORE))
        assert list(payouts(mission, M12)) == []

    def test_shares_the_cap_and_the_kpi_rate_with_missed_kpis(self) -> None:
        # M+6 fee 5 × 3500 = 17500: accuracy missed (90) 3 % = 525; delay without data,
        # its own 5 % = 875; 1400 > 1050 at risk: 393.75 and 656.25 (as for two missed).
        mission = make_mission(
            kpis=("accuracy", "delay"),
            milestones=("M+6",),
            values={("accuracy", IN_M6): "90"},
            credits=self.scheme(at_risk="1050", kpi_rates={"delay": "0.05"}),
        )
        lines = payouts(mission, M12)
        assert [(line.kpi, line.rule, str(line.amount)) for line in lines] == [
            ("accuracy", "service_credit_rate", "-393.75 EUR"),
            ("delay", "service_credit_no_data", "-656.25 EUR"),
        ]
        assert all(line.capped for line in lines)

    def test_earned_back_when_met_next(self) -> None:
        # No data at M+1 (credit 105.00), met at M+6 (99): given back at M+6.
        mission = make_mission(
            values={("accuracy", IN_M6): "99"}, credits=self.scheme(earn_back=True)
        )
        lines = payouts(mission, M6 + dt.timedelta(days=1))
        assert [(line.milestone, line.rule, str(line.amount)) for line in lines] == [
            ("M+1", "service_credit_no_data", "-105.00 EUR"),
            ("M+6", "earn_back", "105.00 EUR"),
        ]

    def test_without_a_fixed_fee_no_line(self) -> None:
        # No fixed periodic fee: nothing to base a credit on, and nothing was missed.
        mission = make_mission(
            credits=self.scheme(), agreement=contract(fee("2.6", None, FeeKind.PER_UNIT))
        )
        assert list(payouts(mission, M12)) == []


class TestCreditBase:
    """``base = fixed_and_variable``: the period fee plus the variable fees billed in it."""

    @staticmethod
    def mission(*fees: Fee, spend: Sequence[tuple[dt.date, str, str]] = ()) -> Mission:
        mission = make_mission(
            values={("accuracy", IN_M1): "96", ("accuracy", IN_M6): "96"},
            credits=credit_scheme(base=CreditBase.FIXED_AND_VARIABLE),
            agreement=None,
        )
        activities = tuple(
            Activity(key=key, kind=ActivityKind.LOGISTICS, name=key)
            for key in ("stock", "picking", "returns")
        )
        entries = tuple(
            SpendEntry(on=on, activity=key, amount=eur(amount)) for on, key, amount in spend
        )
        return attrs.evolve(mission, contract=contract(*fees), activities=activities, spend=entries)

    @staticmethod
    def variable(amount: str, activity: str | None, quantity: str | None = None) -> Fee:
        return Fee(
            label="Préparation",
            kind=FeeKind.PER_UNIT,
            amount=eur(amount),
            unit="commande",
            activity=activity,
            estimated_quantity=None if quantity is None else D(quantity),
        )

    def test_spend_billed_in_the_period(self) -> None:
        # Fixed 1200 monthly on "stock"; picking 2.60 per order billed 4264.00 on 03-31
        # (M+1 window 03-01..04-01) and 4966.00 on 04-30 (M+6 window 04-02..09-01).
        # M+1: base 1200 + 4264 = 5464; 3 % = 163.92. The stock entry (fixed) is not counted.
        fixed = attrs.evolve(fee("1200"), activity="stock")
        mission = self.mission(
            fixed,
            self.variable("2.60", "picking"),
            spend=(
                (dt.date(2027, 3, 31), "picking", "4264.00"),
                (dt.date(2027, 3, 31), "stock", "1200.00"),
                (dt.date(2027, 4, 30), "picking", "4966.00"),
            ),
        )
        assert variable_billed(mission, 0) == eur("4264.00")
        assert variable_billed(mission, 1) == eur("4966.00")
        first, second = payouts(mission, M6)
        assert (first.base, str(first.amount)) == (eur("5464.00"), "-163.92 EUR")
        assert first.param("variable") == eur("4264.00")
        # M+6: 5 × 1200 + 4966 = 10966; 3 % = 328.98.
        assert (second.base, str(second.amount)) == (eur("10966.00"), "-328.98 EUR")

    def test_boundaries_of_the_window(self) -> None:
        # An entry on the due date (04-01) is in M+1; the next day's is in M+6.
        mission = self.mission(
            fee("1200"),
            self.variable("2.60", "picking"),
            spend=(
                (dt.date(2027, 4, 1), "picking", "100"),
                (dt.date(2027, 4, 2), "picking", "10"),
                (dt.date(2027, 2, 28), "picking", "1000"),
            ),
        )
        assert variable_billed(mission, 0) == eur("100")
        assert variable_billed(mission, 1) == eur("10")

    def test_estimate_when_the_spend_cannot_be_told_apart(self) -> None:
        # The variable fee shares "stock" with the fixed fee: estimate 2000 orders × 2.60
        # = 5200 a month; M+6 (5 months) = 26000. Without an activity: the same.
        fixed = attrs.evolve(fee("1200"), activity="stock")
        shared = self.mission(fixed, self.variable("2.60", "stock", "2000"))
        loose = self.mission(fixed, self.variable("2.60", None, "2000"))
        assert variable_billed(shared, 1) == eur("26000")
        assert variable_billed(loose, 1) == eur("26000")
        # Without an estimated quantity: zero.
        assert variable_billed(self.mission(fixed, self.variable("2.60", None)), 1) == eur("0")

    def test_no_variable_fee(self) -> None:
        # Only fixed fees: variable_billed is None and the base is the fixed fee, with a
        # "variable" parameter of zero: 3 % × 3500 = 105.00.
        mission = self.mission(fee())
        assert variable_billed(mission, 0) is None
        line = payouts(mission, M1)[0]
        assert (str(line.amount), line.param("variable")) == ("-105.00 EUR", eur("0"))

    def test_the_demo_logistics_base(self) -> None:
        # Demo (start 2026-03-02): fixed 1200 monthly storage (the 1500 set-up fee is
        # one-off); picking and returns billed on 03-31: 4264.00 + 354.00 = 4618.00.
        # M+1: base 1200 + 4618 = 5818; return_processing missed: 3 % = 174.54 (36.00 with
        # the fixed base alone). M+6 (04-03..09-02): picking 4966 + 5278 + 4888 + 4472 +
        # 3770 = 23374, returns 426 + 453 + 417 + 381 + 324 = 2001: 25375; base 5 × 1200 +
        # 25375 = 31375; 3 % = 941.25, capped at the 700.00 at risk (180.00 before).
        demo = examples.demo_mission("logistique")
        assert demo.service_credits is not None
        scheme = attrs.evolve(demo.service_credits, base=CreditBase.FIXED_AND_VARIABLE)
        mission = attrs.evolve(demo, service_credits=scheme)
        credits = [
            line
            for line in payouts(mission, dt.date(2027, 3, 1))
            if line.category is PayoutCategory.SERVICE_CREDIT
        ]
        assert [(line.milestone, str(line.base), str(line.amount)) for line in credits] == [
            ("M+1", "5818.00 EUR", "-174.54 EUR"),
            ("M+6", "31375.00 EUR", "-700.00 EUR"),
        ]
        assert credits[1].param("total") == eur("941.25")


class TestEarnBack:
    def test_met_at_the_next_milestone_gives_the_credit_back(self) -> None:
        # M+1 credit 3 % × 3500 = 105.00; accuracy met at M+6 → +105.00 at M+6.
        values = {("accuracy", IN_M1): "90", ("accuracy", IN_M6): "99.5"}
        mission = make_mission(values=values, credits=credit_scheme(earn_back=True))
        credit, back = payouts(mission, M6)
        assert credit.amount == eur("-105.00")
        assert back.category is PayoutCategory.EARN_BACK
        assert back.amount == eur("105.00")
        assert (back.milestone, back.due, back.scored_on, back.overall) == ("M+6", M6, M6, D(100))
        assert (back.credit_milestone, back.credit_due, back.kpi) == ("M+1", M1, "accuracy")
        assert (back.rule, back.params) == ("earn_back", ())
        assert describe(back) == (
            "accuracy met at “M+6”: the credit of €105.00 from “M+1” is given back."
        )
        assert sum(line.amount for line in (credit, back)) == eur("0")

    def test_not_before_the_next_milestone_is_reached(self) -> None:
        values = {("accuracy", IN_M1): "90", ("accuracy", IN_M6): "99.5"}
        mission = make_mission(values=values, credits=credit_scheme(earn_back=True))
        assert amounts(payouts(mission, M6 - dt.timedelta(days=1))) == ["-105.00 EUR"]

    @pytest.mark.parametrize("actual", ["98", "90"], ids=["at risk", "missed again"])
    def test_not_met_gives_nothing_back(self, actual: str) -> None:
        values = {("accuracy", IN_M1): "90", ("accuracy", IN_M6): actual}
        mission = make_mission(values=values, credits=credit_scheme(earn_back=True))
        categories = [line.category for line in payouts(mission, M6)]
        assert PayoutCategory.EARN_BACK not in categories

    def test_without_earn_back_in_the_scheme(self) -> None:
        values = {("accuracy", IN_M1): "90", ("accuracy", IN_M6): "99.5"}
        mission = make_mission(values=values, credits=credit_scheme(earn_back=False))
        assert amounts(payouts(mission, M6)) == ["-105.00 EUR"]

    def test_kpi_without_a_target_at_the_next_milestone_is_not_met(self) -> None:
        values = {("a", IN_M1): "90", ("b", IN_M6): "99"}
        mission = make_mission(
            kpis=("a", "b"),
            milestones=("M+1", "M+6"),
            targets={"M+6": ("b",)},
            values=values,
            credits=credit_scheme(earn_back=True),
        )
        assert [line.category for line in payouts(mission, M6)] == [PayoutCategory.SERVICE_CREDIT]

    def test_only_the_next_milestone_counts(self) -> None:
        # Missed at M+1 (105.00) and M+6 (525.00), met at M+12: only the M+6 credit comes back.
        values = {
            ("accuracy", IN_M1): "90",
            ("accuracy", IN_M6): "90",
            ("accuracy", IN_M12): "99",
        }
        mission = make_mission(values=values, credits=credit_scheme(earn_back=True))
        lines = payouts(mission, M12)
        assert [(line.category.value, line.milestone, str(line.amount)) for line in lines] == [
            ("service_credit", "M+1", "-105.00 EUR"),
            ("service_credit", "M+6", "-525.00 EUR"),
            ("earn_back", "M+12", "525.00 EUR"),
        ]
        assert lines[2].credit_milestone == "M+6"

    def test_a_capped_credit_comes_back_as_credited(self) -> None:
        # Credits 105 + 105 = 210 > 150 at risk: 75.00 each; both met at M+6 → +75.00 each.
        values = {("a", IN_M1): "90", ("b", IN_M1): "90", ("a", IN_M6): "99", ("b", IN_M6): "99"}
        mission = make_mission(
            kpis=("a", "b"), values=values, credits=credit_scheme(at_risk="150", earn_back=True)
        )
        lines = payouts(mission, M6)
        assert amounts(lines) == ["-75.00 EUR", "-75.00 EUR", "75.00 EUR", "75.00 EUR"]


# -- the whole --------------------------------------------------------------------------
class TestPayouts:
    def test_order_within_a_milestone(self) -> None:
        # M+6: bonus (score 0, zero line), the credit (525.00), then the M+1 credit back.
        values = {("a", IN_M1): "90", ("a", IN_M6): "99", ("b", IN_M6): "90"}
        mission = make_mission(
            kpis=("a", "b"),
            values=values,
            bonus=tiered(),
            credits=credit_scheme(earn_back=True),
        )
        lines = payouts(mission, M6)
        assert [(line.milestone, line.category.value, line.kpi) for line in lines] == [
            ("M+1", "bonus", None),
            ("M+1", "service_credit", "a"),
            ("M+6", "bonus", None),
            ("M+6", "service_credit", "b"),
            ("M+6", "earn_back", "a"),
        ]
        # M+6 overall = (100 + 0) / 2 = 50: the fixed 100 EUR tier.
        assert amounts(lines) == [
            "0.00 EUR",
            "-105.00 EUR",
            "100.00 EUR",
            "-525.00 EUR",
            "105.00 EUR",
        ]

    def test_no_scheme_or_no_milestone(self) -> None:
        assert payouts(make_mission(values={("accuracy", IN_M1): "90"}), M12) == ()
        assert payouts(make_mission(milestones=(), bonus=tiered()), M12) == ()

    def test_pure_and_repeatable(self) -> None:
        mission = make_mission(
            values={("accuracy", IN_M1): "90"}, bonus=tiered(), credits=credit_scheme()
        )
        assert payouts(mission, M12) == payouts(mission, M12)
        assert pickle.loads(pickle.dumps(payouts(mission, M12))) == payouts(mission, M12)

    @pytest.mark.parametrize(
        "at", [dt.datetime(2027, 4, 1, tzinfo=dt.UTC), "2027-04-01", None], ids=repr
    )
    def test_at_must_be_a_date(self, at: object) -> None:
        with pytest.raises(ValidationError) as caught:
            payouts(make_mission(bonus=tiered()), at)  # type: ignore[arg-type]
        assert [error.path for error in caught.value.errors] == ["at"]

    def test_mission_must_be_a_mission(self) -> None:
        with pytest.raises(ValidationError) as caught:
            payouts("logistique", M1)  # type: ignore[arg-type]
        assert [error.path for error in caught.value.errors] == ["mission"]


class TestPayoutTotals:
    def test_totals_per_category_keep_their_sign(self) -> None:
        values = {("a", IN_M1): "90", ("a", IN_M6): "99", ("b", IN_M6): "90"}
        mission = make_mission(
            kpis=("a", "b"), values=values, bonus=tiered(), credits=credit_scheme(earn_back=True)
        )
        totals = payout_totals(payouts(mission, M6))
        # bonus 0 + 100; credits −105 − 525; earn-back +105.
        assert totals == {
            PayoutCategory.BONUS: eur("100.00"),
            PayoutCategory.SERVICE_CREDIT: eur("-630.00"),
            PayoutCategory.EARN_BACK: eur("105.00"),
        }
        assert list(totals) == list(PayoutCategory)
        assert sum(totals.values()) == eur("-425.00")

    def test_no_lines(self) -> None:
        assert payout_totals([]) == {}


# -- the value type -----------------------------------------------------------------------
def payout(**changes: Any) -> Payout:
    fields: dict[str, Any] = {
        "category": PayoutCategory.SERVICE_CREDIT,
        "milestone": "M+6",
        "due": M6,
        "amount": eur("-525.00"),
        "rule": "service_credit_rate",
        "scored_on": M6,
        "kpi": "accuracy",
    }
    return Payout(**(fields | changes))


class TestPayoutInvariants:
    @pytest.mark.parametrize(
        ("changes", "path"),
        [
            ({"amount": eur("525.00")}, "amount.amount"),
            ({"category": PayoutCategory.BONUS, "amount": eur("-1"), "kpi": None}, "amount.amount"),
            ({"amount": eur("-525.001")}, "amount.amount"),
            ({"category": PayoutCategory.BONUS, "amount": eur("1")}, "kpi"),
            ({"kpi": None}, "kpi"),
            ({"rule": " "}, "rule"),
            ({"rule": "accuracy missed"}, "rule"),  # a code, not a sentence
            ({"params": (Parameter.of("tier", 1), Parameter.of("tier", 2))}, "params[1].name"),
            ({"credit_milestone": "M+1"}, "credit_milestone"),
            (
                {"category": PayoutCategory.EARN_BACK, "amount": eur("5"), "credit_due": M1},
                "credit_milestone",
            ),
            (
                {
                    "category": PayoutCategory.EARN_BACK,
                    "amount": eur("5"),
                    "credit_milestone": "M+1",
                    "credit_due": M6,
                },
                "credit_due",
            ),
            ({"overall": D(101)}, "overall"),
            ({"rate": D("1.5")}, "rate"),
            ({"base": Money(D(1), "USD")}, "base.currency"),
        ],
    )
    def test_refused(self, changes: dict[str, Any], path: str) -> None:
        with pytest.raises(ValidationError) as caught:
            payout(**changes)
        assert path in [error.path for error in caught.value.errors]

    def test_a_valid_line(self) -> None:
        assert payout().amount == eur("-525")


class TestPayoutFiles:
    @pytest.mark.parametrize("format", ["json", "toml"])
    def test_round_trip(self, format: Format) -> None:
        values = {("a", IN_M1): "90", ("a", IN_M6): "99", ("b", IN_M6): "90"}
        mission = make_mission(
            kpis=("a", "b"), values=values, bonus=tiered(), credits=credit_scheme(earn_back=True)
        )
        for line in payouts(mission, M6):
            assert loads(dumps(line, format=format), format=format, cls=Payout) == line

    def test_kind_name(self) -> None:
        # The file header's ``kind`` names the type; the line's own category has its own key.
        text = dumps(payout(), format="json")
        assert '"type": "payout"' in text
        assert '"category": "service_credit"' in text
        assert '"amount": "-525.00"' in text
