"""Structured mutations of mission files, and the property every mutated file must satisfy.

Shared by ``tests/test_fuzz.py`` (CI) and ``benchmarks/fuzz_long.py`` (the long run).

A *case* starts from one of the three demo missions written in one of the three formats
(TOML as shipped, JSON and YAML through ``vendorgov.dumps``). Its parsed data tree is
mutated a few times — a key deleted, an entry duplicated, a value swapped for another
type, a date pushed to an extreme, a KPI key swapped, an enum value changed to a near
miss, a duplicate key, deep nesting, a YAML alias — and written back to text by a small
emitter of our own (so that it can write what the format libraries refuse to: duplicate
keys, ``1e1000000``, impossible dates, anchors and aliases). A text-level mutation may
follow: a truncation, an inserted character, invalid UTF-8.

Every choice is drawn from Hypothesis' ``st.data()``, so a failing case shrinks to the
smallest mutation that still fails, and :func:`describe` prints it readably.

:func:`exercise` then checks the property: ``vendorgov.loads`` raises a
``ValidationError`` (nothing else, with a bounded list of problems, and never accepts a
duplicate key) or returns a value on which every public computation either works or
raises a documented ``VendorgovError``; the CLI commands on the same file exit with 0, 1
or 2, never 3 (an internal error).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import io
import json
import re
import time
import tomllib
import traceback
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

import vendorgov
from vendorgov import examples
from vendorgov._cli import main as cli_main
from vendorgov.exceptions import ValidationError, VendorgovError

FORMATS = ("toml", "json", "yaml")
SUFFIXES = {"toml": ".toml", "json": ".json", "yaml": ".yaml"}
DOCUMENTS = ("specification", "contract", "kickoff", "review")
LANGS = ("fr", "en")
RENDER_FORMATS = ("md", "html")

MAX_ERRORS = 1001
"""The most problems one ``ValidationError`` may list before the harness calls it unbounded.

1000 problems, plus one that says how many more there are. Not a documented limit
(none exists yet): a file with 10,000 bad entries should not produce 10,000 problems
and a message of a megabyte.
"""

SRC = str(Path(vendorgov.__file__).resolve().parent)


# -- the data tree --------------------------------------------------------------------
class Map:
    """A mapping as an ordered list of ``(key, value)`` pairs: it may repeat a key."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs

    def __repr__(self) -> str:
        return f"Map({self.pairs!r})"


@dataclasses.dataclass(frozen=True)
class Raw:
    """A literal token, written as is in each format (``1e1000000``, ``2027-02-29``)."""

    toml: str
    json: str
    yaml: str


@dataclasses.dataclass(frozen=True)
class Deep:
    """``depth`` nested lists (or single-key tables) around ``inner``; written without recursion."""

    depth: int
    kind: str  # "list" or "map"
    inner: Any = 0


@dataclasses.dataclass(frozen=True)
class Anchor:
    """YAML ``&name node``; other formats write the node alone."""

    name: str
    node: Any


@dataclasses.dataclass(frozen=True)
class Alias:
    """YAML ``*name``; other formats write ``fallback``."""

    name: str
    fallback: Any = None


@dataclasses.dataclass(frozen=True)
class Bomb:
    """A YAML alias bomb: ``levels`` lists each holding ``width`` aliases of the previous one."""

    levels: int
    width: int
    leaf: Any


def to_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return Map([(str(k), to_tree(v)) for k, v in value.items()])
    if isinstance(value, list):
        return [to_tree(item) for item in value]
    if isinstance(value, float):  # YAML floats never reach here (Decimal loader), but be safe
        return Decimal(repr(value))
    return value


# -- emitters -------------------------------------------------------------------------
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff]")


def _escape(char: str) -> str:
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}.get(
        char, f"\\u{ord(char):04x}"
    )


def quote(text: str) -> str:
    """A double-quoted string valid in TOML, JSON and YAML alike."""
    body = re.sub(r'["\\]', lambda m: _escape(m.group()), text)
    return '"' + _CONTROL.sub(lambda m: _escape(m.group()), body) + '"'


