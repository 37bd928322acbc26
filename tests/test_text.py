"""Texts in several languages: the `LocalizedText` type, files, schema, catalog and documents."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from typing import Any

import attrs
import pytest
from jsonschema import Draft202012Validator

import factories as f
import vendorgov
from vendorgov import (
    Kpi,
    LocalizedText,
    Milestone,
    Mission,
    ValidationError,
    catalog,
    examples,
    localize,
)
from vendorgov._documents.labels import LANGUAGES
from vendorgov.serialization import dumps, json_schema, loads

SHIPPING = {"fr": "Taux d'expédition à l'heure", "en": "On-time shipping rate"}
ACCURACY = {"fr": "Exactitude des commandes", "en": "Order accuracy"}


def paths(call: Any) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return [detail.path for detail in caught.value.errors]


def problems_of(
    text: str, format: vendorgov.serialization.Format = "toml"
) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        loads(text, format)
    return [(detail.path, detail.message) for detail in caught.value.errors]


def translated(mission: Mission, names: dict[str, dict[str, str]], **changes: Any) -> Mission:
    """``mission`` with the KPIs of ``names`` renamed to those translations."""
    kpis = tuple(
        attrs.evolve(kpi, name=LocalizedText(names[kpi.key])) if kpi.key in names else kpi
        for kpi in mission.kpis
    )
    return attrs.evolve(mission, kpis=kpis, **changes)


# -- the value ---------------------------------------------------------------------------------
class TestLocalizedTextValue:
    def test_from_a_mapping_in_the_order_written(self) -> None:
        text = LocalizedText({"en": "Lead time", "fr": "Délai"})
        assert text.texts == (("en", "Lead time"), ("fr", "Délai"))
        assert text.languages == ("en", "fr")
        assert str(text) == "Lead time"  # the first language written

    def test_lookups(self) -> None:
        text = LocalizedText(SHIPPING)
        assert text.get("en") == "On-time shipping rate"
        assert text.get("es") is None
        assert text.in_language("es", fallback="fr") == SHIPPING["fr"]
        assert text.in_language("es", fallback="de") == SHIPPING["fr"]  # the first one
        assert text.in_language("en", fallback="fr") == SHIPPING["en"]

    def test_deep_immutable_and_hashable(self) -> None:
        source = dict(SHIPPING)
        text = LocalizedText(source)
        source["en"] = "changed"
        assert text.get("en") == "On-time shipping rate"
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            text.texts = ()  # type: ignore[misc]
        assert hash(text) == hash(LocalizedText(SHIPPING))
        assert {text: 1}[LocalizedText(SHIPPING)] == 1

    def test_repr_builds_it_again(self) -> None:
        text = LocalizedText(SHIPPING)
        assert repr(text) == f"LocalizedText({SHIPPING!r})"
        assert eval(repr(text), {"LocalizedText": LocalizedText}) == text
        assert "<code>en</code> On-time shipping rate" in text._repr_html_()

    @pytest.mark.parametrize("code", ["fr", "en", "es", "pt-BR", "es-419", "ast"])
    def test_language_codes(self, code: str) -> None:
        assert LocalizedText({code: "x"}).languages == (code,)

    @pytest.mark.parametrize("code", ["FR", "f", "french", "pt_BR", "pt-br", "en-", "", "e1"])
    def test_bad_language_codes(self, code: str) -> None:
        with pytest.raises(ValidationError, match="is not a language code"):
            LocalizedText({code: "x"})

    def test_every_problem_with_its_language(self) -> None:
        assert paths(lambda: LocalizedText({"fr": "ok", "en": "  ", "EN": "x"})) == ["en", "EN"]
        assert paths(lambda: LocalizedText({})) == [""]
        assert paths(lambda: LocalizedText((("fr", "a"), ("fr", "b")))) == ["fr"]
        assert paths(lambda: LocalizedText({"fr": 3})) == ["texts[0][1]"]  # type: ignore[dict-item]


class TestLocalize:
    def test_a_plain_string_shows_as_written(self) -> None:
        assert localize("Délai", "en", "fr") == ("Délai", False)

    def test_the_language_asked_for(self) -> None:
        assert localize(LocalizedText(SHIPPING), "en", "fr") == (SHIPPING["en"], False)

    def test_else_the_missions_language(self) -> None:
        text = LocalizedText({"en": "Lead time", "es": "Plazo", "fr": "Délai"})
        assert localize(text, "de", "fr") == ("Délai", True)

    def test_else_the_first_written(self) -> None:
        text = LocalizedText({"es": "Plazo", "en": "Lead time"})
        assert localize(text, "de", "fr") == ("Plazo", True)
        assert localize(text, "fr", "fr") == ("Plazo", True)


# -- the model ---------------------------------------------------------------------------------
class TestFields:
    def test_a_field_takes_a_string_or_translations(self) -> None:
        plain = Kpi(key="k", name="Délai", unit="h", direction=vendorgov.Direction.LOWER)
        both = attrs.evolve(plain, name=LocalizedText({"fr": "Délai", "en": "Lead time"}))
        assert str(both.name) == "Délai"
        assert plain != both

    def test_anything_else_is_refused(self) -> None:
        with pytest.raises(ValidationError) as caught:
            Kpi(key="k", name=3, unit="h", direction=vendorgov.Direction.LOWER)  # type: ignore[arg-type]
        assert str(caught.value.errors[0]) == (
            "name: expected text or a table of translations, got integer 3"
        )

    def test_lists_of_texts_take_translations(self) -> None:
        criterion = LocalizedText({"fr": "Stock importé", "en": "Stock imported"})
        deliverable = vendorgov.Deliverable(key="wms", name="WMS", acceptance_criteria=(criterion,))
        assert deliverable.acceptance_criteria == (criterion,)

    def test_the_mission_language_defaults_to_french(self) -> None:
        mission = f.minimal_mission()
        assert mission.language == "fr"
        assert f.minimal_mission(language="pt-BR").language == "pt-BR"
        assert paths(lambda: f.minimal_mission(language="French")) == ["language"]

    def test_milestone_names_stay_unique(self) -> None:
        name = LocalizedText({"fr": "Palier 1", "en": "Tier 1"})
        mission = f.minimal_mission()
        twice = (
            Milestone(name=name, horizon=vendorgov.Horizon.parse("M+1")),
            Milestone(name=name, horizon=vendorgov.Horizon.parse("M+2")),
        )
        assert paths(lambda: attrs.evolve(mission, milestones=twice)) == ["milestones[1].name"]

    def test_the_engine_passes_names_through(self) -> None:
        mission = examples.demo_mission("logistique")
        names = [LocalizedText({"fr": f"Palier {i}", "en": f"Tier {i}"}) for i in (1, 2, 3)]
        milestones = tuple(
            attrs.evolve(milestone, name=name)
            for milestone, name in zip(mission.milestones, names, strict=True)
        )
        # a review names its milestone by its text in any language
        reviews = (
            attrs.evolve(mission.reviews[0], milestone="Palier 1"),
            attrs.evolve(mission.reviews[1], milestone="Tier 2"),
        )
        # (the amendment names "Fin d'année", renamed here: left out)
        renamed = attrs.evolve(mission, milestones=milestones, reviews=reviews, amendments=())
        card = vendorgov.score(renamed, mission.start)
        assert card.milestone == names[0]
        assert renamed.milestone_index("Tier 2") == 1
        assert loads(dumps(card, "json"), "json") == card


# -- files ---------------------------------------------------------------------------------------
MISSION = """
schema_version = 1
key = "logistique"
name = { fr = "Logistique", en = "Logistics" }
start = 2027-03-01
end = 2028-02-29
client = { name = "Maison Lumière SAS" }
provider = { name = "LogiNord SAS" }
contacts = [
  { name = "Julien Bernard", side = "client", role = "primary" },
  { name = "Paul Roux", side = "provider", role = "primary" },
]
milestones = [{ name = "M+1", horizon = "M+1" }]

