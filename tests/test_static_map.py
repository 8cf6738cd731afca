"""The static corridor map: plain SVG scatter traces (no WebGL, no geo traces), status carried
by colour and dash, places labelled, the boundaries caption inside; offline."""

import math
import re

import pytest

from components.figures.outlines import load_outlines, outlines_caption
from components.figures.static_map import DASH, static_map_figure
from components.figures.style import STATUS_STYLE
from tests.support import corner_pixel, distinct_colours, png_size

CAPTION = outlines_caption(load_outlines())



@pytest.fixture(scope="module")
def fig(data):
    return static_map_figure(data)


def by_name(fig, name):
    return [t for t in fig.data if t.name == name]


def test_only_plain_scatter_traces(fig):
    assert {t.type for t in fig.data} == {"scatter"}  # no scattergl/scattergeo/mapbox
    assert "geo" not in fig.layout.to_plotly_json()
    assert "topojson" not in fig.to_json()
    assert "http" not in fig.to_json()  # nothing to fetch


def test_status_by_colour_and_dash(fig, data):
    labels = dict(zip(data["statuses"]["status_id"], data["statuses"]["label"]))
    drawn = set()
    for status, dash in DASH.items():
        traces = by_name(fig, labels[status])
        if not traces:
            continue
        drawn.add(status)
        r, g, b = STATUS_STYLE[status]["color"]
        assert traces[0].line.dash == dash
        assert traces[0].line.color == f"rgb({r},{g},{b})"
    assert drawn == {"operational", "under_construction", "planned", "proposed"}
    assert len(set(DASH.values())) == 4  # no two statuses share a dash


def test_places_outlines_legend_and_caption(fig, data):
    names = [t.name for t in fig.data if t.showlegend is not False]
    for expected in ("Operational", "Planned", "Port", "Border crossing", "City",
                     "Gauge change", "Other corridors"):
        assert expected in names
    labels = [x for t in fig.data if t.mode and "text" in t.mode and t.name != "Countries"
              for x in t.text if x]
    for place in ("Karachi", "Gwadar", "Port Qasim", "Almaty", "Chaman", "Torghundi"):
        assert place in labels
    assert "Khojak Tunnel" not in labels  # a waypoint inside a segment: marked, not named
    land = fig.data[0]
    assert land.fill == "toself" and len(land.x) > 500
    caption = [a for a in fig.layout.annotations if a.name == "map_caption"]
    assert caption and caption[0].text.startswith(CAPTION)


def test_equal_aspect(fig):
    y0, y1 = fig.layout.yaxis.range
    assert fig.layout.yaxis.scaleanchor == "x"
    assert fig.layout.yaxis.scaleratio == pytest.approx(
        1 / math.cos(math.radians((y0 + y1) / 2)))
    x0, x1 = fig.layout.xaxis.range
    assert 25 <= x0 < 52.8 and 76.9 < x1 <= 105  # frames the routes, within the outlines


def test_corridor_choice_and_context(data):
    fig = static_map_figure(data, ["trans_afghan"])
    coloured = {t.name for t in fig.data if t.mode == "lines" and t.name in
                ("Operational", "Under construction", "Planned", "Proposed")}
    assert coloured == {"Operational", "Planned"}
    assert by_name(fig, "Other corridors")  # the rest, grey
    labels = {x for t in fig.data if t.mode and "text" in t.mode for x in t.text if x}
    assert "Pul-i-Alam" in labels and "Gwadar" not in labels
    assert not by_name(static_map_figure(data, ["trans_afghan"], show_context=False),
                       "Other corridors")


def test_text_from_data_is_escaped(data):
    tables = dict(data.tables)
    places = tables["places"].copy()
    places.loc[places["place_id"] == "karachi", "name"] = "<b>Karachi</b>"
    tables["places"] = places
    fig = static_map_figure(tables)
    texts = [x for t in fig.data if t.text is not None and not isinstance(t.text, str)
             for x in t.text]
    assert "&lt;b&gt;Karachi&lt;/b&gt;" in texts and "<b>Karachi</b>" not in texts