def _decimal_text(value: Decimal, fmt: str) -> str:
    if value.is_nan() or value.is_infinite():
        return {"toml": "nan" if value.is_nan() else ("-inf" if value < 0 else "inf")}.get(
            fmt, "NaN" if value.is_nan() else ("-Infinity" if value < 0 else "Infinity")
        )
    text = str(value)
    if fmt == "yaml" and "." not in text:
        # YAML 1.1 only reads a float with a dot in it; without one, write an int or
        # insert ".0" before the exponent.
        text = text.replace("E", ".0E", 1) if "E" in text else text
    return text


def emit(node: Any, fmt: str) -> str:
    """The text of ``node`` (a `Map` at the top) in ``fmt``, one line per top-level key."""
    if fmt == "toml":
        if not isinstance(node, Map):
            return "value = " + _emit(node, fmt)
        lines = [
            f"{quote(key)} = {_emit(value, fmt)}" for key, value in node.pairs if value is not None
        ]
        return "\n".join(lines) + "\n"
    if isinstance(node, Map):
        sep = ",\n" if fmt == "json" else ",\n  "
        inner = sep.join(f"{quote(key)}: {_emit(value, fmt)}" for key, value in node.pairs)
        return "{" + inner + "}\n"
    return _emit(node, fmt) + "\n"


def _emit(node: Any, fmt: str) -> str:
    colon = " = " if fmt == "toml" else ": "
    if isinstance(node, Map):
        pairs = [(k, v) for k, v in node.pairs if not (fmt == "toml" and v is None)]
        return "{" + ", ".join(f"{quote(k)}{colon}{_emit(v, fmt)}" for k, v in pairs) + "}"
    if isinstance(node, list):
        items = [item for item in node if not (fmt == "toml" and item is None)]
        return "[" + ", ".join(_emit(item, fmt) for item in items) + "]"
    if isinstance(node, bool):
        return "true" if node else "false"
    if node is None:
        return "null"
    if isinstance(node, int):
        return str(node)
    if isinstance(node, Decimal):
        return _decimal_text(node, fmt)
    if isinstance(node, str):
        return quote(node)
    if isinstance(node, dt.datetime | dt.date | dt.time):
        text = node.isoformat()
        return quote(text) if fmt == "json" else text
    if isinstance(node, Raw):
        return getattr(node, fmt)
    if isinstance(node, Deep):
        inner = _emit(node.inner, fmt)
        if node.kind == "list":
            return "[" * node.depth + inner + "]" * node.depth
        return f"{{{quote('a')}{colon}" * node.depth + inner + "}" * node.depth
    if isinstance(node, Anchor):
        body = _emit(node.node, fmt)
        return f"&{node.name} {body}" if fmt == "yaml" else body
    if isinstance(node, Alias):
        return f"*{node.name}" if fmt == "yaml" else _emit(node.fallback, fmt)
    if isinstance(node, Bomb):
        if fmt != "yaml":
            return _emit(node.leaf, fmt)
        parts = [f"&bomb0 [{', '.join([_emit(node.leaf, fmt)] * node.width)}]"]
        for level in range(1, node.levels):
            parts.append(f"&bomb{level} [{', '.join([f'*bomb{level - 1}'] * node.width)}]")
        return "[" + ", ".join(parts) + "]"
    raise TypeError(f"cannot emit {node!r}")


# -- seeds ----------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Seed:
    key: str
    fmt: str
    text: str
    tree: Any


def _load_yaml_decimal(text: str) -> Any:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor(
        "tag:yaml.org,2002:float",
        lambda loader, node: Decimal(loader.construct_scalar(node).replace("_", "")),
    )
    return yaml.load(text, Loader=Loader)


@functools.cache
def seeds() -> dict[tuple[str, str], Seed]:
    """The nine seeds: each demo mission in each format, with its parsed tree."""
    found = {}
    for key in examples.DEMO_KEYS:
        toml_text = examples.demo_text(key)
        mission = vendorgov.loads(toml_text, "toml")
        texts = {
            "toml": toml_text,
            "json": vendorgov.dumps(mission, "json"),
            "yaml": vendorgov.dumps(mission, "yaml"),
        }
        parsers: dict[str, Callable[[str], Any]] = {
            "toml": lambda text: tomllib.loads(text, parse_float=Decimal),
            "json": lambda text: json.loads(text, parse_float=Decimal),
            "yaml": _load_yaml_decimal,
        }
        for fmt in FORMATS:
            found[key, fmt] = Seed(key, fmt, texts[fmt], to_tree(parsers[fmt](texts[fmt])))
    return found


