"""Incentive schemes: result bonuses, service credits and benefits in kind."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model.kpi import key_problem, min_coverage_problem, text_problem
from vendorgov._model.money import Money
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "Benefit",
    "BonusScheme",
    "BonusTier",
    "CreditBase",
    "KpiCreditRate",
    "NoDataPolicy",
    "ServiceCreditScheme",
]


class NoDataPolicy(enum.StrEnum):
    """What a service-credit scheme does with a KPI that has no data at a milestone.

    >>> NoDataPolicy("credit")
    <NoDataPolicy.CREDIT: 'credit'>
    """

    CREDIT = "credit"
    IGNORE = "ignore"


class CreditBase(enum.StrEnum):
    """What a service credit is a share of: the fixed fees, or also the variable fees billed.

    >>> CreditBase("fixed_and_variable")
    <CreditBase.FIXED_AND_VARIABLE: 'fixed_and_variable'>
    """

    FIXED = "fixed"
    FIXED_AND_VARIABLE = "fixed_and_variable"


def _rate_problem(rate: Decimal, path: str) -> ErrorDetail | None:
    if 0 <= rate <= 1:
        return None
    return problem(path, f"is a fraction between 0 and 1 (0.05 for 5 %), got {rate}")


@attrs.frozen(kw_only=True)
class BonusTier(Model):
    """An overall score of at least ``min_score`` earns ``rate`` of the base, or ``amount``.

    >>> from decimal import Decimal
    >>> BonusTier(min_score=Decimal(90), rate=Decimal("0.05")).amount is None
    True
    """

    min_score: Decimal
    rate: Decimal | None = None
    amount: Money | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 0 <= self.min_score <= 100:
            yield problem("min_score", f"must be between 0 and 100, got {self.min_score}")
        if (self.rate is None) == (self.amount is None):
            yield problem("rate", "give either a rate of the base or a fixed amount (one of them)")
        if self.rate is not None:
            bad = _rate_problem(self.rate, "rate")
            if bad is not None:
                yield bad
        if self.amount is not None and self.amount.amount < 0:
            yield problem("amount.amount", "must not be negative")


@attrs.frozen(kw_only=True)
class BonusScheme(Model):
    """A result bonus paid at each milestone from the overall score.

    The highest tier the score reaches applies; the total per milestone is capped.
    No bonus is paid on a scorecard whose coverage (the share of the KPI weight
    with data) is below ``min_coverage``; when left out, the mission's minimum
    applies ([`Mission.min_coverage`][vendorgov.Mission]).

    >>> from decimal import Decimal
    >>> scheme = BonusScheme(base=Money(Decimal("10500"), "EUR"),
    ...                      tiers=(BonusTier(min_score=Decimal(90), rate=Decimal("0.05")),
    ...                             BonusTier(min_score=Decimal(75), rate=Decimal("0.02"))))
    >>> len(scheme.tiers)
    2
    """

    tiers: tuple[BonusTier, ...]
    base: Money | None = None
    cap: Money | None = None
    description: str = ""
    min_coverage: Decimal | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.min_coverage is not None:
            bad_minimum = min_coverage_problem(self.min_coverage, "min_coverage")
            if bad_minimum is not None:
                yield bad_minimum
        if not self.tiers:
            yield problem("tiers", "needs at least one tier")
        seen: set[Decimal] = set()
        for index, tier in enumerate(self.tiers):
            if tier.min_score in seen:
                yield problem(f"tiers[{index}].min_score", f"duplicate tier at {tier.min_score}")
            seen.add(tier.min_score)
            if tier.rate is not None and self.base is None:
                yield problem(f"tiers[{index}].rate", "a rate needs the scheme's base amount")
        if self.base is not None and self.base.amount < 0:
            yield problem("base.amount", "must not be negative")
        if self.cap is not None and self.cap.amount < 0:
            yield problem("cap.amount", "must not be negative")


@attrs.frozen(kw_only=True)
class KpiCreditRate(Model):
    """A service-credit rate specific to one KPI.

    >>> from decimal import Decimal
    >>> KpiCreditRate(kpi="availability", rate=Decimal("0.10")).rate
    Decimal('0.10')
    """

    kpi: str
    rate: Decimal

    def _problems(self) -> Iterator[ErrorDetail]:
        for bad in (key_problem(self.kpi, "kpi"), _rate_problem(self.rate, "rate")):
            if bad is not None:
                yield bad


@attrs.frozen(kw_only=True)
class ServiceCreditScheme(Model):
    """Service credits (*malus*): per KPI missed at a milestone, a share of the period's fee.

    Attributes:
        rate: Share of the period's fee credited per missed KPI (``0.03`` for 3 %).
        at_risk: Cap on the credits of one milestone.
        kpi_rates: Rates that replace ``rate`` for some KPIs.
        earn_back: Whether a credit is returned when the same KPI is met at the
            next milestone.
        no_data: What a KPI without data at a milestone owes: ``credit`` (the
            default: the same credit as a missed KPI, once the contract's
            reporting grace has passed) or ``ignore`` (nothing).
        no_data_exempt: KPIs whose lack of data owes nothing whatever ``no_data``
            says: KPIs measured only when an event happens (a security patch, an
            incident), where no data means nothing happened.
        base: ``fixed`` (the default): the period's fixed periodic fees;
            ``fixed_and_variable``: plus the per-unit and time-and-materials fees
            billed in the period.

    >>> from decimal import Decimal
    >>> ServiceCreditScheme(rate=Decimal("0.03"), at_risk=Money(Decimal("1050"), "EUR")).earn_back
    False
    """

    rate: Decimal
    at_risk: Money
    kpi_rates: tuple[KpiCreditRate, ...] = ()
    earn_back: bool = False
    no_data: NoDataPolicy = NoDataPolicy.CREDIT
    no_data_exempt: tuple[str, ...] = ()
    base: CreditBase = CreditBase.FIXED

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = _rate_problem(self.rate, "rate")
        if bad is not None:
            yield bad
        if self.at_risk.amount < 0:
            yield problem("at_risk.amount", "must not be negative")
        seen: set[str] = set()
        for index, entry in enumerate(self.kpi_rates):
            if entry.kpi in seen:
                yield problem(f"kpi_rates[{index}].kpi", f"duplicate rate for {excerpt(entry.kpi)}")
            seen.add(entry.kpi)
        exempt: set[str] = set()
        for index, key in enumerate(self.no_data_exempt):
            bad = key_problem(key, f"no_data_exempt[{index}]")
            if bad is not None:
                yield bad
            elif key in exempt:
                yield problem(f"no_data_exempt[{index}]", f"duplicate KPI {excerpt(key)}")
            exempt.add(key)


@attrs.frozen(kw_only=True)
class Benefit(Model):
    """A benefit in kind offered to the provider (products, visibility, referrals...).

    >>> Benefit(description="Mention partenaire sur le site").value is None
    True
    """

    description: str
    value: Money | None = None
    granted_on: dt.date | None = None
    condition: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.description, "description")
        if bad is not None:
            yield bad
