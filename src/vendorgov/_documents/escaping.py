r"""Escaping data for Markdown and HTML, so that nothing from data becomes markup.

HTML relies on Jinja's autoescape (``&``, ``<``, ``>``, ``"`` and ``'`` become entities);
this module only adds the paragraph filter. Markdown has no autoescape, so the Markdown
environment escapes every printed value that is not ``Markup`` through
[`escape_markdown`][vendorgov._documents.escaping.escape_markdown], whose rules (CommonMark
and GitHub tables) are:

1. Line breaks and the blanks around them collapse to one space, and the value is
   stripped: a value is *inline* text, it can sit in a table cell, a list item or a
   heading without ending it (multi-paragraph text goes through ``paragraphs``).
2. A backslash goes before every ``\``, `````, ``*``, ``[``, ``]``, ``<``, ``>``, ``|``
   and ``~`` (code, emphasis, links and images, raw HTML and autolinks, block quotes,
   table cells, strikethrough and fences).
3. ``_`` is escaped unless it sits between two letters or digits (``on_time_shipping``
   stays readable: an intraword underscore cannot open or close emphasis).
4. ``&`` is escaped when it would start an entity (``&amp;``, ``&#35;``).
5. At the start of the value: ``#`` (heading), ``-``, ``+`` or ``=`` followed by a blank,
   the end or another of them (list item, thematic break, setext underline), and the
   ``.`` or ``)`` of ``1.`` / ``1)`` followed by a blank or the end (ordered list).

Backslash escapes of ASCII punctuation are part of CommonMark: every renderer shows the
character itself. Bare URLs are left alone (a GitHub renderer may still make them
clickable; their text does not change).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

__all__ = ["escape_markdown", "html_paragraphs", "markdown_paragraphs", "split_paragraphs"]

_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n)\s*")
_ALWAYS = re.compile(r"([\\`*\[\]<>|~])")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LEADING_BLOCK = re.compile(r"^([#]|[-+=](?=[\s\-+=]|$))")
_LEADING_ORDERED = re.compile(r"^([0-9]{1,9})([.)])(?=\s|$)")
_NEEDS_WORK = re.compile(r"[\\`*\[\]<>|~_&\r\n]|^(?:\s|[#+=-]|[0-9]{1,9}[.)])|\s$")
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)\s*")


def escape_markdown(text: str) -> str:
    r"""Escape ``text`` so that Markdown prints it literally, on one line.

    >>> print(escape_markdown("**bold** | _x_ <b> on_time"))
    \*\*bold\*\* \| \_x\_ \<b\> on_time
    >>> print(escape_markdown("# title\nsecond line"))
    \# title second line
    >>> print(escape_markdown("1. first"))
    1\. first
    """
    if _NEEDS_WORK.search(text) is None:
        return text  # the common case: plain words
    text = _BREAKS.sub(" ", text).strip()
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _LEADING_BLOCK.sub(r"\\\1", text)
    return _LEADING_ORDERED.sub(r"\1\\\2", text)


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: blocks separated by a blank line, empty ones dropped.

    >>> split_paragraphs("one\\nstill one\\n\\n\\ntwo\\n")
    ['one\\nstill one', 'two']
    """
    return [part.strip() for part in _PARAGRAPH_BREAK.split(text) if part.strip()]


def markdown_paragraphs(text: str, indent: int = 0) -> Markup:
    r"""Escaped Markdown paragraphs separated by blank lines.

    Each paragraph is escaped as one inline value; paragraphs after the first are
    indented by ``indent`` spaces so that they stay inside a list item.

    >>> print(markdown_paragraphs("First *one*\ncontinued.\n\n# Second"))
    First \*one\* continued.
    <BLANKLINE>
    \# Second
    """
    joiner = "\n\n" + " " * indent
    parts = (escape_markdown(part) for part in split_paragraphs(text))
    return Markup(joiner.join(parts))  # noqa: S704 - every part is escaped


def html_paragraphs(text: str) -> Markup:
    """Escaped HTML paragraphs, one ``<p>`` per paragraph.

    >>> print(html_paragraphs("a < b\\n\\nc"))
    <p>a &lt; b</p>
    <p>c</p>
    """
    return Markup("\n").join(
        Markup("<p>{}</p>").format(escape(part)) for part in split_paragraphs(text)
    )
