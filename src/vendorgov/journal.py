"""The journal: what happens to a mission, recorded beside the file a person wrote.

A mission file (``logistique.toml``) is the person's: its comments and layout stay
theirs. What happens week after week — a measurement, a review, a corrective
action opened or closed, a report received, a spend line, a recognition, an
integration step done — is appended to the mission's **journal**, a JSON Lines
file beside it (``logistique.journal.jsonl``), one event per line, each line
carrying who recorded it, when, why, and the SHA-256 of the line before it.

- `load` reads the mission file and folds its journal onto it; ``journal=False``
  reads the file alone, ``as_of`` replays the journal up to a moment.
- `record` validates an event against the folded mission, then appends it,
  under a file lock, durably.
- `history` reads the journal back, checking its chain.
- `compact` folds the journal into the mission file (keeping a TOML file's
  comments and layout), archives the journal, and starts a new one whose first
  line records the compaction.

>>> import datetime as dt, pathlib, shutil, tempfile
>>> from decimal import Decimal
>>> import vendorgov
>>> from vendorgov import Measurement, examples, journal
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> file = folder / "logistique.toml"
>>> _ = file.write_text(examples.demo_text("logistique"), encoding="utf-8")
>>> paris = dt.timezone(dt.timedelta(hours=1))
>>> entry = journal.record(
...     file,
...     journal.MeasurementAdded(measurement=Measurement(
...         kpi="order_accuracy", value=Decimal("99.8"), at=dt.date(2026, 11, 30))),
...     by="Julien Bernard", at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=paris),
...     why="Semaine 48, export du WMS",
... )
>>> entry.line, entry.path.name
(1, 'logistique.journal.jsonl')
>>> len(vendorgov.load(file).measurements) - len(vendorgov.load(file, journal=False).measurements)
1
>>> shutil.rmtree(folder)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import enum
import hashlib
import json
import os
import sys
import typing
import zoneinfo
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs

from vendorgov import serialization
from vendorgov._model.kpi import Horizon, Measurement
from vendorgov._model.ledger import Report, SpendEntry
from vendorgov._model.mission import Mission
from vendorgov._model.money import Money
from vendorgov._model.review import ActionStatus, CorrectiveAction, Recognition, Review
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail, JournalError, ValidationError, VendorgovError

__all__ = [
    "FORMAT_VERSION",
    "ActionClosed",
    "ActionOpened",
    "Compacted",
    "Entry",
    "Event",
    "IntegrationDone",
    "MeasurementAdded",
    "RecognitionGiven",
    "ReportReceived",
    "ReviewHeld",
    "SpendRecorded",
    "compact",
    "history",
    "journal_path",
    "load",
    "record",
    "record_many",
]

FORMAT_VERSION: Final = 1
"""The version of the journal's line format (the ``v`` of every line)."""

GENESIS: Final = "0" * 64
"""The ``prev`` of a journal's first line, unless that line records a compaction."""

_T = TypeVar("_T")


# -- the events -------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class MeasurementAdded(Model):
    """A measurement of a KPI; ``replace`` replaces the one of the same KPI at the same moment.

    Without ``replace``, a KPI that already has a measurement at that date (or
    datetime) is refused: a changed figure is replaced only when asked.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> MeasurementAdded(measurement=Measurement(
    ...     kpi="order_accuracy", value=Decimal("99.8"), at=dt.date(2026, 11, 30))).replace
    False
    """

    measurement: Measurement
    replace: bool = False


@attrs.frozen(kw_only=True)
class ReviewHeld(Model):
    """A review (*point d'étape*) held, with its obstacles, decisions, needs and ideas.

    >>> import datetime as dt
    >>> from vendorgov import ReviewKind
    >>> ReviewHeld(review=Review(on=dt.date(2026, 12, 1), kind=ReviewKind.WEEKLY)).review.kind
    <ReviewKind.WEEKLY: 'weekly'>
    """

    review: Review


@attrs.frozen(kw_only=True)
class ActionOpened(Model):
    """A corrective action opened at a review: the one held on ``review``, else the latest.

    >>> import datetime as dt
    >>> ActionOpened(action=CorrectiveAction(
    ...     id="ca_log_09", description="Renfort le samedi", owner="Paul Roux",
    ...     due=dt.date(2026, 12, 15))).review is None
    True
    """

    action: CorrectiveAction
    review: dt.date | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.action.status is not ActionStatus.OPEN:
            yield problem(
                "action.status",
                f"an action is opened {ActionStatus.OPEN}; record its closing as action_closed",
            )


@attrs.frozen(kw_only=True)
class ActionClosed(Model):
    """A corrective action closed on ``on``: ``done`` (default) or ``cancelled``.

    >>> import datetime as dt
    >>> ActionClosed(id="ca_log_03", on=dt.date(2026, 12, 2)).status
    <ActionStatus.DONE: 'done'>
    """

    id: str
    on: dt.date
    status: ActionStatus = ActionStatus.DONE

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.status is ActionStatus.OPEN:
            yield problem("status", "an action is closed as done or cancelled, not open")


@attrs.frozen(kw_only=True)
class ReportReceived(Model):
    """A periodic report received from the provider.

    >>> import datetime as dt
    >>> ReportReceived(report=Report(period_end=dt.date(2026, 11, 29),
    ...                              received_on=dt.date(2026, 11, 30))).report.title
    ''
    """

    report: Report


@attrs.frozen(kw_only=True)
class SpendRecorded(Model):
    """Money spent on one of the mission's activities (an invoice).

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import Money
    >>> SpendRecorded(entry=SpendEntry(on=dt.date(2026, 11, 30), activity="fulfilment",
    ...                                amount=Money(Decimal("3500"), "EUR"))).entry.activity
    'fulfilment'
    """

    entry: SpendEntry


@attrs.frozen(kw_only=True)
class RecognitionGiven(Model):
    """A congratulation or other recognition given to the provider.

    >>> import datetime as dt
    >>> from vendorgov import RecognitionKind
    >>> RecognitionGiven(recognition=Recognition(
    ...     on=dt.date(2026, 12, 1), kind=RecognitionKind.THANKS,
    ...     description="Merci pour le Black Friday")).recognition.kind
    <RecognitionKind.THANKS: 'thanks'>
    """

    recognition: Recognition


