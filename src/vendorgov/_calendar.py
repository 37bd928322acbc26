"""The governance calendar: a mission's dates as RFC 5545 iCalendar text.

:func:`calendar` turns a mission into one ``VCALENDAR`` that any shared agenda
(Google Agenda, Outlook, Apple Calendar, Thunderbird) imports or subscribes to.
The text is built with the ``icalendar`` package, which escapes and folds it;
nothing here writes iCalendar syntax by hand.

**Calendar.** ``NAME`` and ``X-WR-CALNAME`` are the mission's name,
``DESCRIPTION`` and ``X-WR-CALDESC`` its description, ``X-WR-TIMEZONE`` its
timezone, whose ``VTIMEZONE`` always comes first (it also keeps a calendar
without events valid: RFC 5545 wants at least one component). The
``VTIMEZONE`` covers the calendar years of the mission and of every timed
event, its transitions taken from :mod:`zoneinfo` to the second.

**Events**, in this order:

- the *kickoff*: at ``kickoff.scheduled``, in the mission's timezone (``TZID``),
  lasting the sum of the agenda's minutes (2 hours without an agenda); an
  all-day event on ``held_on`` when there is no scheduled time, or when the
  kickoff was held on another day than the one scheduled;
- the *reviews*: one recurring event, ``RRULE`` from
  :func:`~vendorgov.to_rrule`, ``DTSTART`` the first occurrence of the cadence
  at its local time as written, with the mission's ``TZID`` (what
  :func:`~vendorgov.to_rrule` requires), ``DURATION`` the cadence's
  ``duration_minutes``, and ``UNTIL`` the last second of the mission's end day
  (local time) written in UTC, as RFC 5545 wants with a ``TZID`` start. It
  expands to the instants of :func:`~vendorgov.review_times` from the mission
  start to its end;
- each *milestone*: all day on its due date, its targets in the description;
- the *report due dates*: one recurring all-day event, ``DTSTART`` the first
  due date and ``UNTIL`` the reporting horizon; it expands to the due dates of
  :func:`~vendorgov.reporting_compliance` (the occurrences of the reporting
  cadence after the start, up to the earlier of the mission end and the
  contract's term end). One series rather than one event per date: the due
  dates *are* a cadence, and a series keeps one identity, so re-importing after
  the cadence changed updates it instead of leaving the old dates behind;
- each *corrective action*, whatever its status: all day on its due date, the
  status in the title and the description, ``STATUS:CANCELLED`` when
  cancelled. Closed actions stay, so that re-importing marks an action done
  instead of leaving its open version in the agenda;
- each *contest window*, when the contract has ``contest_days``: all day on the
  last day a shared scorecard may be contested (a review's ``shared_on`` plus
  ``contest_days``), and each *contest*: all day on its answer deadline
  (``raised_on`` plus ``contest_answer_days``), its status in the description;
- the contract's *notice deadlines* when it renews tacitly (each a term's end
  minus the renewal's notice days, the rule of :func:`~vendorgov.assess`): the
  initial term's, the term in force's and the next term's, read on the day of
  the ``DTSTAMP`` (none once notice is given); the contract's *end* (its
  initial term end);
- the *compliance register*: the next vigilance certificate's due date (for
  contracts of 5,000 € or more) and the expiry of the latest insurance
  certificate.

The reviews run to the mission's real end (`vendorgov.mission_end`) on the
day of the ``DTSTAMP``: renewal terms begun by then extend them.

Deadlines (milestones, reports, actions, notice, end) are all-day and
``TRANSP:TRANSPARENT``: they do not make anyone busy.

**Identity.** Each ``UID`` is a UUID 5 of the mission key, the kind of event and
the item's own key (the milestone's name, the action's id), followed by
``@vendorgov``: the same on every run and machine, so importing the calendar
again updates its events instead of duplicating them, and a changed mission
keeps the ``UID`` of every event that is still there.

**Determinism.** vendorgov never reads the clock: ``DTSTAMP`` (when the
information was last revised, for a calendar without ``METHOD``) is the latest
date on which something was *recorded* in the mission — a review held, an
action closed, a need answered, an idea decided, a recognition, a measurement,
a report received, a spend or value entry, a handover, the kickoff held, a
resource handed over, a training held, an integration step done, a tool access
granted or revoked, a benefit granted, a compliance document received, the
contract signed, a scorecard shared, a contest raised or resolved — at 00:00 UTC,
or the mission start when nothing is recorded yet. The same mission gives the
same bytes on any host, in any timezone and locale (given the same tz database
for the ``VTIMEZONE``).

**Text.** Line breaks in the data are normalised to ``\\n``; other control
characters, which iCalendar text cannot hold, are dropped. The ``icalendar``
package escapes commas, semicolons and backslashes and folds lines at 75 octets.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
import re
import uuid
import zoneinfo
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from vendorgov._engine.exit import exit_checklist
from vendorgov._engine.health import COMPLIANCE_LEAD_DAYS, vigilance_required
from vendorgov._engine.reporting import report_dues, reporting_horizon
from vendorgov._engine.terms import initial_term as terms_initial
from vendorgov._engine.terms import mission_end, next_term, term_in_force
from vendorgov._engine.time import (
    DEFAULT_REVIEW_TIME,
    add_months,
    occurrences,
    review_times,
    to_rrule,
)
from vendorgov._format import (
    format_date,
    format_days,
    format_duration,
    format_label,
    format_list,
    format_measure,
    format_months,
)
from vendorgov._i18n import LANGUAGES, N_
from vendorgov._labels import enum_label, message
from vendorgov._model.cadence import Cadence
from vendorgov._model.contract import Contract
from vendorgov._model.kickoff import Kickoff
from vendorgov._model.kpi import Milestone
from vendorgov._model.ledger import ComplianceKind
from vendorgov._model.mission import Mission
from vendorgov._model.parties import Side
from vendorgov._model.review import ActionStatus, CorrectiveAction, Review
from vendorgov._model.text import LocalizedText, localize
from vendorgov._model.voice import Contest
from vendorgov.exceptions import ErrorDetail, ValidationError

if TYPE_CHECKING:
    import icalendar

__all__ = ["LANGUAGES", "calendar"]


_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "vendorgov:calendar")
_DAY = dt.timedelta(days=1)
_KICKOFF_DEFAULT = dt.timedelta(hours=2)
_FIRST_ZONE_DAY = dt.date.min + _DAY
_LAST_ZONE_DAY = dt.date.max - _DAY
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_MESSAGES: Final[dict[str, str]] = {
    "kickoff": N_("Kickoff meeting — %(provider)s"),
    "kickoff_text": N_("Kickoff meeting of the mission “%(mission)s” with %(provider)s."),
    "agenda": N_("Agenda:"),
    "agenda_item": N_("- %(title)s (%(duration)s%(owner)s)"),
    "contacts": N_(
        "Points of contact: %(client)s (%(client_name)s) and %(provider)s (%(provider_name)s)"
    ),
    "review": N_("%(every)s — %(provider)s"),
    "review_text": N_(
        "Review of the mission “%(mission)s”: KPIs and milestones, obstacles, corrective "
        "actions, the provider's needs and improvement ideas."
    ),
    "milestone": N_("Milestone %(name)s — %(provider)s"),
    "milestone_text": N_("Milestone %(horizon)s of the mission “%(mission)s”: %(due)s."),
    "targets": N_("Targets (threshold):"),
    "target": N_("- %(kpi)s: %(target)s (threshold %(threshold)s)"),
    "report": N_("%(every)s — %(provider)s"),
    "report_text": N_(
        "Report due from %(provider)s%(format)s. Each report covers the period since the "
        "previous due date; grace period: %(grace)s."
    ),
    "recipients": N_("Recipients: %(recipients)s"),
    "report_content": N_("Content: %(content)s"),
    "action": N_("Corrective action — %(description)s%(status)s"),
    "action_done": N_(" (done)"),
    "action_cancelled": N_(" (cancelled)"),
    "owner": N_("Owner: %(owner)s"),
    "status_open": N_("Status: open, due %(due)s"),
    "status_done": N_("Status: done on %(closed)s"),
    "status_done_undated": N_("Status: done"),
    "status_cancelled": N_("Status: cancelled on %(closed)s"),
    "status_cancelled_undated": N_("Status: cancelled"),
    "kpi": N_("KPI: %(kpi)s"),
    "decided": N_("Decided at the review of %(on)s."),
    "root_cause": N_("Root cause: %(cause)s"),
    "notice": N_("Notice deadline — %(provider)s"),
    "notice_renewal": N_(
        "Last day to give the %(days)s notice before the end of contract %(reference)s (%(end)s)."
    ),
    "tacit": N_("Without notice, the contract renews automatically for %(period)s."),
    "not_tacit": N_("The contract may be renewed for %(period)s by mutual agreement."),
    "vigilance": N_("Vigilance certificate due — %(provider)s"),
    "vigilance_text": N_(
        "The provider's next URSSAF vigilance certificate is due (C. trav. L8222-1, D8222-5: "
        "at signature, then every 6 months); vendorgov flags it %(days)s before."
    ),
    "insurance": N_("Insurance certificate expires — %(provider)s"),
    "insurance_text": N_(
        "The provider's latest insurance certificate is valid until %(until)s: ask for the "
        "next one."
    ),
    "end": N_("Contract ends — %(provider)s"),
    "end_text": N_("End of the initial term of contract %(reference)s%(title)s."),
    "exit_step": N_("Exit: %(step)s — %(provider)s"),
    "exit_step_subject": N_("Exit: %(step)s — %(subject)s"),
    "exit_step_text": N_("Exit step of the mission “%(mission)s”: %(step)s%(subject)s."),
    "review_weekly": N_("Weekly review"),
    "review_monthly": N_("Monthly review"),
    "review_quarterly": N_("Quarterly review"),
    "review_every_weekly": N_("Review every %(n)s weeks"),
    "review_every_monthly": N_("Review every %(n)s months"),
    "review_every_quarterly": N_("Review every %(n)s quarters"),
    "report_weekly": N_("Weekly report due"),
    "report_monthly": N_("Monthly report due"),
    "report_quarterly": N_("Quarterly report due"),
    "report_every_weekly": N_("Report due (every %(n)s weeks)"),
    "report_every_monthly": N_("Report due (every %(n)s months)"),
    "report_every_quarterly": N_("Report due (every %(n)s quarters)"),
    "contest_window": N_("Contest window closes — %(milestone)s — %(provider)s"),
    "contest_window_text": N_(
        "The results of “%(milestone)s” were shared on %(shared)s: %(provider)s may contest "
        "them until %(end)s (%(days)s)."
    ),
    "contest_answer": N_("Contest answer due — %(kpi)s — %(provider)s"),
    "contest_answer_text": N_(
        "%(by)s contested the result of %(kpi)s at “%(milestone)s” on %(raised)s: %(reason)s"
    ),
    "contest_status": N_("Status: %(status)s"),
}
"""The words of the calendar, by key: messages of the catalogs (`vendorgov._i18n`)."""


def calendar(mission: Mission, *, lang: str = "fr") -> str:
    """The mission's governance calendar, as RFC 5545 iCalendar text.

    One ``VCALENDAR`` named after the mission, with the ``VTIMEZONE`` of its
    timezone, holding the kickoff, the reviews (one recurring event), the
    milestones, the report due dates (one recurring event), the corrective
    actions, the contract's notice deadline and its end. The module
    documentation gives the exact rules: which date each event takes, its
    stable ``UID``, and the deterministic ``DTSTAMP``.

    The text uses CRLF line ends, as RFC 5545 requires: write it unchanged
    (``open(path, "w", encoding="utf-8", newline="")``).

    Args:
        mission: The mission.
        lang: The language of the titles and descriptions: ``"fr"``, ``"en"`` or
            ``"es"`` (their words come from the message catalogs, their dates and
            quantities from Babel). The data (names, descriptions) stays as written.

    Returns:
        The iCalendar text.

    Raises:
        ValidationError: ``mission`` is not a mission, or ``lang`` is unknown.

    >>> from vendorgov import examples
    >>> text = calendar(examples.demo_mission("logistique"), lang="en")
    >>> text.splitlines()[:2]
    ['BEGIN:VCALENDAR', 'VERSION:2.0']
    >>> reviews = text.split("BEGIN:VEVENT")[2]  # after the kickoff
    >>> for line in reviews.splitlines():
    ...     if line.startswith(("SUMMARY", "DTSTART", "DURATION", "RRULE")):
    ...         print(line)
    SUMMARY:Monthly review — LogiDauphiné SAS
    DTSTART;TZID=Europe/Paris:20260303T100000
    DURATION:PT1H
    RRULE:FREQ=MONTHLY;UNTIL=20280301T225959Z;BYDAY=1TU
    """
    problems: list[ErrorDetail] = []
    if not isinstance(mission, Mission):
        problems.append(ErrorDetail("mission", f"expected a Mission, got {type(mission).__name__}"))
    if lang not in LANGUAGES:
        listed = ", ".join(repr(item) for item in LANGUAGES)
        problems.append(ErrorDetail("lang", f"unknown language {lang!r}: expected one of {listed}"))
    if problems:
        raise ValidationError(problems)
    return _Builder(mission, lang).build()


class _Builder:
    """Builds the calendar of one mission in one language."""

    def __init__(self, mission: Mission, lang: str) -> None:
        self.mission = mission
        self.lang = lang
        self.zone = zoneinfo.ZoneInfo(mission.timezone)
        self.day = _last_recorded(mission, self.zone)
        self.stamp = dt.datetime.combine(self.day, dt.time(), dt.UTC)
        # The mission's real end as known on the last day something was recorded.
        self.end = mission_end(mission, self.day)
        self.provider = mission.provider.name
        # the instants of timed events, for the range of the VTIMEZONE
        self.timed: list[dt.datetime] = []

    # -- the calendar -------------------------------------------------------------
    def build(self) -> str:
        import icalendar

        mission = self.mission
        cal = icalendar.Calendar()
        cal.add("VERSION", "2.0")
        cal.add("PRODID", f"-//vendorgov//vendorgov {_version()}//{self.lang.upper()}")
        cal.add("CALSCALE", "GREGORIAN")
        # RFC 7986 NAME and DESCRIPTION, and the X-WR- names most agendas read;
        # vText, or icalendar would write the extension properties unescaped
        text = icalendar.vText
        name, description = self._local(mission.name), self._local(mission.description)
        cal.add("NAME", text(_text(name)))
        cal.add("X-WR-CALNAME", text(_text(name)))
        if description.strip():
            cal.add("DESCRIPTION", text(_text(description)))
            cal.add("X-WR-CALDESC", text(_text(description)))
        cal.add("X-WR-TIMEZONE", text(mission.timezone))
        for event in self._events():
            cal.add_component(event)
        # Always the VTIMEZONE of the mission's timezone: X-WR-TIMEZONE names it,
        # and it keeps a calendar without events valid (RFC 5545 wants at least
        # one component). It covers the mission and every timed event.
        days = [mission.start, mission.end, self.end]
        days += [instant.astimezone(self.zone).date() for instant in self.timed]
        first, last = min(days), max(days)
        # A day away from the ends of the calendar, where a local midnight may
        # have no UTC instant.
        vtimezone = _vtimezone(
            self.zone,
            mission.timezone,
            max(dt.date(first.year, 1, 1), _FIRST_ZONE_DAY),
            min(dt.date(min(last.year + 1, dt.MAXYEAR), 1, 1), _LAST_ZONE_DAY),
        )
        cal.subcomponents.insert(0, vtimezone)
        return bytes(cal.to_ical()).decode("utf-8")

    def _events(self) -> Iterator[icalendar.Event]:
        mission = self.mission
        if mission.kickoff is not None:
            kickoff = self._kickoff(mission.kickoff)
            if kickoff is not None:
                yield kickoff
        if mission.review_cadence is not None:
            reviews = self._reviews(mission.review_cadence)
            if reviews is not None:
                yield reviews
        for milestone, due in zip(mission.milestones, mission.milestone_dues(), strict=True):
            yield self._milestone(milestone, due)
        contract = mission.contract
        if contract is not None and contract.reporting is not None:
            reports = self._reports(contract)
            if reports is not None:
                yield reports
        for review in mission.reviews:
            for action in review.corrective_actions:
                yield self._action(action, review)
        if contract is not None and contract.contest_days is not None:
            for review in mission.reviews:
                if review.shared_on is not None:
                    window = self._contest_window(review, contract.contest_days)
                    if window is not None:
                        yield window
        for index, contest in enumerate(mission.contests):
            yield self._contest(index, contest)
        if contract is not None:
            yield from self._notices(contract)
            yield self._end(contract)
            if contract.exit_plan is not None:
                yield from self._exit_steps()
            yield from self._compliance(contract)

    def _local(self, value: str | LocalizedText) -> str:
        """A text the mission's author wrote, in the calendar's language (see `localize`)."""
        return localize(value, self.lang, self.mission.language)[0]

    def _event(self, kind: str, key: str, summary: str, description: str) -> icalendar.Event:
        import icalendar

        name = f"{self.mission.key}/{kind}/{key}"
        event = icalendar.Event()
        event.add("UID", f"{uuid.uuid5(_UID_NAMESPACE, name)}@vendorgov")
        event.add("DTSTAMP", self.stamp)
        event.add("SUMMARY", _text(summary))
        if description:
            event.add("DESCRIPTION", _text(description))
        return event

    def _all_day(
        self, kind: str, key: str, day: dt.date, summary: str, description: str
    ) -> icalendar.Event:
        event = self._event(kind, key, summary, description)
        _add_whole_day(event, day)
        event.add("TRANSP", "TRANSPARENT")
        return event

    # -- the kinds of events ---------------------------------------------------------
    def _kickoff(self, kickoff: Kickoff) -> icalendar.Event | None:
        lines = [
            self._t("kickoff_text", mission=self._local(self.mission.name), provider=self.provider)
        ]
        if kickoff.agenda:
            lines += ["", self._t("agenda")]
            lines += [
                self._t(
                    "agenda_item",
                    title=item.title,
                    duration=format_duration(item.minutes, self.lang),
                    owner=f", {item.owner}" if item.owner.strip() else "",
                )
                for item in kickoff.agenda
            ]
        lines += ["", self._contacts()]
        summary = self._t("kickoff", provider=self.provider)
        description = "\n".join(lines)
        scheduled = kickoff.scheduled
        start = None if scheduled is None else scheduled.astimezone(self.zone)
        if start is not None and kickoff.held_on in (None, start.date()):
            minutes = sum(item.minutes for item in kickoff.agenda)
            length = dt.timedelta(minutes=minutes) if minutes else _KICKOFF_DEFAULT
            end = (start.astimezone(dt.UTC) + length).astimezone(self.zone)
            event = self._event("kickoff", "", summary, description)
            event.add("DTSTART", start)
            event.add("DTEND", end)
            self.timed += [start, end]
        elif kickoff.held_on is not None:
            event = self._event("kickoff", "", summary, description)
            _add_whole_day(event, kickoff.held_on)
        else:
            return None
        if kickoff.location.strip():
            event.add("LOCATION", _text(kickoff.location))
        return event

    def _reviews(self, cadence: Cadence) -> icalendar.Event | None:
        mission = self.mission
        times = review_times(cadence, mission.start, self.end, self.zone)
        if not times:
            return None
        # DTSTART is the first occurrence at the cadence's time *as written*
        # (see to_rrule), which differs from times[0] in a spring-forward gap.
        local_time = (cadence.time or DEFAULT_REVIEW_TIME).replace(tzinfo=None, fold=0)
        first_day = occurrences(cadence, mission.start, self.end)[0]
        start = dt.datetime.combine(first_day, local_time, tzinfo=self.zone)
        until = dt.datetime.combine(self.end, dt.time(23, 59, 59), tzinfo=self.zone)
        until = until.astimezone(dt.UTC)
        every = self._every("review", cadence)
        description = "\n".join(
            [self._t("review_text", mission=self._local(mission.name)), "", self._contacts()]
        )
        event = self._event(
            "review", "", self._t("review", every=every, provider=self.provider), description
        )
        event.add("DTSTART", start)
        event.add("DURATION", dt.timedelta(minutes=cadence.duration_minutes))
        rule = _recurrence(to_rrule(cadence))
        rule["UNTIL"] = until
        event.add("RRULE", rule)
        self.timed += [times[0], times[-1] + dt.timedelta(minutes=cadence.duration_minutes)]
        return event

    def _milestone(self, milestone: Milestone, due: dt.date) -> icalendar.Event:
        lines = []
        description = self._local(milestone.description)
        if description.strip():
            lines += [description, ""]
        lines.append(
            self._t(
                "milestone_text",
                horizon=milestone.horizon,
                mission=self._local(self.mission.name),
                due=self._date(due),
            )
        )
        if milestone.targets:
            kpis = {kpi.key: kpi for kpi in self.mission.kpis}
            lines += ["", self._t("targets")]
            for target in milestone.targets:
                kpi = kpis[target.kpi]
                lines.append(
                    self._t(
                        "target",
                        kpi=self._local(kpi.name),
                        target=self._quantity(target.target, kpi.unit),
                        threshold=self._quantity(target.threshold, kpi.unit),
                    )
                )
        summary = self._t("milestone", name=self._local(milestone.name), provider=self.provider)
        # The UID names the milestone as first written: the same in every language.
        return self._all_day("milestone", str(milestone.name), due, summary, "\n".join(lines))

    def _reports(self, contract: Contract) -> icalendar.Event | None:
        clause = contract.reporting
        assert clause is not None
        # The due dates of reporting_compliance, up to its horizon.
        horizon = reporting_horizon(self.mission)
        dues = report_dues(self.mission)
        if horizon is None or not dues:
            return None
        lines = [
            self._t(
                "report_text",
                provider=self.provider,
                format=f" ({clause.format})" if clause.format.strip() else "",
                grace=self._days(clause.grace_days),
            )
        ]
        if clause.recipients:
            lines.append(
                self._t("recipients", recipients=format_list(clause.recipients, self.lang))
            )
        if clause.content.strip():
            lines.append(self._t("report_content", content=clause.content))
        every = self._every("report", clause.cadence)
        summary = self._t("report", every=every, provider=self.provider)
        event = self._all_day("report", "", dues[0], summary, "\n".join(lines))
        rule = _recurrence(to_rrule(clause.cadence))
        rule["UNTIL"] = horizon
        event.add("RRULE", rule)
        return event

    def _action(self, action: CorrectiveAction, review: Review) -> icalendar.Event:
        closed = None if action.closed_on is None else self._date(action.closed_on)
        if action.status is ActionStatus.OPEN:
            suffix = ""
            status = self._t("status_open", due=self._date(action.due))
        else:
            name = "done" if action.status is ActionStatus.DONE else "cancelled"
            suffix = self._t(f"action_{name}")
            key = f"status_{name}" if closed is not None else f"status_{name}_undated"
            status = self._t(key, closed=closed)
        lines = [
            self._t("owner", owner=action.owner),
            status,
        ]
        if action.kpi is not None:
            lines.append(self._t("kpi", kpi=self.mission.kpi(action.kpi).name))
        lines.append(self._t("decided", on=self._date(review.on)))
        if action.root_cause.strip():
            lines.append(self._t("root_cause", cause=action.root_cause))
        summary = self._t("action", description=action.description, status=suffix)
        event = self._all_day("action", action.id, action.due, summary, "\n".join(lines))
        if action.status is ActionStatus.CANCELLED:
            event.add("STATUS", "CANCELLED")
        return event

    def _contest_window(self, review: Review, days: int) -> icalendar.Event | None:
        # The window in which Mission refuses no contest (Mission.contest_window).
        mission = self.mission
        index = mission.shared_milestone(review)
        if index is None or review.shared_on is None:
            return None
        name = self._local(mission.milestones[index].name)
        end = review.shared_on + dt.timedelta(days=days)
        text = self._t(
            "contest_window_text",
            milestone=name,
            shared=self._date(review.shared_on),
            provider=self.provider,
            end=self._date(end),
            days=self._days(days),
        )
        summary = self._t("contest_window", milestone=name, provider=self.provider)
        return self._all_day("contest_window", review.shared_on.isoformat(), end, summary, text)

    def _contest(self, index: int, contest: Contest) -> icalendar.Event:
        # The deadline of the CONTEST_ANSWER_OVERDUE finding (vendorgov._engine.health).
        mission = self.mission
        kpi = self._local(mission.kpi(contest.kpi).name)
        lines = [
            self._t(
                "contest_answer_text",
                by=contest.raised_by,
                kpi=kpi,
                milestone=contest.milestone,
                raised=self._date(contest.raised_on),
                reason=contest.reason,
            ),
            self._t("contest_status", status=enum_label(contest.status, self.lang)),
        ]
        summary = self._t("contest_answer", kpi=kpi, provider=self.provider)
        key = f"{contest.kpi}/{contest.milestone}/{contest.raised_on.isoformat()}"
        return self._all_day(
            "contest", key, mission.contest_answer_due(contest), summary, "\n".join(lines)
        )

    def _notices(self, contract: Contract) -> Iterator[icalendar.Event]:
        # The deadlines of the NOTICE_DEADLINE_SOON finding (vendorgov._engine.health).
        renewal = contract.renewal
        # Only a tacit renewal makes a deadline: any other contract simply ends.
        if renewal is None or not renewal.tacit:
            return
        notice = self.mission.notice
        if notice is not None and notice.given_on <= self.day:
            return  # notice given: no renewal left to stop
        # The initial term's, the term in force's and the next one's: at most three events,
        # however many terms a long mission has had.
        current = term_in_force(self.mission, self.day)
        found = [terms_initial(self.mission), current] if current.number else [current]
        following = next_term(self.mission, self.day)
        if following is not None:
            found.append(following)
        for term in found:
            if term.notice_deadline is None:
                continue
            lines = [
                self._t(
                    "notice_renewal",
                    days=self._days(renewal.notice_days),
                    reference=contract.reference,
                    end=self._date(term.end),
                )
            ]
            lines.append(self._renewal(contract))
            summary = self._t("notice", provider=self.provider)
            # The initial term keeps the UID the notice event had before renewal terms.
            key = "" if term.number == 0 else str(term.number)
            yield self._all_day("notice", key, term.notice_deadline, summary, "\n".join(lines))

    def _compliance(self, contract: Contract) -> Iterator[icalendar.Event]:
        # The due dates of the compliance register (vendorgov._engine.health): the next
        # vigilance certificate, and the expiry of the latest insurance certificate.
        documents = self.mission.compliance_documents
        if vigilance_required(contract, milestones=len(self.mission.milestones)):
            received = [
                doc.received_on
                for doc in documents
                if doc.kind is ComplianceKind.VIGILANCE_CERTIFICATE
            ]
            signature = contract.signed_on or contract.effective
            due = signature if not received else _plus_months(max(received), 6)
            if due is not None and due <= self.end:
                text = self._t("vigilance_text", days=self._days(COMPLIANCE_LEAD_DAYS))
                summary = self._t("vigilance", provider=self.provider)
                yield self._all_day("vigilance", "", due, summary, text)
        insurance = [
            doc.valid_until
            for doc in documents
            if doc.kind is ComplianceKind.INSURANCE and doc.valid_until is not None
        ]
        if insurance:
            until = max(insurance)
            summary = self._t("insurance", provider=self.provider)
            text = self._t("insurance_text", until=self._date(until))
            yield self._all_day("insurance", "", until, summary, text)

    def _end(self, contract: Contract) -> icalendar.Event:
        lines = [
            self._t(
                "end_text",
                reference=contract.reference,
                title=f" — {contract.title}" if contract.title.strip() else "",
            )
        ]
        renewal = self._renewal(contract)
        if renewal:
            lines.append(renewal)
        summary = self._t("end", provider=self.provider)
        return self._all_day("end", "", contract.term_end, summary, "\n".join(lines))

    def _exit_steps(self) -> Iterator[icalendar.Event]:
        # The steps of the exit checklist (vendorgov._engine.exit), as of the last date
        # the mission records: a step done by then says so.
        mission = self.mission
        checklist = exit_checklist(mission, _last_recorded(mission, self.zone))
        for step in checklist.steps:
            label = format_label(step.kind, self.lang)
            lines = [
                self._t(
                    "exit_step_text",
                    mission=self._local(mission.name),
                    step=label,
                    subject=f" — {step.subject.rstrip(' .')}" if step.subject.strip() else "",
                ),
                self._t(
                    "owner", owner=f"{step.owner_name} ({format_label(step.owner, self.lang)})"
                ),
            ]
            if step.done_on is not None:
                lines.append(self._t("status_done", closed=self._date(step.done_on)))
            if step.subject.strip():
                summary = self._t("exit_step_subject", step=label, subject=step.subject)
            else:
                summary = self._t("exit_step", step=label, provider=self.provider)
            yield self._all_day("exit", step.key, step.due, summary, "\n".join(lines))

    # -- wording ---------------------------------------------------------------------
    def _contacts(self) -> str:
        mission = self.mission
        return self._t(
            "contacts",
            client=mission.primary_contact(Side.CLIENT).name,
            client_name=mission.client.name,
            provider=mission.primary_contact(Side.PROVIDER).name,
            provider_name=self.provider,
        )

    def _renewal(self, contract: Contract) -> str:
        renewal = contract.renewal
        if renewal is None:
            return ""
        key = "tacit" if renewal.tacit else "not_tacit"
        return self._t(key, period=format_months(renewal.period_months, self.lang))

    def _every(self, kind: str, cadence: Cadence) -> str:
        frequency = cadence.frequency.value
        if cadence.interval == 1:
            return self._t(f"{kind}_{frequency}")
        return self._t(f"{kind}_every_{frequency}", n=cadence.interval)

    def _days(self, count: int) -> str:
        return format_days(count, self.lang)

    def _t(self, key: str, **values: object) -> str:
        """The calendar's message ``key`` in the calendar's language, ``values`` put in."""
        return message(self.lang, _MESSAGES[key], **values)

    def _date(self, day: dt.date) -> str:
        return format_date(day, self.lang)

    def _quantity(self, value: Decimal, unit: str) -> str:
        return format_measure(value, unit, self.lang)


# -- helpers -------------------------------------------------------------------------------
@functools.cache
def _version() -> str:
    try:
        return importlib.metadata.version("vendorgov")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return "unknown"


def _text(value: str) -> str:
    """Text iCalendar can hold: line breaks as ``\\n``, no other control character."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _last_recorded(mission: Mission, zone: zoneinfo.ZoneInfo) -> dt.date:
    """The latest date on which something was recorded (the mission start if none)."""
    return max(_recorded_dates(mission, zone), default=mission.start)


