"""Kilometres by country crossed: geodesic lengths, the split at a border (hand-computed), the
data's own places deciding before the 1:110m outlines, and each route's share per country."""

import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString

from components.analysis.crossings import (
    border_offsets,
    geodesic_km_of,
    route_countries,
    segment_countries,
)
from components.analysis.geometry import segment_lines
from components.figures.outlines import load_outlines

GEOD = Geod(ellps="WGS84")
STATUSES = ("operational", "under_construction", "planned", "proposed")


def _km(lon0, lat0, lon1, lat1) -> float:
    return GEOD.inv(lon0, lat0, lon1, lat1)[2] / 1000


def _square(iso3, name, x0, x1):
    ring = [[x0, -1], [x1, -1], [x1, 1], [x0, 1], [x0, -1]]
    return {"type": "Feature", "properties": {"iso3": iso3, "name": name},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


#: two made-up countries side by side on the equator, the border at 1°E
OUTLINES = {"type": "FeatureCollection",
            "features": [_square("AAA", "Aland", 0, 1), _square("BBB", "Bland", 1, 2)]}


def _places(*rows):
    return pd.DataFrame(rows, columns=["place_id", "name", "country", "kind", "lat", "lon"])


def _segments(*rows):
    return pd.DataFrame(rows, columns=["segment_id", "corridor_id", "from_place", "to_place",
                                       "via", "status", "source_id"])


def test_a_known_line_measures_its_geodesic_length():
    # one degree of the equator on the WGS84 ellipsoid: 111.319 km
    (km,) = geodesic_km_of([LineString([(0, 0), (1, 0)])])
    assert km == pytest.approx(111.3195, rel=0.005)
    assert km == pytest.approx(_km(0, 0, 1, 0), rel=1e-9)
    # a line in two parts is the sum of its parts, not the jump between them
    two = MultiLineString([[(0, 0), (0.5, 0)], [(1, 0), (1.5, 0)]])
    assert geodesic_km_of([two])[0] == pytest.approx(2 * _km(0, 0, 0.5, 0), rel=1e-9)
    # a bent alignment: the sum of its legs
    bent = LineString([(60, 30), (61, 31), (62, 30.5)])
    assert geodesic_km_of([bent])[0] == pytest.approx(
        _km(60, 30, 61, 31) + _km(61, 31, 62, 30.5), rel=1e-9)


def test_a_line_across_a_border_is_split_where_the_border_cuts_it():
    places = _places(("p", "P", "AAA", "city", 0, 0.5), ("q", "Q", "BBB", "city", 0, 1.75))
    lines = segment_lines(_segments(("pq", "c", "p", "q", "", "planned", "s")), places)
    got = segment_countries(lines, places, OUTLINES)
    assert list(got["iso3"]) == ["AAA", "BBB"]  # in the order the line meets them
    assert list(got["km"]) == pytest.approx([_km(0.5, 0, 1, 0), _km(1, 0, 1.75, 0)],
                                            rel=1e-6)
    assert list(got["country"]) == ["Aland", "Bland"]


def test_the_datas_places_decide_before_the_outlines():
    # q is in Bland by the data, though the made-up outline puts its position in Aland
    places = _places(("p", "P", "BBB", "city", 0, 0.2), ("q", "Q", "BBB", "city", 0, 0.8),
                     ("x", "X", "AAA", "border_crossing", 0, 0.9),
                     ("y", "Y", "BBB", "border_crossing", 0, 1.1),
                     ("z", "Z", "BBB", "city", 0, 1.6))
    segs = _segments(("pq", "c", "p", "q", "", "planned", "s"),   # one country: all of it
                     ("xz", "c", "x", "z", "", "planned", "s"),   # from a crossing: the next
                     ("xy", "c", "x", "y", "", "operational", "s"))  # two posts: half each
    got = segment_countries(segment_lines(segs, places), places, OUTLINES)
    per = {(r.segment_id, r.iso3): r.km for r in got.itertuples()}
    assert per == pytest.approx({("pq", "BBB"): _km(0.2, 0, 0.8, 0),
                                 ("xz", "BBB"): _km(0.9, 0, 1.6, 0),
                                 ("xy", "AAA"): _km(0.9, 0, 1.1, 0) / 2,
                                 ("xy", "BBB"): _km(0.9, 0, 1.1, 0) / 2})


def test_the_bundled_routes_by_country(data):
    lines = segment_lines(data["segments"], data["places"])
    got = segment_countries(lines, data["places"], load_outlines())
    # every segment's km add up to its drawn length
    total = got.groupby("segment_id")["km"].sum()
    drawn = lines.set_index("segment_id")["length_km"]
    assert total.reindex(drawn.index).to_numpy() == pytest.approx(drawn.to_numpy(), rel=1e-9)
    routes = route_countries(got, ("trans_afghan", "western_trans_afghan"), STATUSES)
    trans = routes[routes["corridor_id"] == "trans_afghan"]
    # from the Uzbek railhead through Afghanistan to Pakistan, in that order
    assert list(trans["country"]) == ["Uzbekistan", "Afghanistan", "Pakistan"]
    assert routes.groupby("corridor_id")["share"].sum().to_numpy() == pytest.approx([1, 1])
    # most of each line is in Afghanistan, where it is mostly planned
    afg = routes[routes["iso3"] == "AFG"].set_index("corridor_id")
    assert (afg["share"] > 0.8).all()
    assert (afg["km_planned"] > afg["km_operational"]).all()
    status_km = routes[[f"km_{s}" for s in STATUSES]].sum(axis=1)
    assert status_km.to_numpy() == pytest.approx(routes["km"].to_numpy())


def test_the_outlines_border_error_is_measured_at_the_crossings(data):
    lines = segment_lines(data["segments"], data["places"])
    offsets = border_offsets(lines, data["places"], load_outlines())
    assert {"hairatan", "chaman", "spin_boldak"} <= set(offsets["place_id"])
    assert (offsets["km"] >= 0).all() and offsets["km"].is_monotonic_increasing


def test_the_chart_stacks_each_route_from_its_railhead(data):
    from components.sections import ROUTE_COUNTRIES, context

    v = ROUTE_COUNTRIES.view(context(data))
    bars = [t for t in v.figure.data if t.showlegend is False]
    # the first country of every route is stacked first, Afghanistan before Pakistan
    order = list(dict.fromkeys(t.name for t in bars))
    assert order.index("Turkmenistan") < order.index("Afghanistan") < order.index("Pakistan")
    assert order.index("Uzbekistan") < order.index("Afghanistan")
    # the bars add up to the table: Afghanistan's planned km on the Trans-Afghan route
    planned = next(t for t in bars if t.name == "Afghanistan" and t.marker.pattern.shape == ".")
    row = v.table.frame.set_index(["route", "country"]).loc[("Trans-Afghan", "Afghanistan")]
    assert dict(zip(planned.y, planned.x))["Trans-Afghan"] == row["km_planned"]
    # the legend: a swatch per country, then the statuses' patterns
    legend = [t.name for t in v.figure.data if t.showlegend is not False]
    assert legend[:4] == ["Uzbekistan", "Turkmenistan", "Afghanistan", "Pakistan"]
    assert "Planned" in legend[4:]
