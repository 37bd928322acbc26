"""Mutation fuzzing of mission files in TOML, JSON and YAML (see ``tests/mutations.py``).

The property: ``vendorgov.loads`` on a mutated demo mission either raises a
``ValidationError`` listing at most ``MAX_ERRORS`` problems (and always does for a
JSON or YAML file that repeats a key), or returns a mission on which every public computation
(scoring, findings, payouts, budget, reporting, reviews, calendar, documents in
both languages and formats, ``dumps`` round trips) returns or raises a documented
``VendorgovError``, at the mission's start, its end, a milestone due date,
0001-01-01 and 9999-12-31; and the CLI commands on the same file exit 0, 1 or 2.

The number of examples follows the Hypothesis profile (``tests/conftest.py``),
scaled so that the ``ci`` profile stays around a minute. Longer runs::

    VENDORGOV_HYPOTHESIS_PROFILE=nightly pytest tests/test_fuzz.py   # 20,000 cases
    python benchmarks/fuzz_long.py --minutes 10   # statistics, worst time and memory

``TestFindings`` holds one minimal input for each bug the fuzzer found; the
fuzz test itself keeps finding them until they are fixed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from collections.abc import Callable

import pytest
from hypothesis import given, note, settings

import vendorgov
from mutations import (
    FORMATS,
    MAX_ERRORS,
    Case,
    cases,
    describe,
    emit,
    exercise,
    has_duplicate_keys,
    seeds,
)
from vendorgov import examples
from vendorgov._cli import main as cli_main

# A case takes about 0.1 s on average (a mission that loads: four renders, one or two
# CLI commands, every engine function at five dates); twice the profile's examples keeps
# `ci` (200 examples) well under a minute when nothing fails.
FUZZ_EXAMPLES = max(5, settings.default.max_examples * 2)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("fuzz")


class TestHarness:
    """The harness itself: the emitters write what the seeds hold."""

    @pytest.mark.parametrize("fmt", FORMATS)
    @pytest.mark.parametrize("key", examples.DEMO_KEYS)
    def test_emitted_seed_loads_as_the_demo(self, key: str, fmt: str) -> None:
        seed = seeds()[key, fmt]
        assert vendorgov.loads(emit(seed.tree, fmt), fmt) == examples.demo_mission(key)

    def test_duplicate_key_oracle(self) -> None:
        assert has_duplicate_keys('{"a": 1, "a": 2}', "json")
        assert has_duplicate_keys('{"a": 1, "b": {"c": 1, "c": 1}}', "yaml")
        assert not has_duplicate_keys('{"a": 1, "b": {"a": 1}}', "json")
        assert not has_duplicate_keys("a: &x {b: 1}\nc: *x\n", "yaml")


@settings(max_examples=FUZZ_EXAMPLES)
@given(case=cases())
def test_mutated_mission_files(case: Case, workdir) -> None:
    note(describe(case))
    outcome = exercise(case, workdir)
    for failure in outcome.failures:
        note(f"{failure.phase}: {type(failure.error).__name__} at {failure.where}: {failure.error}")
    # One exception per distinct failure (class and place): a group when there are
    # several, so that Hypothesis tells the bugs apart instead of reporting the first.
    distinct = list({failure.signature: failure.error for failure in outcome.failures}.values())
    if len(distinct) == 1:
        raise distinct[0]
    if distinct:
        raise ExceptionGroup(f"{len(distinct)} distinct failures", distinct)


# -- the findings, one minimal input each -----------------------------------------------
# What the fuzzer found on the code of issue 8, reduced by hand to the smallest input.
# Each test asserts the same property as above, so it passes once the bug is fixed,
# whichever fix is chosen (refusing the input at load time, or computing on it).
MEASUREMENT = '{ kpi = "on_time_shipping", at = 2026-03-08, value = 93.6 }'


def _logistique(measurement_at: str) -> str:
    text = examples.demo_text("logistique")
    assert MEASUREMENT in text
    return text.replace(MEASUREMENT, MEASUREMENT.replace("2026-03-08", measurement_at))


def _documented(function: Callable[[], object]) -> None:
    """``function()`` returns, or raises a documented ``VendorgovError``."""
    with contextlib.suppress(vendorgov.VendorgovError):
        function()


def _loaded(text: str, fmt: str = "toml") -> vendorgov.Mission | None:
    """The mission, or None when loads refuses it (which the property allows)."""
    try:
        return vendorgov.loads(text, fmt)
    except vendorgov.ValidationError:
        return None


class TestFindings:
    @pytest.mark.parametrize("key", examples.DEMO_KEYS)
    def test_assess_on_year_one(self, key: str) -> None:
        # health.py: `at - timedelta(days=1)` before date.min (OverflowError).
        mission = examples.demo_mission(key)
        _documented(lambda: vendorgov.assess(mission, dt.date.min))
        _documented(lambda: vendorgov.assess_portfolio([mission], dt.date.min))

    @pytest.mark.parametrize("key", examples.DEMO_KEYS)
    def test_review_chart_on_last_day(self, key: str) -> None:
        # charts.py `_next_month` past December 9999 (ValueError).
        mission = examples.demo_mission(key)
        _documented(lambda: vendorgov.render(mission, "review", format="html", at=dt.date.max))

    def test_review_chart_over_48_years(self) -> None:
        # charts.py `_month_starts`: `next()` finds no step for > 576 months (StopIteration).
        mission = _loaded(_logistique("0001-01-01"))
        if mission is not None:
            _documented(lambda: vendorgov.render(mission, "review", format="html", at=mission.end))

    def test_calendar_action_due_on_last_day(self) -> None:
        # _calendar.py `_all_day`: DTEND = due + 1 day past date.max (OverflowError).
        text = examples.demo_text("logistique")
        assert "due = 2026-04-30" in text
        mission = _loaded(text.replace("due = 2026-04-30", "due = 9999-12-31", 1))
        if mission is not None:
            _documented(lambda: vendorgov.calendar(mission))

    @pytest.mark.parametrize("call", ["payouts", "assess", "score_history", "calendar", "render"])
    def test_mission_starting_on_year_one(self, call: str) -> None:
        # scoring.py `_score`: `window_start - _DAY` before date.min (OverflowError);
        # _calendar.py VTIMEZONE: the day before 0001-01-01 is year 0 (ValueError).
        text = examples.demo_text("logistique")
        assert "start = 2026-03-02" in text
        mission = _loaded(text.replace("start = 2026-03-02", "start = 0001-01-01", 1))
        if mission is None:
            return
        if call == "calendar":
            _documented(lambda: vendorgov.calendar(mission))
        elif call == "render":
            _documented(lambda: vendorgov.render(mission, "review", at=mission.end))
        elif call == "score_history":
            _documented(lambda: vendorgov.score_history(mission))
        else:
            _documented(lambda: getattr(vendorgov, call)(mission, mission.end))

    @pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"])
    @pytest.mark.parametrize(
        "call",
        ["score", "assess", "payouts", "score_history", "calendar", "render", "cli"],
    )
    def test_measurement_at_extreme_datetime(self, moment: str, call: str, tmp_path) -> None:
        # scoring.py and _calendar.py: `astimezone` of the mission's zone leaves
        # date.min..date.max (OverflowError); the CLI exits 3.
        text = _logistique(moment)
        mission = _loaded(text)
        if call == "cli":
            file = tmp_path / "mission.toml"
            file.write_text(text, encoding="utf-8")
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                assert cli_main(["score", str(file), "--at", "2026-11-29"]) in (0, 1, 2)
            return
        if mission is None:
            return
        if call == "calendar":
            _documented(lambda: vendorgov.calendar(mission))
        elif call == "render":
            _documented(lambda: vendorgov.render(mission, "review", at=mission.end))
        else:
            _documented(lambda: getattr(vendorgov, call)(mission, mission.end))

    @pytest.mark.parametrize(
        ("fmt", "original", "repeated"),
        [
            ("json", '"key": "logistique",', '"key": "logistique",\n  "key": "other",'),
            ("yaml", "key: logistique\n", "key: logistique\nkey: other\n"),
        ],
    )
    def test_duplicate_key_refused(self, fmt: str, original: str, repeated: str) -> None:
        # serialization.py `_parse`: json.loads / yaml.load keep the last value silently.
        text = vendorgov.dumps(examples.demo_mission("logistique"), fmt)
        assert original in text
        with pytest.raises(vendorgov.ValidationError):
            vendorgov.loads(text.replace(original, repeated, 1), fmt)

    @pytest.mark.parametrize("call", ["render", "calendar", "dumps_yaml"])
    def test_lone_surrogate_in_json_string(self, call: str) -> None:
        # A JSON "\ud800" escape loads as a lone surrogate; encoding it to UTF-8 later fails
        # (render.py data_sha256, _calendar.py, serialization.py dumps YAML: UnicodeEncodeError).
        text = vendorgov.dumps(examples.demo_mission("logistique"), "json")
        assert '"Logistique e-commerce"' in text
        mission = _loaded(
            text.replace('"Logistique e-commerce"', '"Logistique \\ud800"', 1), "json"
        )
        if mission is None:
            return
        if call == "render":
            _documented(lambda: vendorgov.render(mission, "specification"))
        elif call == "calendar":
            _documented(lambda: vendorgov.calendar(mission))
        else:
            _documented(lambda: vendorgov.dumps(mission, "yaml"))

    def test_error_list_bounded(self) -> None:
        # serialization.py `_structure`: one problem per bad item, however many.
        data = json.loads(vendorgov.dumps(examples.demo_mission("logistique"), "json"))
        data["measurements"] = [
            {"kpi": "on_time_shipping", "at": "2026-03-08", "value": "x"}
        ] * 5000
        with pytest.raises(vendorgov.ValidationError) as caught:
            vendorgov.loads(json.dumps(data), "json")
        assert len(caught.value.errors) <= MAX_ERRORS
