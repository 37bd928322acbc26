"""Rendering documents: the specification, the machinery under it, and its promises.

Golden files: the demo missions' specifications, in both languages and both formats, are
checked in under ``tests/golden/specification/`` and compared byte for byte. After a
deliberate change to a template, regenerate them and read the diff::

    VENDORGOV_UPDATE_GOLDEN=1 pytest tests/test_documents.py -k Golden
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import html.parser
import json
import os
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from markdown_it import MarkdownIt

import vendorgov
from factories import fulfilment, minimal_mission
from vendorgov import (
    Cadence,
    Document,
    Frequency,
    Horizon,
    Money,
    TemplateError,
    ValidationError,
    Weekday,
    _labels,
    examples,
    render,
)
from vendorgov import _format as formatting
from vendorgov._documents import environment, escaping, labels
from vendorgov._documents.cadences import cadence_words
from vendorgov._model import registry
from vendorgov.exceptions import OverwriteError

GOLDEN = Path(__file__).parent / "golden" / "specification"
UPDATE_GOLDEN = os.environ.get("VENDORGOV_UPDATE_GOLDEN") == "1"
VARIANTS = [(lang, fmt) for lang in ("fr", "en") for fmt in ("md", "html")]
DEMOS = examples.DEMO_KEYS

NNBSP = "\u202f"  # narrow no-break space: Babel's French group separator
NBSP = "\u00a0"  # no-break space: Babel's French space before € and %


def _spec(key: str = "logistique", **changes: Any) -> Document:
    return render(examples.demo_mission(key), "specification", **changes)


def _with_spec(mission: vendorgov.Mission, **changes: Any) -> vendorgov.Mission:
    assert mission.specification is not None
    return attrs.evolve(mission, specification=attrs.evolve(mission.specification, **changes))


# -- helpers to look at the output -------------------------------------------------------------
class _HtmlShape(html.parser.HTMLParser):
    """The start tags (with their class) and the text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        classes = dict(attributes).get("class") or ""
        self.tags.append(f"{tag}.{classes}" if classes else tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _html_shape(text: str) -> _HtmlShape:
    parser = _HtmlShape()
    parser.feed(text)
    parser.close()
    return parser


_MARKDOWN = MarkdownIt("commonmark").enable("table")
_TEXTUAL = {"text", "softbreak", "text_special"}


def _markdown_shape(text: str) -> list[tuple[str, ...]]:
    """Every block token, and the non-text inline tokens inside it, in order."""
    shape: list[tuple[str, ...]] = []
    for token in _MARKDOWN.parse(text):
        if token.type == "inline":
            shape.append(
                (
                    "inline",
                    *(child.type for child in token.children or [] if child.type not in _TEXTUAL),
                )
            )
        else:
            shape.append((token.type, token.tag))
    return shape


def _markdown_text(text: str) -> str:
    """What a reader sees of a Markdown document: its HTML rendering's text."""
    return "".join(_html_shape(_MARKDOWN.render(text)).text)


# -- hostile data ------------------------------------------------------------------------------
HOSTILE = (
    "<script>alert(1)</script>",
    "**bold**",
    "_x_",
    "| a | b |",
    "# title",
    "`code`",
    "[link](http://x)",
    "{{ 7*7 }}",
    "{% raw %}",
    "line one\n# heading\n- item\n\n1. numbered",
    "- dash",
    "1. one",
    "> quote",
    "---",
    "&amp; ~~strike~~ ![img](x) <b>bold</b> \\",
)
# Fields that name things (keys and references), or that validation constrains: left alone.
_KEEP = {
    "key",
    "kpi",
    "activity",
    "id",
    "currency",
    "timezone",
    "language",
    "country",
    "email",
    "registration_id",
    "unit",
}


def _unlinked(mission: vendorgov.Mission) -> vendorgov.Mission:
    """``mission`` with its reviews no longer naming a milestone, and without contests:
    milestone names become free texts in the transforms, and a review's ``milestone`` and a
    contest's are references to one. Its import mappings go too: they hold column names and
    date formats, not free texts, and no document shows them."""
    reviews = tuple(attrs.evolve(review, milestone=None) for review in mission.reviews)
    return attrs.evolve(mission, reviews=reviews, contests=(), imports=())


def _transform(value: Any, make: Any, counter: list[int]) -> Any:
    """``value`` with every free text replaced by ``make(index)``."""
    if isinstance(value, vendorgov.Mission):
        value = _unlinked(value)
    if isinstance(value, tuple):
        return tuple(_transform(item, make, counter) for item in value)
    if not attrs.has(type(value)) or isinstance(value, Money | Horizon):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        if field.name in _KEEP:
            continue
        current = getattr(value, field.name)
        if isinstance(current, str) and not isinstance(current, enum.Enum):
            counter[0] += 1
            changes[field.name] = make(counter[0])
        elif (
            isinstance(current, tuple)
            and current
            and all(isinstance(item, str) and not isinstance(item, enum.Enum) for item in current)
        ):
            replaced = []
            for _ in current:
                counter[0] += 1
                replaced.append(make(counter[0]))
            changes[field.name] = tuple(replaced)
        elif isinstance(current, tuple) or attrs.has(type(current)):
            changes[field.name] = _transform(current, make, counter)
    return attrs.evolve(value, **changes)


def _hostile_text(index: int) -> str:
    shift = index % len(HOSTILE)
    return " ".join(HOSTILE[shift:] + HOSTILE[:shift])


def _plain_text(index: int) -> str:
    # the same line and paragraph breaks as the hostile text, nothing else
    return f"Texte {index}\nsuite\n\nfin"


def _unamended(key: str) -> vendorgov.Mission:
    # Every text changes, milestone names too: the amendment naming "Fin d'année" would no
    # longer hold (tests/test_amendments.py renders hostile amendments).
    return attrs.evolve(examples.demo_mission(key), amendments=())


def hostile_mission() -> vendorgov.Mission:
    return _transform(_unamended("logistique"), _hostile_text, [0])


def plain_mission() -> vendorgov.Mission:
    return _transform(_unamended("logistique"), _plain_text, [0])


# -- the demo documents ------------------------------------------------------------------------
class TestRenderDemos:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_renders(self, key: str, lang: str, fmt: str) -> None:
        mission = examples.demo_mission(key)
        doc = render(mission, "specification", lang=lang, format=fmt)
        assert (doc.name, doc.lang, doc.format) == ("specification", lang, fmt)
        assert mission.specification is not None
        title = mission.specification.title
        assert (title if fmt == "md" else title.replace("'", "&#39;")) in doc.text
        assert doc.missing == ()
        assert "COMPL" not in doc.text  # no placeholder in a complete mission
        for kpi in mission.kpis:
            assert (kpi.name if fmt == "md" else kpi.name.replace("'", "&#39;")) in doc.text

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_sections_in_order(self, lang: str, fmt: str) -> None:
        text = _spec(lang=lang, format=fmt).text
        if fmt == "md":
            headings = re.findall(r"^## (\d+)\. ", text, re.MULTILINE)
        else:
            headings = re.findall(r'<h2 id="section-\d+">(\d+)\. ', text)
        assert headings == [str(n) for n in range(1, 14)]

    def test_kpi_table_has_a_column_per_milestone(self) -> None:
        text = _spec(lang="fr", format="md").text
        header = next(line for line in text.splitlines() if line.startswith("| Indicateur |"))
        assert header == (
            "| Indicateur | Unité | Sens | M+1 (2\xa0avr.\xa02026) | M+6 (2\xa0sept.\xa02026) "
            "| Fin d'année (31\xa0déc.\xa02026) |"
        )
        row = next(line for line in text.splitlines() if line.startswith("| Taux de casse |"))
        assert row == "| Taux de casse | % | À minimiser | 0,8 (1,2) | 0,5 (0,8) | 0,4 (0,6) |"

    def test_kpi_table_in_english(self) -> None:
        text = _spec("site_web", lang="en", format="md").text
        row = next(line for line in text.splitlines() if line.startswith("| Délai de correctif"))
        assert (
            row
            == "| Délai de correctif critique | d | Lower is better | 7 (14) | 7 (14) | 5 (10) |"
        )

    def test_schedule_dates_are_resolved_and_sorted(self) -> None:
        text = _spec("site_web", lang="fr", format="md").text
        rows = [line for line in text.splitlines() if line.startswith("| ") and " — " in line]
        steps = [row.split(" | ")[0][2:] for row in rows if "Maquettes" in row or "Recette" in row]
        assert steps == ["Maquettes validées", "Recette"]
        assert "| Maquettes validées | S+3 — 25\xa0mai\xa02026 |  |" in text
        schedule = text[text.index("## 9. Calendrier") : text.index("## 10.")]
        assert schedule.index("Migration vers le nouvel hébergement") < schedule.index(
            "Maquettes validées"
        )

    def test_budget_per_activity_and_total(self) -> None:
        fr = _spec(lang="fr", format="md").text
        assert (
            f"| Préparation et expédition des commandes | Logistique | 62{NNBSP}400,00{NBSP}€ |"
            in fr
        )
        assert f"| **Total** | | **83{NNBSP}700,00{NBSP}€** |" in fr
        en = _spec(lang="en", format="html").text
        assert '<td colspan="2">Total</td><td class="num">€83,700.00</td>' in en

    def test_points_of_contact_on_each_side(self) -> None:
        text = _spec(lang="en", format="md").text
        assert "| Primary contact | Julien Bernard |" in text
        assert "| Escalation contact | Sophie Garnier |" in text
        assert "| Primary contact | Paul Roux |" in text
        assert "| Escalation contact | Nathalie Perrin |" in text

    def test_issue_date_only_when_given(self) -> None:
        assert "Date d'émission" not in _spec().text
        dated = _spec(at=dt.date(2026, 2, 16)).text
        assert "- **Date d'émission\u202f:** 16\xa0février\xa02026" in dated
        assert (
            '<th scope="row">Date of issue</th><td>February 16, 2026</td>'
            in _spec(lang="en", format="html", at=dt.date(2026, 2, 16)).text
        )

    def test_empty_optional_sections_leave_no_heading(self) -> None:
        mission = _with_spec(
            examples.demo_mission("logistique"),
            scope_out=(),
            constraints=(),
            schedule=(),
            deliverables=(),
            evaluation_criteria=(),
        )
        text = render(mission, "specification").text
        for heading in ("Sont exclus", "Contraintes", "Calendrier", "Livrables", "Critères d'év"):
            assert heading not in text
        assert re.findall(r"^## (\d+)\. ", text, re.MULTILINE) == [str(n) for n in range(1, 10)]


class TestGolden:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_matches_golden_file(self, key: str, lang: str, fmt: str) -> None:
        doc = render(examples.demo_mission(key), "specification", lang=lang, format=fmt)
        path = GOLDEN / f"{key}.{lang}.{fmt}"
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.text.encode("utf-8"))
        assert path.exists(), f"missing {path}: run with VENDORGOV_UPDATE_GOLDEN=1"
        assert doc.text.encode("utf-8") == path.read_bytes()


