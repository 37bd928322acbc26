"""The importing guide tells the truth: its commands run, in order, and print what it shows."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest

from vendorgov import examples
from vendorgov._cli import main

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guides" / "importing.md"
EXPORT = Path(examples.__file__).parent / "logistique-wms-2026-11.csv"
_CONSOLE = re.compile(r"^```console\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def commands() -> list[tuple[str, str]]:
    """``(command, output)`` for each ``$ vendorgov ...`` line of the guide, in order."""
    found: list[tuple[str, str]] = []
    for block in _CONSOLE.finditer(GUIDE.read_text(encoding="utf-8")):
        for chunk in re.split(r"^\$ ", block.group("body"), flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


def test_the_guide_has_its_steps() -> None:
    assert len(commands()) >= 3


def test_the_commands_print_what_the_guide_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logistique.toml").write_text(examples.demo_text("logistique"), encoding="utf-8")
    (tmp_path / EXPORT.name).write_bytes(EXPORT.read_bytes())
    monkeypatch.setattr("vendorgov._cli._today", lambda timezone=None: dt.date(2026, 11, 29))
    for command, output in commands():
        argv = shlex.split(command)
        assert argv[0] == "vendorgov"
        code = main(argv[1:])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert captured.out == output, command