def _recorded_dates(mission: Mission, zone: zoneinfo.ZoneInfo) -> Iterator[dt.date]:
    contract = mission.contract
    if contract is not None and contract.signed_on is not None:
        yield contract.signed_on
    kickoff = mission.kickoff
    if kickoff is not None:
        yield from _present(kickoff.held_on)
        yield from _present(*(item.handed_over_on for item in kickoff.resources))
        yield from _present(*(item.held_on for item in kickoff.trainings))
    for tool in mission.tools:
        yield from _present(tool.access_granted_on, tool.access_revoked_on)
    yield from _present(*(step.done_on for step in mission.integration))
    yield from (handover.on for handover in mission.handovers)
    for review in mission.reviews:
        yield review.on
        yield from _present(*(action.closed_on for action in review.corrective_actions))
        yield from _present(*(need.answered_on for need in review.needs))
        yield from _present(*(idea.decided_on for idea in review.ideas))
        yield from (recognition.on for recognition in review.recognitions)
    yield from (recognition.on for recognition in mission.recognitions)
    for measurement in mission.measurements:
        at = measurement.at
        yield at.astimezone(zone).date() if isinstance(at, dt.datetime) else at
    yield from (report.received_on for report in mission.reports)
    yield from (entry.on for entry in mission.spend)
    yield from (entry.on for entry in mission.value_entries)
    yield from _present(*(benefit.granted_on for benefit in mission.benefits))
    yield from (document.received_on for document in mission.compliance_documents)
    yield from _present(*(review.shared_on for review in mission.reviews))
    for contest in mission.contests:
        yield contest.raised_on
        yield from _present(contest.resolved_on)
    if mission.notice is not None:
        yield mission.notice.given_on
    yield from (decision.decided_on for decision in mission.renewal_decisions)


