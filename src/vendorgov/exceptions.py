"""Exceptions raised by vendorgov.

Everything vendorgov raises on purpose derives from
[`VendorgovError`][vendorgov.VendorgovError], so an application can catch the
whole family in one ``except`` clause.

>>> from vendorgov.exceptions import ValidationError, ErrorDetail
>>> error = ValidationError([ErrorDetail("end", "must be after start (2027-03-15)")])
>>> print(error)
1 problem:
  end: must be after start (2027-03-15)
"""

from __future__ import annotations

from collections.abc import Iterable, Sized
from itertools import islice

__all__ = [
    "CurrencyMismatchError",
    "ErrorDetail",
    "JournalError",
    "MissingDependencyError",
    "OverwriteError",
    "TemplateError",
    "UnknownKeyError",
    "ValidationError",
    "VendorgovError",
]


MAX_PROBLEMS = 100
"""Most problems a `ValidationError` lists.

Collecting stops soon after this many problems are found, so that a hostile
document (a few kilobytes of YAML aliases can stand for a million bad values)
costs no more to refuse than to read. The error still says how many more there
were when that count was cheap to know, or that there were more.
"""

MAX_MESSAGE = 500
"""Longest message an `ErrorDetail` keeps, in characters.

Values are echoed into messages as short excerpts; this bound is the safety net
for any message that still grows long: the middle is cut out and the number of
characters cut is said in its place.
"""


class VendorgovError(Exception):
    """Base class of every exception vendorgov raises on purpose.

    >>> issubclass(ValidationError, VendorgovError)
    True
    """


class ErrorDetail:
    """One problem found in some input: where it is and what is wrong.

    Attributes:
        path: Where the bad value sits, written as in the file
            (``milestones[1].targets[0].threshold``); empty for the whole input.
        message: A plain sentence saying what is wrong.

    >>> ErrorDetail("kpis[0].weight", "must be greater than 0")
    ErrorDetail(path='kpis[0].weight', message='must be greater than 0')

    A message longer than `MAX_MESSAGE`
    characters is cut in the middle:

    >>> len(ErrorDetail("timezone", "unknown timezone " + "x" * 100_000).message) <= 500
    True
    """

    __slots__ = ("message", "path")

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message if len(message) <= MAX_MESSAGE else _cut_middle(message)

    def __repr__(self) -> str:
        return f"ErrorDetail(path={self.path!r}, message={self.message!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ErrorDetail):
            return NotImplemented
        return (self.path, self.message) == (other.path, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.message))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def prefixed(self, prefix: str) -> ErrorDetail:
        """Return the same problem seen from a containing value.

        >>> ErrorDetail("threshold", "bad").prefixed("targets[0]").path
        'targets[0].threshold'
        >>> ErrorDetail("[2]", "bad").prefixed("kpis").path
        'kpis[2]'
        """
        return ErrorDetail(join_path(prefix, self.path), self.message)


def _cut_middle(text: str) -> str:
    """``text`` with its middle replaced by how much was cut: at most MAX_MESSAGE characters."""
    tail = MAX_MESSAGE // 5
    head = MAX_MESSAGE - tail - 40  # room for the note
    return f"{text[:head]} …[{len(text) - head - tail:,} characters cut]… {text[-tail:]}"


def join_path(prefix: str, path: str) -> str:
    """Join two path fragments (``a`` + ``b`` → ``a.b``, ``a`` + ``[0]`` → ``a[0]``)."""
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


class ValidationError(VendorgovError, ValueError):
    """Some input is invalid; `errors` lists the problems found.

    It is also a `ValueError`, so code that already catches ``ValueError``
    keeps working.

    At most `MAX_PROBLEMS` problems are
    listed; `more` says what was left out, and the text ends with
    ``… and N more`` (the exact count) or ``… and more`` (when collecting
    stopped at the limit, so the rest was not counted).

    Attributes:
        errors: The problems found, each with its path and message, in the
            order found; at most ``MAX_PROBLEMS`` of them.
        more: How many further problems there are beyond `errors`: ``0`` when
            `errors` lists them all, ``None`` when there are more but they were
            not counted.
        source: The file or text the input came from, when known.

    >>> from vendorgov import Money
    >>> try:
    ...     Money(0.1, "EUR")
    ... except ValidationError as error:
    ...     print(error.errors[0])
    amount: floats are refused for exact values; write the number as a string ('0.1')
    >>> error = ValidationError([ErrorDetail(f"[{i}]", "bad") for i in range(250)])
    >>> len(error.errors), error.more, str(error).splitlines()[-1]
    (100, 150, '  … and 150 more')
    """

    def __init__(
        self, errors: Iterable[ErrorDetail], *, source: str | None = None, more: int | None = 0
    ) -> None:
        remaining = iter(errors)
        listed = tuple(islice(remaining, MAX_PROBLEMS))
        extra: int | None
        if isinstance(errors, Sized):
            extra = len(errors) - len(listed)
        else:  # an iterator: the rest is not counted, it may be costly to produce
            extra = 0 if next(remaining, None) is None else None
        self.errors: tuple[ErrorDetail, ...] = listed
        self.more: int | None = None if extra is None or more is None else extra + more
        self.source = source
        super().__init__(self._text())

    def _text(self) -> str:
        count = len(self.errors)
        if self.more is None:
            head = f"more than {count} problems"
        else:
            total = count + self.more
            head = f"{total:,} problem{'s' if total != 1 else ''}"
        if self.source:
            head += f" in {self.source}"
        lines = [head + ":"]
        lines.extend(f"  {detail}" for detail in self.errors)
        if self.more is None:
            lines.append("  … and more")
        elif self.more:
            lines.append(f"  … and {self.more:,} more")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._text()

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_validation_error, (self.errors, self.source, self.more))

    def prefixed(self, prefix: str) -> ValidationError:
        """Return the same error with every path seen from a containing value."""
        return ValidationError(
            [detail.prefixed(prefix) for detail in self.errors], source=self.source, more=self.more
        )

    def with_source(self, source: str) -> ValidationError:
        """Return the same error, naming the file or text it came from."""
        return ValidationError(self.errors, source=source, more=self.more)


