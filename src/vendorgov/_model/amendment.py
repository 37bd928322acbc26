"""Amendments (*avenants*): numbered, signed, effective-dated changes to a mission's terms.

An amendment is a list of typed operations, each naming one item of the terms by its key
and saying what happens to it: ``add`` (a new item), ``replace`` (the item with that key,
whole) or ``remove``. The item is named by the field of its kind (``kpi``, ``fee``,
``milestone`` ...), and the new value sits in the matching ``new_`` field. A change
names the whole item it replaces, never a part of it, so that what an amendment says
reads as what the contract will say, and a change can be checked alone; the one
exception is a target, named by its milestone and KPI, whose new values are the two
numbers ``new_target`` and ``new_threshold``.

The mission *as in force* at a date is the base plus the amendments effective by then,
applied in order ([`in_force`][vendorgov.in_force]).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Generator, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from vendorgov._model.contract import (
    Confidentiality,
    Contract,
    CustomClause,
    Fee,
    GoverningLaw,
    IpAssignment,
    Liability,
    PaymentTerms,
    Reporting,
    Termination,
)
from vendorgov._model.kickoff import Tool
from vendorgov._model.kpi import Kpi, Milestone, Target, key_problem, text_problem
from vendorgov._model.parties import Contact, Side
from vendorgov._model.specification import Activity
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail, ValidationError, join_path

if TYPE_CHECKING:
    from vendorgov._model.mission import Mission

__all__ = [
    "Amendment",
    "Change",
    "ChangeAction",
    "ChangeKind",
    "ClauseName",
    "Signatory",
    "amendment_problems",
    "applied",
    "in_force",
]


class ChangeAction(enum.StrEnum):
    """What a change does to the item it names.

    >>> ChangeAction("replace")
    <ChangeAction.REPLACE: 'replace'>
    """

    ADD = "add"
    REPLACE = "replace"
    REMOVE = "remove"


class ChangeKind(enum.StrEnum):
    """The kind of item a change is about (read from the fields it names).

    >>> ChangeKind("target")
    <ChangeKind.TARGET: 'target'>
    """

    FEE = "fee"
    ACTIVITY = "activity"
    KPI = "kpi"
    MILESTONE = "milestone"
    TARGET = "target"
    CLAUSE = "clause"
    CUSTOM_CLAUSE = "custom_clause"
    CONTACT = "contact"
    TOOL = "tool"


class ClauseName(enum.StrEnum):
    """A typed clause of the contract an amendment may replace or remove.

    >>> ClauseName("termination")
    <ClauseName.TERMINATION: 'termination'>
    """

    PAYMENT = "payment"
    REPORTING = "reporting"
    CONFIDENTIALITY = "confidentiality"
    IP = "ip"
    LIABILITY = "liability"
    TERMINATION = "termination"
    GOVERNING_LAW = "governing_law"
    WORK_METHODS = "work_methods"
    OBJECTIVES = "objectives"
    PLANNING = "planning"


_TEXT_CLAUSES = frozenset({ClauseName.WORK_METHODS, ClauseName.OBJECTIVES, ClauseName.PLANNING})

# The key field of each kind, and the field holding its new value.
_SUBJECTS: tuple[tuple[ChangeKind, str], ...] = (
    (ChangeKind.FEE, "fee"),
    (ChangeKind.ACTIVITY, "activity"),
    (ChangeKind.KPI, "kpi"),
    (ChangeKind.MILESTONE, "milestone"),
    (ChangeKind.CLAUSE, "clause"),
    (ChangeKind.CUSTOM_CLAUSE, "custom_clause"),
    (ChangeKind.CONTACT, "contact"),
    (ChangeKind.TOOL, "tool"),
)
_PAYLOADS = (
    "new_fee",
    "new_activity",
    "new_kpi",
    "new_milestone",
    "new_target",
    "new_threshold",
    "new_custom_clause",
    "new_contact",
    "new_tool",
    "new_payment",
    "new_reporting",
    "new_confidentiality",
    "new_ip",
    "new_liability",
    "new_termination",
    "new_governing_law",
    "new_text",
)


@attrs.frozen(kw_only=True)
class Signatory(Model):
    """A person who signed an amendment, for one side.

    >>> Signatory(name="Claire Martin", side=Side.CLIENT, title="Présidente").side
    <Side.CLIENT: 'client'>
    """

    name: str
    side: Side
    title: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad


@attrs.frozen(kw_only=True)
class Change(Model):
    """One change an amendment makes: add, replace or remove one item, named by its key.

    Name the item by the field of its kind — ``fee`` (a fee's label), ``activity``,
    ``kpi``, ``milestone`` (its name), ``clause`` (a typed contract clause),
    ``custom_clause`` (its title), ``contact`` or ``tool`` (their names) — and give the
    new value, for ``add`` and ``replace``, in the matching ``new_`` field (``new_fee``,
    ``new_kpi``, ``new_termination`` ...; ``new_text`` for the text clauses
    ``work_methods``, ``objectives`` and ``planning``). The new value carries the same
    key: a replacement does not rename (remove, then add). A *target* is named by both
    ``milestone`` and ``kpi`` and takes ``new_target`` and ``new_threshold``.

    >>> from decimal import Decimal
    >>> change = Change(action=ChangeAction.REPLACE, milestone="Fin d'année",
    ...                 kpi="on_time_shipping", new_target=Decimal("98.5"),
    ...                 new_threshold=Decimal("96.5"))
    >>> change.kind
    <ChangeKind.TARGET: 'target'>
    """

    action: ChangeAction
    fee: str | None = None
    activity: str | None = None
    kpi: str | None = None
    milestone: str | None = None
    clause: ClauseName | None = None
    custom_clause: str | None = None
    contact: str | None = None
    tool: str | None = None
    new_fee: Fee | None = None
    new_activity: Activity | None = None
    new_kpi: Kpi | None = None
    new_milestone: Milestone | None = None
    new_target: Decimal | None = None
    new_threshold: Decimal | None = None
    new_custom_clause: CustomClause | None = None
    new_contact: Contact | None = None
    new_tool: Tool | None = None
    new_payment: PaymentTerms | None = None
    new_reporting: Reporting | None = None
    new_confidentiality: Confidentiality | None = None
    new_ip: IpAssignment | None = None
    new_liability: Liability | None = None
    new_termination: Termination | None = None
    new_governing_law: GoverningLaw | None = None
    new_text: str | LocalizedText | None = None

    @property
    def kind(self) -> ChangeKind:
        """The kind of item changed (a milestone and a KPI together name a target)."""
        if self.milestone is not None and self.kpi is not None:
            return ChangeKind.TARGET
        for kind, field in _SUBJECTS:
            if getattr(self, field) is not None:
                return kind
        raise AssertionError("unreachable: a change names one item")  # pragma: no cover

    @property
    def key(self) -> str:
        """The key of the item changed (``milestone/kpi`` for a target)."""
        if self.kind is ChangeKind.TARGET:
            return f"{self.milestone}/{self.kpi}"
        value = getattr(self, self.kind.value)
        return str(value)

    def payload_field(self) -> tuple[str, ...]:
        """The ``new_`` fields a change of this kind takes."""
        kind = self.kind
        if kind is ChangeKind.TARGET:
            return ("new_target", "new_threshold")
        if kind is ChangeKind.CLAUSE:
            assert self.clause is not None
            if self.clause in _TEXT_CLAUSES:
                return ("new_text",)
            return (f"new_{self.clause.value}",)
        return (f"new_{kind.value}",)

    def new_value(self) -> Any:
        """The new value of a typed item (``None`` for a removal or a target)."""
        fields = self.payload_field()
        return getattr(self, fields[0]) if len(fields) == 1 else None

    def _problems(self) -> Iterator[ErrorDetail]:
        named = [field for _, field in _SUBJECTS if getattr(self, field) is not None]
        if named == ["kpi", "milestone"]:
            named = []  # a target
        elif len(named) != 1:
            listed = ", ".join(field for _, field in _SUBJECTS)
            yield problem(
                "action",
                "name exactly one item to change: one of "
                f"{listed} (or milestone and kpi for a target); got "
                f"{', '.join(named) or 'none'}",
            )
            return
        for field in ("kpi", "activity"):
            value = getattr(self, field)
            if value is not None:
                bad = key_problem(value, field)
                if bad is not None:
                    yield bad
        for field in ("fee", "milestone", "custom_clause", "contact", "tool"):
            value = getattr(self, field)
            if value is not None and not value.strip():
                yield problem(field, "must not be empty")
        wanted = set(self.payload_field())
        given = [field for field in _PAYLOADS if getattr(self, field) is not None]
        if self.action is ChangeAction.REMOVE:
            for field in given:
                yield problem(field, "a removal takes no new value")
            return
        for field in given:
            if field not in wanted:
                yield problem(
                    field, f"does not go with a change of {self.kind} (give {_or(wanted)})"
                )
        for field in sorted(wanted):
            if getattr(self, field) is None:
                yield problem(field, f"required to {self.action} a {self.kind}")
        if self.kind is ChangeKind.TARGET:
            if self.new_target is not None and self.new_target == self.new_threshold:
                yield problem("new_threshold", f"must differ from the target ({self.new_target})")
            return
        yield from self._same_key()

    def _same_key(self) -> Iterator[ErrorDetail]:
        new = self.new_value()
        if new is None or self.kind is ChangeKind.CLAUSE:
            return
        own: str | LocalizedText = {
            ChangeKind.FEE: lambda: new.label,
            ChangeKind.ACTIVITY: lambda: new.key,
            ChangeKind.KPI: lambda: new.key,
            ChangeKind.MILESTONE: lambda: new.name,
            ChangeKind.CUSTOM_CLAUSE: lambda: new.title,
            ChangeKind.CONTACT: lambda: new.name,
            ChangeKind.TOOL: lambda: new.name,
        }[self.kind]()
        if not _names(own, self.key):
            field = self.payload_field()[0]
            sub = {"new_fee": "label", "new_activity": "key", "new_kpi": "key"}.get(field)
            sub = sub or ("title" if field == "new_custom_clause" else "name")
            yield problem(
                f"{field}.{sub}",
                f"{excerpt(_text(own))} differs from the item named ({excerpt(self.key)}); "
                "to rename, remove the item and add the new one",
            )


@attrs.frozen(kw_only=True)
class Amendment(Model):
    """A numbered, signed amendment (*avenant*) to the mission's contract.

    It takes effect on ``effective`` (inclusive) and may not take effect before it was
    signed: an amendment changes what comes, never the past. Both sides sign.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> amendment = Amendment(
    ...     number=1, title="Relèvement des objectifs", signed_on=dt.date(2026, 9, 1),
    ...     effective=dt.date(2026, 9, 3),
    ...     signatories=(Signatory(name="Claire Martin", side=Side.CLIENT),
    ...                  Signatory(name="Paul Roux", side=Side.PROVIDER)),
    ...     changes=(Change(action=ChangeAction.REPLACE, milestone="Fin d'année",
    ...                     kpi="on_time_shipping", new_target=Decimal("98.5"),
    ...                     new_threshold=Decimal("96.5")),))
    >>> amendment.number, amendment.changes[0].kind.value
    (1, 'target')
    """

    number: int
    title: str | LocalizedText
    signed_on: dt.date
    effective: dt.date
    signatories: tuple[Signatory, ...]
    changes: tuple[Change, ...]
    summary: str | LocalizedText = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 1 <= self.number <= 9999:
            yield problem("number", f"must be between 1 and 9999, got {self.number}")
        bad = text_problem(self.title, "title")
        if bad is not None:
            yield bad
        if self.effective < self.signed_on:
            yield problem(
                "effective",
                f"{self.effective.isoformat()} is before the signature "
                f"({self.signed_on.isoformat()}): an amendment does not change the past",
            )
        for side in Side:
            if not any(signatory.side is side for signatory in self.signatories):
                yield problem("signatories", f"needs a signatory on the {side} side")
        if not self.changes:
            yield problem("changes", "an amendment changes at least one item")


# -- applying amendments --------------------------------------------------------------
def _names(value: str | LocalizedText, name: str) -> bool:
    if isinstance(value, str):
        return value == name
    return any(text == name for _, text in value.texts)


def _text(value: str | LocalizedText) -> str:
    return value if isinstance(value, str) else value.texts[0][1]


def _or(fields: set[str]) -> str:
    return " and ".join(sorted(fields))


_TERMS = ("activities", "kpis", "milestones", "contacts", "tools", "contract")


def _position(items: tuple[Any, ...], field: str, key: str) -> int | None:
    for index, item in enumerate(items):
        if _names(getattr(item, field), key):
            return index
    return None


def _apply(
    terms: dict[str, Any], start: dt.date, amendment: Amendment, path: str
) -> Iterator[ErrorDetail]:
    """Apply ``amendment`` to ``terms`` (the mission's amendable fields), in place.

    Yields the problems found, with their paths under ``path``; a change with a
    problem is skipped.
    """
    for c_index, change in enumerate(amendment.changes):
        at = f"{path}.changes[{c_index}]"
        yield from _apply_change(terms, start, amendment.effective, change, at)


def _apply_change(
    terms: dict[str, Any], start: dt.date, effective: dt.date, change: Change, at: str
) -> Iterator[ErrorDetail]:
    kind = change.kind
    if kind in (ChangeKind.FEE, ChangeKind.CLAUSE, ChangeKind.CUSTOM_CLAUSE):
        contract: Contract | None = terms["contract"]
        if contract is None:
            yield problem(join_path(at, kind.value), "the mission has no contract to amend")
            return
        if kind is ChangeKind.CLAUSE:
            assert change.clause is not None
            if change.action is ChangeAction.ADD and getattr(contract, change.clause.value):
                yield problem(
                    join_path(at, "clause"),
                    f"the contract already has a {change.clause} clause: replace it",
                )
                return
            value: Any = change.new_value()
            if change.action is ChangeAction.REMOVE:
                value = "" if change.clause in _TEXT_CLAUSES else None
                if change.clause is ClauseName.GOVERNING_LAW:
                    value = GoverningLaw()
            terms["contract"] = attrs.evolve(contract, **{change.clause.value: value})
            return
        field, items_name, key_field = (
            ("fee", "fees", "label")
            if kind is ChangeKind.FEE
            else ("custom_clause", "custom_clauses", "title")
        )
        items = getattr(contract, items_name)
        new_items = yield from _edit(items, key_field, change, join_path(at, field), kind.value)
        if new_items is not None:
            changed: dict[str, Any] = {items_name: new_items}
            terms["contract"] = attrs.evolve(contract, **changed)
        return
    if kind is ChangeKind.TARGET:
        yield from _apply_target(terms, start, effective, change, at)
        return
    items_name, key_field = {
        ChangeKind.ACTIVITY: ("activities", "key"),
        ChangeKind.KPI: ("kpis", "key"),
        ChangeKind.MILESTONE: ("milestones", "name"),
        ChangeKind.CONTACT: ("contacts", "name"),
        ChangeKind.TOOL: ("tools", "name"),
    }[kind]
    if kind is ChangeKind.MILESTONE:
        if change.action is not ChangeAction.REPLACE:
            yield problem(
                join_path(at, "action"),
                f"an amendment may not {change.action} a milestone: it changes a milestone's "
                "targets and description, the schedule stays the contract's",
            )
            return
        past = yield from _past_milestone(terms, start, effective, change, at)
        if past:
            return
        moved = yield from _moved_milestone(terms, start, change, at)
        if moved:
            return
    new_items = yield from _edit(
        terms[items_name], key_field, change, join_path(at, kind.value), kind.value
    )
    if new_items is not None:
        terms[items_name] = new_items


def _edit(
    items: tuple[Any, ...], key_field: str, change: Change, at: str, label: str
) -> Generator[ErrorDetail, None, tuple[Any, ...] | None]:
    """Add, replace or remove the item named by ``change``; the new tuple, or None."""
    key = change.key
    index = _position(items, key_field, key)
    if change.action is ChangeAction.ADD:
        if index is not None:
            yield problem(at, f"the mission already has a {label} {excerpt(key)}: replace it")
            return None
        return (*items, change.new_value())
    if index is None:
        known = ", ".join(sorted(_text(getattr(item, key_field)) for item in items)) or "none"
        yield problem(at, f"unknown {label} {excerpt(key)} (known: {known})")
        return None
    if change.action is ChangeAction.REMOVE:
        return (*items[:index], *items[index + 1 :])
    return (*items[:index], change.new_value(), *items[index + 1 :])


def _past_milestone(
    terms: dict[str, Any], start: dt.date, effective: dt.date, change: Change, at: str
) -> Generator[ErrorDetail, None, bool]:
    """Refuse a change to a milestone due before the amendment takes effect (True if so)."""
    milestones: tuple[Milestone, ...] = terms["milestones"]
    dues: list[tuple[str, Milestone]] = []
    if change.action is not ChangeAction.REMOVE and change.new_milestone is not None:
        dues.append(("new_milestone.horizon", change.new_milestone))
    assert change.milestone is not None
    index = _position(milestones, "name", change.milestone)
    if index is not None and change.action is not ChangeAction.ADD:
        dues.append(("milestone", milestones[index]))
    for field, milestone in dues:
        try:
            due = milestone.horizon.resolve(start)
        except (ValueError, OverflowError):
            continue  # reported when the amended mission is checked
        if due < effective:
            yield problem(
                join_path(at, field),
                f"the milestone {excerpt(_text(milestone.name))} falls due on "
                f"{due.isoformat()}, before the amendment takes effect "
                f"({effective.isoformat()}): an amendment does not change the past",
            )
            return True
    return False


def _moved_milestone(
    terms: dict[str, Any], start: dt.date, change: Change, at: str
) -> Generator[ErrorDetail, None, bool]:
    """Refuse a replacement that moves the milestone's due date (True if so)."""
    assert change.milestone is not None
    assert change.new_milestone is not None
    index = _position(terms["milestones"], "name", change.milestone)
    if index is None:
        return False  # reported as unknown
    try:
        before = terms["milestones"][index].horizon.resolve(start)
        after = change.new_milestone.horizon.resolve(start)
    except (ValueError, OverflowError):
        return False  # reported when the amended mission is checked
    if before != after:
        yield problem(
            join_path(at, "new_milestone.horizon"),
            f"moves the milestone from {before.isoformat()} to {after.isoformat()}: "
            "an amendment changes a milestone's targets, not its date",
        )
        return True
    return False


def _apply_target(
    terms: dict[str, Any], start: dt.date, effective: dt.date, change: Change, at: str
) -> Iterator[ErrorDetail]:
    milestones: tuple[Milestone, ...] = terms["milestones"]
    assert change.milestone is not None
    assert change.kpi is not None
    index = _position(milestones, "name", change.milestone)
    if index is None:
        known = ", ".join(_text(m.name) for m in milestones) or "none"
        yield problem(
            join_path(at, "milestone"),
            f"unknown milestone {excerpt(change.milestone)} (known: {known})",
        )
        return
    if not any(kpi.key == change.kpi for kpi in terms["kpis"]):
        known = ", ".join(sorted(kpi.key for kpi in terms["kpis"])) or "none"
        yield problem(join_path(at, "kpi"), f"unknown kpi {excerpt(change.kpi)} (known: {known})")
        return
    past = yield from _past_milestone(terms, start, effective, change, at)
    if past:
        return
    milestone = milestones[index]
    position = _position(milestone.targets, "kpi", change.kpi)
    targets = milestone.targets
    if change.action is ChangeAction.ADD:
        if position is not None:
            yield problem(
                join_path(at, "kpi"),
                f"the milestone already has a target for {excerpt(change.kpi)}: replace it",
            )
            return
        assert change.new_target is not None
        assert change.new_threshold is not None
        targets = (
            *targets,
            Target(kpi=change.kpi, target=change.new_target, threshold=change.new_threshold),
        )
    elif position is None:
        yield problem(
            join_path(at, "kpi"),
            f"the milestone {excerpt(change.milestone)} has no target for {excerpt(change.kpi)}",
        )
        return
    elif change.action is ChangeAction.REMOVE:
        targets = (*targets[:position], *targets[position + 1 :])
    else:
        assert change.new_target is not None
        assert change.new_threshold is not None
        new = Target(kpi=change.kpi, target=change.new_target, threshold=change.new_threshold)
        targets = (*targets[:position], new, *targets[position + 1 :])
    terms["milestones"] = (
        *milestones[:index],
        attrs.evolve(milestone, targets=targets),
        *milestones[index + 1 :],
    )


def amendment_problems(mission: Mission) -> Iterator[ErrorDetail]:
    """The problems of a mission's amendments (called by the mission's own checks).

    Numbers strictly increase, effective dates never go back, each takes effect
    within the contract (from its effective date, else the mission's start, to the
    mission's end), and the first applied to the mission gives a valid mission —
    whose own checks apply the next, and so on down the list.
    """
    amendments = mission.amendments
    if not amendments:
        return
    first_day = mission.contract.effective if mission.contract is not None else mission.start
    what = "contract" if mission.contract is not None else "mission"
    found = False
    for index, amendment in enumerate(amendments):
        path = f"amendments[{index}]"
        if index > 0:
            previous = amendments[index - 1]
            if amendment.number <= previous.number:
                found = True
                yield problem(
                    f"{path}.number",
                    f"{amendment.number} does not follow {previous.number} "
                    f"(amendments[{index - 1}]): numbers strictly increase",
                )
            if amendment.effective < previous.effective:
                found = True
                yield problem(
                    f"{path}.effective",
                    f"{amendment.effective.isoformat()} is before the previous amendment's "
                    f"({previous.effective.isoformat()}): list amendments in the order "
                    "they take effect",
                )
        if amendment.effective < first_day:
            found = True
            yield problem(
                f"{path}.effective",
                f"{amendment.effective.isoformat()} is before the {what} takes effect "
                f"({first_day.isoformat()})",
            )
        elif amendment.effective > mission.end:
            found = True
            yield problem(
                f"{path}.effective",
                f"{amendment.effective.isoformat()} is after the mission ends "
                f"({mission.end.isoformat()})",
            )
    if found:
        return
    terms = {name: getattr(mission, name) for name in _TERMS}
    problems = list(_apply(terms, mission.start, amendments[0], "amendments[0]"))
    if problems:
        yield from problems
        return
    try:
        attrs.evolve(mission, **terms, amendments=amendments[1:])
    except ValidationError as error:
        for detail in error.errors:
            yield _shifted(detail)


def _shifted(detail: ErrorDetail) -> ErrorDetail:
    """A problem of the mission amended by ``amendments[0]``, as a problem of the original."""
    path = detail.path
    if path.startswith("amendments["):
        closing = path.index("]")
        number = int(path[len("amendments[") : closing]) + 1
        return problem(f"amendments[{number}]{path[closing + 1 :]}", detail.message)
    where = f" at {path}" if path else ""
    return problem(
        "amendments[0]", f"the mission as amended would be invalid{where}: {detail.message}"
    )


def in_force(mission: Mission, on: dt.date) -> Mission:
    """The mission as in force on ``on``: the base plus the amendments effective by then.

    The amendments effective on or before ``on`` are applied in order and folded
    in; those still to come stay in ``amendments``, so that ``in_force`` of the
    result at a later date goes on from there. A mission without an amendment in
    force on ``on`` is returned as it is (no copy). What happened (measurements,
    reviews, spend...) is never changed.

    Args:
        mission: The mission, as loaded.
        on: The date (a date, not a datetime).

    Returns:
        A normal, immutable mission.

    Raises:
        ValidationError: When ``on`` is not a date.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> mission = examples.demo_mission("logistique")
    >>> before = in_force(mission, dt.date(2026, 9, 2))
    >>> after = in_force(mission, dt.date(2026, 9, 3))
    >>> before is mission, len(after.amendments)
    (True, 0)
    >>> str(after.milestones[2].target_for("on_time_shipping").target)
    '98.5'
    """
    if isinstance(on, dt.datetime) or not isinstance(on, dt.date):
        raise ValidationError([ErrorDetail("on", f"expected a date, got {on!r}")])
    amendments = mission.amendments
    count = 0
    while count < len(amendments) and amendments[count].effective <= on:
        count += 1
    return applied(mission, count)


def applied(mission: Mission, count: int) -> Mission:
    """The mission with its first ``count`` amendments folded in (the others stay on it)."""
    amendments = mission.amendments
    if not count:
        return mission
    terms = {name: getattr(mission, name) for name in _TERMS}
    for amendment in amendments[:count]:
        for _ in _apply(terms, mission.start, amendment, ""):
            raise AssertionError("unreachable: the mission checked its amendments")
    values = {field.name: getattr(mission, field.name) for field in attrs.fields(type(mission))}
    values.update(terms, amendments=amendments[count:])
    # The mission checked, when it was built, that these amendments give a valid mission.
    return type(mission)._unchecked(**values)
