"""The contract's context: articles, annexes, parties, dates and words the templates need.

The contract (*contrat de prestation de services*) is numbered by article, one per
clause the contract actually has: `contract_context` decides which articles exist and
numbers them, so the templates never count and an absent optional clause leaves no
empty article and no gap in the numbering. The numbers are known before the first
article is written, so one article can refer to another (``article 9``).

Dates the parties must not miss come from the model and the engine, the rules of the
findings and of the governance calendar: the end of the initial term
(`Contract.term_end`), the last day to give notice against a renewal
(`notice_deadline`), the first report (`report_dues`) and review (`occurrences`) dates,
and the estimated value of the contract (`contract_value`), which decides whether the
French labour code's vigilance duty applies. Cadences are written in words by
`cadence_words` (``chaque lundi``; ``on the last day of every month``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

import attrs

from vendorgov._documents.cadences import cadence_words
from vendorgov._documents.contexts import RenderOptions, base_context, refuse_unless_draft
from vendorgov._documents.environment import Placeholder
from vendorgov._engine.health import (
    VIGILANCE_THRESHOLD,
    contract_value,
    notice_deadline,
    vigilance_required,
)
from vendorgov._engine.reporting import report_dues
from vendorgov._engine.time import occurrences
from vendorgov._model.amendment import in_force
from vendorgov._model.contract import Contract, FeeKind
from vendorgov._model.incentives import BonusTier
from vendorgov._model.mission import Mission
from vendorgov._model.money import Money
from vendorgov._model.parties import Party
from vendorgov._model.text import LocalizedText

__all__ = [
    "ARTICLE_KEYS",
    "Annex",
    "Article",
    "CreditRate",
    "PartyView",
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
    "data_protection",
    "fees",
    "incentives",
    "vigilance",
    "liability",
    "term",
    "renewal",
    "termination",
    "exit",
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
        key: ``specification`` (the *cahier des charges*, a separate document),
            ``kpis`` (the KPIs and their tiered targets, printed after the signatures),
            ``data_processing`` (the data processing agreement, GDPR art. 28(3)) or
            ``amendments`` (the amendments a consolidated contract includes).
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
    name: str | LocalizedText
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
            data_protection=contract.data_processing is not None,
            exit=contract.exit_plan is not None,
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


def _estimated_value(contract: Contract, currency: str, milestones: int) -> Money | None:
    """The contract's value over its initial term, when every fee can be estimated."""
    if not contract.fees:
        return None
    variable = [fee for fee in contract.fees if fee.kind is not FeeKind.FIXED]
    if any(fee.estimated_quantity is None for fee in variable):
        return None
    return Money(contract_value(contract, milestones=milestones), currency)


def _vigilance(contract: Contract, milestones: int) -> bool:
    """Whether C. trav. L8222-1 applies: French law, euros, at least €5,000 excl. VAT.

    The same rule as the ``VIGILANCE_CERTIFICATE_DUE`` finding (`vigilance_required`).
    """
    return contract.governing_law.country == "FR" and vigilance_required(
        contract, milestones=milestones
    )


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
    - ``annexes``: the `Annex` objects (the specification, the KPIs, the data processing
      agreement, the amendments); ``annex_no``: their numbers by key.
    - ``amendments``: with ``at``, the amendments in force by then, in order (the
      contract is then the consolidated one: the mission as in force at ``at``, see
      [`in_force`][vendorgov.in_force]); empty without ``at``.
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
    - ``ip_works``: the names of the deliverables that are works of authorship
      (``Deliverable.works``), which the IP article lists.
    - ``signature_place``: the city of the client's registered office (or ``None``).

    Raises:
        ValidationError: When the mission has no contract and ``draft`` is false.
    """
    # At a date, the contract as amended by then (consolidated) and its amendment history.
    history = tuple(
        amendment
        for amendment in mission.amendments
        if options.at is not None and amendment.effective <= options.at
    )
    if history:
        assert options.at is not None
        mission = in_force(mission, options.at)
    context = base_context(mission, options)
    lang = options.lang
    contract = mission.contract
    if contract is None:
        refuse_unless_draft("contract", options.draft)
    shown: Any = contract if contract is not None else Placeholder("contract", lang)
    vigilance = contract is not None and _vigilance(contract, len(mission.milestones))
    reviews = mission.review_cadence
    articles = _articles(mission, contract, vigilance)
    annexes: list[Annex] = []
    if mission.specification is not None:
        annexes.append(Annex(key="specification", number=len(annexes) + 1))
    if mission.kpis and mission.milestones:
        annexes.append(Annex(key="kpis", number=len(annexes) + 1))
    if contract is not None and contract.data_processing is not None:
        annexes.append(Annex(key="data_processing", number=len(annexes) + 1))
    if history:
        annexes.append(Annex(key="amendments", number=len(annexes) + 1))

    context.update(
        contract=shown,
        amendments=history,
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
        ip_works=tuple(
            deliverable.name
            for deliverable in (
                () if mission.specification is None else mission.specification.deliverables
            )
            if deliverable.works
        ),
        bonus_tiers=() if mission.bonus is None else _tiers(mission.bonus.tiers),
        credit_rates=()
        if mission.service_credits is None
        else tuple(
            CreditRate(kpi=entry.kpi, name=mission.kpi(entry.kpi).name, rate=entry.rate)
            for entry in mission.service_credits.kpi_rates
        ),
        review_cadence=None
        if reviews is None
        else cadence_words(reviews, lang, mission.start, with_time=True),
        first_review=None
        if reviews is None
        else next(iter(occurrences(reviews, mission.start, mission.end)), None),
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
    reporting = contract.reporting
    context.update(
        term_end=contract.term_end,
        renewal_start=contract.term_end + dt.timedelta(days=1),
        notice_deadline=notice_deadline(contract),
        estimated_value=_estimated_value(contract, mission.currency, len(mission.milestones)),
        report_cadence=None
        if reporting is None
        else cadence_words(reporting.cadence, lang, mission.start, with_time=True),
        first_report=next(iter(report_dues(mission)), None),
    )
    return context
