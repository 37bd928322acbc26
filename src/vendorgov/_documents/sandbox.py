"""The sandbox users' templates run in: Jinja's immutable sandbox, with bounds.

As soon as a user supplies templates, the whole environment of that source (built-ins
included, since a user's template may extend or include them) is a `Sandbox`. On top of
what Jinja's ``ImmutableSandboxedEnvironment`` already refuses (attributes starting with
``_``, ``list.append`` and other mutators, ranges over `MAX_RANGE` items), it bounds
what a template can make the process do:

- **Size before allocation.** Every operation that builds a string or a collection —
  the binary operators ``*``, ``**``, ``+`` and ``%``, ``~`` concatenation, the filters,
  the methods of ``str`` called from a template, printing a value, capturing output in
  ``{% set %}`` blocks and macros — first computes the size its result would have (or an
  upper bound) from its arguments, and refuses above `MAX_OUTPUT_CHARS` characters or
  `MAX_ITEMS` items. A value's text is measured without building it (a walk over
  containers that counts each shared part as often as ``str`` would print it), so
  ``[['x' * 1000] * 10000] * 1000`` is refused before its 10 GB text exists.
- **Total size.** What one render builds adds up, freed or not; past `MAX_BUILT` (about
  100 MB) the render stops, so that a loop cannot keep 10 MB values one after another.
- **Time.** A render may run for `TIME_LIMIT` seconds. The clock is read cooperatively
  — at each iteration of a ``{% for %}`` loop, each call (macros included), include,
  operator, filter and printed value — never through signals or threads, so the library
  stays usable from any thread of any application. One C-level operation is not
  interrupted, but each is bounded in size by the rules above.
- **Deterministic text.** Printing (or joining, concatenating, formatting...) a
  function, a macro, a class, an iterator or an object without a text of its own (a
  ``cycler``) is refused: their text would be a Python repr with a memory address,
  different on every machine.
- ``str.format``, ``str.format_map`` and the ``format`` filter are refused outright
  (the route of the past sandbox escapes), and an unsafe attribute (``__class__``,
  ``_private``...) raises at once, even in draft mode.

Every refusal is a `jinja2.exceptions.SecurityError`, which ``environment.run`` reports
as a `vendorgov.TemplateError` naming the template and the line. The budget of a render
(its deadline and what it has built) lives in a `contextvars.ContextVar` set by `limits`,
so environments stay shareable between threads.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import functools
import inspect
import itertools
import re
import time
import types
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Sized,
    ValuesView,
)
from decimal import Decimal
from typing import Any, Final

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, _PassArg
from markupsafe import Markup

__all__ = [
    "MAX_BUILT",
    "MAX_ITEMS",
    "MAX_OUTPUT_CHARS",
    "MAX_RANGE",
    "TIME_LIMIT",
    "Sandbox",
    "guard_filters",
    "guard_finalize",
    "limits",
]

MAX_OUTPUT_CHARS: Final = 10_000_000
"""The largest document a template may produce, in characters (10 MB of ASCII); in a
user template, also the largest string any operation may build."""

MAX_ITEMS: Final = 1_000_000
"""The most items a list, tuple, dict or iterator built by a user template may hold."""

MAX_BUILT: Final = 100_000_000
"""What one render of user templates may build in all, in characters (an item of a
collection counts 8, the size of a pointer): about 100 MB."""

TIME_LIMIT: float = 10.0
"""The seconds one render of user templates may run. Read when a render starts; a host
that needs another limit may set ``vendorgov._documents.sandbox.TIME_LIMIT``."""

_ITEM_COST: Final = 8
_MAX_EXPONENT: Final = 1000
_MAX_INT_BITS: Final = 100_000


# -- the budget of one render ----------------------------------------------------------------
class _Budget:
    __slots__ = ("built", "deadline", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.built = 0


_BUDGET: contextvars.ContextVar[_Budget] = contextvars.ContextVar("vendorgov_sandbox")


@contextlib.contextmanager
def limits() -> Iterator[None]:
    """Run the block as one render of user templates: a fresh time and size budget."""
    token = _BUDGET.set(_Budget(TIME_LIMIT))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _refuse(message: str) -> SecurityError:
    return SecurityError(message)


def tick() -> None:
    """Refuse to go on past the render's deadline."""
    budget = _BUDGET.get(None)
    if budget is not None and time.monotonic() > budget.deadline:
        raise _refuse(
            f"running for more than {budget.seconds:g} seconds (the time limit of user templates)"
        )


