"""Recording reviews and the lifecycle of what they raise (actions, needs, ideas)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from factories import (
    action,
    damage_kpi,
    measurement,
    milestones,
    minimal_mission,
    review,
    shipping_kpi,
)
from vendorgov import (
    ActionStatus,
    CorrectiveAction,
    Idea,
    IdeaStatus,
    Mission,
    NeedStatus,
    ProviderNeed,
    ReviewKind,
    Status,
    ValidationError,
    examples,
    review_report,
)
from vendorgov._engine.reviews import (
    answer_need,
    close_action,
    decide_idea,
    ideas_by_status,
    open_actions,
    open_needs,
    overdue_actions,
    record_review,
    reopen_action,
    review_scorecard,
)
from vendorgov._engine.scoring import score


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def paths(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [detail.path for detail in error.value.errors]


def tracked() -> Mission:
    """Two reviews (2027-04-16 and 2027-05-20) raising actions, needs and ideas.

    ca_01 (due 05-15, open) and need_01 (open) come from the first review; ca_02
    (due 06-10, done on 06-01), ca_03 (due 06-30, cancelled on 05-25) and need_02
    (answered on 05-22) from the second. Ideas: idea_01 proposed (first review),
    idea_02 accepted on 05-20 and idea_03 rejected on 05-21 (second review).
    """
    first = review(
        day("2027-04-16"),
        corrective_actions=(action("ca_01"),),
        needs=(ProviderNeed(id="need_01", description="Prévisions de ventes de Noël"),),
        ideas=(Idea(id="idea_01", description="Emballages recyclés"),),
    )
    second = review(
        day("2027-05-20"),
        kind=ReviewKind.MONTHLY,
        corrective_actions=(
            action(
                "ca_02",
                due=day("2027-06-10"),
                status=ActionStatus.DONE,
                closed_on=day("2027-06-01"),
            ),
            action(
                "ca_03",
                due=day("2027-06-30"),
                status=ActionStatus.CANCELLED,
                closed_on=day("2027-05-25"),
            ),
        ),
        needs=(
            ProviderNeed(
                id="need_02",
                description="Accès au back-office",
                status=NeedStatus.ANSWERED,
                answered_on=day("2027-05-22"),
                answer="Compte créé",
            ),
        ),
        ideas=(
            Idea(
                id="idea_02",
                description="Créneau d'enlèvement à 17 h",
                status=IdeaStatus.ACCEPTED,
                decided_on=day("2027-05-20"),
            ),
            Idea(
                id="idea_03",
                description="Étiquettes manuscrites",
                status=IdeaStatus.REJECTED,
                decided_on=day("2027-05-21"),
            ),
        ),
    )
    return minimal_mission(reviews=(first, second))


def find_action(mission: Mission, action_id: str) -> CorrectiveAction:
    return next(a for r in mission.reviews for a in r.corrective_actions if a.id == action_id)


def find_need(mission: Mission, need_id: str) -> ProviderNeed:
    return next(n for r in mission.reviews for n in r.needs if n.id == need_id)


def find_idea(mission: Mission, idea_id: str) -> Idea:
    return next(i for r in mission.reviews for i in r.ideas if i.id == idea_id)


# -- recording ----------------------------------------------------------------------------
def scored_mission() -> Mission:
    """Start 2027-03-15, M+1 due 2027-04-15 (shipping 95/90, weight 2; damage 1.0/2.0, weight 1)."""
    return minimal_mission(
        kpis=(shipping_kpi(), damage_kpi()),
        milestones=milestones(),
        measurements=(
            measurement("on_time_shipping", "92.5", at=day("2027-04-01")),
            measurement("damage_rate", "1.25", at=day("2027-04-02")),
        ),
    )


class TestRecordReview:
    def test_attaches_the_scorecard_at_the_review_date(self) -> None:
        mission = scored_mission()
        recorded = record_review(mission, review(day("2027-04-10")))
        card = recorded.reviews[0].scorecard
        assert card is not None
        # Window 2027-03-15..2027-04-10 (M+1 is due 04-15).
        # shipping: 100 × (92.5 − 90) / (95 − 90) = 50 points, weight 2;
        # damage:   100 × (1.25 − 2.0) / (1.0 − 2.0) = 75 points, weight 1;
        # overall = (2 × 50 + 75) / 3 = 175 / 3.
        assert (card.at, card.milestone, card.window_end) == (
            day("2027-04-10"),
            "M+1",
            day("2027-04-10"),
        )
        assert card.overall == Decimal("58.33333333333333333333333333")
        assert card == score(mission, day("2027-04-10"))

    def test_without_scorecard_when_asked(self) -> None:
        recorded = record_review(scored_mission(), review(), with_scorecard=False)
        assert recorded.reviews[0].scorecard is None

    def test_keeps_a_scorecard_already_given(self) -> None:
        mission = scored_mission()
        earlier = score(mission, day("2027-04-01"))
        recorded = record_review(mission, review(day("2027-04-10"), scorecard=earlier))
        assert recorded.reviews[0].scorecard is earlier

    def test_mission_without_milestones_records_without_scorecard(self) -> None:
        recorded = record_review(minimal_mission(), review())
        assert len(recorded.reviews) == 1
        assert recorded.reviews[0].scorecard is None

    def test_reviews_stay_in_date_order(self) -> None:
        mission = tracked()  # reviews on 2027-04-16 and 2027-05-20
        recorded = record_review(mission, review(day("2027-05-01")), with_scorecard=False)
        assert [r.on for r in recorded.reviews] == [
            day("2027-04-16"),
            day("2027-05-01"),
            day("2027-05-20"),
        ]

    def test_original_mission_unchanged(self) -> None:
        mission = scored_mission()
        before = mission.reviews
        record_review(mission, review())
        assert mission.reviews == before == ()

    def test_duplicate_item_id_is_refused_with_its_path(self) -> None:
        with pytest.raises(ValidationError) as error:
            record_review(
                tracked(), review(day("2027-06-01"), corrective_actions=(action("ca_01"),))
            )
        assert paths(error) == ["reviews[2].corrective_actions[0].id"]

    def test_not_a_review_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            record_review(minimal_mission(), "review")  # type: ignore[arg-type]
        assert paths(error) == ["review"]


class TestReviewAboutAMilestone:
    """A review that names its milestone discussed that milestone's whole window."""

    def test_scores_the_named_milestone_at_its_due_date(self) -> None:
        # M+1 is due 04-15; a review on 04-20 about it sees the window 03-15..04-15,
        # the same figures as above: (2 × 50 + 75) / 3 = 58.33...
        mission = scored_mission()
        recorded = record_review(mission, review(day("2027-04-20"), milestone="M+1"))
        card = recorded.reviews[0].scorecard
        assert card is not None
        assert (card.milestone, card.at, card.window_start, card.window_end) == (
            "M+1",
            day("2027-04-15"),
            day("2027-03-15"),
            day("2027-04-15"),
        )
        assert card.overall == Decimal("58.33333333333333333333333333")

    def test_without_a_name_the_review_date(self) -> None:
        # Near miss: the same review without ``milestone`` is scored on 04-20, in M+6's
        # window (04-16..04-20) where nothing was measured: no score.
        recorded = record_review(scored_mission(), review(day("2027-04-20")))
        card = recorded.reviews[0].scorecard
        assert card is not None
        assert (card.milestone, card.overall) == ("M+6", None)

    def test_a_review_before_the_due_date_sees_its_window_so_far(self) -> None:
        # On 04-01 only shipping (04-01) is in 03-15..04-01: 50 points, coverage 2/3.
        card = review_scorecard(scored_mission(), review(day("2027-04-01"), milestone="M+1"))
        assert (card.at, card.window_end, card.overall) == (
            day("2027-04-01"),
            day("2027-04-01"),
            Decimal(50),
        )

    def test_an_unknown_milestone_is_refused_with_its_path(self) -> None:
        with pytest.raises(ValidationError) as error:
            record_review(scored_mission(), review(day("2027-04-20"), milestone="M+2"))
        assert paths(error) == ["reviews[0].milestone"]

    def test_the_demo_review_of_september_shows_m6(self) -> None:
        # logistique's review of 2026-09-08 names M+6 (due 09-02): window 04-03..09-02.
        # shipping: 22 weekly values summing 2129.2, mean 96.7818...; 100 × (96.78 − 95) / 2
        # = 89.09 points (weight 2); accuracy 99.545 ≥ 99.5: 100 (weight 2); damage
        # 0.5005 (target 0.5, threshold 0.8): 100 × 0.2995 / 0.3 = 99.85; returns 99.5 h
        # > 96: missed, 0; inventory 99.48: 100 × 0.48 / 0.5 = 96.
        # overall = (2 × 89.09 + 2 × 100 + 99.85 + 0 + 96) / 7 = 574.03 / 7 = 82.004...
        mission = examples.demo_mission("logistique")
        september = mission.reviews[1]
        assert (september.on, september.milestone) == (day("2026-09-08"), "M+6")
        card = review_scorecard(mission, september)
        assert (card.window_start, card.window_end) == (day("2026-04-03"), day("2026-09-02"))
        shipping = card.result("on_time_shipping")
        assert shipping is not None
        assert shipping.count == 22
        assert shipping.actual == Decimal("2129.2") / 22
        assert str(card.overall).startswith("82.004")
        assert card.coverage == 1
        report = review_report(mission, day("2026-09-08"))
        assert report.card == card

    def test_a_later_report_shows_the_last_review_and_final_outcomes(self) -> None:
        # On 11-29 the last review held is 09-08's (the one before, 04-07, is history);
        # the scorecard is the situation on 11-29 (Fin d'année, 09-03..11-29); M+1 and
        # M+6 are over, both missed (returns 125.25 > 120, 99.5 > 96), not "at risk".
        mission = examples.demo_mission("logistique")
        report = review_report(mission, day("2026-11-29"))
        assert report.review is not None
        assert report.previous_review is not None
        assert (report.review.on, report.previous_review.on) == (
            day("2026-09-08"),
            day("2026-04-07"),
        )
        assert report.card is not None
        assert (report.card.milestone, report.card.window_start, report.card.at) == (
            "Fin d'année",
            day("2026-09-03"),
            day("2026-11-29"),
        )
        assert [step.outcome for step in report.milestones] == [
            Status.MISSED,
            Status.MISSED,
            None,
        ]