def test_renders_without_webgl(chromium, data):
    from components.figures.images import figure_image

    fig = static_map_figure(data, width=900, height=620)
    png = figure_image(fig, title="Routes", source_line="Source: test", width=900, height=620)
    assert png_size(png) == (900, 620)
    assert distinct_colours(png) > 100
    assert corner_pixel(png) == (255, 255, 255)


def _svg_boxes(svg: str) -> tuple[tuple, tuple]:
    """(legend box, boundaries-caption box) as (x0, y0, x1, y1) in the SVG's pixels."""
    legend = re.search(r'class="legend"[^>]*transform="translate\(([\d.]+),([\d.]+)\)">'
                       r'<rect class="bg"[^>]*width="([\d.]+)" height="([\d.]+)"', svg)
    annotations = re.finditer(r'class="annotation".*?translate\(([\d.]+),([\d.]+)\)"><rect '
                              r'class="bg"[^>]*width="([\d.]+)" height="([\d.]+)".*?</text>',
                              svg)
    x, y, w, h = map(float, legend.groups())
    [caption] = [a for a in annotations if "de facto" in a.group(0)]
    cx, cy, cw, ch = map(float, caption.groups())
    return (x, y, x + w, y + h), (cx, cy, cx + cw, cy + ch)


@pytest.mark.parametrize("size", [(860, 600), (1600, 900)])  # the pack's map slide; an image
def test_the_caption_and_the_legend_do_not_overlap(chromium, data, size):
    from components.figures.images import figure_image

    fig = static_map_figure(data, width=size[0], height=size[1])
    svg = figure_image(fig, title="Routes", source_line="Source: test", fmt="svg",
                       width=size[0], height=size[1]).decode()
    (lx0, ly0, lx1, ly1), (cx0, cy0, cx1, cy1) = _svg_boxes(svg)
    apart = cx1 <= lx0 or lx1 <= cx0 or cy1 <= ly0 or ly1 <= cy0
    assert apart, f"caption {(cx0, cy0, cx1, cy1)} overlaps legend {(lx0, ly0, lx1, ly1)}"
    caption = next(a for a in fig.layout.annotations if a.name == "map_caption")
    assert caption.text.replace("<br>", " ").startswith(CAPTION)


def test_routes_are_named_beside_their_lines_and_a_scale_bar_is_true(fig):
    from pyproj import Geod

    (routes,) = by_name(fig, "Routes")
    assert {"Trans-Afghan", "Western Trans-Afghan"} <= set(routes.text)
    (bar,) = by_name(fig, "Scale")
    (note,) = [a for a in fig.layout.annotations if a.name == "scale_bar"]
    match = re.fullmatch(r"([\d,]+) km \(true at (\d+)°N\)", note.text)
    assert match
    km, at = int(match[1].replace(",", "")), float(match[2])
    # the bar's ends, measured on the ellipsoid at the latitude it is true at
    _, _, metres = Geod(ellps="WGS84").inv(bar.x[0], at, bar.x[1], at)
    assert metres / 1000 == pytest.approx(km, rel=0.01)


def test_the_water_is_named_from_the_bundled_natural_earth_file(fig):
    from shapely import contains_xy
    from shapely.geometry import shape

    from components.figures.outlines import load_seas

    seas = load_seas()
    names = {f["properties"]["name"] for f in seas["features"]}
    assert {"Arabian Sea", "Caspian Sea", "Persian Gulf"} <= names
    (drawn,) = by_name(fig, "Seas")
    assert drawn.textfont.style == "italic" and set(drawn.text) <= names and drawn.text
    # each name sits on water: not on land of the outlines the map draws
    land = [shape(f["geometry"]) for f in load_outlines()["features"]]
    for name, x, y in zip(drawn.text, drawn.x, drawn.y):
        assert not any(contains_xy(g, x, y) for g in land), f"{name} is on land"
    (caption,) = [a for a in fig.layout.annotations if a.text.startswith(CAPTION)]
    assert "Sea names: Natural Earth 1:110m marine areas" in caption.text.replace("<br>", " ")
