"""Terms and renewals, notice given, L442-1 II, the compliance register, L441-10 (issue 11).

Every expected date is worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from factories import contract, eur, fulfilment, minimal_mission
from vendorgov import (
    LEGAL_INTEREST_RATES,
    BillingPeriod,
    ComplianceDocument,
    ComplianceKind,
    Fee,
    FeeKind,
    GoverningLaw,
    Kickoff,
    Mission,
    Notice,
    PaymentTerms,
    Renewal,
    RenewalDecision,
    Severity,
    Side,
    Termination,
    Tool,
    ToolCategory,
    ValidationError,
    assess,
    calendar,
    examples,
    loads,
    mission_end,
    next_term,
    term_in_force,
    terms,
)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def codes(mission: Mission, at: str, code: str, **options: Any) -> list[Any]:
    return [f for f in assess(mission, day(at), **options) if f.code == code]


def renewing(renewal: Renewal | None = None, **changes: Any) -> Mission:
    """Effective 2027-03-01 for 12 months (term end 2028-02-29), 3500 EUR a month; by
    default renewed tacitly for 12 months with 90 days' notice.

    Terms (renewal n ends on term_end(2028-03-01, 12 n)):
    0: 2027-03-01..2028-02-29, notice deadline 2028-02-29 - 90 days = 2027-12-01
       (29 days back to 01-31, 60 to 12-31, 90 to 12-01);
    1: 2028-03-01..2029-02-28, deadline 2029-02-28 - 90 = 2028-11-30 (28 + 31 + 31 = 90);
    2: 2029-03-01..2030-02-28, deadline 2029-11-30;
    3: 2030-03-01..2031-02-28, deadline 2030-11-30.
    """
    fields: dict[str, Any] = {
        "start": day("2027-03-01"),
        "end": day("2028-02-29"),
        "kickoff": Kickoff(held_on=day("2027-03-01")),
        "activities": (fulfilment(),),
        "contract": contract(
            renewal=renewal or Renewal(tacit=True, period_months=12, notice_days=90)
        ),
    }
    return minimal_mission(**(fields | changes))


# -- the bug of the issue ------------------------------------------------------------------
class TestDemoAfterItsFirstTerm:
    """The logistics demo renews tacitly on 2027-03-02: it has not ended then."""

    def test_no_tool_access_finding_in_the_renewal_term(self) -> None:
        # On main, after 2027-03-01 every tool still open was flagged critical.
        mission = examples.demo_mission("logistique")
        for at in ("2027-03-02", "2027-03-10", "2027-11-20", "2028-03-01"):
            assert codes(mission, at, "TOOL_ACCESS_NOT_REVOKED") == [], at

    def test_the_next_notice_deadline_is_raised(self) -> None:
        # Term 1 ends 2028-03-01; 90 days before: 2027-12-02 (29 days of February 2028,
        # 31 of January, 30 more back into December). From 2027-11-20: 10 + 2 = 12 days.
        mission = examples.demo_mission("logistique")
        (notice,) = codes(mission, "2027-11-20", "NOTICE_DEADLINE_SOON")
        assert (notice.due, notice.severity) == (day("2027-12-02"), Severity.WARNING)
        assert notice.param("days") == 12
        assert notice.param("renewal") == day("2028-03-02")

    def test_the_vigilance_check_goes_on(self) -> None:
        # The certificate of 2027-07-27 + 6 months = 2028-01-27, inside term 1.
        mission = examples.demo_mission("logistique")
        (due,) = codes(mission, "2028-02-01", "VIGILANCE_CERTIFICATE_DUE")
        assert due.due == day("2028-01-27")

    def test_tools_are_flagged_after_the_real_end(self) -> None:
        # With notice given by the client on 2027-11-30 (before the deadline 2027-12-02),
        # the mission ends with term 1, on 2028-03-01: tools are flagged from 03-02.
        mission = attrs.evolve(
            examples.demo_mission("logistique"),
            notice=Notice(
                given_by=Side.CLIENT,
                given_on=day("2027-11-30"),
                effective_end=day("2028-03-01"),
            ),
        )
        assert codes(mission, "2028-03-01", "TOOL_ACCESS_NOT_REVOKED") == []
        flagged = codes(mission, "2028-03-02", "TOOL_ACCESS_NOT_REVOKED")
        assert len(flagged) == 6  # the six tools granted, none revoked (not the WMS portal)
        assert {f.due for f in flagged} == {day("2028-03-01")}
        assert codes(mission, "2028-03-02", "NOTICE_TOO_SHORT") == []


# -- terms --------------------------------------------------------------------------------
class TestThreeTacitRenewals:
    def test_terms_and_ends(self) -> None:
        mission = renewing()
        found = terms(mission, day("2030-06-01"))
        assert [(t.number, t.start, t.end, t.notice_deadline) for t in found] == [
            (0, day("2027-03-01"), day("2028-02-29"), day("2027-12-01")),
            (1, day("2028-03-01"), day("2029-02-28"), day("2028-11-30")),
            (2, day("2029-03-01"), day("2030-02-28"), day("2029-11-30")),
            (3, day("2030-03-01"), day("2031-02-28"), day("2030-11-30")),
        ]
        assert mission_end(mission, day("2030-06-01")) == day("2031-02-28")
        # Before a renewal begins, the term in force is the one before it.
        assert term_in_force(mission, day("2029-02-28")).number == 1
        assert term_in_force(mission, day("2029-03-01")).number == 2
        assert mission_end(mission, day("2028-02-29")) == day("2028-02-29")
        following = next_term(mission, day("2028-02-29"))
        assert following is not None
        assert (following.start, following.end) == (day("2028-03-01"), day("2029-02-28"))

    @pytest.mark.parametrize(
        ("at", "due", "days", "severity"),
        [
            # 2027-12-01 - 2027-09-02 = 28 + 31 + 30 + 1 = 90 days.
            ("2027-09-02", "2027-12-01", 90, Severity.INFO),
            # 2028-11-30 - 2028-11-01 = 29 days.
            ("2028-11-01", "2028-11-30", 29, Severity.WARNING),
            ("2029-11-23", "2029-11-30", 7, Severity.CRITICAL),
            ("2030-11-30", "2030-11-30", 0, Severity.CRITICAL),
        ],
    )
    def test_each_term_has_its_notice_deadline(
        self, at: str, due: str, days: int, severity: Severity
    ) -> None:
        (finding,) = codes(renewing(), at, "NOTICE_DEADLINE_SOON")
        assert (finding.due, finding.param("days"), finding.severity) == (day(due), days, severity)
        assert codes(renewing(), at, "CONTRACT_END_SOON") == []

    def test_past_a_deadline_nothing_until_the_next_term(self) -> None:
        assert codes(renewing(), "2027-12-02", "NOTICE_DEADLINE_SOON") == []
        assert codes(renewing(), "2028-02-29", "NOTICE_DEADLINE_SOON") == []

    def test_the_last_renewal_allowed_ends(self) -> None:
        mission = renewing(Renewal(tacit=True, notice_days=90, max_renewals=3))
        assert term_in_force(mission, day("2030-06-01")).notice_deadline is None
        assert codes(mission, "2030-11-01", "NOTICE_DEADLINE_SOON") == []
        # 2030-12-01 to 2031-02-28: 30 + 31 + 28 = 89 days.
        (end,) = codes(mission, "2030-12-01", "CONTRACT_END_SOON")
        assert (end.subject, end.due, end.param("days")) == (
            "contract.renewal[3]",
            day("2031-02-28"),
            89,
        )
        assert mission_end(mission, day("2040-01-01")) == day("2031-02-28")

    def test_measurements_in_a_renewal_term_are_accepted(self) -> None:
        assert renewing().last_possible_day() is None  # no limit to tacit renewals
        capped = renewing(Renewal(tacit=True, max_renewals=1))
        assert capped.last_possible_day() == day("2029-02-28")
        closed = renewing(Renewal(tacit=True, max_renewals=0))
        assert closed.last_possible_day() == day("2028-02-29")


class TestExpressRenewal:
    def mission(self, *decisions: RenewalDecision) -> Mission:
        return renewing(
            Renewal(tacit=False, period_months=12, notice_days=90), renewal_decisions=decisions
        )

    def test_without_a_decision_the_mission_ends_with_its_term(self) -> None:
        mission = self.mission()
        assert mission_end(mission, day("2028-06-01")) == day("2028-02-29")
        assert codes(mission, "2028-02-29", "RENEWAL_NOT_DECIDED") == []
        (finding,) = codes(mission, "2028-03-01", "RENEWAL_NOT_DECIDED")
        assert (finding.due, finding.param("renewal")) == (day("2028-02-29"), 1)
        # the end of the term is the contract's end, not a notice deadline
        assert codes(mission, "2027-12-01", "NOTICE_DEADLINE_SOON") == []
        (end,) = codes(mission, "2028-02-22", "CONTRACT_END_SOON")
        assert (end.due, end.severity) == (day("2028-02-29"), Severity.CRITICAL)

    def test_a_decision_renews_from_the_day_it_is_taken(self) -> None:
        mission = self.mission(RenewalDecision(renewal=1, decided_on=day("2028-01-15")))
        assert mission_end(mission, day("2028-01-14")) == day("2028-02-29")
        assert mission_end(mission, day("2028-01-15")) == day("2029-02-28")
        assert codes(mission, "2028-03-01", "RENEWAL_NOT_DECIDED") == []
        # renewal 2 needs its own decision: none by 2029-03-01
        (finding,) = codes(mission, "2029-03-01", "RENEWAL_NOT_DECIDED")
        assert (finding.subject, finding.due) == ("renewal_decisions[2]", day("2029-02-28"))

    def test_a_decision_not_to_renew(self) -> None:
        mission = self.mission(
            RenewalDecision(renewal=1, decided_on=day("2028-01-15"), renewed=False)
        )
        assert mission_end(mission, day("2028-06-01")) == day("2028-02-29")
        assert codes(mission, "2028-03-01", "RENEWAL_NOT_DECIDED") == []

    def test_decisions_are_checked(self) -> None:
        decision = RenewalDecision(renewal=1, decided_on=day("2028-01-15"))
        with pytest.raises(ValidationError) as tacit:
            renewing(renewal_decisions=(decision,))
        assert tacit.value.errors[0].path == "renewal_decisions[0].renewal"
        with pytest.raises(ValidationError) as twice:
            self.mission(decision, decision)
        assert "decided twice" in str(twice.value)


class TestNoticeGiven:
    def given(self, by: Side, on: str, end: str, **changes: Any) -> Mission:
        notice = Notice(given_by=by, given_on=day(on), effective_end=day(end))
        return renewing(notice=notice, **changes)

    def test_client_notice_in_time_ends_the_renewals(self) -> None:
        # Given on 2027-11-15, before the deadline 2027-12-01: ends with term 0.
        mission = self.given(Side.CLIENT, "2027-11-15", "2028-02-29")
        assert mission_end(mission, day("2030-01-01")) == day("2028-02-29")
        assert [t.number for t in terms(mission, day("2030-01-01"))] == [0]
        assert codes(mission, "2027-11-20", "NOTICE_TOO_SHORT") == []
        assert codes(mission, "2027-11-20", "NOTICE_DEADLINE_SOON") == []
        # 2027-11-20 to 2028-02-29: 10 + 31 + 31 + 29 = 101 days, then 90 on 12-01.
        assert codes(mission, "2027-11-20", "CONTRACT_END_SOON") == []
        (end,) = codes(mission, "2027-12-01", "CONTRACT_END_SOON")
        assert (end.subject, end.due, end.param("days")) == ("notice", day("2028-02-29"), 90)

    def test_a_notice_is_not_known_before_it_is_given(self) -> None:
        mission = self.given(Side.CLIENT, "2027-11-15", "2028-02-29")
        assert codes(mission, "2027-11-14", "NOTICE_DEADLINE_SOON")
        assert next_term(mission, day("2027-11-14")) is not None
        assert next_term(mission, day("2027-11-15")) is None

    def test_provider_notice_after_the_deadline_is_too_short(self) -> None:
        # Given on 2027-12-10, after 2027-12-01: the earliest end is term 1's, 2029-02-28.
        mission = self.given(Side.PROVIDER, "2027-12-10", "2028-02-29")
        (short,) = codes(mission, "2027-12-10", "NOTICE_TOO_SHORT")
        assert (short.due, short.param("earliest"), short.param("given_by")) == (
            day("2028-02-29"),
            day("2029-02-28"),
            "provider",
        )
        # what was recorded happens: the mission ends on 2028-02-29
        assert mission_end(mission, day("2028-06-01")) == day("2028-02-29")
        assert codes(mission, "2028-03-01", "TOOL_ACCESS_NOT_REVOKED") == []

    def test_notice_given_during_a_renewal(self) -> None:
        # Given on 2029-06-01 (term 2, deadline 2029-11-30) to end with term 2.
        mission = self.given(Side.CLIENT, "2029-06-01", "2030-02-28")
        assert [t.number for t in terms(mission, day("2029-06-01"))] == [0, 1, 2]
        assert mission_end(mission, day("2029-06-01")) == day("2030-02-28")
        assert codes(mission, "2029-06-01", "NOTICE_TOO_SHORT") == []

    def test_termination_for_convenience(self) -> None:
        # for_convenience with 60 days: given 2027-06-01, the earliest end is 2027-07-31.
        termination = Termination(notice_days=60, for_convenience=True)
        changes = {
            "contract": contract(
                renewal=Renewal(tacit=True, notice_days=90), termination=termination
            )
        }
        fine = self.given(Side.CLIENT, "2027-06-01", "2027-07-31", **changes)
        assert codes(fine, "2027-06-02", "NOTICE_TOO_SHORT") == []
        short = self.given(Side.CLIENT, "2027-06-01", "2027-07-30", **changes)
        (finding,) = codes(short, "2027-06-02", "NOTICE_TOO_SHORT")
        assert finding.param("earliest") == day("2027-07-31")

    def test_the_tools_after_a_notice(self) -> None:
        slack = Tool(
            name="Slack", category=ToolCategory.MESSAGING, access_granted_on=day("2027-03-01")
        )
        mission = self.given(Side.CLIENT, "2027-11-15", "2028-02-29", tools=(slack,))
        (open_access,) = codes(mission, "2028-03-01", "TOOL_ACCESS_NOT_REVOKED")
        assert open_access.due == day("2028-02-29")

    def test_a_notice_cannot_end_before_it_is_given(self) -> None:
        with pytest.raises(ValidationError) as error:
            Notice(
                given_by=Side.CLIENT, given_on=day("2028-01-01"), effective_end=day("2027-12-31")
            )
        assert error.value.errors[0].path == "effective_end"


# -- L442-1 II ------------------------------------------------------------------------------
def three_years(**changes: Any) -> Mission:
    """From 2027-01-01, 12-month terms renewed tacitly with 30 days' notice: term n runs
    through 31 December 2027 + n, its notice deadline is 1 December."""
    return renewing(
        Renewal(tacit=True, notice_days=30),
        start=day("2027-01-01"),
        end=day("2027-12-31"),
        kickoff=Kickoff(held_on=day("2027-01-01")),
        contract=contract(effective=day("2027-01-01"), renewal=Renewal(tacit=True, notice_days=30)),
        **changes,
    )


class TestRelationshipNotice:
    def notice(self, on: str, end: str) -> Mission:
        return three_years(
            notice=Notice(given_by=Side.CLIENT, given_on=day(on), effective_end=day(end))
        )

    def test_three_years_ask_for_three_months(self) -> None:
        # 2027-01-01 to 2030-09-01: 3 whole years, 3 months: the last day of the notice is
        # 2030-12-01 - 1 day = 2030-11-30.
        assert (
            codes(
                self.notice("2030-09-01", "2030-11-30"),
                "2030-09-02",
                "RELATIONSHIP_NOTICE_TOO_SHORT",
            )
            == []
        )
        (short,) = codes(
            self.notice("2030-09-01", "2030-11-29"), "2030-09-02", "RELATIONSHIP_NOTICE_TOO_SHORT"
        )
        assert (short.param("years"), short.param("months"), short.param("suggested")) == (
            3,
            3,
            day("2030-11-30"),
        )

    def test_the_anniversary_counts_on_its_day(self) -> None:
        # On 2029-12-31 the relationship is 2 years old (3 on 2030-01-01): 2 months;
        # 2029-12-31 + 2 months = 2030-02-28 (clamped), minus a day: 2030-02-27.
        fine = self.notice("2029-12-31", "2030-02-27")
        assert codes(fine, "2030-01-01", "RELATIONSHIP_NOTICE_TOO_SHORT") == []
        (two,) = codes(
            self.notice("2029-12-31", "2030-02-26"), "2030-01-01", "RELATIONSHIP_NOTICE_TOO_SHORT"
        )
        assert (two.param("years"), two.param("months")) == (2, 2)

    def test_months_per_year_is_a_parameter(self) -> None:
        # Half a month per year: 3 × 0.5 = 1.5, rounded up to 2 months: to 2030-10-31.
        mission = self.notice("2030-09-01", "2030-10-31")
        assert codes(mission, "2030-09-02", "RELATIONSHIP_NOTICE_TOO_SHORT") != []
        half = {"notice_months_per_year": Decimal("0.5")}
        assert codes(mission, "2030-09-02", "RELATIONSHIP_NOTICE_TOO_SHORT", **half) == []
        with pytest.raises(ValidationError) as error:
            assess(mission, day("2030-09-02"), notice_months_per_year=1.5)  # type: ignore[arg-type]
        assert error.value.errors[0].path == "notice_months_per_year"

    def test_the_contract_notice_against_the_relationship(self) -> None:
        # Term 1's deadline 2028-12-01, 1 year: one month, to 2028-12-31 = its end: fine.
        assert codes(three_years(), "2028-11-01", "CONTRACT_NOTICE_TOO_SHORT") == []
        # Term 2's deadline 2029-12-01, 2 years: to 2030-01-31 > 2029-12-31: flagged.
        (short,) = codes(three_years(), "2029-11-01", "CONTRACT_NOTICE_TOO_SHORT")
        assert (short.due, short.param("years"), short.param("months")) == (
            day("2029-12-01"),
            2,
            2,
        )
        # only under French law
        foreign = renewing(
            start=day("2027-01-01"),
            end=day("2027-12-31"),
            kickoff=Kickoff(held_on=day("2027-01-01")),
            contract=contract(
                effective=day("2027-01-01"),
                renewal=Renewal(tacit=True, notice_days=30),
                governing_law=GoverningLaw(country="BE"),
            ),
        )
        assert codes(foreign, "2029-11-01", "CONTRACT_NOTICE_TOO_SHORT") == []


# -- the compliance register ---------------------------------------------------------------
def register(*documents: ComplianceDocument, amount: str = "3500", **changes: Any) -> Mission:
    """Signed on 2027-02-20, effective 2027-03-01 for 12 months; ``amount`` a month."""
    fees = (
        Fee(
            label="Forfait",
            kind=FeeKind.FIXED,
            period=BillingPeriod.MONTHLY,
            amount=eur(amount),
            activity="fulfilment",
        ),
    )
    return renewing(
        contract=contract(
            signed_on=day("2027-02-20"),
            fees=fees,
            renewal=Renewal(tacit=True, notice_days=90),
            **changes,
        ),
        compliance_documents=documents,
    )


def document(kind: ComplianceKind, received: str, **changes: Any) -> ComplianceDocument:
    return ComplianceDocument(kind=kind, received_on=day(received), **changes)


VIGILANCE = ComplianceKind.VIGILANCE_CERTIFICATE
KBIS = ComplianceKind.REGISTRATION_EXTRACT


class TestRegister:
    def test_an_expired_attestation(self) -> None:
        # Received at signing, valid 6 months: the next is due 2027-08-20; soon from
        # 2027-07-21 (30 days), due from 08-20.
        mission = register(
            document(VIGILANCE, "2027-02-20", valid_until=day("2027-08-20")),
            document(KBIS, "2027-02-20", issued_on=day("2027-02-01")),
        )
        assert codes(mission, "2027-07-20", "VIGILANCE_CERTIFICATE_DUE_SOON") == []
        assert codes(mission, "2027-07-21", "VIGILANCE_CERTIFICATE_DUE_SOON")
        (expired,) = codes(mission, "2027-09-01", "VIGILANCE_CERTIFICATE_DUE")
        assert expired.due == day("2027-08-20")
        assert codes(mission, "2027-09-01", "REGISTRATION_EXTRACT_MISSING") == []
        # in the renewal term (from 2028-03-01) the register goes on
        assert codes(mission, "2028-06-01", "VIGILANCE_CERTIFICATE_DUE")

    @pytest.mark.parametrize(("issued", "missing"), [("2026-11-20", False), ("2026-11-19", True)])
    def test_a_kbis_under_three_months_at_signing(self, issued: str, missing: bool) -> None:
        # 2027-02-20 - 3 months = 2026-11-20.
        mission = register(document(KBIS, "2027-02-18", issued_on=day(issued)))
        assert bool(codes(mission, "2027-03-01", "REGISTRATION_EXTRACT_MISSING")) is missing

    @pytest.mark.parametrize(("monthly", "flagged"), [("416.66", False), ("416.67", True)])
    def test_the_threshold(self, monthly: str, flagged: bool) -> None:
        # 12 × 416.66 = 4999.92 < 5000 ≤ 12 × 416.67 = 5000.04.
        mission = register(amount=monthly)
        for code in ("VIGILANCE_CERTIFICATE_DUE", "REGISTRATION_EXTRACT_MISSING"):
            assert bool(codes(mission, "2027-03-01", code)) is flagged

    @pytest.mark.parametrize(("one_off", "flagged"), [("4999.99", False), ("5000.00", True)])
    def test_the_threshold_to_the_cent(self, one_off: str, flagged: bool) -> None:
        fees = (
            Fee(
                label="Forfait",
                kind=FeeKind.FIXED,
                period=BillingPeriod.ONE_OFF,
                amount=eur(one_off),
            ),
        )
        mission = renewing(contract=contract(signed_on=day("2027-02-20"), fees=fees))
        assert bool(codes(mission, "2027-03-01", "REGISTRATION_EXTRACT_MISSING")) is flagged

    def test_insurance(self) -> None:
        insurance = document(ComplianceKind.INSURANCE, "2027-02-15", valid_until=day("2027-12-31"))
        required = register(insurance_required=True)
        assert codes(required, "2027-02-19", "INSURANCE_CERTIFICATE_MISSING") == []
        assert codes(required, "2027-02-20", "INSURANCE_CERTIFICATE_MISSING")
        covered = register(insurance, insurance_required=True)
        assert codes(covered, "2027-03-01", "INSURANCE_CERTIFICATE_MISSING") == []
        # 2027-12-01 + 30 days = 2027-12-31
        assert codes(covered, "2027-11-30", "INSURANCE_CERTIFICATE_EXPIRING") == []
        (soon,) = codes(covered, "2027-12-01", "INSURANCE_CERTIFICATE_EXPIRING")
        assert soon.param("days") == 30
        (expired,) = codes(covered, "2028-01-01", "INSURANCE_CERTIFICATE_EXPIRED")
        assert expired.due == day("2027-12-31")

    def test_calendar_events(self) -> None:
        text = calendar(examples.demo_mission("logistique"), lang="en")
        # the certificate of 2027-07-27 + 6 months; the 2027 insurance, valid to 12-31
        assert "DTSTART;VALUE=DATE:20280127" in text.split("Vigilance certificate due")[1]
        assert "DTSTART;VALUE=DATE:20271231" in text.split("Insurance certificate expires")[1]


# -- L441-10 ---------------------------------------------------------------------------------
def penalties(rate: str) -> Mission:
    terms_ = PaymentTerms(days=30, late_penalty_rate=Decimal(rate), recovery_indemnity=eur("40"))
    return renewing(contract=contract(payment=terms_))


class TestLegalRate:
    def test_the_table(self) -> None:
        assert LEGAL_INTEREST_RATES["2026-S1"] == Decimal("0.0262")
        assert "2026-S2" not in LEGAL_INTEREST_RATES  # not guessed

    @pytest.mark.parametrize(("rate", "flagged"), [("0.0786", False), ("0.0785", True)])
    def test_three_times_the_rate(self, rate: str, flagged: bool) -> None:
        # 2026-S1: 3 × 2.62 % = 7.86 %.
        found = codes(penalties(rate), "2026-06-30", "LATE_PENALTY_RATE_TOO_LOW")
        assert bool(found) is flagged
        if found:
            assert found[0].param("minimum") == Decimal("0.0786")

    def test_a_rate_given_by_the_user(self) -> None:
        # 2027-S1 is not shipped: unknown, until given (3 % × 3 = 9 % > 8.9 %).
        mission = penalties("0.089")
        assert codes(mission, "2027-04-01", "LEGAL_INTEREST_RATE_UNKNOWN")
        given = {"legal_interest_rates": {"2027-S1": Decimal("0.03")}}
        assert codes(mission, "2027-04-01", "LEGAL_INTEREST_RATE_UNKNOWN", **given) == []
        (low,) = codes(mission, "2027-04-01", "LATE_PENALTY_RATE_TOO_LOW", **given)
        assert (low.param("legal_rate"), low.param("semester")) == (Decimal("0.03"), "2027-S1")
        # and a given rate overrides the table
        override = {"legal_interest_rates": {"2026-S1": Decimal("0.01")}}
        assert codes(penalties("0.05"), "2026-03-01", "LATE_PENALTY_RATE_TOO_LOW", **override) == []

    @pytest.mark.parametrize(
        "rates",
        [
            {"2027": Decimal("0.03")},
            {"2027-S3": Decimal("0.03")},
            {"2027-S1": 0.03},
            {"2027-S1": Decimal("2")},
            {"2027-S1": Decimal("NaN")},
        ],
    )
    def test_bad_rates_are_refused(self, rates: dict[str, Any]) -> None:
        with pytest.raises(ValidationError) as error:
            assess(penalties("0.12"), day("2027-04-01"), legal_interest_rates=rates)
        assert error.value.errors[0].path.startswith("legal_interest_rates[")


# -- files ------------------------------------------------------------------------------------
class TestFiles:
    def test_old_files_still_load(self) -> None:
        # a renewal without max_renewals, a mission without notice or decisions
        mission = examples.demo_mission("community")
        assert mission.contract is not None
        assert mission.contract.renewal is not None
        assert mission.contract.renewal.max_renewals is None
        assert (mission.notice, mission.renewal_decisions) == (None, ())

    def test_notice_in_a_file(self) -> None:
        text = examples.demo_text("logistique") + (
            '\n[notice]\ngiven_by = "client"\ngiven_on = 2027-11-30\neffective_end = 2028-03-01\n'
        )
        mission = loads(text, format="toml")
        assert mission.notice is not None
        assert mission.notice.given_by is Side.CLIENT
        assert mission_end(mission, day("2027-12-01")) == day("2028-03-01")

    def test_a_bad_notice_names_its_path(self) -> None:
        text = examples.demo_text("logistique") + (
            '\n[notice]\ngiven_by = "nobody"\ngiven_on = 2027-11-30\neffective_end = 2027-11-01\n'
        )
        with pytest.raises(ValidationError) as error:
            loads(text, format="toml")
        assert any(item.path.startswith("notice") for item in error.value.errors)

    def test_terms_refuse_a_datetime(self) -> None:
        with pytest.raises(ValidationError):
            terms(renewing(), dt.datetime(2027, 1, 1, tzinfo=dt.UTC))  # type: ignore[arg-type]
        with pytest.raises(ValidationError):
            mission_end("logistique", day("2027-01-01"))  # type: ignore[arg-type]
