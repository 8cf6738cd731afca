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
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import shape

from components.analysis.geometry import segment_lines
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
from components.figures.outlines import INDICATIVE, load_outlines, outlines_caption
from components.figures.style import CONTEXT_COLOR, GAUGE_COLOR, STATUS_STYLE, TEMPLATE, plain

DASH = {"operational": "solid", "under_construction": "dash", "planned": "dot",
        "proposed": "dashdot"}
LAND, LAND_LINE, SEA = "#f1f1ec", "#a0a0a0", "#e6eff6"
# marker per place kind: (legend label, symbol, size px, fill, outline)
PLACE_MARKS = {
    "port": ("Port", "square", 13, "rgb(0,60,110)", "white"),
    "border_crossing": ("Border crossing", "diamond", 13, "white", "rgb(20,20,20)"),
    "city": ("City", "circle", 9, "rgb(60,60,60)", "white"),
    "junction": ("Junction or station", "circle", 7, "rgb(60,60,60)", "white"),
    "station": ("Junction or station", "circle", 7, "rgb(60,60,60)", "white"),
}
LABEL_SIZE = 14
CHAR_EM = 0.56  # average label character width in em (Liberation Sans, semi-bold)
PAD_DEG = 1.2
MIN_SPAN_DEG = 12
CAPTION_PX = 44  # the caption's two lines at 12 px, with padding
CAPTION_LINE_PX = 15  # one more line of the caption
LEGEND_PX = (270, 250)  # the legend's estimated width and height, px (placement only)


def _caption_lines(max_px: float, outlines: dict | None) -> list[str]:
    """The outlines' attribution then INDICATIVE, each wrapped to lines at most `max_px` wide
    (12 px text, ~6 px a character); each stays one line when it fits."""
    chars = max(40, int((max_px - 10) / 6))
    return [*textwrap.wrap(outlines_caption(outlines), chars), *textwrap.wrap(INDICATIVE, chars)]


def _rgb(c: list[int]) -> str:
    return f"rgb({c[0]},{c[1]},{c[2]})"


@dataclass
class _View:
    """Axis ranges and the pixel scale used to place labels."""

    x0: float
    x1: float
    y0: float
    y1: float
    px_per_deg_x: float
    px_per_deg_y: float

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        """Pixel position in the plot area, y downwards."""
        return ((lon - self.x0) * self.px_per_deg_x, (self.y1 - lat) * self.px_per_deg_y)


