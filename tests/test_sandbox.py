"""The sandbox of users' templates: sizes refused before they are built, a time budget.

Each payload below would, without the sandbox's bounds, build hundreds of megabytes or
more (``('a' * 30000)|replace('a', 'b' * 30000)`` is 900 MB) or run for hours. The tests
assert that it is refused with a `TemplateError` naming the template and the line and,
for the size bounds, that the render's peak of traced memory stays small: the refusal
comes *before* the allocation. The time budget is lowered to a fraction of a second for
the tests (``sandbox.TIME_LIMIT``), and no test asserts on elapsed time.
"""

from __future__ import annotations

import concurrent.futures
import tracemalloc
from typing import Any

import pytest

from vendorgov import Document, TemplateError, examples, render
from vendorgov._documents import environment, sandbox

MISSION = examples.demo_mission("logistique")
PEAK_LIMIT = 50_000_000  # bytes of traced memory a refused render may reach


def _render(source: str, **changes: Any) -> Document:
    templates = {"specification.md.j2": "line one\n" + source + "\n"}
    return render(MISSION, "specification", templates=templates, **changes)


def _refusal(source: str, **changes: Any) -> tuple[TemplateError, int]:
    """The error ``source`` raises, and the peak of traced memory while it ran."""
    _render("warm-up")  # the environment, the built-ins and Babel's data, loaded once
    tracemalloc.start()
    try:
        with pytest.raises(TemplateError) as caught:
            _render(source, **changes)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return caught.value, peak


def _assert_refused(source: str, words: str) -> None:
    error, peak = _refusal(source)
    assert (error.template, error.line) == ("specification.md.j2", 2), error
    assert words in error.message, error.message
    assert peak < PEAK_LIMIT, f"peak {peak / 1e6:.0f} MB"


@pytest.fixture
def short_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.2)


