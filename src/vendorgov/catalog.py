"""Ready-made KPIs for the activities an online shop outsources.

The catalog holds 24 indicators for logistics (a 3PL warehouse), community
management and the website, plus three that fit any mission (report
timeliness, corrective actions closed on time, budget variance). Each entry
gives the KPI's names and definitions in English and French, its unit, its
direction, how measurements aggregate over a scoring window, and the typical
target practitioners quote.

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
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import attrs

from vendorgov._model.kpi import Aggregation, Direction, Kpi, Target, key_problem, text_problem
from vendorgov._model.money import currency_problem
from vendorgov._model.specification import ActivityKind
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail, UnknownKeyError, ValidationError

__all__ = [
    "CURRENCY_UNIT",
    "CatalogEntry",
    "Lang",
    "UnknownKpiError",
    "entries",
    "entry",
    "for_activity",
    "keys",
    "kpi",
    "targets",
]

Lang = Literal["fr", "en"]
"""The languages the catalog speaks."""

CURRENCY_UNIT = "currency"
"""The unit of entries measured in money: :func:`kpi` replaces it with a currency code."""

_LANGS = ("fr", "en")


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


@attrs.frozen(kw_only=True)
class CatalogEntry(Model):
    """One KPI of the catalog, in English and French, with its typical target.

    Attributes:
        key: The slug missions use for it (``on_time_shipping``).
        activities: The activities it fits; the general entries list every
            :class:`~vendorgov.ActivityKind`.
        name_en: The English name.
        name_fr: The French name.
        unit: ``%``, ``h``, ``min``, ``s``, ``ms``, ``d`` (SI symbols, the same
            in both languages), or :data:`CURRENCY_UNIT` for money.
        direction: Whether a higher or a lower value is better.
        aggregation: How measurements combine over a scoring window.
        definition_en: How it is computed, in English.
        definition_fr: How it is computed, in French.
        target: The typical target, or ``None`` when the catalog's target is
            not a single number (see :attr:`target_note_en`).
        best: The best-in-class level, when the sources give one.
        target_note_en: The catalog's target as written (``≥ 95 (best ≥ 99)``).
        target_note_fr: The same in French.
        common_practice: Whether the target is common practice rather than a
            sourced benchmark (marked ``*`` in the catalog).

    >>> from vendorgov import catalog
    >>> entry = catalog.entry("dock_to_stock")
    >>> entry.target, entry.best, entry.direction
    (Decimal('48'), Decimal('24'), <Direction.LOWER: 'lower'>)
    >>> entry.general
    False
    """

    key: str
    activities: tuple[ActivityKind, ...]
    name_en: str
    name_fr: str
    unit: str
    direction: Direction
    aggregation: Aggregation
    definition_en: str
    definition_fr: str
    target: Decimal | None
    best: Decimal | None = None
    target_note_en: str = ""
    target_note_fr: str = ""
    common_practice: bool = False

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = key_problem(self.key, "key")
        if bad is not None:
            yield bad
        for name in ("name_en", "name_fr", "unit", "definition_en", "definition_fr"):
            bad = text_problem(getattr(self, name), name)
            if bad is not None:
                yield bad
        if not self.activities:
            yield problem("activities", "needs at least one activity")
        if len(set(self.activities)) != len(self.activities):
            yield problem("activities", "lists an activity twice")
        if self.target is None and not self.target_note_en.strip():
            yield problem("target_note_en", "an entry without a numeric target must say why")
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

        >>> from vendorgov import catalog
        >>> catalog.entry("damage_rate").name("en")
        'Damage rate'
        """
        return self.name_fr if _lang(lang) == "fr" else self.name_en

    def definition(self, lang: Lang = "fr") -> str:
        """The definition in ``lang``.

        >>> from vendorgov import catalog
        >>> catalog.entry("damage_rate").definition("en")
        'Orders with damaged goods / orders delivered.'
        """
        return self.definition_fr if _lang(lang) == "fr" else self.definition_en

    def target_text(self, lang: Lang = "fr") -> str:
        """The typical target as the catalog writes it, in ``lang``.

        >>> from vendorgov import catalog
        >>> catalog.entry("negative_share").target_text("en")
        'down vs baseline (no absolute level: set it from your own baseline)'
        """
        return self.target_note_fr if _lang(lang) == "fr" else self.target_note_en


