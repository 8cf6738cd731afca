"""Route geometry: segment lines from places, geodesic lengths, and the rail graph.

Coordinates are WGS84 (EPSG:4326) longitude/latitude in degrees; lengths are kilometres measured
on the WGS84 ellipsoid with pyproj's Geod. Lines are drawn through a segment's `via` places in
order, so a segment with no sourced waypoints is a straight (geodesic) line between its ends:
`geometry_precision` says so ('indicative'), and lengths from such lines understate rail distance.
A segment with an alignment (geo/segments.geojson, components.data.alignments) follows it and
says how it was made ('traced', 'surveyed').
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
from pyproj import Geod
from shapely.geometry import LineString

from components.analysis.memo import by_identity

GEOD = Geod(ellps="WGS84")


def split_ids(cell: object) -> list[str]:
    """'a;b' → ['a', 'b']; empty → []."""
    return [] if pd.isna(cell) or cell == "" else [p for p in str(cell).split(";") if p]


def geodesic_km(line: LineString) -> float:
    """Length of a lon/lat LineString on the WGS84 ellipsoid, in km."""
    return GEOD.geometry_length(line) / 1000.0


@by_identity()
def segment_lines(segments: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One row per segment whose places all exist, with its geometry.

    Returns the segment columns plus:
      stops:      list of place ids along the line (from, via…, to)
      path:       list of [lon, lat] pairs (for pydeck's PathLayer): the segment's alignment
                  where it has one (the `alignment` column, from geo/segments.geojson), else
                  its stops' places
      line:       shapely LineString (lon/lat)
      length_km:  geodesic length in km
    Segments naming a place that is not in `places` are left out (the loader reports them).
    """
    coords = {r.place_id: (float(r.lon), float(r.lat)) for r in places.itertuples()}
    rows = []
    for seg in segments.to_dict("records"):
        stops = [seg["from_place"], *split_ids(seg.get("via")), seg["to_place"]]
        if not all(s in coords for s in stops):
            continue
        # a segment with an alignment (data.alignments) follows it, from_place end first
        course = seg.get("alignment")
        path = ([list(p) for p in course] if isinstance(course, list) and len(course) > 1
                else [list(coords[s]) for s in stops])
        line = LineString(path)
        rows.append({**seg, "stops": stops, "path": path, "line": line,
                     "length_km": geodesic_km(line)})
    columns = [*segments.columns, "stops", "path", "line", "length_km"]
    return pd.DataFrame(rows, columns=columns)


@by_identity(maxsize=16)
def lines_of(lines: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """The rows of `lines` (segment_lines of a table holding every segment, e.g. the
    dataset's) for the segments of `segments`. Memoised: the map's section and its deck ask it
    of the same view."""
    return lines[lines["segment_id"].isin(set(segments["segment_id"]))]


@by_identity(maxsize=16)
def places_on(lines: pd.DataFrame) -> frozenset[str]:
    """The place ids on `lines` (segment_lines rows: every stop, waypoints included). Memoised:
    a map asks it of the same lines for its markers, names and countries."""
    stops = lines["stops"].to_list()
    return frozenset(s for path in stops for s in path)


@by_identity()
def rail_graph(lines: pd.DataFrame) -> nx.Graph:
    """Undirected graph: nodes are place ids, one edge per consecutive pair of a segment's stops.

    Edge attributes: km (geodesic), segment_id, corridor_id, status, gauge_mm. Memoised by the
    identity of `lines` (itself memoised per segments table): the map's gauge changes and the
    routes compared share one graph of the dataset's segments. Read it; never change it.
    """
    graph = nx.Graph()
    for seg in lines.to_dict("records"):
        for a, b, xy_a, xy_b in zip(seg["stops"], seg["stops"][1:], seg["path"], seg["path"][1:]):
            km = geodesic_km(LineString([xy_a, xy_b]))
            graph.add_edge(a, b, km=km, segment_id=seg["segment_id"],
                           corridor_id=seg["corridor_id"], status=seg["status"],
                           gauge_mm=seg["gauge_mm"])
    return graph


def shortest_path(graph: nx.Graph, origin: str, destination: str,
                  corridors: set[str]) -> tuple[list[str], float] | None:
    """The shortest path (place ids, km) using only edges of the given corridors, or None."""
    sub = nx.subgraph_view(graph, filter_edge=lambda a, b: graph[a][b]["corridor_id"] in corridors)
    if origin not in sub or destination not in sub:
        return None
    try:
        path = nx.shortest_path(sub, origin, destination, weight="km")
    except nx.NetworkXNoPath:
        return None
    return path, float(nx.path_weight(sub, path, weight="km"))


def path_edges(graph: nx.Graph, path: list[str]) -> list[dict]:
    """The edges along a path, in order, each as {from, to, km, segment_id, …}."""
    return [{"from": a, "to": b, **graph[a][b]} for a, b in zip(path, path[1:])]
