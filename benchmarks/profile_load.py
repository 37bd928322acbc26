"""Where vendorgov's load time goes, and what candidate optimisations would save.

Three measurements on the generated portfolio, all in one process:

1. **Breakdown by subtraction** — the same load with parts of the work switched
   off (no validation at all, type checks only, invariants only...), and the
   mission-level cross-checks timed on their own. Cheaper and more faithful
   than a profiler's attribution, which inflates small Python calls.
2. **cProfile** — the functions with the most own time, grouped by layer.
3. **Experiments** — each candidate optimisation applied *by monkeypatching
   this process only* (vendorgov's source is not touched), timed against the
   unpatched baseline in the same rounds; then all of them together, next to
   pydantic.

Usage, from the repository root::

    python benchmarks/profile_load.py            # 100 missions per run, 15 rounds
    python benchmarks/profile_load.py --count 300 --repeat 9 --skip profile
    python benchmarks/profile_load.py --count 1000 --repeat 5 --skip breakdown profile \\
        --bundles-only                            # the combined variants on the portfolio
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import contextvars
import copy
import cProfile
import datetime as dt
import enum
import gc
import io
import json
import pstats
import sys
import time
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_load
import generate
import vendorgov
import vendorgov.serialization as serialization
from vendorgov._engine import time as vg_time
from vendorgov._model import kpi as vg_kpi
from vendorgov._model import mission as vg_mission
from vendorgov._model import registry, validation
from vendorgov._model.validation import Model
from vendorgov.exceptions import ValidationError

Patch = Callable[[], contextlib.AbstractContextManager[None]]
_ORIGINAL_POST_INIT = Model.__attrs_post_init__


# -- helpers ---------------------------------------------------------------------------
@contextlib.contextmanager
def patched(target: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(target, name)
    setattr(target, name, value)
    try:
        yield
    finally:
        setattr(target, name, old)


@contextlib.contextmanager
def fresh_converter() -> Iterator[None]:
    """Rebuild the fast converter so that patched hooks are picked up; restore it after."""
    old = serialization._FAST
    serialization._FAST = serialization._make_converter(detailed=False)
    try:
        yield
    finally:
        serialization._FAST = old


def load_all(texts: list[str]) -> list[Any]:
    return [vendorgov.loads(text, "json") for text in texts]


# -- 1. switches for the breakdown ---------------------------------------------------------
def _no_post_init(self: Any) -> None:
    return None


def _types_only(self: Any) -> None:
    cls = type(self)
    checkers = Model._checkers.get(cls) or validation._compile_class(cls)
    problems: list[Any] = []
    for name, check in checkers:
        check(getattr(self, name), name, problems)
    if problems:
        raise ValidationError(problems)


def _fix_moments(self: Any) -> None:
    """The shipped post-init's normalisation of aware datetimes (fixed offsets)."""
    cls = type(self)
    if cls not in Model._moments:
        validation._compile_class(cls)
    for name in Model._moments[cls]:
        validation._fix_offset(self, name)


def _invariants_only(self: Any) -> None:
    _fix_moments(self)
    problems = list(self._problems())
    if problems:
        raise ValidationError(problems)