@attrs.frozen(kw_only=True)
class IntegrationDone(Model):
    """An integration step, named by its description, done on ``on``.

    >>> import datetime as dt
    >>> IntegrationDone(step="Visite de l'entrepôt", on=dt.date(2026, 12, 3)).on
    datetime.date(2026, 12, 3)
    """

    step: str
    on: dt.date


@attrs.frozen(kw_only=True)
class Compacted(Model):
    """The journal was folded into the mission file (written by `compact` only).

    Attributes:
        file_sha256: The SHA-256 of the mission file as compaction wrote it.
        events: How many events were folded in.
        archive: The name of the file the previous journal was kept in.

    >>> Compacted(file_sha256="0" * 64, events=3, archive="m.journal.1.jsonl").events
    3
    """

    file_sha256: str
    events: int
    archive: str


Event = (
    MeasurementAdded
    | ReviewHeld
    | ActionOpened
    | ActionClosed
    | ReportReceived
    | SpendRecorded
    | RecognitionGiven
    | IntegrationDone
    | Compacted
)
"""Any event a journal line holds."""

KINDS: Final[dict[str, type[Any]]] = {
    "measurement": MeasurementAdded,
    "review": ReviewHeld,
    "action_opened": ActionOpened,
    "action_closed": ActionClosed,
    "report": ReportReceived,
    "spend": SpendRecorded,
    "recognition": RecognitionGiven,
    "integration_done": IntegrationDone,
    "compacted": Compacted,
}
"""The ``kind`` of a journal line → the event class of its ``data``."""

_KIND_OF: Final = {cls: kind for kind, cls in KINDS.items()}


@attrs.frozen(kw_only=True)
class Entry:
    """One line of a journal: an event, who recorded it, when, why, and its chain links.

    Attributes:
        path: The journal file.
        line: The line's number, from 1.
        at: When the event was recorded (an aware datetime).
        by: Who recorded it.
        event: What happened.
        why: Why, when the person said (else empty).
        prev: The SHA-256 of the previous line (`GENESIS` for the first).
        sha256: The SHA-256 of this line's bytes.
    """

    path: Path
    line: int
    at: dt.datetime
    by: str
    event: Event
    why: str
    prev: str
    sha256: str

    @property
    def kind(self) -> str:
        """The event's kind, as the line writes it (``measurement``, ``action_closed``...)."""
        return _KIND_OF[type(self.event)]

    def to_json(self) -> dict[str, Any]:
        """The line's data, as the journal holds it, with this line's ``sha256``."""
        return {**_line_data(self), "sha256": self.sha256}


def _line_data(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "line": entry.line,
        "at": entry.at.isoformat(),
        "by": entry.by,
        "kind": entry.kind,
        "data": serialization.unstructure(entry.event),
    }
    if entry.why:
        data["why"] = entry.why
    data["prev"] = entry.prev
    return data


# -- where things are -------------------------------------------------------------------
def journal_path(mission_file: str | os.PathLike[str]) -> Path:
    """The journal beside a mission file: ``logistique.toml`` → ``logistique.journal.jsonl``.

    >>> journal_path("missions/logistique.toml").as_posix()
    'missions/logistique.journal.jsonl'
    """
    file = Path(mission_file)
    return file.with_name(f"{file.stem}.journal.jsonl")


def _lock_path(file: Path) -> Path:
    return file.with_name(f".{file.stem}.journal.lock")


def _head_path(file: Path) -> Path:
    return file.with_name(f".{file.stem}.journal.head")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- reading and checking a journal ---------------------------------------------------------
def _broken(journal: Path, line: int | None, message: str) -> JournalError:
    path = "" if line is None else f"line {line}"
    return JournalError([ErrorDetail(path, message)], source=str(journal))


def _parse_moment(text: object) -> dt.datetime | None:
    if not isinstance(text, str) or len(text) > 64:
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def _read(file: Path) -> list[Entry]:
    """The entries of ``file``'s journal, its chain and its head checked; ``[]`` when none."""
    journal = journal_path(file)
    try:
        raw = journal.read_bytes()
    except FileNotFoundError:
        raw = b""
    except OSError as error:
        raise _broken(
            journal, None, f"cannot read the journal: {error.strerror or error}"
        ) from None
    if raw and not raw.endswith(b"\n"):
        count = raw.count(b"\n") + 1
        raise _broken(
            journal,
            count,
            "the line is incomplete (the file was cut short, or a write was interrupted): "
            "the journal is truncated",
        )
    entries: list[Entry] = []
    previous = GENESIS
    for number, data in enumerate(raw.split(b"\n")[:-1], start=1):
        entry = _parse_line(journal, number, data, previous)
        entries.append(entry)
        previous = entry.sha256
    _check_head(file, journal, entries)
    return entries