# -- corrective actions -------------------------------------------------------------------
class TestCloseAction:
    def test_done_keeps_the_closing_date(self) -> None:
        mission = tracked()
        closed = close_action(mission, "ca_01", on=day("2027-05-10"))
        done = find_action(closed, "ca_01")
        assert (done.status, done.closed_on) == (ActionStatus.DONE, day("2027-05-10"))
        # Everything else about the action is as it was.
        assert done.description == find_action(mission, "ca_01").description
        assert find_action(mission, "ca_01").status is ActionStatus.OPEN

    def test_cancelled(self) -> None:
        closed = close_action(
            tracked(), "ca_01", status=ActionStatus.CANCELLED, on=day("2027-04-20")
        )
        assert find_action(closed, "ca_01").status is ActionStatus.CANCELLED

    def test_status_given_as_text(self) -> None:
        closed = close_action(tracked(), "ca_01", status="cancelled", on=day("2027-04-20"))  # type: ignore[arg-type]
        assert find_action(closed, "ca_01").status is ActionStatus.CANCELLED

    def test_closing_on_the_review_date_is_allowed(self) -> None:
        # ca_01 was raised at the review of 2027-04-16.
        closed = close_action(tracked(), "ca_01", on=day("2027-04-16"))
        assert find_action(closed, "ca_01").closed_on == day("2027-04-16")

    def test_closing_before_the_review_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            close_action(tracked(), "ca_01", on=day("2027-04-15"))
        assert paths(error) == ["corrective_actions[ca_01].closed_on"]
        assert "2027-04-16" in error.value.errors[0].message

    def test_closing_a_closed_action_is_refused_and_its_date_kept(self) -> None:
        mission = tracked()
        with pytest.raises(ValidationError) as error:
            close_action(mission, "ca_02", status=ActionStatus.CANCELLED, on=day("2027-06-15"))
        assert paths(error) == ["corrective_actions[ca_02].status"]
        assert "from done to cancelled" in error.value.errors[0].message
        assert "2027-06-01" in error.value.errors[0].message
        assert find_action(mission, "ca_02").closed_on == day("2027-06-01")

    def test_closing_as_open_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            close_action(tracked(), "ca_01", status=ActionStatus.OPEN, on=day("2027-05-01"))
        assert paths(error) == ["corrective_actions[ca_01].status"]

    def test_unknown_status_text_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            close_action(tracked(), "ca_01", status="finished", on=day("2027-05-01"))  # type: ignore[arg-type]
        assert paths(error) == ["corrective_actions[ca_01].status"]

    def test_unknown_id(self) -> None:
        with pytest.raises(ValidationError) as error:
            close_action(tracked(), "ca_99", on=day("2027-05-01"))
        assert paths(error) == ["corrective_actions[ca_99]"]
        assert "'ca_99'" in error.value.errors[0].message

    def test_a_datetime_is_not_a_closing_date(self) -> None:
        moment = dt.datetime(2027, 5, 1, 10, tzinfo=dt.UTC)
        with pytest.raises(ValidationError) as error:
            close_action(tracked(), "ca_01", on=moment)
        assert paths(error) == ["on"]

    def test_finds_the_action_in_a_later_review(self) -> None:
        reopened = reopen_action(tracked(), "ca_03")
        closed = close_action(reopened, "ca_03", on=day("2027-06-20"))
        assert [
            r.on for r in closed.reviews if any(a.id == "ca_03" for a in r.corrective_actions)
        ] == [day("2027-05-20")]
        assert find_action(closed, "ca_03").closed_on == day("2027-06-20")


