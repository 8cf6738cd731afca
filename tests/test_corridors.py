"""Corridor geometry, the comparison table and the map's deck: from the bundled data."""

import json
import re

import pandas as pd
import pytest

from components.corridor_compare import compare_routes, gauge_changes
from components.corridor_map import build_deck, load_outlines
from components.filters import FilterState, apply_filters
from components.geometry import geodesic_km, rail_graph, segment_lines, shortest_path
from components.loader import load_dataset
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


@pytest.fixture(scope="module")
def lines(data):
    return segment_lines(data["segments"], data["places"]).set_index("segment_id")


def test_geodesic_length_of_known_lines():
    from shapely.geometry import LineString
    # one degree of longitude on the equator is 111.32 km on WGS84
    assert geodesic_km(LineString([(0, 0), (1, 0)])) == pytest.approx(111.32, abs=0.01)
    # Almaty–Tashkent great-circle distance is about 670 km
    assert geodesic_km(LineString([(76.8958, 43.2775), (69.217, 41.267)])) == pytest.approx(
        671, abs=3)


@pytest.mark.parametrize("segment_id,stated_km,tolerance", [
    ("hairatan_mazar", 75, 0.25),        # straight line vs 75 km of track
    ("kandahar_spin_boldak", 96, 0.10),  # 96 km line, nearly straight
    ("spin_boldak_chaman", 11, 0.15),
    ("termez_hairatan", 10, 0.25),
])
def test_drawn_lengths_of_short_segments_are_near_the_stated_ones(lines, segment_id,
                                                                   stated_km, tolerance):
    drawn = lines.at[segment_id, "length_km"]
    assert drawn == pytest.approx(stated_km, rel=tolerance)
    # a straight line is not much longer than the track (places are town centres, not railheads)
    assert drawn <= stated_km * 1.2


def test_every_segment_end_and_waypoint_is_a_place(data):
    places = set(data["places"]["place_id"])
    for seg in data["segments"].itertuples():
        via = [] if pd.isna(seg.via) else seg.via.split(";")
        assert {seg.from_place, seg.to_place, *via} <= places, seg.segment_id
    assert len(segment_lines(data["segments"], data["places"])) == len(data["segments"])


def test_via_places_become_graph_nodes(data):
    graph = rail_graph(segment_lines(data["segments"], data["places"]))
    assert graph.has_edge("peshawar", "rohri") and graph.has_edge("rohri", "karachi")
    assert graph["peshawar"]["rohri"]["segment_id"] == "peshawar_karachi_ml1"


def test_routes_reach_both_ports_from_kazakhstan(data):
    graph = rail_graph(segment_lines(data["segments"], data["places"]))
    path, km = shortest_path(graph, "almaty", "karachi",
                             {"kz_uz_feeder", "trans_afghan", "pakistan_network"})
    assert path[:3] == ["almaty", "tashkent", "termez"] and path[-1] == "karachi"
    assert 2500 < km < 3500
    assert shortest_path(graph, "almaty", "karachi", {"kz_uz_feeder"}) is None


def test_gauge_change_is_found_where_the_1676_mm_network_begins(data):
    graph = rail_graph(segment_lines(data["segments"], data["places"]))
    path, _ = shortest_path(graph, "zhanaozen", "karachi",
                            {"kz_tm_feeder", "western_trans_afghan", "pakistan_network"})
    (change,) = gauge_changes(graph, path)
    assert (change["from_mm"], change["to_mm"], change["at"]) == (1520, 1676, "chaman")
    assert change["exact"] is False and change["after"] == "herat"  # gauges between unstated


def test_comparison_table_sums_and_sources(data, lines):
    table = compare_routes(data.tables).set_index("corridor_id")
    assert set(table.index) == {"trans_afghan", "western_trans_afghan"}
    for corridor, row in table.iterrows():
        own = lines[lines["corridor_id"] == corridor]
        by_status = sum(row[f"km_{s}"] for s in
                        ("operational", "under_construction", "planned", "proposed"))
        assert abs(by_status - row["drawn_km"]) <= 2  # rounding of four parts
        assert row["drawn_km"] == round(own["length_km"].sum())
    ta = table.loc["trans_afghan"]
    assert ta["stated_km_latest"].startswith("647 km (TASS")
    assert ta["cost_low"].startswith("$4.6B") and ta["cost_high"].startswith("$8B")
    assert ta["gauge_changes"] == "1,520 → 1,676 mm between Kabul and Peshawar"
    assert ta["railhead"] == "Almaty" and ta["km_to_gwadar"] > ta["km_to_karachi"]
    assert "tass_1992107" in ta["source_ids"].split(";")
    assert "Chaman" in table.loc["western_trans_afghan", "border_crossings"]


