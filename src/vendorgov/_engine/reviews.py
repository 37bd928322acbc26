"""Recording reviews and moving what they raised through its statuses.

A review (*point d'étape*) raises corrective actions, provider needs
(information requests) and improvement ideas. Each item has an id that is
unique across all the mission's reviews (the mission checks it), so the
functions here find an item by id wherever it was raised.

Every function that "changes" something returns a new mission, validated
again; the mission given is never modified.

Errors name the item by id, in the form ``corrective_actions[ca_01]``,
``needs[need_01]`` or ``ideas[idea_01]``, followed by the field at fault
(``corrective_actions[ca_01].closed_on``).

Transitions:

- corrective action: ``open`` → ``done`` or ``cancelled`` (`close_action`,
  which records the closing date); ``done`` or ``cancelled`` → ``open``
  (`reopen_action`, which clears the closing date).
- provider need: ``open`` → ``answered`` (`answer_need`, with the answer and its date).
- idea: ``proposed`` → ``accepted`` or ``rejected``; ``accepted`` →
  ``implemented`` (`decide_idea`). ``rejected`` and ``implemented`` are final.

A status change may not be dated before the review that raised the item, nor
before the item's previous decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from vendorgov._engine import scoring
from vendorgov._engine.scoring import score
from vendorgov._model.mission import Mission
from vendorgov._model.review import (
    ActionStatus,
    CorrectiveAction,
    Idea,
    IdeaStatus,
    NeedStatus,
    ProviderNeed,
    Review,
)
from vendorgov._model.scorecard import Scorecard
from vendorgov._model.validation import check_date
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "answer_need",
    "close_action",
    "decide_idea",
    "ideas_by_status",
    "open_actions",
    "open_needs",
    "overdue_actions",
    "record_review",
    "reopen_action",
    "review_scorecard",
]

_Item = TypeVar("_Item", CorrectiveAction, ProviderNeed, Idea)

_IDEA_TRANSITIONS: dict[IdeaStatus, tuple[IdeaStatus, ...]] = {
    IdeaStatus.PROPOSED: (IdeaStatus.ACCEPTED, IdeaStatus.REJECTED),
    IdeaStatus.ACCEPTED: (IdeaStatus.IMPLEMENTED,),
    IdeaStatus.REJECTED: (),
    IdeaStatus.IMPLEMENTED: (),
}


# -- recording ------------------------------------------------------------------------
def record_review(mission: Mission, review: Review, *, with_scorecard: bool = True) -> Mission:
    """A copy of ``mission`` with ``review`` recorded, reviews kept in date order.

    When ``with_scorecard`` is true and the review carries no scorecard, the
    review keeps a snapshot of the scorecard it discussed (`review_scorecard`):
    the scorecard of the milestone it names, at that milestone's due date, else
    ``score(mission, review.on)``. A mission without milestones cannot be scored; its reviews
    are recorded without a snapshot. A scorecard already on the review is kept
    as given.

    Args:
        mission: The mission.
        review: The review held.
        with_scorecard: Whether to attach the scorecard at the review's date.

    Returns:
        A new mission; ``mission`` is unchanged.

    Raises:
        ValidationError: When ``review`` is not a `Review`, or when the new
            mission is invalid (an item id already used by another review,
            a KPI the mission does not have).

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import (Contact, ContactRole, Direction, Horizon, Kpi, Measurement,
    ...                        Milestone, Mission, Party, Review, ReviewKind, Side, Target)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     kpis=(Kpi(key="accuracy", name="Order accuracy", unit="%",
    ...               direction=Direction.HIGHER),),
    ...     milestones=(Milestone(name="M+1", horizon=Horizon.parse("M+1"), targets=(
    ...         Target(kpi="accuracy", target=Decimal(99), threshold=Decimal(97)),)),),
    ...     measurements=(Measurement(kpi="accuracy", value=Decimal(98),
    ...                               at=dt.date(2027, 4, 1)),),
    ... )
    >>> later = record_review(mission, Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MILESTONE))
    >>> later.reviews[0].scorecard.overall, len(mission.reviews)
    (Decimal('50.0'), 0)
    """
    if not isinstance(review, Review):
        raise ValidationError([ErrorDetail("review", f"expected a Review, got {review!r}")])
    if with_scorecard and review.scorecard is None and mission.milestones:
        index = None if review.milestone is None else mission.milestone_index(review.milestone)
        if review.milestone is None or index is not None:  # else with_review refuses it
            review = attrs.evolve(review, scorecard=review_scorecard(mission, review))
    return mission.with_review(review)


def review_scorecard(mission: Mission, review: Review) -> Scorecard:
    """The scorecard ``review`` discussed: its recorded one, else the one it was about.

    A review that names its milestone discussed that milestone's result: the
    milestone scored at its due date (its whole window), whenever the meeting took
    place after it (a review held before the due date sees the window up to its
    date). Any other review discussed the situation on its date: ``score(mission,
    review.on)``.

    Raises:
        ValidationError: When the mission has no milestone, or the review names a
            milestone the mission does not have (path ``review.milestone``).

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> mission = examples.demo_mission("logistique")
    >>> review = next(r for r in mission.reviews if r.on == dt.date(2026, 9, 8))
    >>> card = review_scorecard(mission, review)
    >>> card.milestone, card.window_start.isoformat(), card.window_end.isoformat()
    ('M+6', '2026-04-03', '2026-09-02')
    """
    if review.scorecard is not None:
        return review.scorecard
    if review.milestone is None:
        return score(mission, review.on)
    index = mission.milestone_index(review.milestone)
    if index is None:
        raise ValidationError(
            [ErrorDetail("review.milestone", f"unknown milestone {review.milestone!r}")]
        )
    dues = mission.milestone_dues()
    return scoring._score(mission, min(dues[index], review.on), dues, index, review.on)


# -- status changes -------------------------------------------------------------------
def close_action(
    mission: Mission,
    action_id: str,
    *,
    status: ActionStatus = ActionStatus.DONE,
    on: dt.date,
) -> Mission:
    """A copy of ``mission`` where an open corrective action is closed on ``on``.

    The action keeps its closing date from then on.

    Args:
        mission: The mission.
        action_id: The action's id, in whichever review raised it.
        status: ``done`` (default) or ``cancelled``.
        on: The date it closed; not before the review that raised it.

    Returns:
        A new mission; ``mission`` is unchanged.

    Raises:
        ValidationError: When no action has that id, the action is not open,
            ``status`` is not a closing status, or ``on`` is not a date or is
            before the review that raised the action.

    >>> import datetime as dt
    >>> from vendorgov import (Contact, ContactRole, CorrectiveAction, Mission, Party,
    ...                        Review, ReviewKind, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     reviews=(Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MONTHLY,
    ...                     corrective_actions=(CorrectiveAction(
    ...                         id="ca_01", description="Renfort le samedi", owner="Paul",
    ...                         due=dt.date(2027, 5, 15)),)),),
    ... )
    >>> closed = close_action(mission, "ca_01", on=dt.date(2027, 5, 10))
    >>> action = closed.reviews[0].corrective_actions[0]
    >>> action.status, action.closed_on
    (<ActionStatus.DONE: 'done'>, datetime.date(2027, 5, 10))
    """
    path = f"corrective_actions[{action_id}]"
    status = _coerce(status, ActionStatus, f"{path}.status")
    on = _check_date_arg(on, "on")
    r_index, i_index, action = _find(
        mission, "corrective_actions", action_id, path, CorrectiveAction
    )
    if status is ActionStatus.OPEN:
        raise _refuse(f"{path}.status", "cannot close an action as open; use reopen_action")
    if action.status is not ActionStatus.OPEN:
        assert action.closed_on is not None
        raise _refuse(
            f"{path}.status",
            f"cannot change {action_id!r} from {action.status} to {status}: "
            f"it was already closed on {action.closed_on.isoformat()}",
        )
    _not_before(mission.reviews[r_index], on, f"{path}.closed_on", action_id)
    changed = _build(path, lambda: attrs.evolve(action, status=status, closed_on=on))
    return _replace(mission, "corrective_actions", r_index, i_index, changed)


def reopen_action(mission: Mission, action_id: str) -> Mission:
    """A copy of ``mission`` where a done or cancelled corrective action is open again.

    Reopening clears the closing date: an open action has none. When the
    history matters (the fix did not hold), prefer raising a new action at the
    next review, which keeps the first one closed on its date.

    Args:
        mission: The mission.
        action_id: The action's id, in whichever review raised it.

    Returns:
        A new mission; ``mission`` is unchanged.

    Raises:
        ValidationError: When no action has that id, or it is already open.

    >>> import datetime as dt
    >>> from vendorgov import (ActionStatus, Contact, ContactRole, CorrectiveAction, Mission,
    ...                        Party, Review, ReviewKind, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     reviews=(Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MONTHLY,
    ...                     corrective_actions=(CorrectiveAction(
    ...                         id="ca_01", description="Renfort le samedi", owner="Paul",
    ...                         due=dt.date(2027, 5, 15), status=ActionStatus.DONE,
    ...                         closed_on=dt.date(2027, 5, 10)),)),),
    ... )
    >>> action = reopen_action(mission, "ca_01").reviews[0].corrective_actions[0]
    >>> action.status, action.closed_on
    (<ActionStatus.OPEN: 'open'>, None)
    """
    path = f"corrective_actions[{action_id}]"
    r_index, i_index, action = _find(
        mission, "corrective_actions", action_id, path, CorrectiveAction
    )
    if action.status is ActionStatus.OPEN:
        raise _refuse(f"{path}.status", f"cannot reopen {action_id!r}: it is already open")
    changed = _build(path, lambda: attrs.evolve(action, status=ActionStatus.OPEN, closed_on=None))
    return _replace(mission, "corrective_actions", r_index, i_index, changed)


def answer_need(mission: Mission, need_id: str, *, on: dt.date, answer: str) -> Mission:
    """A copy of ``mission`` where an open provider need is answered on ``on``.

    Args:
        mission: The mission.
        need_id: The need's id, in whichever review raised it.
        on: The date of the answer; not before the review that raised the need.
        answer: What the client answered (may be empty when it is recorded elsewhere).

    Returns:
        A new mission; ``mission`` is unchanged.

    Raises:
        ValidationError: When no need has that id, it is already answered,
            ``on`` is not a date or is before the review, or ``answer`` is not text.

    >>> import datetime as dt
    >>> from vendorgov import (Contact, ContactRole, Mission, Party, ProviderNeed, Review,
    ...                        ReviewKind, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     reviews=(Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MONTHLY,
    ...                     needs=(ProviderNeed(id="need_01",
    ...                                         description="Prévisions de Noël"),)),),
    ... )
    >>> answered = answer_need(mission, "need_01", on=dt.date(2027, 4, 20),
    ...                        answer="Envoyées par e-mail")
    >>> answered.reviews[0].needs[0].status
    <NeedStatus.ANSWERED: 'answered'>
    """
    path = f"needs[{need_id}]"
    on = _check_date_arg(on, "on")
    r_index, i_index, need = _find(mission, "needs", need_id, path, ProviderNeed)
    if need.status is not NeedStatus.OPEN:
        assert need.answered_on is not None
        raise _refuse(
            f"{path}.status",
            f"cannot answer {need_id!r}: it was already answered on {need.answered_on.isoformat()}",
        )
    _not_before(mission.reviews[r_index], on, f"{path}.answered_on", need_id)
    changed = _build(
        path,
        lambda: attrs.evolve(need, status=NeedStatus.ANSWERED, answered_on=on, answer=answer),
    )
    return _replace(mission, "needs", r_index, i_index, changed)


def decide_idea(mission: Mission, idea_id: str, status: IdeaStatus, *, on: dt.date) -> Mission:
    """A copy of ``mission`` where an improvement idea moves to ``status`` on ``on``.

    Allowed: ``proposed`` → ``accepted`` or ``rejected``, and ``accepted`` →
    ``implemented``. The idea's ``decided_on`` becomes ``on``: it is the date
    of the idea's latest status change (for an implemented idea, the day it
    was implemented), never before the previous one.

    Args:
        mission: The mission.
        idea_id: The idea's id, in whichever review raised it.
        status: The new status.
        on: The date of the decision.

    Returns:
        A new mission; ``mission`` is unchanged.

    Raises:
        ValidationError: When no idea has that id, the transition is not
            allowed, or ``on`` is not a date or is before the review that raised
            the idea or before its previous decision.

    >>> import datetime as dt
    >>> from vendorgov import (Contact, ContactRole, Idea, IdeaStatus, Mission, Party, Review,
    ...                        ReviewKind, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     reviews=(Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MONTHLY,
    ...                     ideas=(Idea(id="idea_01", description="Emballages recyclés"),)),),
    ... )
    >>> accepted = decide_idea(mission, "idea_01", IdeaStatus.ACCEPTED, on=dt.date(2027, 4, 15))
    >>> decide_idea(accepted, "idea_01", IdeaStatus.REJECTED, on=dt.date(2027, 5, 2))
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.ValidationError: 1 problem:
      ideas[idea_01].status: cannot move 'idea_01' from accepted to rejected (allowed: implemented)
    """
    path = f"ideas[{idea_id}]"
    status = _coerce(status, IdeaStatus, f"{path}.status")
    on = _check_date_arg(on, "on")
    r_index, i_index, idea = _find(mission, "ideas", idea_id, path, Idea)
    allowed = _IDEA_TRANSITIONS[idea.status]
    if status not in allowed:
        listed = ", ".join(str(item) for item in allowed) or f"none, {idea.status} is final"
        raise _refuse(
            f"{path}.status",
            f"cannot move {idea_id!r} from {idea.status} to {status} (allowed: {listed})",
        )
    _not_before(mission.reviews[r_index], on, f"{path}.decided_on", idea_id)
    if idea.decided_on is not None and on < idea.decided_on:
        raise _refuse(
            f"{path}.decided_on",
            f"{on.isoformat()} is before {idea_id!r} was {idea.status} "
            f"({idea.decided_on.isoformat()})",
        )
    changed = _build(path, lambda: attrs.evolve(idea, status=status, decided_on=on))
    return _replace(mission, "ideas", r_index, i_index, changed)


# -- reading ----------------------------------------------------------------------------
def open_actions(mission: Mission, at: dt.date | None = None) -> tuple[CorrectiveAction, ...]:
    """The corrective actions open at ``at``, in review order.

    An action is open at ``at`` when the review that raised it was held on or
    before ``at`` and it had not closed by then: it is still open, or it closed
    after ``at``. Without ``at``, every action whose status is ``open``.

    Args:
        mission: The mission.
        at: The date to look at; ``None`` for the statuses as recorded.

    >>> import datetime as dt
    >>> from vendorgov import (ActionStatus, Contact, ContactRole, CorrectiveAction, Mission,
    ...                        Party, Review, ReviewKind, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     reviews=(Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MONTHLY,
    ...                     corrective_actions=(CorrectiveAction(
    ...                         id="ca_01", description="Renfort le samedi", owner="Paul",
    ...                         due=dt.date(2027, 5, 15), status=ActionStatus.DONE,
    ...                         closed_on=dt.date(2027, 5, 10)),)),),
    ... )
    >>> [a.id for a in open_actions(mission, dt.date(2027, 5, 1))], open_actions(mission)
    (['ca_01'], ())
    """
    if at is None:
        return tuple(
            action
            for review in mission.reviews
            for action in review.corrective_actions
            if action.status is ActionStatus.OPEN
        )
    at = _check_date_arg(at, "at")
    return tuple(
        action
        for review in mission.reviews
        if review.on <= at
        for action in review.corrective_actions
        if action.closed_on is None or action.closed_on > at
    )


def overdue_actions(mission: Mission, at: dt.date) -> tuple[CorrectiveAction, ...]:
    """The corrective actions open at ``at`` whose due date is before ``at``.

    An action due on ``at`` itself is not overdue yet.

    >>> import datetime as dt
    >>> from vendorgov import (Contact, ContactRole, CorrectiveAction, Mission, Party, Review,
    ...                        ReviewKind, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     reviews=(Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MONTHLY,
    ...                     corrective_actions=(CorrectiveAction(
    ...                         id="ca_01", description="Renfort le samedi", owner="Paul",
    ...                         due=dt.date(2027, 5, 15)),)),),
    ... )
    >>> overdue_actions(mission, dt.date(2027, 5, 15))
    ()
    >>> [action.id for action in overdue_actions(mission, dt.date(2027, 5, 16))]
    ['ca_01']
    """
    at = _check_date_arg(at, "at")
    return tuple(action for action in open_actions(mission, at) if action.due < at)


def open_needs(mission: Mission, at: dt.date | None = None) -> tuple[ProviderNeed, ...]:
    """The provider needs open at ``at``, in review order.

    A need is open at ``at`` when the review that raised it was held on or
    before ``at`` and it had not been answered by then. Without ``at``, every
    need whose status is ``open``.

    >>> import datetime as dt
    >>> from vendorgov import (Contact, ContactRole, Mission, Party, ProviderNeed, Review,
    ...                        ReviewKind, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     reviews=(Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MONTHLY,
    ...                     needs=(ProviderNeed(id="need_01",
    ...                                         description="Prévisions de Noël"),)),),
    ... )
    >>> [need.id for need in open_needs(mission)], open_needs(mission, dt.date(2027, 4, 1))
    (['need_01'], ())
    """
    if at is None:
        return tuple(
            need
            for review in mission.reviews
            for need in review.needs
            if need.status is NeedStatus.OPEN
        )
    at = _check_date_arg(at, "at")
    return tuple(
        need
        for review in mission.reviews
        if review.on <= at
        for need in review.needs
        if need.answered_on is None or need.answered_on > at
    )


def ideas_by_status(mission: Mission) -> dict[IdeaStatus, tuple[Idea, ...]]:
    """Every improvement idea of the mission, grouped by status.

    Every status is a key (in the order proposed, accepted, rejected,
    implemented), with the ideas in review order; a status without ideas maps
    to an empty tuple.

    >>> import datetime as dt
    >>> from vendorgov import (Contact, ContactRole, Idea, IdeaStatus, Mission, Party, Review,
    ...                        ReviewKind, Side)
    >>> mission = Mission(
    ...     key="logistique", name="Logistique", client=Party(name="Maison Lumière"),
    ...     provider=Party(name="LogiNord"), start=dt.date(2027, 3, 15),
    ...     end=dt.date(2028, 3, 14),
    ...     contacts=(Contact(name="Claire", side=Side.CLIENT, role=ContactRole.PRIMARY),
    ...               Contact(name="Paul", side=Side.PROVIDER, role=ContactRole.PRIMARY)),
    ...     reviews=(Review(on=dt.date(2027, 4, 15), kind=ReviewKind.MONTHLY,
    ...                     ideas=(Idea(id="idea_01", description="Emballages recyclés"),)),),
    ... )
    >>> {status.value: len(ideas) for status, ideas in ideas_by_status(mission).items()}
    {'proposed': 1, 'accepted': 0, 'rejected': 0, 'implemented': 0}
    """
    return {
        status: tuple(
            idea for review in mission.reviews for idea in review.ideas if idea.status is status
        )
        for status in IdeaStatus
    }


# -- helpers ----------------------------------------------------------------------------
def _check_date_arg(value: object, path: str) -> dt.date:
    problems: list[ErrorDetail] = []
    check_date(value, path, problems)
    if problems:
        raise ValidationError(problems)
    assert isinstance(value, dt.date)
    return value


_E = TypeVar("_E", ActionStatus, IdeaStatus)


def _coerce(value: object, enumeration: type[_E], path: str) -> _E:
    if isinstance(value, enumeration):
        return value
    if isinstance(value, str):
        try:
            return enumeration(value)
        except ValueError:
            pass
    allowed = ", ".join(repr(member.value) for member in enumeration)
    raise ValidationError(
        [ErrorDetail(path, f"expected a {enumeration.__name__} ({allowed}), got {value!r}")]
    )


def _refuse(path: str, message: str) -> ValidationError:
    return ValidationError([ErrorDetail(path, message)])


_LABELS = {
    "corrective_actions": "a corrective action",
    "needs": "a provider need",
    "ideas": "an idea",
}


def _find(
    mission: Mission, field: str, item_id: str, path: str, kind: type[_Item]
) -> tuple[int, int, _Item]:
    for r_index, review in enumerate(mission.reviews):
        items: tuple[object, ...] = getattr(review, field)
        for i_index, item in enumerate(items):
            if isinstance(item, kind) and item.id == item_id:
                return r_index, i_index, item
    raise _refuse(path, f"no review of {mission.key!r} raised {_LABELS[field]} with id {item_id!r}")


def _not_before(review: Review, on: dt.date, path: str, item_id: str) -> None:
    if on < review.on:
        raise _refuse(
            path,
            f"{on.isoformat()} is before the review that raised {item_id!r} "
            f"({review.on.isoformat()})",
        )


def _build(path: str, make: Callable[[], _Item]) -> _Item:
    try:
        return make()
    except ValidationError as error:
        raise error.prefixed(path) from None


def _replace(mission: Mission, field: str, r_index: int, i_index: int, item: object) -> Mission:
    review = mission.reviews[r_index]
    items: tuple[object, ...] = getattr(review, field)
    changes: dict[str, Any] = {field: (*items[:i_index], item, *items[i_index + 1 :])}
    changed = attrs.evolve(review, **changes)
    reviews = (*mission.reviews[:r_index], changed, *mission.reviews[r_index + 1 :])
    return attrs.evolve(mission, reviews=reviews)
