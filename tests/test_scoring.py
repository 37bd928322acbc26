"""Scorecards — every expected value below is worked out by hand from DESIGN.md §5."""

from __future__ import annotations

import datetime as dt
import decimal
import pickle
from decimal import Decimal

import attrs
import pytest

from vendorgov import (
    Aggregation,
    Band,
    Contact,
    ContactRole,
    Direction,
    Horizon,
    Kpi,
    Measurement,
    Milestone,
    Mission,
    Party,
    Side,
    Status,
    Target,
    ValidationError,
    examples,
)
from vendorgov._engine.scoring import aggregate, score, score_history, standing

D = Decimal
START = dt.date(2027, 3, 1)
# M+1 → 2027-04-01, M+6 → 2027-09-01, EOY → 2027-12-31


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def mission(
    kpis: tuple[Kpi, ...],
    milestones: tuple[Milestone, ...],
    measurements: tuple[Measurement, ...] = (),
    *,
    start: dt.date = START,
    bands: tuple[Band, ...] | None = None,
    min_coverage: Decimal | None = None,
) -> Mission:
    # Measurements outside the mission are kept: these tests show they are not scored.
    extra: dict[str, object] = {"keep_outside_measurements": True}
    if bands is not None:
        extra["bands"] = bands
    if min_coverage is not None:
        extra["min_coverage"] = min_coverage
    return Mission(
        key="m",
        name="Mission",
        client=Party(name="Client"),
        provider=Party(name="Provider"),
        start=start,
        end=start + dt.timedelta(days=400),
        contacts=(
            Contact(name="C", side=Side.CLIENT, role=ContactRole.PRIMARY),
            Contact(name="P", side=Side.PROVIDER, role=ContactRole.PRIMARY),
        ),
        kpis=kpis,
        milestones=milestones,
        measurements=measurements,
        **extra,
    )


def higher(key: str = "ots", weight: str = "1", aggregation: Aggregation = Aggregation.MEAN) -> Kpi:
    return Kpi(
        key=key,
        name=key,
        unit="%",
        direction=Direction.HIGHER,
        weight=D(weight),
        aggregation=aggregation,
    )


def lower(key: str = "dmg", weight: str = "1", aggregation: Aggregation = Aggregation.MEAN) -> Kpi:
    return Kpi(
        key=key,
        name=key,
        unit="%",
        direction=Direction.LOWER,
        weight=D(weight),
        aggregation=aggregation,
    )


def tier(name: str, *targets: tuple[str, str, str]) -> Milestone:
    return Milestone(
        name=name,
        horizon=Horizon.parse(name),
        targets=tuple(Target(kpi=k, target=D(t), threshold=D(th)) for k, t, th in targets),
    )


def m(kpi: str, value: str, at: str | dt.datetime) -> Measurement:
    when = day(at) if isinstance(at, str) else at
    return Measurement(kpi=kpi, value=D(value), at=when)