def breakdown(texts: list[str], repeat: int) -> list[tuple[str, float]]:
    def under(post_init: Any) -> Callable[[], object]:
        def run() -> object:
            with patched(Model, "__attrs_post_init__", post_init):
                return load_all(texts)

        return run

    def under_converter(converter: Any) -> Callable[[], object]:
        def run() -> object:
            with patched(serialization, "_FAST", converter):
                return load_all(texts)

        return run

    def under_hand(post_init: Any) -> Callable[[], object]:
        def run() -> object:
            with patched(Model, "__attrs_post_init__", post_init):
                return [bench_load.load_hand(text) for text in texts]

        return run

    missions = load_all(texts)
    runs: dict[str, Callable[[], object]] = {
        "json.loads only": lambda: [bench_load.parse_only(text) for text in texts],
        "loads, detailed converter only (no fast pass)": under_converter(serialization._detailed()),
        "loads, no __attrs_post_init__ at all": under(_no_post_init),
        "loads, post-init: type checks only": under(_types_only),
        "loads, post-init: invariants only": under(_invariants_only),
        "Mission._problems() alone (on built missions)": lambda: [
            list(m._problems()) for m in missions
        ],
        "  of which milestone due dates (pendulum)": lambda: [m.milestone_dues() for m in missions],
        "  of which the money walk (_money_in)": lambda: [
            list(vg_mission._money_in(m, "")) for m in missions
        ],
    }
    runs["hand loader (shipped constructors)"] = lambda: [
        bench_load.load_hand(text) for text in texts
    ]
    runs["hand loader, no __attrs_post_init__ at all"] = under_hand(_no_post_init)
    gc.collect()
    gc.freeze()  # the missions held for the rows above: not for the collector to walk
    try:
        rows = paired(lambda: load_all(texts), runs, repeat)
    finally:
        gc.unfreeze()
    return [(name, seconds) for name, seconds, _, _ in rows]


# -- 2. cProfile -----------------------------------------------------------------------------
_LAYERS = (
    ("json parsing", ("json/decoder.py", "json/__init__.py")),
    ("cattrs generated structure code", ("<cattrs generated structure",)),
    ("cattrs runtime (optional dispatch...)", ("cattrs/",)),
    ("vendorgov hooks (serialization.py)", ("vendorgov/serialization.py",)),
    ("attrs generated __init__", ("<attrs generated",)),
    ("post-init type checks (validation.py)", ("vendorgov/_model/validation.py",)),
    ("mission cross-checks (mission.py)", ("vendorgov/_model/mission.py",)),
    ("calendar (engine/time.py, pendulum)", ("vendorgov/_engine/time.py", "pendulum")),
    ("invariants of the other types (_model/*.py)", ("vendorgov/_model/",)),
)


def _layer(filename: str) -> str:
    for layer, needles in _LAYERS:
        if any(needle in filename for needle in needles):
            return layer
    return "other"


def profile(texts: list[str]) -> tuple[list[tuple[str, float]], str]:
    """Own time per layer (builtins charged to their caller's layer) and the top functions."""
    load_all(texts)
    profiler = cProfile.Profile()
    profiler.enable()
    load_all(texts)
    profiler.disable()
    stats = pstats.Stats(profiler)
    layers: dict[str, float] = {}
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _, _), (_, _, own, _, callers) in raw.items():
        if filename == "~":  # a builtin: split its time among its callers
            total = sum(c[2] for c in callers.values()) or 1.0
            for caller, (_, _, caller_own, _) in callers.items():
                layer = _layer(caller[0])
                layers[layer] = layers.get(layer, 0.0) + own * caller_own / total
        else:
            layers[_layer(filename)] = layers.get(_layer(filename), 0.0) + own
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(20)
    top = "\n".join(line for line in text.getvalue().splitlines() if line.strip())
    return sorted(layers.items(), key=lambda item: -item[1]), top


# -- 3. experiments ----------------------------------------------------------------------------
# A. Skip re-checking field types for values the loader built: its hooks already
#    guarantee them (the Decimal hook takes over the finite / 10^15 check).
_TRUSTED: contextvars.ContextVar[bool] = contextvars.ContextVar("trusted", default=False)


def _trusting_post_init(self: Any) -> None:
    if _TRUSTED.get():
        _fix_moments(self)
        if type(self)._problems is not Model._problems:
            problems = list(self._problems())
            if problems:
                raise ValidationError(problems)
        return
    _ORIGINAL_POST_INIT(self)


_original_structure_decimal = serialization._structure_decimal