def _rebuild_validation_error(
    errors: tuple[ErrorDetail, ...], source: str | None, more: int | None = 0
) -> ValidationError:
    return ValidationError(errors, source=source, more=more)


class CurrencyMismatchError(VendorgovError, ValueError):
    """Two amounts in different currencies were combined.

    >>> from decimal import Decimal
    >>> from vendorgov import Money
    >>> Money(Decimal("1"), "EUR") + Money(Decimal("1"), "USD")
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.CurrencyMismatchError: cannot combine EUR and USD amounts
    """


class UnknownKeyError(VendorgovError, KeyError):
    """A lookup by key found nothing (a KPI, a demo mission, a catalog entry).

    It is a :class:`KeyError` too, so ``except KeyError`` keeps working, and its
    message names what was looked for and what exists.

    Attributes:
        key: The key that was looked up.
        message: What went wrong, for people.

    >>> error = UnknownKeyError("ots", "no KPI 'ots' in the mission (known: on_time_shipping)")
    >>> print(error)
    no KPI 'ots' in the mission (known: on_time_shipping)
    >>> isinstance(error, KeyError)
    True
    """

    def __init__(self, key: str, message: str) -> None:
        super().__init__(key, message)
        self.key = key
        self.message = message

    def __str__(self) -> str:
        # KeyError's own __str__ would print the repr of the message, quotes and all.
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.key, self.message))


class TemplateError(VendorgovError):
    """A document template could not be rendered.

    Raised by [`render`][vendorgov.render] for a fault in a template rather than in the
    mission: a syntax error, a name the template uses that the context does not define
    (outside draft mode), an operation the sandbox refuses in a user's template
    (``''.__class__``, ``|attr('__globals__')``, ``str.format``...), output over the size
    limit, or any other error raised while the template runs. Missing *data* is a
    [`ValidationError`][vendorgov.ValidationError] instead, whose paths name the fields.

    Attributes:
        message: What went wrong, for people.
        template: The name of the template at fault (``specification.md.j2``), when known.
        line: The line in that template, when known.

    >>> error = TemplateError("'mision' is undefined", template="specification.md.j2", line=12)
    >>> print(error)
    specification.md.j2, line 12: 'mision' is undefined
    """

    def __init__(
        self, message: str, *, template: str | None = None, line: int | None = None
    ) -> None:
        self.message = message
        self.template = template
        self.line = line
        super().__init__(self._text())

    def _text(self) -> str:
        where = self.template or ""
        if self.line is not None:
            where = f"{where}, line {self.line}" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self._text()

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_template_error, (self.message, self.template, self.line))


def _rebuild_template_error(message: str, template: str | None, line: int | None) -> TemplateError:
    return TemplateError(message, template=template, line=line)


class OverwriteError(VendorgovError, FileExistsError):
    """A file would have been replaced without permission (pass ``overwrite=True``).

    It is also a :class:`FileExistsError`.

    >>> issubclass(OverwriteError, FileExistsError)
    True
    """


class JournalError(ValidationError):
    """A mission's journal cannot be trusted or folded: a line was changed, removed,
    moved or cut, or holds an event the mission refuses.

    Its problems name the line (``line 7``); its ``source`` names the journal file.
    It is a `ValidationError`, so code that reports bad input reports this too.

    >>> issubclass(JournalError, ValidationError)
    True
    """

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_journal_error, (tuple(self.errors), self.source, self.more))


def _rebuild_journal_error(
    errors: tuple[ErrorDetail, ...], source: str | None, more: int | None = 0
) -> JournalError:
    return JournalError(errors, source=source, more=more)


class MissingDependencyError(VendorgovError, ImportError):
    """An optional part of vendorgov needs a library that is not installed.

    The message names the extra to install (``pip install 'vendorgov[pdf]'``); ``extra``
    holds its name. It is an :class:`ImportError` too.

    >>> error = MissingDependencyError("PDF output needs WeasyPrint", extra="pdf")
    >>> error.extra, isinstance(error, ImportError)
    ('pdf', True)
    """

    def __init__(self, message: str, *, extra: str) -> None:
        super().__init__(message)
        self.extra = extra