# -- arguments ---------------------------------------------------------------------------------
class TestArguments:
    @pytest.mark.parametrize(
        ("changes", "path"),
        [
            ({"document": "invoice"}, "document"),
            ({"lang": "de"}, "lang"),
            ({"format": "odt"}, "format"),
            ({"at": dt.datetime(2026, 3, 2, tzinfo=dt.UTC)}, "at"),
            ({"at": "2026-03-02"}, "at"),
            ({"draft": "yes"}, "draft"),
            ({"templates": 42}, "templates"),
        ],
    )
    def test_bad_argument_names_its_path(self, changes: dict[str, Any], path: str) -> None:
        arguments = {"document": "specification"} | changes
        document = arguments.pop("document")
        with pytest.raises(ValidationError) as caught:
            render(examples.demo_mission("logistique"), document, **arguments)
        assert [detail.path for detail in caught.value.errors] == [path]

    def test_every_bad_argument_at_once(self) -> None:
        with pytest.raises(ValidationError) as caught:
            render("mission", "x", lang="de", format="odt")  # type: ignore[arg-type]
        assert [d.path for d in caught.value.errors] == ["mission", "document", "lang", "format"]

    def test_document_not_available_yet(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # Every document has its builder now; a registered name without one still refuses.
        from vendorgov._documents.render import _BUILDERS

        monkeypatch.setitem(_BUILDERS, "contract", None)
        with pytest.raises(ValidationError, match="not available yet") as caught:
            render(examples.demo_mission("logistique"), "contract")
        assert caught.value.errors[0].path == "document"

    def test_missing_template_folder(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError) as caught:
            _spec(templates=tmp_path / "nope")
        assert caught.value.errors[0].path == "templates"

    def test_mapping_values_must_be_text(self) -> None:
        with pytest.raises(ValidationError) as caught:
            _spec(templates={"specification.md.j2": b"bytes"})
        assert caught.value.errors[0].path == "templates['specification.md.j2']"


# -- formatting --------------------------------------------------------------------------------
class TestBabelFormats:
    def test_money(self) -> None:
        amount = Money(Decimal("1234.5"), "EUR")
        assert formatting.format_money(amount, "fr") == f"1{NNBSP}234,50{NBSP}€"
        assert formatting.format_money(amount, "en") == "€1,234.50"
        assert formatting.format_money(-amount, "en") == "-€1,234.50"

    def test_money_is_rounded_half_up_once(self) -> None:
        # Babel alone would round half-even (10.00); vendorgov rounds money half-up.
        assert formatting.format_money(Money(Decimal("10.005"), "EUR"), "en") == "€10.01"
        assert formatting.format_money(Money(Decimal("1234.5"), "JPY"), "en") == "¥1,235"

    def test_dates(self) -> None:
        day = dt.date(2027, 2, 28)
        assert formatting.format_date(day, "fr") == "28\xa0février\xa02027"
        assert formatting.format_date(day, "en") == "February 28, 2027"
        assert formatting.format_date(day, "fr", "medium") == "28\xa0févr.\xa02027"
        assert formatting.format_date(dt.date(2027, 3, 1), "fr") == "1er\xa0mars\xa02027"
        assert formatting.format_date(dt.date(2027, 3, 1), "en") == "March 1, 2027"

    def test_datetime_in_the_missions_timezone(self) -> None:
        moment = dt.datetime(2026, 2, 23, 8, 30, tzinfo=dt.UTC)
        assert (
            formatting.format_datetime(moment, "fr", "Europe/Paris")
            == "23\xa0février\xa02026, 09:30"
        )
        assert (
            formatting.format_datetime(moment, "en", "America/New_York")
            == f"February 23, 2026, 3:30{NNBSP}AM"
        )

    def test_percent_of_a_fraction(self) -> None:
        assert formatting.format_percent(Decimal("0.125"), "fr") == f"12,5{NBSP}%"
        assert formatting.format_percent(Decimal("0.125"), "en") == "12.5%"

    def test_numbers_keep_every_digit(self) -> None:
        exact = Decimal("1234.12345678901234567890123")
        assert formatting.format_number(exact, "en") == "1,234.12345678901234567890123"
        assert formatting.format_number(exact, "fr") == f"1{NNBSP}234,12345678901234567890123"
        assert formatting.format_number(Decimal("0.1"), "fr") == "0,1"

    def test_measures(self) -> None:
        assert formatting.format_measure(Decimal("97.5"), "%", "fr") == f"97,5{NBSP}%"
        assert formatting.format_measure(Decimal("97.5"), "%", "en") == "97.5%"
        assert formatting.format_measure(Decimal("72"), "h", "en") == f"72{NBSP}h"
        assert formatting.format_measure(Decimal("3"), "d", "fr") == f"3{NBSP}j"

    def test_horizons(self) -> None:
        start = dt.date(2026, 3, 2)
        assert (
            formatting.format_horizon(Horizon.parse("M+1"), start, "fr")
            == "M+1 — 2\xa0avril\xa02026"
        )
        assert (
            formatting.format_horizon(Horizon.parse("D+10"), start, "fr")
            == "J+10 — 12\xa0mars\xa02026"
        )
        assert (
            formatting.format_horizon(Horizon.parse("W+2"), start, "en") == "W+2 — March 16, 2026"
        )
        assert formatting.horizon_name(Horizon.parse("EOY@06"), "fr") == "fin d'exercice (juin)"
        assert formatting.horizon_name(Horizon.parse("EOQ"), "en") == "end of quarter"

    def test_lists(self) -> None:
        assert formatting.format_list(["a", "b", "c"], "fr") == "a, b et c"
        assert formatting.format_list(["a", "b", "c"], "en") == "a, b, and c"

    def test_times_durations_and_periods(self) -> None:
        assert formatting.format_time(dt.time(9, 30), "fr") == "09:30"
        assert formatting.format_time(dt.time(14, 0), "en") == f"2:00{NNBSP}PM"
        start = dt.datetime(2026, 3, 2, 9, 30)
        end = start + dt.timedelta(minutes=160)
        assert formatting.format_hours(start, end, "fr") == "09:30\u2009–\u200912:10"
        assert formatting.format_hours(start, None, "en") == f"9:30{NNBSP}AM"
        assert formatting.format_duration(160, "fr") == f"2{NNBSP}h 40{NBSP}min"
        assert formatting.format_duration(60, "en") == "1 hr"
        assert formatting.format_days(1, "fr") == f"1{NBSP}jour"
        assert formatting.format_days(45, "en") == "45 days"
        assert (
            formatting.format_period(dt.date(2026, 3, 31), dt.date(2026, 4, 6), "fr")
            == "31\xa0mars\u2009–\u20096\xa0avr.\xa02026"
        )


class TestCadenceWords:
    """One wording for every document: after a verb (*ont lieu*) or a noun (*un rapport*)."""

    START = dt.date(2026, 3, 2)

    @pytest.mark.parametrize(
        ("cadence", "fr", "en"),
        [
            (
                Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO),
                "chaque lundi",
                "every Monday",
            ),
            (
                Cadence(frequency=Frequency.WEEKLY, interval=2, weekday=Weekday.FR),
                "toutes les deux semaines, le vendredi",
                "every other Friday",
            ),
            (
                Cadence(frequency=Frequency.WEEKLY, interval=3, weekday=Weekday.WE),
                "toutes les trois semaines, le mercredi",
                "every three weeks, on Wednesdays",
            ),
            (
                Cadence(frequency=Frequency.WEEKLY, interval=12, weekday=Weekday.SU),
                "toutes les 12 semaines, le dimanche",
                "every 12 weeks, on Sundays",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, day=1),
                "le 1er de chaque mois",
                "on the 1st of every month",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, day=22),
                "le 22 de chaque mois",
                "on the 22nd of every month",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, day=30),
                "le 30 de chaque mois (ou le dernier jour du mois s'il est plus court)",
                "on the 30th of every month (or the last day of shorter months)",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, day=31),
                "le dernier jour de chaque mois",
                "on the last day of every month",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, nth=-1, weekday=Weekday.TH),
                "le dernier jeudi de chaque mois",
                "on the last Thursday of every month",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, interval=2, day=22),
                "tous les deux mois, le 22 du mois, en janvier, mars, mai, juillet, septembre "
                "et novembre",
                "every two months, on the 22nd of the month, in January, March, May, July, "
                "September, and November",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, interval=2, nth=2, weekday=Weekday.TH),
                "tous les deux mois, le deuxième jeudi du mois, en janvier, mars, mai, juillet, "
                "septembre et novembre",
                "every two months, on the second Thursday of the month, in January, March, May, "
                "July, September, and November",
            ),
            (
                Cadence(frequency=Frequency.QUARTERLY, nth=2, weekday=Weekday.WE),
                "chaque trimestre, le deuxième mercredi du mois, en mars, juin, septembre et "
                "décembre",
                "every quarter, on the second Wednesday of the month, in March, June, "
                "September, and December",
            ),
            (
                Cadence(frequency=Frequency.QUARTERLY, interval=2, day=31),
                "tous les six mois, le dernier jour du mois, en mars et septembre",
                "every six months, on the last day of the month, in March and September",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, interval=2, day=30),
                "tous les deux mois, le 30 du mois (ou le dernier jour du mois s'il est plus "
                "court), en janvier, mars, mai, juillet, septembre et novembre",
                "every two months, on the 30th of the month (or the last day of shorter "
                "months), in January, March, May, July, September, and November",
            ),
            (
                Cadence(frequency=Frequency.MONTHLY, interval=5, day=11),
                "tous les cinq mois, le 11 du mois, à compter de mars 2026",
                "every five months, on the 11th of the month, starting in March 2026",
            ),
        ],
    )
    def test_words(self, cadence: Cadence, fr: str, en: str) -> None:
        assert cadence_words(cadence, "fr", self.START) == fr
        assert cadence_words(cadence, "en", self.START) == en

    def test_time_of_day_on_demand(self) -> None:
        cadence = Cadence(frequency=Frequency.MONTHLY, day=1, time=dt.time(9, 30))
        assert cadence_words(cadence, "fr", self.START) == "le 1er de chaque mois"
        assert (
            cadence_words(cadence, "fr", self.START, with_time=True)
            == "le 1er de chaque mois, à 09:30"
        )
        assert (
            cadence_words(cadence, "en", self.START, with_time=True)
            == f"on the 1st of every month, at 9:30{NNBSP}AM"
        )
        untimed = Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO)
        assert cadence_words(untimed, "en", self.START, with_time=True) == "every Monday"

    def test_quarterly_months_count_from_the_start(self) -> None:
        cadence = Cadence(frequency=Frequency.QUARTERLY, day=15)
        assert cadence_words(cadence, "fr", dt.date(2026, 5, 4)).endswith(
            "en février, mai, août et novembre"
        )
        first = vendorgov.occurrences(cadence, dt.date(2026, 5, 4), dt.date(2026, 12, 31))
        assert [day.month for day in first] == [5, 8, 11]


