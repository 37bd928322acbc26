"""The language layer: message catalogs, languages, Spanish documents, one language per document.

- The catalogs hold exactly the messages the sources use (extracted with Babel's API and
  the project's ``babel.cfg``): a message missing from a catalog, or a stale one left in it,
  fails; so does an empty or fuzzy French or Spanish translation, a translation whose
  placeholders differ from its message's, and a committed ``.mo`` that is not what its
  ``.po`` compiles to.
- Every document reads as one language: rendered in French, English and Spanish, with the
  mission's own texts taken out (the demo missions are written in French), it holds none of
  the other languages' tell-tale words.
- Golden files: the demo missions' Spanish documents are checked in beside the French and
  English ones (``tests/golden/<document>/<key>.es.<format>``) and compared byte for byte.
  After a deliberate change, regenerate them and read the diff::

      VENDORGOV_UPDATE_GOLDEN=1 pytest tests/test_i18n.py -k Golden
"""

from __future__ import annotations

import ast
import configparser
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from markupsafe import escape

import vendorgov
from factories import minimal_mission
from vendorgov import ValidationError, examples, render
from vendorgov._documents import escaping, labels
from vendorgov._i18n import LANGUAGES, gettext, translations

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "vendorgov"
LOCALE = PACKAGE / "locale"
GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("VENDORGOV_UPDATE_GOLDEN") == "1"
TRANSLATED = ("fr", "es")  # English is the messages' own language: its msgstr may stay empty
DEMOS = examples.DEMO_KEYS
FORMATS = ("md", "html")
SPANISH_DOCUMENTS = ("specification", "kickoff", "review")

Key = tuple[str | None, str | tuple[str, ...]]


def _key(message: Message) -> Key:
    ident = message.id if isinstance(message.id, str) else tuple(message.id)
    return (message.context, ident)


