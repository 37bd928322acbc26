"""Several evaluators and the provider's voice: qualitative KPIs, self-assessments, contests.

Every expected value is worked out by hand in a comment. The mission is
``factories.voiced_mission``: START 2027-03-15, M+1 due 2027-04-15 (window 03-15..04-15),
on_time_shipping (weight 2) 93 → 60 points; quality (weight 1, scale 1-5, target 4,
threshold 2): rounds median(4, 2, 5) = 4 on 04-10 and median(3, 4) = 3.5 on 04-14, mean 3.75
→ 87.5 points; overall 207.5 / 3; review of M+1 shared on 04-16, contest window 10 days
(to 04-26), answer deadline 7 days after a contest is raised.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import attrs
import pytest

import vendorgov
from factories import contest, evaluation, quality_kpi, voiced_mission
from vendorgov import (
    Consensus,
    ContestStatus,
    Scale,
    Status,
    ValidationError,
    assess,
    describe,
    payouts,
    score,
    score_history,
)
from vendorgov._engine.scoring import consensus

D = Decimal


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def amended(**changes: object) -> vendorgov.Contest:
    fields: dict[str, object] = {
        "status": ContestStatus.AMENDED,
        "value": D(4),
        "resolved_on": day("2027-04-30"),
    }
    return contest(**(fields | changes))


class TestConsensus:
    def test_median_of_an_odd_count_is_the_middle_score(self) -> None:
        # sorted 2, 4, 5 → 4
        assert consensus([D(4), D(2), D(5)]) == D(4)

    def test_median_of_an_even_count_is_the_mean_of_the_two_middle_scores(self) -> None:
        # sorted 2, 3, 4, 5 → (3 + 4) / 2 = 3.5; sorted 3, 4 → 3.5; 1, 2 → 1.5
        assert consensus([D(5), D(2), D(4), D(3)]) == D("3.5")
        assert consensus([D(4), D(3)]) == D("3.5")
        assert consensus([D(1), D(2)], Consensus.MEDIAN) == D("1.5")

    def test_mean(self) -> None:
        # (5 + 2 + 2) / 3 = 3; (4 + 5) / 2 = 4.5; (1 + 2 + 2) / 3 = 1.666…
        assert consensus([D(5), D(2), D(2)], Consensus.MEAN) == D(3)
        assert consensus([D(4), D(5)], Consensus.MEAN) == D("4.5")
        assert consensus([D(1), D(2), D(2)], Consensus.MEAN) == D(5) / D(3)

    def test_an_empty_round_is_refused(self) -> None:
        with pytest.raises(ValidationError):
            consensus([])


class TestScale:
    def test_named_scale_maps_labels_to_steps_and_back(self) -> None:
        scale = Scale(labels=("insuffisant", "correct", "bon", "très bon", "excellent"))
        assert scale.score_of("insuffisant") == D(1)
        assert scale.score_of("très bon") == D(4)
        assert scale.label_of(D(5)) == "excellent"
        assert scale.label_of(D("3.5")) is None  # between two steps
        with pytest.raises(ValidationError, match="unknown label 'moyen'"):
            scale.score_of("moyen")

    def test_a_scale_from_zero(self) -> None:
        scale = Scale(minimum=0, maximum=2, labels=("non", "partiel", "oui"))
        assert scale.label_of(D(0)) == "non"
        assert scale.score_of("oui") == D(2)

    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"minimum": 5, "maximum": 5}, "maximum"),
            ({"minimum": 1, "maximum": 10**9}, "maximum"),
            ({"labels": ("a", "b")}, "labels"),
            ({"minimum": 1, "maximum": 2, "labels": ("a", "a")}, "labels[1]"),
            ({"minimum": 1, "maximum": 2, "labels": ("a", " ")}, "labels[1]"),
        ],
    )
    def test_bad_scales_are_refused_with_their_path(
        self, fields: dict[str, object], path: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            Scale(**fields)  # type: ignore[arg-type]
        assert caught.value.errors[0].path == path


class TestScoring:
    def test_rounds_count_as_measurements(self) -> None:
        card = score(voiced_mission(), day("2027-04-15"))
        quality = card.result("quality")
        assert quality is not None
        # mean(median(4, 2, 5), median(3, 4)) = mean(4, 3.5) = 3.75
        assert quality.actual == D("3.75")
        assert quality.count == 2  # two rounds
        # 100 × (3.75 − 2) / (4 − 2) = 87.5, between threshold and target
        assert quality.points == D("87.5")
        assert quality.status is Status.AT_RISK
        # (2 × 60 + 1 × 87.5) / 3 = 207.5 / 3
        assert card.overall == D("207.5") / 3

    def test_the_self_assessment_is_shown_and_never_scored(self) -> None:
        card = score(voiced_mission(), day("2027-04-15"))
        quality = card.result("quality")
        assert quality is not None
        assert quality.self_assessment == D(5)  # Paul Roux's 5 on 04-14
        assert len(quality.evaluations) == 6  # 5 evaluators' scores and 1 self-assessment
        # without the self-assessment the score is the same
        mission = voiced_mission()
        quiet = attrs.evolve(
            mission, evaluations=tuple(e for e in mission.evaluations if not e.self_assessment)
        )
        assert score(quiet, day("2027-04-15")).overall == card.overall

    def test_mean_consensus(self) -> None:
        mission = voiced_mission(kpis=(vendorgov_shipping(), quality_kpi(consensus=Consensus.MEAN)))
        quality = score(mission, day("2027-04-15")).result("quality")
        assert quality is not None
        # rounds (4 + 2 + 5) / 3 = 11/3 and (3 + 4) / 2 = 3.5; mean (11/3 + 3.5) / 2 = 43/12
        assert quality.actual == (D(11) / 3 + D("3.5")) / 2

    def test_evaluations_after_the_date_do_not_count(self) -> None:
        quality = score(voiced_mission(), day("2027-04-12")).result("quality")
        assert quality is not None
        assert quality.actual == D(4)  # only the round of 04-10
        assert quality.self_assessment is None  # the self-assessment is of 04-14

    def test_no_evaluation_is_no_data(self) -> None:
        quality = score(voiced_mission(evaluations=()), day("2027-04-15")).result("quality")
        assert quality is not None
        assert quality.status is Status.NO_DATA
        assert quality.self_assessment is None


class TestMissionRules:
    def test_a_measurement_of_a_qualitative_kpi_is_refused(self) -> None:
        mission = voiced_mission()
        with pytest.raises(ValidationError, match=r"measurements\[1\]\.kpi.*qualitative"):
            attrs.evolve(
                mission,
                measurements=(
                    *mission.measurements,
                    vendorgov.Measurement(kpi="quality", value=D(4), at=day("2027-04-01")),
                ),
            )

    def test_a_score_off_the_scale_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"evaluations\[0\]\.score"):
            voiced_mission(evaluations=(evaluation("2027-04-10", "Claire Martin", 6),))

    def test_an_evaluation_of_a_quantitative_kpi_is_refused(self) -> None:
        wrong = evaluation("2027-04-10", "Claire Martin", 4, kpi="on_time_shipping")
        with pytest.raises(ValidationError, match=r"evaluations\[0\]\.kpi.*not qualitative"):
            voiced_mission(evaluations=(wrong,))

    def test_an_evaluator_scores_a_round_once(self) -> None:
        twice = (evaluation("2027-04-10", "Claire Martin", 4),) * 2
        with pytest.raises(ValidationError, match=r"evaluations\[1\]\.evaluator"):
            voiced_mission(evaluations=twice)

    def test_an_evaluation_outside_the_mission_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"evaluations\[0\]\.on"):
            voiced_mission(evaluations=(evaluation("2027-03-01", "Claire Martin", 4),))


class TestContestWindow:
    def test_a_contest_on_the_last_day_of_the_window_is_accepted(self) -> None:
        # shared 2027-04-16 + 10 days = 2027-04-26, included
        mission = voiced_mission(contests=(contest(raised_on=day("2027-04-26")),))
        assert mission.contest_window(mission.contests[0]) == (day("2027-04-16"), day("2027-04-26"))

    def test_a_contest_after_the_window_is_refused_with_its_path(self) -> None:
        with pytest.raises(ValidationError) as caught:
            voiced_mission(contests=(contest(raised_on=day("2027-04-27")),))
        (error,) = caught.value.errors
        assert error.path == "contests[0].raised_on"
        assert "until 2027-04-26" in error.message

    def test_a_contest_before_the_scorecard_was_shared_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"contests\[0\]\.raised_on: no review shared"):
            voiced_mission(contests=(contest(raised_on=day("2027-04-15")),))

    def test_no_contest_without_a_contest_clause(self) -> None:
        mission = voiced_mission()
        assert mission.contract is not None
        with pytest.raises(ValidationError, match="no contest window"):
            attrs.evolve(
                mission,
                contract=attrs.evolve(mission.contract, contest_days=None),
                contests=(contest(),),
            )

    def test_a_contest_names_a_result(self) -> None:
        with pytest.raises(ValidationError, match=r"contests\[0\]\.milestone"):
            voiced_mission(contests=(contest(milestone="M+3"),))

    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"status": ContestStatus.AMENDED, "resolved_on": day("2027-04-30")}, "value"),
            ({"status": ContestStatus.ACCEPTED, "resolved_on": day("2027-04-30")}, "claimed"),
            ({"status": ContestStatus.REJECTED, "resolved_on": day("2027-04-30")}, "answer"),
            ({"status": ContestStatus.REJECTED, "answer": "no"}, "resolved_on"),
            ({"resolved_on": day("2027-04-30")}, "resolved_on"),
            (
                {
                    "status": ContestStatus.AMENDED,
                    "value": D(3),
                    "resolved_on": day("2027-04-19"),
                },
                "resolved_on",
            ),
        ],
    )
    def test_a_contest_is_consistent(self, fields: dict[str, object], path: str) -> None:
        with pytest.raises(ValidationError) as caught:
            contest(**fields)
        assert caught.value.errors[0].path == path


class TestContestedResults:
    def test_open_the_result_is_contested(self) -> None:
        mission = voiced_mission(contests=(amended(),))
        card = score_history(mission, day("2027-04-29"))[0]
        quality = card.result("quality")
        assert quality is not None
        assert quality.contest is ContestStatus.OPEN
        assert quality.contested
        assert card.contested == ("quality",)
        assert quality.actual == D("3.75")  # unchanged until resolved

    def test_before_it_is_raised_nothing_is_contested(self) -> None:
        card = score_history(voiced_mission(contests=(amended(),)), day("2027-04-19"))[0]
        assert card.contested == ()
        assert card.result("quality").contest is None  # type: ignore[union-attr]

    def test_an_amended_value_replaces_the_result(self) -> None:
        mission = voiced_mission(contests=(amended(),))
        card = score_history(mission, day("2027-04-30"))[0]
        quality = card.result("quality")
        assert quality is not None
        assert quality.contest is ContestStatus.AMENDED
        assert not quality.contested
        # 4 reaches the target: 100 points, met; before 3.75 → 87.5 points
        assert (quality.actual, quality.original) == (D(4), D("3.75"))
        assert quality.points == D(100)
        assert quality.status is Status.MET
        # overall before: (120 + 87.5) / 3 = 69.1666…; after: (120 + 100) / 3 = 73.333…
        assert card.overall == D(220) / 3
        assert score_history(mission, day("2027-04-29"))[0].overall == D("207.5") / 3

    def test_an_accepted_contest_takes_the_claimed_value(self) -> None:
        accepted = contest(
            status=ContestStatus.ACCEPTED, claimed=D(3), resolved_on=day("2027-04-22")
        )
        quality = score_history(voiced_mission(contests=(accepted,)), day("2027-04-22"))[0].result(
            "quality"
        )
        assert quality is not None
        # 100 × (3 − 2) / (4 − 2) = 50
        assert (quality.actual, quality.points) == (D(3), D(50))

    def test_a_rejected_contest_leaves_the_result(self) -> None:
        rejected = contest(
            status=ContestStatus.REJECTED, answer="Scored as agreed", resolved_on=day("2027-04-22")
        )
        quality = score_history(voiced_mission(contests=(rejected,)), day("2027-04-22"))[0].result(
            "quality"
        )
        assert quality is not None
        assert (quality.actual, quality.original) == (D("3.75"), None)
        assert quality.contest is ContestStatus.REJECTED


class TestPendingPayouts:
    def test_the_bonus_waits_then_is_settled(self) -> None:
        mission = voiced_mission(contests=(amended(),))
        # Without the contest: 69.1666… is below the tier of 70: no bonus.
        (line,) = payouts(voiced_mission(), day("2027-04-29"))
        assert line.rule == "bonus_below_tiers"
        # Contested: pending, zero for now.
        (line,) = payouts(mission, day("2027-04-29"))
        assert (line.rule, line.pending, line.amount.amount) == ("bonus_pending_contest", True, 0)
        assert line.param("kpis") == ("quality",)
        assert describe(line) == (
            "Results of “M+1” are contested (quality): the bonus waits until the contest is "
            "resolved."
        )
        # Amended on 04-30: 73.333… ≥ 70 → 5 % × 1,000.00 = 50.00 EUR.
        (line,) = payouts(mission, day("2027-04-30"))
        assert (line.rule, line.pending, str(line.amount)) == ("bonus_rate", False, "50.00 EUR")

    def test_a_contested_credit_waits(self) -> None:
        # quality missed: one round of 2 → 2 is the threshold: missed, 0 points.
        low = (evaluation("2027-04-10", "Claire Martin", 2),)
        scheme = vendorgov.ServiceCreditScheme(
            rate=D("0.05"), at_risk=vendorgov.Money(D(1000), "EUR")
        )
        mission = voiced_mission(
            evaluations=low, bonus=None, service_credits=scheme, contests=(amended(),)
        )
        (line,) = payouts(mission, day("2027-04-29"))
        assert (line.rule, line.kpi, line.pending) == (
            "service_credit_pending_contest",
            "quality",
            True,
        )
        assert line.amount.amount == 0
        # amended to 4 on 04-30: met, no credit left
        assert payouts(mission, day("2027-04-30")) == vendorgov.Payouts()
        # without a contest: 5 % × one month of 3,500 = 175.00 EUR
        plain = attrs.evolve(mission, contests=())
        (credit,) = payouts(plain, day("2027-04-29"))
        assert (credit.rule, str(credit.amount)) == ("service_credit_rate", "-175.00 EUR")


class TestFindings:
    def codes(self, mission: vendorgov.Mission, at: str) -> list[tuple[str, dt.date | None]]:
        return [(f.code, f.due) for f in assess(mission, day(at)) if f.code.startswith("CONTEST")]

    def test_open_until_the_answer_deadline_then_overdue(self) -> None:
        mission = voiced_mission(contests=(amended(resolved_on=day("2027-05-03")),))
        # raised 04-20 + 7 days = 04-27
        assert self.codes(mission, "2027-04-19") == []
        assert self.codes(mission, "2027-04-20") == [("CONTEST_OPEN", day("2027-04-27"))]
        assert self.codes(mission, "2027-04-27") == [("CONTEST_OPEN", day("2027-04-27"))]
        assert self.codes(mission, "2027-04-28") == [("CONTEST_ANSWER_OVERDUE", day("2027-04-27"))]
        (finding,) = [
            f for f in assess(mission, day("2027-05-02")) if f.code == "CONTEST_ANSWER_OVERDUE"
        ]
        assert finding.param("days") == 5  # 05-02 − 04-27
        assert self.codes(mission, "2027-05-03") == []  # resolved

    def test_sentences(self) -> None:
        mission = voiced_mission(contests=(contest(),))
        (finding,) = [f for f in assess(mission, day("2027-04-21")) if f.code == "CONTEST_OPEN"]
        assert describe(finding, "fr") == (
            "Paul Roux a contesté le résultat de quality au palier «\u202fM+1\u202f» le "
            "20\xa0avril\xa02027\u202f: la réponse est attendue au plus tard le "
            "27\xa0avril\xa02027, et les primes et pénalités qui en dépendent attendent."
        )
        assert describe(finding, "es").startswith("Paul Roux impugnó el resultado de quality")


class TestCalendar:
    def test_contest_deadlines_are_events(self) -> None:
        mission = voiced_mission(contests=(amended(),))
        text = vendorgov.calendar(mission, lang="en")
        # window: shared 2027-04-16 + 10 days; answer: raised 2027-04-20 + 7 days
        assert "SUMMARY:Contest window closes — M+1 — LogiNord SAS" in text
        assert "DTSTART;VALUE=DATE:20270426" in text
        assert "SUMMARY:Contest answer due — Editorial quality — LogiNord SAS" in text
        assert "DTSTART;VALUE=DATE:20270427" in text
        assert "Status: amended after contest" in text.replace("\r\n ", "")

    def test_no_window_event_without_a_sharing(self) -> None:
        mission = voiced_mission(reviews=())
        assert "Contest window" not in vendorgov.calendar(mission, lang="en")


class TestFiles:
    def test_a_mission_with_evaluations_and_contests_round_trips(self) -> None:
        mission = voiced_mission(contests=(amended(),))
        for fmt in ("toml", "json"):
            assert vendorgov.loads(vendorgov.dumps(mission, format=fmt), format=fmt) == mission

    def test_the_scorecard_json_carries_the_voice(self) -> None:
        mission = voiced_mission(contests=(amended(),))
        card = score_history(mission, day("2027-04-29"))[0]
        data = json.loads(vendorgov.dumps(card, format="json"))
        quality = next(line for line in data["results"] if line["kpi"] == "quality")
        assert quality["contest"] == "open"
        assert quality["self_assessment"] == "5"
        assert len(quality["evaluations"]) == 6

    def test_a_label_instead_of_a_score_is_refused_with_its_path(self) -> None:
        text = vendorgov.dumps(voiced_mission(), format="json")
        data = json.loads(text)
        data["evaluations"][0]["score"] = "bon"
        with pytest.raises(ValidationError, match=r"evaluations\[0\]\.score"):
            vendorgov.loads(json.dumps(data), format="json")

    def test_markup_in_a_contest_is_escaped_in_html(self) -> None:
        hostile = contest(reason="<script>alert(1)</script>")
        mission = voiced_mission(contests=(hostile,))
        doc = vendorgov.render(mission, "review", lang="en", format="html", at=day("2027-04-21"))
        assert "<script>alert(1)" not in doc.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc.text


class TestReviewReport:
    def test_evaluations_and_contests_in_three_languages(self) -> None:
        mission = voiced_mission(contests=(amended(),))
        at = day("2027-04-16")  # the M+1 review, scorecard of M+1
        fr = vendorgov.render(mission, "review", lang="fr", at=at).text
        assert "## 3. Évaluations" in fr
        # round of 04-10: median(4, 2, 5) = 4
        assert (
            "| 10\xa0avril\xa02027 | Claire Martin\u202f: 4 (very good); Hugo Petit\u202f: 2 "
            "(fair); Nina Blanc\u202f: 5 (excellent) | 4 | — |"
        ) in fr
        # round of 04-14: median(3, 4) = 3.5, the self-assessment beside it
        assert "| 3,5 | Paul Roux\u202f: 5 (excellent) |" in fr
        en = vendorgov.render(mission, "review", lang="en", at=day("2027-04-29")).text
        # on 04-29 the scorecard is M+6's, without evaluations: contests come third
        assert "## 3. Contests" in en
        assert "Contests" in en
        assert "due by April 27, 2027" in en
        es = vendorgov.render(mission, "review", lang="es", at=day("2027-04-30")).text
        assert "Impugnaciones" in es
        assert "Corregido tras impugnación: 4" in es


def vendorgov_shipping() -> vendorgov.Kpi:
    from factories import shipping_kpi

    return shipping_kpi()
