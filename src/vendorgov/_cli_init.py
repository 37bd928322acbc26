"""``vendorgov init``: a commented TOML mission skeleton, ready to fill.

The skeleton is valid as it is — it loads with :func:`vendorgov.load` and
validates against :func:`vendorgov.json_schema` — so that a user can fill it
in step by step and run ``vendorgov validate`` as they go. Placeholders are
valid values marked ``TODO:`` (``À COMPLÉTER :`` in French, ``POR COMPLETAR:`` in
Spanish). Its comments, placeholders, suggested key and milestone names are messages of
the catalogs, in the language of ``--lang``; the KPI names and descriptions come from
:mod:`vendorgov.catalog` in that language.

KPIs come from :mod:`vendorgov.catalog` for the activity (plus the general
entries that fit any activity). Each KPI with a numeric typical target gets
three tiers, ``M+1``, ``M+6`` and ``EOY``, proposed by
:func:`vendorgov.catalog.targets` from an *assumed* starting level (the file
says which, next to the KPI, and asks for the real baseline):

- higher is better, in %: the shortfall from 100 % doubled (95 → 90, 99.5 → 99;
  a target of 100 % starts from 90);
- lower is better: the target plus half (48 h → 72 h, 0.5 % → 0.75 %);
- otherwise 80 % of the target.

KPIs whose catalog target is not a number (a range, "down vs baseline") are
listed with their targets commented out. Dates are placeholders too: the
mission starts on the first day of next month when its year-end milestone
still falls after ``M+6`` (a start from January to June), else on the next
1 January, and lasts twelve months.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from vendorgov._format import format_number
from vendorgov._i18n import N_, NP_, translate
from vendorgov._labels import enum_label, message
from vendorgov._model.specification import ActivityKind

if TYPE_CHECKING:
    from vendorgov import Target
    from vendorgov.catalog import CatalogEntry, Lang

__all__ = ["ACTIVITIES", "placeholder_start", "skeleton"]

ACTIVITIES = ("logistics", "community", "website", "customer_service", "content", "other")
"""The activity kinds ``init`` knows (the values of :class:`vendorgov.ActivityKind`)."""

_KEYS: Final[dict[str, tuple[str, str]]] = {
    # The mission key a skeleton suggests, per language: lower-case letters, digits and "_".
    "logistics": NP_("a mission key: lower-case letters, digits and _", "logistics"),
    "community": NP_("a mission key: lower-case letters, digits and _", "community"),
    "website": NP_("a mission key: lower-case letters, digits and _", "website"),
    "customer_service": NP_("a mission key: lower-case letters, digits and _", "customer_service"),
    "content": NP_("a mission key: lower-case letters, digits and _", "content"),
    "other": NP_("a mission key: lower-case letters, digits and _", "other"),
}

_EXAMPLE_VALUE = {"%": "96.4", "h": "30", "min": "45", "s": "2.8", "ms": "240", "d": "5"}

# (name, description) of the M+1, M+6 and EOY milestones
_MILESTONES: Final[tuple[tuple[tuple[str, str], str], ...]] = (
    (
        NP_("milestone name", "M+1"),
        N_("End of the first month: the set-up is over."),
    ),
    (
        NP_("milestone name", "M+6"),
        N_("Six months: the service level of the contract."),
    ),
    (
        NP_("milestone name", "Year end"),
        N_("31 December: hold the level to the end of the year."),
    ),
)

_WORDS: Final[dict[str, str | tuple[str, str]]] = {
    "todo": NP_("the marker of a value to fill in", "TODO"),
    "colon": NP_("after the marker of a value to fill in", ": "),
    "email": N_("name@example.com"),
    "header": N_(
        "# vendorgov mission file: %(kind)s. A skeleton to fill in.\n"
        "#\n"
        "# Created by `vendorgov init --activity %(activity)s --lang %(lang)s`. Replace every\n"
        "# value marked TODO, then check the file:\n"
        "#\n"
        "#     vendorgov validate %(file)s\n"
        "#\n"
        "# The file is valid as it is: fill it in step by step and validate as you go.\n"
        '# The "File format" page of the documentation describes every field; the demo\n'
        "# missions (`vendorgov demo`) show a complete file: contract, specification,\n"
        "# kickoff, tools, incentives.\n"
        "#\n"
        "# In TOML, top-level keys come before any table: the mission's journal\n"
        "# (measurements, reports, invoices) therefore follows the header.\n"
    ),
    "key": N_("a short identifier: lower-case letters, digits and '_'"),
    "name": N_("the mission's name"),
    "description": N_("what the provider does for you, in one sentence."),
    "start": N_("first day of the mission"),
    "end": N_("last day of the mission (after the start)"),
    "currency": N_("ISO 4217 code: every amount of the mission is in this currency"),
    "timezone": N_("IANA timezone of the reviews and deadlines"),
    "journal": N_("Journal: what happens, recorded as the mission runs"),
    "measurements": N_("One measurement per KPI and period, from the provider's reports:"),
    "reports": N_("Reports received:"),
    "spend": N_("Invoices (excluding tax):"),
    "report_title": N_("Weekly report"),
    "parties": N_("Parties"),
    "client": N_("your company's legal name"),
    "provider": N_("the provider's legal name"),
    "registration": N_("company number (a French SIREN has 9 digits, a SIRET 14)"),
    "contacts": N_(
        '# One primary contact on each side (role = "primary"): the person who follows\n'
        '# the mission day to day. Add escalation contacts (role = "escalation") and\n'
        '# others (role = "other").'
    ),
    "client_contact": N_("your primary contact"),
    "provider_contact": N_("the provider's primary contact"),
    "title": N_("Operations manager"),
    "activity_section": N_("Outsourced activity"),
    "activity_name": N_("the activity you outsource"),
    "activity_description": N_("What the activity covers, and what it does not."),
    "expected": N_("Expected result"),
    "budget": N_("over the whole mission, excluding tax"),
    "kpis": N_(
        "# Weights set each KPI's share of the overall score. Remove the KPIs you do not\n"
        "# follow, here and in the milestones below."
    ),
    "kpis_section": N_("KPIs (vendorgov catalog)"),
    "typical": N_("Typical target: %(note)s."),
    "assumed": N_("The tiers below start from an assumed current level of %(baseline)s %(unit)s."),
    "no_number": N_("No single number: set the target and threshold from your own baseline."),
    "milestones_section": N_("Milestones and tiered targets"),
    "milestones": N_(
        "# Each target climbs from the assumed starting level (given with each KPI) to\n"
        "# the catalog's typical target at year end. The threshold is the worst\n"
        "# acceptable value: the previous tier's target, on the worse side.\n"
        "# TODO: replace the assumed levels with your own measured baseline;\n"
        "# vendorgov.catalog.targets(key, baseline=...) proposes tiers from it."
    ),
    "set_from_baseline": N_("set it from your baseline"),
    "cadence": N_("Monthly review: first Tuesday of the month at 10:00, for one hour."),
    "next": N_(
        "# To go further: [contract], [specification], [kickoff], [[tools]], [bonus],\n"
        "# [service_credits]... The demo missions show them all:\n"
        '#     python -c "import vendorgov; '
        "print(vendorgov.examples.demo_text('logistique'))\"\n"
    ),
}


def placeholder_start(today: dt.date) -> dt.date:
    """The placeholder start date: the first day of next month, or the next 1 January.

    A start after June would put the year-end milestone before ``M+6``, so
    such starts move to the next January.

    >>> placeholder_start(dt.date(2027, 3, 15)), placeholder_start(dt.date(2026, 11, 29))
    (datetime.date(2027, 4, 1), datetime.date(2027, 1, 1))
    """
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    if month > 6:
        year, month = year + 1, 1
    return dt.date(year, month, 1)


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _decimal(value: Decimal) -> str:
    """A TOML number that vendorgov reads back exactly (``90``, ``0.75``)."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return f"{value.normalize():f}"


