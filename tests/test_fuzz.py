"""Mutation fuzzing of mission files in TOML, JSON and YAML (see ``tests/mutations.py``).

The property: ``vendorgov.loads`` on a mutated demo mission either raises a
``ValidationError`` — listing at most ``MAX_ERRORS`` problems, and never for a file
it should have accepted — or returns a mission on which every public computation
(scoring, findings, payouts, budget, reporting, reviews, calendar, documents in
both languages and formats, ``dumps`` round trips) returns or raises a documented
``VendorgovError``, at the mission's start, its end, a milestone due date,
0001-01-01 and 9999-12-31; and the CLI commands on the same file exit 0, 1 or 2.

The number of examples follows the Hypothesis profile (``tests/conftest.py``),
scaled so that the ``ci`` profile stays around a minute. For the long run::

    python benchmarks/fuzz_long.py --minutes 10
"""

from __future__ import annotations

import pytest
from hypothesis import given, note, settings

import vendorgov
from mutations import (
    FORMATS,
    Case,
    cases,
    describe,
    emit,
    exercise,
    has_duplicate_keys,
    seeds,
)
from vendorgov import examples

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
    if outcome.failures:
        raise outcome.failures[0].error
