"""The contract and its typed clauses."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from vendorgov._model.cadence import Cadence
from vendorgov._model.calendar_math import term_end as _term_end
from vendorgov._model.exit import ExitPlan
from vendorgov._model.kpi import text_problem
from vendorgov._model.limits import FIRST_FRAME_DAY, frame_problem
from vendorgov._model.money import Money
from vendorgov._model.privacy import DataProcessing
from vendorgov._model.text import LocalizedText
from vendorgov._model.validation import Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail

__all__ = [
    "BillingPeriod",
    "Confidentiality",
    "Contract",
    "CustomClause",
    "Fee",
    "FeeKind",
    "GoverningLaw",
    "IpAssignment",
    "Liability",
    "PaymentTerms",
    "Renewal",
    "Reporting",
    "Termination",
]


class FeeKind(enum.StrEnum):
    """How a fee is charged.

    >>> FeeKind("fixed")
    <FeeKind.FIXED: 'fixed'>
    """

    FIXED = "fixed"
    PER_UNIT = "per_unit"
    TIME_AND_MATERIALS = "time_and_materials"


class BillingPeriod(enum.StrEnum):
    """How often a fixed fee is invoiced.

    >>> BillingPeriod("one_off")
    <BillingPeriod.ONE_OFF: 'one_off'>
    """

    ONE_OFF = "one_off"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    MILESTONE = "milestone"
    """Invoiced at each milestone's due date: the amount is per milestone."""


@attrs.frozen(kw_only=True)
class Fee(Model):
    """A price in the contract: fixed per period, per unit, or time and materials.

    Attributes:
        label: What the fee pays for.
        kind: Fixed, per unit, or time and materials.
        amount: The fixed amount per period, the unit price, or the daily rate.
        period: How often a fixed fee is invoiced (fixed fees only).
        unit: The unit of a per-unit or time-and-materials fee (``commande``, ``jour``).
        estimated_quantity: Expected units per month, to estimate the contract value.
        activity: The key of the activity it belongs to.

    >>> from decimal import Decimal
    >>> Fee(label="Forfait mensuel", kind=FeeKind.FIXED, period=BillingPeriod.MONTHLY,
    ...     amount=Money(Decimal("3500"), "EUR")).period
    <BillingPeriod.MONTHLY: 'monthly'>
    """

    label: str
    kind: FeeKind
    amount: Money
    period: BillingPeriod | None = None
    unit: str = ""
    estimated_quantity: Decimal | None = None
    activity: str | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.label, "label")
        if bad is not None:
            yield bad
        if self.amount.amount < 0:
            yield problem("amount.amount", "must not be negative")
        if self.kind is FeeKind.FIXED:
            if self.period is None:
                yield problem("period", "a fixed fee needs a billing period")
        else:
            if self.period is not None:
                yield problem("period", f"only fixed fees have a billing period ({self.kind})")
            if not self.unit.strip():
                yield problem("unit", f"a {self.kind} fee needs a unit (per order, per day...)")
        if self.estimated_quantity is not None and self.estimated_quantity < 0:
            yield problem("estimated_quantity", "must not be negative")


@attrs.frozen(kw_only=True)
class PaymentTerms(Model):
    """When and how invoices are paid.

    Attributes:
        days: Payment term in days after the invoice date.
        end_of_month: Whether the term runs to the end of the month (``45 jours fin de mois``).
        late_penalty_rate: Yearly rate of late-payment penalties (``0.12`` for 12 %).
        recovery_indemnity: Fixed indemnity for recovery costs (€40 in France).
        invoicing: When invoices are issued.

    >>> from decimal import Decimal
    >>> PaymentTerms(days=30, recovery_indemnity=Money(Decimal("40"), "EUR")).days
    30
    """

    days: int
    end_of_month: bool = False
    late_penalty_rate: Decimal | None = None
    recovery_indemnity: Money | None = None
    invoicing: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 0 <= self.days <= 365:
            yield problem("days", f"must be between 0 and 365, got {self.days}")
        if self.late_penalty_rate is not None and not 0 <= self.late_penalty_rate <= 1:
            yield problem(
                "late_penalty_rate",
                f"is a fraction between 0 and 1 (0.12 for 12 %), got {self.late_penalty_rate}",
            )


@attrs.frozen(kw_only=True)
class Reporting(Model):
    """The provider's reporting duty: how often, in what form, to whom.

    >>> from vendorgov import Frequency, Weekday
    >>> Reporting(cadence=Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO),
    ...           grace_days=1, format="Tableau de bord PDF").grace_days
    1
    """

    cadence: Cadence
    grace_days: int = 0
    format: str = ""
    recipients: tuple[str, ...] = ()
    content: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 0 <= self.grace_days <= 31:
            yield problem("grace_days", f"must be between 0 and 31, got {self.grace_days}")


