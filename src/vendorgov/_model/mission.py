"""The mission: the aggregate a user works with."""

from __future__ import annotations

import contextlib
import datetime as dt
import typing
import zoneinfo
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from vendorgov._model import hooks
from vendorgov._model.amendment import Amendment, ChangeAction, amendment_problems
from vendorgov._model.cadence import Cadence
from vendorgov._model.calendar_math import term_end
from vendorgov._model.contract import Contract
from vendorgov._model.exit import STEP_KEY as _EXIT_STEP
from vendorgov._model.exit import ExitRecord
from vendorgov._model.imports import ImportMapping
from vendorgov._model.incentives import Benefit, BonusScheme, ServiceCreditScheme
from vendorgov._model.kickoff import IntegrationStep, Kickoff, Tool
from vendorgov._model.kpi import (
    DEFAULT_BANDS,
    DEFAULT_MIN_COVERAGE,
    Band,
    Direction,
    Horizon,
    Kpi,
    Measurement,
    Milestone,
    bands_problems,
    key_problem,
    min_coverage_problem,
    text_problem,
)
from vendorgov._model.ledger import ComplianceDocument, Report, SpendEntry, ValueEntry
from vendorgov._model.limits import frame_problem
from vendorgov._model.money import Money, currency_problem
from vendorgov._model.parties import Contact, ContactRole, Handover, Party, Side
from vendorgov._model.review import Recognition, Review
from vendorgov._model.specification import Activity, Specification
from vendorgov._model.terms import Notice, RenewalDecision
from vendorgov._model.text import LocalizedText, language_problem
from vendorgov._model.validation import MAX_DECIMAL, Model, excerpt, problem
from vendorgov._model.voice import Contest, Evaluation
from vendorgov.exceptions import ErrorDetail, UnknownKeyError, ValidationError

__all__ = ["Mission"]


