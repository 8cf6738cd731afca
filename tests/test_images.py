"""Chart images rendered server-side with kaleido and the system Chromium: size, not blank, the
title and source line inside, never overlapping the legend; one renderer shared by threads."""

import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from components.analysis.events import default_window
from components.analysis.sourcing import source_line
from components.analysis.trade import annual_series, current_target, stated_deadlines, statements
from components.figures import images
from components.figures.images import figure_image, images_available, prepare_figure, wrap_source
from components.figures.timeline import timeline_figure
from components.figures.trade import trade_figure
from tests.support import NAMES, corner_pixel, distinct_colours, png_size


@pytest.fixture(scope="module")
def trade(data):
    flows, targets = data["trade_flows"], data["trade_targets"]
    series, stated = annual_series(flows, "KAZ", "PAK", NAMES), statements(flows, "KAZ", "PAK")
    target = current_target(targets, "KAZ", "PAK")
    fig = trade_figure(series, stated, target, data["sources"], "T",
                       stated_deadlines(targets, target))
    line = source_line(data["sources"], [*series["source_id"], *stated["source_id"]])
    return fig, line


# --- layout, no browser needed ---------------------------------------------------------------


def test_prepare_figure_puts_title_and_source_inside_a_copy(trade):
    fig, line = trade
    before = fig.to_json()
    out = prepare_figure(fig, title="Trade <b>vs</b> target & more", source_line=line)
    assert fig.to_json() == before  # the caller's figure is untouched
    assert out.layout.title.text == "Trade &lt;b&gt;vs&lt;/b&gt; target &amp; more"
    assert out.layout.template.layout.paper_bgcolor == "white"
    source = [a for a in out.layout.annotations if a.name == "source_line"]
    assert len(source) == 1 and source[0].text.startswith("Sources: Agenzia Nova")
    assert source[0].yref == "paper" and source[0].y == 0 and source[0].yanchor == "top"
    # the bottom legend sits inside the plot area, above the axis and away from the source
    assert out.layout.legend.yref == "paper" and out.layout.legend.y == 0
    assert out.layout.legend.yanchor == "bottom"
    assert out.layout.yaxis.domain[0] > 0.1
    assert (out.layout.width, out.layout.height) == (1600, 900)


def test_long_source_lines_are_wrapped_and_shortened():
    line = "Sources: " + "; ".join(f"Publisher number {i}, 4 Feb 2026" for i in range(60))
    lines = wrap_source(line, 1100)
    assert len(lines) <= 3
    assert lines[0].startswith("Sources: Publisher number 0")
    assert re.search(r"and \d+ more$", lines[-1])
    assert wrap_source("Source: A", 1100) == ["Source: A"]


def test_no_browser_is_reported_in_words(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    ok, reason = images_available()
    assert not ok
    assert "No Chromium" in reason and "download button" in reason
    monkeypatch.setattr(images, "_renderer", None)
    with pytest.raises(RuntimeError, match="No Chromium"):
        figure_image(go.Figure(), title="t", source_line="Source: x")


# --- rendering ---------------------------------------------------------------------------------


def test_png_is_1600_by_900_and_not_blank(chromium, trade):
    fig, line = trade
    png = figure_image(fig, title="Pakistan–Kazakhstan trade against its target",
                       source_line=line)
    assert png_size(png) == (1600, 900)
    assert distinct_colours(png) > 50
    assert corner_pixel(png) == (255, 255, 255)


def test_svg_has_size_title_and_source_as_text(chromium, trade):
    fig, line = trade
    svg = figure_image(fig, title="Trade <b>vs</b> target", source_line=line, fmt="svg")
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("1600", "900")
    text = "".join(root.itertext())
    assert "Trade <b>vs</b> target" in text  # shown as typed, not as markup
    assert "Sources: Agenzia Nova" in text
    assert len(svg) > 5_000


def test_png_scale(chromium):
    fig = go.Figure(go.Bar(x=["a", "b"], y=[1, 2]))
    png = figure_image(fig, title="t", source_line="Source: x", width=400, height=300, scale=2)
    assert png_size(png) == (800, 600)


def test_never_black_under_a_dark_default_template(chromium, monkeypatch):
    # `import streamlit` switches plotly's default template; a dark one stands in for it here
    monkeypatch.setattr(pio.templates, "default", "plotly_dark")
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[2, 1, 3], name="a"))
    png = figure_image(fig, title="t", source_line="Source: x", width=600, height=400)
    assert corner_pixel(png) == (255, 255, 255)
    assert distinct_colours(png) > 20