[[kpis]]
key = "on_time_shipping"
unit = "%"
direction = "higher"
name = { fr = "Taux d'expédition à l'heure", en = "On-time shipping rate" }
"""


class TestFiles:
    def test_a_table_is_a_localized_text_and_a_string_stays_a_string(self) -> None:
        mission = loads(MISSION)
        assert mission.kpis[0].name == LocalizedText(SHIPPING)
        assert mission.milestones[0].name == "M+1"
        assert mission.language == "fr"

    @pytest.mark.parametrize("fmt", ["toml", "json", "yaml"])
    def test_round_trip_keeps_the_order_written(self, fmt: vendorgov.serialization.Format) -> None:
        mission = loads(
            MISSION.replace('fr = "Logistique", en = "Logistics"', 'en = "L", fr = "M"')
        )
        back = loads(dumps(mission, fmt), fmt)
        assert back == mission
        assert back.name.languages == ("en", "fr")  # type: ignore[union-attr]

    def test_json_writes_a_plain_table(self) -> None:
        data = json.loads(dumps(loads(MISSION), "json"))
        assert data["kpis"][0]["name"] == SHIPPING
        assert data["name"] == {"fr": "Logistique", "en": "Logistics"}
        assert "language" not in data  # the default is left out

    def test_problems_name_the_language(self) -> None:
        bad = MISSION.replace('en = "On-time shipping rate"', 'en = " ", EN = "x"')
        assert [path for path, _ in problems_of(bad)] == ["kpis[0].name.en", "kpis[0].name.EN"]

    def test_a_text_that_is_not_a_string(self) -> None:
        bad = MISSION.replace('en = "On-time shipping rate"', "en = 3")
        assert problems_of(bad) == [("kpis[0].name.en", "expected a string, got integer 3")]

    def test_neither_text_nor_table(self) -> None:
        bad = MISSION.replace('name = { fr = "Logistique", en = "Logistics" }', "name = 3")
        assert problems_of(bad) == [
            ("name", "expected text or a table of translations, got integer 3")
        ]

    def test_an_empty_table(self) -> None:
        bad = MISSION.replace('{ fr = "Logistique", en = "Logistics" }', "{}")
        assert problems_of(bad) == [("name", "needs a text in at least one language")]

    def test_a_bad_mission_language(self) -> None:
        assert [
            path for path, _ in problems_of(MISSION.replace("start =", 'language = "FR"\nstart ='))
        ] == ["language"]

    @pytest.mark.parametrize("key", ["logistique", "community", "site_web"])
    def test_the_demos_still_load_as_french_plain_text(self, key: str) -> None:
        mission = examples.demo_mission(key)
        assert mission.language == "fr"
        assert all(isinstance(kpi.name, str) for kpi in mission.kpis)


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


class TestSchema:
    def test_a_text_is_a_string_or_a_table_of_translations(self) -> None:
        schema = json_schema()
        name = schema["$defs"]["kpi"]["properties"]["name"]
        assert name["oneOf"] == [{"type": "string"}, {"$ref": "#/$defs/localized_text"}]
        table = schema["$defs"]["localized_text"]
        assert table["type"] == "object"
        assert table["minProperties"] == 1
        assert schema["properties"]["language"]["default"] == "fr"

    def test_a_mission_with_translations_is_valid(self) -> None:
        document = json.loads(dumps(loads(MISSION), "json"))
        assert list(_validator().iter_errors(document)) == []

    @pytest.mark.parametrize(
        "name", [{}, {"FR": "x"}, {"fr": ""}, {"fr": "  "}, {"fr": 3}, ["fr", "x"], 3]
    )
    def test_bad_tables_are_invalid(self, name: Any) -> None:
        document = json.loads(dumps(loads(MISSION), "json"))
        changed = copy.deepcopy(document)
        changed["kpis"][0]["name"] = name
        assert list(_validator().iter_errors(changed)) != []
        with pytest.raises(ValidationError):
            loads(json.dumps(changed), "json")


# -- the catalog ---------------------------------------------------------------------------------
class TestCatalog:
    def test_one_language_by_default(self) -> None:
        assert catalog.kpi("on_time_shipping").name == "Taux d'expédition à l'heure"
        assert catalog.kpi("on_time_shipping", lang="en").name == "On-time shipping rate"

    def test_every_language(self) -> None:
        kpi = catalog.kpi("on_time_shipping", lang=None)
        assert isinstance(kpi.name, LocalizedText)
        assert kpi.name.languages == catalog.LANGS
        assert kpi.name.get("es") == catalog.entry("on_time_shipping").name("es")
        assert isinstance(kpi.description, LocalizedText)
        assert kpi.description.get("en") == catalog.entry("on_time_shipping").definition("en")

    @pytest.mark.parametrize("key", catalog.keys())
    def test_every_entry_round_trips_in_every_language(self, key: str) -> None:
        kpi = catalog.kpi(key, lang=None)
        assert loads(dumps(kpi, "toml")) == kpi


# -- documents -----------------------------------------------------------------------------------
def _spec(mission: Mission, lang: str, fmt: str = "md", *, draft: bool = False) -> str:
    return vendorgov.render(mission, "specification", lang=lang, format=fmt, draft=draft).text


class TestDocuments:
    @pytest.fixture
    def mission(self) -> Mission:
        names = {"on_time_shipping": SHIPPING, "order_accuracy": ACCURACY}
        return translated(examples.demo_mission("logistique"), names)

    @pytest.mark.parametrize("fmt", ["md", "html"])
    def test_each_language_shows_its_own(self, mission: Mission, fmt: str) -> None:
        french, english = _spec(mission, "fr", fmt), _spec(mission, "en", fmt)
        assert "Exactitude des commandes" in french
        assert "Order accuracy" not in french
        assert "Order accuracy" in english
        assert "Exactitude des commandes" not in english

    def test_spanish_falls_back_to_the_missions_language(self, mission: Mission) -> None:
        if "es" not in LANGUAGES:
            pytest.skip("the documents do not speak Spanish yet")
        spanish = _spec(mission, "es")
        assert "Exactitude des commandes" in spanish

    def test_a_fallback_is_marked_in_draft_markdown(self, mission: Mission) -> None:
        french_only = translated(mission, {"order_accuracy": {"fr": ACCURACY["fr"]}})
        draft = _spec(french_only, "en", draft=True)
        assert "\\[fr\\] Exactitude des commandes" in draft
        assert "\\[en\\]" not in draft
        assert "On-time shipping rate" in draft  # no mark where the language has its text
        assert "[fr] On-time" not in draft

    def test_a_fallback_is_highlighted_in_draft_html(self, mission: Mission) -> None:
        french_only = translated(mission, {"order_accuracy": {"fr": ACCURACY["fr"]}})
        draft = _spec(french_only, "en", "html", draft=True)
        assert '<mark class="vg-fallback" lang="fr">[fr] Exactitude des commandes</mark>' in draft

    @pytest.mark.parametrize("fmt", ["md", "html"])
    def test_no_mark_outside_draft_mode(self, mission: Mission, fmt: str) -> None:
        french_only = translated(mission, {"order_accuracy": {"fr": ACCURACY["fr"]}})
        final = _spec(french_only, "en", fmt)
        assert "Exactitude des commandes" in final
        assert "[fr]" not in final
        assert "vg-fallback" not in final

    def test_the_missions_language_comes_before_the_first(self, mission: Mission) -> None:
        texts = {"es": "Exactitud de los pedidos", "de": "Bestellgenauigkeit"}
        german = translated(mission, {"order_accuracy": texts}, language="de")
        assert "Bestellgenauigkeit" in _spec(german, "en")
        assert "Exactitud de los pedidos" in _spec(attrs.evolve(german, language="fr"), "en")

    def test_titles_and_paragraphs(self, mission: Mission) -> None:
        spec = mission.specification
        assert spec is not None
        title = LocalizedText({"fr": "Cahier des charges", "en": "Specification of work"})
        context = LocalizedText({"fr": "Une boutique.", "en": "An online shop."})
        changed = attrs.evolve(
            mission, specification=attrs.evolve(spec, title=title, context=context)
        )
        english = _spec(changed, "en", "html")
        assert "<title>Specification — Specification of work</title>" in english
        assert "<p>An online shop.</p>" in english
        assert "Une boutique." not in _spec(changed, "en", "md")

    def test_the_review_report_chart_and_payouts(self, mission: Mission) -> None:
        at = dt.date(2026, 11, 29)
        report = vendorgov.render(mission, "review", lang="en", format="html", at=at).text
        assert "Order accuracy" in report
        assert "Exactitude des commandes" not in report


class TestCalendar:
    def test_the_calendar_speaks_its_language_and_keeps_its_uids(self) -> None:
        mission = examples.demo_mission("logistique")
        tiers = tuple(
            attrs.evolve(milestone, name=LocalizedText({"fr": f"Palier {i}", "en": f"Tier {i}"}))
            for i, milestone in enumerate(mission.milestones, start=1)
        )
        # the reviews name M+1 and M+6: now "Palier 1" and "Palier 2"
        reviews = tuple(
            attrs.evolve(review, milestone=f"Palier {index}")
            for index, review in enumerate(mission.reviews, start=1)
        )
        # (the amendment names "Fin d'année", renamed here: left out)
        changed = attrs.evolve(mission, milestones=tiers, reviews=reviews, amendments=())
        english = vendorgov.calendar(changed, lang="en")
        french = vendorgov.calendar(changed, lang="fr")
        assert "Tier 1" in english
        assert "Tier 1" not in french
        assert "Palier 1" in french

        def uids(text: str) -> list[str]:
            return [line for line in text.splitlines() if line.startswith("UID:")]

        assert uids(english) == uids(french)
