"""The ``vendorgov`` command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from vendorgov import ValidationError, examples
from vendorgov._cli import main
from vendorgov.exceptions import ErrorDetail

MISSIONS = examples.demo_missions()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestDemoCommand:
    def test_summarises_every_mission_in_french(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "demo")
        assert (code, err) == (0, "")
        assert out.startswith("Portefeuille de démonstration : 3 missions de Maison Lumière SAS\n")
        for mission in MISSIONS:
            assert f"{mission.key} — {mission.name}\n" in out
            assert mission.provider.name in out
        for label in ("Prestataire", "Interlocuteurs", "Indicateurs", "Points d'étape"):
            assert label in out
        assert "Provider" not in out

    def test_mission_details(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "demo")
        logistics = out.split("\n\n")[1]
        assert "  Période           du 2026-03-02 au 2027-03-01\n" in logistics
        assert "prestataire : Paul Roux (Responsable de compte)" in logistics
        assert "Budget            83 700,00 EUR au total, 52 964,00 EUR facturés" in logistics
        assert "M+1             M+6             EOY" in logistics
        assert "2026-04-02      2026-09-02      2026-12-31" in logistics
        assert (
            "Exactitude des commandes         %      >= 99,0 (98,0)  >= 99,5 (99,0)  >= 99,7 (99,3)"
            in logistics
        )
        assert "Taux de casse                    %      <= 0,8 (1,2)" in logistics
        assert "Mesures           160, du 2026-03-08 au 2026-11-22" in logistics
        assert "Points d'étape    2, dernier le 2026-09-08" in logistics
        assert "Actions ouvertes  ca_log_03, échéance le 2026-10-30" in logistics
        assert "ca_log_01" not in logistics  # done, so not listed

    def test_english_labels_keep_the_data_as_written(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(capsys, "demo", "--lang", "en")
        assert code == 0
        assert out.startswith("Demo portfolio: 3 missions of Maison Lumière SAS\n")
        assert "  Provider      Codelune SAS (SAS, Villeurbanne)\n" in out
        assert "83,700.00 EUR in total, 52,964.00 EUR invoiced" in out
        assert "Taux d'expédition à l'heure" in out
        assert ">= 99.5 (99.0)" in out
        assert "Prestataire" not in out

    def test_output_is_deterministic_and_fits_a_wide_terminal(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        _, first, _ = run(capsys, "demo")
        _, second, _ = run(capsys, "demo")
        assert first == second
        assert max(len(line) for line in first.splitlines()) <= 100


class TestUsage:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            ([], "vendorgov: error: the following arguments are required: COMMAND"),
            (["frobnicate"], "vendorgov: error: argument COMMAND: invalid choice: 'frobnicate'"),
            (["demo", "--lang", "de"], "vendorgov demo: error: argument --lang: invalid choice"),
            (["demo", "extra"], "vendorgov: error: unrecognized arguments: extra"),
        ],
    )
    def test_bad_usage_exits_2_with_one_line(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert out == ""
        assert err.startswith(message)
        assert err.count("\n") == 1

    @pytest.mark.parametrize("argv", [["--help"], ["demo", "--help"]])
    def test_help_exits_0(self, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert out.startswith("usage: vendorgov")

    def test_bad_input_exits_2_with_one_line_naming_the_path(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def broken() -> None:
            raise ValidationError(
                [ErrorDetail("kpis[0].weight", "must be greater than 0"), ErrorDetail("end", "x")],
                source="mission.toml",
            )

        monkeypatch.setattr(examples, "demo_missions", broken)
        code, out, err = run(capsys, "demo")
        assert (code, out) == (2, "")
        assert err == (
            "vendorgov demo: error: mission.toml: kpis[0].weight: must be greater than 0 "
            "(and 1 more)\n"
        )

    def test_unexpected_errors_are_not_swallowed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def broken() -> None:
            raise RuntimeError("bug")

        monkeypatch.setattr(examples, "demo_missions", broken)
        with pytest.raises(RuntimeError, match="bug"):
            main(["demo"])


class TestConsoleScript:
    def test_vendorgov_demo(self, capsys: pytest.CaptureFixture[str]) -> None:
        script = Path(sys.executable).with_name("vendorgov")
        if not script.exists():  # pragma: no cover - depends on how the package was installed
            pytest.skip(f"no console script next to {sys.executable}")
        environment = {**os.environ, "PYTHONUTF8": "1"}
        result = subprocess.run(
            [str(script), "demo"], capture_output=True, check=False, env=environment
        )
        _, expected, _ = run(capsys, "demo")
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
        assert result.stdout.decode("utf-8") == expected