class TestCurrentMilestoneAndWindow:
    def test_before_first_due_is_first_milestone(self) -> None:
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")), tier("M+6", ("ots", "98", "95")))
        )
        card = score(mi, day("2027-03-20"))
        assert (card.milestone, card.due) == ("M+1", day("2027-04-01"))
        assert (card.window_start, card.window_end) == (START, day("2027-03-20"))

    def test_on_due_date_is_that_milestone(self) -> None:
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")), tier("M+6", ("ots", "98", "95")))
        )
        card = score(mi, day("2027-04-01"))
        assert card.milestone == "M+1"
        assert card.window_end == day("2027-04-01")

    def test_day_after_due_moves_to_next_window(self) -> None:
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")), tier("M+6", ("ots", "98", "95")))
        )
        card = score(mi, day("2027-04-02"))
        # The previous due date is exclusive: the window starts the day after it.
        assert (card.milestone, card.window_start, card.window_end) == (
            "M+6",
            day("2027-04-02"),
            day("2027-04-02"),
        )

    def test_after_all_milestones_is_last_with_window_ending_at_due(self) -> None:
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")), tier("M+6", ("ots", "98", "95")))
        )
        card = score(mi, day("2028-01-15"))
        assert (card.milestone, card.window_start, card.window_end) == (
            "M+6",
            day("2027-04-02"),
            day("2027-09-01"),
        )

    def test_before_the_start_the_window_is_empty(self) -> None:
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")),), (m("ots", "99", "2027-03-01"),)
        )
        card = score(mi, day("2027-02-01"))
        assert card.empty_window
        # Issue 10: the window starts and ends on the mission start (START), not the
        # start after the end (it ended on START - 1 day before).
        assert (card.window_start, card.window_end) == (START, START)
        assert card.results[0].count == 0  # the measurement on START waits for the start
        assert card.results[0].status is Status.NO_DATA
        assert card.overall is None

    def test_measurement_exactly_on_window_edges(self) -> None:
        measurements = (
            m("ots", "80", "2027-02-28"),  # day before the start: outside
            m("ots", "90", "2027-03-01"),  # the start: inside (inclusive)
            m("ots", "100", "2027-04-01"),  # the M+1 due date: inside (inclusive)
            m("ots", "50", "2027-04-02"),  # day after: next window
        )
        mi = mission(
            (higher(),),
            (tier("M+1", ("ots", "95", "90")), tier("M+6", ("ots", "98", "95"))),
            measurements,
        )
        first = score(mi, day("2027-04-01")).results[0]
        assert first.count == 2
        assert first.actual == D(95)  # (90 + 100) / 2
        second = score(mi, day("2027-04-02")).results[0]
        assert second.count == 1
        assert second.actual == D(50)
        assert second.previous == D(95)

    def test_measurement_after_at_is_ignored(self) -> None:
        mi = mission(
            (higher(),),
            (tier("M+1", ("ots", "95", "90")),),
            (m("ots", "92", "2027-03-10"), m("ots", "50", "2027-03-21")),
        )
        assert score(mi, day("2027-03-20")).results[0].actual == D(92)

    def test_milestone_due_on_29_february(self) -> None:
        # Start 2028-01-31 + 1 month, clamped: 2028-02-29 (a leap year).
        mi = mission(
            (higher(),),
            (tier("M+1", ("ots", "95", "90")), tier("M+6", ("ots", "98", "95"))),
            (m("ots", "96", "2028-02-29"), m("ots", "70", "2028-03-01")),
            start=day("2028-01-31"),
        )
        card = score(mi, day("2028-02-29"))
        assert (card.milestone, card.due) == ("M+1", day("2028-02-29"))
        assert card.results[0].actual == D(96)
        nxt = score(mi, day("2028-03-01"))
        assert (nxt.milestone, nxt.window_start) == ("M+6", day("2028-03-01"))
        assert nxt.results[0].actual == D(70)

    def test_datetime_measurements_use_the_mission_timezone(self) -> None:
        # 2027-03-31T23:30Z is 2027-04-01T01:30 in Paris (UTC+2 since 28 March):
        # inside the M+1 window, which ends on 2027-04-01.
        # 2027-04-01T22:30Z is 2027-04-02T00:30 in Paris: the next window.
        utc = dt.UTC
        mi = mission(
            (higher(),),
            (tier("M+1", ("ots", "95", "90")), tier("M+6", ("ots", "98", "95"))),
            (
                m("ots", "91", dt.datetime(2027, 3, 31, 23, 30, tzinfo=utc)),
                m("ots", "99", dt.datetime(2027, 4, 1, 22, 30, tzinfo=utc)),
            ),
        )
        assert score(mi, day("2027-04-01")).results[0].actual == D(91)
        assert score(mi, day("2027-04-02")).results[0].actual == D(99)


