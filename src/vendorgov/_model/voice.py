"""Several evaluators and the provider's voice: evaluations, self-assessments, contests."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model.kpi import key_problem, text_problem
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["Contest", "ContestStatus", "Evaluation"]


@attrs.frozen(kw_only=True)
class Evaluation(Model):
    """One evaluator's score of a qualitative KPI, on one date.

    The evaluations of a KPI on one date are a *round*: the KPI's ``consensus``
    (median by default) of the round's scores counts as one measurement on that
    date. A ``self_assessment`` is the provider's own score: it is kept and shown
    beside the evaluators' consensus, never counted in it.

    Attributes:
        kpi: The qualitative KPI's key.
        on: The date of the evaluation (its round).
        evaluator: Who scored: a contact's name, or any name.
        score: A step of the KPI's scale (a whole number from its minimum to its maximum).
        comment: Why, in the evaluator's words.
        self_assessment: Whether this is the provider's self-assessment.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> Evaluation(kpi="editorial_quality", on=dt.date(2026, 6, 30),
    ...            evaluator="Léa Fontaine", score=Decimal(4)).self_assessment
    False
    """

    kpi: str
    on: dt.date
    evaluator: str
    score: Decimal
    comment: str = ""
    self_assessment: bool = False

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (key_problem(self.kpi, "kpi"), text_problem(self.evaluator, "evaluator")):
            if bad is not None:
                yield bad


class ContestStatus(enum.StrEnum):
    """Where a contest stands.

    ``open`` until answered; ``accepted`` (the value the provider claims replaces the
    result), ``amended`` (an agreed new value replaces it) or ``rejected`` (the
    result stands, with the reason).

    >>> ContestStatus("amended")
    <ContestStatus.AMENDED: 'amended'>
    """

    OPEN = "open"
    ACCEPTED = "accepted"
    AMENDED = "amended"
    REJECTED = "rejected"


@attrs.frozen(kw_only=True)
class Contest(Model):
    """The provider contests a KPI's result at a milestone, after its scorecard was shared.

    A contest is raised within the contract's ``contest_days`` after a review shared
    the milestone's scorecard (``Review.shared_on``); the mission refuses one raised
    outside that window. Until it is resolved, the result is *contested* and the
    payouts that depend on it are pending.

    Attributes:
        kpi: The KPI whose result is contested.
        milestone: The milestone whose result it is (its name).
        raised_on: When the provider raised it.
        raised_by: Who raised it.
        reason: The provider's reason.
        claimed: The value the provider claims, if any (needed to accept the contest).
        status: Open, accepted, amended or rejected.
        resolved_on: When it was answered (not for an open contest).
        value: The agreed new value of an amended contest.
        answer: The client's answer (the reason of a rejection: required then).

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> contest = Contest(kpi="editorial_quality", milestone="M+6",
    ...                   raised_on=dt.date(2026, 10, 12), raised_by="Camille Dubois",
    ...                   reason="Two posts scored were the client's own",
    ...                   status=ContestStatus.AMENDED, resolved_on=dt.date(2026, 10, 20),
    ...                   value=Decimal(3))
    >>> contest.new_value
    Decimal('3')
    """

    kpi: str
    milestone: str
    raised_on: dt.date
    raised_by: str
    reason: str
    claimed: Decimal | None = None
    status: ContestStatus = ContestStatus.OPEN
    resolved_on: dt.date | None = None
    value: Decimal | None = None
    answer: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (
            key_problem(self.kpi, "kpi"),
            text_problem(self.milestone, "milestone"),
            text_problem(self.raised_by, "raised_by"),
            text_problem(self.reason, "reason"),
        ):
            if bad is not None:
                yield bad
        status = self.status
        if status is ContestStatus.OPEN:
            if self.resolved_on is not None:
                yield problem("resolved_on", "an open contest is not resolved yet")
        elif self.resolved_on is None:
            yield problem("resolved_on", f"an {status} contest says when it was resolved")
        elif self.resolved_on < self.raised_on:
            yield problem(
                "resolved_on", f"must not be before raised_on ({self.raised_on.isoformat()})"
            )
        if status is ContestStatus.AMENDED and self.value is None:
            yield problem("value", "an amended contest gives the new value")
        if status is not ContestStatus.AMENDED and self.value is not None:
            yield problem("value", "only an amended contest has a new value")
        if status is ContestStatus.ACCEPTED and self.claimed is None:
            yield problem("claimed", "an accepted contest needs the value the provider claimed")
        if status is ContestStatus.REJECTED and not self.answer.strip():
            yield problem("answer", "a rejected contest gives the reason of the rejection")

    @property
    def new_value(self) -> Decimal | None:
        """The value that replaces the result: the claim if accepted, the value if amended."""
        if self.status is ContestStatus.ACCEPTED:
            return self.claimed
        if self.status is ContestStatus.AMENDED:
            return self.value
        return None

    def status_on(self, day: dt.date) -> ContestStatus | None:
        """The contest's status as known on ``day``: ``None`` before it was raised,
        ``open`` until it was resolved."""
        if day < self.raised_on:
            return None
        if self.resolved_on is None or day < self.resolved_on:
            return ContestStatus.OPEN
        return self.status
