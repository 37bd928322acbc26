"""Amendments (avenants): validation, the mission in force at a date, terms per window, documents.

Every expected figure is worked out by hand in a comment beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import vendorgov
from vendorgov import (
    Activity,
    ActivityKind,
    Amendment,
    BillingPeriod,
    Change,
    ChangeAction,
    ClauseName,
    Contact,
    ContactRole,
    Contract,
    CustomClause,
    Direction,
    Fee,
    FeeKind,
    Horizon,
    Kpi,
    Measurement,
    Milestone,
    Mission,
    Money,
    Party,
    ServiceCreditScheme,
    Side,
    Signatory,
    Status,
    Target,
    Termination,
    ValidationError,
    examples,
    in_force,
    render,
)

GOLDEN = Path(__file__).parent / "golden" / "amendment"
UPDATE_GOLDEN = os.environ.get("VENDORGOV_UPDATE_GOLDEN") == "1"


def eur(text: str) -> Money:
    return Money(Decimal(text), "EUR")


def signatories() -> tuple[Signatory, ...]:
    return (
        Signatory(name="Claire Martin", side=Side.CLIENT, title="Présidente"),
        Signatory(name="Paul Roux", side=Side.PROVIDER, title="Gérant"),
    )


def amendment(number: int, effective: dt.date, *changes: Change, **more: Any) -> Amendment:
    values: dict[str, Any] = {
        "number": number,
        "title": f"Avenant {number}",
        "signed_on": effective - dt.timedelta(days=5),
        "effective": effective,
        "signatories": signatories(),
        "changes": changes,
    }
    return Amendment(**(values | more))


def target_change(milestone: str, kpi: str, target: str, threshold: str) -> Change:
    return Change(
        action=ChangeAction.REPLACE,
        milestone=milestone,
        kpi=kpi,
        new_target=Decimal(target),
        new_threshold=Decimal(threshold),
    )


MONTHLY = Fee(
    label="Forfait mensuel",
    kind=FeeKind.FIXED,
    period=BillingPeriod.MONTHLY,
    amount=eur("1000"),
    activity="fulfilment",
)


def base(*amendments: Amendment, **changes: Any) -> Mission:
    """A mission over 2027 with three milestones: M+3 (1 April), M+6 (1 July), M+9 (1 Oct).

    Windows: M+3 1 Jan..1 Apr, M+6 2 Apr..1 Jul, M+9 2 Jul..1 Oct. One KPI, shipping on
    time (higher is better), measured 94 (15 May) and 98 (20 June) in the M+6 window
    (mean 96), 95 (10 Aug) and 96 (10 Sep) in the M+9 window (mean 95.5).
    """
    values: dict[str, Any] = {
        "key": "logistique",
        "name": "Logistique",
        "client": Party(name="Boutique"),
        "provider": Party(name="LogiNord"),
        "start": dt.date(2027, 1, 1),
        "end": dt.date(2027, 12, 31),
        "contacts": (
            Contact(name="Claire Martin", side=Side.CLIENT, role=ContactRole.PRIMARY),
            Contact(
                name="Paul Roux",
                side=Side.PROVIDER,
                role=ContactRole.PRIMARY,
                email="paul@loginord.example",
            ),
        ),
        "activities": (
            Activity(
                key="fulfilment",
                kind=ActivityKind.LOGISTICS,
                name="Préparation",
                budget=eur("12000"),
            ),
        ),
        "contract": Contract(
            reference="CTR-1",
            effective=dt.date(2027, 1, 1),
            duration_months=12,
            fees=(MONTHLY,),
            termination=Termination(notice_days=90),
            custom_clauses=(CustomClause(title="Réversibilité", text="Restitution du stock."),),
        ),
        "kpis": (
            Kpi(key="shipping", name="Expédition à l'heure", unit="%", direction=Direction.HIGHER),
        ),
        "milestones": (
            Milestone(
                name="M+3",
                horizon=Horizon.parse("M+3"),
                targets=(Target(kpi="shipping", target=Decimal(95), threshold=Decimal(90)),),
            ),
            Milestone(
                name="M+6",
                horizon=Horizon.parse("M+6"),
                targets=(Target(kpi="shipping", target=Decimal(96), threshold=Decimal(92)),),
            ),
            Milestone(
                name="M+9",
                horizon=Horizon.parse("M+9"),
                targets=(Target(kpi="shipping", target=Decimal(97), threshold=Decimal(93)),),
            ),
        ),
        "measurements": tuple(
            Measurement(kpi="shipping", value=Decimal(value), at=day)
            for value, day in (
                ("94", dt.date(2027, 5, 15)),
                ("98", dt.date(2027, 6, 20)),
                ("95", dt.date(2027, 8, 10)),
                ("96", dt.date(2027, 9, 10)),
            )
        ),
        "amendments": amendments,
    }
    return Mission(**(values | changes))


RAISED = amendment(
    1,
    dt.date(2027, 5, 1),  # inside the M+6 window (2 April .. 1 July)
    target_change("M+6", "shipping", "98", "94"),
    target_change("M+9", "shipping", "99", "95"),
)


def paths(build: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        build()
    return [detail.path for detail in caught.value.errors]


# -- the mission in force ------------------------------------------------------------------
class TestInForce:
    def test_without_amendments_nothing_is_copied(self) -> None:
        mission = base()
        assert in_force(mission, dt.date(2027, 12, 31)) is mission

    def test_before_the_effective_date_the_base_is_returned(self) -> None:
        mission = base(RAISED)
        assert in_force(mission, dt.date(2027, 4, 30)) is mission

    def test_from_the_effective_date_the_terms_change(self) -> None:
        mission = base(RAISED)
        amended = in_force(mission, dt.date(2027, 5, 1))
        shipping = amended.milestones[1].target_for("shipping")
        assert shipping is not None
        assert (shipping.target, shipping.threshold) == (Decimal(98), Decimal(94))
        assert amended.amendments == ()  # folded in
        assert amended.measurements == mission.measurements  # the past stays as it was
        assert in_force(amended, dt.date(2027, 12, 1)) is amended

    def test_later_amendments_stay_on_the_result(self) -> None:
        second = amendment(2, dt.date(2027, 7, 2), target_change("M+9", "shipping", "98", "94"))
        mission = base(RAISED, second)
        between = in_force(mission, dt.date(2027, 6, 1))
        assert between.amendments == (second,)
        target = in_force(between, dt.date(2027, 7, 2)).milestones[2].target_for("shipping")
        assert target is not None
        assert target.target == Decimal(98)

    def test_at_must_be_a_date(self) -> None:
        assert paths(lambda: in_force(base(), dt.datetime(2027, 1, 1, tzinfo=dt.UTC))) == ["on"]

    def test_a_contact_changed(self) -> None:
        new = Contact(
            name="Paul Roux",
            side=Side.PROVIDER,
            role=ContactRole.PRIMARY,
            email="p.roux@loginord.example",
            phone="+33 6 00 00 00 01",
        )
        change = Change(action=ChangeAction.REPLACE, contact="Paul Roux", new_contact=new)
        mission = base(amendment(1, dt.date(2027, 6, 1), change))
        before = in_force(mission, dt.date(2027, 5, 31)).primary_contact(Side.PROVIDER)
        after = in_force(mission, dt.date(2027, 6, 1)).primary_contact(Side.PROVIDER)
        assert (before.email, after.email) == ("paul@loginord.example", "p.roux@loginord.example")

    def test_clauses_and_custom_clauses(self) -> None:
        changes = (
            Change(
                action=ChangeAction.REPLACE,
                clause=ClauseName.TERMINATION,
                new_termination=Termination(notice_days=60),
            ),
            Change(action=ChangeAction.REPLACE, clause=ClauseName.PLANNING, new_text="Juillet."),
            Change(action=ChangeAction.REMOVE, custom_clause="Réversibilité"),
        )
        amended = in_force(base(amendment(1, dt.date(2027, 6, 1), *changes)), dt.date(2027, 6, 1))
        assert amended.contract is not None
        assert amended.contract.termination == Termination(notice_days=60)
        assert amended.contract.planning == "Juillet."
        assert amended.contract.custom_clauses == ()


# -- scorecards: the terms in force on each window's first day -------------------------------
class TestWindows:
    def test_an_amendment_mid_window_leaves_that_window_alone(self) -> None:
        # M+6 window 2 April .. 1 July starts before the amendment (1 May): the old target
        # 96 (threshold 92) applies. Mean (94 + 98) / 2 = 96 → 100 × (96 − 92) / (96 − 92)
        # = 100 points, met (with the new 98/94 it would be 100 × 2 / 4 = 50, at risk).
        card = vendorgov.score(base(RAISED), dt.date(2027, 7, 1))
        (line,) = card.results
        assert (line.target, line.threshold) == (Decimal(96), Decimal(92))
        assert (line.points, line.status) == (Decimal(100), Status.MET)

    def test_the_next_window_uses_the_new_target(self) -> None:
        # M+9 window 2 July .. 1 October starts after 1 May: target 99, threshold 95.
        # Mean (95 + 96) / 2 = 95.5 → 100 × (95.5 − 95) / (99 − 95) = 12.5 points, at risk
        # (the old 97/93 would give 100 × 2.5 / 4 = 62.5).
        card = vendorgov.score(base(RAISED), dt.date(2027, 10, 1))
        (line,) = card.results
        assert (line.target, line.threshold) == (Decimal(99), Decimal(95))
        assert (line.points, line.status) == (Decimal("12.5"), Status.AT_RISK)
        assert vendorgov.score(base(), dt.date(2027, 10, 1)).results[0].points == Decimal("62.5")

    def test_an_amendment_on_a_window_s_first_day_applies_to_it(self) -> None:
        # Effective 2 July, the M+9 window's first day: 98/94 → 100 × (95.5 − 94) / 4 = 37.5.
        early = amendment(1, dt.date(2027, 7, 2), target_change("M+9", "shipping", "98", "94"))
        card = vendorgov.score(base(early), dt.date(2027, 9, 30))
        assert card.results[0].points == Decimal("37.5")

    def test_the_history_scores_each_milestone_by_its_own_terms(self) -> None:
        history = vendorgov.score_history(base(RAISED))
        assert [card.results[0].target for card in history] == [
            Decimal(95),  # M+3: before the amendment
            Decimal(96),  # M+6: window began 2 April, before 1 May
            Decimal(99),  # M+9: window began 2 July
        ]

    def test_a_kpi_added_by_amendment(self) -> None:
        # "returns" (hours, lower is better) is added on 2 July with an M+9 target of 48
        # (threshold 72); one measurement of 60 on 1 September: 100 × (60 − 72) / (48 − 72)
        # = 50 points, at risk.
        returns = Kpi(key="returns", name="Retours", unit="h", direction=Direction.LOWER)
        added = amendment(
            1,
            dt.date(2027, 7, 2),
            Change(action=ChangeAction.ADD, kpi="returns", new_kpi=returns),
            Change(
                action=ChangeAction.ADD,
                milestone="M+9",
                kpi="returns",
                new_target=Decimal(48),
                new_threshold=Decimal(72),
            ),
        )
        measured = Measurement(kpi="returns", value=Decimal(60), at=dt.date(2027, 9, 1))
        mission = base(added)
        mission = attrs.evolve(mission, measurements=(*mission.measurements, measured))
        card = vendorgov.score(mission, dt.date(2027, 10, 1))
        points = {line.kpi: line.points for line in card.results}
        # shipping, 97/93: 100 × (95.5 − 93) / 4 = 62.5; overall (62.5 + 50) / 2 = 56.25.
        assert points == {"shipping": Decimal("62.5"), "returns": Decimal(50)}
        assert card.overall == Decimal("56.25")
        # Before 2 July the KPI does not exist: the M+6 scorecard knows only shipping.
        assert [line.kpi for line in vendorgov.score(mission, dt.date(2027, 7, 1)).results] == [
            "shipping"
        ]


# -- money: fees and budgets in force ------------------------------------------------------
class TestMoney:
    def test_a_fee_change_counts_from_the_next_period(self) -> None:
        # The monthly fee goes from 1000 to 1200 EUR on 2 July. Service credits: 10 % of the
        # period's fee per missed KPI. M+9 (period 1 July → 1 October = 3 months), shipping
        # 95.5 against 99/97 is missed (95.5 ≤ 97): credit = 10 % × 3 × 1200 = 360.00 EUR
        # (with the old fee: 10 % × 3 × 1000 = 300.00).
        fee = Change(
            action=ChangeAction.REPLACE,
            fee="Forfait mensuel",
            new_fee=attrs.evolve(MONTHLY, amount=eur("1200")),
        )
        harder = target_change("M+9", "shipping", "99", "97")
        # (no data at M+3: not credited, to keep to the point)
        credits = ServiceCreditScheme(
            rate=Decimal("0.1"), at_risk=eur("5000"), no_data=vendorgov.NoDataPolicy.IGNORE
        )
        amended = base(amendment(1, dt.date(2027, 7, 2), fee, harder), service_credits=credits)
        only_target = base(amendment(1, dt.date(2027, 7, 2), harder), service_credits=credits)
        lines = vendorgov.payouts(amended, dt.date(2027, 10, 1))
        assert [(line.milestone, str(line.amount)) for line in lines] == [("M+9", "-360.00 EUR")]
        assert [
            str(line.amount) for line in vendorgov.payouts(only_target, dt.date(2027, 10, 1))
        ] == ["-300.00 EUR"]

    def test_a_budget_raised_by_amendment(self) -> None:
        # Budget 12000 → 15000 EUR on 2 July. 2027 has 365 days. On 30 June (181 days):
        # 12000 × 181 / 365 = 5950.684... → 5950.68. On 2 July (183 days): 15000 × 183 / 365
        # = 7520.547... → 7520.55.
        activity = Activity(
            key="fulfilment", kind=ActivityKind.LOGISTICS, name="Préparation", budget=eur("15000")
        )
        change = Change(action=ChangeAction.REPLACE, activity="fulfilment", new_activity=activity)
        mission = base(amendment(1, dt.date(2027, 7, 2), change))
        before = vendorgov.budget(mission, dt.date(2027, 6, 30)).line("fulfilment")
        after = vendorgov.budget(mission, dt.date(2027, 7, 2)).line("fulfilment")
        assert (str(before.planned), str(before.planned_to_date)) == ("12000.00 EUR", "5950.68 EUR")
        assert (str(after.planned), str(after.planned_to_date)) == ("15000.00 EUR", "7520.55 EUR")

    def test_findings_see_the_terms_in_force(self) -> None:
        # 7000 EUR spent by 30 June; the budget goes from 12000 to 15000 EUR on 2 July.
        # 1 July (182 days): planned to date 12000 × 182 / 365 = 5983.56; 7000 is above
        # 5983.56 × 1.05 = 6282.74: BUDGET_OVERRUN. 2 July (183 days): 15000 × 183 / 365
        # = 7520.55, and 7000 is below it: no overrun.
        activity = Activity(
            key="fulfilment", kind=ActivityKind.LOGISTICS, name="Préparation", budget=eur("15000")
        )
        change = Change(action=ChangeAction.REPLACE, activity="fulfilment", new_activity=activity)
        spent = vendorgov.SpendEntry(
            on=dt.date(2027, 6, 30), activity="fulfilment", amount=eur("7000")
        )
        mission = base(amendment(1, dt.date(2027, 7, 2), change), spend=(spent,))
        codes = lambda day: [f.code for f in vendorgov.assess(mission, day)]  # noqa: E731
        assert "BUDGET_OVERRUN" in codes(dt.date(2027, 7, 1))
        assert "BUDGET_OVERRUN" not in codes(dt.date(2027, 7, 2))


# -- validation, with paths ------------------------------------------------------------------
class TestValidation:
    def test_an_unknown_kpi_names_its_path(self) -> None:
        second = amendment(2, dt.date(2027, 8, 1), target_change("M+9", "nope", "98", "94"))
        assert paths(lambda: base(RAISED, second)) == ["amendments[1].changes[0].kpi"]

    def test_an_unknown_kpi_to_replace(self) -> None:
        kpi = Kpi(key="nope", name="?", unit="", direction=Direction.HIGHER)
        change = Change(action=ChangeAction.REPLACE, kpi="nope", new_kpi=kpi)
        assert paths(lambda: base(amendment(1, dt.date(2027, 8, 1), change))) == [
            "amendments[0].changes[0].kpi"
        ]

    def test_numbers_strictly_increase(self) -> None:
        other = amendment(1, dt.date(2027, 8, 1), target_change("M+9", "shipping", "98", "94"))
        assert paths(lambda: base(RAISED, other)) == ["amendments[1].number"]

    def test_effective_dates_do_not_go_back(self) -> None:
        other = amendment(2, dt.date(2027, 4, 1), target_change("M+9", "shipping", "98", "94"))
        assert paths(lambda: base(RAISED, other)) == ["amendments[1].effective"]

    def test_not_before_the_contract(self) -> None:
        early = amendment(1, dt.date(2026, 12, 1), target_change("M+9", "shipping", "98", "94"))
        assert paths(lambda: base(early)) == ["amendments[0].effective"]

    def test_not_before_its_signature(self) -> None:
        assert paths(
            lambda: amendment(
                1, dt.date(2027, 5, 1), RAISED.changes[0], signed_on=dt.date(2027, 6, 1)
            )
        ) == ["effective"]

    def test_both_sides_sign(self) -> None:
        alone = (Signatory(name="Claire Martin", side=Side.CLIENT),)
        assert paths(
            lambda: amendment(1, dt.date(2027, 5, 1), RAISED.changes[0], signatories=alone)
        ) == ["signatories"]

    def test_the_past_is_not_changed(self) -> None:
        # M+3 fell due on 1 April: an amendment of 1 May cannot change its target.
        past = amendment(1, dt.date(2027, 5, 1), target_change("M+3", "shipping", "99", "94"))
        assert paths(lambda: base(past)) == ["amendments[0].changes[0].milestone"]

    def test_milestones_do_not_move(self) -> None:
        moved = Milestone(name="M+9", horizon=Horizon.parse("M+10"))
        change = Change(action=ChangeAction.REPLACE, milestone="M+9", new_milestone=moved)
        added = Change(
            action=ChangeAction.ADD,
            milestone="M+11",
            new_milestone=Milestone(name="M+11", horizon=Horizon.parse("M+11")),
        )
        assert paths(lambda: base(amendment(1, dt.date(2027, 5, 1), change))) == [
            "amendments[0].changes[0].new_milestone.horizon"
        ]
        assert paths(lambda: base(amendment(1, dt.date(2027, 5, 1), added))) == [
            "amendments[0].changes[0].action"
        ]

    def test_a_change_names_one_item_and_its_value(self) -> None:
        assert paths(lambda: Change(action=ChangeAction.REPLACE)) == ["action"]
        assert paths(lambda: Change(action=ChangeAction.REPLACE, kpi="shipping")) == ["new_kpi"]
        assert paths(
            lambda: Change(action=ChangeAction.REMOVE, fee="Forfait mensuel", new_fee=MONTHLY)
        ) == ["new_fee"]
        assert paths(lambda: Change(action=ChangeAction.REPLACE, fee="Autre", new_fee=MONTHLY)) == [
            "new_fee.label"
        ]

    def test_removing_a_measured_kpi_makes_an_invalid_mission(self) -> None:
        change = Change(action=ChangeAction.REMOVE, kpi="shipping")
        found = paths(lambda: base(amendment(1, dt.date(2027, 11, 1), change)))
        assert found
        assert set(found) == {"amendments[0]"}

    def test_a_currency_other_than_the_mission_s(self) -> None:
        fee = Change(
            action=ChangeAction.REPLACE,
            fee="Forfait mensuel",
            new_fee=attrs.evolve(MONTHLY, amount=Money(Decimal(1200), "USD")),
        )
        assert "amendments[0].changes[0].new_fee.amount.currency" in paths(
            lambda: base(amendment(1, dt.date(2027, 7, 2), fee))
        )

    def test_files_name_the_path(self) -> None:
        text = vendorgov.dumps(base(RAISED))
        bad = text.replace("number = 1\n", 'number = "one"\n', 1)
        with pytest.raises(ValidationError) as caught:
            vendorgov.loads(bad)
        assert [d.path for d in caught.value.errors] == ["amendments[0].number"]
        unknown = text.replace(
            'kpi = "shipping"\nmilestone = "M+6"', 'kpi = "typo"\nmilestone = "M+6"'
        )
        with pytest.raises(ValidationError) as caught:
            vendorgov.loads(unknown)
        assert [d.path for d in caught.value.errors] == ["amendments[0].changes[0].kpi"]

    def test_old_files_still_load(self) -> None:
        text = vendorgov.dumps(base())
        assert "amendments" not in text
        assert vendorgov.loads(text) == base()


# -- the demo -----------------------------------------------------------------------------
class TestDemo:
    def test_the_logistics_targets_are_raised_after_m6(self) -> None:
        mission = examples.demo_mission("logistique")
        (first,) = mission.amendments
        assert first.number == 1
        # M+6 falls due on 2 September 2026 (start 2 March); the amendment takes effect the
        # day after, the first day of the year-end window.
        assert mission.milestone_dues()[1] == dt.date(2026, 9, 2)
        assert first.effective == dt.date(2026, 9, 3)
        assert {s.side for s in first.signatories} == {Side.CLIENT, Side.PROVIDER}
        card = vendorgov.score(mission, dt.date(2026, 11, 29))
        targets = {line.kpi: line.target for line in card.results}
        assert targets["on_time_shipping"] == Decimal("98.5")
        assert targets["order_accuracy"] == Decimal("99.8")


# -- documents ----------------------------------------------------------------------------
VARIANTS = [(lang, fmt) for lang in ("fr", "en", "es") for fmt in ("md", "html")]


class TestAmendmentDocument:
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_matches_golden_file(self, lang: str, fmt: str) -> None:
        doc = render(
            examples.demo_mission("logistique"), "amendment", lang=lang, format=fmt, number=1
        )
        path = GOLDEN / f"logistique-1.{lang}.{fmt}"
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.text.encode("utf-8"))
        assert path.exists(), f"missing {path}: run with VENDORGOV_UPDATE_GOLDEN=1"
        assert doc.text.encode("utf-8") == path.read_bytes()

    def test_it_cites_the_articles_of_the_contract(self) -> None:
        mission = examples.demo_mission("logistique")
        contract = render(mission, "contract", lang="fr").text
        # The KPI article of the contract is article 3, its annex 2.
        assert "## Article 3 – Objectifs et indicateurs de performance" in contract
        text = render(mission, "amendment", lang="fr", number=1).text
        assert "# Avenant n°\u00a01 au contrat ML-2026-LOG-01" in text
        assert "### 1. Article 3 (Objectifs et indicateurs de performance), Annexe 2" in text
        assert "devient 98,5\u00a0%" in text
        assert "(auparavant 98\u00a0%, seuil 96\u00a0%)" in text

    def test_every_kind_of_change_renders(self) -> None:
        tool = vendorgov.Tool(name="Notion", category=vendorgov.ToolCategory.PROJECT_MANAGEMENT)
        changes = (
            target_change("M+9", "shipping", "98", "94"),
            Change(
                action=ChangeAction.REPLACE,
                fee="Forfait mensuel",
                new_fee=attrs.evolve(MONTHLY, amount=eur("1200")),
            ),
            Change(action=ChangeAction.ADD, tool="Notion", new_tool=tool),
            Change(action=ChangeAction.REMOVE, custom_clause="Réversibilité"),
            Change(
                action=ChangeAction.REPLACE,
                clause=ClauseName.TERMINATION,
                new_termination=Termination(notice_days=60),
            ),
            Change(action=ChangeAction.REPLACE, clause=ClauseName.PLANNING, new_text="Juillet."),
        )
        mission = base(amendment(1, dt.date(2027, 6, 1), *changes))
        for lang in ("fr", "en", "es"):
            for fmt in ("md", "html"):
                text = render(mission, "amendment", lang=lang, format=fmt).text
                assert len(re.findall(r"(?m)^### \d+\. |<h3>\d+\. ", text)) == len(changes)
        english = render(mission, "amendment", lang="en").text
        assert (
            "The fee Forfait mensuel becomes €1,200.00, monthly (previously €1,000.00, monthly)."
            in english
        )
        assert "The tool Notion (project management) is added." in english
        assert re.search(r"(?m)^### 4\. Article \d+ \(Réversibilité\)$", english)
        # Before the amendment the contract has no tool, so no article on them: a new one.
        assert "### 3. New article" in english

    def test_markup_in_the_data_is_escaped(self) -> None:
        hostile = amendment(
            1,
            dt.date(2027, 6, 1),
            target_change("M+9", "shipping", "98", "94"),
            title="<script>alert(1)</script>",
            summary="**x** <b>y</b>",
        )
        html = render(base(hostile), "amendment", format="html").text
        assert "<script>alert" not in html
        assert "&lt;script&gt;" in html
        md = render(base(hostile), "amendment").text
        assert "<b>y</b>" not in md

    def test_a_number_that_does_not_exist(self) -> None:
        mission = examples.demo_mission("logistique")
        assert paths(lambda: render(mission, "amendment", number=2)) == ["number"]
        assert paths(lambda: render(mission, "contract", number=1)) == ["number"]
        assert paths(lambda: render(examples.demo_mission("community"), "amendment")) == ["number"]

    def test_the_contract_at_a_date_is_consolidated(self) -> None:
        mission = examples.demo_mission("logistique")
        before = render(mission, "contract", lang="en", at=dt.date(2026, 9, 2)).text
        after = render(mission, "contract", lang="en", at=dt.date(2026, 9, 3)).text
        assert "Amendments" not in before
        assert "98.5%" not in before
        assert "## Annex 3 – Amendments" in after
        assert (
            "| 1 | Relèvement des objectifs de fin d'année | Sep 1, 2026 | Sep 3, 2026 |" in after
        )
        assert "| 95 (92) | 97 (95) | 98.5 (96.5) |" in after  # the KPI annex, as in force
        french = render(mission, "contract", lang="fr", at=dt.date(2026, 9, 3)).text
        assert "## Annexe 3 – Avenants" in french
