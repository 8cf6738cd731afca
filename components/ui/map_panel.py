"""Drawing helpers for the Corridors page: legend and the details card of a selection."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from components.analysis import formatting as fmt
from components.analysis.crossings import segment_countries, through_text
from components.analysis.memo import by_identity
from components.analysis.sourcing import by_rank, source_label, source_url
from components.analysis.vocabulary import corridor_names, place_names, status_labels
from components.data.loader import Dataset
from components.figures.outlines import load_outlines
from components.figures.style import GAUGE_COLOR, STATUS_STYLE
from components.ui.blocks import claims_table, source_block
from components.ui.text import md_escape


def legend(statuses: pd.DataFrame, aligned: str = "") -> None:
    """Status colours and marker kinds, in the map's own colours (labels escaped); when some
    lines follow alignments, `aligned` names their kinds ('traced') and the legend says which
    lines are straight."""
    labels = status_labels(statuses)

    def swatch(rgb, width, dash=(1, 0)):
        """A line sample: the map's colour, width and dash (dash in line widths, as deck.gl)."""
        colour = f"rgb({rgb[0]},{rgb[1]},{rgb[2]})"
        on, off = dash[0] * width, (dash[0] + dash[1]) * width
        fill = (f"repeating-linear-gradient(90deg,{colour} 0 {on}px,transparent {on}px "
                f"{off}px)" if dash[1] else colour)
        return (f'<span style="display:inline-block;width:36px;height:{width}px;'
                f'background:{fill};vertical-align:middle;margin:0 6px 0 14px"></span>')

    items = [swatch(s["color"], s["width"], s["dash"]) + html.escape(str(labels.get(k, k)))
             for k, s in STATUS_STYLE.items()]
    items.append(swatch([150, 150, 150], 2) + "other corridors")
    ring = (f'<span style="display:inline-block;width:14px;height:14px;border-radius:50%;'
            f'border:3px solid rgb({GAUGE_COLOR[0]},{GAUGE_COLOR[1]},{GAUGE_COLOR[2]});'
            f'vertical-align:middle;margin:0 6px 0 14px"></span>')
    items.append(ring + "gauge change")
    dot = ('<span style="display:inline-block;width:12px;height:12px;border-radius:50%;'
           'background:{bg};border:2px solid {bd};vertical-align:middle;margin:0 6px 0 14px">'
           '</span>')
    items.append(dot.format(bg="rgb(0,60,110)", bd="#fff") + "port")
    items.append(dot.format(bg="#fff", bd="#141414") + "border crossing")
    items.append(dot.format(bg="rgb(60,60,60)", bd="#fff") + "city or junction")
    if aligned:
        items.append(swatch([90, 90, 90], 2) + "straight: between sourced places; bent: "
                     + html.escape(aligned) + " alignment")
    st.html('<div style="font-size:0.95rem;line-height:2">' + "".join(items) + "</div>")


def segment_card(segment_id: str, data: Dataset, lines: pd.DataFrame) -> None:
    """Everything the data says about one segment and its corridor's disputed figures."""
    seg = lines[lines["segment_id"] == segment_id]
    if seg.empty:
        st.info("That line is not in the current view.")
        return
    seg = seg.iloc[0]
    names = place_names(data["places"])
    statuses = status_labels(data["statuses"])
    corridors = corridor_names(data["corridors"], short=False)
    st.subheader(md_escape(" – ".join(names[s] for s in seg["stops"])))
    st.caption(md_escape(corridors.get(seg["corridor_id"], seg["corridor_id"])))
    a, b = st.columns(2)
    a.metric("Status", statuses.get(seg["status"], seg["status"]))
    sources = data["sources"]
    gauge = pd.notna(seg["gauge_mm"])
    b.metric("Gauge", f"{int(seg['gauge_mm']):,} mm" if gauge else "—",
             help=(md_escape(f"{source_label(sources, seg['gauge_source_id'])}: "
                             f"“{seg['gauge_quote']}”")
                   if gauge else "The sources do not state the gauge."))
    a.metric("Drawn length", f"{seg['length_km']:,.0f} km",
             help="Geodesic length of the line on the map; 'indicative' lines run straight "
                  "between sourced places and understate rail distance.")
    b.metric("Stated length", fmt.length_km(seg["stated_length_km"]))
    if pd.notna(seg["cost_usd"]):
        st.metric("Cost", fmt.money(seg["cost_usd"]))
    if isinstance(seg.get("alignment"), list):
        st.caption(md_escape(
            f"Line drawn: {seg['geometry_precision']} alignment, "
            f"{len(seg['alignment']):,} points (geo/segments.geojson; source: "
            f"{source_label(sources, seg['alignment_source_id'])})"))
    else:
        st.caption(md_escape(f"Line drawn: {seg['geometry_precision']}, a straight line "
                             "between places with sourced coordinates"))
    through = through_text(segment_countries(lines, data["places"], load_outlines()),
                           segment_id=segment_id)
    if through:
        st.caption(md_escape(f"Drawn km by country: {through} (the data's places and "
                             "Natural Earth's 1:110m borders; see Kilometres by country "
                             "crossed)"))
    if isinstance(seg["note"], str):
        st.markdown(md_escape(seg["note"]))
    source_block(source_label(sources, seg["source_id"]), seg["quote"],
                 source_url(sources, seg["source_id"]))
    corridor_claims(seg["corridor_id"], data, segment_id)