def _checked(inner: Callable[[object, object], Decimal]) -> Callable[[object, object], Decimal]:
    def structure_decimal(value: object, _: object) -> Decimal:
        number = inner(value, _)
        if not number.is_finite():
            raise serialization._Leaf(f"must be a finite number, got {number}")
        if abs(number) >= validation.MAX_DECIMAL:
            raise serialization._Leaf(f"is too large ({number}); the limit is 10^15")
        _, digits, exponent = number.as_tuple()
        if len(digits) > validation.MAX_DIGITS or exponent < -validation.MAX_DIGITS:  # type: ignore[operator]
            raise serialization._Leaf(f"has too many digits ({number}); the limit is 34")
        return number

    return structure_decimal


_original_structure = serialization._structure


def _trusting_structure(data: dict[str, Any], cls: type) -> Any:
    token = _TRUSTED.set(True)
    try:
        return serialization._FAST.structure(data, cls)
    except Exception:
        pass
    finally:
        _TRUSTED.reset(token)
    return _original_structure(data, cls)


@contextlib.contextmanager
def trusted_construction(*, post_init: bool = True) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        if post_init:
            stack.enter_context(patched(Model, "__attrs_post_init__", _trusting_post_init))
        checked = _checked(serialization._structure_decimal)
        stack.enter_context(patched(serialization, "_structure_decimal", checked))
        stack.enter_context(patched(serialization, "_structure", _trusting_structure))
        stack.enter_context(fresh_converter())
        yield


# B. Compile each class's checks into one generated function (as attrs and cattrs
#    do for __init__ and structure): straight-line ``type(v) is X`` tests, and the
#    existing checkers only when a test fails (to word the problems). Classes
#    without invariants skip the ``_problems`` generator.
def _condition(tp: Any, var: str, ns: dict[str, Any]) -> str:
    def name(obj: Any) -> str:
        key = f"_t{len(ns)}"
        ns[key] = obj
        return key

    if tp is str:
        return f"type({var}) is str"
    if tp is int:
        return f"type({var}) is int"
    if tp is bool:
        return f"({var} is True or {var} is False)"
    if tp is Decimal:
        return (
            f"(type({var}) is _Decimal and {var}.is_finite() and -_MAX < {var} < _MAX "
            f"and _digits_ok({var}))"
        )
    if tp is dt.date:
        return f"type({var}) is _date"
    if tp is dt.datetime:
        return f"(type({var}) is _datetime and {var}.utcoffset() is not None)"
    if tp is dt.time:
        return f"(type({var}) is _time and {var}.tzinfo is None)"
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if set(args) == {dt.date, dt.datetime}:
            inner = f"(type({var}) is _date or {_condition(dt.datetime, var, ns)})"
        else:
            (arg,) = args
            inner = _condition(arg, var, ns)
        return f"({var} is None or {inner})" if len(args) < len(typing.get_args(tp)) else inner
    if origin is tuple:
        item = typing.get_args(tp)[0]
        item_condition = _condition(item, "i", ns)
        helper = f"def _all(t):\n    for i in t:\n        if not ({item_condition}): return False\n"
        helper += "    return True\n"
        local: dict[str, Any] = {}
        exec(helper, ns, local)
        return f"(type({var}) is tuple and (not {var} or {name(local['_all'])}({var})))"
    return f"type({var}) is {name(tp)}"


def _digits_ok(value: Decimal) -> bool:
    _, digits, exponent = value.as_tuple()
    return len(digits) <= validation.MAX_DIGITS and exponent >= -validation.MAX_DIGITS  # type: ignore[operator]