def _view(points: list[tuple[float, float]], plot_w: float, plot_h: float,
          bounds: tuple[float, float, float, float] | None, bottom_px: float = 0) -> _View:
    """Ranges covering `points` (padded; at least `bottom_px` free below them, for the caption),
    grown towards the plot's aspect but kept inside `bounds` (the outlines' bbox: beyond it
    there is nothing to draw); px per degree."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    below = PAD_DEG
    for _ in range(3):  # the padding below is in px, the scale depends on it: settle it
        view = _frame(min(lons), max(lons), min(lats), max(lats), below, plot_w, plot_h, bounds)
        free = (min(lats) - view.y0) * view.px_per_deg_y
        if free >= bottom_px or view.y0 <= (bounds[1] if bounds else -90):
            break
        below += (bottom_px - free) / view.px_per_deg_y + 0.1
    return view


def _frame(lon0: float, lon1: float, lat0: float, lat1: float, below: float, plot_w: float,
           plot_h: float, bounds: tuple[float, float, float, float] | None) -> _View:
    x0, x1 = _at_least(lon0 - PAD_DEG, lon1 + PAD_DEG, MIN_SPAN_DEG)
    y0, y1 = _at_least(lat0 - below, lat1 + PAD_DEG, MIN_SPAN_DEG * 0.6)
    ratio = 1 / math.cos(math.radians((y0 + y1) / 2))  # y px per degree / x px per degree
    need_w = (y1 - y0) * ratio * plot_w / plot_h
    if need_w > x1 - x0:
        mid = (x0 + x1) / 2
        x0, x1 = mid - need_w / 2, mid + need_w / 2
    else:
        need_h = (x1 - x0) * plot_h / plot_w / ratio
        y1 = y1 + (need_h - (y1 - y0)) / 2
        y0 = y1 - need_h
    if bounds:
        x0, x1 = _fit(x0, x1, bounds[0], bounds[2])
        y0, y1 = _fit(y0, y1, bounds[1], bounds[3])
    # the axes keep these ranges (constrain='domain'): the scale is set by the tighter side
    sx = min(plot_w / (x1 - x0), plot_h / ((y1 - y0) * ratio))
    return _View(x0, x1, y0, y1, sx, sx * ratio)


def _at_least(lo: float, hi: float, span: float) -> tuple[float, float]:
    mid = (lo + hi) / 2
    return (lo, hi) if hi - lo >= span else (mid - span / 2, mid + span / 2)


def _inside(box: tuple, w: float, h: float, pad: float = 0) -> bool:
    return box[0] >= pad and box[1] >= pad and box[2] <= w - pad and box[3] <= h - pad


def _fit(lo: float, hi: float, bound_lo: float, bound_hi: float) -> tuple[float, float]:
    """Shift [lo, hi] inside [bound_lo, bound_hi], or cut it to them when it is wider."""
    if hi - lo >= bound_hi - bound_lo:
        return bound_lo, bound_hi
    shift = max(bound_lo - lo, 0) - max(hi - bound_hi, 0)
    return lo + shift, hi + shift


def _line_samples(paths: Iterable[list], view: _View, step_px: float = 8
                  ) -> list[tuple[float, float, float, float]]:
    """Small boxes along the drawn lines (plot pixels), so labels can avoid covering them."""
    centres = {}  # one box per step_px cell: thousands of overlapping lines make no more boxes
    for path in paths:
        for (ax, ay), (bx, by) in zip(path, path[1:]):
            (px, py), (qx, qy) = view.to_px(ax, ay), view.to_px(bx, by)
            n = max(1, int(math.hypot(qx - px, qy - py) / step_px))
            for i in range(n + 1):
                t = i / n
                x, y = px + (qx - px) * t, py + (qy - py) * t
                centres.setdefault((round(x / step_px), round(y / step_px)), (x, y))
    return [_box(x, y, 5, 5) for x, y in centres.values()]


def _outline_traces(outlines: dict | None, view: _View) -> tuple[list[go.Scatter], list[dict]]:
    """Land as filled grey polygons with thin outlines (one trace), and country name spots."""
    if not outlines:
        return [], []
    xs: list[float | None] = []
    ys: list[float | None] = []
    names = []
    for feature in outlines.get("features", []):
        geom = feature.get("geometry") or {}
        polys = ([geom["coordinates"]] if geom.get("type") == "Polygon"
                 else geom.get("coordinates", []) if geom.get("type") == "MultiPolygon" else [])
        for poly in polys:
            for ring in poly[:1]:  # exterior rings; the clipped outlines have no holes to show
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
        try:
            point = shape(geom).representative_point()
        except (ValueError, AttributeError, TypeError):
            continue
        name = (feature.get("properties") or {}).get("name")
        if name and view.x0 < point.x < view.x1 and view.y0 < point.y < view.y1:
            names.append({"name": str(name), "lon": point.x, "lat": point.y})
    trace = go.Scatter(
        x=xs, y=ys, mode="lines", fill="toself", fillcolor=LAND,
        line={"color": LAND_LINE, "width": 0.8}, hoverinfo="skip", showlegend=False,
        name="Country outlines")
    return [trace], names


def _box(cx: float, cy: float, w: float, h: float) -> tuple[float, float, float, float]:
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _near(boxes: Iterable[tuple], region: tuple) -> list[tuple]:
    """The boxes that touch `region` (x0, y0, x1, y1): what a label tried anywhere inside it can
    overlap. One pass over the boxes instead of one per candidate position (at 1000× the data
    the lines alone are ~10⁵ boxes)."""
    x0, y0, x1, y1 = region
    return [b for b in boxes if b[0] < x1 and b[2] > x0 and b[1] < y1 and b[3] > y0]


# plotly textposition → (dx sign, dy sign) of the label's centre from the marker
_POSITIONS = {
    "top center": (0, -1), "middle right": (1, 0), "middle left": (-1, 0),
    "bottom center": (0, 1), "top right": (1, -1), "top left": (-1, -1),
    "bottom right": (1, 1), "bottom left": (-1, 1),
}


def _place_labels(marks: list[dict], view: _View, obstacles: list[tuple],
                  lines: list[tuple]) -> None:
    """Give each labelled mark a textposition whose label box overlaps the fewest other labels,
    markers and legend/caption boxes, then the fewest drawn lines (greedy, in the order
    given). Sets mark['position'] and mark['px'] (plot pixels)."""
    boxes = list(obstacles)
    view_w = (view.x1 - view.x0) * view.px_per_deg_x
    view_h = (view.y1 - view.y0) * view.px_per_deg_y
    for m in marks:
        x, y = view.to_px(m["lon"], m["lat"])
        m["px"] = (x, y)
        boxes.append(_box(x, y, m["size"] + 2, m["size"] + 2))
    for m in marks:
        if not m["label"]:
            m["position"] = "top center"
            continue
        x, y = m["px"]
        w = len(m["label"]) * LABEL_SIZE * CHAR_EM
        h = LABEL_SIZE * 1.25
        r = m["size"] / 2 + 3
        own = _box(x, y, m["size"] + 2, m["size"] + 2)
        best, best_cost = None, None
        reach_x, reach_y = r + w + 1, r + h + 1  # the farthest any position's box extends
        region = (x - reach_x, y - reach_y, x + reach_x, y + reach_y)
        near_boxes = [b for b in _near(boxes, region) if b != own]
        near_lines = _near(lines, region)
        order = list(_POSITIONS)
        if m["kind"] == "border_crossing":  # crossings sit beside towns: try the side first
            order.remove("middle right")
            order.insert(0, "middle right")
        for pos in order:
            dx, dy = _POSITIONS[pos]
            cx = x + dx * (r + w / 2)
            cy = y + dy * (r + h / 2)
            box = _box(cx, cy, w, h)
            cost = sum(_overlap(box, b) for b in near_boxes)
            cost += 0.3 * sum(_overlap(box, b) for b in near_lines)
            if not _inside(box, view_w, view_h):
                cost += w * h  # outside the map
            if best_cost is None or cost < best_cost - 1e-9:
                best, best_cost = (pos, box), cost
            if cost == 0:
                break
        m["position"] = best[0]
        boxes.append(best[1])


def _country_labels(spots: list[dict], view: _View, marks: list[dict], obstacles: list[tuple],
                    map_w: float, map_h: float) -> list[dict]:
    """Country names that fit inside the map clear of places, labels, lines, legend and
    caption; each nudged up to ~1 degree from its representative point, else left out."""
    taken = [_box(*m["px"], m["size"] + 2, m["size"] + 2) for m in marks]
    for m in marks:
        if m["label"]:
            w, h = len(m["label"]) * LABEL_SIZE * CHAR_EM, LABEL_SIZE * 1.25
            dx, dy = _POSITIONS[m["position"]]
            r = m["size"] / 2 + 3
            taken.append(_box(m["px"][0] + dx * (r + w / 2), m["px"][1] + dy * (r + h / 2),
                              w, h))
    out = []
    for c in spots:
        x, y = view.to_px(c["lon"], c["lat"])
        w, h = len(c["name"]) * 13 * CHAR_EM + 6, 18
        region = (x - 40 - w / 2, y - 48 - h / 2, x + 40 + w / 2, y + 48 + h / 2)
        near = _near((*taken, *obstacles), region)
        for dx, dy in ((0, 0), (0, -24), (0, 24), (-40, 0), (40, 0), (0, -48), (0, 48)):
            box = _box(x + dx, y + dy, w, h)
            clear = not any(_overlap(box, b) for b in near)
            if clear and _inside(box, map_w, map_h, 4):
                lon = c["lon"] + dx / view.px_per_deg_x
                lat = c["lat"] - dy / view.px_per_deg_y
                out.append({**c, "lon": lon, "lat": lat})
                taken.append(box)
                break
    return out


def _segment_path_coords(records: list[dict]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for r in records:
        xs += [p[0] for p in r["path"]] + [None]
        ys += [p[1] for p in r["path"]] + [None]
    return xs, ys


def _corner_box(corner: tuple, plot_w: float, plot_h: float, w: float, h: float
                ) -> tuple[float, float, float, float]:
    """The legend's estimated box in plot pixels (y down) for a _legend_corner result."""
    x = plot_w - w if corner[0] else 0.0
    y = 0.0 if corner[1] else plot_h - h
    return (x, y, x + w, y + h)


