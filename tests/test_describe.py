"""Findings and payout rules in words: `vendorgov.describe`, in English, French and Spanish.

The engine returns codes and typed parameters (``tests/test_health.py``,
``tests/test_incentives.py``); here each code and each payout rule is put into words by hand-made
values, with the exact sentence expected in English and in French (French numbers, money and
dates: ``1 234,50 €``, ``28 février 2027``, narrow no-break spaces before ``:`` and ``;`` and
inside « »).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vendorgov
from strategies import findings, payouts
from vendorgov import (
    FINDING_CODES,
    PAYOUT_RULES,
    Finding,
    Money,
    Parameter,
    Payout,
    PayoutCategory,
    Severity,
    ValidationError,
    describe,
    examples,
)
from vendorgov._cli import main
from vendorgov._describe import FINDING_PARAMETERS, PAYOUT_PARAMETERS

D = Decimal
FEB28 = dt.date(2027, 2, 28)
M1, M6 = dt.date(2027, 4, 1), dt.date(2027, 9, 1)
DOCS = Path(__file__).resolve().parent.parent / "docs"


def eur(text: str) -> Money:
    return Money(D(text), "EUR")


# -- findings, one hand-made value per code ----------------------------------------------------
PARAMS: dict[str, dict[str, Any]] = {
    "KICKOFF_NOT_HELD": {},
    "TRAINING_PENDING": {"topic": "Process retours"},
    "RESOURCE_PENDING": {"resource": "Charte graphique"},
    "INTEGRATION_STEP_OVERDUE": {"step": "Visite de l'entrepôt", "kind": "site_visit"},
    "TOOL_ACCESS_NOT_REVOKED": {"tool": "Slack"},
    "REVIEW_OVERDUE": {"frequency": "monthly"},
    "REPORT_LATE": {},
    "REPORT_MISSING": {},
    "MILESTONE_MISSED": {"milestone": "M+6", "kpis": ("damage_rate", "return_processing")},
    "MILESTONE_AT_RISK": {"milestone": "Fin d'année", "kpis": ("return_processing",)},
    "MILESTONE_BELOW_TARGET": {"milestone": "M+6", "kpis": ("damage_rate", "on_time_shipping")},
    "MILESTONE_MET": {"milestone": "M+6", "score": D("100")},
    "KPI_MISSED_IN_WINDOW": {"kpi": "return_processing", "milestone": "Fin d'année"},
    "KPI_NO_DATA": {"kpi": "on_time_shipping"},
    # site_web at year end: 1 of 6 weight units measured, 1/6 = 0.1666..., shown cut down
    "INSUFFICIENT_EVIDENCE": {
        "milestone": "Fin d'année",
        "coverage": D(1) / 6,
        "minimum": D("0.5"),
    },
    "ACTION_OVERDUE": {"action": "Former deux opérateurs", "owner": "Paul Roux"},
    "NEED_OPEN": {"need": "Prévisions de Noël", "days": 1},
    "BUDGET_OVERRUN": {"activity": "fulfilment", "spent": eur("1234.5"), "planned": eur("1000")},
    "FORECAST_OVERRUN": {
        "activity": "fulfilment",
        "forecast": eur("38325.04"),
        "budget": eur("36500"),
    },
    "CONTRACT_END_SOON": {"days": 7},
    "NOTICE_DEADLINE_SOON": {"days": 30, "renewal": dt.date(2027, 6, 1), "notice_days": 90},
    "RECOGNITION_DUE": {"reason": "good", "milestone": "M+1", "score": D("87.4583")},
    "PAYMENT_TERM_TOO_LONG": {"days": 61, "basis": "invoice_date", "limit": 60},
    "LATE_PENALTIES_NOT_STATED": {},
    "RECOVERY_INDEMNITY_NOT_STATED": {"indemnity": eur("40")},
    "IP_ASSIGNMENT_INCOMPLETE": {"missing": ("territory", "duration")},
    "VIGILANCE_CERTIFICATE_DUE": {},
    "CONTEST_OPEN": {
        "kpi": "quality",
        "milestone": "M+6",
        "raised_on": dt.date(2027, 2, 20),
        "raised_by": "Paul Roux",
    },
    "CONTEST_ANSWER_OVERDUE": {
        "kpi": "quality",
        "milestone": "M+6",
        "raised_on": dt.date(2027, 2, 20),
        "raised_by": "Paul Roux",
        "days": 3,
    },
    "IP_ASSIGNMENT_MISSING": {"works": ("Maquettes", "Site en production")},
    "DPA_MISSING": {},
    "DPA_INCOMPLETE": {"element": "security_measures"},
    "EXIT_STEP_LATE": {"step": "return", "what": "Base clients", "owner": "Sarah Lambert"},
    "RENEWAL_NOT_DECIDED": {"renewal": 1},
    "NOTICE_TOO_SHORT": {
        "given_by": "client",
        "given_on": dt.date(2026, 12, 15),
        "earliest": dt.date(2028, 2, 29),
    },
    "RELATIONSHIP_NOTICE_TOO_SHORT": {
        "given_by": "provider",
        "years": 3,
        "months": 3,
        "suggested": dt.date(2027, 5, 14),
    },
    "CONTRACT_NOTICE_TOO_SHORT": {"notice_days": 30, "years": 3, "months": 3},
    "VIGILANCE_CERTIFICATE_DUE_SOON": {"days": 12},
    "REGISTRATION_EXTRACT_MISSING": {},
    "INSURANCE_CERTIFICATE_MISSING": {},
    "INSURANCE_CERTIFICATE_EXPIRED": {},
    "INSURANCE_CERTIFICATE_EXPIRING": {"days": 1},
    "LATE_PENALTY_RATE_TOO_LOW": {
        "rate": D("0.075"),
        "legal_rate": D("0.0262"),
        "minimum": D("0.0786"),
        "semester": "2026-S1",
    },
    "LEGAL_INTEREST_RATE_UNKNOWN": {"semester": "2026-S2"},
}


def made(code: str, due: dt.date | None = FEB28, **params: Any) -> Finding:
    values = PARAMS.get(code, {}) | params
    return Finding(
        code=code,
        severity=Severity.WARNING,
        subject="x",
        at=dt.date(2027, 3, 1),
        due=due,
        params=tuple(Parameter.of(name, value) for name, value in values.items()),
    )


FINDING_SENTENCES: dict[str, tuple[str, str]] = {
    "KICKOFF_NOT_HELD": (
        "No kickoff meeting has been held; it was due by February 28, 2027.",
        (
            "Aucune réunion de lancement n'a eu lieu\u202f; elle devait se tenir au plus "
            "tard le 28\xa0février\xa02027."
        ),
    ),
    "TRAINING_PENDING": (
        "The training “Process retours” planned on February 28, 2027 has not been held.",
        (
            "La formation «\u202fProcess retours\u202f» prévue le 28\xa0février\xa02027 n'a "
            "pas eu lieu."
        ),
    ),
    "RESOURCE_PENDING": (
        (
            "“Charte graphique” was due to the provider on February 28, 2027 and has not "
            "been handed over."
        ),
        (
            "«\u202fCharte graphique\u202f» devait être remis au prestataire le "
            "28\xa0février\xa02027 et ne l'a pas été."
        ),
    ),
    "INTEGRATION_STEP_OVERDUE": (
        (
            "The integration step “Visite de l'entrepôt” (site visit) was planned on "
            "February 28, 2027 and is not done."
        ),
        (
            "L'étape d'intégration «\u202fVisite de l'entrepôt\u202f» (visite sur site) "
            "était prévue le 28\xa0février\xa02027 et n'est pas faite."
        ),
    ),
    "TOOL_ACCESS_NOT_REVOKED": (
        ("The mission ended on February 28, 2027 and the provider still has access to Slack."),
        (
            "La mission a pris fin le 28\xa0février\xa02027 et le prestataire a toujours "
            "accès à Slack."
        ),
    ),
    "REVIEW_OVERDUE": (
        "A review was due on February 28, 2027 (monthly cadence) and none is recorded.",
        (
            "Un point d'étape était prévu le 28\xa0février\xa02027 (périodicité mensuelle) "
            "et aucun n'est enregistré."
        ),
    ),
    "REPORT_LATE": (
        "The report due on February 28, 2027 arrived late.",
        "Le rapport attendu le 28\xa0février\xa02027 est arrivé en retard.",
    ),
    "REPORT_MISSING": (
        "The report due on February 28, 2027 has not arrived.",
        "Le rapport attendu le 28\xa0février\xa02027 n'est pas arrivé.",
    ),
    "MILESTONE_MISSED": (
        (
            "At the milestone “M+6” (February 28, 2027), 2 KPIs were missed: damage_rate "
            "and return_processing."
        ),
        (
            "Au palier «\u202fM+6\u202f» (28\xa0février\xa02027), 2 indicateurs sont "
            "manqués\u202f: damage_rate et return_processing."
        ),
    ),
    "MILESTONE_AT_RISK": (
        (
            "Towards the milestone “Fin d'année” (February 28, 2027), 1 KPI is behind its "
            "expected path: return_processing."
        ),
        (
            "En route vers le palier «\u202fFin d'année\u202f» (28\xa0février\xa02027), 1 "
            "indicateur est en retard sur sa trajectoire\u202f: return_processing."
        ),
    ),
    "MILESTONE_BELOW_TARGET": (
        (
            "The milestone “M+6” (February 28, 2027) ended below target, no KPI missed: 2 KPIs "
            "between threshold and target: damage_rate and on_time_shipping."
        ),
        (
            "Le palier «\u202fM+6\u202f» (28\xa0février\xa02027) s'est terminé sous l'objectif, "
            "sans indicateur manqué\u202f: 2 indicateurs entre le seuil et l'objectif\u202f: "
            "damage_rate et on_time_shipping."
        ),
    ),
    "MILESTONE_MET": (
        (
            "The milestone “M+6” (February 28, 2027) was met: every KPI measured reached its "
            "target (score 100)."
        ),
        (
            "Le palier «\u202fM+6\u202f» (28\xa0février\xa02027) est atteint\u202f: chaque "
            "indicateur mesuré a atteint son objectif (note de 100)."
        ),
    ),
    "KPI_MISSED_IN_WINDOW": (
        (
            "return_processing is already below its threshold before the milestone “Fin "
            "d'année” (February 28, 2027)."
        ),
        (
            "return_processing est déjà en deçà de son seuil avant le palier «\u202fFin "
            "d'année\u202f» (28\xa0février\xa02027)."
        ),
    ),
    "KPI_NO_DATA": (
        "No measurement of on_time_shipping since February 28, 2027.",
        "Aucune mesure de on_time_shipping depuis le 28\xa0février\xa02027.",
    ),
    "INSUFFICIENT_EVIDENCE": (
        (
            "At the milestone “Fin d'année” (February 28, 2027), only 16.6% of the KPI weight "
            "has data, below the minimum of 50%: insufficient evidence for a standing or a bonus."
        ),
        (
            "Au palier «\u202fFin d'année\u202f» (28\xa0février\xa02027), les indicateurs "
            "mesurés ne pèsent que 16,6\xa0% du poids, sous le minimum de 50\xa0%\u202f: "
            "preuves insuffisantes pour une appréciation ou une prime."
        ),
    ),
    "ACTION_OVERDUE": (
        (
            "The corrective action “Former deux opérateurs” (Paul Roux) was due on February "
            "28, 2027."
        ),
        (
            "L'action corrective «\u202fFormer deux opérateurs\u202f» (Paul Roux) arrivait "
            "à échéance le 28\xa0février\xa02027."
        ),
    ),
    "NEED_OPEN": (
        (
            "The provider asked for “Prévisions de Noël” on February 28, 2027 and has been "
            "waiting for 1 day."
        ),
        (
            "Le prestataire a demandé «\u202fPrévisions de Noël\u202f» le "
            "28\xa0février\xa02027 et attend depuis 1 jour."
        ),
    ),
    "BUDGET_OVERRUN": (
        "fulfilment: €1,234.50 spent against €1,000.00 planned to date.",
        ("fulfilment\u202f: 1\u202f234,50\xa0€ dépensés pour 1\u202f000,00\xa0€ prévus à ce jour."),
    ),
    "FORECAST_OVERRUN": (
        (
            "fulfilment: spend at completion is forecast at €38,325.04, above the budget of "
            "€36,500.00."
        ),
        (
            "fulfilment\u202f: la dépense à terme est estimée à 38\u202f325,04\xa0€, "
            "au-delà du budget de 36\u202f500,00\xa0€."
        ),
    ),
    "CONTRACT_END_SOON": (
        "The contract ends on February 28, 2027, in 7 days.",
        "Le contrat prend fin le 28\xa0février\xa02027, dans 7 jours.",
    ),
    "NOTICE_DEADLINE_SOON": (
        (
            "The contract renews by itself on June 1, 2027 unless notice is given 90 days "
            "before its end; the last day to give it is February 28, 2027, in 30 days."
        ),
        (
            "Le contrat se renouvelle tacitement le 1er\xa0juin\xa02027, sauf préavis donné "
            "90\xa0jours avant son terme\u202f; le dernier jour pour le donner est le "
            "28\xa0février\xa02027, dans 30 jours."
        ),
    ),
    "RECOGNITION_DUE": (
        (
            "Good results at the milestone “M+1” (score 87.4) and no recognition since: "
            "congratulate the provider."
        ),
        (
            "Bons résultats au palier «\u202fM+1\u202f» (note de 87,4) et aucune marque de "
            "reconnaissance depuis\u202f: félicitez le prestataire."
        ),
    ),
    "PAYMENT_TERM_TOO_LONG": (
        (
            "The payment term of 61 days from the invoice date exceeds the legal limit of "
            "60 days (C. com. L441-10)."
        ),
        (
            "Le délai de paiement de 61 jours à compter de la date de facture dépasse le "
            "plafond légal de 60 jours (C. com. L441-10)."
        ),
    ),
    "LATE_PENALTIES_NOT_STATED": (
        "The contract does not state the late-payment penalty rate (C. com. L441-10).",
        "Le contrat n'indique pas le taux des pénalités de retard (C. com. L441-10).",
    ),
    "RECOVERY_INDEMNITY_NOT_STATED": (
        ("The contract does not state the fixed recovery indemnity of €40.00 (C. com. L441-10)."),
        (
            "Le contrat n'indique pas l'indemnité forfaitaire pour frais de recouvrement de "
            "40,00\xa0€ (C. com. L441-10)."
        ),
    ),
    "IP_ASSIGNMENT_INCOMPLETE": (
        "The IP assignment does not state the territory and the duration (CPI L131-3).",
        "La cession de droits ne précise pas le territoire et la durée (CPI L131-3).",
    ),
    "IP_ASSIGNMENT_MISSING": (
        (
            "Maquettes and Site en production: works of authorship, and the contract assigns "
            "no rights on them (CPI L131-3)."
        ),
        (
            "Maquettes et Site en production\u202f: des œuvres de l'esprit, et le contrat ne "
            "prévoit aucune cession de droits sur elles (CPI L131-3)."
        ),
    ),
    "DPA_MISSING": (
        (
            "The provider processes personal data for the client and the contract has no data "
            "processing agreement (GDPR art. 28(3))."
        ),
        (
            "Le prestataire traite des données personnelles pour le client et le contrat n'a pas "
            "d'accord de traitement des données (RGPD, art. 28(3))."
        ),
    ),
    "DPA_INCOMPLETE": (
        (
            "The data processing agreement does not state the security measures "
            "(GDPR art. 28(3)(c), 32)."
        ),
        (
            "L'accord de traitement des données ne précise pas les mesures de sécurité "
            "(RGPD, art. 28(3)(c), 32)."
        ),
    ),
    "EXIT_STEP_LATE": (
        (
            "The return of “Base clients” was due by February 28, 2027 and is not recorded "
            "(Sarah Lambert)."
        ),
        (
            "La restitution de «\u202fBase clients\u202f» était attendue au plus tard le "
            "28\xa0février\xa02027 et n'est pas enregistrée (Sarah Lambert)."
        ),
    ),
    "VIGILANCE_CERTIFICATE_DUE": (
        (
            "The provider's URSSAF vigilance certificate was due on February 28, 2027 (C. "
            "trav. L8222-1, D8222-5: at signature, then every 6 months)."
        ),
        (
            "L'attestation de vigilance URSSAF du prestataire était due le "
            "28\xa0février\xa02027 (C. trav. L8222-1, D8222-5\u202f: à la signature, puis "
            "tous les 6 mois)."
        ),
    ),
    "CONTEST_OPEN": (
        (
            "Paul Roux contested the result of quality at “M+6” on February 20, 2027: the "
            "answer is due by February 28, 2027, and the payouts that depend on it wait."
        ),
        (
            "Paul Roux a contesté le résultat de quality au palier «\u202fM+6\u202f» le "
            "20\xa0février\xa02027\u202f: la réponse est attendue au plus tard le "
            "28\xa0février\xa02027, et les primes et pénalités qui en dépendent attendent."
        ),
    ),
    "CONTEST_ANSWER_OVERDUE": (
        (
            "The contest of quality at “M+6” raised by Paul Roux on February 20, 2027 is still "
            "unanswered, 3 days after the deadline of February 28, 2027."
        ),
        (
            "La contestation de quality au palier «\u202fM+6\u202f» soulevée par Paul Roux le "
            "20\xa0février\xa02027 est toujours sans réponse, 3 jours après l'échéance du "
            "28\xa0février\xa02027."
        ),
    ),
    "RENEWAL_NOT_DECIDED": (
        "The term ended on February 28, 2027 and no decision on renewal 1 was recorded: the "
        "contract, renewable only by express agreement, ended with it.",
        "La période a pris fin le 28\xa0février\xa02027 sans décision enregistrée sur le "
        "renouvellement n°\xa01\u202f: le contrat, renouvelable seulement par accord exprès, "
        "a pris fin avec elle.",
    ),
    "NOTICE_TOO_SHORT": (
        "The client's notice of December 15, 2026 ends the mission on February 28, 2027, "
        "before the earliest end the contract allows for it: February 29, 2028.",
        "Le préavis donné par le client le 15\xa0décembre\xa02026 met fin à la mission le "
        "28\xa0février\xa02027, avant la première fin que le contrat permet\u202f: le "
        "29\xa0février\xa02028.",
    ),
    "RELATIONSHIP_NOTICE_TOO_SHORT": (
        "The provider's notice ends the mission on February 28, 2027, after a relationship "
        "of 3 years: the rule of thumb asks for 3 months of notice, up to May 14, 2027 "
        "(C. com. L442-1 II).",
        "Le préavis du prestataire met fin à la mission le 28\xa0février\xa02027, après une "
        "relation de 3\xa0ans\u202f: l'usage retenu demande 3\xa0mois de préavis, jusqu'au "
        "14\xa0mai\xa02027 (C. com. L442-1 II).",
    ),
    "CONTRACT_NOTICE_TOO_SHORT": (
        "The contract's notice of 30 days is shorter than the 3 months the rule of thumb asks "
        "for after a relationship of 3 years, at the notice deadline of February 28, 2027 "
        "(C. com. L442-1 II).",
        "Le préavis de 30\xa0jours du contrat est plus court que les 3\xa0mois que l'usage "
        "retenu demande après une relation de 3\xa0ans, à la date limite de préavis du "
        "28\xa0février\xa02027 (C. com. L442-1 II).",
    ),
    "VIGILANCE_CERTIFICATE_DUE_SOON": (
        "The provider's next URSSAF vigilance certificate is due on February 28, 2027, in 12 days.",
        "La prochaine attestation de vigilance URSSAF du prestataire est à fournir le "
        "28\xa0février\xa02027, dans 12 jours.",
    ),
    "REGISTRATION_EXTRACT_MISSING": (
        "No Kbis extract under 3 months old at the signing of February 28, 2027 was received "
        "from the provider (C. trav. D8222-5 1°).",
        "Aucun extrait Kbis de moins de 3 mois à la signature du 28\xa0février\xa02027 n'a été "
        "reçu du prestataire (C. trav. D8222-5 1°).",
    ),
    "INSURANCE_CERTIFICATE_MISSING": (
        "The contract requires the provider's insurance certificate and none was received "
        "since February 28, 2027.",
        "Le contrat exige l'attestation d'assurance du prestataire et aucune n'a été reçue "
        "depuis le 28\xa0février\xa02027.",
    ),
    "INSURANCE_CERTIFICATE_EXPIRED": (
        "The provider's insurance certificate expired on February 28, 2027.",
        "L'attestation d'assurance du prestataire a expiré le 28\xa0février\xa02027.",
    ),
    "INSURANCE_CERTIFICATE_EXPIRING": (
        "The provider's insurance certificate expires on February 28, 2027, in 1 day.",
        "L'attestation d'assurance du prestataire expire le 28\xa0février\xa02027, dans 1 jour.",
    ),
    "LATE_PENALTY_RATE_TOO_LOW": (
        "The late-payment penalty rate of 7.5% is below three times the legal interest rate "
        "of 2026-S1 (2.62%): at least 7.86% (C. com. L441-10).",
        "Le taux des pénalités de retard, 7,5\xa0%, est inférieur à trois fois le taux de "
        "l'intérêt légal de 2026-S1 (2,62\xa0%)\u202f: au moins 7,86\xa0% (C. com. L441-10).",
    ),
    "LEGAL_INTEREST_RATE_UNKNOWN": (
        "The legal interest rate of 2026-S2 is not known: give it to check the late-payment "
        "penalty rate against it (C. com. L441-10).",
        "Le taux de l'intérêt légal de 2026-S2 n'est pas connu\u202f: indiquez-le pour "
        "vérifier le taux des pénalités de retard (C. com. L441-10).",
    ),
}


class TestFindingSentences:
    def test_every_code_has_its_case_here(self) -> None:
        assert set(PARAMS) == set(FINDING_SENTENCES) == set(FINDING_CODES)

    @pytest.mark.parametrize("code", sorted(FINDING_SENTENCES))
    def test_english(self, code: str) -> None:
        assert describe(made(code)) == FINDING_SENTENCES[code][0]
        assert describe(made(code), "en") == FINDING_SENTENCES[code][0]

    @pytest.mark.parametrize("code", sorted(FINDING_SENTENCES))
    def test_french(self, code: str) -> None:
        assert describe(made(code), "fr") == FINDING_SENTENCES[code][1]

    @pytest.mark.parametrize("code", sorted(FINDING_SENTENCES))
    def test_spanish_is_a_sentence_of_its_own(self, code: str) -> None:
        spanish = describe(made(code), "es")
        assert spanish not in FINDING_SENTENCES[code]
        assert not spanish.startswith(code)  # not the neutral form
        # the due date, where the sentence names it, in Spanish
        assert ("February 28, 2027" in FINDING_SENTENCES[code][0]) == (
            "28 de febrero de 2027" in spanish
        )

    def test_plural_forms(self) -> None:
        one, many = made("NEED_OPEN", days=1), made("NEED_OPEN", days=16)
        assert describe(one).endswith("waiting for 1 day.")
        assert describe(many).endswith("waiting for 16 days.")
        assert describe(many, "fr").endswith("attend depuis 16 jours.")
        assert describe(many, "es").endswith("lleva 16 días esperando.")
        # French counts 0 and 1 as singular.
        assert describe(made("CONTRACT_END_SOON", days=0), "fr").endswith("dans 0 jour.")
        assert describe(made("CONTRACT_END_SOON", days=0)).endswith("in 0 days.")
        single = made("MILESTONE_MISSED", kpis=("accuracy",))
        assert describe(single, "fr") == (
            "Au palier «\u202fM+6\u202f» (28\xa0février\xa02027), 1 indicateur est manqué\u202f: "
            "accuracy."
        )

    def test_choices_of_a_code(self) -> None:
        improving = made("RECOGNITION_DUE", reason="improving", score=D("50"))
        assert describe(improving) == (
            "Improving results at the milestone “M+1” (score 50) and no recognition since: "
            "congratulate the provider."
        )
        eom = made("PAYMENT_TERM_TOO_LONG", days=46, basis="end_of_month", limit=45)
        assert describe(eom, "fr") == (
            "Le délai de paiement de 46 jours fin de mois dépasse le plafond légal de 45 jours "
            "(C. com. L441-10)."
        )
        every = made("IP_ASSIGNMENT_INCOMPLETE", missing=("rights", "purpose", "territory"))
        assert describe(every) == (
            "The IP assignment does not state the rights assigned, their purpose, and the "
            "territory (CPI L131-3)."
        )

    def test_a_score_is_cut_down_never_rounded_up(self) -> None:
        finding = made("RECOGNITION_DUE", score=D("89.999"))
        assert "(score 89.9)" in describe(finding)
        assert "(note de 89,9)" in describe(finding, "fr")

    def test_an_inexact_amount_is_marked(self) -> None:
        finding = made("BUDGET_OVERRUN", spent=Money(D(10000) / D(3), "EUR"))
        assert describe(finding).startswith("fulfilment: ≈\xa0€3,333.33 spent")

    def test_a_long_number_keeps_its_grouping(self) -> None:
        finding = made("NEED_OPEN", days=1234)
        assert "1,234 days" in describe(finding)
        assert "1\u202f234 jours" in describe(finding, "fr")


# -- payout rules ------------------------------------------------------------------------------
def pay(
    rule: str,
    category: PayoutCategory = PayoutCategory.BONUS,
    amount: str = "0.00",
    params: dict[str, Any] | None = None,
    **fields: Any,
) -> Payout:
    values: dict[str, Any] = {
        "category": category,
        "milestone": "M+6",
        "due": M6,
        "amount": eur(amount),
        "rule": rule,
        "scored_on": M6,
        "params": tuple(Parameter.of(name, value) for name, value in (params or {}).items()),
    }
    return Payout(**(values | fields))


SC = PayoutCategory.SERVICE_CREDIT
FEE = {"months": 5, "months_denominator": 1, "monthly_fee": eur("3500")}
PAYOUTS: dict[str, tuple[Payout, str, str]] = {
    "bonus_no_score": (
        pay("bonus_no_score"),
        "No overall score at “M+6” (no KPI had data): no bonus.",
        "Pas de note globale au palier «\u202fM+6\u202f» (aucun indicateur mesuré)\u202f: "
        "pas de prime.",
    ),
    "bonus_insufficient_evidence": (
        pay(
            "bonus_insufficient_evidence",
            overall=D(100),
            params={"coverage": D(1) / 6, "minimum": D("0.5")},
        ),
        "Score 100 rests on 16.6% of the KPI weight, below the minimum of 50%: insufficient "
        "evidence, no bonus.",
        "Note de 100, fondée sur 16,6\xa0% seulement du poids des indicateurs, sous le minimum "
        "de 50\xa0%\u202f: preuves insuffisantes, pas de prime.",
    ),
    "bonus_below_tiers": (
        pay("bonus_below_tiers", overall=D("49.996"), params={"lowest": D(50)}),
        "Score 49.9 is below the lowest tier (≥ 50): no bonus.",
        "Note de 49,9, sous le premier palier de prime (≥ 50)\u202f: pas de prime.",
    ),
    "bonus_rate": (
        pay(
            "bonus_rate",
            amount="1234.50",
            overall=D("92.5"),
            rate=D("0.05"),
            base=eur("24690"),
            params={"tier": D(90)},
        ),
        "Score 92.5 reaches the tier ≥ 90: 5% of €24,690.00.",
        "Note de 92,5, palier de prime ≥ 90 atteint\u202f: 5\xa0% de 24\u202f690,00\xa0€.",
    ),
    "bonus_rate capped": (
        pay(
            "bonus_rate",
            amount="400.00",
            overall=D(100),
            rate=D("0.05"),
            base=eur("10500"),
            capped=True,
            params={"tier": D(90), "cap": eur("400")},
        ),
        "Score 100 reaches the tier ≥ 90: 5% of €10,500.00. Capped at €400.00.",
        "Note de 100, palier de prime ≥ 90 atteint\u202f: 5\xa0% de 10\u202f500,00\xa0€. "
        "Prime plafonnée à 400,00\xa0€.",
    ),
    "bonus_fixed": (
        pay(
            "bonus_fixed",
            amount="100.00",
            overall=D(50),
            params={"tier": D(50), "fixed": eur("100")},
        ),
        "Score 50 reaches the tier ≥ 50: a fixed bonus of €100.00.",
        "Note de 50, palier de prime ≥ 50 atteint\u202f: prime fixe de 100,00\xa0€.",
    ),
    "service_credit_rate": (
        pay(
            "service_credit_rate",
            SC,
            "-525.00",
            kpi="accuracy",
            overall=D(40),
            rate=D("0.03"),
            base=eur("17500"),
            params=FEE,
        ),
        "accuracy missed: 3% of the period's fee of €17,500.00 (5 months at €3,500.00 a month).",
        "accuracy manqué\u202f: 3\xa0% de la redevance de la période, 17\u202f500,00\xa0€ "
        "(5 mois à 3\u202f500,00\xa0€ par mois).",
    ),
    "service_credit_rate fraction": (
        pay(
            "service_credit_rate",
            SC,
            "-9.68",
            kpi="accuracy",
            rate=D("0.03"),
            base=Money(D(10000) / D(31), "EUR"),
            params={"months": 10, "months_denominator": 31, "monthly_fee": eur("1000")},
        ),
        "accuracy missed: 3% of the period's fee of ≈\xa0€322.58 (10/31 of a month at "
        "€1,000.00 a month).",
        "accuracy manqué\u202f: 3\xa0% de la redevance de la période, ≈\xa0322,58\xa0€ "
        "(10/31 de mois à 1\u202f000,00\xa0€ par mois).",
    ),
    "service_credit_kpi_rate capped": (
        pay(
            "service_credit_kpi_rate",
            SC,
            "-656.25",
            kpi="delay",
            rate=D("0.05"),
            base=eur("17500"),
            capped=True,
            params=FEE | {"total": eur("1400.00"), "at_risk": eur("1050")},
        ),
        "delay missed: 5%, the rate set for delay, of the period's fee of €17,500.00 "
        "(5 months at €3,500.00 a month). The milestone's credits (€1,400.00) exceed the "
        "€1,050.00 at risk: capped, and shared in proportion.",
        "delay manqué\u202f: 5\xa0%, le taux propre à delay, de la redevance de la période, "
        "17\u202f500,00\xa0€ (5 mois à 3\u202f500,00\xa0€ par mois). Les pénalités du palier "
        "(1\u202f400,00\xa0€) dépassent le montant en jeu de 1\u202f050,00\xa0€\u202f: elles "
        "sont plafonnées et réparties au prorata.",
    ),
    "service_credit_no_fee": (
        pay("service_credit_no_fee", SC, kpi="accuracy"),
        "accuracy missed: no credit, the contract has no fixed periodic fee to base it on.",
        "accuracy manqué\u202f: pas de pénalité, le contrat n'a pas de redevance périodique "
        "fixe sur laquelle la calculer.",
    ),
    "service_credit_no_data": (
        pay(
            "service_credit_no_data",
            SC,
            "-525.00",
            kpi="accuracy",
            rate=D("0.03"),
            base=eur("17500"),
            params=FEE | {"grace_days": 1},
        ),
        "accuracy had no data at “M+6” and the reporting grace of 1 day has passed: credited "
        "as missed, 3% of the period's fee of €17,500.00 (5 months at €3,500.00 a month).",
        "accuracy sans donnée à «\u202fM+6\u202f» et le délai de grâce du reporting de 1 jour "
        "est passé\u202f: pénalité comme un indicateur manqué, 3\xa0% de la redevance de la "
        "période, 17\u202f500,00\xa0€ (5 mois à 3\u202f500,00\xa0€ par mois).",
    ),
    "service_credit_rate variable": (
        pay(
            "service_credit_rate",
            SC,
            "-174.54",
            kpi="accuracy",
            rate=D("0.03"),
            base=eur("5818.00"),
            params={
                "months": 1,
                "months_denominator": 1,
                "monthly_fee": eur("1200"),
                "variable": eur("4618.00"),
            },
        ),
        "accuracy missed: 3% of the period's fee of €5,818.00 (1 month at €1,200.00 a month). "
        "The period's fee includes €4,618.00 of variable fees billed in the period.",
        "accuracy manqué\u202f: 3\xa0% de la redevance de la période, 5\u202f818,00\xa0€ "
        "(1 mois à 1\u202f200,00\xa0€ par mois). La redevance de la période comprend "
        "4\u202f618,00\xa0€ de redevances variables facturées sur la période.",
    ),
    "earn_back": (
        pay(
            "earn_back",
            PayoutCategory.EARN_BACK,
            "1234.50",
            kpi="accuracy",
            credit_milestone="M+1",
            credit_due=M1,
        ),
        "accuracy met at “M+6”: the credit of €1,234.50 from “M+1” is given back.",
        "accuracy atteint au palier «\u202fM+6\u202f»\u202f: la pénalité de 1\u202f234,50\xa0€ "
        "du palier «\u202fM+1\u202f» est restituée.",
    ),
    "bonus_pending_contest": (
        pay("bonus_pending_contest", params={"kpis": ("quality",)}, pending=True),
        "Results of “M+6” are contested (quality): the bonus waits until the contest is resolved.",
        "Des résultats du palier «\u202fM+6\u202f» sont contestés (quality)\u202f: la prime "
        "attend la réponse à la contestation.",
    ),
    "service_credit_pending_contest": (
        pay("service_credit_pending_contest", SC, kpi="quality", pending=True),
        "quality is contested at “M+6”: its service credit waits until the contest is resolved.",
        "quality est contesté au palier «\u202fM+6\u202f»\u202f: sa pénalité attend la réponse "
        "à la contestation.",
    ),
}


class TestPayoutSentences:
    def test_every_rule_has_a_case_here(self) -> None:
        assert {case.partition(" ")[0] for case in PAYOUTS} == set(PAYOUT_RULES)

    @pytest.mark.parametrize("case", sorted(PAYOUTS))
    def test_english_and_french(self, case: str) -> None:
        line, english, french = PAYOUTS[case]
        assert describe(line) == english
        assert describe(line, "fr") == french
        spanish = describe(line, "es")
        assert spanish not in (english, french)
        assert not spanish.startswith(line.rule)

    def test_months_with_a_fraction(self) -> None:
        params = {"months": 41, "months_denominator": 31, "monthly_fee": eur("1000")}
        line = pay("service_credit_rate", SC, kpi="a", rate=D("0.03"), base=eur("1"), params=params)
        assert "(1 month and 10/31 at €1,000.00 a month)" in describe(line)
        assert "(1 mois et 10/31 à 1\u202f000,00\xa0€ par mois)" in describe(line, "fr")
        assert "(1 mes y 10/31 a 1.000,00\xa0€ al mes)" in describe(line, "es")


# -- what describe takes -----------------------------------------------------------------------
class TestInputs:
    def test_an_unknown_language_is_refused(self) -> None:
        with pytest.raises(ValidationError) as caught:
            describe(made("REPORT_LATE"), "de")
        assert [error.path for error in caught.value.errors] == ["lang"]

    def test_only_findings_and_payouts(self) -> None:
        with pytest.raises(ValidationError) as caught:
            describe("REPORT_LATE")  # type: ignore[arg-type]
        assert [error.path for error in caught.value.errors] == ["item"]

    def test_an_unknown_code_reads_as_its_code_and_parameters(self) -> None:
        finding = made("HOME_MADE", days=3, on=dt.date(2027, 3, 5))
        assert describe(finding) == "HOME_MADE (days: 3; on: March 5, 2027)"
        assert describe(finding, "fr") == "HOME_MADE (days: 3; on: 5\xa0mars\xa02027)"
        assert describe(made("HOME_MADE")) == "HOME_MADE"

    @pytest.mark.parametrize(
        ("code", "params"),
        [
            ("NEED_OPEN", {"need": "x"}),  # days missing
            ("NEED_OPEN", {"need": "x", "days": "16"}),  # a text, not an int
            ("REVIEW_OVERDUE", {"frequency": "fortnightly"}),  # not a Frequency
            ("RECOGNITION_DUE", {"reason": "lucky", "milestone": "M+1", "score": D(1)}),
            ("IP_ASSIGNMENT_INCOMPLETE", {"missing": ("colour",)}),
        ],
    )
    def test_a_finding_without_its_parameters_reads_neutrally(
        self, code: str, params: dict[str, Any]
    ) -> None:
        finding = Finding(
            code=code,
            severity=Severity.INFO,
            subject="x",
            at=FEB28,
            params=tuple(Parameter.of(name, value) for name, value in params.items()),
        )
        assert describe(finding).startswith(f"{code} (")

    def test_a_payout_without_its_fields_reads_neutrally(self) -> None:
        line = pay("bonus_rate", amount="10.00", params={"tier": D(90)})  # no rate, no base
        assert describe(line) == "bonus_rate (tier: 90)"
        assert describe(pay("home_made")) == "home_made"

    @given(st.one_of(findings(), payouts()), st.sampled_from(vendorgov._i18n.LANGUAGES))
    @settings(max_examples=60)
    def test_any_value_in_any_language(self, item: Finding | Payout, lang: str) -> None:
        text = describe(item, lang)
        assert isinstance(text, str)
        assert text


# -- the engine and the catalogs agree ---------------------------------------------------------
DATES = [dt.date(2026, month, 1) for month in range(3, 13)] + [dt.date(2027, 1, 15)]


def engine_values() -> list[Finding | Payout]:
    found: list[Finding | Payout] = []
    for mission in examples.demo_missions():
        for at in DATES:
            found.extend(vendorgov.assess(mission, at))
            found.extend(vendorgov.payouts(mission, at))
    return found


class TestEngineAndTables:
    def test_the_tables_cover_the_codes(self) -> None:
        assert set(FINDING_PARAMETERS) == set(FINDING_CODES)
        assert set(PAYOUT_PARAMETERS) == set(PAYOUT_RULES)

    @pytest.mark.parametrize("lang", ["fr", "en", "es"])
    def test_the_engine_gives_every_parameter_a_sentence_needs(self, lang: str) -> None:
        values = engine_values()
        assert {item.code for item in values if isinstance(item, Finding)} >= {
            "MILESTONE_MISSED",
            "NEED_OPEN",
            "NOTICE_DEADLINE_SOON",
            "BUDGET_OVERRUN",
        }
        for item in values:
            code = item.code if isinstance(item, Finding) else item.rule
            spec = (FINDING_PARAMETERS if isinstance(item, Finding) else PAYOUT_PARAMETERS)[code]
            names = [param.name for param in item.params]
            assert set(spec) <= set(names), (code, names)
            assert not describe(item, lang).startswith(code), item

    def test_the_reference_page_lists_each_code_with_its_parameters(self) -> None:
        page = (DOCS / "reference" / "findings.md").read_text(encoding="utf-8")
        section = page.split("## Parameters and sentences", 1)[1].split("\n## ", 1)[0]
        rows = re.findall(r"^\| `([A-Z_]+)` \| ([^|]*) \|", section, flags=re.MULTILINE)
        assert [code for code, _ in rows] == list(FINDING_PARAMETERS)
        for code, cell in rows:
            # the parameter names, in order, as the first backquoted word of each part
            named = re.findall(r"`([a-z_]+)`", cell)
            assert [name for name in named if name in FINDING_PARAMETERS[code]] == list(
                FINDING_PARAMETERS[code]
            ), code


# -- the command line speaks the reader's language ---------------------------------------------
ENGLISH = re.compile(
    r"\b(the|was|were|is|are|has|have|and|since|days?|review|report|missed|"
    r"provider|contract|score|tier|bonus|credit|fee|month)\b",
    re.IGNORECASE,
)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for key in examples.DEMO_KEYS:
        (tmp_path / f"{key}.toml").write_text(examples.demo_text(key), encoding="utf-8")
    return tmp_path


def _sentences(item: Finding | Payout, lang: str) -> str:
    """What ``describe`` wrote, without the mission's own words (French in the demo)."""
    text = describe(item, lang)
    for param in item.params:
        for value in param.value if isinstance(param.value, tuple) else (param.value,):
            if isinstance(value, str):
                text = text.replace(value, " ")
    return text


