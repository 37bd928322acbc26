"""``vendorgov render portfolio -o dashboard.pdf``: the dashboard printed (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vendorgov import examples
from vendorgov._cli import main

pytest.importorskip("weasyprint")
pypdf = pytest.importorskip("pypdf")


def render(folder: Path, name: str) -> bytes:
    files = []
    for key in ("logistique", "community", "site_web"):
        file = folder / f"{key}.toml"
        file.write_text(examples.demo_text(key), encoding="utf-8")
        files.append(str(file))
    out = folder / name
    code = main(
        ["render", "portfolio", *files, "--at", "2026-11-29", "--lang", "fr", "-o", str(out)]
    )
    assert code == 0  # no critical finding counts here: render reports unreadable files only
    return out.read_bytes()


def test_the_dashboard_prints_to_pdf(tmp_path: Path) -> None:
    content = render(tmp_path, "dashboard.pdf")
    reader = pypdf.PdfReader(tmp_path / "dashboard.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Tableau de bord du portefeuille" in text
    assert "74,3" in text  # logistique (amended)
    assert "87,6" in text  # community
    assert "portfolio.json" in reader.attachments
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # A4 landscape: the table keeps all its columns
    assert content.startswith(b"%PDF-")


def test_the_same_bytes_twice(tmp_path: Path) -> None:
    first = render(tmp_path, "a.pdf")
    assert render(tmp_path, "b.pdf") == first
