"""Applying a batch of measurements to a mission: what is new, what is the same, what changed.

A measurement is identified by its KPI and its date (or datetime, ``at``): importing the
same export twice changes nothing, and a value that differs from the one recorded for
the same KPI and date is reported — and replaced only when asked. This is the one place
where imported measurements enter a mission, whatever they were read from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal

import attrs

from vendorgov._model.kpi import Measurement
from vendorgov._model.mission import Mission

__all__ = ["ImportResult", "MeasurementChange", "apply_measurements"]

ChangeStatus = Literal["added", "unchanged", "changed", "replaced"]
"""What became of one measurement of a batch:

- ``added``: the mission had no value for that KPI and date;
- ``unchanged``: it had the same value (``97.3`` and ``97.30`` are the same);
- ``changed``: it had another value, kept (pass ``replace=True`` to take the new one);
- ``replaced``: it had another value, replaced by the new one.
"""

CHANGE_STATUSES: tuple[ChangeStatus, ...] = ("added", "unchanged", "changed", "replaced")


@attrs.frozen(kw_only=True)
class MeasurementChange:
    """What became of one measurement of a batch applied to a mission.

    Attributes:
        kpi: The KPI's key.
        at: The measurement's date (or aware datetime).
        status: ``"added"``, ``"unchanged"``, ``"changed"`` (kept the recorded value)
            or ``"replaced"``.
        value: The value of the batch.
        previous: The value the mission had for that KPI and date (``None`` when added).
        origin: Where the value came from in the source (``"row 4"``), when known.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> change = MeasurementChange(kpi="damage_rate", at=dt.date(2026, 12, 6),
    ...                            status="changed", value=Decimal("0.31"),
    ...                            previous=Decimal("0.33"))
    >>> change.status
    'changed'
    """

    kpi: str
    at: dt.date | dt.datetime
    status: ChangeStatus
    value: Decimal
    previous: Decimal | None = None
    origin: str | None = None


@attrs.frozen(kw_only=True)
class ImportResult:
    """A mission with a batch of measurements applied, and what became of each one.

    Attributes:
        mission: The new mission (the one given when nothing was added or replaced).
        batch: The measurements of the batch, in order (a value repeated in the batch
            is kept once).
        statuses: What became of each one: ``"added"``, ``"unchanged"``, ``"changed"``
            (the mission's value kept) or ``"replaced"``.
        previous: The value the mission had for each one's KPI and date (``None`` when added).
        origins: Where each one came from in the source (``"row 4, column 'Casse'"``).
        source: What the batch was read from (a file name, ``"polars DataFrame"``), when known.
        rows: How many rows of the source were read (``0`` when not read from a source).
        skipped: How many rows were left out by the mapping's filters (or named no
            KPI of the mapping, in the long layout).

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import Measurement, apply_measurements, examples
    >>> mission = examples.demo_mission("logistique")
    >>> result = apply_measurements(mission, [
    ...     Measurement(kpi="damage_rate", value=Decimal("0.35"), at=dt.date(2026, 11, 22)),
    ...     Measurement(kpi="damage_rate", value=Decimal("0.31"), at=dt.date(2026, 11, 29)),
    ... ])
    >>> [change.status for change in result.changes]
    ['unchanged', 'added']
    >>> result.counts()
    {'added': 1, 'unchanged': 1, 'changed': 0, 'replaced': 0}
    """

    mission: Mission
    batch: tuple[Measurement, ...]
    statuses: tuple[ChangeStatus, ...]
    previous: tuple[Decimal | None, ...]
    origins: Sequence[str | None] = ()
    source: str | None = None
    rows: int = 0
    skipped: int = 0

    @property
    def changes(self) -> tuple[MeasurementChange, ...]:
        """One entry per measurement of the batch, in order (built when asked)."""
        origins = self.origins or (None,) * len(self.batch)
        return tuple(
            MeasurementChange(
                kpi=measurement.kpi,
                at=measurement.at,
                status=status,
                value=measurement.value,
                previous=previous,
                origin=origins[index],
            )
            for index, (measurement, status, previous) in enumerate(
                zip(self.batch, self.statuses, self.previous, strict=True)
            )
        )

    def counts(self) -> dict[str, int]:
        """How many measurements were added, unchanged, changed (kept) and replaced."""
        return {status: self.statuses.count(status) for status in CHANGE_STATUSES}

    @property
    def modified(self) -> bool:
        """Whether the mission differs from the one given (something added or replaced)."""
        return "added" in self.statuses or "replaced" in self.statuses


def apply_measurements(
    mission: Mission,
    measurements: Iterable[Measurement],
    *,
    replace: bool = False,
    origins: Sequence[str | None] | None = None,
    source: str | None = None,
    rows: int = 0,
    skipped: int = 0,
) -> ImportResult:
    """Apply a batch of measurements to a mission: add the new, report the changed.

    A measurement is identified by its KPI and its ``at`` (a date, or an aware datetime
    compared as an instant). For each one of the batch:

    - no measurement of the mission has that KPI and ``at``: it is **added**;
    - one of them has the same value (compared as numbers: ``97.30`` is ``97.3``): it is
      **unchanged** and nothing is written;
    - they have another value: it is **changed** and the mission keeps its value, unless
      ``replace`` is true: then it is **replaced** — the first such measurement takes the
      new value (and the batch's ``source``, keeping its note) and any other one for the
      same KPI and ``at`` is removed.

    The batch must not give two different values for the same KPI and ``at``: a
    [`ValidationError`][vendorgov.ValidationError] names both. The new mission is
    validated as any mission is: a measurement of an unknown KPI, or dated outside
    the mission (unless it keeps such measurements), is refused.

    Args:
        mission: The mission to apply the batch to; it is not modified.
        measurements: The batch.
        replace: Replace values that differ from the mission's.
        origins: Where each measurement came from (``"row 4"``), in the batch's order,
            repeated in the changes and in error messages.
        source: What the batch was read from, kept in the result.
        rows: How many rows of the source were read, kept in the result.
        skipped: How many rows of the source were left out, kept in the result.

    Returns:
        The new mission and one change per measurement of the batch.

    Raises:
        ValidationError: When the batch contradicts itself, or the new mission is invalid.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> from vendorgov import Measurement, examples
    >>> mission = examples.demo_mission("logistique")
    >>> corrected = Measurement(kpi="damage_rate", value=Decimal("0.30"), at=dt.date(2026, 11, 22))
    >>> apply_measurements(mission, [corrected]).changes[0].status
    'changed'
    >>> result = apply_measurements(mission, [corrected], replace=True)
    >>> result.changes[0].previous, result.changes[0].status
    (Decimal('0.35'), 'replaced')
    >>> [m.value for m in result.mission.measurements
    ...  if m.kpi == "damage_rate" and m.at == dt.date(2026, 11, 22)]
    [Decimal('0.30')]
    """
    from vendorgov._model.validation import excerpt, problem
    from vendorgov.exceptions import ValidationError

    batch = list(measurements)
    where: Sequence[str | None] = origins if origins is not None else ()
    if where and len(where) != len(batch):
        raise ValueError("origins: one per measurement")
    # Per KPI, the measurements by ``at`` (no tuple per measurement: a batch may hold a
    # hundred thousand). Aware datetimes are equal, and hash alike, when they are the same
    # instant; a date is never equal to a datetime.
    existing: dict[str, dict[object, list[int]]] = {}
    for index, measurement in enumerate(mission.measurements):
        existing.setdefault(measurement.kpi, {}).setdefault(measurement.at, []).append(index)

    seen: dict[str, dict[object, int]] = {}
    no_kpi: dict[object, list[int]] = {}
    problems = []
    kept_batch: list[Measurement] = []
    positions: list[int] = []
    statuses: list[ChangeStatus] = []
    previous: list[Decimal | None] = []
    updated = list(mission.measurements)
    removed: set[int] = set()
    added: list[Measurement] = []
    for position, measurement in enumerate(batch):
        kpi, at = measurement.kpi, measurement.at
        seen_kpi = seen.get(kpi)
        if seen_kpi is None:
            seen_kpi = seen[kpi] = {}
        first = seen_kpi.get(at)
        if first is not None:
            if batch[first].value != measurement.value:
                here = where[position] if where else f"[{position}]"
                there = where[first] if where else f"[{first}]"
                problems.append(
                    problem(
                        here or f"[{position}]",
                        f"gives {measurement.value} for {excerpt(kpi)} on "
                        f"{at.isoformat()}, but {there} gives {batch[first].value}",
                    )
                )
            continue
        seen_kpi[at] = position
        positions.append(position)
        kept_batch.append(measurement)
        found = existing.get(kpi, no_kpi).get(at)
        if found is None:
            added.append(measurement)
            statuses.append("added")
            previous.append(None)
            continue
        values = [mission.measurements[index].value for index in found]
        if measurement.value in values:
            statuses.append("unchanged")
            previous.append(measurement.value)
            continue
        previous.append(values[0])
        if not replace:
            statuses.append("changed")
            continue
        statuses.append("replaced")
        kept = mission.measurements[found[0]]
        updated[found[0]] = attrs.evolve(
            kept,
            value=measurement.value,
            source=measurement.source if measurement.source is not None else kept.source,
        )
        removed.update(found[1:])
    if problems:
        raise ValidationError(problems)
    new = mission
    if added or "replaced" in statuses:
        kept_measurements = tuple(m for i, m in enumerate(updated) if i not in removed)
        new = attrs.evolve(mission, measurements=(*kept_measurements, *added))
    return ImportResult(
        mission=new,
        batch=tuple(kept_batch),
        statuses=tuple(statuses),
        previous=tuple(previous),
        # origins may be written only when asked (the importer's are): keep them as given
        # unless the batch repeated a value
        origins=where
        if len(positions) == len(batch)
        else tuple(where[p] for p in positions)
        if where
        else (),
        source=source,
        rows=rows,
        skipped=skipped,
    )
