"""The bundled country outlines (Natural Earth, clipped and simplified) and their
attribution."""

from __future__ import annotations

import json
from pathlib import Path

OUTLINES = Path(__file__).resolve().parents[2] / "data" / "geo" / "countries.geojson"
ATTRIBUTION = ("Country outlines: Natural Earth (public domain). Boundaries are de facto; "
               "disputed boundaries are not endorsed. Lines are indicative: straight lines "
               "between sourced places, not surveyed alignments.")


def load_outlines(path: Path = OUTLINES) -> dict | None:
    """The bundled country outlines as a GeoJSON dict, or None when the file is missing."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
