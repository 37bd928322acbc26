"""``vendorgov init``: a commented TOML mission skeleton, ready to fill.

The skeleton is valid as it is — it loads with :func:`vendorgov.load` and
validates against :func:`vendorgov.json_schema` — so that a user can fill it
in step by step and run ``vendorgov validate`` as they go. Placeholders are
valid values marked ``TODO:`` (``À COMPLÉTER :`` in French).

KPIs come from :mod:`vendorgov.catalog` for the activity (plus the general
entries that fit any activity). Each KPI with a numeric typical target gets
three tiers, ``M+1``, ``M+6`` and ``EOY``, proposed by
:func:`vendorgov.catalog.targets` from an *assumed* starting level (the file
says which, next to the KPI, and asks for the real baseline):

- higher is better, in %: the shortfall from 100 % doubled (95 → 90, 99.5 → 99;
  a target of 100 % starts from 90);
- lower is better: the target plus half (48 h → 72 h, 0.5 % → 0.75 %);
- otherwise 80 % of the target.

KPIs whose catalog target is not a number (a range, "down vs baseline") are
listed with their targets commented out. Dates are placeholders too: the
mission starts on the first day of next month when its year-end milestone
still falls after ``M+6`` (a start from January to June), else on the next
1 January, and lasts twelve months.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vendorgov import Target
    from vendorgov.catalog import CatalogEntry, Lang

__all__ = ["ACTIVITIES", "placeholder_start", "skeleton"]

ACTIVITIES = ("logistics", "community", "website", "customer_service", "content", "other")
"""The activity kinds ``init`` knows (the values of :class:`vendorgov.ActivityKind`)."""

_KEYS = {
    "fr": {
        "logistics": "logistique",
        "community": "community",
        "website": "site_web",
        "customer_service": "service_client",
        "content": "contenus",
        "other": "autre",
    },
    "en": {kind: kind for kind in ACTIVITIES},
}

_KINDS = {
    "fr": {
        "logistics": "logistique",
        "community": "community management",
        "website": "site web",
        "customer_service": "service client",
        "content": "contenus",
        "other": "autre activité",
    },
    "en": {
        "logistics": "logistics",
        "community": "community management",
        "website": "website",
        "customer_service": "customer service",
        "content": "content",
        "other": "other activity",
    },
}

_EXAMPLE_VALUE = {"%": "96.4", "h": "30", "min": "45", "s": "2.8", "ms": "240", "d": "5"}

# (name, description) of the M+1, M+6 and EOY milestones
_MILESTONES: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (
        ("M+1", "Fin du premier mois : la mise en place est terminée."),
        ("M+6", "Six mois : le niveau de service du contrat."),
        ("Fin d'année", "31 décembre : tenir le niveau jusqu'à la fin de l'année."),
    ),
    "en": (
        ("M+1", "End of the first month: the set-up is over."),
        ("M+6", "Six months: the service level of the contract."),
        ("Year end", "31 December: hold the level to the end of the year."),
    ),
}

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "todo": "À COMPLÉTER",
        "header": """\
# Fichier de mission vendorgov : {kind}. Squelette à compléter.
#
# Créé par `vendorgov init --activity {activity} --lang fr`. Remplacez chaque
# valeur marquée « À COMPLÉTER », puis vérifiez le fichier :
#
#     vendorgov validate {file}
#
# Le fichier est valide tel quel : complétez-le pas à pas et vérifiez-le au fur
# et à mesure. Chaque champ est décrit à la page « File format » de la
# documentation ; les missions de démonstration (`vendorgov demo`) montrent un
# fichier complet : contrat, cahier des charges, lancement, outils, primes.
#
# En TOML, les clés du premier niveau précèdent toutes les tables : le journal
# de la mission (mesures, rapports, factures) suit donc l'en-tête.
""",
        "key": "identifiant court : minuscules, chiffres et « _ »",
        "name": "nom de la mission",
        "description": "ce que le prestataire fait pour vous, en une phrase.",
        "start": "premier jour de la mission",
        "end": "dernier jour de la mission (après le début)",
        "currency": "code ISO 4217 : tous les montants de la mission sont dans cette devise",
        "timezone": "fuseau horaire IANA des points d'étape et des échéances",
        "journal": "Journal : ce qui se passe, noté au fil de la mission",
        "measurements": (
            "Une mesure par indicateur et par période, tirée des rapports du prestataire :"
        ),
        "reports": "Rapports reçus :",
        "spend": "Factures (hors taxes) :",
        "report_title": "Rapport hebdomadaire",
        "parties": "Parties",
        "client": "raison sociale de votre entreprise",
        "provider": "raison sociale du prestataire",
        "registration": "SIREN (9 chiffres) ou SIRET (14)",
        "contacts": """\
