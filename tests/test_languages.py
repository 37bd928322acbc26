"""One language per output: every command of the CLI speaks French, English or Spanish.

Every command (``demo``, ``score``, ``check``, ``payouts``, ``render`` of each document the
language has, ``calendar``, ``validate``, ``init``) runs on the demo missions in each
language; its output, with the mission's own texts taken out (the demo missions are written
in French), must hold none of the other languages' tell-tale words. The words are matched
whole and case-sensitively, so that a TOML key (``provider``, ``target``) or an iCalendar
property name is not taken for prose.

The ``--json`` output of the same commands is the same in every language (apart from the
``lang`` it names): tools get exact values, never words.

And one score (``Decimal("87.45")``) prints the same in the command line, in the review
report and in the notebook view: the one display rule of ``vendorgov._format.format_score``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import icalendar
import pytest

import vendorgov
from vendorgov import examples, render
from vendorgov._cli import main
from vendorgov._i18n import LANGUAGES

AT = "2026-11-29"
AT_DATE = dt.date(2026, 11, 29)
MISSIONS = {mission.key: mission for mission in examples.demo_missions()}

# Words only the language's own output may print: whole words, case-sensitive. None of them is
# a word of another of the three languages (``de``, ``la``, ``y``, ``due``, ``Code``, ``Points``
# are left out), nor a key of the mission file (``threshold``, ``target``) that ``init`` writes.
WORDS: dict[str, tuple[str, ...]] = {
    "fr": (
        "Prestataire",
        "Indicateur",
        "Indicateurs",
        "Objectif",
        "Objectifs",
        "palier",
        "Palier",
        "échéance",
        "Constats",
        "Appréciation",
        "Gravité",
        "Montant",
        "Réel",
        "Attendu",
        "Tendance",
        "Statut",
        "couverture",
        "Situation",
        "Mesures",
        "valide",
        "fichiers",
        "du",
        "au",
        "le",
        "et",
    ),
    "en": (
        "Provider",
        "Milestone",
        "milestone",
        "Target",
        "Findings",
        "Standing",
        "Amount",
        "Actual",
        "Expected",
        "Trend",
        "Status",
        "coverage",
        "Overall",
        "valid",
        "files",
        "Review",
        "the",
        "and",
        "of",
        "from",
    ),
    "es": (
        "Proveedor",
        "Indicador",
        "Indicadores",
        "Objetivo",
        "Hito",
        "hito",
        "umbral",
        "Hallazgos",
        "Valoración",
        "Importe",
        "Esperado",
        "Tendencia",
        "Estado",
        "cobertura",
        "Nota",
        "válido",
        "archivos",
        "Reunión",
        "del",
        "al",
        "el",
        "los",
    ),
}

# The contract is drafted per language, in French and English only (see DRAFTED_LANGUAGES).
DOCUMENTS = {
    "fr": ("specification", "contract", "kickoff", "review", "exit"),
    "en": ("specification", "contract", "kickoff", "review", "exit"),
    "es": ("specification", "kickoff", "review", "exit"),
}
# A French legal term stays in the English contract (« société par actions simplifiée »...).
LEGAL = {("en", "contract"): ("du", "le", "et")}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder holding the demo missions as files; today is 2026-11-29."""
    monkeypatch.chdir(tmp_path)
    for key in examples.DEMO_KEYS:
        (tmp_path / f"{key}.toml").write_text(examples.demo_text(key), encoding="utf-8")
    monkeypatch.setattr("vendorgov._cli._today", lambda timezone=None: AT_DATE)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code in (0, 1), captured.err
    return captured.out


def _flat(text: str) -> str:
    return " ".join(text.split())


def _data_texts(mission: vendorgov.Mission) -> list[str]:
    """Every text of the mission (its lines too), on one line, longest first."""
    texts: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.add(_flat(value))
            texts.update(_flat(line) for line in value.splitlines() if line.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(vendorgov.dumps(mission, "json")))
    return sorted((text for text in texts if text), key=len, reverse=True)


