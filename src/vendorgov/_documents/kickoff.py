"""The kickoff pack's context (*dossier de lancement*).

`kickoff_context` adds to `base_context` what the kickoff pack prints: the meeting
(its local date and hours in the mission's timezone), the agenda with the time each
item starts, the resources handed over and their status, the access to grant in each
tool, the trainings, the provider's integration steps, and the two calendars of the
mission, reviews and reports.

Times of day, durations and date ranges are formatted here (`formatting`: Babel, for
the language: ``09:30 – 12:10`` / ``9:30 AM – 12:10 PM``, ``2 h 40 min`` /
``2 hr 40 min``, ``2–8 mars 2026``) and handed to the templates as text, since the
environment has no filter for them; dates stay dates, so the templates format them with
``date``. Cadences are written in words by `cadence_words`.
Nothing reads the clock: "upcoming" counts from ``at``, or from the mission's start.
"""

from __future__ import annotations

import datetime as dt
import enum
import urllib.parse
import zoneinfo
from typing import Any, Final

import attrs

from vendorgov._documents.cadences import cadence_words
from vendorgov._documents.contexts import RenderOptions, base_context, refuse_unless_draft
from vendorgov._engine.reporting import reporting_compliance, reporting_horizon
from vendorgov._engine.time import DEFAULT_REVIEW_TIME, review_times
from vendorgov._format import (
    format_days,
    format_duration,
    format_hours,
    format_period,
    format_time,
    timezone_name,
)
from vendorgov._model.cadence import Cadence
from vendorgov._model.contract import Reporting
from vendorgov._model.kickoff import AgendaItem, Kickoff, Resource, Tool
from vendorgov._model.mission import Mission
from vendorgov._model.parties import ContactRole, Side

__all__ = [
    "UPCOMING",
    "AgendaRow",
    "Meeting",
    "ReportDue",
    "ReportingPlan",
    "ResourceRow",
    "ResourceStatus",
    "ReviewPlan",
    "ReviewSlot",
    "ToolAccess",
    "ToolRow",
    "kickoff_context",
]

UPCOMING: Final = 6
"""How many review dates and report due dates the pack lists."""

_LINKABLE_SCHEMES: Final = frozenset({"http", "https"})


# -- views ----------------------------------------------------------------------------------
@attrs.frozen(kw_only=True)
class Meeting:
    """When the kickoff meeting takes place, in the mission's timezone.

    ``start`` and ``end`` are aware datetimes in that timezone (``end`` is ``None``
    without an agenda: the meeting lasts the sum of the agenda's items); ``hours`` is
    ``09:30 – 12:10`` (``09:30`` alone without an end), ``ends`` the end's time of day
    (``12:10``, ``""`` without an end); ``timezone`` is the zone's name in the language
    (``heure d’Europe centrale``).
    """

    start: dt.datetime
    end: dt.datetime | None
    hours: str
    ends: str
    timezone: str


@attrs.frozen(kw_only=True)
class AgendaRow:
    """An agenda item, the time it starts (``""`` without a scheduled meeting), its length."""

    item: AgendaItem
    starts: str
    duration: str


class ResourceStatus(enum.StrEnum):
    """Where a resource stands: handed over, due on a date (past it: overdue), or pending."""

    HANDED_OVER = "handed_over"
    DUE = "due"
    OVERDUE = "overdue"
    PENDING = "pending"


@attrs.frozen(kw_only=True)
class ResourceRow:
    """A resource and its status; ``late``: handed over after its due date."""

    resource: Resource
    status: ResourceStatus
    late: bool


class ToolAccess(enum.StrEnum):
    """The provider's access to a tool: granted, revoked, or still to grant."""

    GRANTED = "granted"
    REVOKED = "revoked"
    TO_GRANT = "to_grant"


@attrs.frozen(kw_only=True)
class ToolRow:
    """A tool, the provider's access, and ``link``: the tool's URL when it is safe to
    link (``http`` or ``https``, with a host), else ``None``."""

    tool: Tool
    access: ToolAccess
    link: str | None


@attrs.frozen(kw_only=True)
class ReviewSlot:
    """One review: ``start`` (aware, in the mission's timezone), ``hours`` (``10:00 – 11:00``)."""

    start: dt.datetime
    hours: str


