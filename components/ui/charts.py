"""A chart as the analyst needs it: summary sentence, the figure, source line, data table."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.chart_style import for_projector
from components.export import to_csv_bytes
from components.sourcing import source_line
from components.ui.present import presenting
from components.ui.text import md_escape


def chart(fig: go.Figure, *, summary: str, sources: pd.DataFrame, source_ids, data: pd.DataFrame,
          filename: str, key: str) -> None:
    """Draw a figure with the project look (theme=None), a computed one-line summary above,
    the names of its sources below, and a 'Show data' table with a CSV download.

    filename: the modebar image download's base name (no extension); images are 1600×900.
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
    with st.expander("Show data"):
        shown = data.copy()
        for col in shown.columns:  # lists (e.g. source ids) as text
            if shown[col].map(lambda v: isinstance(v, list)).any():
                shown[col] = shown[col].map(lambda v: "; ".join(v) if isinstance(v, list) else v)
        st.dataframe(shown, hide_index=True, width="stretch")
        st.download_button("Download (CSV)", to_csv_bytes(shown), f"{filename}.csv", "text/csv",
                           key=f"{key}_csv", icon=":material/download:")


def slug(text: str) -> str:
    """A file-name-safe version of a title: 'Trade vs target' → 'trade_vs_target'."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
