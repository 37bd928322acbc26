"""What happens to a contract's term: notice given, renewals decided, and the terms that result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs

from vendorgov._model.limits import frame_problem
from vendorgov._model.parties import Side
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["Notice", "RenewalDecision", "Term"]


@attrs.frozen(kw_only=True)
class Notice(Model):
    """Notice given by one party to end the mission (*préavis*, *résiliation*, *non-reconduction*).

    A notice ends the renewals: the mission ends on ``effective_end``, the last day
    of the relationship. Whether that end respects the contract's notice (and the
    length of the relationship, Code de commerce L442-1 II) is for
    [`assess`][vendorgov.assess] to check, not for the value: a notice that is too
    short is a fact to flag, not a file to refuse.

    Attributes:
        given_by: The side that gave it (``client`` or ``provider``).
        given_on: The day it was given (received by the other party).
        effective_end: The last day of the mission under this notice.
        reference: A letter's reference (``LRAR 1A 234 567 8901 2``).

    >>> import datetime as dt
    >>> Notice(given_by=Side.CLIENT, given_on=dt.date(2027, 11, 15),
    ...        effective_end=dt.date(2028, 3, 1)).given_by
    <Side.CLIENT: 'client'>
    """

    given_by: Side
    given_on: dt.date
    effective_end: dt.date
    reference: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.effective_end < self.given_on:
            yield problem(
                "effective_end", f"must not be before given_on ({self.given_on.isoformat()})"
            )
        bad = frame_problem(self.effective_end, "effective_end")
        if bad is not None:
            yield bad


@attrs.frozen(kw_only=True)
class RenewalDecision(Model):
    """The parties' decision on a renewal by express agreement (not tacit).

    Attributes:
        renewal: Which renewal it decides: 1 for the first renewal term, 2 for the second...
        decided_on: When it was decided (signed).
        renewed: Whether the contract is renewed (``False``: it ends with its term).
        reference: A reference (a letter, an e-mail, a signed agreement).

    >>> import datetime as dt
    >>> RenewalDecision(renewal=1, decided_on=dt.date(2027, 1, 20)).renewed
    True
    """

    renewal: int
    decided_on: dt.date
    renewed: bool = True
    reference: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 1 <= self.renewal <= 1000:
            yield problem("renewal", f"must be between 1 and 1000, got {self.renewal}")


@attrs.frozen(kw_only=True)
class Term(Model):
    """One term of a contract: the initial term (``number`` 0) or a renewal term.

    Computed by [`terms`][vendorgov.terms]; never written in a file.

    Attributes:
        number: 0 for the initial term, n for the n-th renewal.
        start: Its first day.
        end: Its last day.
        notice_deadline: The last day to give notice against the renewal that would
            follow it (its end minus the renewal's notice days); ``None`` when no
            renewal can follow (no renewal clause, or the last renewal allowed).
        tacit: Whether the renewal that would follow it is tacit (``None`` when
            none can follow).

    >>> import datetime as dt
    >>> Term(number=1, start=dt.date(2027, 3, 2), end=dt.date(2028, 3, 1),
    ...      notice_deadline=dt.date(2027, 12, 2), tacit=True).number
    1
    """

    number: int
    start: dt.date
    end: dt.date
    notice_deadline: dt.date | None = None
    tacit: bool | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.number < 0:
            yield problem("number", f"must not be negative, got {self.number}")
        if self.end < self.start:
            yield problem("end", f"must not be before start ({self.start.isoformat()})")