def _add_whole_day(event: icalendar.Event, day: dt.date) -> None:
    """``DTSTART`` on ``day`` and its end: ``DTEND`` the next day, or, on 9999-12-31,
    which has no next day, the equivalent ``DURATION:P1D`` (RFC 5545 §3.6.1)."""
    event.add("DTSTART", day)
    if day < dt.date.max:
        event.add("DTEND", day + _DAY)
    else:
        event.add("DURATION", _DAY)


def _plus_months(day: dt.date, months: int) -> dt.date | None:
    try:
        return add_months(day, months)
    except ValueError:  # past the year 9999
        return None


def _present(*days: dt.date | None) -> Iterator[dt.date]:
    return (day for day in days if day is not None)


# -- VTIMEZONE -------------------------------------------------------------------------------
# The zone's state is probed once a day, then each change is bisected to the
# second. The closest transitions of the tz database since 1970 are 6.75 days
# apart (America/Cambridge_Bay): a daily probe sees every one of them.
_PROBE_SECONDS = 24 * 3600


def _recurrence(rule: str) -> icalendar.vRecur:
    import icalendar

    recurrence: icalendar.vRecur = icalendar.vRecur.from_ical(rule)
    return recurrence


_State = tuple[dt.timedelta, dt.timedelta, str]