# -- sizes, refused before the value exists ------------------------------------------------------
STRING_PAYLOADS = {
    "replace filter": "{{ ('a' * 30000)|replace('a', 'b' * 30000) }}",
    "replace filter, 40 GB": "{{ ('a' * 200000)|replace('a', 'b' * 200000) }}",
    "str.replace": "{{ ('a' * 30000).replace('a', 'b' * 30000) }}",
    "wordwrap": "{{ ('a' * 30000)|wordwrap(1, wrapstring='b' * 30000) }}",
    "join filter, list": "{{ (['a' * 30000] * 30000)|join }}",
    "join filter, string": "{{ ('a' * 30000)|join('b' * 30000) }}",
    "join filter, attribute": "{{ ([mission] * 30000)|join('b' * 30000, attribute='name') }}",
    "str.join": "{{ ('b' * 30000).join('a' * 30000) }}",
    "Markup.join": "{{ ('<'|safe).join(['<' * 1000] * 3000) }}",
    "indent, text width": "{{ ('\\n' * 30000)|indent('x' * 30000) }}",
    "indent, blank lines": "{{ ('\\n' * 30000)|indent('x' * 30000, first=True, blank=True) }}",
    "indent, number width": "{{ ('\\n' * 100000)|indent(1000) }}",
    "center": "{{ 'x'|center(100000000) }}",
    "str.center": "{{ 'x'.center(100000000) }}",
    "str.ljust": "{{ 'x'.ljust(100000000) }}",
    "str.rjust": "{{ 'x'.rjust(10000001) }}",
    "str.zfill": "{{ 'x'.zfill(10000001) }}",
    "str.expandtabs": "{{ ('\\t' * 30000).expandtabs(30000) }}",
    "str.expandtabs, mixed": "{{ ('a\\tb' * 3000000).expandtabs(1000) }}",
    "str.translate": "{{ ('x' * 10000).translate({120: 'y' * 10000}) }}",
    "str.encode": "{{ ('x' * 3000000).encode('utf-32') }}",
    "str.upper": "{{ ('ß' * 6000000).upper() }}",
    "upper filter": "{{ ('ß' * 6000000)|upper }}",
    "percent, many values": "{{ ('%s' * 3000) % (('a' * 1000000,) * 3000) }}",
    "percent, widths": "{{ ('%-9999999s' * 100) % (('a',) * 100) }}",
    "percent, one width": "{{ '%0100000000d' % 1 }}",
    "percent, star width": "{{ '%*d' % (100000000, 1) }}",
    "percent, precision": "{{ '%.100000000f' % 1 }}",
    "percent, mapping": "{{ ('%(a)s' * 3000) % {'a': 'x' * 10000} }}",
    "percent, markup escapes": "{{ ('%s'|safe) % ('<' * 3000000) }}",
    "repetition": "{{ 'x' * 100000000 }}",
    "repetition, bytes": "{{ 'x'.encode() * 100000000 }}",
    "concatenation ~": "{{ ('a' * 6000000) ~ ('a' * 6000000) }}",
    "concatenation ~, escaped": "{{ ('<' * 3000000)|safe ~ ('<' * 3000000) }}",
    "concatenation +": "{{ ('a' * 6000000) + ('a' * 6000000) }}",
    "concatenation +, markup": "{{ ('<' * 3000000)|safe + ('<' * 3000000) }}",
    "printing a huge text": "{{ [['x' * 1000] * 10000] * 1000 }}",
    "printing escaped": "{{ '<' * 9000000 }}",
    "string filter": "{{ ([['x' * 1000] * 10000] * 1000)|string }}",
    "escape filter": "{{ ('<' * 3000000)|e }}",
    "pprint": "{{ ([['x' * 1000] * 10000] * 1000)|pprint }}",
    "tojson": "{{ ([['x' * 1000] * 10000] * 1000)|tojson }}",
    "tojson, escaped": "{{ (['<' * 1000] * 3000)|tojson }}",
    "tojson, indent": "{{ ([[1] * 1000] * 1000)|tojson(indent=100) }}",
    "xmlattr": "{{ {'a': '<' * 3000000}|xmlattr }}",
    "urlize": "{{ ('a.co ' * 500000)|urlize }}",
    "urlencode": "{{ ('<' * 4000000)|urlencode }}",
    "str.format is refused": "{{ '{:>1000000000}'.format(mission.name) }}",
    "format filter is refused": "{{ '%1000000000s'|format(mission.name) }}",
    "set block": (
        "{% set x %}{% for i in range(100) %}{{ 'y' * 200000 }}{% endfor %}{% endset %}{{ x }}"
    ),
    "macro output": (
        "{% macro m() %}{% for i in range(100) %}{{ 'y' * 200000 }}{% endfor %}{% endmacro %}"
        "{{ m() }}"
    ),
    "filter block": (
        "{% filter upper %}{% for i in range(100) %}{{ 'y' * 200000 }}{% endfor %}{% endfilter %}"
    ),
}

COLLECTION_PAYLOADS = {
    "list repetition": "{{ ['x'] * 100000000 }}",
    "range list repetition": "{{ (range(100000)|list) * 100 }}",
    "list of characters": "{{ ('x' * 2000000)|list|length }}",
    "list concatenation": "{{ ((range(100000)|list) * 6) + ((range(100000)|list) * 6) }}",
    "batch": "{{ ((range(100000)|list) * 5)|batch(1)|list|length }}",
    "batch, filled": "{{ [1]|batch(2000000, 'x')|list|length }}",
    "slice": "{{ [1]|slice(2000000, 'x')|list|length }}",
    "str.split": "{{ ('a ' * 2000000).split()|length }}",
    "str.splitlines": "{{ ('\\n' * 2000000).splitlines()|length }}",
    "sum of lists": "{{ ([[1] * 10] * 200000)|sum(start=[])|length }}",
    "sum of lists, quadratic": "{{ ([[1] * 10] * 90000)|sum(start=[])|length }}",
    "integer power": "{{ (2 ** 1000) ** 1000 }}",
    "exponent": "{{ 2 ** 100000 }}",
}


