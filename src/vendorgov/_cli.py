"""The ``vendorgov`` command line.

Commands: ``demo``, ``init``, ``validate``, ``score``, ``check``, ``render``,
``calendar``, ``payouts`` and ``schema``. Each is a function
``(args, out) -> exit code`` registered in :func:`_build_parser`; it imports
what it needs when it runs, so that ``vendorgov --help`` loads nothing beyond
``argparse`` (no cattrs, Jinja, Babel, pendulum or icalendar).

Exit codes: 0 when all is well; 1 when ``check`` finds a warning or a critical
finding; 2 on bad usage or bad input, with one line per problem on standard
error naming the file and the path inside it
(``vendorgov: mission.toml: milestones[1].targets[0].threshold: ...``), never
a traceback unless ``--debug`` is given; 3 on an internal error (a bug).

Human output goes to standard output in French, English or Spanish
(``--lang``): its words come from the message catalogs, its numbers, amounts
and dates from the shared formatter, in the language's conventions. Messages
on standard error (errors, notes) and ``argparse``'s help stay in English.
``--json`` gives tools one JSON object instead, with vendorgov's own JSON
forms of the results (exact numbers as strings, dates ISO). Files are never
overwritten without ``--force``, are written atomically and durably, and
only regular files are replaced (a link to one replaces its target); the
output file's extension chooses or checks the format. Ctrl+C exits with
130, without a traceback.

>>> main(["demo", "--lang", "en"])  # doctest: +ELLIPSIS
Demo portfolio: 3 missions of Maison Lumière SAS
Status on 11/29/2026
...
0
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

try:  # the one import at start-up (typing is loaded with the package already)
    import argparse
except KeyboardInterrupt:  # Ctrl+C while the command starts: exit as `main` does
    sys.stderr.write("vendorgov: interrupted\n")
    raise SystemExit(130) from None

if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from vendorgov import Finding, Mission, Payout, Scorecard
    from vendorgov.exceptions import ValidationError

__all__ = ["main"]

_PROG = "vendorgov"

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

_LANGUAGES = ("fr", "en", "es")
"""``--lang``: ``vendorgov._i18n.LANGUAGES``, written out so that ``--help`` imports nothing."""

_DEMO_AT = "2026-11-29"
"""The date the demo portfolio describes (measurements run to 27 November 2026)."""

_DOCUMENTS = ("specification", "contract", "kickoff", "review")
_FORMATS = ("md", "html", "pdf", "docx")
_TEXT_FORMATS = ("md", "html")
"""What ``demo`` writes: the text formats (PDF and Word need extras, and time)."""
_EXTENSIONS = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".ics": "ics",
    ".json": "json",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".pdf": "pdf",
    ".docx": "docx",
    ".doc": "doc",
    ".odt": "odt",
    ".rtf": "rtf",
}
"""Extensions that name a format: an output file must be given one its command writes."""
_FORMAT_NAMES = {
    "md": "Markdown",
    "html": "HTML",
    "ics": "iCalendar",
    "json": "JSON",
    "toml": "TOML",
    "yaml": "YAML",
    "pdf": "PDF",
    "docx": "Word",
    "doc": "Word 97",
    "odt": "OpenDocument",
    "rtf": "RTF",
}
_ACTIVITIES = ("logistics", "community", "website", "customer_service", "content", "other")
_RENDER_PARAMETERS = {
    "document": "DOCUMENT",
    "lang": "--lang",
    "format": "--format",
    "at": "--at",
    "draft": "--draft",
    "templates": "--templates",
}
_MAX_PROBLEM_LINES = 20


class _UsageError(Exception):
    """Bad command-line usage, reported on one line with exit code 2."""


class _BadInputError(Exception):
    """Bad input, already phrased: one line per problem, exit code 2."""

    def __init__(self, *lines: str) -> None:
        super().__init__(lines[0] if lines else "")
        self.lines = lines


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports usage errors on one line instead of exiting."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: error: {message} (see '{self.prog} --help')")


class _Version(argparse.Action):
    """``--version``, which reads the installed version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("vendorgov")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            number = "unknown"
        print(f"{_PROG} {number}")
        parser.exit()


# -- argument types ---------------------------------------------------------------
def _date(text: str) -> dt.date:
    """``--at``: a calendar date written exactly ``YYYY-MM-DD``."""
    import datetime as dt
    import re

    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"invalid date {text!r}: {error}") from None


def _today(timezone: str | None = None) -> dt.date:
    """Today's date in ``timezone`` (the host's when ``None``): the CLI's only clock read."""
    import datetime as dt

    if timezone is not None:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo(timezone)).date()
    return dt.datetime.now(dt.UTC).astimezone().date()


# -- the parser -------------------------------------------------------------------
_DESCRIPTION = """\
Steer the providers you outsource work to: mission files, scorecards, findings,
payouts, documents and governance calendars.

Start with `vendorgov demo` (a tour of three demo missions) or
`vendorgov init --activity logistics mission.toml` (a skeleton to fill in)."""

