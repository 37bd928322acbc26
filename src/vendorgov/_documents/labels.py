"""Words the documents print that do not come from the mission: enum labels and fixed phrases.

The model stays language-free: an enum member is a code (``Direction.HIGHER``), and this
table says how each language prints it. Every member of every public enumeration has a
label in every language (a test checks it), so a template can print any enum with the
``label`` filter, or print the member directly (the finalize hook looks it up).
"""

from __future__ import annotations

import enum
from typing import Final

from vendorgov._model.cadence import Frequency, Weekday
from vendorgov._model.contract import BillingPeriod, FeeKind
from vendorgov._model.kickoff import IntegrationKind, ResourceKind, ToolCategory
from vendorgov._model.kpi import Aggregation, Direction, HorizonKind
from vendorgov._model.ledger import ComplianceKind
from vendorgov._model.parties import ContactRole, Side
from vendorgov._model.results import PayoutCategory
from vendorgov._model.review import (
    ActionStatus,
    IdeaStatus,
    NeedStatus,
    RecognitionKind,
    ReviewKind,
)
from vendorgov._model.scorecard import Severity, Status
from vendorgov._model.specification import ActivityKind
from vendorgov._model.tracking import ReportStatus

__all__ = ["LANGUAGES", "PHRASES", "enum_label", "unit_label"]

LANGUAGES: Final = ("fr", "en")
"""The languages documents are written in."""

# (French, English) for each member.
_TABLE: dict[type[enum.Enum], dict[str, tuple[str, str]]] = {
    ContactRole: {
        "primary": ("interlocuteur privilégié", "primary contact"),
        "escalation": ("contact d'escalade", "escalation contact"),
        "other": ("autre contact", "other contact"),
    },
    Side: {"client": ("client", "client"), "provider": ("prestataire", "provider")},
    ActivityKind: {
        "logistics": ("logistique", "logistics"),
        "community": ("community management", "community management"),
        "website": ("site web", "website"),
        "customer_service": ("service client", "customer service"),
        "content": ("contenus", "content"),
        "other": ("autre", "other"),
    },
    BillingPeriod: {
        "one_off": ("forfait unique", "one-off"),
        "monthly": ("mensuel", "monthly"),
        "quarterly": ("trimestriel", "quarterly"),
        "yearly": ("annuel", "yearly"),
    },
    FeeKind: {
        "fixed": ("forfait", "fixed fee"),
        "per_unit": ("prix unitaire", "per unit"),
        "time_and_materials": ("en régie", "time and materials"),
    },
    Frequency: {
        "weekly": ("hebdomadaire", "weekly"),
        "monthly": ("mensuelle", "monthly"),
        "quarterly": ("trimestrielle", "quarterly"),
    },
    Weekday: {
        "MO": ("lundi", "Monday"),
        "TU": ("mardi", "Tuesday"),
        "WE": ("mercredi", "Wednesday"),
        "TH": ("jeudi", "Thursday"),
        "FR": ("vendredi", "Friday"),
        "SA": ("samedi", "Saturday"),
        "SU": ("dimanche", "Sunday"),
    },
    IntegrationKind: {
        "email_address": ("adresse électronique", "e-mail address"),
        "seminar_invitation": ("invitation à un séminaire", "seminar invitation"),
        "site_visit": ("visite sur site", "site visit"),
        "other": ("autre", "other"),
    },
    ResourceKind: {
        "document": ("document", "document"),
        "data": ("données", "data"),
        "access": ("accès", "access"),
        "equipment": ("matériel", "equipment"),
        "other": ("autre", "other"),
    },
    ToolCategory: {
        "messaging": ("messagerie", "messaging"),
        "video": ("visioconférence", "video conferencing"),
        "project_management": ("gestion de projet", "project management"),
        "storage": ("partage de fichiers", "file sharing"),
        "calendar": ("agenda partagé", "shared calendar"),
        "brainstorming": ("tableau blanc collaboratif", "brainstorming board"),
        "other": ("autre", "other"),
    },
    Aggregation: {
        "mean": ("moyenne", "mean"),
        "sum": ("somme", "sum"),
        "last": ("dernière valeur", "last value"),
        "min": ("minimum", "minimum"),
        "max": ("maximum", "maximum"),
        "median": ("médiane", "median"),
    },
    Direction: {
        "higher": ("à maximiser", "higher is better"),
        "lower": ("à minimiser", "lower is better"),
    },
    HorizonKind: {
        "M": ("mois", "months"),
        "W": ("semaines", "weeks"),
        "D": ("jours", "days"),
        "EOM": ("fin de mois", "end of month"),
        "EOQ": ("fin de trimestre", "end of quarter"),
        "EOY": ("fin d'année", "end of year"),
        "date": ("date", "date"),
    },
    ActionStatus: {
        "open": ("en cours", "open"),
        "done": ("réalisée", "done"),
        "cancelled": ("abandonnée", "cancelled"),
    },
    IdeaStatus: {
        "proposed": ("proposée", "proposed"),
        "accepted": ("acceptée", "accepted"),
        "rejected": ("écartée", "rejected"),
        "implemented": ("mise en œuvre", "implemented"),
    },
    NeedStatus: {"open": ("en attente", "open"), "answered": ("traitée", "answered")},
    RecognitionKind: {
        "thanks": ("remerciements", "thanks"),
        "public_mention": ("mention publique", "public mention"),
        "award": ("distinction", "award"),
        "testimonial": ("témoignage", "testimonial"),
        "other": ("autre", "other"),
    },
    ReviewKind: {
        "weekly": ("point hebdomadaire", "weekly review"),
        "monthly": ("point mensuel", "monthly review"),
        "milestone": ("point de palier", "milestone review"),
        "quarterly": ("revue trimestrielle", "quarterly business review"),
    },
    Severity: {
        "info": ("information", "info"),
        "warning": ("attention", "warning"),
        "critical": ("critique", "critical"),
    },
    Status: {
        "met": ("atteint", "met"),
        "at_risk": ("à risque", "at risk"),
        "missed": ("manqué", "missed"),
        "no_data": ("sans donnée", "no data"),
    },
    ComplianceKind: {
        "vigilance_certificate": (
            "attestation de vigilance URSSAF",
            "URSSAF vigilance certificate",
        ),
        "insurance": ("attestation d'assurance", "insurance certificate"),
        "registration_extract": ("extrait Kbis", "company registration extract"),
        "other": ("autre", "other"),
    },
    ReportStatus: {
        "on_time": ("à l'heure", "on time"),
        "late": ("en retard", "late"),
        "missing": ("manquant", "missing"),
        "pending": ("à venir", "pending"),
    },
    PayoutCategory: {
        "bonus": ("prime", "bonus"),
        "service_credit": ("pénalité", "service credit"),
        "earn_back": ("restitution de pénalité", "earn-back"),
    },
}

