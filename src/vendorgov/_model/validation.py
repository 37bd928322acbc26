"""Construction-time validation shared by every model type.

Each model class derives from ``Model``. After attrs has set the fields,
``__attrs_post_init__`` checks every field against its annotation (collecting
every mismatch, not just the first) and, when the types are right, the class's
own invariants from ``Model._problems``. Any problem raises one
``vendorgov.exceptions.ValidationError`` listing them all — up to
``MAX_PROBLEMS``: checking stops soon after that many are found, so a value
with a million bad items costs no more than a hundred to refuse.

The per-class checkers are compiled once from the resolved annotations and
cached, so a check costs a few ``isinstance`` calls per field.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import re
import reprlib
import types
import typing
from collections.abc import Callable, Iterator
from decimal import Decimal
from itertools import islice
from typing import Any, ClassVar, Self

import attrs

from vendorgov.exceptions import MAX_PROBLEMS, ErrorDetail, ValidationError

# A checker appends problems about ``value`` (found at ``path``) to ``out``.
Checker = Callable[[object, str, list[ErrorDetail]], None]

MAX_DECIMAL = Decimal("1e15")
"""Largest magnitude accepted for any exact number (money, KPI value, weight)."""

MAX_DIGITS = 34
"""Most significant digits (and decimal places) of an exact number: IEEE decimal128's."""


class Model:
    """Base of every vendorgov value type: checks types and invariants at construction."""

    __slots__ = ()
    _checkers: ClassVar[dict[type, tuple[tuple[str, Checker], ...]]] = {}
    _moments: ClassVar[dict[type, tuple[str, ...]]] = {}
    _defaults: ClassVar[dict[type, dict[str, Any]]] = {}

    def __attrs_post_init__(self) -> None:
        cls = type(self)
        checkers = Model._checkers.get(cls)
        if checkers is None:
            checkers = _compile_class(cls)
        problems: list[ErrorDetail] = []
        for name, check in checkers:
            check(getattr(self, name), name, problems)
            if len(problems) > MAX_PROBLEMS:
                break
        if not problems:
            for name in Model._moments[cls]:
                _fix_offset(self, name)
            problems.extend(islice(self._problems(), MAX_PROBLEMS + 1))
        elif len(problems) <= MAX_PROBLEMS:
            # Some fields have the wrong type: check the invariants that read
            # only the others, so that every problem is reported in one round.
            wrong = {detail.path.partition(".")[0].partition("[")[0] for detail in problems}
            good = {field.name: getattr(self, field.name) for field in attrs.fields(cls)}  # type: ignore[arg-type]
            partial = cls._partial(good, wrong)
            problems.extend(islice(partial._partial_problems(), MAX_PROBLEMS + 1))
        if problems:
            # Past the limit the checks stopped early: say "and more", uncounted.
            more = 0 if len(problems) <= MAX_PROBLEMS else None
            raise ValidationError(problems[:MAX_PROBLEMS], more=more)

    def _problems(self) -> Iterator[ErrorDetail]:
        """Yield the class's own invariant violations (types are already right).

        A class with many independent rules lists them in ``_sections`` instead
        and leaves this method alone.
        """
        for section in self._sections():
            yield from section()

    def _sections(self) -> tuple[Callable[[], Iterator[ErrorDetail]], ...]:
        """The class's invariants in independent groups (see ``_partial_problems``)."""
        return ()

    def _partial_problems(self) -> Iterator[ErrorDetail]:
        """The invariants that can be checked on a value some of whose fields are unknown.

        Built by ``_partial`` when other fields did not load (a wrong type, a
        missing key, a part with its own problems): a rule that reads an unknown
        field stops there, and the others still run, so that a file's problems
        all come in one round. A class splits its rules into ``_sections`` so
        that a rule stopped early does not hide the independent ones after it.
        """
        unknown = {
            field.name
            for field in attrs.fields(type(self))  # type: ignore[arg-type]
            if getattr(self, field.name) is UNKNOWN
        }
        sections = self._sections() or (self._problems,)
        for section in sections:
            found: list[ErrorDetail] = []
            with contextlib.suppress(UnknownField):
                found.extend(section())
            # A rule may blame a field that did not load (it compared it with
            # None, say): that field has its own problem already.
            yield from (
                detail
                for detail in found
                if detail.path.partition(".")[0].partition("[")[0] not in unknown
            )

    @classmethod
    def _partial(cls, values: dict[str, Any], unknown: typing.Collection[str]) -> Self:
        """A value of this class with ``values`` set and the fields in ``unknown`` unknown.

        Fields in neither take their defaults (a required one is unknown). Only
        for ``_partial_problems``: the value is never returned to anyone.
        """
        self = object.__new__(cls)
        if cls not in Model._checkers:
            _compile_class(cls)
        for field in attrs.fields(cls):  # type: ignore[arg-type]
            name = field.name
            if name in unknown or (name not in values and field.default is attrs.NOTHING):
                value: Any = UNKNOWN
            elif name in values:
                value = values[name]
            else:
                default: Any = field.default
                value = default.factory() if isinstance(default, _FACTORY) else default
            object.__setattr__(self, name, value)
        for name in Model._moments[cls]:
            if getattr(self, name) is not UNKNOWN:
                with contextlib.suppress(Exception):
                    _fix_offset(self, name)
        return self

    @classmethod
    def _unchecked(cls, **values: Any) -> Self:
        """Build a value without the checks — for results the engine computes.

        Only for values computed from validated inputs in a hot loop (a
        scorecard line per KPI per mission); the test suite re-validates every
        such result through the normal constructor. Fields left out take their
        defaults.
        """
        defaults = Model._defaults.get(cls)
        if defaults is None:
            defaults = {
                field.name: field.default
                for field in attrs.fields(cls)  # type: ignore[arg-type]
                if field.default is not attrs.NOTHING
            }
            Model._defaults[cls] = defaults
        self = object.__new__(cls)
        for name, value in (defaults | values).items():
            object.__setattr__(self, name, value)
        return self


