"""The JSON Schema of the file format: generated from the types, and true to the reader.

Decisions kept by these tests:

- The schema is generated from ``attrs.fields`` and the type hints: every field
  of every type appears, nothing else does, fields without a default are
  required, every table refuses unknown keys.
- Everything vendorgov writes is valid against it (demo missions, Hypothesis
  values of every type), and so is every demo file as authored.
- A file valid against it reads: the leaf patterns accept only what the reader
  accepts, and the invalid files below are refused by both.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import functools
import json
import re
import tomllib
import typing
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from strategies import STRATEGIES, missions
from vendorgov import Horizon, Kpi, Mission, Money, ValidationError, examples
from vendorgov._model import registry
from vendorgov._model.money import _MONEY_TEXT, CURRENCY_MINOR_UNITS
from vendorgov._schema import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    DECIMAL_PATTERN,
    HORIZON_PATTERN,
    MONEY_PATTERN,
    TIME_PATTERN,
    attribute_docs,
)
from vendorgov.serialization import (
    _structure_datetime,
    _structure_decimal,
    _structure_horizon,
    _structure_time,
    dumps,
    json_schema,
    loads,
)

FILE_TYPES = sorted(
    (cls for cls in registry.KINDS.values() if cls is not Horizon), key=lambda cls: cls.__name__
)
"""Every type a file can hold (a horizon is always text inside another value)."""

FEWER = settings(max_examples=max(5, settings().max_examples // 5))


@functools.cache
def validator(cls: type = Mission) -> Draft202012Validator:
    return Draft202012Validator(
        json_schema(cls), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def _mission_schema_text() -> str:
    return json.dumps(json_schema())


def mission_schema() -> dict[str, Any]:
    """The mission schema, generated once for the module (a fresh copy each call)."""
    return typing.cast("dict[str, Any]", json.loads(_mission_schema_text()))


def json_like(value: Any) -> Any:
    """Parsed TOML as a JSON reader would see it: dates and times become ISO strings."""
    if isinstance(value, dict):
        return {key: json_like(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_like(item) for item in value]
    if isinstance(value, dt.date | dt.time):  # a datetime is a date
        return value.isoformat()
    return value


def read_json(text: str) -> Any:
    """JSON as vendorgov reads it: numbers exactly."""
    return json.loads(text, parse_float=Decimal)


def problems(document: Any, cls: type = Mission) -> list[str]:
    return [error.message for error in validator(cls).iter_errors(document)]


@functools.cache
def _demo_document(key: str) -> dict[str, Any]:
    return typing.cast(
        "dict[str, Any]", json_like(tomllib.loads(examples.demo_text(key), parse_float=Decimal))
    )


def demo_document(key: str = "logistique") -> dict[str, Any]:
    """A demo file as authored, as JSON-like data (a fresh copy each call)."""
    return copy.deepcopy(_demo_document(key))


def fields_of(cls: type) -> list[attrs.Attribute[Any]]:
    return list(attrs.fields(cls))


# ---------------------------------------------------------------------------
# The schema itself
# ---------------------------------------------------------------------------


class TestSchemaDocument:
    @pytest.mark.parametrize("cls", FILE_TYPES, ids=lambda cls: cls.__name__)
    def test_is_a_valid_draft_2020_12_schema(self, cls: type) -> None:
        Draft202012Validator.check_schema(json_schema(cls))

    def test_header(self) -> None:
        schema = json_schema()
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == "https://vendorgov.example/schema/mission-1.json"
        assert "mission" in schema["title"]
        assert schema["description"] == (
            "One outsourced mission: who, what, how it is steered, and what happened."
        )
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False

    def test_default_is_the_mission(self) -> None:
        assert json_schema() == json_schema(Mission)

    def test_deterministic_and_fresh(self) -> None:
        first = json_schema()
        first["$defs"].clear()
        assert json.dumps(json_schema()) == json.dumps(json_schema())
        assert json_schema()["$defs"]

    def test_mission_headers(self) -> None:
        schema = json_schema()
        assert schema["properties"]["schema_version"]["const"] == 1
        assert schema["properties"]["type"]["const"] == "mission"
        assert schema["required"][0] == "schema_version"
        assert "type" not in schema["required"]

    @pytest.mark.parametrize(
        "cls", [cls for cls in FILE_TYPES if cls is not Mission], ids=lambda cls: cls.__name__
    )
    def test_other_types_require_their_type_header(self, cls: type) -> None:
        schema = json_schema(cls)
        name = registry.kind_name(cls)
        assert schema["$id"] == f"https://vendorgov.example/schema/{name}-1.json"
        assert schema["properties"]["type"]["const"] == name
        assert schema["required"][:2] == ["schema_version", "type"]

    @pytest.mark.parametrize("cls", [Horizon, int, dict, Decimal, "mission", [Mission]])
    def test_types_no_file_holds_are_refused(self, cls: type) -> None:
        with pytest.raises(ValidationError, match="cls"):
            json_schema(cls)

    def test_a_horizon_is_text(self) -> None:
        with pytest.raises(ValidationError, match="Horizon is written as text"):
            json_schema(Horizon)

    def test_a_clean_json_dump(self) -> None:
        text = json.dumps(json_schema(), indent=2, ensure_ascii=False)
        assert json.loads(text) == json_schema()


class TestGeneratedFromTheTypes:
    """Every field of every type is in the schema, typed, and nothing else."""

    @staticmethod
    def tables() -> list[tuple[type, dict[str, Any]]]:
        schema = mission_schema()
        found = []
        for cls in registry.KINDS.values():
            definition = schema["$defs"].get(registry.kind_name(cls))
            if definition is None or cls is Horizon:
                continue
            table = definition["oneOf"][0] if "oneOf" in definition else definition
            found.append((cls, table))
        return found

    def test_every_type_a_mission_holds_is_defined(self) -> None:
        defined = set(mission_schema()["$defs"])
        reachable: set[str] = set()

        def walk(tp: Any) -> None:
            for arg in typing.get_args(tp):
                walk(arg)
            if isinstance(tp, type) and (attrs.has(tp) or issubclass(tp, enum.Enum)):
                name = registry.kind_name(tp)
                if name in reachable:
                    return
                reachable.add(name)
                if attrs.has(tp) and tp is not Horizon:
                    for hint in typing.get_type_hints(tp).values():
                        walk(hint)

        walk(Mission)
        reachable.discard("mission")  # the root is the document itself
        assert reachable <= defined
        assert {"kpi", "milestone", "review", "scorecard", "money", "status"} <= defined

    def test_properties_are_exactly_the_fields(self) -> None:
        for cls, table in self.tables():
            assert list(table["properties"]) == [f.name for f in fields_of(cls)], cls
            assert table["additionalProperties"] is False, cls

    def test_required_are_the_fields_without_default(self) -> None:
        for cls, table in self.tables():
            required = [f.name for f in fields_of(cls) if f.default is attrs.NOTHING]
            assert table.get("required", []) == required, cls

    def test_mission_root_requires_its_fields(self) -> None:
        required = [f.name for f in fields_of(Mission) if f.default is attrs.NOTHING]
        assert mission_schema()["required"] == ["schema_version", *required]
        assert list(mission_schema()["properties"])[2:] == [f.name for f in fields_of(Mission)]

    def test_descriptions_come_from_the_docstrings(self) -> None:
        defs = mission_schema()["$defs"]
        assert (
            defs["kpi"]["description"] == "A key performance indicator the provider is steered on."
        )
        assert defs["kpi"]["properties"]["weight"]["description"] == (
            "Its weight in the overall score; must be positive."
        )
        assert (
            defs["status"]["description"] == "Where a KPI stands against its target and threshold."
        )

    def test_attribute_docs_read_continuation_lines(self) -> None:
        docs = attribute_docs(Kpi)
        assert set(docs) <= {f.name for f in fields_of(Kpi)}
        assert docs["key"] == "A slug that measurements and targets refer to ('on_time_shipping')."

    def test_enums_list_their_values(self) -> None:
        for enumeration in registry.ENUMS:
            definition = mission_schema()["$defs"].get(registry.kind_name(enumeration))
            if definition is not None:
                assert definition["enum"] == [member.value for member in enumeration]

    def test_defaults_are_written_as_a_file_writes_them(self) -> None:
        kpi = mission_schema()["$defs"]["kpi"]["properties"]
        assert kpi["aggregation"]["default"] == "mean"
        assert kpi["weight"]["default"] == "1"
        assert mission_schema()["properties"]["bands"]["default"][0] == {
            "name": "excellent",
            "minimum": "90",
        }
        # a default of None is "left out", not null
        assert "default" not in mission_schema()["properties"]["contract"]

    def test_leaves(self) -> None:
        schema = mission_schema()
        defs = schema["$defs"]
        assert schema["properties"]["start"] == {"$ref": "#/$defs/date"}
        assert defs["date"]["format"] == "date"
        assert defs["currency"]["enum"] == sorted(CURRENCY_MINOR_UNITS)
        assert schema["properties"]["currency"]["$ref"] == "#/$defs/currency"
        money = defs["money"]["oneOf"]
        assert money[0]["properties"]["currency"]["$ref"] == "#/$defs/currency"
        assert money[1]["pattern"] == MONEY_PATTERN
        assert schema["properties"]["contacts"]["type"] == "array"
        measurement = defs["measurement"]["properties"]["at"]
        assert measurement["anyOf"] == [{"$ref": "#/$defs/date"}, {"$ref": "#/$defs/datetime"}]
        # optional fields are X, never X-or-null
        assert "null" not in json.dumps(schema)

    def test_a_money_file_is_a_table(self) -> None:
        schema = json_schema(Money)
        assert schema["properties"]["amount"] == {
            "$ref": "#/$defs/decimal",
            "description": "The amount, any precision.",
        }
        assert (
            problems(
                {"schema_version": 1, "type": "money", "amount": "1", "currency": "EUR"}, Money
            )
            == []
        )
        assert problems("12.00 EUR", Money)


# ---------------------------------------------------------------------------
# Valid documents
# ---------------------------------------------------------------------------


class TestValidDocuments:
    @pytest.mark.parametrize("key", examples.DEMO_KEYS)
    def test_every_demo_file_as_authored(self, key: str) -> None:
        assert problems(demo_document(key)) == []

    def test_the_demo_files_use_the_shorthands(self) -> None:
        # so that the test above covers them
        text = "".join(examples.demo_text(key) for key in examples.DEMO_KEYS)
        assert re.search(r'= "[0-9.]+ EUR"', text)
        assert re.search(r'horizon = "(M|W|D)\+[0-9]+"', text)

    def test_every_demo_file_is_in_the_package(self) -> None:
        shipped = {
            path.name
            for path in resources.files("vendorgov.examples").iterdir()
            if path.name.endswith(".toml")
        }
        assert shipped == {f"{key}.toml" for key in examples.DEMO_KEYS}

    @pytest.mark.parametrize("mission", examples.demo_missions(), ids=lambda m: m.key)
    def test_every_demo_mission_as_written(self, mission: Mission) -> None:
        assert problems(read_json(dumps(mission, "json"))) == []

    @given(missions())
    @FEWER
    def test_generated_missions(self, mission: Mission) -> None:
        assert problems(read_json(dumps(mission, "json"))) == []

    @pytest.mark.parametrize("cls", FILE_TYPES, ids=lambda cls: cls.__name__)
    @given(data=st.data())
    @settings(max_examples=5)
    def test_generated_values_of_every_type(self, cls: type, data: st.DataObject) -> None:
        value = data.draw(STRATEGIES[cls], label=cls.__name__)
        assert problems(read_json(dumps(value, "json")), cls) == []


# ---------------------------------------------------------------------------
# Invalid documents: refused by the schema, and by the reader too
# ---------------------------------------------------------------------------


def _set(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``document`` with the value at ``path`` (``a.b[0].c``) replaced or deleted."""
    changed = copy.deepcopy(document)
    *parents, last = re.findall(r"[^.\[\]]+", path)
    node: Any = changed
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    key: Any = int(last) if last.isdigit() else last
    if value is _DELETE:
        del node[key]
    else:
        node[key] = value
    return changed