class TestSizesAreRefusedBeforeAllocation:
    @pytest.mark.parametrize("source", STRING_PAYLOADS.values(), ids=STRING_PAYLOADS.keys())
    def test_strings(self, source: str) -> None:
        error, peak = _refusal(source)
        assert (error.template, error.line) == ("specification.md.j2", 2), error
        assert error.message.startswith("not allowed: "), error.message
        assert peak < PEAK_LIMIT, f"peak {peak / 1e6:.0f} MB"

    @pytest.mark.parametrize("source", COLLECTION_PAYLOADS.values(), ids=COLLECTION_PAYLOADS.keys())
    def test_collections(self, source: str) -> None:
        error, peak = _refusal(source)
        assert (error.template, error.line) == ("specification.md.j2", 2), error
        assert error.message.startswith("not allowed: "), error.message
        assert peak < PEAK_LIMIT, f"peak {peak / 1e6:.0f} MB"

    def test_the_message_says_what_was_refused(self) -> None:
        _assert_refused(
            "{{ ('a' * 30000)|replace('a', 'b' * 30000) }}",
            "a value of more than 10000000 characters",
        )
        _assert_refused("{{ (range(100000)|list) * 100 }}", "more than 1000000 items")

    def test_an_iterator_stops_at_the_item_limit(self) -> None:
        _assert_refused("{{ ('x' * 2000000)|select|list|length }}", "1000000 items")


class TestTotalBudget:
    def test_values_kept_one_after_another(self) -> None:
        # Each value is within the limits; together they would take 1 TB.
        source = (
            "{% set ns = namespace(kept=[]) %}{% for i in range(100000) %}"
            "{% set ns.kept = ns.kept + ['x' * 9000000] %}{% endfor %}"
        )
        error, _ = _refusal(source)
        assert "building more than 100000000 characters in one render" in error.message

    def test_nested_ranges_multiply(self) -> None:
        # Not under tracemalloc: it would trace 12 million integers.
        source = "{% for i in range(100000) %}{% set x = range(100000)|list %}{% endfor %}"
        with pytest.raises(TemplateError, match="building more than 100000000 characters"):
            _render(source)

    def test_lazy_values_built_through_map(self) -> None:
        source = "{{ (range(100000)|list)|map('string')|map('center', 9000000)|join|length }}"
        error, _ = _refusal(source)
        assert "building more than" in error.message

    def test_each_render_has_its_own_budget(self) -> None:
        source = "{% for i in range(50) %}{% set x = 'x' * 1000000 %}{% endfor %}done"
        for _ in range(3):  # 50 MB each, 150 MB in all: the budget is per render
            assert _render(source).text.startswith("line one\ndone\n")


class TestTimeBudget:
    @pytest.mark.usefixtures("short_time_limit")
    @pytest.mark.parametrize(
        "source",
        [
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
            "{{ f(40) }}",
            "{% for c in 'x' * 9000000 %}{% endfor %}",
            "{% for i in range(100000) %}{{ range(100000)|select('odd')|list|length }}{% endfor %}",
        ],
        ids=["nested loops", "exponential macro", "loop over characters", "filters in a loop"],
    )
    def test_long_renders_stop(self, source: str) -> None:
        with pytest.raises(TemplateError) as caught:
            _render(source)
        assert (caught.value.template, caught.value.line) == ("specification.md.j2", 2)
        assert caught.value.message == (
            "not allowed: running for more than 0.2 seconds (the time limit of user templates)"
        )

    @pytest.mark.usefixtures("short_time_limit")
    def test_recursive_includes_without_loops_or_calls(self) -> None:
        # Only includes, comparisons and subtractions (not intercepted): 2**40 includes.
        templates = {
            "specification.md.j2": "{% set ns = namespace(depth=0) %}{% include 'a.j2' %}",
            "a.j2": (
                "{% set ns.depth = ns.depth - -1 %}{% if ns.depth < 40 %}"
                "{% include 'a.j2' %}{% include 'a.j2' %}{% endif %}"
                "{% set ns.depth = ns.depth - 1 %}"
            ),
        }
        with pytest.raises(TemplateError, match="time limit of user templates") as caught:
            render(MISSION, "specification", templates=templates)
        assert caught.value.template in {"a.j2", "specification.md.j2"}

    def test_the_default_limit_is_documented(self) -> None:
        assert sandbox.TIME_LIMIT == 10.0

    def test_built_in_templates_are_not_timed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.0)
        assert render(MISSION, "specification").text  # trusted: no budget at all
        with pytest.raises(TemplateError, match="time limit"):
            render(MISSION, "specification", templates={"unused.j2": ""})


