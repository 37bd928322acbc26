"""The journal beside a mission file: record, fold, replay, tamper detection, compaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
import shlex
from decimal import Decimal
from pathlib import Path

import pytest

import vendorgov
from vendorgov import (
    CorrectiveAction,
    JournalError,
    Measurement,
    Money,
    Recognition,
    RecognitionKind,
    Report,
    Review,
    ReviewKind,
    SpendEntry,
    ValidationError,
    examples,
    journal,
    serialization,
)
from vendorgov._cli import main

PARIS = dt.timezone(dt.timedelta(hours=1))
T0 = dt.datetime(2027, 4, 1, 9, 0, tzinfo=PARIS)

SMALL = """\
# La logistique de Maison Lumière : un petit fichier écrit à la main.
schema_version = 1
key = "logistique"
name = "Logistique"
start = 2027-03-15
end = 2028-03-14

# Mesures hebdomadaires (export du WMS)
measurements = [
  # exactitude des commandes
  { kpi = "accuracy", at = 2027-03-21, value = 98.5 },
]

[client]
name = "Maison Lumière SAS"  # le client

[provider]
name = "LogiNord SAS"

[[contacts]]
name = "Claire Martin"
side = "client"
role = "primary"

[[contacts]]
name = "Paul Roux"
side = "provider"
role = "primary"

# -- Activités -------------------------------------------------------------------
[[activities]]
key = "fulfilment"
kind = "logistics"
name = "Préparation des commandes"

[[kpis]]
key = "accuracy"
name = "Exactitude des commandes"
unit = "%"
direction = "higher"

[[milestones]]
name = "M+1"
horizon = "M+1"
targets = [{ kpi = "accuracy", target = 99, threshold = 97 }]

# -- Points d'étape ------------------------------------------------------------------
[[reviews]]
on = 2027-03-28
kind = "weekly"
obstacles = ["Pic de Pâques"]  # noté par Claire

[[integration]]
kind = "site_visit"
description = "Visite de l'entrepôt"
planned_on = 2027-04-02

