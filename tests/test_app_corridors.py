"""AppTest: the Corridors page draws the map and the comparison, and follows the filters."""

import json

from tests.support import ROOT, plain, run_app

PAGE = "app_pages/corridors.py"


def deck_spec(at) -> dict:
    (chart,) = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def layer(spec: dict, layer_id: str) -> list[dict]:
    return next((x["data"] for x in spec["layers"] if x["id"] == layer_id), [])


def comparison(at):
    return next(d.value for d in at.dataframe if "Route" in d.value.columns or
                "corridor" in d.value.columns)


def test_corridors_page_draws_map_and_comparison(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    spec = deck_spec(at)
    segments = layer(spec, "segments")
    assert {"trans_afghan", "western_trans_afghan"} <= {s["corridor_id"] for s in segments}
    assert layer(spec, "gauge_changes")
    assert "mapProvider" not in spec or spec["mapProvider"] is None
    table = comparison(at)
    assert len(table) == 2
    text = plain(" ".join(c.value for c in at.caption))
    assert "Natural Earth" in text and "disputed boundaries are not endorsed" in text
    assert "Sources: " in text


def test_corridor_filter_restricts_map_and_table(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE, corridor=["western_trans_afghan"])
    spec = deck_spec(at)
    assert {s["corridor_id"] for s in layer(spec, "segments")} == {"western_trans_afghan"}
    assert layer(spec, "context_segments")  # the rest stays, in grey
    assert [g["place_id"] for g in layer(spec, "gauge_changes")] == ["chaman"]
    assert len(comparison(at)) == 1


def test_status_filter_and_context_toggle(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    at.multiselect(key="status").set_value(["planned"]).run()
    assert not at.exception
    assert {s["status"] for s in layer(deck_spec(at), "segments")} == {"planned"}
    at.toggle(key="corridor_context").set_value(False).run()
    assert layer(deck_spec(at), "context_segments") == []


def test_sector_without_rail_empties_the_page_plainly(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE, sector=["education"])
    infos = plain(" ".join(i.value for i in at.info))
    assert "No route segments in the current filters." in infos
    assert "No route to the ports in the current filters." in infos


def test_context_corridors_are_grey_unless_chosen(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    spec = deck_spec(at)
    assert "kti" not in {s["corridor_id"] for s in layer(spec, "segments")}
    assert "kti" in {s["corridor_id"] for s in layer(spec, "context_segments")}
    at = run_app(monkeypatch, ROOT / "data", page=PAGE, corridor=["kti"])
    assert {s["corridor_id"] for s in layer(deck_spec(at), "segments")} == {"kti"}


def test_a_ports_card_lists_what_sources_say_of_it(monkeypatch):
    """Gwadar's depth is given as 11, 14 and 14.5 m for different things: each with its scope,
    date and source, in the place's card (chosen as a link's ?detail= would)."""
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    at.selectbox(key="detail").set_value("place:gwadar").run()
    assert not at.exception
    assert any("Figures the sources give for this place" in m.value for m in at.markdown)
    (claims,) = [d.value for d in at.dataframe if "Figure" in d.value.columns
                 and "Scope" in d.value.columns]
    depths = claims[claims["Figure"].str.endswith("m deep")]
    assert sorted(depths["Figure"]) == ["11 m deep", "14 m deep", "14.5 m deep", "14.5 m deep"]
    assert "up to 300 Mt a year" in set(claims["Figure"])
    navigation = depths[depths["Figure"] == "14 m deep"].iloc[0]
    assert "Navigation channel" in navigation["Scope"]
    assert navigation["Source"] == "Gwadar Port dredging channel project completed"
    # the lines the place is on, in words
    assert any(plain(m.value) == "On: Gwadar – Quetta" for m in at.markdown)
    assert navigation["Stated"] == "13 Mar 2024" and navigation["Rank"] == "press"
    # a place the claims do not mention has no such table
    at.selectbox(key="detail").set_value("place:herat").run()
    assert not any("Figures the sources give for this place" in m.value for m in at.markdown)


def test_the_page_says_how_much_of_each_route_runs_through_each_country(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    assert "Kilometres by country crossed" in [h.value for h in at.subheader]
    by_country = next(d.value for d in at.dataframe if "country" in d.value.columns)
    trans = by_country[by_country["route"] == "Trans-Afghan"]
    assert list(trans["country"]) == ["Uzbekistan", "Afghanistan", "Pakistan"]
    assert 99 <= trans["share_pct"].sum() <= 101  # whole per cent each, rounded
    said = plain(" ".join(m.value for m in at.markdown))
    assert "658 drawn km, 530 km (81%) run through Afghanistan, 467 km of them planned" in said
    captions = plain(" ".join(c.value for c in at.caption))
    assert "the border lies 1–18 km from the border crossings" in captions
    # and a line's card gives its own km by country
    at.selectbox(key="detail").set_value("segment:logar_peshawar").run()
    captions = plain(" ".join(c.value for c in at.caption))
    assert "Drawn km by country: Afghanistan 118 km · Pakistan 116 km" in captions
