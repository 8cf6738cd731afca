"""How much of each drawn line runs through each country: the lines overlaid with the country
outlines (geopandas), each piece measured on the WGS84 ellipsoid (pyproj).

The outlines are Natural Earth's 1:110m (data/geo/countries.geojson): their borders are
generalised, so kilometres near a border shift by about the border's error there
(`border_offsets` measures it at the border crossings the data places). Boundaries are de
facto; disputed boundaries are not endorsed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from components.analysis.geometry import GEOD
from components.analysis.memo import by_identity

COLUMNS = ["segment_id", "corridor_id", "status", "iso3", "country", "km"]


def countries_frame(outlines: dict | None):
    """The outlines as a GeoDataFrame (iso3, name, geometry; EPSG:4326), made once per outlines
    dict (load_outlines returns one shared dict per file)."""
    if not outlines:
        return None
    key = id(outlines)
    if key not in _FRAMES:
        import geopandas as gpd  # heavy: only when kilometres by country are asked for

        _FRAMES[key] = gpd.GeoDataFrame.from_features(outlines["features"], crs="EPSG:4326")[
            ["iso3", "name", "geometry"]]
    return _FRAMES[key]


_FRAMES: dict[int, object] = {}


def geodesic_km_of(geoms) -> np.ndarray:
    """Geodesic length in km of each (Multi)LineString of `geoms` (a GeoSeries or array of
    shapely geometries, lon/lat), computed in one vectorised pass: every part's consecutive
    points measured with pyproj's Geod.inv, summed per geometry."""
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    out = np.zeros(len(geoms))
    if not len(geoms):
        return out
    parts, owner = shapely.get_parts(geoms, return_index=True)
    coords, part = shapely.get_coordinates(parts, return_index=True)
    if len(coords) < 2:
        return out
    same = part[1:] == part[:-1]  # a step within one part, not from one part to the next
    _, _, metres = GEOD.inv(coords[:-1, 0][same], coords[:-1, 1][same],
                            coords[1:, 0][same], coords[1:, 1][same])
    per_part = np.bincount(part[1:][same], weights=metres, minlength=len(parts))
    np.add.at(out, owner, per_part / 1000.0)
    return out


@by_identity(maxsize=4)
def segment_countries(lines: pd.DataFrame, places: pd.DataFrame, outlines: dict | None
                      ) -> pd.DataFrame:
    """Kilometres of each line in each country it crosses.

    The data's own places decide first: each leg of a line (between consecutive stops) whose
    two stops are in one country lies in it (at 1:110m, Termez and Chaman fall inside
    Afghanistan's outline; the sourced places do not). A leg from one country to another ends
    its first country at the border crossing it starts or ends at; a leg between the two posts
    of one border (Serhetabat–Torghundi) is split in half; a leg between two places neither
    of which is a crossing (Pul-i-Alam–Peshawar) is split where the outlines' border cuts it
    (gpd.overlay of the leg with the two countries' outlines: their shares of what lies in
    either), else in half.

    lines: geometry.segment_lines rows (segment_id, corridor_id, status, stops, path);
    places: place_id, country (ISO3), kind; outlines: GeoJSON of countries (iso3, name).
    Returns one row per segment and country (COLUMNS: segment_id, corridor_id, status, iso3,
    country, km), in the order of the lines and, within one, the order the line meets its
    countries; a segment's km add up to its drawn (geodesic) length. Memoised per lines table:
    prepare() makes it once per dataset.
    """
    if lines.empty:
        return pd.DataFrame(columns=COLUMNS)
    country = dict(zip(places["place_id"], places["country"]))
    crossing = set(places.loc[places["kind"] == "border_crossing", "place_id"])
    legs = _legs(lines, country, crossing)
    share_a = legs["share_a"].to_numpy(dtype=float, copy=True)
    cut = np.flatnonzero(np.isnan(share_a))
    if len(cut):
        share_a[cut] = _overlay_shares(legs.iloc[cut], outlines)
    first = legs.assign(iso3=legs["a"], km=legs["km"] * share_a, part=0)
    second = legs.assign(iso3=legs["b"], km=legs["km"] * (1 - share_a), part=1)
    both = pd.concat([first, second], ignore_index=True)
    both = both[both["km"] > 0].sort_values(["row", "leg", "part"], kind="stable")
    # a country's km of one segment together, in the order the line meets it
    both = both.groupby(["row", "iso3"], sort=False, as_index=False).agg(
        km=("km", "sum"), at=("leg", "min"), part=("part", "min")).sort_values(
        ["row", "at", "part"], kind="stable")
    names = _country_names(outlines)
    meta = lines.iloc[both["row"].to_numpy()]
    return pd.DataFrame({
        "segment_id": meta["segment_id"].to_numpy(), "corridor_id": meta["corridor_id"].to_numpy(),
        "status": meta["status"].to_numpy(), "iso3": both["iso3"].to_numpy(),
        "country": [names.get(c, c) for c in both["iso3"]], "km": both["km"].to_numpy()},
        columns=COLUMNS)


