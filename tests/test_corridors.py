"""Corridor geometry, the comparison table and the map's deck: from the bundled data."""

import json
import re

import pandas as pd
import pytest

from components.analysis.filters import FilterState, apply_filters
from components.analysis.geometry import geodesic_km, rail_graph, segment_lines, shortest_path
from components.analysis.relationships import chosen
from components.analysis.routes import compare_routes, gauge_changes
from components.figures.deck import build_deck
from components.figures.outlines import load_outlines


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
    assert change["exact"] is False and change["after"] == "torghundi"  # gauges beyond unstated


def test_comparison_table_sums_and_sources(data, lines):
    table = compare_routes(data.tables, chosen(data.tables, None)).set_index("corridor_id")
    assert set(table.index) == {"trans_afghan", "western_trans_afghan"}
    for corridor, row in table.iterrows():
        own = lines[lines["corridor_id"] == corridor]
        by_status = sum(row[f"km_{s}"] for s in
                        ("operational", "under_construction", "planned", "proposed"))
        assert abs(by_status - row["drawn_km"]) <= 2  # rounding of four parts
        assert row["drawn_km"] == round(own["length_km"].sum())
    ta = table.loc["trans_afghan"]
    assert ta["stated_km_latest"].startswith("647 km (TASS")
    assert ta["cost_low"].startswith("~$4.5B (Sputnik") and ta["cost_high"].startswith("$8B")
    assert ta["gauge_changes"] == "1,520 → 1,676 mm between Pul-i-Alam and Peshawar"
    assert ta["railhead"] == "Almaty" and ta["km_to_gwadar"] > ta["km_to_karachi"]
    assert "tass_1992107" in ta["source_ids"].split(";")
    assert "Chaman" in table.loc["western_trans_afghan", "border_crossings"]


def test_corridor_filter_restricts_the_comparison(data):
    view = apply_filters(data.tables, FilterState(corridors=("western_trans_afghan",)))
    table = compare_routes(view, chosen(data.tables, None), all_segments=data["segments"])
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
    assert ids[:2] == ["sea", "outlines"] and "segments" in ids and "places" in ids


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
    from components.analysis.routes import status_summary
    from components.figures.routes import status_figure
    table = compare_routes(data.tables, chosen(data.tables, None))
    fig = status_figure(table, {"operational": "Operational"})
    assert [t.name for t in fig.data][:1] == ["Operational"]
    assert fig.layout.barmode == "stack" and fig.layout.yaxis.type == "category"
    ta = table.set_index("corridor_id").loc["trans_afghan"]
    assert list(fig.data[0].x)[0] == ta["km_operational"]
    text = status_summary(table)
    assert text.startswith(f"Of the Trans-Afghan route's {ta['drawn_km']:,} drawn km, "
                           f"{ta['km_operational']:,} km")


def test_status_is_carried_by_dash_and_pattern_not_colour_alone(data):
    from components.figures.routes import status_figure

    deck = json.loads(build_deck(data["segments"], data["places"], data["statuses"],
                                 data["sources"]).to_json())
    layer = next(la for la in deck["layers"] if la["id"] == "segments")
    assert layer["extensions"] == [{"@@type": "PathStyleExtension", "dash": True}]
    assert layer["getDashArray"] == "@@=dash"
    dash_of = {tuple(r["dash"]): r["status"] for r in layer["data"]}
    by_status = {s: d for d, s in dash_of.items()}
    assert len(set(by_status.values())) == len(by_status) >= 3  # one dash per status
    assert by_status["operational"] == (1, 0)  # what exists is solid
    fig = status_figure(compare_routes(data.tables, chosen(data.tables, None)), {})
    shapes = [t.marker.pattern.shape for t in fig.data]
    assert len(set(shapes)) == len(shapes) == 4


def _many_segments(data, copies: int) -> pd.DataFrame:
    """The bundled segments `copies` times over, with new ids (same places)."""
    segs = data["segments"]
    return pd.concat([segs.assign(segment_id=segs["segment_id"] + f"_c{k}")
                      for k in range(copies)], ignore_index=True)


