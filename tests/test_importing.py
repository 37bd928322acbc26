"""Providers' reports in: import mappings, the readers (CSV, XLSX, DataFrames), apply_measurements.

Every expected value is worked out by hand in a comment beside it.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import vendorgov
from vendorgov import (
    ColumnFilter,
    ImportColumn,
    ImportMapping,
    Measurement,
    Mission,
    ValidationError,
    apply_measurements,
    examples,
    import_measurements,
)
from vendorgov._cli import main
from vendorgov._importing import decode, parse_number, sniff_delimiter
from vendorgov.exceptions import MAX_PROBLEMS

LOGISTIQUE = examples.demo_mission("logistique")
EXPORT = Path(examples.__file__).parent / "logistique-wms-2026-11.csv"
D = Decimal


def mission_with(*mappings: ImportMapping, **changes: object) -> Mission:
    return attrs.evolve(LOGISTIQUE, imports=mappings, **changes)


WIDE = ImportMapping(
    name="wms",
    date_column="date",
    columns=(
        ImportColumn(kpi="on_time_shipping", column="ots", fraction=True),
        ImportColumn(kpi="damage_rate", column="casse"),
        ImportColumn(kpi="return_processing", column="retours_j", factor=D(24)),
    ),
)

LONG = ImportMapping(
    name="desk",
    layout="long",
    date_column="Jour",
    date_format="%d/%m/%Y",
    kpi_column="Indicateur",
    value_column="Valeur",
    decimal_comma=True,
    columns=(
        ImportColumn(kpi="on_time_shipping", label="OTS", fraction=True),
        ImportColumn(kpi="damage_rate", label="Casse"),
    ),
)


def write(tmp_path: Path, text: str | bytes, name: str = "export.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def values(result: vendorgov.ImportResult) -> list[tuple[str, dt.date | dt.datetime, Decimal]]:
    return [(change.kpi, change.at, change.value) for change in result.changes]


def problems(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [str(detail) for detail in error.value.errors]


# -- the mapping in the mission file ---------------------------------------------------------
class TestMappingValidation:
    def test_demo_mapping_loads_from_the_file(self) -> None:
        (mapping,) = LOGISTIQUE.imports
        assert mapping.name == "wms"
        assert mapping.decimal_comma is True
        assert mapping.filters == (
            ColumnFilter(column="Entrepôt", value="Saint-Quentin-Fallavier"),
        )
        assert mapping.columns[2].factor == D("0.1")

    def test_every_problem_at_once_with_paths(self) -> None:
        text = examples.demo_text("logistique").replace(
            'date_format = "%d/%m/%Y"', 'date_format = "%d/%m"\nlayout = "tall"'
        )
        with pytest.raises(ValidationError) as error:
            vendorgov.loads(text)
        assert [detail.path for detail in error.value.errors] == [
            "imports[0].date_format",
            "imports[0].layout",
        ]
        text = (
            examples.demo_text("logistique")
            .replace("factor = 0.1", "factor = -1")
            .replace('"Délai retours (h)" }', '"Délai retours (h)", fraction = "yes" }')
        )
        with pytest.raises(ValidationError) as error:
            vendorgov.loads(text)
        assert [detail.path for detail in error.value.errors] == [
            "imports[0].columns[2].factor",
            "imports[0].columns[3].fraction",
        ]

    def test_unknown_kpi_is_named_by_the_mission(self) -> None:
        mapping = ImportMapping(name="x", date_column="d", columns=(ImportColumn(kpi="breakage"),))
        with pytest.raises(ValidationError) as error:
            mission_with(mapping)
        assert [detail.path for detail in error.value.errors] == ["imports[0].columns[0].kpi"]
        assert "unknown kpi 'breakage'" in error.value.errors[0].message

    def test_duplicate_names(self) -> None:
        with pytest.raises(ValidationError) as error:
            mission_with(WIDE, WIDE)
        assert [detail.path for detail in error.value.errors] == ["imports[1].name"]

    def test_long_layout_needs_its_columns(self) -> None:
        with pytest.raises(ValidationError) as error:
            ImportMapping(
                name="x", layout="long", date_column="d", columns=(ImportColumn(kpi="a"),)
            )
        assert [detail.path for detail in error.value.errors] == ["kpi_column", "value_column"]

    def test_wide_layout_refuses_long_fields_and_shared_columns(self) -> None:
        with pytest.raises(ValidationError) as error:
            ImportMapping(
                name="x",
                date_column="d",
                kpi_column="k",
                columns=(
                    ImportColumn(kpi="a", column="v"),
                    ImportColumn(kpi="b", column="v", label="B"),
                    ImportColumn(kpi="c", column="d"),
                ),
            )
        assert [detail.path for detail in error.value.errors] == [
            "kpi_column",
            "columns[1].label",
            "columns[1].column",
            "columns[2].column",
        ]

    @pytest.mark.parametrize("fmt", ["%d/%m", "", "%Q", "%Y" * 60])
    def test_bad_date_formats(self, fmt: str) -> None:
        with pytest.raises(ValidationError) as error:
            ImportMapping(
                name="x", date_column="d", date_format=fmt, columns=(ImportColumn(kpi="a"),)
            )
        assert [detail.path for detail in error.value.errors] == ["date_format"]

    @pytest.mark.parametrize("delimiter", ["", ";;", "a", "1", '"', "\n"])
    def test_bad_delimiters(self, delimiter: str) -> None:
        with pytest.raises(ValidationError) as error:
            ImportMapping(
                name="x", date_column="d", delimiter=delimiter, columns=(ImportColumn(kpi="a"),)
            )
        assert [detail.path for detail in error.value.errors] == ["delimiter"]

    def test_hostile_column_names(self) -> None:
        with pytest.raises(ValidationError) as error:
            ImportMapping(
                name="x", date_column="d\x00", columns=(ImportColumn(kpi="a"),), sheet="x" * 201
            )
        assert [detail.path for detail in error.value.errors] == ["date_column", "sheet"]
        with pytest.raises(ValidationError) as error:
            ImportColumn(kpi="a", column="x" * 201, label="\n")
        assert [detail.path for detail in error.value.errors] == ["column", "label"]
        with pytest.raises(ValidationError) as error:
            ColumnFilter(column=" ", value="v")
        assert [detail.path for detail in error.value.errors] == ["column"]

    def test_round_trip_through_the_file(self) -> None:
        mission = mission_with(WIDE, LONG)
        assert vendorgov.loads(vendorgov.dumps(mission)) == mission
        assert vendorgov.loads(vendorgov.dumps(mission, "json"), "json") == mission


# -- cells ----------------------------------------------------------------------------------
class TestParseNumber:
    @pytest.mark.parametrize(
        ("cell", "comma", "expected"),
        [
            ("97.3", False, (D("97.3"), False)),
            ("  97,3 ", True, (D("97.3"), False)),
            ("1\u202f234,5", True, (D("1234.5"), False)),  # French thousands: narrow no-break space
            ("1 234.5", False, (D("1234.5"), False)),
            ("97,3 %", True, (D("97.3"), True)),
            ("-0.5", False, (D("-0.5"), False)),
            ("+2", False, (D("2"), False)),
            ("1e3", False, (D("1e3"), False)),
            ("", False, (None, False)),
            (None, False, (None, False)),
            (7, False, (D(7), False)),
            (0.973, False, (D("0.973"), False)),  # the shortest text of the float
            (float("nan"), False, (None, False)),  # a DataFrame's missing value
            (D("1.50"), False, (D("1.50"), False)),
        ],
    )
    def test_numbers(
        self, cell: object, comma: bool, expected: tuple[Decimal | None, bool]
    ) -> None:
        assert parse_number(cell, comma) == expected

    @pytest.mark.parametrize(
        ("cell", "comma"),
        [
            ("97,3", False),  # a decimal comma the mapping does not announce
            ("1,234.5", True),
            ("1.234,5", True),
            ("NaN", False),
            ("inf", False),
            ("-Infinity", False),
            ("=1+2", False),  # formula injection
            ('=HYPERLINK("http://x")', False),
            ("@SUM(A1)", False),
            ("0x1F", False),
            ("1_000", False),
            ("١٢٣", False),  # Arabic-Indic digits: Decimal would read them
            ("12" * 100, False),  # longer than MAX_CELL
            (True, False),
            (float("inf"), False),
            (D("sNaN"), False),
            (D("Infinity"), False),
            ([1], False),
        ],
    )
    def test_not_numbers(self, cell: object, comma: bool) -> None:
        assert isinstance(parse_number(cell, comma), str)


class TestDecodeAndSniff:
    def test_utf8_with_and_without_bom(self) -> None:
        assert decode("Délai;x".encode(), "f") == "Délai;x"
        assert decode(b"\xef\xbb\xbf" + "Délai;x".encode(), "f") == "Délai;x"

    def test_windows_1252_fallback(self) -> None:
        # 0xe9 is é and 0x80 is € in Windows-1252; neither is valid UTF-8 on its own
        assert decode(b"D\xe9lai;\x80", "f") == "Délai;€"

    def test_neither(self) -> None:
        # 0x81 is undefined in Windows-1252, and invalid alone in UTF-8
        with pytest.raises(ValidationError) as error:
            decode(b"a;b\nc;\x81", "f.csv")
        assert problems(error) == ["row 2: byte 0x81 is not UTF-8 nor Windows-1252 text"]
        assert error.value.source == "f.csv"

    def test_utf16_is_refused_with_advice(self) -> None:
        with pytest.raises(ValidationError, match="UTF-16"):
            decode("a;b".encode("utf-16"), "f")

    @pytest.mark.parametrize(
        ("header", "expected"),
        [
            ("a;b;c", ";"),
            ("a,b", ","),
            ("a\tb", "\t"),
            ("a|b", "|"),
            ("a;b,c;d", ";"),
            ("ab", None),
        ],
    )
    def test_sniff(self, header: str, expected: str | None) -> None:
        assert sniff_delimiter(header) == expected


# -- CSV: values read by hand ----------------------------------------------------------------
class TestCsvWide:
    def test_fraction_factor_and_blank(self, tmp_path: Path) -> None:
        source = write(
            tmp_path,
            "date,ots,casse,retours_j,other\n"
            "2026-11-29,0.969,0.44,3.25,x\n"  # 0.969 x 100 = 96.9; 3.25 d x 24 = 78 h
            "2026-11-30,0.9705,,0.5,y\n",  # blank casse: no measurement; 0.5 x 24 = 12
        )
        result = import_measurements(mission_with(WIDE), source)
        assert values(result) == [
            ("on_time_shipping", dt.date(2026, 11, 29), D("96.9")),
            ("damage_rate", dt.date(2026, 11, 29), D("0.44")),
            ("return_processing", dt.date(2026, 11, 29), D("78")),
            ("on_time_shipping", dt.date(2026, 11, 30), D("97.05")),  # 0.9705 x 100
            ("return_processing", dt.date(2026, 11, 30), D("12")),
        ]
        assert result.counts() == {"added": 5, "unchanged": 0, "changed": 0, "replaced": 0}
        assert (result.rows, result.skipped) == (2, 0)
        # written back tidy: 97.05, not 97.0500; 78, not 78.00 nor 7.8E+1
        assert [str(m.value) for m in result.mission.measurements[-5:]] == [
            "96.9", "0.44", "78", "97.05", "12",
        ]  # fmt: skip

    def test_percent_sign_is_not_scaled_again(self, tmp_path: Path) -> None:
        # "96,9 %" is already a percentage: fraction = true leaves it at 96.9, not 9690
        source = write(tmp_path, "date;ots\n2026-11-29;96,9 %\n")
        mapping = attrs.evolve(WIDE, decimal_comma=True, columns=WIDE.columns[:1])
        assert values(import_measurements(mission_with(mapping), source)) == [
            ("on_time_shipping", dt.date(2026, 11, 29), D("96.9"))
        ]

    def test_per_column_decimal_comma_overrides_the_mapping(self, tmp_path: Path) -> None:
        source = write(tmp_path, "date;ots;casse\n2026-11-29;0.969;0,44\n")
        mapping = attrs.evolve(
            WIDE,
            delimiter=";",
            columns=(
                WIDE.columns[0],
                ImportColumn(kpi="damage_rate", column="casse", decimal_comma=True),
            ),
        )
        assert [
            change.value for change in import_measurements(mission_with(mapping), source).changes
        ] == [
            D("96.9"),  # 0.969 x 100, decimal point
            D("0.44"),  # 0,44 with the column's decimal comma
        ]

    def test_filters_mapping_wide_and_per_column(self, tmp_path: Path) -> None:
        source = write(
            tmp_path,
            "date,site,canal,ots,casse\n"
            "2026-11-29,SQF,web,0.97,0.4\n"
            "2026-11-29,Corbas,web,0.93,0.7\n"  # another site: left out
            "2026-11-30, SQF ,shop,0.96,0.5\n",  # spaces around the cell do not matter
        )
        mapping = ImportMapping(
            name="x",
            date_column="date",
            filters=(ColumnFilter(column="site", value="SQF"),),
            columns=(
                ImportColumn(kpi="on_time_shipping", column="ots", fraction=True),
                ImportColumn(
                    kpi="damage_rate",
                    column="casse",
                    filters=(ColumnFilter(column="canal", value="web"),),
                ),
            ),
        )
        result = import_measurements(mission_with(mapping), source)
        assert values(result) == [
            ("on_time_shipping", dt.date(2026, 11, 29), D("97")),  # 0.97 x 100 = 97.00 -> 97
            ("damage_rate", dt.date(2026, 11, 29), D("0.4")),
            ("on_time_shipping", dt.date(2026, 11, 30), D("96")),  # damage: canal is shop
        ]
        assert (result.rows, result.skipped) == (3, 1)

    def test_quoted_cells_and_crlf(self, tmp_path: Path) -> None:
        source = write(tmp_path, 'date;"ots"\r\n"2026-11-29";"0,5"\r\n')
        mapping = attrs.evolve(WIDE, decimal_comma=True, columns=WIDE.columns[:1])
        assert values(import_measurements(mission_with(mapping), source)) == [
            ("on_time_shipping", dt.date(2026, 11, 29), D("50"))  # 0,5 x 100
        ]

    def test_windows_1252_file(self, tmp_path: Path) -> None:
        text = "Date;Délai (h)\r\n29/11/2026;81\r\n"
        source = write(tmp_path, text.encode("cp1252"))
        mapping = ImportMapping(
            name="x",
            date_column="Date",
            date_format="%d/%m/%Y",
            columns=(ImportColumn(kpi="return_processing", column="Délai (h)"),),
        )
        assert values(import_measurements(mission_with(mapping), source)) == [
            ("return_processing", dt.date(2026, 11, 29), D("81"))
        ]

    def test_datetimes_read_in_the_mission_timezone(self, tmp_path: Path) -> None:
        local = attrs.evolve(WIDE, date_format="%d/%m/%Y %H:%M", columns=WIDE.columns[:1])
        source = write(tmp_path, "date,ots\n29/11/2026 14:30,0.5\n")
        [change] = import_measurements(mission_with(local), source).changes
        # no offset written: Europe/Paris, which is UTC+1 in November
        assert change.at == dt.datetime(
            2026, 11, 29, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))
        )
        offset = attrs.evolve(local, date_format="%Y-%m-%dT%H:%M%z")
        source = write(tmp_path, "date,ots\n2026-11-29T08:00+0000,0.5\n")
        [change] = import_measurements(mission_with(offset), source).changes
        assert change.at == dt.datetime(2026, 11, 29, 8, tzinfo=dt.UTC)

    def test_long_layout(self, tmp_path: Path) -> None:
        source = write(
            tmp_path,
            "Jour;Indicateur;Valeur\n"
            "29/11/2026;OTS;0,969\n"  # 0,969 x 100 = 96.9
            "29/11/2026;Casse;0,44\n"
            "29/11/2026;Panier moyen;52,10\n",  # not a KPI of the mapping: left out
        )
        result = import_measurements(mission_with(LONG), source)
        assert values(result) == [
            ("on_time_shipping", dt.date(2026, 11, 29), D("96.9")),
            ("damage_rate", dt.date(2026, 11, 29), D("0.44")),
        ]
        assert (result.rows, result.skipped) == (3, 1)

    def test_the_only_mapping_is_the_default(self, tmp_path: Path) -> None:
        source = write(tmp_path, "date,ots,casse,retours_j\n2026-11-29,0.5,,\n")
        assert len(import_measurements(mission_with(WIDE), source).changes) == 1
        with pytest.raises(ValidationError, match="has several"):
            import_measurements(mission_with(WIDE, LONG), source)
        with pytest.raises(ValidationError, match="unknown import mapping 'nope'"):
            import_measurements(mission_with(WIDE, LONG), source, mapping="nope")
        with pytest.raises(ValidationError, match=r"add an \[\[imports\]\] table"):
            import_measurements(mission_with(), source)
        # a mapping given directly need not be in the mission
        assert len(import_measurements(mission_with(), source, mapping=WIDE).changes) == 1


# -- the demo export --------------------------------------------------------------------------
class TestDemoExport:
    def test_november_export(self) -> None:
        result = import_measurements(LOGISTIQUE, EXPORT)
        # 5 weeks x 2 warehouses = 10 rows, Lyon-Corbas's 5 left out; 5 x 4 KPIs = 20 values:
        # the weeks ending 1, 8, 15 and 22 November are in the file already (16 unchanged),
        # the week ending 29 November is new (4 added).
        assert (result.rows, result.skipped) == (10, 5)
        assert result.counts() == {"added": 4, "unchanged": 16, "changed": 0, "replaced": 0}
        assert [
            (change.kpi, change.value) for change in result.changes if change.status == "added"
        ] == [
            ("on_time_shipping", D("96.9")),  # 0,969 x 100
            ("order_accuracy", D("99.5")),  # 0,995 x 100
            ("damage_rate", D("0.44")),  # 4,4 per mille x 0.1
            ("return_processing", D("88")),
        ]
        added = result.mission.measurements[-1]
        assert added.source == "Export WMS LogiDauphiné"
        assert added.at == dt.date(2026, 11, 29)

    def test_measurements_built_field_by_field_pass_the_constructor(self) -> None:
        # the reader builds measurements without the constructor's checks (it made them):
        # each one must be what the constructor builds, checks included
        result = import_measurements(LOGISTIQUE, EXPORT)
        for measurement in result.mission.measurements[-4:]:
            rebuilt = Measurement(**attrs.asdict(measurement, recurse=False))
            assert rebuilt == measurement

    def test_reimport_is_idempotent(self) -> None:
        once = import_measurements(LOGISTIQUE, EXPORT).mission
        again = import_measurements(once, EXPORT)
        assert again.counts() == {"added": 0, "unchanged": 20, "changed": 0, "replaced": 0}
        assert again.mission is once
        assert not again.modified

    def test_the_scorecard_moves_by_hand(self) -> None:
        # Fin d'année window at 2026-11-29 starts after M+6 (2026-09-02): damage_rate had
        # 12 weekly values from 2026-09-06 to 2026-11-22: 0.36 + 0.40 + 0.35 + 0.37 + 0.33
        # + 0.39 + 0.34 + 0.36 + 0.32 + 0.41 + 0.37 + 0.35 = 4.35 (mean 0.3625);
        # with 0.44 for the week ending 29 November: 4.79 / 13 = 0.36846...
        before = vendorgov.score(LOGISTIQUE, dt.date(2026, 11, 29))
        after = vendorgov.score(
            import_measurements(LOGISTIQUE, EXPORT).mission, dt.date(2026, 11, 29)
        )
        damage_before = next(r for r in before.results if r.kpi == "damage_rate")
        damage_after = next(r for r in after.results if r.kpi == "damage_rate")
        assert damage_before.actual == D("4.35") / 12
        assert damage_after.actual == D("4.79") / 13


# -- apply_measurements -----------------------------------------------------------------------
def m(kpi: str, value: str, day: dt.date, **extra: object) -> Measurement:
    return Measurement(kpi=kpi, value=D(value), at=day, **extra)


NOV22 = dt.date(2026, 11, 22)


class TestApplyMeasurements:
    def test_changed_is_kept_and_replaced_on_request(self) -> None:
        new = m("damage_rate", "0.30", NOV22, source="corrigé")
        kept = apply_measurements(LOGISTIQUE, [new])
        assert kept.mission is LOGISTIQUE
        assert [(c.status, c.previous, c.value) for c in kept.changes] == [
            ("changed", D("0.35"), D("0.30"))
        ]
        replaced = apply_measurements(LOGISTIQUE, [new], replace=True)
        found = [
            x for x in replaced.mission.measurements if x.kpi == "damage_rate" and x.at == NOV22
        ]
        assert [(x.value, x.source) for x in found] == [(D("0.30"), "corrigé")]
        assert len(replaced.mission.measurements) == len(LOGISTIQUE.measurements)

    def test_replace_keeps_the_note_and_position(self) -> None:
        # on_time_shipping on 2026-11-22 carries a note in the demo file
        index = next(
            i for i, x in enumerate(LOGISTIQUE.measurements)
            if x.kpi == "on_time_shipping" and x.at == NOV22
        )  # fmt: skip
        result = apply_measurements(
            LOGISTIQUE, [m("on_time_shipping", "97.5", NOV22)], replace=True
        )
        updated = result.mission.measurements[index]
        assert (updated.value, updated.note) == (D("97.5"), LOGISTIQUE.measurements[index].note)

    def test_equal_numbers_are_unchanged(self) -> None:
        result = apply_measurements(LOGISTIQUE, [m("damage_rate", "0.350", NOV22)])
        assert result.changes[0].status == "unchanged"

    def test_duplicates_in_the_mission_collapse_on_replace(self) -> None:
        twice = LOGISTIQUE.with_measurements(m("damage_rate", "0.36", NOV22))
        result = apply_measurements(twice, [m("damage_rate", "0.36", NOV22)])
        assert result.changes[0].status == "unchanged"  # one of them has that value
        result = apply_measurements(twice, [m("damage_rate", "0.5", NOV22)], replace=True)
        found = [
            x.value for x in result.mission.measurements if x.kpi == "damage_rate" and x.at == NOV22
        ]
        assert found == [D("0.5")]

    def test_a_batch_that_contradicts_itself(self) -> None:
        day = dt.date(2026, 11, 29)
        with pytest.raises(ValidationError) as error:
            apply_measurements(
                LOGISTIQUE,
                [m("damage_rate", "0.4", day), m("damage_rate", "0.5", day)],
                origins=["row 2", "row 3"],
            )
        assert problems(error) == [
            "row 3: gives 0.5 for 'damage_rate' on 2026-11-29, but row 2 gives 0.4"
        ]
        # the same value twice is one measurement
        same = apply_measurements(LOGISTIQUE, [m("damage_rate", "0.4", day)] * 2)
        assert same.counts()["added"] == 1

    def test_datetimes_compare_as_instants(self) -> None:
        paris = dt.datetime(2026, 11, 29, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
        utc = dt.datetime(2026, 11, 29, 9, tzinfo=dt.UTC)  # the same instant
        once = apply_measurements(
            LOGISTIQUE, [Measurement(kpi="damage_rate", value=D(1), at=paris)]
        )
        again = apply_measurements(
            once.mission, [Measurement(kpi="damage_rate", value=D(1), at=utc)]
        )
        assert again.changes[0].status == "unchanged"


# -- errors: file, row and column, all at once -----------------------------------------------
class TestErrors:
    def test_all_problems_at_once(self, tmp_path: Path) -> None:
        source = write(
            tmp_path,
            "date,ots,casse,retours_j\n"
            "2026-11-29,abc,0.4,1\n"
            "29/11/2026,0.5,NaN,1\n"
            "2027-06-01,0.5,0.4,1\n"  # after the mission's end (2027-03-01)
            "2026-03-01,0.5,,\n"  # before its start (2026-03-02)
            ",0.5,,\n"
            "2026-11-30,0.5,1e20,=1+2\n",
        )
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(WIDE), source)
        assert error.value.source == str(source)
        assert problems(error) == [
            "row 2, column 'ots': 'abc' is not a number",
            "row 3, column 'date': '29/11/2026' is not a date written %Y-%m-%d",
            "row 3, column 'casse': 'NaN' is not a number",
            "row 4, column 'date': 2027-06-01 is after the mission ends (2027-03-01)",
            "row 5, column 'date': 2026-03-01 is before the mission starts (2026-03-02)",
            "row 6, column 'date': has no date",
            "row 7, column 'casse': is too large (1E+20); the limit is 10^15",
            "row 7, column 'retours_j': '=1+2' is not a number",
        ]

    def test_outside_measurements_kept_when_the_mission_keeps_them(self, tmp_path: Path) -> None:
        source = write(tmp_path, "date,ots,casse,retours_j\n2027-06-01,0.5,,\n")
        mission = mission_with(WIDE, keep_outside_measurements=True)
        assert import_measurements(mission, source).counts()["added"] == 1

    def test_missing_and_repeated_columns(self, tmp_path: Path) -> None:
        source = write(tmp_path, "date,ots,ots\n2026-11-29,0.5,0.6\n")
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(WIDE), source)
        assert problems(error) == [
            "column 'casse': is not in the header (columns: 'date', 'ots', 'ots')",
            "column 'retours_j': is not in the header (columns: 'date', 'ots', 'ots')",
            "column 'ots': appears 2 times in the header",
        ]

    def test_capped_like_the_rest(self, tmp_path: Path) -> None:
        rows = "".join(f"2026-11-29,bad{i},,\n" for i in range(250))
        source = write(tmp_path, "date,ots,casse,retours_j\n" + rows)
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(WIDE), source)
        assert len(error.value.errors) == MAX_PROBLEMS
        assert error.value.more == 150  # 250 bad cells, 100 listed

    def test_two_rows_two_values(self, tmp_path: Path) -> None:
        source = write(tmp_path, "date,ots\n2026-11-29,0.5\n2026-11-29,0.6\n")
        mapping = attrs.evolve(WIDE, columns=WIDE.columns[:1])
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(mapping), source)
        assert problems(error) == [
            "row 3, column 'ots': gives 60 for 'on_time_shipping' on 2026-11-29, "
            "but row 2, column 'ots' gives 50"
        ]
        assert error.value.source == str(source)


class TestHostileFiles:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "the file is empty"),
            (b"  \n\n", "the file is empty"),
            (b"date,ots\x00\n", "holds a NUL character"),
            (b"dateots\n2026-11-29\n", "cannot tell the delimiter"),
            (b'"date,ots\n2026', "not valid CSV"),
        ],
    )
    def test_refused(self, tmp_path: Path, content: bytes, message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            import_measurements(mission_with(WIDE), write(tmp_path, content))

    def test_header_only(self, tmp_path: Path) -> None:
        result = import_measurements(
            mission_with(WIDE), write(tmp_path, "date,ots,casse,retours_j\n")
        )
        assert (result.rows, result.changes, result.mission) == (0, (), mission_with(WIDE))

    def test_a_huge_file_is_not_read(self, tmp_path: Path) -> None:
        path = tmp_path / "huge.csv"
        with path.open("wb") as stream:  # a sparse file: 1 GiB that takes no room
            stream.truncate(2**30)
        with pytest.raises(ValidationError, match="larger than 256 MiB"):
            import_measurements(mission_with(WIDE), path)

    def test_a_long_line(self, tmp_path: Path) -> None:
        source = write(tmp_path, "date,ots\n2026-11-29," + "9" * 200_000 + "\n")
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(WIDE), source)
        # csv's own field limit (131,072 characters) or the number's (100): never parsed
        assert all(len(str(detail)) < 600 for detail in error.value.errors)

    def test_a_long_number_is_refused_without_parsing(self, tmp_path: Path) -> None:
        source = write(tmp_path, "date,ots\n2026-11-29," + "9" * 5_000 + "\n")
        mapping = attrs.evolve(WIDE, columns=WIDE.columns[:1])
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(mapping), source)
        assert problems(error) == ["row 2, column 'ots': is not a number: 5,000 characters"]

    def test_not_a_csv_suffix(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError, match="cannot tell the kind of file"):
            import_measurements(mission_with(WIDE), write(tmp_path, "x", "export.pdf"))

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError, match="No such file"):
            import_measurements(mission_with(WIDE), tmp_path / "none.csv")

    def test_a_folder(self, tmp_path: Path) -> None:
        (tmp_path / "dir.csv").mkdir()
        with pytest.raises(ValidationError, match="not a regular file"):
            import_measurements(mission_with(WIDE), tmp_path / "dir.csv")

    def test_not_a_dataframe(self) -> None:
        with pytest.raises(ValidationError, match="expected a file path or a DataFrame"):
            import_measurements(mission_with(WIDE), 42)

    def test_markup_in_cells_is_data(self, tmp_path: Path) -> None:
        source = write(tmp_path, 'date,ots\n2026-11-29,"<script>alert(1)</script>"\n')
        mapping = attrs.evolve(WIDE, columns=WIDE.columns[:1])
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(mapping), source)
        assert problems(error) == [
            "row 2, column 'ots': '<script>alert(1)</script>' is not a number"
        ]


# -- XLSX ------------------------------------------------------------------------------------
class TestXlsx:
    def test_values_dates_and_sheet(self, tmp_path: Path) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        book.active.title = "Notes"
        sheet = book.create_sheet("KPI")
        sheet.append(["date", "ots", "casse", "retours_j"])
        sheet.append([dt.datetime(2026, 11, 29), 0.969, "0.44", 3.25])  # Excel dates: datetimes
        sheet.append([dt.date(2026, 11, 30), 0.97, None, None])
        path = tmp_path / "export.xlsx"
        book.save(path)
        mapping = attrs.evolve(WIDE, sheet="KPI")
        result = import_measurements(mission_with(mapping), path)
        assert values(result) == [
            ("on_time_shipping", dt.date(2026, 11, 29), D("96.9")),  # 0.969 x 100
            ("damage_rate", dt.date(2026, 11, 29), D("0.44")),
            ("return_processing", dt.date(2026, 11, 29), D("78")),  # 3.25 x 24
            ("on_time_shipping", dt.date(2026, 11, 30), D("97")),  # 0.97 x 100
        ]
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(attrs.evolve(WIDE, sheet="Nope")), path)
        assert "no sheet 'Nope'" in str(error.value)

    def test_not_a_workbook(self, tmp_path: Path) -> None:
        pytest.importorskip("openpyxl")
        with pytest.raises(ValidationError, match="not an XLSX workbook"):
            import_measurements(mission_with(WIDE), write(tmp_path, b"PK\x03\x04junk", "x.xlsx"))


# -- DataFrames --------------------------------------------------------------------------------
class TestDataFrames:
    def frame_rows(self) -> dict[str, list[object]]:
        return {
            "date": [dt.date(2026, 11, 29), dt.date(2026, 11, 30)],
            "ots": [0.969, 0.97],
            "casse": [0.44, None],
            "retours_j": [3.25, 0.5],
        }

    def expected(self) -> list[tuple[str, dt.date, Decimal]]:
        return [
            ("on_time_shipping", dt.date(2026, 11, 29), D("96.9")),  # 0.969 x 100
            ("damage_rate", dt.date(2026, 11, 29), D("0.44")),
            ("return_processing", dt.date(2026, 11, 29), D("78")),  # 3.25 x 24
            ("on_time_shipping", dt.date(2026, 11, 30), D("97")),
            ("return_processing", dt.date(2026, 11, 30), D("12")),  # 0.5 x 24
        ]

    def test_pandas(self) -> None:
        pandas = pytest.importorskip("pandas")
        pytest.importorskip("narwhals")
        frame = pandas.DataFrame(self.frame_rows())
        frame["date"] = pandas.to_datetime(frame["date"])  # Timestamps at midnight: dates
        assert values(import_measurements(mission_with(WIDE), frame)) == self.expected()

    def test_polars(self) -> None:
        polars = pytest.importorskip("polars")
        pytest.importorskip("narwhals")
        frame = polars.DataFrame(self.frame_rows())
        assert values(import_measurements(mission_with(WIDE), frame)) == self.expected()

    def test_rows_are_counted_from_zero(self) -> None:
        polars = pytest.importorskip("polars")
        pytest.importorskip("narwhals")
        frame = polars.DataFrame({"date": ["2026-11-29", "2026-11-31"], "ots": ["0.5", "x"]})
        mapping = attrs.evolve(WIDE, columns=WIDE.columns[:1])
        with pytest.raises(ValidationError) as error:
            import_measurements(mission_with(mapping), frame)
        assert problems(error) == [
            "row 1, column 'ots': 'x' is not a number",
        ]
        assert error.value.source == "polars DataFrame"


# -- the command line ----------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logistique.toml").write_text(examples.demo_text("logistique"), encoding="utf-8")
    (tmp_path / EXPORT.name).write_bytes(EXPORT.read_bytes())
    return tmp_path


class TestCommand:
    def test_dry_run_writes_nothing(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        before = (here / "logistique.toml").read_bytes()
        code, out, err = run(
            capsys, "import", "logistique.toml", EXPORT.name, "--dry-run", "--lang", "en"
        )
        assert (code, err) == (0, "")
        assert "Measurements: 4 added, 16 unchanged, 0 different (kept), 0 replaced" in out
        assert out.endswith("Dry run (--dry-run): nothing was written.\n")
        assert (here / "logistique.toml").read_bytes() == before
        assert sorted(path.name for path in here.iterdir()) == [EXPORT.name, "logistique.toml"]

    def test_import_then_again(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        before = (here / "logistique.toml").read_bytes()
        code, out, _ = run(capsys, "import", "logistique.toml", EXPORT.name, "--lang", "en")
        assert code == 0
        assert out.endswith(
            "Recorded in the journal logistique.journal.jsonl "
            "(the mission file is left as it is).\n"
        )
        # The person's file is never rewritten: the 4 new measurements are journal events.
        assert (here / "logistique.toml").read_bytes() == before
        assert len(vendorgov.history(here / "logistique.toml")) == 4
        assert (
            len(vendorgov.load(here / "logistique.toml").measurements)
            == len(LOGISTIQUE.measurements) + 4
        )
        journal = (here / "logistique.journal.jsonl").read_bytes()
        code, out, _ = run(capsys, "import", "logistique.toml", EXPORT.name, "--lang", "en")
        assert "0 added, 20 unchanged" in out
        assert out.endswith("Nothing to write: the mission already holds these measurements.\n")
        assert (here / "logistique.journal.jsonl").read_bytes() == journal  # nothing appended
        assert (here / "logistique.toml").read_bytes() == before

    def test_changed_then_replace(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        corrected = here / "corrected.csv"
        corrected.write_text(
            EXPORT.read_text(encoding="utf-8-sig").replace(
                "0,974;0,997;3,5;79", "0,974;0,997;3,1;79"
            ),
            encoding="utf-8",
        )
        code, out, _ = run(capsys, "import", "logistique.toml", "corrected.csv", "--lang", "en")
        assert code == 0
        assert "damage_rate  11/22/2026      0.35      0.31  kept" in out  # 3,1 per mille x 0.1
        assert "run the import again with --replace" in out
        code, out, _ = run(
            capsys, "import", "logistique.toml", "corrected.csv", "--replace", "--json"
        )
        data = json.loads(out)
        assert data["counts"] == {"added": 0, "unchanged": 19, "changed": 0, "replaced": 1}
        assert data["written"] is True
        [replaced] = [c for c in data["changes"] if c["status"] == "replaced"]
        assert replaced == {
            "kpi": "damage_rate",
            "at": "2026-11-22",
            "status": "replaced",
            "value": "0.31",
            "previous": "0.35",
            "origin": "row 8, column 'Casse (‰)'",
        }

    def test_errors_name_the_file_row_and_column(
        self, capsys: pytest.CaptureFixture[str], here: Path
    ) -> None:
        (here / "bad.csv").write_text(
            "Semaine;Entrepôt;Expédiées à l'heure;Commandes exactes;Casse (‰);Délai retours (h)\n"
            "29/11/2026;Saint-Quentin-Fallavier;=cmd|' /C calc'!A0;0,995;4,4;88\n",
            encoding="utf-8",
        )
        code, out, err = run(capsys, "import", "logistique.toml", "bad.csv")
        assert (code, out) == (2, "")
        assert err == (
            'vendorgov: bad.csv: row 2, column "Expédiées à l\'heure": '
            "\"=cmd|' /C calc'!A0\" is not a number\n"
        )

    def test_unknown_mapping(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        code, _, err = run(capsys, "import", "logistique.toml", EXPORT.name, "--mapping", "crm")
        assert code == 2
        assert (
            err
            == "vendorgov: logistique.toml: mapping: unknown import mapping 'crm' (known: wms)\n"
        )

    @pytest.mark.parametrize("lang", ["fr", "en", "es"])
    def test_languages(self, capsys: pytest.CaptureFixture[str], here: Path, lang: str) -> None:
        code, out, _ = run(
            capsys, "import", "logistique.toml", EXPORT.name, "--dry-run", "--lang", lang
        )
        assert code == 0
        first = {"fr": "mesures de", "en": "measurements from", "es": "mediciones de"}[lang]
        assert first in out.splitlines()[0]
