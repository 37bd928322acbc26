"""Read and write vendorgov values as TOML, JSON or YAML — losslessly.

Every file carries ``schema_version`` (and ``type``, the type it holds, when it
is not a mission). Exact numbers travel as strings in JSON and TOML output
(``"1234.50"``); on input, numbers written as TOML/JSON/YAML numbers are read
exactly, never through a float. Dates travel as ISO strings.

Bad input raises one [`ValidationError`][vendorgov.ValidationError] listing every problem
with its path (``milestones[1].targets[0].threshold``); no other exception
escapes [`load`][vendorgov.serialization.load] and [`loads`][vendorgov.serialization.loads],
whatever the input.

This module owns vendorgov's cattrs converter: the global ``cattrs`` converter
is never touched, so embedding vendorgov cannot change how your own code
structures data.

>>> import datetime as dt
>>> from decimal import Decimal
>>> from vendorgov import Money, dumps, loads
>>> text = dumps(Money(Decimal("1234.50"), "EUR"), format="json")
>>> print(text)
{
  "schema_version": 1,
  "type": "money",
  "amount": "1234.50",
  "currency": "EUR"
}
<BLANKLINE>
>>> loads(text, format="json")
Money(amount=Decimal('1234.50'), currency='EUR')
"""

from __future__ import annotations

import contextvars
import datetime as dt
import difflib
import enum
import itertools
import json
import os
import re
import secrets
import stat
import tomllib
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs
import cattrs
import tomli_w
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from vendorgov._model import registry
from vendorgov._model.kpi import Horizon
from vendorgov._model.mission import Mission
from vendorgov._model.money import Money
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import Model, describe, excerpt
from vendorgov.exceptions import (
    MAX_PROBLEMS,
    ErrorDetail,
    OverwriteError,
    ValidationError,
    join_path,
)

__all__ = [
    "SCHEMA_VERSION",
    "Format",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "loads",
    "type_name",
]

SCHEMA_VERSION = 1
"""The version of the file format this vendorgov reads and writes."""

Format = Literal["toml", "json", "yaml"]
"""The file formats: TOML (authored by people), JSON (tools), YAML (optional extra)."""

T = TypeVar("T")