def _compile_post_init(cls: type, *, trusting: bool) -> Callable[[Any], None]:
    hints = typing.get_type_hints(cls)
    ns: dict[str, Any] = {
        "_Decimal": Decimal,
        "_date": dt.date,
        "_datetime": dt.datetime,
        "_time": dt.time,
        "_MAX": validation.MAX_DECIMAL,
        "_digits_ok": _digits_ok,
        "_slow": _ORIGINAL_POST_INIT,
        "_Error": ValidationError,
        "_trusted": _TRUSTED.get,
        "_fix": validation._fix_offset,
    }
    validation._compile_class(cls)  # fills Model._moments
    invariants = [f"_fix(self, {name!r})" for name in Model._moments[cls]]
    if cls._problems is not Model._problems:  # type: ignore[attr-defined]
        invariants += ["problems = [*self._problems()]", "if problems: raise _Error(problems)"]
    lines = ["def __attrs_post_init__(self):"]
    if trusting:  # combined with experiment A: loader-built values skip the type checks
        lines.append("    if _trusted():")
        lines += [f"        {line}" for line in [*invariants, "return"]]
    for field in attrs.fields(cls):
        lines.append(f"    v = self.{field.name}")
        lines.append(f"    if not ({_condition(hints[field.name], 'v', ns)}):")
        lines.append("        return _slow(self)")
    lines += [f"    {line}" for line in invariants]
    exec("\n".join(lines), ns)
    return typing.cast("Callable[[Any], None]", ns["__attrs_post_init__"])


@contextlib.contextmanager
def compiled_checks(*, trusting: bool = False) -> Iterator[None]:
    classes = [cls for cls in registry.KINDS.values() if issubclass(cls, Model)]
    for cls in classes:
        post_init = _compile_post_init(cls, trusting=trusting)
        cls.__attrs_post_init__ = post_init  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for cls in classes:
            del cls.__attrs_post_init__  # type: ignore[attr-defined]


# C. Leaner hooks: try ``Decimal(text)`` / ``date.fromisoformat`` first and fall
#    back to the shipped hook (and its messages) only when that fails; resolve
#    the hook of ``X | None`` once instead of cattrs' per-call dispatch; let the
#    fast converter call cattrs' generated function directly (the shipped
#    wrapper checks ``isinstance(value, dict)``, which the generated code's
#    ``o['key']`` already does by failing).
def _fast_decimal(value: object, _: object) -> Decimal:
    if type(value) is str:
        try:
            number = Decimal(value)
        except InvalidOperation:
            pass
        else:
            if number.is_finite() and len(value) <= 64:
                return number
    return _original_structure_decimal(value, _)


_original_structure_date = serialization._structure_date
_original_structure_moment = serialization._structure_date_or_datetime


def _fast_date(value: object, _: object) -> dt.date:
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return _original_structure_date(value, _)


def _fast_moment(value: object, _: object) -> dt.date | dt.datetime:
    if type(value) is str and len(value) == 10:
        return _fast_date(value, _)
    return _original_structure_moment(value, _)


_original_make_converter = serialization._make_converter


def _lean_converter(*, detailed: bool) -> Any:
    conv = _original_make_converter(detailed=detailed)
    if detailed:
        return conv

    def is_optional(tp: Any) -> bool:
        args = typing.get_args(tp)
        return (
            typing.get_origin(tp) in (typing.Union, types.UnionType)
            and len(args) == 2
            and type(None) in args
            and set(args) != {dt.date, dt.datetime}
        )

    def optional_hook(tp: Any) -> Any:
        inner = next(arg for arg in typing.get_args(tp) if arg is not type(None))
        hook = conv.get_structure_hook(inner)

        def structure(value: object, _: object) -> Any:
            return None if value is None else hook(value, inner)

        return structure

    def class_hook(cls: type) -> Any:
        if cls is vendorgov.Money:
            return serialization._class_hook(cls, conv, False)
        return serialization.make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False
        )

    conv.register_structure_hook_factory(is_optional, optional_hook)
    conv.register_structure_hook_factory(attrs.has, class_hook)
    return conv


@contextlib.contextmanager
def lean_hooks() -> Iterator[None]:
    with (
        patched(serialization, "_structure_decimal", _fast_decimal),
        patched(serialization, "_structure_date", _fast_date),
        patched(serialization, "_structure_date_or_datetime", _fast_moment),
        patched(serialization, "_make_converter", _lean_converter),
        fresh_converter(),
    ):
        yield


