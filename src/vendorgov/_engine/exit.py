"""The exit (reversibility): the checklist of a mission's end, derived from the
contract's exit plan, the tools and the integration steps.

The mission's last day is read in one place, :func:`_exit_date`: the real end
(`vendorgov.mission_end`: renewals, notice given). The checklist opens ``lead_days``
before it only when the mission is ending: a notice was given, no renewal may
follow, or the next renewal is express and was not decided.
"""

from __future__ import annotations

import datetime as dt

from vendorgov._engine import terms
from vendorgov._engine.incentives import check_date, check_mission, payouts
from vendorgov._engine.time import end_of_month
from vendorgov._model.exit import (
    DEFAULT_EXIT_LEAD_DAYS,
    ExitChecklist,
    ExitStep,
    ExitStepKind,
    ExitStepStatus,
)
from vendorgov._model.kickoff import IntegrationKind
from vendorgov._model.mission import Mission
from vendorgov._model.money import Money
from vendorgov._model.parties import Side

__all__ = ["DEFAULT_PAYMENT_DAYS", "exit_checklist"]

DEFAULT_PAYMENT_DAYS = 30
"""Payment term of the last invoice when the contract states none: 30 days after
the service, the French default (C. com. L441-10 I)."""


def _exit_date(mission: Mission, at: dt.date) -> dt.date:
    """The last day of the mission, as known at ``at`` (`vendorgov.mission_end`)."""
    return terms.mission_end(mission, at)


