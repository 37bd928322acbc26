"""Words every face prints that do not come from the mission: enum labels, standings, phrases.

The documents, the command line, the calendar and the notebook display all take their enum
labels from here, so that a word is one word per language everywhere (*fair* is *passable*
in French, in a review report as in ``vendorgov score``).

The model stays language-free: an enum member is a code (``Direction.HIGHER``). Its label
is a message of the catalogs (`vendorgov._i18n`) whose context is the enumeration's name
(``msgctxt "Direction"``, ``msgid "higher is better"``), so that the same English word in
two enumerations can be translated apart. Every member of every public enumeration has a
label (a test checks it, and another that every catalog translates it), so a template can
print any enum with the ``label`` filter, or print the member directly (the finalize hook
looks it up).

This is a shared edge module (like `vendorgov._i18n` and `vendorgov._format`): the edges
import it, it imports no edge. The Jinja side of the catalogs (`install_translations`)
stays with the documents, in ``vendorgov._documents.labels``.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator, Mapping
from typing import Final

from vendorgov._i18n import LANGUAGES, N_, NP_, check_language, translate, translations
from vendorgov._model.amendment import ChangeAction, ChangeKind, ClauseName
from vendorgov._model.cadence import Frequency, Weekday
from vendorgov._model.contract import BillingPeriod, FeeKind
from vendorgov._model.exit import ExitStepKind, ExitStepStatus
from vendorgov._model.incentives import CreditBase, NoDataPolicy
from vendorgov._model.kickoff import IntegrationKind, ResourceKind, ToolCategory
from vendorgov._model.kpi import Aggregation, Consensus, Direction, HorizonKind
from vendorgov._model.ledger import ComplianceKind
from vendorgov._model.parties import ContactRole, Side
from vendorgov._model.portfolio import DeadlineKind
from vendorgov._model.privacy import ProcessingEnd, SubProcessorAuthorisation
from vendorgov._model.results import PayoutCategory
from vendorgov._model.review import (
    ActionStatus,
    IdeaStatus,
    NeedStatus,
    RecognitionKind,
    ReviewKind,
)
from vendorgov._model.scorecard import Scorecard, Severity, Status
from vendorgov._model.specification import ActivityKind
from vendorgov._model.tracking import ReportStatus
from vendorgov._model.voice import ContestStatus

__all__ = [
    "LANGUAGES",
    "PHRASES",
    "STANDINGS",
    "enum_label",
    "message",
    "standing_label",
    "table_classes",
    "unit_label",
    "verdict_label",
]

# The English label of each member, with the enumeration's name as its context (so that
# ``ActionStatus.OPEN`` and ``NeedStatus.OPEN`` may be translated apart).
_TABLE: dict[type[enum.Enum], dict[str, tuple[str, str]]] = {
    ContactRole: {
        "primary": NP_("ContactRole", "primary contact"),
        "escalation": NP_("ContactRole", "escalation contact"),
        "other": NP_("ContactRole", "other contact"),
    },
    Side: {"client": NP_("Side", "client"), "provider": NP_("Side", "provider")},
    ActivityKind: {
        "logistics": NP_("ActivityKind", "logistics"),
        "community": NP_("ActivityKind", "community management"),
        "website": NP_("ActivityKind", "website"),
        "customer_service": NP_("ActivityKind", "customer service"),
        "content": NP_("ActivityKind", "content"),
        "other": NP_("ActivityKind", "other"),
    },
    BillingPeriod: {
        "one_off": NP_("BillingPeriod", "one-off"),
        "monthly": NP_("BillingPeriod", "monthly"),
        "quarterly": NP_("BillingPeriod", "quarterly"),
        "yearly": NP_("BillingPeriod", "yearly"),
        "milestone": NP_("BillingPeriod", "per milestone"),
    },
    FeeKind: {
        "fixed": NP_("FeeKind", "fixed fee"),
        "per_unit": NP_("FeeKind", "per unit"),
        "time_and_materials": NP_("FeeKind", "time and materials"),
    },
    Frequency: {
        "weekly": NP_("Frequency", "weekly"),
        "monthly": NP_("Frequency", "monthly"),
        "quarterly": NP_("Frequency", "quarterly"),
    },
    Weekday: {
        "MO": NP_("Weekday", "Monday"),
        "TU": NP_("Weekday", "Tuesday"),
        "WE": NP_("Weekday", "Wednesday"),
        "TH": NP_("Weekday", "Thursday"),
        "FR": NP_("Weekday", "Friday"),
        "SA": NP_("Weekday", "Saturday"),
        "SU": NP_("Weekday", "Sunday"),
    },
    IntegrationKind: {
        "email_address": NP_("IntegrationKind", "e-mail address"),
        "seminar_invitation": NP_("IntegrationKind", "seminar invitation"),
        "site_visit": NP_("IntegrationKind", "site visit"),
        "other": NP_("IntegrationKind", "other"),
    },
    ResourceKind: {
        "document": NP_("ResourceKind", "document"),
        "data": NP_("ResourceKind", "data"),
        "access": NP_("ResourceKind", "access"),
        "equipment": NP_("ResourceKind", "equipment"),
        "other": NP_("ResourceKind", "other"),
    },
    ToolCategory: {
        "messaging": NP_("ToolCategory", "messaging"),
        "video": NP_("ToolCategory", "video conferencing"),
        "project_management": NP_("ToolCategory", "project management"),
        "storage": NP_("ToolCategory", "file sharing"),
        "calendar": NP_("ToolCategory", "shared calendar"),
        "brainstorming": NP_("ToolCategory", "brainstorming board"),
        "other": NP_("ToolCategory", "other"),
    },
    Aggregation: {
        "mean": NP_("Aggregation", "mean"),
        "sum": NP_("Aggregation", "sum"),
        "last": NP_("Aggregation", "last value"),
        "min": NP_("Aggregation", "minimum"),
        "max": NP_("Aggregation", "maximum"),
        "median": NP_("Aggregation", "median"),
    },
    Direction: {
        "higher": NP_("Direction", "higher is better"),
        "lower": NP_("Direction", "lower is better"),
    },
    HorizonKind: {
        "M": NP_("HorizonKind", "months"),
        "W": NP_("HorizonKind", "weeks"),
        "D": NP_("HorizonKind", "days"),
        "EOM": NP_("HorizonKind", "end of month"),
        "EOQ": NP_("HorizonKind", "end of quarter"),
        "EOY": NP_("HorizonKind", "end of year"),
        "date": NP_("HorizonKind", "date"),
    },
    ActionStatus: {
        "open": NP_("ActionStatus", "open"),
        "done": NP_("ActionStatus", "done"),
        "cancelled": NP_("ActionStatus", "cancelled"),
    },
    IdeaStatus: {
        "proposed": NP_("IdeaStatus", "proposed"),
        "accepted": NP_("IdeaStatus", "accepted"),
        "rejected": NP_("IdeaStatus", "rejected"),
        "implemented": NP_("IdeaStatus", "implemented"),
    },
    NeedStatus: {"open": NP_("NeedStatus", "open"), "answered": NP_("NeedStatus", "answered")},
    RecognitionKind: {
        "thanks": NP_("RecognitionKind", "thanks"),
        "public_mention": NP_("RecognitionKind", "public mention"),
        "award": NP_("RecognitionKind", "award"),
        "testimonial": NP_("RecognitionKind", "testimonial"),
        "other": NP_("RecognitionKind", "other"),
    },
    ReviewKind: {
        "weekly": NP_("ReviewKind", "weekly review"),
        "monthly": NP_("ReviewKind", "monthly review"),
        "milestone": NP_("ReviewKind", "milestone review"),
        "quarterly": NP_("ReviewKind", "quarterly business review"),
    },
    Severity: {
        "info": NP_("Severity", "info"),
        "warning": NP_("Severity", "warning"),
        "critical": NP_("Severity", "critical"),
    },
    Status: {
        "met": NP_("Status", "met"),
        "at_risk": NP_("Status", "at risk"),
        "missed": NP_("Status", "missed"),
        "no_data": NP_("Status", "no data"),
    },
    DeadlineKind: {
        "milestone": NP_("DeadlineKind", "milestone"),
        "review": NP_("DeadlineKind", "review"),
        "action": NP_("DeadlineKind", "corrective action"),
        "report": NP_("DeadlineKind", "report due"),
        "notice": NP_("DeadlineKind", "last day to give notice"),
        "contract_end": NP_("DeadlineKind", "end of the contract"),
    },
    ComplianceKind: {
        "vigilance_certificate": NP_("ComplianceKind", "URSSAF vigilance certificate"),
        "insurance": NP_("ComplianceKind", "insurance certificate"),
        "registration_extract": NP_("ComplianceKind", "company registration extract"),
        "other": NP_("ComplianceKind", "other"),
    },
    ReportStatus: {
        "on_time": NP_("ReportStatus", "on time"),
        "late": NP_("ReportStatus", "late"),
        "missing": NP_("ReportStatus", "missing"),
        "pending": NP_("ReportStatus", "pending"),
    },
    PayoutCategory: {
        "bonus": NP_("PayoutCategory", "bonus"),
        "service_credit": NP_("PayoutCategory", "service credit"),
        "earn_back": NP_("PayoutCategory", "earn-back"),
    },
    NoDataPolicy: {
        "credit": NP_("NoDataPolicy", "credited as missed"),
        "ignore": NP_("NoDataPolicy", "ignored"),
    },
    ExitStepKind: {
        "knowledge_transfer": NP_("ExitStepKind", "knowledge transfer"),
        "parallel_run": NP_("ExitStepKind", "start of the parallel run"),
        "return": NP_("ExitStepKind", "return"),
        "revoke_tool": NP_("ExitStepKind", "revoke tool access"),
        "close_account": NP_("ExitStepKind", "close account"),
        "final_invoice": NP_("ExitStepKind", "last invoice"),
        "settlement": NP_("ExitStepKind", "settlement"),
    },
    ExitStepStatus: {
        "done": NP_("ExitStepStatus", "done"),
        "pending": NP_("ExitStepStatus", "pending"),
        "late": NP_("ExitStepStatus", "late"),
    },
    ProcessingEnd: {
        "delete": NP_("ProcessingEnd", "deletion"),
        "return": NP_("ProcessingEnd", "return"),
        "return_then_delete": NP_("ProcessingEnd", "return, then deletion"),
    },
    SubProcessorAuthorisation: {
        "specific": NP_("SubProcessorAuthorisation", "specific authorisation"),
        "general": NP_("SubProcessorAuthorisation", "general authorisation"),
    },
    CreditBase: {
        "fixed": NP_("CreditBase", "fixed fees"),
        "fixed_and_variable": NP_("CreditBase", "fixed and variable fees"),
    },
    Consensus: {
        "median": NP_("Consensus", "median"),
        "mean": NP_("Consensus", "mean"),
    },
    ContestStatus: {
        "open": NP_("ContestStatus", "contested"),
        "accepted": NP_("ContestStatus", "contest accepted"),
        "amended": NP_("ContestStatus", "amended after contest"),
        "rejected": NP_("ContestStatus", "contest rejected"),
    },
    ChangeAction: {
        "add": NP_("ChangeAction", "added"),
        "replace": NP_("ChangeAction", "replaced"),
        "remove": NP_("ChangeAction", "removed"),
    },
    ChangeKind: {
        "fee": NP_("ChangeKind", "fee"),
        "activity": NP_("ChangeKind", "activity"),
        "kpi": NP_("ChangeKind", "indicator"),
        "milestone": NP_("ChangeKind", "milestone"),
        "target": NP_("ChangeKind", "target"),
        "clause": NP_("ChangeKind", "clause"),
        "custom_clause": NP_("ChangeKind", "specific clause"),
        "contact": NP_("ChangeKind", "contact"),
        "tool": NP_("ChangeKind", "tool"),
    },
    ClauseName: {
        "payment": NP_("ClauseName", "payment terms"),
        "reporting": NP_("ClauseName", "reporting"),
        "confidentiality": NP_("ClauseName", "confidentiality"),
        "ip": NP_("ClauseName", "intellectual property"),
        "liability": NP_("ClauseName", "liability"),
        "termination": NP_("ClauseName", "termination"),
        "governing_law": NP_("ClauseName", "governing law and jurisdiction"),
        "work_methods": NP_("ClauseName", "performance of the services"),
        "objectives": NP_("ClauseName", "objectives"),
        "planning": NP_("ClauseName", "schedule"),
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
    >>> enum_label(Direction.HIGHER, "es")
    'a maximizar'
    """
    words = _LABELS.get((type(member), member.value))
    if words is None:
        return str(member.value)
    return translate(lang, words)