# D. Remember keys already found valid (a measurement's KPI key repeats 100 times
#    per mission): a set lookup instead of a regular expression.
_VALID_KEYS: set[str] = set()
_original_key_problem = vg_kpi.key_problem


def _cached_key_problem(value: str, path: str) -> Any:
    if value in _VALID_KEYS:
        return None
    bad = _original_key_problem(value, path)
    if bad is None and len(_VALID_KEYS) < 4096:
        _VALID_KEYS.add(value)
    return bad


@contextlib.contextmanager
def cached_keys() -> Iterator[None]:
    modules = [
        sys.modules[name]
        for name in list(sys.modules)
        if name.startswith("vendorgov._model.")
        and getattr(sys.modules[name], "key_problem", None) is _original_key_problem
    ]
    with contextlib.ExitStack() as stack:
        for module in modules:
            stack.enter_context(patched(module, "key_problem", _cached_key_problem))
        yield


# E. Month arithmetic without pendulum (3 horizons per mission).
def _add_months(start: dt.date, months: int) -> dt.date:
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    month += 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@contextlib.contextmanager
def stdlib_months() -> Iterator[None]:
    with patched(vg_time, "add_months", _add_months):
        yield


# F. vendorgov's own generated fast pass instead of cattrs' (cattrs stays for the
#    detailed pass, which words the errors): one straight-line function per class
#    that reads the dict, converts leaves inline (``Decimal(text)``, a dict lookup
#    for an enumeration member) and calls the class; any surprise (a missing key,
#    an unknown key, a wrong type, an invariant) raises, and the shipped path runs.
class _GiveUpError(Exception):
    """The fast pass gives up; the shipped path takes over."""


def _leaf_decimal(value: object) -> Decimal:
    if type(value) is str and len(value) <= 35:  # at most 34 digits and a point
        number = Decimal(value)  # InvalidOperation: the shipped path words it
        if (
            number.is_finite()
            and -validation.MAX_DECIMAL < number < validation.MAX_DECIMAL
            and number.as_tuple().exponent >= -validation.MAX_DIGITS  # type: ignore[operator]
        ):
            return number
    return _checked(_original_structure_decimal)(value, None)


def _leaf_date(value: object) -> dt.date:
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return dt.date.fromisoformat(value)
    raise _GiveUpError


