"""The corridor map as a static plotly figure, for images and slides. Pure: no Streamlit.

The app's map is a pydeck (WebGL) deck, which headless exports may draw blank; plotly's geo
traces fetch their topojson from a CDN and draw blank offline. This map uses neither: plain SVG
`go.Scatter` traces in longitude/latitude degrees (WGS84) on cartesian axes with equal-area-ish
aspect (one degree of latitude drawn 1/cos(mid-latitude) times taller than one of longitude),
country outlines from the bundled Natural Earth GeoJSON, and nothing fetched from anywhere.

Status is carried twice: by colour (the deck's Okabe–Ito colours) and by dash style
(operational solid, under construction dashed, planned dotted, proposed dash-dot).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from components.analysis import labels
from components.analysis.geometry import segment_lines
from components.analysis.labels import route_ends
from components.analysis.relationships import Relationship
from components.analysis.relationships import chosen as chosen_relationship
from components.analysis.routes import (
    MAP_CENTRE,
    STATUS_ORDER,
    is_coarse,
    map_segments,
    names_fit,
    route_gauge_changes,
    segment_ends,
)
from components.analysis.sourcing import source_label
from components.analysis.vocabulary import place_names, status_labels
from components.figures.map_layout import (
    LABEL_SIZE,
    PLOTLY_GAP,
    RING_PX,
    MapView,
    corner_box,
    frame_view,
    legend_corner,
    line_samples,
    place_labels,
)
from components.figures.outlines import (
    INDICATIVE,
    country_areas,
    lines_note,
    load_outlines,
    load_seas,
    outlines_caption,
    sea_areas,
)
from components.figures.style import CONTEXT_COLOR, GAUGE_COLOR, STATUS_STYLE, TEMPLATE, plain

DASH = {"operational": "solid", "under_construction": "dash", "planned": "dot",
        "proposed": "dashdot"}
LAND, LAND_LINE, SEA = "#f1f1ec", "#a0a0a0", "#cde0f0"
SEA_NAME = "#2d5a87"  # water's names, as the app's map's (deck.SEA_NAME_COLOR)
# marker per place kind: (legend label, symbol, size px, fill, outline)
PLACE_MARKS = {
    "port": ("Port", "square", 13, "rgb(0,60,110)", "white"),
    "border_crossing": ("Border crossing", "diamond", 13, "white", "rgb(20,20,20)"),
    "city": ("City", "circle", 9, "rgb(60,60,60)", "white"),
    "junction": ("Junction or station", "circle", 7, "rgb(60,60,60)", "white"),
    "station": ("Junction or station", "circle", 7, "rgb(60,60,60)", "white"),
}
COUNTRY_PX = 13  # country names, px (place names are LABEL_SIZE, one px larger)
CAPTION_PX = 44  # the caption's two lines at 12 px, with padding
CAPTION_LINE_PX = 15  # one more line of the caption
LEGEND_PX = (270, 250)  # the legend's estimated width and height, px (placement only)


def _caption_lines(max_px: float, outlines: dict | None, seas: dict | None = None,
                   note: str = INDICATIVE) -> list[str]:
    """The outlines' (and sea names') attribution then `note` (what the lines are:
    outlines.lines_note), each wrapped to lines at most `max_px` wide (12 px text, ~6 px a
    character); each stays one line when it fits."""
    chars = max(40, int((max_px - 10) / 6))
    return [*textwrap.wrap(outlines_caption(outlines, seas), chars),
            *textwrap.wrap(note, chars)]


def _rgb(c: list[int]) -> str:
    return f"rgb({c[0]},{c[1]},{c[2]})"


def _outline_traces(outlines: dict | None) -> list[go.Scatter]:
    """Land as filled grey polygons with thin outlines (one trace)."""
    if not outlines:
        return []
    xs: list[float | None] = []
    ys: list[float | None] = []
    for feature in outlines.get("features", []):
        geom = feature.get("geometry") or {}
        polys = ([geom["coordinates"]] if geom.get("type") == "Polygon"
                 else geom.get("coordinates", []) if geom.get("type") == "MultiPolygon" else [])
        for poly in polys:
            for ring in poly[:1]:  # exterior rings; the clipped outlines have no holes to show
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
    trace = go.Scatter(
        x=xs, y=ys, mode="lines", fill="toself", fillcolor=LAND,
        line={"color": LAND_LINE, "width": 0.8}, hoverinfo="skip", showlegend=False,
        name="Country outlines")
    return [trace]


def _segment_path_coords(records: list[dict]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for r in records:
        xs += [p[0] for p in r["path"]] + [None]
        ys += [p[1] for p in r["path"]] + [None]
    return xs, ys


def static_map_figure(data: Mapping[str, pd.DataFrame], corridor_ids: Iterable[str] | None = None,
                      *, segments: pd.DataFrame | None = None, show_context: bool = True,
                      show_labels: bool = True, show_gauge_changes: bool = True,
                      outlines: dict | None = None, title: str | None = None,
                      width: int = 1600, height: int = 900,
                      relationship: Relationship | None = None) -> go.Figure:
    """The corridor map of `data` without WebGL (see `draw_static_map`), colouring segments by
    the rule the app's map follows (routes.map_segments).

    data: a Dataset or table name → DataFrame with segments, places, statuses, sources and
      corridors.
    corridor_ids: the corridors drawn in colour; None draws every corridor except the 'context'
      ones (as the Corridors page does). Every other segment is drawn thin grey when
      show_context.
    segments: the segments to consider for colour (e.g. the view's filtered segments); default
      data['segments'].
    """
    every = data["segments"]
    chosen = segments if segments is not None else every
    ids = tuple(corridor_ids) if corridor_ids is not None else ()
    if ids:
        chosen = chosen[chosen["corridor_id"].isin(set(ids))]
    rel = relationship or chosen_relationship(data, None)
    coloured, grey = map_segments(chosen, every, data["corridors"], ids, (), rel.corridors)
    changes = (route_gauge_changes(every, data["places"],
                                   tuple(sorted(set(coloured["corridor_id"]))), rel)
               if show_gauge_changes else [])
    short = data["corridors"].set_index("corridor_id")["short_name"].to_dict()
    return draw_static_map(coloured, grey if show_context else None, data["places"],
                           data["statuses"], data["sources"], gauge_changes=changes,
                           show_labels=show_labels, outlines=outlines, title=title,
                           width=width, height=height,
                           route_names={r.corridor_id: str(short.get(r.corridor_id))
                                        for r in rel.routes},
                           key_places=key_places_of(rel))


def key_places_of(rel: Relationship) -> frozenset[str]:
    """The places a map names first: the relationship's ports and its routes' railheads."""
    return frozenset([*rel.ports, *(r.origin for r in rel.routes)])


def draw_static_map(coloured: pd.DataFrame, grey: pd.DataFrame | None, places: pd.DataFrame,
                    statuses: pd.DataFrame, sources: pd.DataFrame, *,
                    gauge_changes: list[dict] = (), show_labels: bool = True,
                    outlines: dict | None = None, seas: dict | None = None,
                    title: str | None = None, width: int = 1600, height: int = 900,
                    lines: pd.DataFrame | None = None,
                    route_names: dict[str, str] | None = None,
                    label_px: int = LABEL_SIZE,
                    key_places: Iterable[str] = ()) -> go.Figure:
    """The corridor map without WebGL and without plotly geo traces (fully offline).

    coloured: the segments drawn by status (colour and dash); grey: segments drawn thin grey
      (None: none); gauge_changes: where the gauge changes (routes.route_gauge_changes);
      outlines: GeoJSON dict of country outlines, default the bundled Natural Earth file;
      seas: the water bodies named where they fit (default the bundled file; only with
      outlines).
    width, height: the size the figure will be rendered at, in px (used for the layout and to
      place labels so they overlap as little as possible).
    lines: geometry.segment_lines of a table holding every segment drawn (e.g. all the data's,
      memoised once per loaded table: at 1000× the data computing them for each view took over
      a second); default: computed from `coloured` and `grey`.
    route_names: corridor id → the name drawn beside its line, where it fits.
    label_px: the size of place and route names and of the legend, px (larger on a slide).
    key_places: the places named first (the relationship's ports and railheads).

    x is longitude and y latitude in degrees; the y axis is tied to x (scaleanchor) with
    scaleratio 1/cos(mid-latitude). Legend: statuses (colour and dash), other corridors, place
    kinds, gauge changes. The outlines' attribution and how lines are drawn are a caption
    inside the map. Only segment ends are named (not waypoints), and none beyond LABEL_LIMIT
    of them, as on the app's map.
    """
    if lines is None:
        drawn_lines = segment_lines(coloured, places)
        context_lines = segment_lines(grey, places) if grey is not None else drawn_lines[0:0]
    else:
        drawn_lines = lines[lines["segment_id"].isin(set(coloured["segment_id"]))]
        context_lines = (lines[lines["segment_id"].isin(set(grey["segment_id"]))]
                         if grey is not None else drawn_lines.iloc[0:0])
    lines = drawn_lines
    outlines = outlines if outlines is not None else load_outlines()
    seas = (seas if seas is not None else load_seas()) if outlines else None
    plot_w, plot_h = max(width - 40, 200), max(height - 140, 150)
    view, drawn = _map_view(lines, context_lines, places, outlines, plot_w, plot_h)
    show_labels = show_labels and names_fit(len(segment_ends(coloured)))
    marks = _marks(places, lines, segment_ends(coloured), show_labels, sources)
    legend_pos, caption, obstacles = _legend_and_caption(
        drawn + [(m["lon"], m["lat"]) for m in marks], view, plot_w, plot_h, outlines,
        label_px / LABEL_SIZE, seas, lines_note(coloured))
    line_boxes = line_samples([*lines["path"], *context_lines["path"]], view)
    position = dict(zip(places["place_id"], zip(places["lon"], places["lat"])))
    rings = [tuple(map(float, position[c["at"]])) for c in gauge_changes or []
             if c["at"] in position] if not lines.empty else []
    scale = _scale_bar(view, caption, plot_h)
    obstacles.append(scale["box"])
    place_labels(marks, view, obstacles, line_boxes,
                 route_ends(lines["stops"].str[0], lines["stops"].str[-1], lines["corridor_id"]),
                 rings, label_px, set(key_places))
    routes = _route_names(lines, route_names if show_labels else None, view, marks,
                          [*obstacles, *line_boxes], line_boxes, label_px,
                          pd.concat([lines, context_lines]))

    fig = go.Figure()
    _add_land(fig, outlines, view, marks, [*obstacles, *line_boxes, *(r.box for r in routes)],
              places, lines, label_px - 1, seas)
    _add_lines(fig, lines, context_lines, statuses, places, sources)
    if gauge_changes and not lines.empty:
        _add_gauge_changes(fig, gauge_changes, places)
    _add_places(fig, marks, show_labels, label_px)
    _add_route_names(fig, routes, view, label_px)
    _lay_out(fig, view, legend_pos, caption, title, width, height, label_px)
    _add_scale_bar(fig, scale)
    return fig


#: scale bar lengths to choose from, km
SCALE_KM = (50, 100, 200, 250, 500, 1000)
ROUTE_NAME_COLOR = "rgb(0,90,70)"  # the app's map's route names


def _scale_bar(view: MapView, caption: list[str], plot_h: float) -> dict:
    """A scale bar over the caption, bottom-left: its length (km, a round number about a
    seventh of the map's width at its middle latitude), its ends in degrees and its box in
    plot pixels (for names to keep clear of)."""
    mid = (view.y0 + view.y1) / 2
    km_per_deg = 111.32 * math.cos(math.radians(mid))
    map_w = (view.x1 - view.x0) * view.px_per_deg_x
    map_h = (view.y1 - view.y0) * view.px_per_deg_y
    want = (view.x1 - view.x0) * km_per_deg / 7
    km = min(SCALE_KM, key=lambda k: abs(k - want))
    px = km / km_per_deg * view.px_per_deg_x
    caption_px = CAPTION_PX + CAPTION_LINE_PX * max(0, len(caption) - 2)
    x0, y = 14.0, map_h - caption_px - 14
    lon0 = view.x0 + x0 / view.px_per_deg_x
    lat = view.y1 - y / view.px_per_deg_y
    return {"km": km, "at": mid, "lon0": lon0, "lon1": lon0 + km / km_per_deg, "lat": lat,
            "box": (x0 - 4, y - 24, x0 + max(px, 150) + 8, y + 8), "inside": px < map_w / 2}


def _add_scale_bar(fig: go.Figure, scale: dict) -> None:
    """The bar and its length, with the latitude it is true at (the map's middle: a degree of
    longitude is drawn the same width everywhere, so the bar is longer in km to the south)."""
    if not scale["inside"]:
        return
    fig.add_trace(go.Scatter(
        x=[scale["lon0"], scale["lon1"]], y=[scale["lat"], scale["lat"]], mode="lines",
        line={"color": "#333333", "width": 3}, hoverinfo="skip", showlegend=False,
        name="Scale"))
    fig.add_annotation(
        name="scale_bar", text=f"{scale['km']:,} km (true at {scale['at']:.0f}°N)",
        x=(scale["lon0"] + scale["lon1"]) / 2, y=scale["lat"], xref="x", yref="y",
        yanchor="bottom", showarrow=False, yshift=2,
        font={"size": 12, "color": "#333333"})


def _route_names(lines: pd.DataFrame, names: dict[str, str] | None, view: MapView,
                 marks: list[dict], obstacles: list[tuple], line_boxes: list[tuple],
                 size_px: int = LABEL_SIZE, every: pd.DataFrame | None = None
                 ) -> list[labels.Placed]:
    """Where the routes' names go beside their lines (labels.place_along, as the app's map),
    clear of the places, their names, everything else placed and the other lines drawn
    (`every`: the coloured and grey lines)."""
    if not names or lines.empty:
        return []
    mine = lines[lines["corridor_id"].isin(set(names))]
    points = labels.route_points((c, [view.to_px(x, y) for x, y in path])
                                 for c, path in zip(mine["corridor_id"], mine["path"]))
    taken = [*obstacles, *(labels.marker_box(*m["px"], m["size"] / 2 + 1) for m in marks),
             *(m["box"] for m in marks if m["label"] and "box" in m)]
    map_w = (view.x1 - view.x0) * view.px_per_deg_x
    map_h = (view.y1 - view.y0) * view.px_per_deg_y
    drawn = list(zip(every["corridor_id"], every["path"])) if every is not None else []
    return labels.place_along([(c, names[c], points[c]) for c in names if c in points], map_w,
                              map_h, size_px, obstacles=taken, lines=line_boxes,
                              gap=PLOTLY_GAP + 2, diagonal=1.0,
                              others=labels.other_lines(drawn, names, view.to_px, 1))


def _add_route_names(fig: go.Figure, routes: list[labels.Placed], view: MapView,
                     size_px: int = LABEL_SIZE) -> None:
    """Each route's name at the centre of the box chosen for it (plain text, no marker)."""
    if not routes:
        return
    centres = [((p.box[0] + p.box[2]) / 2, (p.box[1] + p.box[3]) / 2) for p in routes]
    fig.add_trace(go.Scatter(
        x=[view.x0 + x / view.px_per_deg_x for x, _ in centres],
        y=[view.y1 - y / view.px_per_deg_y for _, y in centres], mode="text",
        text=[plain(p.text) for p in routes], hoverinfo="skip", showlegend=False,
        textfont={"size": size_px, "color": ROUTE_NAME_COLOR, "style": "italic"},
        name="Routes"))


def _map_view(lines: pd.DataFrame, context_lines: pd.DataFrame, places: pd.DataFrame,
              outlines: dict | None, plot_w: float, plot_h: float
              ) -> tuple[MapView, list[tuple[float, float]]]:
    """The view framing the coloured lines (else the grey ones, else every place), and those
    points."""
    drawn = ([tuple(p) for path in lines["path"] for p in path]
             or [tuple(p) for path in context_lines["path"] for p in path]
             or list(zip(places["lon"].astype(float), places["lat"].astype(float)))
             or [MAP_CENTRE])
    bounds = tuple(outlines["bbox"]) if outlines and "bbox" in outlines else None
    return frame_view(drawn, plot_w, plot_h, bounds, bottom_px=CAPTION_PX + 34), drawn


#: the order places are drawn in, one trace per kind (labels are placed by labels.rank_of)
KIND_RANK = {"port": 0, "border_crossing": 1, "city": 2, "junction": 3, "station": 4}


def _marks(places: pd.DataFrame, lines: pd.DataFrame, ends: set[str], show_labels: bool,
           sources: pd.DataFrame) -> list[dict]:
    """One mark per place on the coloured lines (labelled when it ends a segment), most
    important kind first."""
    on_lines = list(dict.fromkeys(s for stops in lines["stops"] for s in stops))
    marks = []
    for p in places[places["place_id"].isin(on_lines)].to_dict("records"):
        _, _, size, _, _ = PLACE_MARKS.get(p["kind"], PLACE_MARKS["city"])
        marks.append({"place_id": p["place_id"], "name": str(p["name"]), "kind": p["kind"],
                      "lon": float(p["lon"]), "lat": float(p["lat"]), "size": size,
                      "label": str(p["name"]) if show_labels and p["place_id"] in ends else "",
                      "source": source_label(sources, p["source_id"])})
    marks.sort(key=lambda m: (KIND_RANK.get(m["kind"], 5), m["name"]))
    return marks


def _legend_and_caption(points: list[tuple[float, float]], view: MapView, plot_w: float,
                        plot_h: float, outlines: dict | None, legend_scale: float = 1.0,
                        seas: dict | None = None, note: str = INDICATIVE
                        ) -> tuple[tuple, list[str], list[tuple]]:
    """The legend's corner, the caption's lines and the two boxes labels must keep clear of.

    The caption sits bottom-left inside the map; with the legend in the bottom-right corner
    (anchored to the plot's edge, which may lie right of the map's) it wraps to end before
    it: on a slide-sized map the two overlapped."""
    legend_pos = legend_corner(points, view)
    legend_w, legend_h = (v * legend_scale for v in LEGEND_PX)  # its type grows with the names
    legend_box = corner_box(legend_pos, plot_w, plot_h, legend_w, legend_h)
    map_w = (view.x1 - view.x0) * view.px_per_deg_x
    map_h = (view.y1 - view.y0) * view.px_per_deg_y
    room = map_w
    if legend_pos[1] == 0:
        room = plot_w - legend_w - (plot_w - map_w) / 2 - 10
    caption = _caption_lines(room, outlines, seas, note)
    caption_px = CAPTION_PX + CAPTION_LINE_PX * max(0, len(caption) - 2)
    caption_w = max(len(line) for line in caption) * 12 * 0.5 + 10
    caption_box = (0.0, map_h - caption_px, min(map_w, caption_w), map_h)
    return legend_pos, caption, [legend_box, caption_box]


def _add_land(fig: go.Figure, outlines: dict | None, view: MapView, marks: list[dict],
              obstacles: list[tuple], places: pd.DataFrame, lines: pd.DataFrame,
              size_px: int = COUNTRY_PX, seas: dict | None = None) -> None:
    """Land, and the country names that fit clear of everything else (labels.place_areas,
    as the app's map: the countries the routes cross first), then the names of the water
    (`seas`) that fit clear of those too, in blue italics."""
    fig.add_traces(_outline_traces(outlines))
    map_w = (view.x1 - view.x0) * view.px_per_deg_x
    map_h = (view.y1 - view.y0) * view.px_per_deg_y
    taken = [labels.marker_box(*m["px"], m["size"] / 2 + 1) for m in marks]
    taken += [m["box"] for m in marks if m["label"] and "box" in m]
    spots = labels.place_areas(country_areas(outlines, places, lines, view.to_px), map_w, map_h,
                               size_px, obstacles=[*taken, *obstacles])
    waters = labels.place_areas(sea_areas(seas, view.to_px, map_w, map_h), map_w, map_h,
                                size_px, obstacles=[*taken, *obstacles, *(p.box for p in spots)])
    for name, placed, font in (("Countries", spots, {"color": "#8a8a8a"}),
                               ("Seas", waters, {"color": SEA_NAME, "style": "italic"})):
        if not placed:
            continue
        centres = [((p.box[0] + p.box[2]) / 2, (p.box[1] + p.box[3]) / 2) for p in placed]
        fig.add_trace(go.Scatter(
            x=[view.x0 + x / view.px_per_deg_x for x, _ in centres],
            y=[view.y1 - y / view.px_per_deg_y for _, y in centres], mode="text",
            text=[plain(p.text) for p in placed], hoverinfo="skip", showlegend=False,
            textfont={"size": size_px, **font}, name=name))


def _add_lines(fig: go.Figure, lines: pd.DataFrame, context_lines: pd.DataFrame,
               statuses: pd.DataFrame, places: pd.DataFrame, sources: pd.DataFrame) -> None:
    """The grey lines, then one trace per status (colour and dash), hover per segment while
    they are few enough to point at (as the app's map decides: is_coarse)."""
    if not context_lines.empty:
        xs, ys = _segment_path_coords([{"path": p} for p in context_lines["path"]])
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", name="Other corridors", hoverinfo="skip",
            line={"color": _rgb(CONTEXT_COLOR), "width": 2}, opacity=0.7))
    labels = status_labels(statuses, "segment")
    names = place_names(places)
    # per-point hover text only while the lines are few enough to point at: at 1000× the
    # data it was most of a 6 MB figure that is only ever drawn as an image
    detail = not is_coarse(len(lines) + len(context_lines))
    for status in [*STATUS_ORDER, *sorted(set(lines["status"]) - set(STATUS_ORDER))]:
        mine = lines[lines["status"] == status]
        if mine.empty:
            continue
        style = STATUS_STYLE.get(status, {"color": CONTEXT_COLOR, "width": 3})
        label = labels.get(status, status.replace("_", " "))
        xs, ys, hover = [], [], []
        for seg in mine.to_dict("records"):
            xs += [p[0] for p in seg["path"]] + [None]
            ys += [p[1] for p in seg["path"]] + [None]
            if detail:
                text = plain(f"{names[seg['stops'][0]]} – {names[seg['stops'][-1]]}: {label}, "
                             f"{seg['length_km']:,.0f} km drawn; "
                             f"source: {source_label(sources, seg['source_id'])}")
                hover += [text] * len(seg["path"]) + [None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", name=plain(label), hovertext=hover or None,
            hovertemplate="%{hovertext}<extra></extra>" if detail else None,
            hoverinfo=None if detail else "skip",
            line={"color": _rgb(style["color"]), "width": style["width"] + 1,
                  "dash": DASH.get(status, "solid")}))


