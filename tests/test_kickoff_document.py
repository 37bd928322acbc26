"""The kickoff pack (*dossier de lancement*): content, escaping, draft mode, calendars.

Golden files: the demo missions' kickoff packs, in both languages and both formats, are
checked in under ``tests/golden/kickoff/`` and compared byte for byte. After a deliberate
change to a template, regenerate them and read the diff::

    VENDORGOV_UPDATE_GOLDEN=1 pytest tests/test_kickoff_document.py -k Golden
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import subprocess
import sys
import zoneinfo
from pathlib import Path
from typing import Any

import attrs
import pytest
from markdown_it import MarkdownIt

import vendorgov
from factories import minimal_mission
from test_documents import (
    HOSTILE,
    _hostile_text,
    _html_shape,
    _markdown_shape,
    _markdown_text,
    _plain_text,
    _transform,
)
from vendorgov import (
    AgendaItem,
    Cadence,
    Contact,
    ContactRole,
    Document,
    Frequency,
    IntegrationKind,
    IntegrationStep,
    Kickoff,
    Resource,
    Side,
    Tool,
    ToolCategory,
    Training,
    ValidationError,
    Weekday,
    examples,
    render,
    review_times,
)

GOLDEN = Path(__file__).parent / "golden" / "kickoff"
UPDATE_GOLDEN = os.environ.get("VENDORGOV_UPDATE_GOLDEN") == "1"
VARIANTS = [(lang, fmt) for lang in ("fr", "en") for fmt in ("md", "html")]
DEMOS = examples.DEMO_KEYS

NNBSP = "\u202f"  # narrow no-break space: Babel's space before AM/PM
THIN = "\u2009"  # thin space: Babel's around the dash of an interval
NBSP = "\u00a0"


def _kickoff(key: str = "logistique", **changes: Any) -> Document:
    return render(examples.demo_mission(key), "kickoff", **changes)


def _with_kickoff(mission: vendorgov.Mission, **changes: Any) -> vendorgov.Mission:
    assert mission.kickoff is not None
    return attrs.evolve(mission, kickoff=attrs.evolve(mission.kickoff, **changes))


def _shown(doc: Document) -> str:
    """What a reader sees: the text of the HTML, or of the Markdown rendered to HTML."""
    if doc.format == "html":
        return "".join(_html_shape(doc.text).text)
    return _markdown_text(doc.text)


def _headings(doc: Document) -> list[str]:
    if doc.format == "md":
        return re.findall(r"^## (\d+\. .+)$", doc.body, re.MULTILINE)
    return [html.unescape(h) for h in re.findall(r'<h2 id="section-\d+">(.+)</h2>', doc.body)]


def _line(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


HEADINGS = {
    "fr": [
        "1. Réunion de lancement",
        "2. Ordre du jour",
        "3. Ressources et documents remis",
        "4. Accès aux outils partagés",
        "5. Formations",
        "6. Intégration du prestataire",
        "7. Interlocuteurs et circuit d'escalade",
        "8. Calendrier des points d'étape",
        "9. Calendrier du reporting",
    ],
    "en": [
        "1. Kickoff meeting",
        "2. Agenda",
        "3. Resources and documents handed over",
        "4. Access to the shared tools",
        "5. Trainings",
        "6. Integration of the provider",
        "7. Points of contact and escalation path",
        "8. Review calendar",
        "9. Reporting calendar",
    ],
}


# -- the demo documents ------------------------------------------------------------------------
class TestRenderDemos:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_renders_everything_the_mission_holds(self, key: str, lang: str, fmt: str) -> None:
        mission = examples.demo_mission(key)
        doc = render(mission, "kickoff", lang=lang, format=fmt)
        assert (doc.name, doc.lang, doc.format) == ("kickoff", lang, fmt)
        assert doc.missing == ()
        assert "COMPL" not in doc.text
        assert _headings(doc) == HEADINGS[lang]
        kickoff = mission.kickoff
        assert kickoff is not None
        seen = _shown(doc)
        texts = [
            *(item.title for item in kickoff.agenda),
            *(item.owner for item in kickoff.agenda),
            *(resource.name for resource in kickoff.resources),
            *(training.topic for training in kickoff.trainings),
            *(training.audience for training in kickoff.trainings),
            *(tool.name for tool in mission.tools),
            *(tool.url for tool in mission.tools if tool.url),
            *(step.description for step in mission.integration),
            *(contact.name for contact in mission.contacts),
            *(milestone.name for milestone in mission.milestones),
            kickoff.location,
        ]
        for text in texts:
            assert text in seen, text

    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_body_has_no_leftover_syntax(self, lang: str, fmt: str) -> None:
        body = _kickoff(lang=lang, format=fmt).body
        assert "{{" not in body
        assert "{%" not in body
        assert "\n\n\n" not in body
        if fmt == "md":
            # every table row has as many cells as its header
            tables = re.findall(r"((?:^\|.*\|\n)+)", body, re.MULTILINE)
            assert len(tables) >= 8
            for table in tables:
                widths = {len(re.split(r"(?<!\\)\|", row)) for row in table.splitlines()}
                assert len(widths) == 1, table


class TestGolden:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize(("lang", "fmt"), VARIANTS)
    def test_matches_golden_file(self, key: str, lang: str, fmt: str) -> None:
        doc = render(examples.demo_mission(key), "kickoff", lang=lang, format=fmt)
        path = GOLDEN / f"{key}.{lang}.{fmt}"
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.text.encode("utf-8"))
        assert path.exists(), f"missing {path}: run with VENDORGOV_UPDATE_GOLDEN=1"
        assert doc.text.encode("utf-8") == path.read_bytes()


# -- the meeting and its agenda ----------------------------------------------------------------
class TestMeeting:
    def test_date_hours_and_place_in_french(self) -> None:
        text = _kickoff().text
        assert "- **Date\u202f:** Lundi\xa023\xa0février\xa02026\n" in text
        assert f"- **Horaires\u202f:** 09:30{THIN}–{THIN}12:10 (heure d’Europe centrale)\n" in text
        assert "- **Lieu\u202f:** Entrepôt LogiDauphiné, Saint-Quentin-Fallavier\n" in text
        assert "- **Statut\u202f:** réunion tenue le 23\xa0février\xa02026\n" in text

    def test_date_and_hours_in_english_html(self) -> None:
        text = _kickoff(lang="en", format="html").text
        assert '<tr><th scope="row">Date</th><td>Monday, February 23, 2026</td></tr>' in text
        assert f"9:30{NNBSP}AM{THIN}–{THIN}12:10{NNBSP}PM" in text
        assert "(Central European Time)" in text

    def test_time_is_shown_in_the_missions_timezone(self) -> None:
        mission = _with_kickoff(
            examples.demo_mission("logistique"),
            scheduled=dt.datetime(2026, 2, 23, 14, 30, tzinfo=dt.UTC),
        )
        mission = attrs.evolve(mission, timezone="America/New_York")
        text = render(mission, "kickoff", lang="en").text
        assert "- **Date:** Monday, February 23, 2026\n" in text
        assert f"9:30{NNBSP}AM{THIN}–{THIN}12:10{NNBSP}PM (Eastern Time)" in text
        assert _line(text, "| 9:45").startswith(f"| 9:45{NNBSP}AM | Maison Lumière")

    def test_agenda_times_owners_and_total(self) -> None:
        text = _kickoff().text
        assert _line(text, "| 09:30 |") == (
            "| 09:30 | Tour de table : interlocuteurs privilégiés et contacts d'escalade "
            f"| Julien Bernard | 15{NBSP}min |"
        )
        assert _line(text, "| 11:40 |") == (
            f"| 11:40 | Visite de l'entrepôt | Karim Benali | 30{NBSP}min |"
        )
        assert f"| | **Durée totale** — fin prévue à 12:10 | | **2{NNBSP}h 40{NBSP}min** |" in text
        en = _kickoff(lang="en", format="html").text
        assert '<td class="num">2 hr 40 min</td>' in en
        assert f"expected to end at 12:10{NNBSP}PM" in en

    def test_agenda_without_a_scheduled_time_has_no_time_column(self) -> None:
        mission = _with_kickoff(examples.demo_mission("logistique"), scheduled=None, held_on=None)
        doc = render(mission, "kickoff", draft=True)
        assert doc.missing == ("kickoff.scheduled",)
        assert "| Sujet | Animé par | Durée |" in doc.text
        assert f"| **Durée totale** | | **2{NNBSP}h 40{NBSP}min** |" in doc.text
        assert "- **Date\u202f:** [À COMPLÉTER\u202f: kickoff.scheduled]" in doc.text

    def test_attendees_are_both_sides_with_their_roles(self) -> None:
        text = _kickoff(lang="en").text
        assert (
            "| Julien Bernard | Maison Lumière SAS | Responsable des opérations | Primary contact |"
        ) in text
        assert (
            "| Nathalie Perrin | LogiDauphiné SAS | Directrice des opérations "
            "| Escalation contact |" in text
        )
        assert "| Karim Benali | LogiDauphiné SAS | Chef d'entrepôt | — |" in text


# -- what is handed over, granted, taught ------------------------------------------------------
class TestHandover:
    def test_resource_statuses(self) -> None:
        text = _kickoff().text
        assert "| Document | Faite le 16\xa0février\xa02026 |" in text
        assert "| Faite le 28\xa0février\xa02026 (attendue le 27\xa0février\xa02026) |" in text
        assert "| Document | Attendue le 15\xa0décembre\xa02026 |" in text
        en = _kickoff(lang="en").text
        assert "| Handed over on February 28, 2026 (due February 27, 2026) |" in en
        assert "| Document | Due December 15, 2026 |" in en

    def test_overdue_and_pending_resources(self) -> None:
        mission = _with_kickoff(
            examples.demo_mission("logistique"),
            resources=(
                Resource(name="Procédure de rappel", due=dt.date(2026, 12, 15)),
                Resource(name="Plan de l'entrepôt"),
            ),
        )
        at = dt.date(2027, 1, 4)
        text = render(mission, "kickoff", at=at).text
        assert (
            "| Procédure de rappel | Document | **En retard\u202f:** attendue le "
            "15\xa0décembre\xa02026 |" in text
        )
        assert "| Plan de l'entrepôt | Document | En attente, date à fixer |" in text
        assert "| Due December 15, 2026 |" in render(mission, "kickoff", lang="en").text
        page = render(mission, "kickoff", lang="en", format="html", at=at).text
        assert '<td class="vg-status-overdue">Overdue: due December 15, 2026</td>' in page
        assert '<td class="vg-status-pending">Pending, no date set</td>' in page

    def test_tool_access(self) -> None:
        tools = (
            Tool(
                name="Slack",
                category=ToolCategory.MESSAGING,
                url="https://x.slack.com",
                access_granted_on=dt.date(2026, 2, 17),
            ),
            Tool(name="Jira", category=ToolCategory.PROJECT_MANAGEMENT),
            Tool(
                name="Dropbox",
                category=ToolCategory.STORAGE,
                access_granted_on=dt.date(2026, 2, 17),
                access_revoked_on=dt.date(2026, 6, 1),
            ),
        )
        mission = attrs.evolve(examples.demo_mission("logistique"), tools=tools)
        text = render(mission, "kickoff").text
        assert (
            "| Slack | Messagerie | https://x.slack.com | Ouvert le 17\xa0févr.\xa02026 |" in text
        )
        assert "| Jira | Gestion de projet | — | **À ouvrir** |" in text
        assert (
            "| Dropbox | Partage de fichiers | — "
            "| Fermé le 1er\xa0juin\xa02026 (ouvert le 17\xa0févr.\xa02026) |" in text
        )
        page = render(mission, "kickoff", lang="en", format="html").text
        assert '<a href="https://x.slack.com">https://x.slack.com</a>' in page
        assert '<td class="vg-status-to_grant">To grant</td>' in page
        assert "Revoked on Jun 1, 2026" in page

    def test_trainings_planned_and_held(self) -> None:
        text = _kickoff().text
        assert _line(text, "| Emballage des produits fragiles") == (
            "| Emballage des produits fragiles (verre, céramique, bougies) "
            "| Préparateurs de commandes | Julien Bernard | 3\xa0mars\xa02026 | 4\xa0mars\xa02026 |"
        )
        assert _line(text, "| Colis endommagés").endswith(
            "| Émilie Robert | 8\xa0déc.\xa02026 | — |"
        )

    def test_integration_steps(self) -> None:
        text = _kickoff(lang="en").text
        assert _line(text, "| E-mail address").startswith(
            "| E-mail address (on the maison-lumiere.example domain) | Adresse logistique@"
        )
        assert _line(text, "| E-mail address").endswith("| Feb 23, 2026 | Feb 24, 2026 |")
        assert (
            "| Site visit | Accueil des chefs d'équipe de LogiDauphiné au showroom de Lyon "
            "| Dec 10, 2026 | — |" in text
        )

    def test_empty_optional_sections_leave_no_heading(self) -> None:
        mission = _with_kickoff(examples.demo_mission("logistique"), resources=(), trainings=())
        mission = attrs.evolve(mission, tools=(), integration=(), contract=None)
        for lang, fmt in VARIANTS:
            doc = render(mission, "kickoff", lang=lang, format=fmt)
            kept = [HEADINGS[lang][i] for i in (0, 1, 6, 7)]
            assert _headings(doc) == [f"{n}. {h.split('. ', 1)[1]}" for n, h in enumerate(kept, 1)]


# -- contacts and escalation -------------------------------------------------------------------
class TestContacts:
    def test_escalation_path(self) -> None:
        text = _kickoff().text
        assert (
            "   - Maison Lumière SAS\u202f: Julien Bernard, Responsable des opérations — "
            "julien.bernard@maison-lumiere.example, +33\u00a04\u00a065\u00a071\u00a020\u00a014\n"
        ) in text
        level_two = text[text.index("2. **Escalade") :]
        assert level_two.index("Sophie Garnier") < level_two.index("Nathalie Perrin")
        assert "| Karim Benali | LogiDauphiné SAS | Chef d'entrepôt | karim.benali@" in text

    def test_missing_escalation_contact_is_to_be_designated(self) -> None:
        mission = minimal_mission(
            kickoff=Kickoff(
                scheduled=dt.datetime(2027, 3, 10, 9, 30, tzinfo=dt.UTC),
                location="Lyon",
                agenda=(AgendaItem(title="Tour de table"),),
            ),
            review_cadence=Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO),
        )
        text = render(mission, "kickoff").text
        assert "   - LogiNord SAS\u202f: à désigner\n" in text
        assert "Autres contacts" not in text
        page = render(mission, "kickoff", lang="en", format="html").text
        assert '<span class="vg-note">To be designated</span>' in page


# -- calendars ---------------------------------------------------------------------------------
class TestReviewCalendar:
    def test_cadence_in_words_and_first_reviews(self) -> None:
        text = _kickoff().text
        assert (
            "Les points d'étape ont lieu le premier mardi de chaque mois à 10:00 et durent "
            f"1{NNBSP}h."
        ) in text
        assert "La mission en compte 12, du 3\xa0mars\xa02026 au 2\xa0février\xa02027." in text
        assert "### Premiers points d'étape" in text
        rows = [line for line in text.splitlines() if line.startswith("| Mardi\xa0")]
        assert rows[0] == f"| Mardi\xa03\xa0mars\xa02026 | 10:00{THIN}–{THIN}11:00 |"
        assert len(rows) == 6

    def test_upcoming_reviews_count_from_at(self) -> None:
        text = _kickoff(at=dt.date(2026, 9, 2)).text
        assert "### Prochains points d'étape" in text
        rows = [line for line in text.splitlines() if line.startswith("| Mardi\xa0")]
        assert rows[0].startswith("| Mardi\xa01er\xa0septembre\xa02026 |") is False
        assert rows[0].startswith("| Mardi\xa06\xa0octobre\xa02026 |")
        assert rows[-1].startswith("| Mardi\xa02\xa0février\xa02027 |")
        assert len(rows) == 5  # the last five of the mission

    def test_milestones_with_their_names_and_dates(self) -> None:
        text = _kickoff().text
        assert "| **M+1** | 2\xa0avril\xa02026 | Fin du premier mois : flux stabilisés. |" in text
        assert "| **M+6** | 2\xa0septembre\xa02026 |" in text
        assert "| **Fin d'année** | 31\xa0décembre\xa02026 |" in text
        en = _kickoff("community", lang="en").text
        assert "| **Fin d'année** (end of year) | December 31, 2026 |" in en

    def test_reviews_keep_their_local_time_across_daylight_saving(self) -> None:
        # Monday 10:00 in Paris, from before to after the last Sunday of March 2026 (29th).
        cadence = Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO, time=dt.time(10, 0))
        mission = attrs.evolve(
            examples.demo_mission("logistique"),
            start=dt.date(2026, 3, 16),
            review_cadence=cadence,
            keep_outside_measurements=True,  # the demo measures from 2026-03-02
        )
        times = review_times(cadence, mission.start, mission.end, "Europe/Paris")
        assert [moment.utcoffset() for moment in times[:3]] == [
            dt.timedelta(hours=1),
            dt.timedelta(hours=1),
            dt.timedelta(hours=2),
        ]
        fr = render(mission, "kickoff").text
        rows = [line for line in fr.splitlines() if line.startswith("| Lundi\xa0")]
        assert rows[:4] == [
            f"| Lundi\xa0{day} | 10:00{THIN}–{THIN}11:00 |"
            for day in (
                "16\xa0mars\xa02026",
                "23\xa0mars\xa02026",
                "30\xa0mars\xa02026",
                "6\xa0avril\xa02026",
            )
        ]
        en = render(mission, "kickoff", lang="en", format="html").text
        cells = re.findall(r"<tr><td>Monday, ([^<]+)</td><td>([^<]+)</td></tr>", en)
        assert cells[:3] == [
            (day, f"10:00{THIN}–{THIN}11:00{NNBSP}AM")
            for day in ("March 16, 2026", "March 23, 2026", "March 30, 2026")
        ]

    def test_a_review_in_the_spring_forward_gap(self) -> None:
        # 02:30 does not exist on 29 March 2026 in Paris: that review is at 03:30.
        cadence = Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.SU, time=dt.time(2, 30))
        mission = attrs.evolve(
            examples.demo_mission("logistique"),
            start=dt.date(2026, 3, 22),
            review_cadence=cadence,
            keep_outside_measurements=True,  # the demo measures from 2026-03-02
        )
        rows = [
            line for line in render(mission, "kickoff").text.splitlines() if "| Dimanche" in line
        ]
        assert rows[:3] == [
            f"| Dimanche\xa022\xa0mars\xa02026 | 02:30{THIN}–{THIN}03:30 |",
            f"| Dimanche\xa029\xa0mars\xa02026 | 03:30{THIN}–{THIN}04:30 |",
            f"| Dimanche\xa05\xa0avril\xa02026 | 02:30{THIN}–{THIN}03:30 |",
        ]


class TestReportingCalendar:
    def test_cadence_grace_and_first_due_dates(self) -> None:
        text = _kickoff().text
        assert (
            "Le prestataire remet un rapport chaque lundi. Chaque rapport couvre la période "
            "écoulée depuis l'échéance précédente\u202f; un délai de grâce de "
            f"1{NBSP}jour est admis après chaque échéance. "
            "La mission en compte 52 jusqu'au 1er\xa0mars\xa02027."
        ) in text
        assert (
            "| 2–9\xa0mars\xa02026 | Lundi\xa09\xa0mars\xa02026 | Mardi\xa010\xa0mars\xa02026 |"
            in text
        )
        assert (
            f"| 31\xa0mars{THIN}–{THIN}6\xa0avr.\xa02026 | Lundi\xa06\xa0avril\xa02026 "
            "| Mardi\xa07\xa0avril\xa02026 |" in text
        )

    def test_due_dates_are_those_of_the_compliance_check(self) -> None:
        mission = examples.demo_mission("site_web")
        contract = mission.contract
        assert contract is not None
        lines = vendorgov.reporting_compliance(mission, min(mission.end, contract.term_end)).lines
        text = render(mission, "kickoff", lang="en").text
        table = text[text.index("### First due dates") :]
        dues = re.findall(r"^\| [^|]+ \| (\w+, \w+ \d+, \d{4}) \|", table, re.MULTILINE)
        assert dues == [
            f"{line.due:%A}, {line.due:%B} {line.due.day}, {line.due.year}" for line in lines[:6]
        ]
        assert "a grace period of 10 days is allowed" in text
        assert "on the last day of every month" in text

    def test_no_grace_period(self) -> None:
        mission = examples.demo_mission("logistique")
        assert mission.contract is not None
        assert mission.contract.reporting is not None
        clause = attrs.evolve(mission.contract.reporting, grace_days=0)
        mission = attrs.evolve(mission, contract=attrs.evolve(mission.contract, reporting=clause))
        assert (
            "depuis l'échéance précédente, sans délai de grâce." in render(mission, "kickoff").text
        )


# -- escaping: nothing from data becomes markup ------------------------------------------------
HOSTILE_URLS = (
    'https://ok.example/"><script>alert(1)</script>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    'https://ok.example/" onmouseover="alert(1)',
)


def _targeted(texts: tuple[str, ...], urls: tuple[str, ...]) -> vendorgov.Mission:
    """The logistics mission with ``texts`` in the agenda, resources and trainings, and
    ``urls`` as the tools' addresses."""
    mission = examples.demo_mission("logistique")
    assert mission.kickoff is not None
    kickoff = mission.kickoff

    def text(index: int) -> str:
        return texts[index % len(texts)]

    agenda = tuple(
        attrs.evolve(item, title=text(i), owner=text(i + 4))
        for i, item in enumerate(kickoff.agenda)
    )
    resources = tuple(
        attrs.evolve(item, name=text(i + 1), description=text(i))
        for i, item in enumerate(kickoff.resources)
    )
    trainings = tuple(
        attrs.evolve(item, topic=text(i + 5), trainer=text(i + 8))
        for i, item in enumerate(kickoff.trainings)
    )
    tools = tuple(
        attrs.evolve(mission.tools[i % len(mission.tools)], url=url, notes=text(i + 2))
        for i, url in enumerate(urls)
    )
    kickoff = attrs.evolve(kickoff, agenda=agenda, resources=resources, trainings=trainings)
    return attrs.evolve(mission, kickoff=kickoff, tools=tools)


