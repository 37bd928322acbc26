"""Generate a deterministic portfolio of realistic missions for the benchmarks.

Each mission is built with the vendorgov types (so it is valid by construction)
and written with ``vendorgov.dumps(mission, "json")``: one JSON document per
mission, exactly what ``vendorgov.loads(text, "json")`` reads and what a tool
exchanging mission files would hold. The portfolio is the list of those texts.

A mission holds: client and provider (with addresses), 2 primary contacts,
2 activities with budgets, a contract with 3 fees (fixed, per unit, time and
materials), payment terms and a weekly or monthly reporting duty, a review
cadence, 8 KPIs from the catalog of its activity, 3 milestones (``M+1``,
``M+6``, ``EOY``) with a target and a threshold for every KPI, 100
measurements, 2 reviews with obstacles, decisions and corrective actions, and
12 monthly spend entries: about 190 objects, 24 kB of indented JSON. One start
date in eight is a month end, so that ``M+1`` clamps (31 January → 28 February).

Run it to write the portfolio to a folder (one ``.json`` file per mission)::

    python benchmarks/generate.py --count 1000 --out /tmp/portfolio
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from decimal import Decimal
from pathlib import Path

import vendorgov
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

__all__ = ["DEFAULT_SEED", "generate_missions", "generate_texts"]

DEFAULT_SEED = 20270315

# key, name, unit, direction, typical target, typical threshold, decimals
_CatalogEntry = tuple[str, str, str, Direction, str, str, int]
_HIGHER, _LOWER = Direction.HIGHER, Direction.LOWER
_CATALOG: dict[ActivityKind, tuple[_CatalogEntry, ...]] = {
    ActivityKind.LOGISTICS: (
        ("on_time_shipping", "Taux d'expédition à l'heure", "%", _HIGHER, "98", "95", 1),
        ("order_accuracy", "Exactitude des commandes", "%", _HIGHER, "99.5", "98.5", 2),
        ("damage_rate", "Taux de casse", "%", _LOWER, "0.5", "1", 2),
        ("dock_to_stock", "Délai de mise en stock", "h", _LOWER, "24", "48", 0),
        ("fulfillment_cycle", "Délai de préparation", "h", _LOWER, "24", "36", 1),
        ("inventory_accuracy", "Fiabilité des stocks", "%", _HIGHER, "99.5", "98", 2),
        ("perfect_order", "Taux de commande parfaite", "%", _HIGHER, "95", "90", 1),
        ("return_processing", "Délai de traitement des retours", "h", _LOWER, "72", "96", 0),
    ),
    ActivityKind.COMMUNITY: (
        ("engagement_rate", "Taux d'engagement", "%", _HIGHER, "2.5", "1.5", 2),
        ("first_response_time", "Délai de première réponse", "min", _LOWER, "60", "120", 0),
        ("response_rate", "Taux de réponse", "%", _HIGHER, "95", "85", 1),
        ("negative_share", "Part de mentions négatives", "%", _LOWER, "5", "10", 1),
        ("editorial_adherence", "Respect du planning éditorial", "%", _HIGHER, "95", "85", 1),
        ("moderation_time", "Délai de modération", "min", _LOWER, "30", "60", 0),
    ),
    ActivityKind.WEBSITE: (
        ("availability", "Disponibilité", "%", _HIGHER, "99.9", "99.5", 3),
        ("ticket_first_response", "Délai de prise en charge (P1)", "h", _LOWER, "1", "4", 1),
        ("tickets_within_sla", "Tickets résolus dans les délais", "%", _HIGHER, "90", "80", 1),
        ("lcp_p75", "LCP (75e centile)", "s", _LOWER, "2.5", "4", 2),
        ("inp_p75", "INP (75e centile)", "ms", _LOWER, "200", "500", 0),
        ("patch_latency", "Délai de correctif critique", "d", _LOWER, "7", "14", 0),
    ),
}
_COMMON: tuple[_CatalogEntry, ...] = (
    ("report_timeliness", "Ponctualité des rapports", "%", _HIGHER, "100", "90", 0),
    ("capa_on_time", "Actions correctives closes à temps", "%", _HIGHER, "90", "75", 0),
    ("budget_variance", "Écart budgétaire", "%", _LOWER, "5", "10", 1),
)

_ACTIVITIES: dict[ActivityKind, tuple[tuple[str, str], tuple[str, str]]] = {
    ActivityKind.LOGISTICS: (("fulfilment", "Préparation et expédition"), ("returns", "Retours")),
    ActivityKind.COMMUNITY: (
        ("social_media", "Animation des réseaux"),
        ("moderation", "Modération"),
    ),
    ActivityKind.WEBSITE: (("maintenance", "Maintenance du site"), ("evolutions", "Évolutions")),
}
_MISSION_NAMES = {
    ActivityKind.LOGISTICS: "Logistique e-commerce",
    ActivityKind.COMMUNITY: "Community management",
    ActivityKind.WEBSITE: "Site marchand",
}
_PROVIDERS = {
    ActivityKind.LOGISTICS: ("LogiNord", "Entrepôt Rhône", "Hexa 3PL", "Colis Express"),
    ActivityKind.COMMUNITY: ("Agence Pixel", "Social Lab", "Les Voix du Web", "Hashtag & Co"),
    ActivityKind.WEBSITE: ("Web Atelier", "Studio Code", "Digital Forge", "Agence Nuage"),
}
_SHOPS = ("Maison Lumière", "Atelier Sauvage", "Le Comptoir Bleu", "Terre & Lin", "Kiosque Nord")
_CITIES = (
    ("69003", "Lyon", "RCS Lyon"),
    ("75011", "Paris", "RCS Paris"),
    ("33000", "Bordeaux", "RCS Bordeaux"),
    ("59000", "Lille", "RCS Lille"),
    ("44000", "Nantes", "RCS Nantes"),
)
_STREETS = (
    "rue des Lilas",
    "avenue Jean Jaurès",
    "quai de la Loire",
    "rue Nationale",
    "cours Vitton",
)
_FIRST = ("Claire", "Paul", "Inès", "Hugo", "Sophie", "Karim", "Léa", "Thomas", "Nadia", "Lucas")
_LAST = ("Martin", "Roux", "Haddad", "Bernard", "Petit", "Moreau", "Garcia", "Lefèvre", "Nguyen")
_OBSTACLES = (
    "Pic de commandes pendant les soldes",
    "Retard de livraison du transporteur",
    "Absence d'un chef d'équipe",
    "Migration de l'outil de ticketing",
    "Prévisions de ventes transmises en retard",
    "Changement de la charte éditoriale",
)
_DECISIONS = (
    "Renforcer l'équipe le samedi",
    "Point hebdomadaire jusqu'au prochain palier",
    "Partager les prévisions chaque lundi",
    "Revoir le paramétrage des alertes",
)
_ACTIONS = (
    "Former deux préparateurs supplémentaires",
    "Mettre en place un double contrôle des colis",
    "Automatiser l'export des indicateurs",
    "Rédiger une procédure d'escalade",
    "Revoir le planning de publication",
)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _slug(text: str) -> str:
    table = str.maketrans("éèêàùçô&' ", "eeeaucoe__")
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c == "_")


def _party(rng: random.Random, name: str, domain: str) -> Party:
    postal_code, city, registry = rng.choice(_CITIES)
    return Party(
        name=f"{name} SAS",
        legal_form="SAS",
        registration_id=_digits(rng, 9),
        registry=registry,
        vat_number=f"FR{_digits(rng, 11)}",
        address=Address(
            street=f"{rng.randint(1, 120)} {rng.choice(_STREETS)}",
            postal_code=postal_code,
            city=city,
        ),
        representative=_person(rng),
        representative_title="Président",
        email_domain=domain,
    )


def _start(rng: random.Random) -> dt.date:
    # Milestones M+1 < M+6 < EOY need a start in the first half of the year;
    # one start in eight is a month end, to exercise end-of-month clamping.
    year = rng.choice((2026, 2027))
    month = rng.randint(1, 6)
    if rng.random() < 0.125:
        day = (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    else:
        day = rng.randint(1, 28)
    return dt.date(year, month, day)


def _value(rng: random.Random, entry: _CatalogEntry) -> Decimal:
    # Around the target, now and then past the threshold.
    target, threshold, decimals = float(entry[4]), float(entry[5]), entry[6]
    low, high = sorted((target, threshold))
    span = high - low
    number = rng.uniform(low - span * 0.6, high + span * 0.3)
    if threshold < target:  # higher is better: mirror the spread
        number = low + high - number
    number = min(max(number, 0.0), 100.0 if entry[2] == "%" else float("inf"))
    return Decimal(f"{number:.{decimals}f}")


_EASING = (Decimal("0.5"), Decimal("0.2"), Decimal(0))


def _milestone_targets(
    rng: random.Random, kpis: tuple[tuple[Kpi, _CatalogEntry], ...], tier: int
) -> tuple[Target, ...]:
    targets = []
    for kpi, entry in kpis:
        target, threshold, decimals = Decimal(entry[4]), Decimal(entry[5]), entry[6]
        # Early tiers are easier: the target moves towards the threshold.
        gap = (threshold - target) * _EASING[tier]
        quantum = Decimal(1).scaleb(-decimals)
        tier_target = (target + gap).quantize(quantum)
        if tier_target == threshold:
            tier_target = target
        targets.append(Target(kpi=kpi.key, target=tier_target, threshold=threshold))
    rng.shuffle(targets)
    return tuple(targets)


def _mission(rng: random.Random, index: int) -> Mission:
    kind = rng.choice(tuple(_CATALOG))
    currency = "EUR" if rng.random() < 0.95 else "CHF"
    shop = f"{rng.choice(_SHOPS)} {index}"
    provider_name = f"{rng.choice(_PROVIDERS[kind])} {index}"
    shop_domain = _slug(shop).replace("_", "-") + ".fr"
    provider_domain = _slug(provider_name).replace("_", "-") + ".fr"
    start = _start(rng)
    end = dt.date(start.year + 1, start.month, 1) + dt.timedelta(days=start.day - 2)
    client_contact, provider_contact = _person(rng), _person(rng)

    def money(low: int, high: int) -> Money:
        return Money(Decimal(rng.randint(low * 100, high * 100)).scaleb(-2), currency)

    activities = tuple(
        Activity(
            key=key,
            kind=kind,
            name=name,
            description=f"{name} pour {shop}",
            expected_results=("Qualité de service constante", "Reporting mensuel"),
            budget=money(12_000, 90_000),
        )
        for key, name in _ACTIVITIES[kind]
    )
    first, second = (activity.key for activity in activities)
    contract = Contract(
        reference=f"CTR-{start.year}-{index:04d}",
        title=f"Contrat de prestation — {_MISSION_NAMES[kind]}",
        effective=start,
        signed_on=start - dt.timedelta(days=rng.randint(5, 30)),
        duration_months=12,
        fees=(
            Fee(
                label="Forfait mensuel",
                kind=FeeKind.FIXED,
                period=BillingPeriod.MONTHLY,
                amount=money(1_500, 6_000),
                activity=first,
            ),
            Fee(
                label="Prix unitaire",
                kind=FeeKind.PER_UNIT,
                unit="commande",
                amount=money(1, 4),
                estimated_quantity=Decimal(rng.randint(500, 5_000)),
                activity=first,
            ),
            Fee(
                label="Régie",
                kind=FeeKind.TIME_AND_MATERIALS,
                unit="jour",
                amount=money(450, 900),
                activity=second,
            ),
        ),
        payment=PaymentTerms(
            days=rng.choice((30, 45, 60)),
            end_of_month=rng.random() < 0.5,
            late_penalty_rate=Decimal("0.12"),
            recovery_indemnity=Money(Decimal("40"), currency),
            invoicing="Facture mensuelle à terme échu",
        ),
        work_methods="Outils partagés, point hebdomadaire, escalade sous 24 h.",
        reporting=Reporting(
            cadence=(
                Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO)
                if rng.random() < 0.5
                else Cadence(frequency=Frequency.MONTHLY, day=5)
            ),
            grace_days=rng.randint(0, 3),
            format="Tableau de bord PDF",
            recipients=(client_contact,),
            content="Indicateurs, incidents, actions en cours",
        ),
    )
    entries = rng.sample(_CATALOG[kind], k=min(6, len(_CATALOG[kind])))
    entries += rng.sample(_COMMON, k=8 - len(entries))
    kpis = tuple(
        (
            Kpi(
                key=entry[0],
                name=entry[1],
                unit=entry[2],
                direction=entry[3],
                aggregation=Aggregation.LAST if entry[0] in ("capa_on_time",) else Aggregation.MEAN,
                weight=rng.choice((Decimal(1), Decimal(1), Decimal(2), Decimal("1.5"))),
            ),
            entry,
        )
        for entry in entries
    )
    milestones = tuple(
        Milestone(name=name, horizon=Horizon.parse(name), targets=_milestone_targets(rng, kpis, i))
        for i, name in enumerate(("M+1", "M+6", "EOY"))
    )
    days = (end - start).days
    measurements = []
    for _ in range(100):
        kpi, entry = rng.choice(kpis)
        measurements.append(
            Measurement(
                kpi=kpi.key,
                value=_value(rng, entry),
                at=start + dt.timedelta(days=rng.randint(1, days - 1)),
                source=rng.choice((None, "export outil", "rapport mensuel")),
            )
        )
    measurements.sort(key=lambda m: (m.on, m.kpi))
    review_dates = (
        start + dt.timedelta(days=rng.randint(30, 40)),
        start + dt.timedelta(days=rng.randint(180, 200)),
    )
    reviews = []
    action_number = 0
    for r_index, on in enumerate(review_dates):
        actions = []
        for _ in range(rng.randint(1, 2)):
            action_number += 1
            done = r_index == 0 and rng.random() < 0.6
            due = on + dt.timedelta(days=rng.randint(14, 45))
            actions.append(
                CorrectiveAction(
                    id=f"ca_{action_number:02d}",
                    description=rng.choice(_ACTIONS),
                    owner=provider_contact,
                    due=due,
                    status=ActionStatus.DONE if done else ActionStatus.OPEN,
                    closed_on=due - dt.timedelta(days=rng.randint(0, 10)) if done else None,
                    kpi=rng.choice(kpis)[0].key,
                    root_cause="Sous-effectif en période de pointe",
                )
            )
        reviews.append(
            Review(
                on=on,
                kind=ReviewKind.MONTHLY if r_index == 0 else ReviewKind.MILESTONE,
                attendees=(client_contact, provider_contact),
                summary="Point d'étape sur les indicateurs et les actions en cours.",
                obstacles=tuple(rng.sample(_OBSTACLES, k=2)),
                decisions=(rng.choice(_DECISIONS),),
                corrective_actions=tuple(actions),
            )
        )
    spend = tuple(
        SpendEntry(
            on=dt.date(
                start.year + (start.month + month - 1) // 12, (start.month + month - 1) % 12 + 1, 1
            )
            - dt.timedelta(days=1),
            activity=first if month % 3 else second,
            amount=money(800, 7_000),
            description="Facture mensuelle",
            reference=f"F-{index:04d}-{month:02d}",
        )
        for month in range(1, 13)
    )
    return Mission(
        key=f"m{index:04d}_{kind.value}",
        name=f"{_MISSION_NAMES[kind]} — {shop}",
        description=f"{shop} confie {_MISSION_NAMES[kind].lower()} à {provider_name}.",
        client=_party(rng, shop, shop_domain),
        provider=_party(rng, provider_name, provider_domain),
        start=start,
        end=end,
        currency=currency,
        contacts=(
            Contact(
                name=client_contact,
                side=Side.CLIENT,
                role=ContactRole.PRIMARY,
                title="Responsable e-commerce",
                email=f"{_slug(client_contact)}@{shop_domain}",
                phone="+33 4 " + " ".join(_digits(rng, 2) for _ in range(4)),
            ),
            Contact(
                name=provider_contact,
                side=Side.PROVIDER,
                role=ContactRole.PRIMARY,
                title="Chef de projet",
                email=f"{_slug(provider_contact)}@{provider_domain}",
            ),
        ),
        activities=activities,
        contract=contract,
        kpis=tuple(kpi for kpi, _ in kpis),
        milestones=milestones,
        review_cadence=Cadence(frequency=Frequency.MONTHLY, nth=1, weekday=Weekday.TU),
        reviews=tuple(reviews),
        measurements=tuple(measurements),
        spend=spend,
    )


def generate_missions(count: int = 1000, seed: int = DEFAULT_SEED) -> list[Mission]:
    """``count`` valid missions, the same for the same ``seed`` on any machine."""
    rng = random.Random(seed)
    return [_mission(rng, index) for index in range(1, count + 1)]


def generate_texts(count: int = 1000, seed: int = DEFAULT_SEED) -> list[str]:
    """The portfolio as JSON texts, one ``vendorgov.dumps(mission, "json")`` each."""
    return [vendorgov.dumps(mission, "json") for mission in generate_missions(count, seed)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="missions (default 1000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="folder to write one .json per mission into")
    args = parser.parse_args(argv)
    texts = generate_texts(args.count, args.seed)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        for index, text in enumerate(texts, start=1):
            (args.out / f"mission-{index:04d}.json").write_text(text, encoding="utf-8")
    size = sum(len(text.encode()) for text in texts)
    print(f"{len(texts)} missions, {size / 1e6:.1f} MB of JSON", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