_DELETE = object()

INVALID = {
    "unknown top-level key": ("clent", {"name": "x"}),
    "unknown nested key": ("kpis[0].wieght", "2"),
    "wrong enum value": ("kpis[0].direction", "up"),
    "enum value in the wrong case": ("contacts[0].side", "Client"),
    "decimal with a comma": ("measurements[0].value", "93,6"),
    "decimal with two points": ("measurements[0].value", "93.6.1"),
    "decimal as words": ("measurements[0].value", "ninety"),
    "infinite decimal": ("measurements[0].value", "Infinity"),
    "missing required field": ("kpis[0].name", _DELETE),
    "missing required top-level field": ("contacts", _DELETE),
    "horizon of zero months": ("milestones[0].horizon", "M+0"),
    "horizon of an unknown kind": ("milestones[0].horizon", "Q+1"),
    "horizon in lower case": ("milestones[0].horizon", "m+1"),
    "fiscal year ending in month 13": ("milestones[0].horizon", "EOY@13"),
    "horizon too far": ("milestones[0].horizon", "M+1201"),
    "unknown mission currency": ("currency", "EURO"),
    "currency in lower case": ("currency", "eur"),
    "unknown currency in a money table": (
        "contract.fees[0].amount",
        {"amount": "1", "currency": "XXX"},
    ),
    "unknown currency in a shorthand": ("contract.fees[0].amount", "4500.00 XXX"),
    "shorthand without a currency": ("contract.fees[0].amount", "4500.00"),
    "money as a number": ("contract.fees[0].amount", 4500),
    "impossible date": ("start", "2026-02-30"),
    "date in another order": ("start", "02/03/2026"),
    "null for a required field": ("name", None),
    "naive datetime": ("measurements[0].at", "2026-03-08T10:00:00"),
    "number for a string": ("name", 12),
    "string for an integer": ("contract.payment.days", "30"),
    "integer of 19 digits": ("contract.payment.days", 10**18),
    "number of 16 digits": ("measurements[0].value", 10**15),
    "money in exponent form with an unknown currency": ("contract.fees[0].amount", "1.5E+3 EURO"),
    "list for a table": ("client", []),
    "table for a list": ("contacts", {"name": "x"}),
    "another schema version": ("schema_version", 2),
    "another type": ("type", "money"),
}


