"""Ready-made KPIs for the activities an online shop outsources.

The catalog holds 24 indicators for logistics (a 3PL warehouse), community
management and the website, plus three that fit any mission (report
timeliness, corrective actions closed on time, budget variance). Each entry
gives the KPI's names and definitions in French, English and Spanish, its
unit, its direction, how measurements aggregate over a scoring window, and the
typical target practitioners quote.

The entries are data, not code: ``vendorgov/data/kpi-catalog.toml``, read and
checked once, the first time the catalog is used (importing this module reads
nothing).

Typical targets are starting points, not promises: each contract sets its
own. Some are common practice rather than a sourced benchmark
(:attr:`CatalogEntry.common_practice`), and a few are not a number at all
("down vs baseline", "≤ 20 % of the average basket", a 1–3 % range): those
entries have no numeric :attr:`~CatalogEntry.target` and say why in
:meth:`~CatalogEntry.target_text`.

>>> from vendorgov import catalog
>>> len(catalog.entries())
24
>>> kpi = catalog.kpi("on_time_shipping")
>>> kpi.name, kpi.unit, kpi.direction
("Taux d'expédition à l'heure", '%', <Direction.HIGHER: 'higher'>)
>>> catalog.kpi("on_time_shipping", lang="es").name
'Tasa de envíos a tiempo'
"""

from __future__ import annotations

import difflib
import functools
import typing
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal

import attrs

from vendorgov._model.kpi import Aggregation, Direction, Kpi, Target, key_problem, text_problem
from vendorgov._model.money import currency_problem
from vendorgov._model.specification import ActivityKind
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import Model, describe, problem
from vendorgov.exceptions import ErrorDetail, UnknownKeyError, ValidationError

__all__ = [
    "CURRENCY_UNIT",
    "LANGS",
    "CatalogEntry",
    "Lang",
    "Texts",
    "UnknownKpiError",
    "entries",
    "entry",
    "for_activity",
    "keys",
    "kpi",
    "targets",
]

Lang = Literal["fr", "en", "es"]
"""The languages the catalog speaks: French, English, Spanish (Spain)."""

LANGS: tuple[Lang, ...] = ("fr", "en", "es")
"""Every language of the catalog, in the order entries keep their texts."""

Texts = tuple[tuple[str, str], ...]
"""One text per language, as ``(language, text)`` pairs in :data:`LANGS` order.

``dict(texts)`` gives the mapping language → text.
"""

CURRENCY_UNIT = "currency"
"""The unit of entries measured in money: :func:`kpi` replaces it with a currency code."""

_DATA = ("data", "kpi-catalog.toml")
_SOURCE = "vendorgov/" + "/".join(_DATA)
_ORDER = {lang: index for index, lang in enumerate(LANGS)}


class UnknownKpiError(UnknownKeyError):
    """The catalog has no KPI with that key.

    It is a :class:`KeyError` too, so ``except KeyError`` keeps working.

    >>> from vendorgov import catalog
    >>> try:
    ...     catalog.entry("on_time_shiping")
    ... except KeyError as error:
    ...     print(error)
    no KPI 'on_time_shiping' in the catalog; did you mean 'on_time_shipping'?
    """


def _texts(value: Mapping[str, str] | Texts) -> Texts:
    """Language → text pairs in catalog order, from a mapping or from pairs.

    Anything else is kept as it is, for the type check to report.
    """
    pairs: Any = value
    if isinstance(value, Mapping):
        pairs = tuple(value.items())
    if isinstance(pairs, tuple | list) and all(
        isinstance(pair, tuple | list) and len(pair) == 2 and isinstance(pair[0], str)
        for pair in pairs
    ):
        pairs = tuple(
            sorted(
                (tuple(pair) for pair in pairs),
                key=lambda pair: (_ORDER.get(pair[0], len(_ORDER)), pair[0]),
            )
        )
    return typing.cast("Texts", pairs)