class TestPointsAndStatus:
    @pytest.mark.parametrize(
        ("actual", "points", "status"),
        [
            ("100", "100", Status.MET),  # better than target: clamped to 100
            ("95", "100", Status.MET),  # exactly the target
            ("93", "60", Status.AT_RISK),  # 100 × (93 − 90) / (95 − 90) = 60
            ("90.5", "10", Status.AT_RISK),  # 100 × 0.5 / 5 = 10
            ("90", "0", Status.MISSED),  # exactly the threshold: not better → missed
            ("80", "0", Status.MISSED),  # worse than threshold: clamped to 0
        ],
    )
    def test_higher_is_better(self, actual: str, points: str, status: Status) -> None:
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")),), (m("ots", actual, "2027-03-05"),)
        )
        line = score(mi, day("2027-03-31")).results[0]
        assert (line.points, line.status) == (D(points), status)

    @pytest.mark.parametrize(
        ("actual", "points", "status"),
        [
            ("0.2", "100", Status.MET),  # better (lower) than the target 0.5
            ("0.5", "100", Status.MET),
            ("1.0", "50", Status.AT_RISK),  # 100 × (1.0 − 1.5) / (0.5 − 1.5) = 50
            ("1.25", "25", Status.AT_RISK),  # 100 × (−0.25) / (−1) = 25
            ("1.5", "0", Status.MISSED),
            ("3", "0", Status.MISSED),
        ],
    )
    def test_lower_is_better(self, actual: str, points: str, status: Status) -> None:
        mi = mission(
            (lower(),), (tier("M+1", ("dmg", "0.5", "1.5")),), (m("dmg", actual, "2027-03-05"),)
        )
        line = score(mi, day("2027-03-31")).results[0]
        assert (line.points, line.status) == (D(points), status)


class TestAggregations:
    VALUES = (("2027-03-02", "4"), ("2027-03-03", "1"), ("2027-03-04", "3"), ("2027-03-05", "2"))

    @pytest.mark.parametrize(
        ("aggregation", "expected"),
        [
            (Aggregation.MEAN, "2.5"),  # (4 + 1 + 3 + 2) / 4
            (Aggregation.SUM, "10"),
            (Aggregation.LAST, "2"),  # the 2027-03-05 value
            (Aggregation.MIN, "1"),
            (Aggregation.MAX, "4"),
            (Aggregation.MEDIAN, "2.5"),  # sorted 1 2 3 4 → (2 + 3) / 2
        ],
    )
    def test_each_aggregation(self, aggregation: Aggregation, expected: str) -> None:
        mi = mission(
            (higher(aggregation=aggregation),),
            (tier("M+1", ("ots", "5", "0")),),
            tuple(m("ots", value, when) for when, value in reversed(self.VALUES)),
        )
        assert score(mi, day("2027-03-31")).results[0].actual == D(expected)

    def test_median_of_odd_count(self) -> None:
        assert aggregate([D(5), D(1), D(3)], Aggregation.MEDIAN) == D(3)

    def test_last_prefers_the_latest_time_then_mission_order(self) -> None:
        paris = dt.timezone(dt.timedelta(hours=1))
        mi = mission(
            (higher(aggregation=Aggregation.LAST),),
            (tier("M+1", ("ots", "5", "0")),),
            (
                m("ots", "3", dt.datetime(2027, 3, 10, 18, 0, tzinfo=paris)),
                m("ots", "1", "2027-03-10"),  # date-only sorts before timed ones that day
                m("ots", "2", dt.datetime(2027, 3, 10, 9, 0, tzinfo=paris)),
            ),
        )
        assert score(mi, day("2027-03-31")).results[0].actual == D(3)

    def test_empty_aggregate_is_an_error(self) -> None:
        with pytest.raises(ValidationError):
            aggregate([], Aggregation.MEAN)


class TestOverallAndCoverage:
    def test_weighted_mean_over_kpis_with_data(self) -> None:
        # ots weight 2: 93 → 60 points; dmg weight 1: 0.4 ≤ 0.5 → 100 points;
        # cyc weight 1: no data.
        # overall = (2 × 60 + 1 × 100) / (2 + 1) = 220 / 3; coverage = 3 / 4.
        mi = mission(
            (higher(weight="2"), lower(), lower("cyc")),
            (tier("M+1", ("ots", "95", "90"), ("dmg", "0.5", "1.5"), ("cyc", "24", "48")),),
            (
                m("ots", "92", "2027-03-10"),
                m("ots", "94", "2027-03-20"),
                m("dmg", "0.4", "2027-03-20"),
            ),
        )
        card = score(mi, day("2027-04-01"))
        assert card.overall is not None
        assert card.overall.quantize(D("0.0001")) == D("73.3333")
        assert card.overall * 3 == pytest.approx(D(220))
        assert card.coverage == D("0.75")
        assert card.standing == "fair"
        assert [line.status for line in card.results] == [
            Status.AT_RISK,
            Status.MET,
            Status.NO_DATA,
        ]

    def test_no_data_at_all_gives_none_not_zero(self) -> None:
        mi = mission(
            (higher(), lower()), (tier("M+1", ("ots", "95", "90"), ("dmg", "0.5", "1.5")),)
        )
        card = score(mi, day("2027-03-15"))
        assert card.overall is None
        assert card.standing is None
        assert card.coverage == 0

    def test_milestone_without_targets(self) -> None:
        mi = mission((higher(),), (tier("M+1"),))
        card = score(mi, day("2027-03-15"))
        assert (card.results, card.overall, card.coverage) == ((), None, D(0))

    def test_result_is_independent_of_the_callers_decimal_context(self) -> None:
        mi = mission(
            (higher(),),
            (tier("M+1", ("ots", "95", "90")),),
            (
                m("ots", "91", "2027-03-05"),
                m("ots", "92", "2027-03-06"),
                m("ots", "92", "2027-03-07"),
            ),
        )
        expected = score(mi, day("2027-03-31"))
        with decimal.localcontext() as ctx:
            ctx.prec = 3
            ctx.rounding = decimal.ROUND_DOWN
            assert score(mi, day("2027-03-31")) == expected


