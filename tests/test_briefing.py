"""Briefing mode: the sequence, the view link and its data version, presentation in AppTest."""

import shutil

import pytest

from components import sections as s
from components.analysis.view_link import data_version, share_url
from components.figures.style import PROJECTOR, for_projector
from components.pages import PAGES, TRADE
from components.presentation import STEPS, Step, neighbours, step_at
from tests.support import ROOT, run_app


def test_the_sequence_is_well_formed():
    keys = [s.key for s in STEPS]
    assert len(keys) == len(set(keys)) >= 5
    for step in STEPS:  # every screen shows sections its page draws
        assert step.page in PAGES and step.sections
        assert set(step.sections) <= set(step.page.sections), step.key
    assert step_at("nonsense") == STEPS[0] and step_at(None) == STEPS[0]
    assert neighbours(STEPS[0])[0] is None and neighbours(STEPS[-1])[1] is None
    assert neighbours(STEPS[1]) == (STEPS[0], STEPS[2])


def test_a_step_naming_a_section_its_page_does_not_draw_fails():
    with pytest.raises(ValueError, match="does not draw map"):
        Step("x", TRADE, (s.DEALS, s.MAP), "Title", "Message")
    with pytest.raises(ValueError, match="shows no section"):
        Step("x", TRADE, (), "Title", "Message")


def test_data_version_follows_content_not_file_times(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    before = data_version(copy)
    assert before == data_version(ROOT / "data") and len(before) == 8
    (copy / "events.csv").touch()
    assert data_version(copy) == before
    trade = copy / "trade_flows.csv"
    trade.write_text(trade.read_text().replace("53700000", "53800000"))
    assert data_version(copy) != before


def test_share_url_keeps_every_parameter_and_replaces_the_version():
    url = share_url("http://10.0.0.5:8501/trade?x=1", "timeline",
                    [("sector", "Railways"), ("sector", "Trade"), ("event", "A — B"),
                     ("present", "true"), ("data", "old")], "abcd1234")
    assert url == ("http://10.0.0.5:8501/timeline?sector=Railways&sector=Trade"
                   "&event=A+%E2%80%94+B&present=true&data=abcd1234")
    assert share_url("http://h/", "", [], "v", base_path="/dash/") == "http://h/dash?data=v"


def test_projector_figures_have_larger_type():
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=[1], y=["a"]))
    fig.add_annotation(text="note", x=0, y=0)
    big = for_projector(fig)
    assert big.layout.font.size == PROJECTOR["font"]
    assert big.layout.annotations[0].font.size == PROJECTOR["font"]
    assert fig.layout.font.size is None  # the original is untouched


def test_presenting_shows_one_screen_without_the_page_title(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data", page="app_pages/trade.py",
                 session={"present": True, "step": "deals"})
    headers = [h.value for h in at.header]
    assert "Deals and investments" in headers
    assert "Trade against targets" not in headers and "Agreements" not in headers
    assert not [t.value for t in at.title]  # the present bar's screen title stands instead
    assert "Deals and investments" in " ".join(m.value for m in at.markdown)  # bar title
    assert at.button(key="present_next") and at.button(key="present_prev")


def test_a_link_made_on_other_data_says_so(monkeypatch):
    at = run_app(monkeypatch, ROOT / "data")
    assert not at.warning
    at.query_params["data"] = "00000000"
    at.run()
    assert any("another version of the data" in w.value for w in at.warning)
