"""Context builders: what each document's templates can use.

A context builder is a function ``(mission, options) -> dict`` that returns the
variables of one document. Every builder starts from `base_context` (the mission, the
parties, the contacts by side, the milestones with their dates, the KPI table) and adds
its own. Values are the model's own immutable objects plus small frozen *views* that
carry what a template would otherwise compute (a milestone's due date, the targets of a
KPI in milestone order). No float, no clock: dates come from the mission and ``at``.

The README next to this file lists every variable for template authors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from vendorgov._documents.environment import Placeholder, note_missing
from vendorgov._documents.labels import PHRASES
from vendorgov._model.kpi import Kpi, Milestone, Target
from vendorgov._model.mission import Mission
from vendorgov._model.money import Money
from vendorgov._model.parties import Contact, ContactRole, Side
from vendorgov._model.specification import Activity, ScheduleItem, Specification
from vendorgov._model.text import LocalizedText
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "KpiRow",
    "MilestoneView",
    "RenderOptions",
    "ScheduleRow",
    "base_context",
    "refuse_unless_draft",
    "specification_context",
]


@attrs.frozen(kw_only=True)
class RenderOptions:
    """The parameters of one render, as the context builders see them."""

    document: str
    lang: str
    format: str
    at: dt.date | None
    draft: bool
    number: int | None = None


@attrs.frozen(kw_only=True)
class MilestoneView:
    """A milestone and the date it falls on for this mission."""

    milestone: Milestone
    due: dt.date

    @property
    def name(self) -> str | LocalizedText:
        """The milestone's name (``M+1``, ``Fin d'année``)."""
        return self.milestone.name

    @property
    def horizon(self) -> Any:
        """Its horizon (print it with the ``horizon`` filter)."""
        return self.milestone.horizon

    @property
    def description(self) -> str | LocalizedText:
        """What the milestone stands for."""
        return self.milestone.description


@attrs.frozen(kw_only=True)
class ScheduleRow:
    """A step of the specification's schedule and the date it falls on."""

    item: ScheduleItem
    due: dt.date


@attrs.frozen(kw_only=True)
class KpiRow:
    """One KPI and its target at each milestone, in milestone order (``None``: no target)."""

    kpi: Kpi
    targets: tuple[Target | None, ...]


_ROLE_ORDER = {ContactRole.PRIMARY: 0, ContactRole.ESCALATION: 1, ContactRole.OTHER: 2}


def _contacts(mission: Mission, side: Side) -> tuple[Contact, ...]:
    on_side = [contact for contact in mission.contacts if contact.side is side]
    return tuple(sorted(on_side, key=lambda contact: _ROLE_ORDER[contact.role]))


def _first(mission: Mission, side: Side, role: ContactRole) -> Contact | None:
    for contact in mission.contacts:
        if contact.side is side and contact.role is role:
            return contact
    return None


def base_context(
    mission: Mission, options: RenderOptions, dues: Sequence[dt.date] | None = None
) -> dict[str, Any]:
    """The variables every document has.

    ``dues`` are the milestones' due dates when the caller has them from the engine
    already (the review report's); else they are resolved here.

    - ``mission``, ``client``, ``provider``: the mission and its parties.
    - ``lang``, ``format``, ``draft``, ``at``: the render parameters; ``phrases``: the
      machinery's fixed phrases in the language (``phrases.watermark``...).
    - ``contacts``: ``{"client": (...), "provider": (...)}``, primary first, then
      escalation, then the others; ``primary`` and ``escalation``: the one contact of that
      role on each side (``escalation`` values may be ``None``).
    - ``milestones``: `MilestoneView` objects in order; ``kpi_rows``: one `KpiRow` per
      KPI, in the mission's order.
    - ``activities_by_key``: the activities by key.
    """
    milestones = tuple(
        MilestoneView(milestone=milestone, due=due)
        for milestone, due in zip(
            mission.milestones, mission.milestone_dues() if dues is None else dues, strict=True
        )
    )
    kpi_rows = tuple(
        KpiRow(
            kpi=kpi,
            targets=tuple(view.milestone.target_for(kpi.key) for view in milestones),
        )
        for kpi in mission.kpis
    )
    return {
        "mission": mission,
        "client": mission.client,
        "provider": mission.provider,
        "lang": options.lang,
        "format": options.format,
        "draft": options.draft,
        "at": options.at,
        "phrases": PHRASES[options.lang],
        "contacts": {side.value: _contacts(mission, side) for side in Side},
        "primary": {side.value: mission.primary_contact(side) for side in Side},
        "escalation": {side.value: _first(mission, side, ContactRole.ESCALATION) for side in Side},
        "milestones": milestones,
        "kpi_rows": kpi_rows,
        "activities_by_key": {activity.key: activity for activity in mission.activities},
    }


def refuse_unless_draft(path: str, draft: bool, message: str = "") -> None:
    """Something the document cannot be written without is missing at ``path``.

    Raises in strict mode; in draft mode, records ``path`` as missing (the caller puts a
    placeholder in its place). The default message says the mission has no ``path``.

    Raises:
        ValidationError: When ``draft`` is false.
    """
    if not draft:
        message = message or (
            f"the mission has no {path} to render; add one, or render with draft=True "
            "to see what it needs"
        )
        raise ValidationError([ErrorDetail(path, message)])
    note_missing(path)


def _budget_total(activities: tuple[Activity, ...], currency: str) -> Money | None:
    budgets = [activity.budget for activity in activities if activity.budget is not None]
    if not budgets:
        return None
    return sum(budgets, Money.zero(currency))


def specification_context(mission: Mission, options: RenderOptions) -> dict[str, Any]:
    """The variables of the specification (*cahier des charges*).

    Adds to `base_context`:

    - ``spec``: the mission's [`Specification`][vendorgov.Specification]. A mission
      without one is refused (path ``specification``) unless in draft mode, where
      ``spec`` is a placeholder and every section shows what to fill in.
    - ``schedule``: the schedule's steps as `ScheduleRow` objects, in date order.
    - ``budget_total``: the sum of the activities' budgets (``None`` when none has one).

    Raises:
        ValidationError: When the mission has no specification and ``draft`` is false.
    """
    context = base_context(mission, options)
    spec: Any = mission.specification
    if spec is None:
        refuse_unless_draft("specification", options.draft)
        spec = Placeholder("specification", options.lang)
    context["spec"] = spec
    if isinstance(spec, Specification):
        rows = (
            ScheduleRow(item=item, due=item.due.resolve(mission.start)) for item in spec.schedule
        )
        context["schedule"] = tuple(sorted(rows, key=lambda row: row.due))
    else:
        context["schedule"] = spec.schedule
    context["budget_total"] = _budget_total(mission.activities, mission.currency)
    return context
