"""A chart as the analyst needs it: summary sentence, the figure, source line, image downloads,
and its data table."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import plotly.graph_objects as go
import streamlit as st

from components.analysis.export import lists_as_text
from components.figures.images import figure_image, images_available
from components.figures.style import for_projector
from components.sections.base import Chart
from components.ui.blocks import opened, table
from components.ui.present import presenting
from components.ui.text import md_escape


def plotly(fig: go.Figure, *, key: str | None = None, filename: str, height: int = 900,
           **kwargs):
    """A plotly figure in the project's look (theme=None), with projector type when
    presenting; the toolbar's PNG is `filename`, 1600 px wide. Returns what st.plotly_chart
    returns (the selection, when kwargs ask for one)."""
    return st.plotly_chart(for_projector(fig) if presenting() else fig, theme=None,
                           width="stretch", key=key, config={
                               "displaylogo": False,
                               "toImageButtonOptions": {"filename": filename, "format": "png",
                                                        "width": 1600, "height": height,
                                                        "scale": 1}}, **kwargs)


def chart(c: Chart) -> None:
    """Draw a view model's chart: its summary above, the figure, its source line below, PNG/SVG
    downloads rendered on the server (title and source line inside), and 'Show data' with its
    CSV. Images are 1600×900; their title is the chart's image_title, else the figure's own,
    else the summary."""
    st.markdown(md_escape(c.summary))
    plotly(c.figure, key=c.key, filename=c.filename)
    if c.source_line:
        st.caption(md_escape(c.source_line))
    title = c.image_title or html.unescape(c.figure.layout.title.text or "") or c.summary
    image_downloads(c.figure, title=title, source_line=c.source_line, filename=c.filename,
                    key=c.key)
    if box := opened("Show data", f"{c.key}_data"):
        with box:
            table(lists_as_text(c.data), c.filename)


def image_downloads(fig: go.Figure | Callable[[], go.Figure], *, title: str, source_line: str,
                    filename: str, key: str, spread: tuple[float, ...] = (1, 1, 5)) -> None:
    """PNG and SVG buttons; each image is rendered on click (kaleido and the system's Chromium)
    with the title and source line inside. fig: the figure, or a function that draws it (the
    map's static figure is drawn only when its image is asked for); spread: the widths of the
    two buttons' columns and the space after them. Without Chromium, says so:
    the chart's own toolbar still downloads a PNG from the browser. None when presenting."""
    if presenting():
        return
    available, reason = images_available()
    if not available:
        st.caption(md_escape(reason))
        return
    left, right, _ = st.columns(list(spread))
    for col, fmt_, mime in ((left, "png", "image/png"), (right, "svg", "image/svg+xml")):
        col.download_button(
            f"Image ({fmt_.upper()})", partial(_render, fig, title, source_line, fmt_),
            f"{filename}.{fmt_}", mime, key=f"{key}_{fmt_}", icon=":material/image:",
            on_click="ignore", help="1600×900, with the title and sources inside the image.")


def _render(fig: go.Figure | Callable[[], go.Figure], title: str, source_line: str,
            fmt_: str) -> bytes:
    return figure_image(fig() if callable(fig) else fig, title=title,
                        source_line=source_line or "Sources: see the app", fmt=fmt_)