@attrs.frozen(kw_only=True)
class ReviewPlan:
    """The review calendar.

    ``when`` is the cadence in words (``le premier mardi de chaque mois``), ``time`` its
    local time of day, ``duration`` the meeting's length; ``count``, ``first`` and
    ``last`` cover the whole mission; ``upcoming`` lists the first `UPCOMING` reviews
    on or after the pack's date (``at``, or the mission's start).
    """

    cadence: Cadence
    when: str
    time: str
    duration: str
    timezone: str
    count: int
    first: dt.datetime | None
    last: dt.datetime | None
    upcoming: tuple[ReviewSlot, ...]


@attrs.frozen(kw_only=True)
class ReportDue:
    """A report due date, the period it covers (``2–8 mars 2026``) and its deadline."""

    period: str
    due: dt.date
    deadline: dt.date


@attrs.frozen(kw_only=True)
class ReportingPlan:
    """The reporting calendar: the contract's clause, its cadence in words, the grace
    period (``1 jour`` / ``1 day``), the number of reports over the horizon (the earlier of
    the mission's end and the contract's term end) and the first `UPCOMING` due dates on
    or after the pack's date."""

    reporting: Reporting
    when: str
    grace: str
    count: int
    horizon: dt.date
    upcoming: tuple[ReportDue, ...]


def _link(url: str) -> str | None:
    """``url`` if it may become a link (http or https, a host, no blank); otherwise ``None``."""
    if not url or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINKABLE_SCHEMES or not parts.netloc:
        return None
    return url


# -- the parts ------------------------------------------------------------------------------
def _meeting(kickoff: Kickoff, zone: zoneinfo.ZoneInfo, lang: str) -> Meeting | None:
    if kickoff.scheduled is None:
        return None
    start = kickoff.scheduled.astimezone(zone)
    minutes = sum(item.minutes for item in kickoff.agenda)
    end = (kickoff.scheduled + dt.timedelta(minutes=minutes)).astimezone(zone) if minutes else None
    return Meeting(
        start=start,
        end=end,
        hours=format_hours(start, end, lang),
        ends="" if end is None else format_time(end, lang),
        timezone=timezone_name(zone, lang),
    )


def _agenda(kickoff: Kickoff, zone: zoneinfo.ZoneInfo, lang: str) -> tuple[AgendaRow, ...]:
    rows = []
    elapsed = 0
    for item in kickoff.agenda:
        starts = ""
        if kickoff.scheduled is not None:
            moment = kickoff.scheduled + dt.timedelta(minutes=elapsed)
            starts = format_time(moment.astimezone(zone), lang)
        rows.append(
            AgendaRow(item=item, starts=starts, duration=format_duration(item.minutes, lang))
        )
        elapsed += item.minutes
    return tuple(rows)


def _resources(kickoff: Kickoff, at: dt.date | None) -> tuple[ResourceRow, ...]:
    rows = []
    for resource in kickoff.resources:
        due, handed = resource.due, resource.handed_over_on
        if handed is not None:
            status = ResourceStatus.HANDED_OVER
        elif due is None:
            status = ResourceStatus.PENDING
        elif at is not None and due < at:
            status = ResourceStatus.OVERDUE
        else:
            status = ResourceStatus.DUE
        late = handed is not None and due is not None and handed > due
        rows.append(ResourceRow(resource=resource, status=status, late=late))
    return tuple(rows)


def _tools(mission: Mission) -> tuple[ToolRow, ...]:
    rows = []
    for tool in mission.tools:
        if tool.access_revoked_on is not None:
            access = ToolAccess.REVOKED
        elif tool.access_granted_on is not None:
            access = ToolAccess.GRANTED
        else:
            access = ToolAccess.TO_GRANT
        rows.append(ToolRow(tool=tool, access=access, link=_link(tool.url.strip())))
    return tuple(rows)


