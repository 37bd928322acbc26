"""Shared test configuration: Hypothesis profiles.

Pick a profile with ``VENDORGOV_HYPOTHESIS_PROFILE`` (``dev``, ``default``,
``ci``, ``thorough``, ``nightly``); CI (``CI`` set in the environment) uses ``ci`` unless told
otherwise.

- ``dev``: 10 examples, for a quick edit-test loop.
- ``default``: 30 examples, so that ``tests/test_roundtrip.py`` (every public
  type through three formats) stays well under a minute on a small machine.
- ``ci``: 100 examples, derandomized (a red CI run replays the same way), no
  example database, and the failing example printed as a reproducible blob.
- ``thorough``: 1000 examples, for a hunt before a release.
- ``nightly``: 10,000 examples (20,000 mutated missions in ``tests/test_fuzz.py``),
  random each night, failures printed as reproducible blobs: hours, not minutes.
  ``benchmarks/fuzz_long.py`` runs the same fuzz property with statistics instead.

``tests/test_fuzz.py`` runs twice the profile's examples (it is cheap per example
when nothing fails): 200 under ``ci``, within about a minute.

No profile has a deadline: the machines running the tests are shared, and
timing is not what these tests check.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}

settings.register_profile("dev", max_examples=10, **_COMMON)
settings.register_profile("default", max_examples=30, **_COMMON)
settings.register_profile(
    "ci", max_examples=100, derandomize=True, database=None, print_blob=True, **_COMMON
)
settings.register_profile("thorough", max_examples=1000, **_COMMON)
settings.register_profile("nightly", max_examples=10_000, database=None, print_blob=True, **_COMMON)

settings.load_profile(
    os.environ.get("VENDORGOV_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)