class _FusedCompiler:
    def __init__(self) -> None:
        self.functions: dict[type, Callable[[Any], Any]] = {}
        self.ns: dict[str, Any] = {
            "_GiveUpError": _GiveUpError,
            "_decimal": _leaf_decimal,
            "_date": _leaf_date,
            "_int": serialization._structure_int,
            "_datetime": serialization._structure_datetime,
            "_time": serialization._structure_time,
            "_moment": serialization._structure_date_or_datetime,
            "_horizon": serialization._structure_horizon,
        }

    def name(self, obj: Any) -> str:
        key = f"_n{len(self.ns)}"
        self.ns[key] = obj
        return key

    def convert(self, tp: Any, var: str, indent: str) -> list[str]:
        """Statements that turn ``var`` (raw data) into a value of ``tp``, in place."""
        if tp is str:
            return [f"{indent}if type({var}) is not str: raise _GiveUpError"]
        if tp is bool:
            return [f"{indent}if {var} is not True and {var} is not False: raise _GiveUpError"]
        if tp is int:
            return [f"{indent}if type({var}) is not int: {var} = _int({var}, None)"]
        simple = {
            Decimal: "_decimal",
            dt.date: "_date",
            dt.datetime: "_datetime",
            dt.time: "_time",
            vg_kpi.Horizon: "_horizon",
        }
        if tp in simple:
            extra = ", None" if tp in (dt.datetime, dt.time, vg_kpi.Horizon) else ""
            return [f"{indent}{var} = {simple[tp]}({var}{extra})"]
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
            if set(args) == {dt.date, dt.datetime}:
                inner = [f"{indent}    {var} = _moment({var}, None)"]
            else:
                (arg,) = args
                inner = self.convert(arg, var, indent + "    ")
            if len(args) == len(typing.get_args(tp)):
                return [line[4:] for line in inner]
            return [f"{indent}if {var} is not None:", *inner]
        if origin is tuple:
            item = typing.get_args(tp)[0]
            head = f"{indent}if type({var}) is not list: raise _GiveUpError"
            if item is str:
                return [
                    head,
                    f"{indent}for _i in {var}:",
                    f"{indent}    if type(_i) is not str: raise _GiveUpError",
                    f"{indent}{var} = tuple({var})",
                ]
            if attrs.has(item):
                return [head, f"{indent}{var} = tuple([{self.of(item)}(_i) for _i in {var}])"]
            lines = [head, f"{indent}_items = []", f"{indent}for _i in {var}:"]
            lines += self.convert(item, "_i", indent + "    ")
            lines += [f"{indent}    _items.append(_i)", f"{indent}{var} = tuple(_items)"]
            return lines
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            members = {member.value: member for member in tp}
            return [f"{indent}{var} = {self.name(members)}[{var}]"]
        if attrs.has(tp):
            return [f"{indent}{var} = {self.of(tp)}({var})"]
        raise TypeError(tp)

    def of(self, cls: type) -> str:
        """The namespace name of the function for ``cls`` (compiled on first use)."""
        key = f"_structure_{cls.__name__}"
        if key not in self.ns:
            self.ns[key] = None  # placeholder: recursive types
            self.ns[key] = self.compile(cls)
        return key

    def compile(self, cls: type) -> Callable[[Any], Any]:
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        allowed = self.name(frozenset(field.name for field in fields))
        lines = ["def structure(o):", f"    if not o.keys() <= {allowed}: raise _GiveUpError"]
        arguments = []
        for field in fields:
            var = f"f_{field.name}"
            body = self.convert(hints[field.name], var, "        ")
            if field.default is attrs.NOTHING:
                lines.append(f"    {var} = o[{field.name!r}]")
                lines += [line[4:] for line in body]
            else:
                lines.append(f"    if {field.name!r} in o:")
                lines.append(f"        {var} = o[{field.name!r}]")
                lines += body
                lines.append(f"    else: {var} = {self.name(field.default)}")
            arguments.append(f"{field.name}={var}")
        lines.append(f"    return {self.name(cls)}({', '.join(arguments)})")
        local: dict[str, Any] = {}
        exec("\n".join(lines), self.ns, local)
        return typing.cast("Callable[[Any], Any]", local["structure"])


def _fused_structure(*, trusting: bool) -> Callable[[dict[str, Any], type], Any]:
    compiler = _FusedCompiler()
    functions: dict[type, Callable[[Any], Any]] = {}

    def structure(data: dict[str, Any], cls: type) -> Any:
        function = functions.get(cls)
        if function is None:
            function = functions[cls] = compiler.ns[compiler.of(cls)]
        token = _TRUSTED.set(True) if trusting else None
        try:
            return function(data)
        except Exception:
            pass
        finally:
            if token is not None:
                _TRUSTED.reset(token)
        return _original_structure(data, cls)

    return structure


@contextlib.contextmanager
def fused_fast_pass() -> Iterator[None]:
    with patched(serialization, "_structure", _fused_structure(trusting=False)):
        yield


EXPERIMENTS: dict[str, Patch] = {
    "A. trusted construction: no type re-check of loader-built values": trusted_construction,
    "B. compiled per-class checks (one generated function per class)": compiled_checks,
    "C. leaner hooks (Decimal/date fast paths, X | None, no wrapper)": lean_hooks,
    "D. cache of valid keys (no regex for known keys)": cached_keys,
    "E. month arithmetic without pendulum": stdlib_months,
    "F. vendorgov-generated fast pass instead of cattrs' (cattrs kept for errors)": fused_fast_pass,
}


