"""Ids in words, from the data's own vocabularies (sectors, corridors, statuses). Pure; each
lookup is built once per table (memoised by identity) and shared: never change it."""

from __future__ import annotations

import pandas as pd

from components.analysis.memo import by_identity


@by_identity(maxsize=16)
def status_labels(statuses: pd.DataFrame, domain: str | None = None) -> dict[str, str]:
    """status_id → label: of one domain ('segment', 'deal', 'event') in rank order, or of
    every domain (an id used in two domains, e.g. 'planned', has one label in the data)."""
    rows = statuses if domain is None else (
        statuses[statuses["domain"] == domain].sort_values("rank"))
    return dict(zip(rows["status_id"], rows["label"]))


@by_identity(maxsize=16)
def status_ranks(statuses: pd.DataFrame, domain: str) -> dict[str, int]:
    """status_id → rank within `domain` (1 = the first step: talks, operational, held)."""
    rows = statuses[statuses["domain"] == domain]
    return dict(zip(rows["status_id"], rows["rank"]))


@by_identity(maxsize=16)
def sector_labels(sectors: pd.DataFrame) -> dict[str, str]:
    """sector_id → label ('rail' → 'Railways')."""
    return dict(zip(sectors["sector_id"], sectors["label"]))


@by_identity(maxsize=16)
def corridor_names(corridors: pd.DataFrame, short: bool = True) -> dict[str, str]:
    """corridor_id → its short name ('Trans-Afghan'), or its full name."""
    return dict(zip(corridors["corridor_id"], corridors["short_name" if short else "name"]))


@by_identity(maxsize=16)
def place_names(places: pd.DataFrame) -> dict[str, str]:
    """place_id → name."""
    return dict(zip(places["place_id"], places["name"]))
