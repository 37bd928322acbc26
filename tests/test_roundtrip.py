"""Files are lossless: every public value survives TOML, JSON and YAML unchanged.

The values come from ``tests/strategies.py``; a type added to the model
without a strategy fails :class:`TestStrategiesCoverEveryType`.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tomllib
from decimal import Decimal
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import STRATEGIES, missions
from vendorgov import Horizon, LocalizedText, Mission, Money, ValidationError
from vendorgov._model import registry
from vendorgov.serialization import SCHEMA_VERSION, dumps, loads, type_name

FORMATS = ("toml", "json", "yaml")

TYPE_KEY = "type"
"""The header key naming the type a document holds (absent for a mission)."""

ALL_TYPES = sorted(registry.KINDS.values(), key=lambda cls: cls.__name__)

TYPES = [pytest.param(cls, id=cls.__name__) for cls in ALL_TYPES]


# Secondary properties run fewer examples than the round trip itself, in the
# same proportion whatever the profile: they depend less on the value drawn.
_EXAMPLES = settings().max_examples
FEWER = settings(max_examples=max(3, _EXAMPLES // 5))
FEWEST = settings(max_examples=max(2, _EXAMPLES // 10))


def assert_identical(actual: Any, expected: Any, path: str = "value") -> None:
    """Stricter than ``==``: same types, same Decimal digits and exponent, same offsets.

    ``Decimal("1.50") == Decimal("1.5")`` and ``Decimal("-0") == Decimal("0")``
    and a ``StrEnum`` equals its text, so ``==`` alone would let a writer drop
    trailing zeros or a reader return plain strings.
    """
    assert type(actual) is type(expected), (
        f"{path}: {type(actual).__name__} instead of {type(expected).__name__}"
    )
    if attrs.has(type(expected)):
        for field in attrs.fields(type(expected)):
            assert_identical(
                getattr(actual, field.name), getattr(expected, field.name), f"{path}.{field.name}"
            )
    elif isinstance(expected, tuple):
        assert len(actual) == len(expected), f"{path}: {len(actual)} items, not {len(expected)}"
        for index, (left, right) in enumerate(zip(actual, expected, strict=True)):
            assert_identical(left, right, f"{path}[{index}]")
    elif isinstance(expected, Decimal):
        assert actual.as_tuple() == expected.as_tuple(), f"{path}: {actual!r} != {expected!r}"
    elif isinstance(expected, dt.datetime):
        # The zone *name* is not carried (the text has an offset); the wall
        # time and the offset are.
        assert actual.replace(tzinfo=None) == expected.replace(tzinfo=None), path
        assert actual.utcoffset() == expected.utcoffset(), path
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"


def parse_raw(text: str, fmt: str) -> dict[str, Any]:
    """The document as the format's own reader sees it, without vendorgov."""
    if fmt == "toml":
        return tomllib.loads(text)
    if fmt == "json":
        return json.loads(text)
    return yaml.safe_load(text)


class TestStrategiesCoverEveryType:
    def test_every_public_type_has_a_strategy(self) -> None:
        missing = sorted(cls.__name__ for cls in set(registry.KINDS.values()) - set(STRATEGIES))
        assert missing == []
        assert set(STRATEGIES) == set(registry.KINDS.values())


class TestRoundTrip:
    @pytest.mark.parametrize("cls", TYPES)
    @given(data=st.data())
    def test_every_format_gives_the_value_back(self, cls: type, data: st.DataObject) -> None:
        value = data.draw(STRATEGIES[cls], label=cls.__name__)
        assert type(value) is cls
        for fmt in FORMATS:
            text = dumps(value, fmt)
            back = loads(text, fmt)
            assert back == value, fmt
            assert_identical(back, value, f"{fmt}:{cls.__name__}")
        # Insisting on the right class changes nothing (JSON only: reading
        # YAML is slow, and the header is the same in every format).
        assert loads(dumps(value, "json"), "json", cls=cls) == value


