"""The domain model: invariants checked at construction, immutability, values."""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
from vendorgov import (
    ActionStatus,
    Band,
    Benefit,
    BonusScheme,
    BonusTier,
    ComplianceDocument,
    ComplianceKind,
    Contact,
    ContactRole,
    Contract,
    Direction,
    ErrorDetail,
    Fee,
    FeeKind,
    Handover,
    Horizon,
    Idea,
    Kickoff,
    Kpi,
    KpiCreditRate,
    Liability,
    Measurement,
    Milestone,
    Mission,
    Money,
    NeedStatus,
    PaymentTerms,
    ProviderNeed,
    Recognition,
    RecognitionKind,
    Report,
    ServiceCreditScheme,
    Side,
    SpendEntry,
    Target,
    Tool,
    ToolCategory,
    ValidationError,
    ValueEntry,
    VendorgovError,
)

D = Decimal


def problems(build: Callable[[], object]) -> list[tuple[str, str]]:
    """The (path, message) pairs of the ValidationError ``build`` raises."""
    with pytest.raises(ValidationError) as info:
        build()
    return [(detail.path, detail.message) for detail in info.value.errors]


def paths(build: Callable[[], object]) -> list[str]:
    return [path for path, _ in problems(build)]


def milestone(name: str, horizon: str, *targets: Target) -> Milestone:
    return Milestone(name=name, horizon=Horizon.parse(horizon), targets=targets)


# -- end after start ----------------------------------------------------------------
class TestEndAfterStart:
    def test_mission_end_before_start(self) -> None:
        assert problems(lambda: f.minimal_mission(end=dt.date(2027, 3, 14))) == [
            ("end", "must be after start (2027-03-15)")
        ]

    def test_mission_end_on_start(self) -> None:
        assert paths(lambda: f.minimal_mission(end=f.START)) == ["end"]

    def test_mission_one_day(self) -> None:
        assert f.minimal_mission(end=dt.date(2027, 3, 16)).end == dt.date(2027, 3, 16)

    def test_contract_end_not_after_effective(self) -> None:
        for end in (dt.date(2027, 3, 1), dt.date(2027, 2, 1)):
            assert paths(lambda end=end: f.contract(duration_months=None, end=end)) == ["end"]

    def test_contract_needs_exactly_one_of_end_and_duration(self) -> None:
        assert paths(lambda: f.contract(duration_months=None)) == ["end"]
        assert paths(lambda: f.contract(end=dt.date(2028, 2, 29))) == ["end"]
        assert f.contract(duration_months=None, end=dt.date(2027, 3, 2)).end == dt.date(2027, 3, 2)

    def test_tool_revoked_before_granted(self) -> None:
        assert problems(
            lambda: Tool(
                name="Slack",
                category=ToolCategory.MESSAGING,
                access_granted_on=dt.date(2027, 3, 10),
                access_revoked_on=dt.date(2027, 3, 9),
            )
        ) == [("access_revoked_on", "must not be before access_granted_on (2027-03-10)")]

    def test_tool_revoked_without_grant(self) -> None:
        assert paths(
            lambda: Tool(
                name="Slack",
                category=ToolCategory.MESSAGING,
                access_revoked_on=dt.date(2027, 3, 9),
            )
        ) == ["access_revoked_on"]

    def test_tool_revoked_after_or_on_grant(self) -> None:
        for revoked in (dt.date(2027, 3, 10), dt.date(2027, 9, 1)):
            tool = Tool(
                name="Slack",
                category=ToolCategory.MESSAGING,
                access_granted_on=dt.date(2027, 3, 10),
                access_revoked_on=revoked,
            )
            assert tool.access_revoked_on == revoked

    def test_compliance_document_valid_until_before_received(self) -> None:
        assert paths(
            lambda: ComplianceDocument(
                kind=ComplianceKind.INSURANCE,
                received_on=dt.date(2027, 3, 1),
                valid_until=dt.date(2027, 2, 28),
            )
        ) == ["valid_until"]


# -- contacts --------------------------------------------------------------------------
class TestPrimaryContacts:
    def test_one_per_side(self) -> None:
        mission = f.minimal_mission()
        assert mission.primary_contact(Side.CLIENT).name == "Claire Martin"
        assert mission.primary_contact(Side.PROVIDER).name == "Paul Roux"

    def test_none_on_the_client_side(self) -> None:
        assert problems(lambda: f.minimal_mission(contacts=(f.provider_primary(),))) == [
            ("contacts", "needs exactly one primary contact on the client side, got none")
        ]

    def test_client_contact_that_is_not_primary(self) -> None:
        contacts = (f.client_primary(role=ContactRole.ESCALATION), f.provider_primary())
        assert paths(lambda: f.minimal_mission(contacts=contacts)) == ["contacts"]

    def test_none_at_all(self) -> None:
        assert paths(lambda: f.minimal_mission(contacts=())) == ["contacts", "contacts"]

    def test_two_on_one_side(self) -> None:
        contacts = (f.client_primary(), f.provider_primary(), f.client_primary(name="Luc"))
        assert problems(lambda: f.minimal_mission(contacts=contacts)) == [
            (
                "contacts[2].role",
                "the client side already has a primary contact at contacts[0]; "
                "exactly one per side",
            )
        ]

    def test_three_on_the_provider_side(self) -> None:
        contacts = (
            f.provider_primary(),
            f.client_primary(),
            f.provider_primary(name="A"),
            f.provider_primary(name="B"),
        )
        assert paths(lambda: f.minimal_mission(contacts=contacts)) == [
            "contacts[2].role",
            "contacts[3].role",
        ]

    def test_other_roles_are_free(self) -> None:
        contacts = (
            *f.contacts(),
            Contact(name="Dir", side=Side.CLIENT, role=ContactRole.ESCALATION),
            Contact(name="Ops", side=Side.PROVIDER),
            Contact(name="Ops 2", side=Side.PROVIDER),
        )
        assert len(f.minimal_mission(contacts=contacts).contacts) == 5

    def test_bad_email(self) -> None:
        assert paths(lambda: f.client_primary(email="claire at boutique")) == ["email"]