def table_classes() -> tuple[type[enum.Enum], ...]:
    """The enumerations the table covers (for the completeness test)."""
    return tuple(_TABLE)


# Short units printed differently per language (``d`` is ``j`` for *jour* in French); the
# keys are units as missions write them, English or French.
_UNITS: Final[dict[str, tuple[str, str]]] = {
    "d": NP_("unit", "d"),
    "day": NP_("unit", "day"),
    "days": NP_("unit", "days"),
    "j": NP_("unit", "d"),
    "jours": NP_("unit", "days"),
}


def unit_label(unit: str, lang: str) -> str:
    """A KPI unit as ``lang`` writes it; most units (``%``, ``h``, ``ms``) are universal.

    >>> unit_label("d", "fr"), unit_label("d", "en"), unit_label("%", "fr")
    ('j', 'd', '%')
    """
    words = _UNITS.get(unit)
    if words is None:
        return unit
    return translate(lang, words)


_PHRASES: Final[dict[str, str]] = {
    "placeholder": N_("[TO BE COMPLETED: {name}]"),
    "draft_banner": N_("DRAFT — working document, to be completed before signature"),
    "watermark": N_("DRAFT"),
    "integrity_intro": N_("Document produced with vendorgov."),
    "integrity_data": N_("SHA-256 of the data"),
    "integrity_body": N_("SHA-256 of the text before this footer"),
    "attachment": N_("The mission's data this document was rendered from (vendorgov JSON)"),
    "portfolio_attachment": N_("The portfolio's rows this dashboard was printed from (JSON)"),
    "yes": N_("yes"),
    "no": N_("no"),
    "horizon_months": N_("M+{count}"),
    "horizon_weeks": N_("W+{count}"),
    "horizon_days": N_("D+{count}"),
    "horizon_eom": N_("end of month"),
    "horizon_eoq": N_("end of quarter"),
    "horizon_eoy": N_("end of year"),
    "horizon_fiscal": N_("end of fiscal year ({month})"),
}


