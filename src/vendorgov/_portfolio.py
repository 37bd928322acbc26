"""A portfolio of the user's own files: find the mission files, read and summarize each.

`mission_files` turns files and folders into the list of mission files (and
the files it ignored); `summarize_files` is the seam the command line and
the API share: it takes paths and yields one result per file, a
`MissionSummary` or, for a file that cannot be read, a `FileProblem` — one
file's failure never hides the others. A worker pool can take the same paths
in chunks (each worker reads what it summarizes, as DESIGN.md §7 wants).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from vendorgov._engine.portfolio import portfolio_of, summarize
from vendorgov._model.mission import Mission
from vendorgov._model.portfolio import FileProblem, MissionSummary, Portfolio
from vendorgov.exceptions import ErrorDetail, ValidationError
from vendorgov.journal import load

__all__ = ["MISSION_SUFFIXES", "load_portfolio", "mission_files", "summarize_files"]

MISSION_SUFFIXES = (".toml", ".json", ".yaml", ".yml")
"""The extensions of the files ``vendorgov.load`` reads: the files a folder's missions are in."""

AtRule = dt.date | Callable[[Mission], dt.date]


def mission_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[tuple[Path, ...], tuple[str, ...]]:
    """The mission files among ``paths``, and the files of their folders that were ignored.

    A file named is always taken (if it cannot be read, `summarize_files`
    says why). A folder is walked, its sub-folders too, in name order: files
    ending in ``.toml``, ``.json``, ``.yaml`` or ``.yml`` are taken, others are
    ignored and listed; hidden files and folders (``.git``, ``.journal``...)
    are skipped without a word. A file reached twice is taken once.

    >>> files, ignored = mission_files([])
    >>> files, ignored
    ((), ())
    """
    files: dict[Path, None] = {}
    ignored: list[str] = []
    for given in _paths(paths):
        path = Path(given)
        if not path.is_dir():
            files.setdefault(path, None)
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                file = Path(folder) / name
                if file.suffix.lower() in MISSION_SUFFIXES:
                    files.setdefault(file, None)
                else:
                    ignored.append(str(file))
    return tuple(files), tuple(ignored)


def _paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
) -> list[str | os.PathLike[str]]:
    """``paths`` as a list: one path given alone is one path, not its characters."""
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return list(paths)


def _not_a_mission(error: ValidationError) -> bool:
    """Whether a file found in a folder is some other file: no vendorgov header, another type."""
    return any(
        (detail.path == "schema_version" and detail.message.startswith("is required"))
        or (detail.path == "type" and "not a mission" in detail.message)
        for detail in error.errors
    )


def summarize_files(
    paths: Iterable[str | os.PathLike[str]],
    at: AtRule,
    *,
    named: Iterable[str | os.PathLike[str]] | None = None,
    skipped: list[str] | None = None,
    each: Callable[[Mission, MissionSummary], object] | None = None,
) -> Iterator[MissionSummary | FileProblem]:
    """Read and summarize each mission file, one result per file, in the order given.

    Args:
        paths: Mission files (see `mission_files` for folders).
        at: The date to summarize at, or a function of the mission giving it
            (the command line gives today's date in the mission's timezone).
        named: The files the user named themselves; a file found in a folder
            (not named) that is not a vendorgov mission at all — no
            ``schema_version``, or another ``type`` — is skipped into
            ``skipped`` rather than reported as a problem. ``None``: all named.
        skipped: Where the files skipped that way are listed.
        each: Called with each mission read and its summary, before the summary
            is yielded (the command line writes each mission's calendar with it).

    Yields:
        A `MissionSummary` per mission read, a `FileProblem` per file that
        could not be read or summarized.

    >>> list(summarize_files([], dt.date(2026, 11, 29)))
    []
    """
    chosen = None if named is None else {Path(path) for path in _paths(named)}
    for given in _paths(paths):
        file = Path(given)
        try:
            mission = load(file, cls=Mission)
            day = at if isinstance(at, dt.date) else at(mission)
            summary = summarize(mission, day, file=str(file))
            if each is not None:
                each(mission, summary)
        except ValidationError as error:
            if chosen is not None and file not in chosen and _not_a_mission(error):
                if skipped is not None:
                    skipped.append(str(file))
                continue
            yield FileProblem(file=str(file), errors=tuple(error.errors), more=error.more)
        else:
            yield summary


def load_portfolio(
    paths: Iterable[str | os.PathLike[str]], at: dt.date | Callable[[Mission], dt.date]
) -> Portfolio:
    """Read every mission file of ``paths`` (files and folders) and summarize it at ``at``.

    Files that cannot be read are in ``problems``, with their errors; the
    others are summarized and sorted by what needs attention. Files of the
    folders that are not missions are listed in ``ignored``.

    Raises:
        ValidationError: When a path given does not exist (a file in a folder
            that fails is a problem of the portfolio, not an error).

    >>> import datetime as dt
    >>> load_portfolio([], dt.date(2026, 11, 29)).summaries
    ()
    """
    given = [Path(path) for path in _paths(paths)]
    missing = [
        ErrorDetail(f"paths[{index}]", f"{path}: no such file or folder")
        for index, path in enumerate(given)
        if not os.path.lexists(path)
    ]
    if missing:
        raise ValidationError(missing)
    files, ignored = mission_files(given)
    skipped: list[str] = []
    results = list(summarize_files(files, at, named=given, skipped=skipped))
    return portfolio_of(
        results, at if isinstance(at, dt.date) else None, ignored=(*ignored, *skipped)
    )