def test_deck_json_is_compact_and_the_same_document_as_pydecks(data):
    deck = build_deck(data["segments"], data["places"], data["statuses"], data["sources"],
                      outlines=load_outlines())
    compact = deck.to_json()
    indented = super(type(deck), deck).to_json()  # pydeck's own, indented
    assert json.loads(compact) == json.loads(indented)
    assert len(compact) < 0.7 * len(indented) and "\n" not in compact
    assert deck.to_json() is compact  # made once: reruns reuse the text


def test_labels_layer_carries_only_what_it_draws(data):
    spec = json.loads(build_deck(data["segments"], data["places"], data["statuses"],
                                 data["sources"]).to_json())
    labels = next(la for la in spec["layers"] if la["id"] == "labels")["data"]
    assert labels and all(set(r) == {"position", "label", "anchor", "baseline", "offset"}
                          for r in labels)
    assert {r["label"] for r in labels} >= {"Herat", "Karachi", "Gwadar"}


def test_a_map_over_the_detail_limit_draws_one_feature_per_corridor_and_status(data):
    from components.analysis.routes import DETAIL_LIMIT, LABEL_LIMIT

    segs = _many_segments(data, 100)
    assert len(segs) > DETAIL_LIMIT
    few = build_deck(data["segments"], data["places"], data["statuses"], data["sources"])
    many = build_deck(segs, data["places"], data["statuses"], data["sources"],
                      outlines=load_outlines())
    spec = json.loads(many.to_json())
    ids = [la["id"] for la in spec["layers"]]
    assert "segment_groups" in ids and "place_groups" in ids and "segments" not in ids
    groups = next(la for la in spec["layers"] if la["id"] == "segment_groups")
    features = groups["data"]["features"]
    pairs = {(f["properties"]["corridor_id"], f["properties"]["status"]) for f in features}
    assert len(features) == len(pairs) == len(set(zip(segs["corridor_id"], segs["status"])))
    assert sum(f["properties"]["segments"] for f in features) == len(segs)
    # styled as the detailed map: the same dash per status, dashed by the same extension
    assert groups["getDashArray"] == "@@=properties.dash"
    operational = next(f for f in features if f["properties"]["status"] == "operational")
    assert operational["properties"]["dash"] == [1, 0]
    # coordinates at 2 decimals, and the deepest zoom limited to where that is invisible
    coords = [c for f in features for line in f["geometry"]["coordinates"] for p in line
              for c in p]
    assert all(round(c, 2) == c for c in coords)
    assert spec["initialViewState"]["maxZoom"] == 7
    # the same place names as the detailed map, as long as they are few enough to read
    assert len(set(segs["from_place"]) | set(segs["to_place"])) <= LABEL_LIMIT
    assert "labels" in ids
    # 100× the segments for about the bytes of the detailed map
    assert len(many.to_json()) < 3 * len(few.to_json()) + len(json.dumps(load_outlines()))


def test_place_names_are_left_out_when_too_many_to_read(data):
    from components.analysis.routes import LABEL_LIMIT

    places = pd.concat([data["places"].assign(place_id=data["places"]["place_id"] + f"_c{k}")
                        for k in range(4)], ignore_index=True)
    segs = pd.concat([data["segments"].assign(
        segment_id=data["segments"]["segment_id"] + f"_c{k}",
        from_place=data["segments"]["from_place"] + f"_c{k}",
        to_place=data["segments"]["to_place"] + f"_c{k}", via=None) for k in range(4)],
        ignore_index=True)
    assert len(set(segs["from_place"]) | set(segs["to_place"])) > LABEL_LIMIT
    spec = json.loads(build_deck(segs, places, data["statuses"], data["sources"]).to_json())
    assert "labels" not in [la["id"] for la in spec["layers"]]
    assert "segments" in [la["id"] for la in spec["layers"]]  # still every line, pickable


def test_the_details_chooser_is_capped_but_keeps_the_chosen_line():
    from components.analysis.routes import capped_options

    options = {f"segment:s{i}": f"Line {i}" for i in range(10)}
    assert capped_options(options, None, limit=20) == (options, 0)
    shown, left_out = capped_options(options, "segment:s9", limit=3)
    assert list(shown) == ["segment:s0", "segment:s1", "segment:s2", "segment:s9"]
    assert left_out == 6
