"""How a provider's export maps onto a mission's KPIs: the ``[[imports]]`` of a mission file.

A mapping is written once in the mission file, per source (the 3PL's WMS export, the
help desk's monthly CSV...), and reused at every import. It says which column holds
the date and how it is written, and for each KPI where its values are and how to read
them: decimal comma, a share to turn into a percentage, a unit conversion, and filters
that keep only the rows of one site or channel. The reading itself is done by
[`import_measurements`][vendorgov.import_measurements]; the model only checks that
a mapping makes sense.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model.kpi import key_problem
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["ColumnFilter", "ImportColumn", "ImportMapping"]

LAYOUTS = ("wide", "long")
"""``wide``: one column per KPI; ``long``: one row per KPI and date (KPI column, value column)."""

MAX_NAME = 200
"""Longest column name or filter value a mapping holds, in characters."""

_OFFSET = dt.timezone(dt.timedelta(hours=1))
_SAMPLE_DAYS = (
    dt.datetime(2027, 12, 31, 23, 59, 58, tzinfo=_OFFSET),
    dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=_OFFSET),
)
_TIME_DIRECTIVES = ("%H", "%I", "%M", "%S", "%f", "%p", "%X", "%c", "%T", "%R")


def _name_problem(value: str, path: str) -> ErrorDetail | None:
    if not value.strip():
        return problem(path, "must not be empty")
    if len(value) > MAX_NAME:
        return problem(path, f"is longer than {MAX_NAME} characters ({len(value):,})")
    if any(ord(char) < 32 for char in value):
        return problem(path, f"holds a control character: {excerpt(value)}")
    return None


def date_format_problem(fmt: str, path: str) -> ErrorDetail | None:
    """The problem with a ``strptime`` date format, if any.

    The format must read back the dates it writes (so it names a year, a month
    and a day), and a time only with hours and minutes.

    >>> date_format_problem("%d/%m/%Y", "date_format") is None
    True
    >>> date_format_problem("%d/%m", "date_format").message
    "'%d/%m' cannot be read back: a date format names the year, the month and the day"
    """
    if not fmt or len(fmt) > 100:
        return problem(path, "must be a strptime format of 1 to 100 characters, like '%d/%m/%Y'")
    for sample in _SAMPLE_DAYS:
        try:
            text = sample.strftime(fmt)
            back = dt.datetime.strptime(text, fmt)  # noqa: DTZ007 - a date, zone applied later
        except (ValueError, TypeError, OverflowError):
            return problem(path, f"{excerpt(fmt)} is not a strptime format, like '%d/%m/%Y'")
        if back.date() != sample.date():
            return problem(
                path,
                f"{excerpt(fmt)} cannot be read back: a date format names the year, "
                "the month and the day",
            )
    return None


def format_has_time(fmt: str) -> bool:
    """Whether a date format reads a time of day too (``%H:%M``...)."""
    return any(directive in fmt for directive in _TIME_DIRECTIVES) or "%z" in fmt


@attrs.frozen(kw_only=True)
class ColumnFilter(Model):
    """Keep only the rows whose ``column`` holds ``value`` (a site, a channel).

    The cell is compared as text, without the spaces around it.

    >>> ColumnFilter(column="Site", value="Saint-Quentin-Fallavier").value
    'Saint-Quentin-Fallavier'
    """

    column: str
    value: str

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = _name_problem(self.column, "column")
        if bad is not None:
            yield bad
        if len(self.value) > MAX_NAME:
            yield problem("value", f"is longer than {MAX_NAME} characters ({len(self.value):,})")


@attrs.frozen(kw_only=True)
class ImportColumn(Model):
    """Where one KPI's values are in a source, and how to read them.

    Attributes:
        kpi: The KPI's key in the mission.
        column: Wide layout: the column holding the KPI's values (default: the KPI's key).
        label: Long layout: the text of the mapping's ``kpi_column`` that names this KPI
            (default: the KPI's key).
        decimal_comma: The numbers are written ``97,3``; ``None`` (the default) takes
            the mapping's ``decimal_comma``.
        fraction: The source writes a share (``0.973``) for a KPI measured in percent:
            the value is multiplied by 100 (``97.3``). A value written with a ``%`` sign
            (``97.3 %``) is already a percentage and is read as it is.
        factor: A unit conversion, applied last: the value is multiplied by it
            (``24`` turns days into hours). Must be positive; ``None`` (the default)
            converts nothing.
        filters: Rows kept for this KPI only (on top of the mapping's own filters).

    >>> from decimal import Decimal
    >>> column = ImportColumn(kpi="return_processing", column="Délai retours (j)",
    ...                       decimal_comma=True, factor=Decimal(24))
    >>> column.factor
    Decimal('24')
    """

    kpi: str
    column: str | None = None
    label: str | None = None
    decimal_comma: bool | None = None
    fraction: bool = False
    factor: Decimal | None = None
    filters: tuple[ColumnFilter, ...] = ()

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = key_problem(self.kpi, "kpi")
        if bad is not None:
            yield bad
        for name in ("column", "label"):
            value = getattr(self, name)
            if value is not None:
                bad = _name_problem(value, name)
                if bad is not None:
                    yield bad
        if self.factor is not None and self.factor <= 0:
            yield problem("factor", f"must be greater than 0, got {self.factor}")

    @property
    def header(self) -> str:
        """The column read in the wide layout."""
        return self.kpi if self.column is None else self.column

    @property
    def name_in_source(self) -> str:
        """The text naming this KPI in the long layout's KPI column."""
        return self.kpi if self.label is None else self.label


@attrs.frozen(kw_only=True)
class ImportMapping(Model):
    """How to read one source of measurements (an export of the provider's tool).

    Attributes:
        name: The mapping's name in the mission (``wms``), given to ``vendorgov import --mapping``.
        date_column: The column holding each row's date.
        date_format: How dates are written, as a ``strptime`` format (default ``%Y-%m-%d``).
            A format with a time of day but no ``%z`` reads the time in the mission's timezone.
        columns: The KPIs read from the source, one entry each.
        layout: ``"wide"`` (one column per KPI, the default) or ``"long"`` (one row
            per KPI and date: ``kpi_column`` names the KPI, ``value_column`` holds the value).
        kpi_column: Long layout: the column naming the KPI.
        value_column: Long layout: the column holding the value.
        decimal_comma: The numbers are written with a decimal comma (``97,3``), for every
            column that does not say otherwise.
        delimiter: The CSV field delimiter; ``None`` (the default) sniffs it from the
            header line among ``,`` ``;`` tab and ``|``.
        filters: Keep only the rows matching every filter (a site, a channel).
        sheet: XLSX: the worksheet to read (default: the first one).
        source: Written as the ``source`` of every measurement imported (``"Export WMS"``).

    >>> mapping = ImportMapping(name="wms", date_column="Semaine", date_format="%d/%m/%Y",
    ...                         columns=(ImportColumn(kpi="on_time_shipping"),))
    >>> mapping.layout
    'wide'
    """

    name: str
    date_column: str
    columns: tuple[ImportColumn, ...]
    date_format: str = "%Y-%m-%d"
    layout: str = "wide"
    kpi_column: str | None = None
    value_column: str | None = None
    decimal_comma: bool = False
    delimiter: str | None = None
    filters: tuple[ColumnFilter, ...] = ()
    sheet: str | None = None
    source: str | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = key_problem(self.name, "name")
        if bad is not None:
            yield bad
        bad = _name_problem(self.date_column, "date_column")
        if bad is not None:
            yield bad
        bad = date_format_problem(self.date_format, "date_format")
        if bad is not None:
            yield bad
        if self.layout not in LAYOUTS:
            yield problem("layout", f"expected 'wide' or 'long', got {excerpt(self.layout)}")
        if not self.columns:
            yield problem("columns", "needs at least one KPI column")
        if self.layout == "long":
            for name in ("kpi_column", "value_column"):
                value = getattr(self, name)
                if value is None:
                    yield problem(name, "is required in the long layout")
                else:
                    bad = _name_problem(value, name)
                    if bad is not None:
                        yield bad
        else:
            for name in ("kpi_column", "value_column"):
                if getattr(self, name) is not None:
                    yield problem(name, "is only used in the long layout (layout = 'long')")
        if self.delimiter is not None and (
            len(self.delimiter) != 1 or self.delimiter in '"\r\n' or self.delimiter.isalnum()
        ):
            yield problem(
                "delimiter",
                f"must be one character other than a letter, a digit, a quote or a line break, "
                f"got {excerpt(self.delimiter)}",
            )
        if self.sheet is not None:
            bad = _name_problem(self.sheet, "sheet")
            if bad is not None:
                yield bad
        yield from self._column_problems()

    def _column_problems(self) -> Iterator[ErrorDetail]:
        kpis: dict[str, int] = {}
        places: dict[str, int] = {}
        for index, column in enumerate(self.columns):
            if column.kpi in kpis:
                yield problem(
                    f"columns[{index}].kpi",
                    f"duplicate kpi {excerpt(column.kpi)} (first at columns[{kpis[column.kpi]}])",
                )
            kpis.setdefault(column.kpi, index)
            if self.layout == "long":
                place, field, unused = column.name_in_source, "label", "column"
            else:
                place, field, unused = column.header, "column", "label"
            if getattr(column, unused) is not None:
                yield problem(
                    f"columns[{index}].{unused}",
                    f"is not used in the {self.layout} layout; give {field} instead",
                )
            if place in places:
                yield problem(
                    f"columns[{index}].{field}",
                    f"{excerpt(place)} is already read for columns[{places[place]}]",
                )
            places.setdefault(place, index)
            if self.layout == "wide" and place == self.date_column:
                yield problem(f"columns[{index}].column", "is the date column")