_EPILOG = """\
exit codes:
  0  success
  1  `check` found a warning or a critical finding
  2  bad usage or bad input (one line per problem on stderr: file, path, message)
  3  internal error (a bug: rerun with --debug and report the traceback)

Dates (--at) are YYYY-MM-DD and default to today in the mission's timezone.
`--json` prints one JSON object for tools; files are written atomically and
durably, never overwritten without --force, and only regular files are
replaced (never a folder, device or FIFO, nor the input file)."""


def _build_parser() -> _Parser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog=_PROG, description=_DESCRIPTION, epilog=_EPILOG, formatter_class=formatter
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an error (for bug reports)"
    )

    # Options shared by subcommands, as parent parsers. --debug repeats after the
    # command; SUPPRESS keeps a subcommand from resetting the value given before it.
    debug = _Parser(add_help=False)
    debug.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    lang = _Parser(add_help=False)
    lang.add_argument(
        "--lang",
        choices=_LANGUAGES,
        default="fr",
        help="language of the output: fr, en or es (default: fr); the data stays as written",
    )
    json_ = _Parser(add_help=False)
    json_.add_argument(
        "--json", action="store_true", help="print one JSON object for tools instead of text"
    )
    at = _Parser(add_help=False)
    at.add_argument(
        "--at",
        type=_date,
        metavar="DATE",
        help="the date to judge at, YYYY-MM-DD (default: today in the mission's timezone)",
    )
    force = _Parser(add_help=False)
    force.add_argument("--force", action="store_true", help="replace files that already exist")
    output = _Parser(add_help=False)
    output.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to this file instead of standard output ('-' for standard output)",
    )

    commands = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )

    def command(
        name: str,
        handler: Callable[[argparse.Namespace, TextIO], int],
        parents: list[_Parser],
        summary: str,
        description: str,
        example: str,
    ) -> _Parser:
        sub: _Parser = commands.add_parser(
            name,
            parents=[*parents, debug],
            help=summary,
            description=description,
            epilog=f"example:\n  {example}",
            formatter_class=formatter,
        )
        sub.set_defaults(handler=handler)
        return sub

    demo = command(
        "demo",
        _demo,
        [lang, json_, force],
        "tour the bundled demo portfolio; --out writes its files",
        "Score, assess and summarise the three demo missions of Maison Lumière, the\n"
        "French online shop of the documentation: a portfolio table (mission, current\n"
        "milestone, overall score, standing, coverage, findings), then each mission in\n"
        "detail. With --out DIR, write instead into DIR every document of every mission\n"
        "(DIR/<mission>/<document>.md and .html), its calendar (DIR/<mission>/<mission>.ics),\n"
        "its mission file (DIR/<mission>/<mission>.toml, to try the other commands on) and\n"
        "DIR/summary.json (scorecards, findings and payouts).",
        "vendorgov demo --lang en --out demo/",
    )
    demo.add_argument(
        "--out",
        metavar="DIR",
        help="write the documents, calendars, mission files and summary.json into DIR",
    )
    demo.add_argument(
        "--at",
        type=_date,
        metavar="DATE",
        help=f"the date to judge at, YYYY-MM-DD (default: {_DEMO_AT}, the demo's own date)",
    )

    init = command(
        "init",
        _init,
        [lang, force],
        "write a commented TOML mission skeleton, ready to fill in",
        "Write a mission skeleton for an activity: parties, contacts and dates to fill in,\n"
        "the catalog's KPIs for the activity with M+1, M+6 and year-end targets, and a\n"
        "monthly review. The skeleton is valid as it is; placeholders are marked TODO\n"
        "(À COMPLÉTER in French). Without FILE, print it.",
        "vendorgov init --activity logistics --lang en mission.toml",
    )
    init.add_argument(
        "--activity", required=True, choices=_ACTIVITIES, help="the outsourced activity"
    )
    init.add_argument("file", nargs="?", metavar="FILE", help="the file to write (default: print)")

    validate = command(
        "validate",
        _validate,
        [lang, json_],
        "check mission files: OK, or every problem with its path",
        "Read each file (TOML, JSON or YAML, by suffix) and report OK or every problem\n"
        "with its path inside the file. Exit code 2 when any file is invalid.",
        "vendorgov validate missions/*.toml",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="mission files")

    score = command(
        "score",
        _score,
        [at, lang, json_],
        "the scorecard of a mission at a date",
        "Score a mission at a date: the current milestone, each KPI's actual value\n"
        "against its target and threshold, points, status, and the overall score.",
        "vendorgov score mission.toml --at 2026-11-29",
    )
    score.add_argument("file", metavar="FILE", help="the mission file")

    check = command(
        "check",
        _check,
        [at, lang, json_],
        "what needs attention in a mission (exit 1 on warnings)",
        "List the findings about a mission at a date, most urgent first. Exit code 1\n"
        "when any finding is a warning or critical: a script can gate on it.",
        "vendorgov check mission.toml || echo 'needs attention'",
    )
    check.add_argument("file", metavar="FILE", help="the mission file")

    render = command(
        "render",
        _render,
        [lang, at, output, force, json_],
        "render a document: specification, contract, kickoff, review",
        "Render one of the mission's documents as Markdown, standalone HTML, PDF or Word.\n"
        "--at is the date the document is issued for (and the review's scorecard date).\n"
        "Without --format, OUT's extension chooses: .md or .markdown gives Markdown,\n"
        ".html or .htm HTML, .pdf PDF (needs pip install 'vendorgov[pdf]'), .docx Word\n"
        "(the specification and the contract; needs pip install 'vendorgov[docx]');\n"
        "another format's extension (.doc, .odt...) is refused, and any other name gives\n"
        "Markdown. --packet DIR writes the signature packet: the PDF, the Word document\n"
        "and manifest.json (hashes, signatories, signature fields' pages and positions).",
        "vendorgov render contract mission.toml -o contrat.pdf",
    )
    render.add_argument(
        "document", choices=_DOCUMENTS, metavar="DOCUMENT", help=", ".join(_DOCUMENTS)
    )
    render.add_argument("file", metavar="FILE", help="the mission file")
    render.add_argument(
        "--format",
        choices=_FORMATS,
        help="md, html, pdf or docx (default: from OUT's extension, else md); must agree "
        "with OUT's",
    )
    render.add_argument(
        "--packet",
        metavar="DIR",
        help="write the signature packet into DIR: the PDF, the Word document, manifest.json",
    )
    render.add_argument(
        "--draft",
        action="store_true",
        help="show missing values as placeholders instead of failing",
    )
    render.add_argument(
        "--templates", metavar="DIR", help="a folder of templates overriding the built-in ones"
    )

    calendar = command(
        "calendar",
        _calendar,
        [lang, output, force, json_],
        "the governance calendar as iCalendar (.ics)",
        "Write the mission's governance calendar (kickoff, reviews, milestones, report\n"
        "due dates, corrective actions, contract deadlines) as RFC 5545 iCalendar text,\n"
        "for any shared agenda to import.",
        "vendorgov calendar mission.toml -o mission.ics",
    )
    calendar.add_argument("file", metavar="FILE", help="the mission file")

    payouts = command(
        "payouts",
        _payouts,
        [at, lang, json_],
        "bonuses, service credits and earn-backs owed at a date",
        "List what the mission's incentive schemes owe at each milestone reached by the\n"
        "date: result bonuses, service credits (negative) and earn-backs, and the net.",
        "vendorgov payouts mission.toml --at 2026-11-29",
    )
    payouts.add_argument("file", metavar="FILE", help="the mission file")

    schema = command(
        "schema",
        _schema,
        [],
        "print the JSON Schema of the mission file format",
        "Print the JSON Schema (draft 2020-12) of mission files, generated from the\n"
        "types. --type gives the schema of another value's file (scorecard, finding...).",
        "vendorgov schema > mission.schema.json",
    )
    schema.add_argument(
        "--type", default="mission", metavar="TYPE", help="the type of file (default: mission)"
    )
    return parser