class TestCommandLine:
    @pytest.mark.parametrize("key", examples.DEMO_KEYS)
    def test_check_in_french_prints_no_english_sentence(
        self, here: Path, capsys: pytest.CaptureFixture[str], key: str
    ) -> None:
        main(["check", f"{key}.toml", "--at", "2026-11-29", "--lang", "fr"])
        out = capsys.readouterr().out
        found = vendorgov.assess(examples.demo_mission(key), dt.date(2026, 11, 29))
        assert found
        for finding in found:
            words = _sentences(finding, "fr")
            assert not ENGLISH.search(words), words
            # the sentence is printed (wrapped in the table)
            assert " ".join(describe(finding, "fr").split(" ")[:3]) in re.sub(r"[ \n]+", " ", out)
        assert "février" in out or "décembre" in out or "novembre" in out
        assert not re.search(r"\d{4}-\d{2}-\d{2}\)", out)  # no ISO date inside a sentence

    def test_check_prints_french_numbers(
        self, here: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # Hosting, 31 May 2026: 390 spent on 05-04; 4680 × 28 / 365 = 359.01 planned to date,
        # 359.02 as the total's share (the lines add up to the rounded total).
        main(["check", "site_web.toml", "--at", "2026-05-31", "--lang", "fr"])
        out = re.sub(r"[ \n]+", " ", capsys.readouterr().out)  # unwrapped, no-break spaces kept
        assert "390,00\xa0€ dépensés pour 359,02\xa0€ prévus à ce jour." in out
        assert "4\u202f680,00\xa0€" in out

    def test_payouts_in_french(self, here: Path, capsys: pytest.CaptureFixture[str]) -> None:
        main(["payouts", "logistique.toml", "--at", "2026-11-29", "--lang", "fr"])
        out = capsys.readouterr().out
        assert (
            "    Note de 76, palier de prime ≥ 75 atteint\u202f: 2\xa0% de 6\u202f850,00\xa0€."
            in (out)
        )
        for line in vendorgov.payouts(examples.demo_mission("logistique"), dt.date(2026, 11, 29)):
            assert not ENGLISH.search(_sentences(line, "fr"))

    def test_json_message_follows_lang(
        self, here: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        import json

        main(["payouts", "logistique.toml", "--at", "2026-11-29", "--json", "--lang", "en"])
        data = json.loads(capsys.readouterr().out)
        assert data["payouts"][0]["message"] == "Score 76 reaches the tier ≥ 75: 2% of €6,850.00."
        assert data["payouts"][1]["params"][2] == {
            "name": "monthly_fee",
            "money": {"amount": "1200.00", "currency": "EUR"},
        }


# -- the parameter type ------------------------------------------------------------------------
class TestParameter:
    @pytest.mark.parametrize(
        ("value", "field"),
        [
            ("Slack", "text"),
            (("a", "b"), "items"),
            (["a"], "items"),
            (16, "integer"),
            (D("87.5"), "number"),
            (FEB28, "day"),
            (eur("40"), "money"),
            (Severity.INFO, "text"),
        ],
    )
    def test_of_picks_the_field_of_the_type(self, value: Any, field: str) -> None:
        param = Parameter.of("x", value)
        assert getattr(param, field) is not None
        expected = tuple(value) if isinstance(value, list) else value
        assert param.value == (expected.value if isinstance(expected, Severity) else expected)

    @pytest.mark.parametrize(
        "value",
        [1.5, True, dt.datetime(2027, 2, 28, tzinfo=dt.UTC), [1, 2], None, {"a": 1}],
        ids=repr,
    )
    def test_of_refuses_other_types(self, value: Any) -> None:
        with pytest.raises(ValidationError) as caught:
            Parameter.of("x", value)
        assert [error.path for error in caught.value.errors] == ["x"]

    @pytest.mark.parametrize(
        ("fields", "path"),
        [
            ({"name": "x"}, "text"),
            ({"name": "x", "text": "a", "integer": 1}, "integer"),
            ({"name": "Days", "integer": 1}, "name"),
            ({"name": "", "integer": 1}, "name"),
        ],
    )
    def test_exactly_one_value_and_a_key_for_a_name(
        self, fields: dict[str, Any], path: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            Parameter(**fields)
        assert path in [error.path for error in caught.value.errors]

    def test_a_name_once_per_finding(self) -> None:
        with pytest.raises(ValidationError) as caught:
            made("NEED_OPEN", days=1).__class__(
                code="NEED_OPEN",
                severity=Severity.INFO,
                subject="x",
                at=FEB28,
                params=(Parameter.of("days", 1), Parameter.of("days", 2)),
            )
        assert [error.path for error in caught.value.errors] == ["params[1].name"]

    def test_param_reads_a_value(self) -> None:
        finding = made("NEED_OPEN", days=16)
        assert finding.param("days") == 16
        with pytest.raises(KeyError):
            finding.param("weeks")

    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_engine_findings_round_trip(self, fmt: str) -> None:
        for item in engine_values()[:60]:
            text = vendorgov.dumps(item, fmt)  # type: ignore[arg-type]
            assert vendorgov.loads(text, fmt, cls=type(item)) == item  # type: ignore[arg-type]
