"""The layers of DESIGN.md §3: the import-linter contracts, and the model's hooks.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``); CI runs them with
``lint-imports``, and this module runs them too, so that a broken arrow shows up in
``pytest``. import-linter is in the ``test`` and ``lint`` dependency groups; without it
the contract tests are skipped, not failed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import vendorgov
from vendorgov._model import hooks

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
SRC = ROOT / "src"

# The public entry point of `lint-imports`, without the logo and the cache folder.
_LINT = (
    "import sys\n"
    "from importlinter.cli import lint_imports\n"
    "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True, no_logo=True))\n"
)


def lint_imports(src: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the project's contracts on the ``vendorgov`` package found in ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [sys.executable, "-c", _LINT, str(PYPROJECT)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def contracts() -> list[dict[str, str]]:
    api = pytest.importorskip("importlinter.api")
    options: list[dict[str, str]] = api.read_configuration(str(PYPROJECT))["contracts_options"]
    return options


class TestContracts:
    def test_every_contract_is_kept(self, contracts: list[dict[str, str]]) -> None:
        result = lint_imports(SRC, ROOT)
        assert result.returncode == 0, result.stdout + result.stderr
        for contract in contracts:
            assert f"{contract['name']} KEPT" in result.stdout
        assert f"Contracts: {len(contracts)} kept, 0 broken." in result.stdout

    def test_the_contracts_of_the_design(self, contracts: list[dict[str, str]]) -> None:
        # layers, independence of the edges, and what the model and the engine may use
        assert [(c["id"], c["type"]) for c in contracts] == [
            ("layers", "layers"),
            ("edges", "independence"),
            ("model-libraries", "forbidden"),
            ("engine-libraries", "forbidden"),
        ]


# Each arrow DESIGN.md §3 forbids, written into a copy of the package: the contracts
# must catch it, inside a function too (imports inside functions are imports).
BROKEN_ARROWS = {
    "model imports an edge": (
        "_model/kpi.py",
        "from vendorgov._display import number",
        "vendorgov._model is not allowed to import vendorgov._display",
    ),
    "model imports the engine": (
        "_model/contract.py",
        "from vendorgov._engine.time import occurrences",
        "vendorgov._model is not allowed to import vendorgov._engine",
    ),
    "model imports pendulum": (
        "_model/money.py",
        "import pendulum",
        "vendorgov._model is not allowed to import pendulum",
    ),
    "engine imports babel": (
        "_engine/scoring.py",
        "import babel",
        "vendorgov._engine is not allowed to import babel",
    ),
    "schema imports serialization": (
        "_schema.py",
        "from vendorgov.serialization import SCHEMA_VERSION",
        "vendorgov._schema is not allowed to import vendorgov.serialization",
    ),
    "an edge imports another edge": (
        "_calendar.py",
        "from vendorgov._display import number",
        "vendorgov._calendar is not allowed to import vendorgov._display",
    ),
    "exceptions import the model": (
        "exceptions.py",
        "from vendorgov._model import money",
        "vendorgov.exceptions is not allowed to import vendorgov._model",
    ),
}


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("importlinter")
    copy = tmp_path_factory.mktemp("layers") / "src"
    shutil.copytree(
        SRC / "vendorgov", copy / "vendorgov", ignore=shutil.ignore_patterns("__pycache__")
    )
    return copy


class TestBrokenArrows:
    @pytest.mark.parametrize(
        ("module", "statement", "message"), BROKEN_ARROWS.values(), ids=list(BROKEN_ARROWS)
    )
    def test_is_reported(
        self, package_copy: Path, module: str, statement: str, message: str
    ) -> None:
        path = package_copy / "vendorgov" / module
        original = path.read_text(encoding="utf-8")
        path.write_text(
            f"{original}\n\ndef _broken_arrow() -> None:\n    {statement}\n", encoding="utf-8"
        )
        try:
            result = lint_imports(package_copy, package_copy.parent)
        finally:
            path.write_text(original, encoding="utf-8")
        assert result.returncode == 1, result.stdout + result.stderr
        assert message in result.stdout


class TestHooks:
    """The model looks its notebook views up; the display edge registers them."""

    @pytest.fixture
    def empty(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(hooks, "_HTML", {})
        monkeypatch.setattr(hooks, "_LOADERS", [])

    @pytest.mark.usefixtures("empty")
    def test_a_registered_view_is_used(self) -> None:
        hooks.register_html("mission", lambda value: f"<p>{value}</p>")
        assert hooks.html("mission", "M") == "<p>M</p>"

    @pytest.mark.usefixtures("empty")
    def test_loaders_run_once_on_first_miss(self) -> None:
        calls: list[str] = []

        def loader() -> None:
            calls.append("loaded")
            hooks.register_html("scorecard", lambda value: "<table></table>")

        hooks.add_loader(loader)
        assert calls == []  # nothing loads before a view is asked for
        assert hooks.html("scorecard", object()) == "<table></table>"
        assert hooks.html("scorecard", object()) == "<table></table>"
        assert calls == ["loaded"]

    @pytest.mark.usefixtures("empty")
    def test_a_failed_loader_is_tried_again(self) -> None:
        attempts: list[int] = []

        def loader() -> None:
            attempts.append(1)
            if len(attempts) == 1:
                raise ImportError("not yet")
            hooks.register_html("payouts", lambda value: "ok")

        hooks.add_loader(loader)
        with pytest.raises(ImportError):
            hooks.html("payouts", ())
        assert hooks.html("payouts", ()) == "ok"

    @pytest.mark.usefixtures("empty")
    def test_no_view_at_all(self) -> None:
        with pytest.raises(LookupError, match="'findings'"):
            hooks.html("findings", ())

    def test_unknown_kind_is_refused(self) -> None:
        with pytest.raises(ValueError, match="no HTML view for 'budget'"):
            hooks.register_html("budget", str)

    def test_the_display_edge_registers_every_kind(self) -> None:
        code = (
            "import sys\n"
            "import vendorgov\n"
            "from vendorgov._model import hooks\n"
            "assert 'vendorgov._display' not in sys.modules\n"
            "assert hooks._HTML == {}\n"
            "vendorgov.Money.zero('EUR')\n"  # the model alone loads no view
            "assert 'vendorgov._display' not in sys.modules\n"
            "import vendorgov._display\n"
            "print(sorted(hooks._HTML) == sorted(hooks.HTML_KINDS))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "True"

    def test_views_come_from_the_display_edge(self) -> None:
        from vendorgov import _display

        mission = vendorgov.examples.demo_missions()[0]
        assert mission._repr_html_() == _display.mission_html(mission)