class TestPrintingValues:
    """Typed values print in the document's language by themselves (the finalize hook)."""

    SOURCE = (
        "{{ budget_total }}|{{ mission.kpis[0].weight }}|{{ mission.start }}|"
        "{{ mission.kpis[0].direction }}|{{ draft }}|{{ mission.measurements[0].source }}|"
        "{{ milestones[0].horizon }}|"
        "{{ mission.kickoff.scheduled }}\n"
    )

    @pytest.mark.parametrize(
        ("lang", "expected"),
        [
            (
                "fr",
                f"83{NNBSP}700,00{NBSP}€|2|2\xa0mars\xa02026|à maximiser|non||"
                "M+1 — 2\xa0avril\xa02026|"
                "23\xa0février\xa02026, 09:30",
            ),
            (
                "en",
                "€83,700.00|2|March 2, 2026|higher is better|no||M+1 — April 2, 2026|"
                f"February 23, 2026, 9:30{NNBSP}AM",
            ),
        ],
    )
    def test_typed_values(self, lang: str, expected: str) -> None:
        doc = _spec(lang=lang, templates={"specification.md.j2": self.SOURCE})
        assert doc.body.splitlines()[0] == expected

    def test_filters(self) -> None:
        source = (
            "{{ mission.kpis[0].weight|percent }}|{{ 97.5|string }}|"
            "{{ mission.kpis[3].unit|unit }}|{{ ['a', 'b', 'c']|and_list }}|"
            "{{ 'DE'|country }}|{{ mission.contacts[0].role|upper_first }}|"
            "{{ milestones[2].horizon|horizon_name }}|{{ milestones[0].due|date('full') }}\n"
        )
        doc = _spec(templates={"specification.md.j2": source})
        assert doc.body.splitlines()[0] == (
            f"200{NBSP}%|97.5|h|a, b et c|Allemagne|Interlocuteur privilégié|fin d'année|"
            "jeudi\xa02\xa0avril\xa02026"
        )

    def test_days_filter(self) -> None:
        source = "{{ 1|days }}|{{ 45|days }}|{{ 1200|days }}\n"
        fr = _spec(templates={"specification.md.j2": source})
        assert fr.body.splitlines()[0] == f"1{NBSP}jour|45{NBSP}jours|1{NNBSP}200{NBSP}jours"
        en = _spec(lang="en", templates={"specification.md.j2": source})
        assert en.body.splitlines()[0] == "1 day|45 days|1,200 days"