@attrs.frozen(kw_only=True)
class Confidentiality(Model):
    """Confidentiality duty, lasting some years after the contract ends.

    >>> Confidentiality(years_after_end=5).years_after_end
    5
    """

    years_after_end: int
    scope: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 0 <= self.years_after_end <= 99:
            yield problem(
                "years_after_end", f"must be between 0 and 99, got {self.years_after_end}"
            )


@attrs.frozen(kw_only=True)
class IpAssignment(Model):
    """Assignment of intellectual property rights on the deliverables.

    French law (CPI L131-3) wants each assigned right mentioned separately, and the
    field of exploitation of the rights delimited as to its extent and purpose, place
    and duration; an empty field is allowed here and flagged by the engine's findings
    for contracts under French law (``IP_ASSIGNMENT_INCOMPLETE``).

    Attributes:
        rights: Each right assigned (reproduction, representation, adaptation...).
        purpose: The purpose (*destination*) of the exploitation.
        territory: Where the rights may be exploited.
        duration: For how long.
        exclusive: Whether the assignment is exclusive.
        included_in_price: Whether the price of the assignment is in the fees.
        extent: The extent (*étendue*): the media, forms and quantities of exploitation.

    >>> IpAssignment(rights=("reproduction", "représentation"), purpose="site marchand",
    ...              territory="monde entier", duration="durée légale des droits").exclusive
    True
    """

    rights: tuple[str, ...] = ()
    purpose: str = ""
    territory: str = ""
    duration: str = ""
    exclusive: bool = True
    included_in_price: bool = True
    extent: str = ""


@attrs.frozen(kw_only=True)
class Liability(Model):
    """Limitation of liability.

    >>> from decimal import Decimal
    >>> Liability(cap_fees_multiple=Decimal("1")).cap is None
    True
    """

    cap: Money | None = None
    cap_fees_multiple: Decimal | None = None
    exclusions: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if self.cap is not None and self.cap.amount < 0:
            yield problem("cap.amount", "must not be negative")
        if self.cap_fees_multiple is not None and self.cap_fees_multiple <= 0:
            yield problem("cap_fees_multiple", "must be greater than 0")


@attrs.frozen(kw_only=True)
class Termination(Model):
    """How either party may end the contract.

    >>> Termination(notice_days=90, cure_days=30).for_convenience
    False
    """

    notice_days: int
    cure_days: int | None = None
    for_convenience: bool = False
    text: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 0 <= self.notice_days <= 3650:
            yield problem("notice_days", f"must be between 0 and 3650, got {self.notice_days}")
        if self.cure_days is not None and not 0 <= self.cure_days <= 365:
            yield problem("cure_days", f"must be between 0 and 365, got {self.cure_days}")


@attrs.frozen(kw_only=True)
class Renewal(Model):
    """Renewal at the end of each term.

    The contract runs for its initial term, then for renewal terms of
    ``period_months`` each, as long as a term is in force: a tacit renewal
    happens unless a party gives notice by the term's notice deadline (its end
    minus ``notice_days``); a renewal that is not tacit (*express*) happens only
    when the parties decide it (`RenewalDecision`). ``max_renewals`` caps the
    number of renewal terms (``None``: no cap).

    Attributes:
        tacit: Renewed unless a party gives notice (*tacite reconduction*);
            false for a renewal by express agreement.
        period_months: Length of each renewal term.
        notice_days: Notice to give before a term's end to stop the next renewal.
        max_renewals: The most renewal terms the contract allows (``None``: no limit).

    >>> Renewal(tacit=True, period_months=12, notice_days=90).tacit
    True
    """

    tacit: bool
    period_months: int = 12
    notice_days: int = 90
    max_renewals: int | None = None

    def _problems(self) -> Iterator[ErrorDetail]:
        if not 1 <= self.period_months <= 120:
            yield problem("period_months", f"must be between 1 and 120, got {self.period_months}")
        if not 0 <= self.notice_days <= 3650:
            yield problem("notice_days", f"must be between 0 and 3650, got {self.notice_days}")
        if self.max_renewals is not None and not 0 <= self.max_renewals <= 1000:
            yield problem("max_renewals", f"must be between 0 and 1000, got {self.max_renewals}")


@attrs.frozen(kw_only=True)
class GoverningLaw(Model):
    """The law that governs the contract and the courts that hear disputes.

    >>> GoverningLaw(country="FR", courts="Tribunal de commerce de Lyon").country
    'FR'
    """

    country: str = "FR"
    courts: str = ""

    def _problems(self) -> Iterator[ErrorDetail]:
        if not re.fullmatch(r"[A-Z]{2}", self.country):
            yield problem(
                "country",
                f"expected an ISO 3166 alpha-2 code like 'FR', got {excerpt(self.country)}",
            )


