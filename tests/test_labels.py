"""Place names that never collide: the shared placement rule (labels.place), the view the app's
map opens on (viewport.fit), and both maps at their default views, measured."""

import json

import pytest
from PIL import ImageFont

from components.analysis import labels as lb
from components.analysis.filters import FilterState
from components.analysis.relationships import relationships_of
from components.analysis.viewport import Viewport, fit
from components.figures.deck import DECK_PX, PRESENT_DECK_PX
from components.sections.base import context
from components.sections.corridors import MapControls, corridor_map

# --- the rule ------------------------------------------------------------------------------


def test_labels_at_one_spot_are_spread_or_dropped_never_stacked():
    # five places within a few px of each other, in a small map
    crowd = [lb.Candidate(f"p{i}", f"Place {i}", 100 + i, 100, 4) for i in range(5)]
    placed = lb.place(crowd, 300, 200, 14)
    assert 2 <= len(placed) < 5
    assert lb.any_overlap([p.box for p in placed]) is None
    assert all(p.box[0] >= 0 and p.box[2] <= 300 and p.box[1] >= 0 and p.box[3] <= 200
               for p in placed)


def test_higher_priority_labels_get_their_place_first():
    a = lb.Candidate("junction", "Junction", 50, 50, 4, rank=3)
    b = lb.Candidate("port", "Port", 51, 50, 4, rank=lb.rank_of("port", False))
    end = lb.Candidate("end", "Route end", 52, 50, 4, rank=lb.rank_of("city", True))
    placed = lb.place([a, b, end], 400, 300, 14)
    assert [p.key for p in placed][:2] == ["end", "port"]
    assert placed[0].position == "top center"  # the first choice, free when placed first


def test_a_label_that_fits_nowhere_is_dropped():
    wall = [(0, 0, 400, 300)]  # the whole map is taken
    assert lb.place([lb.Candidate("x", "Nowhere", 200, 150, 4)], 400, 300, 14,
                    obstacles=wall) == []


def test_a_border_crossing_is_named_beside_its_marker_first():
    (p,) = lb.place([lb.Candidate("c", "Crossing", 100, 100, 6, beside=True)], 400, 300, 14)
    assert p.position == "middle right" and p.box[0] > 100


def test_labels_keep_off_lines_when_they_can():
    line = [(90, 60, 110, 99)]  # a line running up from the marker
    (p,) = lb.place([lb.Candidate("a", "Above", 100, 100, 4)], 400, 300, 14, lines=line)
    assert p.position != "top center"


def test_a_view_fits_its_points_inside_its_margins():
    points = [(52.9, 43.3), (76.9, 43.2), (62.3, 25.1), (67.0, 24.9)]
    view = fit(points, 640, 620, margin=(40, 60, 40, 60))
    for lon, lat in points:
        x, y = view.to_px(lon, lat)
        assert 60 - 1 <= x <= 640 - 60 + 1 and 40 - 1 <= y <= 620 - 40 + 1
    # as close as the margins allow: a tenth of a zoom step more would not fit
    closer = Viewport(view.longitude, view.latitude, view.zoom + 0.1, 640, 620)
    inside = [(60 <= x <= 580 and 40 <= y <= 580)
              for x, y in (closer.to_px(lon, lat) for lon, lat in points)]
    assert not all(inside)
    lon, lat = view.to_lonlat(*view.to_px(60.0, 30.0))
    assert lon == pytest.approx(60.0) and lat == pytest.approx(30.0)


# --- the app's map at its default view, measured from text extents ----------------------------

FONT_FILE = "DejaVuSans-Bold.ttf"  # Chromium's sans-serif here, semi-bold


def _font(size: int):
    try:
        return ImageFont.truetype(FONT_FILE, size)
    except OSError:
        pytest.skip("DejaVu Sans is not installed: the text cannot be measured")


def _deck(data, size, label_px, **filters):
    rels = relationships_of(data.tables)
    out = []
    for rel in rels:
        ctx = context(data, FilterState(relationship=rel.key, **filters))
        m = corridor_map(ctx, MapControls(label_px=label_px, size_px=size))
        out.append((rel, m, json.loads(m.deck().to_json())))
    return out


def _layer(spec, layer_id):
    return next((la["data"] for la in spec["layers"] if la["id"] == layer_id), [])


def _text_box(view: Viewport, record: dict, size: int, font) -> tuple:
    """The box deck.gl's TextLayer draws a record's text in: the anchor point (position plus
    pixel offset), the text's measured advance width and one line of the font size."""
    x, y = view.to_px(*record["position"])
    ox, oy = record.get("offset", (0, 0))
    x, y = x + ox, y + oy
    w = font.getlength(record["label"])
    x0 = {"start": x, "middle": x - w / 2, "end": x - w}[record.get("anchor", "middle")]
    y0 = {"top": y, "center": y - size / 2, "bottom": y - size}[record.get("baseline", "center")]
    return (x0, y0, x0 + w, y0 + size)


