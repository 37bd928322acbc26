"""The amendment's context: what it changes, with the articles of the contract it amends.

An amendment (*avenant*) is its own document: its number, the contract it amends, the
date it takes effect, each change with a reference to the article (and annex) of the
contract as it stood just before — numbered as the contract document numbers its
articles (`contract._articles`) — the value before and after, and the signatures.
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from vendorgov._documents.contexts import RenderOptions, base_context
from vendorgov._documents.contract import Annex, Article, _articles, _vigilance
from vendorgov._model.amendment import Amendment, Change, ChangeAction, ChangeKind, applied
from vendorgov._model.mission import Mission
from vendorgov._model.parties import Side
from vendorgov._model.text import LocalizedText
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["ChangeView", "amendment_context", "find_amendment"]

# The article of the contract each kind of change amends (a clause: its own article).
_ARTICLE_OF_KIND: Final = {
    ChangeKind.FEE: "fees",
    ChangeKind.ACTIVITY: "object",
    ChangeKind.KPI: "objectives",
    ChangeKind.MILESTONE: "planning",
    ChangeKind.TARGET: "objectives",
    ChangeKind.CONTACT: "governance",
    ChangeKind.TOOL: "work_methods",
}
_ARTICLE_OF_CLAUSE: Final = {"payment": "fees"}
# The annex that holds the item, when there is one.
_ANNEX_OF_KIND: Final = {
    ChangeKind.ACTIVITY: "specification",
    ChangeKind.KPI: "kpis",
    ChangeKind.MILESTONE: "kpis",
    ChangeKind.TARGET: "kpis",
}


@attrs.frozen(kw_only=True)
class ChangeView:
    """One change, as the amendment document prints it.

    Attributes:
        change: The [`Change`][vendorgov.Change].
        kind: Its kind (``target``, ``fee``...), as a string.
        action: ``add``, ``replace`` or ``remove``.
        article: The article of the contract it amends (``None``: a new article).
        annex: The annex of the contract that holds the item, if any.
        before: The item before the amendment (``None`` for an addition).
        after: The item after it (``None`` for a removal); for a target, a `Target`.
        name: The item's name to print (a KPI's name for a target).
        milestone: For a target, the milestone's name.
        unit: For a target or a KPI, the KPI's unit.
    """

    change: Change
    kind: str
    action: str
    article: Article | None
    annex: Annex | None
    before: Any
    after: Any
    name: str | LocalizedText
    milestone: str | LocalizedText | None = None
    unit: str = ""


def find_amendment(mission: Mission, number: int | None) -> int:
    """The index of amendment ``number`` (``None``: the last one).

    Raises:
        ValidationError: When the mission has no such amendment (path ``number``).
    """
    if not mission.amendments:
        raise ValidationError([ErrorDetail("number", "the mission has no amendment")])
    if number is None:
        return len(mission.amendments) - 1
    for index, amendment in enumerate(mission.amendments):
        if amendment.number == number:
            return index
    known = ", ".join(str(amendment.number) for amendment in mission.amendments)
    raise ValidationError([ErrorDetail("number", f"no amendment n° {number} (known: {known})")])


def _item(items: tuple[Any, ...], field: str, key: str) -> Any:
    for item in items:
        value = getattr(item, field)
        texts = (value,) if isinstance(value, str) else tuple(t for _, t in value.texts)
        if key in texts:
            return item
    return None


def _before(mission: Mission, change: Change) -> Any:
    """The item a change names, in ``mission`` (``None`` when absent)."""
    kind = change.kind
    contract = mission.contract
    if kind is ChangeKind.TARGET:
        assert change.milestone is not None
        assert change.kpi is not None
        milestone = _item(mission.milestones, "name", change.milestone)
        return None if milestone is None else milestone.target_for(change.kpi)
    if kind is ChangeKind.CLAUSE:
        assert change.clause is not None
        assert contract is not None
        return getattr(contract, change.clause.value) or None
    if kind is ChangeKind.FEE:
        assert change.fee is not None
        assert contract is not None
        return _item(contract.fees, "label", change.fee)
    if kind is ChangeKind.CUSTOM_CLAUSE:
        assert change.custom_clause is not None
        assert contract is not None
        return _item(contract.custom_clauses, "title", change.custom_clause)
    items, field = {
        ChangeKind.ACTIVITY: (mission.activities, "key"),
        ChangeKind.KPI: (mission.kpis, "key"),
        ChangeKind.MILESTONE: (mission.milestones, "name"),
        ChangeKind.CONTACT: (mission.contacts, "name"),
        ChangeKind.TOOL: (mission.tools, "name"),
    }[kind]
    return _item(items, field, change.key)


def _view(
    before: Mission,
    after: Mission,
    articles: tuple[Article, ...],
    annexes: dict[str, Annex],
    change: Change,
) -> ChangeView:
    kind = change.kind
    old = _before(before, change)
    new = None if change.action is ChangeAction.REMOVE else _before(after, change)
    if kind is ChangeKind.CUSTOM_CLAUSE:
        article = next(
            (item for item in articles if item.key == "custom" and item.clause == old), None
        )
    else:
        key = (
            _ARTICLE_OF_CLAUSE.get(str(change.clause), str(change.clause))
            if kind is ChangeKind.CLAUSE
            else _ARTICLE_OF_KIND[kind]
        )
        article = next((item for item in articles if item.key == key), None)
    annex_key = _ANNEX_OF_KIND.get(kind)
    annex = None if annex_key is None else annexes.get(annex_key)
    name: str | LocalizedText = change.key
    milestone = None
    unit = ""
    if kind in (ChangeKind.TARGET, ChangeKind.KPI):
        kpi = _item(after.kpis, "key", change.kpi or "") or _item(
            before.kpis, "key", change.kpi or ""
        )
        if kpi is not None:
            name, unit = kpi.name, kpi.unit
    if kind is ChangeKind.TARGET:
        found = _item(before.milestones, "name", change.milestone or "")
        milestone = found.name if found is not None else change.milestone
    item = old if old is not None else new
    if kind in (ChangeKind.ACTIVITY, ChangeKind.MILESTONE) and item is not None:
        name = item.name
    elif kind is ChangeKind.CUSTOM_CLAUSE and item is not None:
        name = item.title
    return ChangeView(
        change=change,
        kind=kind.value,
        action=change.action.value,
        article=article,
        annex=annex,
        before=old,
        after=new,
        name=name,
        milestone=milestone,
        unit=unit,
    )


def _annexes(mission: Mission) -> dict[str, Annex]:
    """The contract's annexes, numbered as the contract document numbers them."""
    keys = []
    if mission.specification is not None:
        keys.append("specification")
    if mission.kpis and mission.milestones:
        keys.append("kpis")
    return {key: Annex(key=key, number=number) for number, key in enumerate(keys, start=1)}


