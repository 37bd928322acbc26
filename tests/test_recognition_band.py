"""``Mission.recognition_band``: the band a result must reach for a recognition (issue 10)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import vendorgov
from factories import damage_kpi, measurement, milestones, shipping_kpi
from test_health import quiet


def codes(mission: vendorgov.Mission, on: str) -> list[str]:
    return [finding.code for finding in vendorgov.assess(mission, dt.date.fromisoformat(on))]


# At M+1 (2027-04-15): on-time shipping 96 % ≥ its target 95 → met, 100 points (weight 2);
# damage 1.5 % between its target 1.0 and threshold 2.0 → at risk, 100 × (2.0 − 1.5) /
# (2.0 − 1.0) = 50 points (weight 1). Overall (2 × 100 + 1 × 50) / 3 = 250 / 3 = 83.33:
# "good" (≥ 75), not "excellent" (≥ 90).
EIGHTY_FOUR = quiet(
    kpis=(shipping_kpi(), damage_kpi()),
    milestones=milestones(),
    measurements=(
        measurement("on_time_shipping", "96"),
        measurement("damage_rate", "1.5"),
    ),
)


def test_the_score_is_250_thirds() -> None:
    card = vendorgov.score(EIGHTY_FOUR, dt.date(2027, 4, 15))
    assert card.overall is not None
    assert round(card.overall, 2) == round(Decimal(250) / 3, 2)


def test_by_default_75_is_enough() -> None:
    assert "RECOGNITION_DUE" in codes(EIGHTY_FOUR, "2027-04-20")


def test_the_good_band_names_75() -> None:
    mission = attrs.evolve(EIGHTY_FOUR, recognition_band="good")
    assert "RECOGNITION_DUE" in codes(mission, "2027-04-20")


def test_the_excellent_band_asks_for_90() -> None:
    # 83.33 < 90 (the default bands' "excellent"): no recognition due.
    mission = attrs.evolve(EIGHTY_FOUR, recognition_band="excellent")
    assert "RECOGNITION_DUE" not in codes(mission, "2027-04-20")


def test_an_unknown_band_is_refused_with_its_path() -> None:
    with pytest.raises(vendorgov.ValidationError) as info:
        attrs.evolve(EIGHTY_FOUR, recognition_band="superb")
    assert [detail.path for detail in info.value.errors] == ["recognition_band"]
    assert "superb" in info.value.errors[0].message
