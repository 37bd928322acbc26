"""Data of French law the checks need: the legal interest rate per half-year.

Code de commerce L441-10: the late-payment penalty rate agreed between businesses
may not be below three times the legal interest rate (*taux de l'intérêt légal*).
That rate is set every half-year by an order (*arrêté*) of the economy minister,
in two values; the one for "all other cases" (creditors other than consumers)
applies here. `LEGAL_INTEREST_RATES` holds the published values vendorgov ships;
a half-year it does not know is never guessed: pass the rate
(``assess(..., legal_interest_rates={"2026-S2": Decimal("0.03")})``) and the check
runs, else the finding ``LEGAL_INTEREST_RATE_UNKNOWN`` says it could not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["LEGAL_INTEREST_RATES", "legal_interest_rate", "semester", "semester_rates"]

LEGAL_INTEREST_RATES: Mapping[str, Decimal] = MappingProxyType(
    {
        "2020-S1": Decimal("0.0087"),
        "2020-S2": Decimal("0.0084"),
        "2021-S1": Decimal("0.0079"),
        "2021-S2": Decimal("0.0076"),
        "2022-S1": Decimal("0.0076"),
        "2022-S2": Decimal("0.0077"),
        "2023-S1": Decimal("0.0206"),
        "2023-S2": Decimal("0.0422"),
        "2024-S1": Decimal("0.0507"),
        "2024-S2": Decimal("0.0492"),
        "2025-S1": Decimal("0.0371"),
        "2025-S2": Decimal("0.0276"),
        "2026-S1": Decimal("0.0262"),
    }
)
"""The French legal interest rate for creditors other than consumers, per half-year
(``"2026-S1"``: 1 January to 30 June 2026), as a fraction (``0.0262`` for 2.62 %).

Source: the half-yearly orders published in the Journal officiel (for 2026-S1, the
*arrêté du 15 décembre 2025*: 2.62 %). Half-years not listed are unknown to vendorgov:
give their rate to [`assess`][vendorgov.assess]."""

_KEY = re.compile(r"(\d{4})-S([12])")


def semester(day: dt.date) -> str:
    """The half-year ``day`` falls in, as the table's keys spell it.

    >>> semester(dt.date(2026, 7, 1))
    '2026-S2'
    """
    return f"{day.year:04d}-S{1 if day.month <= 6 else 2}"


def semester_rates(rates: Mapping[str, Decimal] | None, path: str) -> dict[str, Decimal]:
    """The shipped table overridden by ``rates`` (checked: keys ``YYYY-S1``/``YYYY-S2``,
    values fractions from 0 to 1).

    Raises:
        ValidationError: A bad key or rate, each named by its path.
    """
    merged = dict(LEGAL_INTEREST_RATES)
    if rates is None:
        return merged
    problems: list[ErrorDetail] = []
    if not isinstance(rates, Mapping):
        raise ValidationError(
            [ErrorDetail(path, f"expected a mapping, got {type(rates).__name__}")]
        )
    for key, value in rates.items():
        where = f"{path}[{key!r}]"
        if not isinstance(key, str) or _KEY.fullmatch(key) is None:
            problems.append(ErrorDetail(where, "expected a half-year like '2026-S2'"))
        elif isinstance(value, bool) or not isinstance(value, Decimal | int):
            problems.append(
                ErrorDetail(where, f"expected a Decimal fraction, got {type(value).__name__}")
            )
        elif isinstance(value, Decimal) and not value.is_finite():
            problems.append(ErrorDetail(where, f"expected a finite rate, got {value}"))
        elif not 0 <= value <= 1:
            problems.append(
                ErrorDetail(
                    where, f"is a fraction between 0 and 1 (0.0262 for 2.62 %), got {value}"
                )
            )
        else:
            merged[key] = Decimal(value)
    if problems:
        raise ValidationError(problems)
    return merged


def legal_interest_rate(day: dt.date, rates: Mapping[str, Decimal] | None = None) -> Decimal | None:
    """The legal interest rate in force on ``day`` (creditors other than consumers),
    from ``rates`` then the shipped table; ``None`` when neither knows that half-year.

    >>> legal_interest_rate(dt.date(2026, 3, 1))
    Decimal('0.0262')
    >>> legal_interest_rate(dt.date(2019, 3, 1)) is None
    True
    """
    return semester_rates(rates, "legal_interest_rates").get(semester(day))