def amendment_context(mission: Mission, options: RenderOptions) -> dict[str, Any]:
    """The variables of an amendment (*avenant*).

    Adds to `base_context` (of the mission as in force once the amendment applies):

    - ``amendment``: the [`Amendment`][vendorgov.Amendment]; ``contract``: the contract it
      amends (as in force just before).
    - ``changes``: one `ChangeView` per change, in order, with the article and annex of
      the contract (numbered as in the contract before the amendment) it amends.
    - ``signatories``: ``{"client": (...), "provider": (...)}``.

    Raises:
        ValidationError: When the mission has no amendment numbered ``options.number``
            (path ``number``) or no contract (path ``contract``).
    """
    index = find_amendment(mission, options.number)
    amendment: Amendment = mission.amendments[index]
    before = applied(mission, index)
    after = applied(mission, index + 1)
    contract = before.contract
    if contract is None:
        raise ValidationError([ErrorDetail("contract", "an amendment amends a contract: add one")])
    context = base_context(after, options)
    articles = _articles(before, contract, _vigilance(contract, len(before.milestones)))
    annexes = _annexes(before)
    context.update(
        amendment=amendment,
        contract=contract,
        changes=tuple(
            _view(before, after, articles, annexes, change) for change in amendment.changes
        ),
        signatories={
            side.value: tuple(item for item in amendment.signatories if item.side is side)
            for side in Side
        },
    )
    return context