@attrs.frozen(kw_only=True)
class CustomClause(Model):
    """A free-form clause, rendered as its own article.

    >>> CustomClause(title="Réversibilité", text="En fin de contrat...").title
    'Réversibilité'
    """

    title: str | LocalizedText
    text: str | LocalizedText

    def _problems(self) -> Iterator[ErrorDetail]:
        for name in ("title", "text"):
            bad = text_problem(getattr(self, name), name)
            if bad is not None:
                yield bad


@attrs.frozen(kw_only=True)
class Contract(Model):
    """The service contract (*contrat de prestation de services*).

    The term is either an ``end`` date or a ``duration_months``, not both. The
    specification is its annex and lives on the mission. ``insurance_required``
    says the provider must hold a professional liability insurance certificate
    for as long as the mission runs (the compliance register checks it).

    ``contest_days`` is the provider's contest window: how many days after a
    review shared a scorecard (``Review.shared_on``) the provider may contest one
    of its results (``None``: no contest clause, no contest accepted).
    ``contest_answer_days`` is how many days after a contest is raised the client
    has to answer it (15 by default).

    >>> import datetime as dt
    >>> Contract(reference="CTR-2027-01", effective=dt.date(2027, 3, 1),
    ...          duration_months=12).term_end
    datetime.date(2028, 2, 29)
    """

    reference: str
    effective: dt.date
    title: str = ""
    signed_on: dt.date | None = None
    end: dt.date | None = None
    duration_months: int | None = None
    renewal: Renewal | None = None
    fees: tuple[Fee, ...] = ()
    payment: PaymentTerms | None = None
    work_methods: str = ""
    objectives: str = ""
    planning: str = ""
    reporting: Reporting | None = None
    confidentiality: Confidentiality | None = None
    ip: IpAssignment | None = None
    liability: Liability | None = None
    termination: Termination | None = None
    governing_law: GoverningLaw = GoverningLaw()
    custom_clauses: tuple[CustomClause, ...] = ()
    contest_days: int | None = None
    contest_answer_days: int = 15
    data_processing: DataProcessing | None = None
    exit_plan: ExitPlan | None = None
    insurance_required: bool = False

    def _problems(self) -> Iterator[ErrorDetail]:
        bad = text_problem(self.reference, "reference")
        if bad is not None:
            yield bad
        if self.contest_days is not None and not 1 <= self.contest_days <= 366:
            yield problem("contest_days", f"must be between 1 and 366, got {self.contest_days}")
        if not 1 <= self.contest_answer_days <= 366:
            yield problem(
                "contest_answer_days",
                f"must be between 1 and 366, got {self.contest_answer_days}",
            )
        if (self.end is None) == (self.duration_months is None):
            yield problem(
                "end", "give the term as either an end date or duration_months (one of them)"
            )
        if self.end is not None and self.end <= self.effective:
            yield problem("end", f"must be after the effective date ({self.effective.isoformat()})")
        if self.duration_months is not None and not 1 <= self.duration_months <= 1200:
            yield problem(
                "duration_months", f"must be between 1 and 1200, got {self.duration_months}"
            )
        currencies = {fee.amount.currency for fee in self.fees}
        if len(currencies) > 1:
            yield problem("fees", f"all fees must be in one currency, got {sorted(currencies)}")
        yield from self._term_problems()

    def _term_problems(self) -> Iterator[ErrorDetail]:
        """The term must lie in the range of dates a mission can reach (``limits``)."""
        bad = frame_problem(self.effective, "effective")
        if bad is not None:
            yield bad
            return
        if (self.end is None) == (self.duration_months is None):
            return
        if self.end is not None:
            if self.end <= self.effective:
                return
            bad = frame_problem(self.end, "end")
        elif self.duration_months is None or not 1 <= self.duration_months <= 1200:
            return
        else:
            try:
                bad = frame_problem(self.term_end, "duration_months", "the term end")
            except (ValueError, OverflowError):  # past the year 9999
                bad = problem(
                    "duration_months",
                    f"{self.duration_months} months from {self.effective.isoformat()} end "
                    "after the year 9999",
                )
        if bad is not None:
            yield bad
            return
        if self.renewal is not None:
            last = self.term_end.toordinal() - self.renewal.notice_days
            if last < FIRST_FRAME_DAY.toordinal():
                yield problem(
                    "renewal.notice_days",
                    f"{self.renewal.notice_days} days before the term end "
                    f"({self.term_end.isoformat()}) is before {FIRST_FRAME_DAY.isoformat()}, "
                    "the first date a mission can reach",
                )

    @property
    def term_end(self) -> dt.date:
        """The last day of the initial term (the end date, or effective + duration).

        A term of n months ends the day before the same day n months later: a
        contract effective on 1 March 2027 for 12 months ends on 29 February
        2028. When that month is too short for the day (a start on 29–31
        January, one month), the term ends on the month's last day instead:
        28 February, not the 27th.
        """
        if self.end is not None:
            return self.end
        assert self.duration_months is not None
        return _term_end(self.effective, self.duration_months)