_SUFFIXES: dict[str, Format] = {".toml": "toml", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_MAX_TEXT = 64 * 1024 * 1024
_MAX_HINTED = 100  # longer text gets no "did you mean" (difflib's cost grows with it)


class _Leaf(Exception):  # noqa: N818 - internal carrier, never escapes
    """A problem with one input value, before any path is known."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _ItemErrors(Exception):  # noqa: N818 - internal carrier, never escapes
    """Problems with several items of a list, by index.

    ``complete`` is false when the list was not checked to its end because
    enough problems had been found already.
    """

    def __init__(self, errors: list[tuple[int, BaseException]], *, complete: bool = True) -> None:
        super().__init__(f"{len(errors)} bad items")
        self.errors = errors
        self.complete = complete


# How many problems the detailed pass has found so far, as [count]; set by
# _structure for one call (a context variable, so threads and tasks each have their own).
_FOUND: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "vendorgov_found", default=None
)


# -- primitive hooks -------------------------------------------------------------
def _structure_str(value: object, _: object) -> str:
    if isinstance(value, str):
        return value
    raise _Leaf(f"expected a string, got {describe(value)}")


def _structure_int(value: object, _: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if (
        isinstance(value, Decimal)
        and value.is_finite()
        and value.adjusted() < 18  # never build a huge integer from 1e1000000
        and value == value.to_integral_value()
    ):
        return int(value)
    raise _Leaf(f"expected an integer, got {describe(value)}")


def _structure_bool(value: object, _: object) -> bool:
    if isinstance(value, bool):
        return value
    raise _Leaf(f"expected true or false, got {describe(value)}")


def _structure_decimal(value: object, _: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise _Leaf(f"expected a number, got {describe(value)}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        if len(text) <= 64:
            try:
                number = Decimal(text)
            except InvalidOperation:
                pass
            else:
                if number.is_finite():
                    return number
        raise _Leaf(f"expected a number like '12.50', got {describe(value)}")
    if isinstance(value, float):
        raise _Leaf(
            f"floats are refused for exact values; write the number as a string ({excerpt(value)})"
        )
    raise _Leaf(f"expected a number, got {describe(value)}")


def _structure_date(value: object, _: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _Leaf(f"expected a date, got a datetime ({value.isoformat()})")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise _Leaf(f"invalid date {excerpt(value)}: {error}") from None
    raise _Leaf(f"expected a date (YYYY-MM-DD), got {describe(value)}")


def _structure_datetime(value: object, _: object) -> dt.datetime:
    moment: dt.datetime
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, str) and len(value) > 10:
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise _Leaf(
                f"invalid datetime {excerpt(value)}; write it like 2027-03-15T10:00:00+01:00"
            ) from None
    else:
        raise _Leaf(
            f"expected a datetime with an offset (2027-03-15T10:00:00+01:00), got {describe(value)}"
        )
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise _Leaf(f"naive datetime refused ({moment.isoformat()}); give an offset like +01:00")
    return moment


def _structure_date_or_datetime(value: object, _: object) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) or (isinstance(value, str) and len(value) > 10):
        return _structure_datetime(value, _)
    return _structure_date(value, _)


def _structure_time(value: object, _: object) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if isinstance(value, str) and re.match(r"^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$", value):
        try:
            return dt.time.fromisoformat(value)
        except ValueError as error:
            raise _Leaf(f"invalid time {excerpt(value)}: {error}") from None
    raise _Leaf(f"expected a time of day like '10:00', got {describe(value)}")


def _structure_horizon(value: object, _: object) -> Horizon:
    if not isinstance(value, str):
        raise _Leaf(f"expected a horizon like 'M+6', got {describe(value)}")
    try:
        return Horizon.parse(value)
    except ValidationError as error:
        raise _Leaf(error.errors[0].message) from None


def _structure_localized(value: object, _: object) -> LocalizedText:
    if not isinstance(value, dict):
        raise _Leaf(f"expected a table of translations, got {describe(value)}")
    bad = [
        ErrorDetail(_key_path(str(lang)), f"expected a string, got {describe(text)}")
        for lang, text in value.items()
        if not isinstance(text, str)
    ]
    try:
        if bad:
            raise ValidationError(bad[:MAX_PROBLEMS])
        return LocalizedText(value)
    except ValidationError as error:
        # The paths name the languages: the field's path goes before them (name.en).
        error.vendorgov_raised_by = LocalizedText  # type: ignore[attr-defined]
        raise


def _structure_text(value: object, _: object) -> str | LocalizedText:
    """A plain string stays a string; a table is a text in several languages."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _structure_localized(value, _)
    raise _Leaf(f"expected text or a table of translations, got {describe(value)}")


def _structure_optional_text(value: object, _: object) -> str | LocalizedText | None:
    return None if value is None else _structure_text(value, _)


def _unstructure_text(value: str | LocalizedText | None) -> str | dict[str, str] | None:
    return dict(value.texts) if isinstance(value, LocalizedText) else value


def _unstructure_localized(value: LocalizedText) -> dict[str, str]:
    return dict(value.texts)


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    values = {member.value: member for member in cls}

    def hook(value: object, _: object) -> enum.Enum:
        if isinstance(value, str) and value in values:
            return values[value]
        allowed = ", ".join(repr(v) for v in values)
        hint = ""
        if isinstance(value, str) and len(value) <= _MAX_HINTED:
            close = difflib.get_close_matches(value, list(values), n=1)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
        raise _Leaf(f"expected one of {allowed}, got {describe(value)}{hint}")

    return hook


# -- the converter ------------------------------------------------------------
def _make_converter(*, detailed: bool) -> cattrs.Converter:
    conv = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed
    )
    for tp, hook in (
        (str, _structure_str),
        (int, _structure_int),
        (bool, _structure_bool),
        (Decimal, _structure_decimal),
        (dt.date, _structure_date),
        (dt.datetime, _structure_datetime),
        (dt.time, _structure_time),
        (Horizon, _structure_horizon),
    ):
        conv.register_structure_hook(tp, hook)
    conv.register_structure_hook(dt.date | dt.datetime, _structure_date_or_datetime)
    conv.register_structure_hook(LocalizedText, _structure_localized)
    conv.register_structure_hook(str | LocalizedText, _structure_text)
    conv.register_structure_hook(str | LocalizedText | None, _structure_optional_text)
    # Enumerations are registered one by one: a StrEnum is also a str, and the
    # str hook would otherwise win the dispatch.
    for enumeration in registry.ENUMS:
        conv.register_structure_hook(enumeration, _enum_hook(enumeration))
    conv.register_structure_hook_factory(_is_tuple, lambda tp: _tuple_hook(tp, conv, detailed))
    conv.register_structure_hook_factory(attrs.has, lambda cls: _class_hook(cls, conv, detailed))

    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    conv.register_unstructure_hook(dt.time, _time_text)
    conv.register_unstructure_hook(dt.date | dt.datetime, _moment_text)
    conv.register_unstructure_hook(Horizon, str)
    conv.register_unstructure_hook(LocalizedText, _unstructure_localized)
    conv.register_unstructure_hook(str | LocalizedText, _unstructure_text)
    conv.register_unstructure_hook(str | LocalizedText | None, _unstructure_text)
    for enumeration in registry.ENUMS:
        conv.register_unstructure_hook(enumeration, _enum_value)
    conv.register_unstructure_hook_factory(_is_tuple, lambda tp: _tuple_unstructure(tp, conv))
    conv.register_unstructure_hook_factory(
        attrs.has, lambda cls: make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
    )
    return conv


def _is_tuple(tp: Any) -> bool:
    origin: object = typing.get_origin(tp)
    return origin is tuple


def _time_text(value: dt.time) -> str:
    return value.isoformat(timespec="minutes" if not value.second else "seconds")


