"""Where place names go on a map, so that no two collide. Pure: no Streamlit, no figure.

Both maps call `place` with their own projection (the app's deck in Web Mercator pixels, the
static map in its plot's pixels), so each draws the same rule's choice at its own scale:

- each label has eight candidate positions around its marker (above, right, left, below, then
  the diagonals; border crossings, which sit beside towns, try the right first);
- labels are placed in priority order: route ends and ports, then border crossings, then
  cities, then junctions and stations;
- a position is taken only if its box is inside the map and clear of every label already
  placed and of every marker (the label's own aside); among the clear ones the one covering
  the fewest drawn lines wins;
- a label with no clear position is dropped at that zoom (the marker stays, with its hover).

Boxes are in pixels, y downwards: (x0, y0, x1, y1). Text widths are measured with the font the
maps render in (DejaVu Sans Bold, Chromium's sans-serif here) when it is installed, otherwise
estimated generously.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]

#: position name (plotly's textposition names) → (dx, dy): the side of the marker the label
#: is on, y downwards. The order is the order candidates are tried in.
POSITIONS: dict[str, tuple[int, int]] = {
    "top center": (0, -1), "middle right": (1, 0), "middle left": (-1, 0),
    "bottom center": (0, 1), "top right": (1, -1), "top left": (-1, -1),
    "bottom right": (1, 1), "bottom left": (-1, 1),
    "middle center": (0, 0),  # on the point itself: for names of areas (countries)
}
#: the positions tried round a marker, in order
AROUND = tuple(p for p in POSITIONS if p != "middle center")
#: a diagonal label sits this much closer in on each axis (it clears the marker's corner)
DIAGONAL = 0.75
#: height of a label box, in font sizes: DejaVu Sans's ascent and descent (1.164 em; deck.gl
#: and plotly draw one line of that height)
LINE_HEIGHT = 1.16
#: average character width in font sizes, when the font cannot be measured (DejaVu Sans Bold's
#: is 0.63; narrower fonts only leave more room)
CHAR_EM = 0.66
#: the order labels are placed in, by kind of place (route ends come first of all: rank -1)
KIND_RANK = {"port": 0, "border_crossing": 1, "city": 2, "junction": 3, "station": 3}
_FONT_FILES = ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@dataclass(frozen=True)
class Candidate:
    """A place to name: key (its place_id), text, its marker's centre (x, y) and radius in
    px, rank (lower is placed first: `rank_of`), and whether to try the right side first."""

    key: str
    text: str
    x: float
    y: float
    radius: float
    rank: int = 2
    beside: bool = False


@dataclass(frozen=True)
class Placed:
    """Where a label went: its position name (POSITIONS), its box, and its anchor offset from
    the marker centre in px (what deck.gl's get_pixel_offset takes)."""

    key: str
    text: str
    position: str
    box: Box
    offset: tuple[float, float]


def rank_of(kind: str, is_route_end: bool, is_key: bool = False) -> int:
    """The label's priority: the relationship's own places first (its ports and railheads:
    -2), then route ends (-1), then ports, crossings, cities, junctions."""
    return -2 if is_key else -1 if is_route_end else KIND_RANK.get(kind, 4)


@functools.cache
def _font(size: int):
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow comes with Streamlit
        return None
    for name in _FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


@functools.lru_cache(maxsize=4096)
def text_width(text: str, size_px: float) -> float:
    """The label's width in px at `size_px` (semi-bold sans-serif), measured when the font is
    installed, else estimated from CHAR_EM."""
    font = _font(round(size_px))
    if font is not None:
        return float(font.getlength(text)) * size_px / round(size_px)
    return len(text) * size_px * CHAR_EM


def label_box(x: float, y: float, radius: float, w: float, h: float, position: str,
              gap: float, diagonal: float = DIAGONAL) -> tuple[Box, tuple[float, float]]:
    """The box of a `w`×`h` label at `position` around a marker of `radius` at (x, y), `gap`
    px clear of it (a diagonal position `diagonal` times as far on each axis); and the offset
    of its anchor point (the side of the box facing the marker) from (x, y)."""
    dx, dy = POSITIONS[position]
    k = diagonal if dx and dy else 1.0
    ox, oy = dx * (radius + gap) * k, dy * (radius + gap) * k
    ax, ay = x + ox, y + oy
    x0 = ax - w / 2 if dx == 0 else (ax if dx > 0 else ax - w)
    y0 = ay - h / 2 if dy == 0 else (ay if dy > 0 else ay - h)
    return (x0, y0, x0 + w, y0 + h), (ox, oy)


def overlaps(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _area(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


class _Grid:
    """Boxes bucketed by 64 px cells, so a label is checked only against the boxes near it
    (at 1000× the data a map holds 10⁴–10⁵ markers and line samples)."""

    CELL = 64.0

    def __init__(self, boxes: Iterable[Box] = ()) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for b in boxes:
            self.add(b)

    def _keys(self, b: Box):
        c = self.CELL
        for i in range(int(b[0] // c), int(b[2] // c) + 1):
            for j in range(int(b[1] // c), int(b[3] // c) + 1):
                yield i, j

    def add(self, b: Box) -> None:
        for k in self._keys(b):
            self.cells.setdefault(k, []).append(b)

    def near(self, b: Box) -> list[Box]:
        seen: dict[Box, None] = {}
        for k in self._keys(b):
            for other in self.cells.get(k, ()):
                seen[other] = None
        return list(seen)


def marker_box(x: float, y: float, radius: float) -> Box:
    return (x - radius, y - radius, x + radius, y + radius)


def place(candidates: Iterable[Candidate], width: float, height: float, size_px: float, *,
          obstacles: Sequence[Box] = (), lines: Sequence[Box] = (), gap: float = 3.0,
          margin: float = 2.0, diagonal: float = DIAGONAL,
          order: Sequence[str] = AROUND) -> list[Placed]:
    """The labels that fit, each at its chosen position (see the module's rules), in the
    order they were placed.

    width, height: the map's size in px; size_px: the labels' font size; obstacles: boxes
    no label may cover (other markers, gauge rings, the legend); lines: small boxes along the
    drawn lines, which a label covers only when no clear position avoids them; margin: how
    far inside the map's edge a label must stay; gap, diagonal: how far from its marker a
    label is drawn (label_box: deck.gl puts it where it is told, plotly at its own distance);
    order: the positions tried (AROUND a marker; ('middle center',) for an area's name).

    A label with no clear position may still be placed by moving one label placed before it
    to another clear position (one move; the earlier label keeps a place either way).
    """
    todo = sorted(candidates, key=lambda c: (c.rank, c.text, c.key))
    h = size_px * LINE_HEIGHT
    own = {c.key: marker_box(c.x, c.y, c.radius + 1) for c in todo}
    fixed = _Grid([*obstacles, *own.values()])
    along = _Grid(lines)
    placed: dict[str, Placed] = {}

    def options(c: Candidate) -> list[tuple[float, str, Box, tuple[float, float]]]:
        """The positions inside the map clear of fixed boxes, fewest lines covered first."""
        w = text_width(c.text, size_px) + 2  # the white halo drawn round the text
        reach = c.radius + gap + max(w, h)
        region = (c.x - reach, c.y - reach, c.x + reach, c.y + reach)
        hard = [b for b in fixed.near(region) if overlaps(b, region) and b != own[c.key]]
        soft = [b for b in along.near(region) if overlaps(b, region)]
        tried = list(order)
        if c.beside and "middle right" in tried:
            tried.remove("middle right")
            tried.insert(0, "middle right")
        out = []
        for i, position in enumerate(tried):
            box, offset = label_box(c.x, c.y, c.radius, w, h, position, gap, diagonal)
            if not (box[0] >= margin and box[1] >= margin and box[2] <= width - margin
                    and box[3] <= height - margin):
                continue
            if any(overlaps(box, b) for b in hard):
                continue
            out.append((sum(_area(box, b) for b in soft), i, position, box, offset))
        out.sort(key=lambda o: (o[0], o[1]))  # fewest lines covered, then the order tried
        return [(cost, position, box, offset) for cost, _, position, box, offset in out]

    by_key = {c.key: c for c in todo}
    for c in todo:
        mine = options(c)
        free = [o for o in mine if not any(overlaps(o[2], p.box) for p in placed.values())]
        if free:
            _, position, box, offset = free[0]
            placed[c.key] = Placed(c.key, c.text, position, box, offset)
            continue
        moved = _one_move(c, mine, placed, by_key, options)
        if moved:
            placed.update(moved)
        # else: no clear position at this zoom, and no neighbour can make room: left out
    return list(placed.values())


def _one_move(c: Candidate, mine: list, placed: dict[str, Placed], by_key: dict,
              options) -> dict[str, Placed] | None:
    """Room for `c` made by moving one placed label elsewhere: {key: Placed} for both, or
    None when no single move does it."""
    for _, position, box, offset in mine:
        blocking = [p for p in placed.values() if overlaps(box, p.box)]
        if len(blocking) != 1:
            continue
        other = blocking[0]
        rest = [p.box for k, p in placed.items() if k != other.key] + [box]
        for _, o_pos, o_box, o_off in options(by_key[other.key]):
            if o_pos != other.position and not any(overlaps(o_box, b) for b in rest):
                return {other.key: Placed(other.key, other.text, o_pos, o_box, o_off),
                        c.key: Placed(c.key, c.text, position, box, offset)}
    return None


def place_areas(areas: Iterable[tuple[str, str, Sequence[tuple[float, float]]]], width: float,
                height: float, size_px: float, *, obstacles: Sequence[Box] = (),
                margin: float = 8.0) -> list[Placed]:
    """Names of areas (countries), in the order given: each at the first of its points (px)
    where its box, centred there, is inside the map and clear of `obstacles` and of the names
    already placed; an area with no such point is not named."""
    taken = _Grid(obstacles)
    h = size_px * LINE_HEIGHT
    out = []
    for key, text, points in areas:
        w = text_width(text, size_px) + 2
        for x, y in points:
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            if not (box[0] >= margin and box[1] >= margin and box[2] <= width - margin
                    and box[3] <= height - margin):
                continue
            if any(overlaps(box, b) for b in taken.near(box)):
                continue
            taken.add(box)
            out.append(Placed(key, text, "middle center", box, (0.0, 0.0)))
            break
    return out


def any_overlap(boxes: Sequence[Box]) -> tuple[int, int] | None:
    """The first pair of indices of `boxes` that overlap, or None."""
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            if overlaps(a, boxes[j]):
                return i, j
    return None


def line_boxes(paths: Iterable[Sequence[Sequence[float]]], to_px, step_px: float = 8
               ) -> list[Box]:
    """Small boxes along drawn lines (`paths` of (lon, lat) points, projected by `to_px`), so
    labels can keep off them: one per `step_px` cell, however many lines cross it."""
    centres: dict[tuple[int, int], tuple[float, float]] = {}
    for path in paths:
        pts = [to_px(float(p[0]), float(p[1])) for p in path]
        for (px, py), (qx, qy) in zip(pts, pts[1:]):
            n = max(1, int(((qx - px) ** 2 + (qy - py) ** 2) ** 0.5 / step_px))
            for i in range(n + 1):
                t = i / n
                x, y = px + (qx - px) * t, py + (qy - py) * t
                centres.setdefault((round(x / step_px), round(y / step_px)), (x, y))
    return [(x - 2.5, y - 2.5, x + 2.5, y + 2.5) for x, y in centres.values()]


def other_lines(paths: Iterable[tuple[str, Sequence[Sequence[float]]]], keys: Iterable[str],
                to_px, pad: float) -> dict[str, list[Box]]:
    """For each route of `keys`, boxes along every other route's lines (`paths`: (route key,
    (lon, lat) points)), grown by `pad` px: where its name may not go (place_along)."""
    by_key: dict[str, list] = {}
    for key, path in paths:
        by_key.setdefault(key, []).append(path)
    out = {}
    for key in keys:
        boxes = line_boxes([p for k, ps in by_key.items() if k != key for p in ps], to_px)
        out[key] = [(x0 - pad, y0 - pad, x1 + pad, y1 + pad) for x0, y0, x1, y1 in boxes]
    return out


def route_ends(froms: Iterable[str], tos: Iterable[str],
               corridors: Iterable[str] | None = None) -> set[str]:
    """The places where drawn routes end: those at the end of exactly one segment of a
    corridor (given as the segments' from and to places and corridor ids; without corridors,
    of the whole network). A junction where a feeder meets its route ends both."""
    froms, tos = list(froms), list(tos)
    corridors = list(corridors) if corridors is not None else [""] * len(froms)
    count: dict[tuple[str, str], int] = {}
    for corridor, a, b in zip(corridors, froms, tos):
        for place_id in (a, b):
            count[corridor, place_id] = count.get((corridor, place_id), 0) + 1
    return {p for (_, p), n in count.items() if n == 1}


def place_along(routes: Iterable[tuple[str, str, Sequence[tuple[float, float]]]], width: float,
                height: float, size_px: float, *, obstacles: Sequence[Box] = (),
                lines: Sequence[Box] = (), gap: float = 6.0,
                diagonal: float = DIAGONAL,
                others: Mapping[str, Sequence[Box]] | None = None) -> list[Placed]:
    """Names of routes, in the order given: each beside the first of its points (px, e.g. the
    middles of its segments, longest first) where `place` finds it a clear position, clear of
    `obstacles` and of the names already placed, `gap` px from the line, else a font size
    further, clear of `others[key]` (other_lines: the other routes' lines) and nearer its own
    line than any of those, so that a name never reads as another line's; a route with no such
    point is not named."""
    taken = list(obstacles)
    out = []
    for key, text, points in routes:
        foreign = list((others or {}).get(key, ()))
        near = _Grid(foreign)
        # beside the line first; then a little further off it, where a place's name is close
        tries = ((x, y, g) for g in (gap, gap + size_px) for x, y in points)
        for x, y, g in tries:
            got = place([Candidate(key, text, x, y, 1.0, rank=5)], width, height, size_px,
                        obstacles=[*taken, *foreign], lines=lines, gap=g, diagonal=diagonal)
            # a name nearer another route's line than its own would name that one
            if got and _gap_to(got[0].box, near, reach=2 * g) > _gap_to(got[0].box, _Grid(
                    [marker_box(x, y, 0.5)]), reach=2 * g):
                out.append(got[0])
                taken.append(got[0].box)
                break
    return out


def _gap_to(box: Box, grid: _Grid, reach: float) -> float:
    """The distance (px) from `box` to the nearest box of `grid` within `reach`, else reach."""
    x0, y0, x1, y1 = box
    best = reach
    for bx0, by0, bx1, by1 in grid.near((x0 - reach, y0 - reach, x1 + reach, y1 + reach)):
        dx, dy = max(0.0, bx0 - x1, x0 - bx1), max(0.0, by0 - y1, y0 - by1)
        best = min(best, (dx * dx + dy * dy) ** 0.5)
    return best


def route_points(lines_px: Iterable[tuple[str, Sequence[tuple[float, float]]]]
                 ) -> dict[str, list[tuple[float, float]]]:
    """For each route (key), points along its drawn segments (px) where `place_along` tries
    its name: each segment's middle, then a third and a quarter of the way from either end
    (ALONG), the longest segment's first. lines_px: (route key, the segment's points in px)."""
    found: dict[str, list[tuple[float, int, tuple[float, float]]]] = {}
    for key, pts in lines_px:
        if len(pts) < 2:
            continue
        steps = [((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 for (ax, ay), (bx, by)
                 in zip(pts, pts[1:])]
        total = sum(steps)
        for order, fraction in enumerate(ALONG):
            at = _point_at(pts, steps, total * fraction)
            if at is not None:
                found.setdefault(key, []).append((total, order, at))
    return {k: [p for _, _, p in sorted(v, key=lambda item: (item[1], -item[0]))]
            for k, v in found.items()}


#: where along a segment its route's name is tried, as fractions of its length, in order
ALONG = (0.5, 1 / 3, 2 / 3, 0.25, 0.75)


def _point_at(pts: Sequence[tuple[float, float]], steps: Sequence[float], distance: float
              ) -> tuple[float, float] | None:
    """The point `distance` (px) along the polyline `pts` (its steps' lengths `steps`)."""
    run = 0.0
    for (ax, ay), (bx, by), step in zip(pts, pts[1:], steps):
        if run + step >= distance and step > 0:
            t = (distance - run) / step
            return ax + (bx - ax) * t, ay + (by - ay) * t
        run += step
    return None
