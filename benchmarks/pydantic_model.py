"""The vendorgov mission model written for pydantic v2 — the benchmark's yardstick.

A faithful port, not a strawman: every type a mission file can hold is declared
with the same field names, types and defaults (so ``extra="forbid"`` refuses the
same keys), and every invariant vendorgov checks on the parts the generated
portfolio holds is checked here too:

- exact numbers: ``Decimal`` only (``strict``: a Python float is refused; in
  JSON a number is read exactly, as vendorgov does), finite, below 10^15, at
  most 34 digits;
- strings, integers, booleans and enumerations strict (no coercion);
- dates as ``YYYY-MM-DD``; measurement moments a date or an *aware* datetime;
- keys are slugs, required texts are not blank, e-mail addresses look like one,
  currency codes are active ISO 4217 codes, countries ISO 3166 alpha-2;
- party registration ids (9 or 14 digits), fee rules (fixed ⇒ period; per unit
  or time and materials ⇒ unit, no period; nothing negative), payment terms,
  reporting and cadence rules, contract term (end date xor duration; end after
  effective; fees in one currency), corrective actions (closed ⇔ closing date),
  targets (threshold differs from target), milestones (one target per KPI);
- the mission: end after start, known IANA timezone, exactly one primary
  contact per side, unique activity and KPI keys, unique milestone names,
  every milestone *resolved* from its horizon (``M+1``, ``M+6``, ``EOY``... with
  anchored month arithmetic and end-of-month clamping) after the start and in
  order, every target, measurement, corrective action and recognition naming a
  KPI of the mission, every threshold on the worse side of its target, bands
  valid, unique action / need / idea ids across reviews, every spend entry,
  value entry, fee and deliverable naming an activity of the mission, and
  every amount anywhere in the mission in the mission's currency.

Types the generated portfolio does not hold (kickoff, tools, specification,
incentive schemes...) are declared field by field with their field-level
constraints, so that the schema is the same; their cross-field invariants are
left out because no benchmark input reaches them.

Like vendorgov, problems carry their path (``milestones[1].targets[0].threshold``):
pydantic gives the location of field errors, and the invariants checked in
``model_validator`` name the path in their message.

Month arithmetic uses the standard library (what a pydantic user would write);
vendorgov uses pendulum for it — see docs/performance.md for what that costs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
import zoneinfo
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, PlainValidator, StringConstraints
from pydantic import model_validator as _model_validator

__all__ = ["Mission", "MissionDocument", "add_months"]

# -- constrained scalar types -------------------------------------------------------
_MAX = Decimal("1e15")
_DIGITS = {"max_digits": 34}  # vendorgov: at most 34 digits
Exact = Annotated[Decimal, Field(allow_inf_nan=False, gt=-_MAX, lt=_MAX, **_DIGITS)]
Positive = Annotated[Decimal, Field(allow_inf_nan=False, gt=0, lt=_MAX, **_DIGITS)]
Fraction = Annotated[Decimal, Field(allow_inf_nan=False, ge=0, le=1, **_DIGITS)]
Score = Annotated[Decimal, Field(allow_inf_nan=False, ge=0, le=100, **_DIGITS)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Text = Annotated[str, StringConstraints(pattern=r"\S")]  # not blank
Email = Annotated[str, StringConstraints(pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]

# Active ISO 4217 codes (the same list as vendorgov's CURRENCY_MINOR_UNITS).
_CODES = re.findall(
    r"[A-Z]{3}",
    """
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD
CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP
GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR
KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN
MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD
SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX
USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG
""",
)
Currency = Literal[tuple(_CODES)]  # type: ignore[valid-type]


class Frozen(BaseModel):
    """Base of every type: immutable, strict, unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def model_validator(function: Any) -> Any:
    """``@model_validator(mode="after")`` raising one error listing every problem."""

    def check(self: Any) -> Any:
        problems = list(function(self))
        if problems:
            raise ValueError("; ".join(f"{path}: {message}" for path, message in problems))
        return self

    check.__name__ = function.__name__
    return _model_validator(mode="after")(check)


# -- enumerations ----------------------------------------------------------------
class Side(enum.StrEnum):
    CLIENT = "client"
    PROVIDER = "provider"


class ContactRole(enum.StrEnum):
    PRIMARY = "primary"
    ESCALATION = "escalation"
    OTHER = "other"


