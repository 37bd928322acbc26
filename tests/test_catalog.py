"""vendorgov.catalog: the KPI catalog of reference/kpi-catalog.md as data."""

from __future__ import annotations

import itertools
from decimal import Decimal

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
from vendorgov.catalog import CatalogEntry, UnknownKpiError

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
        assert (item.name_en, item.name_fr) == NAMES[str(key)]
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
        assert item.definition_en.strip()
        assert item.definition_fr.strip()
        assert item.target_text("en").strip()
        assert item.target_text("fr").strip()

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


class TestCatalogEntryValidation:
    def _fields(self, **changes: object) -> dict[str, object]:
        fields: dict[str, object] = {
            "key": "orders_on_time",
            "activities": (ActivityKind.LOGISTICS,),
            "name_en": "Orders on time",
            "name_fr": "Commandes à l'heure",
            "unit": "%",
            "direction": Direction.HIGHER,
            "aggregation": Aggregation.MEAN,
            "definition_en": "On time / all.",
            "definition_fr": "À l'heure / toutes.",
            "target": Decimal("95"),
        }
        fields.update(changes)
        return fields

    def test_a_valid_entry(self) -> None:
        assert CatalogEntry(**self._fields(best=Decimal("99"))).best == Decimal("99")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("changes", "path"),
        [
            ({"best": Decimal("90")}, "best"),
            ({"activities": ()}, "activities"),
            ({"target": None}, "target_note_en"),
            ({"name_fr": " "}, "name_fr"),
            ({"target": 95.0}, "target"),
        ],
    )
    def test_invalid_entries_are_refused(self, changes: dict[str, object], path: str) -> None:
        with pytest.raises(ValidationError) as caught:
            CatalogEntry(**self._fields(**changes))  # type: ignore[arg-type]
        assert [detail.path for detail in caught.value.errors] == [path]


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

    @pytest.mark.parametrize("lang", ["fr", "en"])
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
        with pytest.raises(ValidationError, match="expected 'fr' or 'en', got 'de'"):
            catalog.kpi("availability", lang="de")  # type: ignore[arg-type]

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