# -- main -------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    """Run the ``vendorgov`` command line with ``argv`` (``sys.argv[1:]`` by default).

    Errors never escape as exceptions: bad usage or input prints one line per
    problem on standard error (``vendorgov: FILE: PATH: MESSAGE``) and returns 2;
    an unexpected error returns 3 (``--debug`` prints its traceback).

    Args:
        argv: The arguments, without the program name.

    Returns:
        The exit code: 0 on success, 1 when ``check`` finds a warning or worse,
        2 on bad usage or bad input, 3 on an internal error.

    >>> main(["demo", "--lang", "de"])
    2
    >>> main(["schema", "--type", "money"])  # doctest: +ELLIPSIS
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
    ...
    0
    """
    try:
        return _run(argv)
    except KeyboardInterrupt:  # Ctrl+C, wherever it lands: parsing, working, reporting
        return _interrupted()
    except BrokenPipeError:  # e.g. `vendorgov demo | head -1`: the reader left
        # Say nothing, and keep the final flush at exit from failing again.
        import contextlib
        import os

        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _run(argv: list[str] | None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except SystemExit as done:  # --help and --version print and exit
        code = done.code if isinstance(done.code, int) else EXIT_OK
    else:
        debug = bool(getattr(args, "debug", False))
        try:
            code = args.handler(args, sys.stdout)
        except BrokenPipeError:
            raise
        except Exception as error:
            code = _report(error, args, debug)
    sys.stdout.flush()  # a reader that left is noticed here, not in the exit's flush
    return code


def _interrupted() -> int:
    """Say that the command was interrupted; the exit code of a Ctrl+C (128 + SIGINT)."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        print(f"{_PROG}: interrupted", file=sys.stderr)
    return EXIT_INTERRUPTED


