"""Money spent, value gained, reports and compliance documents received."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator

import attrs

from vendorgov._model.kpi import key_problem
from vendorgov._model.money import Money
from vendorgov._model.validation import Model, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["ComplianceDocument", "ComplianceKind", "Report", "SpendEntry", "ValueEntry"]


@attrs.frozen(kw_only=True)
class SpendEntry(Model):
    """Money spent on an activity (an invoice, a purchase).

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> SpendEntry(on=dt.date(2027, 3, 31), activity="fulfilment",
    ...            amount=Money(Decimal("3500"), "EUR"), reference="F-2027-031").activity
    'fulfilment'
    """

    on: dt.date
    activity: str
    amount: Money
    description: str = ""
    reference: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = key_problem(self.activity, "activity")
        if bad is not None:
            yield bad


@attrs.frozen(kw_only=True)
class ValueEntry(Model):
    """Value the mission brought (extra margin, savings), for return on investment.

    >>> import datetime as dt
    >>> from decimal import Decimal
    >>> ValueEntry(on=dt.date(2027, 6, 30), amount=Money(Decimal("5000"), "EUR"),
    ...            description="Marge sur ventes supplémentaires").activity is None
    True
    """

    on: dt.date
    amount: Money
    description: str
    activity: str | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.activity is not None:
            bad = key_problem(self.activity, "activity")
            if bad is not None:
                yield bad


@attrs.frozen(kw_only=True)
class Report(Model):
    """A periodic report received from the provider.

    Attributes:
        period_end: The last day of the period it covers.
        received_on: When it arrived.
        title: Its name.

    >>> import datetime as dt
    >>> Report(period_end=dt.date(2027, 3, 31), received_on=dt.date(2027, 4, 2)).title
    ''
    """

    period_end: dt.date
    received_on: dt.date
    title: str = ""


class ComplianceKind(enum.StrEnum):
    """Documents the provider must supply.

    >>> ComplianceKind("vigilance_certificate")
    <ComplianceKind.VIGILANCE_CERTIFICATE: 'vigilance_certificate'>
    """

    VIGILANCE_CERTIFICATE = "vigilance_certificate"
    INSURANCE = "insurance"
    REGISTRATION_EXTRACT = "registration_extract"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class ComplianceDocument(Model):
    """A compliance document received from the provider (URSSAF vigilance
    certificate, insurance certificate, Kbis extract...).

    ``issued_on`` is the date the document was issued (a Kbis extract must be
    under 3 months old at signing); when left out, ``received_on`` stands for it.

    >>> import datetime as dt
    >>> ComplianceDocument(kind=ComplianceKind.VIGILANCE_CERTIFICATE,
    ...                    received_on=dt.date(2027, 2, 20)).valid_until is None
    True
    """

    kind: ComplianceKind
    received_on: dt.date
    valid_until: dt.date | None = None
    reference: str = ""
    issued_on: dt.date | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.valid_until is not None and self.valid_until < self.received_on:
            yield problem("valid_until", "must not be before received_on")
        if self.issued_on is not None and self.issued_on > self.received_on:
            yield problem("issued_on", "must not be after received_on")

    @property
    def issued(self) -> dt.date:
        """The day it was issued: ``issued_on``, else ``received_on``."""
        return self.issued_on if self.issued_on is not None else self.received_on
