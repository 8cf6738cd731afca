"""Segment alignments: an optional geodata file beside the tables that draws a segment along its
real course instead of straight between its places.

The file is `geo/segments.geojson` (or `.gpkg`, `.kml`) in the data folder, read with geopandas
(pyogrio). Each feature is a LineString (or MultiLineString whose parts join end to end) with:

  segment_id  a segment of segments.csv, once
  source_id   a source of sources.csv: where the course comes from
  precision   'surveyed', 'traced' or 'indicative'

Checked feature by feature; a feature that fails is not used (its segment stays a straight line)
and its message names the file, the feature (index and segment id) and what is wrong. A file in
another CRS is reprojected to WGS84 when the CRS is declared, and refused when it is not.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from components.data.problems import Problem, show_value

FILES = ("geo/segments.geojson", "geo/segments.gpkg", "geo/segments.kml")
PRECISIONS = ("surveyed", "traced", "indicative")
#: how far an alignment's ends may lie from its segment's places, km
END_TOLERANCE_KM = 25.0
#: where a line may lie: the region the bundled outlines cover (lon_min, lat_min, lon_max,
#: lat_max, degrees), as scripts/build_outlines.REGION
REGION = (25.0, 5.0, 105.0, 60.0)
#: the columns the segments table gains (None where a segment has no alignment)
COLUMNS = ("alignment", "alignment_source_id")


def alignment_file(directory: Path) -> Path | None:
    """The data folder's alignment file, or None (the first of FILES that exists)."""
    for name in FILES:
        if (Path(directory) / name).is_file():
            return Path(directory) / name
    return None


def read_alignments(path: Path, segments: pd.DataFrame, places: pd.DataFrame,
                    sources: pd.DataFrame) -> tuple[dict[str, dict], list[Problem]]:
    """The usable alignments of `path` by segment id ({'path': [[lon, lat], …] from the
    segment's from_place end to its to_place end, 'source_id', 'precision'}) and a Problem for
    every feature (or the whole file) that cannot be used."""
    import geopandas as gpd

    name = f"geo/{path.name}"
    try:
        frame = gpd.read_file(path)
    except Exception as err:  # pyogrio raises its own errors for every kind of bad file
        return {}, [Problem(name, None, None, f"cannot be read as geodata ({_first_line(err)})")]
    if frame.crs is None:
        return {}, [Problem(name, None, None, "declares no coordinate reference system (CRS); "
                            "save it with one (WGS84, EPSG:4326) so its coordinates can be "
                            "placed")]
    if not frame.crs.equals("EPSG:4326"):
        try:
            frame = frame.to_crs("EPSG:4326")
        except Exception as err:
            return {}, [Problem(name, None, None, f"its CRS ({frame.crs}) cannot be reprojected "
                                f"to WGS84 ({_first_line(err)})")]
    missing = [c for c in ("segment_id", "source_id", "precision") if c not in frame.columns]
    if missing:
        return {}, [Problem(name, None, ", ".join(missing),
                            "every feature needs segment_id, source_id and precision "
                            f"properties; missing: {', '.join(missing)}")]
    segs = segments.set_index("segment_id")
    where = dict(zip(places["place_id"], zip(places["lon"].astype(float),
                                             places["lat"].astype(float))))
    known = set(sources["source_id"])
    ids = frame["segment_id"].astype("string")
    repeated = set(ids[ids.duplicated(keep=False)].dropna())
    out: dict[str, dict] = {}
    problems: list[Problem] = []
    for i, row in enumerate(frame.itertuples(index=False)):
        seg_id = row.segment_id if isinstance(row.segment_id, str) else None
        found = _feature(row, seg_id, segs, where, known, repeated)
        if isinstance(found, dict):
            out[seg_id] = found
        elif found is not None:
            column, message = found
            label = f"feature {i}" + (f" (segment_id {show_value(seg_id)})" if seg_id else "")
            problems.append(Problem(name, None, column, f"{label}: {message}; it is not used "
                                    "(the segment stays a straight line)"))
    return out, problems


def _feature(row, seg_id: str | None, segs: pd.DataFrame, where: dict, known: set,
             repeated: set) -> dict | tuple[str | None, str] | None:
    """One feature checked: its alignment, or (column, what is wrong), or None when its
    segment's own places are missing (the tables' checks report those)."""
    import shapely
    from pyproj import Geod

    if seg_id is None:
        return "segment_id", "has no segment_id"
    if seg_id not in segs.index:
        return "segment_id", "names no segment of segments.csv"
    if seg_id in repeated:
        return "segment_id", "is one of several features for this segment; keep one"
    if row.source_id not in known:
        return "source_id", f"source_id {show_value(row.source_id)} is not in sources.csv"
    if row.precision not in PRECISIONS:
        return "precision", (f"precision {show_value(row.precision)} is not one of "
                             f"{', '.join(PRECISIONS)}")
    geom = row.geometry
    if geom is None or geom.is_empty:
        return None, "has no geometry"
    if geom.geom_type == "MultiLineString":
        geom = shapely.line_merge(geom)
    if geom.geom_type != "LineString":
        return None, (f"is a {geom.geom_type}, not one line (a MultiLineString must join end "
                      "to end)")
    if not geom.is_valid or len(geom.coords) < 2:
        return None, "is not a valid line"
    x0, y0, x1, y1 = geom.bounds
    if x0 < REGION[0] or y0 < REGION[1] or x1 > REGION[2] or y1 > REGION[3]:
        return None, (f"lies outside the region the map covers ({REGION[0]:g}–{REGION[2]:g}°E,"
                      f" {REGION[1]:g}–{REGION[3]:g}°N): are longitude and latitude swapped?")
    coords = [[round(float(x), 6), round(float(y), 6)] for x, y, *_ in geom.coords]
    seg = segs.loc[seg_id]
    ends = [where.get(seg["from_place"]), where.get(seg["to_place"])]
    if None in ends:
        return None
    geod = Geod(ellps="WGS84")

    def gap(p, q) -> float:
        return geod.inv(p[0], p[1], q[0], q[1])[2] / 1000.0

    forward = max(gap(coords[0], ends[0]), gap(coords[-1], ends[1]))
    backward = max(gap(coords[-1], ends[0]), gap(coords[0], ends[1]))
    if min(forward, backward) > END_TOLERANCE_KM:
        return None, (f"its ends lie {min(forward, backward):,.0f} km from the segment's "
                      f"places ({seg['from_place']}, {seg['to_place']}); at most "
                      f"{END_TOLERANCE_KM:g} km")
    if backward < forward:  # drawn from to_place to from_place: turn it round
        coords.reverse()
    return {"path": coords, "source_id": row.source_id, "precision": row.precision}


def attach(segments: pd.DataFrame, alignments: dict[str, dict]) -> pd.DataFrame:
    """`segments` with COLUMNS added: each aligned segment's path and its source, and its
    geometry_precision set to the alignment's; None elsewhere."""
    out = segments.copy()
    found = [alignments.get(s) for s in out["segment_id"]]
    out["alignment"] = [a["path"] if a else None for a in found]
    out["alignment_source_id"] = [a["source_id"] if a else None for a in found]
    out["geometry_precision"] = [a["precision"] if a else p
                                 for a, p in zip(found, out["geometry_precision"])]
    return out


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
