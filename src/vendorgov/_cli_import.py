"""Human output of ``vendorgov import``: what an import added, kept and changed.

Its words are messages of the catalogs (French, English, Spanish); numbers and dates
come from the shared formatter. Kept apart from :mod:`vendorgov._cli` so that
``vendorgov --help`` never loads it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from vendorgov._cli_text import table
from vendorgov._format import format_date, format_datetime, format_number
from vendorgov._i18n import N_, NP_
from vendorgov._labels import message

if TYPE_CHECKING:
    from vendorgov import ImportResult, MeasurementChange, Mission

__all__ = ["MAX_LISTED", "import_report"]

MAX_LISTED = 20
"""Most changed values listed one by one; the rest are counted."""

_LABELS: Final[dict[str, str | tuple[str, str]]] = {
    "head": N_("%(mission)s: measurements from %(source)s (mapping “%(mapping)s”)"),
    "rows": N_("Rows read: %(rows)s, of which %(skipped)s left out by the mapping"),
    "counts": N_(
        "Measurements: %(added)s added, %(unchanged)s unchanged, "
        "%(changed)s different (kept), %(replaced)s replaced"
    ),
    "differing": N_("Values that differ from the mission's:"),
    "kpi": NP_("a column of vendorgov import", "KPI"),
    "date": NP_("a column of vendorgov import", "Date"),
    "recorded": N_("Recorded"),
    "imported": N_("Imported"),
    "outcome": N_("Outcome"),
    "kept": N_("kept"),
    "replaced": N_("replaced"),
    "more": N_("… and %(count)s more"),
    "hint_replace": N_("To take the imported values, run the import again with --replace."),
    "written": N_("Recorded in the journal %(file)s (the mission file is left as it is)."),
    "dry_run": N_("Dry run (--dry-run): nothing was written."),
    "nothing": N_("Nothing to write: the mission already holds these measurements."),
}


def _label(name: str, lang: str, **values: object) -> str:
    return message(lang, _LABELS[name], **values)


def _moment(at: dt.date | dt.datetime, mission: Mission, lang: str) -> str:
    if isinstance(at, dt.datetime):
        return format_datetime(at, lang, mission.timezone)
    return format_date(at, lang, "numeric")


def import_report(
    mission: Mission,
    result: ImportResult,
    *,
    mapping: str,
    source: str,
    lang: str,
    written: str | None,
    dry_run: bool,
) -> list[str]:
    """The lines ``vendorgov import`` prints: counts, the differing values, what was written.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import Measurement, apply_measurements, examples
    >>> mission = examples.demo_mission("logistique")
    >>> result = apply_measurements(mission, [
    ...     Measurement(kpi="damage_rate", value=Decimal("0.30"), at=dt.date(2026, 11, 22))])
    >>> print("\\n".join(import_report(mission, result, mapping="wms", source="wms.csv",
    ...                                lang="en", written=None, dry_run=True)))
    logistique: measurements from wms.csv (mapping “wms”)
    Rows read: 0, of which 0 left out by the mapping
    Measurements: 0 added, 0 unchanged, 1 different (kept), 0 replaced
    <BLANKLINE>
    Values that differ from the mission's:
    KPI          Date        Recorded  Imported  Outcome
    -----------  ----------  --------  --------  -------
    damage_rate  11/22/2026      0.35       0.3  kept
    <BLANKLINE>
    To take the imported values, run the import again with --replace.
    Dry run (--dry-run): nothing was written.
    """
    counts = result.counts()
    number = {name: format_number(count, lang) for name, count in counts.items()}
    lines = [
        _label("head", lang, mission=mission.key, source=source, mapping=mapping),
        _label(
            "rows",
            lang,
            rows=format_number(result.rows, lang),
            skipped=format_number(result.skipped, lang),
        ),
        _label("counts", lang, **number),
    ]
    differing: list[MeasurementChange] = [
        change for change in result.changes if change.status in ("changed", "replaced")
    ]
    if differing:
        rows = [
            [
                change.kpi,
                _moment(change.at, mission, lang),
                format_number(change.previous, lang),
                format_number(change.value, lang),
                _label("kept" if change.status == "changed" else "replaced", lang),
            ]
            for change in differing[:MAX_LISTED]
        ]
        header = [_label(name, lang) for name in ("kpi", "date", "recorded", "imported", "outcome")]
        lines += ["", _label("differing", lang), *table(header, rows, right=(2, 3))]
        if len(differing) > MAX_LISTED:
            lines.append(
                _label("more", lang, count=format_number(len(differing) - MAX_LISTED, lang))
            )
    lines.append("")
    if counts["changed"]:
        lines.append(_label("hint_replace", lang))
    if dry_run:
        lines.append(_label("dry_run", lang))
    elif written is not None:
        lines.append(_label("written", lang, file=written))
    else:
        lines.append(_label("nothing", lang))
    return lines
