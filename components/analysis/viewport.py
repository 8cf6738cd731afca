"""Where the app's map opens: the Web Mercator view (deck.gl's) that fits the drawn routes in a
map of a given size, with margins, and the pixel of any point in it. Pure.

deck.gl draws the world 512·2^zoom px wide; at a given zoom, distances in px do not depend on
the map's width, so a view fitted for the narrowest map the page draws (the Corridors page at
1440×900) also fits every wider one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

TILE_PX = 512
MAX_LAT = 85.05112878


def _merc(lon: float, lat: float) -> tuple[float, float]:
    """(x, y) in world units of 0..1, y downwards."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180) / 360
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
    return x, y


def _unmerc(x: float, y: float) -> tuple[float, float]:
    lon = x * 360 - 180
    lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * y))) - math.pi / 2)
    return lon, lat


@dataclass(frozen=True)
class Viewport:
    """A deck.gl view: centre (lon, lat in degrees), zoom, and the map's size in px."""

    longitude: float
    latitude: float
    zoom: float
    width: float
    height: float

    def to_px(self, lon: float, lat: float) -> tuple[float, float]:
        """The pixel of (lon, lat) in the map, from its top-left corner, y downwards."""
        scale = TILE_PX * 2 ** self.zoom
        cx, cy = _merc(self.longitude, self.latitude)
        x, y = _merc(lon, lat)
        return self.width / 2 + (x - cx) * scale, self.height / 2 + (y - cy) * scale

    def to_lonlat(self, x: float, y: float) -> tuple[float, float]:
        """The (lon, lat) at pixel (x, y): to_px inverted."""
        scale = TILE_PX * 2 ** self.zoom
        cx, cy = _merc(self.longitude, self.latitude)
        return _unmerc(cx + (x - self.width / 2) / scale, cy + (y - self.height / 2) / scale)

    def contains(self, lon: float, lat: float, margin: float = 0) -> bool:
        x, y = self.to_px(lon, lat)
        return margin <= x <= self.width - margin and margin <= y <= self.height - margin


def fit(points: Iterable[tuple[float, float]], width: float, height: float, *,
        margin: tuple[float, float, float, float] = (72, 64, 48, 64), max_zoom: float = 8.0,
        min_zoom: float = 2.0) -> Viewport:
    """The view that shows every (lon, lat) of `points` in a `width`×`height` px map, at least
    `margin` px (top, right, bottom, left) inside its edges, as close in as that allows (at
    most `max_zoom`: a single place is not drawn street-close).

    Zoom is rounded down to a tenth, so the fit holds after rounding."""
    pts = np.asarray(list(points), dtype=float).reshape(-1, 2)
    if not len(pts):
        raise ValueError("fit needs at least one point")
    # only the extremes matter: Mercator keeps the order of longitudes and of latitudes
    (lon0, lat0), (lon1, lat1) = pts.min(axis=0), pts.max(axis=0)
    (x0, y1), (x1, y0) = _merc(lon0, lat0), _merc(lon1, lat1)
    xs, ys = [x0, x1], [y0, y1]
    top, right, bottom, left = margin
    room_w, room_h = max(width - left - right, 1), max(height - top - bottom, 1)
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    zooms = [max_zoom]
    if span_x > 0:
        zooms.append(math.log2(room_w / (span_x * TILE_PX)))
    if span_y > 0:
        zooms.append(math.log2(room_h / (span_y * TILE_PX)))
    zoom = max(min_zoom, math.floor(min(zooms) * 10) / 10)
    scale = TILE_PX * 2 ** zoom
    # the centre that puts the points' box in the middle of the room the margins leave
    cx = (min(xs) + max(xs)) / 2 + (right - left) / 2 / scale
    cy = (min(ys) + max(ys)) / 2 + (bottom - top) / 2 / scale
    lon, lat = _unmerc(cx, cy)
    return Viewport(lon, lat, zoom, width, height)
