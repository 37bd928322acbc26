"""Findings: what needs attention in a mission at a date.

Every finding has a stable machine code (listed in :data:`FINDING_CODES`),
a severity, the parameters a sentence about it needs (never the sentence:
[`describe`][vendorgov.describe] writes it in the reader's language), the
subject it concerns and the date it was assessed for. :func:`assess` returns
them sorted by severity (critical first), then by the date the problem arose
or falls due, then by code and subject: the same list on every run.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import statistics
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal

from vendorgov._engine import budget as _budget
from vendorgov._engine import reporting as _reporting
from vendorgov._engine import terms as _terms
from vendorgov._engine.exit import exit_checklist as _exit_checklist
from vendorgov._engine.legal import semester, semester_rates
from vendorgov._engine.reviews import open_needs, overdue_actions, review_scorecard
from vendorgov._engine.scoring import outcome, score, score_history
from vendorgov._engine.time import add_months, occurrences
from vendorgov._model.amendment import in_force
from vendorgov._model.contract import BillingPeriod, Contract, FeeKind
from vendorgov._model.exit import ExitStepKind
from vendorgov._model.ledger import ComplianceKind
from vendorgov._model.mission import Mission
from vendorgov._model.money import Money
from vendorgov._model.scorecard import Finding, Parameter, Scorecard, Severity, Status
from vendorgov._model.sequences import Findings
from vendorgov._model.terms import Notice
from vendorgov._model.text import LocalizedText
from vendorgov._model.tracking import ReportStatus
from vendorgov._model.voice import ContestStatus
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "COMPLIANCE_LEAD_DAYS",
    "FINDING_CODES",
    "KBIS_MAX_AGE_MONTHS",
    "assess",
    "contract_value",
    "notice_deadline",
]

FINDING_CODES: dict[str, str] = {
    "KICKOFF_NOT_HELD": (
        "The mission has a kickoff section, has started, and the kickoff is not recorded as held."
    ),
    "TRAINING_PENDING": "An internal training was planned before the date and is not held.",
    "RESOURCE_PENDING": "A resource or document was due to the provider and is not handed over.",
    "INTEGRATION_STEP_OVERDUE": "An integration step of the provider is past its planned date.",
    "TOOL_ACCESS_NOT_REVOKED": "The mission has ended and the provider still has access to a tool.",
    "REVIEW_OVERDUE": "A review date of the cadence has passed with no review recorded.",
    "REPORT_LATE": "A report arrived after its due date and grace days.",
    "REPORT_MISSING": "A report is past its due date and grace days and has not arrived.",
    "MILESTONE_MISSED": "KPIs were missed at the last milestone reached.",
    "MILESTONE_BELOW_TARGET": (
        "The last milestone reached ended between threshold and target: no KPI missed, "
        "not every KPI met."
    ),
    "MILESTONE_MET": "Every KPI with data met its target at the last milestone reached.",
    "MILESTONE_AT_RISK": "KPIs are behind their expected path towards the next milestone.",
    "KPI_MISSED_IN_WINDOW": (
        "A KPI is already below its threshold in the running window, before the milestone."
    ),
    "KPI_NO_DATA": "A KPI with a target has no measurement in the current window.",
    "INSUFFICIENT_EVIDENCE": (
        "A score rests on less of the KPI weight than the mission's minimum coverage: "
        "no standing, and no result bonus, on it."
    ),
    "ACTION_OVERDUE": "An open corrective action is past its due date.",
    "NEED_OPEN": "An information request from the provider has been open for too long.",
    "BUDGET_OVERRUN": "Spend to date exceeds the planned budget to date by more than 5 %.",
    "FORECAST_OVERRUN": "Spend at completion is forecast more than 5 % above the budget.",
    "CONTRACT_END_SOON": "The contract (not tacitly renewed) ends within 90, 30 or 7 days.",
    "NOTICE_DEADLINE_SOON": (
        "The last day to give notice against a tacit renewal falls within 90, 30 or 7 days."
    ),
    "RECOGNITION_DUE": (
        "Results are good or improving at the last milestone, or good at the last review, "
        "and nobody congratulated the provider since."
    ),
    "PAYMENT_TERM_TOO_LONG": ("French law caps payment terms at 60 days (45 days end of month)."),
    "LATE_PENALTIES_NOT_STATED": (
        "French law requires the late-payment penalty rate in the contract."
    ),
    "RECOVERY_INDEMNITY_NOT_STATED": (
        "French law requires the €40 recovery indemnity in the contract."
    ),
    "IP_ASSIGNMENT_INCOMPLETE": (
        "French law wants each assigned right with its scope, territory and duration."
    ),
    "VIGILANCE_CERTIFICATE_DUE": (
        "For contracts of €5,000 or more, the provider's vigilance certificate is due "
        "at signature and every 6 months."
    ),
    "CONTEST_OPEN": (
        "The provider contested a result and the contest is not answered yet: the result "
        "is contested, and the payouts that depend on it wait."
    ),
    "CONTEST_ANSWER_OVERDUE": (
        "A contest of the provider is still unanswered after the contract's answer "
        "deadline (contest_answer_days after it was raised)."
    ),
    "IP_ASSIGNMENT_MISSING": (
        "Deliverables are works of authorship and the contract assigns no rights on them "
        "(French law, CPI L131-3)."
    ),
    "DPA_MISSING": (
        "The provider processes personal data for the client and the contract has no "
        "processing agreement (GDPR art. 28(3))."
    ),
    "DPA_INCOMPLETE": (
        "The processing agreement leaves out an element GDPR art. 28(3) requires "
        "(one finding per element)."
    ),
    "EXIT_STEP_LATE": (
        "A step of the exit checklist is past its due date and not recorded as done "
        "(a tool's revocation is TOOL_ACCESS_NOT_REVOKED)."
    ),
    "RENEWAL_NOT_DECIDED": (
        "A term renewable by express agreement ended with no renewal decision recorded: "
        "the mission ended with it."
    ),
    "NOTICE_TOO_SHORT": (
        "A notice given ends the mission before the earliest end the contract allows "
        "(its renewal notice, or its termination clause)."
    ),
    "RELATIONSHIP_NOTICE_TOO_SHORT": (
        "A notice given is shorter than the length of the relationship suggests "
        "(C. com. L442-1 II; rule of thumb: one month per year)."
    ),
    "CONTRACT_NOTICE_TOO_SHORT": (
        "The contract's renewal notice is shorter than the length of the relationship "
        "suggests at the next notice deadline (C. com. L442-1 II; rule of thumb)."
    ),
    "VIGILANCE_CERTIFICATE_DUE_SOON": (
        "The next vigilance certificate falls due within 30 days, before the mission's end."
    ),
    "REGISTRATION_EXTRACT_MISSING": (
        "For contracts of €5,000 or more, no Kbis extract issued within 3 months before "
        "signing was received."
    ),
    "INSURANCE_CERTIFICATE_MISSING": (
        "The contract requires an insurance certificate and none was received."
    ),
    "INSURANCE_CERTIFICATE_EXPIRED": (
        "The provider's latest insurance certificate expired while the mission runs."
    ),
    "INSURANCE_CERTIFICATE_EXPIRING": (
        "The provider's latest insurance certificate expires within 30 days, before the "
        "mission's end."
    ),
    "LATE_PENALTY_RATE_TOO_LOW": (
        "The late-payment penalty rate is below three times the legal interest rate "
        "(C. com. L441-10)."
    ),
    "LEGAL_INTEREST_RATE_UNKNOWN": (
        "The legal interest rates of the half-year and of the signing are not known to "
        "vendorgov and were not given: the penalty rate could not be checked."
    ),
}
"""Every finding code, with what it means. Codes are stable: tools may rely on them."""

NEED_OPEN_DAYS = 14
"""A provider's need still open this many days after the review that raised it is flagged."""