# -- keys ----------------------------------------------------------------------------
class TestUniqueKeys:
    def test_kpi_keys(self) -> None:
        kpis = (f.shipping_kpi(), f.damage_kpi(), f.shipping_kpi(name="Again"))
        assert problems(lambda: f.minimal_mission(kpis=kpis)) == [
            ("kpis[2].key", "duplicate key 'on_time_shipping' (first at kpis[0])")
        ]

    def test_activity_keys(self) -> None:
        activities = (f.fulfilment(), f.fulfilment(name="Again"))
        assert paths(lambda: f.minimal_mission(activities=activities)) == ["activities[1].key"]

    def test_distinct_keys(self) -> None:
        mission = f.minimal_mission(kpis=(f.shipping_kpi(), f.damage_kpi()))
        assert mission.kpi("damage_rate").direction is Direction.LOWER
        with pytest.raises(KeyError):
            mission.kpi("nope")

    @pytest.mark.parametrize("key", ["", "On_time", "1st", "on-time", "on time", "a" * 65, "é"])
    def test_key_is_a_slug(self, key: str) -> None:
        assert paths(lambda: f.shipping_kpi(key=key)) == ["key"]

    def test_milestone_target_twice_for_one_kpi(self) -> None:
        build = lambda: milestone(  # noqa: E731
            "M+1", "M+1", f.target("damage_rate", "1", "2"), f.target("damage_rate", "1", "3")
        )
        assert paths(build) == ["targets[1].kpi"]

    def test_milestone_names(self) -> None:
        m1 = milestone("M+1", "M+1")
        m2 = milestone("M+1", "M+2")
        assert paths(lambda: f.minimal_mission(milestones=(m1, m2))) == ["milestones[1].name"]


# -- milestones and targets ----------------------------------------------------------
class TestMilestoneTargets:
    def test_target_for_unknown_kpi(self) -> None:
        # the factory milestones also target damage_rate, which this mission lacks
        assert problems(
            lambda: f.minimal_mission(kpis=(f.shipping_kpi(),), milestones=f.milestones())
        ) == [
            ("milestones[0].targets[1].kpi", "unknown kpi 'damage_rate' (known: on_time_shipping)"),
            ("milestones[1].targets[1].kpi", "unknown kpi 'damage_rate' (known: on_time_shipping)"),
        ]

    def test_target_with_no_kpis_at_all(self) -> None:
        built = milestone("M+1", "M+1", f.target("damage_rate", "1", "2"))
        assert problems(lambda: f.minimal_mission(milestones=(built,))) == [
            ("milestones[0].targets[0].kpi", "unknown kpi 'damage_rate' (known: none)")
        ]

    def test_threshold_above_target_when_higher_is_better(self) -> None:
        bad = milestone("M+6", "M+6", f.target("on_time_shipping", "98", "99"))
        good = milestone("M+1", "M+1", f.target("on_time_shipping", "95", "90"))
        assert problems(
            lambda: f.minimal_mission(kpis=(f.shipping_kpi(),), milestones=(good, bad))
        ) == [
            (
                "milestones[1].targets[0].threshold",
                "99 is better than the target 98: higher is better for 'on_time_shipping', "
                "so the threshold must be lower",
            )
        ]

    def test_threshold_below_target_when_lower_is_better(self) -> None:
        bad = milestone(
            "M+1",
            "M+1",
            f.target("on_time_shipping", "95", "90"),
            f.target("damage_rate", "1.0", "0.5"),
        )
        assert paths(
            lambda: f.minimal_mission(kpis=(f.shipping_kpi(), f.damage_kpi()), milestones=(bad,))
        ) == ["milestones[0].targets[1].threshold"]

    def test_thresholds_on_the_worse_side_are_accepted(self) -> None:
        mission = f.minimal_mission(
            kpis=(f.shipping_kpi(), f.damage_kpi()), milestones=f.milestones()
        )
        assert mission.milestones[0].target_for("damage_rate") == f.target(
            "damage_rate", "1.0", "2.0"
        )

    def test_threshold_equal_to_target(self) -> None:
        assert problems(lambda: f.target("damage_rate", "95", "95.0")) == [
            ("threshold", "must differ from the target (95)")
        ]

    def test_milestone_reports_target_path(self) -> None:
        # the error is raised by the target itself: it is seen from its own fields
        with pytest.raises(ValidationError) as info:
            Target(kpi="k", target=D(1), threshold=D(1))
        assert info.value.prefixed("milestones[1].targets[0]").errors[0].path == (
            "milestones[1].targets[0].threshold"
        )

    def test_milestone_after_start(self) -> None:
        on_start = Milestone(name="kick", horizon=Horizon.parse("2027-03-15"))
        before = Milestone(name="early", horizon=Horizon.parse("2027-01-01"))
        assert problems(lambda: f.minimal_mission(milestones=(on_start,))) == [
            (
                "milestones[0].horizon",
                "2027-03-15 falls on 2027-03-15, not after the start (2027-03-15)",
            )
        ]
        assert paths(lambda: f.minimal_mission(milestones=(before,))) == ["milestones[0].horizon"]

    def test_end_of_year_horizon_on_a_31_december_start(self) -> None:
        # EOY from 2027-12-31 resolves to the start itself: not after it
        eoy = milestone("EOY", "EOY")
        build = lambda: f.minimal_mission(  # noqa: E731
            start=dt.date(2027, 12, 31), end=dt.date(2028, 12, 31), milestones=(eoy,)
        )
        assert paths(build) == ["milestones[0].horizon"]

    def test_milestones_in_order(self) -> None:
        late, early = milestone("M+6", "M+6"), milestone("M+1", "M+1")
        assert problems(lambda: f.minimal_mission(milestones=(late, early))) == [
            (
                "milestones[1].horizon",
                "M+1 falls on 2027-04-15, not after the previous milestone (2027-09-15); "
                "list milestones in order",
            )
        ]

    def test_two_milestones_on_one_day(self) -> None:
        # M+1 and D+31 from 2027-03-15 both fall on 2027-04-15
        same = (milestone("a", "M+1"), milestone("b", "D+31"))
        assert paths(lambda: f.minimal_mission(milestones=same)) == ["milestones[1].horizon"]

    def test_milestone_name_must_not_be_blank(self) -> None:
        assert paths(lambda: milestone(" ", "M+1")) == ["name"]

    def test_horizon_must_be_a_horizon(self) -> None:
        assert problems(lambda: Milestone(name="M+1", horizon="M+1")) == [  # type: ignore[arg-type]
            ("horizon", "expected Horizon, got text 'M+1'")
        ]


