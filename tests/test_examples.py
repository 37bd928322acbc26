"""vendorgov.examples: the demo portfolio shipped with the package."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

import vendorgov
from vendorgov import (
    ActionStatus,
    ContactRole,
    HorizonKind,
    IntegrationKind,
    Mission,
    Money,
    Side,
    ToolCategory,
    catalog,
    examples,
)

TODAY = dt.date(2026, 11, 29)
LAST_DATA_DAY = dt.date(2026, 11, 27)
KEYS = ["logistique", "community", "site_web"]
MISSIONS = examples.demo_missions()


def by_key(key: str) -> Mission:
    return examples.demo_mission(key)


class TestDemoPortfolio:
    def test_three_missions_in_order(self) -> None:
        assert [mission.key for mission in MISSIONS] == KEYS
        assert list(examples.DEMO_KEYS) == KEYS
        assert all(isinstance(mission, Mission) for mission in MISSIONS)

    def test_loaded_once(self) -> None:
        assert examples.demo_missions() is examples.demo_missions()

    def test_one_client_three_providers(self) -> None:
        assert {mission.client for mission in MISSIONS} == {MISSIONS[0].client}
        assert MISSIONS[0].client.name == "Maison Lumière SAS"
        providers = [mission.provider.name for mission in MISSIONS]
        assert len(set(providers)) == 3

    def test_demo_mission_by_key(self) -> None:
        assert by_key("community") is MISSIONS[1]
        with pytest.raises(KeyError, match="logistique, community, site_web"):
            examples.demo_mission("compta")

    def test_demo_text_is_the_shipped_file(self) -> None:
        text = examples.demo_text("site_web")
        assert text.startswith("# Mission de démonstration de vendorgov")
        assert vendorgov.loads(text) == MISSIONS[2]
        with pytest.raises(KeyError):
            examples.demo_text("../pyproject")

    @pytest.mark.parametrize(
        ("key", "start"),
        [
            ("logistique", dt.date(2026, 3, 2)),
            ("community", dt.date(2026, 4, 1)),
            ("site_web", dt.date(2026, 5, 4)),
        ],
    )
    def test_missions_start_in_2026(self, key: str, start: dt.date) -> None:
        assert by_key(key).start == start


@pytest.mark.parametrize("mission", MISSIONS, ids=KEYS)
class TestDemoMissionParts:
    def test_identified_parties_with_addresses(self, mission: Mission) -> None:
        for party in (mission.client, mission.provider):
            assert len(party.registration_id.replace(" ", "")) == 9
            assert party.vat_number.startswith("FR")
            assert party.vat_number.endswith(party.registration_id.replace(" ", ""))
            assert party.registry.startswith("RCS ")
            assert party.address is not None

    def test_one_primary_contact_per_side_and_an_escalation_contact(self, mission: Mission) -> None:
        for side in Side:
            roles = [contact.role for contact in mission.contacts if contact.side is side]
            assert roles.count(ContactRole.PRIMARY) == 1
            assert ContactRole.ESCALATION in roles

    def test_activities_have_budgets(self, mission: Mission) -> None:
        assert mission.activities
        assert all(activity.budget is not None for activity in mission.activities)

    def test_specification(self, mission: Mission) -> None:
        spec = mission.specification
        assert spec is not None
        assert spec.context
        assert spec.objectives
        assert spec.scope_in
        assert spec.scope_out
        assert spec.constraints
        assert spec.schedule
        assert spec.evaluation_criteria
        assert spec.deliverables
        assert all(deliverable.acceptance_criteria for deliverable in spec.deliverables)

    def test_contract(self, mission: Mission) -> None:
        contract = mission.contract
        assert contract is not None
        assert contract.fees
        assert contract.payment is not None
        assert 30 <= contract.payment.days <= 45
        assert contract.payment.late_penalty_rate is not None
        assert contract.payment.recovery_indemnity == Money(Decimal(40), "EUR")
        assert contract.reporting is not None
        assert contract.reporting.cadence.frequency in {
            vendorgov.Frequency.WEEKLY,
            vendorgov.Frequency.MONTHLY,
        }
        assert contract.reporting.grace_days > 0
        assert contract.confidentiality is not None
        assert contract.liability is not None
        assert contract.termination is not None
        assert contract.renewal is not None
        assert contract.governing_law.country == "FR"
        assert contract.custom_clauses
        assert contract.effective == mission.start

    def test_kickoff(self, mission: Mission) -> None:
        kickoff = mission.kickoff
        assert kickoff is not None
        assert kickoff.scheduled is not None
        assert kickoff.scheduled.utcoffset() is not None
        assert kickoff.held_on == kickoff.scheduled.date()
        assert kickoff.agenda
        assert kickoff.resources
        assert kickoff.trainings

    def test_tools_cover_the_article_categories(self, mission: Mission) -> None:
        categories = {tool.category for tool in mission.tools}
        assert categories >= {
            ToolCategory.MESSAGING,
            ToolCategory.PROJECT_MANAGEMENT,
            ToolCategory.STORAGE,
            ToolCategory.CALENDAR,
            ToolCategory.BRAINSTORMING,
        }
        assert all(
            tool.access_granted_on is not None
            for tool in mission.tools
            if tool.category is not ToolCategory.OTHER
        )

    def test_integration_steps_some_done_some_planned(self, mission: Mission) -> None:
        kinds = {step.kind for step in mission.integration}
        assert kinds >= {
            IntegrationKind.EMAIL_ADDRESS,
            IntegrationKind.SEMINAR_INVITATION,
            IntegrationKind.SITE_VISIT,
        }
        done = [step for step in mission.integration if step.done_on is not None]
        planned = [step for step in mission.integration if step.done_on is None]
        assert done
        assert planned
        assert all(step.planned_on > TODAY for step in planned)
        domain = mission.client.email_domain
        email_steps = [s for s in mission.integration if s.kind is IntegrationKind.EMAIL_ADDRESS]
        assert all(domain in step.description for step in email_steps)

    def test_catalog_kpis(self, mission: Mission) -> None:
        assert 4 <= len(mission.kpis) <= 6
        for kpi in mission.kpis:
            if kpi.qualitative:  # scored by evaluators: the catalog has measured KPIs only
                continue
            expected = catalog.kpi(kpi.key, lang="fr", weight=kpi.weight)
            assert kpi == expected

    def test_milestones_m1_m6_eoy_with_a_target_for_every_kpi(self, mission: Mission) -> None:
        assert [str(milestone.horizon) for milestone in mission.milestones] == [
            "M+1",
            "M+6",
            "EOY",
        ]
        m1, m6, eoy = mission.milestone_dues()
        assert m1 < TODAY
        assert m6 < TODAY < eoy
        kpi_keys = [kpi.key for kpi in mission.kpis]
        for milestone in mission.milestones:
            # the community's editorial quality is scored from M+6 on, its first round in June
            expected = [
                key
                for key in kpi_keys
                if key != "editorial_quality"
                or milestone.horizon.kind is not HorizonKind.MONTHS
                or milestone.horizon.count != 1
            ]
            assert sorted(target.kpi for target in milestone.targets) == sorted(expected)

    def test_targets_tighten_or_hold_from_tier_to_tier(self, mission: Mission) -> None:
        for kpi in mission.kpis:
            targets = [m.target_for(kpi.key) for m in mission.milestones]
            values = [t.target for t in targets if t is not None]
            for earlier, later in itertools.pairwise(values):
                assert not kpi.is_better(earlier, later), kpi.key

    def test_measurements_up_to_the_last_data_day(self, mission: Mission) -> None:
        assert mission.measurements
        assert max(m.on for m in mission.measurements) <= LAST_DATA_DAY
        assert min(m.on for m in mission.measurements) >= mission.start
        measured = {m.kpi for m in mission.measurements}
        measured |= {e.kpi for e in mission.evaluations if e.on <= LAST_DATA_DAY}
        assert measured == {kpi.key for kpi in mission.kpis}

    def test_reports_received(self, mission: Mission) -> None:
        assert mission.reports
        assert all(r.period_end <= r.received_on <= LAST_DATA_DAY for r in mission.reports)
        delays = {(r.received_on - r.period_end).days for r in mission.reports}
        assert len(delays) > 1, "some reports arrive later than others"

    def test_spend_within_budget_so_far(self, mission: Mission) -> None:
        assert mission.spend
        assert all(entry.on <= LAST_DATA_DAY for entry in mission.spend)
        budgets = {a.key: a.budget for a in mission.activities}
        for key, budget in budgets.items():
            assert budget is not None
            spent = sum(
                (entry.amount for entry in mission.spend if entry.activity == key),
                Money.zero("EUR"),
            )
            assert spent <= budget, key

    def test_two_reviews_with_obstacles_decisions_and_actions(self, mission: Mission) -> None:
        assert len(mission.reviews) == 2
        for review in mission.reviews:
            assert mission.start < review.on <= LAST_DATA_DAY
            assert review.obstacles
            assert review.decisions
            assert review.attendees
            assert review.corrective_actions
            assert review.needs
            assert review.ideas
        actions = [a for review in mission.reviews for a in review.corrective_actions]
        done = [a for a in actions if a.status is ActionStatus.DONE]
        assert done
        assert all(a.closed_on is not None for a in done)
        assert any(a.status is ActionStatus.OPEN for a in actions)

    def test_incentives_and_recognitions(self, mission: Mission) -> None:
        assert mission.bonus is not None
        assert mission.bonus.tiers
        assert mission.benefits
        assert mission.recognitions
        assert all(r.on <= LAST_DATA_DAY for r in mission.recognitions)


class TestDemoMissionSpecifics:
    def test_a_service_credit_scheme_on_logistics_and_website(self) -> None:
        assert by_key("logistique").service_credits is not None
        assert by_key("site_web").service_credits is not None

    @pytest.mark.parametrize("key", ["community", "site_web"])
    def test_ip_assignment_names_rights_purpose_territory_duration(self, key: str) -> None:
        contract = by_key(key).contract
        assert contract is not None
        ip = contract.ip
        assert ip is not None
        assert ip.rights
        assert ip.purpose
        assert ip.territory
        assert ip.duration

    def test_logistics_reports_weekly_others_monthly(self) -> None:
        frequencies = []
        for mission in MISSIONS:
            assert mission.contract is not None
            assert mission.contract.reporting is not None
            frequencies.append(mission.contract.reporting.cadence.frequency.value)
        assert frequencies == ["weekly", "monthly", "monthly"]

    def test_community_primary_contact_was_handed_over(self) -> None:
        mission = by_key("community")
        (handover,) = mission.handovers
        assert mission.primary_contact(Side.PROVIDER).name == handover.successor


@pytest.mark.parametrize("fmt", ["toml", "json"])
@pytest.mark.parametrize("mission", MISSIONS, ids=KEYS)
class TestDemoRoundTrip:
    def test_dumps_then_loads_gives_the_same_mission(self, mission: Mission, fmt: str) -> None:
        text = vendorgov.dumps(mission, fmt)  # type: ignore[arg-type]
        assert vendorgov.loads(text, fmt) == mission  # type: ignore[arg-type]
