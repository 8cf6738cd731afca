"""The bundled country outlines and named water bodies (Natural Earth, clipped and simplified by
scripts/build_outlines.py and scripts/build_seas.py), the attribution they carry, where each
may be named, and what every map says of its lines."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from components.analysis.memo import by_identity

OUTLINES = Path(__file__).resolve().parents[2] / "data" / "geo" / "countries.geojson"
SEAS = OUTLINES.parent / "seas.geojson"

#: What every map (the app's, the static one, the slide's notes) says of the routes it draws.
INDICATIVE = ("Lines are indicative: straight lines between places with sourced coordinates, "
              "not surveyed alignments.")


def aligned(segments):
    """The rows of `segments` (any frame of segments) drawn along an alignment
    (data.alignments: the `alignment` column, present only when a geodata file is read)."""
    if segments is None or "alignment" not in segments:
        return segments.iloc[0:0] if segments is not None else None
    return segments[segments["alignment"].notna()]


def aligned_kinds(segments) -> str:
    """'traced' or 'surveyed or traced': the kinds of alignment the drawn lines follow, '' when
    every line is straight."""
    rows = aligned(segments)
    return "" if rows is None else " or ".join(sorted(set(rows["geometry_precision"])))


def lines_note(segments) -> str:
    """What a map says of the lines it draws (`segments`: any frame of segments): INDICATIVE
    while every one is straight; else how many follow traced or surveyed alignments
    (geo/segments.geojson, each with its source) and that the rest are straight."""
    rows = aligned(segments)
    if rows is None or rows.empty:
        return INDICATIVE
    return (f"{len(rows):,} of the {len(segments):,} lines drawn follow {aligned_kinds(rows)} "
            "alignments (geo/segments.geojson, each with its source); the others are straight "
            "lines between places with sourced coordinates.")


def load_outlines(path: Path = OUTLINES) -> dict | None:
    """The country outlines as a GeoJSON dict (read once per file), or None when the file is
    missing or unreadable. Shared: callers never change it."""
    return _read(str(path))


def load_seas(path: Path = SEAS) -> dict | None:
    """The named water bodies (seas, gulfs, bays, oceans) as a GeoJSON dict, clipped to the
    outlines' box with the land taken away (read once per file), or None when the file is
    missing or unreadable. Shared: callers never change it."""
    return _read(str(path))


@lru_cache(maxsize=4)
def _read(path: str) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def outlines_caption(outlines: dict | None, seas: dict | None = None) -> str:
    """'Country outlines: Natural Earth (public domain), …; boundaries are de facto and
    disputed boundaries are not endorsed.': the file's own `attribution` (written there by
    scripts/build_outlines.py), then the sea names' when `seas` are drawn ('Sea names: …'),
    or '' when no outlines are drawn."""
    attribution = (outlines or {}).get("attribution")
    if not attribution:
        return ""
    waters = (seas or {}).get("attribution")
    return f"Country outlines: {attribution}" + (f" Sea names: {waters}." if waters else "")


def outlines_source(outlines: dict | None) -> str:
    """The outlines' source as a source line names it: 'Natural Earth (public domain)'."""
    attribution = (outlines or {}).get("attribution") or "Natural Earth"
    return attribution.split(",")[0].split(";")[0].strip()


def country_points(outlines: dict | None) -> list[dict]:
    """Where each country of the outlines may be named: {'name', 'iso3', 'points'}, the points
    (lon, lat) inside its clipped shape, a representative point first, then points of a 0.5°
    grid inside it, nearest that one first (a name that does not fit at the first may fit at
    another). The names are the file's own. Made once per outlines."""
    return _cached(outlines, 0.0, MAX_POINTS)


def sea_points(seas: dict | None) -> list[dict]:
    """Where each water body of `seas` may be named, as country_points, but only at points at
    least SEA_INSET_DEG from its coasts (a name centred there stays on the water), all of
    them: which lie in the view is known only when a map is drawn (sea_areas)."""
    return _cached(seas, SEA_INSET_DEG, None)


