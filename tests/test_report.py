"""``review_report``: a review's engine results, computed once.

The reference is the engine's own functions, called one by one: the report's parts must
equal what ``score``, ``score_history``, ``payouts``, ``reporting_compliance`` and
``assess`` return for the demo missions at several dates. A few values are checked by
hand, and counters check that one render of the review scores each scorecard once.
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs
import pytest

import vendorgov
from factories import minimal_mission
from vendorgov import (
    ActionStatus,
    Aggregation,
    Measurement,
    Mission,
    NeedStatus,
    PayoutCategory,
    Status,
    ValidationError,
    examples,
    review_report,
)
from vendorgov._engine import scoring
from vendorgov._engine.reviews import review_scorecard
from vendorgov._model.report import KpiSeries, MilestoneState
from vendorgov._model.validation import Model

DEMOS = examples.DEMO_KEYS
DATES = [
    dt.date(2026, 3, 20),  # before the first milestone (and, for two demos, the start)
    dt.date(2026, 5, 1),  # community's M+1 due date
    dt.date(2026, 9, 2),  # logistique's M+6 due date
    dt.date(2026, 10, 20),
    dt.date(2026, 12, 31),  # every demo's last milestone
    dt.date(2027, 2, 1),  # all milestones passed
]
CASES = [(key, at) for key in DEMOS for at in (*DATES, None)]


def _day(mission: Mission, at: dt.date | None) -> dt.date:
    return at if at is not None else max(review.on for review in mission.reviews)


def _rebuilt(value: Any) -> Any:
    """``value`` built again through the checking constructors, all the way down."""
    if isinstance(value, tuple):
        return type(value)(_rebuilt(item) for item in value) if type(value) is tuple else value
    if isinstance(value, Model) and attrs.has(type(value)):
        fields = {
            field.name: _rebuilt(getattr(value, field.name)) for field in attrs.fields(type(value))
        }
        return type(value)(**fields)
    return value


def _expected_on(series: KpiSeries, day: dt.date) -> Decimal | None:
    """The expected path's value on ``day``, read off its polylines (flat before them)."""
    day = max(day, series.expected[0][0].on)  # before the start: the first target
    for line in series.expected:
        for before, after in itertools.pairwise(line):
            if before.on <= day <= after.on:
                span = (after.on - before.on).days
                elapsed = (day - before.on).days
                return before.value + (after.value - before.value) * Decimal(elapsed) / span
    return None


