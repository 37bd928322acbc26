"""The JSON Schema (draft 2020-12) of vendorgov files, generated from the types.

Nothing here is written per class: the schema of every value type comes from
walking ``attrs.fields`` and the resolved type hints, recursively, so a field
added to the model shows up in the schema the moment it exists. What *is*
written by hand is the spelling of the leaf types, and it mirrors the hooks of
the converter in ``vendorgov.serialization`` one for one:

============================  =================================================
annotation                    in a file
============================  =================================================
``str``                       a string; a ``str`` field named ``currency`` is
                              an ISO 4217 code vendorgov knows
``int`` / ``bool``            an integer / ``true`` or ``false``
``Decimal``                   a decimal string (``"1234.50"``, ``"1E+3"``) or a
                              number (read exactly, never through a float)
``date``                      ``"YYYY-MM-DD"``
``datetime``                  ISO text with an offset (naive ones are refused)
``time``                      ``"HH:MM"`` or ``"HH:MM:SS"``
``Horizon``                   ``"M+6"``, ``"W+2"``, ``"D+10"``, ``"EOM"``,
                              ``"EOQ"``, ``"EOY"``, ``"EOY@06"`` or a date
``Money``                     a table ``{amount, currency}`` or the shorthand
                              ``"1234.50 EUR"``
``str | LocalizedText``       a string, or a table of translations: language
                              codes (``fr``, ``pt-BR``) to non-blank strings
an enumeration                one of its values
``tuple[X, ...]``             an array of ``X``
``X | None`` (default None)   ``X``, or the key left out (never ``null``)
an attrs class                a table of its fields: unknown keys are refused,
                              fields without a default are required
============================  =================================================

The schema describes the canonical spelling: the reader is a little more
lenient (it strips blanks around numbers, horizons and money shorthands), so a
file valid against the schema always reads, and every file vendorgov writes is
valid against it. Invariants that tie several fields together (an end after
the start, exactly one primary contact per side...) are for
[`load`][vendorgov.serialization.load] to check, not for the schema.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from vendorgov._model import registry
from vendorgov._model.kpi import _LIMITS as _HORIZON_LIMITS
from vendorgov._model.kpi import Horizon, HorizonKind
from vendorgov._model.money import CURRENCY_MINOR_UNITS, Money
from vendorgov._model.text import LANGUAGE_PATTERN, LocalizedText
from vendorgov._model.validation import MAX_DECIMAL, MAX_INT
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["DRAFT", "SCHEMA_BASE", "build"]

Unstructure = Callable[[Any, Any], Any]
"""``unstructure(value, annotation)``: a value as a file spells it (a converter's method)."""

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of the generated schemas."""

SCHEMA_BASE = "https://vendorgov.example/schema/"
"""Where the schemas are published; a schema's ``$id`` is ``{base}{type}-{version}.json``."""


# -- the leaf spellings (mirroring the converter's hooks) --------------------------
def _up_to(limit: int) -> str:
    """A regular expression for the integers 1 to ``limit``, without leading zeros.

    >>> _up_to(1200)
    '[1-9][0-9]{0,2}|1[0-1][0-9]{2}|1200'
    """
    text = str(limit)
    width = len(text)
    options = []  # first the shorter numbers, then those as long as the limit
    if width > 1:
        options.append("[1-9]" if width == 2 else f"[1-9][0-9]{{0,{width - 2}}}")
    for index, digit in enumerate(text):
        low = 1 if index == 0 else 0
        high = int(digit) - 1
        if high < low:
            continue
        rest = len(text) - index - 1
        tail = f"[0-9]{{{rest}}}" if rest > 1 else "[0-9]" if rest == 1 else ""
        choice = str(low) if low == high else f"[{low}-{high}]"
        options.append(f"{text[:index]}{choice}{tail}")
    options.append(text)
    return "|".join(options)


_DIGITS = r"[0-9]+(?:_[0-9]+)*"
DECIMAL_PATTERN = (
    rf"^[+-]?(?:{_DIGITS}(?:\.(?:{_DIGITS})?)?|\.{_DIGITS})(?:[eE][+-]?[0-9]{{1,6}})?$"
)
_DAY = r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
_HH_MM = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]"
_SECONDS = r"(?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
DATE_PATTERN = rf"^{_DAY}$"
DATETIME_PATTERN = rf"^{_DAY}[T ]{_HH_MM}{_SECONDS}(?:Z|[+-]{_HH_MM}{_SECONDS})$"
TIME_PATTERN = rf"^{_HH_MM}(?::[0-5][0-9])?$"
_RELATIVE = "|".join(
    rf"{kind.value}\+(?:{_up_to(limit)})" for kind, limit in _HORIZON_LIMITS.items()
)
_ENDS = "|".join(
    kind.value
    for kind in HorizonKind
    if kind not in _HORIZON_LIMITS and kind is not HorizonKind.DATE
)
HORIZON_PATTERN = rf"^(?:{_RELATIVE}|{_ENDS}|EOY@(?:0[1-9]|1[0-2]))$"
_CODES = "|".join(sorted(CURRENCY_MINOR_UNITS))
MONEY_PATTERN = rf"^[+-]?[0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{{1,4}})? (?:{_CODES})$"
_MAX_NUMBER_TEXT = 64  # the reader refuses longer decimal strings


