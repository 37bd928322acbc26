"""The kickoff pack's context (*dossier de lancement*).

`kickoff_context` adds to `base_context` what the kickoff pack prints: the meeting
(its local date and hours in the mission's timezone), the agenda with the time each
item starts, the resources handed over and their status, the access to grant in each
tool, the trainings, the provider's integration steps, and the two calendars of the
mission, reviews and reports.

Times of day, durations and date ranges are formatted here with Babel for the language
(``09:30 – 12:10`` / ``9:30 AM – 12:10 PM``, ``2 h 40 min`` / ``2 hr 40 min``,
``2–8 mars 2026``) and handed to the templates as text, since the environment has no
filter for them; dates stay dates, so the templates format them with ``date``.
Nothing reads the clock: "upcoming" counts from ``at``, or from the mission's start.
"""

from __future__ import annotations

import datetime as dt
import enum
import urllib.parse
import zoneinfo
from typing import Any, Final

import attrs
from babel import dates, units

from vendorgov._documents.contexts import RenderOptions, base_context
from vendorgov._documents.environment import note_missing
from vendorgov._documents.formatting import LOCALES, format_date
from vendorgov._documents.labels import enum_label
from vendorgov._engine.reporting import reporting_compliance
from vendorgov._engine.time import DEFAULT_REVIEW_TIME, review_times
from vendorgov._model.cadence import Cadence, Frequency
from vendorgov._model.contract import Reporting
from vendorgov._model.kickoff import AgendaItem, Kickoff, Resource, Tool
from vendorgov._model.mission import Mission
from vendorgov._model.parties import ContactRole, Side
from vendorgov.exceptions import ErrorDetail, ValidationError

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
    "describe_cadence",
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