class TestReopenAction:
    @pytest.mark.parametrize("action_id", ["ca_02", "ca_03"])  # done, cancelled
    def test_reopening_clears_the_closing_date(self, action_id: str) -> None:
        mission = tracked()
        reopened = find_action(reopen_action(mission, action_id), action_id)
        assert (reopened.status, reopened.closed_on) == (ActionStatus.OPEN, None)
        assert find_action(mission, action_id).closed_on is not None

    def test_reopening_an_open_action_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            reopen_action(tracked(), "ca_01")
        assert paths(error) == ["corrective_actions[ca_01].status"]
        assert "already open" in error.value.errors[0].message

    def test_unknown_id(self) -> None:
        with pytest.raises(ValidationError) as error:
            reopen_action(tracked(), "ca_42")
        assert paths(error) == ["corrective_actions[ca_42]"]


# -- provider needs -----------------------------------------------------------------------
class TestAnswerNeed:
    def test_answer_is_recorded_with_its_date(self) -> None:
        mission = tracked()
        answered = find_need(
            answer_need(mission, "need_01", on=day("2027-04-20"), answer="Envoyées"),
            "need_01",
        )
        assert (answered.status, answered.answered_on, answered.answer) == (
            NeedStatus.ANSWERED,
            day("2027-04-20"),
            "Envoyées",
        )
        assert find_need(mission, "need_01").status is NeedStatus.OPEN

    def test_answering_twice_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            answer_need(tracked(), "need_02", on=day("2027-06-01"), answer="Encore")
        assert paths(error) == ["needs[need_02].status"]
        assert "2027-05-22" in error.value.errors[0].message

    def test_answer_before_the_review_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            answer_need(tracked(), "need_01", on=day("2027-04-15"), answer="Trop tôt")
        assert paths(error) == ["needs[need_01].answered_on"]

    def test_answer_must_be_text(self) -> None:
        with pytest.raises(ValidationError) as error:
            answer_need(tracked(), "need_01", on=day("2027-04-20"), answer=42)  # type: ignore[arg-type]
        assert paths(error) == ["needs[need_01].answer"]

    def test_unknown_id(self) -> None:
        with pytest.raises(ValidationError) as error:
            answer_need(tracked(), "need_99", on=day("2027-04-20"), answer="?")
        assert paths(error) == ["needs[need_99]"]