class TestLabels:
    def test_every_enum_member_has_a_label_in_every_language(self) -> None:
        assert set(labels.table_classes()) == set(registry.ENUMS)
        for cls in registry.ENUMS:
            for member in cls:
                for lang in labels.LANGUAGES:
                    assert (type(member), member.value) in _labels._LABELS, (cls, member)
                    assert labels.enum_label(member, lang).strip(), (cls, member, lang)

    def test_same_value_in_two_enums_gets_its_own_label(self) -> None:
        assert labels.enum_label(vendorgov.ActivityKind.OTHER, "fr") == "autre"
        assert labels.enum_label(vendorgov.ContactRole.OTHER, "fr") == "autre contact"


# -- escaping ----------------------------------------------------------------------------------
class TestMarkdownEscaping:
    @pytest.mark.parametrize(
        ("raw", "escaped"),
        [
            ("**bold**", r"\*\*bold\*\*"),
            ("_x_", r"\_x\_"),
            ("on_time_shipping", "on_time_shipping"),
            ("| a | b |", r"\| a \| b \|"),
            ("# title", r"\# title"),
            ("Ticket #42", "Ticket #42"),
            ("`code`", r"\`code\`"),
            ("[link](http://x)", r"\[link\](http://x)"),
            ("<b>", r"\<b\>"),
            ("a\\b", r"a\\b"),
            ("line\nbreak", "line break"),
            ("- item", r"\- item"),
            ("-5 °C", "-5 °C"),
            ("1. one", r"1\. one"),
            ("2026. Bonne année", r"2026\. Bonne année"),
            ("---", r"\---"),
            ("&amp;", r"\&amp;"),
            ("R&D", "R&D"),
            ("~~x~~", r"\~\~x\~\~"),
            ("  spaced  ", "spaced"),
            ("plain words", "plain words"),
        ],
    )
    def test_escape(self, raw: str, escaped: str) -> None:
        assert escaping.escape_markdown(raw) == escaped

    @pytest.mark.parametrize("raw", HOSTILE)
    def test_reads_back_as_the_same_text(self, raw: str) -> None:
        # Escaped, the value is one paragraph whose visible text is the value (line breaks
        # read as spaces).
        escaped = escaping.escape_markdown(raw)
        assert _markdown_shape(escaped) == [
            ("paragraph_open", "p"),
            ("inline",),
            ("paragraph_close", "p"),
        ]
        expected = re.sub(r"\s*\n\s*", " ", raw).strip()
        assert _markdown_text(escaped).strip() == expected

    def test_paragraphs_keep_blank_lines(self) -> None:
        text = "First *one*\ncontinued.\n\n\n# Second\n\n- third"
        assert str(escaping.markdown_paragraphs(text)) == (
            "First \\*one\\* continued.\n\n\\# Second\n\n\\- third"
        )
        assert str(escaping.html_paragraphs("a < b\n\nc")) == "<p>a &lt; b</p>\n<p>c</p>"


