"""The one place numbers, money and dates are formatted for people, with Babel.

Documents, the command line, the calendar and the notebook display all format through
this module (DESIGN §3: "numbers, money and dates are formatted by one Babel-based
module"); nothing else formats a number for a person. It also states the display
rules that decide *which* digits a reader sees:

- **scores** (an overall score, a KPI's points, 0-100): `format_score`, at most one
  decimal, cut down (rounded toward zero) — ``87.45`` shows as ``87.4``, ``89.99`` as
  ``89.9``, ``100`` as ``100`` — so a score never reads as a band or a bonus tier it has
  not reached (``docs/explanation/scoring.md``);
- **shares** (coverage, 0-1): `format_share`, to a tenth of a percent, cut down (the
  minimum coverage is never shown as reached when it is not);
- **money**: rounded half-up to the currency's minor unit by `Money.rounded`, then
  Babel's currency format (``6 850,00 €``, ``€6,850.00``, ``6.850,00 €``);
- **other numbers** (KPI values, targets, weights): exact, every significant digit
  kept, unless the caller asks for ``places`` (rounded half-up).

The exact ``Decimal`` stays in the data and in JSON: this rounding is for reading only.

Every function takes the language explicitly and passes Babel an explicit locale
(``fr_FR``, ``en_US`` or ``es_ES``): the process locale, the host timezone and floats never take
part, so the same value prints the same everywhere. Numbers stay ``Decimal`` all the way
(Babel formats a ``Decimal`` without converting it to a float); money is rounded
half-up to its minor unit by [`Money.rounded`][vendorgov.Money.rounded] first, so Babel
never rounds it a second way.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import zoneinfo
from collections.abc import Iterable
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from babel import Locale, dates, lists, numbers, units

from vendorgov._i18n import LOCALE_NAMES, pgettext
from vendorgov._labels import PHRASES, enum_label, unit_label
from vendorgov._model.kpi import Horizon, HorizonKind
from vendorgov._model.money import DECIMAL_CONTEXT, Money

__all__ = [
    "LOCALES",
    "NONE",
    "country_name",
    "format_date",
    "format_datetime",
    "format_days",
    "format_duration",
    "format_horizon",
    "format_hours",
    "format_label",
    "format_list",
    "format_measure",
    "format_money",
    "format_months",
    "format_number",
    "format_percent",
    "format_period",
    "format_score",
    "format_share",
    "format_time",
    "format_trend",
    "horizon_name",
    "round_score",
    "round_share",
    "timezone_name",
]

LOCALES: Final[dict[str, Locale]] = {
    lang: Locale.parse(name) for lang, name in LOCALE_NAMES.items()
}
"""The Babel locale of each language: ``fr_FR``, ``en_US`` (``February 28, 2027``), ``es_ES``."""

_DATE_FORMATS = frozenset({"numeric", "short", "medium", "long", "full"})

NONE: Final = "—"
"""What every face prints for a missing value (no data, no score)."""

_TENTH: Final = Decimal("0.1")
_PER_MILLE: Final = Decimal("0.001")


def format_money(value: Money, lang: str) -> str:
    """``1 234,50 €`` in French (Babel's narrow no-break space), ``€1,234.50`` in English.

    >>> from decimal import Decimal
    >>> format_money(Money(Decimal("1234.5"), "EUR"), "en")
    '€1,234.50'
    >>> format_money(Money(Decimal("1234.5"), "EUR"), "fr")
    '1\\u202f234,50\\xa0€'
    """
    rounded = value.rounded()
    return numbers.format_currency(rounded.amount, rounded.currency, locale=LOCALES[lang])


def format_number(value: Decimal | int | None, lang: str, places: int | None = None) -> str:
    """A number with the language's separators: exact, or rounded half-up to ``places``.

    Every significant digit is kept (trailing zeros are not printed); with ``places``,
    the number is first rounded half-up to that many decimals. ``None`` prints as a dash.

    >>> from decimal import Decimal
    >>> format_number(Decimal("1234.5678"), "fr"), format_number(Decimal("99.5"), "en")
    ('1\\u202f234,5678', '99.5')
    >>> format_number(Decimal("98.025"), "es", 2), format_number(Decimal("60.00"), "fr", 2)
    ('98,03', '60')
    >>> format_number(None, "en")
    '—'
    """
    if value is None:
        return NONE
    if places is not None:
        value = _quantized(Decimal(value), Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return numbers.format_decimal(value, locale=LOCALES[lang], decimal_quantization=False)


def _quantized(value: Decimal, quantum: Decimal, rounding: str) -> Decimal:
    """``value`` rounded to ``quantum``; no negative zero; as it is when too large to round."""
    try:
        rounded = value.quantize(quantum, rounding=rounding, context=DECIMAL_CONTEXT)
    except InvalidOperation:  # astronomically large: every digit is significant anyway
        return value
    return abs(rounded) if rounded.is_zero() else rounded


def round_score(value: Decimal | None) -> Decimal | None:
    """A score (0-100) as it is shown: at most one decimal, cut down.

    The one display rule for scores, in every face (``docs/explanation/scoring.md``):
    rounding toward zero means a score shown as reaching a band or a bonus tier
    (``≥ 90``) has reached it. The engine's value stays exact.

    >>> round_score(Decimal("87.45")), round_score(Decimal("89.99")), round_score(None)
    (Decimal('87.4'), Decimal('89.9'), None)
    """
    return None if value is None else _quantized(value, _TENTH, ROUND_DOWN)


def format_score(value: Decimal | None, lang: str) -> str:
    """A score for people, by the rule of `round_score`: ``87,4`` / ``87.4``; ``—`` for none.

    >>> format_score(Decimal("87.45"), "fr"), format_score(Decimal("100"), "en")
    ('87,4', '100')
    """
    return format_number(round_score(value), lang)


def format_trend(value: Decimal | None, lang: str) -> str:
    """A change of score (points), signed, one decimal half-up: ``+0,2``, ``-12.5``, ``0``.

    A change too small to show is ``0``, without a sign; ``—`` for none.

    >>> format_trend(Decimal("0.1488"), "fr"), format_trend(Decimal("-12.55"), "en")
    ('+0,1', '-12.6')
    >>> format_trend(Decimal("0.04"), "en"), format_trend(None, "en")
    ('0', '—')
    """
    if value is None:
        return NONE
    shown = _quantized(value, _TENTH, ROUND_HALF_UP)
    text = format_number(shown, lang)
    return f"+{text}" if shown > 0 else text


def round_share(value: Decimal | None) -> Decimal | None:
    """A share (0-1, a coverage) as it is shown: to a tenth of a percent, cut down.

    >>> round_share(Decimal("0.8571428"))
    Decimal('0.857')
    """
    return None if value is None else _quantized(value, _PER_MILLE, ROUND_DOWN)


def format_share(value: Decimal | None, lang: str) -> str:
    """A share as a percentage, by the rule of `round_share`: ``85,7 %`` / ``85.7%``.

    >>> format_share(Decimal("0.8571428"), "fr"), format_share(Decimal("1"), "en")
    ('85,7\\xa0%', '100%')
    """
    shown = round_share(value)
    return NONE if shown is None else format_percent(shown, lang)


def format_percent(value: Decimal | int, lang: str) -> str:
    """A fraction as a percentage (``Decimal("0.125")`` → ``12,5 %`` / ``12.5%``).

    >>> from decimal import Decimal
    >>> format_percent(Decimal("0.125"), "en")
    '12.5%'
    """
    return numbers.format_percent(value, locale=LOCALES[lang], decimal_quantization=False)


def format_measure(value: Decimal | int, unit: str, lang: str) -> str:
    """A KPI value with its unit: ``97,5 %`` / ``97.5%``, ``72 h``, ``3 j`` / ``3 d``.

    A no-break space goes before every unit; ``%`` is glued to the number where the
    locale's percent format glues it (English), not elsewhere (French, Spanish).

    >>> from decimal import Decimal
    >>> format_measure(Decimal("97.5"), "%", "en"), format_measure(Decimal("3"), "d", "fr")
    ('97.5%', '3\\xa0j')
    """
    number = format_number(value, lang)
    if not unit:
        return number
    if unit == "%" and _glued_percent(lang):
        return number + "%"
    return f"{number}\u00a0{unit_label(unit, lang)}"


def _glued_percent(lang: str) -> bool:
    """Whether the locale writes ``12%`` rather than ``12 %``."""
    pattern = str(LOCALES[lang].percent_formats[None].pattern)
    return "0%" in pattern


_DAY_FIELD = re.compile(r"(?<![d'])d(?!d)")


def _unbreakable(text: str, lang: str) -> str:
    """``text`` (a date) with the spaces the language keeps on one line.

    French never breaks a date across lines (``28 février 2027`` is written with no-break
    spaces); the catalog says which space each language uses inside a date.
    """
    space = pgettext(lang, "the space inside a date: U+00A0 keeps the date on one line", " ")
    return text if space == " " else text.replace(" ", space)


def format_date(value: dt.date, lang: str, style: str = "long") -> str:
    """A calendar date: ``28 février 2027`` / ``February 28, 2027`` (``long``, the default).

    ``style`` is ``numeric`` (``29/11/2026``, ``11/29/2026``: the year in full, for
    tables), ``short``, ``medium``, ``long`` or ``full``. A datetime prints its own
    local date. The first day of a month is written as the catalog says (French:
    ``1er``) in medium, long and full dates.

    French dates keep to one line (no-break spaces, as the catalog says).

    >>> format_date(dt.date(2027, 2, 28), "fr"), format_date(dt.date(2027, 2, 28), "en")
    ('28\xa0février\xa02027', 'February 28, 2027')
    >>> format_date(dt.date(2027, 3, 1), "fr"), format_date(dt.date(2027, 3, 1), "fr", "full")
    ('1er\xa0mars\xa02027', 'lundi\xa01er\xa0mars\xa02027')
    >>> format_date(dt.date(2026, 11, 29), "fr", "numeric")
    '29/11/2026'
    >>> format_date(dt.date(2026, 11, 29), "en", "numeric")
    '11/29/2026'
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if style not in _DATE_FORMATS:
        raise ValueError(
            f"unknown date style {style!r}: expected numeric, short, medium, long or full"
        )
    locale = LOCALES[lang]
    if style == "numeric":
        return str(dates.format_skeleton("yMd", value, locale=locale))
    if value.day == 1 and style in ("medium", "long", "full"):
        # French writes the first of the month as an ordinal: « 1er mars 2027 ».
        first = pgettext(lang, "the first day of a month in a date", "1")
        if first != "1":
            literal = "'" + first.replace("'", "''") + "'"
            pattern = _DAY_FIELD.sub(literal, str(locale.date_formats[style].pattern), count=1)
            return _unbreakable(dates.format_date(value, format=pattern, locale=locale), lang)
    return _unbreakable(dates.format_date(value, format=style, locale=locale), lang)


def format_datetime(value: dt.datetime | dt.date, lang: str, timezone: str) -> str:
    """A moment in ``timezone`` (the mission's): long date, then the time of day.

    A date prints as a date. Naive datetimes never reach here (the model refuses them).

    >>> moment = dt.datetime(2026, 2, 23, 8, 30, tzinfo=dt.timezone.utc)
    >>> format_datetime(moment, "en", "Europe/Paris")
    'February 23, 2026, 9:30\\u202fAM'
    """
    if not isinstance(value, dt.datetime):
        return format_date(value, lang)
    locale = LOCALES[lang]
    local = value.astimezone(zoneinfo.ZoneInfo(timezone))
    day = _unbreakable(dates.format_date(local.date(), format="long", locale=locale), lang)
    time = dates.format_time(local.time(), format="short", locale=locale)
    pattern = str(dates.get_datetime_format("long", locale=locale))
    return pattern.replace("'", "").replace("{0}", time).replace("{1}", day)


def format_time(value: dt.time | dt.datetime, lang: str) -> str:
    """A time of day: ``09:30`` / ``9:30 AM`` (a datetime: its own, already local, time).

    >>> format_time(dt.time(9, 30), "fr"), format_time(dt.time(9, 30), "en")
    ('09:30', '9:30\\u202fAM')
    """
    clock = value.time() if isinstance(value, dt.datetime) else value
    return str(dates.format_time(clock, format="short", locale=LOCALES[lang]))


def _clock(lang: str) -> str:
    """The skeleton of the language's clock: ``Hm`` (24 hours) or ``hm`` (AM/PM)."""
    pattern = str(LOCALES[lang].time_formats["short"].pattern)
    return "hm" if "h" in pattern else "Hm"


def format_hours(start: dt.datetime, end: dt.datetime | None, lang: str) -> str:
    """``09:30 – 12:10`` / ``9:30 AM – 12:10 PM`` for two local datetimes of one day.

    ``start`` alone without an ``end``; both with the end's date when it is another day.

    >>> start = dt.datetime(2026, 3, 2, 9, 30)
    >>> format_hours(start, start + dt.timedelta(minutes=160), "fr")
    '09:30\\u2009–\\u200912:10'
    """
    if end is None:
        return format_time(start, lang)
    if end.date() != start.date():
        # A meeting running past midnight: both ends with their dates.
        return (
            f"{format_time(start, lang)} – {format_date(end, lang, 'medium')}, "
            f"{format_time(end, lang)}"
        )
    return str(dates.format_interval(start.time(), end.time(), _clock(lang), locale=LOCALES[lang]))


def format_duration(minutes: int, lang: str) -> str:
    """``2 h 40 min`` / ``2 hr 40 min``, ``15 min``, ``1 h`` / ``1 hr`` (Babel's short units).

    >>> format_duration(160, "en"), format_duration(15, "fr")
    ('2 hr 40 min', '15\\xa0min')
    """
    locale = LOCALES[lang]
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(units.format_unit(hours, "duration-hour", "short", locale=locale))
    if rest or not hours:
        parts.append(units.format_unit(rest, "duration-minute", "short", locale=locale))
    return " ".join(str(part) for part in parts)


def format_days(count: int, lang: str) -> str:
    """A number of days in words: ``1 jour``, ``10 jours`` / ``1 day``, ``10 days``.

    >>> format_days(1, "fr"), format_days(30, "en")
    ('1\\xa0jour', '30 days')
    """
    return str(units.format_unit(count, "duration-day", "long", locale=LOCALES[lang]))


def format_months(count: int, lang: str) -> str:
    """A number of months in words: ``12 mois`` / ``1 month``, ``12 months`` / ``12 meses``.

    >>> format_months(1, "en"), format_months(12, "es")
    ('1 month', '12 meses')
    """
    return str(units.format_unit(count, "duration-month", "long", locale=LOCALES[lang]))


def format_period(start: dt.date, end: dt.date, lang: str) -> str:
    """``2–8 mars 2026`` / ``Mar 2 – 8, 2026`` (a single day when the two are equal).

    >>> format_period(dt.date(2026, 3, 2), dt.date(2026, 3, 8), "fr")
    '2–8\xa0mars\xa02026'
    """
    return _unbreakable(dates.format_interval(start, end, "yMMMd", locale=LOCALES[lang]), lang)


def timezone_name(zone: zoneinfo.ZoneInfo, lang: str) -> str:
    """The zone's long name, whatever the season: ``heure d’Europe centrale``.

    >>> timezone_name(zoneinfo.ZoneInfo("Europe/Paris"), "en")
    'Central European Time'
    """
    return str(dates.get_timezone_name(zone, "long", locale=LOCALES[lang]))


def format_phone(value: str) -> str:
    """A phone number as written, on one line: its spaces become no-break spaces.

    >>> format_phone("+33 4 76 12 34 56")
    '+33\xa04\xa076\xa012\xa034\xa056'
    """
    return value.replace(" ", "\u00a0")


def format_list(items: Iterable[object], lang: str) -> str:
    """``a, b et c`` / ``a, b, and c``.

    >>> format_list(["Lyon", "Vienne", "Annecy"], "fr")
    'Lyon, Vienne et Annecy'
    """
    return lists.format_list([str(item) for item in items], locale=LOCALES[lang])


def horizon_name(horizon: Horizon, lang: str) -> str:
    """The horizon as people of ``lang`` write it: ``M+1``, ``J+10``/``D+10``, ``fin d'année``.

    >>> horizon_name(Horizon.parse("W+2"), "fr"), horizon_name(Horizon.parse("EOY"), "en")
    ('S+2', 'end of year')
    """
    words = PHRASES[lang]
    kind = horizon.kind
    if kind is HorizonKind.MONTHS:
        return words["horizon_months"].format(count=horizon.count)
    if kind is HorizonKind.WEEKS:
        return words["horizon_weeks"].format(count=horizon.count)
    if kind is HorizonKind.DAYS:
        return words["horizon_days"].format(count=horizon.count)
    if kind is HorizonKind.END_OF_MONTH:
        return words["horizon_eom"]
    if kind is HorizonKind.END_OF_QUARTER:
        return words["horizon_eoq"]
    if kind is HorizonKind.END_OF_YEAR:
        if horizon.fiscal_year_end is None:
            return words["horizon_eoy"]
        month = dates.get_month_names("wide", locale=LOCALES[lang])[horizon.fiscal_year_end]
        return words["horizon_fiscal"].format(month=month)
    return enum_label(kind, lang)


def format_horizon(horizon: Horizon, start: dt.date, lang: str) -> str:
    """A horizon and the date it falls on: ``M+1 — 2 avril 2026``; a fixed date alone.

    >>> format_horizon(Horizon.parse("M+1"), dt.date(2026, 3, 2), "fr")
    'M+1 — 2\\xa0avril\\xa02026'
    >>> format_horizon(Horizon.parse("2026-02-28"), dt.date(2026, 3, 2), "en")
    'February 28, 2026'
    """
    due = format_date(horizon.resolve(start), lang)
    if horizon.kind is HorizonKind.DATE:
        return due
    return f"{horizon_name(horizon, lang)} — {due}"


def country_name(code: str, lang: str) -> str:
    """The name of an ISO 3166 country in ``lang`` (``DE`` → ``Allemagne`` / ``Germany``).

    >>> country_name("DE", "fr"), country_name("DE", "en")
    ('Allemagne', 'Germany')
    """
    return str(LOCALES[lang].territories.get(code, code))


def format_label(value: object, lang: str) -> str:
    """An enum member or a boolean in words.

    >>> format_label(True, "fr")
    'oui'
    """
    if isinstance(value, bool):
        return PHRASES[lang]["yes" if value else "no"]
    if not isinstance(value, enum.Enum):
        return str(value)
    return enum_label(value, lang)