class TestStandingBands:
    @pytest.mark.parametrize(
        ("overall", "band"),
        [
            ("0", "poor"),
            ("49.999", "poor"),
            ("50", "fair"),
            ("74.99", "fair"),
            ("75", "good"),
            ("89.999", "good"),
            ("90", "excellent"),
            ("100", "excellent"),
        ],
    )
    def test_default_band_edges_are_closed(self, overall: str, band: str) -> None:
        from vendorgov import DEFAULT_BANDS

        assert standing(D(overall), DEFAULT_BANDS) == band

    @pytest.mark.parametrize(
        ("actual", "band"), [("90", "poor"), ("92.5", "fair"), ("94.5", "excellent")]
    )
    def test_band_from_a_scored_mission(self, actual: str, band: str) -> None:
        # points = 100 × (actual − 90) / 5: 0 → poor, 50 → fair, 90 → excellent.
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")),), (m("ots", actual, "2027-03-05"),)
        )
        assert score(mi, day("2027-03-31")).standing == band

    def test_custom_bands_per_mission(self) -> None:
        bands = (Band(name="ok", minimum=D(60)), Band(name="ko", minimum=D(0)))
        mi = mission(
            (higher(),),
            (tier("M+1", ("ots", "95", "90")),),
            (m("ots", "93", "2027-03-05"),),
            bands=bands,
        )
        assert score(mi, day("2027-03-31")).standing == "ok"  # 60 points, closed band

    def test_bands_must_cover_zero(self) -> None:
        with pytest.raises(ValidationError) as info:
            mission(
                (higher(),),
                (tier("M+1", ("ots", "95", "90")),),
                bands=(Band(name="ok", minimum=D(10)),),
            )
        assert [e.path for e in info.value.errors] == ["bands"]