def _assumed_baseline(item: CatalogEntry) -> Decimal:
    assert item.target is not None
    target = item.target
    if item.direction.value == "higher":
        if item.unit == "%":
            baseline = Decimal(90) if target >= 100 else 100 - 2 * (100 - target)
        else:
            baseline = target * Decimal("0.8")
    else:
        baseline = target * Decimal("1.5")
    if baseline == baseline.to_integral_value():
        return baseline.quantize(Decimal(1))
    return baseline.normalize()


def skeleton(activity: str, lang: str, today: dt.date, file: str = "mission.toml") -> str:
    """The TOML text of a mission skeleton for ``activity``, commented in ``lang``.

    Args:
        activity: An activity kind (``"logistics"``...).
        lang: ``"fr"``, ``"en"`` or ``"es"``: the comments, placeholders and KPI names
            (the catalogs' words, and the KPI catalog's names).
        today: The date the placeholder start is computed from.
        file: The file name the comments refer to.

    >>> import vendorgov
    >>> text = skeleton("website", "en", dt.date(2027, 3, 15))
    >>> mission = vendorgov.loads(text)
    >>> mission.start, [m.name for m in mission.milestones]
    (datetime.date(2027, 4, 1), ['M+1', 'M+6', 'Year end'])
    """
    from vendorgov import catalog

    chosen = typing.cast("Lang", lang)

    def say(name: str, **values: object) -> str:
        return message(lang, _WORDS[name], **values)

    todo = say("todo")
    key = translate(lang, _KEYS[activity])
    start = placeholder_start(today)
    end = dt.date(start.year + 1, start.month, 1) - dt.timedelta(days=1)
    entries = catalog.for_activity(activity)
    tiers: dict[str, tuple[Decimal, tuple[Target, ...]]] = {}
    for item in entries:
        if item.target is not None:
            baseline = _assumed_baseline(item)
            tiers[item.key] = (baseline, catalog.targets(item.key, baseline=baseline))

    out: list[str] = []
    add = out.append

    def rule(title: str) -> None:
        add("")
        add(f"# -- {title} " + "-" * max(3, 76 - len(title)))

    kind = enum_label(ActivityKind(activity), lang)
    add(say("header", kind=kind, activity=activity, lang=lang, file=file))
    add("schema_version = 1")
    add(f"key = {_string(key)}  # {say('key')}")
    add(f"name = {_todo(lang, say('name'))}")
    add(f"description = {_todo(lang, say('description'))}")
    add(f"start = {start.isoformat()}  # {todo}{_colon(lang)}{say('start')}")
    add(f"end = {end.isoformat()}  # {todo}{_colon(lang)}{say('end')}")
    add(f'currency = "EUR"  # {say("currency")}')
    add(f'timezone = "Europe/Paris"  # {say("timezone")}')

    rule(say("journal"))
    first_kpi = entries[0]
    example_value = _EXAMPLE_VALUE.get(first_kpi.unit, "10")
    week = start + dt.timedelta(days=6 - start.weekday())  # the first Sunday
    add(f"# {say('measurements')}")
    add("measurements = [")
    add(f'  # {{ kpi = "{first_kpi.key}", at = {week.isoformat()}, value = {example_value} }},')
    add("]")
    add("")
    add(f"# {say('reports')}")
    add(
        f"#   {{ period_end = {week.isoformat()}, "
        f"received_on = {(week + dt.timedelta(days=1)).isoformat()}, "
        f"title = {_string(say('report_title'))} }}"
    )
    add("reports = []")
    add("")
    add(f"# {say('spend')}")
    month_end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    month_end -= dt.timedelta(days=1)
    add(
        f'#   {{ on = {month_end.isoformat()}, activity = "{key}", '
        f'amount = "1000.00 EUR", reference = "F-0001" }}'
    )
    add("spend = []")

    rule(say("parties"))
    add("[client]")
    add(f"name = {_todo(lang, say('client'))}")
    add('# legal_form = "SAS"')
    add(f'# registration_id = "123 456 789"  # {say("registration")}')
    add('# vat_number = "FR00123456789"')
    add("")
    add("[provider]")
    add(f"name = {_todo(lang, say('provider'))}")
    add('# legal_form = "SAS"')
    add('# registration_id = "123 456 789"')
    add("")
    add(say("contacts"))
    for side, who in (("client", "client_contact"), ("provider", "provider_contact")):
        add("[[contacts]]")
        add(f"name = {_todo(lang, say(who))}")
        add(f'side = "{side}"')
        add('role = "primary"')
        add(f"# title = {_string(say('title'))}")
        add(f"# email = {_string(say('email'))}")
        add('# phone = "+33 1 23 45 67 89"')
        add("")
    out.pop()

    rule(say("activity_section"))
    add("[[activities]]")
    add(f"key = {_string(key)}")
    add(f'kind = "{activity}"')
    add(f"name = {_todo(lang, say('activity_name'))}")
    add(f"# description = {_string(say('activity_description'))}")
    add(f"# expected_results = [{_string(say('expected'))}]")
    add(f'# budget = "12000.00 EUR"  # {say("budget")}')

    rule(say("kpis_section"))
    add(say("kpis"))
    for item in entries:
        kpi = catalog.kpi(item.key, lang=chosen)
        add("")
        add("# " + say("typical", note=item.target_text(chosen)))
        if item.key in tiers:
            baseline = tiers[item.key][0]
            shown = format_number(baseline, lang)
            add("# " + say("assumed", baseline=shown, unit=kpi.unit))
        else:
            add("# " + say("no_number"))
        add("[[kpis]]")
        add(f"key = {_string(kpi.key)}")
        add(f"name = {_string(str(kpi.name))}")  # one language: catalog.kpi(lang=chosen)
        add(f"unit = {_string(kpi.unit)}")
        add(f'direction = "{kpi.direction.value}"')
        add(f'aggregation = "{kpi.aggregation.value}"')
        add(f"weight = {_decimal(kpi.weight)}")
        add(f"description = {_string(str(kpi.description))}")

    rule(say("milestones_section"))
    add(say("milestones"))
    for index, horizon in enumerate(("M+1", "M+6", "EOY")):
        add("[[milestones]]")
        name, description = (translate(lang, text) for text in _MILESTONES[index])
        add(f"name = {_string(name)}")
        add(f'horizon = "{horizon}"')
        add(f"description = {_string(description)}")
        add("targets = [")
        for item in entries:
            if item.key in tiers:
                target = tiers[item.key][1][index]
                add(
                    f'  {{ kpi = "{item.key}", target = {_decimal(target.target)}, '
                    f"threshold = {_decimal(target.threshold)} }},"
                )
            else:
                add(
                    f'  # {{ kpi = "{item.key}", target = ..., threshold = ... }},  '
                    f"# {todo}{_colon(lang)}{say('set_from_baseline')}"
                )
        add("]")
        add("")
    add(f"# {say('cadence')}")
    add("[review_cadence]")
    add('frequency = "monthly"')
    add("nth = 1")
    add('weekday = "TU"')
    add('time = "10:00"')
    add("duration_minutes = 60")
    add("")
    add(say("next").rstrip("\n"))
    return "\n".join(out) + "\n"


def _colon(lang: str) -> str:
    """What separates the marker from what to write: ``TODO: ``, ``À COMPLÉTER : ``."""
    return message(lang, _WORDS["colon"])


def _todo(lang: str, what: str) -> str:
    return _string(f"{message(lang, _WORDS['todo'])}{_colon(lang)}{what}")
