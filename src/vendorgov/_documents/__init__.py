"""Documents: the specification, contract, kickoff pack and review report, rendered.

An edge of vendorgov: it uses the model and the engine, Jinja2 and Babel; nothing below
imports it, and ``import vendorgov`` does not load it (``vendorgov.render`` and
``vendorgov.Document`` load it on first use). ``README.md`` next to this file is the
guide for template authors.
"""

from __future__ import annotations

from vendorgov._documents.document import Document
from vendorgov._documents.render import render

__all__ = ["Document", "render"]