# -- paths ----------------------------------------------------------------------------
Path_ = tuple[int, ...]  # indices: into a Map's pairs, or into a list


def walk(node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str | None, Any]]:
    """Every node below ``node`` in document order: its path, its key (in a Map) and itself."""
    if isinstance(node, Map):
        for index, (key, value) in enumerate(node.pairs):
            yield (*path, index), key, value
            yield from walk(value, (*path, index))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*path, index), None, value
            yield from walk(value, (*path, index))


def get(node: Any, path: Path_) -> Any:
    for index in path:
        node = node.pairs[index][1] if isinstance(node, Map) else node[index]
    return node


def update(node: Any, path: Path_, change: Callable[[Any], Any]) -> Any:
    """A copy of ``node`` where the node at ``path`` is ``change(old)`` (copies along the path)."""
    if not path:
        return change(node)
    index, rest = path[0], path[1:]
    if isinstance(node, Map):
        pairs = list(node.pairs)
        key, value = pairs[index]
        pairs[index] = (key, update(value, rest, change))
        return Map(pairs)
    items = list(node)
    items[index] = update(items[index], rest, change)
    return items


def update_parent(node: Any, path: Path_, change: Callable[[Any, int], Any]) -> Any:
    """A copy of ``node`` where the container holding ``path`` is ``change(container, index)``."""
    return update(node, path[:-1], lambda container: change(container, path[-1]))


def name(node: Any, path: Path_) -> str:
    """``path`` written as in vendorgov's error paths: ``milestones[1].targets[0]``."""
    parts = []
    for index in path:
        if isinstance(node, Map):
            key = node.pairs[index][0]
            parts.append(("." if parts else "") + key)
            node = node.pairs[index][1]
        else:
            parts.append(f"[{index}]")
            node = node[index]
    return "".join(parts) or "<root>"


# -- mutations ------------------------------------------------------------------------
LONG = "x" * 100_000
VALUES: tuple[Any, ...] = (
    0,
    "",
    None,
    -1,
    1,
    "x",
    10**30,
    2**63,
    -(10**20),
    Raw("1e1000000", "1e1000000", "1.0e+1000000"),
    Raw("-1e1000000", "-1e1000000", "-1.0e+1000000"),
    Raw("1e-1000000", "1e-1000000", "1.0e-1000000"),
    Decimal("0.000000000000000000000000000000000000001"),
    Decimal("12345678901234567890123456789012345678901234567890"),
    Decimal("-0.5"),
    True,
    LONG,
    "x" * 1000,
    [[[]]],
    [],
    Map([]),
    Map([("a", 1)]),
    "\u0000",
    "\ud800",  # a lone surrogate: JSON "\ud800" and YAML "\ud800" escapes read as one
    "a\udfffb",
    "<script>alert(1)</script>{{ 7*7 }}{% raw %}|",
    "# | * _ ` [x](y) <b>",
    "Europe/Nowhere",
    "M+0",
    "M-1",
    "M+99999999",
    "EOY",
    "XXX",
    "1234.50 USD",
    "-1",
    "nan",
    "inf",
)
DATES = (
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+23:59",
    "2027-02-29",
    "2026-02-29",
    "2100-02-29",
    "1900-02-29",
    "9999-12-31T23:59:59+00:00",
    "0001-01-01T00:00:00-23:59",
    "9999-12-31T00:00:00+23:59",
    "2026-03-29T02:30:00+01:00",
    "0000-01-01",
    "2026-13-01",
    "2026-03-02T10:00:00",
    "10000-01-01",
)
_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_ENUM_LIKE = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
KPI_KEYS = ("on_time_shipping", "order_accuracy", "engagement_rate", "unknown_kpi", "")


def _near_misses(value: str) -> tuple[str, ...]:
    return (
        value.upper(),
        value + " ",
        " " + value,
        value[:-1],
        value + "s",
        value.replace("e", "\u0435", 1),  # Cyrillic e
        value.replace("_", "-"),
        value.title(),
        value + "\x00",
    )