# -- weights, bands -------------------------------------------------------------------
class TestWeightsAndBands:
    @pytest.mark.parametrize("weight", ["0", "-1", "-0.001"])
    def test_weight_must_be_positive(self, weight: str) -> None:
        assert problems(lambda: f.shipping_kpi(weight=D(weight))) == [
            ("weight", f"must be greater than 0, got {weight}")
        ]

    def test_small_positive_weight(self) -> None:
        assert f.shipping_kpi(weight=D("0.001")).weight == D("0.001")

    def test_bands_must_start_at_zero(self) -> None:
        bands = (Band(name="good", minimum=D(50)), Band(name="bad", minimum=D(10)))
        assert problems(lambda: f.minimal_mission(bands=bands)) == [
            ("bands", "the lowest band must start at 0 so that every score 0-100 has a band")
        ]

    def test_bands_must_be_distinct(self) -> None:
        bands = (
            Band(name="good", minimum=D(50)),
            Band(name="good", minimum=D(0)),
            Band(name="poor", minimum=D("50.0")),
        )
        assert paths(lambda: f.minimal_mission(bands=bands)) == [
            "bands[1].name",
            "bands[2].minimum",
        ]

    def test_no_bands(self) -> None:
        assert paths(lambda: f.minimal_mission(bands=())) == ["bands"]

    def test_custom_bands(self) -> None:
        bands = (Band(name="ok", minimum=D(60)), Band(name="ko", minimum=D(0)))
        assert f.minimal_mission(bands=bands).bands == bands

    @pytest.mark.parametrize("minimum", ["-1", "100.01"])
    def test_band_minimum_range(self, minimum: str) -> None:
        assert paths(lambda: Band(name="x", minimum=D(minimum))) == ["minimum"]