@functools.cache
def _phrases(lang: str) -> Mapping[str, str]:
    catalog = translations(lang)
    return {key: catalog.gettext(message) for key, message in _PHRASES.items()}


class _Phrases(Mapping[str, Mapping[str, str]]):
    """The fixed phrases by language: ``PHRASES["fr"]["placeholder"]``."""

    def __getitem__(self, lang: str) -> Mapping[str, str]:
        return _phrases(check_language(lang))

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


PHRASES: Final[Mapping[str, Mapping[str, str]]] = _Phrases()
"""Fixed phrases the machinery prints (placeholders, draft banner, integrity footer).

>>> PHRASES["fr"]["watermark"], PHRASES["es"]["yes"]
('PROJET', 'sí')
"""


# -- standings ---------------------------------------------------------------------------------
# The default bands of a scorecard (DESIGN §5). The review report's templates use the same
# messages (``pgettext("standing", "fair")``): one word per language in every face.
STANDINGS: Final[dict[str, tuple[str, str]]] = {
    "excellent": NP_("standing", "excellent"),
    "good": NP_("standing", "good"),
    "fair": NP_("standing", "fair"),
    "poor": NP_("standing", "poor"),
}
"""The default standings, by name: their messages (context ``standing``)."""


def standing_label(standing: str | None, lang: str) -> str:
    """A scorecard's standing in ``lang``; a band the mission named itself prints as written.

    ``None`` (insufficient evidence, or no score) prints as a dash.

    >>> standing_label("fair", "fr"), standing_label("fair", "es"), standing_label("Top", "fr")
    ('passable', 'aceptable', 'Top')
    >>> standing_label(None, "en")
    '—'
    """
    if standing is None:
        return "—"
    words = STANDINGS.get(standing)
    return standing if words is None else translate(lang, words)


