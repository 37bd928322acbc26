"""The ``vendorgov`` command line.

Commands: ``demo``, ``init``, ``validate``, ``score``, ``check``, ``render``,
``calendar``, ``payouts``, ``import``, ``record``, ``history``, ``compact`` and ``schema``.
Each is a function ``(args, out) -> exit code`` registered in :func:`_build_parser`; it imports
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

    from vendorgov import (
        Finding,
        ImportResult,
        Mission,
        MissionSummary,
        Payout,
        Portfolio,
        Scorecard,
    )
    from vendorgov.exceptions import ErrorDetail, ValidationError

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

_DOCUMENTS = ("specification", "contract", "kickoff", "review", "amendment", "exit")
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
    ".eml": "eml",
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
    "eml": "e-mail",
}
_ACTIVITIES = ("logistics", "community", "website", "customer_service", "content", "other")
_RENDER_PARAMETERS = {
    "document": "DOCUMENT",
    "lang": "--lang",
    "format": "--format",
    "at": "--at",
    "draft": "--draft",
    "templates": "--templates",
    "number": "--number",
}
_MAX_PROBLEM_LINES = 20

_FILES_HELP = "mission files, or folders of them (.toml, .json, .yaml, .yml)"
_PORTFOLIO_HELP = """\
With several files or a folder: a portfolio table, most in need of attention first
(critical findings, then the worst standing), then each mission in short. Folders
are read with their sub-folders; files of other extensions, hidden files and
files that are not vendorgov missions are skipped (and counted on stderr). A file
that cannot be read is reported with its errors and the others still are.
Exit code 2 when a file could not be read, else 1 when a mission has a critical
finding (check: see --fail-on), else 0."""


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


def _moment(text: str) -> dt.datetime:
    """``--at`` of ``record``: an ISO 8601 datetime with its UTC offset."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"expected a datetime with its offset, like 2026-12-01T09:30+01:00, got {text!r}"
        )
    return moment


def _date_or_moment(text: str) -> dt.date | dt.datetime:
    """A measurement's ``--on``: a date, or a datetime with its offset."""
    return _date(text) if len(text) == 10 else _moment(text)


def _now() -> dt.datetime:
    """The moment now, with the host's offset: the clock ``record`` reads when not told."""
    import datetime as dt

    return dt.datetime.now(dt.UTC).astimezone()