# Un interlocuteur privilégié de chaque côté (role = "primary") : la personne qui
# suit la mission au quotidien. Ajoutez les contacts d'escalade
# (role = "escalation") et les autres (role = "other").""",
        "client_contact": "votre interlocuteur privilégié",
        "provider_contact": "l'interlocuteur privilégié du prestataire",
        "title": "Responsable des opérations",
        "activity_section": "Activité confiée",
        "activity_name": "l'activité confiée au prestataire",
        "activity_description": "Ce que comprend l'activité, ce qui en est exclu.",
        "expected": "Résultat attendu",
        "budget": "sur toute la mission, hors taxes",
        "kpis": """\
# Les poids fixent la part de chaque indicateur dans le score global. Supprimez
# les indicateurs que vous ne suivez pas, ici et dans les paliers ci-dessous.""",
        "kpis_section": "Indicateurs (catalogue vendorgov)",
        "typical": "Objectif usuel : {note}.",
        "assumed": (
            "Les paliers ci-dessous partent d'un niveau actuel supposé de {baseline} {unit}."
        ),
        "no_number": (
            "Pas de valeur chiffrée : fixez objectif et seuil depuis votre niveau de départ."
        ),
        "milestones_section": "Paliers et objectifs",
        "milestones": """\
# Chaque objectif progresse du niveau de départ supposé (indiqué avec chaque
# indicateur) vers l'objectif usuel du catalogue en fin d'année. Le seuil est la
# pire valeur acceptable : l'objectif du palier précédent, du côté le moins bon.
# À COMPLÉTER : remplacez les niveaux supposés par les vôtres ;
# vendorgov.catalog.targets(clé, baseline=...) propose des paliers à partir d'eux.""",
        "set_from_baseline": "à fixer depuis votre niveau de départ",
        "cadence": "Point d'étape mensuel : premier mardi du mois à 10 h, pendant une heure.",
        "next": """\
# Pour aller plus loin : [contract], [specification], [kickoff], [[tools]],
# [bonus], [service_credits]... Les missions de démonstration les montrent tous :
#     python -c "import vendorgov; print(vendorgov.examples.demo_text('logistique'))"
""",
    },
    "en": {
        "todo": "TODO",
        "header": """\
# vendorgov mission file: {kind}. A skeleton to fill in.
#
# Created by `vendorgov init --activity {activity} --lang en`. Replace every
# value marked TODO, then check the file:
#
#     vendorgov validate {file}
#
# The file is valid as it is: fill it in step by step and validate as you go.
# The "File format" page of the documentation describes every field; the demo
# missions (`vendorgov demo`) show a complete file: contract, specification,
# kickoff, tools, incentives.
#
# In TOML, top-level keys come before any table: the mission's journal
# (measurements, reports, invoices) therefore follows the header.
""",
        "key": "a short identifier: lower-case letters, digits and '_'",
        "name": "the mission's name",
        "description": "what the provider does for you, in one sentence.",
        "start": "first day of the mission",
        "end": "last day of the mission (after the start)",
        "currency": "ISO 4217 code: every amount of the mission is in this currency",
        "timezone": "IANA timezone of the reviews and deadlines",
        "journal": "Journal: what happens, recorded as the mission runs",
        "measurements": "One measurement per KPI and period, from the provider's reports:",
        "reports": "Reports received:",
        "spend": "Invoices (excluding tax):",
        "report_title": "Weekly report",
        "parties": "Parties",
        "client": "your company's legal name",
        "provider": "the provider's legal name",
        "registration": "company number (a French SIREN has 9 digits, a SIRET 14)",
        "contacts": """\
# One primary contact on each side (role = "primary"): the person who follows
# the mission day to day. Add escalation contacts (role = "escalation") and
# others (role = "other").""",
        "client_contact": "your primary contact",
        "provider_contact": "the provider's primary contact",
        "title": "Operations manager",
        "activity_section": "Outsourced activity",
        "activity_name": "the activity you outsource",
        "activity_description": "What the activity covers, and what it does not.",
        "expected": "Expected result",
        "budget": "over the whole mission, excluding tax",
        "kpis": """\
# Weights set each KPI's share of the overall score. Remove the KPIs you do not
# follow, here and in the milestones below.""",
        "kpis_section": "KPIs (vendorgov catalog)",
        "typical": "Typical target: {note}.",
        "assumed": "The tiers below start from an assumed current level of {baseline} {unit}.",
        "no_number": "No single number: set the target and threshold from your own baseline.",
        "milestones_section": "Milestones and tiered targets",
        "milestones": """\
# Each target climbs from the assumed starting level (given with each KPI) to
# the catalog's typical target at year end. The threshold is the worst
# acceptable value: the previous tier's target, on the worse side.
# TODO: replace the assumed levels with your own measured baseline;
# vendorgov.catalog.targets(key, baseline=...) proposes tiers from it.""",
        "set_from_baseline": "set it from your baseline",
        "cadence": "Monthly review: first Tuesday of the month at 10:00, for one hour.",
        "next": """\
# To go further: [contract], [specification], [kickoff], [[tools]], [bonus],
# [service_credits]... The demo missions show them all:
#     python -c "import vendorgov; print(vendorgov.examples.demo_text('logistique'))"
""",
    },
}


