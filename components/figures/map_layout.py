"""Where things go on the static map: the view in degrees and pixels (one aspect for both
axes), label boxes that avoid each other, the markers, the lines and the legend, and the
legend's emptiest corner. Pure geometry in plot pixels (y down); no figure is built here."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

LABEL_SIZE = 14
CHAR_EM = 0.56  # average label character width in em (Liberation Sans, semi-bold)
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


def place_labels(marks: list[dict], view: MapView, obstacles: list[tuple],
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


def place_country_names(spots: list[dict], view: MapView, marks: list[dict], obstacles: list[tuple],
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
