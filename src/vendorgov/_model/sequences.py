"""Tuples of results that notebooks display as tables: findings and payouts.

``assess`` returns ``Findings`` and ``payouts`` returns ``Payouts``: a plain
tuple cannot say how it wants to be displayed. They *are* tuples (subclasses,
with no state of their own), so they behave exactly like the tuple they wrap:
``len``, iteration, indexing, ``in``, hashing, pickling, and equality with a
plain tuple of the same items. They add an HTML table for notebooks and
``rows()`` for data frames. A slice gives the same type back; concatenation
(``+``) gives a plain tuple, as it does for any tuple subclass.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, ClassVar, Self, SupportsIndex, TypeVar, overload

from vendorgov._model import hooks
from vendorgov._model.money import Money
from vendorgov._model.results import Payout
from vendorgov._model.scorecard import Finding, parameter_values
from vendorgov._model.validation import describe, problem
from vendorgov.exceptions import ValidationError

__all__ = ["Findings", "Payouts"]

T = TypeVar("T")


class _Values(tuple[T, ...]):
    """A tuple of one vendorgov value type, checked item by item."""

    __slots__ = ()
    _item: ClassVar[type]

    def __new__(cls, items: Iterable[T] = ()) -> Self:
        values = tuple(items)
        bad = [
            problem(f"[{index}]", f"expected a {cls._item.__name__}, got {describe(value)}")
            for index, value in enumerate(values)
            if not isinstance(value, cls._item)
        ]
        if bad:
            raise ValidationError(bad)
        return super().__new__(cls, values)

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Self: ...

    def __getitem__(self, index: SupportsIndex | slice) -> T | Self:
        if isinstance(index, slice):
            return type(self)(super().__getitem__(index))
        return super().__getitem__(index)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({tuple.__repr__(self)})"


class Findings(_Values[Finding]):
    """Findings as a tuple that notebooks show as a table, with coloured severities.

    [`assess`][vendorgov.assess] returns one; wrap any other tuple of findings
    to display it. A ``Findings`` is a tuple: it equals the tuple of the same findings.

    >>> import datetime as dt
    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_missions()[0]
    >>> found = vendorgov.Findings(vendorgov.assess(mission, dt.date(2026, 11, 29)))
    >>> found == vendorgov.assess(mission, dt.date(2026, 11, 29)), len(found)
    (True, 9)
    >>> found.rows()[0]["code"], found.rows()[0]["severity"]
    ('MILESTONE_MISSED', 'critical')
    """

    __slots__ = ()
    _item = Finding

    def rows(self, *, mission: str | None = None, exact: bool = True) -> list[dict[str, object]]:
        """One plain dict per finding, for ``pandas.DataFrame(findings.rows())``.

        Keys: ``code``, ``severity`` (its text), ``subject``, ``at`` and ``due``
        (dates, ``None`` when there is no due date) and ``params`` (a dict of the
        parameters' typed values). ``vendorgov.describe(finding, lang)`` gives a
        sentence for a column of its own. A finding does not know its mission:
        pass ``mission`` (its key) to start each row with a ``mission`` column,
        so that the rows of several missions concatenate. ``exact=False`` gives
        the numbers among the parameters as ``float`` values.

        >>> import datetime as dt
        >>> from vendorgov import Finding, Findings, Severity
        >>> Findings([Finding(code="REVIEW_OVERDUE", severity=Severity.WARNING,
        ...                   subject="reviews", at=dt.date(2027, 6, 1))]).rows()[0]["due"] is None
        True
        """
        head: dict[str, object] = {} if mission is None else {"mission": mission}
        return [
            head
            | {
                "code": finding.code,
                "severity": finding.severity.value,
                "subject": finding.subject,
                "at": finding.at,
                "due": finding.due,
                "params": _numbers(parameter_values(finding.params), exact),
            }
            for finding in self
        ]

    def _repr_html_(self) -> str:
        """An HTML table for notebooks (Jupyter calls it)."""
        return hooks.html("findings", self)  # the display edge registers the view


class Payouts(_Values[Payout]):
    """Payout lines as a tuple that notebooks show as a table, with the net total.

    [`payouts`][vendorgov.payouts] returns one; wrap any other tuple of lines
    to display it. A ``Payouts`` is a tuple: it equals the tuple of the same lines.

    >>> import datetime as dt
    >>> import vendorgov
    >>> mission = vendorgov.examples.demo_missions()[0]
    >>> lines = vendorgov.Payouts(vendorgov.payouts(mission, dt.date(2026, 11, 29)))
    >>> [(row["category"], row["amount"]) for row in lines.rows()[:2]]
    [('bonus', Decimal('137.00')), ('service_credit', Decimal('-36.00'))]
    """

    __slots__ = ()
    _item = Payout

    def rows(self, *, mission: str | None = None, exact: bool = True) -> list[dict[str, object]]:
        """One plain dict per line, for ``pandas.DataFrame(payouts.rows())``.

        Keys: ``category`` (its text), ``milestone``, ``due``, ``kpi``,
        ``amount``, ``currency``, ``rate``, ``base`` (the amount the rate
        applied to), ``capped``, ``overall``, ``scored_on``,
        ``credit_milestone``, ``credit_due``, ``rule`` (its code) and ``params``
        (a dict of the rule's parameters' typed values). Amounts are exact
        ``Decimal`` values with their currency in a column of its own, so that
        a data frame can sum them; ``exact=False`` gives ``float`` values
        instead (for charts: a sum of floats may lose a cent). Pass ``mission``
        (its key) to start each row with a ``mission`` column.

        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> from vendorgov import Money, Payout, PayoutCategory, Payouts
        >>> line = Payout(category=PayoutCategory.BONUS, milestone="M+6",
        ...               due=dt.date(2027, 9, 1), amount=Money(Decimal("500.00"), "EUR"),
        ...               rule="bonus_fixed", scored_on=dt.date(2027, 9, 1))
        >>> Payouts([line]).rows()[0]["currency"]
        'EUR'
        """
        rows: list[dict[str, Any]] = []
        number = _exact if exact else _float
        head: dict[str, object] = {} if mission is None else {"mission": mission}
        for line in self:
            rows.append(
                head
                | {
                    "category": line.category.value,
                    "milestone": line.milestone,
                    "due": line.due,
                    "kpi": line.kpi,
                    "amount": number(line.amount.amount),
                    "currency": line.amount.currency,
                    "rate": number(line.rate),
                    "base": None if line.base is None else number(line.base.amount),
                    "capped": line.capped,
                    "overall": number(line.overall),
                    "scored_on": line.scored_on,
                    "credit_milestone": line.credit_milestone,
                    "credit_due": line.credit_due,
                    "rule": line.rule,
                    "params": _numbers(parameter_values(line.params), exact),
                }
            )
        return rows

    def _repr_html_(self) -> str:
        """An HTML table for notebooks (Jupyter calls it)."""
        return hooks.html("payouts", self)  # the display edge registers the view


def _exact(value: Decimal | None) -> Decimal | None:
    return value


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _numbers(values: dict[str, Any], exact: bool) -> dict[str, Any]:
    """Parameters with their numbers as floats, and an amount as its number (``exact=False``)."""
    if exact:
        return values
    return {name: _plain_number(value) for name, value in values.items()}


def _plain_number(value: object) -> object:
    if isinstance(value, Money):
        return float(value.amount)
    if isinstance(value, Decimal):
        return float(value)
    return value
