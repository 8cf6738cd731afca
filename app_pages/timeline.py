"""Timeline: visits, summits, commissions, forums and milestones since 1991, and their outcomes."""

import datetime as dt

import streamlit as st

from components.chart_style import for_projector
from components.filters import describe, label_maps
from components.sourcing import source_line
from components.timeline import (
    LANES,
    default_window,
    drawable,
    events_in_view,
    page_filter,
    timeline_figure,
)
from components.ui.blocks import broken_notice, nothing
from components.ui.charts import image_downloads
from components.ui.event_card import event_card
from components.ui.present import page_title, presenting
from components.ui.state import dataset, filter_state, view
from components.ui.text import md_escape

data = dataset()
tables = view()
state = filter_state()
sector_labels, corridor_labels = label_maps(data["sectors"], data["corridors"])

page_title("Visits, summits and milestones")
st.caption(md_escape(describe(state, sector_labels, corridor_labels)))

if broken_notice(data, "events"):
    events = events_in_view(data["events"], tables, state)
    countries = dict(zip(data["countries"]["iso3"], data["countries"]["name"]))
    present = sorted({c for cell in data["events"]["countries"].dropna() for c in cell.split(";")})
    c1, c2, c3, c4 = st.columns([3, 3, 3, 2], vertical_alignment="bottom")
    # every page control lives in the URL, so a link reproduces this exact view
    lanes = c1.multiselect("Event type", [lane for lane, _, _ in LANES],
                           key="types", placeholder="All types", bind="query-params")
    chosen = c2.multiselect("Country", present, format_func=lambda c: countries.get(c, c),
                            key="countries", placeholder="All countries", bind="query-params")
    window = c3.segmented_control("Show", ["Recent years", "Full history"],
                                  default="Recent years", key="window", bind="query-params")
    lane_mode = c4.segmented_control("Lanes by", ["Type", "Countries"], default="Type",
                                     key="lanes", bind="query-params")
    events = page_filter(events, lanes, chosen)
    shown = drawable(events)
    if shown.empty:
        nothing("events")
    else:
        today = dt.date.today()
        fig = timeline_figure(
            events, data["sources"], data["statuses"],
            lanes="countries" if lane_mode == "Countries" else "type",
            window=None if window == "Full history" else default_window(today), today=today)
        first, last = shown["start_date"].min(), shown["end_date"].max()
        planned = int(shown["planned"].sum())
        st.caption(md_escape(
            f"{len(shown)} events from {first:%Y} to {last:%Y}"
            + (f", {planned} planned or postponed (open markers)" if planned else "")
            + ". Bars show how long each lasted; pale wide bars mark events known only to the "
              "month or year. Click an event for its card."))
        selection = st.plotly_chart(
            for_projector(fig) if presenting() else fig, theme=None, on_select="rerun",
            selection_mode="points",
            key="timeline_chart", width="stretch",
            config={"displaylogo": False,
                    "toImageButtonOptions": {"filename": "timeline", "width": 1600,
                                             "height": 900}})
        line = source_line(data["sources"], shown["source_id"])
        st.caption(md_escape(line))
        image_downloads(fig, title="Visits, summits and milestones", source_line=line,
                        filename="timeline", key="timeline_img")
        points = selection.selection.get("points", []) if selection else []
        picked = next((p["customdata"][0] for p in points if p.get("customdata")), None)
        # a click selects the event; the chooser below (bound to the URL as ?event=…) keeps it,
        # so a link opens on the same card. Only a new click overrides the chooser.
        if picked and picked != st.session_state.get("_timeline_last_click"):
            st.session_state["_timeline_last_click"] = picked
            st.session_state["event"] = picked
        titles = {e: f"{d:%d %b %Y} — {t}" for e, d, t in
                  zip(shown["event_id"], shown["start_date"], shown["title"])}
        choice = st.selectbox(
            "Event", list(titles), format_func=lambda e: titles.get(e, e), index=None,
            key="event", bind="query-params", placeholder="Click an event, or choose one here")
        with st.container(border=True):
            if choice:
                event_card(choice, data.tables)
            else:
                st.markdown("**Click an event** to see its summary, participants, sources, and "
                            "the agreements, deals and figures the data links to it.")
        with st.expander("Show data"):
            st.dataframe(shown[["start_date", "end_date", "date_precision", "title", "type",
                                "status", "location", "leaders", "source_id"]],
                         hide_index=True, width="stretch")
