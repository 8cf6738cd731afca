"""The timeline's figure builder and event links."""

import datetime as dt

import pandas as pd
import pytest

from components.filters import FilterState, apply_filters
from components.loader import load_dataset
from components.timeline import (
    LANE_OF,
    default_window,
    drawable,
    events_in_view,
    linked_items,
    page_filter,
    span,
    timeline_figure,
    when,
)
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def data():
    return load_dataset(ROOT / "data")


def ts(text):
    return pd.Timestamp(text)


def test_span_shows_imprecision():
    assert span(ts("2026-02-03"), ts("2026-02-04"), "day") == (ts("2026-02-03"), ts("2026-02-05"))
    assert span(ts("2025-09-01"), ts("2025-09-01"), "month") == (ts("2025-09-01"),
                                                                 ts("2025-10-01"))
    assert span(ts("2003-01-01"), ts("2003-01-01"), "year") == (ts("2003-01-01"),
                                                                ts("2004-01-01"))


def test_when_says_the_precision(data):
    ev = data["events"].set_index("event_id")
    assert when(ev.loc["tokayev_state_visit_2026"]) == "3–4 Feb 2026"
    assert when(ev.loc["kaz_head_of_state_visit_2003"]).startswith("2003 (exact date not known")
    assert "across the month" in when(ev.loc["jwg_it_2025"])


def test_every_event_type_has_a_lane():
    from components.tables import TABLES
    assert set(TABLES["events"].col("type").allowed) == set(LANE_OF)


def test_drawable_draws_each_event_once(data):
    rows = drawable(data["events"])
    assert "tokayev_state_visit_2026_seed004" not in set(rows["event_id"])
    assert "tokayev_state_visit_2026" in set(rows["event_id"])
    assert rows.set_index("event_id").at["tokayev_visit_nov2025_planned", "planned"]
    assert not rows.set_index("event_id").at["tokayev_state_visit_2026", "planned"]


def test_figure_traces_lanes_markers_and_axes(data):
    fig = timeline_figure(data["events"], data["sources"], data["statuses"],
                          window=default_window(dt.date(2026, 11, 23)),
                          today=dt.date(2026, 11, 23))
    assert fig.layout.template.layout.colorway[0] == "#0072B2"  # the project template
    assert fig.layout.xaxis.type == "date" and fig.layout.yaxis.type == "category"
    assert list(fig.layout.xaxis.range) == [dt.date(2022, 11, 1), dt.date(2027, 5, 25)]
    markers = [t for t in fig.data if t.mode == "markers"]
    planned = [t for t in markers if t.marker.symbol == "circle-open"]
    assert [t.name for t in planned] == ["Visits (planned / postponed)"]
    assert {t.name for t in markers} >= {"Visits", "Summits", "Corridor & agreement milestones"}
    ids = [c[0] for t in markers for c in t.customdata]
    assert len(ids) == len(set(ids)) == len(drawable(data["events"]))
    visits = next(t for t in markers if t.name == "Visits")
    i = [c[0] for c in visits.customdata].index("tokayev_state_visit_2026")
    hover = visits.hovertext[i]
    assert "3–4 Feb 2026" in hover and "Source: " in hover and "Islamabad" in hover
    # pale, wide bars for month/year precision; the "today" line
    bars = [t for t in fig.data if t.mode == "lines"]
    assert {t.opacity for t in bars} == {1.0, 0.35}
    assert fig.layout.shapes[0].x0 == dt.date(2026, 11, 23)


def test_hover_escapes_html(data):
    events = data["events"].copy()
    events.loc[0, "title"] = "<img src=x onerror=alert(1)>"
    fig = timeline_figure(events, data["sources"], data["statuses"])
    hovers = [h for t in fig.data if t.mode == "markers" for h in t.hovertext]
    assert any("&lt;img src=x" in h for h in hovers)
    assert not any("<img" in h for h in hovers)


def test_lanes_by_country_pair(data):
    fig = timeline_figure(data["events"], data["sources"], data["statuses"], lanes="countries")
    assert "KAZ–PAK" in list(fig.layout.yaxis.categoryarray)


def test_links_are_data_not_text(data):
    links = linked_items("tokayev_state_visit_2026", data.tables)
    assert 37 in set(links["agreements"]["count"])
    assert "tokayev_state_visit_2026_seed004" in set(links["accounts"]["event_id"])
    forum = linked_items("business_forum_2026", data.tables)
    assert "falcon_ebuses" in set(forum["deals"]["deal_key"])


def test_events_follow_linked_items_under_a_sector_filter(data):
    state = FilterState(sectors=("transport",))
    view = apply_filters(data.tables, state)
    ids = set(events_in_view(data["events"], view, state)["event_id"])
    assert "business_forum_2026" in ids  # its e-bus deal is in the transport sector
    state = FilterState(start=dt.date(2026, 1, 1))
    shown = events_in_view(data["events"], apply_filters(data.tables, state), state)
    assert not shown.empty and (shown["end_date"] >= ts("2026-01-01")).all()


def test_page_filter_by_lane_and_country(data):
    only = page_filter(data["events"], ["Summits"], [])
    assert set(only["type"]) == {"summit"}
    uzb = page_filter(data["events"], [], ["UZB"])
    assert uzb["countries"].str.contains("UZB").all()


def test_long_summaries_wrap_with_line_breaks_not_escaped_tags(data):
    fig = timeline_figure(data["events"], data["sources"], data["statuses"])
    hovers = [h for t in fig.data if t.mode == "markers" for h in t.hovertext]
    assert not any("&lt;br&gt;" in h for h in hovers)
