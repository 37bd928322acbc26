"""Providers' reports in: measurements read from a CSV, an XLSX workbook or a DataFrame.

A mission file holds one mapping per source (``[[imports]]``, see
[`ImportMapping`][vendorgov.ImportMapping]); [`import_measurements`][vendorgov.import_measurements]
reads a source with one of them and hands the measurements to
[`apply_measurements`][vendorgov.apply_measurements], the one function that puts
measurements into a mission (added, unchanged, changed or replaced).

Reading rules, in one place:

- **CSV** — the text is UTF-8, with or without a byte order mark; a file that is not
  valid UTF-8 is read as Windows-1252 (what Excel writes on a French or Spanish Windows),
  and one that is neither is refused. The delimiter is the mapping's, or else the one of
  ``;`` ``,`` tab ``|`` that appears most often in the header line (the first line). The
  first line is the header; blank lines are skipped; a cell may be quoted.
- **XLSX** — read with ``openpyxl`` in read-only mode (the ``xlsx`` extra), values as
  last computed by the spreadsheet (never formulas). The first row of the sheet is the header.
- **DataFrames** — pandas, polars, pyarrow... anything ``narwhals`` reads (the
  ``dataframe`` extra); rows are counted from 0, as ``df.iloc`` and ``df.row`` do.

Cells: a blank cell is no measurement (not an error). A number is written with digits,
an optional sign and decimal separator (``.``, or ``,`` with ``decimal_comma``); spaces
(and no-break spaces) between digit groups are ignored, a trailing ``%`` says the value
is already a percentage. Anything else — ``NaN``, ``inf``, ``1,234.5`` without a decimal
comma, ``=1+2`` — is refused with the file, the row and the column. Every problem is
collected and reported at once, in one [`ValidationError`][vendorgov.ValidationError]
(at most ``MAX_PROBLEMS`` of them listed, the rest counted).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zoneinfo
from collections.abc import Iterator, Sequence
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import attrs

from vendorgov._engine.measurements import ImportResult, apply_measurements
from vendorgov._model.imports import ImportColumn, ImportMapping, format_has_time
from vendorgov._model.kpi import Measurement
from vendorgov._model.limits import instant_problem
from vendorgov._model.mission import Mission
from vendorgov._model.validation import check_decimal, excerpt
from vendorgov.exceptions import MAX_PROBLEMS, ErrorDetail, ValidationError

__all__ = ["MAX_SOURCE_BYTES", "import_measurements", "read_source"]

MAX_SOURCE_BYTES = 256 * 1024 * 1024
"""Largest CSV or XLSX file read, in bytes (256 MiB: several million rows)."""

MAX_CELL = 100
"""Longest number or date cell read, in characters (longer is refused, not parsed)."""

_DELIMITERS = (";", ",", "\t", "|")
_CSV_SUFFIXES = (".csv", ".tsv", ".txt")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t")
_HUNDRED = Decimal(100)


@attrs.frozen
class _Table:
    """A source as a header and rows of cells.

    A row's number is the CSV reader's line (``reader.line_num``), else the sheet's row
    (``numbers``), else its position from 0 (a DataFrame).
    """

    name: str
    header: tuple[str, ...]
    rows: Iterator[Sequence[object]]
    reader: Any = None
    numbers: Sequence[int] | None = None


class _Problems:
    """Problems found in a source: the first ``MAX_PROBLEMS`` kept, the rest counted."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.kept: list[ErrorDetail] = []
        self.count = 0

    def add(self, where: str, message: str) -> None:
        self.count += 1
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(ErrorDetail(where, message))

    def raise_if_any(self) -> None:
        if self.count:
            raise ValidationError(self.kept, source=self.source, more=self.count - len(self.kept))