def corridor_through(corridor_id: str, data: Dataset, lines: pd.DataFrame) -> None:
    """The corridor's drawn km in each country it crosses, as a caption."""
    through = through_text(segment_countries(lines, data["places"], load_outlines()),
                           corridor_id=corridor_id)
    if through:
        st.caption(md_escape(f"Drawn km by country: {through}"))


def corridor_claims(corridor_id: str, data: Dataset, segment_id: str | None = None) -> None:
    """The corridor's stated lengths, costs and capacities, each with its source."""
    shown = claims_shown(data["corridor_claims"], data["sources"], "corridor_id", corridor_id)
    if shown.empty:
        return
    st.markdown("**Figures the sources give for this corridor**")
    if segment_id:
        st.caption("Figures for this segment are marked in the Scope column.")
    claims_table(shown, {"figure": "Figure", "scope": "Scope", "when": "Stated"},
                 data["sources"])


def place_claims(place_id: str, data: Dataset) -> None:
    """The place's stated depths, cargo shares, capacities and throughput, each with its
    source (nothing when the data has no place claims, or they failed validation)."""
    if "place_claims" not in data.tables:  # a broken table's frame is empty: nothing shown
        return
    shown = claims_shown(data["place_claims"], data["sources"], "place_id", place_id)
    if shown.empty:
        return
    st.markdown("**Figures the sources give for this place**")
    st.caption("Sources measure different things (a channel, the berths, the port) in "
               "different years: the Scope column says which.")
    claims_table(shown, {"figure": "Figure", "scope": "Scope", "when": "Stated"},
                 data["sources"])


@by_identity()
def claims_shown(claims: pd.DataFrame, sources: pd.DataFrame, column: str, key: str
                 ) -> pd.DataFrame:
    """The claims whose `column` (corridor_id, place_id) is `key`, as a card lists them: by
    metric, official sources first, then by date, with the figure and its date in words.
    Memoised: at 1000x the data a corridor has thousands of claims, and ordering and wording
    them was half a second of every rerun."""
    mine = claims[claims[column] == key]
    return by_rank(mine, sources, first=("metric",), then=("date",)).assign(
        figure=lambda f: [fmt.claim(m, v, q) for m, v, q in
                          zip(f["metric"], f["value"], f["qualifier"])],
        when=lambda f: [fmt.date(d, p) for d, p in zip(f["date"], f["date_precision"])])


def place_card(place_id: str, data: Dataset) -> None:
    places = data["places"]
    row = places[places["place_id"] == place_id]
    if row.empty:
        return
    p = row.iloc[0]
    st.subheader(md_escape(p["name"]))
    st.caption(md_escape(f"{p['kind'].replace('_', ' ')} · {p['lat']:.4f}°N, {p['lon']:.4f}°E "
                         f"· coordinates {p['coord_precision']}"))
    segs = data["segments"]
    touching = segs[(segs["from_place"] == place_id) | (segs["to_place"] == place_id)
                    | segs["via"].fillna("").str.split(";").map(lambda v: place_id in v)]
    if not touching.empty:
        # the lines in words, as their cards are titled ('Karachi – Port Qasim'), not their ids
        names = place_names(places)
        st.markdown(md_escape("On: " + ", ".join(
            f"{names.get(a, a)} – {names.get(b, b)}"
            for a, b in zip(touching["from_place"], touching["to_place"]))))
    sources = data["sources"]
    source_block(source_label(sources, p["source_id"]), p["quote"],
                 source_url(sources, p["source_id"]))
    place_claims(place_id, data)
