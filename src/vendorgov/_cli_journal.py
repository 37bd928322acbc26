"""Human output of ``vendorgov record``, ``history`` and ``compact``: the journal in words.

Every word is a message of the catalogs; numbers, amounts and dates go through the
shared formatter; data (descriptions, names, reasons) prints as written. Times of
recording print in the mission's timezone.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from vendorgov._cli_text import date, money, number, table
from vendorgov._format import format_number, format_time
from vendorgov._i18n import N_
from vendorgov._labels import enum_label, message
from vendorgov.journal import (
    ActionClosed,
    ActionOpened,
    Compacted,
    Entry,
    IntegrationDone,
    MeasurementAdded,
    RecognitionGiven,
    ReportReceived,
    ReviewHeld,
    SpendRecorded,
)

if TYPE_CHECKING:
    import datetime as dt

    from vendorgov import Mission

__all__ = ["compact_report", "describe_entry", "history_report", "recorded_line"]

_WORDS: Final[dict[str, str]] = {
    "measurement": N_("%(kpi)s = %(value)s on %(on)s"),
    "measurement_replaced": N_(
        "%(kpi)s = %(value)s on %(on)s (replaces the value recorded before)"
    ),
    "review": N_("Review held on %(on)s (%(kind)s)"),
    "action_opened": N_(
        "Corrective action %(id)s opened: %(description)s (%(owner)s, due %(due)s)"
    ),
    "action_closed": N_("Corrective action %(id)s closed on %(on)s (%(status)s)"),
    "report": N_("Report for the period ending %(end)s received on %(on)s"),
    "spend": N_("Spend of %(amount)s on %(activity)s (%(on)s)"),
    "recognition": N_("Recognition on %(on)s (%(kind)s): %(description)s"),
    "integration_done": N_("Integration step done on %(on)s: %(step)s"),
    "compacted": N_("Journal folded into the mission file: %(count)s events, kept in %(archive)s"),
    "line": N_("Line"),
    "recorded": N_("Recorded"),
    "by": N_("By"),
    "event": N_("Event"),
    "why": N_("Why"),
    "head": N_("%(mission)s — journal %(journal)s, events recorded: %(count)s"),
    "empty": N_("No event recorded yet."),
    "chain": N_("Chain intact; SHA-256 of the last line: %(sha)s"),
    "written": N_("%(journal)s, line %(line)s: %(event)s"),
    "compacted_file": N_(
        "%(file)s: %(count)s events folded in; the previous journal is kept as %(archive)s"
    ),
    "nothing": N_("%(file)s: nothing to fold, the journal holds no event"),
}


def _day(value: dt.date, lang: str) -> str:
    return date(value, lang)


def describe_entry(entry: Entry, lang: str) -> str:
    """What a journal line says happened, in ``lang``."""
    event = entry.event
    if isinstance(event, MeasurementAdded):
        measured = event.measurement
        return message(
            lang,
            _WORDS["measurement_replaced" if event.replace else "measurement"],
            kpi=measured.kpi,
            value=number(measured.value, lang),
            on=_day(measured.on, lang),
        )
    if isinstance(event, ReviewHeld):
        return message(
            lang,
            _WORDS["review"],
            on=_day(event.review.on, lang),
            kind=enum_label(event.review.kind, lang),
        )
    if isinstance(event, ActionOpened):
        action = event.action
        return message(
            lang,
            _WORDS["action_opened"],
            id=action.id,
            description=action.description,
            owner=action.owner,
            due=_day(action.due, lang),
        )
    if isinstance(event, ActionClosed):
        return message(
            lang,
            _WORDS["action_closed"],
            id=event.id,
            on=_day(event.on, lang),
            status=enum_label(event.status, lang),
        )
    if isinstance(event, ReportReceived):
        return message(
            lang,
            _WORDS["report"],
            end=_day(event.report.period_end, lang),
            on=_day(event.report.received_on, lang),
        )
    if isinstance(event, SpendRecorded):
        return message(
            lang,
            _WORDS["spend"],
            amount=money(event.entry.amount, lang),
            activity=event.entry.activity,
            on=_day(event.entry.on, lang),
        )
    if isinstance(event, RecognitionGiven):
        given = event.recognition
        return message(
            lang,
            _WORDS["recognition"],
            on=_day(given.on, lang),
            kind=enum_label(given.kind, lang),
            description=given.description,
        )
    if isinstance(event, IntegrationDone):
        return message(lang, _WORDS["integration_done"], on=_day(event.on, lang), step=event.step)
    assert isinstance(event, Compacted)
    return message(
        lang, _WORDS["compacted"], count=format_number(event.events, lang), archive=event.archive
    )


def _when(entry: Entry, timezone: str, lang: str) -> str:
    local = entry.at.astimezone(zoneinfo.ZoneInfo(timezone))
    return f"{date(local.date(), lang)} {format_time(local, lang)}"


def recorded_line(entry: Entry, lang: str) -> str:
    """``logistique.journal.jsonl, line 3: <what happened>``."""
    return message(
        lang,
        _WORDS["written"],
        journal=entry.path.name,
        line=format_number(entry.line, lang),
        event=describe_entry(entry, lang),
    )


def history_report(
    mission: Mission, journal: str, entries: Sequence[Entry], lang: str
) -> list[str]:
    """The journal as a table: line, when, who, why, what; then the last line's hash."""
    lines = [
        message(
            lang,
            _WORDS["head"],
            mission=mission.key,
            journal=journal,
            count=format_number(len(entries), lang),
        ),
        "",
    ]
    if not entries:
        lines.append(message(lang, _WORDS["empty"]))
        return lines
    header = [message(lang, _WORDS[name]) for name in ("line", "recorded", "by", "why", "event")]
    rows = [
        [
            format_number(entry.line, lang),
            _when(entry, mission.timezone, lang),
            entry.by,
            entry.why,
            describe_entry(entry, lang),
        ]
        for entry in entries
    ]
    lines.extend(table(header, rows, right=[0], wrap_last=True))
    lines.append("")
    lines.append(message(lang, _WORDS["chain"], sha=entries[-1].sha256))
    return lines


def compact_report(file: str, entry: Entry | None, lang: str) -> str:
    """One line: how many events went into the file, and where the old journal is."""
    if entry is None:
        return message(lang, _WORDS["nothing"], file=file)
    event = entry.event
    assert isinstance(event, Compacted)
    return message(
        lang,
        _WORDS["compacted_file"],
        file=file,
        count=format_number(event.events, lang),
        archive=event.archive,
    )