# -- ideas --------------------------------------------------------------------------------
class TestDecideIdea:
    @pytest.mark.parametrize(
        ("idea_id", "status"),
        [
            ("idea_01", IdeaStatus.ACCEPTED),  # proposed → accepted
            ("idea_01", IdeaStatus.REJECTED),  # proposed → rejected
            ("idea_02", IdeaStatus.IMPLEMENTED),  # accepted → implemented
        ],
    )
    def test_allowed(self, idea_id: str, status: IdeaStatus) -> None:
        mission = tracked()
        before = find_idea(mission, idea_id)
        decided = find_idea(decide_idea(mission, idea_id, status, on=day("2027-06-01")), idea_id)
        assert (decided.status, decided.decided_on) == (status, day("2027-06-01"))
        assert find_idea(mission, idea_id) == before

    @pytest.mark.parametrize(
        ("idea_id", "status", "allowed"),
        [
            ("idea_01", IdeaStatus.PROPOSED, "accepted, rejected"),
            ("idea_01", IdeaStatus.IMPLEMENTED, "accepted, rejected"),
            ("idea_02", IdeaStatus.PROPOSED, "implemented"),
            ("idea_02", IdeaStatus.ACCEPTED, "implemented"),
            ("idea_02", IdeaStatus.REJECTED, "implemented"),
            ("idea_03", IdeaStatus.ACCEPTED, "none, rejected is final"),
            ("idea_03", IdeaStatus.IMPLEMENTED, "none, rejected is final"),
        ],
    )
    def test_refused(self, idea_id: str, status: IdeaStatus, allowed: str) -> None:
        with pytest.raises(ValidationError) as error:
            decide_idea(tracked(), idea_id, status, on=day("2027-06-01"))
        assert paths(error) == [f"ideas[{idea_id}].status"]
        before = find_idea(tracked(), idea_id).status
        assert error.value.errors[0].message == (
            f"cannot move {idea_id!r} from {before} to {status} (allowed: {allowed})"
        )

    def test_implemented_is_final(self) -> None:
        implemented = decide_idea(
            tracked(), "idea_02", IdeaStatus.IMPLEMENTED, on=day("2027-06-01")
        )
        with pytest.raises(ValidationError) as error:
            decide_idea(implemented, "idea_02", IdeaStatus.REJECTED, on=day("2027-06-02"))
        assert "implemented is final" in error.value.errors[0].message

    def test_decision_before_the_review_is_refused(self) -> None:
        with pytest.raises(ValidationError) as error:
            decide_idea(tracked(), "idea_01", IdeaStatus.ACCEPTED, on=day("2027-04-15"))
        assert paths(error) == ["ideas[idea_01].decided_on"]

    def test_implemented_before_accepted_is_refused(self) -> None:
        # idea_02 was raised and accepted on 2027-05-20; the review date itself passes,
        # so this checks the previous decision: 05-21 is after both, 05-19 before both.
        mission = tracked()
        on_the_day = decide_idea(mission, "idea_02", IdeaStatus.IMPLEMENTED, on=day("2027-05-20"))
        assert find_idea(on_the_day, "idea_02").decided_on == day("2027-05-20")
        accepted_later = decide_idea(
            mission, "idea_01", IdeaStatus.ACCEPTED, on=day("2027-05-10")
        )  # raised 2027-04-16, accepted 2027-05-10
        with pytest.raises(ValidationError) as error:
            decide_idea(accepted_later, "idea_01", IdeaStatus.IMPLEMENTED, on=day("2027-05-09"))
        assert paths(error) == ["ideas[idea_01].decided_on"]
        assert "2027-05-10" in error.value.errors[0].message

    def test_status_given_as_text(self) -> None:
        decided = decide_idea(tracked(), "idea_01", "rejected", on=day("2027-05-01"))  # type: ignore[arg-type]
        assert find_idea(decided, "idea_01").status is IdeaStatus.REJECTED

    def test_unknown_id(self) -> None:
        with pytest.raises(ValidationError) as error:
            decide_idea(tracked(), "idea_99", IdeaStatus.ACCEPTED, on=day("2027-05-01"))
        assert paths(error) == ["ideas[idea_99]"]