def _moment_text(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def _enum_value(value: enum.Enum) -> Any:
    return value.value


def _tuple_unstructure(tp: Any, conv: cattrs.Converter) -> Callable[[tuple[Any, ...]], list[Any]]:
    item_type = typing.get_args(tp)[0]
    item_hook = conv.get_unstructure_hook(item_type)

    def hook(value: tuple[Any, ...]) -> list[Any]:
        return [item_hook(item) for item in value]

    return hook


def _tuple_hook(
    tp: Any, conv: cattrs.Converter, detailed: bool
) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = typing.get_args(tp)[0]
    item_hook = conv.get_structure_hook(item_type)

    def hook(value: object, _: object) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _Leaf(f"expected a list, got {describe(value)}")
        if not detailed:
            return tuple([item_hook(item, item_type) for item in value])
        found = _FOUND.get()
        if found is None:  # called outside _structure (tests do): no limit shared
            found = [0]
        items: list[Any] = []
        errors: list[tuple[int, BaseException]] = []
        for index, item in enumerate(value):
            if found[0] > MAX_PROBLEMS:
                # Enough to report: stop here rather than check every item of a
                # list that YAML aliases may have made a million items long.
                raise _ItemErrors(errors, complete=False)
            before = found[0]
            try:
                items.append(item_hook(item, item_type))
            except Exception as error:
                errors.append((index, error))
                # The item's own count replaces what lists inside it added.
                count = _count(error)
                found[0] = before + (MAX_PROBLEMS + 1 if count is None else count)
        if errors:
            raise _ItemErrors(errors)
        return tuple(items)

    return hook


def _class_hook(
    cls: type, conv: cattrs.Converter, detailed: bool
) -> Callable[[object, object], Any]:
    generated: Callable[[Mapping[str, Any], Any], Any] = (
        _detailed_structure_fn(cls, conv)
        if detailed
        else make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
    )
    name = registry.kind_name(cls)

    def hook(value: object, _: object) -> Any:
        if isinstance(value, dict):
            try:
                return generated(value, cls)
            except ValidationError as error:
                # The innermost class that sees the error is the one whose rules broke.
                if not hasattr(error, "vendorgov_raised_by"):
                    error.vendorgov_raised_by = cls  # type: ignore[attr-defined]
                raise
        if cls is Money and isinstance(value, str):
            try:
                return Money.parse(value)
            except ValidationError as error:
                raise _Leaf(error.errors[0].message) from None
        raise _Leaf(f"expected a table of {name} fields, got {describe(value)}")

    return hook


def _detailed_structure_fn(
    cls: type, conv: cattrs.Converter
) -> Callable[[Mapping[str, Any], Any], Any]:
    """Structure a table into ``cls``, every field tried, every problem kept.

    Like cattrs' detailed validation (the same notes on the errors), and more:
    when some fields do not load, the class's invariants that read only the
    others are checked too (``Model._partial_problems``), so that one round
    reports a file's type errors, missing keys and broken rules together.
    """
    hints = typing.get_type_hints(cls)
    fields = [
        (
            field.name,
            hints[field.name],
            conv.get_structure_hook(hints[field.name]),
            field.default is attrs.NOTHING,
        )
        for field in attrs.fields(cls)
    ]
    known = frozenset(name for name, *_ in fields)
    checked = issubclass(cls, Model)

    def structure(value: Mapping[str, Any], _: object) -> Any:
        values: dict[str, Any] = {}
        errors: list[Exception] = []
        failed: set[str] = set()
        for name, tp, field_hook, required in fields:
            if name in value:
                try:
                    values[name] = field_hook(value[name], tp)
                except Exception as error:
                    error.add_note(_attribute_note(cls, name, tp))
                    errors.append(error)
                    failed.add(name)
            elif required:
                missing = KeyError(name)
                missing.add_note(_attribute_note(cls, name, tp))
                errors.append(missing)
                failed.add(name)
        extra = set(value) - known
        if extra:
            errors.append(ForbiddenExtraKeysError("", cls, extra))
        if not errors:
            return cls(**values)
        if checked:
            if failed:
                partial = cls._partial(values, failed)  # type: ignore[attr-defined]
                broken = list(itertools.islice(partial._partial_problems(), MAX_PROBLEMS + 1))
            else:  # only unknown keys: every field loaded, every rule can run
                try:
                    cls(**values)
                    broken = []
                except ValidationError as error:
                    errors.append(error)
                    broken = []
            if broken:
                more = 0 if len(broken) <= MAX_PROBLEMS else None
                errors.append(ValidationError(broken[:MAX_PROBLEMS], more=more))
        raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)

    return structure


def _attribute_note(cls: type, name: str, tp: Any) -> AttributeValidationNote:
    return AttributeValidationNote(
        f"Structuring class {cls.__qualname__} @ attribute {name}", name, tp
    )


_FAST = _make_converter(detailed=False)
_DETAILED: cattrs.Converter | None = None


def _detailed() -> cattrs.Converter:
    global _DETAILED
    if _DETAILED is None:
        _DETAILED = _make_converter(detailed=True)
    return _DETAILED


# -- turning exceptions into path-precise problems -------------------------------
class _Problems:
    """The problems found, up to MAX_PROBLEMS, and how many more (None: more, uncounted)."""

    def __init__(self) -> None:
        self.listed: list[ErrorDetail] = []
        self.more: int | None = 0

    @property
    def full(self) -> bool:
        return len(self.listed) >= MAX_PROBLEMS

    def add(self, detail: ErrorDetail) -> None:
        if not self.full:
            self.listed.append(detail)
        elif self.more is not None:
            self.more += 1

    def skip(self, count: int | None) -> None:
        """Count problems left out without building them (None: some, uncounted)."""
        self.more = None if count is None or self.more is None else self.more + count

    def error(self) -> ValidationError:
        return ValidationError(self.listed, more=self.more)


def _count(error: BaseException) -> int | None:
    """How many problems ``error`` holds, without building their messages.

    None when some were not counted (a list not checked to its end): more than
    MAX_PROBLEMS then.
    """
    if isinstance(error, ValidationError):
        return None if error.more is None else len(error.errors) + error.more
    if isinstance(error, _ItemErrors):
        return _sum(_count(inner) for _, inner in error.errors) if error.complete else None
    if isinstance(error, ForbiddenExtraKeysError):
        return len(error.extra_fields)
    if isinstance(error, BaseExceptionGroup):
        return _sum(_count(inner) for inner in error.exceptions)
    return 1


def _sum(counts: Iterator[int | None]) -> int | None:
    total = 0
    for count in counts:
        if count is None:
            return None
        total += count
    return total