def _hostile_kickoff() -> vendorgov.Mission:
    return _targeted(("<b>x</b>", "<i>n</i>", *HOSTILE), HOSTILE_URLS)


def _plain_kickoff() -> vendorgov.Mission:
    plain = tuple(f"Texte {i}" for i in range(len(HOSTILE) + 2))
    urls = ("https://ok.example/", *(f"ftp://files.example/{i}" for i in range(1, 9)))
    return _targeted(plain, urls)


class TestHostileData:
    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_html_of_a_mission_hostile_everywhere(self, lang: str) -> None:
        # (milestones renamed: the amendment naming one is left out)
        base = attrs.evolve(examples.demo_mission("logistique"), amendments=())
        hostile = _transform(base, _hostile_text, [0])
        plain = _transform(base, _plain_text, [0])
        assert hostile.kickoff is not None
        assert "<script>" in hostile.kickoff.agenda[0].title
        bad = render(hostile, "kickoff", lang=lang, format="html").text
        good = render(plain, "kickoff", lang=lang, format="html").text
        assert _html_shape(bad).tags == _html_shape(good).tags
        assert "script" not in _html_shape(bad).tags
        seen = "".join(_html_shape(bad).text)
        for raw in HOSTILE[:9]:
            assert raw in seen

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_markdown_of_a_mission_hostile_everywhere(self, lang: str) -> None:
        base = attrs.evolve(examples.demo_mission("logistique"), amendments=())
        bad = render(_transform(base, _hostile_text, [0]), "kickoff", lang=lang).text
        good = render(_transform(base, _plain_text, [0]), "kickoff", lang=lang).text
        assert _markdown_shape(bad) == _markdown_shape(good)
        seen = _markdown_text(bad).replace("\u00a0", " ")  # phone numbers print on one line
        for raw in HOSTILE[:9]:
            assert raw in seen
        assert seen.count("{{ 7*7 }}") == seen.count("**bold**") > 10

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_targeted_fields_never_become_markup_in_html(self, lang: str) -> None:
        mission = _hostile_kickoff()
        text = render(mission, "kickoff", lang=lang, format="html").text
        shape = _html_shape(text)
        plain = render(_plain_kickoff(), "kickoff", lang=lang, format="html")
        # the same tags as with plain words and URLs (one http link, the others not links)
        assert shape.tags == _html_shape(plain.text).tags
        assert {"script", "b", "i"}.isdisjoint(shape.tags)
        hrefs = re.findall(r'<a href="([^"]*)"', text)
        # only the http(s) URL without blanks is a link, its quotes escaped
        assert hrefs == ["https://ok.example/&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"]
        assert 'onmouseover="' not in text
        seen = "".join(shape.text)
        for url in HOSTILE_URLS:
            assert url.strip() in seen  # shown as text
        for raw in (*HOSTILE[:9], "<b>x</b>", "<i>n</i>"):
            assert raw in seen

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_targeted_fields_never_become_markup_in_markdown(self, lang: str) -> None:
        mission = _hostile_kickoff()
        text = render(mission, "kickoff", lang=lang).text
        good = render(_plain_kickoff(), "kickoff", lang=lang).text
        assert _markdown_shape(text) == _markdown_shape(good)
        tokens = MarkdownIt("commonmark").enable("table").parse(text)
        links = [
            child.attrs.get("href")
            for token in tokens
            for child in token.children or []
            if child.type == "link_open"
        ]
        assert links == []
        seen = _markdown_text(text)
        for raw in (*HOSTILE[:9], "<b>x</b>", "javascript:alert(1)"):
            assert raw in seen