# -- reading ------------------------------------------------------------------------------
class TestOpenActions:
    def test_as_recorded(self) -> None:
        assert [a.id for a in open_actions(tracked())] == ["ca_01"]

    @pytest.mark.parametrize(
        ("at", "expected"),
        [
            ("2027-04-15", []),  # before the first review
            ("2027-04-16", ["ca_01"]),  # the day ca_01 was raised
            ("2027-05-20", ["ca_01", "ca_02", "ca_03"]),  # second review: all three open
            ("2027-05-25", ["ca_01", "ca_02"]),  # ca_03 cancelled that day
            ("2027-05-31", ["ca_01", "ca_02"]),
            ("2027-06-01", ["ca_01"]),  # ca_02 done that day
        ],
    )
    def test_at_a_date(self, at: str, expected: list[str]) -> None:
        assert [a.id for a in open_actions(tracked(), day(at))] == expected

    @pytest.mark.parametrize(
        ("at", "expected"),
        [
            ("2027-05-15", []),  # ca_01 is due that day: not overdue yet
            ("2027-05-16", ["ca_01"]),
            ("2027-06-11", ["ca_01"]),  # ca_02 (due 06-10) closed on 06-01
        ],
    )
    def test_overdue(self, at: str, expected: list[str]) -> None:
        assert [a.id for a in overdue_actions(tracked(), day(at))] == expected

    def test_overdue_when_closed_after_the_due_date(self) -> None:
        late = close_action(tracked(), "ca_01", on=day("2027-05-30"))  # due 05-15
        assert [a.id for a in overdue_actions(late, day("2027-05-29"))] == ["ca_01"]
        assert overdue_actions(late, day("2027-05-30")) == ()

    def test_at_must_be_a_date(self) -> None:
        with pytest.raises(ValidationError) as error:
            overdue_actions(tracked(), "2027-05-16")  # type: ignore[arg-type]
        assert paths(error) == ["at"]


