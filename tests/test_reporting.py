"""Reporting compliance — every expected value is worked out by hand on the calendar.

The missions start on Monday 2027-03-15 and end on 2028-03-14; the contract is
effective 2027-03-01 for 12 months, so its term ends on 2028-02-29, which ends
the reporting horizon.

     March 2027              April 2027              May 2027
Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su    Mo Tu We Th Fr Sa Su
 1  2  3  4  5  6  7              1  2  3  4                    1  2
 8  9 10 11 12 13 14     5  6  7  8  9 10 11     3  4  5  6  7  8  9
15 16 17 18 19 20 21    12 13 14 15 16 17 18    10 11 12 13 14 15 16
22 23 24 25 26 27 28    19 20 21 22 23 24 25    17 18 19 20 21 22 23
29 30 31                26 27 28 29 30          24 25 26 27 28 29 30
                                                31
"""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import pytest

from factories import contract, minimal_mission
from vendorgov import (
    Cadence,
    Frequency,
    Mission,
    Report,
    Reporting,
    ValidationError,
    Weekday,
    dumps,
    loads,
)
from vendorgov._engine.reporting import report_dues, reporting_compliance, reporting_horizon
from vendorgov._model.tracking import ReportCheck, ReportingSummary, ReportStatus
from vendorgov.serialization import Format

ON_TIME = ReportStatus.ON_TIME
LATE = ReportStatus.LATE
MISSING = ReportStatus.MISSING
PENDING = ReportStatus.PENDING

MONTHLY_5TH = Cadence(frequency=Frequency.MONTHLY, day=5)
WEEKLY_MONDAY = Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def report(period_end: str, received_on: str, title: str = "") -> Report:
    return Report(period_end=day(period_end), received_on=day(received_on), title=title)


def mission(
    cadence: Cadence = MONTHLY_5TH,
    grace_days: int = 2,
    *reports: Report,
    duration_months: int = 12,
    end: dt.date | None = None,
) -> Mission:
    extra = {} if end is None else {"end": end}
    return minimal_mission(
        contract=contract(
            fees=(),
            duration_months=duration_months,
            reporting=Reporting(cadence=cadence, grace_days=grace_days),
        ),
        reports=reports,
        **extra,
    )


def statuses(summary: ReportingSummary) -> list[tuple[str, ReportStatus]]:
    return [(line.due.isoformat(), line.status) for line in summary.lines]


class TestDueDatesAndPeriods:
    def test_monthly_skips_a_day_before_the_start(self) -> None:
        # Monthly on day 5, start 2027-03-15: dues 2027-04-05, 05-05, 06-05
        # (March 5 is before the start). At 2027-06-05 the third is due that day.
        summary = reporting_compliance(mission(), day("2027-06-05"))
        assert [line.due for line in summary.lines] == [
            day("2027-04-05"),
            day("2027-05-05"),
            day("2027-06-05"),
        ]
        # Each period ends on its due date and starts the day after the previous
        # one (the mission start for the first).
        assert [line.period_start for line in summary.lines] == [
            day("2027-03-15"),
            day("2027-04-06"),
            day("2027-05-06"),
        ]
        assert [line.deadline for line in summary.lines] == [
            day("2027-04-07"),
            day("2027-05-07"),
            day("2027-06-07"),
        ]

    def test_weekly_skips_an_occurrence_on_the_start_day(self) -> None:
        # Weekly on Monday; the start 2027-03-15 is a Monday, which has nothing
        # to report yet: dues 03-22 (period 03-15..03-22), 03-29 (03-23..03-29).
        summary = reporting_compliance(mission(WEEKLY_MONDAY, 1), day("2027-03-29"))
        assert [(line.period_start, line.due) for line in summary.lines] == [
            (day("2027-03-15"), day("2027-03-22")),
            (day("2027-03-23"), day("2027-03-29")),
        ]

    def test_every_other_friday(self) -> None:
        # First Friday on or after 2027-03-15 is 03-19, then every two weeks:
        # 04-02, 04-16. At 2027-04-16: three periods.
        fridays = Cadence(frequency=Frequency.WEEKLY, interval=2, weekday=Weekday.FR)
        summary = reporting_compliance(mission(fridays, 0), day("2027-04-16"))
        assert [(line.period_start, line.due) for line in summary.lines] == [
            (day("2027-03-15"), day("2027-03-19")),
            (day("2027-03-20"), day("2027-04-02")),
            (day("2027-04-03"), day("2027-04-16")),
        ]

    def test_nothing_due_before_the_first_due_date(self) -> None:
        summary = reporting_compliance(mission(), day("2027-04-04"))
        assert summary.required
        assert summary.lines == ()
        assert summary.timeliness is None

    def test_before_the_mission_starts(self) -> None:
        summary = reporting_compliance(mission(), day("2027-01-01"))
        assert (summary.lines, summary.timeliness) == ((), None)

    def test_contract_term_ends_the_horizon(self) -> None:
        # Effective 2027-03-01 for 3 months: the term ends 2027-05-31, so only
        # 04-05 and 05-05 are ever due, however late the check.
        summary = reporting_compliance(mission(duration_months=3), day("2027-12-01"))
        assert statuses(summary) == [("2027-04-05", MISSING), ("2027-05-05", MISSING)]

    def test_mission_end_ends_the_horizon(self) -> None:
        # The mission ends 2027-05-04, the day before the second due date.
        summary = reporting_compliance(mission(end=day("2027-05-04")), day("2027-12-01"))
        assert statuses(summary) == [("2027-04-05", MISSING)]

    def test_due_on_the_last_day_of_the_horizon(self) -> None:
        # The mission ends on 2027-05-05, a due date: it is due.
        summary = reporting_compliance(mission(end=day("2027-05-05")), day("2027-12-01"))
        assert [line.due for line in summary.lines] == [day("2027-04-05"), day("2027-05-05")]

    def test_due_dates_alone(self) -> None:
        # The helpers the calendar, the contract and the kickoff pack use: the same
        # due dates as the compliance lines, up to the term end 2028-02-29.
        m = mission()
        assert reporting_horizon(m) == day("2028-02-29")
        dues = report_dues(m)
        assert (dues[0], dues[-1], len(dues)) == (day("2027-04-05"), day("2028-02-05"), 11)
        lines = reporting_compliance(m, day("2028-12-31")).lines
        assert dues == tuple(line.due for line in lines)