def _legs(lines: pd.DataFrame, country: dict, crossing: set) -> pd.DataFrame:
    """One row per leg of every line: row (of `lines`), leg (its index in the line), a and b
    (its ends' countries), km (geodesic), points (its [lon, lat] points) and share_a, the part
    of its km in a: 1 within one country, 0 or 1 at a crossing, ½ between two, NaN where the
    outlines must say. A leg runs between consecutive stops; a segment drawn along an
    alignment is one leg from its first stop to its last, along the alignment's points."""
    rows, legs, a_c, b_c, shares, points = [], [], [], [], [], []
    for row, (stops, path) in enumerate(zip(lines["stops"], lines["path"])):
        aligned = len(path) != len(stops)
        ends = [(stops[0], stops[-1])] if aligned else list(zip(stops[:-1], stops[1:]))
        for i, (p, q) in enumerate(ends):
            a, b = country.get(p, ""), country.get(q, "")
            if a == b:
                share = 1.0
            elif aligned:
                share = np.nan  # where the border cuts the alignment: the outlines say
            elif p in crossing and q in crossing:
                share = 0.5  # the two posts of one border, each near it: it runs between
            elif p in crossing or q in crossing:
                # the border is at the crossing: a leg leaving one is in the next country
                share = 0.0 if p in crossing else 1.0
            else:
                share = np.nan
            rows.append(row)
            legs.append(i)
            a_c.append(a)
            b_c.append(b)
            shares.append(share)
            points.append(path if aligned else [path[i], path[i + 1]])
    from shapely.geometry import LineString

    km = geodesic_km_of([LineString(p) for p in points])
    return pd.DataFrame({"row": rows, "leg": legs, "a": a_c, "b": b_c, "km": km,
                         "share_a": shares, "points": points})


def _overlay_shares(legs: pd.DataFrame, outlines: dict | None) -> np.ndarray:
    """For legs from country a to country b: the share of each that the outlines put in a, of
    what they put in a or b (gpd.overlay with the two countries' outlines); 0.5 where they put
    it in neither."""
    import geopandas as gpd
    from shapely.geometry import LineString

    countries = countries_frame(outlines)
    out = np.full(len(legs), 0.5)
    if countries is None:
        return out
    drawn = gpd.GeoDataFrame(
        {"i": np.arange(len(legs)), "a": legs["a"].to_numpy(), "b": legs["b"].to_numpy()},
        geometry=[LineString(p) for p in legs["points"]], crs="EPSG:4326")
    mine = countries[countries["iso3"].isin(set(legs["a"]) | set(legs["b"]))]
    pieces = gpd.overlay(drawn, mine, how="intersection", keep_geom_type=True)
    pieces = pieces.assign(km=geodesic_km_of(pieces.geometry.values))
    in_a = np.bincount(pieces["i"], weights=pieces["km"] * (pieces["iso3"] == pieces["a"]),
                       minlength=len(legs))
    in_b = np.bincount(pieces["i"], weights=pieces["km"] * (pieces["iso3"] == pieces["b"]),
                       minlength=len(legs))
    seen = in_a + in_b > 0
    out[seen] = in_a[seen] / (in_a + in_b)[seen]
    return out


def _country_names(outlines: dict | None) -> dict[str, str]:
    """iso3 → the outlines' name of the country."""
    return {(f.get("properties") or {}).get("iso3"): (f.get("properties") or {}).get("name")
            for f in (outlines or {}).get("features", [])}