def _is_date_like(value: Any) -> bool:
    if isinstance(value, dt.date | dt.datetime):
        return True
    return isinstance(value, str) and bool(_DATE_LIKE.match(value))


def _date_node(text: str, original: Any) -> Any:
    """``text`` as the original was written: a string stays a string, a date a bare token."""
    if isinstance(original, str):
        return text
    return Raw(text, json.dumps(text), text)


@dataclasses.dataclass
class Case:
    """One mutated file: where it came from, what was done, and the result."""

    seed: Seed
    steps: list[str]
    text: str | bytes
    duplicate_key: bool = False

    plan: Plan = dataclasses.field(default_factory=lambda: Plan((), ()))

    @property
    def fmt(self) -> str:
        return self.seed.fmt

    def __repr__(self) -> str:  # the text can be megabytes: the tests note describe() instead
        return f"<Case {self.seed.key}.{self.fmt}: {'; '.join(self.steps) or 'unchanged'}>"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Hypothesis pretty-prints a dataclass field by field unless told otherwise.
        printer.text(repr(self))


@dataclasses.dataclass(frozen=True)
class Plan:
    """Which renders and CLI commands a (non-full) run does, drawn with the case."""

    renders: tuple[tuple[str, str, str, int, bool], ...]  # document, lang, format, date, draft
    cli: tuple[int, ...]  # indices into CLI_COMMANDS


def _pick(data: st.DataObject, items: Any, label: str) -> Any:
    return data.draw(st.sampled_from(items), label=label)


def _pick_node(data: st.DataObject, nodes: list[Any], label: str) -> Any:
    """One of ``nodes`` (path, key, node); only its path shows in Hypothesis' log."""
    path = data.draw(st.sampled_from([n[0] for n in nodes]), label=label)
    return next(n for n in nodes if n[0] == path)