class TestStatus:
    @pytest.mark.parametrize(
        ("received_on", "expected", "days_late"),
        [
            ("2027-04-05", ON_TIME, None),  # on the due date
            ("2027-04-07", ON_TIME, None),  # due 04-05 + 2 grace days: the last day on time
            ("2027-04-08", LATE, 1),  # one day after the deadline
            ("2027-04-20", LATE, 13),
        ],
    )
    def test_received_around_the_grace_boundary(
        self, received_on: str, expected: ReportStatus, days_late: int | None
    ) -> None:
        summary = reporting_compliance(
            mission(MONTHLY_5TH, 2, report("2027-03-31", received_on)), day("2027-04-30")
        )
        (line,) = summary.lines
        assert line.status is expected
        assert line.days_late == days_late
        assert line.report == report("2027-03-31", received_on)

    @pytest.mark.parametrize(
        ("at", "expected"),
        [
            ("2027-04-05", PENDING),  # due today
            ("2027-04-07", PENDING),  # the deadline (04-05 + 2) is today: still in grace
            ("2027-04-08", MISSING),  # the deadline has passed
        ],
    )
    def test_not_received_around_the_grace_boundary(self, at: str, expected: ReportStatus) -> None:
        summary = reporting_compliance(mission(), day(at))
        assert statuses(summary) == [("2027-04-05", expected)]

    def test_no_grace_days(self) -> None:
        # Due 04-05 with no grace: on time that day, missing the next.
        assert statuses(reporting_compliance(mission(MONTHLY_5TH, 0), day("2027-04-05"))) == [
            ("2027-04-05", PENDING)
        ]
        assert statuses(reporting_compliance(mission(MONTHLY_5TH, 0), day("2027-04-06"))) == [
            ("2027-04-05", MISSING)
        ]
        late = mission(MONTHLY_5TH, 0, report("2027-04-05", "2027-04-06"))
        assert statuses(reporting_compliance(late, day("2027-04-06"))) == [("2027-04-05", LATE)]

    def test_a_report_received_after_the_check_date_is_not_seen(self) -> None:
        # Received 04-10; checked on 04-09 it had not arrived: missing (deadline 04-07).
        m = mission(MONTHLY_5TH, 2, report("2027-03-31", "2027-04-10"))
        before = reporting_compliance(m, day("2027-04-09"))
        assert statuses(before) == [("2027-04-05", MISSING)]
        assert before.unmatched == ()
        # From 04-10 on it is there, late.
        assert statuses(reporting_compliance(m, day("2027-04-10"))) == [("2027-04-05", LATE)]

    def test_weekly_mix(self) -> None:
        # Weekly on Monday, 1 grace day. Dues 03-22, 03-29, 04-05, 04-12.
        # - 03-22 (period 03-15..03-22): report for the week ending Sunday 03-21,
        #   received Monday 03-22 → on time.
        # - 03-29 (03-23..03-29): received 03-30 = deadline → on time.
        # - 04-05 (03-30..04-05): received 04-07, deadline 04-06 → late.
        # - 04-12 (04-06..04-12): nothing; deadline 04-13 = at → pending.
        m = mission(
            WEEKLY_MONDAY,
            1,
            report("2027-03-21", "2027-03-22"),
            report("2027-03-28", "2027-03-30"),
            report("2027-04-04", "2027-04-07"),
        )
        summary = reporting_compliance(m, day("2027-04-13"))
        assert statuses(summary) == [
            ("2027-03-22", ON_TIME),
            ("2027-03-29", ON_TIME),
            ("2027-04-05", LATE),
            ("2027-04-12", PENDING),
        ]
        assert (summary.on_time, summary.late, summary.missing, summary.pending) == (2, 1, 0, 1)
        # 2 on time out of 3 assessed; pending does not count.
        assert summary.assessed == 3
        assert summary.timeliness == Decimal("0.6666666666666666666666666667")
        # The next day, 04-12 is missing: 2 out of 4.
        assert reporting_compliance(m, day("2027-04-14")).timeliness == Decimal("0.5")