class TestInvalidDocuments:
    def test_the_base_document_is_valid(self) -> None:
        assert problems(demo_document()) == []

    @pytest.mark.parametrize(("path", "value"), INVALID.values(), ids=INVALID.keys())
    def test_refused_by_the_schema_and_by_the_reader(self, path: str, value: Any) -> None:
        document = _set(demo_document(), path, value)
        assert problems(document), "the schema accepted it"
        with pytest.raises(ValidationError):
            loads(json.dumps(document, default=str), "json")

    def test_null_is_refused_where_the_key_may_be_left_out(self) -> None:
        # The schema describes the canonical file: an optional value is left out.
        # The reader is more lenient and takes null as "left out".
        document = _set(demo_document(), "contract", None)
        assert problems(document)
        assert loads(json.dumps(document, default=str), "json").contract is None

    def test_a_file_without_schema_version(self) -> None:
        document = demo_document()
        del document["schema_version"]
        assert any("schema_version" in message for message in problems(document))

    def test_a_float_free_but_malformed_decimal_is_named(self) -> None:
        messages = problems(_set(demo_document(), "kpis[0].weight", "1.2.3"))
        assert messages
        assert any("1.2.3" in message for message in messages)

    def test_a_typo_in_a_key_is_named(self) -> None:
        messages = problems(_set(demo_document(), "kpis[0].wieght", "2"))
        assert any("wieght" in message for message in messages)