NO_DATA_GRACE_DAYS = 7
"""Days of grace, past a KPI's usual interval between measurements, before a
window without data is flagged."""

GOOD_SCORE = Decimal(75)
"""An overall score from which results count as good (the default ``good`` band),
provided the scorecard reaches the mission's minimum coverage (``Scorecard.sufficient``)."""

BUDGET_TOLERANCE = Decimal("0.05")
"""Spend may exceed the planned budget to date by this share before it is an overrun."""

RECOVERY_INDEMNITY = Money(Decimal(40), "EUR")
"""The fixed recovery indemnity French law requires in a contract (C. com. D441-5)."""

VIGILANCE_THRESHOLD = Decimal(5000)
"""Contract value (excl. VAT, EUR) from which the vigilance certificate is required."""

COMPLIANCE_LEAD_DAYS = 30
"""A compliance document falling due (or expiring) within this many days is flagged."""

KBIS_MAX_AGE_MONTHS = 3
"""A Kbis extract must be under this many months old at signing (C. trav. D8222-5 1°)."""

PENALTY_RATE_MULTIPLE = 3
"""The late-payment penalty rate may not be below this multiple of the legal interest rate
(C. com. L441-10)."""

_DEADLINE_STEPS = ((7, Severity.CRITICAL), (30, Severity.WARNING), (90, Severity.INFO))


def assess(
    mission: Mission,
    at: dt.date,
    *,
    legal_interest_rates: Mapping[str, Decimal] | None = None,
    notice_months_per_year: Decimal = _terms.RELATIONSHIP_NOTICE_MONTHS_PER_YEAR,
) -> Findings:
    """Everything about ``mission`` that needs attention at ``at``.

    Args:
        mission: The mission.
        at: The date to assess for (vendorgov never reads the clock).
        legal_interest_rates: French legal interest rates by half-year
            (``{"2026-S2": Decimal("0.03")}``), over the table vendorgov ships
            ([`LEGAL_INTEREST_RATES`][vendorgov.LEGAL_INTEREST_RATES]), for the
            L441-10 check of the penalty rate.
        notice_months_per_year: The months of notice per year of relationship the
            L442-1 II check asks for (a rule of thumb, 1 by default).

    Returns:
        Findings sorted by severity (critical first), then by the date the
        problem arose or falls due, then by code and subject.

    Raises:
        ValidationError: When ``at`` is not a date, or a rate or the months per
            year is not a valid number.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> findings = assess(examples.demo_missions()[0], dt.date(2026, 11, 29))
    >>> all(f.code in FINDING_CODES for f in findings)
    True
    """
    if isinstance(at, dt.datetime) or not isinstance(at, dt.date):
        raise ValidationError([ErrorDetail("at", f"expected a date, got {at!r}")])
    rates = semester_rates(legal_interest_rates, "legal_interest_rates")
    per_year = notice_months_per_year
    if (
        isinstance(per_year, bool)
        or not isinstance(per_year, Decimal | int)
        or (isinstance(per_year, Decimal) and not per_year.is_finite())
        or not 0 <= per_year <= 12
    ):
        raise ValidationError(
            [
                ErrorDetail(
                    "notice_months_per_year",
                    f"expected a number of months from 0 to 12, got {per_year!r}",
                )
            ]
        )
    checks: tuple[Callable[[Mission, dt.date], Iterator[Finding]], ...] = (
        _framing,
        _integration,
        _tools,
        _reviews,
        _reports,
        _results,
        _evidence,
        _actions,
        _needs,
        _contests,
        _budget_findings,
        _deadlines,
        _recognition,
        functools.partial(_french_law, rates=rates, per_year=Decimal(per_year)),
        _personal_data,
        _exit,
    )
    # The terms in force at ``at``; scorecards apply, window by window, those in force then.
    current = in_force(mission, at)
    scored = {_results, _evidence}
    findings = [
        finding
        for check in checks
        for finding in check(mission if check in scored else current, at)
    ]
    findings.sort(key=_sort_key)
    return Findings(findings)