# -- the report equals the engine's functions ------------------------------------------------
class TestMatchesTheEngine:
    @pytest.mark.parametrize(("key", "at"), CASES)
    def test_parts_equal_the_engine_functions(self, key: str, at: dt.date | None) -> None:
        mission = examples.demo_mission(key)
        report = review_report(mission, at)
        day = _day(mission, at)
        assert report.at == day
        assert report.mission == mission.key
        # A review held on the day that names its milestone shows that milestone's card.
        held = report.review is not None and report.review.on == day
        expected = review_scorecard(mission, report.review) if held else None
        assert report.card == (expected or vendorgov.score(mission, day))
        assert [detail.line for detail in report.payouts] == list(vendorgov.payouts(mission, day))
        totals = vendorgov.payout_totals(vendorgov.payouts(mission, day))
        assert {total.category: total.amount for total in report.payout_totals} == totals
        assert report.payout_net == (sum(totals.values()) if totals else None)
        assert report.reporting == vendorgov.reporting_compliance(mission, day)
        assert report.findings == tuple(vendorgov.assess(mission, day))
        held = [review for review in mission.reviews if review.on <= day]
        assert report.review == (held[-1] if held else None)
        assert report.previous_review == (held[-2] if len(held) > 1 else None)

    @pytest.mark.parametrize(("key", "at"), CASES)
    def test_milestones_and_history(self, key: str, at: dt.date | None) -> None:
        mission = examples.demo_mission(key)
        report = review_report(mission, at)
        day = report.at
        dues = mission.milestone_dues()
        assert [step.due for step in report.milestones] == list(dues)
        assert [step.milestone for step in report.milestones] == [
            milestone.name for milestone in mission.milestones
        ]
        current = scoring.current_milestone(mission, day)
        reached = {card.due: card for card in vendorgov.score_history(mission, day)}
        for index, step in enumerate(report.milestones):
            if step.due <= day:
                assert step.state is MilestoneState.CLOSED
            elif index == current:
                assert step.state is MilestoneState.CURRENT
            else:
                assert step.state is MilestoneState.FUTURE
        assert [row.kpi for row in report.history] == [kpi.key for kpi in mission.kpis]
        for row in report.history:
            for index, (step, cell) in enumerate(zip(report.milestones, row.cells, strict=True)):
                # the targets in force on the window's first day (amendments apply per window)
                milestone = vendorgov.in_force(mission, step.start).milestones[index]
                target = milestone.target_for(row.kpi)
                if target is None:
                    assert cell.state is None
                    continue
                assert (cell.state, cell.target, cell.threshold) == (
                    step.state,
                    target.target,
                    target.threshold,
                )
                card = {
                    MilestoneState.CLOSED: reached.get(step.due),
                    # the current milestone on the report's date (the review's card
                    # may be about a milestone already closed)
                    MilestoneState.CURRENT: vendorgov.score(mission, report.at),
                    MilestoneState.FUTURE: None,
                }[step.state]
                result = None if card is None else card.result(row.kpi)
                assert cell.actual == (None if result is None else result.actual)
                assert cell.status == (None if result is None else result.status)

    @pytest.mark.parametrize(("key", "at"), CASES)
    def test_series(self, key: str, at: dt.date | None) -> None:
        mission = examples.demo_mission(key)
        report = review_report(mission, at)
        assert [series.kpi for series in report.series] == [kpi.key for kpi in mission.kpis]
        for series in report.series:
            assert report.series_for(series.kpi) is series
            measured = sorted(
                (
                    (m.at, m.value)
                    for m in mission.measurements
                    if m.kpi == series.kpi and m.at <= report.at  # the demos have dates only
                ),
                key=lambda pair: pair[0],
            )
            # a qualitative KPI's points are its rounds: the median of each date's scores
            rounds: dict[dt.date, list[Decimal]] = {}
            for e in mission.evaluations:
                if e.kpi == series.kpi and not e.self_assessment and e.on <= report.at:
                    rounds.setdefault(e.on, []).append(e.score)
            measured += [(on, statistics.median(scores)) for on, scores in sorted(rounds.items())]
            assert not series.cumulative
            assert [(point.on, point.value) for point in series.points] == measured
            assert [(tier.start, tier.due) for tier in series.tiers] == [
                (step.start, step.due) for step in report.milestones
            ]
        # the expected path goes through every scorecard's expected value
        assert report.card is not None
        for result in report.card.results:
            series = report.series_for(result.kpi)
            assert series is not None
            assert _expected_on(series, report.card.window_end) == result.expected

    @pytest.mark.parametrize("key", DEMOS)
    def test_bonus_tier_is_the_one_paid(self, key: str) -> None:
        mission = examples.demo_mission(key)
        bonus = mission.bonus
        assert bonus is not None
        for detail in review_report(mission, dt.date(2027, 2, 1)).payouts:
            line = detail.line
            if line.category is not PayoutCategory.BONUS:
                assert (detail.tier, detail.lowest) == (None, None)
                continue
            if line.rule == "bonus_insufficient_evidence":
                # site_web's year end: 100 on coverage 1/6 < 0.5, no tier, nothing paid
                assert (detail.tier, detail.lowest, line.amount.amount) == (None, None, 0)
                continue
            if detail.tier is None:
                assert line.amount.amount == 0
                assert detail.lowest == min(tier.min_score for tier in bonus.tiers)
                continue
            assert line.overall is not None
            assert detail.tier.min_score <= line.overall
            assert not [
                tier
                for tier in bonus.tiers
                if detail.tier.min_score < tier.min_score <= line.overall
            ]
            if detail.tier.rate is not None:
                assert (line.rate, line.base) == (detail.tier.rate, bonus.base)
            assert (detail.cap is not None) == line.capped

    @pytest.mark.parametrize(("key", "at"), CASES[:: len(DATES) + 1] + CASES[3::5])
    def test_valid_through_the_checking_constructors(self, key: str, at: dt.date | None) -> None:
        report = review_report(examples.demo_mission(key), at)
        assert _rebuilt(report) == report