def _legend_corner(points: list[tuple[float, float]], view: _View) -> tuple[float, float, str,
                                                                              str]:
    """(x, y, xanchor, yanchor) in paper coordinates of the emptiest top/right corner."""
    corners = {
        (1, 0, "right", "bottom"): lambda fx, fy: fx > 0.68 and fy < 0.45,
        (1, 1, "right", "top"): lambda fx, fy: fx > 0.68 and fy > 0.55,
        (0, 1, "left", "top"): lambda fx, fy: fx < 0.32 and fy > 0.55,
    }
    counts = {}
    for corner, inside in corners.items():
        counts[corner] = sum(
            inside((lon - view.x0) / (view.x1 - view.x0), (lat - view.y0) / (view.y1 - view.y0))
            for lon, lat in points)
    return min(counts, key=counts.get)


def static_map_figure(data: Mapping[str, pd.DataFrame], corridor_ids: Iterable[str] | None = None,
                      *, segments: pd.DataFrame | None = None, show_context: bool = True,
                      show_labels: bool = True, show_gauge_changes: bool = True,
                      outlines: dict | None = None, title: str | None = None,
                      width: int = 1600, height: int = 900) -> go.Figure:
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
    coloured, grey = map_segments(chosen, every, data["corridors"], ids, ())
    changes = (route_gauge_changes(every, data["places"],
                                   tuple(sorted(set(coloured["corridor_id"]))))
               if show_gauge_changes else [])
    return draw_static_map(coloured, grey if show_context else None, data["places"],
                           data["statuses"], data["sources"], gauge_changes=changes,
                           show_labels=show_labels, outlines=outlines, title=title,
                           width=width, height=height)