# -- money in a mission ----------------------------------------------------------------
class TestOneCurrency:
    def test_activity_budget_in_another_currency(self) -> None:
        activity = f.fulfilment(budget=Money(D(100), "USD"))
        assert problems(lambda: f.rich_mission(activities=(activity,))) == [
            ("activities[0].budget.currency", "is USD but the mission is in EUR")
        ]

    def test_fee_in_another_currency(self) -> None:
        fee = Fee(
            label="Setup",
            kind=FeeKind.PER_UNIT,
            unit="order",
            amount=Money(D("1.20"), "USD"),
        )
        contract = f.contract(fees=(fee,))
        assert paths(lambda: f.rich_mission(contract=contract)) == [
            "contract.fees[0].amount.currency"
        ]

    def test_amounts_deep_inside(self) -> None:
        spend = SpendEntry(
            on=dt.date(2027, 4, 30), activity="fulfilment", amount=Money(D(1), "GBP")
        )
        bonus = BonusScheme(
            base=f.eur("100"),
            tiers=(
                BonusTier(min_score=D(90), rate=D("0.1")),
                BonusTier(min_score=D(50), amount=Money(D(5), "CHF")),
            ),
            cap=Money(D(1000), "USD"),
        )
        assert paths(
            lambda: f.rich_mission(spend=(f.rich_mission().spend[0], spend), bonus=bonus)
        ) == ["spend[1].amount.currency", "bonus.tiers[1].amount.currency", "bonus.cap.currency"]

    def test_every_money_field_is_checked(self) -> None:
        usd = Money(D(1), "USD")
        contract = f.contract(
            payment=PaymentTerms(days=30, recovery_indemnity=usd),
            liability=Liability(cap=usd),
        )
        mission = lambda: f.rich_mission(  # noqa: E731
            contract=contract,
            activities=(f.fulfilment(budget=usd),),
            service_credits=ServiceCreditScheme(rate=D("0.03"), at_risk=usd),
            benefits=(Benefit(description="Visibilité", value=usd),),
            value_entries=(ValueEntry(on=dt.date(2027, 6, 30), amount=usd, description="Marge"),),
            bonus=BonusScheme(base=usd, tiers=(BonusTier(min_score=D(90), rate=D("0.05")),)),
        )
        assert sorted(paths(mission)) == sorted(
            [
                "activities[0].budget.currency",
                "contract.payment.recovery_indemnity.currency",
                "contract.liability.cap.currency",
                "service_credits.at_risk.currency",
                "benefits[0].value.currency",
                "value_entries[0].amount.currency",
                "bonus.base.currency",
            ]
        )

    def test_mission_in_usd(self) -> None:
        mission = f.minimal_mission(
            currency="USD", activities=(f.fulfilment(budget=Money(D(10), "USD")),)
        )
        assert mission.currency == "USD"
        assert paths(lambda: f.minimal_mission(currency="USD", activities=(f.fulfilment(),))) == [
            "activities[0].budget.currency"
        ]

    def test_mission_currency_must_be_iso(self) -> None:
        assert problems(lambda: f.rich_mission(currency="eur")) == [
            ("currency", "unknown ISO 4217 currency code 'eur' (codes are upper case)")
        ]

    def test_contract_fees_in_one_currency(self) -> None:
        fees = (
            Fee(label="A", kind=FeeKind.PER_UNIT, unit="order", amount=f.eur("1")),
            Fee(label="B", kind=FeeKind.PER_UNIT, unit="order", amount=Money(D(1), "USD")),
        )
        assert problems(lambda: f.contract(fees=fees)) == [
            ("fees", "all fees must be in one currency, got ['EUR', 'USD']")
        ]


