"""Timeline: visits, summits, commissions, forums and milestones since 1991, and their outcomes."""

import datetime as dt

import streamlit as st

from components.analysis.events import (
    LANES,
    chart_caption,
    choices_with,
    chooser_text,
    counted_note,
    countries_present,
    data_rows,
    default_window,
    drawable,
    event_for_label,
    events_in_view,
    events_source_line,
    page_filter,
    plan,
    windowed_note,
)
from components.analysis.filters import describe, label_maps
from components.figures.style import for_projector
from components.figures.timeline import timeline_figure
from components.ui.blocks import broken_notice, nothing, opened, table
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
    present = countries_present(data["events"])
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
        full_history = window == "Full history"
        shown_window = None if full_history else default_window(today)
        # at scale the chart counts events per period instead of drawing each (see plan)
        chart = plan(events, shown_window)
        fig = timeline_figure(
            events, data["sources"], data["statuses"],
            lanes="countries" if lane_mode == "Countries" else "type",
            window=shown_window, today=today)
        st.caption(md_escape(chart_caption(shown, chart.counted)))
        if chart.counted:
            st.info(md_escape(counted_note(chart, full_history)), icon=":material/bar_chart:")
        elif note := windowed_note(chart):
            st.caption(md_escape(note))
        selection = st.plotly_chart(
            for_projector(fig) if presenting() else fig, theme=None, on_select="rerun",
            selection_mode="points",
            key="timeline_chart", width="stretch",
            config={"displaylogo": False,
                    "toImageButtonOptions": {"filename": "timeline", "width": 1600,
                                             "height": 900}})
        line = events_source_line(data["sources"], shown)
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
        # the newest events only (a link's or a click's event added): see choices_with.
        # A link's first run has the event's label in the URL but not yet its id in the session
        current = (st.session_state.get("event")
                   or event_for_label(shown, st.query_params.get("event")))
        titles = choices_with(shown, current)
        placeholder, help_text = chooser_text(len(shown), chart.counted)
        choice = st.selectbox(
            "Event", list(titles), format_func=lambda e: titles.get(e, e), index=None,
            key="event", bind="query-params", placeholder=placeholder, help=help_text)
        with st.container(border=True):
            if choice:
                event_card(choice, data.tables)
            else:
                # counted bars are not events: then the chooser is the way to a card
                st.markdown(("**Choose an event** above" if chart.counted else "**Click an event**")
                            + " to see its summary, participants, sources, and the agreements, "
                              "deals and figures the data links to it.")
        if box := opened("Show data", "timeline_data"):  # as every chart's data
            with box:
                table(data_rows(shown), "timeline_events")
