"""Every date that loads is usable by every computation, at every ``at`` of the calendar.

The rule (docs/explanation/dates.md, "The range of dates"): a mission that loads can
be scored, assessed, paid out, budgeted, exported as a calendar and rendered at any
``at`` from 0001-01-01 to 9999-12-31; what the engine could not compute with is
refused when it loads, with the path of the field at fault. The frame of a mission
(start, end, due dates, the contract's term) lies within 0002-01-01..9998-12-31; an
aware datetime's UTC date within 0001-01-03..9999-12-29; any other date anywhere.

No test reads the clock: every ``at`` is given.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import factories as f
import strategies as s
import vendorgov
from vendorgov import (
    Cadence,
    Contract,
    Frequency,
    Kickoff,
    Measurement,
    Mission,
    Renewal,
    ValidationError,
    Weekday,
)
from vendorgov._cli import main
from vendorgov._documents.charts import _month_starts
from vendorgov._model.limits import (
    FIRST_FRAME_DAY,
    FIRST_INSTANT_DAY,
    LAST_FRAME_DAY,
    LAST_INSTANT_DAY,
)

FIRST = dt.date.min  # 0001-01-01
LAST = dt.date.max  # 9999-12-31
EXTREME_ATS = (FIRST, LAST, FIRST + dt.timedelta(days=1), LAST - dt.timedelta(days=1))
DOCUMENTS = ("specification", "contract", "kickoff", "review")


def load(data: dict[str, Any]) -> Mission:
    """A mission read from JSON data, as ``vendorgov validate`` reads a file."""
    mission: Mission = vendorgov.loads(json.dumps(data), "json")
    return mission


def refused_paths(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load(data)
    return [detail.path for detail in info.value.errors]


def codes(mission: Mission, at: dt.date) -> list[str]:
    return [finding.code for finding in vendorgov.assess(mission, at)]


def ics_events(text: str) -> list[str]:
    """The VEVENT blocks of an iCalendar text, unfolded."""
    unfolded = text.replace("\r\n ", "")
    return re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", unfolded, flags=re.DOTALL)


# -- class 1: an aware datetime whose instant leaves the calendar -----------------------------
class TestInstantsRefusedAtLoad:
    def test_measurement_at_the_last_second_minus_23_59_is_refused_with_its_path(self) -> None:
        # 9999-12-31T23:59:59-23:59 is 10000-01-01T23:58:59 in UTC: no such datetime.
        data = f.mission_data()
        data["measurements"][1]["at"] = "9999-12-31T23:59:59-23:59"
        assert refused_paths(data) == ["measurements[1].at"]

    def test_measurement_at_the_first_second_plus_23_59_is_refused_with_its_path(self) -> None:
        # 0001-01-01T00:00:00+23:59 is 0000-12-31T00:01:00 in UTC.
        data = f.mission_data()
        data["measurements"][0]["at"] = "0001-01-01T00:00:00+23:59"
        assert refused_paths(data) == ["measurements[0].at"]

    @pytest.mark.parametrize(
        ("at", "accepted"),
        [
            # UTC 9999-12-29T23:59:59: the last second accepted.
            ("9999-12-29T23:59:59+00:00", True),
            # UTC 9999-12-30T00:00:59: a day too close to the end.
            ("9999-12-29T23:59:59-00:01", False),
            # UTC 9999-12-29T00:01:00: local 9999-12-30 at -23:59, still fine.
            ("9999-12-30T00:00:00+23:59", True),
            # UTC 0001-01-03T00:00:00: the first second accepted.
            ("0001-01-03T00:00:00+00:00", True),
            # UTC 0001-01-02T23:59:00.
            ("0001-01-03T00:00:00+00:01", False),
        ],
    )
    def test_the_limits_are_the_utc_dates(self, at: str, accepted: bool) -> None:
        data = f.mission_data()
        data["keep_outside_measurements"] = True  # the mission ends in 2028: kept, not scored
        data["measurements"][1]["at"] = at
        if accepted:
            mission = load(data)
            assert vendorgov.score(mission, LAST).mission == "logistique"
        else:
            assert refused_paths(data) == ["measurements[1].at"]

    def test_python_construction_names_the_field(self) -> None:
        minus = dt.timezone(-dt.timedelta(hours=23, minutes=59))
        with pytest.raises(ValidationError) as info:
            Measurement(
                kpi="on_time_shipping",
                value=Decimal(1),
                at=dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=minus),
            )
        assert [detail.path for detail in info.value.errors] == ["at"]

    def test_kickoff_late_on_9999_12_31_is_refused(self) -> None:
        # 10:00 UTC on 9999-12-31 is 10000-01-01 in Kiritimati (UTC+14): the
        # calendar and the kickoff pack overflowed.
        data = f.mission_data()
        data["timezone"] = "Pacific/Kiritimati"
        data["kickoff"] = {"scheduled": "9999-12-31T10:00:00+00:00"}
        assert refused_paths(data) == ["kickoff.scheduled"]

    def test_kickoff_whose_agenda_runs_past_the_limit_is_refused(self) -> None:
        # 20:00 UTC on 9999-12-29 + 5 x 600 minutes (50 h) = 9999-12-31T22:00 UTC.
        data = f.mission_data()
        data["kickoff"] = {
            "scheduled": "9999-12-29T20:00:00+00:00",
            "agenda": [{"title": f"Part {n}", "minutes": 600} for n in range(5)],
        }
        assert refused_paths(data) == ["kickoff.agenda"]

    def test_kickoff_at_the_limit_is_exported(self) -> None:
        # 9999-12-29T22:00Z + 60 minutes = 23:00Z, the last day of instants; in Paris
        # (+01:00 in winter) the meeting runs from 23:00 to midnight local.
        kickoff = Kickoff(
            scheduled=dt.datetime(9999, 12, 29, 22, 0, tzinfo=dt.UTC),
            agenda=(vendorgov.AgendaItem(title="Tour de table", minutes=60),),
        )
        text = vendorgov.calendar(f.rich_mission(kickoff=kickoff))
        [timed] = [event for event in ics_events(text) if "DTSTART;TZID=" in event]
        assert "DTSTART;TZID=Europe/Paris:99991229T230000" in timed
        assert "DTEND;TZID=Europe/Paris:99991230T000000" in timed


# -- class 2: a frame that needs dates past the calendar ---------------------------------------
class TestFrameRefusedAtLoad:
    def test_mission_ending_9999_12_01_is_refused_with_its_path(self) -> None:
        # It used to load, then crash at 9999-11-30 (year 10000) in the review charts,
        # the budget and the payouts.
        data = f.mission_data()
        data["keep_outside_measurements"] = True  # only the frame is refused here
        data["start"], data["end"] = "9998-06-01", "9999-12-01"
        assert refused_paths(data) == ["end"]

    def test_mission_starting_in_the_year_1_is_refused(self) -> None:
        data = f.mission_data()
        data["keep_outside_measurements"] = True  # only the frame is refused here
        data["start"], data["end"] = "0001-12-31", "0002-06-30"
        assert refused_paths(data) == ["start"]

    def test_milestone_due_past_the_frame_is_refused(self) -> None:
        # 9998-12-01 + 396 days = 9999-12-31 (9999 is not a leap year: 365 + 31).
        data = f.mission_data()
        data["keep_outside_measurements"] = True  # only the frame is refused here
        data["start"], data["end"] = "9998-12-01", "9998-12-31"
        data["milestones"] = [{"name": "Fin", "horizon": "D+395", "targets": []}]
        assert refused_paths(data) == ["milestones[0].horizon"]

    def test_specification_due_past_the_frame_is_refused(self) -> None:
        # 9998-06-01 + 24 months = 10000-06-01: the specification's schedule overflowed.
        data = f.mission_data()
        data["keep_outside_measurements"] = True  # only the frame is refused here
        data["start"], data["end"] = "9998-06-01", "9998-12-31"
        data["milestones"] = []
        data["specification"] = {
            "title": "Cahier des charges",
            "schedule": [{"name": "Bilan", "due": "M+24"}],
        }
        assert refused_paths(data) == ["specification.schedule[0].due"]

    def test_contract_term_past_the_frame_is_refused(self) -> None:
        # 9998-01-01 + 24 months - 1 day = 9999-12-31: the renewal would start in 10000.
        data = f.mission_data()
        data["contract"] = {"reference": "C-1", "effective": "9998-01-01", "duration_months": 24}
        assert refused_paths(data) == ["contract.duration_months"]

    def test_contract_term_past_9999_is_refused(self) -> None:
        data = f.mission_data()
        data["contract"] = {"reference": "C-1", "effective": "9950-01-01", "duration_months": 1200}
        with pytest.raises(ValidationError) as info:
            load(data)
        assert [(e.path, "after the year 9999" in e.message) for e in info.value.errors] == [
            ("contract.duration_months", True)
        ]

    def test_contract_end_past_the_frame_is_refused(self) -> None:
        data = f.mission_data()
        data["contract"] = {"reference": "C-1", "effective": "9998-01-01", "end": "9999-06-30"}
        assert refused_paths(data) == ["contract.end"]

    def test_notice_deadline_before_the_frame_is_refused(self) -> None:
        # Term end 0002-01-31; 3650 days before it is in the year -8.
        data = f.mission_data()
        data["contract"] = {
            "reference": "C-1",
            "effective": "0002-01-01",
            "duration_months": 1,
            "renewal": {"tacit": True, "notice_days": 3650},
        }
        assert refused_paths(data) == ["contract.renewal.notice_days"]

    def test_contract_alone_names_its_own_field(self) -> None:
        with pytest.raises(ValidationError) as info:
            Contract(reference="C-1", effective=dt.date(9998, 1, 1), duration_months=24)
        assert [detail.path for detail in info.value.errors] == ["duration_months"]


class TestFrameAtItsLimit:
    """A mission that ends on 9998-12-31, the last frame day, works at every ``at``."""

    @staticmethod
    def mission() -> Mission:
        return f.rich_mission(
            start=dt.date(9998, 1, 1),
            end=LAST_FRAME_DAY,
            milestones=(
                vendorgov.Milestone(
                    name="M+1",
                    horizon=vendorgov.Horizon.parse("M+1"),
                    targets=(f.target("on_time_shipping", "95", "90"),),
                ),
                vendorgov.Milestone(
                    name="EOY",
                    horizon=vendorgov.Horizon.parse("EOY"),
                    targets=(f.target("on_time_shipping", "99", "97"),),
                ),
            ),
            contract=f.contract(
                effective=dt.date(9998, 1, 1), renewal=Renewal(tacit=True, notice_days=90)
            ),
            review_cadence=Cadence(frequency=Frequency.MONTHLY, day=31),
            measurements=(f.measurement(value="96", at=dt.date(9998, 1, 20)),),
            reviews=(),
            spend=(),
            recognitions=(),
        )

    def test_dues_fall_within_the_frame(self) -> None:
        # M+1 from 9998-01-01, and 31 December of the start's year.
        assert self.mission().milestone_dues() == (dt.date(9998, 2, 1), dt.date(9998, 12, 31))

    def test_notice_deadline_and_renewal_day(self) -> None:
        # Term 9998-01-01 + 12 months - 1 day = 9998-12-31; 90 days before it is
        # 9998-10-02 (30 days each back to 1 December, 1 November and 2 October).
        findings = vendorgov.assess(self.mission(), dt.date(9998, 10, 1))
        notice = next(item for item in findings if item.code == "NOTICE_DEADLINE_SOON")
        assert notice.due == dt.date(9998, 10, 2)
        assert notice.param("renewal") == dt.date(9999, 1, 1)
        assert "renews by itself on January 1, 9999" in vendorgov.describe(notice)

    def test_score_at_the_last_day(self) -> None:
        # Both milestones have passed: the last one (EOY) is scored, on its window
        # 9998-02-02..9998-12-31, where there is no measurement.
        card = vendorgov.score(self.mission(), LAST)
        assert (card.milestone, card.due, card.window_start, card.window_end) == (
            "EOY",
            dt.date(9998, 12, 31),
            dt.date(9998, 2, 2),
            dt.date(9998, 12, 31),
        )
        assert card.overall is None

    def test_first_milestone_scored_at_the_first_day(self) -> None:
        # Before the start the window is empty: it starts and ends on the mission start.
        card = vendorgov.score(self.mission(), FIRST)
        assert (card.milestone, card.window_start, card.window_end) == (
            "M+1",
            dt.date(9998, 1, 1),
            dt.date(9998, 1, 1),
        )
        assert card.empty_window

    @pytest.mark.parametrize("at", EXTREME_ATS)
    def test_every_computation(self, at: dt.date) -> None:
        for _, run in computations(self.mission(), at):
            run()  # no exception: that is the test


# -- class 3: an ``at`` at the ends of the calendar ------------------------------------------
class TestAtTheEndsOfTheCalendar:
    def test_check_at_0001_01_01_finds_no_review_due(self) -> None:
        # The day before 0001-01-01 does not exist; nothing is due before the start.
        mission = f.rich_mission(review_cadence=Cadence(frequency=Frequency.MONTHLY, day=1))
        assert "REVIEW_OVERDUE" not in codes(mission, FIRST)

    def test_review_overdue_still_found_the_day_after_a_missed_review(self) -> None:
        # Monthly on the 1st from 2027-03-15: first review due 2027-04-01; the rich
        # mission's only review, on 2027-04-16, is after it, so on 2027-04-02 none
        # is recorded for the 1 April date.
        mission = f.rich_mission(review_cadence=Cadence(frequency=Frequency.MONTHLY, day=1))
        assert "REVIEW_OVERDUE" in codes(mission, dt.date(2027, 4, 2))

    def test_render_review_at_9999_12_31(self) -> None:
        # The chart of on-time shipping runs from 2027-03-15 to 9999-12-31: 95,673
        # month starts (2027-04 to 9999-12), so one tick every 1,000 years.
        document = vendorgov.render(f.rich_mission(), "review", format="html", at=LAST)
        for year in range(3000, 10000, 1000):
            assert f">{year}</text>" in document.text

    def test_axis_ticks_of_a_millennium_span(self) -> None:
        # Month indexes 24327 (2027-04) to 119999 (9999-12): 95,673 months; the
        # first step with 12 ticks or fewer is 12,000 months; its multiples in the
        # range are 36,000 (3000-01) to 108,000 (9000-01).
        assert _month_starts(dt.date(2027, 3, 15), LAST) == [
            dt.date(year, 1, 1) for year in range(3000, 10000, 1000)
        ]

    def test_axis_ticks_still_thinned_as_before(self) -> None:
        # 2027-03-15 to 2028-03-14: month starts 2027-04-01..2028-03-01, 12 of them.
        assert _month_starts(dt.date(2027, 3, 15), dt.date(2028, 3, 14)) == [
            dt.date(2027, month, 1) for month in range(4, 13)
        ] + [dt.date(2028, month, 1) for month in range(1, 4)]

    def test_review_times_on_the_first_day_in_tokyo(self) -> None:
        # 09:00 in Tokyo (local mean time, +09:18:59, in the year 1) on 0001-01-01 is
        # 0000-12-31 in UTC: kept as written instead of overflowing.
        cadence = Cadence(frequency=Frequency.MONTHLY, day=1, time=dt.time(9, 0))
        times = vendorgov.review_times(cadence, FIRST, dt.date(1, 3, 1), "Asia/Tokyo")
        assert [(moment.date(), moment.time()) for moment in times] == [
            (dt.date(1, month, 1), dt.time(9, 0)) for month in (1, 2, 3)
        ]

    def test_review_times_on_the_last_day_at_minus_12(self) -> None:
        # 23:00 at UTC-12 on 9999-12-31 is 10000-01-01T11:00 in UTC.
        cadence = Cadence(frequency=Frequency.MONTHLY, day=31, time=dt.time(23, 0))
        times = vendorgov.review_times(cadence, dt.date(9999, 11, 1), LAST, "Etc/GMT+12")
        assert [(moment.date(), moment.time()) for moment in times] == [
            (dt.date(9999, 11, 30), dt.time(23, 0)),
            (LAST, dt.time(23, 0)),
        ]
        assert times[-1].utcoffset() == dt.timedelta(hours=-12)

    @pytest.mark.parametrize("at", EXTREME_ATS)
    @pytest.mark.parametrize("key", ["logistique", "community", "site_web"])
    def test_every_computation_on_the_demo_missions(self, key: str, at: dt.date) -> None:
        for _, run in computations(vendorgov.examples.demo_mission(key), at):
            run()


# -- class 4: event dates at the ends of the calendar ---------------------------------------
class TestEventsAtTheEndsOfTheCalendar:
    def test_measurement_dated_0001_01_01_in_the_review_charts(self) -> None:
        # It used to raise StopIteration. The on-time shipping chart now runs from
        # 0001-01-01 to 2027-12-31 (the EOY due): month indexes 12..24335, 24,324
        # months, one tick every 2,400 months (200 years): years 200 to 2000.
        mission = f.rich_mission(keep_outside_measurements=True).with_measurements(
            f.measurement(value="50", at=FIRST)
        )
        document = vendorgov.render(mission, "review", format="html", at=dt.date(2027, 6, 1))
        for year in range(200, 2001, 200):
            assert f">{year}</text>" in document.text
        assert _month_starts(FIRST, dt.date(2027, 12, 31)) == [
            dt.date(year, 1, 1) for year in range(200, 2001, 200)
        ]

    def test_measurement_dated_0001_01_01_is_in_no_window(self) -> None:
        # The first window starts on the mission's start, 2027-03-15.
        plain = f.rich_mission(keep_outside_measurements=True)
        early = plain.with_measurements(f.measurement(value="50", at=FIRST))
        for at in (dt.date(2027, 4, 15), dt.date(2027, 6, 1), LAST):
            assert vendorgov.score(early, at) == vendorgov.score(plain, at)

    def test_action_due_9999_12_31_lasts_one_day_in_the_calendar(self) -> None:
        # An all-day event ends the next day, which 9999-12-31 does not have:
        # DURATION:P1D says the same (RFC 5545 3.6.1).
        mission = f.rich_mission(
            reviews=(f.review(corrective_actions=(f.action("ca_09", due=LAST),)),)
        )
        events = [e for e in ics_events(vendorgov.calendar(mission)) if "99991231" in e]
        assert len(events) == 1
        assert "DTSTART;VALUE=DATE:99991231" in events[0]
        assert "DURATION:P1D" in events[0]
        assert "DTEND" not in events[0]

    def test_action_due_the_day_before_keeps_its_dtend(self) -> None:
        mission = f.rich_mission(
            reviews=(f.review(corrective_actions=(f.action("ca_09", due=dt.date(9999, 12, 30)),)),)
        )
        events = [e for e in ics_events(vendorgov.calendar(mission)) if "99991230" in e]
        assert "DTEND;VALUE=DATE:99991231" in events[0]

    def test_kickoff_held_on_9999_12_31(self) -> None:
        mission = f.rich_mission(kickoff=Kickoff(held_on=LAST))
        events = [e for e in ics_events(vendorgov.calendar(mission)) if "99991231" in e]
        assert "DURATION:P1D" in events[0]

    def test_kickoff_in_the_first_days_has_a_timezone(self) -> None:
        # A timed event in the year 1 made the VTIMEZONE start at local midnight on
        # 0001-01-01, whose instant in UTC (Paris: LMT +00:09:21) is in the year 0.
        # It now starts a day later.
        mission = f.rich_mission(
            kickoff=Kickoff(scheduled=dt.datetime(1, 1, 3, 9, 0, tzinfo=dt.UTC))
        )
        text = vendorgov.calendar(mission)
        assert "DTSTART:00010102T000000" in text.split("END:VTIMEZONE")[0]

    def test_vtimezone_reaching_9998_repeats_the_rule(self) -> None:
        # 9998 has the calendar of 1998 (8000 years are 20 cycles of 400): summer
        # time starts on the last Sunday of March, the 29th, at 02:00 local, and
        # ends on the last Sunday of October, the 25th, at 03:00 local.
        mission = f.rich_mission(
            end=LAST_FRAME_DAY, review_cadence=Cadence(frequency=Frequency.MONTHLY, day=1)
        )
        vtimezone = vendorgov.calendar(mission).split("END:VTIMEZONE")[0].replace("\r\n ", "")
        assert "99980329T020000" in vtimezone
        assert "99981025T030000" in vtimezone
        assert "99990328T020000" not in vtimezone  # after the last review's year

    def test_open_action_due_0001_01_01_is_overdue_at_any_later_date(self) -> None:
        # Decided at a review on 0001-01-01, due that day: overdue from the next day.
        mission = f.rich_mission(
            reviews=(f.review(FIRST, corrective_actions=(f.action("ca_09", due=FIRST),)),)
        )
        assert [a.id for a in vendorgov.overdue_actions(mission, dt.date(1, 1, 2))] == ["ca_09"]
        assert [a.id for a in vendorgov.overdue_actions(mission, FIRST)] == []


# -- the rule, over all public computations ----------------------------------------------------
def computations(mission: Mission, at: dt.date) -> Iterator[tuple[str, Callable[[], object]]]:
    """Every public computation on ``mission`` at ``at``, as (name, call)."""
    yield "score", lambda: vendorgov.score(mission, at)
    yield "score_history", lambda: vendorgov.score_history(mission, at)
    yield "score_portfolio", lambda: vendorgov.score_portfolio([mission], at)
    yield "assess", lambda: vendorgov.assess(mission, at)
    yield "assess_portfolio", lambda: vendorgov.assess_portfolio([mission], at)
    yield "payouts", lambda: vendorgov.payout_totals(vendorgov.payouts(mission, at))
    yield "budget", lambda: vendorgov.budget(mission, at)
    yield "contract_value", lambda: mission.contract and vendorgov.contract_value(mission.contract)
    yield "reporting_compliance", lambda: vendorgov.reporting_compliance(mission, at)
    yield "open_actions", lambda: vendorgov.open_actions(mission, at)
    yield "overdue_actions", lambda: vendorgov.overdue_actions(mission, at)
    yield "open_needs", lambda: vendorgov.open_needs(mission, at)
    yield "ideas_by_status", lambda: vendorgov.ideas_by_status(mission)
    yield "milestone_dues", mission.milestone_dues
    yield (
        "record_review",
        lambda: vendorgov.record_review(
            mission, vendorgov.Review(on=at, kind=vendorgov.ReviewKind.MONTHLY)
        ),
    )
    if mission.review_cadence is not None:
        cadence = mission.review_cadence
        yield (
            "review_times",
            lambda: vendorgov.review_times(cadence, mission.start, mission.end, mission.timezone),
        )
    for lang in ("fr", "en"):
        yield f"calendar {lang}", lambda lang=lang: vendorgov.calendar(mission, lang=lang)
        for document in DOCUMENTS:
            for format in ("md", "html"):
                yield (
                    f"render {document} {lang} {format}",
                    lambda document=document, lang=lang, format=format: vendorgov.render(
                        mission, document, lang=lang, format=format, at=at, draft=True
                    ),
                )


# Paths of ValidationErrors a computation may raise for reasons other than dates.
_NOT_ABOUT_DATES = {
    # score and score_history need a milestone
    "milestones",
    # money arithmetic on generated amounts can leave the model's limits (10^15,
    # 34 digits) in the budget and the contract's totals: a separate problem
    "amount",
    "roi_percent",
}


def _tolerated(error: Exception) -> bool:
    """A refusal that has nothing to do with dates (see ``_NOT_ABOUT_DATES``)."""
    if isinstance(error, vendorgov.TemplateError) and isinstance(error.__cause__, Exception):
        error = error.__cause__
    return isinstance(error, ValidationError) and all(
        detail.path in _NOT_ABOUT_DATES for detail in error.errors
    )


_DATE = re.compile(
    r"^(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})(?P<time>T[0-9:.]+)?(?P<offset>[+-][0-9:.]+|Z)?$"
)
_ORDINALS = (FIRST.toordinal(), LAST.toordinal())
_OFFSETS = (None, "+23:59", "-23:59", "+00:00")


def _dates_in(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _dates_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _dates_in(value)
    elif isinstance(data, str) and _DATE.match(data):
        yield data


def _rewrite(data: Any, change: Callable[[str], str]) -> Any:
    if isinstance(data, dict):
        return {key: _rewrite(value, change) for key, value in data.items()}
    if isinstance(data, list):
        return [_rewrite(value, change) for value in data]
    if isinstance(data, str) and _DATE.match(data):
        return change(data)
    return data


@st.composite
def extreme_mission_data(draw: st.DrawFn) -> dict[str, Any]:
    """A generated mission's data with its dates moved towards the ends of the calendar.

    The whole mission is shifted so that its end lands in the last year of the frame,
    or its start in the first year, or stays put; dates that leave the calendar stop
    at 0001-01-01 / 9999-12-31; some dates are then replaced by an end of the
    calendar or of the frame, and datetimes may take a ±23:59 offset. Many of these
    missions are refused (which the rule allows); the others must work.
    """
    mission = draw(s.missions())
    data = vendorgov.serialization.unstructure(mission)
    place = draw(st.sampled_from(["late", "early", "as drawn"]))
    if place == "late":
        shift = LAST_FRAME_DAY.toordinal() - mission.end.toordinal() - draw(st.integers(0, 400))
    elif place == "early":
        shift = FIRST_FRAME_DAY.toordinal() - mission.start.toordinal() + draw(st.integers(0, 400))
    else:
        shift = 0
    replace = draw(st.sampled_from([0, 0, 4, 12]))  # one date in ``replace`` is replaced
    offset = draw(st.sampled_from(_OFFSETS))
    ends = (
        FIRST,
        LAST,
        FIRST_FRAME_DAY,
        LAST_FRAME_DAY,
        FIRST_INSTANT_DAY,
        LAST_INSTANT_DAY,
    )

    def change(text: str) -> str:
        match = _DATE.match(text)
        assert match is not None
        ordinal = dt.date.fromisoformat(match["day"]).toordinal() + shift
        day = dt.date.fromordinal(min(max(ordinal, _ORDINALS[0]), _ORDINALS[1]))
        if replace and draw(st.integers(1, replace)) == 1:
            day = draw(st.sampled_from(ends))
        if match["time"] is None:
            return day.isoformat()
        return f"{day.isoformat()}{match['time']}{offset or match['offset'] or ''}"

    changed: dict[str, Any] = _rewrite(data, change)
    event(f"dates: {place}, replaced 1 in {replace or 'none'}, offset {offset}")
    return {"schema_version": 1, **changed}


@st.composite
def ats(draw: st.DrawFn, mission: Mission) -> dt.date:
    """A date to compute at: an end of the calendar, any date, or one near the mission."""
    near = [mission.start, mission.end, *mission.milestone_dues()]
    kind = draw(st.sampled_from(["end", "any", "near"]))
    if kind == "end":
        return draw(st.sampled_from(EXTREME_ATS))
    if kind == "any":
        return draw(st.dates(FIRST, LAST))
    ordinal = draw(st.sampled_from(near)).toordinal() + draw(st.integers(-40, 40))
    return dt.date.fromordinal(min(max(ordinal, _ORDINALS[0]), _ORDINALS[1]))


class TestTheRule:
    @given(data=extreme_mission_data(), draw=st.data())
    def test_a_mission_that_loads_is_usable_at_every_date(
        self, data: dict[str, Any], draw: st.DataObject
    ) -> None:
        try:
            mission = load(data)
        except ValidationError as error:
            refused = error
        else:
            refused = None
        if refused is not None:
            event("refused at load")
            assert all(detail.path for detail in refused.errors)  # each problem has its path
            return
        event("loaded")
        assert all(
            FIRST_FRAME_DAY <= day <= LAST_FRAME_DAY
            for day in (mission.start, mission.end, *mission.milestone_dues())
        )
        at = draw.draw(ats(mission), label="at")
        for name, run in computations(mission, at):
            try:
                run()
            except Exception as error:
                if not _tolerated(error):
                    raise AssertionError(f"{name} at {at} raised {error!r}") from error

    def test_the_strategy_reaches_the_limits(self) -> None:
        # A mission placed at both limits of the frame loads and works at both ends.
        data = f.mission_data()
        data["start"], data["end"] = FIRST_FRAME_DAY.isoformat(), LAST_FRAME_DAY.isoformat()
        data["keep_outside_measurements"] = True  # measurements at the calendar's ends
        data["measurements"][0]["at"] = FIRST.isoformat()
        data["measurements"][1]["at"] = "9999-12-29T23:59:59+00:00"
        mission = load(data)
        for at in (FIRST, LAST):
            for _, run in computations(mission, at):
                run()


# -- the command line --------------------------------------------------------------------------
def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.fixture
def mission_files(tmp_path: Path) -> list[Path]:
    """The demo missions and the rich test mission, as TOML files."""
    missions = [*vendorgov.examples.demo_missions(), f.rich_mission()]
    files = []
    for index, mission in enumerate(missions):
        path = tmp_path / f"{index}-{mission.key}.toml"
        path.write_text(vendorgov.dumps(mission), encoding="utf-8")
        files.append(path)
    return files


class TestCommandLine:
    @pytest.mark.parametrize("at", ["0001-01-01", "9999-12-31"])
    @pytest.mark.parametrize(
        "command",
        [
            ["score"],
            ["check"],
            ["payouts"],
            *(["render", document] for document in DOCUMENTS),
            *(["render", document, "--format", "html"] for document in DOCUMENTS),
        ],
    )
    def test_no_internal_error_at_the_ends(
        self,
        capsys: pytest.CaptureFixture[str],
        mission_files: list[Path],
        command: list[str],
        at: str,
    ) -> None:
        for path in mission_files:
            for extra in ([], ["--json"], ["--lang", "en"]):
                argv = [*command, str(path), "--at", at, *extra]
                if command[0] == "render":
                    argv.append("--draft")
                code, err = run_cli(capsys, *argv)
                assert code in (0, 1), (argv, err)
                assert "internal error" not in err
                assert "Traceback" not in err

    def test_calendar(self, capsys: pytest.CaptureFixture[str], mission_files: list[Path]) -> None:
        for path in mission_files:
            for extra in ([], ["--json"], ["--lang", "en"]):
                code, err = run_cli(capsys, "calendar", str(path), *extra)
                assert (code, err) == (0, "")

    def test_check_at_0001_01_01(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        mission = f.rich_mission(
            review_cadence=Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO)
        )
        path = tmp_path / "m.toml"
        path.write_text(vendorgov.dumps(mission), encoding="utf-8")
        code, err = run_cli(capsys, "check", str(path), "--at", "0001-01-01")
        assert code in (0, 1)
        assert err == ""

    def test_a_refused_date_is_one_line_with_its_path(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        data = f.mission_data()
        data["measurements"][1]["at"] = "9999-12-31T23:59:59-23:59"
        path = tmp_path / "m.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        for command in (["score"], ["check"], ["payouts"], ["render", "review"]):
            code, err = run_cli(capsys, *command, str(path), "--at", "9999-12-31")
            assert code == 2
            assert "measurements[1].at" in err
            assert len(err.strip().splitlines()) == 1
        code, err = run_cli(capsys, "calendar", str(path))
        assert code == 2
        assert "measurements[1].at" in err