@attrs.frozen(kw_only=True)
class CatalogEntry(Model):
    """One KPI of the catalog, in every catalog language, with its typical target.

    Texts are kept per language (``names``, ``definitions``,
    ``target_notes``): give them as a mapping ``{"fr": ..., "en": ..., "es": ...}``
    or as ``(language, text)`` pairs; the entry keeps them as pairs in
    :data:`LANGS` order. Names and definitions are required in every
    language, and so are the target notes when there are any.

    Attributes:
        key: The slug missions use for it (``on_time_shipping``).
        activities: The activities it fits; the general entries list every
            :class:`~vendorgov.ActivityKind`.
        names: The name in each language.
        unit: ``%``, ``h``, ``min``, ``s``, ``ms``, ``d`` (SI symbols, the same
            in every language), or :data:`CURRENCY_UNIT` for money.
        direction: Whether a higher or a lower value is better.
        aggregation: How measurements combine over a scoring window.
        definitions: How it is computed, in each language.
        target: The typical target, or ``None`` when the catalog's target is
            not a single number (the target notes then say why).
        best: The best-in-class level, when the sources give one.
        target_notes: The catalog's target as written (``≥ 95 (best ≥ 99)``),
            in each language; empty only for an entry with a numeric target.
        common_practice: Whether the target is common practice rather than a
            sourced benchmark (marked ``*`` in the catalog).

    >>> from vendorgov import catalog
    >>> entry = catalog.entry("dock_to_stock")
    >>> entry.target, entry.best, entry.direction
    (Decimal('48'), Decimal('24'), <Direction.LOWER: 'lower'>)
    >>> entry.name("es"), entry.target_text("es")
    ('Tiempo de ubicación en stock', '≤ 48 (nivel de excelencia < 24)')
    >>> dict(entry.names)["en"]
    'Dock-to-stock time'
    >>> entry.general
    False
    """

    key: str
    activities: tuple[ActivityKind, ...]
    names: Texts = attrs.field(converter=_texts)
    unit: str
    direction: Direction
    aggregation: Aggregation
    definitions: Texts = attrs.field(converter=_texts)
    target: Decimal | None
    best: Decimal | None = None
    target_notes: Texts = attrs.field(default=(), converter=_texts)
    common_practice: bool = False

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = key_problem(self.key, "key")
        if bad is not None:
            yield bad
        bad = text_problem(self.unit, "unit")
        if bad is not None:
            yield bad
        yield from self._text_problems("names", "name", required=True)
        yield from self._text_problems("definitions", "definition", required=True)
        yield from self._text_problems(
            "target_notes", "target note", required=self.target is None or bool(self.target_notes)
        )
        if not self.activities:
            yield problem("activities", "needs at least one activity")
        if len(set(self.activities)) != len(self.activities):
            yield problem("activities", "lists an activity twice")
        if self.best is not None and self.target is not None:
            better = (
                self.best > self.target
                if self.direction is Direction.HIGHER
                else self.best < self.target
            )
            if not better:
                yield problem(
                    "best", f"{self.best} is not better than the target {self.target} ({self.key})"
                )

    def _text_problems(self, field: str, what: str, *, required: bool) -> Iterator[ErrorDetail]:
        texts: Texts = getattr(self, field)
        seen: set[str] = set()
        for index, pair in enumerate(texts):
            if len(pair) != 2:
                yield problem(f"{field}[{index}]", "expected a (language, text) pair")
                continue
            lang, text = pair
            if lang not in _ORDER:
                yield problem(
                    f"{field}.{lang}", f"{lang!r} is not a catalog language ({_expected()})"
                )
            elif lang in seen:
                yield problem(f"{field}.{lang}", f"{self.key!r} has its {what} in {lang!r} twice")
            else:
                bad = text_problem(text, f"{field}.{lang}")
                if bad is not None:
                    yield bad
            seen.add(lang)
        if not required:
            return
        for lang in LANGS:
            if lang not in seen:
                why = " (it has no numeric target: say why)" if self.target is None else ""
                yield problem(f"{field}.{lang}", f"{self.key!r} has no {what} in {lang!r}{why}")

    @property
    def general(self) -> bool:
        """Whether the entry fits every activity (report timeliness, budget variance...).

        >>> from vendorgov import catalog
        >>> catalog.entry("budget_variance").general
        True
        """
        return set(self.activities) == set(ActivityKind)

    def name(self, lang: Lang = "fr") -> str:
        """The name in ``lang``.

        Raises:
            ValidationError: When ``lang`` is not one of :data:`LANGS`.

        >>> from vendorgov import catalog
        >>> catalog.entry("damage_rate").name("en")
        'Damage rate'
        >>> catalog.entry("damage_rate").name("es")
        'Tasa de roturas'
        """
        return _text(self.names, lang)

    def definition(self, lang: Lang = "fr") -> str:
        """The definition in ``lang``.

        Raises:
            ValidationError: When ``lang`` is not one of :data:`LANGS`.

        >>> from vendorgov import catalog
        >>> catalog.entry("damage_rate").definition("en")
        'Orders with damaged goods / orders delivered.'
        >>> catalog.entry("damage_rate").definition("es")
        'Pedidos entregados con productos dañados / pedidos entregados.'
        """
        return _text(self.definitions, lang)

    def target_text(self, lang: Lang = "fr") -> str:
        """The typical target as the catalog writes it, in ``lang`` (empty if it has none).

        Raises:
            ValidationError: When ``lang`` is not one of :data:`LANGS`.

        >>> from vendorgov import catalog
        >>> catalog.entry("negative_share").target_text("en")
        'down vs baseline (no absolute level: set it from your own baseline)'
        >>> catalog.entry("order_accuracy").target_text("es")
        '≥ 99,5'
        """
        return _text(self.target_notes, lang)

    # Read-only aliases of the fields a catalog entry had when it spoke two
    # languages (vendorgov 0.1.0).

    @property
    def name_en(self) -> str:
        """The English name. Deprecated alias of ``name("en")``."""
        return self.name("en")

    @property
    def name_fr(self) -> str:
        """The French name. Deprecated alias of ``name("fr")``."""
        return self.name("fr")

    @property
    def definition_en(self) -> str:
        """The English definition. Deprecated alias of ``definition("en")``."""
        return self.definition("en")

    @property
    def definition_fr(self) -> str:
        """The French definition. Deprecated alias of ``definition("fr")``."""
        return self.definition("fr")

    @property
    def target_note_en(self) -> str:
        """The English target note. Deprecated alias of ``target_text("en")``."""
        return self.target_text("en")

    @property
    def target_note_fr(self) -> str:
        """The French target note. Deprecated alias of ``target_text("fr")``."""
        return self.target_text("fr")