def _afford(chars: int = 0, items: int = 0) -> None:
    """Refuse a result of ``chars`` characters or ``items`` items before building it."""
    if chars > MAX_OUTPUT_CHARS:
        raise _refuse(f"a value of more than {MAX_OUTPUT_CHARS} characters")
    if items > MAX_ITEMS:
        raise _refuse(f"a collection of more than {MAX_ITEMS} items")
    budget = _BUDGET.get(None)
    if budget is not None and budget.built + chars + items * _ITEM_COST > MAX_BUILT:
        raise _refuse(f"building more than {MAX_BUILT} characters in one render")


def _charge(value: object) -> None:
    """Count ``value`` against the render's budget (after a check of its actual size)."""
    if isinstance(value, str | bytes | bytearray):
        chars, items = len(value), 0
    elif isinstance(value, list | tuple | dict | set | frozenset):
        chars, items = 0, len(value)
    elif isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
        raise _refuse("an integer too large for a document")
    else:
        return
    _afford(chars, items)
    budget = _BUDGET.get(None)
    if budget is not None:
        budget.built += chars + items * _ITEM_COST


# -- measuring a value's text without building it --------------------------------------------
class _TooLargeError(Exception):
    """A walk that went past its limit (internal: `_Measure` turns it into a size)."""


_REPR_EXTRA: Final[dict[type, int]] = {Markup: len("Markup()")}


def _repr_len(text: str) -> int:
    """An upper bound of ``len(repr(text))``."""
    if text.isprintable():
        return len(text) + 2 + text.count("\\") + text.count("'")
    return (4 if text.isascii() else 10) * len(text) + 2


def _json_len(text: str) -> int:
    """An upper bound of the length of ``text`` in Jinja's ``tojson`` (HTML-safe JSON)."""
    if text.isascii() and text.isprintable():
        specials = sum(text.count(c) for c in "<>&'")
        return len(text) + 2 + 5 * specials + text.count('"') + text.count("\\")
    return 12 * len(text) + 2


def escaped_len(text: str) -> int:
    """The length of ``text`` once HTML-escaped (``&`` → ``&amp;``, ``"`` → ``&#34;``...)."""
    if not text:
        return 0
    return (
        len(text)
        + 4 * (text.count("&") + text.count('"') + text.count("'"))
        + 3 * (text.count("<") + text.count(">"))
    )


def _int_len(value: int) -> int:
    return value.bit_length() * 30103 // 100000 + 2


def _name(value: object) -> str:
    name = getattr(value, "name", None) if isinstance(value, jinja2.runtime.Macro) else None
    name = name or getattr(value, "__name__", None)
    kind = "class" if isinstance(value, type) else type(value).__name__
    return f"{kind} {name!r}" if isinstance(name, str) else kind


def _refuse_unprintable(value: object) -> None:
    """Refuse a value whose text is a Python repr with a memory address, or no data."""
    if callable(value):
        raise _refuse(f"cannot print a {_name(value)}: call it and print what it returns")
    if isinstance(value, Iterator):
        raise _refuse(
            f"cannot print an iterator ({type(value).__name__}): make it a list first "
            "(|list or |join)"
        )
    if type(value).__repr__ is object.__repr__ and type(value).__str__ is object.__str__:
        raise _refuse(
            f"cannot print a {type(value).__name__} object: its text would be a memory "
            "address, different on every machine"
        )