# -- missing values and draft mode -------------------------------------------------------------
class TestMissingKickoff:
    def test_strict_refuses_a_mission_without_kickoff(self) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), kickoff=None)
        for lang, fmt in VARIANTS:
            with pytest.raises(ValidationError) as caught:
                render(mission, "kickoff", lang=lang, format=fmt)
            assert [detail.path for detail in caught.value.errors] == ["kickoff"]
            assert "draft=True" in caught.value.errors[0].message

    @pytest.mark.parametrize(
        ("lang", "word"), [("fr", "[À COMPLÉTER\u202f: {}]"), ("en", "[TO BE COMPLETED: {}]")]
    )
    def test_draft_shows_placeholders(self, lang: str, word: str) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), kickoff=None)
        doc = render(mission, "kickoff", lang=lang, draft=True)
        assert doc.missing == ("kickoff", "kickoff.scheduled", "kickoff.location", "kickoff.agenda")
        for path in doc.missing[1:]:
            assert word.format(path) in doc.text
        page = render(mission, "kickoff", lang=lang, format="html", draft=True)
        assert f'<mark class="vg-missing">{word.format("kickoff.location")}</mark>' in page.text
        assert 'class="vg-draft"' in page.text
        assert "vg-draft-banner" in page.text
        # the rest of the pack is still there: contacts, tools, calendars
        assert "Julien Bernard" in doc.text
        assert "Slack" in doc.text
        assert len(_headings(doc)) == 7  # no resources nor trainings without a kickoff

    def test_each_missing_field_is_listed_with_its_path(self) -> None:
        mission = _with_kickoff(examples.demo_mission("logistique"), location=" ", agenda=())
        mission = attrs.evolve(mission, review_cadence=None)
        with pytest.raises(ValidationError) as caught:
            render(mission, "kickoff", format="html")
        assert [d.path for d in caught.value.errors] == [
            "kickoff.location",
            "kickoff.agenda",
            "review_cadence",
        ]
        doc = render(mission, "kickoff", lang="en", draft=True)
        assert "[TO BE COMPLETED: review_cadence]" in doc.text
        assert "[TO BE COMPLETED: kickoff.agenda]" in doc.text