# From 2200 every zone follows the yearly rule of its tz database entry (explicit
# transitions end by 2087, Africa/Casablanca's), and that rule repeats with the
# Gregorian calendar: every 400 years, 146,097 days, a whole number of weeks.
_PERIODIC_FROM = int(dt.datetime(2200, 1, 1, tzinfo=dt.UTC).timestamp())
_PERIOD_SECONDS = 146_097 * 24 * 3600


def _state(zone: zoneinfo.ZoneInfo, seconds: int) -> _State:
    local = dt.datetime.fromtimestamp(seconds, zone)
    offset = local.utcoffset()
    assert offset is not None
    return offset, local.dst() or dt.timedelta(), local.tzname() or ""


@functools.lru_cache(maxsize=32)
def _transitions(
    zone: zoneinfo.ZoneInfo, begin: int, stop: int
) -> tuple[tuple[int, _State, _State], ...]:
    """The changes of the zone's state from ``begin`` to ``stop`` (POSIX seconds): the
    first second of each new state, with the states before and after.

    Probed daily and bisected to the second; past 2200, one 400-year period is probed
    and its changes repeated, so that a mission reaching 9998 stays quick. Cached: the
    French and English calendars of a mission share the work.
    """

    def state(seconds: int) -> _State:
        return _state(zone, seconds)

    window_end = max(begin, _PERIODIC_FROM) + _PERIOD_SECONDS
    found: list[tuple[int, _State, _State]] = []
    current = state(begin)
    probe = begin
    while probe < min(stop, window_end):
        following = min(probe + _PROBE_SECONDS, stop, window_end)
        if state(following) == current:
            probe = following
            continue
        low, high = probe, following  # state(low) == current != state(high)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if state(middle) == current else (low, middle)
        after = state(high)
        found.append((high, current, after))
        current, probe = after, high
    if stop > window_end:
        period = [change for change in found if change[0] > window_end - _PERIOD_SECONDS]
        shift = _PERIOD_SECONDS
        while period and period[0][0] + shift <= stop:
            found += [
                (at + shift, before, after) for at, before, after in period if at + shift <= stop
            ]
            shift += _PERIOD_SECONDS
    return tuple(found)


