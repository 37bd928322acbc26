"""The exit document (*plan de sortie*): the contract's exit plan, the exit checklist
with its owners and dates, and the final bonuses and credits.

The engine decides (`vendorgov._engine.exit.exit_checklist`, `payouts`); this module
only arranges what the templates print.
"""

from __future__ import annotations

from typing import Any

import attrs

from vendorgov._describe import describe
from vendorgov._documents.contexts import RenderOptions, base_context
from vendorgov._engine.exit import exit_checklist
from vendorgov._engine.incentives import payout_totals
from vendorgov._model.mission import Mission
from vendorgov._model.results import Payout

__all__ = ["PayoutRow", "exit_context"]


@attrs.frozen(kw_only=True)
class PayoutRow:
    """A final payout line and its rule in words."""

    line: Payout
    rule: str


def exit_context(mission: Mission, options: RenderOptions) -> dict[str, Any]:
    """The variables of the exit document.

    Adds to `base_context`:

    - ``checklist``: the [`ExitChecklist`][vendorgov.ExitChecklist] at ``at`` (at the
      mission's last day when ``at`` is ``None``: the document reads no clock).
    - ``plan``: the contract's [`ExitPlan`][vendorgov.ExitPlan], or ``None``.
    - ``issued``: the checklist's date.
    - ``payouts``: `PayoutRow` objects; ``payout_totals``: the total of each category
      present; ``payout_net``: their sum (``None`` without lines).
    - ``late_count``: the number of late steps.
    """
    context = base_context(mission, options)
    at = options.at if options.at is not None else mission.end
    checklist = exit_checklist(mission, at)
    plan = None if mission.contract is None else mission.contract.exit_plan
    rows = tuple(
        PayoutRow(line=line, rule=describe(line, options.lang)) for line in checklist.payouts
    )
    context.update(
        checklist=checklist,
        plan=plan,
        issued=at,
        payouts=rows,
        payout_totals=payout_totals(checklist.payouts),
        payout_net=checklist.net,
        late_count=len(checklist.late),
    )
    return context
