"""Notebook display: HTML tables for missions, scorecards, findings and payouts.

Decisions kept by these tests:

- The HTML is well formed, and the only tags in it are the ones vendorgov
  writes: any text from the data (a name, a message, a rule) is escaped, so a
  ``<script>`` in a mission file shows as text and never runs.
- Statuses and severities are coloured badges that carry a class too
  (``vg-status-met``): met green, at risk amber, missed red, no data grey;
  critical red, warning amber, info blue.
- Numbers come from the shared formatter: computed KPI values to two decimals
  at most (half-up), scores by the one rule (at most one decimal, cut down),
  money in its currency's format with its minor unit, dates in the medium style.
- ``_repr_html_`` is English; ``vendorgov.to_html(value, lang=...)`` shows the
  same view in French or Spanish, its words from the catalogs.
- ``Findings`` and ``Payouts`` are tuples: they equal, hash and pickle like the
  tuple they wrap. ``rows()`` gives plain dicts a data frame accepts.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vendorgov
from strategies import findings, missions, payouts, scorecards
from vendorgov import (
    Direction,
    Finding,
    Findings,
    KpiResult,
    Mission,
    Money,
    Parameter,
    Payout,
    PayoutCategory,
    Payouts,
    Scorecard,
    Severity,
    Status,
    ValidationError,
    examples,
)
from vendorgov._describe import describe
from vendorgov._display import (
    CATEGORY_COLOURS,
    SEVERITY_COLOURS,
    STATUS_COLOURS,
    findings_html,
    number,
    payouts_html,
)

AT = dt.date(2026, 11, 29)
MISSION = examples.demo_missions()[0]
CARD = vendorgov.score(MISSION, AT)
FINDINGS = Findings(vendorgov.assess(MISSION, AT))
PAYOUTS = Payouts(vendorgov.payouts(MISSION, AT))
HOSTILE = "<script>alert('x')</script> & \"quoted\" <b>bold</b>"

WRITTEN_TAGS = {
    "div",
    "p",
    "strong",
    "code",
    "small",
    "em",
    "br",
    "span",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
VOID = {"br"}
FEWER = settings(max_examples=max(5, settings().max_examples // 5))


class Page(HTMLParser):
    """Parses an HTML fragment and checks that every tag is closed in order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.badges: dict[str, list[str]] = {}  # class → styles of the elements carrying it
        self.text: list[str] = []
        self._open: list[str] = []
        self.feed(text)
        self.close()
        assert self._open == [], f"unclosed tags: {self._open}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        for name in (values.get("class") or "").split():
            self.badges.setdefault(name, []).append(values.get("style") or "")
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self._open, f"</{tag}> closes nothing"
        assert self._open.pop() == tag

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def content(self) -> str:
        return "".join(self.text)


def page(text: str) -> Page:
    parsed = Page(text)
    assert set(parsed.tags) <= WRITTEN_TAGS, set(parsed.tags) - WRITTEN_TAGS
    return parsed


def finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "code": "REVIEW_OVERDUE",
        "severity": Severity.WARNING,
        "subject": "reviews",
        "at": dt.date(2027, 6, 1),
        "due": dt.date(2027, 5, 3),
        "params": (Parameter.of("frequency", "monthly"),),
    }
    return Finding(**{**values, **changes})


def line(status: Status, kpi: str = "order_accuracy", **changes: Any) -> KpiResult:
    data = status is not Status.NO_DATA
    values: dict[str, Any] = {
        "kpi": kpi,
        "target": Decimal("99"),
        "threshold": Decimal("97"),
        "status": status,
        "weight": Decimal(1),
        "count": 3 if data else 0,
        "actual": Decimal("98.005") if data else None,
        "points": Decimal("50.25") if data else None,
    }
    return KpiResult(**{**values, **changes})


def card(*results: KpiResult, **changes: Any) -> Scorecard:
    values: dict[str, Any] = {
        "mission": "logistique",
        "at": dt.date(2027, 4, 15),
        "milestone": "M+1",
        "due": dt.date(2027, 4, 15),
        "window_start": dt.date(2027, 3, 15),
        "window_end": dt.date(2027, 4, 15),
        "results": results,
        "coverage": Decimal("0.5"),
        "overall": Decimal("66.666"),
        "standing": "fair",
    }
    return Scorecard(**{**values, **changes})


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


