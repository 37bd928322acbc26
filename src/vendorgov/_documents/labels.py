"""The words of the documents: the shared labels, and the catalogs given to Jinja.

Enum labels, units and fixed phrases live in `vendorgov._labels`, shared by every face
(documents, command line, calendar, notebook display); they are re-exported here so
that the documents' imports keep working. This module gives Jinja environments their
gettext functions (`install_translations`): the ``{% trans %}`` blocks and ``_()``
calls of the templates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from vendorgov._i18n import translations
from vendorgov._labels import (
    LANGUAGES,
    PHRASES,
    STANDINGS,
    enum_label,
    standing_label,
    table_classes,
    unit_label,
)

__all__ = [
    "LANGUAGES",
    "PHRASES",
    "STANDINGS",
    "enum_label",
    "install_translations",
    "standing_label",
    "table_classes",
    "unit_label",
]


# -- gettext for templates ---------------------------------------------------------------------
def install_translations(
    env: jinja2.Environment, lang: str, finalize: Callable[[Any], Any]
) -> None:
    """Give ``env`` (with Jinja's ``i18n`` extension) the catalog of ``lang``.

    The functions follow Jinja's *new style* gettext (``_("%(n)s KPIs", n=3)``,
    ``{% trans n=3 %}``): the message is a format string, always (a literal ``%`` is
    ``%%``). Unlike Jinja's own, each variable goes through the environment's
    ``finalize`` hook before it is put into the message, so that a date, an amount or an
    enum in a ``{% trans %}`` block prints as it does in ``{{ }}``, and, in Markdown, data
    is escaped for Markdown rather than for HTML. The message itself is template text:
    it is marked safe.
    """
    catalog = translations(lang)

    def fill(text: str, variables: dict[str, Any]) -> Markup:
        shown = {name: finalize(value) for name, value in variables.items()}
        return Markup(text) % shown  # noqa: S704 - the catalog's text; values are escaped

    @jinja2.pass_context
    def gettext(__context: jinja2.runtime.Context, __message: str, **variables: Any) -> Markup:
        return fill(catalog.gettext(__message), variables)

    @jinja2.pass_context
    def ngettext(
        __context: jinja2.runtime.Context,
        __singular: str,
        __plural: str,
        __num: int,
        **variables: Any,
    ) -> Markup:
        variables.setdefault("num", __num)
        return fill(catalog.ngettext(__singular, __plural, __num), variables)

    @jinja2.pass_context
    def pgettext(
        __context: jinja2.runtime.Context, __message_context: str, __message: str, **variables: Any
    ) -> Markup:
        return fill(catalog.pgettext(__message_context, __message), variables)

    @jinja2.pass_context
    def npgettext(
        __context: jinja2.runtime.Context,
        __message_context: str,
        __singular: str,
        __plural: str,
        __num: int,
        **variables: Any,
    ) -> Markup:
        variables.setdefault("num", __num)
        return fill(catalog.npgettext(__message_context, __singular, __plural, __num), variables)

    env.newstyle_gettext = True  # type: ignore[attr-defined] # the i18n extension reads it
    env.globals.update(gettext=gettext, ngettext=ngettext, pgettext=pgettext, npgettext=npgettext)