@pytest.fixture(scope="module")
def hostile() -> vendorgov.Mission:
    return hostile_mission()


@pytest.fixture(scope="module")
def plain() -> vendorgov.Mission:
    return plain_mission()


class TestHostileData:
    """Hostile strings in every free-text field of a mission: nothing becomes markup."""

    def test_the_mission_is_hostile_everywhere(self, hostile: vendorgov.Mission) -> None:
        assert hostile.specification is not None
        assert hostile.specification.context.count("<script>") == 1
        assert all("**bold**" in item for item in hostile.specification.objectives)
        assert "<script>" in hostile.client.name
        assert "<script>" in hostile.contacts[0].title

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_html_structure_is_unchanged(
        self, hostile: vendorgov.Mission, plain: vendorgov.Mission, lang: str
    ) -> None:
        bad = render(hostile, "specification", lang=lang, format="html").text
        good = render(plain, "specification", lang=lang, format="html").text
        bad_shape, good_shape = _html_shape(bad), _html_shape(good)
        assert bad_shape.tags == good_shape.tags
        assert "script" not in bad_shape.tags
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in bad
        text = "".join(bad_shape.text)
        for raw in HOSTILE[:9]:
            assert raw in text  # shown literally
        assert "{{ 7*7 }}" in text
        assert "{% raw %}" in text

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_markdown_structure_is_unchanged(
        self, hostile: vendorgov.Mission, plain: vendorgov.Mission, lang: str
    ) -> None:
        bad = render(hostile, "specification", lang=lang, format="md").text
        good = render(plain, "specification", lang=lang, format="md").text
        assert _markdown_shape(bad) == _markdown_shape(good)
        count = Counter(token.type for token in _MARKDOWN.parse(bad))
        assert count == Counter(token.type for token in _MARKDOWN.parse(good))
        # table rows and columns, headings: the same as with plain words
        assert [line.count(" | ") for line in bad.splitlines() if line.startswith("|")] == [
            line.count(" | ") for line in good.splitlines() if line.startswith("|")
        ]
        # the literal characters are there, escaped
        for fragment in (r"\<script\>", r"\*\*bold\*\*", r"\_x\_", r"\| a \| b \|", r"\`code\`"):
            assert fragment in bad
        seen = _markdown_text(bad)
        for raw in HOSTILE[:9]:
            assert raw in seen

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_jinja_in_data_is_never_evaluated(
        self, hostile: vendorgov.Mission, lang: str, fmt: str
    ) -> None:
        text = render(hostile, "specification", lang=lang, format=fmt).text
        seen = "".join(_html_shape(text).text) if fmt == "html" else _markdown_text(text)
        seen = seen.replace("\u00a0", " ")  # phone numbers print on one line
        # every hostile value shows all its parts, the Jinja ones as written
        shown = seen.count("**bold**")
        assert shown > 10
        assert seen.count("{{ 7*7 }}") == seen.count("{% raw %}") == shown


