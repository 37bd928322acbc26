"""Findings and payout rules in words: the engine's codes and parameters, in the reader's language.

The engine never writes a sentence: a [`Finding`][vendorgov.Finding] carries a code
(``REVIEW_OVERDUE``) and typed parameters, a [`Payout`][vendorgov.Payout] a rule code
(``bonus_rate``) and the parameters its structured fields leave out. This edge module
chooses the words, from the message catalogs (`vendorgov._i18n`), and formats numbers,
money and dates the language's way with Babel: ``describe(finding, "fr")`` reads
``… le 28 février 2027`` where English reads ``… on February 28, 2027``.

`FINDING_PARAMETERS` and `PAYOUT_PARAMETERS` say which parameters each code carries and
of which type; ``docs/reference/findings.md`` lists them with their English sentences.
A value that does not match them (a finding written by hand with a code of its own, or
without the parameters its code needs) is described neutrally, as its code followed by
its parameters, rather than refused: a notebook or a report can always show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final

# The one place where vendorgov's Babel formatting is imported (see the module's docstring).
from vendorgov._format import (
    format_date,
    format_days,
    format_label,
    format_list,
    format_money,
    format_months,
    format_number,
    format_percent,
    format_score,
    format_share,
)
from vendorgov._i18n import NP_, check_language, gettext, ngettext, translate
from vendorgov._model.cadence import Frequency
from vendorgov._model.kickoff import IntegrationKind
from vendorgov._model.money import Money
from vendorgov._model.results import Payout
from vendorgov._model.scorecard import Finding, Parameter, ParameterValue
from vendorgov._model.text import LocalizedText, localize
from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = ["FINDING_PARAMETERS", "PAYOUT_PARAMETERS", "describe"]

_ITEMS: type = tuple  # the type of a list parameter (``Parameter.items``)

FINDING_PARAMETERS: Final[dict[str, dict[str, type]]] = {
    "KICKOFF_NOT_HELD": {},
    "TRAINING_PENDING": {"topic": str},
    "RESOURCE_PENDING": {"resource": str},
    "INTEGRATION_STEP_OVERDUE": {"step": str, "kind": str},
    "TOOL_ACCESS_NOT_REVOKED": {"tool": str},
    "REVIEW_OVERDUE": {"frequency": str},
    "REPORT_LATE": {},
    "REPORT_MISSING": {},
    "MILESTONE_MISSED": {"milestone": str, "kpis": _ITEMS},
    "MILESTONE_BELOW_TARGET": {"milestone": str, "kpis": _ITEMS},
    "MILESTONE_MET": {"milestone": str, "score": Decimal},
    "MILESTONE_AT_RISK": {"milestone": str, "kpis": _ITEMS},
    "KPI_MISSED_IN_WINDOW": {"kpi": str, "milestone": str},
    "KPI_NO_DATA": {"kpi": str},
    "INSUFFICIENT_EVIDENCE": {"milestone": str, "coverage": Decimal, "minimum": Decimal},
    "ACTION_OVERDUE": {"action": str, "owner": str},
    "NEED_OPEN": {"need": str, "days": int},
    "BUDGET_OVERRUN": {"activity": str, "spent": Money, "planned": Money},
    "FORECAST_OVERRUN": {"activity": str, "forecast": Money, "budget": Money},
    "CONTRACT_END_SOON": {"days": int},
    "NOTICE_DEADLINE_SOON": {"days": int, "renewal": dt.date, "notice_days": int},
    "RECOGNITION_DUE": {"reason": str, "milestone": str, "score": Decimal},
    "PAYMENT_TERM_TOO_LONG": {"days": int, "basis": str, "limit": int},
    "LATE_PENALTIES_NOT_STATED": {},
    "RECOVERY_INDEMNITY_NOT_STATED": {"indemnity": Money},
    "IP_ASSIGNMENT_INCOMPLETE": {"missing": _ITEMS},
    "VIGILANCE_CERTIFICATE_DUE": {},
    "CONTEST_OPEN": {"kpi": str, "milestone": str, "raised_on": dt.date, "raised_by": str},
    "CONTEST_ANSWER_OVERDUE": {
        "kpi": str,
        "milestone": str,
        "raised_on": dt.date,
        "raised_by": str,
        "days": int,
    },
    "IP_ASSIGNMENT_MISSING": {"works": _ITEMS},
    "DPA_MISSING": {},
    "DPA_INCOMPLETE": {"element": str},
    "EXIT_STEP_LATE": {"step": str, "what": str, "owner": str},
    "RENEWAL_NOT_DECIDED": {"renewal": int},
    "NOTICE_TOO_SHORT": {"given_by": str, "given_on": dt.date, "earliest": dt.date},
    "RELATIONSHIP_NOTICE_TOO_SHORT": {
        "given_by": str,
        "years": int,
        "months": int,
        "suggested": dt.date,
    },
    "CONTRACT_NOTICE_TOO_SHORT": {"notice_days": int, "years": int, "months": int},
    "VIGILANCE_CERTIFICATE_DUE_SOON": {"days": int},
    "REGISTRATION_EXTRACT_MISSING": {},
    "INSURANCE_CERTIFICATE_MISSING": {},
    "INSURANCE_CERTIFICATE_EXPIRED": {},
    "INSURANCE_CERTIFICATE_EXPIRING": {"days": int},
    "LATE_PENALTY_RATE_TOO_LOW": {
        "rate": Decimal,
        "legal_rate": Decimal,
        "minimum": Decimal,
        "semester": str,
    },
    "LEGAL_INTEREST_RATE_UNKNOWN": {"semester": str},
}
"""The parameters of each finding code: name → type (``tuple``: a list of texts).