def _lang(lang: str) -> Lang:
    if lang not in _LANGS:
        raise ValidationError([problem("lang", f"expected 'fr' or 'en', got {lang!r}")])
    return typing.cast("Lang", lang)


_ALL = tuple(ActivityKind)
_LOG = (ActivityKind.LOGISTICS,)
_COM = (ActivityKind.COMMUNITY,)
_WEB = (ActivityKind.WEBSITE,)
_UP = Direction.HIGHER
_DOWN = Direction.LOWER

# Aggregation, per KPI. Each measurement is already a summary of a period
# (a week's rate, a month's median...), so the choice says how periods combine:
# - rates (%) → MEAN: the mean of periodic rates, a fair reading when the
#   periods carry comparable volumes (an exact pooled rate would need the
#   numerators and denominators, which a single measurement does not keep);
# - durations measured as period averages → MEAN, for the same reason;
# - durations defined as medians (first response time) → MEDIAN: a median of
#   medians keeps the KPI's own robustness to one bad period;
# - availability → MIN: an SLA is owed every month, so the worst month of the
#   window is the one that counts; a mean would hide a missed month;
# - Core Web Vitals p75 → LAST: field data is already a rolling 28-day
#   percentile, so averaging readings would count the same days several
#   times; the latest reading is the current state (and what search engines use);
# - critical patch latency → MAX: each advisory is one measurement and the
#   slowest patch of the window is the one the commitment judges;
# - budget variance → LAST: it is computed year-to-date, so the latest value
#   already covers the earlier months.
# No catalog KPI is a count; a count (orders, posts published) would be a SUM.
_MEAN = Aggregation.MEAN
_MEDIAN = Aggregation.MEDIAN