# -- draft mode and missing values -------------------------------------------------------------
class TestMissingValues:
    def test_mission_without_specification_is_refused(self) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), specification=None)
        with pytest.raises(ValidationError) as caught:
            render(mission, "specification")
        assert [d.path for d in caught.value.errors] == ["specification"]

    def test_every_missing_field_is_listed_with_its_path(self) -> None:
        mission = _with_spec(
            examples.demo_mission("logistique"), context=" ", objectives=(), deliverables=()
        )
        activities = (attrs.evolve(fulfilment(), budget=None, expected_results=()),)
        mission = attrs.evolve(
            mission, activities=activities, spend=(), value_entries=(), contract=None
        )
        with pytest.raises(ValidationError) as caught:
            render(mission, "specification", format="html")
        assert [d.path for d in caught.value.errors] == [
            "specification.context",
            "specification.objectives",
            "activities[0].expected_results",
            "activities[0].budget",
        ]
        assert "draft=True" in caught.value.errors[0].message

    @pytest.mark.parametrize(
        ("lang", "placeholder"),
        [
            ("fr", "[À COMPLÉTER\u202f: specification.context]"),
            ("en", "[TO BE COMPLETED: specification.context]"),
        ],
    )
    def test_draft_shows_placeholders(self, lang: str, placeholder: str) -> None:
        mission = _with_spec(examples.demo_mission("logistique"), context="")
        md = render(mission, "specification", lang=lang, draft=True)
        assert placeholder in md.text
        assert md.missing == ("specification.context",)
        html_doc = render(mission, "specification", lang=lang, format="html", draft=True)
        assert f'<mark class="vg-missing">{placeholder}</mark>' in html_doc.text
        assert 'class="vg-draft"' in html_doc.text
        assert "vg-draft-banner" in html_doc.text

    def test_draft_of_a_mission_without_specification(self) -> None:
        mission = minimal_mission()
        doc = render(mission, "specification", lang="en", draft=True)
        page = render(mission, "specification", lang="en", format="html", draft=True)
        assert "<title>Specification — [TO BE COMPLETED: specification.title]</title>" in page.text
        assert "# [TO BE COMPLETED: specification.title]" in doc.text
        assert "- [TO BE COMPLETED: specification.objectives]" in doc.text
        assert "activities" in doc.missing
        assert "specification" in doc.missing
        html_doc = render(mission, "specification", lang="fr", format="html", draft=True)
        assert "[À COMPLÉTER\u202f: specification.scope_in]" in html_doc.text

    def test_undefined_name_strict_and_draft(self) -> None:
        templates = {"specification.md.j2": "Hello\n{{ mision.name }}\n"}
        with pytest.raises(TemplateError) as caught:
            _spec(templates=templates)
        assert (caught.value.template, caught.value.line) == ("specification.md.j2", 2)
        assert "'mision' is undefined" in str(caught.value)
        doc = _spec(templates=templates, draft=True)
        assert "[À COMPLÉTER\u202f: mision.name]" in doc.text
        assert doc.missing == ("mision.name",)

    def test_draft_is_not_lenient_about_security(self) -> None:
        with pytest.raises(TemplateError, match="unsafe"):
            _spec(templates={"specification.md.j2": "{{ spec.__class__ }}"}, draft=True)


# -- users' templates --------------------------------------------------------------------------
class TestUserTemplates:
    def test_override_by_folder_falls_back_for_the_rest(self, tmp_path: Path) -> None:
        (tmp_path / "specification.md.j2").write_text(
            "Mission {{ mission.name }}\n", encoding="utf-8"
        )
        md = _spec(templates=tmp_path)
        assert md.text.startswith("Mission Logistique e-commerce\n")
        html_doc = _spec(templates=tmp_path, format="html")
        assert html_doc.text == _spec(format="html").text  # not overridden: built-in

    def test_override_by_mapping(self) -> None:
        doc = _spec(templates={"specification.md.j2": "{{ spec.title }} / {{ budget_total }}\n"})
        assert doc.text.startswith(
            "Cahier des charges : logistique e-commerce de Maison Lumière / "
            f"83{NNBSP}700,00{NBSP}€\n"
        )

    def test_language_specific_name_wins(self) -> None:
        templates = {"specification.md.j2": "any\n", "en/specification.md.j2": "english\n"}
        assert _spec(templates=templates, lang="en").text.startswith("english\n")
        assert _spec(templates=templates, lang="fr").text.startswith("any\n")

    def test_override_a_shared_template(self) -> None:
        templates = {"style.css.j2": "body { color: rebeccapurple; }"}
        doc = _spec(templates=templates, format="html")
        assert "rebeccapurple" in doc.text
        assert "@page" not in doc.text
        assert '<h2 id="section-1">1. Parties</h2>' in doc.text

    def test_user_templates_can_extend_built_ins(self) -> None:
        templates = {
            "specification.html.j2": (
                '{% extends "base.html.j2" %}{% block content %}<p>{{ mission.name }}</p>'
                "{% endblock %}"
            )
        }
        doc = _spec(templates=templates, format="html")
        assert "<p>Logistique e-commerce</p>" in doc.text
        assert "@page" in doc.text

    def test_edits_to_a_folder_are_picked_up(self, tmp_path: Path) -> None:
        template = tmp_path / "specification.md.j2"
        template.write_text("one\n", encoding="utf-8")
        assert _spec(templates=tmp_path).text.startswith("one\n")
        template.write_text("two\n", encoding="utf-8")
        os.utime(template, ns=(template.stat().st_mtime_ns + 10**9,) * 2)
        assert _spec(templates=tmp_path).text.startswith("two\n")

    def test_formats_are_escaped_in_user_templates_too(self) -> None:
        mission = hostile_mission()
        templates = {"specification.md.j2": "| {{ client.name }} |\n"}
        text = render(mission, "specification", templates=templates).text
        assert text.splitlines()[0].count("|") - text.splitlines()[0].count("\\|") == 2

    def test_syntax_error_names_template_and_line(self) -> None:
        with pytest.raises(TemplateError) as caught:
            _spec(templates={"specification.md.j2": "ok\n{% if %}\n"})
        assert (caught.value.template, caught.value.line) == ("specification.md.j2", 2)

    def test_error_in_an_included_template_names_it(self) -> None:
        templates = {
            "specification.md.j2": 'top\n{% include "part.j2" %}\n',
            "part.j2": "a\nb\n{{ 1 / 0 }}\n",
        }
        with pytest.raises(TemplateError) as caught:
            _spec(templates=templates)
        assert (caught.value.template, caught.value.line) == ("part.j2", 3)
        assert "division by zero" in caught.value.message

    def test_missing_include(self) -> None:
        with pytest.raises(TemplateError, match=r"no template named 'nope\.j2'"):
            _spec(templates={"specification.md.j2": '{% include "nope.j2" %}'})


