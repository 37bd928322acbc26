"""The contract's context: articles, annexes, parties, dates and words the templates need.

The contract (*contrat de prestation de services*) is numbered by article, one per
clause the contract actually has: `contract_context` decides which articles exist and
numbers them, so the templates never count and an absent optional clause leaves no
empty article and no gap in the numbering. The numbers are known before the first
article is written, so one article can refer to another (``article 9``).

Dates the parties must not miss are computed here from the model and the engine, with
the same rules as the findings and the governance calendar: the end of the initial term
(`Contract.term_end`), the last day to give notice against a renewal (the term end minus
the notice days), the first report and review dates (`occurrences`), and the estimated
value of the contract (`contract_value`), which decides whether the French labour
code's vigilance duty applies.

Cadences are written in words here (``hebdomadaire, le lundi``; ``monthly, on the last
day of the month``) rather than in the templates, where the grammar would be hard to
follow and impossible to test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

import attrs
from babel import dates as babel_dates

from vendorgov._documents.contexts import RenderOptions, base_context
from vendorgov._documents.environment import Placeholder, note_missing
from vendorgov._documents.formatting import LOCALES
from vendorgov._documents.labels import enum_label
from vendorgov._engine.health import VIGILANCE_THRESHOLD, contract_value
from vendorgov._engine.time import occurrences
from vendorgov._model.cadence import Cadence, Frequency
from vendorgov._model.contract import Contract, FeeKind
from vendorgov._model.incentives import BonusTier
from vendorgov._model.mission import Mission
from vendorgov._model.money import Money
from vendorgov._model.parties import Party
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "ARTICLE_KEYS",
    "Annex",
    "Article",
    "CreditRate",
    "PartyView",
    "cadence_words",
    "contract_context",
]

ARTICLE_KEYS: Final = (
    "object",
    "work_methods",
    "objectives",
    "planning",
    "reporting",
    "governance",
    "confidentiality",
    "ip",
    "fees",
    "incentives",
    "vigilance",
    "liability",
    "term",
    "renewal",
    "termination",
    "custom",
    "governing_law",
)
"""Every kind of article, in the order they appear (``custom``: one per custom clause)."""


@attrs.frozen(kw_only=True)
class Article:
    """One article of the contract: what it is about and its number.

    Attributes:
        key: One of `ARTICLE_KEYS`.
        number: Its number, from 1, without gaps.
        clause: The custom clause of a ``custom`` article (``None`` otherwise).
    """

    key: str
    number: int
    clause: Any = None


@attrs.frozen(kw_only=True)
class Annex:
    """An annex of the contract.

    Attributes:
        key: ``specification`` (the *cahier des charges*, a separate document) or
            ``kpis`` (the KPIs and their tiered targets, printed after the signatures).
        number: Its number, from 1.
    """

    key: str
    number: int


@attrs.frozen(kw_only=True)
class PartyView:
    """A party and what its identification paragraph needs.

    Attributes:
        party: The `Party`.
        side: ``client`` or ``provider``.
        legal_form_name: The legal form in full (``SAS`` → ``société par actions
            simplifiée``), or as written when it is not a French form vendorgov knows.
        registration_kind: ``SIREN`` (9 digits), ``SIRET`` (14 digits) or ``""``.
        foreign: Whether its registered office is outside France.
    """

    party: Party
    side: str
    legal_form_name: str
    registration_kind: str
    foreign: bool


@attrs.frozen(kw_only=True)
class CreditRate:
    """A service-credit rate specific to one KPI, with the KPI's name."""

    kpi: str
    name: str
    rate: Decimal


LEGAL_RECOVERY_INDEMNITY: Final = Decimal(40)
"""The fixed indemnity for recovery costs owed by a late payer in France, in euros
(C. com. L441-10 and D441-5): stated whenever French law governs the contract."""

# French legal forms, written in full in the parties' paragraphs.
_LEGAL_FORMS: Final = {
    "SA": "société anonyme",
    "SAS": "société par actions simplifiée",
    "SASU": "société par actions simplifiée unipersonnelle",
    "SARL": "société à responsabilité limitée",
    "EURL": "entreprise unipersonnelle à responsabilité limitée",
    "SNC": "société en nom collectif",
    "SCA": "société en commandite par actions",
    "SCS": "société en commandite simple",
    "SELARL": "société d'exercice libéral à responsabilité limitée",
    "SELAS": "société d'exercice libéral par actions simplifiée",
    "SCOP": "société coopérative et participative",
    "SEM": "société d'économie mixte",
}