def _leaf_defs() -> dict[str, dict[str, Any]]:
    """The shared definitions of the leaf types, by ``$defs`` name."""
    return {
        "decimal": {
            "description": (
                "An exact number: a decimal string such as '1234.50' or '1E+3', or a JSON "
                "number, read exactly (never through a binary float)."
            ),
            "anyOf": [
                {"type": "string", "pattern": DECIMAL_PATTERN, "maxLength": _MAX_NUMBER_TEXT},
                {
                    "type": "number",
                    "exclusiveMinimum": -int(MAX_DECIMAL),
                    "exclusiveMaximum": int(MAX_DECIMAL),
                },
            ],
        },
        "date": {
            "description": "A calendar date, ISO 8601: YYYY-MM-DD.",
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
        },
        "datetime": {
            "description": (
                "A date and time with its UTC offset, ISO 8601 "
                "(2027-03-15T10:00:00+01:00); naive datetimes are refused."
            ),
            "type": "string",
            "pattern": DATETIME_PATTERN,
        },
        "time": {
            "description": "A time of day, HH:MM or HH:MM:SS, in the mission's timezone.",
            "type": "string",
            "pattern": TIME_PATTERN,
        },
        "currency": {
            "description": "An active ISO 4217 currency code, in upper case.",
            "type": "string",
            "enum": sorted(CURRENCY_MINOR_UNITS),
        },
        "localized_text": {
            "description": (
                "A text in several languages: a table of language codes ('fr', 'en', "
                "'pt-BR') to non-blank texts, at least one; the first one written is shown "
                "when neither the document's nor the mission's language has a text."
            ),
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": LANGUAGE_PATTERN.pattern},
            "additionalProperties": {"type": "string", "pattern": r"\S"},
        },
        "horizon": {
            "description": _first_paragraph(Horizon)
            + " Written M+n, W+n or D+n (n from 1), EOM, EOQ, EOY, EOY@MM or an ISO date.",
            "type": "string",
            "anyOf": [{"pattern": HORIZON_PATTERN}, {"$ref": "#/$defs/date"}],
        },
    }


# Types written as text inside other values, never as a table of their own.
_TEXT_TYPES: dict[Any, str] = {
    Decimal: "decimal",
    dt.date: "date",
    dt.datetime: "datetime",
    dt.time: "time",
    Horizon: "horizon",
}
_SIMPLE: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer", "exclusiveMinimum": -MAX_INT, "exclusiveMaximum": MAX_INT},
    bool: {"type": "boolean"},
}
# Types that may also be written as a shorthand string (the converter's _class_hook).
_SHORTHANDS: dict[type, dict[str, Any]] = {
    Money: {
        "type": "string",
        "pattern": MONEY_PATTERN,
        "description": "The shorthand: amount, one space, currency code ('1234.50 EUR').",
    },
}
_CURRENCY_FIELD = "currency"


# -- docstrings -------------------------------------------------------------------
_CROSS_REFERENCE = re.compile(r"\[`?([^\]`]+)`?\]\[[^\]]+\]")
_LITERAL = re.compile(r"``(.+?)``")


