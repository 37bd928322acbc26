"""What gets published works on its own.

- The wheel holds every file of the package — the templates of the four documents in both
  formats, the contract's drafted bodies, the message catalogs (``.po`` and compiled ``.mo``),
  the KPI catalog, the demo missions, ``py.typed`` — and declares the
  ``vendorgov`` command; the sdist holds the package, the tests, the docs and the project files.
- The wheel, installed in a fresh virtual environment, runs ``vendorgov demo`` from another
  folder, renders documents from its own templates and reports the project's version.

The fresh environment reuses the dependencies already installed for the tests (a ``.pth`` file
names the running interpreter's site-packages folders), so nothing is downloaded. It is made
without ``--system-site-packages``: when the tests run in a virtual environment, that option
would give the base interpreter's packages, not the ones installed here. The wheel is installed
*before* the ``.pth`` file is written, and the environment's own site-packages comes first on
``sys.path``, so an editable or regular ``vendorgov`` installed for the tests is not the one
imported; a test checks where ``vendorgov`` and its metadata come from.

The wheel is built without build isolation when ``hatchling`` is installed (it is in the
``test`` dependency group), so no package index is needed either.
"""

from __future__ import annotations

import configparser
import importlib.util
import itertools
import json
import os
import site
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "vendorgov"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
VERSION: str = PROJECT["version"]

DOCUMENTS = ("specification", "contract", "kickoff", "review")
LANGS = ("fr", "en")
CATALOG_LANGS = ("fr", "en", "es")  # message catalogs, compiled .mo shipped beside the .po
FORMATS = ("md", "html")
EXAMPLES = ("logistique", "community", "site_web")
DEMO_AT = "2026-11-29"
TIMEOUT = 300  # seconds per command: generous for a loaded machine, but never a hang

BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""


def _env() -> dict[str, str]:
    """The environment for the commands: nothing pointing back at the source tree."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"}
    }
    env.update(
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command; fail the test with its output unless it exits with 0."""
    command = [str(arg) for arg in args]
    result = subprocess.run(
        command,
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(command)}\nexited with {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}",
            pytrace=False,
        )
    return result


def _package_files() -> set[str]:
    """Every file of the package in the source tree, as ``vendorgov/...`` names."""
    return {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix not in {".pyc", ".pyo"}
        and not any(part.endswith(".egg-info") for part in path.parts)
    }


def _purelib(python: Path, cwd: Path) -> Path:
    """The site-packages folder of the environment of ``python``."""
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    return Path(_run(python, "-c", code, cwd=cwd).stdout.strip())


def _has_hatchling() -> bool:
    return importlib.util.find_spec("hatchling") is not None


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    isolation = ["--no-build-isolation"] if _has_hatchling() else []
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        *isolation,
        "--wheel-dir",
        folder,
        ROOT,
        cwd=folder,
    )
    (built,) = folder.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _has_hatchling():
        pytest.skip("building the sdist needs hatchling (in the 'test' dependency group)")
    folder = tmp_path_factory.mktemp("sdist")
    _run(
        sys.executable,
        "-c",
        "import sys; from hatchling.build import build_sdist; build_sdist(sys.argv[1])",
        folder,
        cwd=ROOT,
    )
    (built,) = folder.glob("*.tar.gz")
    return built


def _demo_missions(wheel: Path) -> dict[str, str]:
    """The demo missions as shipped in the wheel: key → name."""
    missions = {}
    with zipfile.ZipFile(wheel) as archive:
        for key in EXAMPLES:
            data = tomllib.loads(archive.read(f"vendorgov/examples/{key}.toml").decode("utf-8"))
            missions[data["key"]] = data["name"]
    return missions


class TestVersion:
    def test_the_release_is_0_1_0(self) -> None:
        # The version being prepared: change it here with pyproject.toml's.
        assert VERSION == "0.1.0"

    def test_a_release_has_its_changelog_section(self) -> None:
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        assert "\n## [Unreleased]\n" in changelog
        if not any(tag in VERSION for tag in ("dev", "a", "b", "rc")):
            assert f"\n## [{VERSION}] - " in changelog


class TestWheel:
    def test_name(self, wheel: Path) -> None:
        assert wheel.name == f"vendorgov-{VERSION}-py3-none-any.whl"

    def test_holds_every_file_of_the_package(self, wheel_names: set[str]) -> None:
        assert _package_files() - wheel_names == set()

    def test_holds_the_templates_examples_catalog_and_types(self, wheel_names: set[str]) -> None:
        expected = {
            f"vendorgov/templates/documents/{document}.{fmt}.j2"
            for document, fmt in itertools.product(DOCUMENTS, FORMATS)
        }
        expected |= {f"vendorgov/templates/documents/contract_body.{lang}.j2" for lang in LANGS}
        expected |= {"vendorgov/templates/common/base.html.j2"}
        expected |= {
            f"vendorgov/locale/{lang}/LC_MESSAGES/vendorgov.{ext}"
            for lang, ext in itertools.product(CATALOG_LANGS, ("po", "mo"))
        }
        expected |= {f"vendorgov/examples/{key}.toml" for key in EXAMPLES}
        expected |= {"vendorgov/catalog.py", "vendorgov/py.typed", "vendorgov/__init__.py"}
        assert expected - wheel_names == set()
        assert len(expected) == 4 * 2 + 2 + 1 + 3 * 2 + 3 + 3

    def test_holds_nothing_else(self, wheel_names: set[str]) -> None:
        dist_info = f"vendorgov-{VERSION}.dist-info/"
        strays = {
            name
            for name in wheel_names
            if not name.startswith(("vendorgov/", dist_info))
            or "__pycache__" in name
            or name.endswith(".pyc")
        }
        assert strays == set()

    def test_declares_the_command_and_the_metadata(self, wheel: Path) -> None:
        dist_info = f"vendorgov-{VERSION}.dist-info"
        with zipfile.ZipFile(wheel) as archive:
            entry_points = archive.read(f"{dist_info}/entry_points.txt").decode("utf-8")
            metadata = archive.read(f"{dist_info}/METADATA").decode("utf-8")
        points = configparser.ConfigParser()
        points.read_string(entry_points)
        assert dict(points["console_scripts"]) == {"vendorgov": "vendorgov._cli:main"}
        headers = metadata.split("\n\n", 1)[0].splitlines()
        assert "Name: vendorgov" in headers
        assert f"Version: {VERSION}" in headers
        assert "Requires-Python: >=3.11" in headers
        requires = {line.split(": ", 1)[1] for line in headers if line.startswith("Requires-Dist:")}
        assert set(PROJECT["dependencies"]) <= requires