def _extracted() -> dict[Key, str]:
    """Every message of the sources, as ``pybabel extract -F babel.cfg`` finds it."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found: dict[Key, str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        # pybabel --ignore-dirs=".* __pycache__": vendorgov's modules live in _folders
        directory_filter=lambda path: not Path(path).name.startswith((".", "__pycache__")),
    ):
        ident = message if isinstance(message, str) else tuple(str(part) for part in message)
        found.setdefault((context, ident), f"{filename}:{lineno}")
    return found


def _po(lang: str) -> Catalog:
    with (LOCALE / lang / "LC_MESSAGES" / "vendorgov.po").open("rb") as file:
        return read_po(file, locale=lang)


def _translations(catalog: Catalog) -> dict[Key, Any]:
    """What a compiled catalog holds: the translated, non-fuzzy messages."""
    return {
        _key(message): message.string
        for message in catalog
        if message.id
        and message.string
        and not message.fuzzy
        and (isinstance(message.string, str) or all(message.string))
    }


def _problems(sources: dict[Key, str], catalog: Catalog, translated: bool) -> list[str]:
    """What is wrong with ``catalog`` for messages ``sources`` (the test below, as a function)."""
    keys = {_key(message) for message in catalog if message.id}
    problems = [
        f"missing: {key} (used at {sources[key]})"
        for key in sorted(sources.keys() - keys, key=repr)
    ]
    problems += [f"stale: {key}" for key in sorted(keys - sources.keys(), key=repr)]
    problems += [f"obsolete entry: {key!r}" for key in catalog.obsolete]
    if translated:
        for message in catalog:
            if not message.id:
                continue
            strings = [message.string] if isinstance(message.string, str) else message.string
            if not all(strings):
                problems.append(f"untranslated: {_key(message)}")
            if message.fuzzy:
                problems.append(f"fuzzy: {_key(message)}")
    for message, errors in catalog.check():
        problems += [f"{_key(message)}: {error}" for error in errors]
    return problems


@pytest.fixture(scope="module")
def sources() -> dict[Key, str]:
    return _extracted()


class TestCatalogs:
    def test_the_extraction_finds_python_and_template_messages(
        self, sources: dict[Key, str]
    ) -> None:
        assert ("Direction", "higher is better") in sources  # labels.py, NP_ marker
        assert (None, "every %(weekday)s") in sources  # cadences.py, gettext(lang, ...)
        assert ("standing", "fair") in sources  # review templates, pgettext
        assert (None, "Scope of services") in sources  # specification templates, _()
        plural = (
            "%(count)s open action is past its due date.",
            "%(count)s open actions are past their due date.",
        )
        assert (None, plural) in sources  # {% trans %}...{% pluralize %}

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_catalog_holds_the_messages_of_the_sources_and_no_other(
        self, sources: dict[Key, str], lang: str
    ) -> None:
        assert _problems(sources, _po(lang), translated=lang in TRANSLATED) == []

    def test_the_check_sees_a_missing_a_stale_and_an_untranslated_message(
        self, sources: dict[Key, str]
    ) -> None:
        # the test above must be able to fail
        catalog = _po("fr")
        del catalog[("Summary")]
        catalog.add("Forgotten", "Oublié")
        catalog.add("Blank", "")
        more = dict(sources) | {(None, "Blank"): "here:1"}
        found = _problems(more, catalog, translated=True)
        assert "missing: (None, 'Summary') (used at " in found[0]
        assert "stale: (None, 'Forgotten')" in found
        assert "untranslated: (None, 'Blank')" in found

    def test_a_translation_keeps_the_placeholders_of_its_message(self) -> None:
        catalog = Catalog(locale="fr")
        catalog.add("For %(party)s", "Pour %(partie)s", flags=("python-format",))
        assert _problems({(None, "For %(party)s"): "here:1"}, catalog, translated=True)

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_committed_mo_is_what_the_po_compiles_to(self, lang: str, tmp_path: Path) -> None:
        catalog = _po(lang)
        compiled = tmp_path / "vendorgov.mo"
        with compiled.open("wb") as file:
            write_mo(file, catalog)
        with compiled.open("rb") as file:
            expected = _translations(read_mo(file))
        with (LOCALE / lang / "LC_MESSAGES" / "vendorgov.mo").open("rb") as file:
            committed = _translations(read_mo(file))
        assert committed == expected
        if lang in TRANSLATED:  # every message made it into the compiled catalog
            assert len(expected) == len([message for message in catalog if message.id])

    def test_every_enum_label_is_translated(self) -> None:
        for cls in labels.table_classes():
            for member in cls:
                english = labels.enum_label(member, "en")
                for lang in TRANSLATED:
                    assert labels.enum_label(member, lang), (cls, member, lang)
                assert english


class TestLanguages:
    def test_the_languages(self) -> None:
        assert LANGUAGES == ("fr", "en", "es")
        assert tuple(labels.PHRASES) == LANGUAGES

    def test_translations_are_loaded_once(self) -> None:
        assert translations("es") is translations("es")
        assert gettext("es", "Provider") == "Proveedor"
        assert gettext("en", "Provider") == "Provider"

    @pytest.mark.parametrize("lang", ["de", "FR", "", None, 1])
    def test_an_unknown_language_is_a_validation_error(self, lang: object) -> None:
        with pytest.raises(ValidationError) as caught:
            translations(lang)  # type: ignore[arg-type]
        assert [detail.path for detail in caught.value.errors] == ["lang"]
        assert "expected one of 'fr', 'en', 'es'" in str(caught.value)

    def test_render_refuses_an_unknown_language(self) -> None:
        with pytest.raises(ValidationError) as caught:
            render(examples.demo_mission("logistique"), "specification", lang="de")
        assert [detail.path for detail in caught.value.errors] == ["lang"]

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("draft", [False, True])
    def test_the_contract_is_drafted_in_french_and_english_only(
        self, fmt: str, draft: bool
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            render(
                examples.demo_mission("logistique"), "contract", lang="es", format=fmt, draft=draft
            )
        [detail] = caught.value.errors
        assert detail.path == "lang"
        assert "drafted in French and English only" in detail.message
        assert "lang='fr' or lang='en'" in detail.message

    def test_the_model_and_the_engine_never_import_the_language_layer(self) -> None:
        for folder in ("_model", "_engine"):
            for path in sorted((PACKAGE / folder).glob("*.py")):
                tree = ast.parse(path.read_text(encoding="utf-8"))
                for node in ast.walk(tree):  # inside functions too
                    names: list[str] = []
                    if isinstance(node, ast.Import):
                        names = [alias.name for alias in node.names]
                    elif isinstance(node, ast.ImportFrom):
                        names = [node.module or ""]
                        names += [f"{node.module}.{alias.name}" for alias in node.names]
                    assert not any("_i18n" in name or "babel" in name for name in names), path


# -- one language per document -------------------------------------------------------------
WORDS: dict[str, tuple[str, ...]] = {
    # Words that only the language's own documents may print (whole words, any case).
    "fr": (
        "Prestataire",
        "Objectif",
        "Objectifs",
        "palier",
        "paliers",
        "échéance",
        "Indicateur",
        "Calendrier",
        "Réunion",
        "Synthèse",
        "Durée",
        "jours",
        "du",
        "au",
        "le",
        "et",
    ),
    "en": (
        "Provider",
        "target",
        "targets",
        "due",
        "Milestone",
        "Review",
        "Status",
        "Engagement",
        "the",
        "and",
        "of",
        "on",
        "from",
        "to",
    ),
    "es": (
        "Proveedor",
        "hito",
        "hitos",
        "objetivo",
        "Fecha",
        "Vencimiento",
        "mediciones",
        "informe",
        "Cuadro",
        "del",
        "el",
        "los",
        "las",
        "y",
    ),
}
# The contract is drafted per language: French legal terms stay in the English contract
# (« société par actions simplifiée », du, le...), and « due » is French too (« n'est due »).
LEGAL = ("du", "le", "et", "due")


def _data_strings(mission: vendorgov.Mission) -> list[str]:
    """Every text of the mission, its lines and paragraphs too, longest first."""
    texts: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.add(value)
            texts.update(line.strip() for line in value.splitlines() if line.strip())
            texts.add(" ".join(value.split()))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(vendorgov.dumps(mission, "json")))
    # Codes and units (``d``, ``%``, ``EUR``) are not words a reader takes for prose.
    return sorted((text for text in texts if len(text) > 3), key=len, reverse=True)


def _without_data(text: str, mission: vendorgov.Mission, fmt: str) -> str:
    """``text`` with each of the mission's texts blanked out, as the format prints it."""
    for data in _data_strings(mission):
        shown = str(escape(data)) if fmt == "html" else escaping.escape_markdown(data)
        for form in {shown, data, shown.replace("&#39;", "'")}:
            text = text.replace(form, " ¤ ")
    return text


