"""The Timeline page's section: its own controls, the timeline, the chosen event's card and the
events as a table."""

from __future__ import annotations

import streamlit as st

from components.analysis.event_text import choices_with, chooser_text, event_for_label
from components.analysis.events import LANES, countries_present
from components.sections.base import Context, Section
from components.sections.timeline import TimelineControls
from components.ui.blocks import opened, remembered_click, table
from components.ui.charts import image_downloads, plotly
from components.ui.event_card import event_card
from components.ui.frame import usable, viewed
from components.ui.text import md_escape


def controls(ctx: Context) -> TimelineControls:
    """The page's own controls, each bound to the URL so that a link reproduces the view."""
    countries = dict(zip(ctx.data["countries"]["iso3"], ctx.data["countries"]["name"]))
    c1, c2, c3, c4 = st.columns([3, 3, 3, 2], vertical_alignment="bottom")
    lanes = c1.multiselect("Event type", [lane for lane, _, _ in LANES],
                           key="types", placeholder="All types", bind="query-params")
    chosen = c2.multiselect("Country", countries_present(ctx.data["events"]),
                            format_func=lambda c: countries.get(c, c),
                            key="countries", placeholder="All countries", bind="query-params")
    window = c3.segmented_control("Show", ["Recent years", "Full history"],
                                  default="Recent years", key="window", bind="query-params")
    lane_mode = c4.segmented_control("Lanes by", ["Type", "Countries"], default="Type",
                                     key="lanes", bind="query-params")
    return TimelineControls(tuple(lanes), tuple(chosen), window == "Full history",
                            "countries" if lane_mode == "Countries" else "type")


def timeline(section: Section, ctx: Context) -> None:
    if not usable(ctx.data, *section.needs):  # before the controls: they read the events
        return
    if (v := viewed(section, ctx, controls(ctx))) is None:
        return
    st.caption(md_escape(v.caption))
    if v.chart.counted:
        st.info(md_escape(v.note), icon=":material/bar_chart:")
    elif v.note:
        st.caption(md_escape(v.note))
    selection = plotly(v.figure, key="timeline_chart", filename="timeline", on_select="rerun",
                       selection_mode="points")
    st.caption(md_escape(v.source_line))
    image_downloads(v.figure, title=section.title, source_line=v.source_line,
                    filename="timeline", key="timeline_img")
    points = selection.selection.get("points", []) if selection else []
    remembered_click("event", next((p["customdata"][0] for p in points
                                    if p.get("customdata")), None))
    # the newest events only (a link's or a click's event added): see choices_with.
    # A link's first run has the event's label in the URL but not yet its id in the session
    current = (st.session_state.get("event")
               or event_for_label(v.shown, st.query_params.get("event")))
    titles = choices_with(v.shown, current)
    placeholder, help_text = chooser_text(len(v.shown), v.chart.counted)
    choice = st.selectbox(
        "Event", list(titles), format_func=lambda e: titles.get(e, e), index=None,
        key="event", bind="query-params", placeholder=placeholder, help=help_text)
    with st.container(border=True):
        if choice:
            event_card(choice, ctx.data)
        else:
            # counted bars are not events: then the chooser is the way to a card
            st.markdown(("**Choose an event** above" if v.chart.counted
                         else "**Click an event**")
                        + " to see its summary, participants, sources, and the agreements, "
                          "deals and figures the data links to it.")
    if box := opened("Show data", "timeline_data"):  # as every chart's data
        with box:
            table(v.data, "timeline_events")