# -- values checked by hand ---------------------------------------------------------------------
class TestByHand:
    def test_a_closed_history_cell(self) -> None:
        # Logistique, on-time shipping at M+1 (window 2 March .. 2 April 2026): the
        # measurements of 8, 15, 22 and 29 March, 93.6 + 95.1 + 95.9 + 96.3 = 380.9,
        # mean 95.225 ≥ the target 95: met.
        report = review_report(examples.demo_mission("logistique"), dt.date(2026, 9, 8))
        row = next(row for row in report.history if row.kpi == "on_time_shipping")
        cell = row.cells[0]
        assert (cell.state, cell.actual, cell.target, cell.threshold, cell.status) == (
            MilestoneState.CLOSED,
            Decimal("95.225"),
            Decimal(95),
            Decimal(92),
            Status.MET,
        )
        # the end-of-year milestone is the current one: its result on 09-08, though the
        # review's scorecard is M+6's (the review names it)
        assert row.cells[2].state is MilestoneState.CURRENT
        assert row.cells[2].actual == Decimal("98.1")  # the one measurement since 3 September
        assert report.card is not None
        assert report.card.milestone == "M+6"

    def test_the_expected_path(self) -> None:
        # Targets 95 (M+1, 2 April), 97 (M+6, 2 September), 98.5 (31 December, raised by
        # amendment n° 1 from 98): flat at 95 from the start, then from target to target.
        report = review_report(examples.demo_mission("logistique"), dt.date(2026, 9, 8))
        series = report.series_for("on_time_shipping")
        assert series is not None
        ((first, *rest),) = series.expected
        assert (first.on, first.value) == (dt.date(2026, 3, 2), Decimal(95))
        assert [(point.on, point.value) for point in rest] == [
            (dt.date(2026, 4, 2), Decimal(95)),
            (dt.date(2026, 9, 2), Decimal(97)),
            (dt.date(2026, 12, 31), Decimal("98.5")),
        ]
        # 8 September is 6 of the 120 days from 2 September to 31 December:
        # 97 + 1.5 × 6 / 120 = 97.075
        assert _expected_on(series, dt.date(2026, 9, 8)) == Decimal("97.075")

    def test_running_totals_for_a_sum_kpi(self) -> None:
        mission = examples.demo_mission("logistique")
        kpis = tuple(
            attrs.evolve(kpi, aggregation=Aggregation.SUM) if kpi.key == "on_time_shipping" else kpi
            for kpi in mission.kpis
        )
        report = review_report(attrs.evolve(mission, kpis=kpis), dt.date(2026, 4, 12))
        series = report.series_for("on_time_shipping")
        assert series is not None
        assert series.cumulative
        # 8, 15, 22, 29 March in M+1's window (to 2 April); 5 and 12 April in M+6's
        assert [point.value for point in series.points] == [
            Decimal("93.6"),
            Decimal("188.7"),
            Decimal("284.6"),
            Decimal("380.9"),
            Decimal("96.0"),
            Decimal("192.6"),
        ]

    def test_a_timed_measurement_is_on_its_local_day(self) -> None:
        # 23:30 UTC on 9 April 2026 is 01:30 on 10 April in Paris: drawn on the 10th,
        # after the date-only measurement of that day, and left out of a report of the 9th.
        mission = examples.demo_mission("logistique")
        late = dt.datetime(2026, 4, 9, 23, 30, tzinfo=dt.UTC)
        plain = Measurement(kpi="damage_rate", value=Decimal("0.4"), at=dt.date(2026, 4, 10))
        timed = Measurement(kpi="damage_rate", value=Decimal("0.9"), at=late)
        changed = mission.with_measurements(timed, plain)
        after = review_report(changed, dt.date(2026, 4, 10)).series_for("damage_rate")
        before = review_report(changed, dt.date(2026, 4, 9)).series_for("damage_rate")
        assert after is not None
        assert before is not None
        assert [(p.on, p.value) for p in after.points[-2:]] == [
            (dt.date(2026, 4, 10), Decimal("0.4")),
            (dt.date(2026, 4, 10), Decimal("0.9")),
        ]
        assert all(point.on <= dt.date(2026, 4, 9) for point in before.points)

    def test_follow_up_as_it_stood(self) -> None:
        mission = examples.demo_mission("logistique")
        october = review_report(mission, dt.date(2026, 10, 1), findings=False)
        november = review_report(mission, dt.date(2026, 11, 1), findings=False)
        (early,) = [state for state in october.actions if state.action.id == "ca_log_04"]
        (late,) = [state for state in november.actions if state.action.id == "ca_log_04"]
        assert (early.status, early.closed_on) == (ActionStatus.OPEN, None)
        assert (late.status, late.closed_on) == (ActionStatus.DONE, dt.date(2026, 10, 28))
        assert early.raised_on == dt.date(2026, 9, 8)
        assert early.current
        september = review_report(mission, dt.date(2026, 9, 10), findings=False)
        assert {state.status for state in september.needs if state.current} == {NeedStatus.OPEN}
        assert october.findings is None

    def test_a_recorded_scorecard_is_the_card(self) -> None:
        mission = examples.demo_mission("logistique")
        latest = mission.reviews[-1]
        recorded = vendorgov.score(mission, dt.date(2026, 9, 2))
        changed = attrs.evolve(
            mission, reviews=(*mission.reviews[:-1], attrs.evolve(latest, scorecard=recorded))
        )
        assert review_report(changed).card is recorded