_FACTORY: Any = attrs.Factory


class UnknownField(Exception):  # noqa: N818 - internal signal, never escapes a check
    """A rule read a field that did not load: ``_partial_problems`` skips the rest of it."""


class _Unknown:
    """The value of a field that did not load: any use of it stops the rule reading it."""

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> typing.NoReturn:
        raise UnknownField

    def __getattr__(self, name: str) -> typing.NoReturn:
        if name.startswith("__"):  # introspection (doctest, copy, pickle) is not a rule
            raise AttributeError(name)
        raise UnknownField

    __getitem__ = __iter__ = __len__ = __contains__ = __bool__ = _refuse
    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __hash__ = _refuse
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __neg__ = _refuse
    __truediv__ = __rtruediv__ = __mod__ = __abs__ = __int__ = __float__ = __index__ = _refuse
    __str__ = __format__ = __call__ = _refuse

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN: Any = _Unknown()
"""The value ``Model._partial`` gives the fields that did not load."""


def _compile_class(cls: type) -> tuple[tuple[str, Checker], ...]:
    hints = typing.get_type_hints(cls)
    checkers = tuple(
        (field.name, compile_checker(hints[field.name])) for field in attrs.fields(cls)
    )
    Model._moments[cls] = tuple(
        field.name
        for field in attrs.fields(cls)
        if dt.datetime in (hints[field.name], *typing.get_args(hints[field.name]))
    )
    Model._checkers[cls] = checkers
    return checkers


def _fix_offset(value: object, name: str) -> None:
    """Keep an aware datetime as its wall time and UTC offset (a fixed-offset zone).

    A datetime in a named zone (``ZoneInfo("Europe/Paris")``) is stored with the
    offset it has at that instant: the same instant, written and read back
    exactly (``2027-10-31T02:30:00+02:00``), and equal to its copy even in the
    hour the clocks go back, where Python never finds a zone-aware datetime
    equal to one in another zone. Times are read in the mission's timezone.
    """
    moment = getattr(value, name)
    if isinstance(moment, dt.datetime) and type(moment.tzinfo) is not dt.timezone:
        offset = moment.utcoffset()
        assert offset is not None  # checked: the datetime is aware
        object.__setattr__(value, name, moment.replace(tzinfo=dt.timezone(offset), fold=0))


_KIND_WORDS = {
    str: "text",
    bool: "boolean",
    int: "integer",
    float: "float",
    Decimal: "number",
    list: "list",
    tuple: "list",
    dict: "table",
    type(None): "nothing",
}


MAX_EXCERPT = 60
"""Most characters of a value that an error message echoes (see `excerpt`)."""

_SHORT = reprlib.Repr()
_SHORT.maxlevel = 2
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 4
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = 60

MAX_INT = 10**18
"""Largest magnitude accepted for an integer field (days, counts, months)."""