class TestSdist:
    def test_holds_the_package_tests_docs_and_project_files(self, sdist: Path) -> None:
        top = f"vendorgov-{VERSION}/"
        assert sdist.name == f"vendorgov-{VERSION}.tar.gz"
        with tarfile.open(sdist) as archive:
            names = {name.removeprefix(top) for name in archive.getnames()}
        package = {f"src/{name}" for name in _package_files()}
        assert package - names == set()
        project = {
            "PKG-INFO",
            "pyproject.toml",
            "README.md",
            "CHANGELOG.md",
            "LICENSE",
            "mkdocs.yml",
            ".ci/run",
            "tests/test_packaging.py",
            "tests/test_docs.py",
            "docs/index.md",
            "docs/getting-started.md",
        }
        assert project - names == set()
        assert not any("__pycache__" in name or name.startswith(".venv/") for name in names)


_PROBE = """\
import importlib.metadata as metadata, json, vendorgov
print(json.dumps({
    "version": metadata.version("vendorgov"),
    "module": vendorgov.__file__,
    "distribution": str(metadata.distribution("vendorgov").locate_file("")),
}))
"""


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("installed")
    venv = home / "venv"
    python = venv / BIN / f"python{EXE}"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=home)
    # pip from the test environment installs into the new one (``--python``); the new
    # environment sees no vendorgov yet, so the wheel's is installed, nothing uninstalled.
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "--force-reinstall",
        wheel,
        cwd=home,
    )
    purelib = _purelib(python, home)
    # Then reuse the test environment's dependencies, after the wheel's own site-packages.
    reused = list(site.getsitepackages())
    if site.ENABLE_USER_SITE:
        reused.append(site.getusersitepackages())
    lines = [path for path in dict.fromkeys(reused) if Path(path).is_dir()]
    (purelib / "_vendorgov_test_dependencies.pth").write_text(
        "".join(f"{line}\n" for line in lines), encoding="utf-8"
    )
    (home / "elsewhere").mkdir()
    return venv


class TestInstalledWheel:
    """The wheel in a fresh virtual environment, run from a folder outside the source tree."""

    @staticmethod
    def _command(venv: Path) -> Path:
        return venv / BIN / f"vendorgov{EXE}"

    def test_imports_the_installed_wheel(self, venv: Path) -> None:
        elsewhere = venv.parent / "elsewhere"
        python = venv / BIN / f"python{EXE}"
        purelib = _purelib(python, elsewhere).resolve()
        found = json.loads(_run(python, "-c", _PROBE, cwd=elsewhere).stdout)
        assert found["version"] == VERSION
        assert Path(found["module"]).resolve() == purelib / "vendorgov" / "__init__.py"
        assert Path(found["distribution"]).resolve() == purelib

    def test_reports_its_version(self, venv: Path) -> None:
        result = _run(self._command(venv), "--version", cwd=venv.parent / "elsewhere")
        assert result.stdout.strip() == f"vendorgov {VERSION}"

    def test_runs_the_demo(self, venv: Path, wheel: Path) -> None:
        result = _run(self._command(venv), "demo", cwd=venv.parent / "elsewhere")
        assert result.returncode == 0
        missions = _demo_missions(wheel)
        assert list(missions) == list(EXAMPLES)
        for key, name in missions.items():
            assert key in result.stdout
            assert name in result.stdout
        assert "29/11/2026" in result.stdout  # DEMO_AT, as the French output writes it
        assert result.stderr == ""

    def test_renders_every_document_from_its_own_templates(self, venv: Path) -> None:
        out = venv.parent / "elsewhere" / "demo"
        _run(self._command(venv), "demo", "--lang", "en", "--out", out, cwd=out.parent)
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert summary["skipped"] == []
        for key, document, fmt in itertools.product(EXAMPLES, DOCUMENTS, FORMATS):
            assert (out / key / f"{document}.{fmt}").stat().st_size > 0
        for key in EXAMPLES:
            calendar = (out / key / f"{key}.ics").read_text(encoding="utf-8")
            assert calendar.startswith("BEGIN:VCALENDAR")
        # The French templates too, through `render`, on a mission file the demo wrote.
        rendered = _run(
            self._command(venv),
            "render",
            "contract",
            out / "logistique" / "logistique.toml",
            "--lang",
            "fr",
            "--format",
            "html",
            "--at",
            DEMO_AT,
            cwd=out.parent,
        )
        assert rendered.stdout.lstrip().lower().startswith("<!doctype html>")
        assert "Logistique e-commerce" in rendered.stdout