# -- refusals and edges ---------------------------------------------------------------------------
class TestInputs:
    def test_without_review_nor_date(self) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), reviews=())
        with pytest.raises(ValidationError) as caught:
            review_report(mission)
        assert [detail.path for detail in caught.value.errors] == ["at"]
        assert review_report(mission, dt.date(2026, 9, 8)).review is None

    @pytest.mark.parametrize("at", [dt.datetime(2026, 9, 8, tzinfo=dt.UTC), "2026-09-08"])
    def test_a_date_only(self, at: object) -> None:
        with pytest.raises(ValidationError) as caught:
            review_report(examples.demo_mission("logistique"), at)  # type: ignore[arg-type]
        assert [detail.path for detail in caught.value.errors] == ["at"]

    def test_not_a_mission(self) -> None:
        with pytest.raises(ValidationError) as caught:
            review_report("logistique", dt.date(2026, 9, 8))  # type: ignore[arg-type]
        assert [detail.path for detail in caught.value.errors] == ["mission"]

    def test_without_milestones(self) -> None:
        report = review_report(minimal_mission(), dt.date(2027, 4, 1))
        assert (report.card, report.milestones, report.history, report.payouts) == (
            None,
            (),
            (),
            (),
        )

    def test_invariants(self) -> None:
        report = review_report(examples.demo_mission("logistique"))
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(report, at=dt.date(2026, 9, 1))
        assert {detail.path for detail in caught.value.errors} == {"review.on", "card.at"}
        with pytest.raises(ValidationError):
            attrs.evolve(report, payout_net=None)

    def test_not_a_file_type(self) -> None:
        # A report is derived from a mission and a date, each a file; it is not one itself.
        with pytest.raises(ValidationError):
            vendorgov.dumps(review_report(examples.demo_mission("logistique")), "json")  # type: ignore[arg-type]

    def test_overdue_count(self) -> None:
        report = review_report(examples.demo_mission("logistique"), dt.date(2026, 11, 15))
        assert report.overdue_count == 1 == sum(state.overdue for state in report.actions)


# -- computed once ----------------------------------------------------------------------------
@contextmanager
def _counting() -> Iterator[collections.Counter[str]]:
    counts: collections.Counter[str] = collections.Counter()
    cards: list[tuple[dt.date, int]] = []
    score_one = scoring._score
    dues = Mission.milestone_dues

    def counted_score(
        mission: Mission, at: dt.date, due_dates: Any, index: int, known: dt.date
    ) -> Any:
        counts["scorecards"] += 1
        cards.append((at, index))
        return score_one(mission, at, due_dates, index, known)

    def counted_dues(self: Mission) -> Any:
        counts["dues"] += 1
        return dues(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scoring, "_score", counted_score)
        patch.setattr(Mission, "milestone_dues", counted_dues)
        yield counts
    counts["distinct"] = len(set(cards))


class TestComputedOnce:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize("fmt", ["md", "html"])
    def test_one_render_scores_each_scorecard_once(self, key: str, fmt: str) -> None:
        mission = examples.demo_mission(key)
        with _counting() as counts:
            vendorgov.render(mission, "review", format=fmt)
        # at the latest review: the two milestones reached, scored at their due dates,
        # and the current one at the review's date; each once (there were 5 scorings)
        assert counts["scorecards"] == counts["distinct"] == 3
        # the report resolves the due dates once, and the document's shared context
        # takes them from it (there were 6 to 9 resolutions)
        assert counts["dues"] == 1

    def test_a_card_on_a_due_date_is_scored_once(self) -> None:
        mission = examples.demo_mission("logistique")
        with _counting() as counts:
            report = review_report(mission, dt.date(2026, 9, 2), findings=False)
        assert report.card is not None
        assert report.card.milestone == "M+6"
        assert counts["scorecards"] == counts["distinct"] == 2  # M+1 and M+6, at their dues

    def test_the_report_alone_without_service_credits(self) -> None:
        mission = examples.demo_mission("community")
        assert mission.service_credits is None
        with _counting() as counts:
            review_report(mission, findings=False)
        assert counts["dues"] == 1

    def test_the_report_alone_with_service_credits(self) -> None:
        mission = examples.demo_mission("logistique")
        assert mission.service_credits is not None
        with _counting() as counts:
            review_report(mission, findings=False)
        assert counts["dues"] == 1

    def test_findings_on_request(self) -> None:
        mission = examples.demo_mission("logistique")
        assert review_report(mission, findings=False).findings is None
        with _counting() as without:
            review_report(mission, findings=False)
        with _counting() as with_findings:
            report = review_report(mission)
        assert report.findings is not None
        assert with_findings["scorecards"] > without["scorecards"]  # assess scores on its own