def import_measurements(
    mission: Mission,
    source: str | os.PathLike[str] | Any,
    *,
    mapping: str | ImportMapping | None = None,
    replace: bool = False,
) -> ImportResult:
    """Read a provider's export and apply its measurements to a mission.

    The source is a CSV file (``.csv``, ``.tsv``, ``.txt``), an XLSX workbook
    (``.xlsx``, with the ``xlsx`` extra), or a DataFrame of pandas, polars, pyarrow or
    any library ``narwhals`` reads (with the ``dataframe`` extra). The mapping says
    which columns to read and how (see [`ImportMapping`][vendorgov.ImportMapping]).

    Re-importing the same export changes nothing; a value that differs from the one
    the mission has for the same KPI and date is reported as ``changed`` and kept,
    unless ``replace`` is true (see [`apply_measurements`][vendorgov.apply_measurements]).
    Nothing is written: save ``result.mission`` yourself (``vendorgov import`` does).

    Args:
        mission: The mission the measurements are for.
        source: A file path, or a DataFrame.
        mapping: The name of one of the mission's ``imports``, or a mapping; may be left
            out when the mission has exactly one.
        replace: Replace values that differ from the mission's.

    Returns:
        The new mission and what became of each measurement read.

    Raises:
        ValidationError: Listing every problem at once, each naming the row and the
            column (its ``source`` names the file): a cell that is not a number or a
            date, a date outside the mission, a missing column, two rows giving two
            values for one KPI and date...

    >>> import pathlib, tempfile
    >>> from vendorgov import examples, import_measurements
    >>> mission = examples.demo_mission("logistique")
    >>> export = pathlib.Path(tempfile.mkdtemp()) / "wms.csv"
    >>> _ = export.write_text(
    ...     "Semaine;Entrepôt;Expédiées à l'heure;Commandes exactes;Casse (‰);Délai retours (h)\\n"
    ...     "22/11/2026;Saint-Quentin-Fallavier;0,974;0,997;3,5;79\\n"
    ...     "29/11/2026;Saint-Quentin-Fallavier;0,969;0,995;4,4;88\\n"
    ...     "29/11/2026;Lyon-Corbas;0,932;0,989;7,2;110\\n",
    ...     encoding="utf-8")
    >>> result = import_measurements(mission, export, mapping="wms")
    >>> result.counts(), result.rows, result.skipped
    ({'added': 4, 'unchanged': 4, 'changed': 0, 'replaced': 0}, 3, 1)
    >>> [str(m.value) for m in result.mission.measurements[-4:]]  # 0,969 x 100; 4,4 x 0.1
    ['96.9', '99.5', '0.44', '88']
    """
    chosen = _mapping(mission, mapping)
    table = read_source(source, chosen)
    problems = _Problems(table.name)
    measurements, origins, rows, skipped = _measurements(table, chosen, mission, problems)
    problems.raise_if_any()
    try:
        return apply_measurements(
            mission,
            measurements,
            replace=replace,
            origins=origins,
            source=table.name,
            rows=rows,
            skipped=skipped,
        )
    except ValidationError as error:
        raise error.with_source(table.name) from None


def _mapping(mission: Mission, mapping: str | ImportMapping | None) -> ImportMapping:
    if isinstance(mapping, ImportMapping):
        return mapping
    names = [item.name for item in mission.imports]
    known = ", ".join(names) or "none"
    if mapping is None:
        if len(mission.imports) == 1:
            return mission.imports[0]
        why = "has no import mapping" if not names else f"has several ({known})"
        raise ValidationError(
            [ErrorDetail("mapping", f"mission {excerpt(mission.key)} {why}: name the one to use")]
            if names
            else [
                ErrorDetail(
                    "imports",
                    f"mission {excerpt(mission.key)} {why}: add an [[imports]] table "
                    "to the mission file",
                )
            ]
        )
    if not isinstance(mapping, str):
        raise ValidationError(
            [ErrorDetail("mapping", f"expected a name or an ImportMapping, got {excerpt(mapping)}")]
        )
    for item in mission.imports:
        if item.name == mapping:
            return item
    raise ValidationError(
        [ErrorDetail("mapping", f"unknown import mapping {excerpt(mapping)} (known: {known})")]
    )