def placeholder_start(today: dt.date) -> dt.date:
    """The placeholder start date: the first day of next month, or the next 1 January.

    A start after June would put the year-end milestone before ``M+6``, so
    such starts move to the next January.

    >>> placeholder_start(dt.date(2027, 3, 15)), placeholder_start(dt.date(2026, 11, 29))
    (datetime.date(2027, 4, 1), datetime.date(2027, 1, 1))
    """
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    if month > 6:
        year, month = year + 1, 1
    return dt.date(year, month, 1)


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _decimal(value: Decimal) -> str:
    """A TOML number that vendorgov reads back exactly (``90``, ``0.75``)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return f"{value.normalize():f}"


def _assumed_baseline(item: CatalogEntry) -> Decimal:
    assert item.target is not None
    target = item.target
    if item.direction.value == "higher":
        if item.unit == "%":
            baseline = Decimal(90) if target >= 100 else 100 - 2 * (100 - target)
        else:
            baseline = target * Decimal("0.8")
    else:
        baseline = target * Decimal("1.5")
    if baseline == baseline.to_integral_value():
        return baseline.quantize(Decimal(1))
    return baseline.normalize()


def skeleton(activity: str, lang: str, today: dt.date, file: str = "mission.toml") -> str:
    """The TOML text of a mission skeleton for ``activity``, commented in ``lang``.

    Args:
        activity: An activity kind (``"logistics"``...).
        lang: ``"fr"`` or ``"en"``: the comments, placeholders and KPI names.
        today: The date the placeholder start is computed from.
        file: The file name the comments refer to.

    >>> import vendorgov
    >>> text = skeleton("website", "en", dt.date(2027, 3, 15))
    >>> mission = vendorgov.loads(text)
    >>> mission.start, [m.name for m in mission.milestones]
    (datetime.date(2027, 4, 1), ['M+1', 'M+6', 'Year end'])
    """
    from vendorgov import catalog

    chosen = typing.cast("Lang", lang)
    words = _WORDS[lang]
    todo = words["todo"]
    key = _KEYS[lang][activity]
    start = placeholder_start(today)
    end = dt.date(start.year + 1, start.month, 1) - dt.timedelta(days=1)
    entries = catalog.for_activity(activity)
    tiers: dict[str, tuple[Decimal, tuple[Target, ...]]] = {}
    for item in entries:
        if item.target is not None:
            baseline = _assumed_baseline(item)
            tiers[item.key] = (baseline, catalog.targets(item.key, baseline=baseline))

    out: list[str] = []
    add = out.append

    def rule(title: str) -> None:
        add("")
        add(f"# -- {title} " + "-" * max(3, 76 - len(title)))

    add(words["header"].format(kind=_KINDS[lang][activity], activity=activity, file=file))
    add("schema_version = 1")
    add(f"key = {_string(key)}  # {words['key']}")
    add(f"name = {_todo(lang, words['name'])}")
    add(f"description = {_todo(lang, words['description'])}")
    add(f"start = {start.isoformat()}  # {todo}{_colon(lang)}{words['start']}")
    add(f"end = {end.isoformat()}  # {todo}{_colon(lang)}{words['end']}")
    add(f'currency = "EUR"  # {words["currency"]}')
    add(f'timezone = "Europe/Paris"  # {words["timezone"]}')

    rule(words["journal"])
    first_kpi = entries[0]
    example_value = _EXAMPLE_VALUE.get(first_kpi.unit, "10")
    week = start + dt.timedelta(days=6 - start.weekday())  # the first Sunday
    add(f"# {words['measurements']}")
    add("measurements = [")
    add(f'  # {{ kpi = "{first_kpi.key}", at = {week.isoformat()}, value = {example_value} }},')
    add("]")
    add("")
    add(f"# {words['reports']}")
    add(
        f"#   {{ period_end = {week.isoformat()}, "
        f"received_on = {(week + dt.timedelta(days=1)).isoformat()}, "
        f"title = {_string(words['report_title'])} }}"
    )
    add("reports = []")
    add("")
    add(f"# {words['spend']}")
    month_end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    month_end -= dt.timedelta(days=1)
    add(
        f'#   {{ on = {month_end.isoformat()}, activity = "{key}", '
        f'amount = "1000.00 EUR", reference = "F-0001" }}'
    )
    add("spend = []")

    rule(words["parties"])
    add("[client]")
    add(f"name = {_todo(lang, words['client'])}")
    add('# legal_form = "SAS"')
    add(f'# registration_id = "123 456 789"  # {words["registration"]}')
    add('# vat_number = "FR00123456789"')
    add("")
    add("[provider]")
    add(f"name = {_todo(lang, words['provider'])}")
    add('# legal_form = "SAS"')
    add('# registration_id = "123 456 789"')
    add("")
    add(words["contacts"])
    for side, who in (("client", "client_contact"), ("provider", "provider_contact")):
        add("[[contacts]]")
        add(f"name = {_todo(lang, words[who])}")
        add(f'side = "{side}"')
        add('role = "primary"')
        add(f"# title = {_string(words['title'])}")
        add(
            '# email = "prenom.nom@example.com"' if lang == "fr" else '# email = "name@example.com"'
        )
        add('# phone = "+33 1 23 45 67 89"')
        add("")
    out.pop()

    rule(words["activity_section"])
    add("[[activities]]")
    add(f"key = {_string(key)}")
    add(f'kind = "{activity}"')
    add(f"name = {_todo(lang, words['activity_name'])}")
    add(f"# description = {_string(words['activity_description'])}")
    add(f"# expected_results = [{_string(words['expected'])}]")
    add(f'# budget = "12000.00 EUR"  # {words["budget"]}')

    rule(words["kpis_section"])
    add(words["kpis"])
    for item in entries:
        kpi = catalog.kpi(item.key, lang=chosen)
        add("")
        add("# " + words["typical"].format(note=item.target_text(chosen)))
        if item.key in tiers:
            baseline = tiers[item.key][0]
            shown = _decimal(baseline).replace(".", ",") if lang == "fr" else _decimal(baseline)
            add("# " + words["assumed"].format(baseline=shown, unit=kpi.unit))
        else:
            add("# " + words["no_number"])
        add("[[kpis]]")
        add(f"key = {_string(kpi.key)}")
        add(f"name = {_string(str(kpi.name))}")  # one language: catalog.kpi(lang=chosen)
        add(f"unit = {_string(kpi.unit)}")
        add(f'direction = "{kpi.direction.value}"')
        add(f'aggregation = "{kpi.aggregation.value}"')
        add(f"weight = {_decimal(kpi.weight)}")
        add(f"description = {_string(str(kpi.description))}")

    rule(words["milestones_section"])
    add(words["milestones"])
    for index, horizon in enumerate(("M+1", "M+6", "EOY")):
        add("[[milestones]]")
        name, description = _MILESTONES[lang][index]
        add(f"name = {_string(name)}")
        add(f'horizon = "{horizon}"')
        add(f"description = {_string(description)}")
        add("targets = [")
        for item in entries:
            if item.key in tiers:
                target = tiers[item.key][1][index]
                add(
                    f'  {{ kpi = "{item.key}", target = {_decimal(target.target)}, '
                    f"threshold = {_decimal(target.threshold)} }},"
                )
            else:
                add(
                    f'  # {{ kpi = "{item.key}", target = ..., threshold = ... }},  '
                    f"# {todo}{_colon(lang)}{words['set_from_baseline']}"
                )
        add("]")
        add("")
    add(f"# {words['cadence']}")
    add("[review_cadence]")
    add('frequency = "monthly"')
    add("nth = 1")
    add('weekday = "TU"')
    add('time = "10:00"')
    add("duration_minutes = 60")
    add("")
    add(words["next"].rstrip("\n"))
    return "\n".join(out) + "\n"


def _colon(lang: str) -> str:
    return " : " if lang == "fr" else ": "


def _todo(lang: str, what: str) -> str:
    return _string(f"{_WORDS[lang]['todo']}{_colon(lang)}{what}")