def _parse_line(journal: Path, number: int, data: bytes, previous: str) -> Entry:
    try:
        fields = json.loads(
            data.decode("utf-8"), parse_float=Decimal, parse_constant=_refuse_constant
        )
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise _broken(journal, number, f"not a JSON line: {error}") from None
    if not isinstance(fields, dict):
        raise _broken(journal, number, "not a JSON object")
    if fields.get("v") != FORMAT_VERSION or isinstance(fields.get("v"), bool):
        raise _broken(
            journal,
            number,
            f"unsupported line format {excerpt(fields.get('v'))}: "
            f"this vendorgov reads version {FORMAT_VERSION}",
        )
    unknown = sorted(set(fields) - {"v", "line", "at", "by", "kind", "data", "why", "prev"})
    if unknown:
        raise _broken(journal, number, f"unknown field {excerpt(unknown[0])}")
    if fields.get("line") != number or isinstance(fields.get("line"), bool):
        raise _broken(
            journal,
            number,
            f"says it is line {excerpt(fields.get('line'))}: a line was removed, added or moved",
        )
    kind = fields.get("kind")
    cls = KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise _broken(journal, number, f"unknown event kind {excerpt(kind)}")
    prev = fields.get("prev")
    chained = prev == previous or (
        number == 1 and cls is Compacted and isinstance(prev, str) and len(prev) == 64
    )
    if not chained:
        raise _broken(
            journal,
            number,
            "does not follow the line before it (its 'prev' is not that line's SHA-256): "
            "the journal was changed after it was written",
        )
    at = _parse_moment(fields.get("at"))
    if at is None:
        raise _broken(
            journal, number, f"'at' is not an aware ISO datetime: {excerpt(fields.get('at'))}"
        )
    by, why = fields.get("by"), fields.get("why", "")
    if not isinstance(by, str) or not by.strip():
        raise _broken(journal, number, "'by' must name who recorded the event")
    if not isinstance(why, str):
        raise _broken(journal, number, "'why' must be text")
    payload = fields.get("data")
    if not isinstance(payload, dict):
        raise _broken(journal, number, f"'data' must be a table of {kind} fields")
    try:
        event = serialization._structure(payload, cls)
    except ValidationError as error:
        raise JournalError(
            [
                ErrorDetail(f"line {number}: data.{d.path}".rstrip("."), d.message)
                for d in error.errors
            ],
            source=str(journal),
            more=error.more,
        ) from None
    return Entry(
        path=journal,
        line=number,
        at=at,
        by=by,
        event=event,
        why=why,
        prev=str(prev),
        sha256=_sha256(data),
    )


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


def _check_head(file: Path, journal: Path, entries: Sequence[Entry]) -> None:
    """The head file remembers the last line written: a journal ending before it was cut."""
    head = _head_path(file)
    try:
        fields = json.loads(head.read_text(encoding="utf-8"))
        line, sha = fields["line"], fields["sha256"]
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError, TypeError):
        raise _broken(journal, None, f"its head file {head.name} is unreadable") from None
    if not isinstance(line, int) or line < 0:
        raise _broken(journal, None, f"its head file {head.name} is unreadable")
    if line == 0:
        return
    if line > len(entries):
        raise _broken(
            journal,
            len(entries) + 1 if entries else 1,
            f"is missing: the journal ends at line {len(entries)} but line {line} was written "
            "(the journal was truncated or replaced by an older copy)",
        )
    if entries[line - 1].sha256 != sha:
        raise _broken(
            journal,
            line,
            "is not the line that was written there (the journal was changed or replaced)",
        )