# -- time values -----------------------------------------------------------------------
class TestDatetimes:
    def test_naive_measurement_refused(self) -> None:
        assert problems(lambda: f.measurement(at=dt.datetime(2027, 4, 1, 10, 0))) == [
            ("at", "naive datetime refused (2027-04-01T10:00:00); give a timezone or offset")
        ]

    def test_aware_measurement_and_its_local_date(self) -> None:
        late = dt.datetime(2027, 4, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        assert f.measurement(at=late).on == dt.date(2027, 4, 1)  # its own local date, not UTC's
        assert f.measurement(at=dt.date(2027, 4, 1)).on == dt.date(2027, 4, 1)

    def test_naive_kickoff_refused(self) -> None:
        assert paths(lambda: Kickoff(scheduled=dt.datetime(2027, 3, 1, 9, 30))) == ["scheduled"]

    def test_kickoff_scheduled_must_be_a_datetime(self) -> None:
        assert paths(lambda: Kickoff(scheduled=dt.date(2027, 3, 1))) == ["scheduled"]  # type: ignore[arg-type]

    def test_datetime_where_a_date_is_expected(self) -> None:
        moment = dt.datetime(2027, 3, 15, tzinfo=dt.UTC)
        assert problems(lambda: f.minimal_mission(start=moment)) == [
            ("start", "expected a date, got a datetime (2027-03-15T00:00:00+00:00)")
        ]

    def test_naive_datetime_in_a_nested_value_through_a_mission(self) -> None:
        # a nested value cannot even be built, so the mission never sees it
        with pytest.raises(ValidationError):
            f.rich_mission(measurements=(f.measurement(at=dt.datetime(2027, 4, 1)),))


# -- exact numbers ------------------------------------------------------------------------
class TestFloatsRefused:
    @pytest.mark.parametrize(
        ("build", "path"),
        [
            (lambda: Money(1.5, "EUR"), "amount"),
            (lambda: Measurement(kpi="k", value=96.5, at=dt.date(2027, 4, 1)), "value"),
            (lambda: Target(kpi="k", target=95.0, threshold=D(90)), "target"),
            (lambda: Target(kpi="k", target=D(95), threshold=90.0), "threshold"),
            (lambda: f.shipping_kpi(weight=1.0), "weight"),
            (lambda: BonusTier(min_score=D(90), rate=0.05), "rate"),
            (lambda: Band(name="x", minimum=0.0), "minimum"),
        ],
    )
    def test_float(self, build: Callable[[], object], path: str) -> None:
        found = problems(build)
        assert [p for p, _ in found] == [path]
        assert found[0][1].startswith("floats are refused for exact values")

    def test_int_kpi_value_refused(self) -> None:
        assert problems(lambda: Measurement(kpi="k", value=96, at=dt.date(2027, 4, 1))) == [  # type: ignore[arg-type]
            ("value", "expected a Decimal, got integer 96")
        ]

    def test_non_finite_kpi_value(self) -> None:
        assert paths(lambda: f.measurement(value="NaN")) == ["value"]
        assert paths(lambda: f.measurement(value="-Infinity")) == ["value"]


# -- references ----------------------------------------------------------------------------
class TestReferences:
    def test_measurement_of_unknown_kpi(self) -> None:
        measurements = (f.measurement(), f.measurement(kpi="nps"))
        assert problems(lambda: f.rich_mission(measurements=measurements)) == [
            ("measurements[1].kpi", "unknown kpi 'nps' (known: damage_rate, on_time_shipping)")
        ]

    def test_spend_on_unknown_activity(self) -> None:
        entry = SpendEntry(on=dt.date(2027, 4, 30), activity="website", amount=f.eur("10"))
        assert problems(lambda: f.rich_mission(spend=(entry,))) == [
            ("spend[0].activity", "unknown activity 'website' (known: fulfilment)")
        ]

    def test_fee_of_unknown_activity(self) -> None:
        assert paths(lambda: f.rich_mission(activities=())) == [
            "spend[0].activity",
            "contract.fees[0].activity",
        ]

    def test_recognition_of_unknown_kpi(self) -> None:
        recognition = Recognition(
            on=dt.date(2027, 5, 1), kind=RecognitionKind.THANKS, description="Bravo", kpi="nps"
        )
        assert paths(lambda: f.rich_mission(recognitions=(recognition,))) == ["recognitions[0].kpi"]

    def test_corrective_action_on_unknown_kpi(self) -> None:
        review = f.review(corrective_actions=(f.action(kpi="nps"),))
        assert paths(lambda: f.rich_mission(reviews=(review,))) == [
            "reviews[0].corrective_actions[0].kpi"
        ]

    def test_service_credit_for_unknown_kpi(self) -> None:
        credits = ServiceCreditScheme(
            rate=D("0.03"),
            at_risk=f.eur("1000"),
            kpi_rates=(KpiCreditRate(kpi="nps", rate=D("0.1")),),
        )
        assert paths(lambda: f.rich_mission(service_credits=credits)) == [
            "service_credits.kpi_rates[0].kpi"
        ]


# -- reviews and their items ------------------------------------------------------------------
class TestReviewItems:
    def test_duplicate_action_id_across_reviews(self) -> None:
        first = f.review(dt.date(2027, 4, 16), corrective_actions=(f.action("ca_01"),))
        second = f.review(dt.date(2027, 5, 16), corrective_actions=(f.action("ca_01"),))
        assert problems(lambda: f.rich_mission(reviews=(first, second))) == [
            (
                "reviews[1].corrective_actions[0].id",
                "duplicate action id 'ca_01' (first at reviews[0].corrective_actions[0])",
            )
        ]

    def test_duplicate_action_id_in_one_review(self) -> None:
        review = f.review(corrective_actions=(f.action("ca_01"), f.action("ca_01")))
        assert paths(lambda: f.rich_mission(reviews=(review,))) == [
            "reviews[0].corrective_actions[1].id"
        ]

    def test_duplicate_need_and_idea_ids(self) -> None:
        need = ProviderNeed(id="n1", description="Prévisions")
        idea = Idea(id="i1", description="Emballages recyclés")
        reviews = (
            f.review(dt.date(2027, 4, 16), needs=(need,), ideas=(idea,)),
            f.review(dt.date(2027, 5, 16), needs=(need,), ideas=(idea,)),
        )
        assert paths(lambda: f.rich_mission(reviews=reviews)) == [
            "reviews[1].needs[0].id",
            "reviews[1].ideas[0].id",
        ]

    def test_same_id_in_different_groups_is_fine(self) -> None:
        review = f.review(
            corrective_actions=(f.action("x1"),),
            needs=(ProviderNeed(id="x1", description="Accès"),),
            ideas=(Idea(id="x1", description="Idée"),),
        )
        assert f.rich_mission(reviews=(review,)).reviews == (review,)

    @pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.CANCELLED])
    def test_closed_action_needs_closed_on(self, status: ActionStatus) -> None:
        assert problems(lambda: f.action(status=status)) == [
            ("closed_on", f"a {status} action needs the date it closed")
        ]

    def test_open_action_has_no_closed_on(self) -> None:
        assert paths(lambda: f.action(closed_on=dt.date(2027, 5, 1))) == ["closed_on"]

    def test_closed_action(self) -> None:
        done = f.action(status=ActionStatus.DONE, closed_on=dt.date(2027, 5, 1))
        assert done.closed_on == dt.date(2027, 5, 1)

    def test_answered_need_needs_a_date(self) -> None:
        assert paths(
            lambda: ProviderNeed(id="n1", description="x", status=NeedStatus.ANSWERED)
        ) == ["answered_on"]


