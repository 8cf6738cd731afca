"""AppTest: the Timeline page draws every event in view and follows shared and page filters."""

import json

from tests.conftest import ROOT
from tests.test_app import plain, run_app

PAGE = "app_pages/timeline.py"


def drawn_ids(at) -> set[str]:
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    return {c[0] for t in spec["data"] if t.get("mode") == "markers"
            for c in t.get("customdata", [])}


def test_timeline_draws_events(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    ids = drawn_ids(at)
    assert {"pak_recognises_kaz_1991", "tokayev_state_visit_2026"} <= ids
    assert "tokayev_state_visit_2026_seed004" not in ids  # one mark per event
    assert "Sources: " in plain(" ".join(c.value for c in at.caption))


def test_page_and_shared_filters_change_what_is_drawn(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    everything = drawn_ids(at)
    at.multiselect(key="types").set_value(["Summits"]).run()
    summits = drawn_ids(at)
    assert summits and summits < everything and "sco_samarkand_2022" in summits
    at = run_app(monkeypatch, ROOT / "data", page=PAGE, corridor=["western_trans_afghan"])
    western = drawn_ids(at)
    assert "nurtleu_kabul_2025" in western and "sco_samarkand_2022" not in western


def test_a_filter_that_matches_nothing_says_so(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    at.multiselect(key="countries").set_value(["IRN"]).run()
    at.multiselect(key="types").set_value(["Business forums"]).run()
    assert not at.exception
    assert "No events in the current filters." in plain(" ".join(i.value for i in at.info))


def test_choosing_an_event_opens_its_card(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page=PAGE)
    assert "to see its summary, participants" in plain(" ".join(m.value for m in at.markdown))
    at.selectbox(key="event").set_value("tokayev_state_visit_2026").run()
    text = plain(" ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption))
    assert "to see its summary, participants" not in text
    assert "Participants: Kassym-Jomart Tokayev, Shehbaz Sharif" in text
