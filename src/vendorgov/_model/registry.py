"""The public value types, by the ``kind`` name files use for them."""

from __future__ import annotations

import enum
import re

from vendorgov._model import (
    amendment,
    cadence,
    contract,
    exit,
    imports,
    incentives,
    kickoff,
    kpi,
    ledger,
    mission,
    money,
    parties,
    portfolio,
    privacy,
    results,
    review,
    scorecard,
    specification,
    terms,
    tracking,
    voice,
)


def kind_name(cls: type) -> str:
    """``IpAssignment`` → ``ip_assignment``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


_MODULES = (
    money,
    parties,
    specification,
    privacy,
    contract,
    cadence,
    kickoff,
    kpi,
    imports,
    review,
    voice,
    scorecard,
    incentives,
    ledger,
    tracking,
    terms,
    mission,
    results,
    amendment,
    exit,
)

_CLASSES: tuple[type, ...] = tuple(
    getattr(module, name)
    for module in _MODULES
    for name in module.__all__
    if isinstance(getattr(module, name), type) and hasattr(getattr(module, name), "__attrs_attrs__")
)

# The portfolio's values are results, not documents (no `type` in files): only its
# enumeration (DeadlineKind) joins the public enumerations.
ENUMS: tuple[type[enum.Enum], ...] = tuple(
    getattr(module, name)
    for module in (*_MODULES, portfolio)
    for name in module.__all__
    if isinstance(getattr(module, name), type) and issubclass(getattr(module, name), enum.Enum)
)
"""Every public enumeration."""

KINDS: dict[str, type] = {kind_name(cls): cls for cls in _CLASSES if cls is not kpi.Horizon}
"""``type`` name → class, for every public value type a document can hold.

``Horizon`` is left out: it is written as a string (``"M+6"``) inside other
values, never as a document of its own."""

NAMES: dict[type, str] = {cls: name for name, cls in KINDS.items()}
"""class → ``kind``."""
