"""Deals and agreements on the Trade & deals page."""

from __future__ import annotations

import streamlit as st

from components.sections.base import Context, Section
from components.ui.blocks import nothing, table
from components.ui.charts import chart
from components.ui.frame import viewed
from components.ui.text import md_escape


def deals(section: Section, ctx: Context) -> None:
    st.header(section.title)
    if (v := viewed(section, ctx)) is None:
        return
    chart(v.by_status)
    st.subheader("Over time")
    chart(v.over_time)
    st.subheader("Every deal claim")
    table(v.claims.frame, v.claims.filename, v.claims.columns)


def agreements(section: Section, ctx: Context) -> None:
    st.header(section.title)
    if (v := viewed(section, ctx)) is None:
        return
    st.markdown("Documents signed at each event, as each source counts them:")
    table(v.counts.frame, v.counts.filename, v.counts.columns)
    if v.sectors_heading:
        st.subheader(md_escape(v.sectors_heading))
        if v.sectors_empty:
            nothing(v.sectors_empty)
        else:
            chart(v.sectors)