class TestNumbers:
    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (Decimal("87.45039682539682539682539683"), "87.45"),
            (Decimal("2.345"), "2.35"),  # half-up, not half-even
            (Decimal("2.355"), "2.36"),
            (Decimal("-2.345"), "-2.35"),
            (Decimal("100"), "100"),  # no trailing zeros, as everywhere
            (Decimal("1E+3"), "1,000"),
            (Decimal("-0.001"), "0"),  # never "-0"
            (Decimal("999999999999999.999"), "1,000,000,000,000,000"),
            (Decimal("1E-30"), "0"),
            (3, "3"),
            (None, "—"),
        ],
    )
    def test_two_decimals_at_most(self, value: Decimal | int | None, text: str) -> None:
        assert number(value) == text

    @pytest.mark.parametrize(
        ("money", "text"),
        [
            (Money(Decimal("1234.5"), "EUR"), "€1,234.50"),
            (Money(Decimal("1234.5"), "JPY"), "¥1,235"),
            (Money(Decimal("1.2345"), "BHD"), "BHD1.235"),
        ],
    )
    def test_money_in_its_minor_unit(self, money: Money, text: str) -> None:
        line = attrs.evolve(PAYOUTS[0], amount=money.rounded(), base=None)
        assert text in page(payouts_html((line,))).content

    def test_the_values_stay_exact(self) -> None:
        # display rounds; the data does not change
        row = CARD.rows()[3]
        assert row["actual"] == CARD.results[3].actual
        assert "81.08" in page(CARD._repr_html_()).content


# ---------------------------------------------------------------------------
# Scorecard
# ---------------------------------------------------------------------------


class TestScorecardHtml:
    def test_the_demo_scorecard(self) -> None:
        shown = page(CARD._repr_html_())
        text = shown.content
        assert "Scorecard of logistique as of Nov 29, 2026" in text
        # the one rule; 74.31… since amendment n° 1 raised the year-end targets
        assert "Overall score: 74.3 / 100 (fair), coverage 100%" in text
        assert "Fin d'année" in text
        for result in CARD.results:
            assert result.kpi in text
        assert text.count("met") >= 2  # damage and inventory (the raised targets: at risk)
        assert "at risk" in text

    def test_insufficient_evidence_has_no_band(self) -> None:
        # site_web: 100 points on patch_latency alone, weight 1 of 6: coverage 16.6 % < 50 %.
        site = vendorgov.examples.demo_mission("site_web")
        text = page(vendorgov.score(site, dt.date(2026, 11, 29))._repr_html_()).content
        assert "Overall score: 100 / 100 (insufficient evidence), coverage 16.6%" in text
        assert "No standing: the KPIs with data hold 16.6% of the weight, below the minimum" in text

    @pytest.mark.parametrize("status", list(Status))
    def test_each_status_has_its_colour(self, status: Status) -> None:
        shown = page(card(line(status))._repr_html_())
        styles = shown.badges[f"vg-status-{status}"]
        assert len(styles) == 1
        assert f"background:{STATUS_COLOURS[status]}" in styles[0]

    def test_the_colours(self) -> None:
        assert STATUS_COLOURS == {
            Status.MET: "#1a7f37",
            Status.AT_RISK: "#9a6700",
            Status.MISSED: "#cf222e",
            Status.NO_DATA: "#6e7781",
        }

    def test_one_badge_per_line(self) -> None:
        results = [line(status, kpi=f"kpi_{i}") for i, status in enumerate(Status)]
        shown = page(card(*results)._repr_html_())
        assert sum(len(v) for k, v in shown.badges.items() if k.startswith("vg-status-")) == 4

    def test_no_data(self) -> None:
        text = page(card(line(Status.NO_DATA), overall=None, standing=None)._repr_html_()).content
        assert "Overall score: none (no measurement in the period assessed)" in text
        assert "no data" in text

    def test_empty_window(self) -> None:
        empty = card(window_end=dt.date(2027, 3, 14), overall=None, standing=None)
        assert (
            "Period assessed: none (the mission has not started)"
            in page(empty._repr_html_()).content
        )

    def test_trend_is_coloured_by_direction(self) -> None:
        better = line(Status.MET, previous=Decimal("97"), direction=Direction.HIGHER)
        worse = line(Status.MET, previous=Decimal("97"), direction=Direction.LOWER)
        assert "color:#1a7f37" in card(better)._repr_html_()
        assert "color:#cf222e" in card(worse)._repr_html_()
        assert "▲ +1.01" in page(card(better)._repr_html_()).content

    def test_hostile_text_is_escaped(self) -> None:
        hostile = card(line(Status.MET), mission=HOSTILE, milestone=HOSTILE, standing=HOSTILE)
        html = hostile._repr_html_()
        assert "<script>" not in html
        assert "<b>bold" not in html
        assert HOSTILE in page(html).content

    @given(scorecards())
    @FEWER
    def test_any_scorecard(self, value: Scorecard) -> None:
        html = value._repr_html_()
        shown = page(html)
        for result in value.results:
            assert result.kpi in shown.content
            assert f"vg-status-{result.status}" in shown.badges
        assert value.mission in shown.content


