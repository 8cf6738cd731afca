"""Corridors: the offline map of the routes to Karachi and Gwadar, and the routes compared."""

import streamlit as st

from components.analysis.export import to_csv_bytes
from components.analysis.filters import describe, label_maps
from components.analysis.geometry import segment_lines
from components.analysis.routes import (
    LABEL_LIMIT,
    capped_options,
    compare_routes,
    detail_options,
    is_coarse,
    map_segments,
    names_fit,
    route_gauge_changes,
    segment_ends,
    status_summary,
)
from components.analysis.sourcing import source_line
from components.figures.deck import build_deck
from components.figures.outlines import ATTRIBUTION, load_outlines
from components.figures.routes import status_figure
from components.figures.style import for_projector
from components.ui.blocks import broken_notice, nothing
from components.ui.charts import image_downloads
from components.ui.map_panel import corridor_claims, legend, place_card, segment_card
from components.ui.present import page_title, presenting, shows
from components.ui.state import dataset, filter_state, view
from components.ui.text import md_escape

NEEDS = ("segments", "places", "corridor_claims", "statuses")

data = dataset()
tables = view()
state = filter_state()
sector_labels, corridor_labels = label_maps(data["sectors"], data["corridors"])

page_title("Rail routes to the Arabian Sea")
st.caption(md_escape(describe(state, sector_labels, corridor_labels)))


@st.fragment
def map_panel() -> None:
    """Map, its page-level controls and the details of what is selected (reruns alone)."""
    statuses = data["statuses"]
    seg_statuses = statuses[statuses["domain"] == "segment"].sort_values("rank")
    labels = dict(zip(seg_statuses["status_id"], seg_statuses["label"]))
    c1, c2, c3, c4 = st.columns([5, 2, 2, 2], vertical_alignment="bottom")
    chosen = c1.multiselect("Status", list(labels), format_func=lambda s: labels.get(s, s),
                            key="status", placeholder="All statuses", bind="query-params")
    show_labels = c2.toggle("Place names", value=True, key="corridor_labels")
    show_context = c3.toggle("Other corridors", value=True, key="corridor_context",
                             help="Draw corridors outside the current filters in grey.")
    online = c4.toggle("Web basemap", value=False, key="corridor_basemap",
                       help="Off by default. When on, map tiles are fetched from Carto over "
                            "the internet.")
    segments, context = map_segments(tables["segments"], data["segments"], data["corridors"],
                                      state.corridors, tuple(chosen))
    if segments.empty:
        nothing("route segments")
    deck = build_deck(
        segments, data["places"], statuses, data["sources"],
        context_segments=context if show_context else None,
        gauge_changes=route_gauge_changes(data["segments"], data["places"],
                                          tuple(sorted(set(segments["corridor_id"])))),
        outlines=load_outlines(), show_labels=show_labels, online_basemap=online,
        label_px=20 if presenting() else 14)
    left, right = st.columns([2, 1])
    with left:
        event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object",
                                key="corridor_map", height=620)
        legend(statuses)
        drawn = len(segments) + (len(context) if show_context else 0)
        if is_coarse(drawn):
            st.caption(md_escape(
                f"{drawn:,} segments: too many to draw one by one, so each corridor's segments "
                "of one status are drawn as one line and places as dots, without hover or "
                "click. Choose a line or place under “Details for”, or narrow the filters."))
        elif show_labels and not names_fit(len(segment_ends(segments))):
            st.caption(f"Place names are not drawn: more than {LABEL_LIMIT} would overlap.")
        st.caption(ATTRIBUTION)
    with right:
        selected = (event.selection.get("objects", {}) if event is not None
                    and hasattr(event, "selection") else {})
        clicked = _clicked(selected)
        # a click picks what to detail; the chooser (bound to the URL as ?detail=…) keeps it,
        # so a link opens on the same card. Only a new click overrides the chooser.
        if clicked and clicked != st.session_state.get("_map_last_click"):
            st.session_state["_map_last_click"] = clicked
            st.session_state["detail"] = clicked
        options = detail_options(segments, data["places"], labels)
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
                segment_card(choice.removeprefix("segment:"), data.tables, lines)
            elif choice and choice.startswith("place:"):
                place_card(choice.removeprefix("place:"), data.tables)
            elif len(state.corridors) == 1:
                name = data["corridors"].set_index("corridor_id")["name"].get(state.corridors[0])
                st.subheader(md_escape(name or state.corridors[0]))
                corridor_claims(state.corridors[0], data.tables)
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


if broken_notice(data, *NEEDS) and shows("map"):
    map_panel()

if not data.broken & set(NEEDS) and shows("routes"):
    st.header("Routes compared")
    compared = compare_routes(tables, all_segments=data["segments"])
    if compared.empty:
        nothing("route to the ports")
    else:
        st.dataframe(
            compared.drop(columns=["corridor_id", "source_ids"]), hide_index=True,
            width="stretch",
            column_config={
                "corridor": "Route",
                "drawn_km": st.column_config.NumberColumn(
                    "Drawn length (km)", format="%d",
                    help="Geodesic length of the route's lines on the map (straight between "
                         "sourced places): shorter than the rail distance."),
                "stated_km_latest": "Stated length, latest",
                "stated_km_range": "Stated lengths, range",
                "km_operational": st.column_config.NumberColumn("Operational (km)", format="%d"),
                "km_under_construction": st.column_config.NumberColumn(
                    "Under construction (km)", format="%d"),
                "km_planned": st.column_config.NumberColumn("Planned (km)", format="%d"),
                "km_proposed": st.column_config.NumberColumn("Proposed (km)", format="%d"),
                "gauge_changes": "Gauge changes (to Karachi)",
                "border_crossings": "Border crossings",
                "cost_low": "Cost, lowest estimate",
                "cost_high": "Cost, highest estimate",
                "countries": "Countries",
                "railhead": "From (Kazakh railhead)",
                "km_to_karachi": st.column_config.NumberColumn(
                    "To Karachi (km, drawn)", format="%d"),
                "km_to_gwadar": st.column_config.NumberColumn(
                    "To Gwadar (km, drawn)", format="%d"),
            })
        st.caption(
            "Drawn lengths follow straight lines between places with sourced coordinates, so "
            "they understate rail distance; stated lengths are as each source gives them. "
            "Distances from Kazakhstan run from each route's Kazakh railhead through its feeder "
            "and Pakistan's network. Border crossings without sourced coordinates (e.g. "
            "Kharlachi) are named in the segments' notes.")
        ids = [i for cell in compared["source_ids"] for i in cell.split(";")]
        st.caption(md_escape(source_line(data["sources"], ids)))
        seg_labels = dict(zip(data["statuses"]["status_id"], data["statuses"]["label"]))
        st.markdown(md_escape(status_summary(compared)))
        bars = status_figure(compared, seg_labels)
        st.plotly_chart(for_projector(bars) if presenting() else bars, theme=None, width="stretch",
                        config={"displaylogo": False, "toImageButtonOptions": {
                            "filename": "routes_by_status", "width": 1600, "height": 600}})
        image_downloads(bars, title="Route kilometres by status",
                        source_line=source_line(data["sources"], ids),
                        filename="routes_by_status", key="routes_img")
        st.download_button("Download the comparison (CSV)", to_csv_bytes(compared),
                           "routes_compared.csv", "text/csv", icon=":material/download:")