def _sort_key(finding: Finding) -> tuple[int, int, str, tuple[tuple[int, str], ...]]:
    due = finding.due.toordinal() if finding.due is not None else dt.date.max.toordinal()
    return (-finding.severity.rank, due, finding.code, _natural(finding.subject))


def _natural(text: str) -> tuple[tuple[int, str], ...]:
    """A sort key where ``tools[2]`` comes before ``tools[10]``."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in re.split(r"(\d+)", text)
        if part
    )


def _name(name: str | LocalizedText, mission: Mission) -> str:
    """A milestone's name as a finding parameter: in the mission's language."""
    return name if isinstance(name, str) else name.in_language(mission.language, mission.language)


def _done_by(day: dt.date | None, at: dt.date) -> bool:
    """Whether something dated ``day`` had happened by ``at`` (later dates have not, yet)."""
    return day is not None and day <= at


def _finding(
    code: str,
    severity: Severity,
    subject: str,
    at: dt.date,
    due: dt.date | None,
    **params: object,
) -> Finding:
    assert code in FINDING_CODES, code
    return Finding(
        code=code,
        severity=severity,
        subject=subject,
        at=at,
        due=due,
        params=tuple(Parameter.of(name, value) for name, value in params.items()),
    )


# -- practice 1: framing ------------------------------------------------------------
def _framing(mission: Mission, at: dt.date) -> Iterator[Finding]:
    kickoff = mission.kickoff
    if kickoff is None:
        return  # a mission without a kickoff section does not steer one: nothing to flag
    planned = mission.start
    if kickoff.scheduled is not None:
        zone = zoneinfo.ZoneInfo(mission.timezone)
        planned = kickoff.scheduled.astimezone(zone).date()
    if at > max(planned, mission.start) and not _done_by(kickoff.held_on, at):
        yield _finding(
            "KICKOFF_NOT_HELD",
            Severity.WARNING,
            "kickoff",
            at,
            planned,
        )
    for index, training in enumerate(kickoff.trainings):
        if not _done_by(training.held_on, at) and training.planned_on < at:
            yield _finding(
                "TRAINING_PENDING",
                Severity.WARNING,
                f"kickoff.trainings[{index}]",
                at,
                training.planned_on,
                topic=training.topic,
            )
    for index, resource in enumerate(kickoff.resources):
        pending = not _done_by(resource.handed_over_on, at)
        if pending and resource.due is not None and resource.due < at:
            yield _finding(
                "RESOURCE_PENDING",
                Severity.WARNING,
                f"kickoff.resources[{index}]",
                at,
                resource.due,
                resource=resource.name,
            )


# -- practices 3 and 5: tools and integration -----------------------------------------
def _integration(mission: Mission, at: dt.date) -> Iterator[Finding]:
    for index, step in enumerate(mission.integration):
        if not _done_by(step.done_on, at) and step.planned_on < at:
            yield _finding(
                "INTEGRATION_STEP_OVERDUE",
                Severity.INFO,
                f"integration[{index}]",
                at,
                step.planned_on,
                step=step.description,
                kind=step.kind,
            )


def _tools(mission: Mission, at: dt.date) -> Iterator[Finding]:
    end = _terms.mission_end(mission, at)
    if at <= end:
        return
    for index, tool in enumerate(mission.tools):
        granted = _done_by(tool.access_granted_on, at)
        if granted and not _done_by(tool.access_revoked_on, at):
            yield _finding(
                "TOOL_ACCESS_NOT_REVOKED",
                Severity.CRITICAL,
                f"tools[{index}]",
                at,
                end,
                tool=tool.name,
            )


# -- practice 4: reviews, reports, results ------------------------------------------
def _reviews(mission: Mission, at: dt.date) -> Iterator[Finding]:
    cadence = mission.review_cadence
    if cadence is None:
        return
    if at <= mission.start:  # nothing due yet (and 0001-01-01 has no day before it)
        return
    end = _terms.mission_end(mission, at)
    dates = occurrences(cadence, mission.start, min(at - dt.timedelta(days=1), end))
    if not dates:
        return
    due = dates[-1]
    # The review for a cadence date may take place any time after the one before it.
    since = dates[-2] if len(dates) > 1 else mission.start - dt.timedelta(days=1)
    if any(since < review.on <= at for review in mission.reviews):
        return
    yield _finding(
        "REVIEW_OVERDUE",
        Severity.WARNING,
        "reviews",
        at,
        due,
        frequency=cadence.frequency,
    )


def _reports(mission: Mission, at: dt.date) -> Iterator[Finding]:
    summary = _reporting.reporting_compliance(mission, at)
    for line in summary.lines:
        if line.status is ReportStatus.LATE:
            yield _finding(
                "REPORT_LATE",
                Severity.INFO,
                f"reports[{line.due.isoformat()}]",
                at,
                line.due,
            )
        elif line.status is ReportStatus.MISSING:
            yield _finding(
                "REPORT_MISSING",
                Severity.WARNING,
                f"reports[{line.due.isoformat()}]",
                at,
                line.due,
            )


def _results(mission: Mission, at: dt.date) -> Iterator[Finding]:
    if not mission.milestones or at < mission.start:
        return
    reached = score_history(mission, at)
    if reached:
        yield from _outcome(mission, reached[-1], at)
    card = score(mission, at)
    if card.due < at:
        return  # every milestone has passed: nothing left to be on the way to
    # On the due date itself the milestone is reached: its outcome speaks for it.
    running = at < card.due
    missed = [line.kpi for line in card.results if line.status is Status.MISSED]
    # A KPI already missed has its own finding; the others may still be behind their path.
    behind = [
        line.kpi
        for line in card.results
        if line.on_track is False and line.status is not Status.MISSED
    ]
    if running:
        for kpi in missed:
            yield _finding(
                "KPI_MISSED_IN_WINDOW",
                Severity.WARNING,
                f"kpis[{kpi}]",
                at,
                card.due,
                kpi=kpi,
                milestone=_name(card.milestone, mission),
            )
    if behind and running:
        yield _finding(
            "MILESTONE_AT_RISK",
            Severity.WARNING,
            f"milestones[{card.milestone}]",
            at,
            card.due,
            milestone=_name(card.milestone, mission),
            kpis=behind,
        )
    elapsed = (card.window_end - card.window_start).days + 1
    for line in card.results:
        if line.status is not Status.NO_DATA:
            continue
        # A KPI measured monthly is not late a week into its window.
        if elapsed >= _usual_interval(mission, line.kpi, at) + NO_DATA_GRACE_DAYS:
            yield _finding(
                "KPI_NO_DATA",
                Severity.WARNING,
                f"kpis[{line.kpi}]",
                at,
                card.window_start,
                kpi=line.kpi,
            )


def _outcome(mission: Mission, last: Scorecard, at: dt.date) -> Iterator[Finding]:
    ended = outcome(last)
    subject = f"milestones[{last.milestone}]"
    if ended is Status.MISSED:
        missed = [line.kpi for line in last.results if line.status is Status.MISSED]
        yield _finding(
            "MILESTONE_MISSED",
            Severity.CRITICAL,
            subject,
            at,
            last.due,
            milestone=_name(last.milestone, mission),
            kpis=missed,
        )
    elif ended is Status.AT_RISK:
        below = [line.kpi for line in last.results if line.status is Status.AT_RISK]
        yield _finding(
            "MILESTONE_BELOW_TARGET",
            Severity.WARNING,
            subject,
            at,
            last.due,
            milestone=_name(last.milestone, mission),
            kpis=below,
        )
    elif ended is Status.MET:
        assert last.overall is not None  # every KPI with data met: there is a score
        yield _finding(
            "MILESTONE_MET",
            Severity.INFO,
            subject,
            at,
            last.due,
            milestone=_name(last.milestone, mission),
            score=last.overall,
        )


def _evidence(mission: Mission, at: dt.date) -> Iterator[Finding]:
    """A score withheld for want of evidence: the last milestone reached, and the current one."""
    if not mission.milestones or at < mission.start:
        return
    reached = score_history(mission, at)
    cards = [*reached[-1:], score(mission, at)]
    if len(cards) == 2 and cards[0].due == cards[1].due:
        cards.pop()  # on a due date the current scorecard is the milestone's own
    for card in cards:
        if card.overall is None or card.sufficient:
            continue  # no data at all is KPI_NO_DATA's to say
        yield _finding(
            "INSUFFICIENT_EVIDENCE",
            Severity.WARNING,
            f"milestones[{card.milestone}]",
            at,
            card.due,
            milestone=_name(card.milestone, mission),
            coverage=card.coverage,
            minimum=card.min_coverage,
        )


def _usual_interval(mission: Mission, kpi: str, at: dt.date) -> int:
    """The median number of days between a KPI's measurement dates up to ``at`` (0 if < 2).

    Dates are read in the mission's timezone, as the scoring windows read them. For a
    qualitative KPI, the dates of its evaluation rounds (the evaluators', not the
    provider's self-assessments) are its measurement dates.
    """
    zone = zoneinfo.ZoneInfo(mission.timezone)
    limit = at.toordinal()
    local = (
        (m.at.astimezone(zone).date() if isinstance(m.at, dt.datetime) else m.at).toordinal()
        for m in mission.measurements
        if m.kpi == kpi
    )
    rounds = (
        e.on.toordinal() for e in mission.evaluations if e.kpi == kpi and not e.self_assessment
    )
    days = sorted({day for day in itertools.chain(local, rounds) if day <= limit})
    gaps = [later - earlier for earlier, later in itertools.pairwise(days)]
    return int(statistics.median(gaps)) if gaps else 0


def _actions(mission: Mission, at: dt.date) -> Iterator[Finding]:
    # As the mission stood at ``at``: an action closed after ``at`` was still open then.
    for action in overdue_actions(mission, at):
        yield _finding(
            "ACTION_OVERDUE",
            Severity.WARNING,
            f"corrective_actions[{action.id}]",
            at,
            action.due,
            action=action.description,
            owner=action.owner,
        )


def _needs(mission: Mission, at: dt.date) -> Iterator[Finding]:
    still_open = {need.id for need in open_needs(mission, at)}
    for review in mission.reviews:
        for need in review.needs:
            age = (at - review.on).days
            if need.id in still_open and age > NEED_OPEN_DAYS:
                yield _finding(
                    "NEED_OPEN",
                    Severity.WARNING,
                    f"needs[{need.id}]",
                    at,
                    review.on,
                    need=need.description,
                    days=age,
                )


def _contests(mission: Mission, at: dt.date) -> Iterator[Finding]:
    """An open contest: ``CONTEST_OPEN`` until its answer deadline, then overdue."""
    for index, contest in enumerate(mission.contests):
        if contest.status_on(at) is not ContestStatus.OPEN:
            continue
        deadline = mission.contest_answer_due(contest)
        common = {
            "kpi": contest.kpi,
            "milestone": contest.milestone,
            "raised_on": contest.raised_on,
            "raised_by": contest.raised_by,
        }
        if at > deadline:
            yield _finding(
                "CONTEST_ANSWER_OVERDUE",
                Severity.CRITICAL,
                f"contests[{index}]",
                at,
                deadline,
                **common,
                days=(at - deadline).days,
            )
        else:
            yield _finding(
                "CONTEST_OPEN", Severity.WARNING, f"contests[{index}]", at, deadline, **common
            )


def _budget_findings(mission: Mission, at: dt.date) -> Iterator[Finding]:
    if at < mission.start:
        return
    report = _budget.budget(mission, at)
    for line in report.lines:
        planned_to_date = line.planned_to_date
        if planned_to_date is None or line.planned is None:
            continue
        subject = f"activities[{line.activity}]"
        if planned_to_date.amount > 0 and line.actual > planned_to_date * (1 + BUDGET_TOLERANCE):
            yield _finding(
                "BUDGET_OVERRUN",
                Severity.WARNING,
                subject,
                at,
                None,
                activity=line.activity,
                spent=line.actual,
                planned=planned_to_date,
            )
        forecast = line.forecast
        if forecast is not None and forecast > line.planned * (1 + BUDGET_TOLERANCE):
            yield _finding(
                "FORECAST_OVERRUN",
                Severity.INFO,
                subject,
                at,
                mission.end,
                activity=line.activity,
                forecast=forecast,
                budget=line.planned,
            )


# -- contract deadlines ----------------------------------------------------------
def _deadlines(mission: Mission, at: dt.date) -> Iterator[Finding]:
    """The end of the term in force, or — when it renews tacitly — its notice deadline.

    A tacitly renewed term does not end unless notice is given, so the deadline that
    matters is the notice one; a term renewable by express agreement, or the last
    one, ends (``CONTRACT_END_SOON``), and so does a mission under notice (on the
    notice's effective end). Each term has its own deadline (`vendorgov.terms`).
    """
    contract = mission.contract
    if contract is None:
        return
    current = _terms.term_in_force(mission, at)
    notice = mission.notice
    renewal = contract.renewal
    if notice is not None and notice.given_on <= at:
        yield from _notice_findings(mission, notice, at)
        yield from _deadline("CONTRACT_END_SOON", _terms.mission_end(mission, at), "notice", at)
        return
    end = current.end  # the contract's end: the term's, not the mission's own end date
    deadline = current.notice_deadline
    if renewal is not None and current.tacit and deadline is not None:
        yield from _deadline(
            "NOTICE_DEADLINE_SOON",
            deadline,
            "contract.renewal",
            at,
            renewal=current.end + dt.timedelta(days=1),
            notice_days=renewal.notice_days,
        )
        return
    subject = "contract.end" if current.number == 0 else f"contract.renewal[{current.number}]"
    yield from _deadline("CONTRACT_END_SOON", end, subject, at)
    if renewal is not None and not renewal.tacit and deadline is not None and at > end:
        decided = {d.renewal for d in mission.renewal_decisions if d.decided_on <= at}
        if current.number + 1 not in decided:
            yield _finding(
                "RENEWAL_NOT_DECIDED",
                Severity.WARNING,
                f"renewal_decisions[{current.number + 1}]",
                at,
                end,
                renewal=current.number + 1,
            )


def _notice_findings(mission: Mission, notice: Notice, at: dt.date) -> Iterator[Finding]:
    """A notice whose effective end comes before the earliest end the contract allows."""
    earliest = _terms.earliest_notice_end(mission, notice.given_on)
    if notice.effective_end < earliest:
        yield _finding(
            "NOTICE_TOO_SHORT",
            Severity.WARNING,
            "notice.effective_end",
            at,
            notice.effective_end,
            given_by=notice.given_by,
            given_on=notice.given_on,
            earliest=earliest,
        )


def notice_deadline(contract: Contract) -> dt.date | None:
    """The last day to give notice against the renewal: the term end minus the notice days.

    For a tacit renewal it is the last day to stop it (the ``NOTICE_DEADLINE_SOON``
    finding, the calendar's notice event); for a renewal by agreement, the last day to
    agree on one. ``None`` when the contract has no renewal clause.

    >>> import datetime as dt
    >>> from vendorgov import Contract, Renewal
    >>> notice_deadline(Contract(reference="C-1", effective=dt.date(2027, 1, 1),
    ...                          duration_months=12,
    ...                          renewal=Renewal(tacit=True, notice_days=90)))
    datetime.date(2027, 10, 2)
    """
    if contract.renewal is None:
        return None
    return contract.term_end - dt.timedelta(days=contract.renewal.notice_days)


def _deadline(
    code: str, when: dt.date, subject: str, at: dt.date, **params: object
) -> Iterator[Finding]:
    days = (when - at).days
    if days < 0:
        return
    for limit, severity in _DEADLINE_STEPS:
        if days <= limit:
            yield _finding(code, severity, subject, at, when, days=days, **params)
            return


# -- practice 5: recognition -----------------------------------------------------------
def recognition_threshold(mission: Mission) -> Decimal:
    """The overall score from which a result deserves recognition: the minimum of the
    band ``Mission.recognition_band`` names, else `GOOD_SCORE` (75)."""
    for band in mission.bands:
        if band.name == mission.recognition_band:
            return band.minimum
    return GOOD_SCORE


def _recognition(mission: Mission, at: dt.date) -> Iterator[Finding]:
    if not mission.milestones or at < mission.start:
        return
    given = [r.on for r in mission.recognitions]
    given += [r.on for review in mission.reviews for r in review.recognitions]
    history = score_history(mission, at)
    last = history[-1] if history else None
    threshold = recognition_threshold(mission)
    # Congratulate as soon as you take stock: the latest review held by ``at`` (not before
    # the last milestone) whose scorecard is good asks for a recognition since it.
    held = [r for r in mission.reviews if r.on <= at and (last is None or r.on >= last.due)]
    if held:
        review = max(held, key=lambda r: r.on)
        card = review_scorecard(mission, review)
        if card.sufficient and card.overall is not None and card.overall >= threshold:
            if not any(review.on <= day <= at for day in given):
                yield _finding(
                    "RECOGNITION_DUE",
                    Severity.INFO,
                    "recognitions",
                    at,
                    review.on,
                    reason="review",
                    milestone=_name(card.milestone, mission),
                    score=card.overall,
                )
            return  # the review's result, newer than the milestone's, speaks
    if last is None:
        return
    if not last.sufficient:
        return  # a score on less than the mission's minimum coverage says little
    good = last.overall is not None and last.overall >= threshold
    before = history[-2].overall if len(history) > 1 else None
    improving = last.overall is not None and before is not None and last.overall > before
    if not (good or improving):
        return
    if any(last.due <= day <= at for day in given):
        return
    assert last.overall is not None  # good or improving: there is a score
    yield _finding(
        "RECOGNITION_DUE",
        Severity.INFO,
        "recognitions",
        at,
        last.due,
        reason="good" if good else "improving",
        milestone=_name(last.milestone, mission),
        score=last.overall,
    )


# -- French law -----------------------------------------------------------------------
def contract_value(contract: Contract, *, milestones: int = 1) -> Decimal:
    """An estimate of the contract's value over its initial term, excl. VAT.

    Fixed fees count once per billing period in the term (one-off fees once,
    per-milestone fees once per milestone: ``milestones``, the mission's count);
    per-unit and time-and-materials fees count their ``estimated_quantity``
    per month. Months are counted from the effective date to the term end.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import BillingPeriod, Contract, Fee, FeeKind, Money
    >>> contract = Contract(reference="C-1", effective=dt.date(2027, 1, 1), duration_months=12,
    ...     fees=(Fee(label="Forfait", kind=FeeKind.FIXED, period=BillingPeriod.MONTHLY,
    ...               amount=Money(Decimal("1000"), "EUR")),))
    >>> contract_value(contract)
    Decimal('12000')
    >>> per_milestone = Fee(label="Recette", kind=FeeKind.FIXED, period=BillingPeriod.MILESTONE,
    ...                     amount=Money(Decimal("500"), "EUR"))
    >>> import attrs
    >>> contract_value(attrs.evolve(contract, fees=(per_milestone,)), milestones=3)
    Decimal('1500')
    """
    months = _term_months(contract)
    total = Decimal(0)
    per_period = {
        BillingPeriod.MONTHLY: Decimal(months),
        BillingPeriod.QUARTERLY: Decimal(months) / 3,
        BillingPeriod.YEARLY: Decimal(months) / 12,
        BillingPeriod.ONE_OFF: Decimal(1),
        BillingPeriod.MILESTONE: Decimal(max(milestones, 1)),
    }
    for fee in contract.fees:
        if fee.kind is FeeKind.FIXED:
            assert fee.period is not None
            total += fee.amount.amount * per_period[fee.period]
        elif fee.estimated_quantity is not None:
            total += fee.amount.amount * fee.estimated_quantity * months
    return total


def vigilance_required(contract: Contract, *, milestones: int = 1) -> bool:
    """Whether the contract's value calls for the URSSAF vigilance certificate
    (C. trav. L8222-1): all fees in euros and `contract_value` at least `VIGILANCE_THRESHOLD`.

    The one rule behind the finding, the calendar's due dates and the contract's
    clause (which also asks for French law). ``milestones`` as for `contract_value`.
    """
    currencies = {fee.amount.currency for fee in contract.fees}
    return (
        currencies == {"EUR"}
        and contract_value(contract, milestones=milestones) >= VIGILANCE_THRESHOLD
    )


def _term_months(contract: Contract) -> int:
    if contract.duration_months is not None:
        return contract.duration_months
    end = contract.term_end + dt.timedelta(days=1)
    months = (end.year - contract.effective.year) * 12 + end.month - contract.effective.month
    if add_months(contract.effective, months) < end:
        months += 1
    return max(months, 1)


def _french_law(
    mission: Mission, at: dt.date, *, rates: Mapping[str, Decimal], per_year: Decimal
) -> Iterator[Finding]:
    contract = mission.contract
    if contract is None or contract.governing_law.country != "FR":
        return
    payment = contract.payment
    if payment is not None:
        limit = 45 if payment.end_of_month else 60
        if payment.days > limit:
            yield _finding(
                "PAYMENT_TERM_TOO_LONG",
                Severity.CRITICAL,
                "contract.payment.days",
                at,
                None,
                days=payment.days,
                basis="end_of_month" if payment.end_of_month else "invoice_date",
                limit=limit,
            )
    if payment is None or not payment.late_penalty_rate:
        yield _finding(
            "LATE_PENALTIES_NOT_STATED",
            Severity.WARNING,
            "contract.payment.late_penalty_rate",
            at,
            None,
        )
    else:
        signed = contract.signed_on or contract.effective
        yield from _penalty_rate(payment.late_penalty_rate, at, signed, rates)
    indemnity = None if payment is None else payment.recovery_indemnity
    if indemnity is None or (
        indemnity.currency == "EUR" and indemnity.amount < RECOVERY_INDEMNITY.amount
    ):
        yield _finding(
            "RECOVERY_INDEMNITY_NOT_STATED",
            Severity.WARNING,
            "contract.payment.recovery_indemnity",
            at,
            None,
            indemnity=RECOVERY_INDEMNITY,
        )
    ip = contract.ip
    if ip is not None:
        missing = [
            name
            for name, value in (
                ("rights", [right for right in ip.rights if right.strip()]),
                ("extent", ip.extent.strip()),
                ("purpose", ip.purpose.strip()),
                ("territory", ip.territory.strip()),
                ("duration", ip.duration.strip()),
            )
            if not value
        ]
        if missing:
            yield _finding(
                "IP_ASSIGNMENT_INCOMPLETE",
                Severity.WARNING,
                "contract.ip",
                at,
                None,
                missing=missing,
            )
    elif mission.specification is not None:
        works = [
            _name(deliverable.name, mission)
            for deliverable in mission.specification.deliverables
            if deliverable.works
        ]
        if works:
            yield _finding(
                "IP_ASSIGNMENT_MISSING",
                Severity.WARNING,
                "contract.ip",
                at,
                None,
                works=works,
            )
    yield from _relationship(mission, contract, at, per_year)
    yield from _insurance(mission, contract, at)
    yield from _vigilance(mission, contract, at)


def _penalty_rate(
    rate: Decimal, at: dt.date, signed: dt.date, rates: Mapping[str, Decimal]
) -> Iterator[Finding]:
    """C. com. L441-10: the penalty rate is at least three times the legal interest rate
    of the half-year ``at`` falls in; when that rate is not known, of the half-year the
    contract was signed in (the clause had to comply then); when neither is known, the
    check cannot run."""
    half = semester(at)
    legal = rates.get(half)
    if legal is None and rates.get(semester(signed)) is not None:
        half = semester(signed)
        legal = rates[half]
    if legal is None:
        yield _finding(
            "LEGAL_INTEREST_RATE_UNKNOWN",
            Severity.INFO,
            "contract.payment.late_penalty_rate",
            at,
            None,
            semester=half,
        )
        return
    minimum = legal * PENALTY_RATE_MULTIPLE
    if rate < minimum:
        yield _finding(
            "LATE_PENALTY_RATE_TOO_LOW",
            Severity.WARNING,
            "contract.payment.late_penalty_rate",
            at,
            None,
            rate=rate,
            legal_rate=legal,
            minimum=minimum,
            semester=half,
        )


def _relationship(
    mission: Mission, contract: Contract, at: dt.date, per_year: Decimal
) -> Iterator[Finding]:
    """C. com. L442-1 II: a notice shorter than the relationship's length suggests.

    The relationship runs from the earlier of the mission's start and the contract's
    effective date; its whole years are counted on the day notice is (or would at
    the latest be) given, and the rule of thumb asks for ``per_year`` months of
    notice per year: the notice must run to the day before ``given_on + that many
    months`` at least (a notice's end is the last day of the relationship).
    """
    since = min(mission.start, contract.effective)
    notice = mission.notice
    if notice is not None and notice.given_on <= at:
        years = _terms.relationship_years(since, notice.given_on)
        months = _terms.relationship_notice_months(years, per_year)
        # The last day of a notice of ``months`` months given on ``given_on``.
        suggested = _plus_months(notice.given_on, months) - dt.timedelta(days=1)
        if notice.effective_end < suggested:
            yield _finding(
                "RELATIONSHIP_NOTICE_TOO_SHORT",
                Severity.WARNING,
                "notice",
                at,
                notice.effective_end,
                given_by=notice.given_by,
                years=years,
                months=months,
                suggested=suggested,
            )
        return
    current = _terms.term_in_force(mission, at)
    deadline = current.notice_deadline
    renewal = contract.renewal
    if renewal is None or deadline is None or at > deadline or at > current.end:
        return
    years = _terms.relationship_years(since, deadline)
    months = _terms.relationship_notice_months(years, per_year)
    if current.end < _plus_months(deadline, months) - dt.timedelta(days=1):
        yield _finding(
            "CONTRACT_NOTICE_TOO_SHORT",
            Severity.INFO,
            "contract.renewal.notice_days",
            at,
            deadline,
            notice_days=renewal.notice_days,
            years=years,
            months=months,
        )


def _plus_months(day: dt.date, months: int) -> dt.date:
    try:
        return add_months(day, months)
    except ValueError:  # outside years 1-9999: the nearest end of the calendar
        return dt.date.max if months > 0 else dt.date.min + dt.timedelta(days=1)


def _contract_end(mission: Mission, at: dt.date) -> dt.date:
    """The last day of the contract as known at ``at``: the end of the term in force, or
    a notice's effective end when notice was given by then."""
    end = _terms.term_in_force(mission, at).end
    notice = mission.notice
    if notice is not None and notice.given_on <= at:
        return min(end, _terms.mission_end(mission, at))
    return end


def _insurance(mission: Mission, contract: Contract, at: dt.date) -> Iterator[Finding]:
    """The provider's insurance certificate: received when the contract requires one,
    and not expired (nor expiring soon) while the contract runs."""
    end = _contract_end(mission, at)
    start = contract.signed_on or contract.effective
    if at < start or at > end:
        return
    received = [
        doc
        for doc in mission.compliance_documents
        if doc.kind is ComplianceKind.INSURANCE and doc.received_on <= at
    ]
    if not received:
        if contract.insurance_required:
            yield _finding(
                "INSURANCE_CERTIFICATE_MISSING",
                Severity.WARNING,
                "compliance_documents",
                at,
                start,
            )
        return
    if any(doc.valid_until is None for doc in received):
        return  # a certificate without an end date stays valid
    until = max(doc.valid_until for doc in received if doc.valid_until is not None)
    if until < at:
        yield _finding(
            "INSURANCE_CERTIFICATE_EXPIRED", Severity.WARNING, "compliance_documents", at, until
        )
    elif (until - at).days <= COMPLIANCE_LEAD_DAYS and until < end:
        yield _finding(
            "INSURANCE_CERTIFICATE_EXPIRING",
            Severity.INFO,
            "compliance_documents",
            at,
            until,
            days=(until - at).days,
        )


# -- personal data and the exit ------------------------------------------------------
def _personal_data(mission: Mission, at: dt.date) -> Iterator[Finding]:
    """GDPR art. 28(3): whatever the governing law, a processor needs the agreement."""
    agreement = None if mission.contract is None else mission.contract.data_processing
    if agreement is None:
        if mission.processes_personal_data:
            yield _finding("DPA_MISSING", Severity.CRITICAL, "contract.data_processing", at, None)
        return
    for element in agreement.missing():
        yield _finding(
            "DPA_INCOMPLETE",
            Severity.WARNING,
            f"contract.data_processing.{element}",
            at,
            None,
            element=element,
        )


def _exit(mission: Mission, at: dt.date) -> Iterator[Finding]:
    checklist = _exit_checklist(mission, at)
    if not checklist.open:
        return  # the mission is not ending (a renewal follows): no exit step is due
    for step in checklist.late:
        if step.kind is ExitStepKind.REVOKE_TOOL:
            continue  # TOOL_ACCESS_NOT_REVOKED says it, critically
        yield _finding(
            "EXIT_STEP_LATE",
            Severity.WARNING,
            step.key,
            at,
            step.due,
            step=step.kind.value,
            what=step.subject,
            owner=step.owner_name,
        )


def _vigilance(mission: Mission, contract: Contract, at: dt.date) -> Iterator[Finding]:
    """C. trav. L8222-1, D8222-5: for €5,000 excl. VAT or more, a vigilance certificate
    at signing and every 6 months until the end, and a Kbis extract under 3 months at
    signing."""
    if not vigilance_required(contract, milestones=len(mission.milestones)):
        return
    signature = contract.signed_on or contract.effective
    end = _contract_end(mission, at)
    if at > end:
        return
    yield from _registration_extract(mission, signature, at)
    # received <= at <= the term end <= 9998-12-31 (the frame): + 6 months is a date.
    received = sorted(
        doc.received_on
        for doc in mission.compliance_documents
        if doc.kind is ComplianceKind.VIGILANCE_CERTIFICATE and doc.received_on <= at
    )
    if not received or add_months(received[-1], 6) < signature:
        due = signature
    else:
        due = add_months(received[-1], 6)
    if due <= at:
        yield _finding(
            "VIGILANCE_CERTIFICATE_DUE",
            Severity.WARNING,
            "compliance_documents",
            at,
            due,
        )
    elif (due - at).days <= COMPLIANCE_LEAD_DAYS and due <= end:
        yield _finding(
            "VIGILANCE_CERTIFICATE_DUE_SOON",
            Severity.INFO,
            "compliance_documents",
            at,
            due,
            days=(due - at).days,
        )


def _registration_extract(mission: Mission, signature: dt.date, at: dt.date) -> Iterator[Finding]:
    if at < signature:
        return
    oldest = _plus_months(signature, -KBIS_MAX_AGE_MONTHS)
    if any(
        doc.kind is ComplianceKind.REGISTRATION_EXTRACT
        and doc.received_on <= at
        and doc.issued >= oldest
        for doc in mission.compliance_documents
    ):
        return
    yield _finding(
        "REGISTRATION_EXTRACT_MISSING",
        Severity.WARNING,
        "compliance_documents",
        at,
        signature,
    )