def _review_plan(
    mission: Mission, zone: zoneinfo.ZoneInfo, lang: str, since: dt.date
) -> ReviewPlan | None:
    cadence = mission.review_cadence
    if cadence is None:
        return None
    times = review_times(cadence, mission.start, mission.end, zone)
    length = dt.timedelta(minutes=cadence.duration_minutes)
    upcoming = tuple(
        ReviewSlot(
            start=moment, hours=format_hours(moment, (moment + length).astimezone(zone), lang)
        )
        for moment in [moment for moment in times if moment.date() >= since][:UPCOMING]
    )
    return ReviewPlan(
        cadence=cadence,
        when=cadence_words(cadence, lang, mission.start),
        time=format_time(cadence.time or DEFAULT_REVIEW_TIME, lang),
        duration=format_duration(cadence.duration_minutes, lang),
        timezone=timezone_name(zone, lang),
        count=len(times),
        first=times[0] if times else None,
        last=times[-1] if times else None,
        upcoming=upcoming,
    )


def _reporting_plan(mission: Mission, lang: str, since: dt.date) -> ReportingPlan | None:
    horizon = reporting_horizon(mission)
    clause = None if mission.contract is None else mission.contract.reporting
    if horizon is None or clause is None:
        return None
    # The due dates of the compliance check: every one up to the horizon has a line.
    lines = reporting_compliance(mission, max(horizon, mission.start)).lines
    upcoming = tuple(
        ReportDue(
            period=format_period(line.period_start, line.due, lang),
            due=line.due,
            deadline=line.deadline,
        )
        for line in [line for line in lines if line.due >= since][:UPCOMING]
    )
    return ReportingPlan(
        reporting=clause,
        when=cadence_words(clause.cadence, lang, mission.start),
        grace=format_days(clause.grace_days, lang),
        count=len(lines),
        horizon=horizon,
        upcoming=upcoming,
    )


def kickoff_context(mission: Mission, options: RenderOptions) -> dict[str, Any]:
    """The variables of the kickoff pack (*dossier de lancement*).

    Adds to `base_context`:

    - ``kickoff``: the mission's [`Kickoff`][vendorgov.Kickoff]. A mission without one
      is refused (path ``kickoff``) unless in draft mode, where ``kickoff`` is an empty
      one, so that each field the pack requires shows its placeholder.
    - ``meeting``: a `Meeting` (``None`` when the kickoff has no scheduled time).
    - ``agenda``: `AgendaRow` objects; ``agenda_minutes`` and ``agenda_duration``: the
      agenda's total length in minutes and in words (``2 h 40 min``).
    - ``resources``: `ResourceRow` objects; ``tools``: `ToolRow` objects;
      ``trainings``: the kickoff's trainings; ``integration``: the mission's
      integration steps.
    - ``parties``: ``{"client": Party, "provider": Party}``; ``other_contacts``: the
      contacts who are neither primary nor escalation, the client's first.
    - ``review_plan``: a `ReviewPlan` (``None`` without a review cadence);
      ``reporting_plan``: a `ReportingPlan` (``None`` when the contract has no
      reporting clause); ``since``: the date the upcoming reviews and reports count
      from (``at``, or the mission's start).

    Raises:
        ValidationError: When the mission has no kickoff and ``draft`` is false.
    """
    context = base_context(mission, options)
    lang = options.lang
    zone = zoneinfo.ZoneInfo(mission.timezone)
    since = options.at or mission.start
    kickoff = mission.kickoff
    if kickoff is None:
        refuse_unless_draft("kickoff", options.draft)
        # An empty kickoff: what the pack requires of it shows as placeholders.
        kickoff = Kickoff()
    others = tuple(contact for contact in mission.contacts if contact.role is ContactRole.OTHER)
    agenda_minutes = sum(item.minutes for item in kickoff.agenda)
    context.update(
        kickoff=kickoff,
        meeting=_meeting(kickoff, zone, lang),
        agenda=_agenda(kickoff, zone, lang),
        agenda_minutes=agenda_minutes,
        agenda_duration=format_duration(agenda_minutes, lang) if agenda_minutes else "",
        resources=_resources(kickoff, options.at),
        tools=_tools(mission),
        trainings=kickoff.trainings,
        integration=mission.integration,
        review_plan=_review_plan(mission, zone, lang, since),
        reporting_plan=_reporting_plan(mission, lang, since),
        since=since,
        parties={"client": mission.client, "provider": mission.provider},
        other_contacts=tuple(sorted(others, key=lambda contact: contact.side is Side.PROVIDER)),
    )
    return context
