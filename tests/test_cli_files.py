"""The files the command line writes: what it replaces, how durably, in which format.

Also what it does when interrupted or cut short, and with hostile paths and inputs: every
case ends with exit 0, 1, 2 or 130 and at most one line per problem, never a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import vendorgov
from vendorgov import examples
from vendorgov import serialization as ser
from vendorgov._cli import main
from vendorgov.exceptions import OverwriteError, ValidationError

AT = "2026-11-29"
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX file types and signals")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh working folder holding the demo mission ``m.toml``."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.toml").write_text(examples.demo_text("site_web"), encoding="utf-8")
    return tmp_path


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# Each command that writes a file, with an output name in a format it writes.
WRITERS: dict[str, Callable[[str], list[str]]] = {
    "render": lambda out: ["render", "specification", "m.toml", "--at", AT, "-o", out],
    "render --json": lambda out: ["render", "review", "m.toml", "--at", AT, "--json", "-o", out],
    "calendar": lambda out: ["calendar", "m.toml", "-o", out],
    "init": lambda out: ["init", "--activity", "other", out],
}
SUFFIX = {"render": ".md", "render --json": ".html", "calendar": ".ics", "init": ".toml"}


# -- 1. only regular files are replaced --------------------------------------------------------
@POSIX
class TestSpecialFilesAreRefused:
    @pytest.mark.parametrize("command", list(WRITERS))
    def test_a_fifo(self, capsys: pytest.CaptureFixture[str], here: Path, command: str) -> None:
        fifo = here / f"pipe{SUFFIX[command]}"
        os.mkfifo(fifo)
        for force in ([], ["--force"]):
            code, out, err = run(capsys, *WRITERS[command](fifo.name), *force)
            assert (code, out) == (2, "")
            assert err == (
                f"vendorgov: {fifo.name}: is a FIFO (named pipe); only a regular file is "
                "replaced (give - for standard output)\n"
            )
            assert stat.S_ISFIFO(fifo.lstat().st_mode)
        assert names(here) == ["m.toml", fifo.name]

    @pytest.mark.parametrize("command", list(WRITERS))
    def test_a_folder(self, capsys: pytest.CaptureFixture[str], here: Path, command: str) -> None:
        folder = here / f"out{SUFFIX[command]}"
        folder.mkdir()
        code, _, err = run(capsys, *WRITERS[command](folder.name), "--force")
        assert (code, err) == (2, f"vendorgov: {folder.name}: is a folder; give a file name\n")
        assert folder.is_dir()
        assert list(folder.iterdir()) == []

    def test_a_socket(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            server.bind("s.ics")  # relative: a socket's path must be short
            code, _, err = run(capsys, "calendar", "m.toml", "-o", "s.ics", "--force")
        finally:
            server.close()
        assert code == 2
        assert err.startswith("vendorgov: s.ics: is a socket; only a regular file is replaced")
        assert stat.S_ISSOCK((here / "s.ics").lstat().st_mode)

    @pytest.fixture
    def no_write_in_dev(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Fail the test, before any harm, if anything is created or renamed in /dev."""

        def guard(real: Callable[..., Any]) -> Callable[..., Any]:
            def call(*args: Any, **kwargs: Any) -> Any:
                for arg in args[:2]:
                    if isinstance(arg, str | os.PathLike) and os.fspath(arg).startswith("/dev"):
                        pytest.fail(f"{real.__name__}{args!r} would touch /dev")
                return real(*args, **kwargs)

            return call

        for name in ("open", "replace", "rename", "link", "chmod"):
            monkeypatch.setattr(os, name, guard(getattr(os, name)))

    @pytest.mark.usefixtures("no_write_in_dev")
    @pytest.mark.parametrize("command", ["render", "calendar"])
    def test_dev_null_is_refused_before_any_write(
        self, capsys: pytest.CaptureFixture[str], here: Path, command: str
    ) -> None:
        code, _, err = run(capsys, *WRITERS[command]("/dev/null"), "--force")
        assert code == 2
        assert err.startswith("vendorgov: /dev/null: is a character device; only a regular")
        assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)

    @pytest.mark.usefixtures("no_write_in_dev")
    def test_the_library_refuses_it_too(self) -> None:
        for overwrite in (False, True):
            with pytest.raises(ValidationError) as info:
                ser.write_atomically(Path("/dev/null"), "text", overwrite=overwrite)
            assert info.value.source == "/dev/null"
            assert info.value.errors[0].message == (
                "is a character device; only a regular file is written or replaced"
            )
        with pytest.raises(ValidationError):
            vendorgov.dump(vendorgov.examples.demo_missions()[2], "/dev/null", format="toml")
        assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)

    def test_demo_out_checks_every_file_before_writing_any(
        self, capsys: pytest.CaptureFixture[str], here: Path
    ) -> None:
        (here / "out" / "site_web").mkdir(parents=True)
        os.mkfifo(here / "out" / "site_web" / "review.md")
        code, _, err = run(capsys, "demo", "--out", "out", "--force")
        assert code == 2
        assert err.startswith("vendorgov: out/site_web/review.md: is a FIFO (named pipe)")
        assert [path.name for path in (here / "out").rglob("*")] == ["site_web", "review.md"]


