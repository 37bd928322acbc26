"""The documentation tells the truth: its examples run and its promises hold.

- Every ``python`` and ``pycon`` block of ``docs/**/*.md`` and ``README.md`` runs, in order,
  one namespace per page. A block of ``>>>`` lines runs as a doctest, so the output it shows
  is checked too; any other Python block is executed.
- Every ``toml`` or ``json`` block that holds a vendorgov document (it starts with
  ``schema_version``) loads without error.
- The README opens with exactly two one-line set-up commands, and ``.ci/run`` runs those.
- The API reference renders every public name.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import vendorgov

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"

_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_PYTHON = {"python", "py", "pycon"}


class Block(NamedTuple):
    lang: str
    body: str
    line: int  # 1-based line of the opening fence


def blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page, in order."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        indent = match.group("indent")
        body = "".join(
            line[len(indent) :] if line.startswith(indent) else line
            for line in match.group("body").splitlines(keepends=True)
        )
        found.append(Block(match.group("lang"), body, text.count("\n", 0, match.start()) + 1))
    return found


def _is_document(block: Block) -> bool:
    """Whether a block is a whole vendorgov file (not an excerpt)."""
    body = block.body.lstrip()
    if block.lang == "toml":
        return body.startswith("schema_version")
    return block.lang == "json" and body.startswith("{") and '"schema_version"' in body


def _runnable(page: Path) -> bool:
    return any(block.lang in _PYTHON or _is_document(block) for block in blocks(page))


PAGES = [
    page for page in [*sorted(DOCS.rglob("*.md")), README] if page.exists() and _runnable(page)
]


def _where(page: Path, block: Block) -> str:
    name = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page.name
    return f"{name}:{block.line}"


def _run_python(block: Block, page: Path, namespace: dict[str, Any]) -> None:
    where = _where(page, block)
    if block.body.lstrip().startswith(">>>"):
        test = doctest.DocTestParser().get_doctest(
            block.body, namespace, where, str(page), block.line
        )
        output = io.StringIO()
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        result = runner.run(test, out=output.write, clear_globs=False)
        namespace.update(test.globs)  # DocTest runs on a copy; later blocks see its names
        if result.failed:
            pytest.fail(f"example at {where} failed:\n{output.getvalue()}", pytrace=False)
    else:
        exec(compile(block.body, where, "exec"), namespace)


def _load_data(block: Block, page: Path) -> None:
    where = _where(page, block)
    try:
        vendorgov.loads(block.body, format="toml" if block.lang == "toml" else "json")
    except vendorgov.ValidationError as error:
        pytest.fail(f"{block.lang} example at {where} does not load:\n{error}", pytrace=False)


class TestExamplesRun:
    @pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
    def test_page(self, page: Path) -> None:
        namespace: dict[str, Any] = {"__name__": f"docs:{page.stem}"}
        for block in blocks(page):
            if block.lang in _PYTHON:
                _run_python(block, page, namespace)
            elif _is_document(block):
                _load_data(block, page)

    def test_the_runner_finds_the_walk_through(self) -> None:
        # Guards the fence pattern: were it to match nothing, every page would pass.
        page = DOCS / "getting-started.md"
        examples = [block for block in blocks(page) if block.lang == "pycon"]
        assert len(examples) >= 8
        assert page in PAGES

    def test_a_failing_example_fails(self, tmp_path: Path) -> None:
        page = tmp_path / "wrong.md"
        page.write_text("```pycon\n>>> 1 + 1\n3\n```\n", encoding="utf-8")
        with pytest.raises(pytest.fail.Exception, match="failed"):
            _run_python(blocks(page)[0], page, {})


def readme_commands() -> list[str]:
    """The set-up commands the README opens with: its first two ``sh`` blocks."""
    return [block.body.strip() for block in blocks(README) if block.lang == "sh"][:2]


class TestReadme:
    def test_opens_with_two_one_line_commands(self) -> None:
        text = README.read_text(encoding="utf-8")
        first_section = text.split("\n## ", 1)[0]
        fences = [block for block in blocks(README) if block.line <= first_section.count("\n")]
        assert [block.lang for block in fences] == ["sh", "sh"]
        assert all(block.body.strip().count("\n") == 0 for block in fences)
        demo, tests = readme_commands()
        assert demo.endswith("vendorgov demo")
        assert tests.endswith("python -m pytest")

    def test_pitch_comes_first(self) -> None:
        lines = README.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# vendorgov"
        first_fence = next(i for i, line in enumerate(lines) if line.startswith("```"))
        pitch = [line for line in lines[1:first_fence] if line.strip()]
        assert pitch, "a one-paragraph pitch precedes the commands"

    @pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
    def test_ci_runs_the_readme_commands(self) -> None:
        printed = subprocess.run(
            ["bash", str(ROOT / ".ci" / "run"), "--print-commands"],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
        assert printed.splitlines() == readme_commands()


def _documented() -> set[int]:
    """``id()`` of every object the API reference renders with ``::: target``."""
    text = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    found: set[int] = set()
    for match in re.finditer(r"^::: (\S+)\n((?:    .*\n)*)", text, re.MULTILINE):
        module_name, _, attribute = match.group(1).rpartition(".")
        try:
            target = importlib.import_module(match.group(1))
        except ModuleNotFoundError:
            target = getattr(importlib.import_module(module_name), attribute)
        found.add(id(target))
        members = re.search(r"members: \[(.*)\]", match.group(2))
        if members:
            for member in members.group(1).split(","):
                found.add(id(getattr(target, member.strip())))
    return found


class TestApiReference:
    def test_renders_every_public_name(self) -> None:
        documented = _documented()
        missing = []
        for name in vendorgov.__all__:
            value = getattr(vendorgov, name)
            if id(value) in documented:
                continue
            inner_names = getattr(value, "__all__", None)
            if (
                inspect.ismodule(value)
                and inner_names
                and all(id(getattr(value, inner)) in documented for inner in inner_names)
            ):
                continue
            missing.append(name)
        assert missing == []