def _vtimezone(
    zone: zoneinfo.ZoneInfo, tzid: str, first: dt.date, last: dt.date
) -> icalendar.Timezone:
    """The ``VTIMEZONE`` of ``zone`` from ``first`` to ``last`` (local midnights).

    Not ``icalendar.Timezone.from_tzinfo``: in icalendar 7.3 it searches the
    transitions in local wall-clock steps and writes each clock-forward onset
    one hour late (the wall-clock time after the change, 03:00 for Paris, where
    RFC 5545 §3.6.5 wants the time before it in ``TZOFFSETFROM``, 02:00), so a
    reader that trusts the VTIMEZONE gets that hour wrong. Here the
    transitions are found in UTC, to the second, and each onset is written as
    RFC 5545 says: the local time in the offset it leaves.
    Observances are grouped as ``icalendar`` groups them: one ``DTSTART`` plus
    ``RDATE`` per (offset from, offset to, name, standard or daylight).
    """
    import icalendar

    begin = int(dt.datetime.combine(first, dt.time(), zone).timestamp())
    stop = int(dt.datetime.combine(last, dt.time(), zone).timestamp())
    current = _state(zone, begin)
    onsets: dict[tuple[dt.timedelta, dt.timedelta, str, bool], list[dt.datetime]] = {
        (current[0], current[0], current[2], not current[1]): [
            dt.datetime.combine(first, dt.time())
        ]
    }
    for high, before, after in _transitions(zone, begin, stop):
        onset = dt.datetime.fromtimestamp(high, dt.UTC).replace(tzinfo=None) + before[0]
        onsets.setdefault((before[0], after[0], after[2], not after[1]), []).append(onset)
    component = icalendar.Timezone()
    component.add("TZID", tzid)
    for (offset_from, offset_to, name, standard), starts in onsets.items():
        observance = icalendar.TimezoneStandard() if standard else icalendar.TimezoneDaylight()
        observance.add("DTSTART", starts[0])
        if starts[1:]:
            observance.add("RDATE", starts[1:])
        observance.add("TZNAME", name)
        observance.add("TZOFFSETFROM", offset_from)
        observance.add("TZOFFSETTO", offset_to)
        component.add_component(observance)
    return component