class TestMatching:
    def test_a_report_matches_the_period_containing_its_period_end(self) -> None:
        # Period of 05-05 is 04-06..05-05: reports ending 04-06 and 05-05 both
        # belong to it; one ending 04-05 belongs to the 04-05 period.
        for period_end, due in [
            ("2027-04-05", "2027-04-05"),
            ("2027-04-06", "2027-05-05"),
            ("2027-05-05", "2027-05-05"),
        ]:
            summary = reporting_compliance(
                mission(MONTHLY_5TH, 2, report(period_end, "2027-05-06")), day("2027-05-06")
            )
            matched = [line.due for line in summary.lines if line.report is not None]
            assert matched == [day(due)], period_end

    def test_a_report_ending_on_the_start_day_matches_the_first_period(self) -> None:
        m = mission(MONTHLY_5TH, 2, report("2027-03-15", "2027-03-16"))
        assert statuses(reporting_compliance(m, day("2027-04-05"))) == [("2027-04-05", ON_TIME)]

    def test_the_earliest_received_report_matches_the_others_are_unmatched(self) -> None:
        # Two reports for March (period of 04-05): the one received 04-03 matches,
        # the corrected version received 04-09 is listed as unmatched.
        first = report("2027-03-31", "2027-04-03", "Mars")
        correction = report("2027-03-31", "2027-04-09", "Mars (corrigé)")
        summary = reporting_compliance(
            mission(MONTHLY_5TH, 2, correction, first), day("2027-04-10")
        )
        assert [line.report for line in summary.lines] == [first]
        assert statuses(summary) == [("2027-04-05", ON_TIME)]
        assert summary.unmatched == (correction,)

    def test_reports_outside_every_period_are_unmatched_in_order_received(self) -> None:
        # One before the mission start, one after the horizon (2028-02-29): neither
        # belongs to a period. Days after the last due date (2028-02-05) belong to
        # no period either.
        too_early = report("2027-03-14", "2027-03-20")
        after_term = report("2028-03-10", "2028-03-12")
        tail = report("2028-02-20", "2028-03-01")
        summary = reporting_compliance(
            mission(MONTHLY_5TH, 2, after_term, too_early, tail), day("2028-03-13")
        )
        assert summary.unmatched == (too_early, tail, after_term)
        assert len(summary.lines) == 11  # 2027-04-05 .. 2028-02-05, all missing
        assert summary.lines[-1].due == day("2028-02-05")
        assert summary.missing == 11
        assert summary.timeliness == Decimal(0)

    def test_an_early_report_gets_its_line_before_the_due_date(self) -> None:
        # The March report arrives on 04-01; on 04-02 its due date (04-05) has not
        # come, but it is on time, not unmatched.
        m = mission(MONTHLY_5TH, 2, report("2027-03-31", "2027-04-01"))
        summary = reporting_compliance(m, day("2027-04-02"))
        assert statuses(summary) == [("2027-04-05", ON_TIME)]
        assert summary.unmatched == ()
        assert summary.timeliness == Decimal(1)