def _report(error: Exception, args: argparse.Namespace, debug: bool) -> int:
    """Print ``error`` for people on standard error; return the exit code."""
    from vendorgov.exceptions import ValidationError, VendorgovError

    if isinstance(error, _BadInputError):
        lines = list(error.lines)
        code = EXIT_BAD_INPUT
    elif isinstance(error, ValidationError):
        lines = _problem_lines(error, error.source or getattr(args, "file", None))
        code = EXIT_BAD_INPUT
    elif isinstance(error, VendorgovError | OSError):
        lines = [_one_line(error)]
        code = EXIT_BAD_INPUT
    elif isinstance(error, UnicodeEncodeError):  # printing text the output cannot carry
        lines = [f"cannot write the output {_unencodable(error)}"]
        code = EXIT_BAD_INPUT
    else:
        lines = [
            f"internal error: {type(error).__name__}: {_flat(str(error))} "
            f"(a bug in vendorgov: rerun with --debug and report the traceback)"
        ]
        code = EXIT_INTERNAL
    if debug:
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    for line in lines:
        print(f"{_PROG}: {_flat(line)}", file=sys.stderr)
    return code


def _flat(text: str) -> str:
    """``text`` on one line: line breaks and other control characters become spaces."""
    return "".join(" " if ord(char) < 32 or ord(char) == 127 else char for char in text).strip()


def _more_line(error: ValidationError, shown: int, source: str | None) -> list[str]:
    """``... and N more problems in FILE``, or nothing when every problem was shown.

    ``error.errors`` is itself capped (``vendorgov.exceptions.MAX_PROBLEMS``) and
    ``error.more`` counts what it left out (``None``: more, not counted).
    """
    where = f" in {source}" if source else ""
    if error.more is None:
        return [f"... and more problems{where}"]
    more = len(error.errors) + error.more - shown
    if more <= 0:
        return []
    return [f"... and {more:,} more problem{'s' if more > 1 else ''}{where}"]


def _problem_lines(error: ValidationError, source: str | None) -> list[str]:
    """One line per problem: ``FILE: PATH: MESSAGE`` (at most 20, then a count)."""
    lines = []
    for detail in error.errors[:_MAX_PROBLEM_LINES]:
        parts = [part for part in (source, detail.path) if part]
        lines.append(": ".join([*parts, _flat(detail.message)]))
    more = _more_line(error, len(lines), source)
    if more and source:
        listed = "them all" if error.more == 0 else f"the first {len(error.errors)}"
        more[0] += f"; 'vendorgov validate {source}' lists {listed}"
    lines.extend(more)
    if not lines:  # pragma: no cover - a ValidationError always lists a problem
        lines.append(_flat(str(error)) or type(error).__name__)
    return lines


def _unencodable(error: UnicodeEncodeError) -> str:
    bad = error.object[error.start : error.end]
    return f"as {error.encoding}: it holds {bad!r} ({error.reason})"


def _printable(name: str | os.PathLike[str]) -> str:
    """A file name any output can carry: bytes that are not UTF-8 are shown as ``\\xff``."""
    import os

    return os.fsencode(os.fspath(name)).decode("utf-8", "backslashreplace")


def _shown(name: str | os.PathLike[str]) -> str:
    """A file name for a line of text: also with its control characters escaped (``\\n``)."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in _printable(name))


def _command_word(name: str | os.PathLike[str]) -> str:
    """A file name as a shell word, for the commands vendorgov suggests."""
    import shlex

    return shlex.quote(_shown(name))


def _one_line(error: BaseException) -> str:
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        return f"{error.filename}: {error.strerror}"
    return _flat(str(error).splitlines()[0] if str(error) else type(error).__name__)


# -- helpers shared by commands ------------------------------------------------------
def _load_mission(file: str) -> Mission:
    from vendorgov import Mission
    from vendorgov.serialization import load

    return load(file, cls=Mission)


def _at(args: argparse.Namespace, mission: Mission) -> dt.date:
    given: dt.date | None = args.at
    return given if given is not None else _today(mission.timezone)


def _json(data: object) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _plain(value: Any) -> Any:
    """vendorgov's JSON form of a value (exact numbers as strings, dates ISO)."""
    from vendorgov.serialization import unstructure

    return unstructure(value)


def _described(item: Finding | Payout, lang: str) -> dict[str, Any]:
    """A finding or a payout line for tools: its JSON form (code and typed ``params``,
    as files hold it) and, for convenience, its ``message`` in ``lang``."""
    from vendorgov._describe import describe

    plain: dict[str, Any] = _plain(item)
    return plain | {"message": describe(item, lang)}


def _target(output: str | None) -> Path | None:
    """The file ``-o`` names, or ``None`` for standard output."""
    from pathlib import Path

    if output is None or output == "-":
        return None
    return Path(output)