# -- sources ---------------------------------------------------------------------------
def read_source(source: str | os.PathLike[str] | Any, mapping: ImportMapping) -> _Table:
    """Open ``source`` as a header and rows (a file by its suffix, else a DataFrame)."""
    if isinstance(source, str | os.PathLike):
        file = Path(source)
        suffix = file.suffix.lower()
        if suffix in _XLSX_SUFFIXES:
            return _xlsx(file, mapping)
        if suffix in _CSV_SUFFIXES:
            return _csv(file, mapping)
        raise ValidationError(
            [
                ErrorDetail(
                    "",
                    f"cannot tell the kind of file from {excerpt(file.suffix)}: "
                    "use .csv (or .tsv, .txt) or .xlsx",
                )
            ],
            source=str(file),
        )
    return _dataframe(source)


def _read_bytes(file: Path) -> bytes:
    import stat

    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError([ErrorDetail("", "cannot read the file: not a regular file")])
        if info.st_size > MAX_SOURCE_BYTES:
            raise ValidationError(
                [ErrorDetail("", f"the file is larger than 256 MiB ({info.st_size:,} bytes)")]
            )
        with file.open("rb") as stream:
            raw = stream.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:
        raise ValidationError(
            [ErrorDetail("", f"cannot read the file: {error.strerror or error}")], source=str(file)
        ) from None
    except ValidationError as error:
        raise error.with_source(str(file)) from None
    if len(raw) > MAX_SOURCE_BYTES:
        raise ValidationError(
            [ErrorDetail("", "the file is larger than 256 MiB")], source=str(file)
        )
    return raw


