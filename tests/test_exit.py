"""Issue 11: intellectual property (CPI L131-3), the processing agreement (GDPR art. 28(3))
and the exit (reversibility): checklist dates worked out by hand, late steps, documents.

Golden files of the exit document (site_web on 2027-05-20, every language and format)::

    VENDORGOV_UPDATE_GOLDEN=1 pytest tests/test_exit.py -k Golden
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import attrs
import pytest

import vendorgov
from factories import contract, eur, fulfilment, minimal_mission
from vendorgov import (
    DataProcessing,
    Deliverable,
    ExitPlan,
    ExitRecord,
    ExitReturn,
    ExitStepKind,
    ExitStepStatus,
    GoverningLaw,
    IntegrationKind,
    IntegrationStep,
    PaymentTerms,
    ProcessingEnd,
    Side,
    Specification,
    SubProcessorAuthorisation,
    Tool,
    ToolCategory,
    ValidationError,
    assess,
    calendar,
    describe,
    examples,
    exit_checklist,
    render,
)
from vendorgov._model.privacy import DPA_ELEMENTS

GOLDEN = Path(__file__).parent / "golden" / "exit"
UPDATE_GOLDEN = os.environ.get("VENDORGOV_UPDATE_GOLDEN") == "1"
DEMO_AT = dt.date(2027, 5, 20)


def _mission(**changes: Any) -> vendorgov.Mission:
    """The factories' minimal mission with the activity its factory contract's fee names."""
    return minimal_mission(**({"activities": (fulfilment(),)} | changes))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- an exit plan on the factory mission ---------------------------------------------------
# The mission ends on E = 2028-03-14 (factories.END); 2028 is a leap year.
PLAN = ExitPlan(
    returns=(
        ExitReturn(what="Stock", formats=("CSV",), days_after_end=7),
        ExitReturn(what="Procédures", days_after_end=-10),
    ),
    knowledge_transfer="Passation",
    knowledge_transfer_days=30,
    parallel_run_days=14,
    final_invoice_days=15,
    settlement="Solde",
    lead_days=60,
)


def exiting(**changes: Any) -> vendorgov.Mission:
    fields: dict[str, Any] = {
        "activities": (fulfilment(),),
        "contract": contract(
            exit_plan=PLAN,
            payment=PaymentTerms(days=45, end_of_month=True),
        ),
        "tools": (
            Tool(
                name="Slack", category=ToolCategory.MESSAGING, access_granted_on=day("2027-03-10")
            ),
            # revoked long before the checklist opens: not a step of the exit
            Tool(
                name="FTP",
                category=ToolCategory.OTHER,
                access_granted_on=day("2027-03-10"),
                access_revoked_on=day("2027-06-01"),
            ),
        ),
        "integration": (
            IntegrationStep(
                kind=IntegrationKind.EMAIL_ADDRESS,
                description="paul@boutique.fr",
                planned_on=day("2027-03-15"),
                done_on=day("2027-03-16"),
            ),
            IntegrationStep(
                kind=IntegrationKind.SITE_VISIT,
                description="Visite",
                planned_on=day("2027-03-20"),
                done_on=day("2027-03-20"),
            ),
        ),
        "exit_steps": (
            ExitRecord(step="knowledge_transfer", done_on=day("2028-02-10")),
            ExitRecord(step="returns[1]", done_on=day("2028-03-05")),
            ExitRecord(step="final_invoice", done_on=day("2028-03-25")),
        ),
    }
    return minimal_mission(**(fields | changes))


class TestChecklistDates:
    def test_every_step_with_its_date_and_owner(self) -> None:
        checklist = exit_checklist(exiting(), day("2028-03-22"))
        rows = [
            (step.key, step.due, step.owner, step.owner_name, step.status)
            for step in checklist.steps
        ]
        late, done, pending = ExitStepStatus.LATE, ExitStepStatus.DONE, ExitStepStatus.PENDING
        client, provider = (Side.CLIENT, "Claire Martin"), (Side.PROVIDER, "Paul Roux")
        assert rows == [
            # E − 30 days: 03-14 − 14 = 02-29 (leap year), − 16 more = 02-13
            ("knowledge_transfer", day("2028-02-13"), *provider, done),
            # E − 14 days = 02-29, not recorded: late on 03-22
            ("parallel_run", day("2028-02-29"), *client, late),
            # E − 10 days = 03-04, done on 03-05 (after its date, but done)
            ("returns[1]", day("2028-03-04"), *provider, done),
            # tool access and the e-mail address: on E itself
            ("tools[0]", day("2028-03-14"), *client, late),
            ("integration[0]", day("2028-03-14"), *client, late),
            # E + 7 days = 03-21 < 03-22: late
            ("returns[0]", day("2028-03-21"), *provider, late),
            # E + 15 days = 03-29; its record is dated 03-25, after 03-22: not done yet
            ("final_invoice", day("2028-03-29"), *provider, pending),
            # 03-29 + 45 days = 05-13 (2 + 30 + 13), to the end of that month: 05-31
            ("settlement", day("2028-05-31"), *client, pending),
        ]
        return_step = checklist.steps[5]
        assert return_step.kind is ExitStepKind.RETURN
        assert (return_step.subject, return_step.formats) == ("Stock", ("CSV",))

    def test_the_record_counts_from_its_date(self) -> None:
        checklist = exit_checklist(exiting(), day("2028-03-25"))
        invoice = next(step for step in checklist.steps if step.key == "final_invoice")
        assert (invoice.status, invoice.done_on) == (ExitStepStatus.DONE, day("2028-03-25"))

    def test_open_from_the_lead_time(self) -> None:
        # E − 60 days: 03-14 − 14 = 02-29, − 29 = 01-31, − 17 = 01-14
        assert exit_checklist(exiting(), day("2028-01-13")).open is False
        checklist = exit_checklist(exiting(), day("2028-01-14"))
        assert (checklist.opens, checklist.open, checklist.end) == (
            day("2028-01-14"),
            True,
            day("2028-03-14"),
        )

    def test_without_payment_terms_the_settlement_is_30_days_after_the_invoice(self) -> None:
        mission = exiting(contract=contract(exit_plan=PLAN))
        settlement = exit_checklist(mission, day("2028-03-22")).steps[-1]
        # 03-29 + 30 days = 04-28 (C. com. L441-10 I)
        assert (settlement.key, settlement.due) == ("settlement", day("2028-04-28"))

    def test_without_a_plan_only_tools_and_accounts(self) -> None:
        mission = exiting(contract=contract(), exit_steps=())
        checklist = exit_checklist(mission, day("2028-03-22"))
        assert [step.key for step in checklist.steps] == ["tools[0]", "integration[0]"]
        # the default lead time: E − 90 days = 2027-12-15
        assert checklist.opens == day("2027-12-15")

    def test_final_payouts_are_the_engines(self) -> None:
        mission = examples.demo_mission("site_web")
        checklist = exit_checklist(mission, DEMO_AT)
        # payouts up to the last day (2027-05-03), not past it
        lines = vendorgov.payouts(mission, day("2027-05-03"))
        assert checklist.payouts == tuple(lines)
        assert checklist.net == sum((line.amount for line in lines[1:]), lines[0].amount)

    def test_bad_arguments(self) -> None:
        with pytest.raises(ValidationError):
            exit_checklist(exiting(), "2028-03-22")  # type: ignore[arg-type]


class TestLateSteps:
    def test_one_finding_per_late_step_but_tools(self) -> None:
        findings = [f for f in assess(exiting(), day("2028-03-22")) if f.code == "EXIT_STEP_LATE"]
        assert [(f.subject, f.due) for f in findings] == [
            ("parallel_run", day("2028-02-29")),
            ("integration[0]", day("2028-03-14")),
            ("returns[0]", day("2028-03-21")),
        ]
        tools = [
            f for f in assess(exiting(), day("2028-03-22")) if f.code == "TOOL_ACCESS_NOT_REVOKED"
        ]
        assert [f.subject for f in tools] == ["tools[0]"]
        assert describe(findings[2]) == (
            "The return of “Stock” was due by March 21, 2028 and is not recorded (Paul Roux)."
        )
        assert describe(findings[1], "fr").startswith("«\u202fpaul@boutique.fr\u202f» devait")

    def test_the_demo_has_one_late_step(self) -> None:
        mission = examples.demo_mission("site_web")
        findings = [f for f in assess(mission, DEMO_AT) if f.code == "EXIT_STEP_LATE"]
        # returns[1]: the database, due 2027-05-03 + 7 days = 2027-05-10, never recorded
        assert [(f.subject, f.due) for f in findings] == [("returns[1]", day("2027-05-10"))]
        # at the demo date (2026-11-29) nothing of the exit is due yet
        assert not [f for f in assess(mission, day("2026-11-29")) if f.code.startswith("EXIT")]


class TestRecords:
    @pytest.mark.parametrize(
        ("records", "path"),
        [
            ((ExitRecord(step="returns[2]", done_on=day("2028-03-01")),), "exit_steps[0].step"),
            ((ExitRecord(step="integration[5]", done_on=day("2028-03-01")),), "exit_steps[0].step"),
            (
                (
                    ExitRecord(step="settlement", done_on=day("2028-03-01")),
                    ExitRecord(step="settlement", done_on=day("2028-03-02")),
                ),
                "exit_steps[1].step",
            ),
        ],
    )
    def test_a_record_names_a_step_the_mission_has(
        self, records: tuple[ExitRecord, ...], path: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            exiting(exit_steps=records)
        assert path in [detail.path for detail in caught.value.errors]

    def test_plan_steps_need_a_plan(self) -> None:
        with pytest.raises(ValidationError) as caught:
            exiting(
                contract=contract(),
                exit_steps=(ExitRecord(step="final_invoice", done_on=day("2028-03-01")),),
            )
        assert "no exit plan" in str(caught.value)

    @pytest.mark.parametrize("step", ["tools[0]", "returns[-1]", "returns[01]", "", "<b>"])
    def test_a_bad_step_name_is_refused(self, step: str) -> None:
        with pytest.raises(ValidationError) as caught:
            ExitRecord(step=step, done_on=day("2028-03-01"))
        assert [detail.path for detail in caught.value.errors] == ["step"]

    def test_bad_plan_numbers(self) -> None:
        with pytest.raises(ValidationError) as caught:
            ExitPlan(lead_days=-1, final_invoice_days=10**6)
        assert {detail.path for detail in caught.value.errors} == {
            "lead_days",
            "final_invoice_days",
        }


# -- personal data: GDPR art. 28(3) -----------------------------------------------------------
COMPLETE = DataProcessing(
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
BLANK: dict[str, Any] = {
    "subject": "",
    "duration": " ",
    "nature": "",
    "purpose": "",
    "data_types": (),
    "data_subjects": ("  ",),
    "instructions": "",
    "confidentiality": "",
    "security_measures": (),
    "sub_processors": None,  # the authorisation, not the list, is the element
    "assistance": "",
    "end_of_processing": None,
    "audits": "",
}


def _dpa_findings(mission: vendorgov.Mission) -> list[vendorgov.Finding]:
    return [f for f in assess(mission, day("2027-04-01")) if f.code.startswith("DPA_")]


class TestProcessingAgreement:
    def test_a_complete_agreement_raises_nothing(self) -> None:
        mission = _mission(
            processes_personal_data=True, contract=contract(data_processing=COMPLETE)
        )
        assert _dpa_findings(mission) == []

    @pytest.mark.parametrize("element", DPA_ELEMENTS)
    def test_each_missing_element(self, element: str) -> None:
        field = "sub_processor_authorisation" if element == "sub_processors" else element
        agreement = attrs.evolve(COMPLETE, **{field: BLANK[element]})
        findings = _dpa_findings(_mission(contract=contract(data_processing=agreement)))
        assert [(f.code, f.subject, f.param("element")) for f in findings] == [
            ("DPA_INCOMPLETE", f"contract.data_processing.{element}", element)
        ]
        assert "GDPR art. 28" in describe(findings[0])
        assert "RGPD, art. 28" in describe(findings[0], "fr")

    def test_an_empty_agreement_misses_all_thirteen(self) -> None:
        findings = _dpa_findings(_mission(contract=contract(data_processing=DataProcessing())))
        assert [f.param("element") for f in findings] == sorted(DPA_ELEMENTS) or len(findings) == 13
        assert len(findings) == 13

    def test_missing_only_when_the_mission_processes_personal_data(self) -> None:
        assert _dpa_findings(_mission(contract=contract())) == []
        findings = _dpa_findings(_mission(processes_personal_data=True))
        assert [(f.code, f.severity.value) for f in findings] == [("DPA_MISSING", "critical")]

    def test_whatever_the_governing_law(self) -> None:
        belgian = contract(governing_law=GoverningLaw(country="BE"))
        findings = _dpa_findings(_mission(processes_personal_data=True, contract=belgian))
        assert [f.code for f in findings] == ["DPA_MISSING"]

    def test_the_community_demo_has_a_complete_agreement(self) -> None:
        mission = examples.demo_mission("community")
        assert mission.processes_personal_data
        assert _dpa_findings(mission) == []


# -- intellectual property: CPI L131-3 --------------------------------------------------------
def _works_mission(**contract_changes: Any) -> vendorgov.Mission:
    spec = Specification(
        title="Site",
        deliverables=(
            Deliverable(key="site", name="Nouveau site", works=True),
            Deliverable(key="wms", name="WMS paramétré"),
            Deliverable(key="photos", name="Photos", works=True),
        ),
    )
    return _mission(specification=spec, contract=contract(**contract_changes))


class TestIntellectualProperty:
    def test_works_without_an_assignment(self) -> None:
        findings = [
            f for f in assess(_works_mission(), day("2027-04-01")) if f.code.startswith("IP_")
        ]
        assert [(f.code, f.param("works")) for f in findings] == [
            ("IP_ASSIGNMENT_MISSING", ("Nouveau site", "Photos"))
        ]
        assert describe(findings[0]) == (
            "Nouveau site and Photos: works of authorship, and the contract assigns no rights "
            "on them (CPI L131-3)."
        )

    def test_not_under_another_law(self) -> None:
        mission = _works_mission(governing_law=GoverningLaw(country="BE"))
        assert not [f for f in assess(mission, day("2027-04-01")) if f.code.startswith("IP_")]

    def test_an_incomplete_assignment_names_what_is_missing(self) -> None:
        ip = vendorgov.IpAssignment(rights=("reproduction", " "), purpose="site", territory="monde")
        findings = [
            f for f in assess(_works_mission(ip=ip), day("2027-04-01")) if f.code.startswith("IP_")
        ]
        assert [(f.code, f.param("missing")) for f in findings] == [
            ("IP_ASSIGNMENT_INCOMPLETE", ("extent", "duration"))
        ]
        assert "their extent and the duration" in describe(findings[0])
        assert "leur étendue et la durée" in describe(findings[0], "fr")

    def test_the_website_contract_lists_the_works_and_the_extent(self) -> None:
        text = render(examples.demo_mission("site_web"), "contract").text
        assert "- **Étendue\u202f:** Sur tout support numérique ou imprimé" in text
        assert (
            "- **Œuvres concernées\u202f:** Maquettes du thème et du tunnel de commande, "
            "Nouveau site en production et Documentation d'exploitation"
        ) in text
        assert "dans l'étendue, pour la destination" in text
        en = render(examples.demo_mission("site_web"), "contract", lang="en").text
        assert "- **Extent:** Sur tout support" in en


class TestContractDocument:
    @pytest.mark.parametrize(
        ("lang", "heading", "article"),
        [
            ("fr", "## Annexe 3 – Accord de traitement des données", "Données personnelles"),
            ("en", "## Annex 3 – Data processing agreement", "Personal data"),
        ],
    )
    def test_the_agreement_is_an_annex(self, lang: str, heading: str, article: str) -> None:
        text = render(examples.demo_mission("community"), "contract", lang=lang).text
        assert heading in text
        assert f"– {article}\n" in text
        assert "Meta Platforms Ireland Ltd" in text
        assert text.index(heading) > text.index("Indicat")  # after the KPI annex (2)

    def test_a_draft_shows_what_the_agreement_misses(self) -> None:
        mission = _mission(contract=contract(data_processing=DataProcessing()))
        doc = render(mission, "contract", draft=True)
        assert "contract.data_processing.audits" in doc.missing
        with pytest.raises(ValidationError):
            render(mission, "contract")

    def test_the_exit_article(self) -> None:
        text = render(examples.demo_mission("site_web"), "contract").text
        assert "## Article 16 – Réversibilité" in text
        assert (
            "**Base de données clients et commandes** (export SQL et CSV), au plus tard "
            "7\u00a0jours après la fin du contrat."
        ) in text


# -- the exit document ---------------------------------------------------------------------------
VARIANTS = [(lang, fmt) for lang in ("fr", "en", "es") for fmt in ("md", "html")]


class TestGolden:
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_matches_golden_file(self, lang: str, fmt: str) -> None:
        doc = render(examples.demo_mission("site_web"), "exit", lang=lang, format=fmt, at=DEMO_AT)
        path = GOLDEN / f"site_web.{lang}.{fmt}"
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.text.encode("utf-8"))
        assert path.exists(), f"missing {path}: run with VENDORGOV_UPDATE_GOLDEN=1"
        assert doc.text.encode("utf-8") == path.read_bytes()


class TestExitDocument:
    def test_the_late_step_shows(self) -> None:
        doc = render(examples.demo_mission("site_web"), "exit", lang="en", at=DEMO_AT)
        assert (
            "| May 10, 2027 | Return: Base de données clients et commandes (export SQL and CSV) "
            "| Sarah Lambert (provider) | **Late** |"
        ) in doc.text
        assert "1 step is late." in doc.text
        assert "| **Net owed to the provider** | | | | **-€294.40** |" in doc.text

    def test_without_at_it_is_the_last_day(self) -> None:
        doc = render(examples.demo_mission("site_web"), "exit", lang="en")
        assert "- **Status on:** May 3, 2027" in doc.text

    def test_a_mission_without_a_plan(self) -> None:
        doc = render(examples.demo_mission("logistique"), "exit", lang="en")
        assert "The contract has no exit plan" in doc.text

    def test_markup_in_data_is_escaped(self) -> None:
        plan = ExitPlan(returns=(ExitReturn(what="<script>alert(1)</script>"),))
        mission = exiting(contract=contract(exit_plan=plan), exit_steps=())
        html = render(mission, "exit", format="html", at=day("2028-03-22")).text
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


class TestCalendar:
    def test_each_exit_step_is_an_event(self) -> None:
        ics = calendar(examples.demo_mission("site_web"), lang="en")
        unfolded = ics.replace("\r\n ", "")
        assert "SUMMARY:Exit: return — Base de données clients et commandes" in unfolded
        assert "DTSTART;VALUE=DATE:20270510" in unfolded
        assert "SUMMARY:Exit: last invoice — Codelune SAS" in unfolded  # no subject: the provider
        # 2 + 3 returns + 6 tools (not the FTP, revoked in 2026) + 1 e-mail + invoice + settlement
        assert unfolded.count("SUMMARY:Exit:") == 14

    def test_no_exit_events_without_a_plan(self) -> None:
        assert "Exit:" not in calendar(examples.demo_mission("logistique"), lang="en")


def test_eur_factory_is_exact() -> None:
    assert eur("40").amount == 40
