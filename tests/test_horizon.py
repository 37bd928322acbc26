"""Horizons: when a milestone falls, relative to the mission start."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendorgov import Contract, Horizon, HorizonKind, ValidationError


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def resolve(horizon: str, start: str) -> dt.date:
    return Horizon.parse(horizon).resolve(d(start))


class TestHorizonParse:
    @pytest.mark.parametrize(
        "text", ["M+1", "M+6", "W+2", "D+10", "EOM", "EOQ", "EOY", "EOY@06", "2027-06-30"]
    )
    def test_round_trip(self, text: str) -> None:
        horizon = Horizon.parse(text)
        assert str(horizon) == text
        assert Horizon.parse(str(horizon)) == horizon

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("M+6", Horizon(kind=HorizonKind.MONTHS, count=6)),
            ("W+2", Horizon(kind=HorizonKind.WEEKS, count=2)),
            ("D+10", Horizon(kind=HorizonKind.DAYS, count=10)),
            ("EOM", Horizon(kind=HorizonKind.END_OF_MONTH)),
            ("EOQ", Horizon(kind=HorizonKind.END_OF_QUARTER)),
            ("EOY", Horizon(kind=HorizonKind.END_OF_YEAR)),
            ("EOY@06", Horizon(kind=HorizonKind.END_OF_YEAR, fiscal_year_end=6)),
            ("2027-06-30", Horizon(kind=HorizonKind.DATE, on=dt.date(2027, 6, 30))),
        ],
    )
    def test_fields(self, text: str, expected: Horizon) -> None:
        assert Horizon.parse(text) == expected

    def test_limits(self) -> None:
        assert Horizon.parse("M+1200").count == 1200
        assert Horizon.parse("W+5200").count == 5200
        assert Horizon.parse("D+36600").count == 36600

    @pytest.mark.parametrize(
        ("text", "path"),
        [
            ("M+0", "count"),
            ("W+0", "count"),
            ("D+0", "count"),
            ("M+1201", "count"),
            ("W+5201", "count"),
            ("D+36601", "count"),
            ("EOY@13", "fiscal_year_end"),
            ("EOY@00", "fiscal_year_end"),
        ],
    )
    def test_out_of_range(self, text: str, path: str) -> None:
        with pytest.raises(ValidationError) as info:
            Horizon.parse(text)
        assert [e.path for e in info.value.errors] == [path]

    @pytest.mark.parametrize(
        "text",
        [
            "M-1",
            "M+",
            "M+1.5",
            "M + 1",
            "m+1",
            "Y+1",
            "M+123456",
            "EOY@6",
            "EOY@",
            "EOY@006",
            "EOQ@03",
            "eoy",
            "X",
            "",
            "   ",
            "2027-6-30",
            "27-06-30",
            "2027/06/30",
            "2027-06-30T00:00",
        ],
    )
    def test_invalid_text(self, text: str) -> None:
        with pytest.raises(ValidationError) as info:
            Horizon.parse(text)
        assert [e.path for e in info.value.errors] == [""]
        assert "invalid horizon" in info.value.errors[0].message

    @pytest.mark.parametrize("text", ["2027-02-30", "2027-13-01", "2027-00-10", "2026-02-29"])
    def test_impossible_date(self, text: str) -> None:
        with pytest.raises(ValidationError) as info:
            Horizon.parse(text)
        assert info.value.errors[0].message.startswith(f"invalid date {text!r}")

    @pytest.mark.parametrize("value", [6, None, 1.5, dt.date(2027, 6, 30), b"M+1", ["M+1"]])
    def test_non_strings(self, value: object) -> None:
        with pytest.raises(ValidationError) as info:
            Horizon.parse(value)  # type: ignore[arg-type]
        assert [e.path for e in info.value.errors] == [""]

    @given(
        st.one_of(
            st.builds(
                Horizon,
                kind=st.sampled_from([HorizonKind.MONTHS]),
                count=st.integers(1, 1200),
            ),
            st.builds(Horizon, kind=st.just(HorizonKind.WEEKS), count=st.integers(1, 5200)),
            st.builds(Horizon, kind=st.just(HorizonKind.DAYS), count=st.integers(1, 36600)),
            st.builds(
                Horizon,
                kind=st.sampled_from(
                    [HorizonKind.END_OF_MONTH, HorizonKind.END_OF_QUARTER, HorizonKind.END_OF_YEAR]
                ),
            ),
            st.builds(
                Horizon,
                kind=st.just(HorizonKind.END_OF_YEAR),
                fiscal_year_end=st.integers(1, 12),
            ),
            st.builds(Horizon, kind=st.just(HorizonKind.DATE), on=st.dates()),
        )
    )
    def test_every_horizon_round_trips(self, horizon: Horizon) -> None:
        assert Horizon.parse(str(horizon)) == horizon


class TestHorizonConstruction:
    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"kind": HorizonKind.MONTHS}, "count"),
            ({"kind": HorizonKind.MONTHS, "count": -1}, "count"),
            ({"kind": HorizonKind.END_OF_MONTH, "count": 3}, "count"),
            ({"kind": HorizonKind.MONTHS, "count": 1, "fiscal_year_end": 6}, "fiscal_year_end"),
            ({"kind": HorizonKind.END_OF_YEAR, "fiscal_year_end": 0}, "fiscal_year_end"),
            ({"kind": HorizonKind.DATE}, "on"),
            ({"kind": HorizonKind.END_OF_MONTH, "on": dt.date(2027, 1, 1)}, "on"),
            ({"kind": "M", "count": 1}, "kind"),
            ({"kind": HorizonKind.MONTHS, "count": True}, "count"),
            ({"kind": HorizonKind.MONTHS, "count": "1"}, "count"),
            ({"kind": HorizonKind.DATE, "on": "2027-06-30"}, "on"),
        ],
    )
    def test_invalid_fields(self, fields: dict[str, object], path: str) -> None:
        with pytest.raises(ValidationError) as info:
            Horizon(**fields)  # type: ignore[arg-type]
        assert [e.path for e in info.value.errors] == [path]


class TestHorizonResolve:
    @pytest.mark.parametrize(
        ("horizon", "start", "due"),
        [
            # months: anchored on the start, clamped to the end of the month
            ("M+1", "2027-01-31", "2027-02-28"),
            ("M+1", "2028-01-31", "2028-02-29"),
            ("M+2", "2027-01-31", "2027-03-31"),  # not 03-28 (+1 month twice)
            ("M+3", "2027-01-31", "2027-04-30"),
            ("M+6", "2027-08-31", "2028-02-29"),
            ("M+6", "2027-03-15", "2027-09-15"),
            ("M+12", "2027-03-15", "2028-03-15"),
            ("M+12", "2028-02-29", "2029-02-28"),
            ("M+48", "2028-02-29", "2032-02-29"),
            ("M+1", "2027-12-15", "2028-01-15"),
            # weeks and days
            ("W+2", "2027-03-15", "2027-03-29"),
            ("W+2", "2027-12-25", "2028-01-08"),
            ("D+10", "2027-03-15", "2027-03-25"),
            ("D+10", "2028-02-25", "2028-03-06"),  # through 29 February 2028
            ("D+10", "2027-02-25", "2027-03-07"),  # no 29 February in 2027
            # end of month
            ("EOM", "2027-02-10", "2027-02-28"),
            ("EOM", "2028-02-10", "2028-02-29"),
            ("EOM", "2027-04-05", "2027-04-30"),
            # end of quarter
            ("EOQ", "2027-02-10", "2027-03-31"),
            ("EOQ", "2027-04-01", "2027-06-30"),
            ("EOQ", "2027-09-30", "2027-09-30"),
            ("EOQ", "2027-11-30", "2027-12-31"),
            # end of the calendar year
            ("EOY", "2027-03-15", "2027-12-31"),
            ("EOY", "2027-01-01", "2027-12-31"),
            # end of a fiscal year ending in June: the first 30 June on or after the start
            ("EOY@06", "2027-03-15", "2027-06-30"),
            ("EOY@06", "2027-06-30", "2027-06-30"),
            ("EOY@06", "2027-07-01", "2028-06-30"),
            ("EOY@02", "2027-03-01", "2028-02-29"),
            ("EOY@12", "2027-03-15", "2027-12-31"),
            ("EOY@01", "2027-03-15", "2028-01-31"),
            # an absolute date ignores the start
            ("2027-06-30", "2027-03-15", "2027-06-30"),
            ("2027-06-30", "2030-01-01", "2027-06-30"),
        ],
    )
    def test_due_date(self, horizon: str, start: str, due: str) -> None:
        resolved = resolve(horizon, start)
        assert resolved == d(due)
        assert type(resolved) is dt.date

    def test_anchored_not_repeated(self) -> None:
        start = d("2027-01-31")
        twice = Horizon.parse("M+1").resolve(Horizon.parse("M+1").resolve(start))
        assert twice == d("2027-03-28")
        assert Horizon.parse("M+2").resolve(start) == d("2027-03-31")

    @given(
        start=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2900, 12, 31)),
        months=st.integers(1, 1200),
    )
    def test_months_match_calendar_arithmetic(self, start: dt.date, months: int) -> None:
        index = start.year * 12 + start.month - 1 + months
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        expected = dt.date(year, month + 1, min(start.day, last))
        assert Horizon(kind=HorizonKind.MONTHS, count=months).resolve(start) == expected


class TestContractTermEnd:
    @pytest.mark.parametrize(
        ("effective", "months", "end"),
        [
            # the day before the anniversary: 2028-03-01 - 1 day, a leap year
            ("2027-03-01", 12, "2028-02-29"),
            ("2026-03-01", 12, "2027-02-28"),
            ("2027-01-15", 1, "2027-02-14"),
            ("2027-03-15", 6, "2027-09-14"),
        ],
    )
    def test_duration(self, effective: str, months: int, end: str) -> None:
        contract = Contract(reference="CTR-1", effective=d(effective), duration_months=months)
        assert contract.term_end == d(end)

    def test_end_date(self) -> None:
        contract = Contract(reference="CTR-1", effective=d("2027-03-01"), end=d("2027-12-31"))
        assert contract.term_end == d("2027-12-31")