def _prose(text: str, *missions: vendorgov.Mission) -> str:
    """``text`` on one line, with the missions' own texts out.

    Findings and payout rules are held to the output's language too: ``describe`` puts them
    into words from the catalogs.
    """
    shown = _flat(text)
    data = {text for mission in missions for text in _data_texts(mission)}
    for item in sorted(data, key=len, reverse=True):
        shown = re.sub(rf"(?<!\w){re.escape(item)}(?!\w)", " ¤ ", shown)
    return shown


def _foreign(text: str, lang: str, allowed: tuple[str, ...] = ()) -> Iterator[str]:
    for other, words in WORDS.items():
        if other == lang:
            continue
        for word in words:
            if word not in allowed and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                yield f"{other}: {word!r}"


def _calendar_text(ics: str) -> str:
    """The words of a calendar: its names, summaries, descriptions and places."""
    calendar = icalendar.Calendar.from_ical(ics)
    return "\n".join(
        str(component[name])
        for component in calendar.walk()
        for name in ("NAME", "SUMMARY", "DESCRIPTION", "LOCATION")
        if name in component
    )


def _check(
    output: str, lang: str, mission: vendorgov.Mission, allowed: tuple[str, ...] = ()
) -> None:
    prose = _prose(output, mission)
    foreign = list(_foreign(prose, lang, allowed))
    assert foreign == [], [_around(prose, item.split("'")[1]) for item in foreign]