# -- 1b. symbolic links -----------------------------------------------------------------------
@POSIX
class TestSymbolicLinks:
    def test_a_link_to_a_file_replaces_the_file_and_keeps_the_link(
        self, capsys: pytest.CaptureFixture[str], here: Path
    ) -> None:
        (here / "docs").mkdir()
        target = here / "docs" / "contract-v3.ics"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o640)
        (here / "latest.ics").symlink_to(Path("docs") / "contract-v3.ics")

        code, _, err = run(capsys, "calendar", "m.toml", "-o", "latest.ics")
        assert (code, err) == (2, "vendorgov: latest.ics: exists; pass --force to replace it\n")
        assert run(capsys, "calendar", "m.toml", "-o", "latest.ics", "--force")[0] == 0

        assert (here / "latest.ics").is_symlink()
        assert os.readlink(here / "latest.ics") == os.path.join("docs", "contract-v3.ics")
        assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert names(here / "docs") == ["contract-v3.ics"]  # the temporary file went there
        assert names(here) == ["docs", "latest.ics", "m.toml"]

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda here: None, "is a symbolic link that leads to no file"),
            (lambda here: (here / "to").mkdir(), "is a symbolic link to {here}/to, which is a"),
            (lambda here: os.mkfifo(here / "to"), "is a symbolic link to {here}/to, which is a"),
        ],
        ids=["dangling", "folder", "fifo"],
    )
    def test_a_link_to_anything_else_is_refused(
        self,
        capsys: pytest.CaptureFixture[str],
        here: Path,
        make: Callable[[Path], None],
        message: str,
    ) -> None:
        make(here)
        (here / "out.ics").symlink_to("to")
        code, _, err = run(capsys, "calendar", "m.toml", "-o", "out.ics", "--force")
        assert code == 2
        assert err.startswith(f"vendorgov: out.ics: {message.format(here=here.resolve())}")
        assert (here / "out.ics").is_symlink()
        with pytest.raises(ValidationError):
            ser.write_atomically(here / "out.ics", "x", overwrite=True)

    def test_a_link_of_another_user_in_a_shared_sticky_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        shared = tmp_path / "tmp"
        shared.mkdir()
        shared.chmod(0o1777)
        (tmp_path / "victim").write_text("precious", encoding="utf-8")
        (shared / "out.md").symlink_to(tmp_path / "victim")
        me = os.geteuid()
        real_stat = os.stat

        def stat_(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
            result = real_stat(path, *args, **kwargs)
            if Path(path) == shared:  # the folder belongs to someone else (root, say)
                fields = list(result)
                fields[stat.ST_UID] = me + 1
                return os.stat_result(fields)
            return result

        monkeypatch.setattr(os, "stat", stat_)
        monkeypatch.setattr(os, "geteuid", lambda: me + 2)  # and the link is not ours
        with pytest.raises(ValidationError) as info:
            ser.write_atomically(shared / "out.md", "theirs", overwrite=True)
        assert "owned by another user in a shared folder" in str(info.value)
        assert (tmp_path / "victim").read_text(encoding="utf-8") == "precious"

        monkeypatch.setattr(os, "geteuid", lambda: me)  # our own link is followed
        ser.write_atomically(shared / "out.md", "ours", overwrite=True)
        assert (tmp_path / "victim").read_text(encoding="utf-8") == "ours"


# -- the input file is never the output --------------------------------------------------------
class TestTheInputIsNeverReplaced:
    @pytest.mark.parametrize("how", ["symlink", "hard link"])
    @pytest.mark.parametrize("command", ["render", "render --json", "calendar"])
    def test_through_a_link(
        self, capsys: pytest.CaptureFixture[str], here: Path, how: str, command: str
    ) -> None:
        before = (here / "m.toml").read_bytes()
        out = f"out{SUFFIX[command]}"
        if how == "symlink":
            (here / out).symlink_to("m.toml")
        else:
            os.link(here / "m.toml", here / out)
        code, stdout, err = run(capsys, *WRITERS[command](out), "--force")
        assert (code, stdout) == (2, "")
        assert (
            err == f"vendorgov: {out}: is the file m.toml being read; choose another output file\n"
        )
        assert (here / "m.toml").read_bytes() == before

    def test_its_own_name(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        before = (here / "m.toml").read_bytes()
        for command in ("render", "calendar"):
            code, _, err = run(capsys, *WRITERS[command]("m.toml"), "--force")
            assert code == 2
            assert err.startswith("vendorgov: m.toml: ")
        assert (here / "m.toml").read_bytes() == before


# -- 2. durability -----------------------------------------------------------------------------
class TestDurability:
    @pytest.fixture
    def events(self, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
        """Record fsync (of a file or a folder), replace and link, in order."""
        seen: list[tuple[str, str]] = []
        real_fsync, real_replace, real_link = os.fsync, os.replace, os.link

        def fsync(fd: int) -> None:
            info = os.fstat(fd)
            kind = "folder" if stat.S_ISDIR(info.st_mode) else "file"
            seen.append((f"fsync {kind}", f"{info.st_dev}:{info.st_ino}"))
            real_fsync(fd)

        def replace(source: Any, target: Any) -> None:
            seen.append(("replace", Path(target).name))
            real_replace(source, target)

        def link(source: Any, target: Any) -> None:
            seen.append(("link", Path(target).name))
            real_link(source, target)

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "link", link)
        return seen

    @staticmethod
    def identity(path: Path) -> str:
        info = path.stat()
        return f"{info.st_dev}:{info.st_ino}"

    @pytest.mark.parametrize("overwrite", [False, True])
    def test_file_then_name_then_folder(
        self, tmp_path: Path, events: list[tuple[str, str]], overwrite: bool
    ) -> None:
        file = tmp_path / "out.md"
        if overwrite:
            file.write_text("old", encoding="utf-8")
        ser.write_atomically(file, "new text", overwrite=overwrite)
        assert file.read_text(encoding="utf-8") == "new text"
        assert names(tmp_path) == ["out.md"]
        step = "replace" if overwrite else "link"
        assert [event for event, _ in events] == ["fsync file", step, "fsync folder"]
        assert events[0][1] == self.identity(file)  # the new file itself, before its name
        assert events[1][1] == "out.md"
        assert events[2][1] == self.identity(tmp_path)  # the folder that holds the name

    def test_the_command_line_and_dump_write_durably(
        self, capsys: pytest.CaptureFixture[str], here: Path, events: list[tuple[str, str]]
    ) -> None:
        assert run(capsys, "calendar", "m.toml", "-o", "m.ics")[0] == 0
        vendorgov.dump(vendorgov.examples.demo_missions()[2], here / "copy.json")
        steps = [event for event, _ in events]
        assert steps == ["fsync file", "link", "fsync folder"] * 2

    @pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP])
    def test_a_folder_that_cannot_be_flushed_is_fine(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
    ) -> None:
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            if stat.S_ISDIR(os.fstat(fd).st_mode):
                raise OSError(code, os.strerror(code))
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
        ser.write_atomically(tmp_path / "a.md", "text", overwrite=False)
        assert (tmp_path / "a.md").read_text(encoding="utf-8") == "text"

    def test_a_failing_flush_writes_nothing_and_names_the_file(
        self, capsys: pytest.CaptureFixture[str], here: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def full(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full)
        code, _, err = run(capsys, "calendar", "m.toml", "-o", "m.ics")
        assert (code, err) == (2, "vendorgov: m.ics: cannot write: No space left on device\n")
        assert names(here) == ["m.toml"]


# -- 3. the output's extension -----------------------------------------------------------------
class TestOutputExtension:
    @pytest.mark.parametrize(
        ("out", "fmt"),
        [
            ("c.md", "md"),
            ("c.markdown", "md"),
            ("c.html", "html"),
            ("c.htm", "html"),
            ("C.HTML", "html"),
            ("c.txt", "md"),  # not a format's extension: the default
            ("contract", "md"),
        ],
    )
    def test_render_takes_the_format_from_it(
        self, capsys: pytest.CaptureFixture[str], here: Path, out: str, fmt: str
    ) -> None:
        code, stdout, _ = run(
            capsys, "render", "contract", "m.toml", "--at", AT, "-o", out, "--json"
        )
        assert code == 0
        assert json.loads(stdout)["format"] == fmt
        starts = "<!DOCTYPE html>" if fmt == "html" else "*"
        assert (here / out).read_text(encoding="utf-8").startswith(starts)

    def test_format_wins_over_an_unknown_extension(
        self, capsys: pytest.CaptureFixture[str], here: Path
    ) -> None:
        argv = ["render", "contract", "m.toml", "--at", AT, "-o", "c.txt", "--format", "html"]
        assert run(capsys, *argv)[0] == 0
        assert (here / "c.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["render", "contract", "m.toml", "-o", "contract.odt"],
                "contract.odt: render writes Markdown (.md, .markdown), HTML (.html, .htm), "
                "PDF (.pdf) or Word (.docx), not .odt",
            ),
            (
                ["render", "contract", "m.toml", "-o", "contract.docx", "--format", "md"],
                "contract.docx: --format md does not match the extension .docx (Word); drop "
                "--format or name the file .md",
            ),
            (
                ["render", "contract", "m.toml", "--json", "-o", "contract.json"],
                "contract.json: render writes Markdown (.md, .markdown), HTML (.html, .htm), "
                "PDF (.pdf) or Word (.docx), not .json",
            ),
            (
                ["render", "contract", "m.toml", "-o", "c.html", "--format", "md"],
                "c.html: --format md does not match the extension .html (HTML); drop --format "
                "or name the file .md",
            ),
            (
                ["render", "contract", "m.toml", "-o", "c.md", "--format", "html"],
                "c.md: --format html does not match the extension .md (Markdown); drop --format "
                "or name the file .html",
            ),
            (
                ["calendar", "m.toml", "-o", "m.md"],
                "m.md: calendar writes iCalendar (.ics), not .md",
            ),
            (
                ["calendar", "m.toml", "--json", "-o", "m.json"],
                "m.json: calendar writes iCalendar (.ics), not .json",
            ),
            (
                ["init", "--activity", "other", "m.yaml"],
                "m.yaml: init writes TOML (.toml), not .yaml",
            ),
            (["init", "--activity", "other", "m.pdf"], "m.pdf: init writes TOML (.toml), not .pdf"),
        ],
    )
    def test_a_mismatch_is_refused_before_any_work(
        self,
        capsys: pytest.CaptureFixture[str],
        here: Path,
        monkeypatch: pytest.MonkeyPatch,
        argv: list[str],
        message: str,
    ) -> None:
        def no_work(*args: object, **kwargs: object) -> None:
            pytest.fail("the mission was loaded before the output was checked")

        monkeypatch.setattr("vendorgov._cli._load_mission", no_work)
        assert run(capsys, *argv) == (2, "", f"vendorgov: {message}\n")
        assert names(here) == ["m.toml"]

    @pytest.mark.parametrize("out", ["m.ics", "m.txt", "calendar"])
    def test_calendar_writes_ics_under_other_names_too(
        self, capsys: pytest.CaptureFixture[str], here: Path, out: str
    ) -> None:
        assert run(capsys, "calendar", "m.toml", "-o", out)[0] == 0
        assert (here / out).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")

    def test_stdout_keeps_the_default(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        code, out, _ = run(capsys, "render", "contract", "m.toml", "--at", AT, "-o", "-")
        assert code == 0
        assert out.startswith("*")


# -- 4. interrupted, or cut short ---------------------------------------------------------------
def python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONUTF8": "1", **env}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )


# Raise KeyboardInterrupt when a given module is imported, as a Ctrl+C landing there would.
INTERRUPT_IMPORT = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            raise KeyboardInterrupt
        return None

sys.modules.pop({module!r}, None)
sys.meta_path.insert(0, Interrupt())
"""


class TestInterrupted:
    def test_while_the_command_line_module_is_imported(self) -> None:
        # What the console script does: import, then sys.exit(main()).
        result = python(
            INTERRUPT_IMPORT.format(module="argparse")
            + "from vendorgov._cli import main\nsys.exit(main(['--version']))\n"
        )
        assert (result.returncode, result.stdout) == (130, "")
        assert result.stderr == "vendorgov: interrupted\n"

    @pytest.mark.parametrize(
        ("module", "argv"),
        [
            ("importlib.metadata", ["--version"]),  # while parsing the arguments
            ("vendorgov._cli_text", ["demo"]),  # while a command loads what it needs
            ("vendorgov._cli_init", ["init", "--activity", "other"]),
        ],
    )
    def test_while_main_imports_lazily(self, module: str, argv: list[str]) -> None:
        result = python(
            "from vendorgov._cli import main\n"
            + INTERRUPT_IMPORT.format(module=module)
            + f"sys.exit(main({argv!r}))\n"
        )
        assert (result.returncode, result.stdout) == (130, "")
        assert result.stderr == "vendorgov: interrupted\n"

    @POSIX
    def test_a_real_sigint(self) -> None:
        result = python(
            """
            import signal, sys, time
            from vendorgov import examples
            from vendorgov._cli import main

            def interrupted():
                signal.raise_signal(signal.SIGINT)  # Ctrl+C, while the command works
                time.sleep(10)

            examples.demo_missions = interrupted
            sys.exit(main(["demo"]))
            """
        )
        assert (result.returncode, result.stdout) == (130, "")
        assert result.stderr == "vendorgov: interrupted\n"

    @pytest.mark.parametrize("where", ["_build_parser", "_report"])
    def test_while_parsing_or_reporting(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, where: str
    ) -> None:
        def interrupted(*args: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr("vendorgov._cli._load_mission", lambda file: 1 / 0)
        monkeypatch.setattr(f"vendorgov._cli.{where}", interrupted)
        try:
            result = run(capsys, "score", "m.toml")
        except KeyboardInterrupt:  # not raised further: it would stop the test session
            pytest.fail(f"a KeyboardInterrupt in {where} escaped main")
        assert result == (130, "", "vendorgov: interrupted\n")


@POSIX
class TestTheReaderLeaves:
    @pytest.mark.parametrize(
        "argv", [["--version"], ["--help"], ["schema", "--type", "money"], ["schema"], ["demo"]]
    )
    def test_quietly(self, argv: list[str]) -> None:
        read, write = os.pipe()
        os.close(read)  # like `| head -1` that has already left
        try:
            result = subprocess.run(
                [sys.executable, "-m", "vendorgov._cli", *argv],
                stdout=write,
                stderr=subprocess.PIPE,
                check=False,
            )
        finally:
            os.close(write)
        assert (result.returncode, result.stderr) == (0, b"")


# -- 5. hostile paths and inputs ----------------------------------------------------------------
class TestHostilePaths:
    def test_a_newline_in_the_name(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        code, out, err = run(capsys, "init", "--activity", "other", "new\nline.toml")
        assert (code, err) == (0, "")
        assert out.startswith("new\\nline.toml\u202f: ")  # French typography
        assert out.count("\n") == 1
        text = (here / "new\nline.toml").read_text(encoding="utf-8")
        assert "#     vendorgov validate 'new\\nline.toml'\n" in text
        assert vendorgov.load(here / "new\nline.toml").key == "autre"  # still valid TOML
        code, _, err = run(capsys, "init", "--activity", "other", "new\nline.toml")
        assert (code, err) == (2, "vendorgov: new line.toml: exists; pass --force to replace it\n")

    def test_a_name_too_long(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        name = "x" * 300 + ".ics"
        code, _, err = run(capsys, "calendar", "m.toml", "-o", name)
        assert code == 2
        assert err.startswith(f"vendorgov: {name}: ")
        assert err.count("\n") == 1
        assert names(here) == ["m.toml"]

    def test_a_long_name_that_fits(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        name = "é" * 120 + ".ics"  # 244 bytes: the temporary name must fit as well
        assert run(capsys, "calendar", "m.toml", "-o", name) == (0, "", "")
        assert names(here) == sorted(["m.toml", name])

    def test_a_path_too_long(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        out = "/".join(["d" * 200] * 30) + "/x.md"
        code, _, err = run(capsys, "render", "contract", "m.toml", "-o", out)
        assert code == 2
        assert err.count("\n") == 1

    @pytest.mark.parametrize(
        ("out", "message"),
        [
            ("nowhere/x.md", "nowhere/x.md: the folder nowhere does not exist"),
            ("m.toml/x.md", "m.toml/x.md: the folder m.toml is not a folder"),
        ],
    )
    def test_a_missing_folder(
        self, capsys: pytest.CaptureFixture[str], here: Path, out: str, message: str
    ) -> None:
        code, _, err = run(capsys, "render", "contract", "m.toml", "-o", out)
        assert (code, err) == (2, f"vendorgov: {message}\n")

    @pytest.mark.skipif(
        os.name != "posix" or os.geteuid() == 0, reason="root writes in a read-only folder"
    )
    def test_a_read_only_folder(self, capsys: pytest.CaptureFixture[str], here: Path) -> None:
        (here / "ro").mkdir()
        (here / "ro").chmod(0o555)
        try:
            code, _, err = run(capsys, "calendar", "m.toml", "-o", "ro/m.ics")
        finally:
            (here / "ro").chmod(0o755)
        assert (code, err) == (2, "vendorgov: ro/m.ics: cannot write: Permission denied\n")

    def test_a_write_error_names_the_file_not_the_temporary(
        self, capsys: pytest.CaptureFixture[str], here: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real_open = os.open

        def refuse(path: Any, flags: int, mode: int = 0o777) -> int:
            if Path(path).name.endswith(".tmp"):
                raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
            return real_open(path, flags, mode)

        monkeypatch.setattr(os, "open", refuse)
        code, _, err = run(capsys, "calendar", "m.toml", "-o", "m.ics")
        assert (code, err) == (2, "vendorgov: m.ics: cannot write: Permission denied\n")

    @pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names are not bytes")
    def test_a_name_that_is_not_utf8(self, here: Path) -> None:
        name = os.fsdecode(b"caf\xe9.toml")
        (here / name).write_bytes((here / "m.toml").read_bytes())
        outputs = []
        for argv in (["validate", name], ["score", name, "--at", AT, "--json"]):
            result = subprocess.run(
                [sys.executable, "-m", "vendorgov._cli", *argv],
                capture_output=True,
                check=False,
                cwd=here,
                env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
            )
            assert (result.returncode, result.stderr) == (0, b"")
            outputs.append(result.stdout.decode("utf-8"))
        assert outputs[0] == "caf\\xe9.toml\u202f: valide (mission site_web)\n"
        assert json.loads(outputs[1])["file"] == "caf\\xe9.toml"


class TestHostileInputs:
    @pytest.mark.parametrize(
        ("name", "content"),
        [
            ("empty.toml", b""),
            ("empty.json", b""),
            ("empty.yaml", b""),
            ("garbage.toml", bytes(range(256)) * 4),
            ("garbage.json", b"{" * 5000),
            ("list.json", b"[1, 2]"),
            ("text.yaml", b"just a string"),
            ("latin1.toml", "name = 'é'".encode("latin-1")),
        ],
    )
    @pytest.mark.parametrize(
        "command",
        [
            ["validate"],
            ["score", "--at", AT],
            ["check", "--at", AT],
            ["payouts", "--at", AT],
            ["render", "contract", "--at", AT, "-o", "out.md"],
            ["calendar", "-o", "out.ics"],
        ],
    )
    def test_exit_2_and_the_output_is_not_written(
        self,
        capsys: pytest.CaptureFixture[str],
        here: Path,
        name: str,
        content: bytes,
        command: list[str],
    ) -> None:
        (here / name).write_bytes(content)
        at = 2 if command[0] == "render" else 1  # after the command (and the document)
        code, out, err = run(capsys, *command[:at], name, *command[at:])
        assert code == 2
        if command[0] == "validate":  # its report, on standard output
            assert (out.startswith(f"{name}: "), err) == (True, "")
        else:
            assert (out, err.startswith(f"vendorgov: {name}: ")) == ("", True)
            assert "Traceback" not in err
        assert not (here / "out.md").exists()
        assert not (here / "out.ics").exists()

    def test_text_that_cannot_be_encoded_is_bad_input(
        self, capsys: pytest.CaptureFixture[str], here: Path
    ) -> None:
        data = json.loads(vendorgov.dumps(vendorgov.load(here / "m.toml"), "json"))
        data["name"] = "bad \udcff name"  # a lone surrogate, which JSON can spell
        (here / "s.json").write_text(json.dumps(data), encoding="utf-8")
        for argv in (["render", "contract", "s.json", "-o", "s.md"], ["calendar", "s.json"]):
            code, _, err = run(capsys, *argv)
            assert code == 2, err
            assert err.count("\n") == 1
        assert not (here / "s.md").exists()


class TestOverwriteRules:
    def test_without_overwrite_nothing_is_replaced(self, tmp_path: Path) -> None:
        (tmp_path / "a.md").write_text("keep", encoding="utf-8")
        (tmp_path / "b.md").symlink_to("a.md")
        for name in ("a.md", "b.md"):
            with pytest.raises(OverwriteError):
                ser.write_atomically(tmp_path / name, "new", overwrite=False)
        assert (tmp_path / "a.md").read_text(encoding="utf-8") == "keep"
        assert names(tmp_path) == ["a.md", "b.md"]

    def test_replacing_keeps_the_mode(self, tmp_path: Path) -> None:
        file = tmp_path / "a.md"
        file.write_text("old", encoding="utf-8")
        file.chmod(0o600)
        ser.write_atomically(file, "new", overwrite=True)
        assert (file.read_text(encoding="utf-8"), stat.S_IMODE(file.stat().st_mode)) == (
            "new",
            0o600,
        )