# ---------------------------------------------------------------------------
# The leaf patterns accept only what the reader reads
# ---------------------------------------------------------------------------


class TestLeafPatterns:
    @given(st.from_regex(DECIMAL_PATTERN, fullmatch=True).filter(lambda t: len(t) <= 64))
    @FEWER
    def test_decimal_strings_read(self, text: str) -> None:
        assert isinstance(_structure_decimal(text, Decimal), Decimal)

    @given(st.from_regex(HORIZON_PATTERN, fullmatch=True))
    @FEWER
    def test_horizons_read(self, text: str) -> None:
        assert str(_structure_horizon(text, Horizon)) == text

    @given(st.from_regex(TIME_PATTERN, fullmatch=True))
    @FEWER
    def test_times_read(self, text: str) -> None:
        assert _structure_time(text, dt.time).isoformat().startswith(text)

    @given(st.from_regex(DATETIME_PATTERN, fullmatch=True))
    @FEWER
    def test_datetimes_read_when_the_day_exists(self, text: str) -> None:
        try:
            dt.date.fromisoformat(text[:10])
        except ValueError:
            return  # the format checker of "date" is not applied to datetimes
        assert _structure_datetime(text, dt.datetime).tzinfo is not None

    @pytest.mark.parametrize("text", ["1234.50 EUR", "-36.00 EUR", "1.5E+3 EUR", "1_000 JPY"])
    def test_money_spellings(self, text: str) -> None:
        assert re.match(MONEY_PATTERN, text)
        assert _MONEY_TEXT.match(text)

    @pytest.mark.parametrize("text", ["1234.50", "1234.50 XXX", "1234.50 eur", "EUR 1234.50"])
    def test_not_money(self, text: str) -> None:
        assert not re.match(MONEY_PATTERN, text)

    @given(st.from_regex(MONEY_PATTERN, fullmatch=True))
    @FEWER
    def test_money_shorthands_match_the_reader(self, text: str) -> None:
        assert _MONEY_TEXT.match(text)

    @pytest.mark.parametrize(
        "text", ["12.50", "-0", "0E-7", "1E+3", "1_000.5", ".5", "5.", "+3", "123.4560"]
    )
    def test_decimal_spellings(self, text: str) -> None:
        assert re.match(DECIMAL_PATTERN, text)

    @pytest.mark.parametrize(
        "text", ["", "1,5", "1.2.3", "NaN", "Infinity", "1e", "_1", "1__0", " 1"]
    )
    def test_not_decimals(self, text: str) -> None:
        assert not re.match(DECIMAL_PATTERN, text)

    @pytest.mark.parametrize(
        ("text", "valid"),
        [
            ("M+1", True),
            ("M+1200", True),
            ("M+1201", False),
            ("W+5200", True),
            ("D+36600", True),
            ("D+36601", False),
            ("M+01", False),
            ("EOY@06", True),
            ("EOY@00", False),
            ("EOQ", True),
            ("EOW", False),
            ("2027-03-15", False),  # a date goes through the date definition
        ],
    )
    def test_horizon_pattern(self, text: str, valid: bool) -> None:
        assert bool(re.match(HORIZON_PATTERN, text)) is valid

    def test_date_horizons_are_valid(self) -> None:
        schema = {"$ref": "#/$defs/horizon", "$defs": json_schema()["$defs"]}
        check = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        assert check.is_valid("2027-03-15")
        assert not check.is_valid("2027-02-30")
        assert check.is_valid("EOM")

    @pytest.mark.parametrize(
        ("text", "valid"),
        [
            ("2027-03-15T10:00:00+01:00", True),
            ("2027-03-15T10:00+01:00", True),
            ("2027-03-15 10:00:00.5Z", True),
            ("2027-03-15T10:00:00+01:02:03", True),
            ("2027-03-15T10:00:00", False),
            ("2027-03-15", False),
        ],
    )
    def test_datetime_pattern(self, text: str, valid: bool) -> None:
        assert bool(re.match(DATETIME_PATTERN, text)) is valid

    def test_date_pattern(self) -> None:
        assert re.match(DATE_PATTERN, "2027-03-15")
        assert not re.match(DATE_PATTERN, "20270315")