def _mutate(data: st.DataObject, tree: Any, fmt: str, steps: list[str], anchors: int) -> Any:
    kinds = [
        "delete",
        "duplicate",
        "replace",
        "date",
        "kpi",
        "enum",
        "replicate",
        "nest",
        "duplicate_key",
    ]
    if fmt == "yaml":
        kinds += ["alias", "recursive_alias", "alias_bomb"]
    kind = _pick(data, kinds, "mutation")
    nodes = list(walk(tree))
    if not nodes:
        return tree
    if kind == "date":
        candidates = [
            n for n in nodes if _is_date_like(n[2]) or n[1] in ("horizon", "due", "start", "end")
        ]
        path, _, old = _pick_node(data, candidates or nodes, "date path")
        text = _pick(data, DATES, "date value")
        steps.append(f"{name(tree, path)}: date {old!s} -> {text}")
        return update(tree, path, lambda old: _date_node(text, old))
    if kind == "kpi":
        candidates = [n for n in nodes if n[1] in ("kpi", "key") and isinstance(n[2], str)]
        path, _, old = _pick_node(data, candidates or nodes, "kpi path")
        new = _pick(data, KPI_KEYS, "kpi key")
        steps.append(f"{name(tree, path)}: KPI key {old!r} -> {new!r}")
        return update(tree, path, lambda _: new)
    if kind == "enum":
        candidates = [n for n in nodes if isinstance(n[2], str) and _ENUM_LIKE.match(n[2])]
        path, _, old = _pick_node(data, candidates or nodes, "enum path")
        new = _pick(data, _near_misses(str(old)), "near miss")
        steps.append(f"{name(tree, path)}: enum {old!r} -> {new!r}")
        return update(tree, path, lambda _: new)
    if kind == "replicate":
        candidates = [n for n in nodes if isinstance(n[2], list) and n[2]]
        if not candidates:
            return tree
        path, _, old = _pick_node(data, candidates, "list path")
        index = data.draw(st.integers(0, len(old) - 1), label="item")
        count = _pick(data, (2, 10, 100, 1000, 5000), "copies")
        steps.append(f"{name(tree, path)}: item [{index}] repeated {count} times")
        return update(tree, path, lambda old: [*old, *([old[index]] * count)])
    path, key, old = _pick_node(data, nodes, f"{kind} path")
    where = name(tree, path)
    if kind == "delete":
        steps.append(f"{where}: deleted")

        def drop(container: Any, index: int) -> Any:
            if isinstance(container, Map):
                return Map(container.pairs[:index] + container.pairs[index + 1 :])
            return container[:index] + container[index + 1 :]

        return update_parent(tree, path, drop)
    if kind in ("duplicate", "duplicate_key"):
        # In a Map, both kinds repeat the key; in a list, "duplicate" repeats the entry.
        steps.append(f"{where}: duplicated" + (" (same key twice)" if key is not None else ""))

        def double(container: Any, index: int) -> Any:
            if isinstance(container, Map):
                pairs = list(container.pairs)
                pairs.insert(index + 1, pairs[index])
                return Map(pairs)
            return [*container[: index + 1], container[index], *container[index + 1 :]]

        return update_parent(tree, path, double)
    if kind == "replace":
        new = data.draw(
            st.one_of(
                st.sampled_from(VALUES),
                st.integers(),
                st.text(max_size=10),
                st.decimals(allow_nan=False, allow_infinity=False, places=3),
            ),
            label="new value",
        )
        steps.append(f"{where}: {_short(old)} -> {_short(new)}")
        return update(tree, path, lambda _: new)
    if kind == "nest":
        depth = _pick(data, (2, 50, 500, 5_000, 100_000), "depth")
        shape = _pick(data, ("list", "map"), "shape")
        steps.append(f"{where}: wrapped in {depth} nested {shape}s")
        return update(tree, path, lambda old: Deep(depth, shape, 0))
    # YAML only
    label = f"a{anchors}"
    if kind == "alias_bomb":
        levels = _pick(data, (2, 3, 4, 5), "levels")
        width = _pick(data, (2, 4, 8), "width")
        steps.append(f"{where}: YAML alias bomb {width}^{levels}")
        return update(tree, path, lambda old: Bomb(levels, width, old))
    if kind == "recursive_alias":
        if not isinstance(old, Map | list):
            return tree
        steps.append(f"{where}: anchored, and made to contain an alias of itself")

        def loop(old: Any) -> Any:
            if isinstance(old, Map):
                return Anchor(label, Map([*old.pairs, ("self", Alias(label))]))
            return Anchor(label, [*old, Alias(label)])

        return update(tree, path, loop)
    # alias: anchor a node, and replace a later node with an alias of it
    later = [n for n in nodes if n[0] > path and n[0][: len(path)] != path]
    if not later:
        return tree
    target, _, _ = _pick_node(data, later, "alias target")
    steps.append(f"{name(tree, target)}: replaced by an alias of {where}")
    tree = update(tree, target, lambda _: Alias(label, old))
    return update(tree, path, lambda old: Anchor(label, old))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}...({len(text)} chars)"


INSERTS = ("\x00", '"', "{", "[", "]", "\n", "#", "&", "*", "\ufeff", "\ud800", "\x7f", "=", ":")
BAD_BYTES = (b"\xed\xa0\x80", b"\xff", b"\xc3", b"\x80", b"\xf4\x90\x80\x80")


def _text_mutation(data: st.DataObject, text: str, steps: list[str]) -> str | bytes:
    # Two cases in three keep the text whole: most text mutations make a file that no
    # longer parses, and the engine only sees what loads.
    roll = data.draw(st.integers(0, 11), label="text mutation")
    if roll < 8:
        return text
    kind = ("truncate", "insert", "bad_utf8", "delete_span")[roll - 8]
    position = data.draw(st.integers(0, len(text)), label="position")
    if kind == "truncate":
        steps.append(f"text truncated to {position} characters")
        return text[:position]
    if kind == "insert":
        char = data.draw(st.sampled_from(INSERTS) | st.characters(), label="char")
        steps.append(f"text: {char!r} inserted at {position}")
        return text[:position] + char + text[position:]
    if kind == "delete_span":
        length = data.draw(st.integers(1, 50), label="length")
        steps.append(f"text: {length} characters deleted at {position}")
        return text[:position] + text[position + length :]
    bad = _pick(data, BAD_BYTES, "bytes")
    steps.append(f"bytes: {bad!r} inserted at character {position} (invalid UTF-8)")
    head = text[:position].encode("utf-8", "surrogatepass")
    return head + bad + text[position:].encode("utf-8", "surrogatepass")


