"""vendorgov — steer the providers you outsource work to.

Immutable, validated values for the whole outsourcing mission (contract,
specification, KPIs with tiered targets, reviews, incentives), pure
computations on them (scorecards, findings, payouts, budget), and the files
people and tools exchange.

Every public name loads on first use (only the exceptions and the model's registry
of notebook views load with the package), so ``import vendorgov`` stays fast and
tools that wrap it start quickly.

>>> import datetime as dt
>>> import vendorgov
>>> missions = vendorgov.examples.demo_missions()
>>> [m.key for m in missions]
['logistique', 'community', 'site_web']
>>> vendorgov.score(missions[0], dt.date(2026, 11, 29)).milestone
"Fin d'année"
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from vendorgov._model import hooks as _hooks
from vendorgov.exceptions import (
    CurrencyMismatchError,
    ErrorDetail,
    JournalError,
    MissingDependencyError,
    OverwriteError,
    TemplateError,
    UnknownKeyError,
    ValidationError,
    VendorgovError,
)


def _load_display() -> None:
    """Load the notebook display edge, which registers its views with the model."""
    import vendorgov._display  # noqa: F401 - the first _repr_html_ pays for it


# The model looks its notebook views up by kind and never imports an edge itself: the
# package tells it where they come from, and the display edge loads on the first view.
_hooks.add_loader(_load_display)

if TYPE_CHECKING:
    __version__: str
    from vendorgov import catalog, examples, journal, serialization
    from vendorgov._calendar import (
        calendar,
    )
    from vendorgov._describe import (
        describe,
    )
    from vendorgov._digest import (
        email_digest,
        slack_digest,
        teams_digest,
    )
    from vendorgov._display import (
        to_html,
    )
    from vendorgov._documents.dashboard import (
        dashboard,
    )
    from vendorgov._documents.document import (
        Document,
    )
    from vendorgov._documents.render import (
        render,
    )
    from vendorgov._engine.budget import (
        budget,
    )
    from vendorgov._engine.exit import (
        exit_checklist,
    )
    from vendorgov._engine.health import (
        FINDING_CODES,
        assess,
        contract_value,
    )
    from vendorgov._engine.incentives import (
        PAYOUT_RULES,
        payout_totals,
        payouts,
    )
    from vendorgov._engine.legal import (
        LEGAL_INTEREST_RATES,
    )
    from vendorgov._engine.measurements import (
        ImportResult,
        MeasurementChange,
        apply_measurements,
    )
    from vendorgov._engine.portfolio import (
        assess_portfolio,
        score_portfolio,
        summarize,
        summarize_portfolio,
    )
    from vendorgov._engine.report import (
        review_report,
    )
    from vendorgov._engine.reporting import (
        reporting_compliance,
    )
    from vendorgov._engine.reviews import (
        answer_need,
        close_action,
        decide_idea,
        ideas_by_status,
        open_actions,
        open_needs,
        overdue_actions,
        record_review,
        reopen_action,
    )
    from vendorgov._engine.scoring import (
        score,
        score_history,
    )
    from vendorgov._engine.terms import (
        mission_end,
        next_term,
        term_in_force,
        terms,
    )
    from vendorgov._engine.time import (
        from_rrule,
        occurrences,
        review_times,
        to_rrule,
    )
    from vendorgov._importing import (
        import_measurements,
    )
    from vendorgov._model.amendment import (
        Amendment,
        Change,
        ChangeAction,
        ChangeKind,
        ClauseName,
        Signatory,
        in_force,
    )
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
    from vendorgov._model.exit import (
        ExitChecklist,
        ExitPlan,
        ExitRecord,
        ExitReturn,
        ExitStep,
        ExitStepKind,
        ExitStepStatus,
    )
    from vendorgov._model.imports import (
        ColumnFilter,
        ImportColumn,
        ImportMapping,
    )
    from vendorgov._model.incentives import (
        Benefit,
        BonusScheme,
        BonusTier,
        CreditBase,
        KpiCreditRate,
        NoDataPolicy,
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
        Consensus,
        Direction,
        Horizon,
        HorizonKind,
        Kpi,
        Measurement,
        Milestone,
        Scale,
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
    from vendorgov._model.portfolio import (
        Deadline,
        DeadlineKind,
        FileProblem,
        MissionSummary,
        Portfolio,
        Scorecards,
        ScorePoint,
    )
    from vendorgov._model.privacy import (
        DataProcessing,
        ProcessingEnd,
        SubProcessor,
        SubProcessorAuthorisation,
    )
    from vendorgov._model.report import (
        ReviewReport,
    )
    from vendorgov._model.results import (
        BudgetLine,
        BudgetReport,
        Payout,
        PayoutCategory,
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
        Parameter,
        Scorecard,
        Severity,
        Status,
    )
    from vendorgov._model.sequences import (
        Findings,
        Payouts,
    )
    from vendorgov._model.specification import (
        Activity,
        ActivityKind,
        Deliverable,
        PlannedSpend,
        ScheduleItem,
        Specification,
    )
    from vendorgov._model.terms import (
        Notice,
        RenewalDecision,
        Term,
    )
    from vendorgov._model.text import (
        LocalizedText,
        localize,
    )
    from vendorgov._model.tracking import (
        ReportCheck,
        ReportingSummary,
        ReportStatus,
    )
    from vendorgov._model.voice import (
        Contest,
        ContestStatus,
        Evaluation,
    )
    from vendorgov._portfolio import (
        load_portfolio,
        summarize_files,
    )
    from vendorgov.journal import (
        compact,
        history,
        load,
        record,
    )
    from vendorgov.serialization import (
        dump,
        dumps,
        json_schema,
        loads,
    )

# Every public name → the module that defines it, imported on first access: a plain
# ``import vendorgov`` (and so ``vendorgov --help``) loads almost nothing.
_LAZY: dict[str, str] = {
    "Amendment": "vendorgov._model.amendment",
    "Change": "vendorgov._model.amendment",
    "ChangeAction": "vendorgov._model.amendment",
    "ChangeKind": "vendorgov._model.amendment",
    "ClauseName": "vendorgov._model.amendment",
    "Signatory": "vendorgov._model.amendment",
    "in_force": "vendorgov._model.amendment",
    "ColumnFilter": "vendorgov._model.imports",
    "ImportColumn": "vendorgov._model.imports",
    "ImportMapping": "vendorgov._model.imports",
    "ImportResult": "vendorgov._engine.measurements",
    "MeasurementChange": "vendorgov._engine.measurements",
    "apply_measurements": "vendorgov._engine.measurements",
    "import_measurements": "vendorgov._importing",
    "ActionStatus": "vendorgov._model.review",
    "Activity": "vendorgov._model.specification",
    "ActivityKind": "vendorgov._model.specification",
    "Address": "vendorgov._model.parties",
    "AgendaItem": "vendorgov._model.kickoff",
    "Aggregation": "vendorgov._model.kpi",
    "Band": "vendorgov._model.kpi",
    "Benefit": "vendorgov._model.incentives",
    "BillingPeriod": "vendorgov._model.contract",
    "BonusScheme": "vendorgov._model.incentives",
    "BonusTier": "vendorgov._model.incentives",
    "BudgetLine": "vendorgov._model.results",
    "BudgetReport": "vendorgov._model.results",
    "Cadence": "vendorgov._model.cadence",
    "ComplianceDocument": "vendorgov._model.ledger",
    "ComplianceKind": "vendorgov._model.ledger",
    "Confidentiality": "vendorgov._model.contract",
    "Consensus": "vendorgov._model.kpi",
    "Contest": "vendorgov._model.voice",
    "ContestStatus": "vendorgov._model.voice",
    "Evaluation": "vendorgov._model.voice",
    "Scale": "vendorgov._model.kpi",
    "Contact": "vendorgov._model.parties",
    "ContactRole": "vendorgov._model.parties",
    "Contract": "vendorgov._model.contract",
    "CorrectiveAction": "vendorgov._model.review",
    "CreditBase": "vendorgov._model.incentives",
    "CustomClause": "vendorgov._model.contract",
    "DEFAULT_BANDS": "vendorgov._model.kpi",
    "DataProcessing": "vendorgov._model.privacy",
    "Deliverable": "vendorgov._model.specification",
    "Direction": "vendorgov._model.kpi",
    "Document": "vendorgov._documents.document",
    "ExitChecklist": "vendorgov._model.exit",
    "ExitPlan": "vendorgov._model.exit",
    "ExitRecord": "vendorgov._model.exit",
    "ExitReturn": "vendorgov._model.exit",
    "ExitStep": "vendorgov._model.exit",
    "ExitStepKind": "vendorgov._model.exit",
    "ExitStepStatus": "vendorgov._model.exit",
    "FINDING_CODES": "vendorgov._engine.health",
    "Fee": "vendorgov._model.contract",
    "FeeKind": "vendorgov._model.contract",
    "Finding": "vendorgov._model.scorecard",
    "Findings": "vendorgov._model.sequences",
    "Frequency": "vendorgov._model.cadence",
    "GoverningLaw": "vendorgov._model.contract",
    "Handover": "vendorgov._model.parties",
    "Horizon": "vendorgov._model.kpi",
    "HorizonKind": "vendorgov._model.kpi",
    "Idea": "vendorgov._model.review",
    "IdeaStatus": "vendorgov._model.review",
    "IntegrationKind": "vendorgov._model.kickoff",
    "IntegrationStep": "vendorgov._model.kickoff",
    "IpAssignment": "vendorgov._model.contract",
    "Kickoff": "vendorgov._model.kickoff",
    "Kpi": "vendorgov._model.kpi",
    "KpiCreditRate": "vendorgov._model.incentives",
    "KpiResult": "vendorgov._model.scorecard",
    "Liability": "vendorgov._model.contract",
    "LocalizedText": "vendorgov._model.text",
    "Measurement": "vendorgov._model.kpi",
    "Milestone": "vendorgov._model.kpi",
    "Mission": "vendorgov._model.mission",
    "Money": "vendorgov._model.money",
    "NeedStatus": "vendorgov._model.review",
    "NoDataPolicy": "vendorgov._model.incentives",
    "PAYOUT_RULES": "vendorgov._engine.incentives",
    "Parameter": "vendorgov._model.scorecard",
    "Party": "vendorgov._model.parties",
    "PaymentTerms": "vendorgov._model.contract",
    "Payout": "vendorgov._model.results",
    "PayoutCategory": "vendorgov._model.results",
    "Payouts": "vendorgov._model.sequences",
    "PlannedSpend": "vendorgov._model.specification",
    "ProcessingEnd": "vendorgov._model.privacy",
    "ProviderNeed": "vendorgov._model.review",
    "Recognition": "vendorgov._model.review",
    "RecognitionKind": "vendorgov._model.review",
    "Renewal": "vendorgov._model.contract",
    "Report": "vendorgov._model.ledger",
    "ReportCheck": "vendorgov._model.tracking",
    "ReportStatus": "vendorgov._model.tracking",
    "Reporting": "vendorgov._model.contract",
    "ReportingSummary": "vendorgov._model.tracking",
    "Resource": "vendorgov._model.kickoff",
    "ResourceKind": "vendorgov._model.kickoff",
    "Review": "vendorgov._model.review",
    "ReviewKind": "vendorgov._model.review",
    "ReviewReport": "vendorgov._model.report",
    "ScheduleItem": "vendorgov._model.specification",
    "Scorecard": "vendorgov._model.scorecard",
    "ServiceCreditScheme": "vendorgov._model.incentives",
    "Severity": "vendorgov._model.scorecard",
    "Side": "vendorgov._model.parties",
    "Specification": "vendorgov._model.specification",
    "SpendEntry": "vendorgov._model.ledger",
    "Status": "vendorgov._model.scorecard",
    "SubProcessor": "vendorgov._model.privacy",
    "SubProcessorAuthorisation": "vendorgov._model.privacy",
    "Target": "vendorgov._model.kpi",
    "Termination": "vendorgov._model.contract",
    "Tool": "vendorgov._model.kickoff",
    "ToolCategory": "vendorgov._model.kickoff",
    "Training": "vendorgov._model.kickoff",
    "Notice": "vendorgov._model.terms",
    "RenewalDecision": "vendorgov._model.terms",
    "Term": "vendorgov._model.terms",
    "LEGAL_INTEREST_RATES": "vendorgov._engine.legal",
    "mission_end": "vendorgov._engine.terms",
    "next_term": "vendorgov._engine.terms",
    "term_in_force": "vendorgov._engine.terms",
    "terms": "vendorgov._engine.terms",
    "ValueEntry": "vendorgov._model.ledger",
    "Weekday": "vendorgov._model.cadence",
    "answer_need": "vendorgov._engine.reviews",
    "assess": "vendorgov._engine.health",
    "assess_portfolio": "vendorgov._engine.portfolio",
    "budget": "vendorgov._engine.budget",
    "calendar": "vendorgov._calendar",
    "close_action": "vendorgov._engine.reviews",
    "contract_value": "vendorgov._engine.health",
    "decide_idea": "vendorgov._engine.reviews",
    "describe": "vendorgov._describe",
    "dump": "vendorgov.serialization",
    "dumps": "vendorgov.serialization",
    "exit_checklist": "vendorgov._engine.exit",
    "from_rrule": "vendorgov._engine.time",
    "ideas_by_status": "vendorgov._engine.reviews",
    "json_schema": "vendorgov.serialization",
    "compact": "vendorgov.journal",
    "history": "vendorgov.journal",
    "load": "vendorgov.journal",
    "loads": "vendorgov.serialization",
    "localize": "vendorgov._model.text",
    "occurrences": "vendorgov._engine.time",
    "open_actions": "vendorgov._engine.reviews",
    "open_needs": "vendorgov._engine.reviews",
    "overdue_actions": "vendorgov._engine.reviews",
    "payout_totals": "vendorgov._engine.incentives",
    "payouts": "vendorgov._engine.incentives",
    "record": "vendorgov.journal",
    "record_review": "vendorgov._engine.reviews",
    "render": "vendorgov._documents.render",
    "reopen_action": "vendorgov._engine.reviews",
    "reporting_compliance": "vendorgov._engine.reporting",
    "review_report": "vendorgov._engine.report",
    "review_times": "vendorgov._engine.time",
    "score": "vendorgov._engine.scoring",
    "score_history": "vendorgov._engine.scoring",
    "score_portfolio": "vendorgov._engine.portfolio",
    "to_html": "vendorgov._display",
    "to_rrule": "vendorgov._engine.time",
    "Deadline": "vendorgov._model.portfolio",
    "DeadlineKind": "vendorgov._model.portfolio",
    "FileProblem": "vendorgov._model.portfolio",
    "MissionSummary": "vendorgov._model.portfolio",
    "Portfolio": "vendorgov._model.portfolio",
    "ScorePoint": "vendorgov._model.portfolio",
    "Scorecards": "vendorgov._model.portfolio",
    "summarize": "vendorgov._engine.portfolio",
    "summarize_portfolio": "vendorgov._engine.portfolio",
    "load_portfolio": "vendorgov._portfolio",
    "summarize_files": "vendorgov._portfolio",
    "dashboard": "vendorgov._documents.dashboard",
    "email_digest": "vendorgov._digest",
    "slack_digest": "vendorgov._digest",
    "teams_digest": "vendorgov._digest",
}
_SUBMODULES = frozenset({"catalog", "examples", "exceptions", "journal", "serialization"})


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later lookups skip this function
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"vendorgov.{name}")
    if name == "__version__":  # read from the installed package's metadata, once
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("vendorgov")
        except PackageNotFoundError:  # pragma: no cover - a source tree never installed
            number = "0+unknown"
        globals()[name] = number
        return number
    raise AttributeError(f"module 'vendorgov' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "DEFAULT_BANDS",
    "FINDING_CODES",
    "LEGAL_INTEREST_RATES",
    "PAYOUT_RULES",
    "ActionStatus",
    "Activity",
    "ActivityKind",
    "Address",
    "AgendaItem",
    "Aggregation",
    "Amendment",
    "Band",
    "Benefit",
    "BillingPeriod",
    "BonusScheme",
    "BonusTier",
    "BudgetLine",
    "BudgetReport",
    "Cadence",
    "Change",
    "ChangeAction",
    "ChangeKind",
    "ClauseName",
    "ColumnFilter",
    "ComplianceDocument",
    "ComplianceKind",
    "Confidentiality",
    "Consensus",
    "Contact",
    "ContactRole",
    "Contest",
    "ContestStatus",
    "Contract",
    "CorrectiveAction",
    "CreditBase",
    "CurrencyMismatchError",
    "CustomClause",
    "DataProcessing",
    "Deadline",
    "DeadlineKind",
    "Deliverable",
    "Direction",
    "Document",
    "ErrorDetail",
    "Evaluation",
    "ExitChecklist",
    "ExitPlan",
    "ExitRecord",
    "ExitReturn",
    "ExitStep",
    "ExitStepKind",
    "ExitStepStatus",
    "Fee",
    "FeeKind",
    "FileProblem",
    "Finding",
    "Findings",
    "Frequency",
    "GoverningLaw",
    "Handover",
    "Horizon",
    "HorizonKind",
    "Idea",
    "IdeaStatus",
    "ImportColumn",
    "ImportMapping",
    "ImportResult",
    "IntegrationKind",
    "IntegrationStep",
    "IpAssignment",
    "JournalError",
    "Kickoff",
    "Kpi",
    "KpiCreditRate",
    "KpiResult",
    "Liability",
    "LocalizedText",
    "Measurement",
    "MeasurementChange",
    "Milestone",
    "MissingDependencyError",
    "Mission",
    "MissionSummary",
    "Money",
    "NeedStatus",
    "NoDataPolicy",
    "Notice",
    "OverwriteError",
    "Parameter",
    "Party",
    "PaymentTerms",
    "Payout",
    "PayoutCategory",
    "Payouts",
    "PlannedSpend",
    "Portfolio",
    "ProcessingEnd",
    "ProviderNeed",
    "Recognition",
    "RecognitionKind",
    "Renewal",
    "RenewalDecision",
    "Report",
    "ReportCheck",
    "ReportStatus",
    "Reporting",
    "ReportingSummary",
    "Resource",
    "ResourceKind",
    "Review",
    "ReviewKind",
    "ReviewReport",
    "Scale",
    "ScheduleItem",
    "ScorePoint",
    "Scorecard",
    "Scorecards",
    "ServiceCreditScheme",
    "Severity",
    "Side",
    "Signatory",
    "Specification",
    "SpendEntry",
    "Status",
    "SubProcessor",
    "SubProcessorAuthorisation",
    "Target",
    "TemplateError",
    "Term",
    "Termination",
    "Tool",
    "ToolCategory",
    "Training",
    "UnknownKeyError",
    "ValidationError",
    "ValueEntry",
    "VendorgovError",
    "Weekday",
    "answer_need",
    "apply_measurements",
    "assess",
    "assess_portfolio",
    "budget",
    "calendar",
    "catalog",
    "close_action",
    "compact",
    "contract_value",
    "dashboard",
    "decide_idea",
    "describe",
    "dump",
    "dumps",
    "email_digest",
    "examples",
    "exceptions",
    "exit_checklist",
    "from_rrule",
    "history",
    "ideas_by_status",
    "import_measurements",
    "in_force",
    "journal",
    "json_schema",
    "load",
    "load_portfolio",
    "loads",
    "localize",
    "mission_end",
    "next_term",
    "occurrences",
    "open_actions",
    "open_needs",
    "overdue_actions",
    "payout_totals",
    "payouts",
    "record",
    "record_review",
    "render",
    "reopen_action",
    "reporting_compliance",
    "review_report",
    "review_times",
    "score",
    "score_history",
    "score_portfolio",
    "serialization",
    "slack_digest",
    "summarize",
    "summarize_files",
    "summarize_portfolio",
    "teams_digest",
    "term_in_force",
    "terms",
    "to_html",
    "to_rrule",
]