def decode(raw: bytes, source: str) -> str:
    """The text of a CSV file: UTF-8 (a BOM is dropped), else Windows-1252.

    >>> decode(b"\\xef\\xbb\\xbfSemaine;Casse", "x.csv"), decode(b"D\\xe9lai", "x.csv")
    ('Semaine;Casse', 'Délai')
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8")
        except UnicodeDecodeError as error:
            bom = "UTF-8 (it starts with a UTF-8 BOM)"
            raise _undecodable(raw, error.start + 3, bom, source) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            [ErrorDetail("", "the file is UTF-16; save it as UTF-8 (CSV UTF-8 in Excel)")],
            source=source,
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise _undecodable(raw, error.start, "UTF-8 nor Windows-1252", source) from None


def _undecodable(raw: bytes, offset: int, what: str, source: str) -> ValidationError:
    line = raw.count(b"\n", 0, offset) + 1
    return ValidationError(
        [ErrorDetail(f"row {line}", f"byte 0x{raw[offset]:02x} is not {what} text")],
        source=source,
    )


def sniff_delimiter(header: str) -> str | None:
    """The delimiter the header line uses most among ``;`` ``,`` tab ``|``; ``None`` if none.

    >>> sniff_delimiter("Semaine;Site;Casse"), sniff_delimiter("date,kpi,value")
    (';', ',')
    """
    counts = [(header.count(candidate), candidate) for candidate in _DELIMITERS]
    best = max(counts, key=lambda pair: pair[0])
    return best[1] if best[0] else None


def _csv(file: Path, mapping: ImportMapping) -> _Table:
    name = str(file)
    text = decode(_read_bytes(file), name)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ValidationError(
            [
                ErrorDetail(
                    f"row {line}",
                    "holds a NUL character: this is not a CSV text file "
                    "(a spreadsheet saved as .csv? a UTF-16 file?)",
                )
            ],
            source=name,
        )
    if not text.strip():
        raise ValidationError([ErrorDetail("", "the file is empty")], source=name)
    first_line = text.split("\n", 1)[0]
    delimiter = mapping.delimiter or sniff_delimiter(first_line)
    if delimiter is None:
        raise ValidationError(
            [
                ErrorDetail(
                    "row 1",
                    "cannot tell the delimiter: the header line holds none of ; , tab | "
                    "(set delimiter in the mapping)",
                )
            ],
            source=name,
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)

    try:
        first = next(reader, [])
        while not first:  # blank lines before the header
            first = next(reader)
    except csv.Error as error:
        raise ValidationError(
            [ErrorDetail(f"row {reader.line_num}", f"not valid CSV: {error}")], source=name
        ) from None
    except StopIteration:  # pragma: no cover - text.strip() is not empty
        raise ValidationError([ErrorDetail("", "the file is empty")], source=name) from None
    header = tuple(cell.strip() for cell in first)
    return _Table(name=name, header=header, rows=reader, reader=reader)


def _xlsx(file: Path, mapping: ImportMapping) -> _Table:
    name = str(file)
    try:
        import openpyxl
    except ImportError:
        raise ValidationError(
            [ErrorDetail("", "reading .xlsx files needs openpyxl: pip install 'vendorgov[xlsx]'")],
            source=name,
        ) from None
    raw = _read_bytes(file)
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:
        raise ValidationError(
            [ErrorDetail("", f"not an XLSX workbook: {excerpt(str(error), 200)}")],
            source=name,
        ) from None
    try:
        if mapping.sheet is None:
            sheet = book.worksheets[0]
        elif mapping.sheet in book.sheetnames:
            sheet = book[mapping.sheet]
        else:
            raise ValidationError(
                [
                    ErrorDetail(
                        "sheet",
                        f"no sheet {excerpt(mapping.sheet)} "
                        f"(sheets: {', '.join(map(repr, book.sheetnames))})",
                    )
                ],
                source=name,
            )
        cells = [
            (number, row)
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            if any(cell is not None and str(cell).strip() for cell in row)
        ]
    finally:
        book.close()
    if not cells:
        raise ValidationError([ErrorDetail("", "the sheet is empty")], source=name)
    header = tuple("" if cell is None else str(cell).strip() for cell in cells[0][1])
    return _Table(
        name=name,
        header=header,
        rows=iter([row for _, row in cells[1:]]),
        numbers=[number for number, _ in cells[1:]],
    )


def _dataframe(frame: Any) -> _Table:
    try:
        import narwhals as nw
    except ImportError:
        raise ValidationError(
            [
                ErrorDetail(
                    "",
                    f"expected a file path or a DataFrame, got {excerpt(frame)}; reading "
                    "DataFrames needs narwhals: pip install 'vendorgov[dataframe]'",
                )
            ]
        ) from None
    try:
        data = nw.from_native(frame, eager_only=True)
    except TypeError:
        raise ValidationError(
            [ErrorDetail("", f"expected a file path or a DataFrame, got {excerpt(frame)}")]
        ) from None
    header = tuple(str(name) for name in data.columns)
    columns = [data.get_column(name).to_list() for name in data.columns]
    name = f"{type(frame).__module__.partition('.')[0]} DataFrame"
    return _Table(name=name, header=header, rows=zip(*columns, strict=True))


# -- cells -----------------------------------------------------------------------------
def parse_number(cell: object, decimal_comma: bool) -> tuple[Decimal | None, bool] | str:
    """A cell's number and whether it was written as a percentage, or why it is not one.

    A blank cell gives ``(None, False)``.

    >>> parse_number("97,3 %", decimal_comma=True)
    (Decimal('97.3'), True)
    >>> parse_number("1 234,5", decimal_comma=True)
    (Decimal('1234.5'), False)
    >>> parse_number("97,3", decimal_comma=False)
    "'97,3' is not a number: it has a decimal comma (set decimal_comma = true)"
    """
    if cell is None:
        return None, False
    if isinstance(cell, str):
        text = cell.strip()
        if not text:
            return None, False
        if len(text) > MAX_CELL:
            return f"is not a number: {len(text):,} characters"
        compact = text.translate(_SPACES)
        percent = compact.endswith("%")
        if percent:
            compact = compact[:-1]
        if decimal_comma:
            if "." in compact:
                return (
                    f"{excerpt(text)} is not a number: it has a point, and the mapping "
                    "says the decimal separator is a comma"
                )
            compact = compact.replace(",", ".")
        elif "," in compact:
            return (
                f"{excerpt(text)} is not a number: it has a decimal comma "
                "(set decimal_comma = true)"
            )
        if not _NUMBER.fullmatch(compact):
            return f"{excerpt(text)} is not a number"
        return Decimal(compact), percent
    if isinstance(cell, bool):
        return f"{cell} is not a number"
    if isinstance(cell, int):
        return Decimal(cell), False
    if isinstance(cell, float):
        if cell != cell:  # NaN: a missing value in a DataFrame
            return None, False
        if cell in (float("inf"), float("-inf")):
            return f"{cell} is not a finite number"
        return Decimal(repr(cell)), False  # the shortest text that reads back as the cell
    if isinstance(cell, Decimal):
        if cell.is_qnan():  # a missing value, as NaN is in a DataFrame
            return None, False
        if not cell.is_finite():
            return f"{cell} is not a finite number"
        return cell, False
    return f"{excerpt(cell)} is not a number"


def _scaled(value: Decimal, percent: bool, column: ImportColumn) -> Decimal:
    """The value after the percent scale and the unit conversion, exact and tidy."""
    scaled = value
    with localcontext() as context:
        context.prec = 80
        if column.fraction and not percent:
            scaled = scaled * _HUNDRED
        if column.factor is not None:
            scaled = scaled * column.factor
    if scaled is value:
        return value
    # 0.973 × 100 is 97.300: written back as 97.3 (an integer as an integer, not 1E+2).
    if scaled == scaled.to_integral_value():
        return scaled.quantize(Decimal(1))
    return scaled.normalize()


class _Dates:
    """Date cells read once each: the date, or why not."""

    def __init__(self, mapping: ImportMapping, mission: Mission) -> None:
        self.format = mapping.date_format
        self.iso = mapping.date_format == "%Y-%m-%d"
        self.timed = format_has_time(mapping.date_format)
        self.mission = mission
        self.zone = zoneinfo.ZoneInfo(mission.timezone)
        self.seen: dict[object, dt.date | dt.datetime | str | None] = {}

    def read(self, cell: object) -> dt.date | dt.datetime | str | None:
        try:
            found = self.seen.get(cell, self)
        except TypeError:  # an unhashable cell
            return f"{excerpt(cell)} is not a date"
        if found is self:
            found = self._read(cell)
            if len(self.seen) < 100_000:
                self.seen[cell] = found
        return found  # type: ignore[return-value]

    def _read(self, cell: object) -> dt.date | dt.datetime | str | None:
        day: dt.date | dt.datetime
        if cell is None or (isinstance(cell, float) and cell != cell):
            return None
        if isinstance(cell, dt.datetime):
            if cell != cell:  # pandas' NaT
                return None
            moment = dt.datetime(  # a plain datetime, not a library's subclass
                cell.year, cell.month, cell.day, cell.hour, cell.minute, cell.second,
                cell.microsecond, tzinfo=cell.tzinfo,
            )  # fmt: skip
            if moment.tzinfo is None:
                if moment.time() == dt.time():
                    day = moment.date()
                else:
                    day = moment.replace(tzinfo=self.zone)
            else:
                day = moment
        elif isinstance(cell, dt.date):
            day = dt.date(cell.year, cell.month, cell.day)
        elif isinstance(cell, str):
            text = cell.strip()
            if not text:
                return None
            if len(text) > MAX_CELL:
                return f"is not a date: {len(text):,} characters"
            try:
                if self.iso and len(text) == 10 and text[4] == "-" and text[7] == "-":
                    day = dt.date.fromisoformat(text)
                else:
                    moment = dt.datetime.strptime(text, self.format)  # noqa: DTZ007 - zone below
                    if not self.timed:
                        day = moment.date()
                    elif moment.tzinfo is None:
                        day = moment.replace(tzinfo=self.zone)
                    else:
                        day = moment
            except ValueError:
                return f"{excerpt(text)} is not a date written {self.format}"
        else:
            return f"{excerpt(cell)} is not a date"
        return self._inside(day)

    def _inside(self, day: dt.date | dt.datetime) -> dt.date | dt.datetime | str:
        """The mission's rule: measurements are dated from its start to its end."""
        if isinstance(day, dt.datetime):
            bad = instant_problem(day, "")
            if bad is not None:
                return bad.message
            local = day.astimezone(self.zone).date()
        else:
            local = day
        mission = self.mission
        if mission.keep_outside_measurements:
            return day
        if local < mission.start:
            return f"{local.isoformat()} is before the mission starts ({mission.start.isoformat()})"
        if local > mission.end:
            return f"{local.isoformat()} is after the mission ends ({mission.end.isoformat()})"
        return day