# -- Fin du fichier ------------------------------------------------------------------
"""


@pytest.fixture
def mission_file(tmp_path: Path) -> Path:
    file = tmp_path / "logistique.toml"
    file.write_text(SMALL, encoding="utf-8")
    return file


def measured(value: str, day: int, kpi: str = "accuracy") -> journal.MeasurementAdded:
    return journal.MeasurementAdded(
        measurement=Measurement(kpi=kpi, value=Decimal(value), at=dt.date(2027, 4, day))
    )


def minutes(count: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=count)


def lines(file: Path) -> list[bytes]:
    return journal.journal_path(file).read_bytes().splitlines()


class TestRecordAndLoad:
    def test_an_event_is_folded_on_load_and_the_file_stays_as_written(
        self, mission_file: Path
    ) -> None:
        entry = journal.record(
            mission_file, measured("99.1", 4), by="Claire Martin", at=T0, why="export S14"
        )
        assert (entry.line, entry.by, entry.why, entry.prev) == (
            1,
            "Claire Martin",
            "export S14",
            journal.GENESIS,
        )
        assert mission_file.read_text(encoding="utf-8") == SMALL
        folded = vendorgov.load(mission_file)
        alone = vendorgov.load(mission_file, journal=False)
        assert serialization.load(mission_file) == alone
        assert len(alone.measurements) == 1
        assert folded.measurements[1] == Measurement(
            kpi="accuracy", value=Decimal("99.1"), at=dt.date(2027, 4, 4)
        )

    def test_the_line_format(self, mission_file: Path) -> None:
        entry = journal.record(mission_file, measured("99.1", 4), by="Claire", at=T0)
        (raw,) = lines(mission_file)
        assert json.loads(raw) == {
            "v": 1,
            "line": 1,
            "at": "2027-04-01T09:00:00+01:00",
            "by": "Claire",
            "kind": "measurement",
            "data": {"measurement": {"kpi": "accuracy", "value": "99.1", "at": "2027-04-04"}},
            "prev": "0" * 64,
        }
        assert entry.sha256 == hashlib.sha256(raw).hexdigest()

    def test_every_kind_of_event(self, mission_file: Path) -> None:
        events = [
            journal.ReviewHeld(
                review=Review(
                    on=dt.date(2027, 4, 5),
                    kind=ReviewKind.WEEKLY,
                    obstacles=("Casse",),
                    decisions=("Calage kraft",),
                )
            ),
            journal.ActionOpened(
                action=CorrectiveAction(
                    id="ca_01",
                    description="Calage kraft",
                    owner="Paul Roux",
                    due=dt.date(2027, 4, 20),
                    kpi="accuracy",
                )
            ),
            journal.ActionClosed(id="ca_01", on=dt.date(2027, 4, 18)),
            journal.ReportReceived(
                report=Report(period_end=dt.date(2027, 4, 4), received_on=dt.date(2027, 4, 5))
            ),
            journal.SpendRecorded(
                entry=SpendEntry(
                    on=dt.date(2027, 4, 30),
                    activity="fulfilment",
                    amount=Money(Decimal("3500.00"), "EUR"),
                )
            ),
            journal.RecognitionGiven(
                recognition=Recognition(
                    on=dt.date(2027, 4, 6), kind=RecognitionKind.THANKS, description="Merci"
                )
            ),
            journal.IntegrationDone(step="Visite de l'entrepôt", on=dt.date(2027, 4, 2)),
        ]
        for index, event in enumerate(events):
            journal.record(mission_file, event, by="Claire", at=minutes(index))
        mission = vendorgov.load(mission_file)
        # The review of 5 April comes after the one of 28 March written in the file.
        assert [review.on.day for review in mission.reviews] == [28, 5]
        action = mission.reviews[1].corrective_actions[0]
        assert (action.status.value, action.closed_on) == ("done", dt.date(2027, 4, 18))
        assert len(mission.reports) == len(mission.spend) == len(mission.recognitions) == 1
        assert mission.integration[0].done_on == dt.date(2027, 4, 2)
        assert [entry.kind for entry in journal.history(mission_file)] == [
            "review",
            "action_opened",
            "action_closed",
            "report",
            "spend",
            "recognition",
            "integration_done",
        ]

    def test_a_measurement_is_replaced_only_when_asked(self, mission_file: Path) -> None:
        journal.record(mission_file, measured("99.1", 4), by="Claire", at=T0)
        with pytest.raises(ValidationError, match=r"event\.measurement\.at: 'accuracy' already"):
            journal.record(mission_file, measured("99.3", 4), by="Claire", at=minutes(1))
        replacing = journal.MeasurementAdded(
            measurement=measured("99.3", 4).measurement, replace=True
        )
        journal.record(mission_file, replacing, by="Claire", at=minutes(2))
        values = [m.value for m in vendorgov.load(mission_file).measurements]
        assert values == [Decimal("98.5"), Decimal("99.3")]
        absent = journal.MeasurementAdded(measurement=measured("1", 9).measurement, replace=True)
        with pytest.raises(ValidationError, match=r"event\.replace: no measurement"):
            journal.record(mission_file, absent, by="Claire", at=minutes(3))

    def test_a_value_that_is_not_a_mission_ignores_journals(self, tmp_path: Path) -> None:
        file = tmp_path / "fee.toml"
        file.write_text(serialization.dumps(Money(Decimal("12.50"), "EUR")), encoding="utf-8")
        assert vendorgov.load(file) == Money(Decimal("12.50"), "EUR")
        with pytest.raises(ValidationError, match="only a mission"):
            vendorgov.load(file, as_of=dt.date(2027, 1, 1))


class TestReplay:
    def test_as_of_replays_the_events_recorded_by_then(self, mission_file: Path) -> None:
        # Three measurements recorded on 1, 2 and 3 April at 09:00 (+01:00).
        for day in (1, 2, 3):
            journal.record(
                mission_file,
                measured(f"99.{day}", day + 3),
                by="Claire",
                at=T0 + dt.timedelta(days=day - 1),
            )

        def count(as_of: dt.date | dt.datetime) -> int:
            return len(vendorgov.load(mission_file, as_of=as_of).measurements)

        # 1 in the file, then one per event recorded by then.
        assert count(dt.date(2027, 3, 31)) == 1
        assert count(dt.date(2027, 4, 1)) == 2
        assert count(T0 + dt.timedelta(days=1)) == 3  # exactly at the second event
        assert count(T0 + dt.timedelta(days=1, seconds=-1)) == 2
        assert count(dt.date(2027, 12, 31)) == 4
        # 2 April 08:30 UTC is 09:30 in Paris (+01:00): the second event is in.
        assert count(dt.datetime(2027, 4, 2, 8, 30, tzinfo=dt.UTC)) == 3

    def test_a_naive_as_of_is_refused(self, mission_file: Path) -> None:
        journal.record(mission_file, measured("99.1", 4), by="Claire", at=T0)
        with pytest.raises(ValidationError, match="as_of"):
            vendorgov.load(mission_file, as_of=dt.datetime(2027, 4, 2))

    def test_times_never_go_back(self, mission_file: Path) -> None:
        journal.record(mission_file, measured("99.1", 4), by="Claire", at=T0)
        before = journal.journal_path(mission_file).read_bytes()
        with pytest.raises(ValidationError, match=r"at: .* is before the journal's last line"):
            journal.record(mission_file, measured("99.2", 5), by="Paul", at=minutes(-1))
        assert journal.journal_path(mission_file).read_bytes() == before
        journal.record(mission_file, measured("99.2", 5), by="Paul", at=T0)  # same time: fine


class TestTampering:
    @pytest.fixture
    def three(self, mission_file: Path) -> Path:
        for day in (4, 5, 6):
            journal.record(mission_file, measured("99", day), by="Claire", at=minutes(day))
        return mission_file

    def write(self, file: Path, rows: list[bytes]) -> None:
        journal.journal_path(file).write_bytes(b"".join(row + b"\n" for row in rows))

    def test_an_edited_line_is_named(self, three: Path) -> None:
        rows = lines(three)
        rows[1] = rows[1].replace(b'"value":"99"', b'"value":"100"')
        self.write(three, rows)
        # Line 2 still chains to line 1; line 3's prev no longer is line 2's hash.
        with pytest.raises(JournalError, match="line 3: does not follow the line before it"):
            vendorgov.load(three)

    def test_an_edited_last_line_is_caught_by_the_head(self, three: Path) -> None:
        rows = lines(three)
        rows[2] = rows[2].replace(b'"by":"Claire"', b'"by":"Paul"')
        self.write(three, rows)
        with pytest.raises(JournalError, match="line 3: is not the line that was written"):
            journal.history(three)

    def test_a_deleted_line_is_named(self, three: Path) -> None:
        rows = lines(three)
        self.write(three, [rows[0], rows[2]])
        with pytest.raises(JournalError, match="line 2: says it is line 3"):
            vendorgov.load(three)

    def test_reordered_lines_are_named(self, three: Path) -> None:
        rows = lines(three)
        self.write(three, [rows[0], rows[2], rows[1]])
        with pytest.raises(JournalError, match="line 2: says it is line 3"):
            vendorgov.load(three)

    def test_renumbered_lines_still_break_the_chain(self, three: Path) -> None:
        rows = lines(three)
        swapped = [
            rows[2].replace(b'"line":3', b'"line":2'),
            rows[1].replace(b'"line":2', b'"line":3'),
        ]
        self.write(three, [rows[0], *swapped])
        with pytest.raises(JournalError, match="line 2: does not follow"):
            vendorgov.load(three)

    def test_a_cut_line_is_named(self, three: Path) -> None:
        data = journal.journal_path(three).read_bytes()
        journal.journal_path(three).write_bytes(data[:-20])
        with pytest.raises(JournalError, match="line 3: the line is incomplete"):
            vendorgov.load(three)

    def test_whole_lines_cut_from_the_end_are_caught_by_the_head(self, three: Path) -> None:
        rows = lines(three)
        self.write(three, rows[:2])
        with pytest.raises(JournalError, match="line 3: is missing: the journal ends at line 2"):
            vendorgov.load(three)

    def test_the_error_names_the_journal(self, three: Path) -> None:
        rows = lines(three)
        self.write(three, [rows[0], rows[2]])
        with pytest.raises(JournalError) as caught:
            vendorgov.load(three)
        assert caught.value.source == str(journal.journal_path(three))
        assert isinstance(caught.value, ValidationError)

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            (b"not json", "line 1: not a JSON line"),
            (b"[1, 2]", "line 1: not a JSON object"),
            (b'{"v": 2}', "line 1: unsupported line format 2"),
            (b'{"v": 1, "line": 1, "extra": 0}', "line 1: unknown field 'extra'"),
            (b'{"v": 1, "line": 1, "kind": "party"}', "line 1: unknown event kind 'party'"),
        ],
    )
    def test_hand_written_garbage_is_named(
        self, mission_file: Path, row: bytes, message: str
    ) -> None:
        journal.journal_path(mission_file).write_bytes(row + b"\n")
        with pytest.raises(JournalError, match=message):
            vendorgov.load(mission_file)

    def test_an_event_the_file_no_longer_allows_is_named(self, mission_file: Path) -> None:
        journal.record(mission_file, measured("99", 4), by="Claire", at=T0)
        # The person renames the KPI in the file; the journal still speaks of "accuracy".
        mission_file.write_text(SMALL.replace('"accuracy"', '"exactitude"'), encoding="utf-8")
        with pytest.raises(JournalError, match=r"line 1: data\.measurement\.kpi: unknown kpi"):
            vendorgov.load(mission_file)
        # ... and the file alone still loads.
        assert vendorgov.load(mission_file, journal=False).key == "logistique"

    def test_an_invalid_mission_after_a_line_names_that_line(self, mission_file: Path) -> None:
        for day in (4, 5):
            journal.record(mission_file, measured("99", day), by="Claire", at=minutes(day))
        # The mission now ends on 4 April: the measurement of 5 April (line 2) is outside.
        mission_file.write_text(
            SMALL.replace("end = 2028-03-14", "end = 2027-04-04"), encoding="utf-8"
        )
        with pytest.raises(
            JournalError, match=r"line 2: measurements\[2\]\.at: 2027-04-05 is after"
        ):
            vendorgov.load(mission_file)


class TestHostileEvents:
    def assert_nothing_appended(self, file: Path) -> None:
        assert not journal.journal_path(file).exists()
        assert file.read_text(encoding="utf-8") == SMALL

    @pytest.mark.parametrize(
        "event",
        [
            "measurement",
            None,
            {"kind": "measurement"},
            Measurement(kpi="accuracy", value=Decimal(1), at=dt.date(2027, 4, 1)),
        ],
    )
    def test_what_is_not_an_event_is_refused(self, mission_file: Path, event: object) -> None:
        with pytest.raises(ValidationError, match="event: expected one of MeasurementAdded"):
            journal.record(mission_file, event, by="Claire", at=T0)  # type: ignore[arg-type]
        self.assert_nothing_appended(mission_file)

    def test_a_compaction_cannot_be_recorded_by_hand(self, mission_file: Path) -> None:
        event = journal.Compacted(file_sha256="0" * 64, events=1, archive="x")
        with pytest.raises(ValidationError, match="event: expected one of"):
            journal.record(mission_file, event, by="Claire", at=T0)
        self.assert_nothing_appended(mission_file)

    def test_an_unknown_kpi_names_its_path(self, mission_file: Path) -> None:
        with pytest.raises(ValidationError) as caught:
            journal.record(mission_file, measured("1", 4, kpi="speed"), by="Claire", at=T0)
        assert [(d.path, d.message) for d in caught.value.errors] == [
            ("event.measurement.kpi", "unknown kpi 'speed' (known: accuracy)")
        ]
        self.assert_nothing_appended(mission_file)

    @pytest.mark.parametrize(
        ("event", "message"),
        [
            (journal.ActionClosed(id="ca_99", on=dt.date(2027, 4, 1)), r"event\.id: no review"),
            (
                journal.IntegrationDone(step="Séminaire", on=dt.date(2027, 4, 1)),
                r"event\.step: no integration step 'Séminaire'",
            ),
            (
                journal.SpendRecorded(
                    entry=SpendEntry(
                        on=dt.date(2027, 4, 1),
                        activity="transport",
                        amount=Money(Decimal(1), "EUR"),
                    )
                ),
                r"event\.entry\.activity: unknown activity 'transport'",
            ),
            (
                journal.SpendRecorded(
                    entry=SpendEntry(
                        on=dt.date(2027, 4, 1),
                        activity="fulfilment",
                        amount=Money(Decimal(1), "USD"),
                    )
                ),
                r"event\.entry\.amount\.currency: is USD but the mission is in EUR",
            ),
            (
                journal.ActionOpened(
                    action=CorrectiveAction(
                        id="ca_01", description="x", owner="y", due=dt.date(2027, 4, 9)
                    ),
                    review=dt.date(2027, 4, 1),
                ),
                r"event\.review: no review was held on 2027-04-01",
            ),
            (
                journal.ReviewHeld(
                    review=Review(
                        on=dt.date(2027, 4, 1), kind=ReviewKind.MILESTONE, milestone="M+9"
                    )
                ),
                r"event\.review\.milestone: unknown milestone 'M\+9'",
            ),
            (
                journal.MeasurementAdded(
                    measurement=Measurement(
                        kpi="accuracy", value=Decimal(1), at=dt.date(2030, 1, 1)
                    )
                ),
                r"event: the mission would be invalid: measurements\[1\]\.at: 2030-01-01 is "
                "after the mission ends",
            ),
        ],
    )
    def test_events_that_do_not_fit_are_refused(
        self, mission_file: Path, event: journal.Event, message: str
    ) -> None:
        with pytest.raises(ValidationError, match=message):
            journal.record(mission_file, event, by="Claire", at=T0)
        self.assert_nothing_appended(mission_file)

    def test_an_action_is_closed_once(self, mission_file: Path) -> None:
        opened = journal.ActionOpened(
            action=CorrectiveAction(id="ca_01", description="x", owner="y", due=dt.date(2027, 4, 9))
        )
        journal.record(mission_file, opened, by="Claire", at=T0)
        close = journal.ActionClosed(id="ca_01", on=dt.date(2027, 4, 2))
        journal.record(mission_file, close, by="Claire", at=T0)
        with pytest.raises(ValidationError, match=r"event\.id: 'ca_01' is already done"):
            journal.record(mission_file, close, by="Claire", at=T0)
        early = journal.ActionClosed(id="ca_01", on=dt.date(2027, 3, 1))
        with pytest.raises(ValidationError, match=r"taken|already"):
            journal.record(mission_file, opened, by="Claire", at=T0)
        assert len(lines(mission_file)) == 2
        assert early.on.month == 3

    def test_closing_before_the_review_is_refused(self, mission_file: Path) -> None:
        opened = journal.ActionOpened(
            action=CorrectiveAction(id="ca_01", description="x", owner="y", due=dt.date(2027, 4, 9))
        )
        journal.record(mission_file, opened, by="Claire", at=T0)
        early = journal.ActionClosed(id="ca_01", on=dt.date(2027, 3, 1))
        with pytest.raises(ValidationError, match=r"event\.on: 2027-03-01 is before the review"):
            journal.record(mission_file, early, by="Claire", at=T0)

    @pytest.mark.parametrize(
        ("by", "at", "why", "path"),
        [
            ("", T0, "", "by"),
            ("a\nb", T0, "", "by"),
            (42, T0, "", "by"),
            ("x" * 201, T0, "", "by"),
            ("Claire", dt.datetime(2027, 4, 1, 9), "", "at"),
            ("Claire", dt.date(2027, 4, 1), "", "at"),
            ("Claire", T0, 3, "why"),
            ("Claire", T0, "x" * 10_001, "why"),
        ],
    )
    def test_bad_who_when_why(
        self, mission_file: Path, by: object, at: object, why: object, path: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            journal.record(mission_file, measured("1", 4), by=by, at=at, why=why)  # type: ignore[arg-type]
        assert [detail.path for detail in caught.value.errors] == [path]
        self.assert_nothing_appended(mission_file)

    def test_markup_and_control_characters_stay_one_line(self, mission_file: Path) -> None:
        why = '<script>alert("x")</script>\n"},{"v":1}\u2028end'
        journal.record(mission_file, measured("1", 4), by="<b>Claire</b>", at=T0, why=why)
        (entry,) = journal.history(mission_file)
        assert (entry.by, entry.why) == ("<b>Claire</b>", why)
        assert len(lines(mission_file)) == 1

    def test_a_bad_mission_file_is_reported_before_anything(self, tmp_path: Path) -> None:
        file = tmp_path / "empty.toml"
        file.write_text("", encoding="utf-8")
        with pytest.raises(ValidationError, match="empty"):
            journal.record(file, measured("1", 4), by="Claire", at=T0)
        assert not journal.journal_path(file).exists()


# -- two people at once -------------------------------------------------------------------------
def _record_many(file: str, who: str, count: int) -> None:
    for index in range(count):
        day = 1 + index % 28
        month = 4 + index // 28
        event = journal.ReportReceived(
            report=Report(
                period_end=dt.date(2027, month, day),
                received_on=dt.date(2027, month, day),
                title=f"{who} {index}",
            )
        )
        journal.record(file, event, by=who, at=T0)


class TestConcurrency:
    def test_two_processes_recording_at_once_lose_nothing(self, mission_file: Path) -> None:
        count = 200
        context = multiprocessing.get_context("spawn")
        workers = [
            context.Process(target=_record_many, args=(str(mission_file), who, count))
            for who in ("Claire", "Paul")
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=600)
        assert [worker.exitcode for worker in workers] == [0, 0]
        entries = journal.history(mission_file)  # reads every line and checks the chain
        assert [entry.line for entry in entries] == list(range(1, 2 * count + 1))
        for who in ("Claire", "Paul"):
            titles = [
                entry.event.report.title
                for entry in entries
                if isinstance(entry.event, journal.ReportReceived) and entry.by == who
            ]
            assert titles == [f"{who} {index}" for index in range(count)]
        assert all(json.loads(row)["v"] == 1 for row in lines(mission_file))
        assert len(vendorgov.load(mission_file).reports) == 2 * count
        assert mission_file.read_text(encoding="utf-8") == SMALL


class TestCompact:
    def record_some(self, file: Path) -> None:
        journal.record(file, measured("99.2", 4), by="Claire", at=minutes(1))
        review = Review(on=dt.date(2027, 4, 5), kind=ReviewKind.WEEKLY, decisions=("Kraft",))
        journal.record(file, journal.ReviewHeld(review=review), by="Claire", at=minutes(2))
        action = CorrectiveAction(
            id="ca_01", description="Kraft", owner="Paul", due=dt.date(2027, 4, 9)
        )
        journal.record(file, journal.ActionOpened(action=action), by="Claire", at=minutes(3))
        closing = journal.ActionClosed(id="ca_01", on=dt.date(2027, 4, 8))
        journal.record(file, closing, by="Paul", at=minutes(4))
        done = journal.IntegrationDone(step="Visite de l'entrepôt", on=dt.date(2027, 4, 2))
        journal.record(file, done, by="Paul", at=minutes(5))
        report = Report(period_end=dt.date(2027, 4, 4), received_on=dt.date(2027, 4, 5))
        journal.record(file, journal.ReportReceived(report=report), by="Paul", at=minutes(6))

    def test_comments_and_layout_survive(self, mission_file: Path) -> None:
        self.record_some(mission_file)
        folded = vendorgov.load(mission_file)
        last = journal.history(mission_file)[-1]
        entry = journal.compact(mission_file, by="Claire", at=minutes(10), why="fin de mois")
        assert entry is not None
        text = mission_file.read_text(encoding="utf-8")
        for line in SMALL.splitlines():
            if line.startswith("#") or "#" in line:
                assert line in text
        assert '  { kpi = "accuracy", at = 2027-03-21, value = 98.5 },' in text
        assert '{ kpi = "accuracy", value = 99.2, at = 2027-04-04 }' in text
        assert "\ndone_on = 2027-04-02\n" in text
        # The comment heading the next section stays before it.
        assert text.index("closed_on = 2027-04-08") < text.index("# -- Fin du fichier")
        assert serialization.load(mission_file) == folded
        assert vendorgov.load(mission_file) == folded
        # The chain runs on: the new journal's first line follows the archive's last.
        assert entry.prev == last.sha256
        assert isinstance(entry.event, journal.Compacted)
        assert entry.event.events == 6
        assert entry.event.file_sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
        archive = mission_file.with_name(entry.event.archive)
        assert archive.name == "logistique.journal.1.jsonl"
        assert len(archive.read_bytes().splitlines()) == 6
        assert [e.kind for e in journal.history(mission_file)] == ["compacted"]

    def test_recording_goes_on_after_compaction(self, mission_file: Path) -> None:
        self.record_some(mission_file)
        journal.compact(mission_file, by="Claire", at=minutes(10))
        entry = journal.record(mission_file, measured("99.5", 6), by="Claire", at=minutes(11))
        assert entry.line == 2
        assert len(vendorgov.load(mission_file).measurements) == 3
        with pytest.raises(ValidationError, match="as_of: is before the journal's compaction"):
            vendorgov.load(mission_file, as_of=minutes(9))
        # A second compaction keeps the first archive and writes a second one.
        second = journal.compact(mission_file, by="Claire", at=minutes(12))
        assert second is not None
        assert isinstance(second.event, journal.Compacted)
        assert second.event.archive == "logistique.journal.2.jsonl"
        assert second.event.events == 1

    def test_nothing_to_compact(self, mission_file: Path) -> None:
        assert journal.compact(mission_file, by="Claire", at=T0) is None
        assert mission_file.read_text(encoding="utf-8") == SMALL

    def test_the_demo_file_keeps_its_french_comments(self, tmp_path: Path) -> None:
        file = tmp_path / "logistique.toml"
        original = examples.demo_text("logistique")
        file.write_text(original, encoding="utf-8")
        at = dt.datetime(2026, 12, 1, 9, tzinfo=PARIS)
        event = journal.MeasurementAdded(
            measurement=Measurement(
                kpi="order_accuracy", value=Decimal("99.8"), at=dt.date(2026, 11, 30)
            )
        )
        journal.record(file, event, by="Julien Bernard", at=at)
        assert file.read_text(encoding="utf-8") == original
        folded = vendorgov.load(file)
        journal.compact(file, by="Julien Bernard", at=at)
        text = file.read_text(encoding="utf-8")
        comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
        assert comments
        assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments
        assert vendorgov.load(file) == folded

    def test_a_json_file_is_rewritten(self, tmp_path: Path) -> None:
        file = tmp_path / "logistique.json"
        mission = serialization.loads(SMALL)
        file.write_text(serialization.dumps(mission, "json"), encoding="utf-8")
        journal.record(file, measured("99.2", 4), by="Claire", at=T0)
        folded = vendorgov.load(file)
        assert journal.compact(file, by="Claire", at=T0) is not None
        assert serialization.load(file) == folded

    def test_a_yaml_file_is_refused(self, tmp_path: Path) -> None:
        pytest.importorskip("yaml")
        file = tmp_path / "logistique.yaml"
        file.write_text(serialization.dumps(serialization.loads(SMALL), "yaml"), encoding="utf-8")
        journal.record(file, measured("99.2", 4), by="Claire", at=T0)
        before = file.read_bytes()
        with pytest.raises(ValidationError, match="YAML file would lose its comments"):
            journal.compact(file, by="Claire", at=T0)
        assert file.read_bytes() == before


# -- the command line ------------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestCommandLine:
    def test_record_history_compact(
        self,
        mission_file: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.chdir(mission_file.parent)
        code, out, err = run(
            capsys,
            "record", "logistique.toml", "measurement", "--kpi", "accuracy", "--value", "99.2",
            "--on", "2027-04-04", "--by", "Claire Martin", "--at", "2027-04-05T09:30+02:00",
            "--why", "export S14", "--lang", "en",
        )  # fmt: skip
        assert (code, err) == (0, "")
        assert out == "logistique.journal.jsonl, line 1: accuracy = 99.2 on 4/4/2027\n"
        code, out, err = run(
            capsys,
            "record", "logistique.toml", "action-open", "ca_01", "--description", "Kraft",
            "--owner", "Paul Roux", "--due", "2027-04-20", "--by", "Claire Martin",
            "--at", "2027-04-05T09:35+02:00", "--lang", "fr",
        )  # fmt: skip
        assert (code, err) == (0, "")
        assert out == (
            "logistique.journal.jsonl, ligne 2\u202f: Action corrective ca_01 ouverte\u202f: "
            "Kraft (Paul Roux, échéance le 20/04/2027)\n"
        )
        code, out, _ = run(capsys, "history", "logistique.toml", "--lang", "en")
        assert code == 0
        assert (
            out.splitlines()[0]
            == "logistique — journal logistique.journal.jsonl, events recorded: 2"
        )
        assert "4/5/2027 9:30\u202fAM  Claire Martin  export S14" in out
        code, out, _ = run(capsys, "history", "logistique.toml", "--json")
        assert [entry["kind"] for entry in json.loads(out)["entries"]] == [
            "measurement",
            "action_opened",
        ]
        code, out, _ = run(
            capsys, "compact", "logistique.toml", "--by", "Claire", "--at",
            "2027-04-06T09:00+02:00", "--lang", "en",
        )  # fmt: skip
        assert (code, out) == (
            0,
            "logistique.toml: 2 events folded in; the previous journal is kept as "
            "logistique.journal.1.jsonl\n",
        )
        assert "# exactitude des commandes" in mission_file.read_text(encoding="utf-8")

    def test_a_bad_event_exits_2_and_writes_nothing(
        self, mission_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(
            capsys, "record", str(mission_file), "measurement", "--kpi", "speed", "--value",
            "1", "--on", "2027-04-04", "--by", "Claire", "--at", "2027-04-05T09:30+02:00",
        )  # fmt: skip
        assert (code, out) == (2, "")
        assert err == (
            f"vendorgov: {mission_file}: event.measurement.kpi: unknown kpi 'speed' "
            "(known: accuracy)\n"
        )
        assert not journal.journal_path(mission_file).exists()

    @pytest.mark.parametrize(
        "arguments",
        [
            ["--value", "abc", "--on", "2027-04-04", "--at", "2027-04-05T09:30+02:00"],
            ["--value", "1", "--on", "2027-04-04", "--at", "2027-04-05T09:30"],
            ["--value", "1", "--on", "04/04/2027", "--at", "2027-04-05T09:30+02:00"],
        ],
    )
    def test_bad_options_exit_2(
        self, mission_file: Path, capsys: pytest.CaptureFixture[str], arguments: list[str]
    ) -> None:
        code, _, err = run(
            capsys, "record", str(mission_file), "measurement", "--kpi", "accuracy",
            "--by", "Claire", *arguments,
        )  # fmt: skip
        assert code == 2
        assert err.startswith("vendorgov")
        assert err.count("\n") == 1
        assert not journal.journal_path(mission_file).exists()

    def test_a_tampered_journal_exits_2_naming_the_line(
        self, mission_file: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        for day in (4, 5):
            journal.record(mission_file, measured("99", day), by="Claire", at=minutes(day))
        rows = lines(mission_file)
        journal.journal_path(mission_file).write_bytes(rows[1] + b"\n")
        code, _, err = run(capsys, "check", str(mission_file), "--at", "2027-04-10")
        assert code == 2
        assert err.startswith(
            f"vendorgov: {journal.journal_path(mission_file)}: line 1: says it is line 2"
        )

    def test_by_defaults_to_the_environment(
        self,
        mission_file: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setenv("VENDORGOV_USER", "Julien Bernard")
        monkeypatch.setattr(
            "vendorgov._cli._now", lambda: dt.datetime(2027, 4, 5, 9, 30, tzinfo=PARIS)
        )
        code, _, _ = run(
            capsys, "record", str(mission_file), "report", "--period-end", "2027-04-04",
            "--received-on", "2027-04-05",
        )  # fmt: skip
        assert code == 0
        (entry,) = journal.history(mission_file)
        assert (entry.by, entry.at) == (
            "Julien Bernard",
            dt.datetime(2027, 4, 5, 9, 30, tzinfo=PARIS),
        )
        assert os.environ["VENDORGOV_USER"] == "Julien Bernard"


# -- the guide's commands run, in order ------------------------------------------------------------
GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guides" / "recording.md"


def guide_examples() -> list[tuple[str, str]]:
    examples_: list[tuple[str, str]] = []
    text = GUIDE.read_text(encoding="utf-8")
    for block in re.finditer(r"^```console\n(?P<body>.*?)^```$", text, re.MULTILINE | re.DOTALL):
        for chunk in re.split(r"^\$ ", block.group("body"), flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            examples_.append((command, output))
    return examples_


class TestGuide:
    def test_the_commands_print_what_the_guide_shows(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.chdir(tmp_path)
        original = examples.demo_text("logistique")
        (tmp_path / "logistique.toml").write_text(original, encoding="utf-8")
        shown = guide_examples()
        assert len(shown) >= 8
        for command, output in shown:
            argv = shlex.split(command)
            assert argv[0] == "vendorgov"
            code, out, err = run(capsys, *argv[1:])
            # The hash after a compaction covers the demo file's bytes: any 64 hex digits pass.
            sha = re.compile(r"[0-9a-f]{64}")
            assert sha.sub("<sha256>", out + err) == sha.sub("<sha256>", output), command
            assert code == (2 if err else 0), command
        # The person's comments survived every step.
        text = (tmp_path / "logistique.toml").read_text(encoding="utf-8")
        comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
        assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments


class TestInterruptedCompaction:
    def test_a_crash_after_the_file_is_written_is_noticed_then_finished(
        self, mission_file: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        TestCompact().record_some(mission_file)
        folded = vendorgov.load(mission_file)
        replace = os.replace

        def crash(source: object, target: object) -> None:
            if str(source).endswith(".journal.next"):
                raise OSError("power cut")
            replace(source, target)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "replace", crash)
        with pytest.raises(OSError, match="power cut"):
            journal.compact(mission_file, by="Claire", at=minutes(10))
        monkeypatch.setattr(os, "replace", replace)
        # The file holds the events and the old journal is still there: folding it
        # again would count every event twice, so loading and recording refuse.
        assert serialization.load(mission_file) == folded
        with pytest.raises(JournalError, match="a compaction was interrupted"):
            vendorgov.load(mission_file)
        with pytest.raises(JournalError, match="a compaction was interrupted"):
            journal.record(mission_file, measured("99.5", 6), by="Claire", at=minutes(11))
        entry = journal.compact(mission_file, by="Claire", at=minutes(12))
        assert entry is not None
        assert isinstance(entry.event, journal.Compacted)
        assert entry.event.events == 6
        assert vendorgov.load(mission_file) == folded
        assert [e.kind for e in journal.history(mission_file)] == ["compacted"]

    def test_a_crash_before_the_file_is_written_leaves_things_as_they_were(
        self, mission_file: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        TestCompact().record_some(mission_file)
        folded = vendorgov.load(mission_file)
        write = serialization.write_atomically

        def crash(file: Path, text: str, *, overwrite: bool = True) -> None:
            if file == mission_file:
                raise OSError("disk full")
            write(file, text, overwrite=overwrite)

        monkeypatch.setattr(serialization, "write_atomically", crash)
        with pytest.raises(OSError, match="disk full"):
            journal.compact(mission_file, by="Claire", at=minutes(10))
        monkeypatch.setattr(serialization, "write_atomically", write)
        assert mission_file.read_text(encoding="utf-8") == SMALL
        assert vendorgov.load(mission_file) == folded
        entry = journal.compact(mission_file, by="Claire", at=minutes(12))
        assert entry is not None
        assert vendorgov.load(mission_file) == folded
