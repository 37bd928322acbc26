"""A cadence in words, for every document that says when something comes back.

`cadence_words` writes when a cadence recurs so that it can follow a verb or a noun in
every language: *les points d'étape ont lieu* / *un rapport d'activité* ``le premier
mardi de chaque mois``, *reviews take place* / *an activity report* ``every Monday``.
The grammar lives here rather than in the templates, where it would be hard to follow
and impossible to test.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from babel import dates

from vendorgov._documents.labels import enum_label
from vendorgov._format import LOCALES, format_list, format_time
from vendorgov._i18n import NP_, gettext, translate
from vendorgov._model.cadence import Cadence, Frequency

__all__ = ["cadence_words"]

# Counts in words up to ten (then digits), and the rank of a weekday in its month.
_NUMBERS: Final = (
    NP_("count in words", "one"),
    NP_("count in words", "two"),
    NP_("count in words", "three"),
    NP_("count in words", "four"),
    NP_("count in words", "five"),
    NP_("count in words", "six"),
    NP_("count in words", "seven"),
    NP_("count in words", "eight"),
    NP_("count in words", "nine"),
    NP_("count in words", "ten"),
)
_NTH: Final = {
    1: NP_("weekday of the month", "first"),
    2: NP_("weekday of the month", "second"),
    3: NP_("weekday of the month", "third"),
    4: NP_("weekday of the month", "fourth"),
    -1: NP_("weekday of the month", "last"),
}
# A day of the month as an ordinal, by the language's ordinal category (CLDR plural rules
# for ordinals): English 1st, 2nd, 3rd, 4th; French 1er, then plain numbers.
_ORDINAL_DAY: Final = {
    "one": NP_("day of the month, CLDR ordinal category one", "%(day)sst"),
    "two": NP_("day of the month, CLDR ordinal category two", "%(day)snd"),
    "few": NP_("day of the month, CLDR ordinal category few", "%(day)srd"),
    "many": NP_("day of the month, CLDR ordinal category many", "%(day)sth"),
    "other": NP_("day of the month, CLDR ordinal category other", "%(day)sth"),
}


def _count(number: int, lang: str) -> str:
    """``deux`` / ``two`` up to ten, then digits."""
    if 0 < number <= len(_NUMBERS):
        return translate(lang, _NUMBERS[number - 1])
    return str(number)


def _day_of_month(day: int, lang: str) -> str:
    """``1er``, ``22`` / ``1st``, ``22nd``."""
    category = LOCALES[lang].ordinal_form(day)
    return translate(lang, _ORDINAL_DAY[category]) % {"day": day}


def _months(step: int, start: dt.date, lang: str) -> str:
    """The months a cadence of ``step`` months falls in, from ``start``'s month."""
    locale = LOCALES[lang]
    if 12 % step == 0:
        names = dates.get_month_names("wide", locale=locale)
        months = sorted((start.month - 1 + step * k) % 12 + 1 for k in range(12 // step))
        listed = format_list((names[month] for month in months), lang)
        return gettext(lang, "in %(months)s") % {"months": listed}
    first = dates.format_date(start, format="MMMM y", locale=locale)
    return gettext(lang, "starting in %(month)s") % {"month": first}


def _weekly(cadence: Cadence, lang: str) -> str:
    assert cadence.weekday is not None  # the cadence checks it
    weekday = enum_label(cadence.weekday, lang)
    interval = cadence.interval
    if interval == 1:
        return gettext(lang, "every %(weekday)s") % {"weekday": weekday}
    if interval == 2:
        return gettext(lang, "every other %(weekday)s") % {"weekday": weekday}
    return gettext(lang, "every %(count)s weeks, on %(weekday)ss") % {
        "count": _count(interval, lang),
        "weekday": weekday,
    }


def _which_day(cadence: Cadence, lang: str) -> str:
    """The day in the month, without its article: ``premier mardi``, ``1er`` / ``1st``."""
    if cadence.day is None:
        assert cadence.nth is not None  # the cadence checks it
        assert cadence.weekday is not None
        return gettext(lang, "%(nth)s %(weekday)s") % {
            "nth": translate(lang, _NTH[cadence.nth]),
            "weekday": enum_label(cadence.weekday, lang),
        }
    if cadence.day == 31:
        return gettext(lang, "last day")
    return _day_of_month(cadence.day, lang)


def _monthly(cadence: Cadence, lang: str, start: dt.date) -> str:
    which = _which_day(cadence, lang)
    shorter = ""
    if cadence.day is not None and 28 < cadence.day < 31:
        shorter = " " + gettext(lang, "(or the last day of shorter months)")
    step = cadence.interval * (3 if cadence.frequency is Frequency.QUARTERLY else 1)
    if step == 1:
        return gettext(lang, "on the %(day)s of every month") % {"day": which} + shorter
    if cadence.frequency is Frequency.QUARTERLY and cadence.interval == 1:
        rhythm = gettext(lang, "every quarter")
    else:
        rhythm = gettext(lang, "every %(count)s months") % {"count": _count(step, lang)}
    day = gettext(lang, "on the %(day)s of the month") % {"day": which}
    return f"{rhythm}, {day}{shorter}, {_months(step, start, lang)}"


def cadence_words(cadence: Cadence, lang: str, start: dt.date, *, with_time: bool = False) -> str:
    """When ``cadence`` comes back, in words that follow a verb or a noun.

    A cadence that does not come back every month names its months, counted from
    ``start`` (the mission's) as `occurrences` does. ``with_time`` adds the cadence's
    time of day, when it has one.

    >>> from vendorgov import Frequency, Weekday
    >>> start = dt.date(2026, 3, 2)
    >>> cadence_words(Cadence(frequency=Frequency.WEEKLY, weekday=Weekday.MO), "fr", start)
    'chaque lundi'
    >>> cadence_words(Cadence(frequency=Frequency.MONTHLY, day=31), "en", start)
    'on the last day of every month'
    >>> cadence_words(Cadence(frequency=Frequency.MONTHLY, nth=1, weekday=Weekday.TU,
    ...                       time=dt.time(10, 0)), "en", start, with_time=True)
    'on the first Tuesday of every month, at 10:00\\u202fAM'
    >>> cadence_words(Cadence(frequency=Frequency.QUARTERLY, day=15), "fr", start)
    'chaque trimestre, le 15 du mois, en mars, juin, septembre et décembre'
    """
    if cadence.frequency is Frequency.WEEKLY:
        words = _weekly(cadence, lang)
    else:
        words = _monthly(cadence, lang, start)
    if with_time and cadence.time is not None:
        at = gettext(lang, "at %(time)s")
        words += ", " + at % {"time": format_time(cadence.time, lang)}
    return words