def excerpt(value: object, limit: int = MAX_EXCERPT) -> str:
    """The ``repr`` of a value for an error message, cut to a short excerpt.

    Use it wherever a message echoes a value (``f"unknown timezone {excerpt(tz)}"``
    rather than ``{tz!r}``): a value from a file may be megabytes long. Text
    longer than ``limit`` characters keeps its start, then says it was cut and
    how long it was; other values are shortened by ``reprlib``. The result is
    never much longer than ``limit`` plus that note, and long text is never
    copied whole to make it.

    >>> excerpt("Europe/Paris")
    "'Europe/Paris'"
    >>> excerpt("Europe/" + "x" * 100_000, limit=12)
    "'Europe/xxxxx'… (cut; 100,007 characters)"
    >>> excerpt(list(range(1000)))
    '[0, 1, 2, 3, ...]'
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= MAX_INT:
        return "an integer of more than 18 digits"
    if isinstance(value, str):
        if len(value) <= limit:
            text = repr(value)
            if len(text) <= 2 * limit + 2:
                return text
        # Escapes (\x00, \U000e0001) make a repr up to 10 times longer than its text.
        size = limit
        text = repr(value[:size])
        while len(text) > limit + 2 and size > 1:
            size = max(1, size * (limit + 2) // len(text))
            text = repr(value[:size])
        return f"{text}… (cut; {len(value):,} characters)"
    text = _SHORT.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(value: object) -> str:
    """A short, safe description of a value for an error message.

    It never builds a large text first: nested or huge values are cut on the way.

    >>> describe("clent"), describe(Decimal("2027.5")), describe(None)
    ("text 'clent'", 'number 2027.5', 'nothing')
    >>> describe(10**5000)
    'integer of more than 18 digits'
    """
    if value is None:
        return "nothing"
    word = _KIND_WORDS.get(type(value), type(value).__name__)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= MAX_INT:
        return f"{word} of more than 18 digits"
    text = str(value) if isinstance(value, Decimal | float | bool | int) else _SHORT.repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{word} {text}"


def type_name(tp: Any) -> str:
    """A readable name for an annotation."""
    if tp is type(None):
        return "None"
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_name(arg) for arg in typing.get_args(tp))
    if origin is tuple:
        return f"tuple of {type_name(typing.get_args(tp)[0])}"
    if tp is dt.date:
        return "date"
    if tp is dt.datetime:
        return "aware datetime"
    return getattr(tp, "__name__", str(tp))


def check_decimal(value: object, path: str, out: list[ErrorDetail]) -> None:
    """Check an exact number: a finite ``Decimal`` of sensible magnitude."""
    if type(value) is Decimal:
        if not value.is_finite():
            out.append(ErrorDetail(path, f"must be a finite number, got {value}"))
        elif not -MAX_DECIMAL < value < MAX_DECIMAL:
            out.append(ErrorDetail(path, f"is too large ({value}); the limit is 10^15"))
        else:
            _, digits, exponent = value.as_tuple()
            if len(digits) > MAX_DIGITS or exponent < -MAX_DIGITS:  # type: ignore[operator]
                out.append(
                    ErrorDetail(path, f"has too many digits ({describe(value)}); the limit is 34")
                )
        return
    if isinstance(value, float):
        out.append(
            ErrorDetail(
                path,
                "floats are refused for exact values; "
                f"write the number as a string ({str(value)!r})",
            )
        )
        return
    out.append(ErrorDetail(path, f"expected a Decimal, got {describe(value)}"))


def check_date(value: object, path: str, out: list[ErrorDetail]) -> None:
    """Check a calendar date (a datetime is refused: it is not a date)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return
    if isinstance(value, dt.datetime):
        out.append(ErrorDetail(path, f"expected a date, got a datetime ({value.isoformat()})"))
        return
    out.append(ErrorDetail(path, f"expected a date, got {describe(value)}"))