@st.composite
def cases(draw: Any, *, max_mutations: int = 3) -> Case:
    """A mutated mission file: a seed, 0 to ``max_mutations`` tree mutations, a text mutation."""
    data = draw(st.data())
    key = _pick(data, examples.DEMO_KEYS, "seed")
    fmt = _pick(data, FORMATS, "format")
    seed = seeds()[key, fmt]
    count = data.draw(st.integers(0, max_mutations), label="mutations")
    steps: list[str] = []
    if count == 0:
        text = seed.text  # the file as written: comments, block style
    else:
        tree = seed.tree
        for anchor in range(count):
            tree = _mutate(data, tree, fmt, steps, anchor)
        text = emit(tree, fmt)
    final = _text_mutation(data, text, steps)
    renders = tuple(
        (
            document,
            _pick(data, LANGS, "lang"),
            _pick(data, RENDER_FORMATS, "render format"),
            data.draw(st.integers(0, 5), label="render date"),  # None, then the at_dates
            data.draw(st.booleans(), label="draft"),
        )
        for document in DOCUMENTS
    )
    cli = tuple(
        sorted(
            data.draw(st.sets(st.sampled_from(range(len(CLI_COMMANDS))), min_size=1, max_size=2))
        )
    )
    return Case(
        seed, steps, final, duplicate_key=has_duplicate_keys(final, fmt), plan=Plan(renders, cli)
    )


def describe(case: Case) -> str:
    """The case for people: seed, mutations, and the head of the text."""
    body = case.text if isinstance(case.text, str) else case.text.decode("utf-8", "replace")
    head = body if len(body) <= 400 else body[:400] + f"... ({len(body)} characters)"
    steps = "\n".join(f"  - {step}" for step in case.steps) or "  (none)"
    return f"seed {case.seed.key}.{case.fmt}, mutations:\n{steps}\ntext: {head!r}"


# -- oracle: duplicate keys -----------------------------------------------------------
class _Duplicate(Exception):  # noqa: N818 - internal signal
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise _Duplicate
    return dict(pairs)


def has_duplicate_keys(text: str | bytes, fmt: str) -> bool:
    """Whether ``text`` parses but repeats a key in some mapping (TOML refuses that itself)."""
    if fmt == "toml":
        return False
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if fmt == "json":
            json.loads(text, object_pairs_hook=_no_duplicates)
            return False
        return _yaml_duplicates(yaml.compose(text, Loader=yaml.SafeLoader))
    except _Duplicate:
        return True
    except Exception:
        return False  # malformed: loads must refuse it anyway