Every finding also has its ``due`` date (``None`` for the contract's legal checks and
the budget overrun), which the sentences use."""

PAYOUT_PARAMETERS: Final[dict[str, dict[str, type]]] = {
    "bonus_no_score": {},
    "bonus_insufficient_evidence": {"coverage": Decimal, "minimum": Decimal},
    "bonus_below_tiers": {"lowest": Decimal},
    "bonus_rate": {"tier": Decimal},
    "bonus_fixed": {"tier": Decimal, "fixed": Money},
    "service_credit_rate": {"months": int, "months_denominator": int, "monthly_fee": Money},
    "service_credit_kpi_rate": {"months": int, "months_denominator": int, "monthly_fee": Money},
    "service_credit_no_fee": {},
    "service_credit_no_data": {
        "months": int,
        "months_denominator": int,
        "monthly_fee": Money,
        "grace_days": int,
    },
    "earn_back": {},
    "bonus_pending_contest": {"kpis": _ITEMS},
    "service_credit_pending_contest": {},
}
"""The parameters each payout rule always carries: name → type.

A capped line also carries ``cap`` (a bonus) or ``total`` and ``at_risk`` (service
credits), all `Money`; a service credit whose scheme's base is ``fixed_and_variable``
also carries ``variable`` (`Money`, the variable fees billed in the period). The line's own
fields (``overall``, ``rate``, ``base``, ``kpi``, ``milestone``, ``credit_milestone``...)
complete them."""

_OPTIONAL: Final[dict[str, dict[str, type]]] = {
    "bonus_rate": {"cap": Money},
    "bonus_fixed": {"cap": Money},
    "service_credit_rate": {"total": Money, "at_risk": Money, "variable": Money},
    "service_credit_kpi_rate": {"total": Money, "at_risk": Money, "variable": Money},
    "service_credit_no_data": {"total": Money, "at_risk": Money, "variable": Money},
}

# What an incomplete IP assignment leaves out, as a list item of the sentence.
_IP_PARTS: Final[dict[str, tuple[str, str]]] = {
    "rights": NP_("IP assignment", "the rights assigned"),
    "extent": NP_("IP assignment", "their extent"),
    "purpose": NP_("IP assignment", "their purpose"),
    "territory": NP_("IP assignment", "the territory"),
    "duration": NP_("IP assignment", "the duration"),
}

_DPA_ELEMENTS: Final[dict[str, tuple[tuple[str, str], str]]] = {
    "subject": (NP_("processing agreement", "the subject matter of the processing"), "28(3)"),
    "duration": (NP_("processing agreement", "the duration of the processing"), "28(3)"),
    "nature": (NP_("processing agreement", "the nature of the processing"), "28(3)"),
    "purpose": (NP_("processing agreement", "the purpose of the processing"), "28(3)"),
    "data_types": (NP_("processing agreement", "the types of personal data"), "28(3)"),
    "data_subjects": (NP_("processing agreement", "the categories of data subjects"), "28(3)"),
    "instructions": (
        NP_("processing agreement", "processing on documented instructions only"),
        "28(3)(a)",
    ),
    "confidentiality": (
        NP_("processing agreement", "the confidentiality of the persons authorised"),
        "28(3)(b)",
    ),
    "security_measures": (NP_("processing agreement", "the security measures"), "28(3)(c), 32"),
    "sub_processors": (
        NP_("processing agreement", "the authorisation of sub-processors"),
        "28(2), 28(3)(d)",
    ),
    "assistance": (
        NP_("processing agreement", "the assistance owed to the client"),
        "28(3)(e), (f)",
    ),
    "end_of_processing": (
        NP_("processing agreement", "the deletion or return of the data at the end"),
        "28(3)(g)",
    ),
    "audits": (NP_("processing agreement", "information and audits"), "28(3)(h)"),
}
"""Each element of a processing agreement: its words and the paragraphs of GDPR art. 28
that require it (cited as they are, in every language)."""

Words = dict[str, str]
"""The parameters of one sentence, formatted for the language."""


def describe(item: Finding | Payout, lang: str = "en") -> str:
    """A finding or the rule of a payout line in words, in ``lang`` (``fr``, ``en``, ``es``).

    Numbers, amounts and dates are formatted the language's way (``1 234,50 €`` and
    ``28 février 2027`` in French). A score is cut down to two decimals, never rounded
    up, so that a score just below a tier never reads as the tier's minimum; an amount
    that had more digits than its currency shows is marked ``≈``.

    Args:
        item: A finding (from [`assess`][vendorgov.assess]) or a payout line (from
            [`payouts`][vendorgov.payouts]).
        lang: The reader's language.

    Returns:
        One or two sentences. A code vendorgov does not know, or a value without the
        parameters its code needs, reads as the code followed by its parameters.

    Raises:
        ValidationError: When ``lang`` is not a language vendorgov speaks, or ``item``
            is neither a finding nor a payout line.

    >>> import datetime as dt
    >>> from vendorgov import Finding, Parameter, Severity
    >>> finding = Finding(code="NEED_OPEN", severity=Severity.WARNING, subject="needs[n1]",
    ...                   at=dt.date(2027, 3, 16), due=dt.date(2027, 2, 28),
    ...                   params=(Parameter.of("need", "Stock file"), Parameter.of("days", 16)))
    >>> describe(finding)
    'The provider asked for “Stock file” on February 28, 2027 and has been waiting for 16 days.'
    >>> describe(finding, "fr").replace("\u202f", " ").replace("\xa0", " ")
    'Le prestataire a demandé « Stock file » le 28 février 2027 et attend depuis 16 jours.'
    """
    lang = check_language(lang)
    if isinstance(item, Finding):
        return _describe_finding(item, lang)
    if isinstance(item, Payout):
        return _describe_payout(item, lang)
    raise ValidationError(
        [ErrorDetail("item", f"expected a Finding or a Payout, got {type(item).__name__}")]
    )


# -- checking and formatting the parameters ------------------------------------------------
def _matches(params: tuple[Parameter, ...], *specs: Mapping[str, type]) -> bool:
    """Whether ``params`` hold every parameter of the first spec, typed as the specs say."""
    types = {name: kind for spec in specs for name, kind in spec.items()}
    given = {param.name: param.value for param in params}
    if not specs[0].keys() <= given.keys():
        return False
    return all(
        isinstance(value, types[name]) and not isinstance(value, bool)
        for name, value in given.items()
        if name in types
    )


def _money(value: Money, lang: str) -> str:
    """An amount rounded to its minor unit, marked ``≈`` when the exact one had more digits."""
    try:
        rounded = value.rounded()
    except ValidationError:  # within a cent of the limit, rounding up would pass it
        return f"{format_number(value.amount, lang)}\u00a0{value.currency}"
    text = format_money(rounded, lang)
    return text if rounded.amount == value.amount else f"≈\u00a0{text}"


def _score(value: Decimal, lang: str) -> str:
    """A score by the one display rule (`vendorgov._format.format_score`)."""
    return format_score(value, lang)


def _format(value: ParameterValue, lang: str) -> str:
    if isinstance(value, Money):
        return _money(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, Decimal | int):
        return format_number(value, lang)
    if isinstance(value, tuple):
        return format_list(value, lang)
    return value


def _text(value: str | LocalizedText, lang: str) -> str:
    """A milestone's name in ``lang`` (a line does not know its mission's language: the
    first text written stands in for it)."""
    return localize(value, lang, lang)[0]


def _words(params: tuple[Parameter, ...], lang: str, **more: str) -> Words:
    words = {param.name: _format(param.value, lang) for param in params}
    words.update(more)
    return words


def _neutral(code: str, params: tuple[Parameter, ...], lang: str) -> str:
    """``CODE (name: value, ...)``: a value vendorgov has no sentence for."""
    if not params:
        return code
    listed = "; ".join(f"{param.name}: {_format(param.value, lang)}" for param in params)
    return f"{code} ({listed})"


# -- findings --------------------------------------------------------------------------------
def _describe_finding(finding: Finding, lang: str) -> str:
    spec = FINDING_PARAMETERS.get(finding.code)
    if spec is None or not _matches(finding.params, spec):
        return _neutral(finding.code, finding.params, lang)
    due = "" if finding.due is None else format_date(finding.due, lang)
    words = _words(finding.params, lang, due=due)
    values = {param.name: param.value for param in finding.params}
    try:
        return _FINDINGS[finding.code](lang, words, values)
    except (KeyError, ValueError):  # a parameter's text is not one of its code's choices
        return _neutral(finding.code, finding.params, lang)


Values = Mapping[str, ParameterValue]
_Sentence = Callable[[str, Words, Values], str]


def _count(values: Values, name: str) -> int:
    value = values[name]
    return len(value) if isinstance(value, tuple) else int(value)  # type: ignore[arg-type]


def _kickoff_not_held(lang: str, w: Words, _: Values) -> str:
    return gettext(lang, "No kickoff meeting has been held; it was due by %(due)s.") % w


def _training_pending(lang: str, w: Words, _: Values) -> str:
    return gettext(lang, "The training “%(topic)s” planned on %(due)s has not been held.") % w


def _resource_pending(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang, "“%(resource)s” was due to the provider on %(due)s and has not been handed over."
        )
        % w
    )


def _integration_step_overdue(lang: str, w: Words, v: Values) -> str:
    kind = format_label(IntegrationKind(str(v["kind"])), lang)
    message = gettext(
        lang, "The integration step “%(step)s” (%(kind)s) was planned on %(due)s and is not done."
    )
    return message % (w | {"kind": kind})


def _tool_access_not_revoked(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(lang, "The mission ended on %(due)s and the provider still has access to %(tool)s.")
        % w
    )


def _review_overdue(lang: str, w: Words, v: Values) -> str:
    frequency = format_label(Frequency(str(v["frequency"])), lang)
    message = gettext(
        lang, "A review was due on %(due)s (%(frequency)s cadence) and none is recorded."
    )
    return message % (w | {"frequency": frequency})


def _report_late(lang: str, w: Words, _: Values) -> str:
    return gettext(lang, "The report due on %(due)s arrived late.") % w


def _report_missing(lang: str, w: Words, _: Values) -> str:
    return gettext(lang, "The report due on %(due)s has not arrived.") % w


def _milestone_missed(lang: str, w: Words, v: Values) -> str:
    count = _count(v, "kpis")
    message = ngettext(
        lang,
        "At the milestone “%(milestone)s” (%(due)s), %(count)s KPI was missed: %(kpis)s.",
        "At the milestone “%(milestone)s” (%(due)s), %(count)s KPIs were missed: %(kpis)s.",
        count,
    )
    return message % (w | {"count": format_number(count, lang)})


def _milestone_below_target(lang: str, w: Words, v: Values) -> str:
    count = _count(v, "kpis")
    message = ngettext(
        lang,
        "The milestone “%(milestone)s” (%(due)s) ended below target, no KPI missed: "
        "%(count)s KPI between threshold and target: %(kpis)s.",
        "The milestone “%(milestone)s” (%(due)s) ended below target, no KPI missed: "
        "%(count)s KPIs between threshold and target: %(kpis)s.",
        count,
    )
    return message % (w | {"count": format_number(count, lang)})


def _milestone_met(lang: str, w: Words, v: Values) -> str:
    score = v["score"]
    assert isinstance(score, Decimal)
    message = gettext(
        lang,
        "The milestone “%(milestone)s” (%(due)s) was met: every KPI measured reached its "
        "target (score %(score)s).",
    )
    return message % (w | {"score": _score(score, lang)})


def _kpi_missed_in_window(lang: str, w: Words, _: Values) -> str:
    message = gettext(
        lang,
        "%(kpi)s is already below its threshold before the milestone “%(milestone)s” (%(due)s).",
    )
    return message % w


def _milestone_at_risk(lang: str, w: Words, v: Values) -> str:
    count = _count(v, "kpis")
    message = ngettext(
        lang,
        "Towards the milestone “%(milestone)s” (%(due)s), %(count)s KPI is behind its expected "
        "path: %(kpis)s.",
        "Towards the milestone “%(milestone)s” (%(due)s), %(count)s KPIs are behind their "
        "expected path: %(kpis)s.",
        count,
    )
    return message % (w | {"count": format_number(count, lang)})


def _kpi_no_data(lang: str, w: Words, _: Values) -> str:
    return gettext(lang, "No measurement of %(kpi)s since %(due)s.") % w


def _shares(lang: str, v: Values) -> dict[str, str]:
    """``coverage`` and ``minimum`` as shares (``16,6 %``), cut down like every coverage."""
    shares = {}
    for name in ("coverage", "minimum"):
        value = v[name]
        if not isinstance(value, Decimal):
            raise ValueError(name)
        shares[name] = format_share(value, lang)
    return shares


def _insufficient_evidence(lang: str, w: Words, v: Values) -> str:
    message = gettext(
        lang,
        "At the milestone “%(milestone)s” (%(due)s), only %(coverage)s of the KPI weight has "
        "data, below the minimum of %(minimum)s: insufficient evidence for a standing or a "
        "bonus.",
    )
    return message % (w | _shares(lang, v))


def _action_overdue(lang: str, w: Words, _: Values) -> str:
    return gettext(lang, "The corrective action “%(action)s” (%(owner)s) was due on %(due)s.") % w


def _need_open(lang: str, w: Words, v: Values) -> str:
    message = ngettext(
        lang,
        "The provider asked for “%(need)s” on %(due)s and has been waiting for %(days)s day.",
        "The provider asked for “%(need)s” on %(due)s and has been waiting for %(days)s days.",
        _count(v, "days"),
    )
    return message % w


def _budget_overrun(lang: str, w: Words, _: Values) -> str:
    return gettext(lang, "%(activity)s: %(spent)s spent against %(planned)s planned to date.") % w


def _forecast_overrun(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang,
            "%(activity)s: spend at completion is forecast at %(forecast)s, above the budget "
            "of %(budget)s.",
        )
        % w
    )


def _contract_end_soon(lang: str, w: Words, v: Values) -> str:
    message = ngettext(
        lang,
        "The contract ends on %(due)s, in %(days)s day.",
        "The contract ends on %(due)s, in %(days)s days.",
        _count(v, "days"),
    )
    return message % w


def _notice_deadline_soon(lang: str, w: Words, v: Values) -> str:
    message = ngettext(
        lang,
        "The contract renews by itself on %(renewal)s unless notice is given %(notice)s before "
        "its end; the last day to give it is %(due)s, in %(days)s day.",
        "The contract renews by itself on %(renewal)s unless notice is given %(notice)s before "
        "its end; the last day to give it is %(due)s, in %(days)s days.",
        _count(v, "days"),
    )
    return message % (w | {"notice": format_days(_count(v, "notice_days"), lang)})


def _recognition_due(lang: str, w: Words, v: Values) -> str:
    score = v["score"]
    assert isinstance(score, Decimal)
    reason = v["reason"]
    if reason == "good":
        message = gettext(
            lang,
            "Good results at the milestone “%(milestone)s” (score %(score)s) and no recognition "
            "since: congratulate the provider.",
        )
    elif reason == "improving":
        message = gettext(
            lang,
            "Improving results at the milestone “%(milestone)s” (score %(score)s) and no "
            "recognition since: congratulate the provider.",
        )
    elif reason == "review":
        message = gettext(
            lang,
            "Good results at the review of %(due)s (score %(score)s) and no recognition "
            "since: congratulate the provider.",
        )
    else:
        raise ValueError(reason)
    return message % (w | {"score": _score(score, lang)})


def _payment_term_too_long(lang: str, w: Words, v: Values) -> str:
    basis = v["basis"]
    if basis == "end_of_month":
        message = gettext(
            lang,
            "The payment term of %(days)s days end of month exceeds the legal limit of "
            "%(limit)s days (C. com. L441-10).",
        )
    elif basis == "invoice_date":
        message = gettext(
            lang,
            "The payment term of %(days)s days from the invoice date exceeds the legal limit "
            "of %(limit)s days (C. com. L441-10).",
        )
    else:
        raise ValueError(basis)
    return message % w


def _late_penalties_not_stated(lang: str, w: Words, _: Values) -> str:
    return gettext(
        lang, "The contract does not state the late-payment penalty rate (C. com. L441-10)."
    )


def _recovery_indemnity_not_stated(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang,
            "The contract does not state the fixed recovery indemnity of %(indemnity)s "
            "(C. com. L441-10).",
        )
        % w
    )


def _ip_assignment_incomplete(lang: str, w: Words, v: Values) -> str:
    missing = v["missing"]
    assert isinstance(missing, tuple)
    parts = format_list([translate(lang, _IP_PARTS[part]) for part in missing], lang)
    message = gettext(lang, "The IP assignment does not state %(missing)s (CPI L131-3).")
    return message % (w | {"missing": parts})


def _vigilance_certificate_due(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang,
            "The provider's URSSAF vigilance certificate was due on %(due)s (C. trav. L8222-1, "
            "D8222-5: at signature, then every 6 months).",
        )
        % w
    )


def _contest_open(lang: str, w: Words, _: Values) -> str:
    message = gettext(
        lang,
        "%(raised_by)s contested the result of %(kpi)s at “%(milestone)s” on %(raised_on)s: "
        "the answer is due by %(due)s, and the payouts that depend on it wait.",
    )
    return message % w


def _contest_answer_overdue(lang: str, w: Words, v: Values) -> str:
    message = ngettext(
        lang,
        "The contest of %(kpi)s at “%(milestone)s” raised by %(raised_by)s on %(raised_on)s "
        "is still unanswered, %(days)s day after the deadline of %(due)s.",
        "The contest of %(kpi)s at “%(milestone)s” raised by %(raised_by)s on %(raised_on)s "
        "is still unanswered, %(days)s days after the deadline of %(due)s.",
        _count(v, "days"),
    )
    return message % w


def _ip_assignment_missing(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang,
            "%(works)s: works of authorship, and the contract assigns no rights on them "
            "(CPI L131-3).",
        )
        % w
    )


def _renewal_not_decided(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang,
            "The term ended on %(due)s and no decision on renewal %(renewal)s was recorded: "
            "the contract, renewable only by express agreement, ended with it.",
        )
        % w
    )


def _dpa_missing(lang: str, w: Words, _: Values) -> str:
    return gettext(
        lang,
        "The provider processes personal data for the client and the contract has no "
        "data processing agreement (GDPR art. 28(3)).",
    )


def _dpa_incomplete(lang: str, w: Words, v: Values) -> str:
    label, article = _DPA_ELEMENTS[str(v["element"])]
    message = gettext(
        lang, "The data processing agreement does not state %(element)s (GDPR art. %(article)s)."
    )
    return message % (w | {"element": translate(lang, label), "article": article})


def _exit_step_late(lang: str, w: Words, v: Values) -> str:
    step = v["step"]
    if step == "knowledge_transfer":
        message = gettext(
            lang, "The knowledge transfer was due by %(due)s and is not recorded (%(owner)s)."
        )
    elif step == "parallel_run":
        message = gettext(
            lang, "The parallel run was due to start on %(due)s and has not (%(owner)s)."
        )
    elif step == "return":
        message = gettext(
            lang, "The return of “%(what)s” was due by %(due)s and is not recorded (%(owner)s)."
        )
    elif step == "revoke_tool":
        message = gettext(
            lang,
            "The provider's access to %(what)s was due to be revoked on %(due)s (%(owner)s).",
        )
    elif step == "close_account":
        message = gettext(
            lang, "“%(what)s” was due to be closed on %(due)s and is not recorded (%(owner)s)."
        )
    elif step == "final_invoice":
        message = gettext(
            lang, "The last invoice was due by %(due)s and is not recorded (%(owner)s)."
        )
    elif step == "settlement":
        message = gettext(
            lang, "The final settlement was due by %(due)s and is not recorded (%(owner)s)."
        )
    else:
        raise ValueError(step)
    return message % w


def _side(value: ParameterValue) -> str:
    if value not in ("client", "provider"):
        raise ValueError(value)
    return str(value)


def _notice_too_short(lang: str, w: Words, v: Values) -> str:
    if _side(v["given_by"]) == "client":
        message = gettext(
            lang,
            "The client's notice of %(given_on)s ends the mission on %(due)s, before the "
            "earliest end the contract allows for it: %(earliest)s.",
        )
    else:
        message = gettext(
            lang,
            "The provider's notice of %(given_on)s ends the mission on %(due)s, before the "
            "earliest end the contract allows for it: %(earliest)s.",
        )
    return message % w


def _relationship_notice_too_short(lang: str, w: Words, v: Values) -> str:
    years = ngettext(lang, "%(years)s year", "%(years)s years", _count(v, "years")) % w
    words = w | {"years": years, "months": format_months(_count(v, "months"), lang)}
    if _side(v["given_by"]) == "client":
        message = gettext(
            lang,
            "The client's notice ends the mission on %(due)s, after a relationship of "
            "%(years)s: the rule of thumb asks for %(months)s of notice, up to %(suggested)s "
            "(C. com. L442-1 II).",
        )
    else:
        message = gettext(
            lang,
            "The provider's notice ends the mission on %(due)s, after a relationship of "
            "%(years)s: the rule of thumb asks for %(months)s of notice, up to %(suggested)s "
            "(C. com. L442-1 II).",
        )
    return message % words


def _contract_notice_too_short(lang: str, w: Words, v: Values) -> str:
    years = ngettext(lang, "%(years)s year", "%(years)s years", _count(v, "years")) % w
    words = w | {
        "years": years,
        "months": format_months(_count(v, "months"), lang),
        "notice": format_days(_count(v, "notice_days"), lang),
    }
    message = gettext(
        lang,
        "The contract's notice of %(notice)s is shorter than the %(months)s the rule of thumb "
        "asks for after a relationship of %(years)s, at the notice deadline of %(due)s "
        "(C. com. L442-1 II).",
    )
    return message % words


def _vigilance_certificate_due_soon(lang: str, w: Words, v: Values) -> str:
    message = ngettext(
        lang,
        "The provider's next URSSAF vigilance certificate is due on %(due)s, in %(days)s day.",
        "The provider's next URSSAF vigilance certificate is due on %(due)s, in %(days)s days.",
        _count(v, "days"),
    )
    return message % w


def _registration_extract_missing(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang,
            "No Kbis extract under 3 months old at the signing of %(due)s was received "
            "from the provider (C. trav. D8222-5 1°).",
        )
        % w
    )


def _insurance_certificate_missing(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang,
            "The contract requires the provider's insurance certificate and none was "
            "received since %(due)s.",
        )
        % w
    )


def _insurance_certificate_expired(lang: str, w: Words, _: Values) -> str:
    return gettext(lang, "The provider's insurance certificate expired on %(due)s.") % w


def _insurance_certificate_expiring(lang: str, w: Words, v: Values) -> str:
    message = ngettext(
        lang,
        "The provider's insurance certificate expires on %(due)s, in %(days)s day.",
        "The provider's insurance certificate expires on %(due)s, in %(days)s days.",
        _count(v, "days"),
    )
    return message % w


def _late_penalty_rate_too_low(lang: str, w: Words, v: Values) -> str:
    rates = {}
    for name in ("rate", "legal_rate", "minimum"):
        value = v[name]
        assert isinstance(value, Decimal)
        rates[name] = format_percent(value, lang)
    message = gettext(
        lang,
        "The late-payment penalty rate of %(rate)s is below three times the legal interest "
        "rate of %(semester)s (%(legal_rate)s): at least %(minimum)s (C. com. L441-10).",
    )
    return message % (w | rates)


def _legal_interest_rate_unknown(lang: str, w: Words, _: Values) -> str:
    return (
        gettext(
            lang,
            "The legal interest rate of %(semester)s is not known: give it to check the "
            "late-payment penalty rate against it (C. com. L441-10).",
        )
        % w
    )


_FINDINGS: Final[dict[str, _Sentence]] = {
    "KICKOFF_NOT_HELD": _kickoff_not_held,
    "TRAINING_PENDING": _training_pending,
    "RESOURCE_PENDING": _resource_pending,
    "INTEGRATION_STEP_OVERDUE": _integration_step_overdue,
    "TOOL_ACCESS_NOT_REVOKED": _tool_access_not_revoked,
    "REVIEW_OVERDUE": _review_overdue,
    "REPORT_LATE": _report_late,
    "REPORT_MISSING": _report_missing,
    "MILESTONE_MISSED": _milestone_missed,
    "MILESTONE_BELOW_TARGET": _milestone_below_target,
    "MILESTONE_MET": _milestone_met,
    "MILESTONE_AT_RISK": _milestone_at_risk,
    "KPI_MISSED_IN_WINDOW": _kpi_missed_in_window,
    "KPI_NO_DATA": _kpi_no_data,
    "INSUFFICIENT_EVIDENCE": _insufficient_evidence,
    "ACTION_OVERDUE": _action_overdue,
    "NEED_OPEN": _need_open,
    "BUDGET_OVERRUN": _budget_overrun,
    "FORECAST_OVERRUN": _forecast_overrun,
    "CONTRACT_END_SOON": _contract_end_soon,
    "NOTICE_DEADLINE_SOON": _notice_deadline_soon,
    "RECOGNITION_DUE": _recognition_due,
    "PAYMENT_TERM_TOO_LONG": _payment_term_too_long,
    "LATE_PENALTIES_NOT_STATED": _late_penalties_not_stated,
    "RECOVERY_INDEMNITY_NOT_STATED": _recovery_indemnity_not_stated,
    "IP_ASSIGNMENT_INCOMPLETE": _ip_assignment_incomplete,
    "VIGILANCE_CERTIFICATE_DUE": _vigilance_certificate_due,
    "CONTEST_OPEN": _contest_open,
    "CONTEST_ANSWER_OVERDUE": _contest_answer_overdue,
    "IP_ASSIGNMENT_MISSING": _ip_assignment_missing,
    "DPA_MISSING": _dpa_missing,
    "DPA_INCOMPLETE": _dpa_incomplete,
    "EXIT_STEP_LATE": _exit_step_late,
    "RENEWAL_NOT_DECIDED": _renewal_not_decided,
    "NOTICE_TOO_SHORT": _notice_too_short,
    "RELATIONSHIP_NOTICE_TOO_SHORT": _relationship_notice_too_short,
    "CONTRACT_NOTICE_TOO_SHORT": _contract_notice_too_short,
    "VIGILANCE_CERTIFICATE_DUE_SOON": _vigilance_certificate_due_soon,
    "REGISTRATION_EXTRACT_MISSING": _registration_extract_missing,
    "INSURANCE_CERTIFICATE_MISSING": _insurance_certificate_missing,
    "INSURANCE_CERTIFICATE_EXPIRED": _insurance_certificate_expired,
    "INSURANCE_CERTIFICATE_EXPIRING": _insurance_certificate_expiring,
    "LATE_PENALTY_RATE_TOO_LOW": _late_penalty_rate_too_low,
    "LEGAL_INTEREST_RATE_UNKNOWN": _legal_interest_rate_unknown,
}


# -- payout rules --------------------------------------------------------------------------
def _describe_payout(line: Payout, lang: str) -> str:
    spec = PAYOUT_PARAMETERS.get(line.rule)
    if spec is None or not _matches(line.params, spec, _OPTIONAL.get(line.rule, {})):
        return _neutral(line.rule, line.params, lang)
    try:
        return _PAYOUTS[line.rule](line, lang)
    except ValueError:  # a field the rule needs is missing (a line written by hand)
        return _neutral(line.rule, line.params, lang)


def _line_words(line: Payout, lang: str) -> Words:
    more = {
        "milestone": _text(line.milestone, lang),
        "kpi": line.kpi or "",
        "amount": _money(line.amount, lang),
    }
    if line.overall is not None:
        more["score"] = _score(line.overall, lang)
    if line.rate is not None:
        more["rate"] = format_percent(line.rate, lang)
    if line.base is not None:
        more["base"] = _money(line.base, lang)
    if line.credit_milestone is not None:
        more["credit_milestone"] = _text(line.credit_milestone, lang)
    words = _words(line.params, lang, **more)
    for name in ("tier", "lowest"):
        value = next((param.value for param in line.params if param.name == name), None)
        if isinstance(value, Decimal):
            words[name] = _score(value, lang)
    return words


def _need(line: Payout, *names: str) -> None:
    for name in names:
        if getattr(line, name) is None:
            raise ValueError(name)


def _capped(line: Payout, words: Words, names: tuple[str, ...], message: str) -> str:
    if not line.capped or not all(name in words for name in names):
        return ""
    return " " + message % words


def _bonus_no_score(line: Payout, lang: str) -> str:
    message = gettext(lang, "No overall score at “%(milestone)s” (no KPI had data): no bonus.")
    return message % _line_words(line, lang)


def _bonus_insufficient_evidence(line: Payout, lang: str) -> str:
    _need(line, "overall")
    values = {param.name: param.value for param in line.params}
    message = gettext(
        lang,
        "Score %(score)s rests on %(coverage)s of the KPI weight, below the minimum of "
        "%(minimum)s: insufficient evidence, no bonus.",
    )
    return message % (_line_words(line, lang) | _shares(lang, values))


def _bonus_below_tiers(line: Payout, lang: str) -> str:
    _need(line, "overall")
    message = gettext(lang, "Score %(score)s is below the lowest tier (≥ %(lowest)s): no bonus.")
    return message % _line_words(line, lang)


def _bonus_rate(line: Payout, lang: str) -> str:
    _need(line, "overall", "rate", "base")
    words = _line_words(line, lang)
    message = gettext(lang, "Score %(score)s reaches the tier ≥ %(tier)s: %(rate)s of %(base)s.")
    cap = gettext(lang, "Capped at %(cap)s.")
    return message % words + _capped(line, words, ("cap",), cap)


def _bonus_fixed(line: Payout, lang: str) -> str:
    _need(line, "overall")
    words = _line_words(line, lang)
    message = gettext(
        lang, "Score %(score)s reaches the tier ≥ %(tier)s: a fixed bonus of %(fixed)s."
    )
    cap = gettext(lang, "Capped at %(cap)s.")
    return message % words + _capped(line, words, ("cap",), cap)


def _months(line: Payout, lang: str) -> str:
    """``5 months``, ``10/31 of a month``, ``1 month and 10/31``."""
    numerator, denominator = line.param("months"), line.param("months_denominator")
    assert isinstance(numerator, int)
    assert isinstance(denominator, int)
    if denominator <= 0 or numerator < 0:
        raise ValueError("months")
    whole, rest = divmod(numerator, denominator)
    words = {
        "count": format_number(whole, lang),
        "numerator": format_number(rest, lang),
        "denominator": format_number(denominator, lang),
    }
    if not rest:
        return ngettext(lang, "%(count)s month", "%(count)s months", whole) % words
    if not whole:
        return gettext(lang, "%(numerator)s/%(denominator)s of a month") % words
    message = ngettext(
        lang,
        "%(count)s month and %(numerator)s/%(denominator)s",
        "%(count)s months and %(numerator)s/%(denominator)s",
        whole,
    )
    return message % words


def _credit_capped(line: Payout, lang: str, words: Words) -> str:
    message = gettext(
        lang,
        "The milestone's credits (%(total)s) exceed the %(at_risk)s at risk: capped, and "
        "shared in proportion.",
    )
    return _variable(lang, words) + _capped(line, words, ("total", "at_risk"), message)


def _variable(lang: str, words: Words) -> str:
    if "variable" not in words:
        return ""
    message = gettext(
        lang, "The period's fee includes %(variable)s of variable fees billed in the period."
    )
    return " " + message % words


def _service_credit_rate(line: Payout, lang: str) -> str:
    _need(line, "kpi", "rate", "base")
    words = _line_words(line, lang) | {"months": _months(line, lang)}
    message = gettext(
        lang,
        "%(kpi)s missed: %(rate)s of the period's fee of %(base)s (%(months)s at "
        "%(monthly_fee)s a month).",
    )
    return message % words + _credit_capped(line, lang, words)


def _service_credit_kpi_rate(line: Payout, lang: str) -> str:
    _need(line, "kpi", "rate", "base")
    words = _line_words(line, lang) | {"months": _months(line, lang)}
    message = gettext(
        lang,
        "%(kpi)s missed: %(rate)s, the rate set for %(kpi)s, of the period's fee of %(base)s "
        "(%(months)s at %(monthly_fee)s a month).",
    )
    return message % words + _credit_capped(line, lang, words)


def _service_credit_no_data(line: Payout, lang: str) -> str:
    _need(line, "kpi", "rate", "base")
    grace = line.param("grace_days")
    assert isinstance(grace, int)
    words = _line_words(line, lang) | {"months": _months(line, lang)}
    words["grace"] = ngettext(lang, "%(count)s day", "%(count)s days", grace) % {
        "count": format_number(grace, lang)
    }
    message = gettext(
        lang,
        "%(kpi)s had no data at “%(milestone)s” and the reporting grace of %(grace)s has "
        "passed: credited as missed, %(rate)s of the period's fee of %(base)s (%(months)s at "
        "%(monthly_fee)s a month).",
    )
    return message % words + _credit_capped(line, lang, words)


def _service_credit_no_fee(line: Payout, lang: str) -> str:
    _need(line, "kpi")
    message = gettext(
        lang, "%(kpi)s missed: no credit, the contract has no fixed periodic fee to base it on."
    )
    return message % _line_words(line, lang)


def _earn_back(line: Payout, lang: str) -> str:
    _need(line, "kpi", "credit_milestone")
    message = gettext(
        lang,
        "%(kpi)s met at “%(milestone)s”: the credit of %(amount)s from “%(credit_milestone)s” "
        "is given back.",
    )
    return message % _line_words(line, lang)


def _bonus_pending_contest(line: Payout, lang: str) -> str:
    message = gettext(
        lang,
        "Results of “%(milestone)s” are contested (%(kpis)s): the bonus waits until the "
        "contest is resolved.",
    )
    return message % _line_words(line, lang)


def _service_credit_pending_contest(line: Payout, lang: str) -> str:
    _need(line, "kpi")
    message = gettext(
        lang,
        "%(kpi)s is contested at “%(milestone)s”: its service credit waits until the contest "
        "is resolved.",
    )
    return message % _line_words(line, lang)


_PAYOUTS: Final[dict[str, Callable[[Payout, str], str]]] = {
    "bonus_no_score": _bonus_no_score,
    "bonus_insufficient_evidence": _bonus_insufficient_evidence,
    "bonus_below_tiers": _bonus_below_tiers,
    "bonus_rate": _bonus_rate,
    "bonus_fixed": _bonus_fixed,
    "service_credit_rate": _service_credit_rate,
    "service_credit_kpi_rate": _service_credit_kpi_rate,
    "service_credit_no_fee": _service_credit_no_fee,
    "service_credit_no_data": _service_credit_no_data,
    "earn_back": _earn_back,
    "bonus_pending_contest": _bonus_pending_contest,
    "service_credit_pending_contest": _service_credit_pending_contest,
}