class TestStableOutput:
    @pytest.mark.parametrize("cls", TYPES)
    @FEWER
    @given(data=st.data())
    def test_writing_what_was_read_gives_the_same_text(
        self, cls: type, data: st.DataObject
    ) -> None:
        value = data.draw(STRATEGIES[cls], label=cls.__name__)
        texts = {fmt: dumps(value, fmt) for fmt in FORMATS}
        for fmt, text in texts.items():
            assert dumps(value, fmt) == text, fmt  # deterministic
            assert dumps(loads(text, fmt), fmt) == text, fmt
        # Converting a file to another format gives what writing it there gives.
        source = data.draw(st.sampled_from(FORMATS), label="from")
        target = data.draw(st.sampled_from(FORMATS), label="to")
        assert dumps(loads(texts[source], source), target) == texts[target]


class TestDocumentHeader:
    @pytest.mark.parametrize("cls", TYPES)
    @FEWEST
    @given(data=st.data())
    def test_every_document_starts_with_schema_version_and_names_its_type(
        self, cls: type, data: st.DataObject
    ) -> None:
        value = data.draw(STRATEGIES[cls], label=cls.__name__)
        for fmt in FORMATS:
            document = parse_raw(dumps(value, fmt), fmt)
            assert next(iter(document)) == "schema_version", fmt
            version = document["schema_version"]
            assert type(version) is int, fmt
            assert version == SCHEMA_VERSION == 1, fmt
            if cls is Mission:
                assert TYPE_KEY not in document, fmt  # a mission is the default type
            else:
                assert document[TYPE_KEY] == registry.NAMES[cls] == type_name(cls), fmt

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_a_document_without_schema_version_is_refused(self, fmt: str) -> None:
        text = dumps(Money(Decimal("12.50"), "EUR"), fmt)
        headless = "\n".join(line for line in text.splitlines() if "schema_version" not in line)
        with pytest.raises(ValidationError) as info:
            loads(headless, fmt)
        assert [error.path for error in info.value.errors] == ["schema_version"]

    @pytest.mark.parametrize("version", [0, 2, "1", True])
    def test_another_schema_version_is_refused(self, version: object) -> None:
        document = json.loads(dumps(Money(Decimal("12.50"), "EUR"), "json"))
        document["schema_version"] = version
        with pytest.raises(ValidationError) as info:
            loads(json.dumps(document), "json")
        assert [error.path for error in info.value.errors] == ["schema_version"]


class TestTypeMismatch:
    @pytest.mark.parametrize("cls", TYPES)
    @FEWEST
    @given(data=st.data())
    def test_a_document_of_another_type_is_refused(self, cls: type, data: st.DataObject) -> None:
        value = data.draw(STRATEGIES[cls], label=cls.__name__)
        other = data.draw(st.sampled_from([kind for kind in ALL_TYPES if kind is not cls]))
        fmt = data.draw(st.sampled_from(FORMATS), label="format")
        text = dumps(value, fmt)
        assert loads(text, fmt, cls=cls) == value  # the right class is accepted
        with pytest.raises(ValidationError) as info:
            loads(text, fmt, cls=other)
        if cls is not Mission:  # a mission document names no type: its fields mismatch
            assert [error.path for error in info.value.errors] == [TYPE_KEY]
            message = info.value.errors[0].message
            assert registry.NAMES[cls] in message
            assert registry.NAMES[other] in message

    @given(mission=missions(), other=st.sampled_from([c for c in ALL_TYPES if c is not Mission]))
    @FEWEST
    def test_a_mission_that_names_its_type_is_refused_as_another_type(
        self, mission: Mission, other: type
    ) -> None:
        document = json.loads(dumps(mission, "json"))
        document = {"schema_version": 1, TYPE_KEY: "mission", **document}
        text = json.dumps(document)
        assert loads(text, "json") == mission
        assert loads(text, "json", cls=Mission) == mission
        with pytest.raises(ValidationError) as info:
            loads(text, "json", cls=other)
        assert [error.path for error in info.value.errors] == [TYPE_KEY]