def test_corridor_filter_restricts_the_comparison(data):
    view = apply_filters(data.tables, FilterState(corridors=("western_trans_afghan",)))
    table = compare_routes(view, all_segments=data["segments"])
    assert list(table["corridor_id"]) == ["western_trans_afghan"]
    # distances still run through the feeder and Pakistan's network
    assert table.iloc[0]["km_to_karachi"] > 2000


def test_deck_json_has_no_external_url(data):
    deck = build_deck(data["segments"], data["places"], data["statuses"], data["sources"],
                      outlines=load_outlines())
    text = deck.to_json()
    assert not re.search(r"https?://", text)
    for host in ("cartocdn", "mapbox", "basemaps", "cdn"):
        assert host not in text
    spec = json.loads(text)
    # Streamlit treats a missing mapStyle as "use Carto": it must be pydeck's no-basemap marker
    assert spec.get("mapStyle") == "__MAP_STYLE__" and spec.get("mapProvider") in (None, "")
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids[:1] == ["outlines"] and "segments" in ids and "places" in ids


def test_online_basemap_is_opt_in(data):
    deck = build_deck(data["segments"], data["places"], data["statuses"], data["sources"],
                      online_basemap=True)
    spec = json.loads(deck.to_json())
    assert spec.get("mapProvider") == "carto"


def test_segments_are_coloured_by_status_with_plain_text_tooltips(data):
    deck = build_deck(data["segments"], data["places"], data["statuses"], data["sources"])
    spec = json.loads(deck.to_json())
    segs = next(layer for layer in spec["layers"] if layer["id"] == "segments")["data"]
    colours = {s["status"]: tuple(s["color"]) for s in segs}
    assert len(set(colours.values())) == len(colours) == 4
    herat = next(s for s in segs if s["segment_id"] == "herat_kandahar")
    assert herat["tooltip"].startswith("Herat – Kandahar\nStatus: Planned")
    assert "Stated length: 737 km" in herat["tooltip"]
    assert deck._tooltip == {"text": "{tooltip}"}  # text mode: data never rendered as HTML


def test_outlines_cover_the_region():
    outlines = load_outlines()
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Kazakhstan", "Pakistan", "Afghanistan", "Uzbekistan", "Turkmenistan"} <= names
    assert "disputed boundaries are not endorsed" in outlines["attribution"]


def test_status_figure_and_summary(data):
    from components.corridor_compare import status_figure, status_summary
    table = compare_routes(data.tables)
    fig = status_figure(table, {"operational": "Operational"})
    assert [t.name for t in fig.data][:1] == ["Operational"]
    assert fig.layout.barmode == "stack" and fig.layout.yaxis.type == "category"
    ta = table.set_index("corridor_id").loc["trans_afghan"]
    assert list(fig.data[0].x)[0] == ta["km_operational"]
    text = status_summary(table)
    assert text.startswith(f"Of the Trans-Afghan route's {ta['drawn_km']:,} drawn km, "
                           f"{ta['km_operational']:,} km")


def test_status_is_carried_by_dash_and_pattern_not_colour_alone(data):
    from components.corridor_compare import status_figure

    deck = json.loads(build_deck(data["segments"], data["places"], data["statuses"],
                                 data["sources"]).to_json())
    layer = next(la for la in deck["layers"] if la["id"] == "segments")
    assert layer["extensions"] == [{"@@type": "PathStyleExtension", "dash": True}]
    assert layer["getDashArray"] == "@@=dash"
    dash_of = {tuple(r["dash"]): r["status"] for r in layer["data"]}
    by_status = {s: d for d, s in dash_of.items()}
    assert len(set(by_status.values())) == len(by_status) >= 3  # one dash per status
    assert by_status["operational"] == (1, 0)  # what exists is solid
    fig = status_figure(compare_routes(data.tables), {})
    shapes = [t.marker.pattern.shape for t in fig.data]
    assert len(set(shapes)) == len(shapes) == 4
