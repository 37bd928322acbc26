"""The governance calendar: ``vendorgov.calendar`` (``vendorgov._calendar``).

Every test parses the text back with ``icalendar`` and checks the events and
their times; recurring events are expanded with ``dateutil`` (a test
dependency) and compared with the engine (``review_times``,
``reporting_compliance``), instant by instant.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import subprocess
import sys
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import icalendar
import pytest
from dateutil.rrule import rrulestr  # type: ignore[import-untyped]

import vendorgov
from factories import (
    action,
    contract,
    fulfilment,
    minimal_mission,
    review,
    rich_mission,
    target,
)
from vendorgov import (
    ActionStatus,
    AgendaItem,
    Cadence,
    Direction,
    Frequency,
    Horizon,
    Kickoff,
    Kpi,
    Milestone,
    Mission,
    Party,
    Renewal,
    Reporting,
    Termination,
    ValidationError,
    Weekday,
    examples,
    mission_end,
    reporting_compliance,
    review_times,
)
from vendorgov._calendar import _vtimezone, calendar

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = dt.UTC
DEMOS = examples.DEMO_KEYS


def parse(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def events(text: str) -> list[icalendar.Event]:
    return [event for event in parse(text).walk("VEVENT") if isinstance(event, icalendar.Event)]


def value(prop: Any) -> str:
    """A property's value as written (without the name and parameters)."""
    written = prop.to_ical()
    return written.decode() if isinstance(written, bytes) else str(written)


def titled(text: str, prefix: str) -> list[icalendar.Event]:
    """The events whose SUMMARY starts with ``prefix``."""
    return [event for event in events(text) if str(event["SUMMARY"]).startswith(prefix)]


def one(text: str, prefix: str) -> icalendar.Event:
    found = titled(text, prefix)
    assert len(found) == 1, [str(event["SUMMARY"]) for event in events(text)]
    return found[0]


def expand(event: icalendar.Event) -> list[Any]:
    """The occurrences of a recurring event, by dateutil from DTSTART and RRULE."""
    start = event.decoded("DTSTART")
    rule = value(event["RRULE"])
    if isinstance(start, dt.datetime):
        return list(rrulestr(rule, dtstart=start))
    return [day.date() for day in rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))]


def all_day(event: icalendar.Event) -> tuple[dt.date, dt.date]:
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is dt.date
    assert type(end) is dt.date
    assert event["DTSTART"].to_ical().isdigit()  # written as DATE, not DATE-TIME
    return start, end


def weekly(weekday: Weekday, hour: int = 10, minute: int = 0, **changes: Any) -> Cadence:
    return Cadence(
        frequency=Frequency.WEEKLY, weekday=weekday, time=dt.time(hour, minute), **changes
    )


def monthly_reporting(day: int = 5, grace: int = 2) -> Reporting:
    return Reporting(cadence=Cadence(frequency=Frequency.MONTHLY, day=day), grace_days=grace)


def with_contract(mission_changes: dict[str, Any] | None = None, **changes: Any) -> Mission:
    """A minimal mission with a contract (and the activity its fee names)."""
    fields = {"activities": (fulfilment(),), "contract": contract(**changes)}
    return minimal_mission(**(fields | (mission_changes or {})))


def text_value(prop: Any) -> str:
    """A TEXT property's value, unescaped as RFC 5545 §3.3.11 says.

    icalendar parses NAME and the X-WR- properties as unknown, raw values.
    """
    escapes = {"\\\\": "\\", "\\;": ";", "\\,": ",", "\\n": "\n", "\\N": "\n"}
    raw = prop.to_ical().decode()
    return re.sub(r"\\[\\;,nN]", lambda match: escapes[match.group()], raw)


# -- the calendar itself -------------------------------------------------------------------
class TestCalendarProperties:
    def test_header(self) -> None:
        mission = examples.demo_mission("logistique")
        cal = parse(calendar(mission))
        assert str(cal["VERSION"]) == "2.0"
        assert str(cal["CALSCALE"]) == "GREGORIAN"
        assert str(cal["PRODID"]).startswith("-//vendorgov//vendorgov ")
        assert str(cal["PRODID"]).endswith("//FR")
        assert str(parse(calendar(mission, lang="en"))["PRODID"]).endswith("//EN")
        assert text_value(cal["X-WR-CALNAME"]) == "Logistique e-commerce"
        assert text_value(cal["NAME"]) == "Logistique e-commerce"
        assert text_value(cal["X-WR-CALDESC"]) == mission.description
        assert text_value(cal["DESCRIPTION"]) == mission.description
        assert str(cal["X-WR-TIMEZONE"]) == "Europe/Paris"

    def test_crlf_line_ends(self) -> None:
        text = calendar(examples.demo_mission("community"))
        assert text.endswith("END:VCALENDAR\r\n")
        assert "\n" not in text.replace("\r\n", "")

    @pytest.mark.parametrize("key", DEMOS)
    def test_the_vtimezone_comes_first_and_covers_every_tzid(self, key: str) -> None:
        cal = parse(calendar(examples.demo_mission(key)))
        assert cal.subcomponents[0].name == "VTIMEZONE"
        assert [tz.tz_name for tz in cal.timezones] == ["Europe/Paris"]
        assert cal.get_missing_tzids() == set()
        assert cal.get_used_tzids() == {"Europe/Paris"}

    @pytest.mark.parametrize("key", DEMOS)
    def test_every_event_has_uid_dtstamp_summary_and_start(self, key: str) -> None:
        for event in events(calendar(examples.demo_mission(key))):
            for name in ("UID", "DTSTAMP", "SUMMARY", "DTSTART"):
                assert name in event
            assert "DTEND" in event or "DURATION" in event

    def test_demo_event_list(self) -> None:
        text = calendar(examples.demo_mission("logistique"), lang="en")
        titles = [str(event["SUMMARY"]).split(" — ")[0] for event in events(text)]
        assert titles == [
            "Kickoff meeting",
            "Monthly review",
            "Milestone M+1",
            "Milestone M+6",
            "Milestone Fin d'année",
            "Weekly report due",
            "Corrective action",
            "Corrective action",
            "Corrective action",
            "Corrective action",
            # the initial term's, the first renewal's (in force on 2027-07-27, the last
            # day something was recorded) and the next one's
            "Notice deadline",
            "Notice deadline",
            "Notice deadline",
            "Contract ends",
            "Vigilance certificate due",
            "Insurance certificate expires",
        ]

    def test_mission_in_utc(self) -> None:
        mission = rich_mission(timezone="UTC", review_cadence=weekly(Weekday.MO))
        text = calendar(mission, lang="en")
        kickoff = one(text, "Kickoff")
        assert kickoff["DTSTART"].to_ical() == b"20270310T083000Z"
        assert "TZID" not in kickoff["DTSTART"].params
        assert [tz.tz_name for tz in parse(text).timezones] == ["UTC"]


