"""Message catalogs: the words people read, one gettext catalog per language.

Every sentence vendorgov prints for a person (in documents, and in time on the command
line, in the calendar and in notebooks) is a gettext message whose id is the English text.
The translations live in ``vendorgov/locale/<lang>/LC_MESSAGES/vendorgov.po`` and ship
compiled (``vendorgov.mo``, committed beside the ``.po``): nothing is compiled at import or
at run time. ``docs/contributing.md`` gives the ``pybabel`` commands that extract, update
and compile them, and how to add a language.

This is an edge-layer module: the model and the engine never import it (their results
carry codes and parameters, and the edges put them into words).

Messages are marked for extraction by the calls below, whose first argument is the
language (``babel.cfg`` tells ``pybabel`` where the message is); tables of messages built
before a language is known use the `N_` and `NP_` markers and are translated later.

>>> gettext("fr", "Provider"), gettext("es", "Provider"), gettext("en", "Provider")
('Prestataire', 'Proveedor', 'Provider')
>>> pgettext("fr", "Status", "met")
'atteint'
"""

from __future__ import annotations

import functools
import gettext as _gettext
import importlib.resources
from typing import Final

from vendorgov.exceptions import ErrorDetail, ValidationError

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_NAMES",
    "NP_",
    "N_",
    "check_language",
    "gettext",
    "ngettext",
    "npgettext",
    "pgettext",
    "translate",
    "translations",
]

LANGUAGES: Final = ("fr", "en", "es")
"""The languages vendorgov speaks, each with its catalog."""

LOCALE_NAMES: Final[dict[str, str]] = {"fr": "fr_FR", "en": "en_US", "es": "es_ES"}
"""The Babel locale that formats numbers, money and dates in each language."""

DOMAIN: Final = "vendorgov"
"""The gettext domain: the catalogs are ``locale/<lang>/LC_MESSAGES/vendorgov.mo``."""


def check_language(lang: object, path: str = "lang") -> str:
    """``lang`` if vendorgov speaks it.

    Raises:
        ValidationError: For any other value (at ``path``), listing the languages.

    >>> check_language("de")
    Traceback (most recent call last):
    ...
    vendorgov.exceptions.ValidationError: 1 problem:
      lang: unknown language 'de': expected one of 'fr', 'en', 'es'
    """
    if isinstance(lang, str) and lang in LANGUAGES:
        return lang
    listed = ", ".join(repr(item) for item in LANGUAGES)
    raise ValidationError(
        [ErrorDetail(path, f"unknown language {lang!r}: expected one of {listed}")]
    )


@functools.cache
def _load(lang: str) -> _gettext.GNUTranslations:
    resource = importlib.resources.files("vendorgov").joinpath(
        "locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo"
    )
    with resource.open("rb") as file:
        return _gettext.GNUTranslations(file)


def translations(lang: str) -> _gettext.GNUTranslations:
    """The catalog of ``lang``, read once from the package's compiled ``.mo`` file.

    A message the catalog lacks comes back as its English id (the English catalog is
    mostly empty for that reason); ``tests/test_i18n.py`` makes sure no French or Spanish
    message is missing.

    Raises:
        ValidationError: When vendorgov does not speak ``lang`` (path ``lang``).

    >>> translations("fr").gettext("Provider")
    'Prestataire'
    """
    return _load(check_language(lang))


def gettext(lang: str, message: str) -> str:
    """``message`` (its English text) in ``lang``.

    >>> gettext("fr", "Summary")
    'Synthèse'
    """
    return translations(lang).gettext(message)


def pgettext(lang: str, context: str, message: str) -> str:
    """``message`` in ``lang``, in a context that tells it from the same English word.

    Enum labels use the enumeration's name as their context, so that *open* (an action)
    and *open* (a need) may be translated apart.

    >>> pgettext("fr", "ActionStatus", "open"), pgettext("fr", "NeedStatus", "open")
    ('en cours', 'en attente')
    """
    return translations(lang).pgettext(context, message)


def ngettext(lang: str, singular: str, plural: str, count: int) -> str:
    """The singular or a plural form of a message for ``count``, by ``lang``'s rules.

    >>> message = ngettext("fr", "%(count)s open action is past its due date.",
    ...                    "%(count)s open actions are past their due date.", 2)
    >>> message % {"count": 2}
    '2 actions en cours ont dépassé leur échéance.'
    """
    return translations(lang).ngettext(singular, plural, count)


def npgettext(lang: str, context: str, singular: str, plural: str, count: int) -> str:
    """`ngettext` with a context.

    >>> npgettext("en", "KPIs", "%(num)s KPI met", "%(num)s KPIs met", 1) % {"num": 1}
    '1 KPI met'
    """
    return translations(lang).npgettext(context, singular, plural, count)


def translate(lang: str, marked: str | tuple[str, str]) -> str:
    """A message marked with `N_` (a string) or `NP_` (a context and a string), in ``lang``.

    >>> translate("fr", NP_("Status", "met")), translate("es", N_("yes"))
    ('atteint', 'sí')
    """
    if isinstance(marked, str):
        return translations(lang).gettext(marked)
    context, message = marked
    return translations(lang).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for a marker
    """Mark ``message`` for extraction without translating it (translate it later).

    >>> N_("Summary")
    'Summary'
    """
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - see N_
    """Mark ``message`` with its ``context`` for extraction; translate it later.

    >>> NP_("Status", "met")
    ('Status', 'met')
    """
    return context, message