def _output_format(
    command: str, file: Path | None, given: str | None, writes: Sequence[str]
) -> str | None:
    """The format ``command`` writes to ``file``: ``given`` (``--format``), else the extension's.

    A known extension must name a format the command writes, and agree with
    ``--format`` when both are given; an unknown extension (or none) leaves the
    choice to ``--format`` or the command's default (``None`` is returned).
    """
    if file is None:
        return given
    suffix = file.suffix.lower()
    named = _EXTENSIONS.get(suffix)
    if named is None:
        return given
    if named not in writes:
        named_formats = [f"{_FORMAT_NAMES[fmt]} ({', '.join(_extensions(fmt))})" for fmt in writes]
        them = " or ".join(
            [", ".join(named_formats[:-1]), named_formats[-1]]
            if len(named_formats) > 1
            else named_formats
        )
        raise _BadInputError(f"{file}: {command} writes {them}, not {suffix}")
    if given is not None and given != named:
        raise _BadInputError(
            f"{file}: --format {given} does not match the extension {suffix} "
            f"({_FORMAT_NAMES[named]}); drop --format or name the file "
            f"{_extensions(given)[0]}"
        )
    return named


def _extensions(fmt: str) -> list[str]:
    return [suffix for suffix, named in _EXTENSIONS.items() if named == fmt]


def _refusal(file: Path) -> str | None:
    """Why ``file`` cannot be written to (a folder, a device...); ``None`` if it can.

    The rule of :func:`vendorgov.serialization.write_atomically`, checked early
    so that a command fails before doing its work: only a regular file, or a
    symbolic link to one (whose target is then replaced), is replaced.
    """
    import os
    import stat

    try:
        mode = file.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):  # free, or no folder: said later
        return None
    link = ""
    if stat.S_ISLNK(mode):
        try:
            mode = file.stat().st_mode
        except OSError:
            return "is a symbolic link that leads to no file; remove it or give another name"
        link = f"is a symbolic link to {os.path.realpath(file)}, which "
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"{link}is a folder; give a file name"
    kinds = (
        (stat.S_ISCHR, "is a character device"),
        (stat.S_ISBLK, "is a block device"),
        (stat.S_ISFIFO, "is a FIFO (named pipe)"),
        (stat.S_ISSOCK, "is a socket"),
    )
    what = next((name for test, name in kinds if test(mode)), "is not a regular file")
    return f"{link}{what}; only a regular file is replaced"


def _check_writable(file: Path, force: bool, source: str | None = None) -> None:
    """Refuse early what :func:`_write` would refuse: bad targets, existing files, the input."""
    import os

    why = _refusal(file)
    if why is not None:
        hint = " (give - for standard output)" if why.endswith("is replaced") else ""
        raise _BadInputError(f"{file}: {why}{hint}")
    if source is not None:
        try:
            same = os.path.samefile(file, source)
        except OSError:  # one of them does not exist, or cannot be seen
            same = False
        if same:
            raise _BadInputError(
                f"{file}: is the file {source} being read; choose another output file"
            )
    if not force and os.path.lexists(file):
        raise _BadInputError(f"{file}: exists; pass --force to replace it")
    folder = file.parent
    if not folder.is_dir():
        missing = "is not a folder" if os.path.lexists(folder) else "does not exist"
        raise _BadInputError(f"{file}: the folder {folder} {missing}")


def _write(file: Path, text: str | bytes, force: bool, source: str | None = None) -> None:
    """Write ``text`` atomically; never replace a file unless ``force``, nor ``source`` ever."""
    from vendorgov.exceptions import OverwriteError
    from vendorgov.serialization import write_atomically

    _check_writable(file, force, source)
    try:
        write_atomically(file, text, overwrite=force)
    except OverwriteError:  # the name was taken between the check and the write
        raise _BadInputError(f"{file}: exists; pass --force to replace it") from None
    except OSError as error:  # name the file asked for, not the temporary one
        raise _BadInputError(f"{file}: cannot write: {error.strerror or error}") from None
    except UnicodeEncodeError as error:  # a lone surrogate in the data, say
        raise _BadInputError(f"{file}: cannot write {_unencodable(error)}") from None


def _emit(
    output: str | None, text: str | bytes, force: bool, out: TextIO, source: str | None = None
) -> Path | None:
    """Write ``text`` to ``-o OUT``, or print it; return the file written."""
    file = _target(output)
    if file is None:
        out.write(text if isinstance(text, str) else text.decode("utf-8"))
        return None
    _write(file, text, force, source)
    return file


def _note(message: str) -> None:
    print(f"{_PROG}: note: {message}", file=sys.stderr)