# -- incentives ---------------------------------------------------------------------------------
class TestBonusTiers:
    def test_rate_or_amount_needed(self) -> None:
        assert problems(lambda: BonusTier(min_score=D(90))) == [
            ("rate", "give either a rate of the base or a fixed amount (one of them)")
        ]

    def test_not_both(self) -> None:
        assert paths(lambda: BonusTier(min_score=D(90), rate=D("0.05"), amount=f.eur("10"))) == [
            "rate"
        ]

    def test_rate_needs_a_base(self) -> None:
        tiers = (
            BonusTier(min_score=D(90), amount=f.eur("500")),
            BonusTier(min_score=D(75), rate=D("0.02")),
        )
        assert problems(lambda: BonusScheme(tiers=tiers)) == [
            ("tiers[1].rate", "a rate needs the scheme's base amount")
        ]
        assert BonusScheme(tiers=tiers, base=f.eur("100")).base == f.eur("100")

    def test_amount_tiers_need_no_base(self) -> None:
        assert BonusScheme(tiers=(BonusTier(min_score=D(90), amount=f.eur("500")),)).base is None

    @pytest.mark.parametrize(("field", "value"), [("rate", D("1.5")), ("rate", D("-0.01"))])
    def test_rate_is_a_fraction(self, field: str, value: Decimal) -> None:
        assert paths(lambda: BonusTier(min_score=D(90), **{field: value})) == [field]

    def test_min_score_range_and_duplicates(self) -> None:
        assert paths(lambda: BonusTier(min_score=D(101), amount=f.eur("1"))) == ["min_score"]
        tiers = (
            BonusTier(min_score=D(90), amount=f.eur("1")),
            BonusTier(min_score=D("90.0"), amount=f.eur("2")),
        )
        assert paths(lambda: BonusScheme(tiers=tiers)) == ["tiers[1].min_score"]

    def test_no_tiers(self) -> None:
        assert paths(lambda: BonusScheme(tiers=())) == ["tiers"]

    def test_negative_amounts(self) -> None:
        assert paths(lambda: BonusTier(min_score=D(90), amount=f.eur("-1"))) == ["amount.amount"]
        assert paths(lambda: ServiceCreditScheme(rate=D("0.03"), at_risk=f.eur("-1"))) == [
            "at_risk.amount"
        ]


# -- wrong types -----------------------------------------------------------------------------------
class TestWrongTypes:
    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (
                lambda: Kpi(key=3, name="n", unit="%", direction=Direction.HIGHER),
                [("key", "expected a string, got integer 3")],
            ),
            (
                lambda: Kpi(key="k", name="n", unit="%", direction="higher"),
                [("direction", "expected a Direction ('higher', 'lower'), got text 'higher'")],
            ),
            (
                lambda: f.minimal_mission(contacts=list(f.contacts())),
                [("contacts", "expected a tuple of Contact, got list")],
            ),
            (
                lambda: f.minimal_mission(contacts=(f.client_primary(), "Paul Roux")),
                [("contacts[1]", "expected Contact, got text 'Paul Roux'")],
            ),
            (
                lambda: Milestone(name="M+1", horizon=Horizon.parse("M+1"), targets=[]),
                [("targets", "expected a tuple of Target, got list []")],
            ),
            (
                lambda: PaymentTerms(days=True),
                [("days", "expected an integer, got boolean True")],
            ),
            (
                lambda: PaymentTerms(days="30"),
                [("days", "expected an integer, got text '30'")],
            ),
            (
                lambda: f.minimal_mission(start="2027-03-15"),
                [("start", "expected a date, got text '2027-03-15'")],
            ),
            (
                lambda: f.minimal_mission(client={"name": "x"}),
                [("client", "expected Party, got table {'name': 'x'}")],
            ),
            (
                lambda: f.minimal_mission(contract="CTR-1"),
                [("contract", "expected Contract, got text 'CTR-1'")],
            ),
            (
                lambda: Contract(
                    reference="r", effective=dt.date(2027, 1, 1), end=None, duration_months=1.0
                ),
                [("duration_months", "expected an integer, got float 1.0")],
            ),
        ],
    )
    def test_validation_error_not_type_error(
        self, build: Callable[[], object], expected: list[tuple[str, str]]
    ) -> None:
        found = problems(build)
        # messages on lists/tables may go on with a description of the value
        assert [p for p, _ in found] == [p for p, _ in expected]
        for (_, message), (_, wanted) in zip(found, expected, strict=True):
            assert message.startswith(wanted)

    def test_several_type_problems_listed_in_field_order(self) -> None:
        assert paths(lambda: Kpi(key=3, name=4, unit=None, direction="x")) == [  # type: ignore[arg-type]
            "key",
            "name",
            "unit",
            "direction",
        ]

    @settings(max_examples=settings.default.max_examples * 2)  # scaled from the profile
    @given(
        values=st.fixed_dictionaries(
            {
                name: st.one_of(
                    st.none(),
                    st.booleans(),
                    st.integers(),
                    st.floats(),
                    st.text(max_size=5),
                    st.decimals(),
                    st.dates(),
                    st.datetimes(),
                    st.lists(st.integers(), max_size=2),
                    st.tuples(st.text(max_size=2)),
                    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
                    st.sampled_from(list(Direction)),
                )
                for name in ("key", "name", "unit", "direction", "weight")
            }
        )
    )
    def test_any_values_give_a_kpi_or_a_validation_error(self, values: dict[str, Any]) -> None:
        # only ValidationError may escape, whatever the field values
        with contextlib.suppress(ValidationError):
            Kpi(**values)

    @pytest.mark.parametrize("tz", ["Europe", "America", "a" * 300])
    def test_timezone_that_zoneinfo_cannot_open(self, tz: str) -> None:
        assert paths(lambda: f.minimal_mission(timezone=tz)) == ["timezone"]

    @pytest.mark.parametrize("tz", ["Europe/Paris", "UTC", "America/New_York"])
    def test_valid_timezones(self, tz: str) -> None:
        assert f.minimal_mission(timezone=tz).timezone == tz

    @pytest.mark.parametrize("tz", ["Mars/Olympus", "", "../etc/passwd", "Europe/Paris\x00"])
    def test_invalid_timezones(self, tz: str) -> None:
        assert paths(lambda: f.minimal_mission(timezone=tz)) == ["timezone"]