_LABELS: dict[tuple[type[enum.Enum], str], tuple[str, str]] = {
    (cls, value): words for cls, members in _TABLE.items() for value, words in members.items()
}


def enum_label(member: enum.Enum, lang: str) -> str:
    """How ``lang`` prints ``member``.

    Members are looked up by class and value (two ``StrEnum`` members with the same
    value, ``ActivityKind.OTHER`` and ``ToolCategory.OTHER``, are different keys).
    An enumeration outside the table prints its value.

    >>> enum_label(Direction.HIGHER, "fr"), enum_label(Direction.HIGHER, "en")
    ('à maximiser', 'higher is better')
    """
    words = _LABELS.get((type(member), member.value))
    if words is None:
        return str(member.value)
    return words[0] if lang == "fr" else words[1]


def table_classes() -> tuple[type[enum.Enum], ...]:
    """The enumerations the table covers (for the completeness test)."""
    return tuple(_TABLE)


# Short units printed differently per language (``d`` is ``j`` for *jour* in French).
_UNITS: dict[str, tuple[str, str]] = {
    "d": ("j", "d"),
    "day": ("j", "day"),
    "days": ("j", "days"),
    "j": ("j", "d"),
    "jours": ("j", "days"),
}


def unit_label(unit: str, lang: str) -> str:
    """A KPI unit as ``lang`` writes it; most units (``%``, ``h``, ``ms``) are universal.

    >>> unit_label("d", "fr"), unit_label("d", "en"), unit_label("%", "fr")
    ('j', 'd', '%')
    """
    words = _UNITS.get(unit)
    if words is None:
        return unit
    return words[0] if lang == "fr" else words[1]


PHRASES: Final[dict[str, dict[str, str]]] = {
    "fr": {
        "placeholder": "[À COMPLÉTER : {name}]",
        "draft_banner": "PROJET — document de travail, à compléter avant signature",
        "watermark": "PROJET",
        "integrity_intro": "Document établi avec vendorgov.",
        "integrity_data": "Empreinte SHA-256 des données",
        "integrity_body": "Empreinte SHA-256 du texte qui précède ce pied de page",
        "yes": "oui",
        "no": "non",
        "horizon_months": "M+{count}",
        "horizon_weeks": "S+{count}",
        "horizon_days": "J+{count}",
        "horizon_eom": "fin de mois",
        "horizon_eoq": "fin de trimestre",
        "horizon_eoy": "fin d'année",
        "horizon_fiscal": "fin d'exercice ({month})",
    },
    "en": {
        "placeholder": "[TO BE COMPLETED: {name}]",
        "draft_banner": "DRAFT — working document, to be completed before signature",
        "watermark": "DRAFT",
        "integrity_intro": "Document produced with vendorgov.",
        "integrity_data": "SHA-256 of the data",
        "integrity_body": "SHA-256 of the text before this footer",
        "yes": "yes",
        "no": "no",
        "horizon_months": "M+{count}",
        "horizon_weeks": "W+{count}",
        "horizon_days": "D+{count}",
        "horizon_eom": "end of month",
        "horizon_eoq": "end of quarter",
        "horizon_eoy": "end of year",
        "horizon_fiscal": "end of fiscal year ({month})",
    },
}
"""Fixed phrases the machinery prints (placeholders, draft banner, integrity footer)."""