# ---------------------------------------------------------------------------
# Scorecard.rows
# ---------------------------------------------------------------------------

ROW_KEYS = [
    "mission",
    "at",
    "kpi",
    "actual",
    "target",
    "threshold",
    "expected",
    "points",
    "status",
    "weight",
    "count",
    "previous",
    "trend",
    "on_track",
]


class TestScorecardRows:
    def test_one_plain_dict_per_kpi(self) -> None:
        rows = CARD.rows()
        assert [row["kpi"] for row in rows] == [result.kpi for result in CARD.results]
        assert all(type(row) is dict and list(row) == ROW_KEYS for row in rows)

    def test_values(self) -> None:
        row = CARD.rows()[3]
        result = CARD.results[3]
        assert row == {
            "mission": CARD.mission,
            "at": CARD.at,
            "kpi": "return_processing",
            "actual": result.actual,
            "target": Decimal("60"),
            "threshold": Decimal("84"),
            "expected": result.expected,
            "points": result.points,
            "status": "at_risk",
            "weight": Decimal("1"),
            "count": 12,
            "previous": Decimal("99.5"),
            "trend": result.actual - Decimal("99.5"),  # type: ignore[operator]
            "on_track": False,
        }
        assert type(row["status"]) is str

    def test_no_data(self) -> None:
        row = card(line(Status.NO_DATA)).rows()[0]
        assert row["actual"] is None
        assert row["points"] is None
        assert row["trend"] is None
        assert row["status"] == "no_data"

    def test_an_empty_scorecard(self) -> None:
        assert card(overall=None, standing=None).rows() == []

    def test_pandas_accepts_them(self) -> None:
        pandas = pytest.importorskip("pandas")
        frame = pandas.DataFrame(CARD.rows())
        assert list(frame.columns) == ROW_KEYS
        assert len(frame) == len(CARD.results)
        assert list(frame["status"]) == [r.status.value for r in CARD.results]
        findings_frame = pandas.DataFrame(FINDINGS.rows())
        assert len(findings_frame) == len(FINDINGS)
        payouts_frame = pandas.DataFrame(PAYOUTS.rows())
        assert sum(payouts_frame["amount"]) == Decimal("58.00")


# ---------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------


class TestFindingsHtml:
    def test_the_demo_findings(self) -> None:
        text = page(FINDINGS._repr_html_()).content
        assert "9 findings — Nov 29, 2026 · 2 critical, 4 warning, 3 info" in text
        for item in FINDINGS:
            assert item.code in text
            assert describe(item, "en") in text  # notebooks read English
            assert item.subject in text

    @pytest.mark.parametrize("severity", list(Severity))
    def test_each_severity_has_its_colour(self, severity: Severity) -> None:
        shown = page(Findings([finding(severity=severity)])._repr_html_())
        styles = shown.badges[f"vg-severity-{severity}"]
        assert f"background:{SEVERITY_COLOURS[severity]}" in styles[0]

    def test_the_colours(self) -> None:
        assert SEVERITY_COLOURS == {
            Severity.CRITICAL: "#cf222e",
            Severity.WARNING: "#9a6700",
            Severity.INFO: "#0969da",
        }

    def test_one_finding_displays_itself(self) -> None:
        shown = page(finding()._repr_html_())
        assert "1 finding — Jun 1, 2027 · 1 warning" in shown.content
        assert "vg-severity-warning" in shown.badges

    def test_none(self) -> None:
        assert "Nothing to report." in page(Findings()._repr_html_()).content

    def test_dates_column_when_they_differ(self) -> None:
        two = Findings([finding(), finding(at=dt.date(2027, 7, 1))])
        text = page(two._repr_html_()).content
        assert "Date" in text
        assert "Jul 1, 2027" in text

    def test_hostile_text_is_escaped(self) -> None:
        topic = (Parameter.of("topic", HOSTILE),)
        html = Findings(
            [finding(code="TRAINING_PENDING", params=topic, subject=HOSTILE)]
        )._repr_html_()
        assert "<script>" not in html
        assert page(html).content.count(HOSTILE) == 2

    @given(st.lists(findings(), max_size=4))
    @FEWER
    def test_any_findings(self, items: list[Finding]) -> None:
        html = findings_html(items)
        page(html)
        for item in items:
            assert html.count(f"vg-severity-{item.severity}") >= 1
            assert item.code in html