def _details(error: BaseException, path: str, out: _Problems) -> None:
    """Add the problems ``error`` holds to ``out``, with their paths."""
    if out.full:
        out.skip(_count(error))
    elif isinstance(error, ValidationError):
        for detail in error.errors:
            out.add(detail.prefixed(path))
        out.skip(error.more)
    elif isinstance(error, _Leaf):
        out.add(ErrorDetail(path, error.message))
    elif isinstance(error, _ItemErrors):
        for index, inner in error.errors:
            _details(inner, f"{path}[{index}]", out)
        if not error.complete:
            out.skip(None)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(error.cl)] if attrs.has(error.cl) else []
        keys = sorted(str(field) for field in error.extra_fields)
        for key in keys[:MAX_PROBLEMS]:
            close = (
                difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                if len(key) <= _MAX_HINTED
                else []
            )
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            message = f"unknown key {excerpt(key)}{hint}"
            out.add(ErrorDetail(join_path(path, _key_path(key)), message))
        out.skip(max(0, len(keys) - MAX_PROBLEMS))
    elif isinstance(error, BaseExceptionGroup):
        for inner in error.exceptions:
            _details(inner, _note_path(inner, path), out)
    elif isinstance(error, KeyError):
        out.add(ErrorDetail(path, "is required but missing"))
    else:
        out.add(ErrorDetail(path, f"invalid value ({type(error).__name__}: {error})"))


_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def _key_path(key: str) -> str:
    """A key as a path step: plain keys as they are, others quoted (``["a b"]``).

    Quoting keeps a key holding a newline or a dot from faking another path.
    """
    return key if _PLAIN_KEY.match(key) else f"[{json.dumps(key[:60])}]"


# A table read from JSON or YAML, with the keys written in it more than once,
# each as (the key its path names, the key written twice): they differ only for
# a table merged in with YAML's "<<", named by the "<<" key of the table it joins.
_Repeated = list[tuple[dict[Any, Any], list[tuple[str, str]]]]


def _key_problems(data: object, repeated: _Repeated) -> ValidationError | None:
    """Keys that are not text (YAML allows numbers, dates, null...) or appear twice in a table.

    Each container is visited once: YAML aliases share them, and walking every
    expansion of a few nested aliases would take exponential time. A table
    shared by aliases is named by the first path that reaches it. The walk
    stops once more than MAX_PROBLEMS problems are found.
    """
    problems = _Problems()
    again = {id(table): keys for table, keys in repeated}
    _walk_keys(data, "", 0, set(), again, problems)
    for keys in again.values():  # tables deeper than the walk goes
        for _, key in keys:
            problems.add(
                ErrorDetail("", f"duplicate key {excerpt(key)} (in a deeply nested table)")
            )
    if problems.more:
        problems.skip(None)  # the walk stopped early: the rest is not counted
    return problems.error() if problems.listed else None


def _walk_keys(
    data: object,
    path: str,
    depth: int,
    seen: set[int],
    again: dict[int, list[tuple[str, str]]],
    out: _Problems,
) -> None:
    if depth > 64 or id(data) in seen or out.more:
        return
    if isinstance(data, dict):
        seen.add(id(data))
        for where, key in again.pop(id(data), ()):
            out.add(ErrorDetail(join_path(path, _key_path(where)), f"duplicate key {excerpt(key)}"))
        for key, value in data.items():
            if not isinstance(key, str):
                out.add(ErrorDetail(path, f"keys must be text, got {describe(key)}"))
            else:
                _walk_keys(value, join_path(path, _key_path(key)), depth + 1, seen, again, out)
            if out.more:
                return
    elif isinstance(data, list):
        seen.add(id(data))
        for index, item in enumerate(data):
            _walk_keys(item, f"{path}[{index}]", depth + 1, seen, again, out)
            if out.more:
                return


def _repeated_keys(pairs: list[tuple[Any, Any]]) -> list[str]:
    """The text keys of ``pairs`` that were seen before, in order (a key twice more: twice).

    Other keys are left out: they are refused as keys that are not text.
    """
    seen: set[object] = set()
    again: list[str] = []
    for key, _ in pairs:
        if key in seen and isinstance(key, str):
            again.append(key)
        seen.add(key)
    return again


def _note_path(error: BaseException, path: str) -> str:
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return join_path(path, note.name)
        if isinstance(note, IterableValidationNote):
            return f"{path}[{note.index}]"
    return path


def _structure(data: dict[str, Any], cls: type[T]) -> T:
    try:
        return _FAST.structure(data, cls)
    except ValidationError as error:
        # Everything inside was built: the value's own rules broke, and the
        # detailed pass would find the same problems again, at the same cost.
        if getattr(error, "vendorgov_raised_by", None) is cls:
            raise ValidationError(error.errors, more=error.more) from None
    except Exception:  # noqa: S110 - re-run below, in detail, for a precise report
        pass
    # The detailed pass stops checking lists once MAX_PROBLEMS problems are found.
    token = _FOUND.set([0])
    try:
        result = _detailed().structure(data, cls)
    except Exception as error:
        problems = _Problems()
        _details(error, "", problems)
        raise problems.error() from None
    finally:
        _FOUND.reset(token)
    return result