def _cached(collection: dict | None, inset: float, cap: int | None) -> list[dict]:
    if not collection:
        return []
    key = (id(collection), inset, cap)
    if key not in _POINTS:
        _POINTS[key] = _points(collection, inset, cap)
    return _POINTS[key]


# keyed by the outlines' identity, not by_identity: that would key a dict by its whole content
# (every coordinate); load_outlines returns one shared dict per file for the process's life
_POINTS: dict[tuple, list[dict]] = {}
GRID_DEG = 0.5
MAX_POINTS = 300
#: how far inside its coasts a sea's name is centred, degrees: about half of "Arabian Sea"
#: at the page's map's opening zoom
SEA_INSET_DEG = 1.0


def _points(outlines: dict, inset: float = 0.0, cap: int | None = MAX_POINTS) -> list[dict]:
    import shapely  # heavy to import: only when a map is drawn
    from shapely.geometry import shape

    out = []
    for feature in outlines.get("features", []):
        props = feature.get("properties") or {}
        try:
            geom = shape(feature.get("geometry") or {})
            first = geom.representative_point()
        except (ValueError, AttributeError, TypeError):
            continue
        if not props.get("name") or geom.is_empty:
            continue
        if inset:
            inner = geom.buffer(-inset)
            geom, first = (inner, inner.representative_point()) if not inner.is_empty else (
                geom, first)
        x0, y0, x1, y1 = geom.bounds
        xs = [x0 + GRID_DEG * (i + 0.5) for i in range(int((x1 - x0) / GRID_DEG))]
        ys = [y0 + GRID_DEG * (j + 0.5) for j in range(int((y1 - y0) / GRID_DEG))]
        grid = [(x, y) for x in xs for y in ys]
        inside = [p for p, ok in zip(grid, shapely.contains_xy(geom, grid)) if ok] if grid else []
        inside.sort(key=lambda p: (p[0] - first.x) ** 2 + (p[1] - first.y) ** 2)
        out.append({"name": str(props["name"]), "iso3": str(props.get("iso3") or ""),
                    "scalerank": props.get("scalerank", 9),
                    "points": [(first.x, first.y), *inside[:cap]]})
    return out


def sea_areas(seas: dict | None, to_px, width: float, height: float
              ) -> list[tuple[str, str, list[tuple[float, float]]]]:
    """The water bodies as labels.place_areas takes them: each with its points (sea_points) that
    fall inside the width × height map, projected by `to_px` (lon, lat → px), nearest the
    middle of those first (a sea is named in the middle of the part of it in view); those with
    most points in view first (the water filling the view is named before a strip of ocean at
    its edge)."""
    out = []
    for w in sea_points(seas):
        points = [(x, y) for x, y in (to_px(*p) for p in w["points"])
                  if 0 <= x <= width and 0 <= y <= height]
        if not points:
            continue
        mx = sum(x for x, _ in points) / len(points)
        my = sum(y for _, y in points) / len(points)
        points.sort(key=lambda p: (p[0] - mx) ** 2 + (p[1] - my) ** 2)
        out.append((-len(points), f"sea:{w['name']}", w["name"], points))
    return [(key, text, points) for _, key, text, points in sorted(out)]


@by_identity(maxsize=4)
def _countries_of(places) -> dict[str, str]:
    """place_id → country code, made once per places table."""
    return dict(zip(places["place_id"], places["country"]))


def country_areas(outlines: dict | None, places, lines, to_px
                  ) -> list[tuple[str, str, list[tuple[float, float]]]]:
    """The outlines' countries as labels.place_areas takes them: those the drawn routes cross
    first (by how many of the places on `lines`, segment_lines rows, they hold), each with its
    points (country_points) projected by `to_px` (lon, lat → px)."""
    from components.analysis.geometry import places_on  # pyproj/shapely: only when drawn

    country = _countries_of(places)
    held: dict[str, int] = {}
    for place_id in places_on(lines):
        code = country.get(place_id)
        held[code] = held.get(code, 0) + 1
    countries = sorted(country_points(outlines), key=lambda c: -held.get(c["iso3"], 0))
    return [(f"country:{c['name']}", c["name"], [to_px(x, y) for x, y in c["points"]])
            for c in countries]
