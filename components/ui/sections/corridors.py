"""The Corridors page's sections: the corridor map with its own controls and the details of
what is selected, the routes compared, and their kilometres by country crossed."""

from __future__ import annotations

from functools import partial

import streamlit as st

from components.analysis.geometry import segment_lines
from components.analysis.routes import capped_options, detail_options
from components.figures.deck import DECK_PX, PRESENT_DECK_PX
from components.figures.outlines import aligned_kinds
from components.sections.base import Context, Section
from components.sections.corridors import MapControls
from components.ui.blocks import column_config, nothing, remembered_click
from components.ui.charts import image_downloads, plotly
from components.ui.map_panel import (
    corridor_claims,
    corridor_through,
    legend,
    place_card,
    segment_card,
)
from components.ui.present import presenting
from components.ui.text import md_escape

#: The map image's size in CSS px (the image is 1600×900, like every chart's).
MAP_IMAGE_PX = (1600, 900)
#: Place names on the presentation screen, px (14 on the page).
PRESENT_LABEL_PX = 22


def corridor_map(section: Section, ctx: Context) -> None:
    """The map (reruns alone when its own controls change: a fragment)."""
    _map_fragment(section, ctx)


@st.fragment
def _map_fragment(section: Section, ctx: Context) -> None:
    if not section.usable(ctx.data):  # the page has said which table failed validation
        return
    if presenting():
        _presented_map(section, ctx)
        return
    labels = ctx.labels.segment_statuses
    c1, c2, c3, c4 = st.columns([5, 2, 2, 2], vertical_alignment="bottom")
    chosen = c1.multiselect("Status", list(labels), format_func=lambda s: labels.get(s, s),
                            key="status", placeholder="All statuses", bind="query-params")
    show_labels = c2.toggle("Place names", value=True, key="corridor_labels")
    show_context = c3.toggle("Other corridors", value=True, key="corridor_context",
                             help="Draw corridors outside the current filters in grey.")
    online = c4.toggle("Web basemap", value=False, key="corridor_basemap",
                       help="Off by default. When on, map tiles are fetched from Carto over "
                            "the internet.")
    v = section.view(ctx, MapControls(tuple(chosen), show_labels, show_context, online))
    if v.empty:
        nothing(v.empty)
    left, right = st.columns([2, 1])
    with left:
        event = st.pydeck_chart(v.deck(), on_select="rerun", selection_mode="single-object",
                                key="corridor_map", height=DECK_PX[1])
        legend(ctx.data["statuses"], aligned_kinds(v.coloured))
        # the map as an image: the static map the pack draws (no WebGL), made on click
        image_downloads(partial(v.figure, *MAP_IMAGE_PX), title=v.title,
                        source_line=v.source_line, filename=f"{ctx.relationship.key}_corridor_map",
                        key="map_img", spread=(1, 1, 2))  # the map's column is narrower
        for line in v.captions:
            st.caption(md_escape(line))
    with right:
        selected = (event.selection.get("objects", {}) if event is not None
                    and hasattr(event, "selection") else {})
        _details(ctx, v.coloured, _clicked(selected))


def _presented_map(section: Section, ctx: Context) -> None:
    """The map as the presentation screen: the whole width, no controls (the statuses a link
    chose still apply; the other controls keep their defaults), large names and legend (the
    presenting CSS sets the type), the boundaries note under it."""
    chosen = tuple(st.session_state.get("status") or st.query_params.get_all("status") or ())
    v = section.view(ctx, MapControls(chosen, label_px=PRESENT_LABEL_PX,
                                      size_px=PRESENT_DECK_PX))
    if v.empty:
        nothing(v.empty)
    st.pydeck_chart(v.deck(), key="corridor_map_presented", height=PRESENT_DECK_PX[1])
    legend(ctx.data["statuses"], aligned_kinds(v.coloured))
    for line in v.captions:
        st.caption(md_escape(line))