# -- parsing text ---------------------------------------------------------------
class _DecimalYamlLoader:
    """Built on first use, so that PyYAML stays optional.

    The LibYAML-backed classes are used when PyYAML has them (several times
    faster); floats become ``Decimal`` exactly, and strings holding a line
    break other than ``\\n`` are written double-quoted so they come back intact.
    """

    loader: Any = None
    dumper: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls.loader is None:
            try:
                import yaml
            except ImportError:  # pragma: no cover - depends on the environment
                raise ValidationError(
                    [ErrorDetail("", "YAML needs the 'yaml' extra: pip install 'vendorgov[yaml]'")]
                ) from None

            base_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            base_dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

            class Loader(base_loader):  # type: ignore[misc,valid-type]
                def __init__(self, stream: str) -> None:
                    super().__init__(stream)
                    self.repeated: _Repeated = []
                    self.merged: set[int] = set()  # tables given to "<<", already looked at

            class Dumper(base_dumper):  # type: ignore[misc,valid-type]
                pass

            def _text(dumper: Any, value: str) -> Any:
                quoted = any(char in value for char in "\r\x85\u2028\u2029")
                style = '"' if quoted else None
                return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

            Dumper.add_representer(str, _text)
            cls.dumper = Dumper

            def _float(loader: Any, node: Any) -> Decimal:
                text = loader.construct_scalar(node).replace("_", "").lower()
                special = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity"}
                try:
                    return Decimal(special.get(text, text))
                except InvalidOperation:
                    return Decimal("NaN")

            Loader.add_constructor("tag:yaml.org,2002:float", _float)
            Loader.add_constructor("tag:yaml.org,2002:map", _yaml_table)
            cls.loader = Loader
        return cls.loader


def _yaml_table(loader: Any, node: Any) -> Iterator[dict[Any, Any]]:
    """Build a YAML mapping as PyYAML does, noting the keys written twice in it.

    Merge keys (``<<: *defaults``) are allowed: a key written in the table
    overrides the same key brought by the merge, as the YAML merge-key type
    says, and is no duplicate; nor is a key that several merged tables share.
    Keys written twice in the table itself count (two ``<<`` entries
    included), and so do keys written twice in a table given to ``<<``, once
    per such table, named by the ``<<`` key. Keys that are not scalars are left
    to the other checks (they cannot be dict keys, or are refused as not text).
    """
    table: dict[Any, Any] = {}
    yield table
    # Read the keys before construct_mapping merges tables into ``node`` in place.
    again: list[tuple[str, str]] = [(key, key) for key in _written_keys_again(loader, node)]
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE_TAG:
            again += [("<<", key) for key in _merged_keys_again(loader, value_node)]
    table.update(loader.construct_mapping(node))
    if again:
        loader.repeated.append((table, again))


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _written_keys_again(loader: Any, node: Any) -> list[str]:
    import yaml

    keys: list[tuple[object, None]] = []
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:
            keys.append(("<<", None))
        elif isinstance(key_node, yaml.ScalarNode):
            key = loader.construct_object(key_node)
            if isinstance(key, str):
                keys.append((key, None))
    return _repeated_keys(keys)


def _merged_keys_again(loader: Any, value_node: Any) -> list[str]:
    """Keys written twice in the tables ``value_node`` merges in, each table looked at once."""
    import yaml

    nodes = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
    again: list[str] = []
    for merged in nodes:
        if isinstance(merged, yaml.MappingNode) and id(merged) not in loader.merged:
            loader.merged.add(id(merged))
            again += _written_keys_again(loader, merged)
    return again