def _add_places(fig: go.Figure, marks: list[dict], show_labels: bool,
                size_px: int = LABEL_SIZE) -> None:
    """One trace per kind of place (a legend entry each), names where placed."""
    shown_kinds = set()
    for kind in KIND_RANK:
        mine = [m for m in marks if m["kind"] == kind]
        if not mine:
            continue
        label, symbol, size, fill, outline = PLACE_MARKS[kind]
        fig.add_trace(go.Scatter(
            x=[m["lon"] for m in mine], y=[m["lat"] for m in mine],
            mode="markers+text" if show_labels else "markers",
            name=label, legendgroup=label, showlegend=label not in shown_kinds,
            marker={"symbol": symbol, "size": size, "color": fill,
                    "line": {"color": outline, "width": 1.5}},
            text=[plain(m["label"]) for m in mine],
            textposition=[m["position"] for m in mine],
            textfont={"size": size_px, "color": "#191919", "weight": 600,
                      "shadow": "0 0 3px white, 0 0 2px white"},
            hovertext=[plain(f"{m['name']} ({kind.replace('_', ' ')}); source: {m['source']}")
                       for m in mine],
            hovertemplate="%{hovertext}<extra></extra>"))
        shown_kinds.add(label)


def _lay_out(fig: go.Figure, view: MapView, legend_pos: tuple, caption: list[str],
             title: str | None, width: int, height: int, legend_px: int = 14) -> None:
    """Axes in degrees with one aspect, the legend in its corner, the caption inside."""
    ratio = 1 / math.cos(math.radians((view.y0 + view.y1) / 2))
    fig.update_layout(
        template=TEMPLATE, width=width, height=height, autosize=False,
        title={"text": plain(title)} if title else None,
        plot_bgcolor=SEA, showlegend=True, hovermode="closest",
        margin={"l": 10, "r": 10, "t": 56 if title else 10, "b": 10},
        xaxis={"range": [view.x0, view.x1], "visible": False, "showgrid": False,
               "zeroline": False, "constrain": "domain"},
        yaxis={"range": [view.y0, view.y1], "visible": False, "showgrid": False,
               "zeroline": False, "scaleanchor": "x", "scaleratio": ratio,
               "constrain": "domain"},
        legend={"x": legend_pos[0], "y": legend_pos[1], "xanchor": legend_pos[2],
                "yanchor": legend_pos[3], "bgcolor": "rgba(255,255,255,0.88)",
                "bordercolor": "#bbbbbb", "borderwidth": 1, "font": {"size": legend_px},
                "traceorder": "normal", "itemwidth": 40},
    )
    fig.add_annotation(
        name="map_caption", text="<br>".join(plain(line) for line in caption), showarrow=False,
        xref="x domain", yref="y domain", x=0, y=0, xanchor="left", yanchor="bottom",
        align="left", bgcolor="rgba(255,255,255,0.85)", borderpad=4,
        font={"size": 12, "color": "#444"})


def _add_gauge_changes(fig: go.Figure, changes: list[dict], places: pd.DataFrame) -> None:
    """Rings where the gauge changes on the drawn routes' way from their origin to the first
    port (routes.route_gauge_changes)."""
    pos = {r.place_id: (float(r.lon), float(r.lat)) for r in places.itertuples()}
    at = list(dict.fromkeys(c["at"] for c in changes if c["at"] in pos))
    if not at:
        return
    fig.add_trace(go.Scatter(
        x=[pos[a][0] for a in at], y=[pos[a][1] for a in at], mode="markers",
        name="Gauge change", hoverinfo="skip",
        marker={"symbol": "circle-open", "size": RING_PX, "color": _rgb(GAUGE_COLOR),
                "line": {"width": 3, "color": _rgb(GAUGE_COLOR)}}))