# -- rows into measurements --------------------------------------------------------------
@attrs.frozen
class _Plan:
    column: ImportColumn
    index: int  # where its value is (wide: its column; long: the value column)
    header: str
    decimal_comma: bool
    filters: tuple[tuple[int, str], ...]
    scaled: bool  # a fraction or a factor: the value changes on the way in
    shown: str  # the column, for messages: "column 'Casse (‰)'"


class _Origins(Sequence[str]):
    """Where each measurement came from (``row 4, column 'Casse'``), written when asked."""

    def __init__(self, measurements: list[Measurement], columns: dict[str, str]) -> None:
        self.rows: list[int] = []
        self.measurements = measurements
        self.columns = columns  # the column each KPI is read from, for messages

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return f"row {self.rows[index]}, {self.columns[self.measurements[index].kpi]}"


# A plain number, the common case, read without the general rules: at most 15 characters
# (so under 10^15, with at most 14 decimals: within every limit of an exact value).
_PLAIN_POINT = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,14})?")
_PLAIN_COMMA = re.compile(r"-?[0-9]{1,15}(?:,[0-9]{1,14})?")
_MAX_PLAIN = 15


_Step = tuple[str, int, Any, bool, bool, tuple[tuple[int, str], ...], str, ImportColumn]
"""A plan as the loop reads it: kpi, index, plain-number match, decimal comma, scaled,
filters, the column for messages, the column's mapping."""