def route_countries(per_segment: pd.DataFrame, corridor_ids, statuses) -> pd.DataFrame:
    """Each route's km in each country, by status.

    per_segment: segment_countries rows (of the segments to count); corridor_ids: the routes,
    in order; statuses: the status columns, in order. Returns one row per route and country, in
    the order the route meets its countries: corridor_id, iso3, country, km_<status> for each
    status, km (all statuses), share (of the route's drawn km, 0–1).
    """
    columns = ["corridor_id", "iso3", "country", *(f"km_{s}" for s in statuses), "km",
               "share"]
    mine = per_segment[per_segment["corridor_id"].isin(list(corridor_ids))]
    if mine.empty:
        return pd.DataFrame(columns=columns)
    table = mine.pivot_table(index=["corridor_id", "iso3", "country"], columns="status",
                             values="km", aggfunc="sum", fill_value=0.0, sort=False)
    table = table.reindex(columns=list(statuses), fill_value=0.0)
    table.columns = [f"km_{s}" for s in table.columns]
    table = table.reset_index()
    table["km"] = table[[f"km_{s}" for s in statuses]].sum(axis=1)
    route_km = table.groupby("corridor_id")["km"].transform("sum")
    table["share"] = table["km"] / route_km.where(route_km > 0)
    # routes in the order given; within one, the order its lines first meet each country
    first = {(c, i): n for n, (c, i) in enumerate(zip(mine["corridor_id"], mine["iso3"]))}
    rank = {c: n for n, c in enumerate(corridor_ids)}
    order = sorted(range(len(table)), key=lambda k: (
        rank[table.at[k, "corridor_id"]],
        first.get((table.at[k, "corridor_id"], table.at[k, "iso3"]), 0)))
    return table.iloc[order].reset_index(drop=True)[columns]


def border_offsets(lines: pd.DataFrame, places: pd.DataFrame, outlines: dict | None
                   ) -> pd.DataFrame:
    """How far the outlines' border lies from each border crossing on the drawn lines: the
    geodesic distance (km) from the crossing's sourced position to the nearest edge of the
    outline of the country the data places it in. A crossing sits on its border, so this is
    the outlines' error there, and about how far km by country can shift near it.
    Returns place_id, name, iso3, km, sorted by km."""
    import shapely
    from shapely.ops import nearest_points

    countries = countries_frame(outlines)
    columns = ["place_id", "name", "iso3", "km"]
    if countries is None or lines.empty:
        return pd.DataFrame(columns=columns)
    on_lines = {s for stops in lines["stops"] for s in stops}
    crossings = places[(places["kind"] == "border_crossing")
                       & places["place_id"].isin(on_lines)]
    shapes = dict(zip(countries["iso3"], countries.geometry))
    rows = []
    for p in crossings.itertuples():
        shape = shapes.get(p.country)
        if shape is None:
            continue
        point = shapely.Point(float(p.lon), float(p.lat))
        edge = nearest_points(shape.boundary, point)[0]
        _, _, metres = GEOD.inv(point.x, point.y, edge.x, edge.y)
        rows.append({"place_id": p.place_id, "name": p.name, "iso3": p.country,
                     "km": metres / 1000.0})
    return pd.DataFrame(rows, columns=columns).sort_values("km", ignore_index=True)


def through_text(per_segment: pd.DataFrame, *, segment_id: str | None = None,
                 corridor_id: str | None = None) -> str:
    """'A 12 km · B 530 km (81%) · C 116 km': the km of one segment,
    or of one corridor's segments, in each country, in the order the line meets them (shares
    for a corridor); '' when there are none."""
    if segment_id is not None:
        rows = per_segment[per_segment["segment_id"] == segment_id]
    else:
        rows = per_segment[per_segment["corridor_id"] == corridor_id]
    if rows.empty:
        return ""
    km = rows.groupby("country", sort=False)["km"].sum()
    total = km.sum()
    share = corridor_id is not None and segment_id is None and len(km) > 1
    return " · ".join(f"{c} {v:,.0f} km" + (f" ({v / total:.0%})" if share else "")
                      for c, v in km.items())