def _clean(text: str) -> str:
    """Docstring markup to plain text: cross-references and double backticks."""
    text = _CROSS_REFERENCE.sub(r"\1", text)
    text = _LITERAL.sub(lambda m: m[1] if m[1][0] in "'\"" else f"'{m[1]}'", text)
    return " ".join(text.split())


def _own_doc(obj: object) -> str:
    doc = getattr(obj, "__dict__", {}).get("__doc__")
    return doc if isinstance(doc, str) else ""


def _first_paragraph(obj: object) -> str:
    """The first paragraph of an object's own docstring (not an inherited one)."""
    lines = []
    for line in _own_doc(obj).strip().splitlines():
        if not line.strip():
            break
        lines.append(line)
    return _clean(" ".join(lines))


_ATTRIBUTE = re.compile(r"^(\w+)(?: \([^)]*\))?: ?(.*)$")


def attribute_docs(cls: type) -> dict[str, str]:
    """Field descriptions from the ``Attributes:`` section of a Google docstring.

    >>> from vendorgov import Kpi
    >>> attribute_docs(Kpi)["weight"]
    'Its weight in the overall score; must be positive.'
    """
    lines = _own_doc(cls).expandtabs().splitlines()
    found: dict[str, list[str]] = {}
    inside = False
    header_indent = entry_indent = 0
    current: list[str] | None = None
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if not inside:
            if stripped == "Attributes:":
                inside, header_indent, entry_indent = True, indent, -1
            continue
        if not stripped:
            current = None
            continue
        if indent <= header_indent:
            break
        if entry_indent < 0:
            entry_indent = indent
        match = _ATTRIBUTE.match(stripped) if indent == entry_indent else None
        if match:
            current = found.setdefault(match.group(1), [])
            current.append(match.group(2))
        elif current is not None and indent > entry_indent:
            current.append(stripped)
    return {name: _clean(" ".join(parts)) for name, parts in found.items()}


# -- the walk ------------------------------------------------------------------------
class _Builder:
    """Walks the types from a root class and collects their ``$defs``."""

    def __init__(self, unstructure: Unstructure) -> None:
        self.unstructure = unstructure
        self.defs: dict[str, dict[str, Any]] = {}
        self.leaves = _leaf_defs()
        self.owners: dict[str, object] = {}

    def _name(self, owner: object, name: str) -> str:
        known = self.owners.setdefault(name, owner)
        if known is not owner:  # pragma: no cover - guards against a future name clash
            raise TypeError(f"two types would share the $defs name {name!r}: {known}, {owner}")
        return name

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def leaf(self, name: str) -> dict[str, Any]:
        self.defs[self._name(name, name)] = self.leaves[name]
        if name == "horizon":
            self.leaf("date")
        return self.ref(name)

    def of_type(self, tp: Any, field_name: str = "") -> dict[str, Any]:
        """The schema of a value annotated ``tp``."""
        if tp is str and field_name == _CURRENCY_FIELD:
            return self.leaf("currency")
        simple = _SIMPLE.get(tp)
        if simple is not None:
            return dict(simple)
        text = _TEXT_TYPES.get(tp)
        if text is not None:
            return self.leaf(text)
        if tp is LocalizedText:
            return self.leaf("localized_text")
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
            # ``X | None`` is X or left out: files never hold null.
            if len(options) == 1:
                return self.of_type(options[0], field_name)
            if set(options) == {str, LocalizedText}:  # a plain text, or its translations
                return {"oneOf": [{"type": "string"}, self.leaf("localized_text")]}
            return {"anyOf": [self.of_type(option, field_name) for option in options]}
        if origin is tuple:
            args = typing.get_args(tp)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.of_type(args[0], field_name)}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self.enumeration(tp)
        if isinstance(tp, type) and attrs.has(tp):
            return self.value_type(tp)
        raise TypeError(f"no JSON Schema spelling for the annotation {tp!r}")

    def enumeration(self, cls: type[enum.Enum]) -> dict[str, Any]:
        name = self._name(cls, registry.kind_name(cls))
        if name not in self.defs:
            schema: dict[str, Any] = {"title": cls.__name__}
            description = _first_paragraph(cls)
            if description:
                schema["description"] = description
            values = [member.value for member in cls]
            kinds = {type(value) for value in values}
            if kinds <= {str}:
                schema["type"] = "string"
            schema["enum"] = values
            self.defs[name] = schema
        return self.ref(name)

    def value_type(self, cls: type) -> dict[str, Any]:
        name = self._name(cls, registry.kind_name(cls))
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder, in case the walk comes back to it
            table = self.table(cls)
            shorthand = _SHORTHANDS.get(cls)
            if shorthand is None:
                self.defs[name] = table
            else:
                outer: dict[str, Any] = {
                    key: table.pop(key) for key in ("title", "description") if key in table
                }
                self.defs[name] = {**outer, "oneOf": [table, dict(shorthand)]}
        return self.ref(name)

    def default(self, field: attrs.Attribute[Any], annotation: Any) -> Any:
        """A field's default as a file spells it (``None`` when there is none to show)."""
        default = field.default
        if default is None or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            return None
        return self.unstructure(default, annotation)

    def table(self, cls: type) -> dict[str, Any]:
        """The object schema of an attrs class: its fields, typed, and nothing else."""
        hints = typing.get_type_hints(cls)
        docs = attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            schema = self.of_type(hints[field.name], field.name)
            schema = dict(schema)
            if field.name in docs:
                schema["description"] = docs[field.name]
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                default = self.default(field, hints[field.name])
                if default is not None:
                    schema["default"] = default
            properties[field.name] = schema
        result: dict[str, Any] = {"title": cls.__name__}
        description = _first_paragraph(cls)
        if description:
            result["description"] = description
        result["type"] = "object"
        result["properties"] = properties
        if required:
            result["required"] = required
        result["additionalProperties"] = False
        return result