def _party_view(party: Party, side: str) -> PartyView:
    form = party.legal_form.strip()
    digits = party.registration_id.replace(" ", "").replace("\u00a0", "")
    kind = ""
    if digits.isdigit():
        kind = {9: "SIREN", 14: "SIRET"}.get(len(digits), "")
    return PartyView(
        party=party,
        side=side,
        legal_form_name=_LEGAL_FORMS.get(form.upper().replace(".", ""), form),
        registration_kind=kind,
        foreign=party.address is not None and party.address.country != "FR",
    )


# -- cadences in words ------------------------------------------------------------------
_NUMBERS: Final = {
    "fr": ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
    "en": ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
_NTH: Final = {
    "fr": {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", -1: "dernier"},
    "en": {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"},
}
_RHYTHM: Final = {
    # (every 1, every n): French adjectives agree with « rapport » and « point », both masculine
    "fr": {
        Frequency.WEEKLY: ("hebdomadaire", "toutes les {n} semaines"),
        Frequency.MONTHLY: ("mensuel", "tous les {n} mois"),
        Frequency.QUARTERLY: ("trimestriel", "tous les {n} trimestres"),
    },
    "en": {
        Frequency.WEEKLY: ("weekly", "every {n} weeks"),
        Frequency.MONTHLY: ("monthly", "every {n} months"),
        Frequency.QUARTERLY: ("quarterly", "every {n} quarters"),
    },
}


def _count(number: int, lang: str) -> str:
    words = _NUMBERS[lang]
    return words[number] if 0 < number < len(words) else str(number)


def _ordinal_en(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _time_words(time: dt.time, lang: str) -> str:
    if lang == "fr":  # French typography: « 10 h », « 9 h 30 »
        minutes = f"\u00a0{time.minute:02d}" if time.minute else ""
        return f"à {time.hour}\u00a0h{minutes}"
    return "at " + babel_dates.format_time(time, format="short", locale=LOCALES["en"])


def _months_words(cadence: Cadence, start: dt.date, lang: str) -> str:
    """The months a quarterly (or every-n-months) cadence falls in, from ``start``'s month."""
    step = cadence.interval * (3 if cadence.frequency is Frequency.QUARTERLY else 1)
    names = babel_dates.get_month_names("wide", locale=LOCALES[lang])
    if 12 % step == 0:
        months = sorted((start.month - 1 + step * k) % 12 + 1 for k in range(12 // step))
        listed = [str(names[month]) for month in months]
        joined = ", ".join(listed[:-1]) + (" et " if lang == "fr" else " and ") + listed[-1]
        return f"en {joined}" if lang == "fr" else f"in {joined}"
    first = babel_dates.format_date(start, format="MMMM y", locale=LOCALES[lang])
    return f"à compter de {first}" if lang == "fr" else f"starting in {first}"


def cadence_words(cadence: Cadence, lang: str, start: dt.date) -> str:
    """A cadence in words, to follow a noun (French) or a verb (English).

    French agrees with a masculine noun (*un rapport*, *un point d'étape*); the months
    of a cadence that does not come back every month are counted from ``start``, as
    `occurrences` does.

    >>> from vendorgov import Frequency, Weekday
    >>> start = dt.date(2026, 3, 2)
    >>> cadence_words(Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO), "fr", start)
    'hebdomadaire, le lundi'
    >>> cadence_words(Cadence(frequency=Frequency.MONTHLY, day=31), "fr", start)
    'mensuel, le dernier jour du mois'
    >>> cadence_words(Cadence(frequency=Frequency.MONTHLY, nth=1, weekday=Weekday.TU,
    ...                       time=dt.time(10, 0)), "en", start)
    'monthly, on the first Tuesday of the month, at 10:00\\u202fAM'
    >>> cadence_words(Cadence(frequency=Frequency.QUARTERLY, day=15), "fr", start)
    'trimestriel, le 15 du mois, en mars, juin, septembre et décembre'
    """
    once, every = _RHYTHM[lang][cadence.frequency]
    parts = [once if cadence.interval == 1 else every.format(n=_count(cadence.interval, lang))]
    french = lang == "fr"
    if cadence.frequency is Frequency.WEEKLY:
        assert cadence.weekday is not None  # the cadence checks it
        day = enum_label(cadence.weekday, lang)
        parts.append(f"le {day}" if french else f"on {day}s")
    else:
        if cadence.day is not None:
            if cadence.day == 31:
                parts.append(
                    "le dernier jour du mois" if french else "on the last day of the month"
                )
            elif french:
                number = "1er" if cadence.day == 1 else str(cadence.day)
                shorter = " (ou le dernier jour du mois s'il est plus court)"
                parts.append(f"le {number} du mois{shorter if cadence.day > 28 else ''}")
            else:
                shorter = " (or the last day of a shorter month)"
                parts.append(
                    f"on the {_ordinal_en(cadence.day)} of the month"
                    f"{shorter if cadence.day > 28 else ''}"
                )
        else:
            assert cadence.nth is not None  # the cadence checks it
            assert cadence.weekday is not None
            nth = _NTH[lang][cadence.nth]
            day = enum_label(cadence.weekday, lang)
            parts.append(
                f"le {nth} {day} du mois" if french else f"on the {nth} {day} of the month"
            )
        if cadence.frequency is Frequency.QUARTERLY or cadence.interval > 1:
            parts.append(_months_words(cadence, start, lang))
    if cadence.time is not None:
        parts.append(_time_words(cadence.time, lang))
    return ", ".join(parts)


# -- the context ---------------------------------------------------------------------------
def _articles(mission: Mission, contract: Contract | None, vigilance: bool) -> tuple[Article, ...]:
    """The articles present, numbered from 1 in `ARTICLE_KEYS` order."""
    present = {
        "object": True,
        "governance": True,
        "fees": True,
        "term": True,
        "governing_law": True,
        "objectives": bool(mission.kpis),
        "planning": bool(mission.milestones),
        "incentives": bool(mission.bonus or mission.service_credits or mission.benefits),
        "vigilance": vigilance,
    }
    custom: tuple[Any, ...] = ()
    if contract is not None:  # else a draft without a contract: the articles it must have
        present.update(
            work_methods=bool(contract.work_methods.strip() or mission.tools),
            objectives=bool(contract.objectives.strip() or mission.kpis),
            planning=bool(contract.planning.strip() or mission.milestones),
            reporting=contract.reporting is not None,
            confidentiality=contract.confidentiality is not None,
            ip=contract.ip is not None,
            liability=contract.liability is not None,
            renewal=contract.renewal is not None,
            termination=contract.termination is not None,
        )
        custom = contract.custom_clauses
    entries: list[tuple[str, Any]] = []
    for key in ARTICLE_KEYS:
        if key == "custom":
            entries.extend((key, clause) for clause in custom)
        elif present.get(key, False):
            entries.append((key, None))
    return tuple(
        Article(key=key, number=number, clause=clause)
        for number, (key, clause) in enumerate(entries, start=1)
    )


def _estimated_value(contract: Contract, currency: str) -> Money | None:
    """The contract's value over its initial term, when every fee can be estimated."""
    if not contract.fees:
        return None
    variable = [fee for fee in contract.fees if fee.kind is not FeeKind.FIXED]
    if any(fee.estimated_quantity is None for fee in variable):
        return None
    return Money(contract_value(contract), currency)


def _vigilance(contract: Contract) -> bool:
    """Whether C. trav. L8222-1 applies: French law, euros, at least €5,000 excl. VAT.

    The same rule as the ``VIGILANCE_CERTIFICATE_DUE`` finding.
    """
    if contract.governing_law.country != "FR":
        return False
    currencies = {fee.amount.currency for fee in contract.fees}
    return currencies == {"EUR"} and contract_value(contract) >= VIGILANCE_THRESHOLD


def _first_after(
    cadence: Cadence, start: dt.date, end: dt.date, *, strictly: bool
) -> dt.date | None:
    days = occurrences(cadence, start, end)
    for day in days:
        if day > start or not strictly:
            return day
    return None


def _tiers(tiers: tuple[BonusTier, ...]) -> tuple[BonusTier, ...]:
    return tuple(sorted(tiers, key=lambda tier: tier.min_score, reverse=True))


def contract_context(mission: Mission, options: RenderOptions) -> dict[str, Any]:
    """The variables of the contract (*contrat de prestation de services*).

    Adds to `base_context`:

    - ``contract``: the mission's [`Contract`][vendorgov.Contract]. A mission without
      one is refused (path ``contract``) unless in draft mode, where ``contract`` is a
      placeholder and the contract shows what to fill in.
    - ``spec``: the specification, the contract's annex (``None`` when there is none).
    - ``parties``: the two `PartyView` objects, client first.
    - ``articles``: the `Article` objects present, numbered from 1 without gaps;
      ``article_no``: the number of each article by key (custom clauses excepted).
    - ``annexes``: the `Annex` objects (the specification, the KPIs); ``annex_no``: their
      numbers by key.
    - ``term_end``: the last day of the initial term; ``renewal_start``: the day after;
      ``notice_deadline``: the last day to give notice against the renewal (or to agree
      on one), or ``None`` without a renewal clause.
    - ``estimated_value``: the contract's value over the initial term (a `Money`), or
      ``None`` when a per-unit fee has no estimated quantity.
    - ``report_cadence``, ``review_cadence``: the cadences in words (or ``None``);
      ``first_report``, ``first_review``: their first dates after the start.
    - ``bonus_tiers``: the bonus tiers, best first; ``credit_rates``: the KPI-specific
      service-credit rates as `CreditRate` objects.
    - ``french_law``: whether French law governs the contract.
    - ``signature_place``: the city of the client's registered office (or ``None``).

    Raises:
        ValidationError: When the mission has no contract and ``draft`` is false.
    """
    context = base_context(mission, options)
    lang = options.lang
    contract = mission.contract
    if contract is None:
        if not options.draft:
            raise ValidationError(
                [
                    ErrorDetail(
                        "contract",
                        "the mission has no contract to render; add one, or render with "
                        "draft=True to see what it needs",
                    )
                ]
            )
        note_missing("contract")
    shown: Any = contract if contract is not None else Placeholder("contract", lang)
    vigilance = contract is not None and _vigilance(contract)
    articles = _articles(mission, contract, vigilance)
    annexes: list[Annex] = []
    if mission.specification is not None:
        annexes.append(Annex(key="specification", number=len(annexes) + 1))
    if mission.kpis and mission.milestones:
        annexes.append(Annex(key="kpis", number=len(annexes) + 1))

    context.update(
        contract=shown,
        spec=mission.specification,
        parties=(_party_view(mission.client, "client"), _party_view(mission.provider, "provider")),
        articles=articles,
        article_no={article.key: article.number for article in articles if article.clause is None},
        annexes=tuple(annexes),
        annex_no={annex.key: annex.number for annex in annexes},
        french_law=contract is None or contract.governing_law.country == "FR",
        legal_recovery_indemnity=Money(LEGAL_RECOVERY_INDEMNITY, "EUR")
        if mission.currency == "EUR"
        else None,
        vigilance_threshold=Money(VIGILANCE_THRESHOLD, "EUR"),
        signature_place=None if mission.client.address is None else mission.client.address.city,
        bonus_tiers=() if mission.bonus is None else _tiers(mission.bonus.tiers),
        credit_rates=()
        if mission.service_credits is None
        else tuple(
            CreditRate(kpi=entry.kpi, name=mission.kpi(entry.kpi).name, rate=entry.rate)
            for entry in mission.service_credits.kpi_rates
        ),
        review_cadence=None
        if mission.review_cadence is None
        else cadence_words(mission.review_cadence, lang, mission.start),
        first_review=None
        if mission.review_cadence is None
        else _first_after(mission.review_cadence, mission.start, mission.end, strictly=False),
    )
    if contract is None:
        placeholder = Placeholder("contract.end", lang)
        context.update(
            term_end=placeholder,
            renewal_start=None,
            notice_deadline=None,
            estimated_value=None,
            report_cadence=None,
            first_report=None,
        )
        return context
    term_end = contract.term_end
    renewal = contract.renewal
    reporting = contract.reporting
    context.update(
        term_end=term_end,
        renewal_start=term_end + dt.timedelta(days=1),
        notice_deadline=None
        if renewal is None
        else term_end - dt.timedelta(days=renewal.notice_days),
        estimated_value=_estimated_value(contract, mission.currency),
        report_cadence=None
        if reporting is None
        else cadence_words(reporting.cadence, lang, mission.start),
        first_report=None
        if reporting is None
        else _first_after(
            reporting.cadence, mission.start, min(mission.end, term_end), strictly=True
        ),
    )
    return context