class _Progress:
    """``[3/27] logistique/contract.html`` on standard error, only on a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.width = 0
        self.stream = sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def step(self, what: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        text = f"[{self.done}/{self.total}] {what}"[:79]
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def finish(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _severity_counts(found: Sequence[Finding]) -> dict[str, int]:
    counts = {"critical": 0, "warning": 0, "info": 0}
    for finding in found:
        counts[finding.severity.value] += 1
    return counts


# -- vendorgov demo -------------------------------------------------------------------
def _demo(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from vendorgov import assess_portfolio, examples, payouts, score_portfolio
    from vendorgov._cli_text import demo_head, label, portfolio_table, render_details

    missions = examples.demo_missions()
    at: dt.date = args.at if args.at is not None else _date(_DEMO_AT)
    cards = score_portfolio(missions, at)
    found = assess_portfolio(missions, at)
    lines = [payouts(mission, at) for mission in missions]

    folder = None if args.out is None else Path(args.out)
    files: dict[Path, str] = {}
    skipped: list[str] = []
    progress = _Progress(0)
    if folder is not None:
        if folder.exists() and not folder.is_dir():
            raise _BadInputError(f"{folder}: is not a folder")
        files, skipped, progress = _demo_files(missions, args.lang, at, folder)
    summary = _demo_summary(missions, cards, found, lines, at, args.lang)
    if folder is not None:
        names = [*files, folder / "summary.json"]
        summary["files"] = [path.relative_to(folder).as_posix() for path in names]
        summary["skipped"] = skipped
        files[folder / "summary.json"] = _json(summary)
        _write_all(files, args.force, progress)
        if skipped:
            _note(f"templates not available yet, not rendered: {', '.join(skipped)}")

    if args.json:
        out.write(_json(summary))
        return EXIT_OK
    text = [
        *demo_head(missions, at, args.lang),
        "",
        *portfolio_table(missions, cards, found, args.lang),
    ]
    if folder is None:
        text.extend(render_details(missions, args.lang))
    else:
        text.append("")
        text.append(label("written", args.lang, count=len(files), folder=_shown(folder)))
    out.write("\n".join(text) + "\n")
    return EXIT_OK


def _demo_files(
    missions: Sequence[Mission], lang: str, at: dt.date, folder: Path
) -> tuple[dict[Path, str], list[str], _Progress]:
    """Render every document and calendar in memory: nothing is written if one fails.

    A document whose templates have not landed yet (``render`` refuses the
    document, or finds no template for it in that format) is skipped and named
    in the second value (``contract.md``); any other failure stops the run.
    """
    from vendorgov import calendar, examples, render
    from vendorgov.exceptions import TemplateError, ValidationError

    files: dict[Path, str] = {}
    skipped: list[str] = []
    per_mission = len(_DOCUMENTS) * len(_TEXT_FORMATS) + 1
    # Rendering, then writing each file (the mission files and summary.json too): one step each.
    progress = _Progress(len(missions) * (per_mission * 2 + 1) + 1)
    for mission in missions:
        # The mission file itself, as shipped: the other commands can work on it.
        files[folder / mission.key / f"{mission.key}.toml"] = examples.demo_text(mission.key)
        for document in _DOCUMENTS:
            for fmt in _TEXT_FORMATS:
                name = f"{document}.{fmt}"
                progress.step(f"{mission.key}/{name}")
                if name in skipped:
                    continue
                try:
                    rendered = render(mission, document, lang=lang, format=fmt, at=at)
                except ValidationError as error:
                    if not all(detail.path == "document" for detail in error.errors):
                        raise error.with_source(f"demo mission {mission.key} ({name})") from None
                    skipped.append(name)  # the document is announced, not available yet
                    continue
                except TemplateError as error:
                    if not (error.template == f"{name}.j2" and "no template" in error.message):
                        raise
                    skipped.append(name)  # its template for this language has not landed
                    continue
                files[folder / mission.key / name] = rendered.text
        progress.step(f"{mission.key}/{mission.key}.ics")
        files[folder / mission.key / f"{mission.key}.ics"] = calendar(mission, lang=lang)
    progress.total -= len(skipped) * len(missions)
    return files, skipped, progress


def _write_all(files: dict[Path, str], force: bool, progress: _Progress) -> None:
    """Write every file, after checking that none would be refused or replaced without ``force``."""
    import os

    refused = [f"{file}: {why}" for file in files if (why := _refusal(file)) is not None]
    if refused:
        raise _BadInputError(*refused)
    for folder in dict.fromkeys(file.parent for file in files):
        if os.path.lexists(folder) and not folder.is_dir():
            raise _BadInputError(f"{folder}: is not a folder")
    if not force:
        existing = [file for file in files if os.path.lexists(file)]
        if existing:
            others = len(existing) - 1
            more = f" (and {others} more file{'s' if others > 1 else ''})" if others else ""
            them = "them" if others else "it"
            raise _BadInputError(f"{existing[0]}: exists{more}; pass --force to replace {them}")
    for file in files:
        file.parent.mkdir(parents=True, exist_ok=True)
    try:
        for file, text in files.items():
            progress.step(file.name)
            _write(file, text, force)
    finally:
        progress.finish()


def _demo_summary(
    missions: Sequence[Mission],
    cards: Sequence[Scorecard],
    found: Sequence[Sequence[Finding]],
    lines: Sequence[Sequence[Payout]],
    at: dt.date,
    lang: str,
) -> dict[str, Any]:
    return {
        "at": at.isoformat(),
        "lang": lang,
        "missions": [
            {
                "key": mission.key,
                "name": mission.name,
                "provider": mission.provider.name,
                "scorecard": _plain(card),
                "findings": [_described(finding, lang) for finding in findings],
                "counts": _severity_counts(findings),
                "payouts": [_described(line, lang) for line in payouts],
            }
            for mission, card, findings, payouts in zip(missions, cards, found, lines, strict=True)
        ],
        "files": [],
        "skipped": [],
    }


# -- vendorgov init ---------------------------------------------------------------------
def _init(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov._cli_init import skeleton

    file = _target(args.file)
    _output_format("init", file, None, ("toml",))
    if file is not None:
        _check_writable(file, args.force)
    name = "mission.toml" if file is None else _command_word(file.name)
    text = skeleton(args.activity, args.lang, _today(), file=name)
    written = _emit(args.file, text, args.force, out)
    if written is not None:
        from vendorgov._cli_text import label

        command = f"vendorgov validate {_command_word(written)}"
        out.write(label("init_next", args.lang, file=_shown(written), command=command) + "\n")
    return EXIT_OK


# -- vendorgov validate -----------------------------------------------------------------
def _validate(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import Mission
    from vendorgov.exceptions import ValidationError
    from vendorgov.serialization import load, type_name

    reports: list[dict[str, Any]] = []
    for file in args.files:
        try:
            value: object = load(file)
        except ValidationError as error:
            reports.append(
                {
                    "file": _printable(file),
                    "valid": False,
                    "type": None,
                    "key": None,
                    "errors": [
                        {"path": detail.path, "message": detail.message} for detail in error.errors
                    ],
                    "more": error.more,
                    "_error": error,
                }
            )
        else:
            reports.append(
                {
                    "file": _printable(file),
                    "valid": True,
                    "type": type_name(type(value)),
                    "key": value.key if isinstance(value, Mission) else None,
                    "errors": [],
                    "more": 0,
                }
            )
    valid = all(report["valid"] for report in reports)
    errors = [report.pop("_error", None) for report in reports]
    if args.json:
        out.write(_json({"valid": valid, "files": reports}))
    else:
        from vendorgov._cli_text import label

        for report, failure in zip(reports, errors, strict=True):
            if failure is None:
                # a mission in words; another kind of file by its type's code name
                what = (
                    label("mission_key", args.lang, key=report["key"])
                    if report["key"]
                    else report["type"]
                )
                out.write(label("valid", args.lang, file=_shown(report["file"]), what=what) + "\n")
            else:
                for problem in report["errors"]:
                    parts = [part for part in (_shown(report["file"]), problem["path"]) if part]
                    out.write(": ".join([*parts, _flat(problem["message"])]) + "\n")
                shown = len(report["errors"])
                for line in _more_line(failure, shown, _shown(report["file"])):
                    out.write(line + "\n")
        if len(reports) > 1:
            bad = sum(1 for report in reports if not report["valid"])
            counts = {"count": len(reports), "valid": len(reports) - bad, "invalid": bad}
            out.write(label("validated", args.lang, **counts) + "\n")
    return EXIT_OK if valid else EXIT_BAD_INPUT


# -- vendorgov score / check / payouts ------------------------------------------------------
def _score(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import score
    from vendorgov._cli_text import scorecard_report

    mission = _load_mission(args.file)
    at = _at(args, mission)
    card = score(mission, at)
    if args.json:
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "mission": mission.key,
                    "at": at.isoformat(),
                    "scorecard": _plain(card),
                }
            )
        )
    else:
        out.write("\n".join(scorecard_report(mission, card, args.lang)) + "\n")
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import assess
    from vendorgov._cli_text import findings_report

    mission = _load_mission(args.file)
    at = _at(args, mission)
    found = assess(mission, at)
    counts = _severity_counts(found)
    if args.json:
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "mission": mission.key,
                    "at": at.isoformat(),
                    "counts": counts,
                    "findings": [_described(finding, args.lang) for finding in found],
                }
            )
        )
    else:
        out.write("\n".join(findings_report(mission, found, at, args.lang)) + "\n")
    return EXIT_FINDINGS if counts["critical"] or counts["warning"] else EXIT_OK


def _payouts(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import Money, PayoutCategory, payout_totals, payouts
    from vendorgov._cli_text import payouts_report

    mission = _load_mission(args.file)
    at = _at(args, mission)
    lines = payouts(mission, at)
    present = payout_totals(lines)
    zero = Money.zero(mission.currency).rounded()
    totals = {category.value: present.get(category, zero) for category in PayoutCategory}
    net = sum(totals.values(), zero)
    if args.json:
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "mission": mission.key,
                    "at": at.isoformat(),
                    "payouts": [_described(line, args.lang) for line in lines],
                    "totals": {name: _plain(total) for name, total in totals.items()},
                    "net": _plain(net),
                }
            )
        )
    else:
        shown = {category.value: total for category, total in present.items()}
        report = payouts_report(mission, lines, shown, net, at, args.lang)
        out.write("\n".join(report) + "\n")
    return EXIT_OK


# -- vendorgov render / calendar ----------------------------------------------------------
def _render(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import render
    from vendorgov.exceptions import ErrorDetail, ValidationError

    if args.packet is not None:
        return _render_packet(args, out)
    file = _target(args.output)
    fmt = _output_format("render", file, args.format, _FORMATS) or "md"
    if fmt in ("pdf", "docx") and file is None:
        raise _BadInputError(
            f"a {_FORMAT_NAMES[fmt]} document is a file: name it with -o "
            f"(vendorgov render {args.document} {args.file} -o {args.document}.{fmt})"
        )
    if file is not None:
        _check_writable(file, args.force, args.file)
    mission = _load_mission(args.file)
    at = _at(args, mission)
    try:
        document = render(
            mission,
            args.document,
            lang=args.lang,
            format=fmt,
            at=at,
            draft=args.draft,
            templates=args.templates,
        )
    except ValidationError as error:
        if error.errors and all(detail.path in _RENDER_PARAMETERS for detail in error.errors):
            raise _BadInputError(
                *(
                    _flat(detail.message)
                    if detail.path == "document"
                    else f"{_RENDER_PARAMETERS[detail.path]}: {_flat(detail.message)}"
                    for detail in error.errors
                )
            ) from None
        # The library speaks of its keyword; the command line has a flag.
        raise ValidationError(
            (
                ErrorDetail(detail.path, detail.message.replace("draft=True", "--draft"))
                for detail in error.errors
            ),
            source=error.source or args.file,
        ) from None
    if document.missing:
        shown = ", ".join(document.missing[:10]) + (", ..." if len(document.missing) > 10 else "")
        _note(f"draft: {len(document.missing)} missing value(s) shown as placeholders: {shown}")
    if args.json:
        written = (
            None
            if file is None
            else _emit(args.output, document.content, args.force, out, args.file)
        )
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "mission": mission.key,
                    "document": document.name,
                    "lang": document.lang,
                    "format": document.format,
                    "draft": args.draft,
                    "at": at.isoformat(),
                    "output": None if written is None else _printable(written),
                    "media_type": document.media_type,
                    "sha256": document.sha256,
                    "body_sha256": document.body_sha256,
                    "data_sha256": document.data_sha256,
                    "missing": list(document.missing),
                    "text": document.text if written is None else None,
                }
            )
        )
    else:
        _emit(
            args.output,
            document.content if document.binary else document.text,
            args.force,
            out,
            args.file,
        )
    return EXIT_OK


def _render_packet(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from vendorgov._documents.packet import signature_packet
    from vendorgov.exceptions import ValidationError

    if args.output is not None or args.format is not None:
        raise _BadInputError("--packet writes its own files: drop -o and --format")
    folder = Path(args.packet)
    if folder.exists() and not folder.is_dir():
        raise _BadInputError(f"{folder}: is not a folder; --packet names a folder")
    mission = _load_mission(args.file)
    at = _at(args, mission)
    try:
        packet = signature_packet(
            mission,
            args.document,
            lang=args.lang,
            at=at,
            draft=args.draft,
            templates=args.templates,
        )
    except ValidationError as error:
        raise ValidationError(error.errors, source=error.source or args.file) from None
    folder.mkdir(parents=True, exist_ok=True)
    for name in packet.files:  # all or none: refuse before writing the first one
        _check_writable(folder / name, args.force, args.file)
    for name, content in packet.files.items():
        _write(folder / name, content, args.force, args.file)
    if args.json:
        out.write(_json({"folder": _printable(str(folder)), **packet.manifest}))
    else:
        for name in packet.files:
            out.write(f"{folder / name}\n")
    return EXIT_OK


def _calendar(args: argparse.Namespace, out: TextIO) -> int:
    import hashlib

    from vendorgov import calendar

    file = _target(args.output)
    _output_format("calendar", file, None, ("ics",))
    if file is not None:
        _check_writable(file, args.force, args.file)
    mission = _load_mission(args.file)
    text = calendar(mission, lang=args.lang)
    if args.json:
        written = None if file is None else _emit(args.output, text, args.force, out, args.file)
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "mission": mission.key,
                    "lang": args.lang,
                    "output": None if written is None else _printable(written),
                    "media_type": "text/calendar; charset=utf-8",
                    "events": text.count("BEGIN:VEVENT"),
                    "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    "text": text if written is None else None,
                }
            )
        )
    else:
        _emit(args.output, text, args.force, out, args.file)
    return EXIT_OK


# -- vendorgov schema ---------------------------------------------------------------------
def _schema(args: argparse.Namespace, out: TextIO) -> int:
    import difflib

    from vendorgov._model import registry
    from vendorgov.serialization import json_schema

    cls = registry.KINDS.get(args.type)
    if cls is None:
        close = difflib.get_close_matches(args.type, list(registry.KINDS), n=1)
        hint = f"did you mean {close[0]!r}?" if close else "known: " + ", ".join(registry.KINDS)
        raise _BadInputError(f"--type: unknown type {args.type!r}; {hint}")
    out.write(_json(json_schema(cls)))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