# -- the document --------------------------------------------------------------------


def build(cls: type, *, version: int, unstructure: Unstructure) -> dict[str, Any]:
    """The JSON Schema of a file holding a ``cls`` value.

    ``vendorgov.serialization.json_schema`` calls it with the file format's version
    and its own converter, so that this module never imports the serialization edge.

    Args:
        cls: A vendorgov value type (one that has a ``type`` name).
        version: The ``schema_version`` the files carry.
        unstructure: Spells a default value as a file does:
            ``unstructure(value, annotation)``, the converter's ``unstructure``.

    Returns:
        A fresh dict: the caller may change it.

    Raises:
        ValidationError: When ``cls`` is not a type vendorgov writes as a file.

    >>> from vendorgov import Money
    >>> schema = build(Money, version=1, unstructure=lambda value, annotation: value)
    >>> schema["properties"]["type"]
    {'description': 'The type of value the file holds.', 'const': 'money'}
    >>> schema["required"]
    ['schema_version', 'type', 'amount', 'currency']
    """
    if isinstance(cls, type) and cls in _TEXT_TYPES:
        raise ValidationError(
            [
                ErrorDetail(
                    "cls",
                    f"a {cls.__name__} is written as text inside other values "
                    f"({_TEXT_TYPES[cls]}), never as a file of its own",
                )
            ]
        )
    kind = registry.NAMES.get(cls) if isinstance(cls, type) else None
    if kind is None:
        raise ValidationError(
            [ErrorDetail("cls", f"{cls!r} is not a vendorgov value type: no file holds one")]
        )
    mission = cls is registry.KINDS["mission"]
    builder = _Builder(unstructure)
    root = builder.table(cls)
    type_header: dict[str, Any] = {"description": "The type of value the file holds."}
    if mission:
        type_header["description"] += " A file without it holds a mission."
    type_header["const"] = kind
    headers: dict[str, Any] = {
        "schema_version": {
            "description": "The version of the file format.",
            "type": "integer",
            "const": version,
        },
        "type": type_header,
    }
    required = ["schema_version"] if mission else ["schema_version", "type"]
    document: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"{SCHEMA_BASE}{kind}-{version}.json",
        "$comment": (
            "Generated from the vendorgov types by vendorgov.serialization.json_schema(); "
            "do not edit by hand."
        ),
        "title": f"vendorgov {kind.replace('_', ' ')} file, schema version {version}",
        "description": root.get("description", ""),
        "type": "object",
        "properties": {**headers, **root["properties"]},
        "required": [*required, *root.get("required", [])],
        "additionalProperties": False,
    }
    if not document["description"]:
        del document["description"]
    document["$defs"] = {name: builder.defs[name] for name in sorted(builder.defs)}
    return document