def _recorder(args: argparse.Namespace) -> str:
    """``--by``, else ``$VENDORGOV_USER``, else the login name."""
    import getpass
    import os

    given: str | None = args.by
    if given is None:
        given = os.environ.get("VENDORGOV_USER") or getpass.getuser()
    return given


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
  1  `check` found a warning or a critical finding; with several missions,
     `score`, `payouts` and `calendar` found a critical one
  2  bad usage or bad input (one line per problem on stderr: file, path, message);
     with several files, a file that could not be read (the others are reported)
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
        "the scorecard of a mission (or a portfolio) at a date",
        "Score a mission at a date: the current milestone, each KPI's actual value\n"
        "against its target and threshold, points, status, and the overall score.\n"
        + _PORTFOLIO_HELP,
        "vendorgov score mission.toml --at 2026-11-29",
    )
    score.add_argument("files", nargs="+", metavar="FILE", help=_FILES_HELP)

    check = command(
        "check",
        _check,
        [at, lang, json_],
        "what needs attention in missions (exit 1 on warnings)",
        "List the findings about a mission at a date, most urgent first. Exit code 1\n"
        "when any finding is a warning or critical (--fail-on critical: only critical):\n"
        "a script can gate on it.\n" + _PORTFOLIO_HELP,
        "vendorgov check missions/ --fail-on critical || echo 'needs attention'",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help=_FILES_HELP)
    check.add_argument(
        "--fail-on",
        choices=("warning", "critical"),
        default="warning",
        help="exit 1 when a finding is at least this severe (default: warning)",
    )

    render = command(
        "render",
        _render,
        [lang, at, output, force, json_],
        "render a document: specification, contract, kickoff, review, amendment, exit",
        "Render one of the mission's documents as Markdown, standalone HTML, PDF or Word.\n"
        "--at is the date the document is issued for (and the review's scorecard date; the\n"
        "contract at --at is the consolidated one, with its amendment history).\n"
        "An amendment is chosen with --number (default: the last one).\n"
        "Without --format, OUT's extension chooses: .md or .markdown gives Markdown,\n"
        ".html or .htm HTML, .pdf PDF (needs pip install 'vendorgov[pdf]'), .docx Word\n"
        "(the specification, the contract, an amendment, the exit document; needs pip\n"
        "install 'vendorgov[docx]'); another format's extension (.doc, .odt...) is refused,\n"
        "and any other name gives Markdown. --packet DIR writes the signature packet: the\n"
        "PDF, the Word document and manifest.json (hashes, signatories, signature fields).",
        "vendorgov render contract mission.toml -o contrat.pdf\n"
        "  vendorgov render portfolio missions/ -o dashboard.html",
    )
    render.add_argument(
        "document",
        choices=(*_DOCUMENTS, "portfolio"),
        metavar="DOCUMENT",
        help=", ".join(_DOCUMENTS)
        + ", or portfolio: a dashboard of every mission of the files and folders given, as"
        " one self-contained HTML page",
    )
    render.add_argument(
        "files", nargs="+", metavar="FILE", help="the mission file (portfolio: files, folders)"
    )
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
    render.add_argument(
        "--number",
        type=int,
        metavar="N",
        help="the amendment to render (the amendment document only; default: the last one)",
    )

    calendar = command(
        "calendar",
        _calendar,
        [lang, output, force, json_],
        "the governance calendar as iCalendar (.ics)",
        "Write the mission's governance calendar (kickoff, reviews, milestones, report\n"
        "due dates, corrective actions, contract deadlines) as RFC 5545 iCalendar text,\n"
        "for any shared agenda to import. With several missions, -o names a folder\n"
        "where each mission's calendar is written as KEY.ics.\n" + _PORTFOLIO_HELP,
        "vendorgov calendar mission.toml -o mission.ics",
    )
    calendar.add_argument("files", nargs="+", metavar="FILE", help=_FILES_HELP)
    calendar.add_argument(
        "--at",
        type=_date,
        metavar="DATE",
        help="with several missions: the date of the portfolio table (default: today)",
    )

    payouts = command(
        "payouts",
        _payouts,
        [at, lang, json_],
        "bonuses, service credits and earn-backs owed at a date",
        "List what the mission's incentive schemes owe at each milestone reached by the\n"
        "date: result bonuses, service credits (negative) and earn-backs, and the net.\n"
        + _PORTFOLIO_HELP,
        "vendorgov payouts mission.toml --at 2026-11-29",
    )
    payouts.add_argument("files", nargs="+", metavar="FILE", help=_FILES_HELP)

    digest = command(
        "digest",
        _digest,
        [at, lang, output, force],
        "a Slack, Teams or e-mail digest of what needs attention in missions",
        "Summarize missions (files and folders, as for check) as a message for the\n"
        "team's tools: a Slack Block Kit message (JSON), a Microsoft Teams message with\n"
        "an Adaptive Card (JSON), or an e-mail with text and HTML parts (.eml). Nothing\n"
        "is sent: post the JSON to a webhook, or the e-mail with your mail tool.\n"
        "Exit code 2 when a file could not be read (the digest lists it), else 0.",
        "vendorgov digest missions/ --to slack -o digest.json",
    )
    digest.add_argument("files", nargs="+", metavar="FILE", help=_FILES_HELP)
    digest.add_argument(
        "--to",
        required=True,
        choices=("slack", "teams", "email"),
        help="slack or teams (JSON), or email (.eml)",
    )
    digest.add_argument("--from", dest="sender", metavar="ADDRESS", help="e-mail: the From address")
    digest.add_argument(
        "--mail-to",
        action="append",
        default=[],
        metavar="ADDRESS",
        help="e-mail: a To address (repeat for several)",
    )

    _journal_commands(command, [lang, json_])

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

    import_ = command(
        "import",
        _import,
        [lang, json_],
        "import measurements from a provider's export (CSV, XLSX) into a mission",
        "Read a provider's export (CSV or XLSX) with one of the mission's [[imports]]\n"
        "mappings, and add its measurements to the mission file. Re-importing the same\n"
        "export changes nothing; a value that differs from the one the mission has for\n"
        "the same KPI and date is reported and kept, unless --replace is given.\n"
        "--dry-run shows what would change and writes nothing. What is added or\n"
        "replaced is recorded in the journal beside the mission file (one event per\n"
        "measurement, see `vendorgov history`): the mission file itself is never written.",
        "vendorgov import logistique.toml logistique-wms-2026-11.csv --dry-run",
    )
    import_.add_argument("file", metavar="MISSION", help="the mission file")
    import_.add_argument("source", metavar="SOURCE", help="the export: a .csv or .xlsx file")
    import_.add_argument(
        "--mapping",
        metavar="NAME",
        help="the [[imports]] mapping to read SOURCE with (default: the mission's only one)",
    )
    import_.add_argument(
        "--replace",
        action="store_true",
        help="replace the values that differ from the mission's (default: keep them)",
    )
    import_.add_argument(
        "--dry-run", action="store_true", help="show what would change; write nothing"
    )
    import_.add_argument(
        "--by",
        metavar="NAME",
        help="who records the import (default: $VENDORGOV_USER, else your login name)",
    )
    import_.add_argument(
        "--at",
        type=_moment,
        metavar="DATETIME",
        help="when it is recorded, ISO 8601 with its offset (default: now)",
    )
    import_.add_argument("--why", default="", metavar="TEXT", help="why, in a few words")
    return parser