def _measurements(
    table: _Table, mapping: ImportMapping, mission: Mission, problems: _Problems
) -> tuple[list[Measurement], _Origins, int, int]:
    positions = _positions(table.header)
    missing: list[str] = []

    def where(name: str) -> int:
        index = positions.get(name)
        if index is None:
            if name not in missing:
                missing.append(name)
            return -1
        return index

    date_index = where(mapping.date_column)
    common = tuple((where(item.column), item.value) for item in mapping.filters)
    plans = []
    for column in mapping.columns:
        value_column = mapping.value_column if mapping.layout == "long" else column.header
        assert value_column is not None  # the mapping checks it
        plans.append(
            _Plan(
                column=column,
                index=where(value_column),
                header=value_column,
                decimal_comma=(
                    mapping.decimal_comma if column.decimal_comma is None else column.decimal_comma
                ),
                filters=tuple((where(item.column), item.value) for item in column.filters),
                scaled=column.fraction or column.factor is not None,
                shown=f"column {excerpt(value_column)}",
            )
        )
    kpi_index = where(mapping.kpi_column) if mapping.kpi_column is not None else -1
    for name in missing:
        shown = ", ".join(excerpt(item, 40) for item in table.header[:30]) or "none"
        problems.add(f"column {excerpt(name)}", f"is not in the header (columns: {shown})")
    used = [mapping.date_column, *(plan.header for plan in plans)]
    used += [item.column for item in mapping.filters]
    if mapping.kpi_column is not None:
        used.append(mapping.kpi_column)
    for name, count in _repeated(used, table.header):
        problems.add(f"column {excerpt(name)}", f"appears {count} times in the header")
    problems.raise_if_any()

    # Each plan as a tuple of what the loop reads, unpacked once per value.
    steps: list[_Step] = [
        (
            plan.column.kpi,
            plan.index,
            (_PLAIN_COMMA if plan.decimal_comma else _PLAIN_POINT).fullmatch,
            plan.decimal_comma,
            plan.scaled,
            plan.filters,
            plan.shown,
            plan.column,
        )
        for plan in plans
    ]
    by_label = {
        plan.column.name_in_source: (step,) for plan, step in zip(plans, steps, strict=True)
    }
    dates = _Dates(mapping, mission)
    seen_dates = dates.seen
    read_date = dates.read
    source = mapping.source
    measurements: list[Measurement] = []
    append = measurements.append
    origins = _Origins(measurements, {plan.column.kpi: plan.shown for plan in plans})
    add_row = origins.rows.append
    # Measurements are built field by field: every field is checked here (a KPI of the
    # mission, a finite value within the limits, a date; a datetime through the constructor).
    new, plain_date = object.__new__, dt.date
    set_kpi, set_value, set_at, set_source, set_note = (
        getattr(Measurement, name).__set__ for name in ("kpi", "value", "at", "source", "note")
    )
    rows = skipped = 0
    date_place = f"column {excerpt(mapping.date_column)}"
    reader, numbers = table.reader, table.numbers
    try:
        for cells in table.rows:
            if not cells:  # a blank line of a CSV file
                continue
            rows += 1
            if reader is not None:
                number = reader.line_num
            elif numbers is not None:
                number = numbers[rows - 1]
            else:
                number = rows - 1
            width = len(cells)
            if common and not _kept(cells, common):
                skipped += 1
                continue
            chosen: Sequence[_Step]
            if kpi_index >= 0:
                label = cells[kpi_index] if kpi_index < width else None
                found_steps = by_label.get(label) if type(label) is str else None
                if found_steps is None:
                    found_steps = by_label.get(str(label).strip()) if label is not None else None
                    if found_steps is None:
                        skipped += 1
                        continue
                chosen = found_steps
            else:
                chosen = steps
            day: dt.date | dt.datetime | str | None = None
            date_read = False
            for kpi, index, plain, comma, scaled, filters, shown, column in chosen:
                if filters and not _kept(cells, filters):
                    continue
                cell = cells[index] if index < width else None
                value: Decimal | None
                if type(cell) is str and len(cell) <= _MAX_PLAIN and plain(cell):
                    value = Decimal(cell.replace(",", ".") if comma else cell)
                    percent = False
                    checked = not scaled
                else:
                    parsed = parse_number(cell, comma)
                    if isinstance(parsed, str):
                        problems.add(f"row {number}, {shown}", parsed)
                        continue
                    value, percent = parsed
                    if value is None:
                        continue
                    checked = False
                if not date_read:
                    date_read = True
                    date_cell = cells[date_index] if date_index < width else None
                    day = seen_dates.get(date_cell) if type(date_cell) is str else None
                    if day is None:
                        day = read_date(date_cell)
                        if day is None:
                            problems.add(f"row {number}, {date_place}", "has no date")
                        elif isinstance(day, str):
                            problems.add(f"row {number}, {date_place}", day)
                    elif isinstance(day, str):
                        problems.add(f"row {number}, {date_place}", day)
                if day is None or isinstance(day, str):
                    continue
                if not checked:
                    if scaled:
                        value = _scaled(value, percent, column)
                    found: list[ErrorDetail] = []
                    check_decimal(value, f"row {number}, {shown}", found)
                    if found:
                        for detail in found:
                            problems.add(detail.path, detail.message)
                        continue
                if type(day) is plain_date:
                    measurement = new(Measurement)
                    set_kpi(measurement, kpi)
                    set_value(measurement, value)
                    set_at(measurement, day)
                    set_source(measurement, source)
                    set_note(measurement, None)
                else:
                    measurement = Measurement(kpi=kpi, value=value, at=day, source=source)
                append(measurement)
                add_row(number)
    except csv.Error as error:
        line = reader.line_num if reader is not None else rows
        raise ValidationError(
            [ErrorDetail(f"row {line}", f"not valid CSV: {error}")], source=table.name
        ) from None
    return measurements, origins, rows, skipped


def _positions(header: Sequence[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        positions.setdefault(name, index)
    return positions


def _repeated(names: Sequence[str], header: Sequence[str]) -> Iterator[tuple[str, int]]:
    """The columns read that the header names more than once (which one is meant?)."""
    from collections import Counter

    counts = Counter(header)
    for name in dict.fromkeys(names):
        if counts[name] > 1:
            yield name, counts[name]


def _kept(cells: Sequence[object], filters: tuple[tuple[int, str], ...]) -> bool:
    width = len(cells)
    for index, value in filters:
        cell = cells[index] if index < width else None
        if cell is None or str(cell).strip() != value:
            return False
    return True