def _yaml_duplicates(root: Any) -> bool:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
            if len(set(keys)) != len(keys):
                return True
            stack.extend(v for _, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


# -- the property ---------------------------------------------------------------------
class HarnessViolation(AssertionError):  # noqa: N818 - named as the findings are
    """A property the harness checks beyond 'no undocumented exception'."""


class UnboundedErrorList(HarnessViolation):
    pass


class DuplicateKeyAccepted(HarnessViolation):
    pass


class RoundTripMismatch(HarnessViolation):
    pass


_CLI_ERRORS: dict[tuple[str, str], type[HarnessViolation]] = {}


def cli_internal_error(exc_name: str, where: str) -> type[HarnessViolation]:
    """One class per distinct internal error, so Hypothesis reports each one separately."""
    key = (exc_name, where)
    if key not in _CLI_ERRORS:
        _CLI_ERRORS[key] = type(f"CliExit3_{exc_name}", (HarnessViolation,), {})
    return _CLI_ERRORS[key]


@dataclasses.dataclass
class Failure:
    phase: str
    error: BaseException
    where: str  # deepest frame: file:line
    where_vendorgov: str  # deepest frame inside vendorgov

    @property
    def signature(self) -> tuple[str, str]:
        return (type(self.error).__name__, self.where_vendorgov or self.where)


def _frames(error: BaseException) -> tuple[str, str]:
    frames = traceback.extract_tb(error.__traceback__)
    where = own = ""
    for frame in frames:
        place = f"{_rel(frame.filename)}:{frame.lineno}"
        where = place
        if frame.filename.startswith(SRC):
            own = place
    return where, own


def _rel(filename: str) -> str:
    if filename.startswith(SRC):
        return "src/vendorgov" + filename[len(SRC) :]
    for marker in ("site-packages/", "/lib/python3"):
        if marker in filename:
            return filename[filename.index(marker) :]
    return filename


def _failure(phase: str, error: BaseException) -> Failure:
    where, own = _frames(error)
    with contextlib.suppress(AttributeError, TypeError):
        error.add_note(f"fuzz phase: {phase}")
    return Failure(phase, error, where, own)


@dataclasses.dataclass
class Outcome:
    """What happened to one case."""

    loaded: bool = False
    failures: list[Failure] = dataclasses.field(default_factory=list)
    refusals: dict[str, int] = dataclasses.field(default_factory=dict)  # documented errors
    seconds: float = 0.0


def _call(outcome: Outcome, phase: str, function: Callable[[], Any]) -> Any:
    try:
        return function()
    except VendorgovError as error:
        label = f"{phase}: {type(error).__name__}"
        outcome.refusals[label] = outcome.refusals.get(label, 0) + 1
    except Exception as error:
        outcome.failures.append(_failure(phase, error))
    return None


def at_dates(mission: Any, outcome: Outcome) -> list[dt.date]:
    """The dates every computation runs at: start, end, a milestone due date, the extremes."""
    dates = [mission.start, mission.end]
    dues = _call(outcome, "mission.milestone_dues()", mission.milestone_dues)
    if dues:
        dates.append(dues[len(dues) // 2])
    dates += [dt.date.min, dt.date.max]
    return list(dict.fromkeys(dates))


def exercise(case: Case, workdir: Path, *, full: bool = False) -> Outcome:
    """Check the property on ``case``; every violation lands in ``Outcome.failures``.

    ``full`` renders every document in both languages and both formats, at no date and
    at every date, draft or not (192 renders), and runs every CLI command (the long run);
    otherwise the case's plan picks one render of each document and one or two commands.
    """
    started = time.perf_counter()
    outcome = Outcome()
    mission = _load(case, outcome)
    if mission is not None:
        _api(mission, outcome, case.plan, full=full)
    _cli(case, workdir, mission, outcome, full=full)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _load(case: Case, outcome: Outcome) -> Any:
    try:
        value = vendorgov.loads(case.text, case.fmt)  # type: ignore[arg-type]
    except ValidationError as error:
        outcome.refusals["loads: ValidationError"] = 1
        if len(error.errors) > MAX_ERRORS:
            violation = UnboundedErrorList(
                f"loads listed {len(error.errors)} problems (at most {MAX_ERRORS} expected)"
            )
            violation.__traceback__ = error.__traceback__
            outcome.failures.append(_failure("loads", violation))
        return None
    except Exception as error:
        outcome.failures.append(_failure("loads", error))
        return None
    outcome.loaded = True
    if case.duplicate_key:
        outcome.failures.append(
            _failure(
                "loads",
                DuplicateKeyAccepted(f"loads accepted a {case.fmt.upper()} file repeating a key"),
            )
        )
    return value if isinstance(value, vendorgov.Mission) else None


def _api(mission: Any, outcome: Outcome, plan: Plan, *, full: bool) -> None:
    v = vendorgov
    dates = at_dates(mission, outcome)
    for at in dates:
        tag = f"at={at}"
        for fname in (
            "assess",
            "budget",
            "reporting_compliance",
            "score_history",
            "open_actions",
            "overdue_actions",
            "open_needs",
        ):
            _call(outcome, f"{fname}({tag})", functools.partial(getattr(v, fname), mission, at))
        lines = _call(outcome, f"payouts({tag})", functools.partial(v.payouts, mission, at))
        if lines is not None:
            _call(outcome, f"payout_totals({tag})", functools.partial(v.payout_totals, lines))
            _call(outcome, f"payouts({tag})._repr_html_", lines._repr_html_)
        card = _call(outcome, f"score({tag})", functools.partial(v.score, mission, at))
        if card is not None:
            _call(outcome, f"score({tag})._repr_html_", card._repr_html_)
        _call(outcome, f"score_portfolio({tag})", lambda at=at: v.score_portfolio([mission], at))
        _call(outcome, f"assess_portfolio({tag})", lambda at=at: v.assess_portfolio([mission], at))
    _call(outcome, "score_history()", functools.partial(v.score_history, mission))
    _call(outcome, "open_actions()", functools.partial(v.open_actions, mission))
    _call(outcome, "open_needs()", functools.partial(v.open_needs, mission))
    _call(outcome, "ideas_by_status()", functools.partial(v.ideas_by_status, mission))
    _call(outcome, "mission._repr_html_()", mission._repr_html_)
    if mission.contract is not None:
        _call(outcome, "contract_value()", functools.partial(v.contract_value, mission.contract))
    cadence = mission.review_cadence
    if cadence is not None:
        _call(outcome, "to_rrule()", functools.partial(v.to_rrule, cadence))
        _call(
            outcome,
            "review_times()",
            functools.partial(
                v.review_times, cadence, mission.start, mission.end, mission.timezone
            ),
        )
    for lang in LANGS:
        _call(outcome, f"calendar(lang={lang})", functools.partial(v.calendar, mission, lang=lang))
    for fmt in FORMATS:
        text = _call(outcome, f"dumps({fmt})", functools.partial(v.dumps, mission, fmt))
        if text is None:
            continue
        try:
            again = v.loads(text, fmt)
        except Exception as error:
            outcome.failures.append(_failure(f"loads(dumps({fmt}))", error))
            continue
        if again != mission:
            outcome.failures.append(
                _failure(
                    f"loads(dumps({fmt}))",
                    RoundTripMismatch(f"loads(dumps(mission, {fmt!r})) != mission"),
                )
            )
    if full:
        renders = [
            (document, lang, fmt, when, draft)
            for document in DOCUMENTS
            for lang in LANGS
            for fmt in RENDER_FORMATS
            for when in [None, *dates]
            for draft in (False, True)
        ]
    else:
        renders = [
            (document, lang, fmt, ([None, *dates] * 6)[when], draft)
            for document, lang, fmt, when, draft in plan.renders
        ]
    for document, lang, fmt, when, draft in renders:
        _call(
            outcome,
            f"render({document}, {lang}, {fmt}, at={when}, draft={draft})",
            functools.partial(
                v.render, mission, document, lang=lang, format=fmt, at=when, draft=draft
            ),
        )


_TRACE_TAIL = re.compile(r'File "([^"]+)", line (\d+)')


CLI_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("validate", "{file}"),
    ("score", "{file}", "--at", "{at}", "--json"),
    ("check", "{file}", "--at", "{at}"),
    ("payouts", "{file}", "--at", "{at}"),
    ("calendar", "{file}", "--lang", "en"),
    ("render", "review", "{file}", "--at", "{at}", "--format", "html", "--draft"),
    ("render", "contract", "{file}", "--lang", "en"),
)


def _cli(case: Case, workdir: Path, mission: Any, outcome: Outcome, *, full: bool) -> None:
    file = workdir / f"mission{SUFFIXES[case.fmt]}"
    raw = case.text if isinstance(case.text, bytes) else case.text.encode("utf-8", "surrogatepass")
    file.write_bytes(raw)
    at = "2026-11-29"
    if mission is not None:
        at = mission.end.isoformat()
    chosen = range(len(CLI_COMMANDS)) if full else case.plan.cli
    commands = [[part.format(file=file, at=at) for part in CLI_COMMANDS[index]] for index in chosen]
    for argv in commands:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main(["--debug", *argv])
        if code not in (0, 1, 2):
            stderr = err.getvalue()
            last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
            exc_name = last.split(":")[2].strip() if last.count(":") >= 2 else "?"
            places = [
                (_rel(f), line) for f, line in _TRACE_TAIL.findall(stderr) if f.startswith(SRC)
            ]
            where = f"{places[-1][0]}:{places[-1][1]}" if places else "?"
            violation = cli_internal_error(exc_name, where)(
                f"vendorgov {' '.join(argv[:1])} exited {code}: {last}"
            )
            failure = _failure(f"cli {argv[0]}", violation)
            failure.where = failure.where_vendorgov = where
            outcome.failures.append(failure)
