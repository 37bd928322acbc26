"""Reviews (*points d'étape*), corrective actions, provider needs, ideas, recognition."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from vendorgov._model.kpi import key_problem, text_problem
from vendorgov._model.parties import Side
from vendorgov._model.scorecard import Scorecard
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "ActionStatus",
    "CorrectiveAction",
    "Idea",
    "IdeaStatus",
    "NeedStatus",
    "ProviderNeed",
    "Recognition",
    "RecognitionKind",
    "Review",
    "ReviewKind",
]


def _id_problem(value: str) -> ErrorDetail | None:
    return key_problem(value, "id")


class ActionStatus(enum.StrEnum):
    """Where a corrective action stands.

    >>> ActionStatus("open")
    <ActionStatus.OPEN: 'open'>
    """

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


@attrs.frozen(kw_only=True)
class CorrectiveAction(Model):
    """Something to fix, with an owner and a due date.

    A closed action (done or cancelled) keeps the date it closed.

    >>> import datetime as dt
    >>> CorrectiveAction(id="ca_01", description="Renforcer l'équipe du samedi",
    ...                  owner="Paul Roux", due=dt.date(2027, 5, 15)).status
    <ActionStatus.OPEN: 'open'>
    """

    id: str
    description: str
    owner: str
    due: dt.date
    status: ActionStatus = ActionStatus.OPEN
    closed_on: dt.date | None = None
    kpi: str | None = None
    root_cause: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (
            _id_problem(self.id),
            text_problem(self.description, "description"),
            text_problem(self.owner, "owner"),
        ):
            if bad is not None:
                yield bad
        if self.status is ActionStatus.OPEN and self.closed_on is not None:
            yield problem("closed_on", "an open action has no closing date")
        if self.status is not ActionStatus.OPEN and self.closed_on is None:
            yield problem("closed_on", f"a {self.status} action needs the date it closed")


class NeedStatus(enum.StrEnum):
    """Where a provider's information request stands.

    >>> NeedStatus("open")
    <NeedStatus.OPEN: 'open'>
    """

    OPEN = "open"
    ANSWERED = "answered"


@attrs.frozen(kw_only=True)
class ProviderNeed(Model):
    """Something the provider needs from the client (information, access, a decision).

    >>> ProviderNeed(id="need_01", description="Prévisions de ventes de Noël").status
    <NeedStatus.OPEN: 'open'>
    """

    id: str
    description: str
    status: NeedStatus = NeedStatus.OPEN
    answered_on: dt.date | None = None
    answer: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (_id_problem(self.id), text_problem(self.description, "description")):
            if bad is not None:
                yield bad
        if (self.status is NeedStatus.ANSWERED) != (self.answered_on is not None):
            yield problem("answered_on", "an answered need has an answer date, an open one none")


class IdeaStatus(enum.StrEnum):
    """Where an improvement idea stands.

    >>> IdeaStatus("proposed")
    <IdeaStatus.PROPOSED: 'proposed'>
    """

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"


@attrs.frozen(kw_only=True)
class Idea(Model):
    """An improvement idea, usually from the provider.

    >>> Idea(id="idea_01", description="Emballages recyclés").proposed_by
    <Side.PROVIDER: 'provider'>
    """

    id: str
    description: str
    proposed_by: Side = Side.PROVIDER
    status: IdeaStatus = IdeaStatus.PROPOSED
    decided_on: dt.date | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (_id_problem(self.id), text_problem(self.description, "description")):
            if bad is not None:
                yield bad
        if (self.status is IdeaStatus.PROPOSED) != (self.decided_on is None):
            yield problem("decided_on", "a decided idea has a decision date, a proposed one none")


class RecognitionKind(enum.StrEnum):
    """Ways of recognising a provider's work.

    >>> RecognitionKind("thanks")
    <RecognitionKind.THANKS: 'thanks'>
    """

    THANKS = "thanks"
    PUBLIC_MENTION = "public_mention"
    AWARD = "award"
    TESTIMONIAL = "testimonial"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Recognition(Model):
    """A congratulation or other recognition given to the provider.

    >>> import datetime as dt
    >>> Recognition(on=dt.date(2027, 4, 20), kind=RecognitionKind.THANKS,
    ...             description="Merci pour le pic de Pâques").kpi is None
    True
    """

    on: dt.date
    kind: RecognitionKind
    description: str
    by: str = ""
    kpi: str | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.description, "description")
        if bad is not None:
            yield bad


class ReviewKind(enum.StrEnum):
    """Kinds of review meeting.

    >>> ReviewKind("weekly")
    <ReviewKind.WEEKLY: 'weekly'>
    """

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    MILESTONE = "milestone"
    QUARTERLY = "quarterly"


@attrs.frozen(kw_only=True)
class Review(Model):
    """A review (*point d'étape*) and what came out of it.

    >>> import datetime as dt
    >>> Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MILESTONE,
    ...        attendees=("Claire Martin", "Paul Roux"),
    ...        obstacles=("Pic de commandes à Pâques",)).scorecard is None
    True

    ``milestone`` names the milestone the review was held about (its ``name``, or
    for a name written in several languages its text in any of them): the review's
    scorecard is then that milestone's, scored at its due date, not the few days
    since it. ``None``: the review discusses the situation on its date.

    ``shared_on`` records when the review's scorecard was shared with the provider:
    the contract's contest window (``contest_days``) runs from that date.
    """

    on: dt.date
    kind: ReviewKind
    milestone: str | None = None
    attendees: tuple[str, ...] = ()
    summary: str = ""
    scorecard: Scorecard | None = None
    obstacles: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    corrective_actions: tuple[CorrectiveAction, ...] = ()
    needs: tuple[ProviderNeed, ...] = ()
    ideas: tuple[Idea, ...] = ()
    recognitions: tuple[Recognition, ...] = ()
    shared_on: dt.date | None = None