# ---------------------------------------------------------------------------
# Payouts
# ---------------------------------------------------------------------------


class TestPayoutsHtml:
    def test_the_demo_payouts(self) -> None:
        shown = page(PAYOUTS._repr_html_())
        text = shown.content
        assert "4 payout lines" in text
        assert "Net owed to the provider: €58.00" in text
        assert "€137.00" in text
        assert "-€180.00" in text
        assert "service credit" in text
        for item in PAYOUTS:
            assert describe(item, "en") in text

    @pytest.mark.parametrize("category", list(PayoutCategory))
    def test_categories_have_colours(self, category: PayoutCategory) -> None:
        assert CATEGORY_COLOURS[category] in payouts_html(
            [item for item in PAYOUTS if item.category is category][:1]
            or [
                attrs.evolve(
                    PAYOUTS[0],
                    category=category,
                    kpi="return_processing",
                    credit_milestone="M+1",
                    credit_due=dt.date(2026, 3, 15),
                )
            ]
        )

    def test_one_line_displays_itself(self) -> None:
        text = page(PAYOUTS[1]._repr_html_()).content
        assert "1 payout line" in text
        assert "-€36.00" in text

    def test_none(self) -> None:
        assert "Nothing owed: no milestone reached yet" in page(Payouts()._repr_html_()).content

    def test_net_per_currency(self) -> None:
        usd = attrs.evolve(PAYOUTS[0], amount=Money(Decimal("10.00"), "USD"), base=None)
        text = page(payouts_html([PAYOUTS[0], usd])).content
        assert "€137.00 + $10.00" in text

    def test_hostile_text_is_escaped(self) -> None:
        hostile = attrs.evolve(PAYOUTS[0], rule="bonus_no_score", milestone=HOSTILE)
        html = Payouts([hostile])._repr_html_()
        assert "<script>" not in html
        assert page(html).content.count(HOSTILE) == 2

    @given(st.lists(payouts(), max_size=4))
    @FEWER
    def test_any_payouts(self, items: list[Payout]) -> None:
        page(payouts_html(items))


# ---------------------------------------------------------------------------
# Mission
# ---------------------------------------------------------------------------


class TestMissionHtml:
    def test_the_demo_mission(self) -> None:
        text = page(MISSION._repr_html_()).content
        assert "Logistique e-commerce" in text
        assert MISSION.client.name in text
        assert MISSION.provider.name in text
        assert "Mar 2, 2026 – Mar 1, 2027" in text
        for kpi in MISSION.kpis:
            assert kpi.key in text
            assert kpi.name in text
        assert "Fin d'année" in text
        assert "Dec 31, 2026" in text
        assert "95 (≥ 92)" in text  # on_time_shipping at M+1: targets as written
        assert "0.8 (≤ 1.2)" in text  # damage_rate, lower is better

    def test_hostile_text_is_escaped(self) -> None:
        client = attrs.evolve(MISSION.client, name=HOSTILE)
        kpis = (attrs.evolve(MISSION.kpis[0], name=HOSTILE), *MISSION.kpis[1:])
        hostile = attrs.evolve(MISSION, name=HOSTILE, client=client, kpis=kpis)
        html = hostile._repr_html_()
        assert "<script>" not in html
        assert page(html).content.count(HOSTILE) == 3

    @given(missions())
    @FEWER
    def test_any_mission(self, mission: Mission) -> None:
        text = page(mission._repr_html_()).content
        assert mission.key in text
        for kpi in mission.kpis:
            assert kpi.key in text


# ---------------------------------------------------------------------------
# Findings and Payouts are tuples
# ---------------------------------------------------------------------------