class TestMinimumCoverage:
    """Below the mission's minimum coverage the score stays, the band goes (DESIGN.md §5)."""

    def three_kpis(self, min_coverage: Decimal | None = None) -> Mission:
        # ots weight 2, dmg weight 1, cyc weight 1: total weight 4.
        return mission(
            (higher(weight="2"), lower(), lower("cyc")),
            (tier("M+1", ("ots", "95", "90"), ("dmg", "0.5", "1.5"), ("cyc", "24", "48")),),
            (m("ots", "95", "2027-03-10"), m("dmg", "0.4", "2027-03-12")),
            min_coverage=min_coverage,
        )

    def test_the_default_minimum_is_half_the_weight(self) -> None:
        assert self.three_kpis().min_coverage == D("0.5")

    def test_below_the_minimum_the_standing_is_withheld(self) -> None:
        # On 11 March only ots has data: ots 95 = target → 100 points.
        # coverage = 2 / 4 = 0.5 — exactly the default minimum: reached (closed), a band.
        # With a minimum of 0.6, 0.5 < 0.6: no band, the score itself unchanged.
        at_half = score(self.three_kpis(), day("2027-03-11"))
        assert (at_half.coverage, at_half.overall) == (D("0.5"), D(100))
        assert (at_half.standing, at_half.sufficient) == ("excellent", True)
        stricter = score(self.three_kpis(D("0.6")), day("2027-03-11"))
        assert (stricter.coverage, stricter.overall) == (D("0.5"), D(100))
        assert (stricter.standing, stricter.sufficient) == (None, False)
        assert stricter.min_coverage == D("0.6")

    def test_a_quarter_of_the_weight_is_not_enough(self) -> None:
        # On 13 March ots and dmg have data: coverage (2 + 1) / 4 = 0.75 ≥ 0.5;
        # overall (2 × 100 + 1 × 100) / 3 = 100 (dmg 0.4 is better than its target 0.5).
        card = score(self.three_kpis(), day("2027-03-13"))
        assert (card.coverage, card.overall, card.standing) == (D("0.75"), D(100), "excellent")
        # A mission whose only measurement is dmg's: coverage 1 / 4 = 0.25 < 0.5.
        only_dmg = mission(
            (higher(weight="2"), lower(), lower("cyc")),
            (tier("M+1", ("ots", "95", "90"), ("dmg", "0.5", "1.5"), ("cyc", "24", "48")),),
            (m("dmg", "0.4", "2027-03-12"),),
        )
        card = score(only_dmg, day("2027-03-31"))
        assert (card.coverage, card.overall) == (D("0.25"), D(100))
        assert (card.standing, card.sufficient) == (None, False)

    def test_no_data_is_not_sufficient_either(self) -> None:
        card = score(self.three_kpis(), day("2027-03-05"))
        assert (card.overall, card.coverage, card.sufficient) == (None, D(0), False)

    @pytest.mark.parametrize("bad", ["0", "-0.1", "1.01"])
    def test_the_minimum_is_a_share_above_zero(self, bad: str) -> None:
        with pytest.raises(ValidationError) as info:
            self.three_kpis(D(bad))
        assert [e.path for e in info.value.errors] == ["min_coverage"]

    def test_a_minimum_of_one_needs_every_kpi(self) -> None:
        # coverage 0.75 on 13 March < 1: withheld; a mission may ask for all the evidence.
        card = score(self.three_kpis(D(1)), day("2027-03-13"))
        assert (card.coverage, card.standing) == (D("0.75"), None)

    def test_a_scorecard_cannot_claim_a_band_below_its_minimum(self) -> None:
        card = score(self.three_kpis(D("0.6")), day("2027-03-11"))
        with pytest.raises(ValidationError) as info:
            attrs.evolve(card, standing="excellent")
        assert [e.path for e in info.value.errors] == ["standing"]


class TestDemoCoverage:
    """The demo's site_web at the year end, by hand.

    Fin d'année targets five KPIs: availability (weight 2), lcp_p75, inp_p75,
    tickets_within_sla and patch_latency (weight 1 each): total weight 6. In the window
    from 5 November (the day after M+6, due 4 November) only patch_latency is measured,
    once, on 18 November: 1 day (its max), better than its target of 5: 100 points.
    overall = 1 × 100 / 1 = 100; coverage = 1 / 6 = 0.1666… < 0.5.
    """

    @pytest.mark.parametrize("at", [day("2026-11-29"), day("2026-12-31")])
    def test_site_web_is_insufficient_evidence_not_excellent(self, at: dt.date) -> None:
        site = next(mi for mi in examples.demo_missions() if mi.key == "site_web")
        card = score(site, at)
        with_data = [(line.kpi, line.weight) for line in card.results if line.points is not None]
        assert with_data == [("patch_latency", D(1))]
        assert sum(line.weight for line in card.results) == D(6)
        assert card.overall == D(100)
        assert card.coverage == D(1) / D(6)
        assert (card.standing, card.sufficient, card.min_coverage) == (None, False, D("0.5"))

    def test_at_exactly_the_coverage_a_band_is_given(self) -> None:
        # The near miss: a minimum of exactly 1/6 is reached by coverage 1/6 (closed): excellent.
        site = next(mi for mi in examples.demo_missions() if mi.key == "site_web")
        card = score(attrs.evolve(site, min_coverage=D(1) / D(6)), day("2026-12-31"))
        assert (card.standing, card.sufficient) == ("excellent", True)