def _ending(mission: Mission, at: dt.date) -> bool:
    """Whether the term in force at ``at`` is the mission's last, as known then.

    A tacit renewal follows unless notice is given; an express one only when the
    renewal was decided.
    """
    following = terms.next_term(mission, at)
    if following is None:
        return True
    if following.tacit is not False:
        return False
    return not any(
        decision.renewal == following.number and decision.renewed and decision.decided_on <= at
        for decision in mission.renewal_decisions
    )


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, clamped to the dates Python can hold."""
    ordinal = min(max(day.toordinal() + days, 1), dt.date.max.toordinal())
    return dt.date.fromordinal(ordinal)


def exit_checklist(mission: Mission, at: dt.date) -> ExitChecklist:
    """The exit checklist of ``mission`` at ``at``: steps with owners and dates.

    With ``E`` the last day of the mission, the steps and their due dates are:

    - from the contract's exit plan (``contract.exit_plan``): each return
      (``returns[i]``, owner: the provider) on ``E + days_after_end``; the
      knowledge transfer (owner: the provider) on ``E - knowledge_transfer_days``
      when the plan describes one; the start of the parallel run (owner: the
      client) on ``E - parallel_run_days`` when it lasts at least a day; the last
      invoice (owner: the provider) on ``E + final_invoice_days``; the settlement
      (owner: the client) on the invoice's date plus the contract's payment term
      (``days``, to the end of that month when ``end_of_month``; 30 days without
      payment terms, C. com. L441-10 I);
    - from the tools: revoking each tool the provider was given access to
      (owner: the client) on ``E``, done on its ``access_revoked_on`` (a tool
      revoked before the checklist opens is not a step of the exit);
    - from the integration steps: closing each e-mail address given to the
      provider on the client's domain (owner: the client) on ``E``.

    A step is done when a record (``mission.exit_steps``, or the tool's
    revocation) dates it on or before ``at``; late when not done and due before
    ``at``; pending otherwise. Steps come by due date, then in the order above.
    The checklist is *open* from ``E - lead_days`` (the plan's ``lead_days``,
    else 90 days). Its payouts are those of [`payouts`][vendorgov.payouts] at
    ``min(at, E)``: the bonuses, credits and earn-backs the last invoice settles.

    Args:
        mission: The mission.
        at: The date of the checklist.

    Returns:
        The checklist.

    Raises:
        ValidationError: When ``mission`` is not a mission or ``at`` not a date.

    >>> import datetime as dt
    >>> from vendorgov import examples
    >>> checklist = exit_checklist(examples.demo_mission("site_web"), dt.date(2027, 5, 20))
    >>> checklist.end, checklist.open
    (datetime.date(2027, 5, 3), True)
    """
    mission = check_mission(mission)
    at = check_date(at)
    end = _exit_date(mission, at)
    contract = mission.contract
    plan = None if contract is None else contract.exit_plan
    done = {record.step: record.done_on for record in mission.exit_steps}
    client = mission.primary_contact(Side.CLIENT).name
    provider = mission.primary_contact(Side.PROVIDER).name
    names = {Side.CLIENT: client, Side.PROVIDER: provider}
    steps: list[ExitStep] = []

    def add(
        key: str,
        kind: ExitStepKind,
        owner: Side,
        due: dt.date,
        subject: str = "",
        formats: tuple[str, ...] = (),
        done_on: dt.date | None = None,
    ) -> None:
        if done_on is None:
            done_on = done.get(key)
        if done_on is not None and done_on > at:
            done_on = None  # recorded for a later date: not done yet at ``at``
        if done_on is not None:
            status = ExitStepStatus.DONE
        elif due < at:
            status = ExitStepStatus.LATE
        else:
            status = ExitStepStatus.PENDING
        steps.append(
            ExitStep(
                key=key,
                kind=kind,
                subject=subject,
                owner=owner,
                owner_name=names[owner],
                due=due,
                done_on=done_on,
                status=status,
                formats=formats,
            )
        )

    lead = DEFAULT_EXIT_LEAD_DAYS if plan is None else plan.lead_days
    opens = _shift(end, -lead)
    if plan is not None:
        if plan.knowledge_transfer.strip():
            add(
                "knowledge_transfer",
                ExitStepKind.KNOWLEDGE_TRANSFER,
                Side.PROVIDER,
                _shift(end, -plan.knowledge_transfer_days),
                plan.knowledge_transfer,
            )
        if plan.parallel_run_days > 0:
            add(
                "parallel_run",
                ExitStepKind.PARALLEL_RUN,
                Side.CLIENT,
                _shift(end, -plan.parallel_run_days),
            )
        for index, item in enumerate(plan.returns):
            add(
                f"returns[{index}]",
                ExitStepKind.RETURN,
                Side.PROVIDER,
                _shift(end, item.days_after_end),
                item.what,
                item.formats,
            )
    for index, tool in enumerate(mission.tools):
        revoked = tool.access_revoked_on
        if revoked is not None and revoked < opens:
            continue  # revoked long before the exit: not a step of it
        if tool.access_granted_on is not None and tool.access_granted_on <= at:
            add(
                f"tools[{index}]",
                ExitStepKind.REVOKE_TOOL,
                Side.CLIENT,
                end,
                tool.name,
                done_on=revoked,
            )
    for index, step in enumerate(mission.integration):
        opened = step.done_on is not None and step.done_on <= at
        if step.kind is IntegrationKind.EMAIL_ADDRESS and opened:
            add(
                f"integration[{index}]",
                ExitStepKind.CLOSE_ACCOUNT,
                Side.CLIENT,
                end,
                step.description,
            )
    if plan is not None:
        invoice = _shift(end, plan.final_invoice_days)
        add("final_invoice", ExitStepKind.FINAL_INVOICE, Side.PROVIDER, invoice)
        terms = None if contract is None else contract.payment
        settled = _shift(invoice, DEFAULT_PAYMENT_DAYS if terms is None else terms.days)
        if terms is not None and terms.end_of_month:
            settled = end_of_month(settled.year, settled.month)
        add("settlement", ExitStepKind.SETTLEMENT, Side.CLIENT, settled, plan.settlement)
    order = {id(step): position for position, step in enumerate(steps)}
    steps.sort(key=lambda step: (step.due, order[id(step)]))
    lines = payouts(mission, min(at, end))
    net: Money | None = None
    if lines:
        net = sum((line.amount for line in lines[1:]), lines[0].amount)
    return ExitChecklist(
        at=at,
        end=end,
        opens=opens,
        open=at >= opens and _ending(mission, at),
        steps=tuple(steps),
        payouts=tuple(lines),
        net=net,
    )
