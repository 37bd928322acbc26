"""The review report (*compte rendu de point d'étape*): content, charts, escaping, golden files.

Golden files: the demo missions' review reports (at their latest review), in both
languages and both formats, are checked in under ``tests/golden/review/`` and compared
byte for byte. After a deliberate change to a template or to the charts, regenerate them
and read the diff::

    VENDORGOV_UPDATE_GOLDEN=1 pytest tests/test_review_document.py -k Golden
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import vendorgov
from factories import minimal_mission
from test_documents import (
    HOSTILE,
    _html_shape,
    _markdown_shape,
    _markdown_text,
    hostile_mission,
    plain_mission,
)
from vendorgov import (
    ActionStatus,
    Direction,
    Document,
    KpiResult,
    Status,
    ValidationError,
    examples,
    render,
)
from vendorgov import _format as formatting
from vendorgov._display import STATUS_COLOURS
from vendorgov._documents import charts
from vendorgov._documents.review import _score_line, _toward_worse

GOLDEN = Path(__file__).parent / "golden" / "review"
UPDATE_GOLDEN = os.environ.get("VENDORGOV_UPDATE_GOLDEN") == "1"
VARIANTS = [(lang, fmt) for lang in ("fr", "en") for fmt in ("md", "html")]
DEMOS = examples.DEMO_KEYS
SVG = "{http://www.w3.org/2000/svg}"
NNBSP = "\u202f"
NBSP = "\u00a0"


def _review(key: str = "logistique", **changes: Any) -> Document:
    return render(examples.demo_mission(key), "review", **changes)


def _charts(text: str) -> list[ET.Element]:
    """Every chart of an HTML report, parsed as XML (raises if one is not well-formed)."""
    found = re.findall(
        r'<svg xmlns="http://www.w3.org/2000/svg" class="vg-chart-svg".*?</svg>', text, re.DOTALL
    )
    return [ET.fromstring(svg) for svg in found]


def _chart(text: str, key: str) -> ET.Element:
    for svg in _charts(text):
        if svg.get("aria-labelledby") == f"vg-chart-{key}-title":
            return svg
    raise AssertionError(f"no chart for {key}")


def _text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


# -- the demo reports --------------------------------------------------------------------------
class TestRenderDemos:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_renders_at_the_latest_review(self, key: str, lang: str, fmt: str) -> None:
        mission = examples.demo_mission(key)
        doc = render(mission, "review", lang=lang, format=fmt)
        assert (doc.name, doc.lang, doc.format) == ("review", lang, fmt)
        assert doc.missing == ()
        assert "COMPL" not in doc.text
        latest = mission.reviews[-1]
        day = formatting.format_date(latest.on, lang)
        title = doc.text.splitlines()[2] if fmt == "md" else doc.text
        assert day in title
        for kpi in mission.kpis:
            assert (kpi.name if fmt == "md" else kpi.name.replace("'", "&#39;")) in doc.text
        for obstacle in latest.obstacles:
            assert (obstacle if fmt == "md" else obstacle.replace("'", "&#39;")) in doc.text

    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_renders_at_an_explicit_date(self, key: str, lang: str, fmt: str) -> None:
        mission = examples.demo_mission(key)
        at = dt.date(2026, 7, 15)
        doc = render(mission, "review", lang=lang, format=fmt, at=at)
        assert doc.missing == ()
        shown = "Tableau de bord au" if lang == "fr" else "Scorecard as of"
        assert shown in doc.text
        # the review reported on is the latest held on or before the date
        held = [review for review in mission.reviews if review.on <= at][-1]
        day = formatting.format_date(held.on, lang)
        assert day in doc.text

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_sections_in_order(self, lang: str, fmt: str) -> None:
        text = _review(lang=lang, format=fmt).text
        if fmt == "md":
            headings = re.findall(r"^## (\d+)\. ", text, re.MULTILINE)
            assert headings == [str(n) for n in range(1, 12)]  # no chart section in Markdown
        else:
            headings = re.findall(r'<h2 id="section-\d+">(\d+)\. ', text)
            assert headings == [str(n) for n in range(1, 13)]

    def test_header(self) -> None:
        text = _review().text
        assert text.startswith(
            "*Compte rendu de point d'étape*\n\n# Point de palier du 8\xa0septembre"
        )
        assert (
            "- **Participants\u202f:** Julien Bernard, Sophie Garnier, Paul Roux et Nathalie Perrin"
            in text
        )
        assert "- **Point précédent\u202f:** 7\xa0avril\xa02026 (point de palier)" in text
        # The review names M+6: its scorecard is M+6's whole window (04-03..09-02), not
        # the six days since (09-03..09-08).
        assert "- **Palier évalué\u202f:** M+6 — échéance le 2\xa0septembre\xa02026" in text
        assert (
            "- **Période évaluée\u202f:** du 3\xa0avril\xa02026 au 2\xa0septembre\xa02026" in text
        )
        english = _review(lang="en").text
        assert "# Milestone review of September 8, 2026" in english
        assert "- **Period assessed:** April 3, 2026 to September 2, 2026" in english

    def test_scorecard_table(self) -> None:
        text = _review().text
        rows = {
            line.split(" | ")[0][2:]: line for line in text.splitlines() if line.startswith("| ")
        }
        # M+6 (04-03..09-02), 22 weekly measurements: shipping mean 96.78 between the
        # threshold 95 and the target 97, 100 × 1.78 / 2 = 89 points; expected = the
        # target at the due date; trend 96.78 − 95.225 (M+1) = +1.56.
        assert rows["Taux d'expédition à l'heure (à maximiser)"] == (
            "| Taux d'expédition à l'heure (à maximiser) | % | 96,78 | 97 | 95 | 97 | À risque "
            "| ↑ +1,56 (en progrès) | 89 |"
        )
        # lower is better: a fall is progress. 0.5005 vs 0.5: 100 × 0.2995 / 0.3 = 99.8;
        # trend 0.5005 − 1.01 = −0.51.
        assert rows["Taux de casse (à minimiser)"] == (
            "| Taux de casse (à minimiser) | % | 0,501 | 0,5 | 0,8 | 0,5 | À risque "
            "| ↓ -0,51 (en progrès) | 99,8 |"
        )
        # returns 99.5 h, worse than the threshold 96: missed, 0 points.
        assert (
            "| Délai de traitement des retours (à minimiser) | h | 99,5 | 72 | 96 | 72 | Manqué"
            in text
        )
        # inventory (99.48, 5 monthly counts): 100 × 0.48 / 0.5 = 96.
        assert rows["Fiabilité des stocks (à maximiser)"].endswith(
            "| À risque | ↑ +0,58 (en progrès) | 96 |"
        )
        # (2 × 89.09 + 2 × 100 + 99.85 + 0 + 96) / 7 = 574.03 / 7 = 82.0 (shown 82);
        # every KPI had data; only order accuracy (99.55 ≥ 99.5) met.
        assert f"| **82** / 100 | Bon | 100{NBSP}% | 1 sur 5 | 0 |" in text

    def test_scorecard_in_html_has_coloured_labelled_statuses(self) -> None:
        text = _review(format="html").text
        assert '<span class="vg-status vg-status-met">atteint</span>' in text
        assert '<span class="vg-status vg-status-missed">manqué</span>' in text
        assert '<span class="vg-status vg-status-no_data">sans donnée</span>' in text
        assert '<span class="vg-trend vg-trend-better">↓ -0,51</span>' in text
        # a closed milestone's KPI between threshold and target reads "below target"
        assert '<span class="vg-status vg-status-at_risk">sous l\'objectif</span>' in text

    def test_status_colours_are_the_notebook_ones(self) -> None:
        css = (
            Path(vendorgov.__file__).parent / "templates" / "common" / "review.css.j2"
        ).read_text(encoding="utf-8")
        for status, colour in STATUS_COLOURS.items():
            assert f".vg-status-{status.value} {{ background: {colour}; }}" in css
        assert charts.COLOURS["target"] == STATUS_COLOURS[Status.MET]
        assert charts.COLOURS["threshold"] == STATUS_COLOURS[Status.MISSED]

    def test_results_by_milestone(self) -> None:
        text = _review().text
        assert (
            "| Indicateur | M+1 (2\xa0avr.\xa02026, manqué) | M+6 (2\xa0sept.\xa02026, manqué) "
            "| Fin d'année (31\xa0déc.\xa02026, en cours) |"
        ) in text
        # closed milestones show their final outcome; the current one its state on 09-08
        assert (
            (
                "| Taux d'expédition à l'heure (%) | 95,22 / 95 — atteint "
                "| 96,78 / 97 — sous l'objectif | 98,1 / 98,5 — à risque |"
            )
            in text
            in text
        )
        assert "version HTML" in text  # Markdown says where the charts are

    def test_payouts_with_rules_in_words(self) -> None:
        fr = _review().text
        assert (
            # the score by the one rule of every face: 76.0714… shows as 76 (cut down)
            f"| M+1 | 2\xa0avr.\xa02026 | Prime | Note globale de 76 ≥ 75\u202f: 2{NBSP}% de "
            f"6{NNBSP}850,00{NBSP}€. | 137,00{NBSP}€ |"
        ) in fr
        assert (
            "| M+6 | 2\xa0sept.\xa02026 | Pénalité | Délai de traitement des retours manqué\u202f: "
            f"3{NBSP}% de la redevance de la période (6{NNBSP}000,00{NBSP}€). | -180,00{NBSP}€ |"
        ) in fr
        assert f"| **Solde dû au prestataire** | | | | **58,00{NBSP}€** |" in fr
        en = _review(lang="en").text
        assert "| **Net owed to the provider** | | | | **€58.00** |" in en
        assert "Overall score 82 ≥ 75: 2% of €6,850.00." in en
        site = _review("site_web", lang="en").text
        assert "Overall score 72, below the lowest bonus tier (≥ 75): no bonus. | €0.00 |" in site

    def test_payouts_stop_at_the_report_date(self) -> None:
        text = _review(at=dt.date(2026, 5, 1)).text
        assert "| M+1 |" in text
        assert "| M+6 |" not in text
        early = _review(at=dt.date(2026, 3, 20)).text
        assert "Aucun palier n'est encore échu au 20\xa0mars\xa02026" in early

    def test_reporting_compliance(self) -> None:
        fr = _review().text
        assert f"| 24 | 3 | 0 | 0 | **88,9{NBSP}%** |" in fr
        assert (
            "| du 10\xa0mars\xa02026 au 16\xa0mars\xa02026 | 17\xa0mars\xa02026 "
            "| 18\xa0mars\xa02026 | En retard (1\xa0j) |" in fr
        )
        assert "| 24 | 3 | 0 | 0 | **88.9%** |" in _review(lang="en").text

    def test_needs_ideas_and_recognitions(self) -> None:
        text = _review().text
        assert (
            "| Liste des références fragiles à signaler dans le WMS | 7\xa0avr.\xa02026 "
            "| Traitée le 10\xa0avr.\xa02026 |" in text
        )
        assert (
            "| Calendrier des opérations commerciales 2027 (soldes, ventes privées) "
            "| 8\xa0sept.\xa02026 | En attente | — |" in text
        )
        assert (
            "| LogiDauphiné SAS | 7\xa0avr.\xa02026 | Mise en œuvre le 21\xa0avr.\xa02026 |" in text
        )
        recognitions = [line for line in text.splitlines() if line.startswith("- **")]
        dates = [line.split("**")[1] for line in recognitions if " — " in line]
        assert dates[-3:] == ["7\xa0avril\xa02026", "19\xa0juin\xa02026", "8\xa0septembre\xa02026"]
        assert "(Taux de casse)\u202f: Félicitations pour le nouveau calage" in text


# -- which review, which date ------------------------------------------------------------------
class TestReviewAndDate:
    def test_a_later_report_shows_the_review_as_the_last_one(self) -> None:
        # On 11-29 the review reported on is 09-08's: "last review", its summary dated.
        later = _review(at=dt.date(2026, 11, 29)).text
        assert "- **Dernier point\u202f:** 8\xa0septembre\xa02026" in later
        assert "*Du point du 8\xa0septembre\xa02026\u202f:*" in later
        assert "Date du point" not in later
        # near miss: on the review's own date it is the review of the report
        same = _review().text
        assert "- **Date du point\u202f:** 8\xa0septembre\xa02026" in same
        assert "Du point du" not in same
        assert "Dernier point" not in same
        english = _review(at=dt.date(2026, 11, 29), lang="en").text
        assert "- **Last review:** September 8, 2026" in english
        assert "*From the review of September 8, 2026:*" in english

    def test_default_scores_at_the_latest_review(self) -> None:
        mission = examples.demo_mission("logistique")
        # The latest review (09-08) names M+6: M+6 scored at its due date, 82.004…
        card = vendorgov.score(mission, dt.date(2026, 9, 2))
        assert card.overall is not None
        assert str(card.overall).startswith("82.004")
        assert "**82** / 100" in render(mission, "review").text

    def test_a_recorded_scorecard_is_used(self) -> None:
        mission = examples.demo_mission("logistique")
        latest = mission.reviews[-1]
        recorded = vendorgov.score(mission, dt.date(2026, 9, 2))  # the M+6 card, 82 points
        reviews = (*mission.reviews[:-1], attrs.evolve(latest, scorecard=recorded))
        text = render(attrs.evolve(mission, reviews=reviews), "review").text
        assert "**82** / 100" in text
        assert "- **Palier évalué\u202f:** M+6" in text

    def test_explicit_date_scores_at_that_date(self) -> None:
        mission = examples.demo_mission("logistique")
        at = dt.date(2026, 10, 20)
        card = vendorgov.score(mission, at)
        text = render(mission, "review", at=at).text
        assert card.overall is not None
        shown = card.overall.quantize(Decimal("0.1"), rounding="ROUND_DOWN")
        assert f"**{formatting.format_number(shown, 'fr')}** / 100" in text
        assert "# Situation au 20\xa0octobre\xa02026" in text
        # the review of 09-08 is the last one held by 10-20, not the report's own
        assert "- **Dernier point\u202f:** 8\xa0septembre\xa02026" in text
        assert "- **Tableau de bord au\u202f:** 20\xa0octobre\xa02026" in text

    def test_a_date_before_the_first_review(self) -> None:
        text = _review(at=dt.date(2026, 3, 25)).text
        assert "# Situation au 25\xa0mars\xa02026" in text
        assert "- **Point d'étape\u202f:** aucun point tenu à cette date" in text
        assert "*Aucun point d'étape tenu à cette date.*" in text
        assert "*Aucune action corrective.*" in text

    def test_follow_up_as_it_stood_on_the_date(self) -> None:
        mission = examples.demo_mission("logistique")
        # ca_log_04 was closed on 28 October: open on 1 October, done on 1 November
        before = render(mission, "review", at=dt.date(2026, 10, 1)).text
        after = render(mission, "review", at=dt.date(2026, 11, 1)).text
        row = "| Recruter et former trois intérimaires pour le pic, présents dès le 2 novembre |"
        assert next(line for line in before.splitlines() if line.startswith(row)).endswith(
            "| 30\xa0oct.\xa02026 | En cours |"
        )
        assert next(line for line in after.splitlines() if line.startswith(row)).endswith(
            "| 30\xa0oct.\xa02026 | Réalisée le 28\xa0oct.\xa02026 |"
        )
        # a need answered later is still waiting in a report dated before the answer
        early = render(mission, "review", at=dt.date(2026, 9, 10)).text
        assert (
            "| Prévisions de volumes hebdomadaires de novembre et décembre | 8\xa0sept.\xa02026 "
            "| En attente | — |" in early
        )

    def test_overdue_actions_are_marked(self) -> None:
        mission = examples.demo_mission("logistique")
        at = dt.date(2026, 11, 15)
        (open_action,) = [
            action
            for review in mission.reviews
            for action in review.corrective_actions
            if action.status is ActionStatus.OPEN
        ]
        assert open_action.due < at
        md = render(mission, "review", at=at).text
        row = next(line for line in md.splitlines() if open_action.description in line)
        assert row.endswith("| En cours — **en retard** |")
        assert "*1 action en cours a dépassé son échéance.*" in md
        assert "| 1 |\n" in md  # the figure in the summary table
        page = render(mission, "review", at=at, format="html", lang="en").text
        assert page.count('<tr class="vg-overdue">') == 1
        assert '<span class="vg-flag">Overdue</span>' in page
        # not overdue on the review's own date
        assert "en retard**" not in render(mission, "review").text


# -- charts ------------------------------------------------------------------------------------
class TestCharts:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_one_well_formed_chart_per_kpi(self, key: str, lang: str) -> None:
        mission = examples.demo_mission(key)
        text = render(mission, "review", lang=lang, format="html").text
        found = _charts(text)
        assert len(found) == len(mission.kpis) == text.count("<svg") - 6  # + the legend's six
        for svg, kpi in zip(found, mission.kpis, strict=True):
            ident = f"vg-chart-{kpi.key}"
            assert svg.get("role") == "img"
            assert svg.get("aria-labelledby") == f"{ident}-title"
            assert svg.get("aria-describedby") == f"{ident}-desc"
            title = svg.find(f"{SVG}title")
            desc = svg.find(f"{SVG}desc")
            assert title is not None
            assert title.get("id") == f"{ident}-title"
            assert title.text is not None
            assert kpi.name in title.text
            assert desc is not None
            assert desc.get("id") == f"{ident}-desc"
            assert svg.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}"

    @pytest.mark.parametrize("key", DEMOS)
    def test_each_chart_has_a_target_at_each_milestone(self, key: str) -> None:
        mission = examples.demo_mission(key)
        text = render(mission, "review", format="html").text
        dues = mission.milestone_dues()
        for kpi in mission.kpis:
            svg = _chart(text, kpi.key)
            targets = svg.findall(f".//{SVG}polygon[@class='vg-target']")
            expected = [
                due.isoformat()
                for milestone, due in zip(mission.milestones, dues, strict=True)
                if milestone.target_for(kpi.key) is not None
            ]
            assert [target.get("data-date") for target in targets] == expected
            assert svg.find(f".//{SVG}path[@class='vg-threshold']") is not None
            assert svg.find(f".//{SVG}path[@class='vg-expected']") is not None

    def test_a_measurement_is_plotted_where_the_scales_say(self) -> None:
        # Logistique at its latest review (8 September 2026). The x axis runs from the
        # mission start (2 March 2026) to the last milestone (31 December 2026): 304 days
        # over PLOT_WIDTH = 304 units, one unit a day. On-time shipping's values drawn (93.6
        # to 98.1, targets 95-98, thresholds 92-96) give the nice span 92..100 by steps of 2.
        assert (charts.PLOT_LEFT, charts.PLOT_WIDTH) == (46, 304)
        assert (charts.PLOT_TOP, charts.PLOT_HEIGHT) == (24, 152)
        svg = _chart(_review(format="html").text, "on_time_shipping")
        point = svg.find(f".//{SVG}circle[@data-date='2026-04-05']")  # 96.0 on 5 April
        assert point is not None
        # x = 46 + (5 April - 2 March = 34 days) × 304 / 304 = 80
        # y = 24 + 152 - (96 - 92) × 152 / (100 - 92) = 100
        assert (point.get("cx"), point.get("cy")) == ("80.00", "100.00")
        # the M+1 target (95 on 2 April, day 31): x = 77, y = 176 - 3 × 19 = 119
        target = svg.find(f".//{SVG}polygon[@data-date='2026-04-02']")
        assert target is not None
        assert target.get("points") == "77.00,115.40 80.60,119.00 77.00,122.60 73.40,119.00"
        # the grid labels are the nice steps, in the language's format
        labels = [_text_of(t) for t in svg.iter(f"{SVG}text") if _text_of(t)[:1].isdigit()]
        assert labels[:5] == ["92", "94", "96", "98", "100"]

    def test_points_stop_at_the_report_date(self) -> None:
        mission = examples.demo_mission("logistique")
        at = dt.date(2026, 6, 15)
        svg = _chart(render(mission, "review", format="html", at=at).text, "damage_rate")
        dates = [c.get("data-date") or "" for c in svg.iter(f"{SVG}circle")]
        expected = [m.at.isoformat() for m in mission.measurements if m.kpi == "damage_rate"]
        assert dates == [day for day in expected if day <= at.isoformat()]
        assert svg.find(f".//{SVG}rect[@class='vg-future']") is not None
        assert svg.find(f".//{SVG}line[@class='vg-report']") is not None

    @pytest.mark.parametrize(
        ("lang", "months"), [("fr", ["avr.", "mai", "juin"]), ("en", ["Apr", "May", "Jun"])]
    )
    def test_axis_dates_in_the_language(self, lang: str, months: list[str]) -> None:
        svg = _chart(_review(format="html", lang=lang).text, "order_accuracy")
        texts = [_text_of(t) for t in svg.iter(f"{SVG}text")]
        assert all(month in texts for month in months)
        assert "2026" in texts  # the year under the first month

    def test_coordinates_have_exactly_two_decimals(self) -> None:
        text = _review("community", format="html").text
        for svg in _charts(text):
            for element in svg.iter():
                for name in ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width", "height"):
                    value = element.get(name)
                    if value is not None and element.tag != f"{SVG}svg":
                        assert re.fullmatch(r"\d+\.\d\d", value), (element.tag, name, value)
                for name in ("points", "d"):
                    value = element.get(name)
                    if value is not None:
                        numbers = re.findall(r"[\d.]+", value)
                        assert all(re.fullmatch(r"\d+\.\d\d", n) for n in numbers), value

    def test_markdown_has_no_chart(self) -> None:
        assert "<svg" not in _review().text

    def test_nice_scale(self) -> None:
        assert charts.nice_scale([Decimal(60), Decimal(134)]) == (
            Decimal(60),
            Decimal(140),
            Decimal(20),
        )
        assert charts.nice_scale([]) == (Decimal(0), Decimal(1), Decimal("0.25"))

    def test_draws_the_series_it_is_given(self) -> None:
        # The chart places the engine's series and decides nothing: a hand-made series
        # (two running totals, an expected path broken by a milestone without target)
        # comes out point for point. x axis: 1 March .. 31 March 2026 = 30 days over
        # 304 units; y axis: the values drawn (50 to 200) span 50..200 by steps of 50.
        point = vendorgov._model.report.SeriesPoint
        tier = vendorgov._model.report.SeriesTier
        series = vendorgov._model.report.KpiSeries(
            kpi="orders",
            cumulative=True,
            points=(
                point(on=dt.date(2026, 3, 16), value=Decimal(100)),
                point(on=dt.date(2026, 3, 31), value=Decimal(150)),
            ),
            tiers=(
                tier(
                    milestone="A",
                    start=dt.date(2026, 3, 1),
                    due=dt.date(2026, 3, 16),
                    target=Decimal(200),
                    threshold=Decimal(50),
                ),
                tier(milestone="B", start=dt.date(2026, 3, 17), due=dt.date(2026, 3, 31)),
            ),
            expected=(
                (
                    point(on=dt.date(2026, 3, 1), value=Decimal(200)),
                    point(on=dt.date(2026, 3, 16), value=Decimal(200)),
                ),
            ),
        )
        data = charts.chart_data(
            series,
            name="Orders",
            unit="",
            direction=Direction.HIGHER,
            milestone_names=["Alpha", "Beta"],
            start=dt.date(2026, 3, 1),
            report_date=dt.date(2026, 3, 31),
        )
        assert data.points == (
            (dt.date(2026, 3, 16), Decimal(100)),
            (dt.date(2026, 3, 31), Decimal(150)),
        )
        assert [item.name for item in data.tiers] == ["Alpha", "Beta"]
        svg = ET.fromstring(str(charts.kpi_chart(data, "en")))
        # 16 March: x = 46 + 15 × 304 / 30 = 198; 100: y = 176 - (100 - 50) × 152 / 150
        dot = svg.find(f".//{SVG}circle[@data-date='2026-03-16']")
        assert dot is not None
        assert (dot.get("cx"), dot.get("cy")) == ("198.00", "125.33")
        expected = svg.find(f".//{SVG}path[@class='vg-expected']")
        assert expected is not None
        assert expected.get("d") == "M46.00 24.00 L198.00 24.00"
        desc = svg.find(f"{SVG}desc")
        assert desc is not None
        assert "running total" in _text_of(desc)


# -- display rounding and trends ---------------------------------------------------------------
class TestDisplayValues:
    def test_actual_values_round_toward_the_worse_side(self) -> None:
        assert _toward_worse(Decimal("96.996"), 2, Direction.HIGHER) == Decimal("96.99")
        assert _toward_worse(Decimal("0.4001"), 3, Direction.LOWER) == Decimal("0.401")
        assert _toward_worse(None, 2, Direction.HIGHER) is None

    @pytest.mark.parametrize(
        ("direction", "actual", "previous", "arrow", "sense"),
        [
            (Direction.HIGHER, "97", "96", "↑", "better"),
            (Direction.HIGHER, "95", "96", "↓", "worse"),
            (Direction.LOWER, "95", "96", "↓", "better"),
            (Direction.LOWER, "97", "96", "↑", "worse"),
            (Direction.LOWER, "96", "96", "→", "steady"),
        ],
    )
    def test_trend_arrow_and_sense(
        self, direction: Direction, actual: str, previous: str, arrow: str, sense: str
    ) -> None:
        target, threshold = (Decimal(98), Decimal(94))
        if direction is Direction.LOWER:
            target, threshold = threshold, target
        result = KpiResult(
            kpi="k",
            target=target,
            threshold=threshold,
            status=Status.AT_RISK,
            weight=Decimal(1),
            count=1,
            actual=Decimal(actual),
            points=Decimal(50),
            direction=direction,
            previous=Decimal(previous),
        )
        kpi = vendorgov.Kpi(key="k", name="K", unit="%", direction=direction)
        line = _score_line(result, kpi, 1)
        assert (line.arrow, line.sense) == (arrow, sense)

    def test_words_for_the_trend_in_both_languages(self) -> None:
        mission = examples.demo_mission("logistique")
        at = dt.date(2026, 9, 2)  # M+6: order accuracy 98.97 → 99.54, inventory 98.9 → 99.48
        assert "(en progrès)" in render(mission, "review", at=at).text
        assert "(improving)" in render(mission, "review", at=at, lang="en").text


class TestInsufficientEvidence:
    """site_web at the year end: 100 points on patch_latency alone, weight 1 of 6."""

    def test_the_summary_withholds_the_standing_and_says_why(self) -> None:
        # coverage 1/6 = 0.1666… cut down to 16.6 %, below the minimum of 50 %.
        mission = examples.demo_mission("site_web")
        text = render(mission, "review", at=dt.date(2026, 11, 29), lang="en").text
        assert "| **100** / 100 | Insufficient evidence | 16.6% | 1 of 5 | 0 |" in text
        assert "No standing: the KPIs with data hold 16.6% of the weight, below the minimum" in text
        html = render(mission, "review", at=dt.date(2026, 11, 29), format="html").text
        assert "Preuves insuffisantes</span>" in html

    def test_the_bonus_line_says_why_nothing_is_paid(self) -> None:
        # Before the rule: tier ≥ 90, 8 % × 1840.00 = 147.20; now 0.00.
        mission = examples.demo_mission("site_web")
        text = render(mission, "review", at=dt.date(2027, 1, 4), lang="en").text
        assert (
            "| Fin d'année | Dec 31, 2026 | Bonus | Score 100 rests on 16.6% of the KPI weight, "
            "below the minimum of 50%: insufficient evidence, no bonus. | €0.00 |"
        ) in text

    def test_enough_evidence_keeps_its_band(self) -> None:
        text = render(examples.demo_mission("logistique"), "review", lang="en").text
        assert "No standing" not in text


# -- golden files ------------------------------------------------------------------------------
class TestGolden:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_matches_golden_file(self, key: str, lang: str, fmt: str) -> None:
        doc = render(examples.demo_mission(key), "review", lang=lang, format=fmt)
        path = GOLDEN / f"{key}.{lang}.{fmt}"
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.text.encode("utf-8"))
        assert path.exists(), f"missing {path}: run with VENDORGOV_UPDATE_GOLDEN=1"
        assert doc.text.encode("utf-8") == path.read_bytes()


# -- hostile data ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile() -> vendorgov.Mission:
    return hostile_mission()


@pytest.fixture(scope="module")
def plain() -> vendorgov.Mission:
    return plain_mission()


class TestHostileData:
    def test_the_review_data_is_hostile(self, hostile: vendorgov.Mission) -> None:
        review = hostile.reviews[-1]
        assert all("<script>" in text for text in review.obstacles)
        assert "<script>" in review.corrective_actions[0].description
        assert "<script>" in review.ideas[0].description
        assert "<script>" in hostile.kpis[0].name
        assert "<script>" in hostile.milestones[0].name

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_html_structure_is_unchanged(
        self, hostile: vendorgov.Mission, plain: vendorgov.Mission, lang: str
    ) -> None:
        bad = render(hostile, "review", lang=lang, format="html").text
        good = render(plain, "review", lang=lang, format="html").text
        bad_shape, good_shape = _html_shape(bad), _html_shape(good)
        assert bad_shape.tags == good_shape.tags
        assert "script" not in bad_shape.tags
        seen = "".join(bad_shape.text)
        for raw in HOSTILE[:9]:
            assert raw in seen  # shown literally

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_svg_text_stays_text(self, hostile: vendorgov.Mission, lang: str) -> None:
        bad = render(hostile, "review", lang=lang, format="html").text
        found = _charts(bad)  # well-formed XML, whatever the names say
        assert len(found) == len(hostile.kpis)
        for svg in found:
            tags = {element.tag for element in svg.iter()}
            assert tags <= {
                f"{SVG}{name}"
                for name in (
                    "svg",
                    "title",
                    "desc",
                    "g",
                    "rect",
                    "line",
                    "text",
                    "path",
                    "polygon",
                    "polyline",
                    "circle",
                )
            }
            names = [_text_of(t) for t in svg.iter(f"{SVG}text")]
            assert any("<script>alert(1)</script>" in name for name in names)  # a milestone
            title = svg.find(f"{SVG}title")
            assert title is not None
            assert "<script>alert(1)</script>" in (title.text or "")

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_markdown_structure_is_unchanged(
        self, hostile: vendorgov.Mission, plain: vendorgov.Mission, lang: str
    ) -> None:
        bad = render(hostile, "review", lang=lang, format="md").text
        good = render(plain, "review", lang=lang, format="md").text
        assert _markdown_shape(bad) == _markdown_shape(good)
        assert [line.count(" | ") for line in bad.splitlines() if line.startswith("|")] == [
            line.count(" | ") for line in good.splitlines() if line.startswith("|")
        ]
        seen = _markdown_text(bad)
        for raw in HOSTILE[:9]:
            assert raw in seen


# -- missing data, draft and strict ------------------------------------------------------------
class TestMissingValues:
    def test_no_review_and_no_date_is_refused(self) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), reviews=())
        for fmt in ("md", "html"):
            with pytest.raises(ValidationError) as caught:
                render(mission, "review", format=fmt)
            assert [detail.path for detail in caught.value.errors] == ["at"]
            assert "draft=True" in caught.value.errors[0].message

    def test_no_review_with_a_date_renders(self) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), reviews=())
        doc = render(mission, "review", at=dt.date(2026, 9, 8))
        assert doc.missing == ()
        assert "# Situation au 8\xa0septembre\xa02026" in doc.text
        assert "| 24 | 3 | 0 | 0 |" in doc.text

    @pytest.mark.parametrize(
        ("lang", "placeholder"),
        [("fr", "[À COMPLÉTER\u202f: at]"), ("en", "[TO BE COMPLETED: at]")],
    )
    def test_draft_without_review_shows_placeholders(self, lang: str, placeholder: str) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), reviews=())
        md = render(mission, "review", lang=lang, draft=True)
        assert placeholder in md.text
        assert "at" in md.missing
        page = render(mission, "review", lang=lang, format="html", draft=True)
        assert f'<mark class="vg-missing">{placeholder}</mark>' in page.text
        assert 'class="vg-draft"' in page.text
        assert len(_charts(page.text)) == len(mission.kpis)  # measurements still drawn

    def test_no_milestone(self) -> None:
        mission = minimal_mission()
        at = dt.date(2027, 4, 1)
        with pytest.raises(ValidationError) as caught:
            render(mission, "review", at=at)
        assert [detail.path for detail in caught.value.errors] == ["milestones"]
        doc = render(mission, "review", at=at, draft=True, format="html")
        assert doc.missing == ("milestones",)

    def test_minimal_mission_in_draft(self) -> None:
        for lang, fmt in VARIANTS:
            doc = render(minimal_mission(), "review", lang=lang, format=fmt, draft=True)
            assert "at" in doc.missing


# -- users' templates ----------------------------------------------------------------------------
class TestUserTemplates:
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_built_in_templates_run_in_the_sandbox(self, lang: str, fmt: str) -> None:
        sandboxed = _review(lang=lang, format=fmt, templates={"unused.j2": ""})
        assert sandboxed.text == _review(lang=lang, format=fmt).text

    def test_the_review_stylesheet_can_be_replaced(self) -> None:
        doc = _review(format="html", templates={"review.css.j2": ".x { color: teal; }"})
        assert ".x { color: teal; }" in doc.text
        assert ".vg-status-met" not in doc.text
        assert "@page" in doc.text  # the shared stylesheet is still there

    def test_a_user_template_sees_the_review_variables(self) -> None:
        source = "{{ report_date }}|{{ overall }}|{{ lines|length }}|{{ actions|length }}\n"
        doc = _review(templates={"review.md.j2": source})
        assert doc.body.splitlines()[0] == "8\xa0septembre\xa02026|82|5|4"  # M+6's 82.0


# -- determinism -------------------------------------------------------------------------------
_PRINT_HASHES = """
import json, vendorgov
out = {}
for mission in vendorgov.examples.demo_missions():
    for lang in ("fr", "en"):
        for fmt in ("md", "html"):
            out[f"{mission.key}.{lang}.{fmt}"] = vendorgov.render(
                mission, "review", lang=lang, format=fmt).sha256
print(json.dumps(out))
"""


class TestDeterminism:
    def test_twice_gives_the_same_bytes(self) -> None:
        for key in DEMOS:
            mission = examples.demo_mission(key)
            for lang, fmt in VARIANTS:
                assert render(mission, "review", lang=lang, format=fmt) == render(
                    mission, "review", lang=lang, format=fmt
                )

    def test_same_bytes_under_another_timezone_and_locale(self) -> None:
        here = {
            f"{key}.{lang}.{fmt}": render(
                examples.demo_mission(key), "review", lang=lang, format=fmt
            ).sha256
            for key in DEMOS
            for lang, fmt in VARIANTS
        }
        env = os.environ | {
            "TZ": "Pacific/Kiritimati",
            "LANG": "de_DE.UTF-8",
            "LC_ALL": "de_DE.UTF-8",
            "PYTHONHASHSEED": "4242",
        }
        result = subprocess.run(
            [sys.executable, "-c", _PRINT_HASHES],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == here

    def test_data_hash_names_the_date(self) -> None:
        mission = examples.demo_mission("community")
        assert (
            render(mission, "review").data_sha256
            != render(mission, "review", at=mission.reviews[-1].on).data_sha256
        )