class TestTupleWrappers:
    def test_they_are_tuples(self) -> None:
        plain = vendorgov.assess(MISSION, AT)
        assert isinstance(FINDINGS, tuple)
        assert FINDINGS == plain  # noqa: SIM300 - equal from both sides is the point
        assert plain == FINDINGS
        assert hash(FINDINGS) == hash(plain)
        assert len(FINDINGS) == len(plain)
        assert list(FINDINGS) == list(plain)
        assert FINDINGS[0] == plain[0]
        assert FINDINGS[-1] == plain[-1]
        assert type(FINDINGS[0]) is Finding
        assert plain[0] in FINDINGS

    def test_a_slice_keeps_the_type(self) -> None:
        assert type(FINDINGS[:2]) is Findings
        assert FINDINGS[:2] == vendorgov.assess(MISSION, AT)[:2]
        assert type(PAYOUTS[1:]) is Payouts

    def test_concatenation_gives_a_plain_tuple(self) -> None:
        assert type(FINDINGS + FINDINGS) is tuple

    def test_empty(self) -> None:
        assert Findings() == ()
        assert Payouts([]) == ()
        assert not Findings()

    def test_items_are_checked(self) -> None:
        with pytest.raises(ValidationError, match=r"\[1\]: expected a Finding, got text 'oops'"):
            Findings([FINDINGS[0], "oops"])  # type: ignore[list-item]
        with pytest.raises(ValidationError, match="expected a Payout"):
            Payouts(FINDINGS)  # type: ignore[arg-type]

    def test_repr(self) -> None:
        assert repr(Findings()) == "Findings(())"
        assert repr(Payouts(PAYOUTS[:1])).startswith("Payouts((Payout(category=")

    @pytest.mark.parametrize("value", [FINDINGS, PAYOUTS, Findings()])
    def test_pickle_and_copy(self, value: tuple[Any, ...]) -> None:
        for again in (
            pickle.loads(pickle.dumps(value)),
            copy.copy(value),
            copy.deepcopy(value),
        ):
            assert type(again) is type(value)
            assert again == value

    def test_no_instance_dict(self) -> None:
        with pytest.raises(AttributeError):
            FINDINGS.extra = 1  # type: ignore[attr-defined]

    def test_findings_rows(self) -> None:
        rows = FINDINGS.rows()
        assert len(rows) == len(FINDINGS)
        assert rows[0] == {
            "code": "MILESTONE_MISSED",
            "severity": "critical",
            "subject": "milestones[M+6]",
            "at": AT,
            "due": dt.date(2026, 9, 2),
            "params": {"milestone": "M+6", "kpis": ("return_processing",)},
        }

    def test_payouts_rows(self) -> None:
        rows = PAYOUTS.rows()
        assert rows[1] == {
            "category": "service_credit",
            "milestone": "M+1",
            "due": dt.date(2026, 4, 2),
            "kpi": "return_processing",
            "amount": Decimal("-36.00"),
            "currency": "EUR",
            "rate": Decimal("0.03"),
            "base": Decimal("1200.00"),
            "capped": False,
            "overall": PAYOUTS[1].overall,
            "scored_on": dt.date(2026, 4, 2),
            "credit_milestone": None,
            "credit_due": None,
            "rule": "service_credit_rate",
            "params": {
                "months": 1,
                "months_denominator": 1,
                "monthly_fee": Money(Decimal("1200.00"), "EUR"),
            },
        }
        assert sum(Decimal(str(row["amount"])) for row in rows) == Decimal("58.00")


class TestLayering:
    def test_the_model_loads_the_display_on_first_use_only(self) -> None:
        code = (
            "import sys, datetime as dt\n"
            "import vendorgov\n"
            "mission = vendorgov.examples.demo_missions()[0]\n"
            "before = 'vendorgov._display' in sys.modules\n"
            "mission._repr_html_()\n"
            "print(before, 'vendorgov._display' in sys.modules)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
        )
        assert result.stdout.split() == ["False", "True"]


# ---------------------------------------------------------------------------
# The language of the view
# ---------------------------------------------------------------------------


class TestToHtml:
    def test_repr_html_is_english(self) -> None:
        assert str(vendorgov.to_html(CARD)) == CARD._repr_html_()
        assert vendorgov.to_html(MISSION, lang="en") == MISSION._repr_html_()

    def test_french_and_spanish_words_and_numbers(self) -> None:
        french = page(vendorgov.to_html(CARD, lang="fr")).content
        assert "Note globale\u202f: 74,3 / 100 (passable), couverture 100\u00a0%" in french
        assert "atteint" in french  # the documents' label of Status.MET
        spanish = page(vendorgov.to_html(CARD, lang="es")).content
        assert "Nota global: 74,3 / 100 (aceptable), cobertura 100\u00a0%" in spanish
        assert "-180,00\u00a0€" in page(vendorgov.to_html(PAYOUTS, lang="fr")).content

    def test_every_kind_of_value(self) -> None:
        for value in (MISSION, CARD, FINDINGS, PAYOUTS, FINDINGS[0], PAYOUTS[0], list(FINDINGS)):
            view = vendorgov.to_html(value, lang="es")
            assert view._repr_html_() == str(view)
            page(view)

    def test_a_value_without_a_view_and_an_unknown_language(self) -> None:
        with pytest.raises(ValidationError) as caught:
            vendorgov.to_html(42)
        assert [detail.path for detail in caught.value.errors] == ["value"]
        with pytest.raises(ValidationError) as caught:
            vendorgov.to_html(CARD, lang="de")
        assert [detail.path for detail in caught.value.errors] == ["lang"]