# -- folding events onto a mission -------------------------------------------------------------
class _Fold:
    """The mission's changing parts, as lists: events apply here, the mission is built once."""

    def __init__(self, mission: Mission) -> None:
        self.base = mission
        self.kpis = {kpi.key for kpi in mission.kpis}
        self.activities = {activity.key for activity in mission.activities}
        self.measurements = list(mission.measurements)
        self.latest: dict[tuple[str, dt.date | dt.datetime], int] = {
            (m.kpi, m.at): index for index, m in enumerate(mission.measurements)
        }
        self.reviews = list(mission.reviews)
        self.reports = list(mission.reports)
        self.spend = list(mission.spend)
        self.recognitions = list(mission.recognitions)
        self.integration = list(mission.integration)
        self.item_ids = {
            item.id
            for review in mission.reviews
            for group in (review.corrective_actions, review.needs, review.ideas)
            for item in group
        }

    def mission(self) -> Mission:
        return attrs.evolve(
            self.base,
            measurements=tuple(self.measurements),
            reviews=tuple(self.reviews),
            reports=tuple(self.reports),
            spend=tuple(self.spend),
            recognitions=tuple(self.recognitions),
            integration=tuple(self.integration),
        )

    def _kpi(self, key: str | None, path: str) -> None:
        if key is not None and key not in self.kpis:
            listed = ", ".join(sorted(self.kpis)) or "none"
            raise ValidationError([problem(path, f"unknown kpi {excerpt(key)} (known: {listed})")])

    def apply(self, event: Event) -> None:
        """Apply ``event``; errors name the path inside the event."""
        if isinstance(event, MeasurementAdded):
            self._measurement(event)
        elif isinstance(event, ReviewHeld):
            self._review(event.review)
        elif isinstance(event, ActionOpened):
            self._open(event)
        elif isinstance(event, ActionClosed):
            self._close(event)
        elif isinstance(event, ReportReceived):
            self.reports.append(event.report)
        elif isinstance(event, SpendRecorded):
            if event.entry.activity not in self.activities:
                listed = ", ".join(sorted(self.activities)) or "none"
                raise ValidationError(
                    [
                        problem(
                            "entry.activity",
                            f"unknown activity {excerpt(event.entry.activity)} (known: {listed})",
                        )
                    ]
                )
            if event.entry.amount.currency != self.base.currency:
                raise ValidationError(
                    [
                        problem(
                            "entry.amount.currency",
                            f"is {event.entry.amount.currency} but the mission is in "
                            f"{self.base.currency}",
                        )
                    ]
                )
            self.spend.append(event.entry)
        elif isinstance(event, RecognitionGiven):
            self._kpi(event.recognition.kpi, "recognition.kpi")
            self.recognitions.append(event.recognition)
        elif isinstance(event, IntegrationDone):
            self._integration(event)
        # Compacted: the mission file already holds what came before it.

    def _measurement(self, event: MeasurementAdded) -> None:
        measurement = event.measurement
        self._kpi(measurement.kpi, "measurement.kpi")
        key = (measurement.kpi, measurement.at)
        index = self.latest.get(key)
        if index is None:
            if event.replace:
                raise ValidationError(
                    [
                        problem(
                            "replace",
                            f"no measurement of {excerpt(measurement.kpi)} at "
                            f"{measurement.at.isoformat()} to replace",
                        )
                    ]
                )
            self.latest[key] = len(self.measurements)
            self.measurements.append(measurement)
            return
        if not event.replace:
            current = self.measurements[index]
            raise ValidationError(
                [
                    problem(
                        "measurement.at",
                        f"{excerpt(measurement.kpi)} already has a measurement at "
                        f"{measurement.at.isoformat()} (value {current.value}); "
                        "replace it only on purpose (replace=True, --replace)",
                    )
                ]
            )
        self.measurements[index] = measurement

    def _review(self, review: Review) -> None:
        groups: tuple[tuple[str, tuple[Any, ...]], ...] = (
            ("corrective_actions", review.corrective_actions),
            ("needs", review.needs),
            ("ideas", review.ideas),
        )
        for field, items in groups:
            for index, item in enumerate(items):
                if item.id in self.item_ids:
                    raise ValidationError(
                        [problem(f"review.{field}[{index}].id", f"id {excerpt(item.id)} is taken")]
                    )
        for index, action in enumerate(review.corrective_actions):
            self._kpi(action.kpi, f"review.corrective_actions[{index}].kpi")
        for index, recognition in enumerate(review.recognitions):
            self._kpi(recognition.kpi, f"review.recognitions[{index}].kpi")
        if review.milestone is not None and self.base.milestone_index(review.milestone) is None:
            names = ", ".join(str(milestone.name) for milestone in self.base.milestones)
            raise ValidationError(
                [
                    problem(
                        "review.milestone",
                        f"unknown milestone {excerpt(review.milestone)} (known: {names or 'none'})",
                    )
                ]
            )
        position = len(self.reviews)
        while position and self.reviews[position - 1].on > review.on:
            position -= 1
        self.reviews.insert(position, review)
        self.item_ids.update(item.id for _, items in groups for item in items)

    def _open(self, event: ActionOpened) -> None:
        action = event.action
        if not self.reviews:
            raise ValidationError(
                [problem("review", "the mission has no review yet: record the review first")]
            )
        if event.review is None:
            index = len(self.reviews) - 1
        else:
            found = [i for i, review in enumerate(self.reviews) if review.on == event.review]
            if not found:
                held = ", ".join(review.on.isoformat() for review in self.reviews[-5:])
                raise ValidationError(
                    [
                        problem(
                            "review",
                            f"no review was held on {event.review.isoformat()} "
                            f"(the latest: {held})",
                        )
                    ]
                )
            index = found[-1]
        if action.id in self.item_ids:
            raise ValidationError([problem("action.id", f"id {excerpt(action.id)} is taken")])
        self._kpi(action.kpi, "action.kpi")
        review = self.reviews[index]
        self.reviews[index] = attrs.evolve(
            review, corrective_actions=(*review.corrective_actions, action)
        )
        self.item_ids.add(action.id)

    def _close(self, event: ActionClosed) -> None:
        for r_index, review in enumerate(self.reviews):
            for a_index, action in enumerate(review.corrective_actions):
                if action.id != event.id:
                    continue
                if action.status is not ActionStatus.OPEN:
                    assert action.closed_on is not None
                    raise ValidationError(
                        [
                            problem(
                                "id",
                                f"{excerpt(event.id)} is already {action.status} "
                                f"(closed on {action.closed_on.isoformat()})",
                            )
                        ]
                    )
                if event.on < review.on:
                    raise ValidationError(
                        [
                            problem(
                                "on",
                                f"{event.on.isoformat()} is before the review that raised "
                                f"{excerpt(event.id)} ({review.on.isoformat()})",
                            )
                        ]
                    )
                closed = attrs.evolve(action, status=event.status, closed_on=event.on)
                actions = review.corrective_actions
                self.reviews[r_index] = attrs.evolve(
                    review,
                    corrective_actions=(*actions[:a_index], closed, *actions[a_index + 1 :]),
                )
                return
        raise ValidationError(
            [problem("id", f"no review raised a corrective action with id {excerpt(event.id)}")]
        )

    def _integration(self, event: IntegrationDone) -> None:
        for index, step in enumerate(self.integration):
            if step.description == event.step:
                if step.done_on is not None:
                    raise ValidationError(
                        [
                            problem(
                                "step",
                                f"{excerpt(event.step)} was already done on "
                                f"{step.done_on.isoformat()}",
                            )
                        ]
                    )
                self.integration[index] = attrs.evolve(step, done_on=event.on)
                return
        listed = "; ".join(excerpt(step.description) for step in self.integration) or "none"
        raise ValidationError(
            [problem("step", f"no integration step {excerpt(event.step)} (known: {listed})")]
        )


def _at_line(error: ValidationError, entry: Entry) -> JournalError:
    details = [
        ErrorDetail(f"line {entry.line}: {d.path}" if d.path else f"line {entry.line}", d.message)
        for d in error.errors
    ]
    return JournalError(details, source=str(entry.path), more=error.more)


def _fold(mission: Mission, entries: Sequence[Entry]) -> Mission:
    """``mission`` with ``entries`` applied; an event that no longer fits names its line."""
    state = _Fold(mission)
    for entry in entries:
        try:
            state.apply(entry.event)
        except ValidationError as error:
            raise _at_line(error.prefixed("data"), entry) from None
    try:
        return state.mission()
    except ValidationError as error:
        failed = error
    # Find the first line after which the mission is invalid: adding events never
    # makes an invalid mission valid again, so a binary search finds it.
    low, high = 0, len(entries)  # the prefix of `low` entries is valid, of `high` not
    while high - low > 1:
        middle = (low + high) // 2
        try:
            _prefix(mission, entries, middle)
        except ValidationError as error:
            high, failed = middle, error
        else:
            low = middle
    raise _at_line(failed, entries[high - 1]) from None


def _prefix(mission: Mission, entries: Sequence[Entry], count: int) -> Mission:
    state = _Fold(mission)
    for entry in entries[:count]:
        state.apply(entry.event)
    return state.mission()