def _details(ctx: Context, coloured, clicked: str | None) -> None:
    """'Details for': a line or place chosen on the map or in the chooser (bound to the URL
    as ?detail=…, so a link opens on the same card), and its card."""
    data = ctx.data
    labels = ctx.labels.segment_statuses
    remembered_click("detail", clicked)
    options = detail_options(coloured, data["places"], labels)
    if st.session_state.get("detail") and st.session_state["detail"] not in options:
        # a line or place outside the coloured view (a grey line clicked, or a link)
        options = detail_options(data["segments"], data["places"], labels)
    options, left_out = capped_options(options, st.session_state.get("detail"))
    choice = st.selectbox("Details for", list(options), format_func=lambda k: options[k],
                          index=None, key="detail", bind="query-params",
                          placeholder="Click the map, or choose a line or place",
                          help=(f"The first {len(options):,} lines and places are listed; "
                                f"{left_out:,} more are left out: narrow the filters to "
                                "reach them.") if left_out else None)
    lines = segment_lines(data["segments"], data["places"])
    with st.container(border=True):
        if choice and choice.startswith("segment:"):
            segment_card(choice.removeprefix("segment:"), data, lines)
        elif choice and choice.startswith("place:"):
            place_card(choice.removeprefix("place:"), data)
        elif len(ctx.filters.corridors) == 1:
            corridor = ctx.filters.corridors[0]
            name = data["corridors"].set_index("corridor_id")["name"].get(corridor)
            st.subheader(md_escape(name or corridor))
            corridor_through(corridor, data, lines)
            corridor_claims(corridor, data)
        else:
            st.markdown("**Select a line or a place on the map** to see its status, "
                        "lengths, gauge, cost and sources, and the figures sources "
                        "disagree on.")
            st.caption("Hover shows a summary; the sidebar's corridor filter highlights "
                       "routes.")


def _clicked(selected: dict) -> str | None:
    """'segment:<id>' or 'place:<id>' for the object a map click selected, else None."""
    for layer in ("segments", "context_segments"):
        if selected.get(layer):
            return f"segment:{selected[layer][0]['segment_id']}"
    for layer in ("places", "gauge_changes"):
        if selected.get(layer):
            return f"place:{selected[layer][0]['place_id']}"
    return None


def routes_compared(section: Section, ctx: Context) -> None:
    if not section.usable(ctx.data):  # the page has said which table failed validation
        return
    st.header(section.title)
    v = section.view(ctx)
    if v.empty:
        nothing(v.empty)
        return
    st.dataframe(v.table.frame, hide_index=True, width="stretch", placeholder="",
                 column_config=column_config(v.table.columns))
    st.caption(md_escape(v.how))
    st.caption(md_escape(v.source_line))
    st.markdown(md_escape(v.summary))
    plotly(v.figure, filename="routes_by_status", height=600)
    image_downloads(v.figure, title="Route kilometres by status", source_line=v.source_line,
                    filename="routes_by_status", key="routes_img")
    st.download_button("Download the comparison (CSV)", v.csv, f"{v.table.filename}.csv",
                       "text/csv", icon=":material/download:")


def route_countries(section: Section, ctx: Context) -> None:
    if not section.usable(ctx.data):  # the page has said which table failed validation
        return
    st.subheader(section.title)
    v = section.view(ctx)
    if v.empty:
        nothing(v.empty)
        return
    st.markdown(md_escape(v.summary))
    plotly(v.figure, filename="routes_by_country", height=v.figure.layout.height)
    image_downloads(v.figure, title="Route kilometres by country crossed",
                    source_line=v.source_line, filename="routes_by_country",
                    key="countries_img")
    st.dataframe(v.table.frame, hide_index=True, width="stretch", placeholder="",
                 column_config=column_config(v.table.columns))
    st.caption(md_escape(v.caveat))
    st.caption(md_escape(v.source_line))
    st.download_button("Download km by country (CSV)", v.csv, f"{v.table.filename}.csv",
                       "text/csv", icon=":material/download:", key="countries_csv")