# -- determinism -------------------------------------------------------------------------------
_PRINT_HASHES = """
import json, vendorgov
out = {}
for mission in vendorgov.examples.demo_missions():
    for lang in ("fr", "en"):
        for fmt in ("md", "html"):
            doc = vendorgov.render(mission, "kickoff", lang=lang, format=fmt)
            out[f"{mission.key}.{lang}.{fmt}"] = doc.sha256
print(json.dumps(out))
"""


class TestDeterminism:
    def test_twice_gives_the_same_bytes(self) -> None:
        for key in DEMOS:
            for lang, fmt in VARIANTS:
                first = _kickoff(key, lang=lang, format=fmt)
                assert first == _kickoff(key, lang=lang, format=fmt)

    def test_same_bytes_under_another_timezone_and_locale(self) -> None:
        here = {
            f"{key}.{lang}.{fmt}": _kickoff(key, lang=lang, format=fmt).sha256
            for key in DEMOS
            for lang, fmt in VARIANTS
        }
        env = os.environ | {
            "TZ": "Pacific/Auckland",
            "LANG": "ja_JP.UTF-8",
            "LC_ALL": "ja_JP.UTF-8",
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

    def test_built_in_templates_render_the_same_in_the_sandbox(self) -> None:
        for lang, fmt in VARIANTS:
            sandboxed = _kickoff(lang=lang, format=fmt, templates={"unused.j2": ""})
            assert sandboxed.text == _kickoff(lang=lang, format=fmt).text

    def test_the_kickoff_of_a_community_mission_is_at_its_local_time(self) -> None:
        mission = examples.demo_mission("community")
        assert mission.kickoff is not None
        assert mission.kickoff.scheduled is not None
        local = mission.kickoff.scheduled.astimezone(zoneinfo.ZoneInfo(mission.timezone))
        assert local.hour == 14
        assert f"- **Horaires\u202f:** 14:00{THIN}–{THIN}16:10" in render(mission, "kickoff").text


def test_contacts_only_primary_give_no_other_contacts_table() -> None:
    mission = minimal_mission(
        contacts=(
            Contact(name="Claire Martin", side=Side.CLIENT, role=ContactRole.PRIMARY),
            Contact(name="Paul Roux", side=Side.PROVIDER, role=ContactRole.PRIMARY),
        ),
        kickoff=Kickoff(
            scheduled=dt.datetime(2027, 3, 10, 9, 30, tzinfo=dt.UTC),
            location="Lyon",
            agenda=(AgendaItem(title="Tour de table", minutes=45),),
            trainings=(Training(topic="Retours", planned_on=dt.date(2027, 3, 12)),),
        ),
        integration=(
            IntegrationStep(
                kind=IntegrationKind.SITE_VISIT,
                description="Visite",
                planned_on=dt.date(2027, 3, 20),
            ),
        ),
        review_cadence=Cadence(frequency=Frequency.MONTHLY, day=15, time=dt.time(10, 0)),
    )
    doc = render(mission, "kickoff", lang="en")
    assert "Other contacts" not in doc.text
    assert "| Retours | — | — | Mar 12, 2027 | — |" in doc.text
    assert "| Site visit | Visite | Mar 20, 2027 | — |" in doc.text
    assert "Reviews take place on the 15th of every month at 10:00" in doc.text
    assert _headings(doc) == [
        "1. Kickoff meeting",
        "2. Agenda",
        "3. Trainings",
        "4. Integration of the provider",
        "5. Points of contact and escalation path",
        "6. Review calendar",
    ]