def _journal_commands(command: Callable[..., _Parser], parents: list[_Parser]) -> None:
    """``record``, ``history`` and ``compact``: the journal beside a mission file."""
    recorder = _Parser(add_help=False)
    recorder.add_argument(
        "--by",
        metavar="NAME",
        help="who records it (default: $VENDORGOV_USER, else your login name)",
    )
    recorder.add_argument(
        "--at",
        type=_moment,
        metavar="DATETIME",
        help="when it is recorded, ISO 8601 with its offset: 2026-12-01T09:30+01:00 (default: now)",
    )
    recorder.add_argument("--why", default="", metavar="TEXT", help="why, in a few words")

    record = command(
        "record",
        _record,
        [],
        "record what happened in the mission's journal (the file stays as written)",
        "Append an event to the journal beside the mission file (mission.journal.jsonl):\n"
        "a measurement, a review, a corrective action opened or closed, a report received,\n"
        "a spend line, a recognition, an integration step done. The event is checked\n"
        "against the mission first; nothing invalid is written. The mission file itself\n"
        "is never rewritten (see `vendorgov compact`). Options follow the EVENT.",
        "vendorgov record mission.toml measurement --kpi order_accuracy --value 99.8 "
        '--on 2026-11-30 --by "Julien Bernard"',
    )
    record.add_argument("file", metavar="FILE", help="the mission file")
    kinds = record.add_subparsers(
        title="events", dest="kind", metavar="EVENT", required=True, parser_class=_Parser
    )
    common = [recorder, *parents]

    def kind(name: str, summary: str) -> _Parser:
        sub: _Parser = kinds.add_parser(name, parents=common, help=summary, description=summary)
        return sub

    measurement = kind("measurement", "a measured value of a KPI")
    measurement.add_argument("--kpi", required=True, help="the KPI's key")
    measurement.add_argument("--value", required=True, help="the value, exact (99.8)")
    measurement.add_argument(
        "--on", required=True, type=_date_or_moment, metavar="DATE", help="its date (or datetime)"
    )
    measurement.add_argument("--source", help="where the value comes from")
    measurement.add_argument("--note", help="a note")
    measurement.add_argument(
        "--replace", action="store_true", help="replace the value of that KPI at that date"
    )

    review = kind("review", "a review held, with its obstacles, decisions, needs and ideas")
    review.add_argument("--on", required=True, type=_date, metavar="DATE", help="its date")
    review.add_argument(
        "--kind",
        dest="kind_of_review",
        required=True,
        choices=("weekly", "monthly", "milestone", "quarterly"),
        help="weekly, monthly, milestone or quarterly",
    )
    review.add_argument("--milestone", help="the milestone it was about")
    review.add_argument("--summary", default="", help="a summary")
    for option, what in (
        ("--attendee", "someone who attended"),
        ("--obstacle", "an obstacle met"),
        ("--decision", "a decision taken"),
        ("--need", "ID:TEXT, something the provider needs from you"),
        ("--idea", "ID:TEXT, an improvement idea from the provider"),
    ):
        review.add_argument(option, action="append", default=[], help=f"{what} (repeatable)")

    opened = kind("action-open", "a corrective action opened at a review")
    opened.add_argument("id", metavar="ID", help="the action's id (ca_log_09)")
    opened.add_argument("--description", required=True, help="what is to be done")
    opened.add_argument("--owner", required=True, help="who does it")
    opened.add_argument("--due", required=True, type=_date, metavar="DATE", help="by when")
    opened.add_argument("--kpi", help="the KPI it should bring back on target")
    opened.add_argument("--root-cause", default="", help="why the problem happened")
    opened.add_argument(
        "--review", type=_date, metavar="DATE", help="the review's date (default: the latest)"
    )

    closed = kind("action-close", "a corrective action closed")
    closed.add_argument("id", metavar="ID", help="the action's id")
    closed.add_argument("--on", required=True, type=_date, metavar="DATE", help="when it closed")
    closed.add_argument(
        "--cancelled", action="store_true", help="it was cancelled rather than done"
    )

    report = kind("report", "a periodic report received from the provider")
    report.add_argument(
        "--period-end", required=True, type=_date, metavar="DATE", help="the period's last day"
    )
    report.add_argument(
        "--received-on", required=True, type=_date, metavar="DATE", help="when it arrived"
    )
    report.add_argument("--title", default="", help="its name")

    spend = kind("spend", "money spent on an activity (an invoice)")
    spend.add_argument("--on", required=True, type=_date, metavar="DATE", help="its date")
    spend.add_argument("--activity", required=True, help="the activity's key")
    spend.add_argument(
        "--amount", required=True, help="the amount in the mission's currency (3500.00)"
    )
    spend.add_argument("--description", default="", help="what it is")
    spend.add_argument("--reference", default="", help="the invoice's reference")

    recognition = kind("recognition", "a congratulation or other recognition given")
    recognition.add_argument("--on", required=True, type=_date, metavar="DATE", help="its date")
    recognition.add_argument(
        "--kind",
        dest="kind_of_recognition",
        default="thanks",
        choices=("thanks", "public_mention", "award", "testimonial", "other"),
        help="thanks (default), public_mention, award, testimonial or other",
    )
    recognition.add_argument("--description", required=True, help="what was said")
    recognition.add_argument("--given-by", default="", help="who gave it")
    recognition.add_argument("--kpi", help="the KPI it rewards")

    integration = kind("integration-done", "an integration step done")
    integration.add_argument("step", metavar="STEP", help="the step's description, as written")
    integration.add_argument("--on", required=True, type=_date, metavar="DATE", help="when")

    history = command(
        "history",
        _history,
        parents,
        "who recorded what in the mission's journal, when and why",
        "Show the journal beside the mission file, line by line, after checking its\n"
        "chain of hashes: a line changed, removed, moved or cut is reported with its\n"
        "number (exit code 2).",
        "vendorgov history mission.toml",
    )
    history.add_argument("file", metavar="FILE", help="the mission file")

    compact = command(
        "compact",
        _compact,
        [recorder, *parents],
        "fold the journal into the mission file, keeping its comments",
        "Write what the journal recorded into the mission file (a TOML file keeps its\n"
        "comments and layout: only what changed is written), keep the journal as\n"
        "mission.journal.N.jsonl, and start a new journal whose first line records the\n"
        "compaction and continues the chain.",
        'vendorgov compact mission.toml --by "Julien Bernard"',
    )
    compact.add_argument("file", metavar="FILE", help="the mission file")


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
    """The mission in ``file``, with the journal beside it folded on."""
    from vendorgov import Mission
    from vendorgov.journal import load

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
    """``[3/27] logistique/contract.html`` on standard error, only on a terminal.

    With ``bar``, a bar too (``[#####-----] 3/27 missions/a.toml``), shown only
    for two steps or more: a portfolio's files.
    """

    def __init__(self, total: int, *, bar: bool = False) -> None:
        self.total = total
        self.done = 0
        self.width = 0
        self.stream = sys.stderr
        self.bar = bar
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        if bar and total < 2:
            self.enabled = False

    def step(self, what: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.bar:
            filled = 20 * self.done // max(self.total, 1)
            gauge = "#" * filled + "-" * (20 - filled)
            text = f"[{gauge}] {self.done}/{self.total} {what}"[:79]
        else:
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
    # One file per document, and one per amendment (amendment-<number>.<format>).
    documents = tuple(document for document in _DOCUMENTS if document != "amendment")
    per_mission = len(documents) * len(_TEXT_FORMATS) + 1
    amendments = sum(len(mission.amendments) for mission in missions) * len(_TEXT_FORMATS)
    # Rendering, then writing each file (the mission files and summary.json too): one step each.
    progress = _Progress(len(missions) * (per_mission * 2 + 1) + amendments * 2 + 1)
    for mission in missions:
        # The mission file itself, as shipped: the other commands can work on it.
        files[folder / mission.key / f"{mission.key}.toml"] = examples.demo_text(mission.key)
        for document in documents:
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
        for amendment in mission.amendments:
            for fmt in _TEXT_FORMATS:
                name = f"amendment-{amendment.number}.{fmt}"
                progress.step(f"{mission.key}/{name}")
                rendered = render(
                    mission, "amendment", lang=lang, format=fmt, at=at, number=amendment.number
                )
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
    if _is_portfolio(args):
        return _portfolio(args, out, "score")
    args.file = args.files[0]
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
                    "contests": [
                        {
                            **_plain(contest),
                            "status_on_date": str(contest.status_on(at)),
                            "answer_due": mission.contest_answer_due(contest).isoformat(),
                        }
                        for contest in mission.contests
                        if contest.status_on(at) is not None
                    ],
                }
            )
        )
    else:
        out.write("\n".join(scorecard_report(mission, card, args.lang)) + "\n")
    return EXIT_OK


