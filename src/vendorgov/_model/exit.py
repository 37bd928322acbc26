"""The exit (reversibility): the contract's exit plan, the steps recorded as done,
and the checklist the engine derives from them."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator

import attrs

from vendorgov._model.kpi import text_problem
from vendorgov._model.money import Money
from vendorgov._model.parties import Side
from vendorgov._model.results import Payout
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "DEFAULT_EXIT_LEAD_DAYS",
    "STEP_KEY",
    "ExitChecklist",
    "ExitPlan",
    "ExitRecord",
    "ExitReturn",
    "ExitStep",
    "ExitStepKind",
    "ExitStepStatus",
]

DEFAULT_EXIT_LEAD_DAYS = 90
"""Days before the end from which the exit checklist is open, when the plan says nothing."""

STEP_KEY = re.compile(
    r"returns\[(0|[1-9][0-9]{0,3})\]|integration\[(0|[1-9][0-9]{0,3})\]"
    r"|knowledge_transfer|parallel_run|final_invoice|settlement"
)


@attrs.frozen(kw_only=True)
class ExitReturn(Model):
    """Data or documents the provider returns at the end, in which formats, by when.

    ``days_after_end`` counts from the last day of the mission: ``15`` is fifteen
    days after it, ``-10`` ten days before it, ``0`` the last day itself.

    >>> ExitReturn(what="Code source du thème", formats=("dépôt Git",), days_after_end=0).what
    'Code source du thème'
    """

    what: str
    formats: tuple[str, ...] = ()
    days_after_end: int = 0

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.what, "what")
        if bad is not None:
            yield bad
        if not -3650 <= self.days_after_end <= 3650:
            yield problem(
                "days_after_end", f"must be between -3650 and 3650, got {self.days_after_end}"
            )


@attrs.frozen(kw_only=True)
class ExitPlan(Model):
    """The contract's exit plan (*plan de réversibilité*).

    Attributes:
        returns: The data and documents returned, with formats and dates.
        knowledge_transfer: What the provider passes on to the client or the next provider.
        knowledge_transfer_days: Days before the end by which the transfer is done.
        parallel_run_days: Days before the end during which the old and the new set-up
            run side by side (0: no parallel run).
        final_invoice_days: Days after the end by which the provider sends the last invoice.
        settlement: How the accounts are closed (bonuses, credits, deposits).
        lead_days: Days before the end from which the exit checklist is open.

    >>> ExitPlan(parallel_run_days=30, final_invoice_days=15).lead_days
    90
    """

    returns: tuple[ExitReturn, ...] = ()
    knowledge_transfer: str = ""
    knowledge_transfer_days: int = 0
    parallel_run_days: int = 0
    final_invoice_days: int = 30
    settlement: str = ""
    lead_days: int = DEFAULT_EXIT_LEAD_DAYS

    def _problems(self) -> Iterator[ErrorDetail]:
        for name in (
            "knowledge_transfer_days",
            "parallel_run_days",
            "final_invoice_days",
            "lead_days",
        ):
            value = getattr(self, name)
            if not 0 <= value <= 3650:
                yield problem(name, f"must be between 0 and 3650, got {value}")


@attrs.frozen(kw_only=True)
class ExitRecord(Model):
    """An exit step recorded as done.

    ``step`` names the step: ``returns[0]`` (the first return of the plan),
    ``knowledge_transfer``, ``parallel_run``, ``final_invoice``, ``settlement``, or
    ``integration[2]`` (closing what the integration step 2 opened, such as the
    provider's e-mail address on the client's domain). A tool's revocation is
    recorded on the tool itself (``access_revoked_on``).

    >>> import datetime as dt
    >>> ExitRecord(step="returns[0]", done_on=dt.date(2027, 5, 3)).step
    'returns[0]'
    """

    step: str
    done_on: dt.date
    note: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if not isinstance(self.step, str) or not STEP_KEY.fullmatch(self.step):
            yield problem(
                "step",
                "expected returns[i], integration[i], knowledge_transfer, parallel_run, "
                f"final_invoice or settlement, got {excerpt(str(self.step))}",
            )


class ExitStepKind(enum.StrEnum):
    """The kinds of steps of an exit checklist.

    >>> ExitStepKind("revoke_tool")
    <ExitStepKind.REVOKE_TOOL: 'revoke_tool'>
    """

    KNOWLEDGE_TRANSFER = "knowledge_transfer"
    PARALLEL_RUN = "parallel_run"
    RETURN = "return"
    REVOKE_TOOL = "revoke_tool"
    CLOSE_ACCOUNT = "close_account"
    FINAL_INVOICE = "final_invoice"
    SETTLEMENT = "settlement"


class ExitStepStatus(enum.StrEnum):
    """Where an exit step stands at a date.

    >>> ExitStepStatus("late")
    <ExitStepStatus.LATE: 'late'>
    """

    DONE = "done"
    PENDING = "pending"
    LATE = "late"


@attrs.frozen(kw_only=True)
class ExitStep(Model):
    """One step of the exit checklist, with its owner and its due date.

    Attributes:
        key: Where the step comes from (``returns[0]``, ``tools[2]``, ``integration[1]``,
            ``knowledge_transfer``...); an [`ExitRecord`][vendorgov.ExitRecord] names it.
        kind: What the step does.
        subject: What it is about (the data returned, the tool, the integration step);
            empty for the plan's single steps.
        owner: The side that does it.
        owner_name: That side's primary contact at the due date.
        due: The date it is due.
        done_on: The date it was done (``None``: not yet, at the checklist's date).
        status: Done, pending, or late (not done and due before the checklist's date).
        formats: For a return, the formats.

    >>> import datetime as dt
    >>> step = ExitStep(key="final_invoice", kind=ExitStepKind.FINAL_INVOICE, subject="",
    ...                 owner=Side.PROVIDER, owner_name="Sarah Lambert",
    ...                 due=dt.date(2027, 6, 2), done_on=None, status=ExitStepStatus.PENDING)
    >>> step.status
    <ExitStepStatus.PENDING: 'pending'>
    """

    key: str
    kind: ExitStepKind
    subject: str
    owner: Side
    owner_name: str
    due: dt.date
    done_on: dt.date | None = None
    status: ExitStepStatus
    formats: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ExitChecklist(Model):
    """The exit checklist of a mission at a date (see [`exit_checklist`][vendorgov.exit_checklist]).

    Attributes:
        at: The date of the checklist.
        end: The last day of the mission.
        opens: The date the checklist opens (``end - lead_days``).
        open: Whether it is open at ``at``.
        steps: The steps, by due date then key.
        payouts: The bonuses, credits and earn-backs settled by ``min(at, end)``.
        net: Their sum (what the client owes the provider; ``None`` without lines).

    >>> import datetime as dt
    >>> ExitChecklist(at=dt.date(2027, 5, 20), end=dt.date(2027, 5, 3),
    ...               opens=dt.date(2027, 2, 2), open=True, steps=()).late
    ()
    """

    at: dt.date
    end: dt.date
    opens: dt.date
    open: bool
    steps: tuple[ExitStep, ...]
    payouts: tuple[Payout, ...] = ()
    net: Money | None = None

    @property
    def late(self) -> tuple[ExitStep, ...]:
        """The late steps."""
        return tuple(step for step in self.steps if step.status is ExitStepStatus.LATE)