def _d(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _entry(
    key: str,
    activities: tuple[ActivityKind, ...],
    names: tuple[str, str],
    unit: str,
    direction: Direction,
    aggregation: Aggregation,
    definitions: tuple[str, str],
    target: str | None,
    notes: tuple[str, str],
    *,
    best: str | None = None,
    common_practice: bool = False,
) -> CatalogEntry:
    return CatalogEntry(
        key=key,
        activities=activities,
        name_en=names[0],
        name_fr=names[1],
        unit=unit,
        direction=direction,
        aggregation=aggregation,
        definition_en=definitions[0],
        definition_fr=definitions[1],
        target=_d(target),
        best=_d(best),
        target_note_en=notes[0],
        target_note_fr=notes[1],
        common_practice=common_practice,
    )


_ENTRIES: tuple[CatalogEntry, ...] = (
    # -- logistics (3PL warehouse) ----------------------------------------------
    _entry(
        "on_time_shipping",
        _LOG,
        ("On-time shipping rate", "Taux d'expédition à l'heure"),
        "%",
        _UP,
        _MEAN,
        (
            "Orders handed to the carrier by the promised cut-off / orders.",
            "Commandes remises au transporteur avant l'heure limite promise / commandes.",
        ),
        "95",
        ("≥ 95 (best ≥ 99)", "≥ 95 (meilleur niveau ≥ 99)"),
        best="99",
    ),
    _entry(
        "order_accuracy",
        _LOG,
        ("Order accuracy", "Exactitude des commandes"),
        "%",
        _UP,
        _MEAN,
        (
            "Orders shipped without an item, quantity or address error / orders shipped.",
            "Commandes expédiées sans erreur d'article, de quantité ou d'adresse "
            "/ commandes expédiées.",
        ),
        "99.5",
        ("≥ 99.5", "≥ 99,5"),
    ),
    _entry(
        "damage_rate",
        _LOG,
        ("Damage rate", "Taux de casse"),
        "%",
        _DOWN,
        _MEAN,
        (
            "Orders with damaged goods / orders delivered.",
            "Commandes livrées avec des produits endommagés / commandes livrées.",
        ),
        "0.5",
        ("≤ 0.5 (common practice)", "≤ 0,5 (usage courant)"),
        common_practice=True,
    ),
    _entry(
        "dock_to_stock",
        _LOG,
        ("Dock-to-stock time", "Délai de mise en stock"),
        "h",
        _DOWN,
        _MEAN,
        (
            "Time from receipt at the dock to availability in the WMS.",
            "Temps entre la réception à quai et la disponibilité dans le WMS.",
        ),
        "48",
        ("≤ 48 (best < 24)", "≤ 48 (meilleur niveau < 24)"),
        best="24",
    ),
    _entry(
        "fulfillment_cycle",
        _LOG,
        ("Fulfillment cycle time", "Délai de préparation"),
        "h",
        _DOWN,
        _MEAN,
        (
            "Time from order received to parcel handed to the carrier.",
            "Temps entre la réception de la commande et la remise du colis au transporteur.",
        ),
        "24",
        ("≤ 24", "≤ 24"),
    ),
    _entry(
        "inventory_accuracy",
        _LOG,
        ("Inventory accuracy", "Fiabilité des stocks"),
        "%",
        _UP,
        _MEAN,
        (
            "SKUs whose physical count matches the system / SKUs counted.",
            "Références dont le comptage physique correspond au système / références comptées.",
        ),
        "99.5",
        ("≥ 99.5", "≥ 99,5"),
    ),
    _entry(
        "perfect_order",
        _LOG,
        ("Perfect order rate", "Taux de commande parfaite"),
        "%",
        _UP,
        _MEAN,
        (
            "Orders on time, complete, undamaged and with correct documents / orders.",
            "Commandes à l'heure, complètes, intactes et aux documents corrects / commandes.",
        ),
        "95",
        ("≥ 95", "≥ 95"),
    ),
    _entry(
        "return_processing",
        _LOG,
        ("Return processing time", "Délai de traitement des retours"),
        "h",
        _DOWN,
        _MEAN,
        (
            "Time from return received to item restocked or refunded.",
            "Temps entre la réception du retour et la remise en stock ou le remboursement.",
        ),
        "72",
        ("≤ 72", "≤ 72"),
    ),
    _entry(
        "cost_per_order",
        _LOG,
        ("Cost per order", "Coût par commande"),
        CURRENCY_UNIT,
        _DOWN,
        _MEAN,
        (
            "Fulfilment fees / orders.",
            "Frais logistiques / commandes.",
        ),
        None,
        (
            "≤ 20 % of the average basket (no absolute amount: it depends on your basket)",
            "≤ 20 % du panier moyen (pas de montant absolu : il dépend de votre panier)",
        ),
    ),
    # -- community management -----------------------------------------------------
    _entry(
        "engagement_rate",
        _COM,
        ("Engagement rate", "Taux d'engagement"),
        "%",
        _UP,
        _MEAN,
        (
            "Engagements / impressions (the denominator is fixed in the contract).",
            "Interactions / impressions (le dénominateur est fixé au contrat).",
        ),
        None,
        (
            "1–3 (a typical range that depends on the network and the audience: "
            "set the target from your own baseline)",
            "1 à 3 (une fourchette courante qui dépend du réseau et de l'audience : "
            "fixez l'objectif à partir de votre niveau actuel)",
        ),
    ),
    _entry(
        "first_response_time",
        _COM,
        ("First response time", "Délai de première réponse"),
        "min",
        _DOWN,
        _MEDIAN,
        (
            "Median time to the first reply to comments and direct messages, in business hours.",
            "Temps médian avant la première réponse aux commentaires et messages privés, "
            "en heures ouvrées.",
        ),
        "60",
        ("≤ 60 (common practice)", "≤ 60 (usage courant)"),
        common_practice=True,
    ),
    _entry(
        "response_rate",
        _COM,
        ("Response rate", "Taux de réponse"),
        "%",
        _UP,
        _MEAN,
        (
            "Inbound messages answered / inbound messages.",
            "Messages entrants ayant reçu une réponse / messages entrants.",
        ),
        "95",
        ("≥ 95 (common practice)", "≥ 95 (usage courant)"),
        common_practice=True,
    ),
    _entry(
        "negative_share",
        _COM,
        ("Negative-sentiment share", "Part de mentions négatives"),
        "%",
        _DOWN,
        _MEAN,
        (
            "Negative mentions / all mentions.",
            "Mentions négatives / ensemble des mentions.",
        ),
        None,
        (
            "down vs baseline (no absolute level: set it from your own baseline)",
            "en baisse par rapport au niveau de départ (pas de niveau absolu : "
            "fixez-le à partir du vôtre)",
        ),
        common_practice=True,
    ),
    _entry(
        "editorial_adherence",
        _COM,
        ("Editorial plan adherence", "Respect du planning éditorial"),
        "%",
        _UP,
        _MEAN,
        (
            "Posts published on schedule / posts planned.",
            "Publications parues à la date prévue / publications planifiées.",
        ),
        "95",
        ("≥ 95 (common practice)", "≥ 95 (usage courant)"),
        common_practice=True,
    ),
    _entry(
        "moderation_time",
        _COM,
        ("Moderation time", "Délai de modération"),
        "min",
        _DOWN,
        _MEAN,
        (
            "Time to remove content that breaks the moderation policy.",
            "Temps de retrait d'un contenu contraire à la charte de modération.",
        ),
        "30",
        ("≤ 30 (common practice)", "≤ 30 (usage courant)"),
        common_practice=True,
    ),
    # -- website --------------------------------------------------------------------
    _entry(
        "availability",
        _WEB,
        ("Availability", "Disponibilité"),
        "%",
        _UP,
        Aggregation.MIN,
        (
            "Good minutes / valid minutes in the month.",
            "Minutes de bon fonctionnement / minutes valides du mois.",
        ),
        "99.9",
        ("99.9", "99,9"),
    ),
    _entry(
        "ticket_first_response",
        _WEB,
        ("Ticket first response (P1)", "Délai de prise en charge (P1)"),
        "h",
        _DOWN,
        _MEAN,
        (
            "Time from ticket created to first response, in business hours, for priority 1.",
            "Temps entre la création du ticket et la première réponse, en heures ouvrées, "
            "pour la priorité 1.",
        ),
        "1",
        ("≤ 1 (P2 ≤ 4; common practice)", "≤ 1 (P2 ≤ 4 ; usage courant)"),
        common_practice=True,
    ),
    _entry(
        "tickets_within_sla",
        _WEB,
        ("Tickets resolved within SLA", "Tickets résolus dans les délais"),
        "%",
        _UP,
        _MEAN,
        (
            "Tickets resolved by their deadline / tickets.",
            "Tickets résolus avant leur échéance / tickets.",
        ),
        "90",
        ("≥ 90 (common practice)", "≥ 90 (usage courant)"),
        common_practice=True,
    ),
    _entry(
        "lcp_p75",
        _WEB,
        ("Largest Contentful Paint (p75)", "LCP (75e centile)"),
        "s",
        _DOWN,
        Aggregation.LAST,
        (
            "Core Web Vitals field data: Largest Contentful Paint, 75th percentile.",
            "Données terrain Core Web Vitals : Largest Contentful Paint, 75e centile.",
        ),
        "2.5",
        ("≤ 2.5", "≤ 2,5"),
    ),
    _entry(
        "inp_p75",
        _WEB,
        ("Interaction to Next Paint (p75)", "INP (75e centile)"),
        "ms",
        _DOWN,
        Aggregation.LAST,
        (
            "Core Web Vitals field data: Interaction to Next Paint, 75th percentile.",
            "Données terrain Core Web Vitals : Interaction to Next Paint, 75e centile.",
        ),
        "200",
        ("≤ 200", "≤ 200"),
    ),
    _entry(
        "patch_latency",
        _WEB,
        ("Critical patch latency", "Délai de correctif critique"),
        "d",
        _DOWN,
        Aggregation.MAX,
        (
            "Time from a security advisory's publication to the patch deployed.",
            "Temps entre la publication d'un avis de sécurité et le déploiement du correctif.",
        ),
        "7",
        ("≤ 7 (common practice)", "≤ 7 (usage courant)"),
        common_practice=True,
    ),
    # -- every activity ----------------------------------------------------------------
    _entry(
        "report_timeliness",
        _ALL,
        ("Report timeliness", "Ponctualité des rapports"),
        "%",
        _UP,
        _MEAN,
        (
            "Reports received on time / reports due.",
            "Rapports reçus à temps / rapports dus.",
        ),
        "100",
        ("100", "100"),
    ),
    _entry(
        "capa_on_time",
        _ALL,
        ("Corrective actions closed on time", "Actions correctives closes à temps"),
        "%",
        _UP,
        _MEAN,
        (
            "Corrective actions closed by their due date / corrective actions due.",
            "Actions correctives closes avant leur échéance / actions correctives échues.",
        ),
        "90",
        ("≥ 90 (common practice)", "≥ 90 (usage courant)"),
        common_practice=True,
    ),
    _entry(
        "budget_variance",
        _ALL,
        ("Budget variance", "Écart budgétaire"),
        "%",
        _DOWN,
        Aggregation.LAST,
        (
            "abs(actual − budget) / budget, year to date.",
            "|réel − budget| / budget, depuis le début de l'année.",
        ),
        "5",
        ("≤ 5 (common practice)", "≤ 5 (usage courant)"),
        common_practice=True,
    ),
)

_BY_KEY: dict[str, CatalogEntry] = {item.key: item for item in _ENTRIES}


def entries() -> tuple[CatalogEntry, ...]:
    """Every entry of the catalog: logistics, community, website, then the general ones.

    >>> from vendorgov import catalog
    >>> [e.key for e in catalog.entries()][:3]
    ['on_time_shipping', 'order_accuracy', 'damage_rate']
    """
    return _ENTRIES


def keys() -> tuple[str, ...]:
    """The keys of every entry, in catalog order.

    >>> from vendorgov import catalog
    >>> "availability" in catalog.keys()
    True
    """
    return tuple(_BY_KEY)


def entry(key: str) -> CatalogEntry:
    """The entry with ``key``.

    Raises:
        UnknownKpiError: When the catalog has no such key (a :class:`KeyError`);
            the message suggests close keys.

    >>> from vendorgov import catalog
    >>> catalog.entry("inp_p75").unit
    'ms'
    """
    found = _BY_KEY.get(key) if isinstance(key, str) else None
    if found is not None:
        return found
    close = difflib.get_close_matches(str(key), list(_BY_KEY), n=3, cutoff=0.6)
    if close:
        hint = "did you mean " + " or ".join(repr(name) for name in close) + "?"
    else:
        hint = "known keys: " + ", ".join(sorted(_BY_KEY))
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
        item for item in _ENTRIES if activity in item.activities and (general or not item.general)
    )


def kpi(
    key: str,
    *,
    lang: Lang = "fr",
    weight: Decimal = Decimal(1),
    currency: str = "EUR",
) -> Kpi:
    """A :class:`~vendorgov.Kpi` built from a catalog entry.

    The KPI takes the entry's name and definition in ``lang``, its unit,
    direction and aggregation. Entries measured in money get ``currency`` as
    their unit.

    Args:
        key: The catalog key.
        lang: ``"fr"`` (default) or ``"en"``.
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
    """
    item = entry(key)
    chosen = _lang(lang)
    unit = item.unit
    if unit == CURRENCY_UNIT:
        bad = currency_problem(currency, "currency")
        if bad is not None:
            raise ValidationError([bad])
        unit = currency
    return Kpi(
        key=item.key,
        name=item.name(chosen),
        unit=unit,
        direction=item.direction,
        aggregation=item.aggregation,
        weight=weight,
        description=item.definition(chosen),
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
                f"{key!r} has no numeric typical target ({item.target_note_en}); give final",
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
