"""The outsourced activities and the specification (*cahier des charges*)."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

import attrs

from vendorgov._model.kpi import Horizon, key_problem, text_problem
from vendorgov._model.money import Money
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "Activity",
    "ActivityKind",
    "Deliverable",
    "PlannedSpend",
    "ScheduleItem",
    "Specification",
]

_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


class ActivityKind(enum.StrEnum):
    """The kinds of work an online shop outsources.

    >>> ActivityKind("logistics")
    <ActivityKind.LOGISTICS: 'logistics'>
    """

    LOGISTICS = "logistics"
    COMMUNITY = "community"
    WEBSITE = "website"
    CUSTOMER_SERVICE = "customer_service"
    CONTENT = "content"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class PlannedSpend(Model):
    """The spend planned for an activity in one calendar month (``month`` as ``YYYY-MM``).

    >>> from decimal import Decimal
    >>> PlannedSpend(month="2026-05", amount=Money(Decimal("5400"), "EUR")).month
    '2026-05'
    """

    month: str
    amount: Money

    def _problems(self) -> Iterator[ErrorDetail]:
        if not _MONTH.fullmatch(self.month):
            yield problem(
                "month", f"write a month as YYYY-MM ('2026-05'), got {excerpt(self.month)}"
            )
        if self.amount.amount < 0:
            yield problem("amount.amount", "must not be negative")


@attrs.frozen(kw_only=True)
class Activity(Model):
    """An outsourced activity, its expected results and its budget.

    >>> from decimal import Decimal
    >>> Activity(key="fulfilment", kind=ActivityKind.LOGISTICS, name="Préparation",
    ...          budget=Money(Decimal("42000"), "EUR")).budget.currency
    'EUR'
    """

    key: str
    kind: ActivityKind
    name: str | LocalizedText
    description: str | LocalizedText = ""
    expected_results: tuple[str | LocalizedText, ...] = ()
    budget: Money | None = None
    plan: tuple[PlannedSpend, ...] = ()

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (key_problem(self.key, "key"), text_problem(self.name, "name")):
            if bad is not None:
                yield bad
        if self.budget is not None and self.budget.amount < 0:
            yield problem("budget.amount", "must not be negative")
        if not self.plan:
            return
        if self.budget is None:
            yield problem("plan", "a plan needs the activity's budget")
            return
        seen: set[str] = set()
        total = self.budget.amount * 0
        for index, entry in enumerate(self.plan):
            if entry.month in seen:
                yield problem(f"plan[{index}].month", f"duplicate month {excerpt(entry.month)}")
            seen.add(entry.month)
            if entry.amount.currency != self.budget.currency:
                yield problem(
                    f"plan[{index}].amount.currency",
                    f"is {entry.amount.currency} but the budget is in {self.budget.currency}",
                )
                return
            total += entry.amount.amount
        if total > self.budget.amount:
            yield problem(
                "plan",
                f"plans {total} {self.budget.currency}, more than the budget of {self.budget}",
            )


@attrs.frozen(kw_only=True)
class Deliverable(Model):
    """Something the provider hands over, and how it will be accepted.

    ``works`` says the deliverable is a work of authorship (a website, texts,
    photos, videos, a design): its rights pass to the client only through an
    assignment clause (``contract.ip``, CPI L131-3).

    >>> Deliverable(key="wms_setup", name="WMS paramétré",
    ...             acceptance_criteria=("Stock importé à 100 %",)).due is None
    True
    """

    key: str
    name: str | LocalizedText
    description: str | LocalizedText = ""
    due: Horizon | None = None
    activity: str | None = None
    acceptance_criteria: tuple[str | LocalizedText, ...] = ()
    works: bool = False

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (key_problem(self.key, "key"), text_problem(self.name, "name")):
            if bad is not None:
                yield bad


@attrs.frozen(kw_only=True)
class ScheduleItem(Model):
    """A step of the specification's schedule.

    >>> ScheduleItem(name="Go-live", due=Horizon.parse("W+6")).due.count
    6
    """

    name: str | LocalizedText
    due: Horizon
    description: str | LocalizedText = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.name, "name")
        if bad is not None:
            yield bad


@attrs.frozen(kw_only=True)
class Specification(Model):
    """The *cahier des charges*: what the provider must do and how it is judged.

    The budget per activity lives on each [`Activity`][vendorgov.Activity]; the KPIs and their
    tiered targets on the mission.

    >>> Specification(title="Logistique e-commerce", context="Boutique en ligne",
    ...               objectives=("Expédier en 24 h",)).scope_in
    ()
    """

    title: str | LocalizedText
    context: str | LocalizedText = ""
    objectives: tuple[str | LocalizedText, ...] = ()
    scope_in: tuple[str | LocalizedText, ...] = ()
    scope_out: tuple[str | LocalizedText, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    constraints: tuple[str | LocalizedText, ...] = ()
    schedule: tuple[ScheduleItem, ...] = ()
    evaluation_criteria: tuple[str | LocalizedText, ...] = ()

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.title, "title")
        if bad is not None:
            yield bad
        seen: set[str] = set()
        for index, deliverable in enumerate(self.deliverables):
            if deliverable.key in seen:
                yield problem(
                    f"deliverables[{index}].key", f"duplicate key {excerpt(deliverable.key)}"
                )
            seen.add(deliverable.key)
