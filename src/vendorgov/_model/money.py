"""Exact money: ``Decimal`` amounts with an ISO 4217 currency."""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable, Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

import attrs

from vendorgov._model.validation import UNKNOWN, Model, describe, excerpt, problem
from vendorgov.exceptions import CurrencyMismatchError, ErrorDetail, ValidationError

__all__ = ["CURRENCY_MINOR_UNITS", "DECIMAL_CONTEXT", "Money"]

DECIMAL_CONTEXT = decimal.Context(
    prec=28, rounding=decimal.ROUND_HALF_EVEN, Emax=999999, Emin=-999999
)
"""The one decimal context of vendorgov's arithmetic (money, scores, budgets).

Computations never use the caller's thread context, so a notebook that sets
``decimal.getcontext().prec = 3`` gets the same results as everybody else."""

# Active ISO 4217 codes and the number of digits of their minor unit
# (ISO 4217 list one, 2025 amendments; funds and precious metals without a
# minor unit are left out because nothing is invoiced in them).
_TABLE = """
AED2 AFN2 ALL2 AMD2 AOA2 ARS2 AUD2 AWG2 AZN2 BAM2 BBD2 BDT2 BHD3 BIF0 BMD2 BND2 BOB2
BOV2 BRL2 BSD2 BTN2 BWP2 BYN2 BZD2 CAD2 CDF2 CHE2 CHF2 CHW2 CLF4 CLP0 CNY2 COP2 COU2
CRC2 CUP2 CVE2 CZK2 DJF0 DKK2 DOP2 DZD2 EGP2 ERN2 ETB2 EUR2 FJD2 FKP2 GBP2 GEL2 GHS2
GIP2 GMD2 GNF0 GTQ2 GYD2 HKD2 HNL2 HTG2 HUF2 IDR2 ILS2 INR2 IQD3 IRR2 ISK0 JMD2 JOD3
JPY0 KES2 KGS2 KHR2 KMF0 KPW2 KRW0 KWD3 KYD2 KZT2 LAK2 LBP2 LKR2 LRD2 LSL2 LYD3 MAD2
MDL2 MGA2 MKD2 MMK2 MNT2 MOP2 MRU2 MUR2 MVR2 MWK2 MXN2 MXV2 MYR2 MZN2 NAD2 NGN2 NIO2
NOK2 NPR2 NZD2 OMR3 PAB2 PEN2 PGK2 PHP2 PKR2 PLN2 PYG0 QAR2 RON2 RSD2 RUB2 RWF0 SAR2
SBD2 SCR2 SDG2 SEK2 SGD2 SHP2 SLE2 SOS2 SRD2 SSP2 STN2 SVC2 SYP2 SZL2 THB2 TJS2 TMT2
TND3 TOP2 TRY2 TTD2 TWD2 TZS2 UAH2 UGX0 USD2 USN2 UYI0 UYU2 UYW4 UZS2 VED2 VES2 VND0
VUV0 WST2 XAF0 XCD2 XCG2 XOF0 XPF0 YER2 ZAR2 ZMW2 ZWG2
"""

CURRENCY_MINOR_UNITS: dict[str, int] = {token[:3]: int(token[3:]) for token in _TABLE.split()}
"""ISO 4217 code → digits of the minor unit (``EUR`` → 2, ``JPY`` → 0)."""

_QUANTUM = {code: Decimal(1).scaleb(-digits) for code, digits in CURRENCY_MINOR_UNITS.items()}
_MONEY_TEXT = re.compile(
    r"^\s*([+-]?[0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,4})?)\s+([A-Z]{3})\s*$"
)


def currency_problem(code: object, path: str) -> ErrorDetail | None:
    """Return a problem if ``code`` is not an active ISO 4217 currency code."""
    if code is UNKNOWN:  # did not load: reported already
        return None
    if isinstance(code, str) and code in CURRENCY_MINOR_UNITS:
        return None
    if isinstance(code, str):
        hint = " (codes are upper case)" if code.upper() in CURRENCY_MINOR_UNITS else ""
        return problem(path, f"unknown ISO 4217 currency code {excerpt(code)}{hint}")
    return problem(path, f"expected an ISO 4217 currency code, got {describe(code)}")


