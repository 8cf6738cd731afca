"""The bundled country outlines (Natural Earth, clipped and simplified by
scripts/build_outlines.py), the attribution they carry, and what every map says of its lines."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

OUTLINES = Path(__file__).resolve().parents[2] / "data" / "geo" / "countries.geojson"

#: What every map (the app's, the static one, the slide's notes) says of the routes it draws.
INDICATIVE = ("Lines are indicative: straight lines between places with sourced coordinates, "
              "not surveyed alignments.")


def load_outlines(path: Path = OUTLINES) -> dict | None:
    """The country outlines as a GeoJSON dict (read once per file), or None when the file is
    missing or unreadable. Shared: callers never change it."""
    return _read(str(path))


@lru_cache(maxsize=4)
def _read(path: str) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def outlines_caption(outlines: dict | None) -> str:
    """'Country outlines: Natural Earth (public domain), …; boundaries are de facto and
    disputed boundaries are not endorsed.': the file's own `attribution` (written there by
    scripts/build_outlines.py), or '' when no outlines are drawn."""
    attribution = (outlines or {}).get("attribution")
    return f"Country outlines: {attribution}" if attribution else ""


def outlines_source(outlines: dict | None) -> str:
    """The outlines' source as a source line names it: 'Natural Earth (public domain)'."""
    attribution = (outlines or {}).get("attribution") or "Natural Earth"
    return attribution.split(",")[0].split(";")[0].strip()