def _check(args: argparse.Namespace, out: TextIO) -> int:
    if _is_portfolio(args):
        return _portfolio(args, out, "findings")
    args.file = args.files[0]
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
    failing = counts["critical"] or (args.fail_on == "warning" and counts["warning"])
    return EXIT_FINDINGS if failing else EXIT_OK


def _payouts(args: argparse.Namespace, out: TextIO) -> int:
    if _is_portfolio(args):
        return _portfolio(args, out, "payouts")
    args.file = args.files[0]
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

    if args.document == "portfolio":
        return _render_portfolio(args, out)
    if len(args.files) > 1:
        raise _UsageError(
            f"{_PROG} render: error: {args.document} takes one mission file; "
            "'render portfolio' takes several"
        )
    args.file = args.files[0]

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
            number=args.number,
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
    if _is_portfolio(args):
        return _portfolio(args, out, "calendar")
    args.file = args.files[0]
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


# -- several files: the portfolio ----------------------------------------------------------
def _is_portfolio(args: argparse.Namespace) -> bool:
    """Several files, or a folder: the command summarizes a portfolio."""
    import os

    files: list[str] = args.files
    return len(files) > 1 or os.path.isdir(files[0])


def _portfolio(args: argparse.Namespace, out: TextIO, detail: str) -> int:
    """``score``, ``check``, ``payouts`` or ``calendar`` over several files and folders.

    Every file is read and summarized (`vendorgov._portfolio.summarize_files`);
    one that cannot be read is reported with its errors and does not stop the
    others. Exit code: 2 when a file could not be read; else 1 when a mission
    has a critical finding (``check``: as ``--fail-on`` says); else 0.
    """
    folder = None
    if detail == "calendar":
        folder = _target(args.output)
        if folder is not None and folder.suffix.lower() == ".ics":
            raise _BadInputError(
                f"{folder}: with several missions, -o names a folder (each mission's "
                "calendar is written there as KEY.ics)"
            )
        if folder is not None and not folder.is_dir():
            missing = "is not a folder" if folder.exists() else "does not exist"
            raise _BadInputError(f"{folder}: {missing}; -o names a folder for several missions")

    from vendorgov import calendar

    calendars: dict[Path, str] = {}
    events: dict[str, int] = {}

    def each(mission: Mission, summary: MissionSummary) -> None:
        if detail != "calendar":
            return
        text = calendar(mission, lang=args.lang)
        events[summary.file or ""] = text.count("BEGIN:VEVENT")
        if folder is not None:
            name = folder / f"{mission.key}.ics"
            number = 1
            while name in calendars:  # two missions with the same key
                number += 1
                name = folder / f"{mission.key}-{number}.ics"
            calendars[name] = text

    portfolio = _read_portfolio(args, each)
    if folder is not None and calendars:
        _write_all(calendars, args.force, _Progress(0))
    problem_lines = [
        line
        for problem in portfolio.problems
        for line in _file_problem_lines(problem.file, problem.errors, problem.more)
    ]
    code = _portfolio_exit(portfolio, detail, getattr(args, "fail_on", "critical"))
    if args.json:
        out.write(_json(_portfolio_json(portfolio, args.lang, detail, events, calendars, code)))
    else:
        from vendorgov._cli_text import portfolio_report

        unreadable = [_shown(problem.file) for problem in portfolio.problems]
        lines = portfolio_report(portfolio, args.lang, detail, unreadable, events)
        out.write("\n".join(lines) + "\n")
    for line in problem_lines:
        print(f"{_PROG}: {_flat(line)}", file=sys.stderr)
    return code


