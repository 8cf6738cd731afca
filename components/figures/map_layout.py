"""Where things go on the static map: the view in degrees and pixels (one aspect for both
axes), the place names' positions (by the rule both maps share, analysis.labels, with
plotly's distances), the legend's box and its emptiest corner. Pure geometry in plot pixels
(y down); no figure is built here."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from components.analysis import labels

LABEL_SIZE = 14
RING_PX = 24  # the gauge-change ring's diameter on the static map
PAD_DEG = 1.2
MIN_SPAN_DEG = 12


@dataclass
class MapView:
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


def frame_view(points: list[tuple[float, float]], plot_w: float, plot_h: float,
          bounds: tuple[float, float, float, float] | None, bottom_px: float = 0) -> MapView:
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
           plot_h: float, bounds: tuple[float, float, float, float] | None) -> MapView:
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
    return MapView(x0, x1, y0, y1, sx, sx * ratio)


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


def line_samples(paths: Iterable[list], view: MapView, step_px: float = 8
                  ) -> list[tuple[float, float, float, float]]:
    """Small boxes along the drawn lines (plot pixels), so labels can avoid covering them."""
    return labels.line_boxes(paths, view.to_px, step_px)


#: how far plotly draws a text from its marker: about a fifth of the marker's radius and a
#: pixel beyond its edge, the full distance on both axes for a diagonal (plotly.js's
#: Drawing.textPointPosition)
PLOTLY_GAP = 2.5


def place_labels(marks: list[dict], view: MapView, obstacles: list[tuple],
                  lines: list[tuple], route_ends: set[str] = frozenset(),
                  rings: Iterable[tuple[float, float]] = (), size_px: float = LABEL_SIZE,
                  key_places: Iterable[str] = ()) -> None:
    """Choose each labelled mark's textposition by the rule both maps share (labels.place):
    the relationship's own places (`key_places`), route ends and ports first, no label over
    another, over a marker, the legend, the caption
    or a gauge ring (`rings`: their lon, lat), the fewest lines covered; a label with no clear
    position is dropped (its mark's label set to ''). Sets mark['position'], mark['px'] and,
    for placed labels, mark['box'] (plot pixels)."""
    view_w = (view.x1 - view.x0) * view.px_per_deg_x
    view_h = (view.y1 - view.y0) * view.px_per_deg_y
    candidates, taken = [], list(obstacles)
    ring_px = [view.to_px(lon, lat) for lon, lat in rings]
    for m in marks:
        x, y = view.to_px(m["lon"], m["lat"])
        m["px"] = (x, y)
        m["position"] = "top center"
        radius = m["size"] / 2
        ringed = any(abs(x - rx) < 1 and abs(y - ry) < 1 for rx, ry in ring_px)
        if ringed:  # the name goes outside the ring drawn round its place
            radius = max(radius, RING_PX / 2 + 1)
        if m["label"]:
            candidates.append(labels.Candidate(
                m["place_id"], m["label"], x, y, radius,
                labels.rank_of(m["kind"], m["place_id"] in route_ends,
                               m["place_id"] in key_places),
                beside=m["kind"] == "border_crossing"))
        else:
            taken.append(labels.marker_box(x, y, radius + 1))
    for rx, ry in ring_px:
        if not any(abs(rx - c.x) < 1 and abs(ry - c.y) < 1 for c in candidates):
            taken.append(labels.marker_box(rx, ry, RING_PX / 2 + 1))
    placed = {p.key: p for p in labels.place(candidates, view_w, view_h, size_px,
                                             obstacles=taken, lines=lines, gap=PLOTLY_GAP,
                                             diagonal=1.0)}
    for m in marks:
        p = placed.get(m["place_id"])
        if p is None:
            m["label"] = ""
        else:
            m["position"], m["box"] = p.position, p.box


def corner_box(corner: tuple, plot_w: float, plot_h: float, w: float, h: float
                ) -> tuple[float, float, float, float]:
    """The legend's estimated box in plot pixels (y down) for a legend_corner result."""
    x = plot_w - w if corner[0] else 0.0
    y = 0.0 if corner[1] else plot_h - h
    return (x, y, x + w, y + h)


def legend_corner(points: list[tuple[float, float]], view: MapView) -> tuple[float, float, str,
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