def _around(text: str, word: str) -> str:
    """The first place ``word`` is in ``text``, with some context (for failure messages)."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    return "" if found is None else text[max(found.start() - 60, 0) : found.end() + 60]


# -- the tests ---------------------------------------------------------------------------------
class TestTheWordLists:
    def test_no_word_is_in_two_lists(self) -> None:
        seen: dict[str, str] = {}
        for lang, words in WORDS.items():
            for word in words:
                assert seen.setdefault(word, lang) == lang, word

    def test_the_check_sees_a_foreign_word(self) -> None:
        mission = MISSIONS["logistique"]
        assert list(_foreign(_prose("Overall score: 87.4", mission), "fr")) == ["en: 'Overall'"]
        # ...but not in the mission's own texts
        assert list(_foreign(_prose(mission.activities[0].name, mission), "en")) == []


@pytest.mark.parametrize("lang", LANGUAGES)
class TestOneLanguage:
    def test_demo(self, capsys: pytest.CaptureFixture[str], lang: str) -> None:
        out = run(capsys, "demo", "--lang", lang)
        assert list(_foreign(_prose(out, *MISSIONS.values()), lang)) == []

    @pytest.mark.parametrize("key", examples.DEMO_KEYS)
    @pytest.mark.parametrize("command", ["score", "check", "payouts"])
    def test_score_check_payouts(
        self, capsys: pytest.CaptureFixture[str], here: Path, lang: str, key: str, command: str
    ) -> None:
        out = run(capsys, command, f"{key}.toml", "--at", AT, "--lang", lang)
        _check(out, lang, MISSIONS[key])

    @pytest.mark.parametrize("key", examples.DEMO_KEYS)
    def test_render(
        self, capsys: pytest.CaptureFixture[str], here: Path, lang: str, key: str
    ) -> None:
        for document in DOCUMENTS[lang]:
            out = run(capsys, "render", document, f"{key}.toml", "--lang", lang, "--at", AT)
            _check(out, lang, MISSIONS[key], LEGAL.get((lang, document), ()))

    @pytest.mark.parametrize("key", examples.DEMO_KEYS)
    def test_calendar(
        self, capsys: pytest.CaptureFixture[str], here: Path, lang: str, key: str
    ) -> None:
        out = run(capsys, "calendar", f"{key}.toml", "--lang", lang)
        _check(_calendar_text(out), lang, MISSIONS[key])

    def test_validate(self, capsys: pytest.CaptureFixture[str], here: Path, lang: str) -> None:
        files = [f"{key}.toml" for key in examples.DEMO_KEYS]
        out = run(capsys, "validate", *files, "--lang", lang)
        assert list(_foreign(_prose(out, *MISSIONS.values()), lang)) == []

    @pytest.mark.parametrize(
        "activity", ["logistics", "community", "website", "customer_service", "content", "other"]
    )
    def test_init(
        self, capsys: pytest.CaptureFixture[str], here: Path, lang: str, activity: str
    ) -> None:
        skeleton = run(capsys, "init", "--activity", activity, "--lang", lang)
        said = run(capsys, "init", "--activity", activity, "--lang", lang, "m.toml")
        mission = vendorgov.load(here / "m.toml")  # the skeleton is valid in every language
        assert list(_foreign(_flat(skeleton + said), lang)) == []
        assert mission.milestones


def _without_messages(data: object) -> object:
    """JSON output without the ``message`` of findings and payout lines.

    A finding or a payout line carries its code and parameters, exact and the same in every
    language, and, for convenience, its sentence in the ``--lang`` language.
    """
    if isinstance(data, dict):
        return {key: _without_messages(value) for key, value in data.items() if key != "message"}
    if isinstance(data, list):
        return [_without_messages(item) for item in data]
    return data


class TestJsonIsLanguageNeutral:
    """Everything but the sentences of findings and payout lines is the same in every language."""

    @pytest.mark.parametrize(
        "argv",
        [
            ["score", "logistique.toml", "--at", AT],
            ["check", "logistique.toml", "--at", AT],
            ["payouts", "logistique.toml", "--at", AT],
            ["validate", "logistique.toml", "community.toml"],
        ],
    )
    def test_same_json_in_every_language(
        self, capsys: pytest.CaptureFixture[str], here: Path, argv: list[str]
    ) -> None:
        outputs = {
            lang: _without_messages(json.loads(run(capsys, *argv, "--json", "--lang", lang)))
            for lang in LANGUAGES
        }
        assert outputs["fr"] == outputs["en"] == outputs["es"]

    def test_the_demo_summary_names_its_language_only(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        summaries = {
            lang: json.loads(run(capsys, "demo", "--json", "--lang", lang)) for lang in LANGUAGES
        }
        assert {summary.pop("lang") for summary in summaries.values()} == set(LANGUAGES)
        neutral = {lang: _without_messages(summary) for lang, summary in summaries.items()}
        assert neutral["fr"] == neutral["en"] == neutral["es"]
        assert summaries["fr"]["missions"][0]["scorecard"]["overall"].startswith("74.31")


class TestOneScoreEverywhere:
    """A score of exactly 87.45 reads 87.4 (en) / 87,4 (fr, es) in every face."""

    @pytest.fixture
    def card(self) -> vendorgov.Scorecard:
        card = vendorgov.score(MISSIONS["logistique"], AT_DATE)
        return attrs.evolve(card, overall=Decimal("87.45"))

    @pytest.mark.parametrize(("lang", "shown"), [("en", "87.4"), ("fr", "87,4"), ("es", "87,4")])
    def test_cli_review_report_and_notebook(
        self,
        monkeypatch: pytest.MonkeyPatch,
        card: vendorgov.Scorecard,
        lang: str,
        shown: str,
    ) -> None:
        from vendorgov._cli_text import portfolio_table, scorecard_report
        from vendorgov._documents import review

        mission = MISSIONS["logistique"]
        cli = "\n".join(
            [
                *scorecard_report(mission, card, lang),
                *portfolio_table([mission], [card], [()], lang),
            ]
        )
        assert re.search(rf"(?<![\d.,]){re.escape(shown)} / 100", cli)
        assert re.search(rf"\s{re.escape(shown)}\s", cli)  # the demo's table

        built = review.build_report  # the review's scorecard is the engine's report's
        monkeypatch.setattr(
            review, "build_report", lambda *args, **kw: attrs.evolve(built(*args, **kw), card=card)
        )
        report = render(mission, "review", lang=lang, format="md", at=AT_DATE).text
        assert f"**{shown}** / 100" in report

        notebook = str(vendorgov.to_html(card, lang=lang))
        assert f"<strong>{shown}</strong> / 100" in notebook

        for text in (cli, report, notebook):  # nowhere rounded half-up, nowhere exact
            assert not re.search(r"87[.,]5(?!\d)|87[.,]45", text)