@contextlib.contextmanager
def semantics_preserving() -> Iterator[None]:
    """B + C + D + E: nothing a user can observe changes, only speed."""
    with compiled_checks(), lean_hooks(), cached_keys(), stdlib_months():
        yield


@contextlib.contextmanager
def fused_everything() -> Iterator[None]:
    """F with A's trust (the generated code guarantees the types), B, D and E."""
    with (
        compiled_checks(trusting=True),
        patched(serialization, "_structure", _fused_structure(trusting=True)),
        cached_keys(),
        stdlib_months(),
    ):
        yield


@contextlib.contextmanager
def everything() -> Iterator[None]:
    """A + B + C + D + E."""
    with (
        compiled_checks(trusting=True),
        lean_hooks(),
        trusted_construction(post_init=False),  # after lean_hooks: wraps its Decimal hook
        cached_keys(),
        stdlib_months(),
    ):
        yield


def experiments(
    texts: list[str], repeat: int, *, bundles_only: bool = False
) -> list[tuple[str, float, float, float]]:
    """See ``paired``: the best time of each variant and its gains over the shipped code."""
    serialization._detailed()  # built once, with the shipped hooks
    baseline = load_all(texts)

    def under(patch: Patch) -> Callable[[], object]:
        frozen = snapshot(patch)

        def run() -> object:
            with frozen():
                return load_all(texts)

        return run

    # Every patched loader must still give the same missions and refuse bad input.
    bad = [json.dumps(doc) for doc in _broken(json.loads(texts[0]))]
    patches: dict[str, Patch] = {} if bundles_only else {**EXPERIMENTS}
    patches["B + C + D + E (no change a user can observe)"] = semantics_preserving
    patches["A + B + C + D + E"] = everything
    patches["B + C + D + E + F (no change a user can observe)"] = lambda: _stack(
        semantics_preserving, fused_fast_pass
    )
    patches["A + B + D + E + F"] = fused_everything
    for name, patch in patches.items():
        with patch():
            assert load_all(texts) == baseline, name
            for text in bad:
                try:
                    vendorgov.loads(text, "json")
                except ValidationError:
                    continue
                raise AssertionError(f"{name} accepted a bad document")
    del baseline
    runs: dict[str, Callable[[], object]] = {name: under(patch) for name, patch in patches.items()}
    runs["hand loader (the floor with the shipped constructors)"] = lambda: [
        bench_load.load_hand(text) for text in texts
    ]
    runs["pydantic"] = lambda: [bench_load.load_pydantic(text) for text in texts]
    return paired(lambda: load_all(texts), runs, repeat)


def paired(
    baseline: Callable[[], object], runs: dict[str, Callable[[], object]], repeat: int
) -> list[tuple[str, float, float, float]]:
    """(run, best CPU time, gain from best times, gain from the median of paired ratios).

    Each run follows a baseline run, so that the ratio of the pair cancels the
    drift of a machine shared with other processes. The best (minimum) time of
    many short runs estimates the undisturbed cost; both views are reported.
    """

    def cpu(run: Callable[[], object]) -> float:
        gc.collect()
        start = time.process_time()
        result = run()
        elapsed = time.process_time() - start
        del result
        return elapsed

    names = list(runs)
    for name in names:
        runs[name]()
    base_times: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in names}
    ratios: dict[str, list[float]] = {name: [] for name in names}
    for round_ in range(repeat):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            base = cpu(baseline)
            base_times.append(base)
            times[name].append(cpu(runs[name]))
            ratios[name].append(times[name][-1] / base)
    best = min(base_times)
    rows = [("baseline (as shipped)", best, 0.0, 0.0)]
    for name in names:
        rows.append((name, min(times[name]), 1 - min(times[name]) / best, 1 - median(ratios[name])))
    return rows