class Direction(enum.StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Aggregation(enum.StrEnum):
    MEAN = "mean"
    SUM = "sum"
    LAST = "last"
    MIN = "min"
    MAX = "max"
    MEDIAN = "median"


class ActivityKind(enum.StrEnum):
    LOGISTICS = "logistics"
    COMMUNITY = "community"
    WEBSITE = "website"
    CUSTOMER_SERVICE = "customer_service"
    CONTENT = "content"
    OTHER = "other"


class FeeKind(enum.StrEnum):
    FIXED = "fixed"
    PER_UNIT = "per_unit"
    TIME_AND_MATERIALS = "time_and_materials"


class BillingPeriod(enum.StrEnum):
    ONE_OFF = "one_off"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class Frequency(enum.StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class Weekday(enum.StrEnum):
    MO = "MO"
    TU = "TU"
    WE = "WE"
    TH = "TH"
    FR = "FR"
    SA = "SA"
    SU = "SU"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class NeedStatus(enum.StrEnum):
    OPEN = "open"
    ANSWERED = "answered"


class IdeaStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"


class RecognitionKind(enum.StrEnum):
    THANKS = "thanks"
    PUBLIC_MENTION = "public_mention"
    AWARD = "award"
    TESTIMONIAL = "testimonial"
    OTHER = "other"


class ReviewKind(enum.StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    MILESTONE = "milestone"
    QUARTERLY = "quarterly"


class Status(enum.StrEnum):
    MET = "met"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_DATA = "no_data"


class ResourceKind(enum.StrEnum):
    DOCUMENT = "document"
    DATA = "data"
    ACCESS = "access"
    EQUIPMENT = "equipment"
    OTHER = "other"


class ToolCategory(enum.StrEnum):
    MESSAGING = "messaging"
    VIDEO = "video"
    PROJECT_MANAGEMENT = "project_management"
    STORAGE = "storage"
    CALENDAR = "calendar"
    BRAINSTORMING = "brainstorming"
    OTHER = "other"


class IntegrationKind(enum.StrEnum):
    EMAIL_ADDRESS = "email_address"
    SEMINAR_INVITATION = "seminar_invitation"
    SITE_VISIT = "site_visit"
    OTHER = "other"


class ComplianceKind(enum.StrEnum):
    VIGILANCE_CERTIFICATE = "vigilance_certificate"
    INSURANCE = "insurance"
    REGISTRATION_EXTRACT = "registration_extract"
    OTHER = "other"


# -- horizons: parsed from text, resolved with anchored month arithmetic ------------
_RELATIVE = re.compile(r"^(M|W|D)\+([0-9]{1,5})$")
_FISCAL = re.compile(r"^EOY@([0-9]{2})$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_LIMITS = {"M": 1200, "W": 5200, "D": 36600}


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` + ``months`` months, anchored on ``start``, clamped to the month's end."""
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    month += 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


class Horizon:
    """``M+6``, ``W+2``, ``D+10``, ``EOM``, ``EOQ``, ``EOY``, ``EOY@06`` or an ISO date."""

    __slots__ = ("count", "fiscal_year_end", "kind", "on")

    def __init__(
        self,
        kind: str,
        count: int = 0,
        fiscal_year_end: int | None = None,
        on: dt.date | None = None,
    ) -> None:
        self.kind, self.count, self.fiscal_year_end, self.on = kind, count, fiscal_year_end, on

    @classmethod
    def parse(cls, value: object) -> Horizon:
        if not isinstance(value, str):
            raise ValueError(f"expected a horizon like 'M+6', got {value!r}")
        text = value.strip()
        match = _RELATIVE.match(text)
        if match:
            kind, count = match.group(1), int(match.group(2))
            if not 1 <= count <= _LIMITS[kind]:
                raise ValueError(f"count must be between 1 and {_LIMITS[kind]}, got {count}")
            return cls(kind, count)
        if text in ("EOM", "EOQ", "EOY"):
            return cls(text)
        match = _FISCAL.match(text)
        if match:
            month = int(match.group(1))
            if not 1 <= month <= 12:
                raise ValueError(f"fiscal_year_end must be a month 1-12, got {month}")
            return cls("EOY", fiscal_year_end=month)
        if _ISO_DATE.match(text):
            return cls("date", on=dt.date.fromisoformat(text))
        raise ValueError(
            f"invalid horizon {value!r}: expected M+n, W+n, D+n, EOM, EOQ, EOY, "
            "EOY@MM or an ISO date (YYYY-MM-DD)"
        )

    def resolve(self, start: dt.date) -> dt.date:
        kind = self.kind
        if kind == "M":
            return add_months(start, self.count)
        if kind == "W":
            return start + dt.timedelta(weeks=self.count)
        if kind == "D":
            return start + dt.timedelta(days=self.count)
        if kind == "EOM":
            return _end_of_month(start.year, start.month)
        if kind == "EOQ":
            return _end_of_month(start.year, (start.month - 1) // 3 * 3 + 3)
        if kind == "EOY":
            month = self.fiscal_year_end or 12
            return _end_of_month(start.year if start.month <= month else start.year + 1, month)
        assert self.on is not None
        return self.on

    def __str__(self) -> str:
        if self.kind in _LIMITS:
            return f"{self.kind}+{self.count}"
        if self.on is not None:
            return self.on.isoformat()
        if self.fiscal_year_end is not None:
            return f"EOY@{self.fiscal_year_end:02d}"
        return self.kind

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Horizon) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


HorizonField = Annotated[Horizon, PlainValidator(Horizon.parse)]


# -- money, parties --------------------------------------------------------------------
class Money(Frozen):
    amount: Exact
    currency: Currency


def _not_negative(money: Money | None, path: str) -> list[tuple[str, str]]:
    if money is not None and money.amount < 0:
        return [(f"{path}.amount", "must not be negative")]
    return []


class Address(Frozen):
    street: str
    postal_code: str
    city: str
    country: Country = "FR"


class Party(Frozen):
    name: Text
    legal_form: str = ""
    registration_id: str = ""
    registry: str = ""
    vat_number: str = ""
    address: Address | None = None
    representative: str = ""
    representative_title: str = ""
    email_domain: str = ""

    @model_validator
    def invariants(self) -> Any:
        digits = self.registration_id.replace(" ", "")
        if digits.isdigit() and len(digits) not in (9, 14):
            yield ("registration_id", f"a SIREN has 9 digits and a SIRET 14, got {len(digits)}")


class Contact(Frozen):
    name: Text
    side: Side
    role: ContactRole = ContactRole.OTHER
    title: str = ""
    email: Email = ""
    phone: str = ""


class Handover(Frozen):
    on: dt.date
    side: Side
    previous: Text
    successor: Text
    note: str = ""


# -- specification and contract ---------------------------------------------------------
class Activity(Frozen):
    key: Key
    kind: ActivityKind
    name: Text
    description: str = ""
    expected_results: tuple[str, ...] = ()
    budget: Money | None = None

    @model_validator
    def invariants(self) -> Any:
        yield from _not_negative(self.budget, "budget")


class Deliverable(Frozen):
    key: Key
    name: Text
    description: str = ""
    due: HorizonField | None = None
    activity: str | None = None
    acceptance_criteria: tuple[str, ...] = ()


class ScheduleItem(Frozen):
    name: Text
    due: HorizonField
    description: str = ""


class Specification(Frozen):
    title: Text
    context: str = ""
    objectives: tuple[str, ...] = ()
    scope_in: tuple[str, ...] = ()
    scope_out: tuple[str, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    constraints: tuple[str, ...] = ()
    schedule: tuple[ScheduleItem, ...] = ()
    evaluation_criteria: tuple[str, ...] = ()


class Cadence(Frozen):
    frequency: Frequency
    interval: Annotated[int, Field(ge=1, le=52)] = 1
    weekday: Weekday | None = None
    day: int | None = None
    nth: int | None = None
    time: dt.time | None = None
    duration_minutes: Annotated[int, Field(ge=1, le=1440)] = 60

    @model_validator
    def invariants(self) -> Any:
        if self.frequency is Frequency.WEEKLY:
            if self.weekday is None:
                yield ("weekday", "a weekly cadence needs a weekday")
            if self.day is not None:
                yield ("day", "a weekly cadence has no day of the month")
            if self.nth is not None:
                yield ("nth", "a weekly cadence has no nth weekday")
            return
        if self.day is not None:
            if not 1 <= self.day <= 31:
                yield ("day", f"must be between 1 and 31, got {self.day}")
            if self.nth is not None or self.weekday is not None:
                yield ("day", "give either a day of the month or an nth weekday, not both")
        elif self.nth is None or self.weekday is None:
            yield ("day", f"a {self.frequency} cadence needs a day, or nth and weekday")
        if self.nth is not None and self.nth not in (1, 2, 3, 4, -1):
            yield ("nth", f"must be 1, 2, 3, 4 or -1 (the last), got {self.nth}")


class Fee(Frozen):
    label: Text
    kind: FeeKind
    amount: Money
    period: BillingPeriod | None = None
    unit: str = ""
    estimated_quantity: Exact | None = None
    activity: str | None = None

    @model_validator
    def invariants(self) -> Any:
        yield from _not_negative(self.amount, "amount")
        if self.kind is FeeKind.FIXED:
            if self.period is None:
                yield ("period", "a fixed fee needs a billing period")
        else:
            if self.period is not None:
                yield ("period", f"only fixed fees have a billing period ({self.kind})")
            if not self.unit.strip():
                yield ("unit", f"a {self.kind} fee needs a unit (per order, per day...)")
        if self.estimated_quantity is not None and self.estimated_quantity < 0:
            yield ("estimated_quantity", "must not be negative")


class PaymentTerms(Frozen):
    days: Annotated[int, Field(ge=0, le=365)]
    end_of_month: bool = False
    late_penalty_rate: Fraction | None = None
    recovery_indemnity: Money | None = None
    invoicing: str = ""


class Reporting(Frozen):
    cadence: Cadence
    grace_days: Annotated[int, Field(ge=0, le=31)] = 0
    format: str = ""
    recipients: tuple[str, ...] = ()
    content: str = ""


class Renewal(Frozen):
    tacit: bool
    period_months: Annotated[int, Field(ge=1, le=120)] = 12
    notice_days: Annotated[int, Field(ge=0, le=3650)] = 90


class Confidentiality(Frozen):
    years_after_end: Annotated[int, Field(ge=0, le=99)]
    scope: str = ""


class IpAssignment(Frozen):
    rights: tuple[str, ...] = ()
    purpose: str = ""
    territory: str = ""
    duration: str = ""
    exclusive: bool = True
    included_in_price: bool = True


class Liability(Frozen):
    cap: Money | None = None
    cap_fees_multiple: Positive | None = None
    exclusions: str = ""


class Termination(Frozen):
    notice_days: Annotated[int, Field(ge=0, le=3650)]
    cure_days: Annotated[int, Field(ge=0, le=365)] | None = None
    for_convenience: bool = False
    text: str = ""


class GoverningLaw(Frozen):
    country: Country = "FR"
    courts: str = ""


class CustomClause(Frozen):
    title: Text
    text: Text


class Contract(Frozen):
    reference: Text
    effective: dt.date
    title: str = ""
    signed_on: dt.date | None = None
    end: dt.date | None = None
    duration_months: Annotated[int, Field(ge=1, le=1200)] | None = None
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

    @model_validator
    def invariants(self) -> Any:
        if (self.end is None) == (self.duration_months is None):
            yield ("end", "give the term as either an end date or duration_months")
        if self.end is not None and self.end <= self.effective:
            yield ("end", f"must be after the effective date ({self.effective.isoformat()})")
        currencies = {fee.amount.currency for fee in self.fees}
        if len(currencies) > 1:
            yield ("fees", f"all fees must be in one currency, got {sorted(currencies)}")


# -- kickoff, tools, integration -------------------------------------------------------
class AgendaItem(Frozen):
    title: Text
    minutes: Annotated[int, Field(ge=1, le=600)] = 15
    owner: str = ""


class Resource(Frozen):
    name: Text
    kind: ResourceKind = ResourceKind.DOCUMENT
    description: str = ""
    due: dt.date | None = None
    handed_over_on: dt.date | None = None


class Training(Frozen):
    topic: Text
    planned_on: dt.date
    held_on: dt.date | None = None
    audience: str = ""
    trainer: str = ""


class Kickoff(Frozen):
    scheduled: AwareDatetime | None = None
    held_on: dt.date | None = None
    location: str = ""
    agenda: tuple[AgendaItem, ...] = ()
    resources: tuple[Resource, ...] = ()
    trainings: tuple[Training, ...] = ()


class Tool(Frozen):
    name: Text
    category: ToolCategory
    url: str = ""
    access_granted_on: dt.date | None = None
    access_revoked_on: dt.date | None = None
    notes: str = ""


class IntegrationStep(Frozen):
    kind: IntegrationKind
    description: Text
    planned_on: dt.date
    done_on: dt.date | None = None


# -- KPIs, milestones, measurements ---------------------------------------------------------
class Kpi(Frozen):
    key: Key
    name: Text
    unit: str
    direction: Direction
    aggregation: Aggregation = Aggregation.MEAN
    weight: Positive = Decimal(1)
    description: str = ""


class Target(Frozen):
    kpi: Key
    target: Exact
    threshold: Exact

    @model_validator
    def invariants(self) -> Any:
        if self.target == self.threshold:
            yield ("threshold", f"must differ from the target ({self.target})")


class Milestone(Frozen):
    name: Text
    horizon: HorizonField
    targets: tuple[Target, ...] = ()
    description: str = ""

    @model_validator
    def invariants(self) -> Any:
        seen: dict[str, int] = {}
        for index, target in enumerate(self.targets):
            if target.kpi in seen:
                yield (f"targets[{index}].kpi", f"KPI {target.kpi!r} already has a target")
            seen.setdefault(target.kpi, index)


class Measurement(Frozen):
    kpi: Key
    value: Exact
    at: dt.date | AwareDatetime
    source: str | None = None
    note: str | None = None


class Band(Frozen):
    name: Text
    minimum: Score


DEFAULT_BANDS = (
    Band(name="excellent", minimum=Decimal(90)),
    Band(name="good", minimum=Decimal(75)),
    Band(name="fair", minimum=Decimal(50)),
    Band(name="poor", minimum=Decimal(0)),
)


# -- reviews ------------------------------------------------------------------------------
class KpiResult(Frozen):
    kpi: Key
    target: Exact
    threshold: Exact
    status: Status
    weight: Positive
    count: Annotated[int, Field(ge=0)]
    actual: Exact | None = None
    points: Score | None = None
    direction: Direction = Direction.HIGHER
    expected: Exact | None = None
    on_track: bool | None = None
    previous: Exact | None = None


class Scorecard(Frozen):
    mission: Key
    at: dt.date
    milestone: str
    due: dt.date
    window_start: dt.date
    window_end: dt.date
    results: tuple[KpiResult, ...]
    coverage: Fraction
    overall: Score | None = None
    standing: str | None = None


class CorrectiveAction(Frozen):
    id: Key
    description: Text
    owner: Text
    due: dt.date
    status: ActionStatus = ActionStatus.OPEN
    closed_on: dt.date | None = None
    kpi: str | None = None
    root_cause: str = ""

    @model_validator
    def invariants(self) -> Any:
        if self.status is ActionStatus.OPEN and self.closed_on is not None:
            yield ("closed_on", "an open action has no closing date")
        if self.status is not ActionStatus.OPEN and self.closed_on is None:
            yield ("closed_on", f"a {self.status} action needs the date it closed")


class ProviderNeed(Frozen):
    id: Key
    description: Text
    status: NeedStatus = NeedStatus.OPEN
    answered_on: dt.date | None = None
    answer: str = ""


class Idea(Frozen):
    id: Key
    description: Text
    proposed_by: Side = Side.PROVIDER
    status: IdeaStatus = IdeaStatus.PROPOSED
    decided_on: dt.date | None = None


class Recognition(Frozen):
    on: dt.date
    kind: RecognitionKind
    description: Text
    by: str = ""
    kpi: str | None = None


class Review(Frozen):
    on: dt.date
    kind: ReviewKind
    attendees: tuple[str, ...] = ()
    summary: str = ""
    scorecard: Scorecard | None = None
    obstacles: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()
    corrective_actions: tuple[CorrectiveAction, ...] = ()
    needs: tuple[ProviderNeed, ...] = ()
    ideas: tuple[Idea, ...] = ()
    recognitions: tuple[Recognition, ...] = ()


# -- ledger and incentives -------------------------------------------------------------------
class Report(Frozen):
    period_end: dt.date
    received_on: dt.date
    title: str = ""


class SpendEntry(Frozen):
    on: dt.date
    activity: Key
    amount: Money
    description: str = ""
    reference: str = ""


class ValueEntry(Frozen):
    on: dt.date
    amount: Money
    description: str
    activity: Key | None = None


class ComplianceDocument(Frozen):
    kind: ComplianceKind
    received_on: dt.date
    valid_until: dt.date | None = None
    reference: str = ""


class BonusTier(Frozen):
    min_score: Score
    rate: Fraction | None = None
    amount: Money | None = None


class BonusScheme(Frozen):
    tiers: tuple[BonusTier, ...]
    base: Money | None = None
    cap: Money | None = None
    description: str = ""


class KpiCreditRate(Frozen):
    kpi: Key
    rate: Fraction


class ServiceCreditScheme(Frozen):
    rate: Fraction
    at_risk: Money
    kpi_rates: tuple[KpiCreditRate, ...] = ()
    earn_back: bool = False


class Benefit(Frozen):
    description: Text
    value: Money | None = None
    granted_on: dt.date | None = None
    condition: str = ""


# -- the mission -------------------------------------------------------------------------------
def _unknown(path: str, value: str, known: Any) -> tuple[str, str]:
    listed = ", ".join(sorted(known)) or "none"
    return (path, f"unknown {path.rsplit('.', 1)[-1]} {value!r} (known: {listed})")


class Mission(Frozen):
    key: Key
    name: Text
    client: Party
    provider: Party
    start: dt.date
    end: dt.date
    contacts: tuple[Contact, ...]
    currency: Currency = "EUR"
    timezone: str = "Europe/Paris"
    description: str = ""
    activities: tuple[Activity, ...] = ()
    specification: Specification | None = None
    contract: Contract | None = None
    handovers: tuple[Handover, ...] = ()
    tools: tuple[Tool, ...] = ()
    kickoff: Kickoff | None = None
    integration: tuple[IntegrationStep, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    bands: tuple[Band, ...] = DEFAULT_BANDS
    review_cadence: Cadence | None = None
    reviews: tuple[Review, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    reports: tuple[Report, ...] = ()
    spend: tuple[SpendEntry, ...] = ()
    value_entries: tuple[ValueEntry, ...] = ()
    bonus: BonusScheme | None = None
    service_credits: ServiceCreditScheme | None = None
    benefits: tuple[Benefit, ...] = ()
    recognitions: tuple[Recognition, ...] = ()
    compliance_documents: tuple[ComplianceDocument, ...] = ()

    @model_validator
    def invariants(self) -> Any:
        if self.end <= self.start:
            yield ("end", f"must be after start ({self.start.isoformat()})")
        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            yield ("timezone", f"unknown IANA timezone {self.timezone!r}")
        for side in Side:
            primaries = [
                i
                for i, contact in enumerate(self.contacts)
                if contact.side is side and contact.role is ContactRole.PRIMARY
            ]
            if not primaries:
                yield ("contacts", f"needs exactly one primary contact on the {side} side")
            for i in primaries[1:]:
                yield (f"contacts[{i}].role", f"the {side} side already has a primary contact")
        activities: dict[str, int] = {}
        for i, activity in enumerate(self.activities):
            if activity.key in activities:
                yield (f"activities[{i}].key", f"duplicate key {activity.key!r}")
            activities.setdefault(activity.key, i)
        kpis: dict[str, Kpi] = {}
        for i, kpi in enumerate(self.kpis):
            if kpi.key in kpis:
                yield (f"kpis[{i}].key", f"duplicate key {kpi.key!r}")
            kpis.setdefault(kpi.key, kpi)
        names: set[str] = set()
        previous: dt.date | None = None
        for m, milestone in enumerate(self.milestones):
            path = f"milestones[{m}]"
            if milestone.name in names:
                yield (f"{path}.name", f"duplicate milestone name {milestone.name!r}")
            names.add(milestone.name)
            due = milestone.horizon.resolve(self.start)
            if due <= self.start:
                yield (f"{path}.horizon", f"{milestone.horizon} falls on {due}, not after start")
            elif previous is not None and due <= previous:
                yield (f"{path}.horizon", f"{milestone.horizon} falls on {due}, out of order")
            previous = due if previous is None else max(previous, due)
            for t, target in enumerate(milestone.targets):
                kpi = kpis.get(target.kpi)
                if kpi is None:
                    yield _unknown(f"{path}.targets[{t}].kpi", target.kpi, kpis)
                elif kpi.direction is Direction.HIGHER and target.threshold > target.target:
                    yield (f"{path}.targets[{t}].threshold", "higher is better: must be lower")
                elif kpi.direction is Direction.LOWER and target.threshold < target.target:
                    yield (f"{path}.targets[{t}].threshold", "lower is better: must be higher")
        band_names: set[str] = set()
        minimums: set[Decimal] = set()
        for i, band in enumerate(self.bands):
            if band.name in band_names or band.minimum in minimums:
                yield (f"bands[{i}]", "duplicate band")
            band_names.add(band.name)
            minimums.add(band.minimum)
        if not self.bands or min(minimums) != 0:
            yield ("bands", "the lowest band must start at 0")
        for i, measurement in enumerate(self.measurements):
            if measurement.kpi not in kpis:
                yield _unknown(f"measurements[{i}].kpi", measurement.kpi, kpis)
        seen: dict[str, set[str]] = {"action": set(), "need": set(), "idea": set()}
        for r, review in enumerate(self.reviews):
            for label, field, items in (
                ("action", "corrective_actions", review.corrective_actions),
                ("need", "needs", review.needs),
                ("idea", "ideas", review.ideas),
            ):
                for i, item in enumerate(items):
                    if item.id in seen[label]:
                        yield (f"reviews[{r}].{field}[{i}].id", f"duplicate {label} id")
                    seen[label].add(item.id)
            for i, action in enumerate(review.corrective_actions):
                if action.kpi is not None and action.kpi not in kpis:
                    yield _unknown(f"reviews[{r}].corrective_actions[{i}].kpi", action.kpi, kpis)
            for i, recognition in enumerate(review.recognitions):
                if recognition.kpi is not None and recognition.kpi not in kpis:
                    yield _unknown(f"reviews[{r}].recognitions[{i}].kpi", recognition.kpi, kpis)
        for i, recognition in enumerate(self.recognitions):
            if recognition.kpi is not None and recognition.kpi not in kpis:
                yield _unknown(f"recognitions[{i}].kpi", recognition.kpi, kpis)
        for i, entry in enumerate(self.spend):
            if entry.activity not in activities:
                yield _unknown(f"spend[{i}].activity", entry.activity, activities)
        for i, value in enumerate(self.value_entries):
            if value.activity is not None and value.activity not in activities:
                yield _unknown(f"value_entries[{i}].activity", value.activity, activities)
        if self.contract is not None:
            for i, fee in enumerate(self.contract.fees):
                if fee.activity is not None and fee.activity not in activities:
                    yield _unknown(f"contract.fees[{i}].activity", fee.activity, activities)
        if self.specification is not None:
            for i, deliverable in enumerate(self.specification.deliverables):
                if deliverable.activity is not None and deliverable.activity not in activities:
                    yield _unknown(
                        f"specification.deliverables[{i}].activity",
                        deliverable.activity,
                        activities,
                    )
        if self.service_credits is not None:
            for i, rate in enumerate(self.service_credits.kpi_rates):
                if rate.kpi not in kpis:
                    yield _unknown(f"service_credits.kpi_rates[{i}].kpi", rate.kpi, kpis)
        for path, money in self._money():
            if money.currency != self.currency:
                yield (
                    f"{path}.currency",
                    f"is {money.currency}, the mission is in {self.currency}",
                )

    def _money(self) -> Any:
        """Every amount in the mission, with its path (written out: no reflection)."""
        for i, activity in enumerate(self.activities):
            if activity.budget is not None:
                yield f"activities[{i}].budget", activity.budget
        contract = self.contract
        if contract is not None:
            for i, fee in enumerate(contract.fees):
                yield f"contract.fees[{i}].amount", fee.amount
            if contract.payment is not None and contract.payment.recovery_indemnity is not None:
                yield "contract.payment.recovery_indemnity", contract.payment.recovery_indemnity
            if contract.liability is not None and contract.liability.cap is not None:
                yield "contract.liability.cap", contract.liability.cap
        for i, entry in enumerate(self.spend):
            yield f"spend[{i}].amount", entry.amount
        for i, entry in enumerate(self.value_entries):
            yield f"value_entries[{i}].amount", entry.amount
        if self.bonus is not None:
            for name in ("base", "cap"):
                money = getattr(self.bonus, name)
                if money is not None:
                    yield f"bonus.{name}", money
            for i, tier in enumerate(self.bonus.tiers):
                if tier.amount is not None:
                    yield f"bonus.tiers[{i}].amount", tier.amount
        if self.service_credits is not None:
            yield "service_credits.at_risk", self.service_credits.at_risk
        for i, benefit in enumerate(self.benefits):
            if benefit.value is not None:
                yield f"benefits[{i}].value", benefit.value


class MissionDocument(Mission):
    """A mission file: ``schema_version`` and the mission's fields, side by side.

    >>> MissionDocument.model_validate_json(text)  # doctest: +SKIP
    """

    schema_version: Literal[1]