class TestSeveralProblems:
    def test_all_invariant_problems_listed(self) -> None:
        found = paths(
            lambda: f.minimal_mission(
                end=f.START,
                contacts=(f.client_primary(),),
                kpis=(f.shipping_kpi(), f.shipping_kpi()),
                measurements=(f.measurement(kpi="nope"),),
            )
        )
        assert found == ["end", "contacts", "kpis[1].key", "measurements[0].kpi"]

    def test_str_has_one_line_per_problem(self) -> None:
        with pytest.raises(ValidationError) as info:
            f.minimal_mission(end=f.START, contacts=())
        assert str(info.value) == (
            "3 problems:\n"
            "  end: must be after start (2027-03-15)\n"
            "  contacts: needs exactly one primary contact on the client side, got none\n"
            "  contacts: needs exactly one primary contact on the provider side, got none"
        )

    def test_due_date_beyond_year_9999(self) -> None:
        assert paths(
            lambda: f.minimal_mission(
                start=dt.date(9998, 1, 1),
                end=dt.date(9998, 12, 31),
                milestones=(milestone("M+24", "M+24"),),
            )
        ) == ["milestones[0].horizon"]


# -- "changing" a mission ---------------------------------------------------------------------
class TestWithMethods:
    def test_with_review_returns_a_new_sorted_mission(self) -> None:
        mission = f.rich_mission()
        earlier = f.review(dt.date(2027, 4, 1))
        later = mission.with_review(earlier)
        assert later is not mission
        assert later.reviews == (earlier, mission.reviews[0])  # kept in date order
        assert len(mission.reviews) == 1  # the original is unchanged
        assert later != mission

    def test_with_review_revalidates(self) -> None:
        mission = f.rich_mission()
        clash = f.review(dt.date(2027, 6, 1), corrective_actions=(f.action("ca_01"),))
        assert paths(lambda: mission.with_review(clash)) == ["reviews[1].corrective_actions[0].id"]

    def test_with_measurements(self) -> None:
        mission = f.rich_mission()
        one, two = f.measurement(value="97"), f.measurement(value="98")
        later = mission.with_measurements(one, two)
        assert later.measurements == (*mission.measurements, one, two)
        assert len(mission.measurements) == 2

    def test_with_measurements_of_unknown_kpi(self) -> None:
        mission = f.rich_mission()
        assert problems(lambda: mission.with_measurements(f.measurement(kpi="nps"))) == [
            ("measurements[2].kpi", "unknown kpi 'nps' (known: damage_rate, on_time_shipping)")
        ]

    def test_with_spend(self) -> None:
        mission = f.rich_mission()
        entry = SpendEntry(on=dt.date(2027, 4, 30), activity="fulfilment", amount=f.eur("3500"))
        assert mission.with_spend(entry).spend == (*mission.spend, entry)
        assert len(mission.spend) == 1
        bad = SpendEntry(on=dt.date(2027, 4, 30), activity="website", amount=f.eur("1"))
        assert paths(lambda: mission.with_spend(bad)) == ["spend[1].activity"]
        usd = SpendEntry(on=dt.date(2027, 4, 30), activity="fulfilment", amount=Money(D(1), "USD"))
        assert paths(lambda: mission.with_spend(usd)) == ["spend[1].amount.currency"]

    def test_with_reports(self) -> None:
        mission = f.minimal_mission()
        report = Report(period_end=dt.date(2027, 3, 31), received_on=dt.date(2027, 4, 2))
        assert mission.with_reports(report).reports == (report,)
        assert mission.reports == ()

    def test_with_recognition(self) -> None:
        mission = f.rich_mission()
        thanks = Recognition(on=dt.date(2027, 6, 1), kind=RecognitionKind.AWARD, description="Top")
        assert mission.with_recognition(thanks).recognitions == (*mission.recognitions, thanks)
        assert len(mission.recognitions) == 1
        bad = attrs.evolve(thanks, kpi="nps")
        assert paths(lambda: mission.with_recognition(bad)) == ["recognitions[1].kpi"]

    def test_with_handover(self) -> None:
        mission = f.rich_mission()
        handover = Handover(
            on=dt.date(2027, 9, 1),
            side=Side.PROVIDER,
            previous="Paul Roux",
            successor="Inès Haddad",
        )
        successor = f.provider_primary(name="Inès Haddad")
        later = mission.with_handover(handover, successor)
        assert later.primary_contact(Side.PROVIDER) == successor
        assert later.primary_contact(Side.CLIENT) == mission.primary_contact(Side.CLIENT)
        paul = [c for c in later.contacts if c.name == "Paul Roux"]
        assert [c.role for c in paul] == [ContactRole.OTHER]  # kept, no longer primary
        assert later.handovers == (handover,)
        assert mission.primary_contact(Side.PROVIDER).name == "Paul Roux"
        assert mission.handovers == ()

    @pytest.mark.parametrize(
        "successor",
        [
            Contact(name="Inès", side=Side.CLIENT, role=ContactRole.PRIMARY),
            Contact(name="Inès", side=Side.PROVIDER, role=ContactRole.ESCALATION),
        ],
    )
    def test_with_handover_to_a_wrong_successor(self, successor: Contact) -> None:
        handover = Handover(on=dt.date(2027, 9, 1), side=Side.PROVIDER, previous="P", successor="I")
        assert problems(lambda: f.minimal_mission().with_handover(handover, successor)) == [
            ("successor", "must be a primary contact on the provider side")
        ]

    def test_handover_to_the_same_person(self) -> None:
        assert paths(
            lambda: Handover(on=dt.date(2027, 9, 1), side=Side.CLIENT, previous="A", successor="A")
        ) == ["successor"]