class TestSandbox:
    ESCAPES: ClassVar[list[str]] = [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ mission|attr('__class__') }}",
        "{{ cycler|attr('__init__')|attr('__globals__') }}",
        "{{ (mission.kpi|attr('__globals__')) }}",
        "{{ '{0.__class__}'.format(mission) }}",
        "{{ '{x.__class__.__init__.__globals__}'.format_map({'x': mission}) }}",
        "{{ mission.__init__.__globals__ }}",
        "{{ mission._problems }}",
        "{{ self._TemplateReference__context }}",
        "{{ namespace.__init__ }}",
        "{{ [1].append(2) }}",
        "{{ {'a': 1}.update({'b': 2}) }}",
        "{{ '%s'|format(mission) }}",
        "{{ 'x' * 100000000 }}",
        "{{ ['x'] * 100000000 }}",
        "{{ 'x'|center(100000000) }}",
        "{{ 'x'.ljust(100000000) }}",
        "{{ 2 ** 100000 }}",
        "{{ '%0100000000d' % 1 }}",
        "{{ '%*d' % (100000000, 1) }}",
        "{{ '%.100000000f' % 1 }}",
        "{% set ns = namespace(s='x' * 1000) %}"
        "{% for i in range(20) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "{% set ns = namespace(s='x' * 1000) %}"
        "{% for i in range(20) %}{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "{% for i in range(1000000) %}{% endfor %}",
        "{{ lipsum(1000000) }}",
    ]

    @pytest.mark.parametrize("source", ESCAPES)
    def test_escape_attempts_raise_a_vendorgov_error(self, source: str) -> None:
        with pytest.raises(TemplateError) as caught:
            _spec(templates={"specification.md.j2": "line one\n" + source + "\n"})
        assert caught.value.template == "specification.md.j2"
        assert caught.value.line == 2

    def test_output_size_is_limited(self) -> None:
        source = (
            "{% for i in range(100000) %}{{ mission.name }}{{ mission.description }}{% endfor %}"
        )
        with pytest.raises(TemplateError, match="exceeds the limit of 10000000 characters"):
            _spec(templates={"specification.md.j2": source})

    def test_built_in_templates_run_in_the_sandbox(self) -> None:
        # With any user template, the built-ins run sandboxed, and still render the same.
        for fmt in ("md", "html"):
            sandboxed = _spec(format=fmt, templates={"unused.j2": ""})
            assert sandboxed.text == _spec(format=fmt).text

    def test_the_sandbox_is_used_only_for_user_templates(self) -> None:
        built_in = environment.environment("fr", "md", False, None)
        user = environment.environment("fr", "md", False, environment.source_key({"a.j2": ""}))
        assert type(built_in) is __import__("jinja2").Environment
        assert isinstance(user, __import__("jinja2").sandbox.ImmutableSandboxedEnvironment)


class TestEnvironmentCache:
    def test_one_environment_per_key(self) -> None:
        first = environment.environment("fr", "md", False, None)
        assert environment.environment("fr", "md", False, None) is first
        assert environment.environment("fr", "md", True, None) is not first
        assert environment.environment("en", "md", False, None) is not first
        assert environment.environment("fr", "html", False, None) is not first

    def test_templates_compile_once(self) -> None:
        _spec()
        env = environment.environment("fr", "md", False, None)
        assert env.get_template("specification.md.j2") is env.get_template("specification.md.j2")

    def test_equal_mappings_share_an_environment(self) -> None:
        key = environment.source_key({"a.j2": "x", "b.j2": "y"})
        assert key == environment.source_key({"b.j2": "y", "a.j2": "x"})

    def test_no_randomness_available(self) -> None:
        env = environment.environment("fr", "md", False, None)
        assert "random" not in env.filters
        assert "lipsum" not in env.globals


# -- determinism and hashes --------------------------------------------------------------------
_PRINT_HASHES = """
import hashlib, json, vendorgov
out = {}
for mission in vendorgov.examples.demo_missions():
    for lang in ("fr", "en"):
        for fmt in ("md", "html"):
            doc = vendorgov.render(mission, "specification", lang=lang, format=fmt)
            out[f"{mission.key}.{lang}.{fmt}"] = doc.sha256
moment = {"specification.md.j2": "{{ mission.kickoff.scheduled|datetime }}"}
out["kickoff"] = vendorgov.render(mission, "specification", templates=moment).body
print(json.dumps(out))
"""