def _expected() -> str:
    quoted = [repr(lang) for lang in LANGS]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _lang(lang: str) -> Lang:
    for known in LANGS:
        if lang == known:
            return known
    raise ValidationError([problem("lang", f"expected {_expected()}, got {lang!r}")])


def _text(texts: Texts, lang: str) -> str:
    chosen = _lang(lang)
    for code, text in texts:
        if code == chosen:
            return text
    return ""


# -- reading the data file ----------------------------------------------------------

# File field → CatalogEntry field, where they differ: the file names a text
# table after one text (name.es), the entry after the set of them (names).
_FIELDS = {"name": "names", "definition": "definitions", "target_note": "target_notes"}
_PATHS = {attribute: field for field, attribute in _FIELDS.items()}
_REQUIRED = ("key", "activities", "unit", "direction", "aggregation", "name", "definition")
_KNOWN = frozenset((*_REQUIRED, "target", "best", "target_note", "common_practice"))
_EVERY_ACTIVITY = "all"


@functools.cache
def _catalog() -> tuple[tuple[CatalogEntry, ...], dict[str, CatalogEntry]]:
    """The entries and an index by key, read from the data file on first use."""
    import tomllib
    from importlib import resources

    resource = resources.files("vendorgov").joinpath(*_DATA)
    document = tomllib.loads(resource.read_text(encoding="utf-8"))
    found = _entries_from(document, source=_SOURCE)
    return found, {item.key: item for item in found}