class TestDeterministicText:
    @pytest.mark.parametrize(
        ("source", "words"),
        [
            ("{{ cycler }}", "cannot print a class 'Cycler'"),
            ("{{ cycler(1, 2) }}", "cannot print a Cycler object"),
            ("{{ joiner }}", "cannot print a class 'Joiner'"),
            ("{{ joiner(', ') }}", "cannot print a Joiner"),
            ("{{ namespace }}", "cannot print a class 'Namespace'"),
            ("{{ dict }}", "cannot print a class 'dict'"),
            ("{{ range }}", "cannot print a function"),
            ("{% macro m() %}{% endmacro %}{{ m }}", "cannot print a Macro 'm'"),
            ("{{ 'x'.upper }}", "cannot print a builtin_function_or_method 'upper'"),
            ("{{ mission.with_review }}", "cannot print a method 'with_review'"),
            ("{{ range(3)|map('string') }}", "cannot print an iterator"),
            ("{{ [cycler(1)] }}", "cannot print a Cycler object"),
            ("{{ 'a' ~ cycler(1) }}", "cannot print a Cycler object"),
            ("{{ '%s' % cycler(1) }}", "cannot print a Cycler object"),
            ("{{ cycler(1)|string }}", "cannot print a Cycler object"),
            ("{{ [joiner()]|join }}", "cannot print a Joiner"),
        ],
    )
    def test_reprs_with_an_address_are_refused(self, source: str, words: str) -> None:
        with pytest.raises(TemplateError) as caught:
            _render(source)
        assert words in caught.value.message
        assert caught.value.line == 2

    @pytest.mark.parametrize(
        ("source", "shown"),
        [
            ("{{ range(3) }}", "range(0, 3)"),
            ("{{ namespace(a=1) }}", "\\<Namespace {'a': 1}\\>"),
            ("{% set c = cycler('a', 'b') %}{{ c.next() }}{{ c.next() }}", "ab"),
            ("{% set j = joiner('/') %}{{ j() }}x{{ j() }}y", "x/y"),
            ("{{ [1, 'a', (2, 3)] }}", "\\[1, 'a', (2, 3)\\]"),
        ],
    )
    def test_data_prints_the_same_everywhere(self, source: str, shown: str) -> None:
        assert _render(source).text.startswith(f"line one\n{shown}\n")