def _file_problem_lines(file: str, errors: Sequence[ErrorDetail], more: int | None) -> list[str]:
    from vendorgov.exceptions import ValidationError

    error = ValidationError(errors, more=more) if errors else None
    if error is None:  # pragma: no cover - a FileProblem always lists a problem
        return [f"{_shown(file)}: cannot be read"]
    return _problem_lines(error, _shown(file))


def _portfolio_exit(portfolio: Portfolio, detail: str, fail_on: str) -> int:
    if portfolio.problems:
        return EXIT_BAD_INPUT
    worst = {"critical": 2, "warning": 1}[fail_on if detail == "findings" else "critical"]
    failing = any(
        finding.severity.rank >= worst for s in portfolio.summaries for finding in s.findings
    )
    return EXIT_FINDINGS if failing else EXIT_OK


def _portfolio_json(
    portfolio: Portfolio,
    lang: str,
    detail: str,
    events: dict[str, int],
    calendars: dict[Path, str],
    code: int,
) -> dict[str, Any]:
    from vendorgov import Money

    missions = []
    for summary in portfolio.summaries:
        card = summary.scorecard
        entry: dict[str, Any] = {
            "file": None if summary.file is None else _printable(summary.file),
            "mission": summary.mission,
            "name": _plain_text(summary.name),
            "provider": summary.provider,
            "at": summary.at.isoformat(),
            "milestone": _plain_text(card.milestone),
            "due": card.due.isoformat(),
            "overall": None if card.overall is None else str(card.overall),
            "coverage": str(card.coverage),
            "standing": card.standing,
            "sufficient": card.sufficient,
            "trend": None if summary.trend is None else str(summary.trend),
            "history": [
                {"on": point.on.isoformat(), "overall": _maybe(point.overall)}
                for point in summary.history
            ],
            "counts": _severity_counts(summary.findings),
            "deadlines": [
                {
                    "kind": item.kind.value,
                    "on": item.on.isoformat(),
                    "subject": _plain_text(item.subject),
                }
                for item in summary.deadlines
            ],
        }
        if detail == "score":
            entry["scorecard"] = _plain(card)
        if detail == "findings":
            entry["findings"] = [_described(finding, lang) for finding in summary.findings]
        if detail == "payouts":
            entry["payouts"] = [_described(line, lang) for line in summary.payouts]
            totals: dict[str, Money] = {}
            for line in summary.payouts:
                currency = line.amount.currency
                totals[currency] = totals.get(currency, Money.zero(currency)) + line.amount
            entry["net"] = [_plain(total.rounded()) for total in totals.values()]
        if detail == "calendar":
            entry["events"] = events.get(summary.file or "", 0)
        missions.append(entry)
    return {
        "at": None if portfolio.at is None else portfolio.at.isoformat(),
        "lang": lang,
        "exit_code": code,
        "missions": missions,
        "problems": [
            {
                "file": _printable(problem.file),
                "errors": [{"path": e.path, "message": e.message} for e in problem.errors],
                "more": problem.more,
            }
            for problem in portfolio.problems
        ],
        "skipped": [_printable(name) for name in portfolio.ignored],
        "written": [_printable(name) for name in calendars],
    }