def _entries_from(document: Mapping[str, Any], *, source: str) -> tuple[CatalogEntry, ...]:
    """The entries of a parsed catalog document, every problem reported at once.

    A table is checked in two steps: its shape first (unknown or missing
    fields, numbers not written as strings, texts not in a table), then, when
    the shape is right, everything :class:`CatalogEntry` checks.

    Raises:
        ValidationError: Listing every problem, with paths as in the file
            (``kpi[2].name.es``).
    """
    problems: list[ErrorDetail] = [
        problem(name, "unknown field: the catalog has only [[kpi]] tables")
        for name in document
        if name != "kpi"
    ]
    tables = document.get("kpi")
    if not isinstance(tables, list) or not tables:
        problems.append(problem("kpi", f"expected [[kpi]] tables, got {describe(tables)}"))
        raise ValidationError(problems, source=source)
    found: list[CatalogEntry] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        where = f"kpi[{index}]"
        if not isinstance(table, Mapping):
            problems.append(problem(where, f"expected a table, got {describe(table)}"))
            continue
        key = table.get("key")
        if isinstance(key, str) and key in seen:
            problems.append(problem(f"{where}.key", f"{key!r} is already kpi[{seen[key]}]"))
        elif isinstance(key, str):
            seen[key] = index
        try:
            found.append(_entry_from(table))
        except ValidationError as error:
            problems.extend(_file_path(detail).prefixed(where) for detail in error.errors)
    if problems:
        raise ValidationError(problems, source=source)
    return tuple(found)


def _entry_from(table: Mapping[str, Any]) -> CatalogEntry:
    """One entry from its ``[[kpi]]`` table (paths in errors are the entry's fields)."""
    problems = [problem(name, "unknown field") for name in table if name not in _KNOWN]
    problems.extend(problem(name, "missing") for name in _REQUIRED if name not in table)
    values: dict[str, Any] = {}
    for name, value in table.items():
        if name not in _KNOWN:
            continue
        if name in ("target", "best"):
            values[name] = _number(value, name, problems)
        elif name == "activities":
            values[name] = _activities(value)
        elif name == "direction":
            values[name] = _member(Direction, value)
        elif name == "aggregation":
            values[name] = _member(Aggregation, value)
        elif name in _FIELDS:
            values[_FIELDS[name]] = value if isinstance(value, Mapping) else ()
            if not isinstance(value, Mapping):
                problems.append(
                    problem(name, f"expected a table of texts by language, got {describe(value)}")
                )
        else:
            values[name] = value
    if problems:
        raise ValidationError(problems)
    values.setdefault("target", None)
    return CatalogEntry(**values)


def _number(value: object, path: str, problems: list[ErrorDetail]) -> Decimal | None:
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
    problems.append(
        problem(path, f"expected a number written as a string ('95'), got {describe(value)}")
    )
    return None


def _activities(value: object) -> object:
    if value == _EVERY_ACTIVITY:
        return tuple(ActivityKind)
    if isinstance(value, list):
        return tuple(_member(ActivityKind, item) for item in value)
    return value


def _member(kind: type[Any], value: object) -> object:
    """The enumeration member named by ``value``, or ``value`` for the type check to report."""
    try:
        return kind(value)
    except ValueError:
        return value


def _file_path(detail: ErrorDetail) -> ErrorDetail:
    head, dot, rest = detail.path.partition(".")
    head, bracket, tail = head.partition("[")
    if head not in _PATHS:
        return detail
    return ErrorDetail(_PATHS[head] + bracket + tail + dot + rest, detail.message)


def entries() -> tuple[CatalogEntry, ...]:
    """Every entry of the catalog: logistics, community, website, then the general ones.

    >>> from vendorgov import catalog
    >>> [e.key for e in catalog.entries()][:3]
    ['on_time_shipping', 'order_accuracy', 'damage_rate']
    """
    return _catalog()[0]


def keys() -> tuple[str, ...]:
    """The keys of every entry, in catalog order.

    >>> from vendorgov import catalog
    >>> "availability" in catalog.keys()
    True
    """
    return tuple(_catalog()[1])