INSUFFICIENT_EVIDENCE: Final[tuple[str, str]] = NP_("standing", "insufficient evidence")
"""The standing of a score below the mission's minimum coverage: no band."""


def verdict_label(card: Scorecard, lang: str) -> str:
    """What a scorecard's standing reads as: its band, "insufficient evidence", or a dash.

    A score resting on less of the KPI weight than the minimum coverage has no band: it
    reads "insufficient evidence"; no score at all reads as a dash.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> day = dt.date(2026, 12, 31)
    >>> card = Scorecard(mission="site_web", at=day, milestone="M+1", due=day,
    ...                  window_start=day, window_end=day, results=(), overall=Decimal(100),
    ...                  coverage=Decimal(1) / 6)
    >>> verdict_label(card, "en"), verdict_label(card, "fr")
    ('insufficient evidence', 'preuves insuffisantes')
    """
    if card.overall is not None and not card.sufficient:
        return translate(lang, INSUFFICIENT_EVIDENCE)
    return standing_label(card.standing, lang)


# -- messages in Python ------------------------------------------------------------------------
def message(lang: str, marked: str | tuple[str, str], /, **values: object) -> str:
    """A message marked with `N_` or `NP_`, in ``lang``, with ``values`` put into it.

    Messages are new-style gettext, as in the templates: placeholders are ``%(name)s``
    and a literal ``%`` is ``%%`` (the message is always formatted, with or without
    values). The values are put in as given: format numbers and dates first
    (`vendorgov._format`).

    >>> message("fr", N_("Status on %(date)s"), date="29/11/2026")
    'Situation au 29/11/2026'
    >>> message("es", NP_("standing", "fair"))
    'aceptable'
    """
    return translate(lang, marked) % values