def _plain_text(value: object) -> Any:
    """A text as written: a string, or a table of translations (``{"fr": ..., "en": ...}``)."""
    from vendorgov._model.text import LocalizedText

    if isinstance(value, LocalizedText):
        return dict(value.texts)
    return value


def _maybe(value: object) -> str | None:
    return None if value is None else str(value)


def _read_portfolio(
    args: argparse.Namespace, each: Callable[[Mission, MissionSummary], object] | None = None
) -> Portfolio:
    """Every mission of the files and folders given, summarized; unreadable files kept.

    ``each`` is called with each mission read and its summary (see ``summarize_files``).
    """
    from vendorgov._engine.portfolio import portfolio_of
    from vendorgov._portfolio import mission_files, summarize_files

    given: list[str] = args.files
    files, ignored = mission_files(given)
    if not files:
        raise _BadInputError(
            f"{', '.join(_shown(path) for path in given)}: no mission file found "
            "(.toml, .json, .yaml or .yml)"
        )
    given_at: dt.date | None = args.at
    at = given_at if given_at is not None else (lambda mission: _today(mission.timezone))
    skipped: list[str] = []
    progress = _Progress(len(files), bar=True)
    results = []
    try:
        for file, result in zip(
            files,
            summarize_files(files, at, named=given, skipped=skipped, each=each),
            strict=False,
        ):
            progress.step(_shown(file))
            results.append(result)
    finally:
        progress.finish()
    portfolio = portfolio_of(results, given_at, ignored=(*ignored, *skipped))
    if portfolio.ignored:
        shown = ", ".join(_shown(name) for name in portfolio.ignored[:5])
        more = len(portfolio.ignored) - 5
        shown += f" and {more} more" if more > 0 else ""
        _note(f"skipped {len(portfolio.ignored)} file(s) that are not mission files: {shown}")
    return portfolio


def _report_problems(portfolio: Portfolio) -> int:
    """Print the files that could not be read on standard error; the exit code they make."""
    for problem in portfolio.problems:
        for line in _file_problem_lines(problem.file, problem.errors, problem.more):
            print(f"{_PROG}: {_flat(line)}", file=sys.stderr)
    return EXIT_BAD_INPUT if portfolio.problems else EXIT_OK


def _render_portfolio(args: argparse.Namespace, out: TextIO) -> int:
    """``vendorgov render portfolio FILES -o dashboard.html``: the dashboard page."""
    import hashlib

    from vendorgov import dashboard

    file = _target(args.output)
    fmt = _output_format("render", file, args.format, ("html", "pdf"))
    if fmt not in (None, "html", "pdf"):
        raise _BadInputError(
            "--format: the portfolio dashboard is HTML or PDF (--format html, --format pdf)"
        )
    if fmt == "pdf" and file is None:
        raise _BadInputError("a PDF goes to a file: give -o dashboard.pdf")
    if args.draft or args.templates:
        raise _BadInputError("--draft and --templates apply to a mission's documents only")
    if file is not None:
        _check_writable(file, args.force)
    portfolio = _read_portfolio(args)
    page = dashboard(portfolio, lang=args.lang)
    content: str | bytes = page
    if fmt == "pdf":
        content = _dashboard_pdf(portfolio, page, args.lang)
    written = _emit(args.output, content, args.force, out) if (file or not args.json) else None
    if args.json:
        out.write(
            _json(
                {
                    "document": "portfolio",
                    "lang": args.lang,
                    "format": fmt or "html",
                    "at": None if portfolio.at is None else portfolio.at.isoformat(),
                    "missions": [summary.mission for summary in portfolio.summaries],
                    "problems": [_printable(problem.file) for problem in portfolio.problems],
                    "output": None if written is None else _printable(written),
                    "media_type": "application/pdf" if fmt == "pdf" else "text/html; charset=utf-8",
                    "sha256": hashlib.sha256(
                        content if isinstance(content, bytes) else content.encode("utf-8")
                    ).hexdigest(),
                    "text": page if written is None else None,
                }
            )
        )
    return _report_problems(portfolio)