def entry(key: str) -> CatalogEntry:
    """The entry with ``key``.

    Raises:
        UnknownKpiError: When the catalog has no such key (a :class:`KeyError`);
            the message suggests close keys.

    >>> from vendorgov import catalog
    >>> catalog.entry("inp_p75").unit
    'ms'
    """
    by_key = _catalog()[1]
    found = by_key.get(key) if isinstance(key, str) else None
    if found is not None:
        return found
    close = difflib.get_close_matches(str(key), list(by_key), n=3, cutoff=0.6)
    if close:
        hint = "did you mean " + " or ".join(repr(name) for name in close) + "?"
    else:
        hint = "known keys: " + ", ".join(sorted(by_key))
    raise UnknownKpiError(str(key), f"no KPI {key!r} in the catalog; {hint}")


def for_activity(kind: ActivityKind | str, *, general: bool = True) -> tuple[CatalogEntry, ...]:
    """The entries for one kind of activity, in catalog order.

    By default the result also holds the general entries that fit every
    activity (report timeliness, corrective actions closed on time, budget
    variance): a mission of any kind can use them. Pass ``general=False`` for
    the activity's own entries only. Kinds without entries of their own
    (customer service, content, other) get only the general ones.

    Args:
        kind: An :class:`~vendorgov.ActivityKind`, or its value (``"logistics"``).
        general: Whether to include the entries that fit every activity.

    Raises:
        ValidationError: When ``kind`` is not an activity kind.

    >>> from vendorgov import ActivityKind, catalog
    >>> [e.key for e in catalog.for_activity(ActivityKind.WEBSITE, general=False)][:3]
    ['availability', 'ticket_first_response', 'tickets_within_sla']
    >>> len(catalog.for_activity("community")), len(catalog.for_activity("content"))
    (9, 3)
    """
    try:
        activity = ActivityKind(kind)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in ActivityKind)
        raise ValidationError(
            [problem("kind", f"expected an activity kind ({allowed}), got {kind!r}")]
        ) from None
    return tuple(
        item
        for item in _catalog()[0]
        if activity in item.activities and (general or not item.general)
    )


def kpi(
    key: str,
    *,
    lang: Lang | None = "fr",
    weight: Decimal = Decimal(1),
    currency: str = "EUR",
) -> Kpi:
    """A :class:`~vendorgov.Kpi` built from a catalog entry.

    The KPI takes the entry's name and definition in ``lang``, its unit,
    direction and aggregation. Entries measured in money get ``currency`` as
    their unit. With ``lang=None`` the name and the definition are
    :class:`~vendorgov.LocalizedText` values holding every catalog language
    (French first), ready for documents in any of them.

    Args:
        key: The catalog key.
        lang: ``"fr"`` (default), ``"en"`` or ``"es"``: plain strings in that
            language; ``None``: the texts in every catalog language.
        weight: The KPI's weight in the overall score.
        currency: The ISO 4217 code used as unit for money entries.

    Raises:
        UnknownKpiError: When the catalog has no such key.
        ValidationError: When ``lang``, ``weight`` or ``currency`` is invalid.

    >>> from decimal import Decimal
    >>> from vendorgov import catalog
    >>> kpi = catalog.kpi("availability", lang="en", weight=Decimal(2))
    >>> kpi.name, kpi.aggregation, kpi.weight
    ('Availability', <Aggregation.MIN: 'min'>, Decimal('2'))
    >>> catalog.kpi("availability").name
    'Disponibilité'
    >>> catalog.kpi("cost_per_order").unit
    'EUR'
    >>> spanish = catalog.kpi("cost_per_order", lang="es")
    >>> spanish.name, spanish.description
    ('Coste por pedido', 'Costes logísticos facturados / pedidos.')
    >>> every = catalog.kpi("availability", lang=None)
    >>> every.name.languages, every.name.get("en")
    (('fr', 'en', 'es'), 'Availability')
    """
    item = entry(key)
    chosen = None if lang is None else _lang(lang)
    unit = item.unit
    if unit == CURRENCY_UNIT:
        bad = currency_problem(currency, "currency")
        if bad is not None:
            raise ValidationError([bad])
        unit = currency
    return Kpi(
        key=item.key,
        name=LocalizedText(item.names) if chosen is None else item.name(chosen),
        unit=unit,
        direction=item.direction,
        aggregation=item.aggregation,
        weight=weight,
        description=LocalizedText(item.definitions) if chosen is None else item.definition(chosen),
    )


