"""vendorgov — steer the providers you outsource work to.

Immutable, validated values for the whole outsourcing mission (contract,
specification, KPIs with tiered targets, reviews, incentives), computations
on them, and the files and documents people exchange.

>>> import vendorgov
>>> missions = vendorgov.examples.demo_missions()
>>> [m.key for m in missions]
['logistique', 'community', 'site_web']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vendorgov._model.cadence import (
    Cadence,
    Frequency,
    Weekday,
)
from vendorgov._model.contract import (
    BillingPeriod,
    Confidentiality,
    Contract,
    CustomClause,
    Fee,
    FeeKind,
    GoverningLaw,
    IpAssignment,
    Liability,
    PaymentTerms,
    Renewal,
    Reporting,
    Termination,
)
from vendorgov._model.incentives import (
    Benefit,
    BonusScheme,
    BonusTier,
    KpiCreditRate,
    ServiceCreditScheme,
)
from vendorgov._model.kickoff import (
    AgendaItem,
    IntegrationKind,
    IntegrationStep,
    Kickoff,
    Resource,
    ResourceKind,
    Tool,
    ToolCategory,
    Training,
)
from vendorgov._model.kpi import (
    DEFAULT_BANDS,
    Aggregation,
    Band,
    Direction,
    Horizon,
    HorizonKind,
    Kpi,
    Measurement,
    Milestone,
    Target,
)
from vendorgov._model.ledger import (
    ComplianceDocument,
    ComplianceKind,
    Report,
    SpendEntry,
    ValueEntry,
)
from vendorgov._model.mission import (
    Mission,
)
from vendorgov._model.money import (
    Money,
)
from vendorgov._model.parties import (
    Address,
    Contact,
    ContactRole,
    Handover,
    Party,
    Side,
)
from vendorgov._model.review import (
    ActionStatus,
    CorrectiveAction,
    Idea,
    IdeaStatus,
    NeedStatus,
    ProviderNeed,
    Recognition,
    RecognitionKind,
    Review,
    ReviewKind,
)
from vendorgov._model.scorecard import (
    Finding,
    KpiResult,
    Scorecard,
    Severity,
    Status,
)
from vendorgov._model.specification import (
    Activity,
    ActivityKind,
    Deliverable,
    ScheduleItem,
    Specification,
)
from vendorgov.exceptions import CurrencyMismatchError, ErrorDetail, ValidationError, VendorgovError

if TYPE_CHECKING:
    from vendorgov import catalog, examples, serialization
    from vendorgov.serialization import dump, dumps, load, loads

_LAZY_FUNCTIONS = {"dump", "dumps", "load", "loads"}
_LAZY_MODULES = {"catalog", "examples", "serialization"}


def __getattr__(name: str) -> Any:
    # Edges (cattrs, the catalog, the bundled examples) load on first use: a
    # plain ``import vendorgov`` stays fast.
    if name in _LAZY_FUNCTIONS:
        return getattr(importlib.import_module("vendorgov.serialization"), name)
    if name in _LAZY_MODULES:
        return importlib.import_module(f"vendorgov.{name}")
    raise AttributeError(f"module 'vendorgov' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DEFAULT_BANDS",
    "ActionStatus",
    "Activity",
    "ActivityKind",
    "Address",
    "AgendaItem",
    "Aggregation",
    "Band",
    "Benefit",
    "BillingPeriod",
    "BonusScheme",
    "BonusTier",
    "Cadence",
    "ComplianceDocument",
    "ComplianceKind",
    "Confidentiality",
    "Contact",
    "ContactRole",
    "Contract",
    "CorrectiveAction",
    "CurrencyMismatchError",
    "CustomClause",
    "Deliverable",
    "Direction",
    "ErrorDetail",
    "Fee",
    "FeeKind",
    "Finding",
    "Frequency",
    "GoverningLaw",
    "Handover",
    "Horizon",
    "HorizonKind",
    "Idea",
    "IdeaStatus",
    "IntegrationKind",
    "IntegrationStep",
    "IpAssignment",
    "Kickoff",
    "Kpi",
    "KpiCreditRate",
    "KpiResult",
    "Liability",
    "Measurement",
    "Milestone",
    "Mission",
    "Money",
    "NeedStatus",
    "Party",
    "PaymentTerms",
    "ProviderNeed",
    "Recognition",
    "RecognitionKind",
    "Renewal",
    "Report",
    "Reporting",
    "Resource",
    "ResourceKind",
    "Review",
    "ReviewKind",
    "ScheduleItem",
    "Scorecard",
    "ServiceCreditScheme",
    "Severity",
    "Side",
    "Specification",
    "SpendEntry",
    "Status",
    "Target",
    "Termination",
    "Tool",
    "ToolCategory",
    "Training",
    "ValidationError",
    "ValueEntry",
    "VendorgovError",
    "Weekday",
    "catalog",
    "dump",
    "dumps",
    "examples",
    "exceptions",
    "load",
    "loads",
    "serialization",
]
