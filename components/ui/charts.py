"""A chart as the analyst needs it: summary sentence, the figure, source line, data table."""

from __future__ import annotations

import html
import re
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.analysis.export import lists_as_text
from components.analysis.sourcing import source_line
from components.figures.images import figure_image, images_available
from components.figures.style import for_projector
from components.ui.blocks import opened, table
from components.ui.present import presenting
from components.ui.text import md_escape


def chart(fig: go.Figure, *, summary: str, sources: pd.DataFrame, source_ids, data: pd.DataFrame,
          filename: str, key: str, title: str | None = None) -> None:
    """Draw a figure with the project look (theme=None), a computed one-line summary above,
    the names of its sources below, PNG/SVG downloads rendered on the server (title and source
    line inside), and a 'Show data' table with a CSV download.

    filename: the downloads' base name (no extension); images are 1600×900.
    title: the title inside exported images (default: the figure's own, else the summary).
    """
    st.markdown(md_escape(summary))
    if presenting():
        fig = for_projector(fig)
    st.plotly_chart(fig, theme=None, width="stretch", key=key, config={
        "displaylogo": False,
        "toImageButtonOptions": {"filename": filename, "format": "png", "width": 1600,
                                 "height": 900, "scale": 1}})
    line = source_line(sources, source_ids)
    if line:
        st.caption(md_escape(line))
    image_downloads(fig, title=title or html.unescape(fig.layout.title.text or "") or summary,
                    source_line=line, filename=filename, key=key)
    if box := opened("Show data", f"{key}_data"):
        with box:
            table(lists_as_text(data), filename)


def slug(text: str) -> str:
    """A file-name-safe version of a title: 'Trade vs target' → 'trade_vs_target'."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def image_downloads(fig: go.Figure, *, title: str, source_line: str, filename: str,
                    key: str) -> None:
    """PNG and SVG buttons; each image is rendered on click (kaleido and the system's Chromium)
    with the title and source line inside. Without Chromium, says so: the chart's own toolbar
    still downloads a PNG from the browser."""
    if presenting():
        return
    available, reason = images_available()
    if not available:
        st.caption(md_escape(reason))
        return
    left, right, _ = st.columns([1, 1, 5])
    for col, fmt_, mime in ((left, "png", "image/png"), (right, "svg", "image/svg+xml")):
        col.download_button(
            f"Image ({fmt_.upper()})", partial(_render, fig, title, source_line, fmt_),
            f"{filename}.{fmt_}", mime, key=f"{key}_{fmt_}", icon=":material/image:",
            on_click="ignore", help="1600×900, with the title and sources inside the image.")


def _render(fig: go.Figure, title: str, source_line: str, fmt_: str) -> bytes:
    return figure_image(fig, title=title, source_line=source_line or "Sources: see the app",
                        fmt=fmt_)