def _box(svg: str, pattern: str) -> tuple[float, float, float, float]:
    m = re.search(pattern, svg)
    assert m, pattern
    return tuple(float(v) for v in m.groups())


LEGEND = (r'<g class="legend"[^>]*transform="translate\(([\d.]+),([\d.]+)\)">'
          r'<rect class="bg"[^>]*width="([\d.]+)" height="([\d.]+)"')
SOURCE = (r'<g class="cursor-pointer" transform="translate\(([\d.]+),([\d.]+)\)">'
          r'<rect class="bg" x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"[^>]*/>'
          r'<text class="annotation-text"[^>]*>(?:<tspan[^>]*>)?Sources?:')


@pytest.mark.parametrize("which", ["trade", "timeline"])
def test_source_line_below_the_legend_and_inside_the_image(chromium, data, trade, which):
    if which == "trade":
        fig, line = trade
        size = (1600, 900)
    else:
        fig = timeline_figure(data["events"], data["sources"], data["statuses"],
                              window=default_window())
        line = source_line(data["sources"], data["events"]["source_id"])
        size = (1180, 536)
    svg = figure_image(fig, title="T", source_line=line, fmt="svg", width=size[0],
                       height=size[1]).decode()
    _, legend_y, _, legend_h = _box(svg, LEGEND)
    _, source_y, _, source_h = _box(svg, SOURCE)
    assert legend_y + legend_h <= source_y
    assert source_y + source_h <= size[1]


def test_one_renderer_serves_several_threads(chromium):
    figs = [go.Figure(go.Bar(x=["a", "b"], y=[i, i + 1])) for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        pngs = list(pool.map(lambda f: figure_image(f, title="t", source_line="Source: x",
                                                    width=500, height=300), figs))
    assert all(png_size(p) == (500, 300) for p in pngs)
    assert images.images_available()[0]


def test_the_corridors_page_offers_the_map_as_an_image(chromium, monkeypatch, data):
    """The map's PNG and SVG buttons are on the page (the static map the pack draws, made on
    click); the image is the map at 1600×900 with its title and sources."""
    from components.sections import MAP, context
    from components.sections.corridors import MapControls
    from components.ui.sections.corridors import MAP_IMAGE_PX
    from tests.support import ROOT, run_app

    at = run_app(monkeypatch, ROOT / "data", page="app_pages/corridors.py",
                 session={"relationship": "pak_uzb"})
    ids = [b.proto.id for b in at.get("download_button") if b.proto.label.startswith("Image")]
    assert any(i.endswith("map_img_png") for i in ids) and any(i.endswith("map_img_svg")
                                                               for i in ids)
    v = MAP.view(context(data), MapControls())
    png = figure_image(v.figure(*MAP_IMAGE_PX), title=v.title, source_line=v.source_line)
    assert png_size(png) == (1600, 900) and distinct_colours(png) > 50
    svg = figure_image(v.figure(*MAP_IMAGE_PX), title=v.title, source_line=v.source_line,
                       fmt="svg")
    text = "".join(ET.fromstring(svg).itertext())
    assert "Rail corridors from Kazakhstan to Karachi and Gwadar" in text
    assert "Country outlines" in text or "Natural Earth" in text