@attrs.frozen(order=False)
class Money(Model):
    """An exact amount of money in one ISO 4217 currency.

    Amounts are `decimal.Decimal` and never floats (nor ints: write
    ``Decimal("12")``, so that every amount states its precision). Amounts in different
    currencies cannot be combined. Arithmetic keeps full precision; round once,
    at the end, with [`rounded`][vendorgov.Money.rounded] (half-up to the currency's minor unit).

    Attributes:
        amount: The amount, any precision.
        currency: Its ISO 4217 code (``"EUR"``).

    >>> from decimal import Decimal
    >>> fee = Money(Decimal("1234.50"), "EUR")
    >>> str(fee * 3)
    '3703.50 EUR'
    >>> sum([fee, fee]) == Money(Decimal("2469.00"), "EUR")
    True
    >>> Money(Decimal("10.005"), "EUR").rounded()
    Money(amount=Decimal('10.01'), currency='EUR')
    """

    amount: Decimal
    currency: str

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = currency_problem(self.currency, "currency")
        if bad is not None:
            yield bad

    # -- construction helpers -------------------------------------------------
    @classmethod
    def zero(cls, currency: str) -> Money:
        """Zero in ``currency``.

        >>> Money.zero("EUR")
        Money(amount=Decimal('0'), currency='EUR')
        """
        return cls(Decimal(0), currency)

    @classmethod
    def parse(cls, text: str) -> Money:
        """Read ``"1234.50 EUR"`` (amount, space, currency code).

        Raises:
            ValidationError: When the text is not an amount followed by a code.

        >>> Money.parse("1234.50 EUR")
        Money(amount=Decimal('1234.50'), currency='EUR')
        """
        match = _MONEY_TEXT.match(text) if isinstance(text, str) else None
        if match is None:
            raise ValidationError(
                [
                    problem(
                        "",
                        f"expected an amount and a currency like '1234.50 EUR', "
                        f"got {excerpt(text)}",
                    )
                ]
            )
        try:
            amount = Decimal(match.group(1).replace("_", ""))
        except InvalidOperation:  # pragma: no cover - the pattern only admits numbers
            raise ValidationError([problem("", f"invalid amount in {excerpt(text)}")]) from None
        return cls(amount, match.group(2))

    # -- arithmetic -------------------------------------------------------------
    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot combine {self.currency} and {other.currency} amounts"
            )

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return Money(DECIMAL_CONTEXT.add(self.amount, other.amount), self.currency)

    def __radd__(self, other: object) -> Money:
        # ``sum()`` starts from the integer 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return Money(DECIMAL_CONTEXT.subtract(self.amount, other.amount), self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, Decimal | int):
            return NotImplemented
        return Money(DECIMAL_CONTEXT.multiply(self.amount, Decimal(factor)), self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money(abs(self.amount), self.currency)

    def __lt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other)
        return self.amount >= other.amount

    def __bool__(self) -> bool:
        return bool(self.amount)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"

    # -- rounding and splitting -----------------------------------------------
    @property
    def minor_unit(self) -> Decimal:
        """The smallest unit of the currency (``Decimal('0.01')`` for EUR)."""
        return _QUANTUM[self.currency]

    def rounded(self) -> Money:
        """Round half-up (away from zero on a tie) to the currency's minor unit.

        This is the one place vendorgov rounds money, as invoices do.

        >>> Money(Decimal("-2.345"), "EUR").rounded().amount
        Decimal('-2.35')
        >>> Money(Decimal("1234.5"), "JPY").rounded().amount
        Decimal('1235')
        """
        amount = self.amount.quantize(_QUANTUM[self.currency], ROUND_HALF_UP, DECIMAL_CONTEXT)
        return Money(amount, self.currency)

    def allocate(self, ratios: Iterable[Decimal | int]) -> tuple[Money, ...]:
        """Split the rounded amount by ``ratios`` without losing or inventing a cent.

        Each share is first cut down to the minor unit; the cents left over go,
        one by one, to the shares with the largest remainders (the earliest
        share wins a tie). The shares always add up to [`rounded`][vendorgov.Money.rounded].

        Args:
            ratios: Non-negative weights, at least one positive.

        Raises:
            ValidationError: When the ratios are empty, negative, floats or all zero.

        >>> [str(m) for m in Money(Decimal("100.00"), "EUR").allocate([1, 1, 1])]
        ['33.34 EUR', '33.33 EUR', '33.33 EUR']
        """
        weights = tuple(ratios)
        problems: list[ErrorDetail] = []
        for index, weight in enumerate(weights):
            if isinstance(weight, bool) or not isinstance(weight, Decimal | int):
                problems.append(
                    problem(
                        f"ratios[{index}]", f"expected a Decimal or int, got {describe(weight)}"
                    )
                )
            elif isinstance(weight, Decimal) and not weight.is_finite():
                problems.append(
                    problem(f"ratios[{index}]", f"must be a finite number, got {weight}")
                )
            elif weight < 0:
                problems.append(problem(f"ratios[{index}]", "must not be negative"))
        if not weights:
            problems.append(problem("ratios", "needs at least one ratio"))
        if problems:
            raise ValidationError(problems)
        with decimal.localcontext(DECIMAL_CONTEXT):
            total_weight = sum((Decimal(w) for w in weights), Decimal(0))
            if total_weight == 0:
                raise ValidationError([problem("ratios", "needs at least one positive ratio")])
            quantum = _QUANTUM[self.currency]
            total = self.rounded().amount
            sign = -1 if total < 0 else 1
            units = int((abs(total) / quantum).to_integral_value())
            exact = [Decimal(units) * Decimal(w) / total_weight for w in weights]
            shares = [int(value.to_integral_value(ROUND_DOWN)) for value in exact]
            leftover = units - sum(shares)
            order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
            for i in order[:leftover]:
                shares[i] += 1
        return tuple(Money(sign * share * quantum, self.currency) for share in shares)
