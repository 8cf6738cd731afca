#!/usr/bin/env python3
"""Build data/geo/seas.geojson: the water bodies the offline corridor map names.

Source: Natural Earth 1:110m marine areas (`ne_110m_geography_marine_polys`, public domain).
No Python package ships it, so the build reads a copy you give it: the GeoJSON from
naturalearthdata.com ("Physical vectors, 1:110m, Marine areas") or from the
nvkelso/natural-earth-vector repository (`geojson/ne_110m_geography_marine_polys.geojson`;
the bundled file was built from commit 117488dc884bad03366ff727eca013e434615127).
Steps: read → keep the areas touching the region's box (scripts/build_outlines.REGION) → clip
to the box → take away the land of data/geo/countries.geojson (the two files draw different
coasts, and a sea's name must sit on the water the map draws) → simplify → keep the English
name, its class (sea, gulf, bay, ocean) and Natural Earth's scalerank (0 = oceans, named first)
→ write GeoJSON with coordinates rounded to 3 decimals.

    .venv/bin/python scripts/build_seas.py PATH/TO/ne_110m_geography_marine_polys.geojson
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
from shapely.geometry import box

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_outlines import OUT as COUNTRIES  # noqa: E402
from build_outlines import REGION, _polygons, write_collection  # noqa: E402

SIMPLIFY_DEGREES = 0.05
MIN_AREA_DEG2 = 1.0  # a sliver of an ocean at the box's edge is not worth a name
OUT = COUNTRIES.parent / "seas.geojson"


def build(marine: Path, out: Path = OUT) -> dict:
    """Write the clipped water bodies and return the GeoJSON dict."""
    seas = gpd.read_file(marine)
    if seas.crs is not None:
        seas = seas.to_crs("EPSG:4326")
    land = gpd.read_file(COUNTRIES).union_all()
    region = box(*REGION)
    seas = seas[seas.intersects(region)].copy()
    seas["geometry"] = (seas.geometry.intersection(region).difference(land)
                        .simplify(SIMPLIFY_DEGREES, preserve_topology=True).map(_polygons))
    # square degrees on purpose: the threshold is about room on the map, not about km²
    area = seas.geometry.map(lambda g: g.area)
    seas = seas[~seas.geometry.is_empty & (area >= MIN_AREA_DEG2)]
    rows = seas.sort_values(["scalerank", "name_en"])
    return write_collection(
        [({"name": r.name_en or r.name, "featurecla": r.featurecla,
           "scalerank": int(r.scalerank)}, r.geometry) for r in rows.itertuples()],
        "Natural Earth 1:110m marine areas (public domain)", out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    result = build(Path(sys.argv[1]))
    names = ", ".join(f["properties"]["name"] for f in result["features"])
    print(f"{OUT}: {len(result['features'])} water bodies ({names}), {OUT.stat().st_size:,} bytes")
