"""Texts a person writes, in one language or in several (`LocalizedText`).

A name or a description in a mission file is either a plain string, written in
the mission's language, or a table of translations::

    name = { fr = "Taux d'expédition à l'heure", en = "On-time shipping rate" }

The model keeps the table as it is; which text a document shows is decided by
the one helper `localize`, that every edge calls (the engine never picks a
language: it passes the value through).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import attrs

from vendorgov._model.validation import UNKNOWN, Model, excerpt, problem
from vendorgov.exceptions import ErrorDetail

__all__ = ["LANGUAGE_PATTERN", "LocalizedText", "language_problem", "localize"]

LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(?:-(?:[A-Z]{2}|[0-9]{3}))?$")
"""A language code: a BCP 47 primary subtag (2–3 lower-case letters) and an
optional region (``pt-BR``, ``es-419``)."""

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$")


def language_problem(value: str, path: str) -> ErrorDetail | None:
    """A problem if ``value`` is not a language code like ``fr``, ``en`` or ``pt-BR``."""
    if value is UNKNOWN:  # did not load: reported already
        return None
    if LANGUAGE_PATTERN.fullmatch(value):
        return None
    return problem(
        path,
        f"{excerpt(value)} is not a language code: write 2 or 3 lower-case letters "
        "('fr', 'en', 'es'), optionally with a region ('pt-BR')",
    )


def _step(lang: object) -> str:
    """A language as a path step: ``en`` as it is, anything odd quoted."""
    text = str(lang)
    return text if _PLAIN_KEY.match(text) else f"[{json.dumps(text[:60])}]"


def _pairs(value: Any) -> Any:
    """``(language, text)`` pairs, in the order written, from a mapping or from pairs.

    Anything else is kept as it is, for the type check to report.
    """
    if isinstance(value, Mapping):
        return tuple(value.items())
    if isinstance(value, list | tuple) and all(
        isinstance(pair, list | tuple) and len(pair) == 2 for pair in value
    ):
        return tuple(tuple(pair) for pair in value)
    return value


@attrs.frozen(repr=False)
class LocalizedText(Model):
    """A text written in several languages: a name or a description and its translations.

    Built from a mapping of language codes to texts, kept in the order written:
    the first language is the one shown when neither the language asked for
    nor the mission's language has a text. Wherever a field is typed
    ``str | LocalizedText``, a plain string still works and means a text in
    the mission's language.

    Attributes:
        texts: The ``(language, text)`` pairs, in the order written.

    >>> name = LocalizedText({"fr": "Taux d'expédition à l'heure", "en": "On-time shipping rate"})
    >>> name.get("en"), name.get("es")
    ('On-time shipping rate', None)
    >>> name.languages
    ('fr', 'en')
    >>> name.in_language("es", fallback="en")
    'On-time shipping rate'
    >>> str(name)
    "Taux d'expédition à l'heure"
    >>> LocalizedText({"fr": "Délai", "en": "Lead time"})
    LocalizedText({'fr': 'Délai', 'en': 'Lead time'})
    """

    texts: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs)

    kind_words: ClassVar[str] = "a table of translations"

    def _problems(self) -> Iterator[ErrorDetail]:
        if not self.texts:
            yield problem("", "needs a text in at least one language")
        seen: set[str] = set()
        for index, pair in enumerate(self.texts):
            if len(pair) != 2:
                yield problem(f"texts[{index}]", "expected a (language, text) pair")
                continue
            lang, text = pair
            bad = language_problem(lang, _step(lang))
            if bad is not None:
                yield bad
            elif lang in seen:
                yield problem(_step(lang), f"the language {excerpt(lang)} appears twice")
            seen.add(lang)
            if not text.strip():
                yield problem(_step(lang), "must not be empty")

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages that have a text, in the order written."""
        return tuple(lang for lang, _ in self.texts)

    def get(self, lang: str) -> str | None:
        """The text in ``lang``, or ``None`` when it has none (no fallback).

        >>> LocalizedText({"fr": "Délai", "en": "Lead time"}).get("fr")
        'Délai'
        """
        for code, text in self.texts:
            if code == lang:
                return text
        return None

    def in_language(self, lang: str, fallback: str) -> str:
        """The text in ``lang``; else in ``fallback`` (the mission's language); else the first.

        >>> LocalizedText({"en": "Lead time", "es": "Plazo"}).in_language("fr", "fr")
        'Lead time'
        """
        return self.choose(lang, fallback)[1]

    def choose(self, lang: str, fallback: str) -> tuple[str, str]:
        """The language whose text shows in ``lang``, and that text.

        The one rule of [`localize`][vendorgov.localize]: ``lang``, else ``fallback``,
        else the first language written.

        >>> LocalizedText({"en": "Lead time", "es": "Plazo"}).choose("fr", "es")
        ('es', 'Plazo')
        """
        for wanted in (lang, fallback):
            text = self.get(wanted)
            if text is not None:
                return wanted, text
        return self.texts[0]

    def __str__(self) -> str:
        """The text in the first language, so that printing a name keeps working."""
        return self.texts[0][1]

    def __repr__(self) -> str:
        """The call that builds it again: ``LocalizedText({'fr': '...', 'en': '...'})``."""
        return f"LocalizedText({dict(self.texts)!r})"

    def _repr_html_(self) -> str:
        """The texts as a small HTML list, for notebooks."""
        from html import escape

        items = "".join(
            f"<li><code>{escape(lang)}</code> {escape(text)}</li>" for lang, text in self.texts
        )
        return f'<ul class="vg-localized-text">{items}</ul>'


def localize(value: str | LocalizedText, lang: str, fallback: str) -> tuple[str, bool]:
    """The text of ``value`` to show in ``lang``, and whether it fell back.

    The one rule every edge follows: a plain string shows as written (it is
    in the mission's language); a `LocalizedText` shows its text in ``lang``;
    when it has none, its text in ``fallback`` (the mission's language); else
    its first text. The flag says that the text shown is not in ``lang``.

    >>> localize("Délai", "en", "fr")
    ('Délai', False)
    >>> name = LocalizedText({"fr": "Délai", "en": "Lead time"})
    >>> localize(name, "en", "fr"), localize(name, "es", "fr")
    (('Lead time', False), ('Délai', True))
    """
    if not isinstance(value, LocalizedText):
        return value, False
    shown, text = value.choose(lang, fallback)
    return text, shown != lang