def _parse(text: str, format: Format) -> tuple[object, _Repeated]:
    """The data in ``text``, and the tables in it with keys written more than once."""
    repeated: _Repeated = []
    try:
        if format == "toml":
            return tomllib.loads(text, parse_float=Decimal), repeated  # TOML refuses them

        if format == "json":

            def table(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
                result = dict(pairs)
                if len(result) != len(pairs):
                    repeated.append((result, [(key, key) for key in _repeated_keys(pairs)]))
                return result

            data = json.loads(
                text,
                parse_float=Decimal,
                parse_constant=_refuse_constant,
                object_pairs_hook=table,
            )
            return data, repeated
        if format == "yaml":
            loader = _DecimalYamlLoader.get()(text)
            try:
                return loader.get_single_data(), loader.repeated
            finally:
                loader.dispose()
    except ValidationError:
        raise
    except tomllib.TOMLDecodeError as error:
        raise ValidationError([ErrorDetail("", f"malformed TOML: {error}")]) from None
    except json.JSONDecodeError as error:
        raise ValidationError([ErrorDetail("", f"malformed JSON: {error}")]) from None
    except RecursionError:
        raise ValidationError(
            [ErrorDetail("", f"malformed {format.upper()}: nested too deeply")]
        ) from None
    except Exception as error:
        message = str(error).replace("\n", " ")
        raise ValidationError([ErrorDetail("", f"malformed {format.upper()}: {message}")]) from None
    raise ValidationError(
        [ErrorDetail("", f"unknown format {excerpt(format)}: expected 'toml', 'json' or 'yaml'")]
    )


def _has_carriage_return(data: object) -> bool:
    if isinstance(data, str):
        return "\r" in data
    if isinstance(data, dict):
        return any(_has_carriage_return(item) for item in data.values())
    if isinstance(data, list):
        return any(_has_carriage_return(item) for item in data)
    return False


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number vendorgov accepts")


# -- public API -------------------------------------------------------------------
def type_name(cls: type) -> str:
    """The ``type`` a file holding a ``cls`` value carries.

    >>> from vendorgov import Mission, Money
    >>> type_name(Mission), type_name(Money)
    ('mission', 'money')
    """
    return registry.kind_name(cls)


def json_schema(cls: type = Mission) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a file holding a ``cls`` value.

    The schema is generated from the types themselves, so it cannot drift from
    what [`load`][vendorgov.serialization.load] reads: every file vendorgov
    writes is valid against it, and a file valid against it reads (invariants
    that tie several fields together, such as an end after the start, are left
    to ``load``). Every table refuses unknown keys; fields without a default are
    required; optional fields are left out rather than written ``null``.
    Exact numbers are decimal strings or JSON numbers, dates ISO strings,
    money a table ``{amount, currency}`` or the shorthand ``"1234.50 EUR"``.

    Args:
        cls: The type of value the file holds: a mission by default. For any
            other type, the ``type`` header is required.

    Returns:
        A new dict, ready for ``json.dumps``; the ``$defs`` are named like the
        ``type`` headers (``mission``, ``ip_assignment``).

    Raises:
        ValidationError: When ``cls`` is not a type vendorgov writes as a file.

    >>> import json
    >>> from vendorgov.serialization import json_schema
    >>> schema = json_schema()
    >>> schema["$id"]
    'https://vendorgov.example/schema/mission-1.json'
    >>> schema["properties"]["schema_version"]["const"]
    1
    >>> schema["$defs"]["kpi"]["required"]
    ['key', 'name', 'unit', 'direction']
    >>> json.dumps(schema) == json.dumps(json_schema())  # deterministic
    True
    """
    from vendorgov._schema import build  # only the schema command needs it

    # The version and the converter go in as arguments: _schema never imports this module.
    return build(cls, version=SCHEMA_VERSION, unstructure=_FAST.unstructure)


def loads(text: str, format: Format = "toml", *, cls: type[T] | None = None) -> T:
    """Read a value from text.

    The document names its type in ``type`` (a mission when absent). Pass
    ``cls`` to insist on a type.

    Args:
        text: The document.
        format: ``"toml"`` (default), ``"json"`` or ``"yaml"`` (with the ``yaml`` extra).
        cls: The type expected; a document of another type is refused.

    Returns:
        The value, valid.

    Raises:
        ValidationError: Listing every problem found, each with its path.

    >>> from vendorgov import loads
    >>> loads('schema_version = 1\\ntype = "money"\\namount = "12.50"\\ncurrency = "EUR"\\n')
    Money(amount=Decimal('12.50'), currency='EUR')
    >>> loads('schema_version = 1\\ntype = "money"\\namount = 12.5\\ncurency = "EUR"\\n')
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.ValidationError: 2 problems:
      currency: is required but missing
      curency: unknown key 'curency' (did you mean 'currency'?)
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError([ErrorDetail("", f"not UTF-8 text: {error}")]) from None
    if not isinstance(text, str):
        raise ValidationError([ErrorDetail("", f"expected text, got {describe(text)}")])
    if len(text) > _MAX_TEXT:
        raise ValidationError([ErrorDetail("", "document larger than 64 MiB")])
    if not text.strip():
        raise ValidationError([ErrorDetail("", "the document is empty")])
    if cls is not None and cls not in registry.NAMES:
        raise ValidationError(
            [ErrorDetail("cls", f"expected a vendorgov value type, got {excerpt(cls)}")]
        )
    data, repeated = _parse(text, format)
    if not isinstance(data, dict):
        raise ValidationError(
            [ErrorDetail("", f"expected a table of fields at the top, got {describe(data)}")]
        )
    if format == "yaml" or repeated:
        bad_keys = _key_problems(data, repeated)
        if bad_keys is not None:
            raise bad_keys
    data = dict(data)
    problems: list[ErrorDetail] = []
    version = data.pop("schema_version", None)
    if version is None:
        problems.append(
            ErrorDetail("schema_version", f"is required (write schema_version = {SCHEMA_VERSION})")
        )
    elif version != SCHEMA_VERSION or isinstance(version, bool):
        problems.append(
            ErrorDetail(
                "schema_version",
                f"unsupported version {excerpt(version)}: "
                f"this vendorgov reads version {SCHEMA_VERSION}",
            )
        )
    kind = data.pop("type", None)
    target: type[Any] | None = cls
    if kind is not None:
        found = registry.KINDS.get(kind) if isinstance(kind, str) else None
        if found is None:
            close = (
                difflib.get_close_matches(kind, list(registry.KINDS), n=1)
                if isinstance(kind, str) and len(kind) <= _MAX_HINTED
                else []
            )
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(ErrorDetail("type", f"unknown type {excerpt(kind)}{hint}"))
        elif cls is not None and found is not cls:
            problems.append(
                ErrorDetail("type", f"the document holds a {kind}, not a {registry.kind_name(cls)}")
            )
        else:
            target = found
    if any(detail.path == "type" for detail in problems):
        # An unknown or unexpected type: the fields would be checked against
        # the wrong class and every one of them reported.
        raise ValidationError(problems)
    if target is None:
        target = registry.KINDS["mission"]
    if not problems:
        return typing.cast("T", _structure(data, target))
    # A wrong or missing schema_version: check the fields anyway, as this
    # version reads them, so that every problem comes in one round.
    try:
        _structure(data, target)
    except ValidationError as error:
        raise ValidationError(
            [*problems, *error.errors[: MAX_PROBLEMS - len(problems)]],
            more=_more_after(error, MAX_PROBLEMS - len(problems)),
        ) from None
    raise ValidationError(problems)


def _more_after(error: ValidationError, kept: int) -> int | None:
    """How many of ``error``'s problems are left out when only ``kept`` are listed."""
    if error.more is None:
        return None
    return error.more + max(0, len(error.errors) - kept)


def load(
    path: str | os.PathLike[str], *, format: Format | None = None, cls: type[T] | None = None
) -> T:
    """Read a value from a file; the format comes from the suffix unless given.

    Only a regular file is read (a symbolic link is followed to see what it
    points at): a folder, a named pipe, a device such as ``/dev/zero`` or a
    socket is refused without being read, and so is a file larger than 64 MiB
    — without reading more than that.

    Raises:
        ValidationError: When the file cannot be read or holds bad input; the
            error's ``source`` names the file.

    >>> from vendorgov import load
    >>> load("no-such-file.toml")
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.ValidationError: 1 problem in no-such-file.toml:
      cannot read the file: No such file or directory
    """
    file = Path(path)
    chosen = format or _SUFFIXES.get(file.suffix.lower())
    if chosen is None:
        raise ValidationError(
            [
                ErrorDetail(
                    "",
                    f"cannot tell the format from {excerpt(file.suffix)}: "
                    "use .toml, .json or .yaml",
                )
            ],
            source=str(file),
        )
    try:
        raw = _read_regular_file(file)
    except OSError as error:
        raise ValidationError(
            [ErrorDetail("", f"cannot read the file: {error.strerror or error}")], source=str(file)
        ) from None
    except ValidationError as error:
        raise error.with_source(str(file)) from None
    try:
        return loads(raw.decode("utf-8-sig"), chosen, cls=cls)
    except UnicodeDecodeError as error:
        raise ValidationError(
            [ErrorDetail("", f"not UTF-8 text: {error}")], source=str(file)
        ) from None
    except ValidationError as error:
        raise error.with_source(str(file)) from None


_NOT_REGULAR = (
    (stat.S_ISDIR, "Is a directory"),
    (stat.S_ISFIFO, "it is a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "it is a character device, not a regular file"),
    (stat.S_ISBLK, "it is a block device, not a regular file"),
    (stat.S_ISSOCK, "it is a socket, not a regular file"),
)


def _check_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    why = next((text for test, text in _NOT_REGULAR if test(mode)), "not a regular file")
    raise ValidationError([ErrorDetail("", f"cannot read the file: {why}")])


def _too_large(size: int) -> ValidationError:
    return ValidationError(
        [ErrorDetail("", f"the file is larger than 64 MiB ({size:,} bytes or more)")]
    )


def _read_regular_file(file: Path) -> bytes:
    """The bytes of ``file``, if it is a regular file of at most ``_MAX_TEXT`` bytes.

    The kind and size are checked before opening (``stat`` follows symbolic
    links), so a named pipe or a device is never opened; the file is then opened
    without blocking, checked again (it may have been replaced meanwhile), and
    at most one byte more than the limit is read (it may have grown).
    """
    info = file.stat()
    _check_regular(info.st_mode)
    if info.st_size > _MAX_TEXT:
        raise _too_large(info.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    with open(os.open(file, flags | getattr(os, "O_NOCTTY", 0)), "rb") as stream:
        _check_regular(os.fstat(stream.fileno()).st_mode)
        raw = stream.read(_MAX_TEXT + 1)
    if len(raw) > _MAX_TEXT:
        raise _too_large(len(raw))
    return raw


def unstructure(value: Any) -> dict[str, Any]:
    """The plain data of ``value`` (what a file holds, without the header)."""
    return typing.cast("dict[str, Any]", _FAST.unstructure(value))


def dumps(value: Any, format: Format = "toml") -> str:
    """Write a value as text; ``loads(dumps(x)) == x`` for every public type.

    Args:
        value: Any vendorgov value (a mission, a money amount, a scorecard...).
        format: ``"toml"`` (default), ``"json"`` or ``"yaml"``.

    Raises:
        ValidationError: When ``value`` is not a vendorgov value or the format is unknown.

    >>> from decimal import Decimal
    >>> from vendorgov import Money, dumps
    >>> print(dumps(Money(Decimal("12.50"), "EUR")))
    schema_version = 1
    type = "money"
    amount = "12.50"
    currency = "EUR"
    <BLANKLINE>
    """
    cls = type(value)
    if cls not in registry.NAMES:
        raise ValidationError(
            [ErrorDetail("", f"cannot write {describe(value)}: not a vendorgov value")]
        )
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if cls is not registry.KINDS["mission"]:
        document["type"] = registry.kind_name(cls)
    document.update(unstructure(value))
    if format == "toml":
        # Multi-line strings read back with \r\n turned into \n: keep them only
        # when no text holds a carriage return.
        return tomli_w.dumps(document, multiline_strings=not _has_carriage_return(document))
    if format == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if format == "yaml":
        _DecimalYamlLoader.get()
        import yaml

        text: str = yaml.dump(
            document, Dumper=_DecimalYamlLoader.dumper, allow_unicode=True, sort_keys=False
        )
        return text
    raise ValidationError(
        [ErrorDetail("", f"unknown format {excerpt(format)}: expected 'toml', 'json' or 'yaml'")]
    )


def dump(
    value: Any,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    overwrite: bool = False,
) -> Path:
    """Write a value to a file, atomically; never replaces a file unless asked.

    The text goes to a temporary file in the same folder, flushed to disk,
    which then takes the target's name in one step (the folder is flushed
    too): an interrupted write or a power cut leaves the old file or the new
    one, never a half-written or empty file. Without ``overwrite`` the file is
    linked into place only if the name is free, so a file that appears
    meanwhile is not replaced either. Only regular files are replaced: a
    symbolic link to one is followed (the file it points to is replaced and
    the link stays); a folder, device, FIFO or socket is refused, even with
    ``overwrite``. See `write_atomically`.

    Args:
        value: Any vendorgov value.
        path: The file to write; the suffix gives the format unless ``format`` is set.
        format: ``"toml"``, ``"json"`` or ``"yaml"``.
        overwrite: Replace an existing file (keeping its permissions).

    Returns:
        The path written.

    Raises:
        OverwriteError: When the file exists and ``overwrite`` is false.
        ValidationError: When the format cannot be told from the suffix, or
            ``path`` names something other than a regular file (a folder, a
            device, a FIFO...).

    >>> import tempfile, pathlib
    >>> from decimal import Decimal
    >>> from vendorgov import Money, dump, load
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> written = dump(Money(Decimal("12.50"), "EUR"), folder / "fee.json")
    >>> load(written)
    Money(amount=Decimal('12.50'), currency='EUR')
    >>> dump(Money(Decimal("1"), "EUR"), folder / "fee.json")
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.OverwriteError: ... exists; pass overwrite=True to replace it
    """
    file = Path(path)
    chosen = format or _SUFFIXES.get(file.suffix.lower())
    if chosen is None:
        raise ValidationError(
            [
                ErrorDetail(
                    "", f"cannot tell the format from {file.suffix!r}: use .toml, .json or .yaml"
                )
            ],
            source=str(file),
        )
    text = dumps(value, chosen)
    write_atomically(file, text, overwrite=overwrite)
    return file


def write_atomically(file: Path, text: str | bytes, *, overwrite: bool = True) -> None:
    """Write ``text`` (in UTF-8; bytes as they are) to ``file`` durably and atomically.

    The text goes to a temporary file in the destination's folder, which is
    flushed to disk (``fsync``) before it takes the destination's name in one
    step; the folder is then flushed too, so that the new name survives a power
    cut. An interrupted write leaves the old file or the new one, never an
    empty or half-written file.

    Only regular files are written or replaced. A symbolic link to a regular
    file is followed: with ``overwrite``, the file it points to is replaced, in
    its own folder, and the link stays as it is. Anything else at that name —
    a folder, a device, a FIFO, a socket, a broken link — is refused before
    anything is written, with or without ``overwrite``; so is a link that sits
    in a shared sticky folder (such as ``/tmp``) and belongs to another user,
    as the kernel's ``protected_symlinks`` rule would.

    The temporary file is created with the usual permissions (``0o666`` less
    the umask), or the replaced file's. Without ``overwrite``, it is
    hard-linked into place, which fails if the name was taken meanwhile
    (``OverwriteError``); where hard links are not supported, a last check
    then a rename is used.

    Raises:
        OverwriteError: When the name is taken and ``overwrite`` is false.
        ValidationError: When the name is taken by something other than a
            regular file (or a link to one); its ``source`` names the file.
        OSError: When the file system refuses the write.
    """
    import errno
    import sys

    def refuse(why: str) -> ValidationError:
        return ValidationError(
            [ErrorDetail("", f"{why}; only a regular file is written or replaced")],
            source=str(file),
        )

    def kind(mode: int) -> str | None:
        """What a file that is not a regular one is; ``None`` for a regular file."""
        if stat.S_ISREG(mode):
            return None
        for test, name in (
            (stat.S_ISDIR, "is a folder"),
            (stat.S_ISCHR, "is a character device"),
            (stat.S_ISBLK, "is a block device"),
            (stat.S_ISFIFO, "is a FIFO (named pipe)"),
            (stat.S_ISSOCK, "is a socket"),
        ):
            if test(mode):
                return name
        return "is not a regular file"

    target = file
    try:
        named: os.stat_result | None = os.lstat(file)
    except FileNotFoundError:
        named = None
    if named is not None and stat.S_ISLNK(named.st_mode):
        link = named
        try:
            target = Path(os.path.realpath(file, strict=True))
            named = os.stat(target)
        except OSError:
            raise refuse("is a symbolic link that leads to no file") from None
        if (what := kind(named.st_mode)) is not None:
            raise refuse(f"is a symbolic link to {target}, which {what}")
        if overwrite:
            # Follow a link in a shared sticky folder (/tmp) only when it is ours
            # or the folder owner's, as the kernel's protected_symlinks does.
            folder_stat = os.stat(file.parent)
            shared = stat.S_ISVTX | stat.S_IWOTH
            owners = (getattr(os, "geteuid", lambda: link.st_uid)(), folder_stat.st_uid)
            if folder_stat.st_mode & shared == shared and link.st_uid not in owners:
                raise refuse("is a link owned by another user in a shared folder")
    if named is not None:
        if (what := kind(named.st_mode)) is not None:
            raise refuse(what)
        if not overwrite:
            raise OverwriteError(f"{file} exists; pass overwrite=True to replace it")

    folder = target.parent
    # A short, hidden name: a long target name must not make it too long to create.
    stem = target.name.encode("utf-8", "surrogateescape")[:100].decode("utf-8", "ignore")
    temporary = folder / f".{stem}.{secrets.token_hex(6)}.tmp"
    mode = 0o666 if named is None else stat.S_IMODE(named.st_mode)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        data = text.encode("utf-8") if isinstance(text, str) else text
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # the bytes reach the disk before the name does
        if overwrite:
            if named is not None:  # keep the replaced file's permissions, umask aside
                os.chmod(temporary, mode)
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise OverwriteError(f"{file} exists; pass overwrite=True to replace it") from None
            except OSError:  # no hard links here (some network or FAT file systems)
                if os.path.lexists(target):
                    raise OverwriteError(
                        f"{file} exists; pass overwrite=True to replace it"
                    ) from None
                os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)

    # The new name lives in the folder: flush the folder too. Windows cannot
    # open a folder, and some file systems cannot flush one: nothing to do there.
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        if sys.platform == "win32":
            return
        raise
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
            raise
    finally:
        os.close(descriptor)
