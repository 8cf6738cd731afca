"""Numbers and dates as the app shows them."""

from __future__ import annotations

import math

import pandas as pd

QUALIFIER_PREFIX = {"exact": "", "approx": "~", "at_least": "over ", "at_most": "up to "}


def _trim(x: float) -> str:
    """Up to two decimals, trailing zeros dropped: 53.70 → '53.7', 1.00 → '1'."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def money(value: float | None, qualifier: str | None = "exact") -> str:
    """US dollars in short form: 108000000 → '$108M', 4.6e9 → '$4.6B', 219120000 → '$219.12M'."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "—"
    prefix = QUALIFIER_PREFIX.get(qualifier or "exact", "")
    v = float(value)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= size:
            return f"{prefix}${_trim(v / size)}{suffix}"
    return f"{prefix}${_trim(v)}"


def number(value: float) -> str:
    """A plain quantity with thousands separators, as exact as stated: 600 → '600',
    737.5 → '737.5', 1500 → '1,500'."""
    v = float(value)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def local_money(value: float | None, currency: str | None) -> str:
    """Money as stated in another currency, never converted: (264e6, 'AFN') → '264M AFN'."""
    if value is None or pd.isna(value):
        return "—"
    v = float(value)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(v) >= size:
            return f"{_trim(v / size)}{suffix} {currency}"
    return f"{_trim(v)} {currency}"


def count(value: float | None, qualifier: str | None = "exact", unit: str = "") -> str:
    """A count with its qualifier: (1000, 'at_least', 'students') → 'over 1,000 students'."""
    if value is None or pd.isna(value):
        return "—"
    prefix = QUALIFIER_PREFIX.get(qualifier or "exact", "")
    text = f"{prefix}{int(value):,}"
    return f"{text} {unit}".strip()


def length_km(value: float | None, qualifier: str | None = "exact") -> str:
    if value is None or pd.isna(value):
        return "—"
    prefix = QUALIFIER_PREFIX.get(qualifier or "exact", "")
    return f"{prefix}{value:,.0f} km" if float(value).is_integer() else f"{prefix}{value:,} km"


def date(value: object, precision: str | None = "day") -> str:
    """A date at its precision: day '4 Feb 2026', month 'Feb 2026', year '2026'."""
    if value is None or pd.isna(value):
        return "date unknown"
    ts = pd.Timestamp(value)
    if precision == "year":
        return f"{ts.year}"
    if precision == "month":
        return ts.strftime("%b %Y")
    return f"{ts.day} {ts.strftime('%b %Y')}"


def share_text(pct: float | None, qualifier: str | None = "exact") -> str:
    """A share stated in per cent, with its qualifier: (70, 'approx') → '~70%'."""
    if pct is None or pd.isna(pct):
        return "—"
    return f"{QUALIFIER_PREFIX.get(qualifier or 'exact', '')}{_trim(float(pct))}%"


def percent(share: float | None) -> str:
    if share is None or pd.isna(share):
        return "—"
    return f"{share * 100:.0f}%" if share >= 0.1 else f"{share * 100:.1f}%"


CLAIM_UNITS = {"capacity_mt_per_year": "Mt a year", "volume_mt": "Mt carried",
               "transit_days": "days", "speed_kmh": "km/h", "depth_m": "m deep",
               "throughput_mt": "Mt handled"}


def claim(metric: str, value: float, qualifier: str | None = "exact") -> str:
    """A corridor's or a place's claim as read aloud: ('cost_usd', 4.6e9) → '$4.6B';
    ('length_km', 647) → '647 km'; ('capacity_mt_per_year', 3, 'at_most') → 'up to 3 Mt a year';
    ('depth_m', 14.5) → '14.5 m deep'; ('cargo_share_pct', 42, 'at_least') → 'over 42% of
    cargo' (the claim's scope says of what)."""
    if metric == "cost_usd":
        return money(value, qualifier)
    if metric == "length_km":
        return length_km(value, qualifier)
    if metric == "traffic_share_pct":
        return f"{share_text(value, qualifier)} of traffic"
    if metric == "cargo_share_pct":
        return f"{share_text(value, qualifier)} of cargo"
    prefix = QUALIFIER_PREFIX.get(qualifier or "exact", "")
    return f"{prefix}{_trim(float(value))} {CLAIM_UNITS.get(metric, metric)}"
