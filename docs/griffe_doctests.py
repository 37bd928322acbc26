"""A griffe extension for the docs build: docstrings written for doctest and Sphinx read well.

vendorgov's docstrings end with ``>>>`` examples that run as doctests, written
without an ``Examples:`` heading. In Markdown a ``>>>`` line would read as a
nested quotation, so this extension wraps each run of doctest lines (up to the
next blank line) in a fenced ``pycon`` block before the docstring is parsed.
Sphinx roles (``:class:`Money```) become inline code. The source files stay as
they are; only the rendered pages change.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

# ``:class:`~vendorgov.Money``` and friends (Sphinx roles) have no meaning in
# Markdown; they are shown as code (``Money``), the way Sphinx would display them.
_SPHINX_ROLE = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`<>]+?)`")


def _role_as_code(match: re.Match[str]) -> str:
    target = match.group(2).strip()
    if match.group(1):
        target = target.rsplit(".", 1)[-1]
    return f"`{target}`"


def plain_roles(text: str) -> str:
    """Replace Sphinx cross-reference roles with inline code."""
    return _SPHINX_ROLE.sub(_role_as_code, text)


def fence_doctests(text: str) -> str:
    """Wrap each top-level run of ``>>>`` lines and their output in a pycon fence.

    ``<BLANKLINE>`` markers in the expected output become empty lines.
    """
    out: list[str] = []
    in_fence = False
    in_example = False
    for line in text.split("\n"):
        if in_example:
            if line.strip():
                out.append("" if line.strip() == "<BLANKLINE>" else line)
                continue
            out.append("```")
            in_example = False
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and line.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


class FenceDoctests(griffe.Extension):
    """Fence the bare doctests of every docstring (see the module docstring)."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(plain_roles(obj.docstring.value))
