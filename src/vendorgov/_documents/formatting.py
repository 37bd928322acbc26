"""The documents' formatting functions, now shared by every face: see `vendorgov._format`.

Kept as a re-export so that imports of ``vendorgov._documents.formatting`` keep working.
"""

from __future__ import annotations

from vendorgov._format import (
    LOCALES,
    country_name,
    format_date,
    format_datetime,
    format_days,
    format_duration,
    format_horizon,
    format_hours,
    format_label,
    format_list,
    format_measure,
    format_money,
    format_number,
    format_percent,
    format_period,
    format_phone,
    format_score,
    format_share,
    format_time,
    horizon_name,
    round_score,
    round_share,
    timezone_name,
)

__all__ = [
    "LOCALES",
    "country_name",
    "format_date",
    "format_datetime",
    "format_days",
    "format_duration",
    "format_horizon",
    "format_hours",
    "format_label",
    "format_list",
    "format_measure",
    "format_money",
    "format_number",
    "format_percent",
    "format_period",
    "format_phone",
    "format_score",
    "format_share",
    "format_time",
    "horizon_name",
    "round_score",
    "round_share",
    "timezone_name",
]
