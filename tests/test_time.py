"""Cadences: dates, review times across DST, and RFC 5545 RRULE strings.

Expected dates are worked out by hand from the calendar; the comment above each
case shows the reasoning. Month layouts used below (Monday first):

    2027-01  Mon 4 11 18 25; Wed 6 13 20 27; Fri 1 8 15 22 29
    2027-02  Mon 1 8 15 22;  Wed 3 10 17 24; Fri 5 12 19 26; Sun 7 14 21 28 (28 days)
    2027-03  Mon 1 8 15 22 29; Wed 3 10 17 24 31; Fri 5 12 19 26; Sun 7 14 21 28
    2027-04  Mon 5 12 19 26; Wed 7 14 21 28; Fri 2 9 16 23 30
    2027-05  Mon 3 10 17 24 31
    2027-06  Mon 7 14 21 28; Fri 4 11 18 25
    2027-09  Fri 3 10 17 24
    2027-10  Mon 4 11 18 25; Sun 3 10 17 24 31
    2027-11  Mon 1 8 15 22 29
    2027-12  Fri 3 10 17 24 31
    2028-02  29 days (leap year)
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import attrs
import pendulum
import pytest
from dateutil.rrule import rrulestr
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import vRecur

from vendorgov import Cadence, Frequency, ValidationError, Weekday
from vendorgov._engine.time import (
    DEFAULT_REVIEW_TIME,
    add_months,
    end_of_month,
    from_rrule,
    occurrences,
    review_times,
    to_rrule,
)

D = dt.date
PARIS = "Europe/Paris"


def weekly(weekday: Weekday, interval: int = 1, time: dt.time | None = None) -> Cadence:
    return Cadence(frequency=Frequency.WEEKLY, interval=interval, weekday=weekday, time=time)


def monthly(day: int, interval: int = 1) -> Cadence:
    return Cadence(frequency=Frequency.MONTHLY, interval=interval, day=day)


def nth(n: int, weekday: Weekday, frequency: Frequency = Frequency.MONTHLY) -> Cadence:
    return Cadence(frequency=frequency, nth=n, weekday=weekday)


def quarterly(day: int, interval: int = 1) -> Cadence:
    return Cadence(frequency=Frequency.QUARTERLY, interval=interval, day=day)


class TestWeeklyOccurrences:
    def test_first_weekday_on_or_after_start(self) -> None:
        # 2027-03-03 is a Wednesday; March Mondays are 1, 8, 15, 22, 29 → from the 8th.
        assert occurrences(weekly(Weekday.MO), D(2027, 3, 3), D(2027, 3, 31)) == (
            D(2027, 3, 8),
            D(2027, 3, 15),
            D(2027, 3, 22),
            D(2027, 3, 29),
        )

    def test_start_and_end_on_the_weekday_are_included(self) -> None:
        # 2027-03-01 and 2027-03-15 are Mondays.
        assert occurrences(weekly(Weekday.MO), D(2027, 3, 1), D(2027, 3, 15)) == (
            D(2027, 3, 1),
            D(2027, 3, 8),
            D(2027, 3, 15),
        )

    def test_every_two_weeks(self) -> None:
        # First Monday on or after Wed 2027-03-03 is the 8th; then +14 days:
        # 22 March, 5 April, 19 April (April Mondays are 5, 12, 19, 26).
        assert occurrences(weekly(Weekday.MO, 2), D(2027, 3, 3), D(2027, 4, 30)) == (
            D(2027, 3, 8),
            D(2027, 3, 22),
            D(2027, 4, 5),
            D(2027, 4, 19),
        )

    def test_every_three_weeks_across_months(self) -> None:
        # 2027-01-01 is a Friday; +21 days each: 22 Jan, 12 Feb, 5 Mar, 26 Mar.
        assert occurrences(weekly(Weekday.FR, 3), D(2027, 1, 1), D(2027, 3, 31)) == (
            D(2027, 1, 1),
            D(2027, 1, 22),
            D(2027, 2, 12),
            D(2027, 3, 5),
            D(2027, 3, 26),
        )


class TestMonthlyDayOccurrences:
    def test_day_31_clamps_to_short_months(self) -> None:
        # 2027: Jan 31, Feb has 28 days, Mar 31, Apr 30, May 31, Jun 30.
        assert occurrences(monthly(31), D(2027, 1, 1), D(2027, 6, 30)) == (
            D(2027, 1, 31),
            D(2027, 2, 28),
            D(2027, 3, 31),
            D(2027, 4, 30),
            D(2027, 5, 31),
            D(2027, 6, 30),
        )

    def test_day_31_in_a_leap_february(self) -> None:
        # 2028 is a leap year: February has 29 days; March is back to the 31st
        # (anchored on the start, not stepped from 29 February).
        assert occurrences(monthly(31), D(2028, 1, 1), D(2028, 3, 31)) == (
            D(2028, 1, 31),
            D(2028, 2, 29),
            D(2028, 3, 31),
        )

    @pytest.mark.parametrize(
        ("day", "year", "expected"),
        [
            (29, 2027, D(2027, 2, 28)),  # no 29 February in 2027
            (29, 2028, D(2028, 2, 29)),
            (30, 2027, D(2027, 2, 28)),
            (30, 2028, D(2028, 2, 29)),
            (28, 2027, D(2027, 2, 28)),
        ],
    )
    def test_days_29_and_30_in_february(self, day: int, year: int, expected: D) -> None:
        assert occurrences(monthly(day), D(year, 2, 1), D(year, 2, 28 + (year == 2028))) == (
            expected,
        )

    def test_start_after_the_day_skips_the_first_month(self) -> None:
        # Start 20 January: the 5 January review is before the start → skipped.
        assert occurrences(monthly(5), D(2027, 1, 20), D(2027, 4, 30)) == (
            D(2027, 2, 5),
            D(2027, 3, 5),
            D(2027, 4, 5),
        )

    def test_every_two_months_is_anchored_on_the_start_month(self) -> None:
        # Months January, March, May, July; 5 January is before the start → skipped,
        # and the next review stays in March (not February).
        assert occurrences(monthly(5, 2), D(2027, 1, 20), D(2027, 7, 31)) == (
            D(2027, 3, 5),
            D(2027, 5, 5),
            D(2027, 7, 5),
        )

    def test_start_and_end_on_the_day_are_included(self) -> None:
        assert occurrences(monthly(20), D(2027, 1, 20), D(2027, 3, 20)) == (
            D(2027, 1, 20),
            D(2027, 2, 20),
            D(2027, 3, 20),
        )


class TestNthWeekdayOccurrences:
    def test_first_monday(self) -> None:
        # First Mondays 2027: Jan 4, Feb 1, Mar 1, Apr 5, May 3, Jun 7.
        assert occurrences(nth(1, Weekday.MO), D(2027, 1, 1), D(2027, 6, 30)) == (
            D(2027, 1, 4),
            D(2027, 2, 1),
            D(2027, 3, 1),
            D(2027, 4, 5),
            D(2027, 5, 3),
            D(2027, 6, 7),
        )

    def test_third_wednesday(self) -> None:
        # Wednesdays: Jan 6 13 20, Feb 3 10 17, Mar 3 10 17, Apr 7 14 21.
        assert occurrences(nth(3, Weekday.WE), D(2027, 1, 1), D(2027, 4, 30)) == (
            D(2027, 1, 20),
            D(2027, 2, 17),
            D(2027, 3, 17),
            D(2027, 4, 21),
        )

    def test_last_friday(self) -> None:
        # Last Fridays: Jan 29, Feb 26, Mar 26, Apr 30 (April 2027 has five Fridays).
        assert occurrences(nth(-1, Weekday.FR), D(2027, 1, 1), D(2027, 4, 30)) == (
            D(2027, 1, 29),
            D(2027, 2, 26),
            D(2027, 3, 26),
            D(2027, 4, 30),
        )

    @pytest.mark.parametrize(
        ("n", "weekday", "expected"),
        [
            (4, Weekday.SU, D(2027, 2, 28)),  # Sundays 7 14 21 28: the 4th is the last day
            (-1, Weekday.SU, D(2027, 2, 28)),
            (-1, Weekday.MO, D(2027, 2, 22)),  # Mondays 1 8 15 22
            (1, Weekday.MO, D(2027, 2, 1)),  # the month starts on a Monday
        ],
    )
    def test_edges_of_february_2027(self, n: int, weekday: Weekday, expected: D) -> None:
        assert occurrences(nth(n, weekday), D(2027, 2, 1), D(2027, 2, 28)) == (expected,)

    def test_start_after_the_first_month_date(self) -> None:
        # First Monday of January 2027 is the 4th, before a start on the 10th.
        assert occurrences(nth(1, Weekday.MO), D(2027, 1, 10), D(2027, 3, 31)) == (
            D(2027, 2, 1),
            D(2027, 3, 1),
        )


class TestQuarterlyOccurrences:
    def test_every_quarter_from_january(self) -> None:
        assert occurrences(quarterly(15), D(2027, 1, 1), D(2027, 12, 31)) == (
            D(2027, 1, 15),
            D(2027, 4, 15),
            D(2027, 7, 15),
            D(2027, 10, 15),
        )

    def test_every_two_quarters_on_the_31st(self) -> None:
        # Months Feb 2027, Aug 2027, Feb 2028: 28 Feb, 31 Aug, 29 Feb (leap).
        assert occurrences(quarterly(31, 2), D(2027, 2, 10), D(2028, 3, 1)) == (
            D(2027, 2, 28),
            D(2027, 8, 31),
            D(2028, 2, 29),
        )

    def test_last_friday_of_each_quarter_month(self) -> None:
        # Mar 26, Jun 25 (Fridays 4 11 18 25), Sep 24, Dec 31 (Fridays 3 ... 31).
        cadence = nth(-1, Weekday.FR, Frequency.QUARTERLY)
        assert occurrences(cadence, D(2027, 3, 1), D(2027, 12, 31)) == (
            D(2027, 3, 26),
            D(2027, 6, 25),
            D(2027, 9, 24),
            D(2027, 12, 31),
        )

    def test_skipped_first_quarter_crosses_the_year(self) -> None:
        # 15 November 2027 is before a start on the 20th; next: 15 Feb, 15 May 2028.
        assert occurrences(quarterly(15), D(2027, 11, 20), D(2028, 6, 30)) == (
            D(2028, 2, 15),
            D(2028, 5, 15),
        )


class TestOccurrencesBounds:
    @pytest.mark.parametrize(
        "cadence", [weekly(Weekday.MO), monthly(1), nth(1, Weekday.MO), quarterly(1)]
    )
    def test_end_before_start_is_empty(self, cadence: Cadence) -> None:
        assert occurrences(cadence, D(2027, 3, 2), D(2027, 3, 1)) == ()

    def test_single_day_range(self) -> None:
        assert occurrences(weekly(Weekday.MO), D(2027, 3, 1), D(2027, 3, 1)) == (D(2027, 3, 1),)
        assert occurrences(weekly(Weekday.TU), D(2027, 3, 1), D(2027, 3, 1)) == ()

    def test_returns_plain_dates(self) -> None:
        result = occurrences(monthly(31), D(2027, 1, 1), D(2027, 2, 28))
        assert [type(day) for day in result] == [dt.date, dt.date]

    def test_datetime_bounds_are_refused(self) -> None:
        with pytest.raises(ValidationError) as caught:
            occurrences(monthly(1), dt.datetime(2027, 1, 1, tzinfo=dt.UTC), "2027-02-01")  # type: ignore[arg-type]
        assert [error.path for error in caught.value.errors] == ["start", "end"]


class TestReviewTimes:
    def test_spring_dst_keeps_local_time(self) -> None:
        # Europe/Paris switches to summer time on Sunday 2027-03-28 (last Sunday of March):
        # Monday 22 March is +01:00, Monday 29 March is +02:00; both at 10:00 local.
        cadence = weekly(Weekday.MO, time=dt.time(10, 0))
        times = review_times(cadence, D(2027, 3, 22), D(2027, 3, 29), PARIS)
        assert [t.isoformat() for t in times] == [
            "2027-03-22T10:00:00+01:00",
            "2027-03-29T10:00:00+02:00",
        ]
        assert [t.astimezone(dt.UTC).hour for t in times] == [9, 8]

    def test_autumn_dst_keeps_local_time(self) -> None:
        # Back to winter time on Sunday 2027-10-31 (last Sunday of October).
        cadence = weekly(Weekday.MO, time=dt.time(10, 0))
        times = review_times(cadence, D(2027, 10, 25), D(2027, 11, 1), PARIS)
        assert [t.isoformat() for t in times] == [
            "2027-10-25T10:00:00+02:00",
            "2027-11-01T10:00:00+01:00",
        ]

    def test_default_time_is_nine(self) -> None:
        times = review_times(monthly(15), D(2027, 1, 1), D(2027, 1, 31), PARIS)
        assert dt.time(9, 0) == DEFAULT_REVIEW_TIME
        assert [t.isoformat() for t in times] == ["2027-01-15T09:00:00+01:00"]

    def test_time_in_the_spring_gap_moves_forward(self) -> None:
        # 02:30 does not exist on 2027-03-28 in Paris (02:00 → 03:00): it is read with
        # the offset before the gap (+01:00, i.e. 01:30 UTC) and shown as 03:30+02:00.
        cadence = weekly(Weekday.SU, time=dt.time(2, 30))
        times = review_times(cadence, D(2027, 3, 21), D(2027, 4, 4), PARIS)
        assert [t.isoformat() for t in times] == [
            "2027-03-21T02:30:00+01:00",
            "2027-03-28T03:30:00+02:00",
            "2027-04-04T02:30:00+02:00",
        ]
        assert times[1].astimezone(dt.UTC) == dt.datetime(2027, 3, 28, 1, 30, tzinfo=dt.UTC)

    @pytest.mark.parametrize("fold", [0, 1])
    def test_ambiguous_time_is_the_first_one(self, fold: int) -> None:
        # 02:30 happens twice on 2027-10-31 in Paris: first at +02:00 (00:30 UTC).
        cadence = weekly(Weekday.SU, time=dt.time(2, 30, fold=fold))
        (when,) = review_times(cadence, D(2027, 10, 31), D(2027, 10, 31), PARIS)
        assert when.isoformat() == "2027-10-31T02:30:00+02:00"
        assert when.astimezone(dt.UTC) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)
        assert when.fold == 0

    def test_accepts_a_zoneinfo(self) -> None:
        zone = zoneinfo.ZoneInfo("America/New_York")
        # US summer time starts on the second Sunday of March: 2027-03-14.
        cadence = weekly(Weekday.MO, time=dt.time(10, 0))
        times = review_times(cadence, D(2027, 3, 8), D(2027, 3, 15), zone)
        assert [t.isoformat() for t in times] == [
            "2027-03-08T10:00:00-05:00",
            "2027-03-15T10:00:00-04:00",
        ]
        assert all(t.tzinfo is zone for t in times)

    @pytest.mark.parametrize("name", ["Europe/Pariss", "", "../etc/passwd"])
    def test_unknown_timezone(self, name: str) -> None:
        with pytest.raises(ValidationError) as caught:
            review_times(monthly(1), D(2027, 1, 1), D(2027, 2, 1), name)
        assert [error.path for error in caught.value.errors] == ["timezone"]


# Each cadence with its RRULE, written by hand from RFC 5545.
RRULE_CASES = [
    (weekly(Weekday.MO), "FREQ=WEEKLY;BYDAY=MO"),
    (weekly(Weekday.MO, 2), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"),
    (weekly(Weekday.SU, 52), "FREQ=WEEKLY;INTERVAL=52;BYDAY=SU"),
    (nth(1, Weekday.MO), "FREQ=MONTHLY;BYDAY=1MO"),
    (nth(3, Weekday.WE), "FREQ=MONTHLY;BYDAY=3WE"),
    (nth(-1, Weekday.FR), "FREQ=MONTHLY;BYDAY=-1FR"),
    (monthly(15), "FREQ=MONTHLY;BYMONTHDAY=15"),
    (monthly(28, 2), "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=28"),
    (monthly(29), "FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1"),
    (monthly(30), "FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1"),
    (monthly(31), "FREQ=MONTHLY;BYMONTHDAY=-1"),
    (quarterly(15), "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15"),
    (quarterly(30, 2), "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=28,29,30;BYSETPOS=-1"),
    (nth(-1, Weekday.FR, Frequency.QUARTERLY), "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR"),
]


class TestToRrule:
    @pytest.mark.parametrize(("cadence", "expected"), RRULE_CASES)
    def test_string(self, cadence: Cadence, expected: str) -> None:
        assert to_rrule(cadence) == expected

    @pytest.mark.parametrize(("cadence", "expected"), RRULE_CASES)
    def test_icalendar_parses_it_unchanged(self, cadence: Cadence, expected: str) -> None:
        # icalendar accepts unknown parts too, so check what it read, not just that it read.
        recur = vRecur.from_ical(to_rrule(cadence))
        assert recur.to_ical().decode() == expected
        assert recur["FREQ"] == ["WEEKLY" if cadence.frequency is Frequency.WEEKLY else "MONTHLY"]

    def test_time_and_duration_are_not_in_the_rule(self) -> None:
        cadence = Cadence(
            frequency=Frequency.WEEKLY,
            weekday=Weekday.TU,
            time=dt.time(14, 30),
            duration_minutes=90,
        )
        assert to_rrule(cadence) == "FREQ=WEEKLY;BYDAY=TU"


class TestFromRrule:
    @pytest.mark.parametrize(("cadence", "text"), RRULE_CASES)
    def test_reads_what_to_rrule_writes(self, cadence: Cadence, text: str) -> None:
        assert from_rrule(text) == cadence

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("RRULE:FREQ=WEEKLY;BYDAY=MO", weekly(Weekday.MO)),
            ("freq=weekly;interval=2;byday=mo", weekly(Weekday.MO, 2)),
            ("FREQ=WEEKLY;INTERVAL=1;BYDAY=TH;WKST=SU", weekly(Weekday.TH)),
            ("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1", monthly(31)),
            ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1", nth(1, Weekday.MO)),
            ("FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1", nth(-1, Weekday.FR)),
            ("FREQ=MONTHLY;BYDAY=+2TU", nth(2, Weekday.TU)),
            ("FREQ=MONTHLY;BYMONTHDAY=1", monthly(1)),
            # INTERVAL divisible by 3 is read as quarterly.
            ("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", quarterly(1)),
            ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=-1", quarterly(31, 4)),
            ("FREQ=MONTHLY;INTERVAL=156;BYMONTHDAY=10", quarterly(10, 52)),
            ("FREQ=MONTHLY;INTERVAL=52;BYMONTHDAY=10", monthly(10, 52)),
            ("  FREQ=MONTHLY ; BYMONTHDAY = 7 ", monthly(7)),
        ],
    )
    def test_equivalent_spellings(self, text: str, expected: Cadence) -> None:
        assert from_rrule(text) == expected

    def test_time_and_duration_are_passed_in(self) -> None:
        cadence = from_rrule("FREQ=WEEKLY;BYDAY=MO", time=dt.time(10, 0), duration_minutes=30)
        assert (cadence.time, cadence.duration_minutes) == (dt.time(10, 0), 30)

    @pytest.mark.parametrize(
        ("text", "paths"),
        [
            ("FREQ=DAILY", ["FREQ"]),
            ("FREQ=YEARLY;BYMONTH=1", ["BYMONTH"]),
            ("FREQ=YEARLY", ["FREQ"]),
            ("BYDAY=MO", ["FREQ"]),
            ("FREQ=WEEKLY;BYDAY=MO,WE", ["BYDAY"]),
            ("FREQ=WEEKLY", ["BYDAY"]),
            ("FREQ=WEEKLY;BYDAY=1MO", ["BYDAY"]),
            ("FREQ=WEEKLY;BYDAY=XX", ["BYDAY"]),
            ("FREQ=WEEKLY;BYDAY=MO;BYMONTHDAY=1", ["BYMONTHDAY"]),
            ("FREQ=WEEKLY;BYDAY=MO;COUNT=10", ["COUNT"]),
            ("FREQ=WEEKLY;BYDAY=MO;UNTIL=20271231T000000Z", ["UNTIL"]),
            ("FREQ=WEEKLY;BYDAY=MO;FOO=1", ["FOO"]),
            ("FREQ=WEEKLY;BYDAY=MO;BYHOUR=10", ["BYHOUR"]),
            ("FREQ=WEEKLY;BYDAY=MO;WKST=XX", ["WKST"]),
            ("FREQ=WEEKLY;BYDAY=MO;BYDAY=TU", ["BYDAY"]),
            ("FREQ=WEEKLY;INTERVAL=0;BYDAY=MO", ["INTERVAL"]),
            ("FREQ=WEEKLY;INTERVAL=53;BYDAY=MO", ["INTERVAL"]),
            ("FREQ=WEEKLY;INTERVAL=two;BYDAY=MO", ["INTERVAL"]),
            ("FREQ=MONTHLY;INTERVAL=55;BYMONTHDAY=1", ["INTERVAL"]),
            ("FREQ=MONTHLY;INTERVAL=159;BYMONTHDAY=1", ["INTERVAL"]),
            ("FREQ=MONTHLY", ["BYDAY"]),
            ("FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=1", ["BYMONTHDAY"]),
            ("FREQ=MONTHLY;BYDAY=MO", ["BYDAY"]),
            ("FREQ=MONTHLY;BYDAY=5MO", ["BYDAY"]),
            ("FREQ=MONTHLY;BYDAY=-2FR", ["BYDAY"]),
            ("FREQ=MONTHLY;BYDAY=1MO,3MO", ["BYDAY"]),
            ("FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1", ["BYSETPOS"]),
            ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5", ["BYSETPOS"]),
            ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1,2", ["BYSETPOS"]),
            ("FREQ=MONTHLY;BYMONTHDAY=31", ["BYMONTHDAY"]),
            ("FREQ=MONTHLY;BYMONTHDAY=29", ["BYMONTHDAY"]),
            ("FREQ=MONTHLY;BYMONTHDAY=0", ["BYMONTHDAY"]),
            ("FREQ=MONTHLY;BYMONTHDAY=-2", ["BYMONTHDAY"]),
            ("FREQ=MONTHLY;BYMONTHDAY=1,15", ["BYMONTHDAY"]),
            ("FREQ=MONTHLY;BYMONTHDAY=last", ["BYMONTHDAY"]),
            ("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31", ["BYMONTHDAY"]),
            ("FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=1", ["BYSETPOS"]),
            ("FREQ=MONTHLY;BYMONTHDAY=1,2;BYSETPOS=-1", ["BYSETPOS"]),
            ("FREQ=MONTHLY;BYMONTHDAY", ["BYMONTHDAY"]),
            ("", ["RRULE"]),
        ],
    )
    def test_refuses_what_a_cadence_cannot_hold(self, text: str, paths: list[str]) -> None:
        with pytest.raises(ValidationError) as caught:
            from_rrule(text)
        assert sorted(error.path for error in caught.value.errors) == paths

    def test_message_gives_the_clamped_spelling(self) -> None:
        with pytest.raises(ValidationError, match=r"BYMONTHDAY=28,29,30;BYSETPOS=-1"):
            from_rrule("FREQ=MONTHLY;BYMONTHDAY=30")

    def test_refuses_non_text(self) -> None:
        with pytest.raises(ValidationError) as caught:
            from_rrule(b"FREQ=WEEKLY;BYDAY=MO")  # type: ignore[arg-type]
        assert [error.path for error in caught.value.errors] == ["RRULE"]


# --- Properties ------------------------------------------------------------------------------

WEEKDAYS = st.sampled_from(list(Weekday))
TIMES = st.none() | st.times().map(lambda t: t.replace(microsecond=0))  # whole seconds


@st.composite
def cadences(draw: st.DrawFn) -> Cadence:
    frequency = draw(st.sampled_from(list(Frequency)))
    interval = draw(st.integers(1, 52) | st.integers(1, 4))  # small intervals more often
    time = draw(TIMES)
    duration = draw(st.integers(1, 24 * 60))
    if frequency is Frequency.WEEKLY:
        return Cadence(
            frequency=frequency,
            interval=interval,
            weekday=draw(WEEKDAYS),
            time=time,
            duration_minutes=duration,
        )
    if draw(st.booleans()):
        day = draw(st.integers(1, 31) | st.integers(27, 31))  # month ends more often
        return Cadence(
            frequency=frequency, interval=interval, day=day, time=time, duration_minutes=duration
        )
    return Cadence(
        frequency=frequency,
        interval=interval,
        nth=draw(st.sampled_from([1, 2, 3, 4, -1])),
        weekday=draw(WEEKDAYS),
        time=time,
        duration_minutes=duration,
    )


STARTS = st.dates(D(1990, 1, 1), D(2090, 12, 31))


def first_occurrence(cadence: Cadence, start: D) -> D:
    """The first occurrence on or after ``start`` (one full period always holds one)."""
    horizon = add_months(start, 3 * cadence.interval + 1)
    return occurrences(cadence, start, horizon)[0]


def dateutil_dates(cadence: Cadence, start: D, end: D) -> tuple[D, ...]:
    """Expand ``to_rrule(cadence)`` with dateutil, DTSTART = the first occurrence."""
    anchor = first_occurrence(cadence, start)
    rule = rrulestr(to_rrule(cadence), dtstart=dt.datetime.combine(anchor, dt.time()))
    expanded = rule.between(
        dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time()), inc=True
    )
    return tuple(when.date() for when in expanded)


class TestRruleExpansion:
    # Deterministic companions of the Hypothesis property below: every case of the
    # table, over 2027-2028 (both Februaries), from a start on the 1st and mid-month.
    @pytest.mark.parametrize(("cadence", "text"), RRULE_CASES)
    @pytest.mark.parametrize("start", [D(2027, 1, 1), D(2027, 1, 20), D(2027, 2, 28)])
    def test_dateutil_expands_the_same_dates(self, cadence: Cadence, text: str, start: D) -> None:
        end = D(2028, 12, 31)
        assert dateutil_dates(cadence, start, end) == occurrences(cadence, start, end)

    @pytest.mark.parametrize("local", [dt.time(10, 0), dt.time(2, 30)])
    def test_expanded_instants_are_the_review_times(self, local: dt.time) -> None:
        # DTSTART = first date at the local time as written, with the zone (TZID). The
        # first review, Sunday 2027-03-28, is the spring switch: 02:30 falls in the gap.
        # From March to November both DST changes are crossed.
        zone = zoneinfo.ZoneInfo(PARIS)
        cadence = weekly(Weekday.SU, time=local)
        start, end = D(2027, 3, 28), D(2027, 11, 7)
        dtstart = dt.datetime.combine(start, local, tzinfo=zone)
        expanded = rrulestr(to_rrule(cadence), dtstart=dtstart).between(
            dtstart, dt.datetime.combine(end, local, tzinfo=zone), inc=True
        )
        utc = [when.astimezone(dt.UTC) for when in expanded]
        assert utc == [when.astimezone(dt.UTC) for when in review_times(cadence, start, end, zone)]
        assert len(utc) == 33  # 28 March to 7 November: 32 weeks, both ends included

    def test_day_30_in_a_calendar_app(self) -> None:
        # What an RFC 5545 expander shows for the 30th: the 30th of every month but
        # February, where it is the last day (28 in 2027, 29 in 2028).
        expected = [D(2027, month, 28 if month == 2 else 30) for month in range(1, 13)] + [
            D(2028, 1, 30),
            D(2028, 2, 29),
            D(2028, 3, 30),
        ]
        assert dateutil_dates(monthly(30), D(2027, 1, 1), D(2028, 3, 31)) == tuple(expected)


class TestRruleProperties:
    @given(cadences())
    def test_round_trip(self, cadence: Cadence) -> None:
        back = from_rrule(
            to_rrule(cadence), time=cadence.time, duration_minutes=cadence.duration_minutes
        )
        if cadence.frequency is Frequency.MONTHLY and cadence.interval % 3 == 0:
            assert back.frequency is Frequency.QUARTERLY
            assert back.interval == cadence.interval // 3
            assert (back.day, back.nth, back.weekday) == (cadence.day, cadence.nth, cadence.weekday)
        else:
            assert back == cadence

    @given(
        # every third month, made rather than filtered for (too few cadences pass a filter)
        cadences()
        .filter(lambda c: c.frequency is Frequency.MONTHLY)
        .map(lambda c: attrs.evolve(c, interval=3 * (1 + c.interval % 17))),
        STARTS,
        st.integers(0, 5 * 366),
    )
    def test_quarterly_normalisation_keeps_the_dates(
        self, cadence: Cadence, start: D, days: int
    ) -> None:
        end = start + dt.timedelta(days=days)
        assert occurrences(from_rrule(to_rrule(cadence)), start, end) == occurrences(
            cadence, start, end
        )

    @settings(max_examples=300)
    @given(cadences(), STARTS, st.integers(0, 4 * 366))
    def test_dateutil_expands_the_same_dates(self, cadence: Cadence, start: D, days: int) -> None:
        # RFC 5545 counts INTERVAL from DTSTART: DTSTART is the first occurrence.
        end = start + dt.timedelta(days=days)
        assert dateutil_dates(cadence, start, end) == occurrences(cadence, start, end)

    @given(cadences(), STARTS, st.integers(0, 2 * 366))
    def test_occurrences_are_sorted_in_range_and_match_the_cadence(
        self, cadence: Cadence, start: D, days: int
    ) -> None:
        end = start + dt.timedelta(days=days)
        result = occurrences(cadence, start, end)
        assert list(result) == sorted(set(result))
        assert all(start <= day <= end for day in result)
        if cadence.weekday is not None:
            assert {day.weekday() for day in result} <= {list(Weekday).index(cadence.weekday)}
        if cadence.day is not None:
            assert all(
                day.day == min(cadence.day, end_of_month(day.year, day.month).day) for day in result
            )

    @given(cadences(), STARTS, st.integers(0, 366))
    def test_review_times_keep_the_local_time(self, cadence: Cadence, start: D, days: int) -> None:
        end = start + dt.timedelta(days=days)
        times = review_times(cadence, start, end, PARIS)
        assert tuple(t.date() for t in times) == occurrences(cadence, start, end)
        expected = (cadence.time or DEFAULT_REVIEW_TIME).replace(fold=0)
        for when in times:
            assert when.utcoffset() is not None
            # Only a time in the one-hour spring gap (02:00-03:00) moves, by one hour.
            if not (dt.time(2) <= expected < dt.time(3)):
                assert when.timetz().replace(tzinfo=None) == expected


class TestExistingHelpers:
    def test_add_months_and_end_of_month(self) -> None:
        assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
        assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
        assert end_of_month(2028, 2) == D(2028, 2, 29)


class TestMonthsMatchPendulum:
    """The model's stdlib month arithmetic gives what pendulum's ``add(months=n)`` gives.

    ``add_months`` moved from pendulum to ``calendar.monthrange`` so that the model can
    resolve due dates without importing the engine; these tests hold the two together
    over the whole calendar, out-of-range results included.
    """

    @staticmethod
    def pendulum_add_months(start: dt.date, months: int) -> dt.date | type[ValueError]:
        try:
            moved = pendulum.Date(start.year, start.month, start.day).add(months=months)
        except ValueError:
            return ValueError
        return D(moved.year, moved.month, moved.day)

    @staticmethod
    def stdlib_add_months(start: dt.date, months: int) -> dt.date | type[ValueError]:
        try:
            return add_months(start, months)
        except ValueError:
            return ValueError

    @given(start=st.dates(), months=st.integers(-12 * 10_000, 12 * 10_000))
    @settings(max_examples=2000)
    def test_anywhere(self, start: dt.date, months: int) -> None:
        assert self.stdlib_add_months(start, months) == self.pendulum_add_months(start, months)

    @given(
        start=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)),
        months=st.integers(-600, 600),
    )
    @settings(max_examples=2000)
    def test_near_today(self, start: dt.date, months: int) -> None:
        # the dates missions use, where ends of months matter most
        assert self.stdlib_add_months(start, months) == self.pendulum_add_months(start, months)

    @pytest.mark.parametrize(
        ("start", "months"),
        [
            (D(2027, 1, 31), 1),
            (D(2028, 1, 31), 1),
            (D(2027, 3, 31), -1),
            (D(2028, 2, 29), 12),
            (D(2028, 2, 29), -48),
            (D(1, 1, 1), 12 * 9999 - 1),  # 9999-12-01, the last month there is
            (D(9999, 12, 31), -(12 * 9999 - 1)),  # 0001-01-31
            (D(9999, 12, 1), 1),  # year 10000: ValueError from both
            (D(1, 1, 31), -1),  # year 0: ValueError from both
        ],
    )
    def test_edges(self, start: dt.date, months: int) -> None:
        assert self.stdlib_add_months(start, months) == self.pendulum_add_months(start, months)

    @given(year=st.integers(dt.MINYEAR, dt.MAXYEAR), month=st.integers(1, 12))
    def test_end_of_month(self, year: int, month: int) -> None:
        last = pendulum.Date(year, month, 1).end_of("month")
        assert end_of_month(year, month) == D(last.year, last.month, last.day)

    def test_plain_dates_come_back(self) -> None:
        moved = add_months(pendulum.Date(2027, 1, 31), 1)
        assert type(moved) is dt.date
        assert moved == D(2027, 2, 28)