class TestOpenNeeds:
    def test_as_recorded(self) -> None:
        assert [n.id for n in open_needs(tracked())] == ["need_01"]

    @pytest.mark.parametrize(
        ("at", "expected"),
        [
            ("2027-04-15", []),
            ("2027-05-21", ["need_01", "need_02"]),
            ("2027-05-22", ["need_01"]),  # need_02 answered that day
        ],
    )
    def test_at_a_date(self, at: str, expected: list[str]) -> None:
        assert [n.id for n in open_needs(tracked(), day(at))] == expected


class TestIdeasByStatus:
    def test_groups_every_status(self) -> None:
        grouped = ideas_by_status(tracked())
        assert list(grouped) == list(IdeaStatus)
        assert {status.value: [i.id for i in ideas] for status, ideas in grouped.items()} == {
            "proposed": ["idea_01"],
            "accepted": ["idea_02"],
            "rejected": ["idea_03"],
            "implemented": [],
        }

    def test_follows_decisions(self) -> None:
        decided = decide_idea(tracked(), "idea_02", IdeaStatus.IMPLEMENTED, on=day("2027-06-01"))
        grouped = ideas_by_status(decided)
        assert [i.id for i in grouped[IdeaStatus.IMPLEMENTED]] == ["idea_02"]
        assert grouped[IdeaStatus.ACCEPTED] == ()