class TestArguments:
    def test_languages(self) -> None:
        mission = examples.demo_mission("logistique")
        assert one(calendar(mission), "Point d'étape mensuel — LogiDauphiné SAS")
        assert one(calendar(mission, lang="en"), "Monthly review — LogiDauphiné SAS")
        spanish = calendar(mission, lang="es")
        assert one(spanish, "Reunión de seguimiento mensual — LogiDauphiné SAS")

    def test_unknown_language(self) -> None:
        with pytest.raises(ValidationError, match=r"lang: unknown language 'de': expected one of"):
            calendar(minimal_mission(), lang="de")

    def test_not_a_mission(self) -> None:
        with pytest.raises(ValidationError, match="mission: expected a Mission, got dict"):
            calendar({"key": "x"})  # type: ignore[arg-type]

    def test_public_name(self) -> None:
        assert vendorgov.calendar is calendar
        assert "calendar" in vendorgov.__all__

    def test_import_vendorgov_does_not_import_icalendar(self) -> None:
        code = "import sys, vendorgov; print('icalendar' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
        )
        assert out.stdout.strip() == "False"


# -- kickoff ------------------------------------------------------------------------------
class TestKickoff:
    def test_timed_in_the_mission_timezone(self) -> None:
        text = calendar(examples.demo_mission("logistique"), lang="en")
        kickoff = one(text, "Kickoff meeting — LogiDauphiné SAS")
        # scheduled as 09:30+01:00 in the file; written with the mission's TZID
        assert kickoff["DTSTART"].params["TZID"] == "Europe/Paris"
        assert kickoff["DTSTART"].to_ical() == b"20260223T093000"
        start = kickoff.decoded("DTSTART")
        assert start == dt.datetime(2026, 2, 23, 9, 30, tzinfo=PARIS)
        # the agenda's minutes: 15 + 20 + 30 + 30 + 20 + 15 + 30 = 160
        assert kickoff.decoded("DTEND") - start == dt.timedelta(minutes=160)
        assert str(kickoff["LOCATION"]) == "Entrepôt LogiDauphiné, Saint-Quentin-Fallavier"
        assert "- Visite de l'entrepôt (30 min, Karim Benali)" in str(kickoff["DESCRIPTION"])

    def test_converted_from_another_offset(self) -> None:
        scheduled = dt.datetime(2027, 3, 10, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        mission = minimal_mission(kickoff=Kickoff(scheduled=scheduled))
        kickoff = one(calendar(mission, lang="en"), "Kickoff")
        assert kickoff["DTSTART"].to_ical() == b"20270310T140000"  # 13:00 UTC, 14:00 in Paris
        assert kickoff["DTSTART"].params["TZID"] == "Europe/Paris"

    def test_two_hours_without_an_agenda(self) -> None:
        mission = rich_mission()  # scheduled 2027-03-10 09:30+01:00, no agenda
        kickoff = one(calendar(mission, lang="en"), "Kickoff")
        assert kickoff["DTEND"].to_ical() == b"20270310T113000"
        assert "LOCATION" not in kickoff

    def test_all_day_when_only_held_on(self) -> None:
        mission = minimal_mission(kickoff=Kickoff(held_on=dt.date(2027, 3, 12)))
        kickoff = one(calendar(mission, lang="en"), "Kickoff")
        assert all_day(kickoff) == (dt.date(2027, 3, 12), dt.date(2027, 3, 13))

    def test_all_day_when_held_another_day(self) -> None:
        scheduled = dt.datetime(2027, 3, 10, 9, 30, tzinfo=PARIS)
        mission = minimal_mission(
            kickoff=Kickoff(scheduled=scheduled, held_on=dt.date(2027, 3, 11))
        )
        kickoff = one(calendar(mission, lang="en"), "Kickoff")
        assert all_day(kickoff) == (dt.date(2027, 3, 11), dt.date(2027, 3, 12))

    def test_timed_when_held_on_the_scheduled_day(self) -> None:
        scheduled = dt.datetime(2027, 3, 10, 23, 30, tzinfo=UTC)  # 00:30 on the 11th in Paris
        mission = minimal_mission(
            kickoff=Kickoff(
                scheduled=scheduled,
                held_on=dt.date(2027, 3, 11),
                agenda=(AgendaItem(title="Tour de table", minutes=45),),
            )
        )
        kickoff = one(calendar(mission, lang="en"), "Kickoff")
        assert kickoff["DTSTART"].to_ical() == b"20270311T003000"
        assert kickoff["DTEND"].to_ical() == b"20270311T011500"

    def test_no_event_without_a_date(self) -> None:
        mission = minimal_mission(kickoff=Kickoff(location="Lyon"))
        assert titled(calendar(mission, lang="en"), "Kickoff") == []


# -- reviews ------------------------------------------------------------------------------
class TestReviews:
    def test_demo_rule(self) -> None:
        mission = examples.demo_mission("logistique")  # the first Tuesday, 10:00, 60 min
        review_event = one(calendar(mission, lang="en"), "Monthly review")
        # On 2027-07-27 (the last record) the first renewal term runs, to 2028-03-01.
        assert review_event["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20280301T225959Z;BYDAY=1TU"
        assert review_event["DTSTART"].to_ical() == b"20260303T100000"
        assert review_event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert review_event.decoded("DURATION") == dt.timedelta(minutes=60)
        assert "DTEND" not in review_event

    def test_until_is_the_end_of_the_mission_in_utc(self) -> None:
        # summer: the last second of 2027-07-31 in Paris is 21:59:59 UTC
        mission = minimal_mission(
            start=dt.date(2027, 3, 1), end=dt.date(2027, 7, 31), review_cadence=weekly(Weekday.FR)
        )
        review_event = one(calendar(mission, lang="en"), "Weekly review")
        rule: Any = review_event["RRULE"]
        until = rule["UNTIL"][0]
        assert until == dt.datetime(2027, 7, 31, 21, 59, 59, tzinfo=UTC)

    @pytest.mark.parametrize("key", DEMOS)
    def test_demo_expansion_is_review_times(self, key: str) -> None:
        mission = examples.demo_mission(key)
        assert mission.review_cadence is not None
        review_event = one(calendar(mission, lang="en"), "Monthly review")
        end = mission_end(mission, review_event.decoded("DTSTAMP").date())
        expected = review_times(mission.review_cadence, mission.start, end, PARIS)
        assert [when.astimezone(UTC) for when in expand(review_event)] == [
            when.astimezone(UTC) for when in expected
        ]
        # logistique lives its first tacit renewal: two years of monthly reviews
        assert len(expected) == (24 if key == "logistique" else 12)

    def test_ten_o_clock_local_across_the_change_to_summer_time(self) -> None:
        # the last Sunday of March 2027 is the 28th
        mission = minimal_mission(
            start=dt.date(2027, 3, 15), end=dt.date(2027, 4, 12), review_cadence=weekly(Weekday.MO)
        )
        review_event = one(calendar(mission, lang="en"), "Weekly review")
        assert review_event["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270412T215959Z;BYDAY=MO"
        instants = [when.astimezone(UTC) for when in expand(review_event)]
        assert [when.astimezone(PARIS).strftime("%m-%d %H:%M%z") for when in instants] == [
            "03-15 10:00+0100",
            "03-22 10:00+0100",
            "03-29 10:00+0200",
            "04-05 10:00+0200",
            "04-12 10:00+0200",
        ]
        assert [when.hour for when in instants] == [9, 9, 8, 8, 8]
        expected = review_times(weekly(Weekday.MO), mission.start, mission.end, PARIS)
        assert instants == [when.astimezone(UTC) for when in expected]

    def test_first_review_in_the_spring_forward_gap(self) -> None:
        # 02:30 does not exist on 2027-03-28 in Paris: DTSTART keeps the time as
        # written, and every later Sunday is at 02:30
        cadence = weekly(Weekday.SU, 2, 30)
        mission = minimal_mission(
            start=dt.date(2027, 3, 28), end=dt.date(2027, 4, 11), review_cadence=cadence
        )
        review_event = one(calendar(mission, lang="en"), "Weekly review")
        assert review_event["DTSTART"].to_ical() == b"20270328T023000"
        expected = review_times(cadence, mission.start, mission.end, PARIS)
        assert [when.isoformat() for when in expected] == [
            "2027-03-28T03:30:00+02:00",
            "2027-04-04T02:30:00+02:00",
            "2027-04-11T02:30:00+02:00",
        ]
        assert [when.astimezone(UTC) for when in expand(review_event)] == [
            when.astimezone(UTC) for when in expected
        ]

    @pytest.mark.parametrize(
        "cadence",
        [
            Cadence(frequency=Frequency.MONTHLY, day=31, time=dt.time(17, 0)),
            Cadence(frequency=Frequency.MONTHLY, day=30),
            Cadence(frequency=Frequency.QUARTERLY, nth=-1, weekday=Weekday.FR),
            Cadence(frequency=Frequency.WEEKLY, interval=2, weekday=Weekday.WE),
            weekly(Weekday.SU, 2, 30),  # in the gap in March, twice in October
        ],
        ids=["31st", "30th", "last-friday-quarterly", "every-other-wednesday", "sunday-0230"],
    )
    def test_expansion_of_other_cadences(self, cadence: Cadence) -> None:
        mission = minimal_mission(
            start=dt.date(2027, 1, 31), end=dt.date(2028, 6, 30), review_cadence=cadence
        )
        review_event = next(
            event for event in events(calendar(mission, lang="en")) if "RRULE" in event
        )
        expected = review_times(cadence, mission.start, mission.end, PARIS)
        assert [when.astimezone(UTC) for when in expand(review_event)] == [
            when.astimezone(UTC) for when in expected
        ]

    def test_titles(self) -> None:
        def title(cadence: Cadence, lang: str) -> str:
            mission = minimal_mission(review_cadence=cadence)
            found = [e for e in events(calendar(mission, lang=lang)) if "RRULE" in e]
            return str(found[0]["SUMMARY"])

        quarterly = Cadence(frequency=Frequency.QUARTERLY, day=1)
        fortnightly = weekly(Weekday.MO, interval=2)
        assert title(quarterly, "fr") == "Point d'étape trimestriel — LogiNord SAS"
        assert title(quarterly, "en") == "Quarterly review — LogiNord SAS"
        assert title(fortnightly, "fr") == "Point d'étape toutes les 2 semaines — LogiNord SAS"
        assert title(fortnightly, "en") == "Review every 2 weeks — LogiNord SAS"

    def test_duration_from_the_cadence(self) -> None:
        mission = minimal_mission(review_cadence=weekly(Weekday.TU, duration_minutes=90))
        review_event = one(calendar(mission, lang="en"), "Weekly review")
        assert review_event["DURATION"].to_ical() == b"PT1H30M"

    def test_no_event_without_an_occurrence(self) -> None:
        # the 5th of the month never falls in a mission from the 10th to the 30th
        cadence = Cadence(frequency=Frequency.MONTHLY, day=5)
        mission = minimal_mission(
            start=dt.date(2027, 3, 10), end=dt.date(2027, 3, 30), review_cadence=cadence
        )
        assert [e for e in events(calendar(mission)) if "RRULE" in e] == []


# -- milestones ---------------------------------------------------------------------------
class TestMilestones:
    def test_all_day_on_the_due_dates(self) -> None:
        text = calendar(rich_mission(), lang="en")
        found = titled(text, "Milestone")
        assert [str(event["SUMMARY"]) for event in found] == [
            "Milestone M+1 — LogiNord SAS",
            "Milestone M+6 — LogiNord SAS",
            "Milestone EOY — LogiNord SAS",
        ]
        assert [all_day(event) for event in found] == [
            (dt.date(2027, 4, 15), dt.date(2027, 4, 16)),
            (dt.date(2027, 9, 15), dt.date(2027, 9, 16)),
            (dt.date(2027, 12, 31), dt.date(2028, 1, 1)),
        ]
        assert all(str(event["TRANSP"]) == "TRANSPARENT" for event in found)
        assert "DTSTART;VALUE=DATE:20270415\r\n" in text

    def test_one_month_after_the_31st_of_january_is_the_end_of_february(self) -> None:
        milestone = Milestone(name="M+1", horizon=Horizon.parse("M+1"))
        for start, due in ((dt.date(2027, 1, 31), "20270228"), (dt.date(2028, 1, 31), "20280229")):
            mission = minimal_mission(
                start=start, end=start + dt.timedelta(days=365), milestones=(milestone,)
            )
            event = one(calendar(mission, lang="en"), "Milestone M+1")
            assert value(event["DTSTART"]) == due

    def test_targets_in_the_description(self) -> None:
        en = str(one(calendar(rich_mission(), lang="en"), "Milestone M+6")["DESCRIPTION"])
        assert en.splitlines() == [
            "Milestone M+6 of the mission “Logistique e-commerce”: September 15, 2027.",
            "",
            "Targets (threshold):",
            "- On-time shipping: 98% (threshold 95%)",
            "- Damage rate: 0.5% (threshold 1%)",
        ]
        fr = str(one(calendar(rich_mission()), "Palier M+6")["DESCRIPTION"])
        # French typography (narrow no-break spaces) and dates that keep to one line
        assert "- Damage rate\u202f: 0,5\u00a0% (seuil 1\u00a0%)" in fr.splitlines()
        assert "le 15\u00a0septembre\u00a02027" in fr
        es = str(one(calendar(rich_mission(), lang="es"), "Hito M+6")["DESCRIPTION"])
        assert es.splitlines()[-1] == "- Damage rate: 0,5\u00a0% (umbral 1\u00a0%)"
        assert "15 de septiembre de 2027" in es

    def test_units_and_long_values(self) -> None:
        kpi = Kpi(key="lead_time", name="Lead time", unit="h", direction=Direction.LOWER)
        milestone = Milestone(
            name="M+1",
            horizon=Horizon.parse("M+1"),
            targets=(target("lead_time", "1234.5678", "2000"),),
            description="Premier palier",
        )
        mission = minimal_mission(kpis=(kpi,), milestones=(milestone,))
        lines = str(one(calendar(mission, lang="en"), "Milestone")["DESCRIPTION"]).splitlines()
        assert lines[0] == "Premier palier"
        assert lines[-1] == "- Lead time: 1,234.5678\u00a0h (threshold 2,000\u00a0h)"


# -- reports ------------------------------------------------------------------------------
def report_dues(mission: Mission) -> list[dt.date]:
    """The due dates of the engine's reporting check, with every one of them due (over the
    initial term: renewal terms do not extend the reporting horizon yet)."""
    return [line.due for line in reporting_compliance(mission, dt.date.max).lines]


class TestReports:
    @pytest.mark.parametrize("key", DEMOS)
    def test_demo_expansion_is_the_reporting_due_dates(self, key: str) -> None:
        mission = examples.demo_mission(key)
        event = one(
            calendar(mission, lang="en"),
            "Weekly report due" if key == "logistique" else "Monthly report due",
        )
        dues = report_dues(mission)
        assert expand(event) == dues
        assert all_day(event) == (dues[0], dues[0] + dt.timedelta(days=1))
        assert str(event["TRANSP"]) == "TRANSPARENT"

    def test_weekly_demo_rule(self) -> None:
        event = one(calendar(examples.demo_mission("logistique"), lang="en"), "Weekly report")
        # reports are due over the initial term only (renewal terms are not checked yet)
        assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20270301;BYDAY=MO"
        assert event["DTSTART"].to_ical() == b"20260309"  # the start day, a Monday, is skipped
        assert len(expand(event)) == 52
        description = str(event["DESCRIPTION"])
        assert "grace period: 1 day." in description
        assert "Recipients: julien.bernard@maison-lumiere.example and " in description

    def test_the_contract_term_ends_the_horizon(self) -> None:
        # the mission runs to 2028-03-14, the contract's term to 2027-09-14
        mission = with_contract(
            effective=dt.date(2027, 3, 15), duration_months=6, reporting=monthly_reporting()
        )
        event = one(calendar(mission, lang="en"), "Monthly report due")
        assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;UNTIL=20270914;BYMONTHDAY=5"
        dues = report_dues(mission)
        assert expand(event) == dues
        assert dues[0] == dt.date(2027, 4, 5)
        assert dues[-1] == dt.date(2027, 9, 5)

    def test_every_other_month_on_the_31st_from_a_start_on_a_due_day(self) -> None:
        reporting = Reporting(cadence=Cadence(frequency=Frequency.MONTHLY, interval=2, day=31))
        mission = with_contract(
            {"start": dt.date(2027, 1, 31), "end": dt.date(2028, 1, 30)},
            effective=dt.date(2027, 1, 31),
            reporting=reporting,
        )
        event = one(calendar(mission, lang="en"), "Report due (every 2 months)")
        dues = report_dues(mission)
        assert dues[0] == dt.date(2027, 3, 31)  # not the start day
        assert expand(event) == dues

    def test_no_event_without_a_reporting_clause_or_a_due_date(self) -> None:
        assert titled(calendar(rich_mission(), lang="en"), "Monthly report") == []
        short = with_contract(
            {"start": dt.date(2027, 3, 10), "end": dt.date(2027, 3, 30)},
            effective=dt.date(2027, 3, 10),
            reporting=monthly_reporting(),
        )
        assert report_dues(short) == []
        assert titled(calendar(short, lang="en"), "Monthly report") == []


# -- corrective actions -----------------------------------------------------------------------
class TestActions:
    def mission(self) -> Mission:
        actions = (
            action("ca_01", due=dt.date(2027, 5, 15)),
            action(
                "ca_02",
                description="Revoir le calage",
                due=dt.date(2027, 5, 20),
                status=ActionStatus.DONE,
                closed_on=dt.date(2027, 5, 18),
                kpi="on_time_shipping",
                root_cause="Cartons trop grands",
            ),
            action(
                "ca_03",
                description="Changer de transporteur",
                due=dt.date(2027, 6, 1),
                status=ActionStatus.CANCELLED,
                closed_on=dt.date(2027, 5, 25),
            ),
        )
        return rich_mission(reviews=(review(corrective_actions=actions),))

    def test_every_action_on_its_due_date(self) -> None:
        found = titled(calendar(self.mission(), lang="en"), "Corrective action")
        assert [str(event["SUMMARY"]) for event in found] == [
            "Corrective action — Renforcer l'équipe du samedi",
            "Corrective action — Revoir le calage (done)",
            "Corrective action — Changer de transporteur (cancelled)",
        ]
        assert [all_day(event)[0] for event in found] == [
            dt.date(2027, 5, 15),
            dt.date(2027, 5, 20),
            dt.date(2027, 6, 1),
        ]
        assert [event.get("STATUS") for event in found] == [None, None, "CANCELLED"]

    def test_descriptions(self) -> None:
        found = titled(calendar(self.mission(), lang="en"), "Corrective action")
        assert str(found[0]["DESCRIPTION"]).splitlines() == [
            "Owner: Paul Roux",
            "Status: open, due May 15, 2027",
            "Decided at the review of April 16, 2027.",
        ]
        assert str(found[1]["DESCRIPTION"]).splitlines() == [
            "Owner: Paul Roux",
            "Status: done on May 18, 2027",
            "KPI: On-time shipping",
            "Decided at the review of April 16, 2027.",
            "Root cause: Cartons trop grands",
        ]
        fr = titled(calendar(self.mission()), "Action corrective")
        assert str(fr[2]["SUMMARY"]) == "Action corrective — Changer de transporteur (annulée)"
        assert "Statut\u202f: annulée le 25\u00a0mai\u00a02027" in str(fr[2]["DESCRIPTION"])

    @pytest.mark.parametrize("key", DEMOS)
    def test_demo_actions(self, key: str) -> None:
        mission = examples.demo_mission(key)
        actions = [a for r in mission.reviews for a in r.corrective_actions]
        found = titled(calendar(mission, lang="en"), "Corrective action")
        assert [all_day(event)[0] for event in found] == [a.due for a in actions]


# -- contract deadlines -----------------------------------------------------------------------
class TestContractDeadlines:
    def test_demo_notice_and_end(self) -> None:
        text = calendar(examples.demo_mission("logistique"), lang="en")
        # term end 2027-03-01, 90 days of notice for the tacit renewal; the renewal terms
        # end on 2028-03-01 (deadline 90 days before: 2027-12-02) and 2029-03-01
        # (2028-12-01)
        notices = titled(text, "Notice deadline — LogiDauphiné SAS")
        assert [all_day(event)[0] for event in notices] == [
            dt.date(2026, 12, 1),
            dt.date(2027, 12, 2),
            dt.date(2028, 12, 1),
        ]
        notice = notices[0]
        assert all_day(notice) == (dt.date(2026, 12, 1), dt.date(2026, 12, 2))
        assert "(March 1, 2028)" in str(notices[1]["DESCRIPTION"])
        assert str(notice["DESCRIPTION"]).splitlines() == [
            "Last day to give the 90 days notice before the end of contract ML-2026-LOG-01 "
            "(March 1, 2027).",
            "Without notice, the contract renews automatically for 12 months.",
        ]
        end = one(text, "Contract ends — LogiDauphiné SAS")
        assert all_day(end) == (dt.date(2027, 3, 1), dt.date(2027, 3, 2))

    def test_a_tacit_renewal_has_a_notice_deadline(self) -> None:
        mission = with_contract(
            renewal=Renewal(tacit=True, notice_days=30), termination=Termination(notice_days=60)
        )
        text = calendar(mission, lang="en")
        # effective 2027-03-01 for 12 months: the term ends on 2028-02-29;
        # 30 days before it: 2028-01-30 (the termination's 60 days play no part). The
        # next term, 2028-03-01..2029-02-28, has its deadline on 2029-01-29.
        assert all_day(one(text, "Contract ends"))[0] == dt.date(2028, 2, 29)
        assert [all_day(event)[0] for event in titled(text, "Notice deadline")] == [
            dt.date(2028, 1, 30),
            dt.date(2029, 1, 29),
        ]

    @pytest.mark.parametrize(
        "clauses",
        [
            {"renewal": Renewal(tacit=False, notice_days=30)},
            {"termination": Termination(notice_days=1)},
            {"renewal": Renewal(tacit=False), "termination": Termination(notice_days=60)},
        ],
    )
    def test_no_deadline_when_the_contract_simply_ends(self, clauses: dict[str, object]) -> None:
        # Without a tacit renewal no notice is needed for the contract to end at its
        # term: as for the NOTICE_DEADLINE_SOON finding, there is no deadline to show.
        text = calendar(with_contract(**clauses), lang="en")
        assert titled(text, "Notice deadline") == []
        assert len(titled(text, "Contract ends")) == 1

    def test_no_notice_without_renewal_or_termination(self) -> None:
        text = calendar(with_contract(), lang="en")
        assert titled(text, "Notice deadline") == []
        assert len(titled(text, "Contract ends")) == 1


# -- identity and determinism ---------------------------------------------------------------
def uids(text: str) -> dict[str, str]:
    return {str(event["SUMMARY"]): str(event["UID"]) for event in events(text)}


class TestStableUids:
    @pytest.mark.parametrize("key", DEMOS)
    def test_unique_and_the_same_on_every_run(self, key: str) -> None:
        mission = examples.demo_mission(key)
        first = [str(event["UID"]) for event in events(calendar(mission))]
        assert len(set(first)) == len(first)
        assert all(uid.endswith("@vendorgov") for uid in first)
        assert [str(event["UID"]) for event in events(calendar(mission))] == first

    def test_the_language_does_not_change_them(self) -> None:
        mission = examples.demo_mission("community")
        fr = [str(event["UID"]) for event in events(calendar(mission))]
        en = [str(event["UID"]) for event in events(calendar(mission, lang="en"))]
        assert fr == en

    def test_a_changed_mission_keeps_the_uids_of_its_events(self) -> None:
        mission = examples.demo_mission("logistique")
        before = events(calendar(mission, lang="en"))
        # a new review with a new action, a closed action, a moved milestone,
        # another review time, a longer notice
        first_review = mission.reviews[0]
        closed = attrs.evolve(
            mission.reviews[1],
            corrective_actions=tuple(
                attrs.evolve(item, status=ActionStatus.DONE, closed_on=dt.date(2026, 10, 29))
                if item.status is ActionStatus.OPEN
                else item
                for item in mission.reviews[1].corrective_actions
            ),
        )
        new_review = review(
            on=dt.date(2026, 12, 1),
            corrective_actions=(action("ca_log_05", due=dt.date(2027, 1, 15)),),
        )
        assert mission.contract is not None
        assert mission.contract.renewal is not None
        assert mission.review_cadence is not None
        changed = attrs.evolve(
            mission,
            reviews=(first_review, closed, new_review),
            milestones=(
                attrs.evolve(mission.milestones[0], horizon=Horizon.parse("W+6")),
                *mission.milestones[1:],
            ),
            review_cadence=attrs.evolve(mission.review_cadence, time=dt.time(14, 0)),
            contract=attrs.evolve(
                mission.contract,
                renewal=attrs.evolve(mission.contract.renewal, notice_days=120),
            ),
        )
        after = events(calendar(changed, lang="en"))
        assert len(after) == len(before) + 1
        old = [str(event["UID"]) for event in before]
        new = [str(event["UID"]) for event in after]
        # same events, same order, one more action before the notice and the end
        assert new[:10] + new[11:] == old
        assert new[10] not in old
        moved = after[2]
        assert moved.decoded("DTSTART") == dt.date(2026, 4, 13)
        assert str(moved["UID"]) == str(before[2]["UID"])

    def test_different_missions_differ(self) -> None:
        a = {str(event["UID"]) for event in events(calendar(rich_mission()))}
        b = {str(event["UID"]) for event in events(calendar(rich_mission(key="entrepot")))}
        assert a.isdisjoint(b)


class TestDtstamp:
    def test_the_latest_recorded_date_of_the_demo(self) -> None:
        # the last record of the logistics demo: the vigilance certificate of 2027-07-27
        for event in events(calendar(examples.demo_mission("logistique"))):
            assert event["DTSTAMP"].to_ical() == b"20270727T000000Z"

    def test_the_start_when_nothing_is_recorded(self) -> None:
        text = calendar(
            minimal_mission(milestones=(Milestone(name="M+1", horizon=Horizon.parse("M+1")),))
        )
        assert one(text, "Palier")["DTSTAMP"].to_ical() == b"20270315T000000Z"

    def test_plans_do_not_move_it_records_do(self) -> None:
        mission = rich_mission()  # latest record: the action closed on 2027-05-02
        stamp = one(calendar(mission), "Palier M+1")["DTSTAMP"].to_ical()
        assert stamp == b"20270502T000000Z"
        planned = attrs.evolve(mission, review_cadence=weekly(Weekday.MO))
        assert one(calendar(planned), "Palier M+1")["DTSTAMP"].to_ical() == stamp
        recorded = mission.with_review(review(on=dt.date(2027, 6, 3)))
        assert one(calendar(recorded), "Palier M+1")["DTSTAMP"].to_ical() == b"20270603T000000Z"

    def test_a_measurement_at_a_datetime_counts_on_its_local_day(self) -> None:
        late = dt.datetime(2027, 6, 30, 23, 30, tzinfo=UTC)  # 2027-07-01 01:30 in Paris
        mission = rich_mission().with_measurements(
            attrs.evolve(rich_mission().measurements[0], at=late)
        )
        assert one(calendar(mission), "Palier M+1")["DTSTAMP"].to_ical() == b"20270701T000000Z"


_IN_A_SUBPROCESS = """
import sys, vendorgov
text = vendorgov.calendar(vendorgov.examples.demo_mission("site_web"), lang="en")
sys.stdout.buffer.write(text.encode())
"""


class TestDeterminism:
    @pytest.mark.parametrize("key", DEMOS)
    def test_byte_identical_across_runs(self, key: str) -> None:
        mission = examples.demo_mission(key)
        assert calendar(mission) == calendar(mission)

    def test_byte_identical_under_another_host_timezone_and_locale(self) -> None:
        here = calendar(examples.demo_mission("site_web"), lang="en").encode()
        env = os.environ | {"TZ": "Pacific/Auckland", "LANG": "de_DE.UTF-8", "LC_ALL": "C.UTF-8"}
        there = subprocess.run(
            [sys.executable, "-c", _IN_A_SUBPROCESS],
            capture_output=True,
            check=True,
            env=env,
            timeout=120,
        ).stdout
        assert there == here

    def test_the_vendorgov_data_is_the_only_input(self) -> None:
        # a loaded copy of the same data gives the same bytes
        mission = examples.demo_mission("community")
        copy = vendorgov.loads(vendorgov.dumps(mission, "json"), "json", cls=Mission)
        assert calendar(copy) == calendar(mission)


# -- a mission with little in it --------------------------------------------------------------
class TestSmallMission:
    def test_only_milestones(self) -> None:
        mission = minimal_mission(
            milestones=(
                Milestone(name="M+1", horizon=Horizon.parse("M+1")),
                Milestone(name="Bilan", horizon=Horizon.parse("2027-12-15")),
            )
        )
        text = calendar(mission, lang="en")
        cal, found = parse(text), events(text)
        assert [str(event["SUMMARY"]) for event in found] == [
            "Milestone M+1 — LogiNord SAS",
            "Milestone Bilan — LogiNord SAS",
        ]
        assert [all_day(event)[0] for event in found] == [
            dt.date(2027, 4, 15),
            dt.date(2027, 12, 15),
        ]
        assert [tz.tz_name for tz in cal.timezones] == ["Europe/Paris"]
        assert cal.get_missing_tzids() == set()

    def test_nothing_at_all_is_still_a_calendar(self) -> None:
        cal = parse(calendar(minimal_mission()))
        assert list(cal.walk("VEVENT")) == []
        assert len(cal.subcomponents) == 1  # the VTIMEZONE: RFC 5545 wants one component
        assert text_value(cal["X-WR-CALNAME"]) == "Logistique e-commerce"
        assert "DESCRIPTION" not in cal


# -- text ---------------------------------------------------------------------------------------
HOSTILE = (
    "Ligne 1\nLigne 2, avec virgule; point-virgule \\ antislash \\n pas un saut "
    "« guillemets » — tiret 😀 émoji " + "très long " * 20 + "fin"
)


def physical_lines(text: str) -> Iterator[bytes]:
    yield from text.encode("utf-8").split(b"\r\n")


class TestText:
    def hostile_mission(self, text: str) -> Mission:
        return rich_mission(
            name=text,
            description=text,
            provider=Party(name=text),
            kickoff=Kickoff(
                scheduled=dt.datetime(2027, 3, 10, 9, 30, tzinfo=PARIS),
                location=text,
                agenda=(AgendaItem(title=text, minutes=30, owner=text),),
            ),
            milestones=(Milestone(name=text, horizon=Horizon.parse("M+1"), description=text),),
            reviews=(
                review(
                    corrective_actions=(
                        action("ca_01", description=text, owner=text, root_cause=text),
                    )
                ),
            ),
        )

    def test_round_trips_exactly(self) -> None:
        mission = self.hostile_mission(HOSTILE)
        text = calendar(mission, lang="en")
        cal = parse(text)
        for name in ("NAME", "X-WR-CALNAME", "DESCRIPTION", "X-WR-CALDESC"):
            assert text_value(cal[name]) == HOSTILE
        kickoff = one(text, "Kickoff")
        assert str(kickoff["SUMMARY"]) == f"Kickoff meeting — {HOSTILE}"
        assert str(kickoff["LOCATION"]) == HOSTILE
        assert f"- {HOSTILE} (30 min, {HOSTILE})" in str(kickoff["DESCRIPTION"])
        milestone = one(text, "Milestone")
        assert str(milestone["SUMMARY"]) == f"Milestone {HOSTILE} — {HOSTILE}"
        assert str(milestone["DESCRIPTION"]).startswith(HOSTILE + "\n")
        action_event = one(text, "Corrective action")
        assert str(action_event["SUMMARY"]) == f"Corrective action — {HOSTILE}"
        assert f"Root cause: {HOSTILE}" in str(action_event["DESCRIPTION"])
        assert f"Owner: {HOSTILE}" in str(action_event["DESCRIPTION"])

    def test_escaped_and_folded(self) -> None:
        text = calendar(self.hostile_mission(HOSTILE), lang="en")
        assert "\\, avec virgule\\; point-virgule \\\\ antislash \\\\n pas" in text.replace(
            "\r\n ", ""
        )
        for line in physical_lines(text):
            assert len(line) <= 75
            line.decode("utf-8")  # folding never splits a character

    def test_line_breaks_normalised_and_control_characters_dropped(self) -> None:
        raw = "a\r\nb\rc\x00d\x07e\tf\x7fg"
        text = calendar(self.hostile_mission(raw), lang="en")
        assert text_value(parse(text)["X-WR-CALNAME"]) == "a\nb\ncde\tfg"
        controls = {chr(code) for code in (*range(0x09), *range(0x0B, 0x20), 0x7F)}
        assert controls & set(text.replace("\r\n", "")) == set()


# -- VTIMEZONE -----------------------------------------------------------------------------------
def parse_timezone(component: icalendar.Timezone) -> icalendar.Timezone:
    cal = icalendar.Calendar()
    cal.add_component(component)
    return parse(cal.to_ical().decode()).timezones[0]


def rfc_offsets(component: icalendar.Timezone) -> Callable[[dt.datetime], dt.timedelta]:
    """The UTC offset at an instant, read from a VTIMEZONE as RFC 5545 §3.6.5 says.

    Each onset (DTSTART, RDATE) is a local time in the observance's TZOFFSETFROM;
    from that instant on, TZOFFSETTO applies. No reader's guess about ambiguous
    local times is involved.
    """
    changes: list[tuple[dt.datetime, dt.timedelta]] = []
    for observance in component.subcomponents:
        offset_from = observance.decoded("TZOFFSETFROM")
        offset_to = observance.decoded("TZOFFSETTO")
        onsets = [observance.decoded("DTSTART")]
        rdates = observance.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            onsets += [period.dt for period in rdate.dts]
        changes += [((onset - offset_from).replace(tzinfo=UTC), offset_to) for onset in onsets]
    changes.sort()
    starts = [when for when, _ in changes]

    def offset_at(instant: dt.datetime) -> dt.timedelta:
        return changes[bisect.bisect_right(starts, instant) - 1][1]

    return offset_at


def probes(zone: zoneinfo.ZoneInfo, first_year: int, last_year: int) -> Iterator[dt.datetime]:
    """Two instants a day, and every quarter of an hour around each change of offset."""
    day = dt.datetime(first_year, 1, 2, tzinfo=UTC)
    last = dt.datetime(last_year, 12, 30, tzinfo=UTC)
    quarter = dt.timedelta(minutes=15)
    while day < last:
        following = day + dt.timedelta(days=1)
        if day.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            instant = day - dt.timedelta(days=1)
            while instant < following + dt.timedelta(days=1):
                yield instant
                instant += quarter
        else:
            yield day
            yield day + dt.timedelta(hours=12)
        day = following


class TestVtimezone:
    @pytest.mark.parametrize(
        "name",
        [
            "Europe/Paris",
            "America/New_York",
            "Australia/Lord_Howe",  # a half-hour change
            "Africa/Casablanca",  # summer time suspended for Ramadan
            "America/Sao_Paulo",  # no summer time any more
            "Asia/Tokyo",
            "UTC",
        ],
    )
    def test_agrees_with_zoneinfo(self, name: str) -> None:
        zone = zoneinfo.ZoneInfo(name)
        component = _vtimezone(zone, name, dt.date(2018, 1, 1), dt.date(2029, 1, 1))
        offset_at = rfc_offsets(parse_timezone(component))
        checked = 0
        for instant in probes(zone, 2018, 2028):
            assert offset_at(instant) == instant.astimezone(zone).utcoffset(), instant
            checked += 1
        assert checked >= 2 * 365 * 11

    def test_icalendar_reads_the_paris_vtimezone(self) -> None:
        component = parse_timezone(
            _vtimezone(PARIS, "Europe/Paris", dt.date(2026, 1, 1), dt.date(2028, 1, 1))
        )
        tz = component.to_tz(lookup_tzid=False)
        for instant in probes(PARIS, 2026, 2027):
            assert instant.astimezone(tz).utcoffset() == instant.astimezone(PARIS).utcoffset()

    def test_onsets_in_the_offset_they_leave(self) -> None:
        # RFC 5545 §3.6.5: Paris goes to summer time at 02:00 (+01:00), back at 03:00 (+02:00)
        component = _vtimezone(PARIS, "Europe/Paris", dt.date(2027, 1, 1), dt.date(2028, 1, 1))
        text = component.to_ical().decode()
        assert "BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\n" in text
        assert "BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\n" in text

    def test_covers_the_timed_events(self) -> None:
        mission = rich_mission(
            kickoff=Kickoff(scheduled=dt.datetime(2025, 12, 1, 9, 0, tzinfo=PARIS)),
            review_cadence=weekly(Weekday.MO),
        )
        component = parse(calendar(mission)).timezones[0]
        starts = [
            sub.decoded("DTSTART")
            for sub in component.subcomponents  # STANDARD / DAYLIGHT
        ]
        assert min(starts) == dt.datetime(2025, 1, 1)
        rdates = component.to_ical().decode()
        assert "20280326T020000" in rdates  # the mission ends in March 2028
