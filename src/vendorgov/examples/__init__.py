"""The demo portfolio: three missions of a French online shop, ready to explore.

Maison Lumière SAS, a Lyon-based online shop selling lamps and home decor,
outsources three activities in 2026:

- ``logistique`` — storage, order fulfilment and returns, to LogiDauphiné,
  a 3PL warehouse (from 2 March 2026, weekly reports and measurements);
- ``community`` — social media and moderation, to the Studio Colibri agency
  (from 1 April 2026, monthly);
- ``site_web`` — the redesign, hosting and upkeep of its PrestaShop website,
  to the Codelune web agency (from 4 May 2026, monthly).

Each mission is a TOML file shipped with the package, written in French as the
shop would write it, and complete: contract, specification, kickoff, tools,
KPIs from :mod:`vendorgov.catalog` with ``M+1``, ``M+6`` and end-of-year
targets, measurements up to 27 November 2026, two reviews, incentives and
recognitions. Every company, person and identifier in them is fictitious.

>>> from vendorgov import examples
>>> [m.key for m in examples.demo_missions()]
['logistique', 'community', 'site_web']
>>> examples.demo_mission("site_web").provider.name
'Codelune SAS'
"""

from __future__ import annotations

import functools
from importlib import resources

from vendorgov._model.mission import Mission
from vendorgov.exceptions import UnknownKeyError, ValidationError

__all__ = ["DEMO_KEYS", "demo_mission", "demo_missions", "demo_text"]

DEMO_KEYS: tuple[str, ...] = ("logistique", "community", "site_web")
"""The keys of the demo missions, in portfolio order (each is also its file name)."""


def demo_text(key: str) -> str:
    """The TOML text of one demo mission, as shipped with the package.

    Useful as a starting point for your own mission file.

    Args:
        key: ``"logistique"``, ``"community"`` or ``"site_web"``.

    Raises:
        KeyError: When ``key`` is not a demo mission.

    >>> from vendorgov import examples
    >>> examples.demo_text("community").splitlines()[0]
    '# Mission de démonstration de vendorgov : le community management de Maison Lumière.'
    """
    if key not in DEMO_KEYS:
        raise UnknownKeyError(
            key, f"no demo mission {key!r}; the demo missions are {', '.join(DEMO_KEYS)}"
        )
    return resources.files(__name__).joinpath(f"{key}.toml").read_text(encoding="utf-8")


@functools.cache
def demo_missions() -> tuple[Mission, ...]:
    """The three demo missions, in portfolio order.

    The files are read and validated once; later calls return the same
    (immutable) tuple.

    >>> from vendorgov import examples
    >>> missions = examples.demo_missions()
    >>> missions[0].provider.name, len(missions[0].kpis)
    ('LogiDauphiné SAS', 5)
    >>> examples.demo_missions() is missions
    True
    """
    from vendorgov.serialization import loads  # cattrs loads on first use only

    missions = []
    for key in DEMO_KEYS:
        try:
            mission = loads(demo_text(key), "toml", cls=Mission)
        except ValidationError as error:  # pragma: no cover - the shipped files are valid
            raise error.with_source(f"vendorgov/examples/{key}.toml") from None
        missions.append(mission)
    return tuple(missions)


def demo_mission(key: str) -> Mission:
    """One demo mission, by key.

    Args:
        key: ``"logistique"``, ``"community"`` or ``"site_web"``.

    Raises:
        KeyError: When ``key`` is not a demo mission.

    >>> from vendorgov import examples
    >>> examples.demo_mission("logistique").start
    datetime.date(2026, 3, 2)
    """
    for mission in demo_missions():
        if mission.key == key:
            return mission
    raise UnknownKeyError(
        key, f"no demo mission {key!r}; the demo missions are {', '.join(DEMO_KEYS)}"
    )