class TestExpectedAndTrend:
    def test_interpolated_expected_value_between_tiers(self) -> None:
        # M+1 due 2027-04-01 target 95; M+6 due 2027-09-01 target 98.
        # At 2027-05-01: 30 of 153 days elapsed → 95 + 3 × 30 / 153 = 95.5882...
        mi = mission(
            (higher(),),
            (tier("M+1", ("ots", "95", "90")), tier("M+6", ("ots", "98", "95"))),
            (m("ots", "93", "2027-03-10"), m("ots", "96", "2027-04-20")),
        )
        line = score(mi, day("2027-05-01")).results[0]
        assert line.expected is not None
        assert line.expected.quantize(D("0.0001")) == D("95.5882")
        assert line.on_track is True  # 96 ≥ 95.588
        assert line.status is Status.AT_RISK  # but the M+6 target 98 is not met yet
        assert line.previous == D(93)
        assert line.trend == D(3)
        assert line.improving is True

    def test_expected_is_the_target_in_the_first_window(self) -> None:
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")),), (m("ots", "94", "2027-03-05"),)
        )
        line = score(mi, day("2027-03-10")).results[0]
        assert (line.expected, line.on_track) == (D(95), False)

    def test_expected_for_lower_is_better(self) -> None:
        # M+1 target 1.0, M+6 target 0.5; at the M+6 due date the expected value is 0.5.
        mi = mission(
            (lower(),),
            (tier("M+1", ("dmg", "1.0", "2")), tier("M+6", ("dmg", "0.5", "1"))),
            (m("dmg", "0.6", "2027-06-01"),),
        )
        line = score(mi, day("2027-09-01")).results[0]
        assert line.expected == D("0.5")
        assert line.on_track is False
        assert line.improving is None  # no data in the previous window


class TestHistoryAndErrors:
    def test_history_scores_each_milestone_at_its_due_date(self) -> None:
        mi = mission(
            (higher(),),
            (
                tier("M+1", ("ots", "95", "90")),
                tier("M+6", ("ots", "98", "95")),
                tier("EOY", ("ots", "99", "96")),
            ),
            (m("ots", "93", "2027-03-10"), m("ots", "97", "2027-06-10")),
        )
        history = score_history(mi, day("2027-10-01"))
        assert [(c.milestone, c.at) for c in history] == [
            ("M+1", day("2027-04-01")),
            ("M+6", day("2027-09-01")),
        ]
        assert [c.results[0].actual for c in history] == [D(93), D(97)]
        assert len(score_history(mi)) == 3

    def test_at_must_be_a_date(self) -> None:
        mi = mission((higher(),), (tier("M+1", ("ots", "95", "90")),))
        with pytest.raises(ValidationError) as info:
            score(mi, dt.datetime(2027, 3, 1, tzinfo=dt.UTC))  # type: ignore[arg-type]
        assert info.value.errors[0].path == "at"

    def test_mission_without_milestones(self) -> None:
        mi = mission((higher(),), ())
        with pytest.raises(ValidationError) as info:
            score(mi, day("2027-03-15"))
        assert info.value.errors[0].path == "milestones"

    def test_scorecards_pickle(self) -> None:
        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")),), (m("ots", "93", "2027-03-05"),)
        )
        card = score(mi, day("2027-03-31"))
        assert pickle.loads(pickle.dumps(card)) == card


class TestResultsAreValid:
    """The engine builds scorecards without re-checking them (a hot loop): prove they pass."""

    @pytest.mark.parametrize(
        "at", ["2026-03-01", "2026-04-15", "2026-09-02", "2026-11-29", "2027-06-01"]
    )
    def test_demo_scorecards_pass_full_validation(self, at: str) -> None:
        import attrs

        from vendorgov import examples

        for mission in examples.demo_missions():
            card = score(mission, day(at))
            # attrs.evolve runs the constructor, so every check runs again.
            assert attrs.evolve(card, results=tuple(attrs.evolve(r) for r in card.results)) == card

    def test_a_bad_result_would_be_refused_by_the_constructor(self) -> None:
        import attrs

        mi = mission(
            (higher(),), (tier("M+1", ("ots", "95", "90")),), (m("ots", "93", "2027-03-05"),)
        )
        line = score(mi, day("2027-03-31")).results[0]
        with pytest.raises(ValidationError):
            attrs.evolve(line, points=D(101))