class TestDeterminism:
    def test_twice_gives_the_same_bytes(self) -> None:
        for key in DEMOS:
            for lang, fmt in VARIANTS:
                mission = examples.demo_mission(key)
                first = render(mission, "specification", lang=lang, format=fmt)
                again = render(mission, "specification", lang=lang, format=fmt)
                assert first.text == again.text
                assert first == again

    def test_same_bytes_under_another_timezone_and_locale(self) -> None:
        here = {
            f"{key}.{lang}.{fmt}": render(
                examples.demo_mission(key), "specification", lang=lang, format=fmt
            ).sha256
            for key in DEMOS
            for lang, fmt in VARIANTS
        }
        moment = {"specification.md.j2": "{{ mission.kickoff.scheduled|datetime }}"}
        here["kickoff"] = _spec("site_web", templates=moment).body
        assert here["kickoff"].startswith("27\xa0avril\xa02026, ")  # in Europe/Paris
        env = os.environ | {
            "TZ": "Pacific/Auckland",
            "LANG": "ja_JP.UTF-8",
            "LC_ALL": "ja_JP.UTF-8",
            "PYTHONHASHSEED": "12345",
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


class TestDocumentHashes:
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_hashes_recompute_from_their_definitions(self, lang: str, fmt: str) -> None:
        mission = examples.demo_mission("community")
        at = dt.date(2026, 3, 20)
        doc = render(mission, "specification", lang=lang, format=fmt, at=at)
        raw = doc.text.encode("utf-8")
        assert doc.sha256 == hashlib.sha256(raw).hexdigest()
        marker = "<!-- vendorgov:integrity -->" if fmt == "md" else '<footer class="vg-integrity"'
        body = doc.text[: doc.text.rindex(marker)]
        assert doc.body == body
        assert doc.body_sha256 == hashlib.sha256(body.encode("utf-8")).hexdigest()
        params = json.dumps(
            {
                "at": "2026-03-20",
                "document": "specification",
                "draft": False,
                "format": fmt,
                "lang": lang,
            },
            sort_keys=True,
            separators=(",", ":"),
        )
        payload = params + "\n" + vendorgov.dumps(mission, "json")
        assert doc.data_sha256 == hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_footer_states_both_hashes(self, lang: str, fmt: str) -> None:
        doc = _spec(lang=lang, format=fmt)
        footer = doc.text[len(doc.body) :]
        assert doc.data_sha256 in footer
        assert doc.body_sha256 in footer
        assert doc.sha256 not in doc.text
        if fmt == "html":
            assert footer.endswith("</footer>\n</body>\n</html>\n")

    def test_data_hash_depends_on_data_and_parameters(self) -> None:
        hashes = {
            _spec().data_sha256,
            _spec(lang="en").data_sha256,
            _spec(format="html").data_sha256,
            _spec(draft=True).data_sha256,
            _spec(at=dt.date(2026, 1, 1)).data_sha256,
            _spec("community").data_sha256,
        }
        assert len(hashes) == 6

    def test_media_types(self) -> None:
        assert _spec().media_type == "text/markdown; charset=utf-8"
        assert _spec(format="html").media_type == "text/html; charset=utf-8"

    def test_write_keeps_the_exact_bytes_and_refuses_to_overwrite(self, tmp_path: Path) -> None:
        doc = _spec(format="html")
        target = doc.write(tmp_path / "spec.html")
        assert hashlib.sha256(target.read_bytes()).hexdigest() == doc.sha256
        with pytest.raises(FileExistsError):
            doc.write(target)
        assert doc.write(target, overwrite=True) == target

    def test_write_never_replaces_a_file_that_appears_meanwhile(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "spec.md"
        target.write_text("theirs", encoding="utf-8")
        # A check made before the write would have seen no file: the file appeared after it.
        monkeypatch.setattr(Path, "exists", lambda self, **kwargs: False)
        with pytest.raises(OverwriteError):
            _spec().write(target)
        assert target.read_text(encoding="utf-8") == "theirs"

    def test_write_refuses_a_folder(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError):
            _spec().write(tmp_path, overwrite=True)
        assert tmp_path.is_dir()

    def test_repr_is_short(self) -> None:
        text = repr(_spec())
        assert text.startswith("Document(name='specification', lang='fr', format='md', chars=")
        assert len(text) < 200


class TestImportCost:
    def test_import_vendorgov_loads_neither_jinja_nor_babel(self) -> None:
        code = (
            "import json, sys, vendorgov\n"
            "vendorgov.Mission, vendorgov.TemplateError\n"
            "print(json.dumps(sorted(sys.modules)))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
        ).stdout
        loaded = set(json.loads(out))
        assert not {"jinja2", "babel", "markupsafe", "vendorgov._documents"} & loaded

    def test_render_loads_on_first_use(self) -> None:
        code = (
            "import json, sys, vendorgov\n"
            "vendorgov.render, vendorgov.Document\n"
            "print(json.dumps(sorted(sys.modules)))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
        ).stdout
        assert {"jinja2", "babel", "vendorgov._documents"} <= set(json.loads(out))

    def test_lazy_names_are_the_real_ones(self) -> None:
        from vendorgov._documents.document import Document as Real
        from vendorgov._documents.render import render as real

        assert vendorgov.render is real
        assert vendorgov.Document is Real


class TestPackageData:
    def test_templates_are_package_data(self) -> None:
        from importlib import resources

        root = resources.files("vendorgov") / "templates"
        for fmt in ("md", "html"):  # one template per document and format, every language
            assert (root / "documents" / f"specification.{fmt}.j2").is_file()
        assert (root / "common" / "base.html.j2").is_file()


class TestPhoneNumbersStayOnOneLine:
    @pytest.mark.parametrize("document", ["specification", "kickoff", "contract"])
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_no_breakable_space_in_a_phone_number(self, document: str, lang: str, fmt: str) -> None:
        mission = examples.demo_mission("logistique")
        text = render(mission, document, lang=lang, format=fmt).text
        phones = [contact.phone for contact in mission.contacts if contact.phone]
        assert phones
        for phone in phones:
            assert phone not in text  # as written, with breakable spaces
        # each document lists the contacts it needs (the contract: primary and escalation)
        assert sum(phone.replace(" ", "\u00a0") in text for phone in phones) >= 2