class TestNumberErrors:
    @pytest.mark.parametrize(
        ("source", "words"),
        [
            ("{{ budget_total.amount * 10 ** 1000 }}", "an invalid decimal operation"),
            ("{{ budget_total.amount ** 1000 }}", "an invalid decimal operation"),
            ("{{ (budget_total.amount ** 1000) ** 1000 }}", "decimal overflow"),
            ("{{ budget_total.amount / 0 }}", "division by zero"),
            ("{{ 10 ** 1e6 }}", "a number too large to compute"),
            ("{{ (10 ** 900) ** 5 }}", "an integer too large to print (more than 4300 digits)"),
        ],
    )
    def test_messages_in_words(self, source: str, words: str) -> None:
        with pytest.raises(TemplateError) as caught:
            _render(source)
        assert words in caught.value.message
        assert "<class" not in caught.value.message
        assert caught.value.line == 2

    def test_long_messages_are_cut(self) -> None:
        with pytest.raises(TemplateError) as caught:
            _render("{{ ('x' * 9000000)|filesizeformat }}")
        assert caught.value.message.startswith("could not convert string to float: 'xxx")
        assert len(caught.value.message) == 300


class TestWithinTheLimits:
    """The bounds refuse what is too large, not what is merely large or unusual."""

    @pytest.mark.parametrize(
        ("source", "shown"),
        [
            ("{{ ('a' * 3)|replace('a', 'bc') }}", "bcbcbc"),
            ("{{ 'abc'.replace('', '-') }}", "-a-b-c-"),
            ("{{ ('a' * 1000)|replace('a', 'b' * 9000)|length }}", "9000000"),
            ("{{ ['a', 'b']|join(', ') }}", "a, b"),
            ("{{ mission.kpis|join(', ', attribute='key') }}", "on_time_shipping, "),
            ("{{ '-'.join(['a', 'b']) }}", "a-b"),
            ("{{ 'a b c'|wordwrap(1) }}", "a b c"),
            ("{{ 'x'|center(5)|length }}", "5"),
            ("{{ '%05d|%-3s|%.2f' % (42, 'a', 1.5) }}", "00042\\|a  \\|1.50"),
            ("{{ '%(a)s' % {'a': 1} }}", "1"),
            ("{{ 'a' ~ 1 ~ none }}", "a1None"),
            ("{{ ('x' * 4000000)|length }}", "4000000"),
            ("{{ (range(100000)|list * 10)|length }}", "1000000"),
            ("{{ range(10)|batch(3)|list|length }}", "4"),
            ("{{ [[1], [2]]|sum(start=[]) }}", "\\[1, 2\\]"),
            ("{{ {'a': 1, 'b': 'x'}|tojson }}", '{"a": 1, "b": "x"}'),
            ("{{ 'a\\tb'.expandtabs(4) }}", "a   b"),
            ("{{ 'Straße'.upper() }}", "STRASSE"),
            ("{{ ('x' * 4000000).upper()|length }}", "4000000"),  # ASCII keeps its length
            ("{{ 2 ** 10 }}", "1024"),
        ],
    )
    def test_ordinary_operations_work(self, source: str, shown: str) -> None:
        assert _render(source).text.startswith(f"line one\n{shown}")

    @pytest.mark.parametrize("document", ["specification", "contract", "kickoff", "review"])
    @pytest.mark.parametrize("fmt", ["md", "html"])
    def test_built_in_templates_render_the_same_in_the_sandbox(
        self, document: str, fmt: str
    ) -> None:
        at = MISSION.start.replace(month=MISSION.start.month + 3)
        trusted = render(MISSION, document, format=fmt, at=at)
        sandboxed = render(MISSION, document, format=fmt, at=at, templates={"unused.j2": ""})
        assert sandboxed.text == trusted.text

    def test_renders_in_threads_do_not_share_budgets(self) -> None:
        source = "{% for i in range(20) %}{% set x = 'x' * 4000000 %}{% endfor %}ok"
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            texts = list(pool.map(lambda _: _render(source).text, range(8)))
        assert all(text.startswith("line one\nok\n") for text in texts)


class TestModules:
    def test_user_templates_run_in_the_sandbox_module(self) -> None:
        env = environment.environment("fr", "md", False, environment.source_key({"a.j2": ""}))
        assert isinstance(env, sandbox.Sandbox)
        assert environment.MAX_OUTPUT_CHARS == sandbox.MAX_OUTPUT_CHARS == 10_000_000