def draw_static_map(coloured: pd.DataFrame, grey: pd.DataFrame | None, places: pd.DataFrame,
                    statuses: pd.DataFrame, sources: pd.DataFrame, *,
                    gauge_changes: list[dict] = (), show_labels: bool = True,
                    outlines: dict | None = None, title: str | None = None,
                    width: int = 1600, height: int = 900,
                    lines: pd.DataFrame | None = None) -> go.Figure:
    """The corridor map without WebGL and without plotly geo traces (fully offline).

    coloured: the segments drawn by status (colour and dash); grey: segments drawn thin grey
      (None: none); gauge_changes: where the gauge changes (routes.route_gauge_changes);
      outlines: GeoJSON dict of country outlines, default the bundled Natural Earth file.
    width, height: the size the figure will be rendered at, in px (used for the layout and to
      place labels so they overlap as little as possible).
    lines: geometry.segment_lines of a table holding every segment drawn (e.g. all the data's,
      memoised once per loaded table: at 1000× the data computing them for each view took over
      a second); default: computed from `coloured` and `grey`.

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
    plot_w, plot_h = max(width - 40, 200), max(height - 140, 150)
    view, drawn = _map_view(lines, context_lines, places, outlines, plot_w, plot_h)
    show_labels = show_labels and names_fit(len(segment_ends(coloured)))
    marks = _marks(places, lines, segment_ends(coloured), show_labels, sources)
    legend_pos, caption, obstacles = _legend_and_caption(
        drawn + [(m["lon"], m["lat"]) for m in marks], view, plot_w, plot_h, outlines)
    line_boxes = _line_samples([*lines["path"], *context_lines["path"]], view)
    _place_labels(marks, view, obstacles, line_boxes)

    fig = go.Figure()
    _add_land(fig, outlines, view, marks, [*obstacles, *line_boxes])
    _add_lines(fig, lines, context_lines, statuses, places, sources)
    if gauge_changes and not lines.empty:
        _add_gauge_changes(fig, gauge_changes, places)
    _add_places(fig, marks, show_labels)
    _lay_out(fig, view, legend_pos, caption, title, width, height)
    return fig


def _map_view(lines: pd.DataFrame, context_lines: pd.DataFrame, places: pd.DataFrame,
              outlines: dict | None, plot_w: float, plot_h: float
              ) -> tuple[_View, list[tuple[float, float]]]:
    """The view framing the coloured lines (else the grey ones, else every place), and those
    points."""
    drawn = ([tuple(p) for path in lines["path"] for p in path]
             or [tuple(p) for path in context_lines["path"] for p in path]
             or list(zip(places["lon"].astype(float), places["lat"].astype(float)))
             or [MAP_CENTRE])
    bounds = tuple(outlines["bbox"]) if outlines and "bbox" in outlines else None
    return _view(drawn, plot_w, plot_h, bounds, bottom_px=CAPTION_PX + 34), drawn


#: the order places are labelled in: what matters most to a reader gets its place first
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


def _legend_and_caption(points: list[tuple[float, float]], view: _View, plot_w: float,
                        plot_h: float, outlines: dict | None
                        ) -> tuple[tuple, list[str], list[tuple]]:
    """The legend's corner, the caption's lines and the two boxes labels must keep clear of.

    The caption sits bottom-left inside the map; with the legend in the bottom-right corner
    (anchored to the plot's edge, which may lie right of the map's) it wraps to end before
    it: on a slide-sized map the two overlapped."""
    legend_pos = _legend_corner(points, view)
    legend_box = _corner_box(legend_pos, plot_w, plot_h, *LEGEND_PX)
    map_w = (view.x1 - view.x0) * view.px_per_deg_x
    map_h = (view.y1 - view.y0) * view.px_per_deg_y
    room = map_w
    if legend_pos[1] == 0:
        room = plot_w - LEGEND_PX[0] - (plot_w - map_w) / 2 - 10
    caption = _caption_lines(room, outlines)
    caption_px = CAPTION_PX + CAPTION_LINE_PX * max(0, len(caption) - 2)
    caption_w = max(len(line) for line in caption) * 12 * 0.5 + 10
    caption_box = (0.0, map_h - caption_px, min(map_w, caption_w), map_h)
    return legend_pos, caption, [legend_box, caption_box]


def _add_land(fig: go.Figure, outlines: dict | None, view: _View, marks: list[dict],
              obstacles: list[tuple]) -> None:
    """Land, and the country names that fit clear of everything else."""
    land, country_spots = _outline_traces(outlines, view)
    fig.add_traces(land)
    map_w = (view.x1 - view.x0) * view.px_per_deg_x
    map_h = (view.y1 - view.y0) * view.px_per_deg_y
    spots = _country_labels(country_spots, view, marks, obstacles, map_w, map_h)
    if spots:
        fig.add_trace(go.Scatter(
            x=[c["lon"] for c in spots], y=[c["lat"] for c in spots], mode="text",
            text=[plain(c["name"]) for c in spots], hoverinfo="skip", showlegend=False,
            textfont={"size": 13, "color": "#8a8a8a"}, name="Countries"))


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


def _add_places(fig: go.Figure, marks: list[dict], show_labels: bool) -> None:
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
            textfont={"size": LABEL_SIZE, "color": "#191919", "weight": 600,
                      "shadow": "0 0 3px white, 0 0 2px white"},
            hovertext=[plain(f"{m['name']} ({kind.replace('_', ' ')}); source: {m['source']}")
                       for m in mine],
            hovertemplate="%{hovertext}<extra></extra>"))
        shown_kinds.add(label)


def _lay_out(fig: go.Figure, view: _View, legend_pos: tuple, caption: list[str],
             title: str | None, width: int, height: int) -> None:
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
                "bordercolor": "#bbbbbb", "borderwidth": 1, "font": {"size": 14},
                "traceorder": "normal", "itemwidth": 40},
    )
    fig.add_annotation(
        name="map_caption", text="<br>".join(plain(line) for line in caption), showarrow=False,
        xref="x domain", yref="y domain", x=0, y=0, xanchor="left", yanchor="bottom",
        align="left", bgcolor="rgba(255,255,255,0.85)", borderpad=4,
        font={"size": 12, "color": "#444"})


def _add_gauge_changes(fig: go.Figure, changes: list[dict], places: pd.DataFrame) -> None:
    """Rings where the gauge changes on the drawn routes' way from Kazakhstan to Karachi."""
    pos = {r.place_id: (float(r.lon), float(r.lat)) for r in places.itertuples()}
    at = list(dict.fromkeys(c["at"] for c in changes if c["at"] in pos))
    if not at:
        return
    fig.add_trace(go.Scatter(
        x=[pos[a][0] for a in at], y=[pos[a][1] for a in at], mode="markers",
        name="Gauge change", hoverinfo="skip",
        marker={"symbol": "circle-open", "size": 24, "color": _rgb(GAUGE_COLOR),
                "line": {"width": 3, "color": _rgb(GAUGE_COLOR)}}))
