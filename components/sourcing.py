"""Naming sources next to the figures they back."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from components import formatting


def source_label(sources: pd.DataFrame, source_id: str) -> str:
    """'Publisher, 4 Feb 2026' for a source id; the id itself when the source is unknown."""
    match = sources[sources["source_id"] == source_id]
    if match.empty:
        return f"source {source_id}"
    row = match.iloc[0]
    name = row["publisher"] if pd.notna(row["publisher"]) else row["title"]
    if row["kind"] == "seed":
        name = f"seed article: {name}"
    if pd.notna(row["published_date"]):
        return f"{name}, {formatting.date(row['published_date'], row['published_precision'])}"
    return str(name)


def source_url(sources: pd.DataFrame, source_id: str) -> str | None:
    """The source's web address, or None for seed files and unknown ids."""
    match = sources[sources["source_id"] == source_id]
    if match.empty:
        return None
    url = match.iloc[0]["url"]
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def source_line(sources: pd.DataFrame, source_ids: Iterable[str]) -> str:
    """'Sources: A, 4 Feb 2026; B, May 2025' for distinct ids in first-seen order."""
    seen: list[str] = []
    for sid in source_ids:
        if isinstance(sid, str) and sid not in seen:
            seen.append(sid)
    if not seen:
        return ""
    word = "Source" if len(seen) == 1 else "Sources"
    return f"{word}: " + "; ".join(source_label(sources, s) for s in seen)
