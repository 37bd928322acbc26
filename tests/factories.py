"""Small, valid vendorgov values built in code, so tests do not depend on demo data.

Each factory returns a valid value; keyword arguments replace fields, so a test
changes exactly the one thing it is about.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from vendorgov import (
    ActionStatus,
    Activity,
    ActivityKind,
    BillingPeriod,
    BonusScheme,
    BonusTier,
    Contact,
    ContactRole,
    Contest,
    Contract,
    CorrectiveAction,
    Direction,
    Evaluation,
    Fee,
    FeeKind,
    Horizon,
    Kickoff,
    Kpi,
    Measurement,
    Milestone,
    Mission,
    Money,
    Party,
    Recognition,
    RecognitionKind,
    Review,
    ReviewKind,
    Scale,
    Side,
    SpendEntry,
    Target,
    Tool,
    ToolCategory,
)

START = dt.date(2027, 3, 15)
END = dt.date(2028, 3, 14)
PARIS = dt.timezone(dt.timedelta(hours=1))


def eur(amount: str) -> Money:
    """``eur("12.50")`` → 12.50 EUR."""
    return Money(Decimal(amount), "EUR")


def client_primary(**changes: Any) -> Contact:
    fields: dict[str, Any] = {
        "name": "Claire Martin",
        "side": Side.CLIENT,
        "role": ContactRole.PRIMARY,
        "email": "claire@boutique.fr",
    }
    return Contact(**(fields | changes))


def provider_primary(**changes: Any) -> Contact:
    fields: dict[str, Any] = {
        "name": "Paul Roux",
        "side": Side.PROVIDER,
        "role": ContactRole.PRIMARY,
    }
    return Contact(**(fields | changes))


def contacts() -> tuple[Contact, ...]:
    return (client_primary(), provider_primary())


def shipping_kpi(**changes: Any) -> Kpi:
    """Higher is better."""
    fields: dict[str, Any] = {
        "key": "on_time_shipping",
        "name": "On-time shipping",
        "unit": "%",
        "direction": Direction.HIGHER,
        "weight": Decimal(2),
    }
    return Kpi(**(fields | changes))


def damage_kpi(**changes: Any) -> Kpi:
    """Lower is better."""
    fields: dict[str, Any] = {
        "key": "damage_rate",
        "name": "Damage rate",
        "unit": "%",
        "direction": Direction.LOWER,
    }
    return Kpi(**(fields | changes))


def target(kpi: str, target: str, threshold: str) -> Target:
    return Target(kpi=kpi, target=Decimal(target), threshold=Decimal(threshold))


def milestones() -> tuple[Milestone, ...]:
    """M+1 (2027-04-15), M+6 (2027-09-15) and EOY (2027-12-31) from START."""
    return (
        Milestone(
            name="M+1",
            horizon=Horizon.parse("M+1"),
            targets=(target("on_time_shipping", "95", "90"), target("damage_rate", "1.0", "2.0")),
        ),
        Milestone(
            name="M+6",
            horizon=Horizon.parse("M+6"),
            targets=(target("on_time_shipping", "98", "95"), target("damage_rate", "0.5", "1.0")),
        ),
        Milestone(
            name="EOY",
            horizon=Horizon.parse("EOY"),
            targets=(target("on_time_shipping", "99", "97"),),
        ),
    )


def fulfilment(**changes: Any) -> Activity:
    fields: dict[str, Any] = {
        "key": "fulfilment",
        "kind": ActivityKind.LOGISTICS,
        "name": "Préparation des commandes",
        "budget": eur("42000"),
    }
    return Activity(**(fields | changes))


def contract(**changes: Any) -> Contract:
    fields: dict[str, Any] = {
        "reference": "CTR-2027-01",
        "effective": dt.date(2027, 3, 1),
        "duration_months": 12,
        "fees": (
            Fee(
                label="Forfait mensuel",
                kind=FeeKind.FIXED,
                period=BillingPeriod.MONTHLY,
                amount=eur("3500"),
                activity="fulfilment",
            ),
        ),
    }
    return Contract(**(fields | changes))


def action(id: str = "ca_01", **changes: Any) -> CorrectiveAction:
    fields: dict[str, Any] = {
        "id": id,
        "description": "Renforcer l'équipe du samedi",
        "owner": "Paul Roux",
        "due": dt.date(2027, 5, 15),
    }
    return CorrectiveAction(**(fields | changes))


def review(on: dt.date = dt.date(2027, 4, 16), **changes: Any) -> Review:
    fields: dict[str, Any] = {"on": on, "kind": ReviewKind.MILESTONE}
    return Review(**(fields | changes))


def measurement(kpi: str = "on_time_shipping", value: str = "96", **changes: Any) -> Measurement:
    fields: dict[str, Any] = {"kpi": kpi, "value": Decimal(value), "at": dt.date(2027, 4, 1)}
    return Measurement(**(fields | changes))


def minimal_mission(**changes: Any) -> Mission:
    """The smallest valid mission: key, name, parties, dates, two primary contacts."""
    fields: dict[str, Any] = {
        "key": "logistique",
        "name": "Logistique e-commerce",
        "client": Party(name="Maison Lumière SAS"),
        "provider": Party(name="LogiNord SAS"),
        "start": START,
        "end": END,
        "contacts": contacts(),
    }
    return Mission(**(fields | changes))


def rich_mission(**changes: Any) -> Mission:
    """A mission using most fields: KPIs, milestones, contract, reviews, spend, bonus..."""
    fields: dict[str, Any] = {
        "activities": (fulfilment(),),
        "contract": contract(),
        "kickoff": Kickoff(scheduled=dt.datetime(2027, 3, 10, 9, 30, tzinfo=PARIS)),
        "tools": (
            Tool(
                name="Slack",
                category=ToolCategory.MESSAGING,
                access_granted_on=dt.date(2027, 3, 10),
            ),
        ),
        "kpis": (shipping_kpi(), damage_kpi()),
        "milestones": milestones(),
        "measurements": (
            measurement(value="96"),
            measurement(
                kpi="damage_rate",
                value="0.8",
                at=dt.datetime(2027, 4, 2, 18, 0, tzinfo=PARIS),
            ),
        ),
        "reviews": (
            review(
                corrective_actions=(
                    action(
                        "ca_01",
                        status=ActionStatus.DONE,
                        closed_on=dt.date(2027, 5, 2),
                        kpi="on_time_shipping",
                    ),
                ),
            ),
        ),
        "spend": (SpendEntry(on=dt.date(2027, 3, 31), activity="fulfilment", amount=eur("3500")),),
        "bonus": BonusScheme(
            base=eur("10500"),
            tiers=(
                BonusTier(min_score=Decimal(90), rate=Decimal("0.05")),
                BonusTier(min_score=Decimal(75), amount=eur("200")),
            ),
        ),
        "recognitions": (
            Recognition(
                on=dt.date(2027, 4, 20),
                kind=RecognitionKind.THANKS,
                description="Merci pour le pic de Pâques",
                kpi="on_time_shipping",
            ),
        ),
    }
    return minimal_mission(**(fields | changes))


# -- the same kind of mission as plain data, the way a file holds it --------------
_MISSION_DATA: dict[str, Any] = {
    "schema_version": 1,
    "key": "logistique",
    "name": "Logistique e-commerce",
    "start": "2027-03-15",
    "end": "2028-03-14",
    "client": {"name": "Maison Lumière SAS"},
    "provider": {"name": "LogiNord SAS"},
    "contacts": [
        {"name": "Claire Martin", "side": "client", "role": "primary"},
        {"name": "Paul Roux", "side": "provider", "role": "primary"},
    ],
    "activities": [
        {"key": "fulfilment", "kind": "logistics", "name": "Préparation", "budget": "42000 EUR"}
    ],
    "kpis": [
        {
            "key": "on_time_shipping",
            "name": "On-time shipping",
            "unit": "%",
            "direction": "higher",
            "weight": "2",
        },
        {"key": "damage_rate", "name": "Damage rate", "unit": "%", "direction": "lower"},
    ],
    "milestones": [
        {
            "name": "M+1",
            "horizon": "M+1",
            "targets": [{"kpi": "on_time_shipping", "target": "95", "threshold": "90"}],
        },
        {
            "name": "M+6",
            "horizon": "M+6",
            "targets": [
                {"kpi": "on_time_shipping", "target": "98", "threshold": "95"},
                {"kpi": "damage_rate", "target": "0.5", "threshold": "1.0"},
            ],
        },
    ],
    "measurements": [
        {"kpi": "on_time_shipping", "value": "96", "at": "2027-04-01"},
        {"kpi": "damage_rate", "value": "0.8", "at": "2027-04-02T18:00:00+01:00"},
    ],
    "spend": [{"on": "2027-03-31", "activity": "fulfilment", "amount": "3500 EUR"}],
}


def mission_data() -> dict[str, Any]:
    """A fresh, deep copy of a valid mission document (JSON-like), to mutate in a test."""
    return copy.deepcopy(_MISSION_DATA)


def quality_kpi(**changes: Any) -> Kpi:
    """A qualitative KPI on a named 1–5 scale (weight 1, higher is better)."""
    fields: dict[str, Any] = {
        "key": "quality",
        "name": "Editorial quality",
        "unit": "",
        "direction": Direction.HIGHER,
        "scale": Scale(labels=("poor", "fair", "good", "very good", "excellent")),
    }
    return Kpi(**(fields | changes))


def evaluation(on: str, evaluator: str, score: int, **changes: Any) -> Evaluation:
    fields: dict[str, Any] = {
        "kpi": "quality",
        "on": dt.date.fromisoformat(on),
        "evaluator": evaluator,
        "score": Decimal(score),
    }
    return Evaluation(**(fields | changes))


def contest(**changes: Any) -> Contest:
    """The provider contests ``quality`` at M+1 on 2027-04-20 (open)."""
    fields: dict[str, Any] = {
        "kpi": "quality",
        "milestone": "M+1",
        "raised_on": dt.date(2027, 4, 20),
        "raised_by": "Paul Roux",
        "reason": "The round of 10 April scored drafts, not published posts",
    }
    return Contest(**(fields | changes))


def voiced_mission(**changes: Any) -> Mission:
    """Two KPIs — on_time_shipping (weight 2) and the qualitative ``quality`` (weight 1) —
    scored at M+1 (due 2027-04-15) and M+6; two evaluation rounds and a self-assessment
    in M+1's window; the M+1 review (2027-04-16) shared on 2027-04-16; the contract's
    contest window is 10 days, its answer deadline 7 days; a bonus of 5 % of 1,000 EUR
    from an overall score of 70.

    At M+1: on_time_shipping 93 → 100 × (93 − 90) / (95 − 90) = 60 points;
    quality: round of 04-10 median(4, 2, 5) = 4, round of 04-14 median(3, 4) = 3.5,
    mean of the rounds (3.75) → 100 × (3.75 − 2) / (4 − 2) = 87.5 points;
    overall (2 × 60 + 1 × 87.5) / 3 = 207.5 / 3 = 69.1666…
    """
    fields: dict[str, Any] = {
        "activities": (fulfilment(),),
        "contract": contract(contest_days=10, contest_answer_days=7),
        "kpis": (shipping_kpi(), quality_kpi()),
        "milestones": (
            Milestone(
                name="M+1",
                horizon=Horizon.parse("M+1"),
                targets=(target("on_time_shipping", "95", "90"), target("quality", "4", "2")),
            ),
            Milestone(
                name="M+6",
                horizon=Horizon.parse("M+6"),
                targets=(target("on_time_shipping", "98", "95"), target("quality", "4.5", "3")),
            ),
        ),
        "measurements": (measurement(value="93"),),
        "evaluations": (
            evaluation("2027-04-10", "Claire Martin", 4),
            evaluation("2027-04-10", "Hugo Petit", 2),
            evaluation("2027-04-10", "Nina Blanc", 5),
            evaluation("2027-04-14", "Claire Martin", 3),
            evaluation("2027-04-14", "Hugo Petit", 4),
            evaluation("2027-04-14", "Paul Roux", 5, self_assessment=True),
        ),
        "reviews": (review(milestone="M+1", shared_on=dt.date(2027, 4, 16)),),
        "bonus": BonusScheme(
            base=eur("1000"), tiers=(BonusTier(min_score=Decimal(70), rate=Decimal("0.05")),)
        ),
    }
    return minimal_mission(**(fields | changes))