def _dense(path, step=0.05):
    """The points of a (lon, lat) path every `step` degrees along it."""
    out = []
    for (x0, y0), (x1, y1) in zip(path, path[1:]):
        n = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / step))
        out += [(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(n + 1)]
    return out


def _distance(box, point) -> float:
    x, y = point
    dx = max(0.0, box[0] - x, x - box[2])
    dy = max(0.0, box[1] - y, y - box[3])
    return (dx * dx + dy * dy) ** 0.5


@pytest.mark.parametrize("size, label_px", [(DECK_PX, 14), (PRESENT_DECK_PX, 22)],
                         ids=["page_1440x900", "present_1920x1080"])
def test_the_apps_map_opens_on_every_route_with_no_name_over_another(data, size, label_px):
    for rel, _m, spec in _deck(data, size, label_px):
        v = spec["initialViewState"]
        view = Viewport(v["longitude"], v["latitude"], v["zoom"], *size)
        # every coloured line is in view, with room round it: the railheads included
        points = [p for seg in _layer(spec, "segments") for p in seg["path"]]
        assert points and all(view.contains(lon, lat, margin=30) for lon, lat in points), rel
        names = {r["label"] for r in _layer(spec, "labels")}
        assert {"Gwadar", "Karachi", "Termez"} <= names, rel.key
        if rel.key == "pak_kaz":
            assert {"Almaty", "Zhanaozen (Uzen)", "Port Qasim", "Herat"} <= names
        # measured: no two names overlap, places' or countries'
        places = [_text_box(view, r, label_px, _font(label_px)) for r in _layer(spec, "labels")]
        countries = [_text_box(view, r, label_px - 2, _font(label_px - 2))
                     for r in _layer(spec, "countries")]
        routes = [_text_box(view, r, label_px, _font(label_px))
                  for r in _layer(spec, "route_names")]
        seas = [_text_box(view, r, label_px - 2, _font(label_px - 2))
                for r in _layer(spec, "seas")]
        boxes = places + countries + routes + seas
        clash = lb.any_overlap(boxes)
        labels = [r["label"] for r in _layer(spec, "labels") + _layer(spec, "countries")
                  + _layer(spec, "route_names") + _layer(spec, "seas")]
        assert clash is None, f"{rel.key}: {labels[clash[0]]} overlaps {labels[clash[1]]}"
        # and no name covers another place's marker
        for r, box in zip(_layer(spec, "labels"), places):
            for p in _layer(spec, "places"):
                if p["name"] != r["label"]:
                    x, y = view.to_px(*p["position"])
                    assert not lb.overlaps(box, lb.marker_box(x, y, p["radius"])), \
                        f"{r['label']} covers {p['name']}"
        # the countries the routes cross are named, and the routes beside their lines
        assert {rel.a.name, rel.b.name} <= {r["label"] for r in _layer(spec, "countries")}
        # the routes are named beside their own lines, never nearer another route's: where no
        # such place is free (the Kazakh view, where the feeders and Pakistan's main line
        # crowd the Trans-Afghan line) the name is left out rather than misread
        named = {r["label"] for r in _layer(spec, "route_names")}
        assert named, rel.key
        if rel.key == "pak_uzb":
            assert "Trans-Afghan" in named
        paths = {s["corridor_id"]: [] for s in _layer(spec, "segments")}
        for s in _layer(spec, "segments") + _layer(spec, "context_segments"):
            paths.setdefault(s["corridor_id"], []).append(s["path"])
        short = dict(zip(data["corridors"]["short_name"], data["corridors"]["corridor_id"]))
        for r, box in zip(_layer(spec, "route_names"), routes):
            own = short[r["label"]]
            near = {c: min(_distance(box, view.to_px(*p)) for path in ps for p in _dense(path))
                    for c, ps in paths.items()}
            assert near[own] == min(near.values()), f"{r['label']} is nearer another line"
        # and the sea the ports open on, inside the map
        assert "Arabian Sea" in {r["label"] for r in _layer(spec, "seas")}, rel.key
        assert all(b[0] >= 0 and b[1] >= 0 and b[2] <= size[0] and b[3] <= size[1] for b in seas)


def test_the_corridor_filter_zooms_to_the_chosen_routes(data):
    (_, _, whole), *_ = _deck(data, DECK_PX, 14)
    (_, _, one), *_ = _deck(data, DECK_PX, 14, corridors=("trans_afghan",))
    assert one["initialViewState"]["zoom"] > whole["initialViewState"]["zoom"]
    v = one["initialViewState"]
    view = Viewport(v["longitude"], v["latitude"], v["zoom"], *DECK_PX)
    points = [p for seg in _layer(one, "segments") for p in seg["path"]]
    assert all(view.contains(lon, lat, margin=30) for lon, lat in points)


# --- the static map, measured in its SVG ---------------------------------------------------------


@pytest.mark.parametrize("size", [(1440, 900), (1920, 1080), (1600, 900)])
def test_the_static_maps_names_do_not_overlap_in_its_svg(chromium, data, size):
    """The SVG as Chromium lays it out: each drawn name's box (getBBox), places' and
    countries'; none overlaps another."""
    from playwright.sync_api import sync_playwright

    from components.figures.images import figure_image

    ctx = context(data)
    m = corridor_map(ctx)
    svg = figure_image(m.figure(*size), title=m.title, source_line=m.source_line, fmt="svg",
                       width=size[0], height=size[1]).decode()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        page = browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
        found = page.evaluate("""() => [...document.querySelectorAll('g.textpoint text')]
            .filter(t => t.textContent.trim())
            .map(t => { const r = t.getBoundingClientRect();
                        return [t.textContent, r.left, r.top, r.right, r.bottom]; })""")
        browser.close()
    names = [f[0] for f in found]
    assert {"Gwadar", "Karachi", "Almaty"} <= set(names)
    assert "Afghanistan" in names and "Pakistan" in names
    assert "Caspian Sea" in names  # the seas' names are measured with the rest
    clash = lb.any_overlap([tuple(f[1:]) for f in found])
    assert clash is None, f"{names[clash[0]]} overlaps {names[clash[1]]}"
