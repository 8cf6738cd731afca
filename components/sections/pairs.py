"""The country pairs the sections are about.

Still written here, not read from the data: the relationship the dashboard is about, and the
pairs its trade is compared with. Every section takes its pair from this module only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pair:
    """Two countries (ISO 3166 alpha-3, in either order), their name as a pair, and the short
    key their elements and downloads are named with ('pak_kaz_trade_vs_target')."""

    a: str
    b: str
    name: str
    key: str


RELATIONSHIP = Pair("KAZ", "PAK", "Pakistan–Kazakhstan", "pak_kaz")
COMPARISONS = (Pair("PAK", "UZB", "Pakistan–Uzbekistan", "pak_uzb"),)