class TestTimeliness:
    def test_on_time_late_missing(self) -> None:
        # Monthly on day 5, 2 grace days, checked 2027-06-10:
        # 04-05 received 04-07 (on time), 05-05 received 05-09 (late, deadline
        # 05-07), 06-05 nothing (deadline 06-07 < 06-10: missing) → 1 / 3.
        m = mission(
            MONTHLY_5TH,
            2,
            report("2027-03-31", "2027-04-07"),
            report("2027-04-30", "2027-05-09"),
        )
        summary = reporting_compliance(m, day("2027-06-10"))
        assert statuses(summary) == [
            ("2027-04-05", ON_TIME),
            ("2027-05-05", LATE),
            ("2027-06-05", MISSING),
        ]
        assert summary.timeliness == Decimal(1) / Decimal(3)
        # On 06-06 the June report is still pending: 1 on time out of 2.
        assert reporting_compliance(m, day("2027-06-06")).timeliness == Decimal("0.5")

    def test_none_while_only_pending(self) -> None:
        summary = reporting_compliance(mission(), day("2027-04-06"))
        assert (summary.pending, summary.assessed, summary.timeliness) == (1, 0, None)

    def test_all_on_time(self) -> None:
        m = mission(MONTHLY_5TH, 2, report("2027-03-31", "2027-04-02"))
        assert reporting_compliance(m, day("2027-04-30")).timeliness == Decimal(1)


class TestWithoutReportingClause:
    def test_no_dues_without_a_clause(self) -> None:
        for m in (minimal_mission(contract=contract(fees=())), minimal_mission()):
            assert (reporting_horizon(m), report_dues(m)) == (None, ())

    def test_no_clause(self) -> None:
        received = report("2027-03-31", "2027-04-02")
        m = minimal_mission(contract=contract(fees=()), reports=(received,))
        summary = reporting_compliance(m, day("2027-12-31"))
        assert not summary.required
        assert (summary.lines, summary.timeliness) == ((), None)
        # Reports received are still listed, as unmatched.
        assert summary.unmatched == (received,)

    def test_no_contract(self) -> None:
        summary = reporting_compliance(minimal_mission(), day("2027-12-31"))
        assert summary == ReportingSummary(
            mission="logistique", at=day("2027-12-31"), required=False
        )


class TestInput:
    @pytest.mark.parametrize("at", ["2027-04-05", dt.datetime(2027, 4, 5, 12, tzinfo=dt.UTC), None])
    def test_at_must_be_a_date(self, at: object) -> None:
        with pytest.raises(ValidationError) as error:
            reporting_compliance(mission(), at)  # type: ignore[arg-type]
        assert [detail.path for detail in error.value.errors] == ["at"]

    def test_mission_unchanged(self) -> None:
        m = mission(MONTHLY_5TH, 2, report("2027-03-31", "2027-04-02"))
        copy = pickle.loads(pickle.dumps(m))
        reporting_compliance(m, day("2027-06-10"))
        assert m == copy


class TestValues:
    def summary(self) -> ReportingSummary:
        m = mission(
            MONTHLY_5TH,
            2,
            report("2027-03-31", "2027-04-07", "Mars"),
            report("2027-03-31", "2027-04-08"),
            report("2027-04-30", "2027-05-09"),
        )
        return reporting_compliance(m, day("2027-06-06"))

    @pytest.mark.parametrize("format", ["toml", "json", "yaml"])
    def test_round_trip(self, format: Format) -> None:
        summary = self.summary()
        # A full value: lines with reports, unmatched reports, a timeliness rate.
        assert summary.unmatched
        assert summary.timeliness is not None
        assert loads(dumps(summary, format), format) == summary
        line = summary.lines[0]
        assert loads(dumps(line, format), format) == line

    def test_pickles(self) -> None:
        summary = self.summary()
        assert pickle.loads(pickle.dumps(summary)) == summary

    def test_type_names(self) -> None:
        assert '"type": "reporting_summary"' in dumps(self.summary(), "json")
        assert '"type": "report_check"' in dumps(self.summary().lines[0], "json")

    def test_counts_must_match_the_lines(self) -> None:
        summary = self.summary()
        with pytest.raises(ValidationError) as error:
            ReportingSummary(
                mission=summary.mission,
                at=summary.at,
                required=True,
                lines=summary.lines,
                on_time=summary.on_time + 1,
                late=summary.late,
                missing=summary.missing,
                pending=summary.pending,
                timeliness=summary.timeliness,
            )
        assert [detail.path for detail in error.value.errors] == ["on_time"]

    def test_status_must_agree_with_the_report(self) -> None:
        received = report("2027-03-31", "2027-04-08")
        with pytest.raises(ValidationError) as error:
            ReportCheck(
                period_start=day("2027-03-15"),
                due=day("2027-04-05"),
                deadline=day("2027-04-07"),
                status=ON_TIME,
                report=received,
            )
        assert [detail.path for detail in error.value.errors] == ["status"]
        with pytest.raises(ValidationError) as error:
            ReportCheck(
                period_start=day("2027-03-15"),
                due=day("2027-04-05"),
                deadline=day("2027-04-07"),
                status=MISSING,
                report=received,
            )
        assert [detail.path for detail in error.value.errors] == ["report"]