def check_datetime(value: object, path: str, out: list[ErrorDetail]) -> None:
    """Check a timezone-aware datetime (naive datetimes are refused)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            out.append(
                ErrorDetail(
                    path,
                    f"naive datetime refused ({value.isoformat()}); give a timezone or offset",
                )
            )
        return
    out.append(ErrorDetail(path, f"expected an aware datetime, got {describe(value)}"))


def _check_date_or_datetime(value: object, path: str, out: list[ErrorDetail]) -> None:
    if isinstance(value, dt.datetime):
        check_datetime(value, path, out)
    elif isinstance(value, dt.date):
        return
    else:
        out.append(
            ErrorDetail(path, f"expected a date or an aware datetime, got {describe(value)}")
        )


def _check_time(value: object, path: str, out: list[ErrorDetail]) -> None:
    if not isinstance(value, dt.time):
        out.append(ErrorDetail(path, f"expected a time of day, got {describe(value)}"))
    elif value.microsecond:
        out.append(ErrorDetail(path, "a time of day has whole seconds (no fractions)"))
    elif value.tzinfo is not None:
        out.append(
            ErrorDetail(path, "a time of day carries no timezone: the mission's timezone applies")
        )


def _check_str(value: object, path: str, out: list[ErrorDetail]) -> None:
    if not isinstance(value, str):
        out.append(ErrorDetail(path, f"expected a string, got {describe(value)}"))
    elif not value.isascii():
        surrogate = _SURROGATE.search(value)
        if surrogate is not None:
            out.append(
                ErrorDetail(
                    path,
                    f"holds a lone surrogate (U+{ord(surrogate.group()):04X}) at character "
                    f"{surrogate.start() + 1:,}: text is Unicode characters, and a surrogate "
                    "(a JSON escape such as \\ud800 without its pair) is not one",
                )
            )


# Code points U+D800–U+DFFF: a Python str may hold them (JSON's "\ud800" escape gives one),
# but they are not characters and no UTF-8 file or terminal can carry them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_int(value: object, path: str, out: list[ErrorDetail]) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        out.append(ErrorDetail(path, f"expected an integer, got {describe(value)}"))
    elif abs(value) >= MAX_INT:
        out.append(ErrorDetail(path, f"is too large ({describe(value)}); the limit is 10^18"))


def _check_bool(value: object, path: str, out: list[ErrorDetail]) -> None:
    if not isinstance(value, bool):
        out.append(ErrorDetail(path, f"expected true or false, got {describe(value)}"))


def _enum_checker(tp: type[enum.Enum]) -> Checker:
    allowed = ", ".join(repr(member.value) for member in tp)

    def check(value: object, path: str, out: list[ErrorDetail]) -> None:
        if not isinstance(value, tp):
            out.append(
                ErrorDetail(path, f"expected a {tp.__name__} ({allowed}), got {describe(value)}")
            )

    return check


def _instance_checker(tp: type) -> Checker:
    def check(value: object, path: str, out: list[ErrorDetail]) -> None:
        if not isinstance(value, tp):
            out.append(ErrorDetail(path, f"expected {tp.__name__}, got {describe(value)}"))

    return check


def _tuple_checker(item: Checker, item_name: str) -> Checker:
    def check(value: object, path: str, out: list[ErrorDetail]) -> None:
        if not isinstance(value, tuple):
            out.append(ErrorDetail(path, f"expected a tuple of {item_name}, got {describe(value)}"))
            return
        for index, element in enumerate(value):
            item(element, f"{path}[{index}]", out)
            if len(out) > MAX_PROBLEMS:  # enough to report: the caller stops too
                return

    return check


def _optional_checker(inner: Checker) -> Checker:
    def check(value: object, path: str, out: list[ErrorDetail]) -> None:
        if value is not None:
            inner(value, path, out)

    return check


def _choice_checker(options: tuple[type, ...]) -> Checker:
    """A value of one of several types (``str | LocalizedText``), checked as that type."""
    checkers = tuple((option, compile_checker(option)) for option in options)
    names = " or ".join(
        _CHOICE_WORDS.get(option) or str(getattr(option, "kind_words", option.__name__))
        for option in options
    )

    def check(value: object, path: str, out: list[ErrorDetail]) -> None:
        for option, inner in checkers:
            if isinstance(value, option):
                inner(value, path, out)
                return
        out.append(ErrorDetail(path, f"expected {names}, got {describe(value)}"))

    return check


_CHOICE_WORDS = {str: "text", Decimal: "a number", dt.date: "a date"}


_SIMPLE: dict[Any, Checker] = {
    str: _check_str,
    int: _check_int,
    bool: _check_bool,
    Decimal: check_decimal,
    dt.date: check_date,
    dt.datetime: check_datetime,
    dt.time: _check_time,
}


def compile_checker(tp: Any) -> Checker:
    """Build a checker for an annotation."""
    simple = _SIMPLE.get(tp)
    if simple is not None:
        return simple
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        non_none = tuple(arg for arg in args if arg is not type(None))
        inner: Checker
        if set(non_none) == {dt.date, dt.datetime}:
            inner = _check_date_or_datetime
        elif len(non_none) == 1:
            inner = compile_checker(non_none[0])
        elif all(isinstance(arg, type) for arg in non_none):
            inner = _choice_checker(non_none)
        else:  # pragma: no cover - the model has no other unions
            raise TypeError(f"unsupported union {tp!r}")
        return _optional_checker(inner) if len(non_none) < len(args) else inner
    if origin is tuple:
        item_type = typing.get_args(tp)[0]
        return _tuple_checker(compile_checker(item_type), type_name(item_type))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return _enum_checker(tp)
    if isinstance(tp, type):
        return _instance_checker(tp)
    raise TypeError(f"unsupported annotation {tp!r}")  # pragma: no cover


def problem(path: str, message: str) -> ErrorDetail:
    """Shorthand used by invariants."""
    return ErrorDetail(path, message)