class _Measure:
    """Upper bounds of the text of a value: as ``str`` prints it, or as JSON.

    ``size`` returns ``(characters, elements, depth)``: the length of the text, the number
    of elements of containers in it (counted as often as they are printed) and how deep
    containers nest, from which ``pprint`` and ``tojson(indent=...)`` bound their layout.
    Shared containers are measured once (memoized by identity) and counted as often as
    they appear, so ``[[x] * 10000] * 1000`` costs two walks of a list, not ten million.
    Past ``limit`` characters the walk stops.
    """

    __slots__ = ("json", "limit", "memo", "open")

    def __init__(self, limit: int, *, json: bool = False) -> None:
        self.limit = limit
        self.json = json
        self.memo: dict[int, tuple[int, int, int]] = {}
        self.open: set[int] = set()

    def __call__(self, value: object) -> tuple[int, int, int]:
        try:
            return self.size(value, nested=False)
        except _TooLargeError:
            return self.limit + 1, 0, 0

    def size(self, value: object, *, nested: bool) -> tuple[int, int, int]:
        if isinstance(value, str):
            if self.json:
                return _json_len(value), 0, 0
            if not nested:
                return len(value), 0, 0
            return _repr_len(value) + _REPR_EXTRA.get(type(value), 0), 0, 0
        if value is None or isinstance(value, bool):
            return 5, 0, 0
        if isinstance(value, int):
            return _int_len(value), 0, 0
        if isinstance(value, float):
            return 25, 0, 0
        if isinstance(value, bytes | bytearray):
            return 4 * len(value) + 14, 0, 0
        if isinstance(value, Decimal | dt.date | dt.time | dt.timedelta | enum.Enum | range):
            return len(repr(value) if nested else str(value)), 0, 0
        if isinstance(value, jinja2.Undefined):
            try:
                return len(str(value)), 0, 0
            except Exception:  # a strict undefined raises when it is used, not here
                return 0, 0, 0
        container = isinstance(
            value,
            list | tuple | set | frozenset | dict | Namespace | KeysView | ValuesView | ItemsView,
        )
        if not container:
            _refuse_unprintable(value)
            text = repr(value) if nested else str(value)
            return len(text), 0, 0
        key = id(value)
        if key in self.memo:
            return self.memo[key]
        if key in self.open:  # printed as [...] by Python
            return 5, 0, 0
        self.open.add(key)
        try:
            result = self.walk(value)
        finally:
            self.open.discard(key)
        self.memo[key] = result
        return result

    def walk(self, value: object) -> tuple[int, int, int]:
        chars, elements, depth = 16, 0, 0
        if isinstance(value, Namespace):
            value = value._Namespace__attrs
        if isinstance(value, Mapping):
            pairs: Iterable[Any] = (part for pair in value.items() for part in pair)
        else:
            pairs = value  # type: ignore[assignment]
        for item in pairs:
            if isinstance(item, str) and not self.json and type(item) is str:
                size, inner, deep = _repr_len(item), 0, 0  # the common case, inline
            else:
                size, inner, deep = self.size(item, nested=True)
            chars += size + 2
            elements += inner + 1
            depth = max(depth, deep)
            if chars > self.limit:
                raise _TooLargeError
        return chars, elements, depth + 1


def text_size(value: object, limit: int = MAX_OUTPUT_CHARS) -> int:
    """An upper bound of ``len(str(value))`` (``limit + 1`` when over ``limit``).

    Raises:
        SecurityError: When the value's text would not be the same on every machine.
    """
    if type(value) is str or type(value) is Markup:
        return len(value)
    return _Measure(limit)(value)[0]


def _escaped_size(value: object) -> int:
    """An upper bound of the length of ``value`` printed with HTML escaping."""
    size = text_size(value)
    if hasattr(value, "__html__") or size > MAX_OUTPUT_CHARS:
        return size
    if size <= 4096:
        return 5 * size
    return escaped_len(value if isinstance(value, str) else str(value))  # within the limit


def _text(value: object) -> str:
    """The text of ``value``, once its size is known to be within the limit."""
    _afford(text_size(value))
    return str(value)