def _foreign_words(text: str, lang: str, allowed: tuple[str, ...] = ()) -> Iterator[str]:
    for other, words in WORDS.items():
        if other == lang:
            continue
        for word in words:
            if word in allowed:
                continue
            match = re.search(rf"(?<![\w&#'’-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE)
            if match:
                around = text[max(0, match.start() - 60) : match.end() + 60]
                yield f"{other} word {word!r}: …{around}…"


def _documents() -> Iterator[tuple[str, str]]:
    for lang in LANGUAGES:
        for document in ("specification", "kickoff", "review", "contract"):
            if document == "contract" and lang == "es":
                continue
            yield document, lang


class TestOneLanguage:
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize(("document", "lang"), list(_documents()))
    def test_a_document_holds_no_word_of_another_language(
        self, document: str, lang: str, fmt: str
    ) -> None:
        for key in DEMOS:
            mission = examples.demo_mission(key)
            text = render(mission, document, lang=lang, format=fmt).text
            if fmt == "html":  # the stylesheet and the markup are not words
                text = re.sub(r"<style>.*?</style>", " ", text, flags=re.DOTALL)
                text = re.sub(r"<[^>]*>", " ", text)
            text = _without_data(text, mission, fmt)
            allowed = LEGAL if document == "contract" else ()
            assert list(_foreign_words(text, lang, allowed)) == [], key

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize(("document", "lang"), list(_documents()))
    def test_a_draft_holds_no_word_of_another_language(
        self, document: str, lang: str, fmt: str
    ) -> None:
        mission = minimal_mission()
        text = render(mission, document, lang=lang, format=fmt, draft=True).text
        if fmt == "html":
            text = re.sub(r"<style>.*?</style>", " ", text, flags=re.DOTALL)
            text = re.sub(r"<[^>]*>", " ", text)
        # a placeholder names the missing field by its path in the mission file
        text = re.sub(r"(COMPLÉTER|COMPLETED|COMPLETAR)[ \u00a0\u202f]?:\s*[^\]\s]+", r"\1", text)
        text = _without_data(text, mission, fmt)
        allowed = LEGAL if document == "contract" else ()
        assert list(_foreign_words(text, lang, allowed)) == []

    def test_the_check_sees_a_foreign_word(self) -> None:
        # the test above must be able to fail
        assert list(_foreign_words("Objectif du palier", "en"))
        assert list(_foreign_words("Milestone target", "es"))
        assert list(_foreign_words("Objetivo del hito", "fr"))
        assert not list(_foreign_words("Objetivo del hito", "es"))

    def test_data_is_taken_out_before_the_check(self) -> None:
        mission = examples.demo_mission("logistique")
        text = render(mission, "specification", lang="en").text
        assert "Prestataire" not in text  # the English words
        assert list(_foreign_words(text, "en"))  # the mission's French texts
        assert not list(_foreign_words(_without_data(text, mission, "md"), "en"))


class TestSpanish:
    def test_spanish_formats_with_es_es(self) -> None:
        text = render(examples.demo_mission("logistique"), "specification", lang="es").text
        assert "| **Total** | | **83.700,00\u00a0€** |" in text
        assert "2 de marzo de 2026" in text

    def test_spanish_draft_placeholder(self) -> None:
        mission = attrs.evolve(examples.demo_mission("logistique"), specification=None)
        doc = render(mission, "specification", lang="es", draft=True, format="md")
        assert doc.text.startswith("> **BORRADOR — documento de trabajo")
        assert "[POR COMPLETAR: specification.context]" in doc.text


class TestGolden:
    @pytest.mark.parametrize("key", DEMOS)
    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("document", SPANISH_DOCUMENTS)
    def test_matches_golden_file(self, document: str, key: str, fmt: str) -> None:
        doc = render(examples.demo_mission(key), document, lang="es", format=fmt)
        path = GOLDEN / document / f"{key}.es.{fmt}"
        if UPDATE_GOLDEN:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(doc.text.encode("utf-8"))
        assert path.exists(), f"missing {path}: run with VENDORGOV_UPDATE_GOLDEN=1"
        assert doc.text.encode("utf-8") == path.read_bytes()


def test_babel_cfg_is_read_as_pybabel_reads_it() -> None:
    # the sections and options the contributing guide's commands rely on
    config = configparser.ConfigParser()
    config.read(ROOT / "babel.cfg", encoding="utf-8")
    assert config["jinja2: src/vendorgov/templates/**.j2"]["trimmed"] == "true"
    assert config["jinja2: src/vendorgov/templates/**.j2"]["newstyle_gettext"] == "true"
    assert "pgettext:2c,3" in config["python: src/vendorgov/**.py"]["keywords"]
