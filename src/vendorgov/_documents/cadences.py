"""A cadence in words, for every document that says when something comes back.

`cadence_words` writes when a cadence recurs so that it can follow a verb or a noun in
both languages: *les points d'étape ont lieu* / *un rapport d'activité* ``le premier
mardi de chaque mois``, *reviews take place* / *an activity report* ``every Monday``.
The grammar lives here rather than in the templates, where it would be hard to follow
and impossible to test.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from babel import dates

from vendorgov._documents.formatting import LOCALES, format_list, format_time
from vendorgov._documents.labels import enum_label
from vendorgov._model.cadence import Cadence, Frequency

__all__ = ["cadence_words"]

_NUMBERS: Final = {
    "fr": ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
    "en": ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
_NTH: Final = {
    "fr": {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", -1: "dernier"},
    "en": {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"},
}


def _count(number: int, lang: str) -> str:
    """``deux`` / ``two`` up to ten, then digits."""
    words = _NUMBERS[lang]
    return words[number] if 0 < number < len(words) else str(number)


def _day_of_month(day: int, lang: str) -> str:
    """``1er``, ``22`` / ``1st``, ``22nd``."""
    if lang == "fr":
        return "1er" if day == 1 else str(day)
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _months(step: int, start: dt.date, lang: str) -> str:
    """The months a cadence of ``step`` months falls in, from ``start``'s month."""
    locale = LOCALES[lang]
    if 12 % step == 0:
        names = dates.get_month_names("wide", locale=locale)
        months = sorted((start.month - 1 + step * k) % 12 + 1 for k in range(12 // step))
        listed = format_list((names[month] for month in months), lang)
        return f"en {listed}" if lang == "fr" else f"in {listed}"
    first = dates.format_date(start, format="MMMM y", locale=locale)
    return f"à compter de {first}" if lang == "fr" else f"starting in {first}"


def _weekly(cadence: Cadence, lang: str) -> str:
    assert cadence.weekday is not None  # the cadence checks it
    weekday = enum_label(cadence.weekday, lang)
    interval = cadence.interval
    if lang == "fr":
        if interval == 1:
            return f"chaque {weekday}"
        return f"toutes les {_count(interval, lang)} semaines, le {weekday}"
    if interval == 1:
        return f"every {weekday}"
    if interval == 2:
        return f"every other {weekday}"
    return f"every {_count(interval, lang)} weeks, on {weekday}s"


def _which_day(cadence: Cadence, lang: str) -> str:
    """The day in the month, without its article: ``premier mardi``, ``1er`` / ``1st``."""
    if cadence.day is None:
        assert cadence.nth is not None  # the cadence checks it
        assert cadence.weekday is not None
        return f"{_NTH[lang][cadence.nth]} {enum_label(cadence.weekday, lang)}"
    if cadence.day == 31:
        return "dernier jour" if lang == "fr" else "last day"
    return _day_of_month(cadence.day, lang)


def _monthly(cadence: Cadence, lang: str, start: dt.date) -> str:
    fr = lang == "fr"
    which = _which_day(cadence, lang)
    shorter = ""
    if cadence.day is not None and 28 < cadence.day < 31:
        shorter = (
            " (ou le dernier jour du mois s'il est plus court)"
            if fr
            else " (or the last day of shorter months)"
        )
    step = cadence.interval * (3 if cadence.frequency is Frequency.QUARTERLY else 1)
    if step == 1:
        return (f"le {which} de chaque mois" if fr else f"on the {which} of every month") + shorter
    if cadence.frequency is Frequency.QUARTERLY and cadence.interval == 1:
        rhythm = "chaque trimestre" if fr else "every quarter"
    else:
        months = _count(step, lang)
        rhythm = f"tous les {months} mois" if fr else f"every {months} months"
    day = f"le {which} du mois" if fr else f"on the {which} of the month"
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
        at = "à" if lang == "fr" else "at"
        words += f", {at} {format_time(cadence.time, lang)}"
    return words
