"""A hand-written JSON loader for missions — the floor of the benchmark.

Plain functions turn the parsed dicts into vendorgov values by calling the
vendorgov constructors directly (no cattrs), so the same construction-time
validation runs (field types, each class's invariants, the mission's
cross-checks). What it adds on top is only what a loader must do: refuse
unknown keys, turn ISO strings into dates, number strings into ``Decimal`` and
values into enumeration members.

It covers every field of the types the generated portfolio holds; a document
using other parts of the model (specification, kickoff, incentives...) is
refused with ``NotImplementedError``. Errors are whatever the constructors or
the conversions raise: no paths, no collection of every problem. That is what
makes it a floor, not a replacement for ``vendorgov.loads``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from decimal import Decimal
from typing import Any

import attrs

from vendorgov import (
    ActionStatus,
    Activity,
    ActivityKind,
    Address,
    Aggregation,
    BillingPeriod,
    Cadence,
    Contact,
    ContactRole,
    Contract,
    CorrectiveAction,
    Direction,
    Fee,
    FeeKind,
    Frequency,
    Horizon,
    Kpi,
    Measurement,
    Milestone,
    Mission,
    Money,
    Party,
    PaymentTerms,
    Reporting,
    Review,
    ReviewKind,
    Side,
    SpendEntry,
    Target,
    Weekday,
)

__all__ = ["load_mission", "loads_mission"]

_date = dt.date.fromisoformat


def _allowed(cls: type) -> frozenset[str]:
    return frozenset(field.name for field in attrs.fields(cls))


def _keys(data: dict[str, Any], allowed: frozenset[str], cls: type) -> None:
    if not allowed.issuperset(data):
        raise ValueError(f"unknown keys for {cls.__name__}: {sorted(set(data) - allowed)}")


def _unsupported(data: dict[str, Any], names: tuple[str, ...], cls: type) -> None:
    for name in names:
        if name in data:
            raise NotImplementedError(f"the hand loader does not read {cls.__name__}.{name}")


def _decimal(value: Any) -> Decimal:
    return Decimal(value) if type(value) is str or type(value) is int else value


def _members(cls: type[enum.Enum]) -> dict[Any, Any]:
    return {member.value: member for member in cls}


_SIDE = _members(Side)
_ROLE = _members(ContactRole)
_ACTIVITY_KIND = _members(ActivityKind)
_FREQUENCY = _members(Frequency)
_WEEKDAY = _members(Weekday)
_FEE_KIND = _members(FeeKind)
_PERIOD = _members(BillingPeriod)
_DIRECTION = _members(Direction)
_AGGREGATION = _members(Aggregation)
_ACTION_STATUS = _members(ActionStatus)
_REVIEW_KIND = _members(ReviewKind)


# -- leaves -----------------------------------------------------------------------------
_MONEY = _allowed(Money)


def money(data: dict[str, Any]) -> Money:
    _keys(data, _MONEY, Money)
    return Money(_decimal(data["amount"]), data["currency"])


_ADDRESS = _allowed(Address)


def address(data: dict[str, Any]) -> Address:
    _keys(data, _ADDRESS, Address)
    return Address(**data)


_PARTY = _allowed(Party)


def party(data: dict[str, Any]) -> Party:
    _keys(data, _PARTY, Party)
    fields = dict(data)
    if "address" in fields:
        fields["address"] = address(fields["address"])
    return Party(**fields)


_CONTACT = _allowed(Contact)


def contact(data: dict[str, Any]) -> Contact:
    _keys(data, _CONTACT, Contact)
    fields = dict(data)
    fields["side"] = _SIDE[fields["side"]]
    if "role" in fields:
        fields["role"] = _ROLE[fields["role"]]
    return Contact(**fields)


# -- specification and contract -------------------------------------------------------------
_ACTIVITY = _allowed(Activity)


def activity(data: dict[str, Any]) -> Activity:
    _keys(data, _ACTIVITY, Activity)
    fields = dict(data)
    fields["kind"] = _ACTIVITY_KIND[fields["kind"]]
    if "expected_results" in fields:
        fields["expected_results"] = tuple(fields["expected_results"])
    if "budget" in fields:
        fields["budget"] = money(fields["budget"])
    return Activity(**fields)


_CADENCE = _allowed(Cadence)


def cadence(data: dict[str, Any]) -> Cadence:
    _keys(data, _CADENCE, Cadence)
    fields = dict(data)
    fields["frequency"] = _FREQUENCY[fields["frequency"]]
    if "weekday" in fields:
        fields["weekday"] = _WEEKDAY[fields["weekday"]]
    if "time" in fields:
        fields["time"] = dt.time.fromisoformat(fields["time"])
    return Cadence(**fields)


_FEE = _allowed(Fee)


def fee(data: dict[str, Any]) -> Fee:
    _keys(data, _FEE, Fee)
    fields = dict(data)
    fields["kind"] = _FEE_KIND[fields["kind"]]
    fields["amount"] = money(fields["amount"])
    if "period" in fields:
        fields["period"] = _PERIOD[fields["period"]]
    if "estimated_quantity" in fields:
        fields["estimated_quantity"] = _decimal(fields["estimated_quantity"])
    return Fee(**fields)


_PAYMENT = _allowed(PaymentTerms)


def payment_terms(data: dict[str, Any]) -> PaymentTerms:
    _keys(data, _PAYMENT, PaymentTerms)
    fields = dict(data)
    if "late_penalty_rate" in fields:
        fields["late_penalty_rate"] = _decimal(fields["late_penalty_rate"])
    if "recovery_indemnity" in fields:
        fields["recovery_indemnity"] = money(fields["recovery_indemnity"])
    return PaymentTerms(**fields)


_REPORTING = _allowed(Reporting)


def reporting(data: dict[str, Any]) -> Reporting:
    _keys(data, _REPORTING, Reporting)
    fields = dict(data)
    fields["cadence"] = cadence(fields["cadence"])
    if "recipients" in fields:
        fields["recipients"] = tuple(fields["recipients"])
    return Reporting(**fields)


_CONTRACT = _allowed(Contract)
_CONTRACT_UNSUPPORTED = (
    "renewal",
    "confidentiality",
    "ip",
    "liability",
    "termination",
    "governing_law",
    "custom_clauses",
)


def contract(data: dict[str, Any]) -> Contract:
    _keys(data, _CONTRACT, Contract)
    _unsupported(data, _CONTRACT_UNSUPPORTED, Contract)
    fields = dict(data)
    fields["effective"] = _date(fields["effective"])
    for name in ("signed_on", "end"):
        if name in fields:
            fields[name] = _date(fields[name])
    if "fees" in fields:
        fields["fees"] = tuple([fee(item) for item in fields["fees"]])
    if "payment" in fields:
        fields["payment"] = payment_terms(fields["payment"])
    if "reporting" in fields:
        fields["reporting"] = reporting(fields["reporting"])
    return Contract(**fields)


# -- KPIs -------------------------------------------------------------------------------------
_KPI = _allowed(Kpi)


def kpi(data: dict[str, Any]) -> Kpi:
    _keys(data, _KPI, Kpi)
    fields = dict(data)
    fields["direction"] = _DIRECTION[fields["direction"]]
    if "aggregation" in fields:
        fields["aggregation"] = _AGGREGATION[fields["aggregation"]]
    if "weight" in fields:
        fields["weight"] = _decimal(fields["weight"])
    return Kpi(**fields)


_TARGET = _allowed(Target)


def target(data: dict[str, Any]) -> Target:
    _keys(data, _TARGET, Target)
    return Target(
        kpi=data["kpi"], target=_decimal(data["target"]), threshold=_decimal(data["threshold"])
    )


_MILESTONE = _allowed(Milestone)


def milestone(data: dict[str, Any]) -> Milestone:
    _keys(data, _MILESTONE, Milestone)
    fields = dict(data)
    fields["horizon"] = Horizon.parse(fields["horizon"])
    if "targets" in fields:
        fields["targets"] = tuple([target(item) for item in fields["targets"]])
    return Milestone(**fields)


_MEASUREMENT = _allowed(Measurement)


def measurement(data: dict[str, Any]) -> Measurement:
    _keys(data, _MEASUREMENT, Measurement)
    fields = dict(data)
    fields["value"] = _decimal(fields["value"])
    at = fields["at"]
    fields["at"] = dt.datetime.fromisoformat(at) if len(at) > 10 else _date(at)
    return Measurement(**fields)


# -- reviews, spend ---------------------------------------------------------------------------
_ACTION = _allowed(CorrectiveAction)


def corrective_action(data: dict[str, Any]) -> CorrectiveAction:
    _keys(data, _ACTION, CorrectiveAction)
    fields = dict(data)
    fields["due"] = _date(fields["due"])
    if "status" in fields:
        fields["status"] = _ACTION_STATUS[fields["status"]]
    if "closed_on" in fields:
        fields["closed_on"] = _date(fields["closed_on"])
    return CorrectiveAction(**fields)


_REVIEW = _allowed(Review)


def review(data: dict[str, Any]) -> Review:
    _keys(data, _REVIEW, Review)
    _unsupported(data, ("scorecard", "needs", "ideas", "recognitions"), Review)
    fields = dict(data)
    fields["on"] = _date(fields["on"])
    fields["kind"] = _REVIEW_KIND[fields["kind"]]
    for name in ("attendees", "obstacles", "decisions"):
        if name in fields:
            fields[name] = tuple(fields[name])
    if "corrective_actions" in fields:
        fields["corrective_actions"] = tuple(
            [corrective_action(item) for item in fields["corrective_actions"]]
        )
    return Review(**fields)


_SPEND = _allowed(SpendEntry)


def spend_entry(data: dict[str, Any]) -> SpendEntry:
    _keys(data, _SPEND, SpendEntry)
    fields = dict(data)
    fields["on"] = _date(fields["on"])
    fields["amount"] = money(fields["amount"])
    return SpendEntry(**fields)


# -- the mission --------------------------------------------------------------------------------
_MISSION = _allowed(Mission)
_MISSION_UNSUPPORTED = (
    "specification",
    "handovers",
    "tools",
    "kickoff",
    "integration",
    "bands",
    "reports",
    "value_entries",
    "bonus",
    "service_credits",
    "benefits",
    "recognitions",
    "compliance_documents",
)


def load_mission(document: dict[str, Any]) -> Mission:
    """A mission from a parsed document (``schema_version`` + the mission's fields)."""
    fields = dict(document)
    if fields.pop("schema_version", None) != 1:
        raise ValueError("schema_version must be 1")
    _keys(fields, _MISSION, Mission)
    _unsupported(fields, _MISSION_UNSUPPORTED, Mission)
    fields["client"] = party(fields["client"])
    fields["provider"] = party(fields["provider"])
    fields["start"] = _date(fields["start"])
    fields["end"] = _date(fields["end"])
    fields["contacts"] = tuple([contact(item) for item in fields["contacts"]])
    if "activities" in fields:
        fields["activities"] = tuple([activity(item) for item in fields["activities"]])
    if "contract" in fields:
        fields["contract"] = contract(fields["contract"])
    if "kpis" in fields:
        fields["kpis"] = tuple([kpi(item) for item in fields["kpis"]])
    if "milestones" in fields:
        fields["milestones"] = tuple([milestone(item) for item in fields["milestones"]])
    if "review_cadence" in fields:
        fields["review_cadence"] = cadence(fields["review_cadence"])
    if "reviews" in fields:
        fields["reviews"] = tuple([review(item) for item in fields["reviews"]])
    if "measurements" in fields:
        fields["measurements"] = tuple([measurement(item) for item in fields["measurements"]])
    if "spend" in fields:
        fields["spend"] = tuple([spend_entry(item) for item in fields["spend"]])
    return Mission(**fields)


def loads_mission(text: str) -> Mission:
    """Parse (exactly: numbers as ``Decimal``) and load one mission document."""
    return load_mission(json.loads(text, parse_float=Decimal))