def _dashboard_pdf(portfolio: Portfolio, page: str, lang: str) -> bytes:
    """The dashboard printed to PDF (the ``pdf`` extra), the summaries' rows attached as JSON.

    Its date is the portfolio's (the earliest mission's when they differ), never the clock.
    """
    import datetime as dt
    import json

    from vendorgov._documents.pdf import print_pdf
    from vendorgov._labels import PHRASES

    days = [summary.at for summary in portfolio.summaries]
    issued = portfolio.at or (min(days) if days else dt.date(1970, 1, 1))
    rows = json.dumps(list(portfolio.rows()), default=str, ensure_ascii=False, indent=2)
    return print_pdf(
        page,
        data=rows.encode("utf-8"),
        data_name="portfolio.json",
        data_description=PHRASES[lang]["portfolio_attachment"],
        issued=issued,
    ).content


def _digest(args: argparse.Namespace, out: TextIO) -> int:
    """``vendorgov digest FILES --to slack|teams|email``: a message payload, never sent."""
    from vendorgov import email_digest, slack_digest, teams_digest

    file = _target(args.output)
    writes = ("eml",) if args.to == "email" else ("json",)
    _output_format("digest", file, None, writes)
    if file is not None:
        _check_writable(file, args.force)
    if args.to != "email" and (args.sender or args.mail_to):
        raise _BadInputError("--from and --mail-to apply to --to email only")
    portfolio = _read_portfolio(args)
    if args.to == "slack":
        text = _json(slack_digest(portfolio, lang=args.lang))
    elif args.to == "teams":
        text = _json(teams_digest(portfolio, lang=args.lang))
    else:
        message = email_digest(portfolio, lang=args.lang, sender=args.sender, to=args.mail_to)
        text = message.as_string()
    _emit(args.output, text, args.force, out)
    return _report_problems(portfolio)


# -- vendorgov schema ---------------------------------------------------------------------
def _event(args: argparse.Namespace, mission: Mission) -> Any:
    """The event ``record``'s arguments describe."""
    from decimal import Decimal, InvalidOperation

    from vendorgov import (
        ActionStatus,
        CorrectiveAction,
        Idea,
        Measurement,
        Money,
        ProviderNeed,
        Recognition,
        RecognitionKind,
        Report,
        Review,
        ReviewKind,
        SpendEntry,
        journal,
    )
    from vendorgov.exceptions import ErrorDetail, ValidationError

    def number(text: str, option: str) -> Decimal:
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            raise ValidationError([ErrorDetail(option, f"expected a number, got {text!r}")])
        return value

    def items(texts: list[str], option: str) -> list[tuple[str, str]]:
        found = []
        for text in texts:
            key, colon, description = text.partition(":")
            if not colon:
                raise ValidationError([ErrorDetail(option, f"expected ID:TEXT, got {text!r}")])
            found.append((key.strip(), description.strip()))
        return found

    if args.kind == "measurement":
        return journal.MeasurementAdded(
            measurement=Measurement(
                kpi=args.kpi,
                value=number(args.value, "--value"),
                at=args.on,
                source=args.source,
                note=args.note,
            ),
            replace=args.replace,
        )
    if args.kind == "review":
        return journal.ReviewHeld(
            review=Review(
                on=args.on,
                kind=ReviewKind(args.kind_of_review),
                milestone=args.milestone,
                attendees=tuple(args.attendee),
                summary=args.summary,
                obstacles=tuple(args.obstacle),
                decisions=tuple(args.decision),
                needs=tuple(
                    ProviderNeed(id=key, description=text)
                    for key, text in items(args.need, "--need")
                ),
                ideas=tuple(
                    Idea(id=key, description=text) for key, text in items(args.idea, "--idea")
                ),
            )
        )
    if args.kind == "action-open":
        return journal.ActionOpened(
            action=CorrectiveAction(
                id=args.id,
                description=args.description,
                owner=args.owner,
                due=args.due,
                kpi=args.kpi,
                root_cause=args.root_cause,
            ),
            review=args.review,
        )
    if args.kind == "action-close":
        status = ActionStatus.CANCELLED if args.cancelled else ActionStatus.DONE
        return journal.ActionClosed(id=args.id, on=args.on, status=status)
    if args.kind == "report":
        return journal.ReportReceived(
            report=Report(
                period_end=args.period_end, received_on=args.received_on, title=args.title
            )
        )
    if args.kind == "spend":
        return journal.SpendRecorded(
            entry=SpendEntry(
                on=args.on,
                activity=args.activity,
                amount=Money(number(args.amount, "--amount"), mission.currency),
                description=args.description,
                reference=args.reference,
            )
        )
    if args.kind == "recognition":
        return journal.RecognitionGiven(
            recognition=Recognition(
                on=args.on,
                kind=RecognitionKind(args.kind_of_recognition),
                description=args.description,
                by=args.given_by,
                kpi=args.kpi,
            )
        )
    assert args.kind == "integration-done"
    return journal.IntegrationDone(step=args.step, on=args.on)


