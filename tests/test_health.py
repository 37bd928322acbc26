"""Findings: every code triggered by hand-built missions, with its near misses.

Missions come from ``factories`` (start 2027-03-15, end 2028-03-14) and change
one thing each. Expected dates and amounts are worked by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from factories import (
    END,
    START,
    action,
    contest,
    contract,
    damage_kpi,
    eur,
    fulfilment,
    measurement,
    milestones,
    minimal_mission,
    review,
    shipping_kpi,
    target,
    voiced_mission,
)
from vendorgov import (
    FINDING_CODES,
    ActionStatus,
    BillingPeriod,
    Cadence,
    ComplianceDocument,
    ComplianceKind,
    Contract,
    DataProcessing,
    Deliverable,
    ExitPlan,
    ExitReturn,
    Fee,
    FeeKind,
    Finding,
    Frequency,
    GoverningLaw,
    Horizon,
    IntegrationKind,
    IntegrationStep,
    IpAssignment,
    Kickoff,
    Milestone,
    Mission,
    Money,
    NeedStatus,
    Notice,
    Parameter,
    PaymentTerms,
    ProcessingEnd,
    ProviderNeed,
    Recognition,
    RecognitionKind,
    Renewal,
    Report,
    Reporting,
    Resource,
    ReviewKind,
    Severity,
    Side,
    Specification,
    SpendEntry,
    Status,
    SubProcessorAuthorisation,
    Termination,
    Tool,
    ToolCategory,
    Training,
    ValidationError,
    assess,
    contract_value,
    examples,
    score,
    score_history,
)
from vendorgov._describe import describe
from vendorgov._engine.health import notice_deadline
from vendorgov._engine.scoring import outcome


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def quiet(**changes: Any) -> Mission:
    """The minimal mission with its kickoff held: no finding at all on its own."""
    return minimal_mission(**({"kickoff": Kickoff(held_on=START)} | changes))


def found(mission: Mission, at: dt.date, code: str) -> list[Finding]:
    return [finding for finding in assess(mission, at) if finding.code == code]


def single(mission: Mission, at: dt.date, code: str) -> Finding:
    findings = found(mission, at, code)
    assert len(findings) == 1, findings
    return findings[0]


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [finding.code for finding in findings]


# -- missions for the results checks (one KPI, two milestones) ------------------
SHIPPING_MILESTONES = (
    # M+1 = 2027-04-15, M+6 = 2027-09-15 (START 2027-03-15).
    Milestone(
        name="M+1",
        horizon=Horizon.parse("M+1"),
        targets=(target("on_time_shipping", "95", "90"),),
    ),
    Milestone(
        name="M+6",
        horizon=Horizon.parse("M+6"),
        targets=(target("on_time_shipping", "98", "95"),),
    ),
)


QUARTER_MILESTONES = (
    # M+3 = 2027-06-15, then M+6 = 2027-09-15: M+6's window starts 06-16.
    Milestone(
        name="M+3",
        horizon=Horizon.parse("M+3"),
        targets=(target("on_time_shipping", "95", "90"),),
    ),
    SHIPPING_MILESTONES[1],
)


def shipping(*values: tuple[str, str], **changes: Any) -> Mission:
    """A quiet mission with the on-time shipping KPI (higher is better) measured on
    the given ``(date, value)`` pairs; ``changes`` may replace the milestones too."""
    fields: dict[str, Any] = {
        "kpis": (shipping_kpi(),),
        "milestones": SHIPPING_MILESTONES,
        "measurements": tuple(measurement(value=value, at=day(on)) for on, value in values),
    }
    return quiet(**(fields | changes))


def thin(damage: str = "0.8", **changes: Any) -> Mission:
    """Shipping (weight 2) and damage (weight 1) targeted at M+1 (2027-04-15); only damage
    is measured, on 2027-04-01: ``damage`` ≤ the target 1.0 gives 100 points. Coverage
    1 / (2 + 1) = 1/3, below the default minimum of 0.5."""
    fields: dict[str, Any] = {
        "kpis": (shipping_kpi(), damage_kpi()),
        "milestones": milestones(),
        "measurements": (measurement("damage_rate", damage),),
    }
    return quiet(**(fields | changes))


COMPLETE_DPA = DataProcessing(
    subject="Messages des clients",
    duration="Durée du contrat",
    nature="Consultation et réponse",
    purpose="Service client",
    data_types=("Nom", "Messages"),
    data_subjects=("Clients",),
    instructions="Instructions écrites",
    confidentiality="Engagement de confidentialité",
    security_measures=("Double authentification",),
    sub_processor_authorisation=SubProcessorAuthorisation.SPECIFIC,
    assistance="Sous 48 heures",
    end_of_processing=ProcessingEnd.DELETE,
    end_days=30,
    audits="Un audit par an",
)
"""A processing agreement stating every element of GDPR art. 28(3)."""


def with_contract(**changes: Any) -> Mission:
    """A quiet mission with the factory contract (effective 2027-03-01 for 12
    months, so its term ends on 2028-02-29; 3500 EUR a month, French law)."""
    return quiet(activities=(fulfilment(),), contract=contract(**changes))


def legal(**payment: Any) -> Mission:
    """A French-law contract whose payment terms are complete unless changed."""
    fields: dict[str, Any] = {
        "days": 30,
        "late_penalty_rate": Decimal("0.12"),
        "recovery_indemnity": eur("40"),
    }
    return with_contract(payment=PaymentTerms(**(fields | payment)))


def reporting_mission(*reports: Report) -> Mission:
    """Monthly reports due on the 5th with 2 grace days: the first is due on
    2027-04-05 (period 03-15..04-05), its deadline is 2027-04-07."""
    return quiet(
        activities=(fulfilment(),),
        contract=contract(
            reporting=Reporting(cadence=Cadence(frequency=Frequency.MONTHLY, day=5), grace_days=2)
        ),
        reports=reports,
    )


def budget_mission(spent: str) -> Mission:
    """2027 in full (365 days), a budget of 36500 EUR and ``spent`` on 2027-03-31.

    At 2027-03-31, 90 days have elapsed: planned to date = 36500 × 90 / 365 =
    9000.00; the overrun tolerance is 9000.00 × 1.05 = 9450.00; the forecast is
    spent × 365 / 90.
    """
    return quiet(
        start=day("2027-01-01"),
        end=day("2027-12-31"),
        kickoff=Kickoff(held_on=day("2027-01-01")),
        activities=(fulfilment(budget=eur("36500")),),
        spend=(SpendEntry(on=day("2027-03-31"), activity="fulfilment", amount=eur(spent)),),
    )


def vigilance_mission(*received: str, **changes: Any) -> Mission:
    """Signed on 2027-02-20; 3500 EUR × 12 months = 42000 EUR ≥ 5000 EUR."""
    fields: dict[str, Any] = {
        "signed_on": day("2027-02-20"),
        "payment": PaymentTerms(
            days=30, late_penalty_rate=Decimal("0.12"), recovery_indemnity=eur("40")
        ),
    }
    return quiet(
        activities=(fulfilment(),),
        contract=contract(**(fields | changes)),
        compliance_documents=tuple(
            ComplianceDocument(kind=ComplianceKind.VIGILANCE_CERTIFICATE, received_on=day(on))
            for on in received
        ),
    )


def three_years(**changes: Any) -> Mission:
    """From 2027-01-01, 12-month terms renewed tacitly, 30 days' notice: term n ends on
    the 31 December of 2027 + n, its notice deadline is 1 December."""
    fields: dict[str, Any] = {
        "start": day("2027-01-01"),
        "end": day("2027-12-31"),
        "kickoff": Kickoff(held_on=day("2027-01-01")),
        "activities": (fulfilment(),),
        "contract": contract(
            effective=day("2027-01-01"), renewal=Renewal(tacit=True, notice_days=30)
        ),
    }
    return quiet(**(fields | changes))


def insured(valid_until: str, **changes: Any) -> Mission:
    """An insurance certificate received on 2027-02-01, valid until ``valid_until``."""
    document = ComplianceDocument(
        kind=ComplianceKind.INSURANCE, received_on=day("2027-02-01"), valid_until=day(valid_until)
    )
    return attrs.evolve(with_contract(**changes), compliance_documents=(document,))


def slack(**changes: Any) -> Tool:
    fields: dict[str, Any] = {
        "name": "Slack",
        "category": ToolCategory.MESSAGING,
        "access_granted_on": day("2027-03-10"),
    }
    return Tool(**(fields | changes))


MONTHLY_ON_20 = Cadence(frequency=Frequency.MONTHLY, day=20)
"""From START: 2027-03-20, 2027-04-20, 2027-05-20..."""


def needing(**need: Any) -> Mission:
    """A review on 2027-04-16 where the provider asked for the Christmas forecast."""
    fields: dict[str, Any] = {"id": "need_01", "description": "Prévisions de Noël"}
    return quiet(reviews=(review(needs=(ProviderNeed(**(fields | need)),)),))


def acting(**changes: Any) -> Mission:
    """A review on 2027-04-16 raising ca_01, due 2027-05-15, owned by Paul Roux."""
    return quiet(reviews=(review(corrective_actions=(action(**changes),)),))


# -- one trigger per code -----------------------------------------------------
# code: (mission, at, severity, subject, due, words its English sentence names)
TRIGGERS: dict[str, tuple[Callable[[], Mission], str, Severity, str, str | None, tuple[str, ...]]]
TRIGGERS = {
    # A kickoff section with nothing held, the day after the start.
    "KICKOFF_NOT_HELD": (
        lambda: minimal_mission(kickoff=Kickoff()),
        "2027-03-16",
        Severity.WARNING,
        "kickoff",
        "2027-03-15",
        ("March 15, 2027",),
    ),
    "TRAINING_PENDING": (
        lambda: quiet(
            kickoff=Kickoff(
                held_on=START,
                trainings=(Training(topic="Process retours", planned_on=day("2027-03-17")),),
            )
        ),
        "2027-03-18",
        Severity.WARNING,
        "kickoff.trainings[0]",
        "2027-03-17",
        ("Process retours", "March 17, 2027"),
    ),
    "RESOURCE_PENDING": (
        lambda: quiet(
            kickoff=Kickoff(
                held_on=START,
                resources=(Resource(name="Charte graphique", due=day("2027-03-12")),),
            )
        ),
        "2027-03-13",
        Severity.WARNING,
        "kickoff.resources[0]",
        "2027-03-12",
        ("Charte graphique", "March 12, 2027"),
    ),
    "INTEGRATION_STEP_OVERDUE": (
        lambda: quiet(
            integration=(
                IntegrationStep(
                    kind=IntegrationKind.SITE_VISIT,
                    description="Visite de l'entrepôt",
                    planned_on=day("2027-04-02"),
                ),
            )
        ),
        "2027-04-03",
        Severity.INFO,
        "integration[0]",
        "2027-04-02",
        ("Visite de l'entrepôt", "site visit", "April 2, 2027"),
    ),
    # The day after the end (2028-03-14), access to Slack never revoked.
    "TOOL_ACCESS_NOT_REVOKED": (
        lambda: quiet(tools=(slack(),)),
        "2028-03-15",
        Severity.CRITICAL,
        "tools[0]",
        "2028-03-14",
        ("Slack", "March 14, 2028"),
    ),
    # Monthly on the 20th: at 04-21 the last date passed is 04-20; no review.
    "REVIEW_OVERDUE": (
        lambda: quiet(review_cadence=MONTHLY_ON_20),
        "2027-04-21",
        Severity.WARNING,
        "reviews",
        "2027-04-20",
        ("April 20, 2027", "monthly"),
    ),
    # Due 04-05, deadline 04-07, received 04-08.
    "REPORT_LATE": (
        lambda: reporting_mission(
            Report(period_end=day("2027-04-05"), received_on=day("2027-04-08"))
        ),
        "2027-04-10",
        Severity.INFO,
        "reports[2027-04-05]",
        "2027-04-05",
        ("April 5, 2027",),
    ),
    # Due 04-05, deadline 04-07, nothing by 04-08.
    "REPORT_MISSING": (
        reporting_mission,
        "2027-04-08",
        Severity.WARNING,
        "reports[2027-04-05]",
        "2027-04-05",
        ("April 5, 2027",),
    ),
    # 89 is not better than the threshold 90 at M+1 (due 04-15).
    "MILESTONE_MISSED": (
        lambda: shipping(("2027-04-01", "89")),
        "2027-04-16",
        Severity.CRITICAL,
        "milestones[M+1]",
        "2027-04-15",
        ("M+1", "on_time_shipping", "April 15, 2027"),
    ),
    # 92 at M+1: between the threshold 90 and the target 95, nothing missed: below target.
    "MILESTONE_BELOW_TARGET": (
        lambda: shipping(("2027-04-01", "92")),
        "2027-04-16",
        Severity.WARNING,
        "milestones[M+1]",
        "2027-04-15",
        ("M+1", "on_time_shipping", "April 15, 2027", "below target"),
    ),
    # 96 at M+1 reaches the target 95: met, 100 points.
    "MILESTONE_MET": (
        lambda: shipping(("2027-04-01", "96")),
        "2027-04-16",
        Severity.INFO,
        "milestones[M+1]",
        "2027-04-15",
        ("M+1", "April 15, 2027", "score 100"),
    ),
    # Towards M+6 (threshold 95), 94 on 05-01 is already not better than the threshold.
    "KPI_MISSED_IN_WINDOW": (
        lambda: shipping(("2027-04-01", "96"), ("2027-05-01", "94")),
        "2027-05-15",
        Severity.WARNING,
        "kpis[on_time_shipping]",
        "2027-09-15",
        ("on_time_shipping", "M+6", "September 15, 2027"),
    ),
    # Towards M+6, expected at 05-15 = 95 + (98 − 95) × 30 / 153 = 95.588...: 95.5 is behind.
    "MILESTONE_AT_RISK": (
        lambda: shipping(("2027-04-01", "96"), ("2027-05-01", "95.5")),
        "2027-05-15",
        Severity.WARNING,
        "milestones[M+6]",
        "2027-09-15",
        ("M+6", "on_time_shipping", "September 15, 2027"),
    ),
    # Never measured, so no usual interval (0 days): the window 03-15..03-21 has run
    # 0 + 7 = 7 days without a measurement.
    "KPI_NO_DATA": (
        shipping,
        "2027-03-21",
        Severity.WARNING,
        "kpis[on_time_shipping]",
        "2027-03-15",
        ("on_time_shipping", "March 15, 2027"),
    ),
    "ACTION_OVERDUE": (
        acting,
        "2027-05-16",
        Severity.WARNING,
        "corrective_actions[ca_01]",
        "2027-05-15",
        ("Renforcer l'équipe du samedi", "Paul Roux", "May 15, 2027"),
    ),
    # Raised 04-16; on 05-01 it has waited 15 days > 14.
    "NEED_OPEN": (
        needing,
        "2027-05-01",
        Severity.WARNING,
        "needs[need_01]",
        "2027-04-16",
        ("Prévisions de Noël", "April 16, 2027", "15 days"),
    ),
    # 9450.01 > 9000.00 × 1.05 = 9450.00.
    "BUDGET_OVERRUN": (
        lambda: budget_mission("9450.01"),
        "2027-03-31",
        Severity.WARNING,
        "activities[fulfilment]",
        None,
        ("fulfilment", "€9,450.01", "€9,000.00"),
    ),
    # 9450.01 × 365 / 90 = 38325.0405... → 38325.04 > 36500.00 × 1.05 = 38325.00.
    "FORECAST_OVERRUN": (
        lambda: budget_mission("9450.01"),
        "2027-03-31",
        Severity.INFO,
        "activities[fulfilment]",
        "2027-12-31",
        ("fulfilment", "€38,325.04", "€36,500.00"),
    ),
    # No renewal clause, so the end is the deadline. Term ends 2028-02-29; from
    # 2027-12-01: 30 + 31 + 29 = 90 days.
    "CONTRACT_END_SOON": (
        with_contract,
        "2027-12-01",
        Severity.INFO,
        "contract.end",
        "2028-02-29",
        ("February 29, 2028", "90 days"),
    ),
    # Renews tacitly on 2028-03-01 (the day after the term end 2028-02-29) unless notice
    # is given 90 days before the end: by 2027-12-01; at 11-24 that is 7 days ahead.
    "NOTICE_DEADLINE_SOON": (
        lambda: with_contract(renewal=Renewal(tacit=True, notice_days=90)),
        "2027-11-24",
        Severity.CRITICAL,
        "contract.renewal",
        "2027-12-01",
        (
            "renews by itself on March 1, 2028",
            "December 1, 2027",
            "90 days before its end",
            "7 days",
        ),
    ),
    # Only damage (weight 1 of 3) measured at M+1: 100 points on coverage 1/3 < 0.5.
    "INSUFFICIENT_EVIDENCE": (
        thin,
        "2027-04-20",
        Severity.WARNING,
        "milestones[M+1]",
        "2027-04-15",
        ("“M+1”", "April 15, 2027", "only 33.3%", "minimum of 50%"),
    ),
    # 96 ≥ target 95 at M+1: 100 points, good, and nobody said thanks.
    "RECOGNITION_DUE": (
        lambda: shipping(("2027-04-01", "96")),
        "2027-04-20",
        Severity.INFO,
        "recognitions",
        "2027-04-15",
        ("Good results", "M+1", "score 100)"),
    ),
    "PAYMENT_TERM_TOO_LONG": (
        lambda: legal(days=61),
        "2027-04-01",
        Severity.CRITICAL,
        "contract.payment.days",
        None,
        ("61 days", "60 days"),
    ),
    "LATE_PENALTIES_NOT_STATED": (
        lambda: legal(late_penalty_rate=None),
        "2027-04-01",
        Severity.WARNING,
        "contract.payment.late_penalty_rate",
        None,
        ("late-payment penalty",),
    ),
    "RECOVERY_INDEMNITY_NOT_STATED": (
        lambda: legal(recovery_indemnity=None),
        "2027-04-01",
        Severity.WARNING,
        "contract.payment.recovery_indemnity",
        None,
        ("€40.00",),
    ),
    "IP_ASSIGNMENT_INCOMPLETE": (
        lambda: with_contract(
            payment=PaymentTerms(
                days=30, late_penalty_rate=Decimal("0.12"), recovery_indemnity=eur("40")
            ),
            ip=IpAssignment(
                rights=("reproduction",),
                purpose="site marchand",
                territory="",
                duration="  ",
                extent="tout support",
            ),
        ),
        "2027-04-01",
        Severity.WARNING,
        "contract.ip",
        None,
        ("the territory and the duration",),
    ),
    # A deliverable that is a work, and no contract.ip at all (French law).
    "IP_ASSIGNMENT_MISSING": (
        lambda: attrs.evolve(
            legal(),
            specification=Specification(
                title="Site",
                deliverables=(Deliverable(key="site", name="Nouveau site", works=True),),
            ),
        ),
        "2027-04-01",
        Severity.WARNING,
        "contract.ip",
        None,
        ("Nouveau site: works of authorship", "CPI L131-3"),
    ),
    "DPA_MISSING": (
        lambda: attrs.evolve(with_contract(), processes_personal_data=True),
        "2027-04-01",
        Severity.CRITICAL,
        "contract.data_processing",
        None,
        ("no data processing agreement", "28(3)"),
    ),
    # A complete agreement but for its audits clause (28(3)(h)).
    "DPA_INCOMPLETE": (
        lambda: with_contract(data_processing=attrs.evolve(COMPLETE_DPA, audits=" ")),
        "2027-04-01",
        Severity.WARNING,
        "contract.data_processing.audits",
        None,
        ("information and audits", "28(3)(h)"),
    ),
    # The mission ends 2028-03-14; a return due 7 days later (03-21), not done by 03-22.
    "EXIT_STEP_LATE": (
        lambda: with_contract(
            exit_plan=ExitPlan(returns=(ExitReturn(what="Stock", days_after_end=7),))
        ),
        "2028-03-22",
        Severity.WARNING,
        "returns[0]",
        "2028-03-21",
        ("“Stock”", "March 21, 2028", "Paul Roux"),
    ),
    # No certificate at all: due at signature (2027-02-20).
    "VIGILANCE_CERTIFICATE_DUE": (
        vigilance_mission,
        "2027-03-01",
        Severity.WARNING,
        "compliance_documents",
        "2027-02-20",
        ("February 20, 2027", "vigilance"),
    ),
    # Raised on 2027-04-20, 7 days to answer: due 2027-04-27; open on 2027-04-25.
    "CONTEST_OPEN": (
        lambda: voiced_mission(contests=(contest(),)),
        "2027-04-25",
        Severity.WARNING,
        "contests[0]",
        "2027-04-27",
        ("Paul Roux", "quality", "“M+1”", "April 20, 2027", "April 27, 2027"),
    ),
    # Still open on 2027-04-29: 29 − 27 = 2 days after the deadline.
    "CONTEST_ANSWER_OVERDUE": (
        lambda: voiced_mission(contests=(contest(),)),
        "2027-04-29",
        Severity.CRITICAL,
        "contests[0]",
        "2027-04-27",
        ("quality", "Paul Roux", "2 days after", "April 27, 2027"),
    ),
    # Renewable by express agreement only; the initial term ends on 2028-02-29, and on
    # 03-01 no decision on renewal 1 was recorded.
    "RENEWAL_NOT_DECIDED": (
        lambda: with_contract(renewal=Renewal(tacit=False, notice_days=90)),
        "2028-03-01",
        Severity.WARNING,
        "renewal_decisions[1]",
        "2028-02-29",
        ("February 29, 2028", "renewal 1"),
    ),
    # Term 0 ends 2028-02-29, its deadline is 90 days before: 2027-12-01. Notice given on
    # 12-15, after it: the earliest end is term 1's, 2028-03-01 + 12 months - 1 day
    # = 2029-02-28; the notice says 2028-02-29.
    "NOTICE_TOO_SHORT": (
        lambda: attrs.evolve(
            with_contract(renewal=Renewal(tacit=True, notice_days=90)),
            notice=Notice(
                given_by=Side.CLIENT,
                given_on=day("2027-12-15"),
                effective_end=day("2028-02-29"),
            ),
        ),
        "2027-12-20",
        Severity.WARNING,
        "notice.effective_end",
        "2028-02-29",
        ("client's notice of December 15, 2027", "February 29, 2028", "February 28, 2029"),
    ),
    # Three years from 2027-01-01 to the notice of 2030-11-20: 3 × 1 month; the last day
    # of a 3-month notice is 2031-02-20 - 1 day = 2031-02-19, later than 2030-12-31.
    "RELATIONSHIP_NOTICE_TOO_SHORT": (
        lambda: three_years(
            notice=Notice(
                given_by=Side.PROVIDER,
                given_on=day("2030-11-20"),
                effective_end=day("2030-12-31"),
            )
        ),
        "2030-11-25",
        Severity.WARNING,
        "notice",
        "2030-12-31",
        ("provider's notice", "3 years", "3 months", "February 19, 2031", "L442-1"),
    ),
    # Term 3 runs 2030-01-01..2030-12-31, its deadline is 2030-12-01 (30 days): 3 whole
    # years since 2027-01-01, so 3 months: last day 2031-03-01 - 1 = 2031-02-28 > 12-31.
    "CONTRACT_NOTICE_TOO_SHORT": (
        three_years,
        "2030-11-01",
        Severity.INFO,
        "contract.renewal.notice_days",
        "2030-12-01",
        ("30 days", "3 months", "3 years", "December 1, 2030"),
    ),
    # Received at signing 2027-02-20: the next is due 6 months later, 2027-08-20; from
    # 2027-07-21 that is 11 + 19 = 30 days.
    "VIGILANCE_CERTIFICATE_DUE_SOON": (
        lambda: vigilance_mission("2027-02-20"),
        "2027-07-21",
        Severity.INFO,
        "compliance_documents",
        "2027-08-20",
        ("August 20, 2027", "30 days"),
    ),
    # 42000 EUR ≥ 5000 EUR and no Kbis extract at all: due at signing (2027-02-20).
    "REGISTRATION_EXTRACT_MISSING": (
        lambda: vigilance_mission("2027-02-20"),
        "2027-03-01",
        Severity.WARNING,
        "compliance_documents",
        "2027-02-20",
        ("Kbis", "February 20, 2027"),
    ),
    "INSURANCE_CERTIFICATE_MISSING": (
        lambda: with_contract(insurance_required=True),
        "2027-03-01",
        Severity.WARNING,
        "compliance_documents",
        "2027-03-01",
        ("insurance certificate", "March 1, 2027"),
    ),
    "INSURANCE_CERTIFICATE_EXPIRED": (
        lambda: insured("2027-06-30"),
        "2027-07-01",
        Severity.WARNING,
        "compliance_documents",
        "2027-06-30",
        ("expired on June 30, 2027",),
    ),
    # 2027-06-23 + 7 days = 2027-06-30.
    "INSURANCE_CERTIFICATE_EXPIRING": (
        lambda: insured("2027-06-30"),
        "2027-06-23",
        Severity.INFO,
        "compliance_documents",
        "2027-06-30",
        ("June 30, 2027", "7 days"),
    ),
    # 2026-S1: 2.62 % × 3 = 7.86 % > 7 %.
    "LATE_PENALTY_RATE_TOO_LOW": (
        lambda: legal(late_penalty_rate=Decimal("0.07")),
        "2026-03-01",
        Severity.WARNING,
        "contract.payment.late_penalty_rate",
        None,
        ("7%", "2026-S1", "2.62%", "7.86%", "L441-10"),
    ),
    "LEGAL_INTEREST_RATE_UNKNOWN": (
        legal,
        "2027-04-01",
        Severity.INFO,
        "contract.payment.late_penalty_rate",
        None,
        ("2027-S1",),
    ),
}


class TestEveryCode:
    def test_each_code_has_a_trigger_here(self) -> None:
        assert set(TRIGGERS) == set(FINDING_CODES)

    def test_each_code_is_explained(self) -> None:
        for code, meaning in FINDING_CODES.items():
            assert code.isupper(), code
            assert meaning.endswith("."), code

    @pytest.mark.parametrize("code", sorted(TRIGGERS))
    def test_triggers(self, code: str) -> None:
        build, at, severity, subject, due, words = TRIGGERS[code]
        finding = single(build(), day(at), code)
        assert finding.severity is severity
        assert finding.subject == subject
        assert finding.due == (None if due is None else day(due))
        assert finding.at == day(at)
        sentence = describe(finding, "en")
        for word in words:
            assert word in sentence, (word, sentence)

    def test_the_quiet_mission_has_no_finding(self) -> None:
        for at in ("2027-03-14", "2027-03-16", "2027-09-01", "2028-03-14", "2028-04-01"):
            assert assess(quiet(), day(at)) == ()


# -- near misses, code by code ---------------------------------------------------
class TestKickoff:
    def test_not_before_the_start_has_passed(self) -> None:
        assert found(minimal_mission(kickoff=Kickoff()), START, "KICKOFF_NOT_HELD") == []

    def test_a_minimal_mission_has_nothing_to_flag_on_day_40(self) -> None:
        # No kickoff, tools, integration, cadence, contract, KPIs, milestones, budget,
        # reviews: no rule applies (issue 10: it had KICKOFF_NOT_HELD before).
        assert assess(minimal_mission(), day("2027-04-24")) == ()

    def test_no_kickoff_section_no_finding(self) -> None:
        # Issue 10: a mission without a kickoff section does not steer one. Near miss: an
        # empty kickoff section, the day after the start (2027-03-15 + 1), is flagged.
        later = day("2027-04-24")  # day 40: 2027-03-15 + 40 days
        assert found(minimal_mission(), later, "KICKOFF_NOT_HELD") == []
        assert single(minimal_mission(kickoff=Kickoff()), later, "KICKOFF_NOT_HELD").due == START

    def test_held_kickoff(self) -> None:
        mission = minimal_mission(kickoff=Kickoff(held_on=day("2027-03-10")))
        assert found(mission, day("2027-04-01"), "KICKOFF_NOT_HELD") == []

    def test_scheduled_after_the_start_is_due_on_its_day(self) -> None:
        scheduled = dt.datetime(2027, 3, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        mission = minimal_mission(kickoff=Kickoff(scheduled=scheduled))
        assert found(mission, day("2027-03-20"), "KICKOFF_NOT_HELD") == []
        assert single(mission, day("2027-03-21"), "KICKOFF_NOT_HELD").due == day("2027-03-20")

    def test_scheduled_before_the_start_waits_for_the_start(self) -> None:
        scheduled = dt.datetime(2027, 3, 10, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        mission = minimal_mission(kickoff=Kickoff(scheduled=scheduled))
        assert found(mission, START, "KICKOFF_NOT_HELD") == []
        finding = single(mission, day("2027-03-16"), "KICKOFF_NOT_HELD")
        assert finding.due == day("2027-03-10")
        assert finding.params == ()  # the due date says it all

    def test_scheduled_day_is_read_in_the_mission_timezone(self) -> None:
        # 2027-03-20T23:30Z is 2027-03-21 00:30 in Paris (UTC+1 until 03-28): due on the 21st.
        scheduled = dt.datetime(2027, 3, 20, 23, 30, tzinfo=dt.UTC)
        mission = minimal_mission(kickoff=Kickoff(scheduled=scheduled))
        assert found(mission, day("2027-03-21"), "KICKOFF_NOT_HELD") == []
        finding = single(mission, day("2027-03-22"), "KICKOFF_NOT_HELD")
        assert finding.due == day("2027-03-21")
        assert "due by March 21, 2027" in describe(finding)

    def test_scheduled_day_may_be_earlier_in_the_mission_timezone(self) -> None:
        # 2027-03-21T07:30+09:00 (Tokyo) is 2027-03-20 23:30 in Paris: due on the 20th.
        tokyo = dt.timezone(dt.timedelta(hours=9))
        scheduled = dt.datetime(2027, 3, 21, 7, 30, tzinfo=tokyo)
        mission = minimal_mission(kickoff=Kickoff(scheduled=scheduled))
        assert found(mission, day("2027-03-20"), "KICKOFF_NOT_HELD") == []
        assert single(mission, day("2027-03-21"), "KICKOFF_NOT_HELD").due == day("2027-03-20")

    def test_training_on_its_day_and_held(self) -> None:
        def mission(held: dt.date | None) -> Mission:
            training = Training(topic="Process retours", planned_on=day("2027-03-17"), held_on=held)
            return quiet(kickoff=Kickoff(held_on=START, trainings=(training,)))

        assert found(mission(None), day("2027-03-17"), "TRAINING_PENDING") == []
        assert found(mission(day("2027-03-17")), day("2027-03-18"), "TRAINING_PENDING") == []

    def test_resource_on_its_day_handed_over_or_without_due_date(self) -> None:
        def mission(**changes: Any) -> Mission:
            fields: dict[str, Any] = {"name": "Charte graphique", "due": day("2027-03-12")}
            resource = Resource(**(fields | changes))
            return quiet(kickoff=Kickoff(held_on=START, resources=(resource,)))

        assert found(mission(), day("2027-03-12"), "RESOURCE_PENDING") == []
        handed = mission(handed_over_on=day("2027-03-11"))
        assert found(handed, day("2027-03-13"), "RESOURCE_PENDING") == []
        assert found(mission(due=None), day("2027-06-01"), "RESOURCE_PENDING") == []

    def test_the_subject_points_at_the_pending_item(self) -> None:
        kickoff = Kickoff(
            held_on=START,
            trainings=(
                Training(topic="Held", planned_on=day("2027-03-01"), held_on=day("2027-03-01")),
                Training(topic="Pending", planned_on=day("2027-03-02")),
            ),
        )
        finding = single(quiet(kickoff=kickoff), START, "TRAINING_PENDING")
        assert finding.subject == "kickoff.trainings[1]"
        assert finding.param("topic") == "Pending"


class TestIntegrationAndTools:
    def step(self, done: dt.date | None = None) -> Mission:
        return quiet(
            integration=(
                IntegrationStep(
                    kind=IntegrationKind.EMAIL_ADDRESS,
                    description="Adresse e-mail",
                    planned_on=day("2027-04-02"),
                    done_on=done,
                ),
            )
        )

    def test_step_on_its_day_or_done(self) -> None:
        assert found(self.step(), day("2027-04-02"), "INTEGRATION_STEP_OVERDUE") == []
        done = self.step(day("2027-04-05"))
        assert found(done, day("2027-04-10"), "INTEGRATION_STEP_OVERDUE") == []

    def test_tool_on_the_end_day(self) -> None:
        assert found(quiet(tools=(slack(),)), END, "TOOL_ACCESS_NOT_REVOKED") == []

    def test_access_revoked_on_the_end_date(self) -> None:
        mission = quiet(tools=(slack(access_revoked_on=END),))
        assert found(mission, day("2028-04-01"), "TOOL_ACCESS_NOT_REVOKED") == []

    def test_access_never_granted(self) -> None:
        mission = quiet(tools=(slack(access_granted_on=None),))
        assert found(mission, day("2028-04-01"), "TOOL_ACCESS_NOT_REVOKED") == []

    def test_revocation_planned_after_the_date_still_leaves_access(self) -> None:
        # Revoked 2028-05-01, assessed 2028-04-01: the provider has access that day.
        mission = quiet(tools=(slack(access_revoked_on=day("2028-05-01")),))
        assert single(mission, day("2028-04-01"), "TOOL_ACCESS_NOT_REVOKED").subject == "tools[0]"

    def test_access_revoked_late_is_no_longer_current_access(self) -> None:
        # Revoked 2028-03-20, six days after the end (2028-03-14): flagged while the
        # provider still has access (03-15..03-19), not from the revocation day on.
        mission = quiet(tools=(slack(access_revoked_on=day("2028-03-20")),))
        finding = single(mission, day("2028-03-19"), "TOOL_ACCESS_NOT_REVOKED")
        assert (finding.due, finding.severity) == (END, Severity.CRITICAL)
        assert found(mission, day("2028-03-20"), "TOOL_ACCESS_NOT_REVOKED") == []
        assert found(mission, day("2028-06-01"), "TOOL_ACCESS_NOT_REVOKED") == []

    def test_access_granted_after_the_date_is_not_held_yet(self) -> None:
        # Granted on 2028-05-01 (after the end), assessed 2028-04-01: no access yet.
        mission = quiet(tools=(slack(access_granted_on=day("2028-05-01")),))
        assert found(mission, day("2028-04-01"), "TOOL_ACCESS_NOT_REVOKED") == []
        assert found(mission, day("2028-05-01"), "TOOL_ACCESS_NOT_REVOKED")


class TestReviewOverdue:
    def mission(self, *on: str) -> Mission:
        return quiet(review_cadence=MONTHLY_ON_20, reviews=tuple(review(on=day(d)) for d in on))

    def test_before_the_first_date_has_passed(self) -> None:
        # The first date is 03-20; on 03-20 itself the review is not overdue yet.
        assert found(self.mission(), day("2027-03-20"), "REVIEW_OVERDUE") == []
        assert single(self.mission(), day("2027-03-21"), "REVIEW_OVERDUE").due == day("2027-03-20")

    def test_a_review_inside_the_period(self) -> None:
        # The review for 04-20 may be held from the day after 03-20.
        for on in ("2027-03-21", "2027-04-20"):
            assert found(self.mission(on), day("2027-04-21"), "REVIEW_OVERDUE") == []

    def test_a_review_of_the_previous_period_does_not_count(self) -> None:
        # Held on 03-20: it was the review for 03-20, not for 04-20.
        finding = single(self.mission("2027-03-20"), day("2027-04-21"), "REVIEW_OVERDUE")
        assert finding.due == day("2027-04-20")

    def test_after_the_end_the_last_date_stays_due(self) -> None:
        # Dates up to END (2028-03-14): the last is 2028-02-20.
        finding = single(self.mission(), day("2028-06-01"), "REVIEW_OVERDUE")
        assert finding.due == day("2028-02-20")

    def test_no_cadence(self) -> None:
        assert found(quiet(), day("2027-06-01"), "REVIEW_OVERDUE") == []


class TestReports:
    def statuses(self, mission: Mission, at: str) -> list[str]:
        return [
            finding.code
            for finding in assess(mission, day(at))
            if finding.code.startswith("REPORT_")
        ]

    def test_pending_until_the_grace_deadline(self) -> None:
        # Due 04-05 + 2 grace days = 04-07: pending that day, missing the next.
        assert self.statuses(reporting_mission(), "2027-04-07") == []
        assert self.statuses(reporting_mission(), "2027-04-08") == ["REPORT_MISSING"]

    def test_received_on_the_deadline_is_on_time(self) -> None:
        mission = reporting_mission(
            Report(period_end=day("2027-04-05"), received_on=day("2027-04-07"))
        )
        assert self.statuses(mission, "2027-04-10") == []

    def test_late_report_is_missing_until_it_arrives(self) -> None:
        mission = reporting_mission(
            Report(period_end=day("2027-04-05"), received_on=day("2027-04-09"))
        )
        assert self.statuses(mission, "2027-04-08") == ["REPORT_MISSING"]
        assert self.statuses(mission, "2027-04-09") == ["REPORT_LATE"]

    def test_every_missing_period_has_its_finding(self) -> None:
        # Due 04-05, 05-05 and 06-05 (deadline 06-07): three missing at 06-08.
        subjects = [
            finding.subject
            for finding in found(reporting_mission(), day("2027-06-08"), "REPORT_MISSING")
        ]
        assert subjects == ["reports[2027-04-05]", "reports[2027-05-05]", "reports[2027-06-05]"]


class TestResults:
    def test_not_missed_before_the_milestone(self) -> None:
        mission = shipping(("2027-04-01", "89"))
        assert found(mission, day("2027-04-14"), "MILESTONE_MISSED") == []

    def test_missed_on_the_threshold_itself(self) -> None:
        # 90 is not better than the threshold 90: missed; 90.01 is at risk.
        assert found(shipping(("2027-04-01", "90")), day("2027-04-16"), "MILESTONE_MISSED")
        assert not found(shipping(("2027-04-01", "90.01")), day("2027-04-16"), "MILESTONE_MISSED")

    def test_only_the_last_milestone_reached_counts(self) -> None:
        # Missed at M+1 (89), met at M+6 (98.5 in 04-16..09-15).
        mission = shipping(("2027-04-01", "89"), ("2027-06-01", "98.5"))
        assert found(mission, day("2027-09-14"), "MILESTONE_MISSED")[0].due == day("2027-04-15")
        assert found(mission, day("2027-09-16"), "MILESTONE_MISSED") == []

    def test_missed_at_the_last_milestone(self) -> None:
        # Met at M+1 (96), missed at M+6 (94 < threshold 95).
        mission = shipping(("2027-04-01", "96"), ("2027-06-01", "94"))
        finding = single(mission, day("2027-12-01"), "MILESTONE_MISSED")
        assert (finding.subject, finding.due) == ("milestones[M+6]", day("2027-09-15"))

    def test_on_the_interpolated_path(self) -> None:
        # Expected at 05-15: 95 + 3 × 30 / 153 = 95.588...; 95.6 is on track.
        mission = shipping(("2027-04-01", "96"), ("2027-05-01", "95.6"))
        assert found(mission, day("2027-05-15"), "MILESTONE_AT_RISK") == []

    def test_no_data_is_not_behind(self) -> None:
        assert found(shipping(), day("2027-05-15"), "MILESTONE_AT_RISK") == []

    def test_at_risk_only_before_the_due_date(self) -> None:
        # 96.5 in M+6's window (04-16..09-15). On 09-14, 152 of the 153 days from 04-15:
        # expected 95 + 3 × 152 / 153 = 97.98..., so 96.5 is behind. From the due date
        # on the milestone is reached and no longer "on the way". 96.5 is better than
        # the threshold 95, so it is not missed either: nothing is reported about it.
        mission = shipping(("2027-06-01", "96.5"))
        finding = single(mission, day("2027-09-14"), "MILESTONE_AT_RISK")
        assert (finding.subject, finding.due) == ("milestones[M+6]", day("2027-09-15"))
        for at in ("2027-09-15", "2027-09-16"):
            assert found(mission, day(at), "MILESTONE_AT_RISK") == [], at
            assert found(mission, day(at), "MILESTONE_MISSED") == [], at

    def test_on_the_due_date_missed_speaks_instead(self) -> None:
        # 94 is not better than M+6's threshold 95. The day before, the KPI is already
        # missed in the window (its own finding, not repeated as at risk) and no milestone
        # is missed (M+1 had no data); on 09-15 M+6 is reached: missed, and nothing else.
        mission = shipping(("2027-06-01", "94"))
        before = assess(mission, day("2027-09-14"))
        assert codes(before) == ["KPI_MISSED_IN_WINDOW"]
        missed = single(mission, day("2027-09-15"), "MILESTONE_MISSED")
        assert (missed.subject, missed.due) == ("milestones[M+6]", day("2027-09-15"))
        assert found(mission, day("2027-09-15"), "MILESTONE_AT_RISK") == []

    def test_no_data_grace(self) -> None:
        # Never measured: no usual interval (0), so 0 + 7 days. The first window starts
        # 03-15: 6 days on 03-20, 7 days on 03-21.
        assert found(shipping(), day("2027-03-20"), "KPI_NO_DATA") == []
        assert found(shipping(), day("2027-03-21"), "KPI_NO_DATA")

    def test_no_data_grace_in_the_second_window(self) -> None:
        # A single measurement date gives no interval either: 0 + 7 days. The M+6
        # window starts 04-16: 6 days on 04-21, 7 days on 04-22.
        mission = shipping(("2027-04-01", "96"))
        assert found(mission, day("2027-04-21"), "KPI_NO_DATA") == []
        assert single(mission, day("2027-04-22"), "KPI_NO_DATA").due == day("2027-04-16")

    def test_a_monthly_kpi_waits_for_its_usual_interval(self) -> None:
        # Measured on 03-16, 04-15, 05-15 and 06-14: gaps of 30, 30 and 30 days, so the
        # usual interval is 30 and the grace 30 + 7 = 37 days. M+3 is due 06-15, so
        # the M+6 window starts 06-16 (day 1); 06-30 is day 15, 07-10 day 25, 07-21
        # day 36 and 07-22 day 37. The old 7-day rule would have flagged it on 06-22.
        dates = ("2027-03-16", "2027-04-15", "2027-05-15", "2027-06-14")
        mission = shipping(*((on, "96") for on in dates), milestones=QUARTER_MILESTONES)
        for at in ("2027-06-22", "2027-07-10", "2027-07-21"):
            assert found(mission, day(at), "KPI_NO_DATA") == [], at
        finding = single(mission, day("2027-07-22"), "KPI_NO_DATA")
        assert (finding.subject, finding.due) == ("kpis[on_time_shipping]", day("2027-06-16"))
        assert finding.param("kpi") == "on_time_shipping"

    def test_the_usual_interval_is_the_median_gap(self) -> None:
        # A recount on 05-16, the day after 05-15: gaps 30, 30, 1 and 30 days, median
        # (30 + 30) / 2 = 30, grace 37 (the mean gap, 22.75 days, would cut a week off).
        # M+6's window starts 06-16 as above: 07-21 is day 36, 07-22 day 37.
        dates = ("2027-03-16", "2027-04-15", "2027-05-15", "2027-05-16", "2027-06-15")
        mission = shipping(*((on, "96") for on in dates), milestones=QUARTER_MILESTONES)
        assert found(mission, day("2027-07-21"), "KPI_NO_DATA") == []
        assert found(mission, day("2027-07-22"), "KPI_NO_DATA")

    def test_measurements_on_the_same_day_count_once(self) -> None:
        # Two on 03-16 and one on 04-15: the distinct dates are 30 days apart, grace 37
        # (counting the repeat, the gaps 0 and 30 would give a median of 15 and flag it
        # on day 15 + 7 = 22). M+6's window starts 04-16: 05-07 is day 22, 05-21 day 36,
        # 05-22 day 37.
        mission = shipping(("2027-03-16", "96"), ("2027-03-16", "95"), ("2027-04-15", "96"))
        assert found(mission, day("2027-05-07"), "KPI_NO_DATA") == []
        assert found(mission, day("2027-05-21"), "KPI_NO_DATA") == []
        assert single(mission, day("2027-05-22"), "KPI_NO_DATA").due == day("2027-04-16")

    def test_later_measurements_do_not_set_the_interval(self) -> None:
        # On 04-22 only the 04-01 measurement has happened: no interval yet, 0 + 7 days,
        # and the window 04-16..04-22 has run 7. The one of 05-01 is not seen (with it,
        # the gap of 30 days would push the grace to 37).
        mission = shipping(("2027-04-01", "96"), ("2027-05-01", "96"))
        assert single(mission, day("2027-04-22"), "KPI_NO_DATA").due == day("2027-04-16")

    def test_usual_interval_in_the_mission_timezone(self) -> None:
        # 2027-04-14T23:30Z is 2027-04-15 01:30 in Paris: 30 days after 03-16 (not the
        # 29 of its own UTC date), grace 37. M+6's window starts 04-16: 05-21 is day 36,
        # 05-22 day 37.
        late = measurement(value="96", at=dt.datetime(2027, 4, 14, 23, 30, tzinfo=dt.UTC))
        mission = shipping(("2027-03-16", "96")).with_measurements(late)
        assert found(mission, day("2027-05-21"), "KPI_NO_DATA") == []
        assert single(mission, day("2027-05-22"), "KPI_NO_DATA").due == day("2027-04-16")

    def test_a_measurement_in_the_window(self) -> None:
        assert found(shipping(("2027-03-16", "96")), day("2027-04-01"), "KPI_NO_DATA") == []

    def test_a_datetime_measurement_counts_on_its_local_day(self) -> None:
        # 2027-04-15T23:30Z is 2027-04-16 01:30 in Paris: in the M+6 window, not in M+1's.
        late = measurement(value="96", at=dt.datetime(2027, 4, 15, 23, 30, tzinfo=dt.UTC))
        mission = shipping(("2027-04-01", "96")).with_measurements(late)
        assert found(mission, day("2027-04-25"), "KPI_NO_DATA") == []
        assert found(mission, day("2027-04-25"), "MILESTONE_AT_RISK") == []

    def test_no_milestone_no_result_finding(self) -> None:
        results = {"MILESTONE_MISSED", "MILESTONE_AT_RISK", "KPI_NO_DATA", "RECOGNITION_DUE"}
        assert not results & set(codes(assess(quiet(), day("2027-06-01"))))


class TestMilestoneOutcomes:
    """Met, below target or missed at the last milestone reached; missed in the window."""

    def outcome_codes(self, mission: Mission, at: str) -> list[str]:
        return [
            f.code
            for f in assess(mission, day(at))
            if f.code in {"MILESTONE_MET", "MILESTONE_BELOW_TARGET", "MILESTONE_MISSED"}
        ]

    def test_met_at_the_target_itself(self) -> None:
        # 95 is the target of M+1: met (100 points); 94.99 is between: below target.
        assert self.outcome_codes(shipping(("2027-04-01", "95")), "2027-04-16") == ["MILESTONE_MET"]
        assert self.outcome_codes(shipping(("2027-04-01", "94.99")), "2027-04-16") == [
            "MILESTONE_BELOW_TARGET"
        ]

    def test_below_target_just_above_the_threshold(self) -> None:
        # 90.01 is better than the threshold 90: below target; 90 is missed.
        assert self.outcome_codes(shipping(("2027-04-01", "90.01")), "2027-04-16") == [
            "MILESTONE_BELOW_TARGET"
        ]
        assert self.outcome_codes(shipping(("2027-04-01", "90")), "2027-04-16") == [
            "MILESTONE_MISSED"
        ]

    def test_not_before_the_due_date(self) -> None:
        # 04-14 is before M+1 (due 04-15); on 04-15 the milestone is reached.
        assert self.outcome_codes(shipping(("2027-04-01", "92")), "2027-04-14") == []
        assert self.outcome_codes(shipping(("2027-04-01", "92")), "2027-04-15") == [
            "MILESTONE_BELOW_TARGET"
        ]

    def test_no_outcome_without_data(self) -> None:
        assert self.outcome_codes(shipping(), "2027-04-16") == []

    def test_a_kpi_without_data_does_not_decide(self) -> None:
        # Two KPIs at M+1: shipping 96 (met), damage not measured: met on the KPI with data.
        mission = quiet(
            kpis=(shipping_kpi(), damage_kpi()),
            milestones=milestones(),
            measurements=(measurement(value="96", at=day("2027-04-01")),),
        )
        finding = single(mission, day("2027-04-16"), "MILESTONE_MET")
        assert finding.param("score") == Decimal(100)

    def test_below_target_lists_the_kpis_at_risk(self) -> None:
        # M+1: shipping 96 met; damage 1.5 between target 1.0 and threshold 2.0.
        mission = quiet(
            kpis=(shipping_kpi(), damage_kpi()),
            milestones=milestones(),
            measurements=(
                measurement(value="96", at=day("2027-04-01")),
                measurement(kpi="damage_rate", value="1.5", at=day("2027-04-01")),
            ),
        )
        finding = single(mission, day("2027-04-16"), "MILESTONE_BELOW_TARGET")
        assert finding.param("kpis") == ("damage_rate",)
        assert (
            describe(finding, "en")
            == "The milestone “M+1” (April 15, 2027) ended below target, no KPI missed: "
            "1 KPI between threshold and target: damage_rate."
        )

    def test_stays_until_the_next_milestone(self) -> None:
        # Below target at M+1 (92); M+6 met with 98.5 in 04-16..09-15.
        mission = shipping(("2027-04-01", "92"), ("2027-06-01", "98.5"))
        assert self.outcome_codes(mission, "2027-09-14") == ["MILESTONE_BELOW_TARGET"]
        assert self.outcome_codes(mission, "2027-09-16") == ["MILESTONE_MET"]

    def test_missed_in_the_window_is_not_at_risk_too(self) -> None:
        # Towards M+6 (threshold 95): 94 on 05-01 is missed in the window; its own finding,
        # and MILESTONE_AT_RISK does not repeat it.
        mission = shipping(("2027-04-01", "96"), ("2027-05-01", "94"))
        finding = single(mission, day("2027-05-15"), "KPI_MISSED_IN_WINDOW")
        assert finding.param("milestone") == "M+6"
        assert found(mission, day("2027-05-15"), "MILESTONE_AT_RISK") == []

    def test_just_above_the_threshold_is_at_risk_only(self) -> None:
        # 95.01 is better than the threshold 95 (at risk), and below the expected
        # 95 + 3 × 30 / 153 = 95.588... at 05-15: behind its path, not missed.
        mission = shipping(("2027-04-01", "96"), ("2027-05-01", "95.01"))
        assert found(mission, day("2027-05-15"), "KPI_MISSED_IN_WINDOW") == []
        assert single(mission, day("2027-05-15"), "MILESTONE_AT_RISK").param("kpis") == (
            "on_time_shipping",
        )

    def test_missed_in_the_window_gives_way_on_the_due_date(self) -> None:
        # On 09-15 M+6 is reached: the outcome (missed, 94 ≤ 95) speaks, not the window.
        mission = shipping(("2027-04-01", "96"), ("2027-05-01", "94"))
        assert found(mission, day("2027-09-14"), "KPI_MISSED_IN_WINDOW")
        assert found(mission, day("2027-09-15"), "KPI_MISSED_IN_WINDOW") == []
        assert found(mission, day("2027-09-15"), "MILESTONE_MISSED")

    def test_the_demo_outcomes(self) -> None:
        # logistique, scored at each due date (DESIGN §5, the figures of score_history):
        # M+1 (04-02): return_processing 125.25 h > threshold 120 → missed;
        # M+6 (09-02): return_processing 99.5 h > threshold 96 → missed;
        # EOY (12-31): return_processing 81.08 h between 60 and 84, and (targets raised by
        # amendment n° 1) shipping 98.025 below 98.5, accuracy 99.73 below 99.8 → below.
        mission = examples.demo_mission("logistique")
        outcomes = [
            (card.milestone, outcome(card)) for card in score_history(mission, day("2026-12-31"))
        ]
        assert outcomes == [
            ("M+1", Status.MISSED),
            ("M+6", Status.MISSED),
            ("Fin d'année", Status.AT_RISK),
        ]
        finding = single(mission, day("2027-01-05"), "MILESTONE_BELOW_TARGET")
        assert finding.param("kpis") == ("on_time_shipping", "order_accuracy", "return_processing")
        # community: M+1 editorial_adherence 88 between 80 and 90, the rest met → below.
        community = examples.demo_mission("community")
        assert single(community, day("2026-05-02"), "MILESTONE_BELOW_TARGET").param("kpis") == (
            "editorial_adherence",
        )


class TestActionsAndNeeds:
    def test_action_due_today_is_not_overdue(self) -> None:
        assert found(acting(), day("2027-05-15"), "ACTION_OVERDUE") == []

    def test_action_closed_on_time(self) -> None:
        closed = acting(status=ActionStatus.DONE, closed_on=day("2027-05-15"))
        assert found(closed, day("2027-05-20"), "ACTION_OVERDUE") == []

    def test_cancelled_action(self) -> None:
        cancelled = acting(status=ActionStatus.CANCELLED, closed_on=day("2027-05-01"))
        assert found(cancelled, day("2027-05-20"), "ACTION_OVERDUE") == []

    def test_action_closed_late_was_overdue_before_it_closed(self) -> None:
        closed = acting(status=ActionStatus.DONE, closed_on=day("2027-05-18"))
        assert found(closed, day("2027-05-16"), "ACTION_OVERDUE")
        assert found(closed, day("2027-05-18"), "ACTION_OVERDUE") == []

    def test_need_open_for_exactly_the_limit(self) -> None:
        # 04-16 → 04-30 is 14 days: not over the limit yet.
        assert found(needing(), day("2027-04-30"), "NEED_OPEN") == []

    def test_need_answered(self) -> None:
        answered = needing(status=NeedStatus.ANSWERED, answered_on=day("2027-04-25"))
        assert found(answered, day("2027-05-01"), "NEED_OPEN") == []

    def test_need_answered_after_the_date_was_still_open(self) -> None:
        answered = needing(status=NeedStatus.ANSWERED, answered_on=day("2027-05-03"))
        assert single(answered, day("2027-05-02"), "NEED_OPEN").param("days") == 16
        assert found(answered, day("2027-05-03"), "NEED_OPEN") == []


class TestBudget:
    def test_tolerance_edge(self) -> None:
        # 9450.00 is exactly 5 % over 9000.00: still tolerated.
        assert found(budget_mission("9450.00"), day("2027-03-31"), "BUDGET_OVERRUN") == []

    def test_forecast_on_budget(self) -> None:
        # 9000.00 × 365 / 90 = 36500.00: on budget, not over.
        assert found(budget_mission("9000.00"), day("2027-03-31"), "FORECAST_OVERRUN") == []

    def test_forecast_within_the_tolerance(self) -> None:
        # 9000.01 × 365 / 90 = 36500.04: above the budget, but not by more than 5 %.
        assert found(budget_mission("9000.01"), day("2027-03-31"), "FORECAST_OVERRUN") == []

    def test_forecast_tolerance_edge(self) -> None:
        # 9450.00 × 365 / 90 = 38325.00 = 36500.00 × 1.05 exactly: still tolerated;
        # 9450.01 gives 38325.04 (the trigger above).
        assert found(budget_mission("9450.00"), day("2027-03-31"), "FORECAST_OVERRUN") == []
        assert found(budget_mission("9450.01"), day("2027-03-31"), "FORECAST_OVERRUN")

    def test_spend_after_the_date_is_not_counted(self) -> None:
        mission = budget_mission("20000")
        assert found(mission, day("2027-03-30"), "BUDGET_OVERRUN") == []
        assert found(mission, day("2027-03-31"), "BUDGET_OVERRUN")

    def test_before_the_start(self) -> None:
        mission = budget_mission("20000").with_spend(
            SpendEntry(on=day("2026-12-01"), activity="fulfilment", amount=eur("20000"))
        )
        assert assess(mission, day("2026-12-31")) == ()

    def test_activity_without_budget(self) -> None:
        mission = quiet(
            activities=(fulfilment(budget=None),),
            spend=(SpendEntry(on=day("2027-03-31"), activity="fulfilment", amount=eur("99999")),),
        )
        assert assess(mission, day("2027-04-01")) == ()


class TestDeadlines:
    # Term end 2028-02-29; renewal notice 90 days before it: 2027-12-01.
    @pytest.mark.parametrize(
        ("days", "severity"),
        [
            (91, None),
            (90, Severity.INFO),
            (31, Severity.INFO),
            (30, Severity.WARNING),
            (8, Severity.WARNING),
            (7, Severity.CRITICAL),
            (1, Severity.CRITICAL),
            (0, Severity.CRITICAL),
            (-1, None),
        ],
    )
    def test_steps(self, days: int, severity: Severity | None) -> None:
        end = day("2028-02-29")
        at = end - dt.timedelta(days=days)
        findings = found(with_contract(), at, "CONTRACT_END_SOON")
        assert [finding.severity for finding in findings] == (
            [] if severity is None else [severity]
        )
        notice = day("2027-12-01")
        mission = with_contract(renewal=Renewal(tacit=True, notice_days=90))
        findings = found(mission, notice - dt.timedelta(days=days), "NOTICE_DEADLINE_SOON")
        assert [finding.severity for finding in findings] == (
            [] if severity is None else [severity]
        )

    def test_day_words(self) -> None:
        end = day("2028-02-29")
        one = single(with_contract(), end - dt.timedelta(days=1), "CONTRACT_END_SOON")
        assert one.param("days") == 1
        assert describe(one).endswith("in 1 day.")
        zero = single(with_contract(), end, "CONTRACT_END_SOON")
        assert zero.param("days") == 0
        assert describe(zero).endswith("in 0 days.")
        assert describe(zero, "fr").endswith("dans 0 jour.")  # French: 0 is singular

    def test_termination_notice_gives_no_deadline(self) -> None:
        # A termination notice of 60 days (60 days before 2028-02-29 is 2027-12-31) is
        # no notice deadline: the contract simply ends, 90 days after 2027-12-01.
        mission = with_contract(termination=Termination(notice_days=60))
        for at in ("2027-12-01", "2027-12-31"):
            assert found(mission, day(at), "NOTICE_DEADLINE_SOON") == [], at
        end = single(mission, day("2027-12-01"), "CONTRACT_END_SOON")
        assert (end.subject, end.due, end.severity) == (
            "contract.end",
            day("2028-02-29"),
            Severity.INFO,
        )

    def test_tacit_renewal_has_only_the_notice_deadline(self) -> None:
        # Renews tacitly: the deadline is 2027-12-01 (90 days before 2028-02-29), and the
        # term end is no deadline even a week before it, notice or not.
        mission = with_contract(
            renewal=Renewal(tacit=True, notice_days=90), termination=Termination(notice_days=30)
        )
        for at in ("2027-12-01", "2028-01-30", "2028-02-22", "2028-02-29"):
            assert found(mission, day(at), "CONTRACT_END_SOON") == [], at
        # 2027-12-01 − 2027-11-01 = 30 days: warning. Once it has passed, nothing.
        notice = single(mission, day("2027-11-01"), "NOTICE_DEADLINE_SOON")
        assert (notice.subject, notice.due, notice.severity) == (
            "contract.renewal",
            day("2027-12-01"),
            Severity.WARNING,
        )
        assert (notice.param("days"), notice.param("renewal")) == (30, day("2028-03-01"))
        assert describe(notice).endswith("is December 1, 2027, in 30 days.")
        assert found(mission, day("2027-12-02"), "NOTICE_DEADLINE_SOON") == []

    def test_renewal_that_is_not_tacit_has_only_the_end(self) -> None:
        # Renewed only by agreement: nothing to give notice against, so no notice
        # deadline (it would be 2027-12-01), and the contract ends on 2028-02-29;
        # from 2028-02-22 that is 7 days: critical.
        mission = with_contract(renewal=Renewal(tacit=False, notice_days=90))
        for at in ("2027-11-24", "2027-12-01"):
            assert found(mission, day(at), "NOTICE_DEADLINE_SOON") == [], at
        end = single(mission, day("2028-02-22"), "CONTRACT_END_SOON")
        assert (end.subject, end.due, end.severity) == (
            "contract.end",
            day("2028-02-29"),
            Severity.CRITICAL,
        )
        assert end.params == (Parameter.of("days", 7),)
        assert describe(end) == "The contract ends on February 29, 2028, in 7 days."

    def test_no_notice_clause(self) -> None:
        assert found(with_contract(), day("2027-12-01"), "NOTICE_DEADLINE_SOON") == []

    def test_notice_deadline_helper(self) -> None:
        # The date the finding, the calendar and the contract document all use:
        # 2028-02-29 − 90 days = 2027-12-01, whether the renewal is tacit or by agreement.
        for tacit in (True, False):
            mission = with_contract(renewal=Renewal(tacit=tacit, notice_days=90))
            assert mission.contract is not None
            assert notice_deadline(mission.contract) == day("2027-12-01")
        no_renewal = with_contract().contract
        assert no_renewal is not None
        assert notice_deadline(no_renewal) is None

    def test_end_date_term(self) -> None:
        # An explicit end 2027-06-30, 30 days after 2027-05-31.
        mission = with_contract(duration_months=None, end=day("2027-06-30"))
        finding = single(mission, day("2027-05-31"), "CONTRACT_END_SOON")
        assert (finding.due, finding.severity) == (day("2027-06-30"), Severity.WARNING)


class TestRecognition:
    def test_recognition_on_the_milestone_day(self) -> None:
        thanks = Recognition(on=day("2027-04-15"), kind=RecognitionKind.THANKS, description="Merci")
        mission = shipping(("2027-04-01", "96"), recognitions=(thanks,))
        assert found(mission, day("2027-04-20"), "RECOGNITION_DUE") == []

    def test_recognition_before_the_milestone_does_not_count(self) -> None:
        thanks = Recognition(on=day("2027-04-14"), kind=RecognitionKind.THANKS, description="Merci")
        mission = shipping(("2027-04-01", "96"), recognitions=(thanks,))
        assert found(mission, day("2027-04-20"), "RECOGNITION_DUE")

    def test_recognition_given_in_a_review(self) -> None:
        thanks = Recognition(on=day("2027-04-16"), kind=RecognitionKind.THANKS, description="Merci")
        mission = shipping(("2027-04-01", "96"), reviews=(review(recognitions=(thanks,)),))
        assert found(mission, day("2027-04-20"), "RECOGNITION_DUE") == []

    def test_good_from_75(self) -> None:
        # 100 × (93.75 − 90) / (95 − 90) = 75: good; 93.7 gives 74: not good, and
        # there is no earlier milestone to improve on.
        assert found(shipping(("2027-04-01", "93.75")), day("2027-04-20"), "RECOGNITION_DUE")
        assert found(shipping(("2027-04-01", "93.7")), day("2027-04-20"), "RECOGNITION_DUE") == []

    def test_improving(self) -> None:
        # M+1: 100 × (92 − 90) / 5 = 40; M+6: 100 × (96.5 − 95) / 3 = 50 > 40.
        mission = shipping(("2027-04-01", "92"), ("2027-06-01", "96.5"))
        finding = single(mission, day("2027-09-20"), "RECOGNITION_DUE")
        assert finding.due == day("2027-09-15")
        assert finding.params == (
            Parameter.of("reason", "improving"),
            Parameter.of("milestone", "M+6"),
            Parameter.of("score", Decimal(50)),
        )
        assert "Improving results at the milestone “M+6” (score 50)" in describe(finding)

    def test_not_improving(self) -> None:
        # M+6: 100 × (96.2 − 95) / 3 = 40, equal to M+1's 40: neither good nor better.
        mission = shipping(("2027-04-01", "92"), ("2027-06-01", "96.2"))
        assert found(mission, day("2027-09-20"), "RECOGNITION_DUE") == []

    def test_no_score_no_recognition(self) -> None:
        assert found(shipping(), day("2027-04-20"), "RECOGNITION_DUE") == []

    def test_not_before_the_first_milestone(self) -> None:
        assert found(shipping(("2027-04-01", "96")), day("2027-04-14"), "RECOGNITION_DUE") == []

    def test_after_a_good_review(self) -> None:
        # A monthly review on 06-10 between M+1 and M+6: its scorecard is score(06-10),
        # M+6's window 04-16..06-10 with 97.4: 100 × (97.4 − 95) / (98 − 95) = 80 ≥ 75.
        # M+1 itself (92) scored 40: neither good nor improving, so only the review asks.
        mission = shipping(
            ("2027-04-01", "92"),
            ("2027-06-01", "97.4"),
            reviews=(review(on=day("2027-06-10"), kind=ReviewKind.MONTHLY),),
        )
        finding = single(mission, day("2027-06-20"), "RECOGNITION_DUE")
        assert finding.due == day("2027-06-10")
        assert finding.params == (
            Parameter.of("reason", "review"),
            Parameter.of("milestone", "M+6"),
            Parameter.of("score", Decimal(80)),
        )
        assert describe(finding, "en") == (
            "Good results at the review of June 10, 2027 (score 80) and no recognition "
            "since: congratulate the provider."
        )

    def test_review_just_below_good(self) -> None:
        # 97.2: 100 × 2.2 / 3 = 73.33... < 75: no recognition due after the review.
        mission = shipping(
            ("2027-04-01", "92"),
            ("2027-06-01", "97.2"),
            reviews=(review(on=day("2027-06-10"), kind=ReviewKind.MONTHLY),),
        )
        assert found(mission, day("2027-06-20"), "RECOGNITION_DUE") == []

    def test_recognition_at_the_review_counts(self) -> None:
        thanks = Recognition(on=day("2027-06-10"), kind=RecognitionKind.THANKS, description="Merci")
        mission = shipping(
            ("2027-04-01", "92"),
            ("2027-06-01", "97.4"),
            reviews=(
                review(on=day("2027-06-10"), kind=ReviewKind.MONTHLY, recognitions=(thanks,)),
            ),
        )
        assert found(mission, day("2027-06-20"), "RECOGNITION_DUE") == []

    def test_recognition_the_day_before_the_review_does_not_count(self) -> None:
        thanks = Recognition(on=day("2027-06-09"), kind=RecognitionKind.THANKS, description="Merci")
        mission = shipping(
            ("2027-04-01", "92"),
            ("2027-06-01", "97.4"),
            reviews=(review(on=day("2027-06-10"), kind=ReviewKind.MONTHLY),),
            recognitions=(thanks,),
        )
        assert found(mission, day("2027-06-20"), "RECOGNITION_DUE")

    def test_the_demo_review_of_september(self) -> None:
        # logistique's review of 2026-09-08 discussed M+6 (overall 82.004..., coverage 1)
        # and congratulated the provider that day: nothing due on 09-20.
        mission = examples.demo_mission("logistique")
        assert found(mission, day("2026-09-20"), "RECOGNITION_DUE") == []
        # Without that recognition, it is due, dated the review.
        bare = attrs.evolve(
            mission,
            reviews=tuple(attrs.evolve(r, recognitions=()) for r in mission.reviews),
        )
        finding = single(bare, day("2026-09-20"), "RECOGNITION_DUE")
        assert (finding.due, finding.param("reason"), finding.param("milestone")) == (
            day("2026-09-08"),
            "review",
            "M+6",
        )


class TestInsufficientEvidence:
    def test_params_are_exact(self) -> None:
        finding = single(thin(), day("2027-04-20"), "INSUFFICIENT_EVIDENCE")
        assert finding.params == (
            Parameter.of("milestone", "M+1"),
            Parameter.of("coverage", Decimal(1) / Decimal(3)),
            Parameter.of("minimum", Decimal("0.5")),
        )

    def test_raised_while_the_window_runs(self) -> None:
        # On 2027-04-10 M+1 is current (not reached): its window so far has the same 1/3.
        finding = single(thin(), day("2027-04-10"), "INSUFFICIENT_EVIDENCE")
        assert (finding.subject, finding.due) == ("milestones[M+1]", day("2027-04-15"))

    def test_near_miss_coverage_exactly_at_the_minimum(self) -> None:
        # Shipping weighted 1 like damage: coverage 1 / 2 = 0.5, the minimum itself.
        mission = thin(kpis=(shipping_kpi(weight=Decimal(1)), damage_kpi()))
        assert score(mission, day("2027-04-15")).standing == "excellent"
        assert found(mission, day("2027-04-20"), "INSUFFICIENT_EVIDENCE") == []

    def test_the_missions_minimum_applies(self) -> None:
        # 1/3 ≥ 0.3: enough for this mission.
        mission = thin(min_coverage=Decimal("0.3"))
        assert found(mission, day("2027-04-20"), "INSUFFICIENT_EVIDENCE") == []

    def test_no_data_at_all_is_kpi_no_data_not_this(self) -> None:
        mission = thin(measurements=())
        assert found(mission, day("2027-04-20"), "INSUFFICIENT_EVIDENCE") == []

    def test_no_recognition_on_insufficient_evidence(self) -> None:
        # 100 points, "good", but on 1/3 of the weight: no verdict, nothing to congratulate.
        assert found(thin(), day("2027-04-20"), "RECOGNITION_DUE") == []
        # The same rule, not a second one: with a minimum of 0.3 the recognition is due.
        assert found(thin(min_coverage=Decimal("0.3")), day("2027-04-20"), "RECOGNITION_DUE")

    @pytest.mark.parametrize("at", ["2026-11-29", "2026-12-31"])
    def test_demo_site_web_at_the_year_end(self, at: str) -> None:
        # Fin d'année (due 2026-12-31): only patch_latency (weight 1 of 6) measured: 1/6.
        site = next(mission for mission in examples.demo_missions() if mission.key == "site_web")
        finding = single(site, day(at), "INSUFFICIENT_EVIDENCE")
        assert (finding.severity, finding.subject) == (Severity.WARNING, "milestones[Fin d'année]")
        assert finding.due == day("2026-12-31")
        assert finding.param("coverage") == Decimal(1) / Decimal(6)
        assert finding.param("minimum") == Decimal("0.5")
        assert describe(finding, "en") == (
            "At the milestone “Fin d'année” (December 31, 2026), only 16.6% of the KPI weight "
            "has data, below the minimum of 50%: insufficient evidence for a standing or a bonus."
        )

    def test_the_other_demo_missions_have_enough_evidence(self) -> None:
        for mission in examples.demo_missions():
            if mission.key != "site_web":
                assert found(mission, day("2026-11-29"), "INSUFFICIENT_EVIDENCE") == []


FRENCH = {
    "PAYMENT_TERM_TOO_LONG",
    "LATE_PENALTIES_NOT_STATED",
    "RECOVERY_INDEMNITY_NOT_STATED",
    "IP_ASSIGNMENT_INCOMPLETE",
    "VIGILANCE_CERTIFICATE_DUE",
}


class TestFrenchLaw:
    def french(self, mission: Mission, at: str = "2027-04-01") -> list[str]:
        return [code for code in codes(assess(mission, day(at))) if code in FRENCH]

    def test_complete_terms(self) -> None:
        assert self.french(legal()) == ["VIGILANCE_CERTIFICATE_DUE"]
        certified = vigilance_mission("2027-02-01")
        assert self.french(certified) == []

    @pytest.mark.parametrize(
        ("days", "end_of_month", "flagged"),
        [(60, False, False), (61, False, True), (45, True, False), (46, True, True)],
    )
    def test_payment_term_limits(self, days: int, end_of_month: bool, flagged: bool) -> None:
        mission = legal(days=days, end_of_month=end_of_month)
        findings = found(mission, day("2027-04-01"), "PAYMENT_TERM_TOO_LONG")
        assert bool(findings) is flagged
        if flagged:
            basis = "end_of_month" if end_of_month else "invoice_date"
            limit = 45 if end_of_month else 60
            assert findings[0].params == (
                Parameter.of("days", days),
                Parameter.of("basis", basis),
                Parameter.of("limit", limit),
            )

    @pytest.mark.parametrize(
        ("rate", "flagged"),
        [(None, True), ("0", True), ("0.00", True), ("0.0001", False), ("0.12", False)],
    )
    def test_a_zero_rate_is_not_stated(self, rate: str | None, flagged: bool) -> None:
        mission = legal(late_penalty_rate=None if rate is None else Decimal(rate))
        findings = found(mission, day("2027-04-01"), "LATE_PENALTIES_NOT_STATED")
        assert bool(findings) is flagged
        if flagged:
            assert findings[0].subject == "contract.payment.late_penalty_rate"

    def test_no_payment_terms_at_all(self) -> None:
        mission = with_contract()
        assert sorted(self.french(mission)) == [
            "LATE_PENALTIES_NOT_STATED",
            "RECOVERY_INDEMNITY_NOT_STATED",
            "VIGILANCE_CERTIFICATE_DUE",
        ]

    def test_indemnity_edge(self) -> None:
        assert (
            found(
                legal(recovery_indemnity=eur("40.00")),
                day("2027-04-01"),
                "RECOVERY_INDEMNITY_NOT_STATED",
            )
            == []
        )
        assert found(
            legal(recovery_indemnity=eur("39.99")),
            day("2027-04-01"),
            "RECOVERY_INDEMNITY_NOT_STATED",
        )

    def test_ip_with_all_five_parts(self) -> None:
        ip = IpAssignment(
            rights=("reproduction", "représentation"),
            purpose="site marchand",
            territory="monde entier",
            duration="durée légale des droits",
            extent="tout support",
        )
        mission = with_contract(
            ip=ip,
            payment=PaymentTerms(
                days=30, late_penalty_rate=Decimal("0.12"), recovery_indemnity=eur("40")
            ),
        )
        assert found(mission, day("2027-04-01"), "IP_ASSIGNMENT_INCOMPLETE") == []

    def test_ip_without_rights(self) -> None:
        ip = IpAssignment(purpose="site", territory="monde", duration="5 ans", extent="web")
        finding = single(with_contract(ip=ip), day("2027-04-01"), "IP_ASSIGNMENT_INCOMPLETE")
        assert finding.param("missing") == ("rights",)
        assert "does not state the rights assigned (" in describe(finding)

    def test_other_governing_law_turns_the_checks_off(self) -> None:
        # Everything French law would flag: 90-day term, nothing stated, bare IP, no certificate.
        mission = with_contract(
            governing_law=GoverningLaw(country="BE"),
            payment=PaymentTerms(days=90),
            ip=IpAssignment(),
        )
        assert self.french(mission) == []
        french = with_contract(payment=PaymentTerms(days=90), ip=IpAssignment())
        assert sorted(self.french(french)) == sorted(FRENCH)


class TestVigilance:
    def test_due_at_signature(self) -> None:
        assert found(vigilance_mission(), day("2027-02-19"), "VIGILANCE_CERTIFICATE_DUE") == []
        finding = single(vigilance_mission(), day("2027-02-20"), "VIGILANCE_CERTIFICATE_DUE")
        assert finding.due == day("2027-02-20")

    def test_recent_certificate_lasts_six_months(self) -> None:
        # Received 2026-10-01 (under 6 months before signing): next due 2027-04-01.
        mission = vigilance_mission("2026-10-01")
        assert found(mission, day("2027-03-31"), "VIGILANCE_CERTIFICATE_DUE") == []
        assert single(mission, day("2027-04-01"), "VIGILANCE_CERTIFICATE_DUE").due == day(
            "2027-04-01"
        )

    def test_old_certificate_does_not_cover_the_signature(self) -> None:
        # Received 2026-08-01, more than 6 months before 2027-02-20: due at signature.
        mission = vigilance_mission("2026-08-01")
        assert single(mission, day("2027-03-01"), "VIGILANCE_CERTIFICATE_DUE").due == day(
            "2027-02-20"
        )

    def test_six_calendar_months_before_the_signature(self) -> None:
        # Signed 2027-03-01. Received 2026-08-31: + 6 calendar months = 2027-02-28
        # (clamped), before the signature, so it is due at signature, 2027-03-01; never
        # on the 28th, a due date before the contract was signed.
        mission = vigilance_mission("2026-08-31", signed_on=day("2027-03-01"))
        assert found(mission, day("2027-02-28"), "VIGILANCE_CERTIFICATE_DUE") == []
        finding = single(mission, day("2027-03-01"), "VIGILANCE_CERTIFICATE_DUE")
        assert finding.due == day("2027-03-01")
        assert "due on March 1, 2027" in describe(finding)

    def test_exactly_six_months_before_the_signature(self) -> None:
        # Received 2026-09-01: + 6 months = 2027-03-01, the signature day itself,
        # not before it: due then (the same day either way).
        mission = vigilance_mission("2026-09-01", signed_on=day("2027-03-01"))
        assert found(mission, day("2027-02-28"), "VIGILANCE_CERTIFICATE_DUE") == []
        assert single(mission, day("2027-03-01"), "VIGILANCE_CERTIFICATE_DUE").due == day(
            "2027-03-01"
        )

    def test_the_latest_certificate_counts(self) -> None:
        # 2027-02-10 then 2027-08-05: due 2028-02-05, then past the term end (2028-02-29).
        mission = vigilance_mission("2027-02-10", "2027-08-05")
        assert found(mission, day("2028-02-04"), "VIGILANCE_CERTIFICATE_DUE") == []
        assert single(mission, day("2028-02-05"), "VIGILANCE_CERTIFICATE_DUE").due == day(
            "2028-02-05"
        )
        assert found(mission, day("2028-03-01"), "VIGILANCE_CERTIFICATE_DUE") == []

    def test_certificate_received_after_the_date_is_not_seen(self) -> None:
        mission = vigilance_mission("2027-03-10")
        assert found(mission, day("2027-03-09"), "VIGILANCE_CERTIFICATE_DUE")
        assert found(mission, day("2027-03-10"), "VIGILANCE_CERTIFICATE_DUE") == []

    @pytest.mark.parametrize(("amount", "flagged"), [("4999.99", False), ("5000.00", True)])
    def test_threshold(self, amount: str, flagged: bool) -> None:
        fees = (
            Fee(
                label="Forfait",
                kind=FeeKind.FIXED,
                period=BillingPeriod.ONE_OFF,
                amount=eur(amount),
            ),
        )
        mission = vigilance_mission(fees=fees)
        assert bool(found(mission, day("2027-03-01"), "VIGILANCE_CERTIFICATE_DUE")) is flagged

    def test_no_fees(self) -> None:
        mission = vigilance_mission(fees=())
        assert found(mission, day("2027-03-01"), "VIGILANCE_CERTIFICATE_DUE") == []

    def test_other_currency(self) -> None:
        usd = Money(Decimal("9000"), "USD")
        fees = (Fee(label="Flat", kind=FeeKind.FIXED, period=BillingPeriod.MONTHLY, amount=usd),)
        # 9000 USD a month; the mission is in USD too, so no amount is in EUR.
        usd_contract = contract(signed_on=day("2027-02-20"), fees=fees)
        mission = quiet(currency="USD", contract=usd_contract)
        assert found(mission, day("2027-03-01"), "LATE_PENALTIES_NOT_STATED")
        assert found(mission, day("2027-03-01"), "VIGILANCE_CERTIFICATE_DUE") == []


class TestContractValue:
    def test_every_kind_of_fee(self) -> None:
        # 2027-01-15 to 2027-04-14: 3 months. Fixed monthly 1000 × 3 = 3000;
        # quarterly 600 × 3/3 = 600; yearly 1200 × 3/12 = 300; one-off 500;
        # per unit 2.50 × 100 a month × 3 = 750; days 400 × 1.5 a month × 3 = 1800.
        # Total 3000 + 600 + 300 + 500 + 750 + 1800 = 6950.
        fees = (
            Fee(label="m", kind=FeeKind.FIXED, period=BillingPeriod.MONTHLY, amount=eur("1000")),
            Fee(label="q", kind=FeeKind.FIXED, period=BillingPeriod.QUARTERLY, amount=eur("600")),
            Fee(label="y", kind=FeeKind.FIXED, period=BillingPeriod.YEARLY, amount=eur("1200")),
            Fee(label="o", kind=FeeKind.FIXED, period=BillingPeriod.ONE_OFF, amount=eur("500")),
            Fee(
                label="u",
                kind=FeeKind.PER_UNIT,
                unit="commande",
                amount=eur("2.50"),
                estimated_quantity=Decimal(100),
            ),
            Fee(
                label="t",
                kind=FeeKind.TIME_AND_MATERIALS,
                unit="jour",
                amount=eur("400"),
                estimated_quantity=Decimal("1.5"),
            ),
            # Without an estimate a unit price adds nothing.
            Fee(label="x", kind=FeeKind.PER_UNIT, unit="colis", amount=eur("9")),
        )
        small = Contract(
            reference="C-1", effective=day("2027-01-15"), end=day("2027-04-14"), fees=fees
        )
        assert contract_value(small) == Decimal(6950)

    def test_a_started_month_counts_in_full(self) -> None:
        # 2027-01-15 to 2027-04-20 runs past 3 whole months: 4 months × 1000.
        fee = Fee(label="m", kind=FeeKind.FIXED, period=BillingPeriod.MONTHLY, amount=eur("1000"))
        longer = Contract(
            reference="C-1", effective=day("2027-01-15"), end=day("2027-04-20"), fees=(fee,)
        )
        assert contract_value(longer) == Decimal(4000)

    def test_duration_in_months(self) -> None:
        # The factory contract: 3500 × 12 = 42000.
        assert contract_value(contract()) == Decimal(42000)


# -- ordering, determinism, input ---------------------------------------------------
def natural(text: str) -> tuple[str | int, ...]:
    """``"tools[10]"`` → ``("tools[", 10, "]")``: numbers compare as numbers.

    ``re.split`` with a group alternates text and digits, so texts meet texts and
    numbers meet numbers in the comparison.
    """
    return tuple(
        int(part) if index % 2 else part for index, part in enumerate(re.split(r"(\d+)", text))
    )


def sort_key(finding: Finding) -> tuple[int, int, str, tuple[str | int, ...]]:
    order = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}
    due = finding.due.toordinal() if finding.due is not None else dt.date.max.toordinal()
    return (order[finding.severity], due, finding.code, natural(finding.subject))


def many() -> Mission:
    """A mission that, on 2028-03-15 (after its end), has findings of each severity."""
    return minimal_mission(
        kickoff=Kickoff(),
        tools=(slack(name="Trello"), slack(name="Slack")),
        contract=contract(payment=PaymentTerms(days=90)),
        activities=(fulfilment(budget=None),),
        integration=(
            IntegrationStep(
                kind=IntegrationKind.SITE_VISIT,
                description="Visite",
                planned_on=day("2027-06-01"),
            ),
        ),
        reviews=(review(corrective_actions=(action(),)),),
    )


class TestOrdering:
    def test_hand_sorted(self) -> None:
        findings = assess(many(), day("2028-03-15"))
        assert [(f.severity, f.code, f.subject, f.due) for f in findings] == [
            # critical: the end date first, then the finding without a date
            (Severity.CRITICAL, "TOOL_ACCESS_NOT_REVOKED", "tools[0]", END),
            (Severity.CRITICAL, "TOOL_ACCESS_NOT_REVOKED", "tools[1]", END),
            (Severity.CRITICAL, "PAYMENT_TERM_TOO_LONG", "contract.payment.days", None),
            # warning: by date (start, action due), then the undated ones by code
            (Severity.WARNING, "KICKOFF_NOT_HELD", "kickoff", START),
            (Severity.WARNING, "ACTION_OVERDUE", "corrective_actions[ca_01]", day("2027-05-15")),
            (
                Severity.WARNING,
                "LATE_PENALTIES_NOT_STATED",
                "contract.payment.late_penalty_rate",
                None,
            ),
            (
                Severity.WARNING,
                "RECOVERY_INDEMNITY_NOT_STATED",
                "contract.payment.recovery_indemnity",
                None,
            ),
            (Severity.INFO, "INTEGRATION_STEP_OVERDUE", "integration[0]", day("2027-06-01")),
        ]

    def test_same_code_and_date_sort_by_subject(self) -> None:
        # Two reviews on 04-16, listed z then a: both needs are due 04-16 with the same
        # code and severity, so the subject decides, whatever the input order.
        reviews = tuple(
            review(needs=(ProviderNeed(id=need, description=f"Besoin {need}"),))
            for need in ("z_need", "a_need")
        )
        findings = found(quiet(reviews=reviews), day("2027-05-10"), "NEED_OPEN")
        assert [f.subject for f in findings] == ["needs[a_need]", "needs[z_need]"]

    def test_subjects_in_natural_order(self) -> None:
        # Eleven tools never revoked: tools[2] comes before tools[10], not after it as
        # plain text would have it ("tools[10]" < "tools[2]").
        tools = tuple(slack(name=f"Outil {index}") for index in range(11))
        findings = found(quiet(tools=tools), day("2028-03-15"), "TOOL_ACCESS_NOT_REVOKED")
        assert [f.subject for f in findings] == [f"tools[{index}]" for index in range(11)]

    def test_natural_order_of_ids(self) -> None:
        # Needs need_10, need_9 and need_100, all raised on 04-16: 9 < 10 < 100.
        needs = tuple(
            ProviderNeed(id=f"need_{number}", description=f"Besoin {number}")
            for number in (10, 9, 100)
        )
        findings = found(quiet(reviews=(review(needs=needs),)), day("2027-05-10"), "NEED_OPEN")
        assert [f.subject for f in findings] == [
            "needs[need_9]",
            "needs[need_10]",
            "needs[need_100]",
        ]

    @pytest.mark.parametrize("at", ["2026-04-15", "2026-11-29", "2027-02-15"])
    def test_demo_findings_are_sorted(self, at: str) -> None:
        for mission in examples.demo_missions():
            findings = assess(mission, day(at))
            assert list(findings) == sorted(findings, key=sort_key)
            assert all(f.code in FINDING_CODES and f.at == day(at) for f in findings)

    def test_same_result_every_run(self) -> None:
        mission = many()
        first = assess(mission, day("2028-03-15"))
        assert all(assess(mission, day("2028-03-15")) == first for _ in range(3))

    def test_same_result_in_another_process(self) -> None:
        # Another hash seed, timezone and locale must not change a single character.
        script = (
            "import datetime as dt\n"
            "from vendorgov import assess, examples\n"
            "for m in examples.demo_missions():\n"
            "    print(repr(assess(m, dt.date(2026, 11, 29))))\n"
        )
        env = os.environ | {"PYTHONHASHSEED": "12345", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=Path(__file__).parent,
        )
        here = "".join(repr(assess(m, day("2026-11-29"))) + "\n" for m in examples.demo_missions())
        assert result.stdout == here

    @pytest.mark.parametrize(
        "at",
        [dt.datetime(2027, 4, 1, tzinfo=dt.UTC), "2027-04-01", None, 20270401],
    )
    def test_refuses_what_is_not_a_date(self, at: object) -> None:
        with pytest.raises(ValidationError) as error:
            assess(quiet(), at)  # type: ignore[arg-type]
        assert [detail.path for detail in error.value.errors] == ["at"]


# -- a mission as it stood on the date ------------------------------------------------
# code: (mission, at, the day the event that settles it took place, after `at`)
AS_IT_STOOD: dict[str, tuple[Callable[[], Mission], str, str]] = {
    # Held on 03-30; on 03-20 no kickoff had been held.
    "KICKOFF_NOT_HELD": (
        lambda: minimal_mission(kickoff=Kickoff(held_on=day("2027-03-30"))),
        "2027-03-20",
        "2027-03-30",
    ),
    # Planned 03-17, held 03-30.
    "TRAINING_PENDING": (
        lambda: quiet(
            kickoff=Kickoff(
                held_on=START,
                trainings=(
                    Training(
                        topic="Process retours",
                        planned_on=day("2027-03-17"),
                        held_on=day("2027-03-30"),
                    ),
                ),
            )
        ),
        "2027-03-20",
        "2027-03-30",
    ),
    # Due 03-12, handed over 03-30.
    "RESOURCE_PENDING": (
        lambda: quiet(
            kickoff=Kickoff(
                held_on=START,
                resources=(
                    Resource(
                        name="Charte", due=day("2027-03-12"), handed_over_on=day("2027-03-30")
                    ),
                ),
            )
        ),
        "2027-03-20",
        "2027-03-30",
    ),
    # Planned 04-02, done 04-30.
    "INTEGRATION_STEP_OVERDUE": (
        lambda: quiet(
            integration=(
                IntegrationStep(
                    kind=IntegrationKind.SITE_VISIT,
                    description="Visite",
                    planned_on=day("2027-04-02"),
                    done_on=day("2027-04-30"),
                ),
            )
        ),
        "2027-04-10",
        "2027-04-30",
    ),
    # The review for 04-20 (held from 03-21 on) took place on 04-25.
    "REVIEW_OVERDUE": (
        lambda: quiet(review_cadence=MONTHLY_ON_20, reviews=(review(on=day("2027-04-25")),)),
        "2027-04-22",
        "2027-04-25",
    ),
    # Good at M+1 (due 04-15), thanked on 05-10.
    "RECOGNITION_DUE": (
        lambda: shipping(
            ("2027-04-01", "96"),
            recognitions=(
                Recognition(on=day("2027-05-10"), kind=RecognitionKind.THANKS, description="Merci"),
            ),
        ),
        "2027-04-20",
        "2027-05-10",
    ),
}


class TestAsItStood:
    """Every check judges the mission as it stood on ``at``.

    An event dated after ``at`` (kickoff held, training held, resource handed
    over, integration step done, review held, recognition given) had not
    happened yet, so assessing a past date gives the answer given on that
    date; from the event's own day on, it counts.
    """

    def test_actions_are_judged_as_they_stood(self) -> None:
        closed = acting(status=ActionStatus.DONE, closed_on=day("2027-05-30"))
        assert found(closed, day("2027-05-20"), "ACTION_OVERDUE")

    @pytest.mark.parametrize("code", sorted(AS_IT_STOOD))
    def test_later_events_are_not_seen(self, code: str) -> None:
        build, at, _ = AS_IT_STOOD[code]
        assert len(found(build(), day(at), code)) == 1

    @pytest.mark.parametrize("code", sorted(AS_IT_STOOD))
    def test_an_event_counts_from_its_own_day(self, code: str) -> None:
        build, _, on = AS_IT_STOOD[code]
        mission = build()
        assert found(mission, day(on) - dt.timedelta(days=1), code)
        assert found(mission, day(on), code) == []


# -- the demo portfolio, hand-checked -----------------------------------------------
def demo(key: str, at: str) -> tuple[Finding, ...]:
    return assess(examples.demo_mission(key), day(at))


def pick(findings: tuple[Finding, ...], code: str, subject: str | None = None) -> Finding:
    matches = [f for f in findings if f.code == code and subject in (None, f.subject)]
    assert len(matches) == 1, (code, subject, codes(findings))
    return matches[0]


class TestDemoSpring:
    """2026-04-15: logistique started 2026-03-02, community 2026-04-01, site_web not yet."""

    def test_logistique_missed_returns_at_m1(self) -> None:
        # M+1 = 2026-04-02; returns in hours 128, 134, 121, 118 → mean 125.25,
        # worse than the threshold 120 (lower is better).
        findings = demo("logistique", "2026-04-15")
        missed = pick(findings, "MILESTONE_MISSED")
        assert (missed.severity, missed.subject, missed.due) == (
            Severity.CRITICAL,
            "milestones[M+1]",
            day("2026-04-02"),
        )
        assert missed.param("kpis") == ("return_processing",)
        assert findings[0] == missed

    def test_logistique_behind_the_path_to_m6(self) -> None:
        # 13 of the 153 days from 04-02 to 09-02: damage expected 0.8 − 0.3 × 13/153 =
        # 0.775, measured (0.88 + 0.84) / 2 = 0.86; returns expected 96 − 24 × 13/153 =
        # 93.96, measured (112 + 109) / 2 = 110.5. Shipping (96.3 ≥ 95.17) is on track.
        # Both are worse than M+6's thresholds already (damage 0.86 > 0.8, returns
        # 110.5 > 96): missed in the window, each its own finding, not "at risk".
        findings = demo("logistique", "2026-04-15")
        missed = [f for f in findings if f.code == "KPI_MISSED_IN_WINDOW"]
        assert [(f.subject, f.due) for f in missed] == [
            ("kpis[damage_rate]", day("2026-09-02")),
            ("kpis[return_processing]", day("2026-09-02")),
        ]
        assert "MILESTONE_AT_RISK" not in codes(findings)

    def test_logistique_late_report_and_monthly_inventory(self) -> None:
        findings = demo("logistique", "2026-04-15")
        # Week ending 03-15 due Monday 03-16 + 1 grace day; received 03-18.
        assert [f.subject for f in findings if f.code == "REPORT_LATE"] == ["reports[2026-03-16]"]
        # Inventory is counted at month end. By 04-15 only the count of 03-31 exists: no
        # usual interval yet (0), so 0 + 7 days; nothing in 04-03..04-15 (13 days ≥ 7).
        # The four weekly KPIs were measured on 04-05 and 04-12.
        assert [f.subject for f in findings if f.code == "KPI_NO_DATA"] == [
            "kpis[inventory_accuracy]"
        ]
        # Thanked on 2026-04-07, after M+1 (score 76.1 ≥ 75): no recognition due.
        assert "RECOGNITION_DUE" not in codes(findings)

    def test_community_first_weeks(self) -> None:
        findings = demo("community", "2026-04-15")
        # Monthly measurements arrive on 04-30: by 04-15 none exists, so no usual
        # interval (0 + 7 days), and all five KPIs are without data after 15 days.
        assert sorted(f.subject for f in findings if f.code == "KPI_NO_DATA") == [
            "kpis[editorial_adherence]",
            "kpis[engagement_rate]",
            "kpis[first_response_time]",
            "kpis[negative_share]",
            "kpis[response_rate]",
        ]
        # Reports are due at each month end (+ 5 grace days): the first on 04-30.
        assert not [f for f in findings if f.code.startswith("REPORT_")]

    def test_site_web_has_not_started(self) -> None:
        # Start 2026-05-04, certificate received 2026-04-15, notice deadline 2027-02-02.
        assert demo("site_web", "2026-04-15") == ()


class TestDemoBlackFriday:
    """2026-11-29, two days after the last measurements."""

    def test_logistique(self) -> None:
        findings = demo("logistique", "2026-11-29")
        # 2027-03-01 − 90 days = 2026-12-01 (30 + 31 + 28 + 1), two days ahead: critical.
        notice = pick(findings, "NOTICE_DEADLINE_SOON")
        assert (notice.severity, notice.due, notice.subject) == (
            Severity.CRITICAL,
            day("2026-12-01"),
            "contract.renewal",
        )
        assert notice.param("days") == 2
        # M+6 (2026-09-02): 22 weekly return times summing to 2189 h → 99.5 > 96.
        assert pick(findings, "MILESTONE_MISSED").due == day("2026-09-02")
        # First Tuesday of November 2026 is the 3rd; the last review was on 09-08.
        assert pick(findings, "REVIEW_OVERDUE").due == day("2026-11-03")
        # ca_log_03 due 2026-10-30, still open.
        overdue = pick(findings, "ACTION_OVERDUE")
        assert overdue.subject == "corrective_actions[ca_log_03]"
        assert overdue.param("owner") == "Paul Roux"
        # need_log_03 raised 09-08: 22 + 31 + 29 = 82 days.
        assert pick(findings, "NEED_OPEN", "needs[need_log_03]").param("days") == 82
        # Thanked on 2026-09-08, after M+6: nothing due. Certificate of 08-04 runs to 2027-02-04.
        assert "RECOGNITION_DUE" not in codes(findings)
        assert "VIGILANCE_CERTIFICATE_DUE" not in codes(findings)

    def test_community(self) -> None:
        findings = demo("community", "2026-11-29")
        # 2027-03-31 − 60 days = 2027-01-30; from 11-29: 1 + 31 + 30 = 62 days → info.
        notice = pick(findings, "NOTICE_DEADLINE_SOON")
        assert (notice.severity, notice.due) == (Severity.INFO, day("2027-01-30"))
        assert (notice.param("notice_days"), notice.param("days")) == (60, 62)
        assert pick(findings, "NEED_OPEN").subject == "needs[need_com_02]"
        # July's report: due 07-31, deadline 08-05, received 08-12. The others were on time.
        late = pick(findings, "REPORT_LATE")
        assert (late.subject, late.severity) == ("reports[2026-07-31]", Severity.INFO)
        assert "REPORT_MISSING" not in codes(findings)
        # Certificate of 2026-09-14 runs to 2027-03-14.
        assert "VIGILANCE_CERTIFICATE_DUE" not in codes(findings)

    def test_site_web(self) -> None:
        findings = demo("site_web", "2026-11-29")
        # Certificate received 2026-04-15, due again 6 months later.
        assert pick(findings, "VIGILANCE_CERTIFICATE_DUE").due == day("2026-10-15")
        # need_web_02 raised at the 2026-11-10 review: 19 days > 14.
        assert pick(findings, "NEED_OPEN").param("days") == 19
        # 2027-05-03 − 90 days = 2027-02-02; from 11-29: 1 + 31 + 31 + 2 = 65 days.
        notice = pick(findings, "NOTICE_DEADLINE_SOON")
        assert (notice.severity, notice.due) == (Severity.INFO, day("2027-02-02"))
        # The old FTP access was revoked, and the mission has not ended anyway.
        assert "TOOL_ACCESS_NOT_REVOKED" not in codes(findings)


class TestDemoWinter:
    """2027-02-15: the year-end milestone is reached, the notice deadlines have passed.

    Every finding is listed, worked out from the TOML files. All three contracts
    renew tacitly (logistique and site_web with 90 days' notice, community with
    60), so their term ends give no finding, and the notice deadlines (2026-12-01,
    2027-01-30, 2027-02-02) are behind. The missions have not ended (2027-03-01,
    03-31, 05-03): no tool finding. Fin d'année (2026-12-31) is the last milestone,
    passed: nothing at risk and no missing data is reported.
    """

    def test_logistique(self) -> None:
        findings = demo("logistique", "2027-02-15")
        assert [(f.severity, f.code, f.subject, f.due) for f in findings] == [
            # need_log_03, raised 2026-09-08: 22 + 31 + 30 + 31 + 31 + 15 = 160 days.
            (Severity.WARNING, "NEED_OPEN", "needs[need_log_03]", day("2026-09-08")),
            (
                Severity.WARNING,
                "ACTION_OVERDUE",
                "corrective_actions[ca_log_03]",
                day("2026-10-30"),
            ),
            # The last report covers the week ending 11-22 (due 11-23). Due every Monday
            # from 11-30, deadline the Tuesday: missing up to 02-08 (deadline 02-09);
            # 02-15's is pending.
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-11-30]", day("2026-11-30")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-12-07]", day("2026-12-07")),
            # Planned 2026-12-08, never held.
            (Severity.WARNING, "TRAINING_PENDING", "kickoff.trainings[2]", day("2026-12-08")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-12-14]", day("2026-12-14")),
            # The recall procedure, due 2026-12-15, never handed over.
            (Severity.WARNING, "RESOURCE_PENDING", "kickoff.resources[6]", day("2026-12-15")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-12-21]", day("2026-12-21")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-12-28]", day("2026-12-28")),
            # Year end: returns 81.08 h between 60 and 84, the 4 others met (see below).
            (
                Severity.WARNING,
                "MILESTONE_BELOW_TARGET",
                "milestones[Fin d'année]",
                day("2026-12-31"),
            ),
            (Severity.WARNING, "REPORT_MISSING", "reports[2027-01-04]", day("2027-01-04")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2027-01-11]", day("2027-01-11")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2027-01-18]", day("2027-01-18")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2027-01-25]", day("2027-01-25")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2027-02-01]", day("2027-02-01")),
            # First Tuesday of February 2027 (the 1st is a Monday): the 2nd; no review
            # since the one of January (the 5th), the last was on 2026-09-08.
            (Severity.WARNING, "REVIEW_OVERDUE", "reviews", day("2027-02-02")),
            # The certificate of 2026-08-04 + 6 months was due on 2027-02-04: the next
            # came on 2027-02-02, so the register is complete (next due 2027-08-02).
            (Severity.WARNING, "REPORT_MISSING", "reports[2027-02-08]", day("2027-02-08")),
            # Weeks ending 03-15 (received 03-18), 07-19 (07-23) and 08-09 (08-12), each
            # after the Tuesday deadline.
            (Severity.INFO, "REPORT_LATE", "reports[2026-03-16]", day("2026-03-16")),
            (Severity.INFO, "REPORT_LATE", "reports[2026-07-20]", day("2026-07-20")),
            (Severity.INFO, "REPORT_LATE", "reports[2026-08-10]", day("2026-08-10")),
            (Severity.INFO, "INTEGRATION_STEP_OVERDUE", "integration[3]", day("2026-12-10")),
            (Severity.INFO, "INTEGRATION_STEP_OVERDUE", "integration[4]", day("2026-12-17")),
        ]
        assert pick(findings, "NEED_OPEN").param("days") == 160
        assert pick(findings, "ACTION_OVERDUE").param("owner") == "Paul Roux"
        # Year end (09-03..12-31), with the targets amendment n° 1 raised from 09-03:
        # shipping 1176.3 / 12 = 98.025 against 98.5 (96.5): 100 × 1.525 / 2 = 76.25;
        # accuracy 1196.8 / 12 = 99.733 against 99.8 (99.5): 100 × 0.2333 / 0.3 = 77.78;
        # damage 0.3625 ≤ 0.4 and inventory 99.7: met, 100. Returns 81.08 h: 100 × (84 −
        # 81.08) / 24 = 12.15. (2 × 76.25 + 2 × 77.78 + 100 + 12.15 + 100) / 7 = 74.32 < 75
        # and below M+6's 82.00: neither good nor improving, no recognition due.
        assert "RECOGNITION_DUE" not in codes(findings)
        # Spend by 10-31: stockage 2700 + 7 × 1200 = 11100 of 15900, preparation
        # 38558 of 62400, retours 3306 of 5400, with 351 of 365 days elapsed: no
        # budget finding.
        assert not {"BUDGET_OVERRUN", "FORECAST_OVERRUN"} & set(codes(findings))

    def test_community(self) -> None:
        findings = demo("community", "2027-02-15")
        assert [(f.severity, f.code, f.subject, f.due) for f in findings] == [
            # need_com_02, raised 2026-10-08: 23 + 30 + 31 + 31 + 15 = 130 days.
            (Severity.WARNING, "NEED_OPEN", "needs[need_com_02]", day("2026-10-08")),
            # Monthly reports due at month end + 5 grace days; the last one received was
            # October's. November's (deadline 12-05), December's (01-05) and January's
            # (02-05) are missing.
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-11-30]", day("2026-11-30")),
            (
                Severity.WARNING,
                "ACTION_OVERDUE",
                "corrective_actions[ca_com_02]",
                day("2026-12-15"),
            ),
            # Year end: first response 71 min between 45 and 75, the 4 others met.
            (
                Severity.WARNING,
                "MILESTONE_BELOW_TARGET",
                "milestones[Fin d'année]",
                day("2026-12-31"),
            ),
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-12-31]", day("2026-12-31")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2027-01-31]", day("2027-01-31")),
            # Second Thursday of February 2027: the 11th; none since January's (the 14th).
            (Severity.WARNING, "REVIEW_OVERDUE", "reviews", day("2027-02-11")),
            # July's report: due 07-31, deadline 08-05, received 08-12.
            (Severity.INFO, "REPORT_LATE", "reports[2026-07-31]", day("2026-07-31")),
            (Severity.INFO, "INTEGRATION_STEP_OVERDUE", "integration[3]", day("2026-12-17")),
            (Severity.INFO, "RECOGNITION_DUE", "recognitions", day("2026-12-31")),
            # The certificate of 2026-09-14 + 6 months = 2027-03-14, 13 + 14 = 27 days on.
            (
                Severity.INFO,
                "VIGILANCE_CERTIFICATE_DUE_SOON",
                "compliance_documents",
                day("2027-03-14"),
            ),
        ]
        assert pick(findings, "NEED_OPEN").param("days") == 130
        # Year end (10-02..12-31), the October figures: engagement 2.7 ≥ 2.5, response
        # 98 ≥ 97, editorial 98 ≥ 95, negative 5.9 ≤ 6: 100 each; first response 71 min,
        # 100 × (75 − 71) / (75 − 45) = 13.33; editorial quality (weight 1), the round of
        # 10-31: median(4, 5) = 4.5 ≥ 4.5: 100. (2 × 100 + 13.33 + 4 × 100) / 7 = 87.62;
        # the last thanks were on 2026-10-08.
        recognition = pick(findings, "RECOGNITION_DUE")
        assert recognition.param("reason") == "good"
        assert "(score 87.6)" in describe(recognition)  # 87.6190…, cut down to one decimal
        # Certificate of 2026-09-14 runs to 2027-03-14.
        assert "VIGILANCE_CERTIFICATE_DUE" not in codes(findings)

    def test_site_web(self) -> None:
        findings = demo("site_web", "2027-02-15")
        assert [(f.severity, f.code, f.subject, f.due) for f in findings] == [
            # The only certificate, received 2026-04-15 (signed 04-20), ran to 10-15.
            (
                Severity.WARNING,
                "VIGILANCE_CERTIFICATE_DUE",
                "compliance_documents",
                day("2026-10-15"),
            ),
            # need_web_02, raised 2026-11-10: 20 + 31 + 31 + 5 = 97 days.
            (Severity.WARNING, "NEED_OPEN", "needs[need_web_02]", day("2026-11-10")),
            # Month end + 10 grace days; the last one received was October's.
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-11-30]", day("2026-11-30")),
            (
                Severity.WARNING,
                "ACTION_OVERDUE",
                "corrective_actions[ca_web_02]",
                day("2026-12-11"),
            ),
            # Year end (11-05..12-31): only patch_latency, weight 1 of 6, measured:
            # 100 points on coverage 1/6 < 0.5, no standing.
            (
                Severity.WARNING,
                "INSUFFICIENT_EVIDENCE",
                "milestones[Fin d'année]",
                day("2026-12-31"),
            ),
            (Severity.WARNING, "REPORT_MISSING", "reports[2026-12-31]", day("2026-12-31")),
            (Severity.WARNING, "REPORT_MISSING", "reports[2027-01-31]", day("2027-01-31")),
            # Second Tuesday of February 2027 (the 1st is a Monday): the 9th.
            (Severity.WARNING, "REVIEW_OVERDUE", "reviews", day("2027-02-09")),
            # No BUDGET_OVERRUN: the redesign is paid (5400 + 7200 + 5400 = 18000) as its
            # plan says; planned to date 18000 + 2000 × 288 / 365 = 19578.08 ≥ 18000.
            # July's (received 08-21) and October's (11-16), after the 10th.
            (Severity.INFO, "REPORT_LATE", "reports[2026-07-31]", day("2026-07-31")),
            (Severity.INFO, "REPORT_LATE", "reports[2026-10-31]", day("2026-10-31")),
            (Severity.INFO, "INTEGRATION_STEP_OVERDUE", "integration[3]", day("2026-12-17")),
            # The client gave notice on 2027-01-20, effective 2027-05-03: 77 days ahead
            # (13 + 31 + 30 + 3), within the 90-day lead of CONTRACT_END_SOON.
            (Severity.INFO, "CONTRACT_END_SOON", "notice", day("2027-05-03")),
            # Year end: patch_latency 1 ≤ 5 met, the only KPI with data (coverage 1/6 < 0.5):
            # no outcome on so little evidence (INSUFFICIENT_EVIDENCE above), so no MILESTONE_MET.
            # No RECOGNITION_DUE: see below.
            # No FORECAST_OVERRUN: with the plan, 18000 + (20000 − 19578.08) = 18421.92
            # ≤ 21000 (linear, it was 18000 × 365 / 288 = 22812.50).
        ]
        assert pick(findings, "NEED_OPEN").param("days") == 97
        # Year end (11-05..12-31): only the patch of 11-18 was measured, 1 day ≤ 5:
        # 100 points, and the other four KPIs have no data, so the score is 100 — on
        # one KPI of five: under half the weight had data, so it is no ground for
        # congratulations: coverage 1/6 is below the mission's minimum (0.5), the standing
        # is withheld and INSUFFICIENT_EVIDENCE says so.
        card = score(examples.demo_mission("site_web"), day("2026-12-31"))
        assert card.overall == 100
        assert card.coverage == Decimal(1) / Decimal(6)
        assert (card.standing, card.sufficient) == (None, False)
