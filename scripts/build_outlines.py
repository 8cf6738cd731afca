#!/usr/bin/env python3
"""Build data/geo/countries.geojson: country outlines for the offline corridor map.

Source: Natural Earth 1:110m admin-0 countries ("naturalearth_lowres", public domain), the copy
that the pyogrio package ships in its test fixtures, so the build needs no download.
Steps: read → keep countries touching the region's box → clip to the box → simplify (tolerance
in degrees) → keep name and ISO code → write GeoJSON with coordinates rounded to 3 decimals.

    .venv/bin/python scripts/build_outlines.py

Boundaries are de facto as drawn by Natural Earth; disputed boundaries are not endorsed.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyogrio
from shapely.geometry import MultiPolygon, box, mapping
from shapely.ops import unary_union

# lon_min, lat_min, lon_max, lat_max: the Black Sea to western China, Siberia to the Arabian
# Sea: wide enough that the presentation screen's map (1780 px wide) shows land to its edges
REGION = (25.0, 5.0, 105.0, 60.0)
SIMPLIFY_DEGREES = 0.02
OUT = Path(__file__).resolve().parent.parent / "data" / "geo" / "countries.geojson"


def natural_earth_path() -> Path:
    return (Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres"
            / "naturalearth_lowres.shp")


def _round(coords, digits: int = 3):
    if isinstance(coords, (float, int)):
        return round(coords, digits)
    return [_round(c, digits) for c in coords]


def _polygons(geom):
    """The polygonal part of `geom` (a Polygon or MultiPolygon; empty when it has none)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return unary_union(parts) if parts else MultiPolygon()


def build(out: Path = OUT) -> dict:
    """Write the clipped, simplified outlines and return the GeoJSON dict."""
    world = gpd.read_file(natural_earth_path())
    region = box(*REGION)
    clipped = world[world.intersects(region)].copy()
    clipped["geometry"] = clipped.geometry.intersection(region).simplify(
        SIMPLIFY_DEGREES, preserve_topology=True)
    # a clip can leave a collection with stray lines or points on the box's edge: keep the land
    clipped["geometry"] = clipped.geometry.map(_polygons)
    clipped = clipped[~clipped.geometry.is_empty]
    rows = clipped.sort_values("name")
    return write_collection(
        [({"name": r.name, "iso3": r.iso_a3}, r.geometry) for r in rows.itertuples()],
        "Natural Earth (public domain), 1:110m admin-0 countries; boundaries are de facto and "
        "disputed boundaries are not endorsed.", out)


def write_collection(features: list[tuple[dict, object]], attribution: str, out: Path) -> dict:
    """Write (properties, shapely geometry) pairs as a compact GeoJSON FeatureCollection of the
    region, coordinates rounded to 3 decimals, with its `attribution`; return the dict."""
    collection = {
        "type": "FeatureCollection",
        "attribution": attribution,
        "bbox": list(REGION),
        "features": [{"type": "Feature", "properties": props,
                      "geometry": {"type": (g := mapping(geom))["type"],
                                   "coordinates": _round(g["coordinates"])}}
                     for props, geom in features],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    return collection


if __name__ == "__main__":
    result = build()
    print(f"{OUT}: {len(result['features'])} countries, {OUT.stat().st_size:,} bytes")
