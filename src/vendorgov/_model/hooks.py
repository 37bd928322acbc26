"""Hooks: where an edge plugs into the model without the model importing it.

How a value looks in a notebook is the business of an edge (``vendorgov._display``),
but Jupyter asks the value itself (``_repr_html_``). The model's methods therefore
look up a renderer here, by kind, and the edge registers its renderers when it is
imported. Until then, the *loaders* registered here (``vendorgov/__init__.py``
registers one that imports the display edge) are run once, on first use: the model
never imports an edge, not even inside a function, and ``import vendorgov`` loads no
edge.

>>> from vendorgov._model import hooks
>>> sorted(kind for kind in hooks.HTML_KINDS)
['findings', 'mission', 'payouts', 'portfolio', 'scorecard', 'scorecards']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

__all__ = ["HTML_KINDS", "add_loader", "html", "register_html"]

HTML_KINDS: Final = frozenset(
    {"findings", "mission", "payouts", "portfolio", "scorecard", "scorecards"}
)
"""The kinds of value with an HTML view: a mission, a scorecard, findings, payouts, a
portfolio, a score history."""

_HTML: dict[str, Callable[[Any], str]] = {}
_LOADERS: list[Callable[[], object]] = []


def register_html(kind: str, renderer: Callable[[Any], str]) -> None:
    """Make ``renderer`` the HTML view of the values of ``kind`` (the edge calls it).

    Raises:
        ValueError: When ``kind`` is not one of `HTML_KINDS`.
    """
    if kind not in HTML_KINDS:
        raise ValueError(f"no HTML view for {kind!r} (known: {', '.join(sorted(HTML_KINDS))})")
    _HTML[kind] = renderer


def add_loader(loader: Callable[[], object]) -> None:
    """Run ``loader`` the first time a view is missing; it should register views."""
    _LOADERS.append(loader)


def html(kind: str, value: object) -> str:
    """The HTML view of ``value``, a value of ``kind``, by the registered renderer.

    Raises:
        LookupError: When no renderer is registered for ``kind``, even after the
            loaders ran.
    """
    renderer = _HTML.get(kind)
    if renderer is None:
        while _LOADERS:
            _LOADERS[0]()
            del _LOADERS[0]  # only once it succeeded: a failed import is tried again
        renderer = _HTML.get(kind)
        if renderer is None:
            raise LookupError(f"no HTML view is registered for {kind!r}")
    return renderer(value)