@attrs.frozen(kw_only=True)
class Mission(Model):
    """One outsourced mission: who, what, how it is steered, and what happened.

    A mission is immutable: operations that "change" it return a new mission,
    validated again (``mission.with_review(review)``).

    Invariants checked at construction: the end is after the start; exactly
    one primary contact on each side; unique keys for activities and KPIs;
    every target, measurement and reference names a KPI or activity of the
    mission; every threshold lies on the worse side of its target; milestones
    fall after the start, in order; every amount is in the mission's currency;
    every measurement is dated (in the mission's timezone) from the start to the
    end (or to the end of the last renewal term the contract allows, when it
    renews), unless ``keep_outside_measurements`` is true (measurements outside the
    mission are then kept, and never scored).

    ``amendments`` are the contract's amendments (*avenants*), numbered and
    effective-dated, in order: the mission as loaded holds the terms as signed,
    and [`in_force`][vendorgov.in_force] gives the mission as amended at a date.
    Each amendment is checked by applying it: it must name items that exist
    (or not yet, to add one), change no milestone due before it takes effect,
    and give a valid mission. Measurements may name a KPI an amendment adds.

    ``min_coverage`` is the share of the KPI weight that must have data for a
    scorecard to get a standing (a band): below it the standing is
    "insufficient evidence", and no result bonus is paid on it. It is 50 %
    (``Decimal("0.5")``) when left out, and must be above 0 and at most 1.

    ``recognition_band`` names the band (one of ``bands``) a result must reach
    for a recognition to be due after a review or a milestone (`RECOGNITION_DUE`):
    ``"good"`` names the default bands' 75. Left out, the threshold is 75.

    ``language`` is the language the mission's texts are written in (a
    language code: ``fr``, ``en``, ``pt-BR``). It is ``"fr"`` when left out,
    because files written before it existed are in French and keep meaning
    what they meant. Names and descriptions may be plain strings (in that
    language) or tables of translations ([`LocalizedText`][vendorgov.LocalizedText]);
    a document in language L shows the L text, else the text in the mission's
    language, else the first one written (see [`localize`][vendorgov.localize]).

    >>> import datetime as dt
    >>> from vendorgov import Contact, ContactRole, Party, Side
    >>> mission = Mission(
    ...     key="logistique", name="Logistique e-commerce",
    ...     client=Party(name="Maison Lumière SAS"), provider=Party(name="LogiNord SAS"),
    ...     start=dt.date(2027, 3, 15), end=dt.date(2028, 3, 14),
    ...     contacts=(
    ...         Contact(name="Claire Martin", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...         Contact(name="Paul Roux", side=Side.PROVIDER, role=ContactRole.PRIMARY),
    ...     ),
    ... )
    >>> mission.primary_contact(Side.PROVIDER).name
    'Paul Roux'
    """

    key: str
    name: str | LocalizedText
    client: Party
    provider: Party
    start: dt.date
    end: dt.date
    contacts: tuple[Contact, ...]
    currency: str = "EUR"
    timezone: str = "Europe/Paris"
    language: str = "fr"
    description: str | LocalizedText = ""
    activities: tuple[Activity, ...] = ()
    specification: Specification | None = None
    contract: Contract | None = None
    handovers: tuple[Handover, ...] = ()
    tools: tuple[Tool, ...] = ()
    kickoff: Kickoff | None = None
    integration: tuple[IntegrationStep, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    bands: tuple[Band, ...] = DEFAULT_BANDS
    min_coverage: Decimal = DEFAULT_MIN_COVERAGE
    review_cadence: Cadence | None = None
    reviews: tuple[Review, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    reports: tuple[Report, ...] = ()
    spend: tuple[SpendEntry, ...] = ()
    value_entries: tuple[ValueEntry, ...] = ()
    bonus: BonusScheme | None = None
    service_credits: ServiceCreditScheme | None = None
    benefits: tuple[Benefit, ...] = ()
    recognitions: tuple[Recognition, ...] = ()
    compliance_documents: tuple[ComplianceDocument, ...] = ()
    keep_outside_measurements: bool = False
    evaluations: tuple[Evaluation, ...] = ()
    contests: tuple[Contest, ...] = ()
    amendments: tuple[Amendment, ...] = ()
    processes_personal_data: bool = False
    exit_steps: tuple[ExitRecord, ...] = ()
    imports: tuple[ImportMapping, ...] = ()
    notice: Notice | None = None
    renewal_decisions: tuple[RenewalDecision, ...] = ()
    recognition_band: str | None = None

    # -- invariants -------------------------------------------------------------
    def _problems(self) -> Iterator[ErrorDetail]:
        found = False
        for found_problem in super()._problems():  # the sections below
            found = True
            yield found_problem
        if not found:
            # Amendments are checked on a valid mission: applied to it, each must give one.
            yield from amendment_problems(self)

    def _sections(self) -> tuple[Callable[[], Iterator[ErrorDetail]], ...]:
        # Independent groups of rules: when part of a file did not load, the
        # groups that do not read it still run (see Model._partial_problems).
        return (
            self._identity_problems,
            self._dates_problems,
            self._locale_problems,
            self._timezone_problems,
            self._contact_problems,
            self._kpi_problems,
            self._activity_problems,
            self._specification_horizon_problems,
            self._band_problems,
            self._measurement_problems,
            self._outside_measurement_problems,
            self._import_section,
            self._review_section,
            self._evaluation_section,
            self._contest_section,
            self._recognition_problems,
            self._plan_problems,
            self._credit_problems,
            self._exit_step_problems,
            self._term_problems,
            self._currency_problems,
            self._total_problems,
        )

    def _identity_problems(self) -> Iterator[ErrorDetail]:
        for bad in (key_problem(self.key, "key"), text_problem(self.name, "name")):
            if bad is not None:
                yield bad

    def _dates_problems(self) -> Iterator[ErrorDetail]:
        if self.end <= self.start:
            yield problem("end", f"must be after start ({self.start.isoformat()})")
        for name in ("start", "end"):
            bad = frame_problem(getattr(self, name), name)
            if bad is not None:
                yield bad

    def _locale_problems(self) -> Iterator[ErrorDetail]:
        for bad in (
            language_problem(self.language, "language"),
            currency_problem(self.currency, "currency"),
        ):
            if bad is not None:
                yield bad

    def _kpi_problems(self) -> Iterator[ErrorDetail]:
        yield from _unique_keys(self.kpis, "kpis", "key")
        yield from self._milestone_problems({kpi.key: kpi for kpi in self.kpis})

    def _activity_problems(self) -> Iterator[ErrorDetail]:
        activity_keys = yield from _unique_keys(self.activities, "activities", "key")
        yield from self._activity_reference_problems(activity_keys)

    def _band_problems(self) -> Iterator[ErrorDetail]:
        yield from bands_problems(self.bands, "bands")
        bad_minimum = min_coverage_problem(self.min_coverage, "min_coverage")
        if bad_minimum is not None:
            yield bad_minimum
        names = [band.name for band in self.bands]
        if self.recognition_band is not None and self.recognition_band not in names:
            yield problem(
                "recognition_band",
                f"unknown band {excerpt(self.recognition_band)} (bands: {', '.join(names)})",
            )

    def _measurement_problems(self) -> Iterator[ErrorDetail]:
        # A KPI an amendment adds is measured too (its measurements count once it is in force).
        measured = {kpi.key for kpi in self.kpis} | self._kpis_added()
        for index, measurement in enumerate(self.measurements):
            if measurement.kpi not in measured:
                yield _unknown("measurements", index, "kpi", measurement.kpi, measured)

    def _kpis_by_key(self) -> dict[str, Kpi]:
        return {kpi.key: kpi for kpi in self.kpis}

    def _import_section(self) -> Iterator[ErrorDetail]:
        return self._import_problems(self._kpis_by_key())

    def _review_section(self) -> Iterator[ErrorDetail]:
        return self._review_problems(self._kpis_by_key())

    def _evaluation_section(self) -> Iterator[ErrorDetail]:
        return self._evaluation_problems(self._kpis_by_key())

    def _contest_section(self) -> Iterator[ErrorDetail]:
        return self._contest_problems(self._kpis_by_key())

    def _recognition_problems(self) -> Iterator[ErrorDetail]:
        kpis = {kpi.key for kpi in self.kpis}
        for index, recognition in enumerate(self.recognitions):
            if recognition.kpi is not None and recognition.kpi not in kpis:
                yield _unknown("recognitions", index, "kpi", recognition.kpi, kpis)

    def _plan_problems(self) -> Iterator[ErrorDetail]:
        first, last = f"{self.start:%Y-%m}", f"{self.end:%Y-%m}"
        for position, activity in enumerate(self.activities):
            for index, entry in enumerate(activity.plan):
                if not first <= entry.month <= last:
                    yield problem(
                        f"activities[{position}].plan[{index}].month",
                        f"{entry.month} is outside the mission ({first} to {last})",
                    )

    def _credit_problems(self) -> Iterator[ErrorDetail]:
        if self.service_credits is None:
            return
        kpis = {kpi.key for kpi in self.kpis}
        for index, rate in enumerate(self.service_credits.kpi_rates):
            if rate.kpi not in kpis:
                yield _unknown("service_credits.kpi_rates", index, "kpi", rate.kpi, kpis)
        for index, key in enumerate(self.service_credits.no_data_exempt):
            if key not in kpis:
                listed = ", ".join(sorted(kpis)) or "none"
                yield problem(
                    f"service_credits.no_data_exempt[{index}]",
                    f"unknown kpi {excerpt(key)} (known: {listed})",
                )

    def _total_problems(self) -> Iterator[ErrorDetail]:
        # Budgets add the spend (and the value) up: the totals must be amounts too.
        for name in ("spend", "value_entries"):
            total = sum((abs(entry.amount.amount) for entry in getattr(self, name)), Decimal(0))
            if total >= MAX_DECIMAL:
                yield problem(name, f"adds up to {total:,.2f}, past the limit of an amount (10^15)")

    def _currency_problems(self) -> Iterator[ErrorDetail]:
        if currency_problem(self.currency, "currency") is not None:
            return  # reported with the language
        for path, money in _money_in(self, ""):
            if money.currency != self.currency:
                yield problem(
                    f"{path}.currency",
                    f"is {money.currency} but the mission is in {self.currency}",
                )

    def _kpis_added(self) -> set[str]:
        """The keys of the KPIs the amendments add."""
        return {
            change.new_kpi.key
            for amendment in self.amendments
            for change in amendment.changes
            if change.new_kpi is not None and change.action is ChangeAction.ADD
        }

    def _exit_step_problems(self) -> Iterator[ErrorDetail]:
        """Each exit step recorded once, naming a return of the plan or an integration step."""
        plan = None if self.contract is None else self.contract.exit_plan
        returns = 0 if plan is None else len(plan.returns)
        seen: set[str] = set()
        for index, record in enumerate(self.exit_steps):
            step = record.step
            if step in seen:
                yield problem(f"exit_steps[{index}].step", f"{step} is recorded twice")
            seen.add(step)
            if not isinstance(step, str) or not _EXIT_STEP.fullmatch(step):
                continue  # the record itself says what is wrong with it
            if step.startswith("returns[") and int(step[8:-1]) >= returns:
                yield problem(
                    f"exit_steps[{index}].step",
                    f"the contract's exit plan has {returns} return(s): no {step}",
                )
            elif step.startswith("integration[") and int(step[12:-1]) >= len(self.integration):
                yield problem(
                    f"exit_steps[{index}].step",
                    f"the mission has {len(self.integration)} integration step(s): no {step}",
                )
            elif plan is None and not step.startswith("integration["):
                yield problem(f"exit_steps[{index}].step", "the contract has no exit plan")

    def _outside_measurement_problems(self) -> Iterator[ErrorDetail]:
        """Measurements dated (in the mission's timezone) before the start or after the end.

        They would never be scored: refused, unless ``keep_outside_measurements`` says to keep
        them (a file that records the baseline before the mission, say).
        """
        if self.keep_outside_measurements or self.end <= self.start:
            return
        try:
            last: dt.date | None = self.last_possible_day()
        except (ValueError, OverflowError):  # an invalid contract, reported by itself
            last = self.end
        try:
            zone: dt.tzinfo | None = zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            zone = None  # reported by _timezone_problems; read datetimes in their own zone
        start, end, date = self.start, self.end, dt.date
        for index, measurement in enumerate(self.measurements):
            at = measurement.at
            if type(at) is date and start <= at <= end:  # the common case, quickly
                continue
            day = measurement.on
            if zone is not None and isinstance(measurement.at, dt.datetime):
                # At the edge of the calendar a datetime keeps its own date.
                with contextlib.suppress(OverflowError, ValueError):
                    day = measurement.at.astimezone(zone).date()
            if day < start:
                yield problem(
                    f"measurements[{index}].at",
                    f"{day.isoformat()} is before the mission starts ({self.start.isoformat()})",
                )
            elif last is not None and day > last:
                yield problem(
                    f"measurements[{index}].at",
                    f"{day.isoformat()} is after the mission ends ({last.isoformat()})",
                )

    def _import_problems(self, kpis: dict[str, Kpi]) -> Iterator[ErrorDetail]:
        """Import mappings have distinct names and read KPIs of the mission."""
        names: dict[str, int] = {}
        for m_index, mapping in enumerate(self.imports):
            if mapping.name in names:
                yield problem(
                    f"imports[{m_index}].name",
                    f"duplicate import name {excerpt(mapping.name)} "
                    f"(first at imports[{names[mapping.name]}])",
                )
            names.setdefault(mapping.name, m_index)
            for index, column in enumerate(mapping.columns):
                if column.kpi not in kpis:
                    yield _unknown(f"imports[{m_index}].columns", index, "kpi", column.kpi, kpis)

    def _term_problems(self) -> Iterator[ErrorDetail]:
        renewal = None if self.contract is None else self.contract.renewal
        seen: set[int] = set()
        for index, decision in enumerate(self.renewal_decisions):
            path = f"renewal_decisions[{index}].renewal"
            if renewal is None or renewal.tacit:
                yield problem(path, "a renewal decision needs a contract renewal that is not tacit")
            elif renewal.max_renewals is not None and decision.renewal > renewal.max_renewals:
                yield problem(
                    path,
                    f"the contract allows {renewal.max_renewals} renewals, "
                    f"got renewal {decision.renewal}",
                )
            if decision.renewal in seen:
                yield problem(path, f"renewal {decision.renewal} is decided twice")
            seen.add(decision.renewal)
        notice = self.notice
        if notice is not None and notice.effective_end < self.start:
            yield problem(
                "notice.effective_end",
                f"must not be before the mission starts ({self.start.isoformat()})",
            )

    def last_possible_day(self) -> dt.date | None:
        """The last day the mission can run: its end, or the end of the last renewal
        its contract allows (``None`` when renewals have no limit).

        A notice given may end it sooner; the real end at a date is
        [`mission_end`][vendorgov.mission_end]'s to compute.
        """
        contract = self.contract
        renewal = None if contract is None else contract.renewal
        if contract is None or renewal is None:
            return self.end
        if renewal.max_renewals is None:
            return None
        try:
            last = (
                term_end(
                    contract.term_end + dt.timedelta(days=1),
                    renewal.period_months * renewal.max_renewals,
                )
                if renewal.max_renewals
                else contract.term_end
            )
        except (ValueError, OverflowError):  # past the year 9999
            return None
        return max(last, self.end)

    def _timezone_problems(self) -> Iterator[ErrorDetail]:
        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            yield problem(
                "timezone", f"unknown IANA timezone {excerpt(self.timezone)} (like 'Europe/Paris')"
            )

    def _contact_problems(self) -> Iterator[ErrorDetail]:
        for side in Side:
            primaries = [
                index
                for index, contact in enumerate(self.contacts)
                if contact.side is side and contact.role is ContactRole.PRIMARY
            ]
            if not primaries:
                yield problem(
                    "contacts", f"needs exactly one primary contact on the {side} side, got none"
                )
            for index in primaries[1:]:
                yield problem(
                    f"contacts[{index}].role",
                    f"the {side} side already has a primary contact at contacts[{primaries[0]}]; "
                    "exactly one per side",
                )

    def _milestone_problems(self, kpis: dict[str, Kpi]) -> Iterator[ErrorDetail]:
        names: dict[str | LocalizedText, int] = {}
        previous: dt.date | None = None
        for m_index, milestone in enumerate(self.milestones):
            path = f"milestones[{m_index}]"
            if milestone.name in names:
                yield problem(f"{path}.name", f"duplicate milestone name {excerpt(milestone.name)}")
            names.setdefault(milestone.name, m_index)
            try:
                due = milestone.horizon.resolve(self.start)
            except (ValueError, OverflowError):
                yield problem(f"{path}.horizon", f"{milestone.horizon} falls after the year 9999")
                continue
            bad = frame_problem(due, f"{path}.horizon", f"{milestone.horizon} falls on")
            if bad is not None:
                yield bad
            elif due <= self.start:
                yield problem(
                    f"{path}.horizon",
                    f"{milestone.horizon} falls on {due.isoformat()}, "
                    f"not after the start ({self.start.isoformat()})",
                )
            elif previous is not None and due <= previous:
                yield problem(
                    f"{path}.horizon",
                    f"{milestone.horizon} falls on {due.isoformat()}, not after the "
                    f"previous milestone ({previous.isoformat()}); list milestones in order",
                )
            previous = due if previous is None else max(previous, due)
            for t_index, target in enumerate(milestone.targets):
                kpi = kpis.get(target.kpi)
                if kpi is None:
                    yield _unknown(f"{path}.targets", t_index, "kpi", target.kpi, kpis)
                    continue
                if target.threshold == target.target:
                    continue  # already reported by the target itself
                if kpi.direction is Direction.HIGHER and target.threshold > target.target:
                    yield problem(
                        f"{path}.targets[{t_index}].threshold",
                        f"{target.threshold} is better than the target {target.target}: "
                        f"higher is better for {excerpt(kpi.key)}, so the threshold must be lower",
                    )
                elif kpi.direction is Direction.LOWER and target.threshold < target.target:
                    yield problem(
                        f"{path}.targets[{t_index}].threshold",
                        f"{target.threshold} is better than the target {target.target}: "
                        f"lower is better for {excerpt(kpi.key)}, so the threshold must be higher",
                    )

    def _specification_horizon_problems(self) -> Iterator[ErrorDetail]:
        """The specification's due dates fall in the range of dates a mission can reach."""
        if self.specification is None:
            return
        items: list[tuple[str, Horizon | None]] = [
            (f"specification.deliverables[{index}].due", deliverable.due)
            for index, deliverable in enumerate(self.specification.deliverables)
        ]
        items += [
            (f"specification.schedule[{index}].due", item.due)
            for index, item in enumerate(self.specification.schedule)
        ]
        for path, horizon in items:
            if horizon is None:
                continue
            try:
                due = horizon.resolve(self.start)
            except (ValueError, OverflowError):
                yield problem(path, f"{horizon} falls after the year 9999")
                continue
            bad = frame_problem(due, path, f"{horizon} falls on")
            if bad is not None:
                yield bad

    def _review_problems(self, kpis: dict[str, Kpi]) -> Iterator[ErrorDetail]:
        seen: dict[str, dict[str, str]] = {"action": {}, "need": {}, "idea": {}}
        for r_index, review in enumerate(self.reviews):
            groups: tuple[tuple[str, str, tuple[Any, ...]], ...] = (
                ("action", "corrective_actions", review.corrective_actions),
                ("need", "needs", review.needs),
                ("idea", "ideas", review.ideas),
            )
            for label, field, items in groups:
                for index, item in enumerate(items):
                    path = f"reviews[{r_index}].{field}[{index}]"
                    if item.id in seen[label]:
                        yield problem(
                            f"{path}.id",
                            f"duplicate {label} id {excerpt(item.id)} "
                            f"(first at {seen[label][item.id]})",
                        )
                    seen[label].setdefault(item.id, path)
            for index, action in enumerate(review.corrective_actions):
                if action.kpi is not None and action.kpi not in kpis:
                    yield _unknown(
                        f"reviews[{r_index}].corrective_actions", index, "kpi", action.kpi, kpis
                    )
            for index, recognition in enumerate(review.recognitions):
                if recognition.kpi is not None and recognition.kpi not in kpis:
                    yield _unknown(
                        f"reviews[{r_index}].recognitions", index, "kpi", recognition.kpi, kpis
                    )
            if review.milestone is not None and self.milestone_index(review.milestone) is None:
                names = [str(milestone.name) for milestone in self.milestones]
                yield problem(
                    f"reviews[{r_index}].milestone",
                    f"unknown milestone {excerpt(review.milestone)} "
                    f"(known: {', '.join(names) or 'none'})",
                )

    def _evaluation_problems(self, kpis: dict[str, Kpi]) -> Iterator[ErrorDetail]:
        """Evaluations score a qualitative KPI on its scale, inside the mission, once each.

        A qualitative KPI takes no measurement: its values are its evaluations.
        """
        for index, measurement in enumerate(self.measurements):
            kpi = kpis.get(measurement.kpi)
            if kpi is not None and kpi.scale is not None:
                yield problem(
                    f"measurements[{index}].kpi",
                    f"KPI {excerpt(kpi.key)} is qualitative: it is scored by evaluations, "
                    "not measurements",
                )
        seen: dict[tuple[str, dt.date, str, bool], int] = {}
        for index, evaluation in enumerate(self.evaluations):
            path = f"evaluations[{index}]"
            kpi = kpis.get(evaluation.kpi)
            if kpi is None:
                yield _unknown("evaluations", index, "kpi", evaluation.kpi, kpis)
                continue
            scale = kpi.scale
            if scale is None:
                yield problem(
                    f"{path}.kpi",
                    f"KPI {excerpt(kpi.key)} is not qualitative (it has no scale): "
                    "it is scored by measurements",
                )
            elif not scale.contains(evaluation.score):
                yield problem(
                    f"{path}.score",
                    f"must be a whole number from {scale.minimum} to {scale.maximum} "
                    f"(the scale of {kpi.key}), got {evaluation.score}",
                )
            if self.end > self.start and not self.start <= evaluation.on <= self.end:
                yield problem(
                    f"{path}.on",
                    f"{evaluation.on.isoformat()} is outside the mission "
                    f"({self.start.isoformat()} to {self.end.isoformat()})",
                )
            key = (evaluation.kpi, evaluation.on, evaluation.evaluator, evaluation.self_assessment)
            if key in seen:
                yield problem(
                    f"{path}.evaluator",
                    f"{excerpt(evaluation.evaluator)} already scored {evaluation.kpi} on "
                    f"{evaluation.on.isoformat()} at evaluations[{seen[key]}]",
                )
            seen.setdefault(key, index)

    def shared_milestone(self, review: Review) -> int | None:
        """The index of the milestone whose scorecard ``review`` shared.

        The review's ``milestone``, else the milestone current on its date (the first
        due on or after it, or the last); ``None`` when the mission has no milestone.
        """
        if review.milestone is not None:
            return self.milestone_index(review.milestone)
        dues = self.milestone_dues()
        if not dues:
            return None
        for index, due in enumerate(dues):
            if due >= review.on:
                return index
        return len(dues) - 1

    def contest_window(self, contest: Contest) -> tuple[dt.date, dt.date] | None:
        """The contest window ``contest`` falls under: the latest sharing of its milestone's
        scorecard on or before ``raised_on``, to ``contest_days`` after it.

        ``None`` when the contract has no ``contest_days``, or no review shared that
        milestone's scorecard by then.
        """
        days = self.contract.contest_days if self.contract is not None else None
        index = self.milestone_index(contest.milestone)
        if days is None or index is None:
            return None
        shared = [
            review.shared_on
            for review in self.reviews
            if review.shared_on is not None
            and review.shared_on <= contest.raised_on
            and self.shared_milestone(review) == index
        ]
        if not shared:
            return None
        opened = max(shared)
        return opened, opened + dt.timedelta(days=days)

    def contest_answer_due(self, contest: Contest) -> dt.date:
        """The last day to answer ``contest``: ``contest_answer_days`` (15 by default) after
        it was raised."""
        days = self.contract.contest_answer_days if self.contract is not None else 15
        return contest.raised_on + dt.timedelta(days=days)

    def _contest_problems(self, kpis: dict[str, Kpi]) -> Iterator[ErrorDetail]:
        """Contests name a KPI with a target at a milestone, raised within the window."""
        days = self.contract.contest_days if self.contract is not None else None
        for index, contest in enumerate(self.contests):
            path = f"contests[{index}]"
            if contest.kpi not in kpis:
                yield _unknown("contests", index, "kpi", contest.kpi, kpis)
            position = self.milestone_index(contest.milestone)
            if position is None:
                names = [str(milestone.name) for milestone in self.milestones]
                yield problem(
                    f"{path}.milestone",
                    f"unknown milestone {excerpt(contest.milestone)} "
                    f"(known: {', '.join(names) or 'none'})",
                )
                continue
            if contest.kpi in kpis and self.milestones[position].target_for(contest.kpi) is None:
                yield problem(
                    f"{path}.kpi",
                    f"KPI {excerpt(contest.kpi)} has no target at milestone "
                    f"{excerpt(contest.milestone)}: there is no result to contest",
                )
            if days is None:
                yield problem(
                    f"{path}.raised_on",
                    "the contract has no contest window (contract.contest_days): "
                    "no contest is accepted",
                )
                continue
            window = self.contest_window(contest)
            if window is None:
                yield problem(
                    f"{path}.raised_on",
                    f"no review shared the scorecard of {excerpt(contest.milestone)} on or "
                    f"before {contest.raised_on.isoformat()} (reviews[].shared_on): "
                    "there is nothing to contest yet",
                )
            elif contest.raised_on > window[1]:
                yield problem(
                    f"{path}.raised_on",
                    f"{contest.raised_on.isoformat()} is after the contest window "
                    f"({days} days after the scorecard was shared on "
                    f"{window[0].isoformat()}: until {window[1].isoformat()})",
                )

    def _activity_reference_problems(self, activities: set[str]) -> Iterator[ErrorDetail]:
        for index, entry in enumerate(self.spend):
            if entry.activity not in activities:
                yield _unknown("spend", index, "activity", entry.activity, activities)
        for index, value in enumerate(self.value_entries):
            if value.activity is not None and value.activity not in activities:
                yield _unknown("value_entries", index, "activity", value.activity, activities)
        if self.contract is not None:
            for index, fee in enumerate(self.contract.fees):
                if fee.activity is not None and fee.activity not in activities:
                    yield _unknown("contract.fees", index, "activity", fee.activity, activities)
        if self.specification is not None:
            for index, deliverable in enumerate(self.specification.deliverables):
                if deliverable.activity is not None and deliverable.activity not in activities:
                    yield _unknown(
                        "specification.deliverables",
                        index,
                        "activity",
                        deliverable.activity,
                        activities,
                    )

    # -- lookups ------------------------------------------------------------------
    def primary_contact(self, side: Side) -> Contact:
        """The one primary point of contact on ``side``."""
        for contact in self.contacts:
            if contact.side is side and contact.role is ContactRole.PRIMARY:
                return contact
        raise AssertionError(
            "unreachable: a mission has a primary contact per side"
        )  # pragma: no cover

    def kpi(self, key: str) -> Kpi:
        """The KPI with ``key``.

        Raises:
            UnknownKeyError: When the mission has no such KPI (a ``KeyError``).
        """
        for kpi in self.kpis:
            if kpi.key == key:
                return kpi
        known = ", ".join(kpi.key for kpi in self.kpis) or "none"
        raise UnknownKeyError(
            key, f"no KPI {excerpt(key)} in mission {excerpt(self.key)} (known: {known})"
        )

    def milestone_index(self, name: str) -> int | None:
        """The index of the milestone named ``name`` (in any of its languages), else ``None``.

        >>> from vendorgov import examples
        >>> examples.demo_mission("logistique").milestone_index("M+6")
        1
        """
        for index, milestone in enumerate(self.milestones):
            found = milestone.name
            texts = (found,) if isinstance(found, str) else tuple(t for _, t in found.texts)
            if name in texts:
                return index
        return None

    def milestone_dues(self) -> tuple[dt.date, ...]:
        """The due date of each milestone, in order."""
        return tuple(milestone.horizon.resolve(self.start) for milestone in self.milestones)

    def _repr_html_(self) -> str:
        """An HTML summary for notebooks: parties, dates, KPIs and tiered targets."""
        return hooks.html("mission", self)  # the display edge registers the view

    # -- returning changed copies --------------------------------------------------
    def with_review(self, review: Review) -> Mission:
        """A copy with ``review`` recorded (reviews stay in date order).

        >>> import datetime as dt
        >>> from vendorgov import Review, ReviewKind, examples
        >>> mission = examples.demo_missions()[0]
        >>> later = mission.with_review(Review(on=dt.date(2028, 1, 10), kind=ReviewKind.MONTHLY))
        >>> len(later.reviews) - len(mission.reviews)
        1
        """
        reviews = sorted((*self.reviews, review), key=lambda item: item.on)
        return attrs.evolve(self, reviews=tuple(reviews))

    def with_measurements(self, *measurements: Measurement) -> Mission:
        """A copy with ``measurements`` added."""
        return attrs.evolve(self, measurements=(*self.measurements, *measurements))

    def with_reports(self, *reports: Report) -> Mission:
        """A copy with received ``reports`` added."""
        return attrs.evolve(self, reports=(*self.reports, *reports))

    def with_spend(self, *entries: SpendEntry) -> Mission:
        """A copy with spend ``entries`` added."""
        return attrs.evolve(self, spend=(*self.spend, *entries))

    def with_recognition(self, recognition: Recognition) -> Mission:
        """A copy with ``recognition`` added to the recognition log."""
        return attrs.evolve(self, recognitions=(*self.recognitions, recognition))

    def with_handover(self, handover: Handover, successor: Contact) -> Mission:
        """A copy where ``successor`` becomes the primary contact of ``handover.side``.

        The previous primary contact stays in the contacts, as ``other``.

        Raises:
            ValidationError: When the successor is not on the handover's side.
        """
        if successor.side is not handover.side or successor.role is not ContactRole.PRIMARY:
            raise ValidationError(
                [problem("successor", f"must be a primary contact on the {handover.side} side")]
            )
        contacts = tuple(
            attrs.evolve(contact, role=ContactRole.OTHER)
            if contact.side is handover.side and contact.role is ContactRole.PRIMARY
            else contact
            for contact in self.contacts
        )
        return attrs.evolve(
            self,
            contacts=(*contacts, successor),
            handovers=(*self.handovers, handover),
        )


def _unique_keys(
    items: tuple[Any, ...], path: str, field: str
) -> typing.Generator[ErrorDetail, None, set[str]]:
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        key = getattr(item, field)
        if key in seen:
            yield problem(
                f"{path}[{index}].{field}",
                f"duplicate {field} {excerpt(key)} (first at {path}[{seen[key]}])",
            )
        seen.setdefault(key, index)
    return set(seen)


def _unknown(
    path: str, index: int, field: str, value: str, known: typing.Collection[str]
) -> ErrorDetail:
    listed = ", ".join(sorted(known)) or "none"
    return problem(
        f"{path}[{index}].{field}", f"unknown {field} {excerpt(value)} (known: {listed})"
    )


# -- every Money inside a value ---------------------------------------------------
_MONEY_FIELDS: dict[type, tuple[str, ...]] = {}


def _may_hold_money(tp: Any) -> bool:
    if tp is Money:
        return True
    args = typing.get_args(tp)
    if args:
        return any(_may_hold_money(arg) for arg in args)
    return isinstance(tp, type) and attrs.has(tp) and bool(_money_fields(tp))


def _money_fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that can hold a Money, directly or deeper (the model has no cycles)."""
    cached = _MONEY_FIELDS.get(cls)
    if cached is not None:
        return cached
    hints = typing.get_type_hints(cls)
    fields = tuple(field.name for field in attrs.fields(cls) if _may_hold_money(hints[field.name]))
    _MONEY_FIELDS[cls] = fields
    return fields


def _money_in(value: Any, path: str) -> Iterator[tuple[str, Money]]:
    if isinstance(value, Money):
        yield path, value
        return
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _money_in(item, f"{path}[{index}]")
        return
    if value is None or not attrs.has(type(value)):
        return
    for name in _money_fields(type(value)):
        yield from _money_in(getattr(value, name), f"{path}.{name}" if path else name)