def median(values: list[float]) -> float:
    return bench_load.median(values)


_MISSING = object()


def _watched() -> list[tuple[Any, str]]:
    """Every attribute the experiments patch."""
    watched: list[tuple[Any, str]] = [
        (serialization, "_FAST"),
        (serialization, "_structure"),
        (Model, "__attrs_post_init__"),
        (vg_time, "add_months"),
    ]
    watched += [(cls, "__attrs_post_init__") for cls in registry.KINDS.values()]
    watched += [
        (module, "key_problem")
        for name, module in sys.modules.items()
        if name.startswith("vendorgov._model.") and hasattr(module, "key_problem")
    ]
    return watched


def snapshot(patch: Patch) -> Patch:
    """A cheap stand-in for ``patch``: the patched state is built once (converter
    included, so cattrs' code generation is not timed) and only swapped in and out."""
    with patch():
        state = [(obj, name, vars(obj).get(name, _MISSING)) for obj, name in _watched()]

    @contextlib.contextmanager
    def apply() -> Iterator[None]:
        saved = [(obj, name, vars(obj).get(name, _MISSING)) for obj, name, _ in state]
        for obj, name, value in state:
            _set(obj, name, value)
        try:
            yield
        finally:
            for obj, name, value in saved:
                _set(obj, name, value)

    return apply


def _set(obj: Any, name: str, value: Any) -> None:
    if value is _MISSING:
        if name in vars(obj):
            delattr(obj, name)
    else:
        setattr(obj, name, value)


@contextlib.contextmanager
def _stack(*patches: Patch) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        for patch in patches:
            stack.enter_context(patch())
        yield


def _broken(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for mutate in bench_load.MUTATIONS.values():
        broken = copy.deepcopy(doc)
        mutate(broken)
        yield broken


# -- report ----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="missions per run")
    parser.add_argument("--repeat", type=int, default=15, help="rounds")
    parser.add_argument("--skip", choices=("breakdown", "profile", "experiments"), nargs="*")
    parser.add_argument(
        "--bundles-only", action="store_true", help="experiments: only the combined variants"
    )
    args = parser.parse_args(argv)
    skip = set(args.skip or ())
    texts = generate.generate_texts(args.count)
    count = len(texts)
    out = [f"# vendorgov load profile — {count} missions per run, {args.repeat} rounds (CPU time)"]
    if "breakdown" not in skip:
        rows = breakdown(texts, args.repeat)
        total = rows[0][1]
        out += ["", "## Breakdown by subtraction (best times)", ""]
        out += ["| run | total | per mission | share |"]
        out += ["|---|---:|---:|---:|"]
        for name, seconds in rows:
            out.append(
                f"| {name} | {seconds:.3f} s | {seconds / count * 1e3:.3f} ms "
                f"| {seconds / total:.0%} |"
            )
    if "profile" not in skip:
        layers, top = profile(texts)
        total = sum(seconds for _, seconds in layers)
        out += ["", "## cProfile: own time by layer (profiler overhead included)", ""]
        out += ["| layer | own time | share |", "|---|---:|---:|"]
        out += [f"| {name} | {seconds:.3f} s | {seconds / total:.0%} |" for name, seconds in layers]
        out += ["", "```", top, "```"]
    if "experiments" not in skip:
        rows3 = experiments(texts, args.repeat, bundles_only=args.bundles_only)
        out += ["", "## Experiments (monkeypatched in this process only)", ""]
        out += [
            "| variant | best total | per mission | gain (best) | gain (paired median) "
            "| vs pydantic (best) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        pyd = {name: seconds for name, seconds, _, _ in rows3}["pydantic"]
        for name, seconds, gain, paired_gain in rows3:
            out.append(
                f"| {name} | {seconds:.3f} s | {seconds / count * 1e3:.3f} ms "
                f"| {gain:+.0%} | {paired_gain:+.0%} | {seconds / pyd:.2f}× |"
            )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