def _until(entries: list[Entry], as_of: dt.date | dt.datetime, timezone: str) -> list[Entry]:
    if isinstance(as_of, dt.datetime):
        if as_of.utcoffset() is None:
            raise ValidationError([problem("as_of", "a datetime needs its UTC offset (aware)")])
        kept = [entry for entry in entries if entry.at <= as_of]
    else:
        zone = zoneinfo.ZoneInfo(timezone)
        kept = [entry for entry in entries if entry.at.astimezone(zone).date() <= as_of]
    compacted = [entry for entry in entries[len(kept) :] if isinstance(entry.event, Compacted)]
    if kept and not isinstance(kept[0].event, Compacted) and compacted:  # pragma: no cover
        raise AssertionError("unreachable: a compaction is always a journal's first line")
    if entries and isinstance(entries[0].event, Compacted) and not kept:
        raise ValidationError(
            [
                problem(
                    "as_of",
                    f"is before the journal's compaction ({entries[0].at.isoformat()}): the "
                    "mission file already holds what happened after it; replay the archived "
                    f"journal ({entries[0].event.archive}) instead",
                )
            ]
        )
    return kept


def load(
    path: str | os.PathLike[str],
    *,
    format: serialization.Format | None = None,
    cls: type[_T] | None = None,
    journal: bool = True,
    as_of: dt.date | dt.datetime | None = None,
) -> _T:
    """Read a value from a file; a mission comes with its journal folded onto it.

    The file is read as `vendorgov.serialization.load` reads it. When it holds a
    mission and a journal lies beside it (`journal_path`), the journal's chain is
    checked and its events are applied in order. ``journal=False`` reads the file
    alone (so does `vendorgov.serialization.load`).

    Args:
        path: The file (TOML, JSON or YAML, by its suffix unless ``format`` is given).
        format: ``"toml"``, ``"json"`` or ``"yaml"``.
        cls: The type expected; a document of another type is refused.
        journal: Whether to fold the journal beside a mission file onto it.
        as_of: Replay only the events recorded by then: an aware datetime, or a
            date (the whole day, in the mission's timezone). Recording times never
            go back in a journal, so this is the mission as it stood at that moment.

    Returns:
        The value, valid.

    Raises:
        JournalError: When the journal was changed, cut or reordered, or holds an
            event the mission refuses; it names the journal and the line.
        ValidationError: When the file holds bad input.

    >>> import vendorgov
    >>> vendorgov.load("no-such-file.toml")
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.ValidationError: 1 problem in no-such-file.toml:
      cannot read the file: No such file or directory
    """
    file = Path(path)
    value = serialization.load(file, format=format, cls=cls)
    if not journal or not isinstance(value, Mission):
        if as_of is not None and not isinstance(value, Mission):
            raise ValidationError([problem("as_of", "only a mission has a journal to replay")])
        return value
    if _pending(file) is not None:
        raise _interrupted(file)
    entries = _read(file)
    if as_of is not None:
        entries = _until(entries, as_of, value.timezone)
    if not entries:
        return value
    return typing.cast("_T", _fold(value, entries))