def _line_breaks(text: str) -> int:
    return sum(text.count(c) for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


_ASCII_BLANKS: Final = "\t\n\x0b\x0c\r "


def _blanks(text: str) -> int:
    return sum(text.count(c) for c in _ASCII_BLANKS)


# -- bounds of the filters -------------------------------------------------------------------
# Each takes the filter's arguments by name, refuses a result over the limits before the
# filter runs, and may return replaced arguments (an iterable read once, bounded).
FilterBound = Callable[[dict[str, Any]], dict[str, Any] | None]


def _bounded_list(iterable: Iterable[Any]) -> list[Any]:
    if isinstance(iterable, Sized):
        _afford(items=len(iterable))
    items = list(itertools.islice(iterable, MAX_ITEMS + 1))
    _afford(items=len(items))
    return items


def _case_size(value: object) -> int:
    """An upper bound of the length of ``value``'s text once its case is changed."""
    size = text_size(value)
    if isinstance(value, str | bytes) and value.isascii():
        return size
    return 3 * size  # a character may become three ("ﬃ" → "FFI")


def _case(arguments: dict[str, Any]) -> None:
    _afford(_case_size(next(iter(arguments.values()))))


def _same_size(arguments: dict[str, Any]) -> None:
    _afford(text_size(next(iter(arguments.values()))))


def _escape(arguments: dict[str, Any]) -> None:
    _afford(_escaped_size(next(iter(arguments.values()))))


def _words(arguments: dict[str, Any]) -> None:
    """Filters that split their text in words (striptags, wordcount, title)."""
    value = next(iter(arguments.values()))
    _afford(_case_size(value), items=text_size(value) // 2 + 1)


def _center(arguments: dict[str, Any]) -> None:
    width = arguments.get("width", 80)
    _afford(max(text_size(arguments["value"]), width if isinstance(width, int) else 0))


def _replace(arguments: dict[str, Any]) -> None:
    text = _text(arguments["s"])
    old, new = _text(arguments["old"]), _text(arguments["new"])
    count = arguments.get("count")
    if any(hasattr(arguments[name], "__html__") for name in ("s", "old", "new")):
        size = escaped_len(text)
        found = size + 1 if not old else size // len(old) + 1
        grow = escaped_len(new)
    else:
        size = len(text)
        found = size + 1 if not old else text.count(old)
        grow = len(new) - len(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    _afford(size + found * max(grow, 0))


def _indent(arguments: dict[str, Any]) -> None:
    text = _text(arguments["s"])
    width = arguments.get("width", 4)
    indent = width if isinstance(width, int) else len(_text(width))
    _afford(len(text) + 1 + max(indent, 0) * (_line_breaks(text) + 2))


def _wordwrap(arguments: dict[str, Any]) -> None:
    text = _text(arguments["s"])
    width = arguments.get("width", 79)
    wrapstring = arguments.get("wrapstring")
    joint = 1 if wrapstring is None else len(_text(wrapstring))
    blanks = _blanks(text) + _line_breaks(text)
    hyphens = text.count("-") if arguments.get("break_on_hyphens", True) else 0
    size = len(text) + 7 * text.count("\t")
    lines = min(size + 1, size // max(width, 1) + blanks + hyphens + 2)
    _afford(size + lines * joint, items=2 * (blanks + hyphens) + 2)


def _join(arguments: dict[str, Any]) -> dict[str, Any]:
    value = arguments["value"]
    separator = arguments.get("d", "")
    attribute = arguments.get("attribute")
    if attribute is not None:
        value = map(make_attrgetter(arguments["eval_ctx"].environment, attribute), value)
    items = _bounded_list(value)
    sizes = [text_size(item) for item in items]
    markup = hasattr(separator, "__html__") or any(hasattr(item, "__html__") for item in items)
    if markup:
        sizes = [
            size if hasattr(item, "__html__") else _escaped_size(item)
            for size, item in zip(sizes, items, strict=True)
        ]
        joint = _escaped_size(separator)
    else:
        joint = text_size(separator)
    _afford(sum(sizes) + joint * max(len(items) - 1, 0))
    return arguments | {"value": items, "attribute": None}


def _truncate(arguments: dict[str, Any]) -> None:
    _afford(text_size(arguments["s"]) + text_size(arguments.get("end", "...")))


def _urlize(arguments: dict[str, Any]) -> None:
    size = _escaped_size(arguments["value"])
    extra = sum(_escaped_size(arguments.get(name) or "") for name in ("target", "rel"))
    words = size // 2 + 1
    _afford(2 * size + words * (64 + extra), items=2 * words + 1)


def _urlencode(arguments: dict[str, Any]) -> None:
    _afford(12 * text_size(arguments["value"]))


def _xmlattr(arguments: dict[str, Any]) -> None:
    pairs = arguments["d"].items() if isinstance(arguments["d"], Mapping) else ()
    _afford(1 + sum(_escaped_size(k) + _escaped_size(v) + 4 for k, v in pairs))


def _tojson(arguments: dict[str, Any]) -> None:
    chars, elements, depth = _Measure(MAX_OUTPUT_CHARS, json=True)(arguments["value"])
    indent = arguments.get("indent")
    step = indent if isinstance(indent, int) else len(_text(indent)) if indent else 0
    _afford(chars + elements * (max(step, 0) * depth + 2))


def _pprint(arguments: dict[str, Any]) -> None:
    chars, elements, depth = _Measure(MAX_OUTPUT_CHARS)(arguments["value"])
    # pformat breaks long strings and containers on lines indented by their depth.
    _afford(chars * (depth + 5) + elements * (depth + 2))


def _sized_items(arguments: dict[str, Any]) -> None:
    value = arguments["value"]
    if isinstance(value, Sized):
        _afford(items=len(value))


def _groupby(arguments: dict[str, Any]) -> None:
    value = arguments["value"]
    if isinstance(value, Sized):
        _afford(items=(_ITEM_COST + 2) * len(value))  # a group (two lists) per item at worst


def _reverse(arguments: dict[str, Any]) -> None:
    value = arguments["value"]
    if isinstance(value, str):
        _afford(len(value))
    else:
        _sized_items(arguments)


def _batch(arguments: dict[str, Any]) -> None:
    value, linecount = arguments["value"], arguments["linecount"]
    length = len(value) if isinstance(value, Sized) else 0
    batches = length // max(linecount, 1) + 1 if isinstance(linecount, int) else 1
    fill = linecount if arguments.get("fill_with") is not None else 0
    _afford(items=length + fill + _ITEM_COST * batches)


def _slice(arguments: dict[str, Any]) -> None:
    value, slices = arguments["value"], arguments["slices"]
    length = len(value) if isinstance(value, Sized) else 0
    count = slices if isinstance(slices, int) else 0
    _afford(items=length + (_ITEM_COST + 1) * max(count, 0))


def _sum(arguments: dict[str, Any]) -> dict[str, Any] | None:
    start = arguments.get("start", 0)
    if not isinstance(start, list | tuple):
        return None
    iterable = arguments["iterable"]
    attribute = arguments.get("attribute")
    if attribute is not None:
        iterable = map(make_attrgetter(arguments["environment"], attribute), iterable)
    items = _bounded_list(iterable)
    length, work = len(start), 0
    for item in items:
        length += len(item) if isinstance(item, Sized) else 0
        work += length  # each + copies what was summed so far
    _afford(items=length)
    _afford(items=work // 64)
    return arguments | {"iterable": items, "attribute": None}


def _and_list(arguments: dict[str, Any]) -> None:
    values = arguments["values"]
    if isinstance(values, Iterable) and isinstance(values, Sized):
        _afford(sum(text_size(v) for v in values) + 8 * len(values))


def _paragraphs(arguments: dict[str, Any]) -> None:
    text = _text(arguments["value"])
    indent = arguments.get("indent", 0)
    step = indent if isinstance(indent, int) else 0
    _afford(max(2 * len(text), escaped_len(text)) + (_line_breaks(text) + 1) * (step + 12))


_FILTER_BOUNDS: Final[dict[str, FilterBound]] = {
    "and_list": _and_list,
    "batch": _batch,
    "capitalize": _case,
    "center": _center,
    "dictsort": _sized_items,
    "e": _escape,
    "escape": _escape,
    "forceescape": _escape,
    "groupby": _groupby,
    "indent": _indent,
    "join": _join,
    "list": _sized_items,
    "lower": _case,
    "paragraphs": _paragraphs,
    "pprint": _pprint,
    "replace": _replace,
    "reverse": _reverse,
    "safe": _same_size,
    "slice": _slice,
    "sort": _sized_items,
    "string": _same_size,
    "striptags": _words,
    "sum": _sum,
    "title": _words,
    "tojson": _tojson,
    "trim": _same_size,
    "truncate": _truncate,
    "upper": _case,
    "upper_first": _case,
    "urlencode": _urlencode,
    "urlize": _urlize,
    "wordcount": _words,
    "wordwrap": _wordwrap,
    "xmlattr": _xmlattr,
}


def _counted(iterator: Iterator[Any]) -> Iterator[Any]:
    """``iterator``, refused past `MAX_ITEMS` items and past the deadline."""
    for count, item in enumerate(iterator):
        if count % 1024 == 0:
            tick()
            if count >= MAX_ITEMS:
                _afford(items=count + 1)
        yield item


def _check_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_OUTPUT_CHARS:
            raise _refuse(f"an argument larger than {MAX_OUTPUT_CHARS} ({_int_text(value)})")


def _int_text(value: int) -> str:
    return str(value) if value.bit_length() < 200 else f"an integer of {_int_len(value)} digits"


_PASSED: Final = frozenset({"context", "eval_ctx", "environment", "env"})


def _guarded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    bound = _FILTER_BOUNDS.get(name)
    signature = inspect.signature(function) if bound is not None else None
    # Jinja passes a context, an evaluation context or the environment first to some
    # filters; the signature of an async variant's wrapper does not show it.
    passed = _PassArg.from_obj(function) is not None
    shown = signature is not None and next(iter(signature.parameters), None) in _PASSED
    skip = 1 if passed and not shown else 0

    @functools.wraps(function)  # keeps Jinja's pass_context / pass_environment marker
    def guarded(*args: Any, **kwargs: Any) -> Any:
        tick()
        _check_arguments(args, kwargs)
        if bound is not None and signature is not None:
            try:
                call = signature.bind(*args[skip:], **kwargs)
            except TypeError:
                pass  # the filter itself says what is wrong with its arguments
            else:
                call.apply_defaults()
                replaced = bound(dict(call.arguments))
                if replaced is not None:
                    call.arguments.update(replaced)
                    args, kwargs = args[:skip] + call.args, call.kwargs
        result = function(*args, **kwargs)
        if isinstance(result, Iterator):
            return _counted(result)
        _charge(result)
        return result

    return guarded


def _refused_filter(name: str) -> Callable[..., Any]:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise _refuse(f"the {name!r} filter is not available in user templates")

    return refused


def guard_filters(env: jinja2.Environment) -> None:
    """Bound every filter of ``env`` (see `_FILTER_BOUNDS`); refuse ``format``."""
    for name, function in list(env.filters.items()):
        env.filters[name] = _guarded_filter(name, function)
    env.filters["format"] = _refused_filter("format")


def guard_finalize(finalize: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``finalize``, refusing a value that would print over the size limit, or differently
    on every machine (see `_refuse_unprintable`)."""

    def guarded(value: Any) -> Any:
        if type(value) is str:
            size = len(value)
            if size * 5 > MAX_OUTPUT_CHARS:
                size = max(2 * size, escaped_len(value))  # Markdown or HTML escaping
        else:
            size = _escaped_size(value)
        if size > MAX_OUTPUT_CHARS:
            raise _refuse(f"printing a value of more than {MAX_OUTPUT_CHARS} characters")
        tick()
        return finalize(value)

    return guarded


# -- bounds of the methods of str ------------------------------------------------------------
MethodBound = Callable[[Any, tuple[Any, ...], dict[str, Any]], tuple[Any, ...] | None]


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any) -> Any:
    if len(args) > index:
        return args[index]
    return kwargs.get(name, default)


def _arg_len(receiver: object, value: object) -> int:
    """The length an argument adds to ``receiver``'s result (escaped for ``Markup``)."""
    if isinstance(receiver, Markup):
        return _escaped_size(value)
    return text_size(value) if isinstance(value, str | bytes) else 0


def _width(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    width = _arg(args, kwargs, 0, "width", 0)
    fill = _arg(args, kwargs, 1, "fillchar", " ")
    _afford(max(len(receiver), width * max(_arg_len(receiver, fill), 1)))


def _str_replace(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    old = _arg(args, kwargs, 0, "old", "")
    new = _arg(args, kwargs, 1, "new", "")
    count = _arg(args, kwargs, 2, "count", -1)
    if not isinstance(old, str | bytes):
        return  # str.replace refuses it
    found = len(receiver) + 1 if not old else receiver.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    _afford(len(receiver) + found * max(_arg_len(receiver, new) - len(old), 0))


def _str_join(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    items = _bounded_list(_arg(args, kwargs, 0, "iterable", ()))
    joint = _arg_len(receiver, receiver) if isinstance(receiver, Markup) else len(receiver)
    sizes = (_arg_len(receiver, item) for item in items)
    _afford(sum(sizes) + joint * max(len(items) - 1, 0))
    return (items,)


def _expandtabs(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    size = _arg(args, kwargs, 0, "tabsize", 8)
    tabs = receiver.count("\t" if isinstance(receiver, str) else b"\t")
    _afford(len(receiver) + tabs * max(size if isinstance(size, int) else 0, 0))


def _split(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    separator = _arg(args, kwargs, 0, "sep", None)
    most = _arg(args, kwargs, 1, "maxsplit", -1)
    pieces = receiver.count(separator) + 1 if separator else len(receiver) // 2 + 1
    if isinstance(most, int) and most >= 0:
        pieces = min(pieces, most + 1)
    _afford(len(receiver), items=pieces)


def _splitlines(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    text = receiver if isinstance(receiver, str) else receiver.decode("latin-1")
    _afford(len(receiver), items=_line_breaks(text) + 1)


def _translate(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    table = _arg(args, kwargs, 0, "table", None)
    longest = 1
    if isinstance(table, Mapping):
        longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1)
    elif table is not None and not isinstance(table, bytes | bytearray):
        raise _refuse("str.translate takes a dict in user templates")
    _afford(len(receiver) * max(longest, 1))


def _recased(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    _afford(_case_size(receiver))


def _times(factor: int) -> MethodBound:
    def bound(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        _afford(factor * len(receiver) + 16)

    return bound


def _within(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A method whose result is no longer than its receiver (or not a string)."""


def _maketrans(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    _afford(sum(text_size(arg) for arg in args), items=sum(text_size(arg) for arg in args))


def _strftime(receiver: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    # The longest directive (%c) writes about 24 characters for 2 of the format.
    _afford(16 * text_size(_arg(args, kwargs, 0, "format", "")) + 16)


_STR_METHODS: Final[dict[str, MethodBound]] = {
    "capitalize": _recased,
    "casefold": _recased,
    "center": _width,
    "count": _within,
    "decode": _times(4),  # bytes; "backslashreplace" writes 4 characters per byte
    "encode": _times(10),  # "\U0010ffff" / "&#1114111;" per character at worst
    "endswith": _within,
    "escape": lambda r, a, k: _afford(_escaped_size(_arg(a, k, 0, "s", ""))),
    "expandtabs": _expandtabs,
    "find": _within,
    "hex": _times(3),
    "index": _within,
    "isalnum": _within,
    "isalpha": _within,
    "isascii": _within,
    "isdecimal": _within,
    "isdigit": _within,
    "isidentifier": _within,
    "islower": _within,
    "isnumeric": _within,
    "isprintable": _within,
    "isspace": _within,
    "istitle": _within,
    "isupper": _within,
    "join": _str_join,
    "ljust": _width,
    "lower": _recased,
    "lstrip": _within,
    "maketrans": _maketrans,
    "partition": _within,
    "removeprefix": _within,
    "removesuffix": _within,
    "replace": _str_replace,
    "rfind": _within,
    "rindex": _within,
    "rjust": _width,
    "rpartition": _within,
    "rsplit": _split,
    "rstrip": _within,
    "split": _split,
    "splitlines": _splitlines,
    "startswith": _within,
    "strip": _within,
    "striptags": _within,
    "swapcase": _recased,
    "title": _recased,
    "translate": _translate,
    "unescape": _within,
    "upper": _recased,
    "zfill": _width,
}


def _method_bound(function: Any) -> MethodBound | None:
    """The bound of a call to ``function`` if it is a method of ``str`` or ``bytes``.

    Raises:
        SecurityError: For a method of ``str`` that is not known to be bounded.
    """
    if isinstance(function, types.BuiltinMethodType | types.MethodType):
        receiver = getattr(function, "__self__", None)
        owner = receiver if isinstance(receiver, type) else type(receiver)
        if isinstance(receiver, dt.date | dt.time) and function.__name__ == "strftime":
            return _strftime
        if issubclass(owner, str | bytes | bytearray):
            bound = _STR_METHODS.get(function.__name__)
            if bound is None:
                raise _refuse(f"{owner.__name__}.{function.__name__} is not available in templates")
            return bound
    return None


# -- the operators ---------------------------------------------------------------------------
_PERCENT_SPEC = re.compile(r"%(?:\(([^)]*)\))?[#0 +\-]*(\*|[0-9]+)?(?:\.(\*|[0-9]+))?[hlL]?(.?)")


def _percent_size(template: str, values: Any) -> int:
    """An upper bound of the length of ``template % values``."""
    mapping = values if isinstance(values, Mapping) else None
    queue = iter(values if isinstance(values, tuple) else (values,))
    markup = isinstance(template, Markup)
    total = len(template)

    def number(spec: str | None) -> int:
        if spec is None:
            return 0
        if spec == "*":
            value = next(queue, 0)
            return value if isinstance(value, int) else 0
        if len(spec) > 9:
            raise _refuse(f"a format width larger than {MAX_OUTPUT_CHARS}")
        return int(spec)

    for match in _PERCENT_SPEC.finditer(template):
        key, width_spec, precision_spec, conversion = match.groups()
        if conversion == "%":
            continue
        if not conversion:
            break  # Python refuses the incomplete format
        width, precision = number(width_spec), number(precision_spec)
        value = mapping.get(key) if mapping is not None and key is not None else next(queue, None)
        if conversion in "sra":
            if markup and not hasattr(value, "__html__"):
                size = _escaped_size(value)
            else:
                size = _Measure(MAX_OUTPUT_CHARS)(value)[0] if conversion == "s" else 0
                if conversion != "s":
                    chars = _Measure(MAX_OUTPUT_CHARS)([value])[0]
                    size = chars * (10 if conversion == "a" else 1)
        elif isinstance(value, float | Decimal) or conversion in "fFeEgG":
            size = 330  # the digits of the largest float
        else:
            size = 3 * text_size(value)  # octal and hex digits of an int
        total += max(width, size + precision + 2)
        if total > MAX_OUTPUT_CHARS:
            break
    return total


def _binop_bound(operator: str, left: Any, right: Any) -> None:
    """Refuse the result of ``left <operator> right`` before it is computed."""
    if operator == "**":
        exponent = Decimal(right) if isinstance(right, int | Decimal) else Decimal(0)
        if abs(exponent) > _MAX_EXPONENT:
            raise _refuse(f"an exponent larger than {_MAX_EXPONENT}")
        integers = isinstance(left, int) and isinstance(right, int) and right > 0
        if integers and left.bit_length() * right > _MAX_INT_BITS:
            raise _refuse("an integer too large for a document")
    elif operator == "%" and isinstance(left, str):
        _afford(_percent_size(left, right))
    elif operator == "*":
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, str | bytes):
                if isinstance(count, int):
                    _afford(len(sequence) * max(count, 0))
            elif isinstance(sequence, list | tuple) and isinstance(count, int):
                _afford(items=len(sequence) * max(count, 0))
        integers = isinstance(left, int) and isinstance(right, int)
        if integers and left.bit_length() + right.bit_length() > _MAX_INT_BITS:
            raise _refuse("an integer too large for a document")
    elif operator == "+":
        if isinstance(left, str) and isinstance(right, str):
            markup = isinstance(left, Markup) or isinstance(right, Markup)
            measure = _escaped_size if markup else text_size
            _afford(measure(left) + measure(right))
        elif isinstance(left, bytes) and isinstance(right, bytes):
            _afford(len(left) + len(right))
        elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
            _afford(items=len(left) + len(right))


# -- the compiled code -----------------------------------------------------------------------
class _Buffer(list[str]):
    """The output of a ``{% set %}`` block, a macro or a ``{% filter %}`` block, bounded."""

    __slots__ = ("size",)

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def append(self, text: str) -> None:
        self.size += len(text)
        if self.size > MAX_OUTPUT_CHARS:
            raise _refuse(f"a block of more than {MAX_OUTPUT_CHARS} characters")
        _charge(text)
        super().append(text)

    def extend(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.append(text)


class _GuardedIterable:
    """What a ``{% for %}`` loop walks over: the iterable, with a clock check per item."""

    __slots__ = ("iterable",)

    def __init__(self, iterable: Any) -> None:
        self.iterable = iterable

    def __iter__(self) -> Iterator[Any]:
        for item in self.iterable:
            tick()
            yield item

    def __len__(self) -> int:
        return len(self.iterable)


class _GuardedCodeGenerator(CodeGenerator):
    """Compiles user templates with the sandbox's checks written in.

    ``a ~ b`` measures its parts before joining them; a ``{% for %}`` loop checks the
    clock at each iteration and an ``{% include %}`` before it runs; block outputs
    (``{% set %}`` blocks, macros, ``{% filter %}`` blocks) go to a bounded buffer.
    """

    def _output_child_to_const(
        self, node: nodes.Expr, frame: Frame, finalize: CodeGenerator._FinalizeInfo
    ) -> str:
        # Jinja evaluates constant output ({{ 'x'.upper }}) at compile time, escaping it
        # before finalize could see it: only template text is constant here.
        if not isinstance(node, nodes.TemplateData):
            raise nodes.Impossible
        return super()._output_child_to_const(node, frame, finalize)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:  # noqa: N802 - Jinja's name
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"{join}(environment.guard_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write(")))")

    def visit_For(self, node: nodes.For, frame: Frame) -> None:  # noqa: N802 - Jinja's name
        # for x in environment.guard_loop(iterable), through the sandbox's call
        guard = node.iter
        guarded = isinstance(guard, nodes.Call) and isinstance(
            guard.node, nodes.EnvironmentAttribute
        )
        if not guarded:
            node.iter = nodes.Call(
                nodes.EnvironmentAttribute("guard_loop", lineno=guard.lineno),
                [guard],
                [],
                None,
                None,
                lineno=guard.lineno,
            )
        super().visit_For(node, frame)

    def visit_Include(self, node: nodes.Include, frame: Frame) -> None:  # noqa: N802
        self.writeline("environment.tick()", node)
        super().visit_Include(node, frame)

    def buffer(self, frame: Frame) -> None:
        frame.buffer = self.temporary_identifier()
        self.writeline(f"{frame.buffer} = environment.new_buffer()")


# -- the sandbox -----------------------------------------------------------------------------
class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, plus what it leaves open (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _GuardedCodeGenerator

    def __init__(self, **options: Any) -> None:
        # No constant folding: Jinja would run filters and methods at compile time,
        # outside the render's budget, and write their results into the compiled code.
        super().__init__(**(options | {"optimized": False}))

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        raise SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe"
        )

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if super().wrap_str_format(value) is None:
            return None

        def refused(*args: Any, **kwargs: Any) -> str:
            raise SecurityError("str.format and str.format_map are not available in templates")

        return refused

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        tick()
        _binop_bound(operator, left, right)
        result = super().call_binop(context, operator, left, right)
        _charge(result)
        return result

    def call(
        __self,  # noqa: N805 - Jinja's convention, see SandboxedEnvironment.call
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        tick()
        _check_arguments(args, kwargs)
        bound = _method_bound(__obj)
        if bound is not None:
            replaced = bound(__obj.__self__, args, kwargs)
            if replaced is not None:
                args = replaced + args[len(replaced) :]
        result = ImmutableSandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        _charge(result)
        return result

    def guard_concat(self, parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """Refuse ``a ~ b ~ ...`` over the size limit, before joining the parts."""
        tick()
        if any(hasattr(part, "__html__") for part in parts):
            size = sum(_escaped_size(part) for part in parts)
        else:
            size = sum(text_size(part) for part in parts)
        _afford(size)
        budget = _BUDGET.get(None)
        if budget is not None:
            budget.built += sum(text_size(part) for part in parts)
        return parts

    def guard_loop(self, iterable: Any) -> _GuardedIterable:
        """The iterable of a ``{% for %}`` loop, with a clock check per item."""
        tick()
        return _GuardedIterable(iterable)

    def new_buffer(self) -> _Buffer:
        """A bounded buffer for a block's output."""
        return _Buffer()

    def tick(self) -> None:
        """Refuse to go on past the render's deadline."""
        tick()