# -- values ------------------------------------------------------------------------------------
class TestValues:
    @pytest.mark.parametrize(
        ("value", "field"),
        [
            (f.rich_mission(), "key"),
            (f.shipping_kpi(), "weight"),
            (Horizon.parse("M+1"), "count"),
            (f.action(), "status"),
            (f.contract(), "fees"),
        ],
    )
    def test_frozen(self, value: object, field: str) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field, None)

    def test_collections_are_tuples(self) -> None:
        mission = f.rich_mission()
        for field in attrs.fields(Mission):
            if field.name in ("contacts", "kpis", "milestones", "reviews", "measurements"):
                assert isinstance(getattr(mission, field.name), tuple)

    def test_hashable_and_equal_by_value(self) -> None:
        assert f.rich_mission() == f.rich_mission()
        assert hash(f.rich_mission()) == hash(f.rich_mission())
        assert len({f.rich_mission(), f.rich_mission(), f.minimal_mission()}) == 2

    @pytest.mark.parametrize(
        "value",
        [
            f.rich_mission(),
            f.minimal_mission(),
            Horizon.parse("EOY@06"),
            f.measurement(at=dt.datetime(2027, 4, 1, 9, 0, tzinfo=f.PARIS)),
            f.contract(),
        ],
    )
    def test_pickle_round_trip(self, value: object) -> None:
        assert pickle.loads(pickle.dumps(value)) == value

    def test_validation_error_pickles_with_its_errors(self) -> None:
        with pytest.raises(ValidationError) as info:
            f.minimal_mission(end=f.START, contacts=())
        copy = pickle.loads(pickle.dumps(info.value.with_source("mission.toml")))
        assert isinstance(copy, ValidationError)
        assert copy.errors == info.value.errors
        assert copy.source == "mission.toml"
        assert str(copy).startswith("3 problems in mission.toml:\n  end: ")

    def test_validation_error_family(self) -> None:
        assert issubclass(ValidationError, VendorgovError)
        assert issubclass(ValidationError, ValueError)
        assert not issubclass(ValidationError, TypeError)

    def test_error_detail(self) -> None:
        detail = ErrorDetail("[2]", "bad")
        assert detail.prefixed("kpis") == ErrorDetail("kpis[2]", "bad")
        assert ErrorDetail("weight", "bad").prefixed("kpis[0]").path == "kpis[0].weight"
        assert str(ErrorDetail("", "empty")) == "empty"
        assert hash(ErrorDetail("a", "b")) == hash(ErrorDetail("a", "b"))
        assert ErrorDetail("a", "b") != ErrorDetail("a", "c")


# -- issue 10: measurements outside the mission ----------------------------------------------
class TestMeasurementsOutsideTheMission:
    """START = 2027-03-15, END = 2028-03-14; dates are read in Europe/Paris."""

    def paths(self, *ats: dt.date | dt.datetime, keep: bool = False) -> list[str]:
        try:
            f.minimal_mission(
                kpis=(f.shipping_kpi(),),
                measurements=tuple(f.measurement(at=at) for at in ats),
                keep_outside_measurements=keep,
            )
        except ValidationError as error:
            return [f"{e.path}: {e.message}" for e in error.errors]
        return []

    def test_before_the_start_and_after_the_end_are_refused_with_their_path(self) -> None:
        assert self.paths(
            dt.date(2027, 3, 14), dt.date(2027, 3, 15), dt.date(2028, 3, 14), dt.date(2028, 3, 15)
        ) == [
            "measurements[0].at: 2027-03-14 is before the mission starts (2027-03-15)",
            "measurements[3].at: 2028-03-15 is after the mission ends (2028-03-14)",
        ]

    def test_a_datetime_is_read_in_the_mission_timezone(self) -> None:
        # 2027-03-14T23:30Z is 2027-03-15 00:30 in Paris (UTC+1): inside.
        assert self.paths(dt.datetime(2027, 3, 14, 23, 30, tzinfo=dt.UTC)) == []
        # 2027-03-14T22:30Z is 2027-03-14 23:30 in Paris: the day before the start.
        assert self.paths(dt.datetime(2027, 3, 14, 22, 30, tzinfo=dt.UTC)) == [
            "measurements[0].at: 2027-03-14 is before the mission starts (2027-03-15)"
        ]

    def test_the_flag_keeps_them(self) -> None:
        assert self.paths(dt.date(2020, 1, 1), dt.date(2030, 1, 1), keep=True) == []