def history(path: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """The entries of the journal beside a mission file, its chain checked.

    Args:
        path: The mission file (not the journal).

    Returns:
        The entries in order; empty when there is no journal.

    Raises:
        JournalError: When a line was changed, removed, added, moved, or cut.

    >>> history("no-such-mission.toml")
    ()
    """
    return tuple(_read(Path(path)))


# -- writing ---------------------------------------------------------------------------------
@contextlib.contextmanager
def _locked(file: Path) -> Iterator[None]:
    """Hold the mission's journal lock (``.<stem>.journal.lock`` beside it).

    POSIX: ``fcntl.flock``, an exclusive lock on the whole lock file, released when
    the process ends even if it crashes. Windows: ``msvcrt.locking`` on its first
    byte, retried until it is free.
    """
    lock = _lock_path(file)
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        if sys.platform == "win32":  # pragma: no cover - tested on POSIX only
            import msvcrt
            import time

            while True:
                try:
                    msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    time.sleep(0.05)
            try:
                yield
            finally:
                os.lseek(descriptor, 0, os.SEEK_SET)
                msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _check_arguments(by: object, at: object, why: object) -> tuple[str, dt.datetime, str]:
    problems: list[ErrorDetail] = []
    if not isinstance(by, str) or not by.strip() or len(by) > 200:
        problems.append(
            problem("by", f"must name who records (1 to 200 characters), got {excerpt(by)}")
        )
    elif any(ord(char) < 32 for char in by):
        problems.append(problem("by", "must be one line of text"))
    if not isinstance(at, dt.datetime) or at.utcoffset() is None:
        problems.append(
            problem("at", f"must be an aware datetime (with its UTC offset), got {excerpt(at)}")
        )
    if not isinstance(why, str) or len(why) > 10_000:
        problems.append(
            problem("why", f"must be text (at most 10,000 characters), got {excerpt(why)}")
        )
    if problems:
        raise ValidationError(problems)
    assert isinstance(by, str)
    assert isinstance(at, dt.datetime)
    assert isinstance(why, str)
    return by.strip(), at, why


def _line_text(entry: Entry) -> bytes:
    return json.dumps(_line_data(entry), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write_head(file: Path, line: int, sha: str) -> None:
    serialization.write_atomically(
        _head_path(file), json.dumps({"line": line, "sha256": sha}) + "\n", overwrite=True
    )


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows cannot open a folder
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def record(
    path: str | os.PathLike[str],
    event: Event,
    *,
    by: str,
    at: dt.datetime,
    why: str = "",
) -> Entry:
    """Append ``event`` to the journal beside a mission file, once it is known to fit.

    Under the journal's lock, the journal is read and its chain checked, the
    event is applied to the folded mission and the result validated — nothing
    invalid is ever appended — then the line goes to the end of the journal in
    one write, flushed to disk (``fsync``) before the lock is released. Two
    people recording at once are served one after the other. The mission file
    is never written.

    Args:
        path: The mission file (the journal beside it is created when needed).
        event: What happened.
        by: Who records it.
        at: When, an aware datetime, not before the journal's last line: a
            journal's times never go back, so that `load` can replay it to any moment.
        why: Why, optionally.

    Returns:
        The entry written.

    Raises:
        ValidationError: When the event is not an event, does not fit the mission
            (paths start with ``event``), or ``by``, ``at`` or ``why`` is wrong.
        JournalError: When the journal already there is damaged.

    >>> import datetime as dt, pathlib, tempfile
    >>> from vendorgov import examples, journal
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "logistique.toml"
    >>> _ = file.write_text(examples.demo_text("logistique"), encoding="utf-8")
    >>> closing = journal.ActionClosed(id="ca_log_03", on=dt.date(2026, 12, 2))
    >>> at = dt.datetime(2026, 12, 2, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    >>> record(file, closing, by="Paul Roux", at=at, why="Renfort en place").line
    1
    >>> record(file, closing, by="Paul Roux", at=at)
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.ValidationError: 1 problem:
      event.id: 'ca_log_03' is already done (closed on 2026-12-02)
    """
    return record_many(path, (event,), by=by, at=at, why=why)[0]


def record_many(
    path: str | os.PathLike[str],
    events: Sequence[Event],
    *,
    by: str,
    at: dt.datetime,
    why: str = "",
) -> tuple[Entry, ...]:
    """Append several events at once, as `record` appends one: all of them, or none.

    The journal is read and checked once, every event is applied in order to
    the folded mission, the result validated, then the lines go to the end of the
    journal in one write (``vendorgov import`` records an export's measurements
    this way). A problem names the event by its index (``events[3].measurement.kpi``).

    Args:
        path: The mission file.
        events: What happened, in order (none: nothing is written).
        by: Who records them.
        at: When, as for `record`.
        why: Why, optionally.

    Returns:
        The entries written, in order.

    Raises:
        ValidationError: As `record`, with paths starting with ``events[i]``.
        JournalError: When the journal already there is damaged.

    >>> import datetime as dt, pathlib, tempfile
    >>> from decimal import Decimal
    >>> from vendorgov import Measurement, examples
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "logistique.toml"
    >>> _ = file.write_text(examples.demo_text("logistique"), encoding="utf-8")
    >>> week = [MeasurementAdded(measurement=Measurement(
    ...     kpi="order_accuracy", value=Decimal(value), at=dt.date(2026, 11, day)))
    ...     for day, value in ((30, "99.8"), (23, "99.7"))]
    >>> at = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    >>> [entry.line for entry in record_many(file, week, by="Paul Roux", at=at)]
    [1, 2]
    """
    events = tuple(events)
    single = len(events) == 1
    for index, event in enumerate(events):
        if type(event) not in _KIND_OF or isinstance(event, Compacted):
            kinds = ", ".join(cls.__name__ for cls in KINDS.values() if cls is not Compacted)
            where = "event" if single else f"events[{index}]"
            raise ValidationError(
                [problem(where, f"expected one of {kinds}, got {excerpt(event)}")]
            )
    by, at, why = _check_arguments(by, at, why)
    if not events:
        return ()
    file = Path(path)
    serialization.load(file, cls=Mission)  # a bad file is reported before any lock is made
    with _locked(file):
        base = serialization.load(file, cls=Mission)
        if _pending(file) is not None:
            raise _interrupted(file)
        entries = _read(file)
        if entries and at < entries[-1].at:
            raise ValidationError(
                [
                    problem(
                        "at",
                        f"{at.isoformat()} is before the journal's last line "
                        f"({entries[-1].at.isoformat()}, line {entries[-1].line}): "
                        "a journal's times never go back",
                    )
                ]
            )
        state = _Fold(_fold(base, entries)) if entries else _Fold(base)
        for index, event in enumerate(events):
            try:
                state.apply(event)
            except ValidationError as error:
                raise error.prefixed("event" if single else f"events[{index}]") from None
        try:
            state.mission()
        except ValidationError as error:
            what = "event" if single else "events"
            raise ValidationError(
                [
                    ErrorDetail(what, f"the mission would be invalid: {detail}")
                    for detail in error.errors
                ],
                more=error.more,
            ) from None
        return _append(file, entries, events, by=by, at=at, why=why)


def _append(
    file: Path,
    entries: Sequence[Entry],
    events: Sequence[Event],
    *,
    by: str,
    at: dt.datetime,
    why: str,
) -> tuple[Entry, ...]:
    journal = journal_path(file)
    written_entries: list[Entry] = []
    chunks: list[bytes] = []
    previous = entries[-1].sha256 if entries else GENESIS
    for offset, event in enumerate(events):
        entry = Entry(
            path=journal,
            line=len(entries) + offset + 1,
            at=at,
            by=by,
            event=event,
            why=why,
            prev=previous,
            sha256="",
        )
        text = _line_text(entry)
        entry = attrs.evolve(entry, sha256=_sha256(text))
        previous = entry.sha256
        written_entries.append(entry)
        chunks.append(text + b"\n")
    created = not journal.exists()
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    descriptor = os.open(journal, flags, 0o666)
    try:
        data = b"".join(chunks)
        written = os.write(descriptor, data)
        while written < len(data):  # pragma: no cover - a regular file takes it at once
            written += os.write(descriptor, data[written:])
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if created:
        _fsync_folder(journal.parent)
    last = written_entries[-1]
    _write_head(file, last.line, last.sha256)
    return tuple(written_entries)


# -- compaction -------------------------------------------------------------------------------
def compact(
    path: str | os.PathLike[str], *, by: str, at: dt.datetime, why: str = ""
) -> Entry | None:
    """Fold the journal into the mission file, keep the old journal, start a new one.

    A TOML file is edited in place with ``tomlkit``: only what the events
    changed is written (new measurements appended to their list, a closed
    action's status and date...), so the person's comments and layout stay. A
    JSON file is rewritten whole (JSON has no comments); a YAML file is refused
    (its comments would be lost). Before anything is written, the new text is
    read back and must give exactly the folded mission.

    Then, under the journal's lock: the journal is kept as
    ``<stem>.journal.<n>.jsonl`` (the first free ``n``), the mission file is
    replaced atomically, and a new journal starts whose first line records the
    compaction: the SHA-256 of the file written, how many events went in, the
    archive's name, and — as its ``prev`` — the SHA-256 of the archive's last
    line, so the chain runs on from one journal to the next.

    Args:
        path: The mission file.
        by: Who compacts.
        at: When, an aware datetime, not before the journal's last line.
        why: Why, optionally.

    Returns:
        The new journal's first entry; ``None`` when there was nothing to fold.

    Raises:
        ValidationError: For a YAML file, or bad ``by``/``at``/``why``.
        JournalError: When the journal is damaged.

    >>> import datetime as dt, pathlib, tempfile
    >>> from vendorgov import examples, journal
    >>> file = pathlib.Path(tempfile.mkdtemp()) / "logistique.toml"
    >>> _ = file.write_text(examples.demo_text("logistique"), encoding="utf-8")
    >>> at = dt.datetime(2026, 12, 2, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    >>> closing = journal.ActionClosed(id="ca_log_03", on=dt.date(2026, 12, 2))
    >>> _ = record(file, closing, by="Paul Roux", at=at)
    >>> entry = compact(file, by="Julien Bernard", at=at)
    >>> entry.event.events, entry.event.archive
    (1, 'logistique.journal.1.jsonl')
    >>> "# Mission de démonstration" in file.read_text(encoding="utf-8")
    True
    """
    by, at, why = _check_arguments(by, at, why)
    file = Path(path)
    with _locked(file):
        finished = _finish_compaction(file)
        if finished is not None:
            return finished
        raw = serialization._read_regular_file(file)
        text = raw.decode("utf-8-sig")
        base = serialization.load(file, cls=Mission)
        entries = _read(file)
        events = [entry for entry in entries if not isinstance(entry.event, Compacted)]
        if not events:
            return None
        if at < entries[-1].at:
            raise ValidationError(
                [
                    problem(
                        "at",
                        f"{at.isoformat()} is before the journal's last line "
                        f"({entries[-1].at.isoformat()}, line {entries[-1].line})",
                    )
                ]
            )
        folded = _fold(base, entries)
        suffix = file.suffix.lower()
        if suffix == ".toml":
            new_text = _compact_toml(text, base, folded)
        elif suffix == ".json":
            new_text = serialization.dumps(folded, "json")
        else:
            raise ValidationError(
                [
                    ErrorDetail(
                        "",
                        "compact rewrites TOML files (keeping their comments) and JSON files; "
                        "a YAML file would lose its comments",
                    )
                ],
                source=str(file),
            )
        again = serialization.loads(new_text, "toml" if suffix == ".toml" else "json", cls=Mission)
        if again != folded:  # pragma: no cover - a bug in the editing, caught before any write
            raise VendorgovError(
                f"{file}: compaction would not give back the mission folded; nothing was written"
            )
        journal = journal_path(file)
        number = 1
        while (archive := file.with_name(f"{file.stem}.journal.{number}.jsonl")).exists():
            number += 1
        try:
            os.link(journal, archive)  # the journal stays in place until the end
        except OSError:  # pragma: no cover - a file system without hard links
            import shutil

            shutil.copy2(journal, archive)
        new_sha = _sha256(new_text.encode("utf-8"))
        entry = Entry(
            path=journal,
            line=1,
            at=at,
            by=by,
            event=Compacted(file_sha256=new_sha, events=len(events), archive=archive.name),
            why=why,
            prev=entries[-1].sha256,
            sha256="",
        )
        line = _line_text(entry)
        entry = attrs.evolve(entry, sha256=_sha256(line))
        # The new journal waits beside the old one while the file is replaced: a crash
        # in between is noticed (`_pending`) and finished by the next `compact`.
        pending = _next_path(file)
        serialization.write_atomically(pending, line.decode("utf-8") + "\n", overwrite=True)
        serialization.write_atomically(file, new_text, overwrite=True)
        os.replace(pending, journal)
        _fsync_folder(journal.parent)
        _write_head(file, 1, entry.sha256)
        return entry


def _next_path(file: Path) -> Path:
    return file.with_name(f".{file.stem}.journal.next")


def _pending(file: Path) -> bytes | None:
    """The new journal of a compaction interrupted after it replaced the mission file.

    ``None`` when no compaction was interrupted, or when it was before the file was
    replaced (the file and the journal then still agree).
    """
    try:
        line = _next_path(file).read_bytes()
        sha = json.loads(line)["data"]["file_sha256"]
        written = _sha256(serialization._read_regular_file(file))
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return None
    return line if written == sha else None


def _interrupted(file: Path) -> JournalError:
    return _broken(
        journal_path(file),
        None,
        "a compaction was interrupted after it wrote the mission file: run "
        "'vendorgov compact' again to finish it (nothing is lost)",
    )


def _finish_compaction(file: Path) -> Entry | None:
    """Finish an interrupted compaction, or clear what one left before the file changed."""
    line = _pending(file)
    pending = _next_path(file)
    if line is None:
        pending.unlink(missing_ok=True)
        return None
    os.replace(pending, journal_path(file))
    entries = _read_without_head(file)
    _write_head(file, len(entries), entries[-1].sha256)
    return entries[-1]


def _read_without_head(file: Path) -> list[Entry]:
    head = _head_path(file)
    head.unlink(missing_ok=True)
    return _read(file)


# -- editing a TOML file in place ---------------------------------------------------------------
_FOLDED_FIELDS = ("measurements", "reviews", "reports", "spend", "recognitions", "integration")
_TABLES = frozenset({"reviews", "integration"})
"""Lists written as arrays of tables (``[[reviews]]``) when the file has none yet."""


def _compact_toml(text: str, base: Mission, folded: Mission) -> str:
    import tomlkit

    document = tomlkit.parse(text)
    for name in _FOLDED_FIELDS:
        old, new = getattr(base, name), getattr(folded, name)
        if old == new:
            continue
        if name not in document:
            document[name] = _toml_list(new, tables=name in _TABLES)
            continue
        _merge_list(document[name], old, new)
    return tomlkit.dumps(document)


def _toml_number(value: Decimal) -> Any:
    from tomlkit import items

    text = str(value)
    if value == value.to_integral_value() and "E" not in text and "." not in text:
        return items.Integer(int(value), items.Trivia(), text)
    return items.Float(float(value), items.Trivia(), text)


def _native(value: Any, inline: bool) -> Any:
    """``value`` as a tomlkit item or plain TOML value."""
    import tomlkit

    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool | int | str | dt.date | dt.time):
        return value
    if isinstance(value, Decimal):
        return _toml_number(value)
    if isinstance(value, Horizon | Money):
        return str(value)  # "M+6", "3500.00 EUR": as people write them
    if isinstance(value, tuple):
        return _toml_list(value, tables=not inline and bool(value) and attrs.has(type(value[0])))
    if isinstance(value, LocalizedText):
        return serialization.unstructure(value)
    if attrs.has(type(value)):
        plain = serialization.unstructure(value)
        table = tomlkit.inline_table() if inline else tomlkit.table()
        for key in plain:
            table[key] = _native(getattr(value, key), inline=inline or _inline_field(value, key))
        return _spaced(table)
    return serialization.unstructure(value)  # pragma: no cover - every model type is above


def _inline_field(value: Any, key: str) -> bool:
    """Inside a table, lists of values stay sub-tables (``[[reviews.corrective_actions]]``)."""
    field = getattr(value, key)
    return not (isinstance(field, tuple) and field and attrs.has(type(field[0])))


def _toml_list(values: Sequence[Any], *, tables: bool) -> Any:
    import tomlkit

    if tables:
        aot = tomlkit.aot()
        for value in values:
            aot.append(_native(value, inline=False))
        return aot
    array = tomlkit.array()
    array.multiline(True)
    for value in values:
        array.append(_native(value, inline=True))
    return array


def _spaced(item: Any) -> Any:
    """An inline table written ``{ key = value }``, as people write them."""
    import tomlkit
    from tomlkit import items

    if not isinstance(item, items.InlineTable):
        return item
    text = item.as_string()
    spaced = tomlkit.parse(f"x = {{ {text[1:-1]} }}")["x"]
    body = spaced.value.body
    if body and not isinstance(body[-1][1], items.Whitespace):
        # tomlkit reads the space after a date as the date's own, and drops it when
        # the table is written again: put it back as the table's.
        body.append((None, items.Whitespace(" ")))
    return spaced


def _merge_list(container: Any, old: Sequence[Any], new: Sequence[Any]) -> None:
    """Turn ``container`` (written as ``old``) into ``new``, touching only what differs."""
    from tomlkit import items

    tables = isinstance(container, items.AoT)
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        # Items written before keep their place (and their comments) and change in
        # place; only what is left over is removed or added.
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(paired):
            item = container[i1 + k]
            if type(old[i1 + k]) is type(new[j1 + k]) and isinstance(
                item, items.Table | items.InlineTable
            ):
                _merge_value(item, old[i1 + k], new[j1 + k])
            else:  # pragma: no cover - the lists hold one type each
                container[i1 + k] = _native(new[j1 + k], inline=not tables)
        start = i1 + paired
        for index in reversed(range(start, i2)):
            del container[index]
        added = [_native(value, inline=not tables) for value in new[j1 + paired : j2]]
        if tables and added and start == len(container) and start > 0:
            _move_trailing_comments(container[start - 1], added[-1])
        for offset, item in enumerate(added):
            container.insert(start + offset, item)


def _move_trailing_comments(before: Any, added: Any) -> None:
    """Comments closing the last ``[[table]]`` introduce what follows: keep them there.

    In a file, the comment heading the next section is, for tomlkit, the end of the
    table before it; a table appended after that one takes the comment (and the blank
    lines around it) to its own end, and a blank line separates the two tables.
    """
    from tomlkit import items

    before, added = _last_table(before), _last_table(added)
    body = before.value.body
    trailing: list[Any] = []
    while (
        body and body[-1][0] is None and isinstance(body[-1][1], items.Comment | items.Whitespace)
    ):
        trailing.insert(0, body.pop()[1])
    before.value.append(None, items.Whitespace("\n"))
    for item in trailing:
        added.value.append(None, item)


def _last_table(table: Any) -> Any:
    """The table written last inside ``table`` (its last ``[[sub.table]]``, else itself)."""
    from tomlkit import items

    while True:
        keyed = [item for key, item in table.value.body if key is not None]
        last = keyed[-1] if keyed else None
        if isinstance(last, items.AoT) and len(last):
            table = last[-1]
        elif isinstance(last, items.Table) and not last.is_super_table():
            table = last
        else:
            return table


def _merge_value(table: Any, old: Any, new: Any) -> None:
    """Change the keys of ``table`` (written as ``old``) that differ in ``new``."""
    from tomlkit import items

    old_plain, new_plain = serialization.unstructure(old), serialization.unstructure(new)
    for key in [key for key in old_plain if key not in new_plain]:
        if key in table:
            del table[key]
    inline = isinstance(table, items.InlineTable)
    for key, value in new_plain.items():
        if old_plain.get(key) == value:
            continue
        old_field, new_field = getattr(old, key), getattr(new, key)
        current = table.get(key)
        if isinstance(new_field, tuple) and isinstance(current, items.AoT | items.Array):
            _merge_list(current, old_field, new_field)
        elif attrs.has(type(new_field)) and isinstance(current, items.Table | items.InlineTable):
            _merge_value(current, old_field, new_field)
        elif key in table or inline:
            table[key] = _native(new_field, inline=inline or _inline_field(new, key))
        else:
            _add_key(table, key, _native(new_field, inline=_inline_field(new, key)))


def _add_key(table: Any, key: str, value: Any) -> None:
    """Add ``key`` to a ``[table]``, before the comments that close it (they head what follows)."""
    from tomlkit import items

    body = table.value.body
    trailing: list[Any] = []
    while (
        body and body[-1][0] is None and isinstance(body[-1][1], items.Comment | items.Whitespace)
    ):
        trailing.insert(0, body.pop()[1])
    table[key] = value
    for item in trailing:
        table.value.append(None, item)
