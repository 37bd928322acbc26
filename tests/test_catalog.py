"""vendorgov.catalog: the KPI catalog of reference/kpi-catalog.md as data.

- The entries are those of vendorgov 0.1.0, when they were Python code: every field of the 24
  entries, in French and English, is compared with ``tests/golden/catalog/entries-fr-en.json``,
  written from that code before the data moved to ``vendorgov/data/kpi-catalog.toml``.
- Every entry speaks Spanish too, with numbers written the Spanish way.
- The data file is read once, on first use, and checked: a broken document (built in memory)
  raises one ValidationError whose paths are the file's (``kpi[2].name.es``).
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import subprocess
import sys
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgov import (
    ActivityKind,
    Aggregation,
    Direction,
    Kpi,
    ValidationError,
    VendorgovError,
    catalog,
)
from vendorgov.catalog import LANGS, CatalogEntry, UnknownKpiError

GOLDEN = Path(__file__).parent / "golden" / "catalog" / "entries-fr-en.json"

UP, DOWN = Direction.HIGHER, Direction.LOWER
LOG, COM, WEB = ActivityKind.LOGISTICS, ActivityKind.COMMUNITY, ActivityKind.WEBSITE
ALL = None  # the rows marked "all" in the catalog

# The catalog table, transcribed row by row: key, activity, unit, direction, typical
# target (None when it is not a number), best level, marked * (common practice).
ROWS = [
    ("on_time_shipping", LOG, "%", UP, "95", "99", False),
    ("order_accuracy", LOG, "%", UP, "99.5", None, False),
    ("damage_rate", LOG, "%", DOWN, "0.5", None, True),
    ("dock_to_stock", LOG, "h", DOWN, "48", "24", False),
    ("fulfillment_cycle", LOG, "h", DOWN, "24", None, False),
    ("inventory_accuracy", LOG, "%", UP, "99.5", None, False),
    ("perfect_order", LOG, "%", UP, "95", None, False),
    ("return_processing", LOG, "h", DOWN, "72", None, False),
    ("cost_per_order", LOG, "currency", DOWN, None, None, False),
    ("engagement_rate", COM, "%", UP, None, None, False),
    ("first_response_time", COM, "min", DOWN, "60", None, True),
    ("response_rate", COM, "%", UP, "95", None, True),
    ("negative_share", COM, "%", DOWN, None, None, True),
    ("editorial_adherence", COM, "%", UP, "95", None, True),
    ("moderation_time", COM, "min", DOWN, "30", None, True),
    ("availability", WEB, "%", UP, "99.9", None, False),
    ("ticket_first_response", WEB, "h", DOWN, "1", None, True),
    ("tickets_within_sla", WEB, "%", UP, "90", None, True),
    ("lcp_p75", WEB, "s", DOWN, "2.5", None, False),
    ("inp_p75", WEB, "ms", DOWN, "200", None, False),
    ("patch_latency", WEB, "d", DOWN, "7", None, True),
    ("report_timeliness", ALL, "%", UP, "100", None, False),
    ("capa_on_time", ALL, "%", UP, "90", None, True),
    ("budget_variance", ALL, "%", DOWN, "5", None, True),
]  # fmt: skip

# English and French names, by key.
NAMES = {
    "on_time_shipping": ("On-time shipping rate", "Taux d'expédition à l'heure"),
    "order_accuracy": ("Order accuracy", "Exactitude des commandes"),
    "damage_rate": ("Damage rate", "Taux de casse"),
    "dock_to_stock": ("Dock-to-stock time", "Délai de mise en stock"),
    "fulfillment_cycle": ("Fulfillment cycle time", "Délai de préparation"),
    "inventory_accuracy": ("Inventory accuracy", "Fiabilité des stocks"),
    "perfect_order": ("Perfect order rate", "Taux de commande parfaite"),
    "return_processing": ("Return processing time", "Délai de traitement des retours"),
    "cost_per_order": ("Cost per order", "Coût par commande"),
    "engagement_rate": ("Engagement rate", "Taux d'engagement"),
    "first_response_time": ("First response time", "Délai de première réponse"),
    "response_rate": ("Response rate", "Taux de réponse"),
    "negative_share": ("Negative-sentiment share", "Part de mentions négatives"),
    "editorial_adherence": ("Editorial plan adherence", "Respect du planning éditorial"),
    "moderation_time": ("Moderation time", "Délai de modération"),
    "availability": ("Availability", "Disponibilité"),
    "ticket_first_response": ("Ticket first response (P1)", "Délai de prise en charge (P1)"),
    "tickets_within_sla": ("Tickets resolved within SLA", "Tickets résolus dans les délais"),
    "lcp_p75": ("Largest Contentful Paint (p75)", "LCP (75e centile)"),
    "inp_p75": ("Interaction to Next Paint (p75)", "INP (75e centile)"),
    "patch_latency": ("Critical patch latency", "Délai de correctif critique"),
    "report_timeliness": ("Report timeliness", "Ponctualité des rapports"),
    "capa_on_time": ("Corrective actions closed on time", "Actions correctives closes à temps"),
    "budget_variance": ("Budget variance", "Écart budgétaire"),
}

ROW_IDS = [row[0] for row in ROWS]
assert list(NAMES) == ROW_IDS


class TestCatalogRows:
    def test_every_row_is_present_in_catalog_order(self) -> None:
        assert [item.key for item in catalog.entries()] == ROW_IDS
        assert catalog.keys() == tuple(ROW_IDS)

    @pytest.mark.parametrize("row", ROWS, ids=ROW_IDS)
    def test_row(self, row: tuple[object, ...]) -> None:
        key, activity, unit, direction, target, best, starred = row
        item = catalog.entry(str(key))
        assert (item.name("en"), item.name("fr")) == NAMES[str(key)]
        assert item.unit == unit
        assert item.direction is direction
        if activity is ALL:
            assert item.general
            assert set(item.activities) == set(ActivityKind)
        else:
            assert item.activities == (activity,)
            assert not item.general
        assert item.target == (None if target is None else Decimal(str(target)))
        assert item.best == (None if best is None else Decimal(str(best)))
        assert item.common_practice is starred
        for lang in LANGS:
            assert item.definition(lang).strip()
            assert item.target_text(lang).strip()

    @pytest.mark.parametrize(
        "key", [row[0] for row in ROWS if row[4] is None], ids=lambda key: str(key)
    )
    def test_a_target_that_is_not_a_number_says_why(self, key: str) -> None:
        item = catalog.entry(key)
        assert item.target is None
        words = {"cost_per_order": "basket", "engagement_rate": "1–3", "negative_share": "baseline"}
        assert words[key] in item.target_text("en")

    def test_numbers_are_decimals(self) -> None:
        for item in catalog.entries():
            for value in (item.target, item.best):
                assert value is None or type(value) is Decimal

    @pytest.mark.parametrize(
        ("key", "aggregation"),
        [
            ("on_time_shipping", Aggregation.MEAN),
            ("first_response_time", Aggregation.MEDIAN),
            ("availability", Aggregation.MIN),
            ("lcp_p75", Aggregation.LAST),
            ("patch_latency", Aggregation.MAX),
            ("budget_variance", Aggregation.LAST),
        ],
    )
    def test_aggregation(self, key: str, aggregation: Aggregation) -> None:
        assert catalog.entry(key).aggregation is aggregation

    def test_entry_names_and_texts_follow_the_language(self) -> None:
        item = catalog.entry("on_time_shipping")
        assert item.name("en") == "On-time shipping rate"
        assert item.name() == "Taux d'expédition à l'heure"
        assert item.definition("fr").startswith("Commandes remises au transporteur")
        assert item.target_text("en") == "≥ 95 (best ≥ 99)"


class TestCatalogMatchesVersion010:
    """The move from Python code to the data file changed no entry (French and English)."""

    GOLDEN_ROWS: ClassVar[list[dict[str, Any]]] = json.loads(GOLDEN.read_text(encoding="utf-8"))

    def test_same_keys_in_the_same_order(self) -> None:
        assert [row["key"] for row in self.GOLDEN_ROWS] == list(catalog.keys())
        assert len(self.GOLDEN_ROWS) == 24

    @pytest.mark.parametrize("row", GOLDEN_ROWS, ids=[row["key"] for row in GOLDEN_ROWS])
    def test_same_fields(self, row: dict[str, Any]) -> None:
        item = catalog.entry(row["key"])
        now = {
            "key": item.key,
            "activities": [activity.value for activity in item.activities],
            "name_en": item.name("en"),
            "name_fr": item.name("fr"),
            "unit": item.unit,
            "direction": item.direction.value,
            "aggregation": item.aggregation.value,
            "definition_en": item.definition("en"),
            "definition_fr": item.definition("fr"),
            "target": None if item.target is None else str(item.target),
            "best": None if item.best is None else str(item.best),
            "target_note_en": item.target_text("en"),
            "target_note_fr": item.target_text("fr"),
            "common_practice": item.common_practice,
        }
        assert now == row

    @pytest.mark.parametrize("row", GOLDEN_ROWS[:3], ids=[row["key"] for row in GOLDEN_ROWS[:3]])
    def test_the_deprecated_aliases_still_read(self, row: dict[str, Any]) -> None:
        item = catalog.entry(row["key"])
        for name in (
            "name_en",
            "name_fr",
            "definition_en",
            "definition_fr",
            "target_note_en",
            "target_note_fr",
        ):
            assert getattr(item, name) == row[name]
        with pytest.raises(AttributeError):
            item.name_en = "x"  # type: ignore[misc]


class TestCatalogSpanish:
    @pytest.mark.parametrize("item", catalog.entries(), ids=catalog.keys())
    def test_every_entry_speaks_spanish(self, item: CatalogEntry) -> None:
        assert [lang for lang, _ in item.names] == list(LANGS)
        assert [lang for lang, _ in item.definitions] == list(LANGS)
        assert [lang for lang, _ in item.target_notes] == list(LANGS)
        name, definition = item.name("es"), item.definition("es")
        assert name.strip()
        assert definition.strip()
        assert item.target_text("es").strip()
        # translated, not copied from another language
        assert name not in (item.name("en"), item.name("fr"))
        assert definition not in (item.definition("en"), item.definition("fr"))
        assert definition.endswith(".")

    @pytest.mark.parametrize("item", catalog.entries(), ids=catalog.keys())
    def test_spanish_notes_write_numbers_as_the_french_ones_do(self, item: CatalogEntry) -> None:
        # a decimal comma, and the same figures as the French note
        number = re.compile(r"\d+(?:[.,]\d+)?")
        spanish = item.target_text("es")
        assert not re.search(r"\d\.\d", spanish)
        assert number.findall(spanish) == number.findall(item.target_text("fr"))

    @pytest.mark.parametrize(
        ("key", "name", "note"),
        [
            ("on_time_shipping", "Tasa de envíos a tiempo", "≥ 95 (nivel de excelencia ≥ 99)"),
            ("damage_rate", "Tasa de roturas", "≤ 0,5 (práctica habitual)"),
            ("dock_to_stock", "Tiempo de ubicación en stock", "≤ 48 (nivel de excelencia < 24)"),
            ("cost_per_order", "Coste por pedido", None),
            ("availability", "Disponibilidad", "99,9"),
            ("budget_variance", "Desviación presupuestaria", "≤ 5 (práctica habitual)"),
        ],
    )
    def test_examples(self, key: str, name: str, note: str | None) -> None:
        item = catalog.entry(key)
        assert item.name("es") == name
        if note is not None:
            assert item.target_text("es") == note

    def test_a_target_that_is_not_a_number_says_why_in_spanish(self) -> None:
        assert "ticket medio" in catalog.entry("cost_per_order").target_text("es")
        assert "nivel de partida" in catalog.entry("negative_share").target_text("es")


class TestCatalogEntryValidation:
    TEXTS: ClassVar[dict[str, dict[str, str]]] = {
        "names": {"fr": "Commandes à l'heure", "en": "Orders on time", "es": "Pedidos a tiempo"},
        "definitions": {"fr": "À l'heure / toutes.", "en": "On time / all.", "es": "A tiempo."},
        "target_notes": {"fr": "≥ 95", "en": "≥ 95", "es": "≥ 95"},
    }

    def _fields(self, **changes: object) -> dict[str, object]:
        fields: dict[str, object] = {
            "key": "orders_on_time",
            "activities": (ActivityKind.LOGISTICS,),
            "names": self.TEXTS["names"],
            "unit": "%",
            "direction": Direction.HIGHER,
            "aggregation": Aggregation.MEAN,
            "definitions": self.TEXTS["definitions"],
            "target": Decimal("95"),
        }
        fields.update(changes)
        return fields

    def _errors(self, **changes: object) -> list[str]:
        with pytest.raises(ValidationError) as caught:
            CatalogEntry(**self._fields(**changes))  # type: ignore[arg-type]
        return [str(detail) for detail in caught.value.errors]

    def test_a_valid_entry(self) -> None:
        item = CatalogEntry(**self._fields(best=Decimal("99")))  # type: ignore[arg-type]
        assert item.best == Decimal("99")
        assert item.name("es") == "Pedidos a tiempo"
        assert item.target_text("es") == ""  # no notes: allowed with a numeric target
        assert hash(item) == hash(CatalogEntry(**self._fields(best=Decimal("99"))))  # type: ignore[arg-type]

    def test_texts_are_kept_as_pairs_in_catalog_order(self) -> None:
        shuffled = {"es": "Pedidos a tiempo", "en": "Orders on time", "fr": "Commandes à l'heure"}
        pairs = (
            ("es", "Pedidos a tiempo"),
            ("fr", "Commandes à l'heure"),
            ("en", "Orders on time"),
        )
        from_mapping = CatalogEntry(**self._fields(names=shuffled))  # type: ignore[arg-type]
        from_pairs = CatalogEntry(**self._fields(names=pairs))  # type: ignore[arg-type]
        assert from_mapping.names == (
            ("fr", "Commandes à l'heure"),
            ("en", "Orders on time"),
            ("es", "Pedidos a tiempo"),
        )
        assert from_mapping == from_pairs
        assert dict(from_mapping.names) == shuffled

    @pytest.mark.parametrize(
        ("changes", "path"),
        [
            ({"best": Decimal("90")}, "best"),
            ({"activities": ()}, "activities"),
            ({"target": 95.0}, "target"),
            ({"unit": " "}, "unit"),
        ],
    )
    def test_invalid_entries_are_refused(self, changes: dict[str, object], path: str) -> None:
        with pytest.raises(ValidationError) as caught:
            CatalogEntry(**self._fields(**changes))  # type: ignore[arg-type]
        assert [detail.path for detail in caught.value.errors] == [path]

    def test_a_missing_language_names_the_entry_and_the_language(self) -> None:
        names = {"fr": "Commandes à l'heure", "en": "Orders on time"}
        assert self._errors(names=names) == ["names.es: 'orders_on_time' has no name in 'es'"]
        assert self._errors(definitions={"es": "A tiempo."}) == [
            "definitions.fr: 'orders_on_time' has no definition in 'fr'",
            "definitions.en: 'orders_on_time' has no definition in 'en'",
        ]

    def test_notes_are_all_or_nothing(self) -> None:
        assert self._errors(target_notes={"en": "≥ 95"}) == [
            "target_notes.fr: 'orders_on_time' has no target note in 'fr'",
            "target_notes.es: 'orders_on_time' has no target note in 'es'",
        ]

    def test_an_entry_without_a_numeric_target_says_why_in_every_language(self) -> None:
        errors = self._errors(target=None)
        assert errors == [
            f"target_notes.{lang}: 'orders_on_time' has no target note in {lang!r} "
            "(it has no numeric target: say why)"
            for lang in LANGS
        ]
        item = CatalogEntry(**self._fields(target=None, target_notes=self.TEXTS["target_notes"]))  # type: ignore[arg-type]
        assert item.target is None

    @pytest.mark.parametrize(
        ("names", "expected"),
        [
            (
                {**TEXTS["names"], "de": "Pünktliche Bestellungen"},
                "names.de: 'de' is not a catalog language ('fr', 'en' or 'es')",
            ),
            ({**TEXTS["names"], "fr": " "}, "names.fr: must not be empty"),
            (
                (*TEXTS["names"].items(), ("es", "Otra vez")),
                "names.es: 'orders_on_time' has its name in 'es' twice",
            ),
            (("fr", "en", "es"), "names[0]: expected a tuple of str, got text 'fr'"),
            ((("fr",),), "names[0]: expected a (language, text) pair"),
        ],
    )
    def test_bad_texts(self, names: object, expected: str) -> None:
        assert expected in self._errors(names=names)


class TestCatalogDataFile:
    """The data file: where it is, how it is read, and what a broken one says."""

    RESOURCE = resources.files("vendorgov").joinpath("data", "kpi-catalog.toml")

    def _document(self) -> dict[str, Any]:
        return tomllib.loads(self.RESOURCE.read_text(encoding="utf-8"))

    def _errors(self, document: dict[str, Any]) -> list[str]:
        with pytest.raises(ValidationError) as caught:
            catalog._entries_from(document, source="kpi-catalog.toml")
        assert caught.value.source == "kpi-catalog.toml"
        return [str(detail) for detail in caught.value.errors]

    def test_the_package_ships_it(self) -> None:
        assert self.RESOURCE.is_file()

    def test_it_reads_back_as_the_catalog(self) -> None:
        document = self._document()
        assert set(document) == {"kpi"}
        assert catalog._entries_from(document, source="x") == catalog.entries()

    def test_numbers_are_strings_in_the_file(self) -> None:
        for table in self._document()["kpi"]:
            for name in ("target", "best"):
                assert isinstance(table.get(name, ""), str), (table["key"], name)

    def test_the_general_entries_fit_every_activity(self) -> None:
        general = [
            table["key"] for table in self._document()["kpi"] if table["activities"] == "all"
        ]
        assert general == ["report_timeliness", "capa_on_time", "budget_variance"]

    def test_a_missing_translation_names_the_entry_and_the_language(self) -> None:
        document = self._document()
        assert document["kpi"][2]["key"] == "damage_rate"
        del document["kpi"][2]["name"]["es"]
        del document["kpi"][5]["definition"]["fr"]
        assert self._errors(document) == [
            "kpi[2].name.es: 'damage_rate' has no name in 'es'",
            "kpi[5].definition.fr: 'inventory_accuracy' has no definition in 'fr'",
        ]

    def test_every_problem_is_reported_with_its_path_in_the_file(self) -> None:
        document = self._document()
        broken = copy.deepcopy(document["kpi"][0])
        broken.update(target=95.0, colour="red")
        del broken["unit"]
        no_texts = copy.deepcopy(document["kpi"][1])
        no_texts["definition"] = "Orders shipped."
        document["kpi"] = [broken, no_texts, document["kpi"][1], "not a table"]
        assert self._errors(document) == [
            "kpi[0].colour: unknown field",
            "kpi[0].unit: missing",
            "kpi[0].target: expected a number written as a string ('95'), got float 95.0",
            "kpi[1].definition: expected a table of texts by language, got text 'Orders shipped.'",
            "kpi[2].key: 'order_accuracy' is already kpi[1]",
            "kpi[3]: expected a table, got text 'not a table'",
        ]

    def test_type_problems_come_from_the_entry_with_file_paths(self) -> None:
        document = self._document()
        document["kpi"][0].update(direction="up", activities=["logistics", "accounting"])
        document["kpi"][0]["target_note"]["it"] = "≥ 95"
        errors = self._errors(document)
        assert errors[0].startswith("kpi[0].activities[1]: expected a ActivityKind")
        assert errors[1].startswith("kpi[0].direction: expected a Direction")
        document["kpi"][0].update(direction="higher", activities=["logistics"])
        assert self._errors(document) == [
            "kpi[0].target_note.it: 'it' is not a catalog language ('fr', 'en' or 'es')"
        ]

    @pytest.mark.parametrize(
        ("document", "expected"),
        [
            ({}, ["kpi: expected [[kpi]] tables, got nothing"]),
            ({"kpi": []}, ["kpi: expected [[kpi]] tables, got list []"]),
            (
                {"entry": [], "kpi": {}},
                [
                    "entry: unknown field: the catalog has only [[kpi]] tables",
                    "kpi: expected [[kpi]] tables, got table {}",
                ],
            ),
        ],
    )
    def test_a_document_without_entries(
        self, document: dict[str, Any], expected: list[str]
    ) -> None:
        assert self._errors(document) == expected

    def test_it_is_read_once_on_first_use_not_on_import(self) -> None:
        code = (
            "import sys\n"
            "import vendorgov.catalog as catalog\n"
            "print('tomllib' in sys.modules, catalog._catalog.cache_info().currsize)\n"
            "catalog.entry('availability'); catalog.entries(); catalog.kpi('lcp_p75', lang='es')\n"
            "info = catalog._catalog.cache_info()\n"
            "print('tomllib' in sys.modules, info.misses, info.currsize)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
        )
        assert result.stdout.split("\n") == ["False 0", "True 1 1", ""]


class TestCatalogLookup:
    def test_unknown_key_suggests_close_keys(self) -> None:
        with pytest.raises(UnknownKpiError) as caught:
            catalog.entry("on_time_shiping")
        assert str(caught.value) == (
            "no KPI 'on_time_shiping' in the catalog; did you mean 'on_time_shipping'?"
        )
        assert caught.value.key == "on_time_shiping"

    def test_unknown_key_without_a_close_one_lists_every_key(self) -> None:
        with pytest.raises(KeyError, match="known keys: availability, budget_variance"):
            catalog.entry("net_promoter_score")

    def test_the_error_is_a_key_error_and_a_vendorgov_error(self) -> None:
        assert issubclass(UnknownKpiError, KeyError)
        assert issubclass(UnknownKpiError, VendorgovError)

    def test_the_error_pickles(self) -> None:
        import pickle

        error = UnknownKpiError("x", "no KPI 'x' in the catalog")
        copy = pickle.loads(pickle.dumps(error))
        assert (copy.key, str(copy)) == ("x", "no KPI 'x' in the catalog")


class TestCatalogForActivity:
    def test_logistics_with_the_general_entries(self) -> None:
        keys = [item.key for item in catalog.for_activity(ActivityKind.LOGISTICS)]
        assert keys == [*ROW_IDS[:9], "report_timeliness", "capa_on_time", "budget_variance"]

    def test_own_entries_only(self) -> None:
        keys = [item.key for item in catalog.for_activity("community", general=False)]
        assert keys == ROW_IDS[9:15]

    def test_a_kind_without_entries_of_its_own_gets_the_general_ones(self) -> None:
        keys = [item.key for item in catalog.for_activity(ActivityKind.CUSTOMER_SERVICE)]
        assert keys == ["report_timeliness", "capa_on_time", "budget_variance"]
        assert catalog.for_activity(ActivityKind.CONTENT, general=False) == ()

    def test_every_entry_fits_some_activity(self) -> None:
        found = {item.key for kind in ActivityKind for item in catalog.for_activity(kind)}
        assert found == set(ROW_IDS)

    def test_unknown_kind_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="expected an activity kind"):
            catalog.for_activity("accounting")


class TestCatalogKpi:
    def test_french_by_default(self) -> None:
        kpi = catalog.kpi("order_accuracy")
        assert kpi == Kpi(
            key="order_accuracy",
            name="Exactitude des commandes",
            unit="%",
            direction=Direction.HIGHER,
            aggregation=Aggregation.MEAN,
            weight=Decimal(1),
            description=(
                "Commandes expédiées sans erreur d'article, de quantité ou d'adresse "
                "/ commandes expédiées."
            ),
        )

    def test_english_with_a_weight(self) -> None:
        kpi = catalog.kpi("inp_p75", lang="en", weight=Decimal("2.5"))
        assert (kpi.name, kpi.unit, kpi.direction, kpi.aggregation, kpi.weight) == (
            "Interaction to Next Paint (p75)",
            "ms",
            Direction.LOWER,
            Aggregation.LAST,
            Decimal("2.5"),
        )
        assert kpi.description.startswith("Core Web Vitals field data")

    def test_spanish(self) -> None:
        kpi = catalog.kpi("dock_to_stock", lang="es")
        assert (kpi.name, kpi.description) == (
            "Tiempo de ubicación en stock",
            "Tiempo entre la recepción en muelle y la disponibilidad en el SGA (WMS).",
        )
        english = catalog.kpi("dock_to_stock", lang="en")
        assert attrs.evolve(english, name=kpi.name, description=kpi.description) == kpi

    @pytest.mark.parametrize("lang", LANGS)
    def test_every_entry_makes_a_valid_kpi(self, lang: str) -> None:
        for item in catalog.entries():
            kpi = catalog.kpi(item.key, lang=lang)  # type: ignore[arg-type]
            assert kpi.name == item.name(lang)  # type: ignore[arg-type]
            assert kpi.direction is item.direction

    def test_money_entries_take_the_currency_as_unit(self) -> None:
        assert catalog.kpi("cost_per_order").unit == "EUR"
        assert catalog.kpi("cost_per_order", currency="CHF").unit == "CHF"
        with pytest.raises(ValidationError, match="currency"):
            catalog.kpi("cost_per_order", currency="euro")

    def test_unknown_key(self) -> None:
        with pytest.raises(UnknownKpiError, match="did you mean 'availability'"):
            catalog.kpi("availabilty")

    def test_unknown_language(self) -> None:
        with pytest.raises(ValidationError, match="expected 'fr', 'en' or 'es', got 'de'"):
            catalog.kpi("availability", lang="de")  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match="lang: expected 'fr', 'en' or 'es', got 'ES'"):
            catalog.entry("availability").name("ES")  # type: ignore[arg-type]

    def test_bad_weight_is_refused_by_the_kpi(self) -> None:
        with pytest.raises(ValidationError, match="weight"):
            catalog.kpi("availability", weight=Decimal(0))


class TestCatalogTargets:
    def test_higher_is_better_ramp(self) -> None:
        ramp = catalog.targets("on_time_shipping", baseline=Decimal("91"))
        assert [(t.target, t.threshold) for t in ramp] == [
            (Decimal("92.3"), Decimal("91")),
            (Decimal("93.7"), Decimal("92.3")),
            (Decimal("95"), Decimal("93.7")),
        ]
        assert {t.kpi for t in ramp} == {"on_time_shipping"}

    def test_lower_is_better_ramp_keeps_the_inputs_precision_when_exact(self) -> None:
        ramp = catalog.targets("return_processing", baseline=Decimal("120"), tiers=4)
        assert [str(t.target) for t in ramp] == ["108", "96", "84", "72"]
        assert [str(t.threshold) for t in ramp] == ["120", "108", "96", "84"]

    def test_explicit_final_for_an_entry_without_a_numeric_target(self) -> None:
        ramp = catalog.targets(
            "engagement_rate", baseline=Decimal("1.4"), final=Decimal("2.5"), tiers=2
        )
        assert [(t.target, t.threshold) for t in ramp] == [
            (Decimal("1.95"), Decimal("1.4")),
            (Decimal("2.5"), Decimal("1.95")),
        ]

    def test_no_numeric_target_and_no_final(self) -> None:
        with pytest.raises(ValidationError, match="no numeric typical target"):
            catalog.targets("negative_share", baseline=Decimal("9"))

    def test_baseline_already_at_the_target(self) -> None:
        with pytest.raises(ValidationError, match="best level is 99"):
            catalog.targets("on_time_shipping", baseline=Decimal("97"))
        with pytest.raises(ValidationError, match="nothing to climb"):
            catalog.targets("lcp_p75", baseline=Decimal("2.5"))

    @pytest.mark.parametrize("tiers", [0, 11, True])
    def test_tiers_out_of_range(self, tiers: int) -> None:
        with pytest.raises(ValidationError, match="tiers"):
            catalog.targets("availability", baseline=Decimal("99"), tiers=tiers)

    def test_floats_are_refused(self) -> None:
        with pytest.raises(ValidationError, match="baseline"):
            catalog.targets("availability", baseline=99.0)  # type: ignore[arg-type]

    @settings(max_examples=200, deadline=None)
    @given(
        key=st.sampled_from([item.key for item in catalog.entries() if item.target is not None]),
        gap=st.decimals(min_value=Decimal("0.001"), max_value=1000, places=3),
        tiers=st.integers(min_value=1, max_value=10),
    )
    def test_every_tier_is_better_than_its_threshold_and_than_the_last(
        self, key: str, gap: Decimal, tiers: int
    ) -> None:
        item = catalog.entry(key)
        assert item.target is not None
        baseline = item.target - gap if item.direction is UP else item.target + gap
        ramp = catalog.targets(key, baseline=baseline, tiers=tiers)
        kpi = catalog.kpi(key)
        assert len(ramp) == tiers
        assert ramp[0].threshold == baseline
        assert ramp[-1].target == item.target
        for tier in ramp:
            assert kpi.is_better(tier.target, tier.threshold)
        for earlier, later in itertools.pairwise(ramp):
            assert later.threshold == earlier.target
