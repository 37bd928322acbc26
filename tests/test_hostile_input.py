"""Hostile input: what a malicious or broken file must not be able to do.

Four classes of problem, each held by tests that fail if it comes back:

- the number of problems collected is capped (``MAX_PROBLEMS``), and collecting
  stops early, so a few kilobytes of YAML aliases cannot stand for a million
  problems and a gigabyte of memory;
- a value is echoed into a message only as a short excerpt;
- ``load`` reads only regular files, and at most 64 MiB of them;
- a key written twice in a table is refused, in every format.

No test here asserts on time (the machines are shared and noisy): they assert
on counts and sizes, which grow with the work done.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import pickle
import socket
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factories as f
import vendorgov
from vendorgov import ErrorDetail, Measurement, Mission, ValidationError
from vendorgov import serialization as ser
from vendorgov._cli import main
from vendorgov._model.validation import MAX_EXCERPT, excerpt
from vendorgov.exceptions import MAX_MESSAGE, MAX_PROBLEMS

HUGE = 100_000


def problems_of(text: str, format: ser.Format, **kwargs: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        vendorgov.loads(text, format, **kwargs)
    return info.value


def error_or_none(text: str, format: ser.Format) -> ValidationError | None:
    """The ValidationError ``loads`` raises, or None when it reads the text."""
    try:
        vendorgov.loads(text, format)
    except ValidationError as error:
        return error
    return None


def alias_bomb(reviews: int = 1_000, obstacles: int = 1_000) -> str:
    """About 45 KB of YAML standing for ``reviews × obstacles`` bad values.

    Every review is an alias of one table whose obstacles are an alias of one
    list of numbers where texts are expected.
    """
    lines = ["schema_version: 1", "anchors:", "  - &o"]
    lines += [f"    - {index}" for index in range(obstacles)]
    lines.append('  - &r {"on": 2027-04-01, kind: monthly, obstacles: *o}')
    lines.append("reviews:")
    lines += ["  - *r  # the same review again"] * reviews
    return "\n".join(lines) + "\n"


class CountingList(list[Any]):
    """A list that counts how many of its items were read by iteration."""

    read = 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            CountingList.read += 1
            yield item


# -- 1. a bounded number of problems --------------------------------------------------------------
class TestValidationErrorCap:
    def test_a_sequence_is_cut_and_the_rest_counted(self) -> None:
        details = [ErrorDetail(f"kpis[{index}].weight", "must be > 0") for index in range(250)]
        error = ValidationError(details)
        assert len(error.errors) == MAX_PROBLEMS == 100
        assert error.errors == tuple(details[:MAX_PROBLEMS])
        assert error.more == 150
        lines = str(error).splitlines()
        assert lines[0] == "250 problems:"
        assert lines[1] == "  kpis[0].weight: must be > 0"
        assert lines[-1] == "  … and 150 more"
        assert len(lines) == 1 + MAX_PROBLEMS + 1

    def test_up_to_the_cap_nothing_changes(self) -> None:
        details = [ErrorDetail(f"[{index}]", "bad") for index in range(MAX_PROBLEMS)]
        error = ValidationError(details)
        assert error.more == 0
        assert str(error).splitlines()[-1] == "  [99]: bad"

    def test_an_iterator_is_read_only_one_past_the_cap(self) -> None:
        drawn = itertools.count()

        def endless() -> Iterator[ErrorDetail]:
            while True:
                yield ErrorDetail(f"[{next(drawn)}]", "bad")

        error = ValidationError(endless())
        assert len(error.errors) == MAX_PROBLEMS
        assert next(drawn) == MAX_PROBLEMS + 1  # 101 drawn: the cap, and one to know of more
        assert error.more is None
        lines = str(error).splitlines()
        assert lines[0] == "more than 100 problems:"
        assert lines[-1] == "  … and more"

    def test_more_survives_prefixed_with_source_and_pickle(self) -> None:
        error = ValidationError([ErrorDetail("x", "bad")] * 130)
        for copy in (
            error.prefixed("kpis[0]"),
            error.with_source("m.toml"),
            pickle.loads(pickle.dumps(error)),
        ):
            assert copy.more == 30
            assert len(copy.errors) == MAX_PROBLEMS
        assert error.prefixed("kpis[0]").errors[0].path == "kpis[0].x"
        assert str(error.with_source("m.toml")).startswith("130 problems in m.toml:")
        uncounted = ValidationError([ErrorDetail("x", "bad")], more=None)
        assert pickle.loads(pickle.dumps(uncounted)).more is None
        assert uncounted.with_source("m.toml").more is None

    def test_more_given_by_the_caller_adds_up(self) -> None:
        error = ValidationError([ErrorDetail("x", "bad")] * 120, more=5)
        assert error.more == 25
        assert str(error).startswith("125 problems:")


class TestCapOnLoad:
    def test_yaml_alias_bomb(self) -> None:
        text = alias_bomb()
        assert len(text) < 50_000  # ~45 KB standing for a million bad obstacles
        error = problems_of(text, "yaml")
        assert len(error.errors) == MAX_PROBLEMS
        assert error.more is None  # collecting stopped: the rest was not counted
        paths = [detail.path for detail in error.errors]
        # the mission's own missing fields, then the first review's obstacles, and stop
        fields = [path for path in paths if path.isidentifier()]
        assert {"key", "name", "start"} <= set(fields)
        assert paths[len(fields) :] == [
            f"reviews[0].obstacles[{index}]" for index in range(MAX_PROBLEMS - len(fields))
        ]
        assert len(str(error)) < 100 * 120

    def test_many_bad_measurements_in_json(self) -> None:
        data = f.mission_data()
        data["measurements"] = [{"kpi": "on_time_shipping", "value": "abc", "at": "2027-04-01"}]
        data["measurements"] *= 20_000
        error = problems_of(json.dumps(data), "json")
        assert [detail.path for detail in error.errors] == [
            f"measurements[{index}].value" for index in range(MAX_PROBLEMS)
        ]
        assert error.more is None
        assert str(error).splitlines()[-1] == "  … and more"
        assert len(str(error)) < MAX_PROBLEMS * 120

    def test_the_detailed_pass_stops_reading_a_long_list(self) -> None:
        data = f.mission_data()
        bad = {"kpi": "on_time_shipping", "value": "abc", "at": "2027-04-01"}
        data["measurements"] = CountingList([bad] * 100_000)
        CountingList.read = 0
        with pytest.raises(ValidationError) as info:
            ser._structure(data, Mission)
        assert len(info.value.errors) == MAX_PROBLEMS
        # the fast pass reads one item, the detailed pass a few past the limit
        assert CountingList.read <= 2 * MAX_PROBLEMS

    def test_rules_of_the_value_itself_are_checked_in_one_pass(self) -> None:
        data = f.mission_data()
        del data["schema_version"]  # loads takes the header off before structuring
        unknown = {"kpi": "not_a_kpi_of_the_mission", "value": "1", "at": "2027-04-01"}
        data["measurements"] = CountingList([unknown] * 1_000)
        CountingList.read = 0
        with pytest.raises(ValidationError) as info:
            ser._structure(data, Mission)
        assert info.value.errors[0].path == "measurements[0].kpi"
        assert len(info.value.errors) == MAX_PROBLEMS
        assert CountingList.read == 1_000  # built once: no detailed pass to find the same

    def test_lists_nested_in_lists_share_the_limit(self) -> None:
        review = {"on": "2027-04-01", "kind": "monthly", "obstacles": [1] * 30}
        data = f.mission_data() | {"reviews": [review] * 1_000}
        error = problems_of(json.dumps(data), "json")
        assert len(error.errors) == MAX_PROBLEMS
        assert error.more is None
        # 30 from each of the first reviews, then the limit: nothing from far away
        assert error.errors[30].path == "reviews[1].obstacles[0]"
        assert error.errors[-1].path == "reviews[3].obstacles[9]"

    def test_unknown_keys_past_the_limit_are_counted(self) -> None:
        document = {"schema_version": 1, "type": "money", "amount": "1", "currency": "EUR"}
        document |= {f"extra_{index:05}": 1 for index in range(5_000)}
        error = problems_of(json.dumps(document), "json")
        assert len(error.errors) == MAX_PROBLEMS
        assert error.errors[0] == ErrorDetail("extra_00000", "unknown key 'extra_00000'")
        assert error.more == 4_900
        assert str(error).splitlines()[-1] == "  … and 4,900 more"
        assert str(error).startswith("5,000 problems:")

    def test_the_key_walk_stops_at_the_limit(self) -> None:
        pairs = ", ".join(f'"k": {index}' for index in range(1_000))
        text = f'{{"schema_version": 1, "type": "money", {pairs}}}'
        error = problems_of(text, "json")
        assert len(error.errors) == MAX_PROBLEMS
        assert set(error.errors) == {ErrorDetail("k", "duplicate key 'k'")}
        assert error.more is None  # the walk stopped past the limit: the rest is uncounted

    def test_non_text_yaml_keys_past_the_limit(self) -> None:
        body = "\n".join(f"  {index}: x" for index in range(5_000))
        error = problems_of(f"schema_version: 1\ntype: money\ntable:\n{body}\n", "yaml")
        assert len(error.errors) == MAX_PROBLEMS
        assert error.more is None
        assert error.errors[0] == ErrorDetail("table", "keys must be text, got integer 0")


class TestCapInTheModel:
    def test_invariant_problems_stop_at_the_limit(self) -> None:
        drawn = itertools.count()
        base = f.minimal_mission()
        measurements = tuple(
            f.measurement(kpi=f"unknown_{index}") for index in range(5 * MAX_PROBLEMS)
        )

        class Spy(Mission):  # the mission's own invariants, drawn one by one
            def _problems(self) -> Iterator[ErrorDetail]:
                for detail in super()._problems():
                    next(drawn)
                    yield detail

        with pytest.raises(ValidationError) as info:
            Spy(**{**_fields(base), "measurements": measurements})
        assert len(info.value.errors) == MAX_PROBLEMS
        assert info.value.more is None
        assert next(drawn) == MAX_PROBLEMS + 1  # one past the limit, then no more work

    def test_type_problems_in_a_long_tuple_stop_at_the_limit(self) -> None:
        with pytest.raises(ValidationError) as info:
            Mission(**{**_fields(f.minimal_mission()), "measurements": ("x",) * 100_000})
        assert len(info.value.errors) == MAX_PROBLEMS
        assert info.value.errors[-1].path == f"measurements[{MAX_PROBLEMS - 1}]"
        assert info.value.more is None

    def test_a_few_problems_are_all_listed(self) -> None:
        with pytest.raises(ValidationError) as info:
            Measurement(kpi="Bad Key", value=1.5, at=dt.datetime(2027, 4, 1))  # type: ignore[arg-type]
        assert (
            len(info.value.errors) == 3
        )  # the type of value, the naive datetime, and the key rule: one round
        assert info.value.more == 0


def _fields(value: Any) -> dict[str, Any]:
    import attrs

    return {field.name: getattr(value, field.name) for field in attrs.fields(type(value))}


# -- 2. short excerpts of values ------------------------------------------------------------------
class TestExcerpt:
    def test_short_text_is_its_repr(self) -> None:
        assert excerpt("Europe/Paris") == "'Europe/Paris'"
        assert excerpt("x" * MAX_EXCERPT) == repr("x" * MAX_EXCERPT)

    def test_long_text_is_cut_and_its_length_given(self) -> None:
        text = excerpt("Europe/" + "x" * HUGE)
        assert text.startswith("'Europe/xxx")
        assert text.endswith("'… (cut; 100,007 characters)")
        assert len(text) <= MAX_EXCERPT + 40

    @pytest.mark.parametrize("char", ["\x00", "\U000e0001", "é", "\n"])
    def test_escapes_do_not_make_it_long(self, char: str) -> None:
        assert len(excerpt(char * HUGE)) <= MAX_EXCERPT + 40
        assert len(excerpt(char * MAX_EXCERPT)) <= 2 * MAX_EXCERPT + 40

    @pytest.mark.parametrize(
        "value",
        [10**5000, list(range(HUGE)), {str(index): index for index in range(HUGE)}, b"x" * HUGE],
        ids=["integer", "list", "dict", "bytes"],
    )
    def test_other_values_are_short(self, value: object) -> None:
        assert len(excerpt(value)) <= MAX_EXCERPT

    def test_a_long_message_is_cut_in_the_middle(self) -> None:
        detail = ErrorDetail("x", "head " + "y" * HUGE + " tail")
        assert len(detail.message) <= MAX_MESSAGE
        assert detail.message.startswith("head yyy")
        assert detail.message.endswith("yyy tail")
        assert "characters cut]" in detail.message


LONG = "z" * HUGE


def _with(change: Any) -> str:
    data = f.mission_data()
    change(data)
    return json.dumps(data)


# Each document puts a 100,000-character text where the file format or the model echoes it.
ECHOES = {
    "timezone": _with(lambda d: d.update(timezone=LONG)),
    "unknown key": _with(lambda d: d.update({LONG: 1})),
    "enumeration": _with(lambda d: d["kpis"][0].update(direction=LONG)),
    "datetime": _with(lambda d: d["measurements"][0].update(at="2027-04-01T" + LONG)),
    "date": _with(lambda d: d.update(start=LONG)),
    "number": _with(lambda d: d["kpis"][0].update(weight=LONG)),
    "type": json.dumps({"schema_version": 1, "type": LONG}),
    "version": json.dumps({"schema_version": LONG}),
    "horizon": _with(lambda d: d["milestones"][0].update(horizon=LONG)),
    "money": _with(lambda d: d["activities"][0].update(budget=LONG)),
    "kpi key": _with(lambda d: d["kpis"][0].update(key=LONG)),
    "unknown kpi": _with(lambda d: d["measurements"][0].update(kpi="x" + "y" * HUGE)),
    "email": _with(lambda d: d["contacts"][0].update(email=LONG)),
    "country": _with(lambda d: d["client"].update(country=LONG)),
}


class TestEchoedValuesAreShort:
    @pytest.mark.parametrize("name", sorted(ECHOES))
    def test_every_message_is_short(self, name: str) -> None:
        error = problems_of(ECHOES[name], "json")
        assert all(len(detail.message) <= MAX_MESSAGE for detail in error.errors)
        assert len(str(error)) < len(error.errors) * (MAX_MESSAGE + 100)

    @pytest.mark.parametrize("name", sorted(ECHOES))
    def test_every_echo_is_an_excerpt(self, name: str) -> None:
        error = problems_of(ECHOES[name], "json")
        assert any(len(detail.message) < 200 for detail in error.errors)
        assert all(len(detail.message) < 200 for detail in error.errors), error

    def test_a_long_unknown_format(self) -> None:
        error = problems_of("a = 1", LONG)  # type: ignore[arg-type]
        assert "(cut; 100,000 characters)" in error.errors[0].message

    def test_a_long_suffix(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError) as info:
            vendorgov.load(tmp_path / ("m." + "x" * 200))
        assert "(cut; 201 characters)" in info.value.errors[0].message

    @settings(max_examples=settings.default.max_examples * 2)
    @given(st.data())
    def test_any_value_replaced_by_long_text(self, data: st.DataObject) -> None:
        document = f.mission_data()
        where = data.draw(st.sampled_from(_locations(document)[1:]), label="where")
        char = data.draw(st.sampled_from(["x", "é", "\x00", "1", " "]), label="char")
        text = json.dumps(_replace(document, where, char * HUGE))
        error = error_or_none(text, "json")
        if error is not None:
            assert all(len(detail.message) <= MAX_MESSAGE for detail in error.errors)
            assert len(str(error)) < 50_000


# -- 3. only regular files, at most 64 MiB --------------------------------------------------------
def _locations(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_locations(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_locations(item, (*prefix, index)))
    return found


def _replace(document: dict[str, Any], where: tuple[Any, ...], new: Any) -> dict[str, Any]:
    parent: Any = document
    for step in where[:-1]:
        parent = parent[step]
    parent[where[-1]] = new
    return document


def _validate(path: Path) -> int:
    return main(["validate", str(path)])


class TestLoadOnlyRegularFiles:
    @pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
    def test_a_link_to_dev_zero(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        link = tmp_path / "z.toml"
        link.symlink_to("/dev/zero")
        with pytest.raises(ValidationError) as info:
            vendorgov.load(link)
        assert info.value.source == str(link)
        assert info.value.errors == (
            ErrorDetail("", "cannot read the file: it is a character device, not a regular file"),
        )
        assert _validate(link) == 2
        output = capsys.readouterr()
        assert f"{link}: cannot read the file: it is a character device" in output.out + output.err

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
    def test_a_fifo_is_refused_without_blocking(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        fifo = tmp_path / "m.json"
        os.mkfifo(fifo)
        outcome: list[object] = []

        def run() -> None:
            try:
                vendorgov.load(fifo)
            except ValidationError as error:
                outcome.append(error)

        worker = threading.Thread(target=run, daemon=True)
        worker.start()
        worker.join(30)
        if worker.is_alive():  # blocked opening the pipe: a writer lets it go, then fail
            os.close(os.open(fifo, os.O_WRONLY))
            worker.join()
            pytest.fail("load() blocked on a named pipe")
        [error] = outcome
        assert isinstance(error, ValidationError)
        assert error.source == str(fifo)
        assert error.errors[0].message == (
            "cannot read the file: it is a named pipe (FIFO), not a regular file"
        )
        assert _validate(fifo) == 2
        output = capsys.readouterr()
        assert "named pipe (FIFO)" in output.out + output.err

    @pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
    def test_a_socket(self, tmp_path: Path) -> None:
        path = tmp_path / "s.toml"
        server = socket.socket(socket.AF_UNIX)
        try:
            server.bind(str(path))
        except OSError:  # pragma: no cover - a path too long for a socket address
            pytest.skip("temporary path too long for a Unix socket")
        try:
            with pytest.raises(ValidationError) as info:
                vendorgov.load(path)
        finally:
            server.close()
        assert info.value.errors[0].message == (
            "cannot read the file: it is a socket, not a regular file"
        )

    def test_a_folder(self, tmp_path: Path) -> None:
        folder = tmp_path / "m.toml"
        folder.mkdir()
        assert _validate(folder) == 2

    def test_a_link_to_a_regular_file_is_read(self, tmp_path: Path) -> None:
        target = tmp_path / "real.json"
        target.write_text(json.dumps(f.mission_data()), encoding="utf-8")
        link = tmp_path / "m.json"
        link.symlink_to(target)
        assert vendorgov.load(link).key == "logistique"

    def test_a_broken_link(self, tmp_path: Path) -> None:
        link = tmp_path / "m.json"
        link.symlink_to(tmp_path / "nowhere")
        with pytest.raises(ValidationError) as info:
            vendorgov.load(link)
        assert info.value.errors[0].message == "cannot read the file: No such file or directory"


class TestLoadSizeLimit:
    def test_a_file_over_the_limit_is_refused_before_reading(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "m.json"
        path.write_text(json.dumps(f.mission_data()), encoding="utf-8")
        size = path.stat().st_size
        monkeypatch.setattr(ser, "_MAX_TEXT", 100)
        monkeypatch.setattr(ser.os, "open", _refuse_to_open)
        with pytest.raises(ValidationError) as info:
            vendorgov.load(path)
        assert info.value.source == str(path)
        assert info.value.errors[0].message == (
            f"the file is larger than 64 MiB ({size:,} bytes or more)"
        )

    def test_a_file_that_grew_is_read_only_one_byte_past_the_limit(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "m.json"
        path.write_text(json.dumps(f.mission_data()), encoding="utf-8")
        real_stat = Path.stat

        def small(self: Path, **kwargs: Any) -> os.stat_result:
            info = real_stat(self, **kwargs)
            if self != path:
                return info
            fields = list(info)
            fields[6] = 10  # st_size: the file was small when looked at
            return os.stat_result(fields)

        monkeypatch.setattr(ser, "_MAX_TEXT", 100)
        monkeypatch.setattr(Path, "stat", small)
        with pytest.raises(ValidationError) as info:
            vendorgov.load(path)
        assert info.value.errors[0].message == "the file is larger than 64 MiB (101 bytes or more)"

    def test_the_limit_is_64_mib(self) -> None:
        assert ser._MAX_TEXT == 64 * 1024 * 1024


def _refuse_to_open(*args: object, **kwargs: object) -> int:
    raise AssertionError("the file was opened")


# -- 4. duplicate keys ----------------------------------------------------------------------------
class TestDuplicateKeys:
    def test_json(self) -> None:
        text = as_json_with_duplicates()
        error = problems_of(text, "json")
        assert [(d.path, d.message) for d in error.errors] == [
            ("name", "duplicate key 'name'"),
            ("contacts[1].name", "duplicate key 'name'"),
            ("kpis[0].weight", "duplicate key 'weight'"),
            ("kpis[0].weight", "duplicate key 'weight'"),
        ]

    def test_yaml(self) -> None:
        import yaml

        text = yaml.safe_dump(f.mission_data(), sort_keys=False, allow_unicode=True)
        text = text.replace("- name: Paul Roux\n", "- name: Paul Roux\n  name: Paul Rou\n")
        text = text.replace("name: Logistique e-commerce\n", "name: A\nname: B\n")
        error = problems_of(text, "yaml")
        assert [(d.path, d.message) for d in error.errors] == [
            ("name", "duplicate key 'name'"),
            ("contacts[1].name", "duplicate key 'name'"),
        ]

    def test_toml(self) -> None:
        error = problems_of('schema_version = 1\nname = "a"\nname = "b"\n', "toml")
        assert error.errors[0].message.startswith("malformed TOML: Cannot overwrite a value")

    def test_a_key_and_the_same_key_quoted_in_yaml(self) -> None:
        error = problems_of("schema_version: 1\ntype: money\nname: a\n'name': b\n", "yaml")
        assert error.errors == (ErrorDetail("name", "duplicate key 'name'"),)

    def test_a_table_shared_by_aliases_is_named_once(self) -> None:
        text = (
            "schema_version: 1\ntype: money\nfirst: &t {a: 1, a: 2}\nsecond: *t\nthird: [*t, *t]\n"
        )
        error = problems_of(text, "yaml")
        assert error.errors == (ErrorDetail("first.a", "duplicate key 'a'"),)

    def test_a_key_that_needs_quoting_in_the_path(self) -> None:
        error = problems_of('{"schema_version": 1, "a b": 1, "a b": 2}', "json")
        assert error.errors == (ErrorDetail('["a b"]', "duplicate key 'a b'"),)

    def test_a_long_duplicate_key_is_cut(self) -> None:
        key = "k" * HUGE
        error = problems_of(f'{{"schema_version": 1, "{key}": 1, "{key}": 2}}', "json")
        [detail] = error.errors
        assert len(detail.path) < 100
        assert detail.message.endswith("(cut; 100,000 characters)")

    def test_non_text_keys_twice_in_yaml_are_refused_as_not_text(self) -> None:
        error = problems_of("schema_version: 1\ntype: money\nt: {1: a, 1: b}\n", "yaml")
        assert error.errors == (ErrorDetail("t", "keys must be text, got integer 1"),)

    def test_no_duplicates_means_no_walk_for_json(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(ser, "_key_problems", _refuse_to_open)
        assert vendorgov.loads(json.dumps(f.mission_data()), "json").key == "logistique"


class TestYamlMergeKeys:
    """``<<`` merges a table in; a key written beside it overrides the merged one."""

    DEFAULTS = "defaults: &d {amount: '1', currency: EUR}\n"

    def test_a_key_beside_a_merge_overrides_it(self) -> None:
        text = "schema_version: 1\ntype: money\n<<: {amount: '1', currency: EUR}\namount: '2'\n"
        assert vendorgov.loads(text, "yaml") == vendorgov.Money(Decimal("2"), "EUR")

    def test_a_merged_table_alone(self) -> None:
        text = "schema_version: 1\ntype: money\n<<: {amount: '1', currency: EUR}\n"
        assert vendorgov.loads(text, "yaml") == vendorgov.Money(Decimal("1"), "EUR")

    def test_several_merged_tables_may_share_keys(self) -> None:
        import yaml

        text = (
            "schema_version: 1\ntype: money\n"
            "<<: [{amount: '1', currency: EUR}, {amount: '3', currency: USD}]\n"
        )
        money = vendorgov.loads(text, "yaml")
        assert money.amount == Decimal(yaml.safe_load(text)["amount"])  # PyYAML picks the value

    def test_two_merge_keys_in_one_table(self) -> None:
        text = "schema_version: 1\ntype: money\n<<: {amount: '1'}\n<<: {currency: EUR}\n"
        error = problems_of(text, "yaml")
        assert error.errors == (ErrorDetail('["<<"]', "duplicate key '<<'"),)

    def test_a_duplicate_inside_a_merged_table(self) -> None:
        text = "schema_version: 1\ntype: money\n<<: {amount: '1', amount: '2', currency: EUR}\n"
        error = problems_of(text, "yaml")
        # the merged table is nowhere in the data: the "<<" that brings it in names it
        assert error.errors == (ErrorDetail('["<<"]', "duplicate key 'amount'"),)

    def test_a_merged_table_used_many_times_is_reported_once(self) -> None:
        text = (
            "schema_version: 1\ntype: money\nx: [{<<: &d {a: 1, a: 2}}, {<<: *d}, {<<: [*d, *d]}]\n"
        )
        error = problems_of(text, "yaml")
        assert error.errors == (ErrorDetail('x[0]["<<"]', "duplicate key 'a'"),)

    def test_a_merged_table_also_written_as_a_value(self) -> None:
        text = "schema_version: 1\ntype: money\nd: &d {a: 1, a: 2}\ne: {<<: *d}\n"
        error = problems_of(text, "yaml")
        # named where it is written, and by the first "<<" that uses it
        assert sorted(error.errors, key=str) == [
            ErrorDetail("d.a", "duplicate key 'a'"),
            ErrorDetail('e["<<"]', "duplicate key 'a'"),
        ]


def as_json_with_duplicates() -> str:
    """The valid mission as JSON, with four keys written twice."""
    text = json.dumps(f.mission_data(), ensure_ascii=False)
    text = text.replace('"name": "Logistique e-commerce"', '"name": "A", "name": "B"', 1)
    text = text.replace('"name": "Paul Roux"', '"name": "Paul Roux", "name": "P"', 1)
    text = text.replace('"weight": "2"', '"weight": "2", "weight": "3", "weight": "4"', 1)
    return text


def _dumps_with_a_repeat(value: Any, target: tuple[Any, ...], here: tuple[Any, ...] = ()) -> str:
    """JSON text of ``value``; the table at ``target`` writes its first key twice."""
    if isinstance(value, dict):
        items = [
            f"{json.dumps(key)}: {_dumps_with_a_repeat(item, target, (*here, key))}"
            for key, item in value.items()
        ]
        if here == target and items:
            items.append(items[0])
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        inner = [_dumps_with_a_repeat(item, target, (*here, i)) for i, item in enumerate(value)]
        return "[" + ", ".join(inner) + "]"
    return json.dumps(value)


def _tables(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(value, dict):
        if value:
            found.append(here)
        for key, item in value.items():
            found += _tables(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _tables(item, (*here, index))
    return found


def _path(where: tuple[Any, ...]) -> str:
    text = ""
    for step in where:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


class TestDuplicatesAnywhere:
    @given(st.data())
    def test_a_repeated_key_in_any_table_is_named(self, data: st.DataObject) -> None:
        document = f.mission_data()
        where = data.draw(st.sampled_from(_tables(document)), label="table")
        text = _dumps_with_a_repeat(document, where)
        error = problems_of(text, "json")
        table: Any = document
        for step in where:
            table = table[step]
        first = next(iter(table))
        assert error.errors == (ErrorDetail(_path((*where, first)), f"duplicate key {first!r}"),)


# -- nothing but ValidationError, still --------------------------------------------------------
YAML_PIECES = st.sampled_from(
    [
        "schema_version: 1\n",
        "type: money\n",
        "amount: '1'\n",
        "currency: EUR\n",
        "<<: {amount: '1'}\n",
        "<<: *a\n",
        "x: &a {k: 1, k: 2}\n",
        "y: *a\n",
        "1: 2\n",
        "? [1, 2]\n: 3\n",
        "? {a: 1}\n: 3\n",
        "<<: [*a, {z: 1}]\n",
        "list: &l [*a, *a]\n",
        "name: *l\n",
        "<<: 1\n",
        "'<<': x\n",
        "!!merge <<: {}\n",
        "on: yes\n",
    ]
)


class TestNothingElseEscapes:
    @settings(max_examples=settings.default.max_examples * 4)
    @given(pieces=st.lists(YAML_PIECES, max_size=8))
    def test_yaml_with_merges_aliases_and_repeats(self, pieces: list[str]) -> None:
        error = error_or_none("".join(pieces), "yaml")
        if error is not None:
            assert error.errors
            assert all(isinstance(d.path, str) and isinstance(d.message, str) for d in error.errors)


class TestLoneSurrogates:
    """A JSON escape like ``\\ud800`` spells a code point that is not a character."""

    def test_refused_at_load_with_the_path(self) -> None:
        data = f.mission_data()
        data["kpis"][0]["name"] = "bad \udcff name"
        error = problems_of(json.dumps(data), "json")
        assert [detail.path for detail in error.errors] == ["kpis[0].name"]
        assert "lone surrogate (U+DCFF) at character 5" in error.errors[0].message

    def test_yaml_refuses_it_as_it_parses(self) -> None:
        data = f.mission_data()
        data["kpis"][0]["name"] = "bad \udcff name"
        error = problems_of(json.dumps(data), "yaml")  # JSON is YAML: the same escape
        assert "malformed YAML" in error.errors[0].message

    def test_a_pair_of_escapes_is_one_character(self) -> None:
        data = f.mission_data()
        data["kpis"][0]["name"] = "ok \U0001f600"
        mission = vendorgov.loads(json.dumps(data), "json")  # json.dumps writes \ud83d\ude00
        assert mission.kpis[0].name == "ok \U0001f600"

    def test_refused_in_python_too(self) -> None:
        with pytest.raises(ValidationError) as info:
            vendorgov.Measurement(kpi="k", at=dt.date(2027, 1, 1), value=Decimal(1), note="\ud800")
        assert [detail.path for detail in info.value.errors] == ["note"]


class TestTheCliSaysHowManyMore:
    def test_a_counted_rest(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        data = f.mission_data()
        data.update({f"unknown_{index:03}": 1 for index in range(150)})
        (tmp_path / "m.json").write_text(json.dumps(data), encoding="utf-8")
        assert main(["validate", str(tmp_path / "m.json")]) == 2
        out = capsys.readouterr().out.splitlines()
        assert len(out) == MAX_PROBLEMS + 1
        assert out[-1] == f"... and 50 more problems in {tmp_path / 'm.json'}"
        assert main(["score", str(tmp_path / "m.json"), "--at", "2027-06-01"]) == 2
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 21  # the CLI shows 20 problems, then counts the other 130
        assert err[-1] == (
            f"vendorgov: ... and 130 more problems in {tmp_path / 'm.json'}; "
            f"'vendorgov validate {tmp_path / 'm.json'}' lists the first 100"
        )

    def test_a_rest_not_counted(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        data = f.mission_data()
        data["measurements"] = [{"kpi": data["kpis"][0]["key"], "at": "x"}] * 500
        (tmp_path / "m.json").write_text(json.dumps(data), encoding="utf-8")
        assert main(["validate", "--json", str(tmp_path / "m.json")]) == 2
        report = json.loads(capsys.readouterr().out)["files"][0]
        assert (len(report["errors"]), report["more"]) == (MAX_PROBLEMS, None)
        assert main(["validate", str(tmp_path / "m.json")]) == 2
        assert capsys.readouterr().out.splitlines()[-1].startswith("... and more problems in ")