# -- wording --------------------------------------------------------------------------------
_NTH: Final = {
    "fr": {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", -1: "dernier"},
    "en": {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"},
}


def _day_of_month(day: int, lang: str) -> str:
    if lang == "fr":
        return "1er" if day == 1 else str(day)
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def describe_cadence(cadence: Cadence, lang: str) -> str:
    """When a cadence recurs, in words, without its time of day.

    >>> from vendorgov import Cadence, Frequency, Weekday
    >>> describe_cadence(Cadence(frequency=Frequency.MONTHLY, nth=1, weekday=Weekday.TU), "fr")
    'le premier mardi de chaque mois'
    >>> describe_cadence(Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO), "en")
    'every Monday'
    >>> describe_cadence(Cadence(frequency=Frequency.QUARTERLY, day=31), "fr")
    'tous les 3 mois, le dernier jour du mois'
    """
    fr = lang == "fr"
    weekday = "" if cadence.weekday is None else enum_label(cadence.weekday, lang)
    if cadence.frequency is Frequency.WEEKLY:
        if cadence.interval == 1:
            return f"chaque {weekday}" if fr else f"every {weekday}"
        if fr:
            return f"toutes les {cadence.interval} semaines, le {weekday}"
        if cadence.interval == 2:
            return f"every other {weekday}"
        return f"every {cadence.interval} weeks on {weekday}"
    step = cadence.interval * (3 if cadence.frequency is Frequency.QUARTERLY else 1)
    if cadence.day is None:
        assert cadence.nth is not None
        which = f"{_NTH[lang][cadence.nth]} {weekday}"
        if step == 1:
            return f"le {which} de chaque mois" if fr else f"on the {which} of every month"
        return (
            f"tous les {step} mois, le {which} du mois"
            if fr
            else f"every {step} months on the {which}"
        )
    if cadence.day == 31:
        if step == 1:
            return "le dernier jour de chaque mois" if fr else "on the last day of every month"
        return (
            f"tous les {step} mois, le dernier jour du mois"
            if fr
            else f"every {step} months on the last day of the month"
        )
    day = _day_of_month(cadence.day, lang)
    if step == 1:
        words = f"le {day} de chaque mois" if fr else f"on the {day} of every month"
    else:
        words = (
            f"tous les {step} mois, le {day} du mois" if fr else f"every {step} months on the {day}"
        )
    if cadence.day > 28:
        words += (
            " (ou le dernier jour du mois s'il est plus court)"
            if fr
            else " (or the last day of shorter months)"
        )
    return words


def _duration(minutes: int, lang: str) -> str:
    """``2 h 40 min`` / ``2 hr 40 min``, ``15 min``, ``1 h`` / ``1 hr`` (Babel's short units)."""
    locale = LOCALES[lang]
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(units.format_unit(hours, "duration-hour", "short", locale=locale))
    if rest or not hours:
        parts.append(units.format_unit(rest, "duration-minute", "short", locale=locale))
    return " ".join(str(part) for part in parts)


def _days(count: int, lang: str) -> str:
    """``1 jour``, ``10 jours`` / ``1 day``, ``10 days``."""
    return str(units.format_unit(count, "duration-day", "long", locale=LOCALES[lang]))


def _clock(lang: str) -> str:
    """The skeleton of the language's clock: ``Hm`` (24 hours) or ``hm`` (AM/PM)."""
    pattern = str(LOCALES[lang].time_formats["short"].pattern)
    return "hm" if "h" in pattern else "Hm"


def _time(moment: dt.datetime | dt.time, lang: str) -> str:
    """A local time of day: ``09:30`` / ``9:30 AM``."""
    clock = moment.time() if isinstance(moment, dt.datetime) else moment
    return str(dates.format_time(clock, format="short", locale=LOCALES[lang]))


def _hours(start: dt.datetime, end: dt.datetime | None, lang: str) -> str:
    """``09:30 – 12:10`` / ``9:30 AM – 12:10 PM`` for two local datetimes of one day."""
    if end is None:
        return _time(start, lang)
    if end.date() != start.date():
        # A meeting running past midnight: both ends with their dates.
        return f"{_time(start, lang)} – {format_date(end, lang, 'medium')}, {_time(end, lang)}"
    return str(dates.format_interval(start.time(), end.time(), _clock(lang), locale=LOCALES[lang]))


def _timezone_name(zone: zoneinfo.ZoneInfo, lang: str) -> str:
    """``heure d’Europe centrale`` / ``Central European Time``: the zone, whatever the season."""
    return str(dates.get_timezone_name(zone, "long", locale=LOCALES[lang]))


def _period(start: dt.date, end: dt.date, lang: str) -> str:
    """``2–8 mars 2026`` / ``Mar 2 – 8, 2026`` (a single day when the two are equal)."""
    return str(dates.format_interval(start, end, "yMMMd", locale=LOCALES[lang]))


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
        hours=_hours(start, end, lang),
        ends="" if end is None else _time(end, lang),
        timezone=_timezone_name(zone, lang),
    )


def _agenda(kickoff: Kickoff, zone: zoneinfo.ZoneInfo, lang: str) -> tuple[AgendaRow, ...]:
    rows = []
    elapsed = 0
    for item in kickoff.agenda:
        starts = ""
        if kickoff.scheduled is not None:
            moment = kickoff.scheduled + dt.timedelta(minutes=elapsed)
            starts = _time(moment.astimezone(zone), lang)
        rows.append(AgendaRow(item=item, starts=starts, duration=_duration(item.minutes, lang)))
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
        ReviewSlot(start=moment, hours=_hours(moment, (moment + length).astimezone(zone), lang))
        for moment in [moment for moment in times if moment.date() >= since][:UPCOMING]
    )
    return ReviewPlan(
        cadence=cadence,
        when=describe_cadence(cadence, lang),
        time=_time(cadence.time or DEFAULT_REVIEW_TIME, lang),
        duration=_duration(cadence.duration_minutes, lang),
        timezone=_timezone_name(zone, lang),
        count=len(times),
        first=times[0] if times else None,
        last=times[-1] if times else None,
        upcoming=upcoming,
    )


def _reporting_plan(mission: Mission, lang: str, since: dt.date) -> ReportingPlan | None:
    contract = mission.contract
    if contract is None or contract.reporting is None:
        return None
    clause = contract.reporting
    horizon = min(mission.end, contract.term_end)
    # The due dates of the compliance check: every one up to the horizon has a line.
    lines = reporting_compliance(mission, max(horizon, mission.start)).lines
    upcoming = tuple(
        ReportDue(
            period=_period(line.period_start, line.due, lang), due=line.due, deadline=line.deadline
        )
        for line in [line for line in lines if line.due >= since][:UPCOMING]
    )
    return ReportingPlan(
        reporting=clause,
        when=describe_cadence(clause.cadence, lang),
        grace=_days(clause.grace_days, lang),
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
        if not options.draft:
            raise ValidationError(
                [
                    ErrorDetail(
                        "kickoff",
                        "the mission has no kickoff to render; add one, or render with "
                        "draft=True to see what it needs",
                    )
                ]
            )
        # An empty kickoff: what the pack requires of it shows as placeholders.
        note_missing("kickoff")
        kickoff = Kickoff()
    others = tuple(contact for contact in mission.contacts if contact.role is ContactRole.OTHER)
    agenda_minutes = sum(item.minutes for item in kickoff.agenda)
    context.update(
        kickoff=kickoff,
        meeting=_meeting(kickoff, zone, lang),
        agenda=_agenda(kickoff, zone, lang),
        agenda_minutes=agenda_minutes,
        agenda_duration=_duration(agenda_minutes, lang) if agenda_minutes else "",
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