def _no_float(text: str) -> Decimal:
    raise AssertionError(f"a bare JSON number with a fraction or exponent: {text}")


class _Counts:
    def __init__(self) -> None:
        self.decimals = 0
        self.dates = 0


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _check_json(value: Any, data: Any, path: str, counts: _Counts) -> None:
    """Walk a value and its JSON side by side, checking how each scalar travels."""
    assert value is not None, f"{path}: None should have been left out"
    if isinstance(value, LocalizedText):  # a table of translations, in the order written
        assert isinstance(data, dict), path
        assert list(data.items()) == list(value.texts), path
    elif attrs.has(type(value)) and not isinstance(value, Horizon):
        assert isinstance(data, dict), path
        fields = {field.name: field for field in attrs.fields(type(value))}
        assert set(data) <= set(fields), f"{path}: unexpected keys {set(data) - set(fields)}"
        for name, field in fields.items():
            if name in data:
                _check_json(getattr(value, name), data[name], f"{path}.{name}", counts)
            else:  # left out only when it holds the default
                assert field.default is not attrs.NOTHING, f"{path}.{name} is missing"
                assert getattr(value, name) == field.default, f"{path}.{name} is missing"
    elif isinstance(value, tuple):
        assert isinstance(data, list), path
        assert len(data) == len(value), path
        for index, (item, raw) in enumerate(zip(value, data, strict=True)):
            _check_json(item, raw, f"{path}[{index}]", counts)
    elif isinstance(value, Decimal):
        assert isinstance(data, str), f"{path}: a Decimal must travel as a string, got {data!r}"
        assert data == str(value), path
        assert Decimal(data).as_tuple() == value.as_tuple(), path
        counts.decimals += 1
    elif isinstance(value, dt.datetime):
        assert isinstance(data, str), f"{path}: a datetime must travel as ISO text, got {data!r}"
        assert data == value.isoformat(), path
        parsed = dt.datetime.fromisoformat(data)
        assert parsed.utcoffset() == value.utcoffset(), path
    elif isinstance(value, dt.date):
        assert isinstance(data, str), f"{path}: a date must travel as ISO text, got {data!r}"
        assert _ISO_DATE.match(data), f"{path}: {data!r} is not YYYY-MM-DD"
        assert dt.date.fromisoformat(data) == value, path
        counts.dates += 1
    elif isinstance(value, dt.time):
        assert isinstance(data, str), path
        assert dt.time.fromisoformat(data) == value, path
    elif isinstance(value, Horizon):
        assert data == str(value), path
    elif isinstance(value, enum.Enum):
        assert type(data) is str, path
        assert data == value.value, path
    elif isinstance(value, bool):
        assert data is value, path
    elif isinstance(value, int):
        assert type(data) is int, path
        assert data == value, path
    else:
        assert isinstance(value, str), f"{path}: unexpected {type(value).__name__}"
        assert data == value, path


class TestJsonScalars:
    @settings(max_examples=max(5, _EXAMPLES // 2))
    @given(mission=missions())
    def test_decimals_and_dates_travel_as_strings(self, mission: Mission) -> None:
        text = dumps(mission, "json")
        document = json.loads(text, parse_float=_no_float)
        assert document.pop("schema_version") == 1
        counts = _Counts()
        _check_json(mission, document, "mission", counts)
        assert counts.dates >= 2  # start and end, at least

    def test_a_decimal_keeps_its_exponent_in_json(self) -> None:
        for text in ("1.50", "-0.001", "1E+3", "-0", "0E-7"):
            document = json.loads(dumps(Money(Decimal(text), "EUR"), "json"))
            assert document["amount"] == text