def _record(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import Mission, journal
    from vendorgov._cli_journal import recorded_line
    from vendorgov.serialization import load

    mission = load(args.file, cls=Mission)
    event = _event(args, mission)
    entry = journal.record(args.file, event, by=_recorder(args), at=args.at or _now(), why=args.why)
    if args.json:
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "journal": _printable(entry.path),
                    "entry": entry.to_json(),
                }
            )
        )
    else:
        out.write(recorded_line(entry, args.lang) + "\n")
    return EXIT_OK


def _history(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import journal
    from vendorgov._cli_journal import history_report

    mission = _load_mission(args.file)
    entries = journal.history(args.file)
    name = journal.journal_path(args.file)
    if args.json:
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "journal": _printable(name),
                    "mission": mission.key,
                    "entries": [entry.to_json() for entry in entries],
                }
            )
        )
    else:
        lines = history_report(mission, _shown(name.name), entries, args.lang)
        out.write("\n".join(lines) + "\n")
    return EXIT_OK


def _compact(args: argparse.Namespace, out: TextIO) -> int:
    from vendorgov import journal
    from vendorgov._cli_journal import compact_report

    entry = journal.compact(args.file, by=_recorder(args), at=args.at or _now(), why=args.why)
    if args.json:
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "entry": None if entry is None else entry.to_json(),
                }
            )
        )
    else:
        out.write(compact_report(_shown(args.file), entry, args.lang) + "\n")
    return EXIT_OK


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


# -- vendorgov import -----------------------------------------------------------------
def _import(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from vendorgov._cli_import import import_report
    from vendorgov._importing import import_measurements
    from vendorgov.journal import journal_path

    mission = _load_mission(args.file)
    result = import_measurements(mission, args.source, mapping=args.mapping, replace=args.replace)
    mapping = args.mapping if args.mapping is not None else mission.imports[0].name
    written: Path | None = None
    if result.modified and not args.dry_run:
        written = Path(args.file)
        _save_imported(written, result, args)
    if args.json:
        out.write(
            _json(
                {
                    "file": _printable(args.file),
                    "source": _printable(args.source),
                    "mission": mission.key,
                    "mapping": mapping,
                    "dry_run": args.dry_run,
                    "replace": args.replace,
                    "written": written is not None,
                    "rows": result.rows,
                    "skipped": result.skipped,
                    "counts": result.counts(),
                    "changes": [
                        {
                            "kpi": change.kpi,
                            "at": change.at.isoformat(),
                            "status": change.status,
                            "value": str(change.value),
                            "previous": None if change.previous is None else str(change.previous),
                            "origin": change.origin,
                        }
                        for change in result.changes
                    ],
                }
            )
        )
    else:
        lines = import_report(
            mission,
            result,
            mapping=mapping,
            source=_shown(args.source),
            lang=args.lang,
            written=None if written is None else _shown(journal_path(written)),
            dry_run=args.dry_run,
        )
        out.write("\n".join(lines) + "\n")
    return EXIT_OK


def _save_imported(file: Path, result: ImportResult, args: argparse.Namespace) -> None:
    """Record the measurements an import added or replaced in the mission's journal.

    The one place ``vendorgov import`` writes: one ``MeasurementAdded`` event per
    measurement, appended at once under the journal's lock (`journal.record_many`),
    so that the person's mission file keeps its comments and layout, and the
    journal says who imported what, when and why.
    """
    from pathlib import Path

    from vendorgov import journal

    changed = {
        (change.kpi, change.at): change.status
        for change in result.changes
        if change.status in ("added", "replaced")
    }
    events = [
        journal.MeasurementAdded(
            measurement=measurement,
            replace=changed[(measurement.kpi, measurement.at)] == "replaced",
        )
        for measurement in result.mission.measurements
        if (measurement.kpi, measurement.at) in changed
    ]
    at = args.at if args.at is not None else _now()
    why = args.why or f"import {Path(args.source).name}"
    try:
        journal.record_many(file, events, by=_recorder(args), at=at, why=why)
    except OSError as error:  # name the file asked for
        raise _BadInputError(
            f"{file}: cannot write its journal: {error.strerror or error}"
        ) from None


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