_MAX_TIERS = 10


def targets(
    key: str,
    *,
    baseline: Decimal,
    final: Decimal | None = None,
    tiers: int = 3,
) -> tuple[Target, ...]:
    """Propose tiered targets that climb from today's level to a final target.

    Tier ``i`` of ``n`` aims at ``baseline + (final − baseline) × i / n``, and
    its threshold (the worst acceptable value) is the previous tier's target —
    the baseline for the first tier: a provider who falls back below the
    ground already gained misses the tier. Intermediate targets are rounded
    half-up to one more decimal than the finer of ``baseline`` and ``final``;
    the last tier is ``final`` exactly. Pair the result with your milestones
    (``M+1``, ``M+6``, ``EOY`` for the default three tiers).

    Args:
        key: The catalog key.
        baseline: The level measured before the mission (or at its start).
        final: The target of the last tier; the entry's typical target by default.
        tiers: How many tiers, 1 to 10.

    Returns:
        One :class:`~vendorgov.Target` per tier, in order.

    Raises:
        UnknownKpiError: When the catalog has no such key.
        ValidationError: When the entry has no numeric target and ``final`` is
            not given, when ``baseline`` is not worse than ``final`` (there is
            nothing to climb: set a more ambitious final, such as the entry's
            ``best``), or when ``tiers`` is out of range.

    >>> from decimal import Decimal
    >>> from vendorgov import catalog
    >>> for t in catalog.targets("on_time_shipping", baseline=Decimal("91")):
    ...     print(t.target, t.threshold)
    92.3 91
    93.7 92.3
    95 93.7
    >>> [str(t.target) for t in catalog.targets("lcp_p75", baseline=Decimal("3.4"))]
    ['3.1', '2.8', '2.5']
    """
    item = entry(key)
    problems: list[ErrorDetail] = []
    goal = final if final is not None else item.target
    if goal is None:
        problems.append(
            problem(
                "final",
                f"{key!r} has no numeric typical target ({item.target_text('en')}); give final",
            )
        )
    for name, value in (("baseline", baseline), ("final", final)):
        if value is not None and (not isinstance(value, Decimal) or not value.is_finite()):
            problems.append(problem(name, f"expected a finite Decimal, got {value!r}"))
    if isinstance(tiers, bool) or not isinstance(tiers, int) or not 1 <= tiers <= _MAX_TIERS:
        problems.append(problem("tiers", f"must be an integer from 1 to {_MAX_TIERS}"))
    if problems:
        raise ValidationError(problems)
    assert goal is not None
    worse = baseline < goal if item.direction is Direction.HIGHER else baseline > goal
    if not worse:
        hint = f"; the entry's best level is {item.best}" if item.best is not None else ""
        raise ValidationError(
            [
                problem(
                    "baseline",
                    f"{baseline} already reaches the final target {goal} "
                    f"({item.direction} is better): nothing to climb{hint}",
                )
            ]
        )
    # Rounded to one more decimal than the finer input (kept at the input's
    # precision when exact there): with at most ten tiers, consecutive targets
    # stay distinct, so no threshold equals its target.
    coarse = Decimal(1).scaleb(min(_exponent(baseline), _exponent(goal)))
    fine = coarse / 10
    result: list[Target] = []
    previous = baseline
    for index in range(1, tiers + 1):
        if index == tiers:
            value = goal
        else:
            exact = baseline + (goal - baseline) * index / tiers
            value = exact.quantize(fine, ROUND_HALF_UP)
            if value == value.quantize(coarse):
                value = value.quantize(coarse)
        result.append(Target(kpi=item.key, target=value, threshold=previous))
        previous = value
    return tuple(result)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only
    return exponent
