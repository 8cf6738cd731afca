"""Every relationship side by side: the chart of each reporter's share of its target, then one
row per part of the comparison (trade against the target, the latest state visit's documents,
deal value by status, the routes), one column per relationship so that the same figure sits
side by side; every figure in a table with its source."""

from __future__ import annotations

import streamlit as st

from components.sections.base import Context, Section
from components.sections.relationships import NOTHING_YET
from components.ui.blocks import card, table
from components.ui.charts import chart
from components.ui.frame import viewed
from components.ui.text import md_escape

#: The rows of the comparison: (heading, the column's cards for that part).
PARTS = (
    ("Trade against the target", lambda c: c.trade),
    ("Documents signed at the latest state visit", lambda c: (c.visit,) if c.visit else ()),
    ("Deal value by status", lambda c: (c.deals,) if c.deals else ()),
    ("How much of each route is built", lambda c: c.routes),
)


def relationships_compared(section: Section, ctx: Context) -> None:
    # the page's heading names the section: no second title
    if (v := viewed(section, ctx)) is None:
        return
    if v.chart is not None:
        chart(v.chart)
    names = st.columns(len(v.columns))
    for col, c in zip(names, v.columns):
        col.subheader(md_escape(c.name))
        col.markdown(md_escape(f"Target: {c.target}" if c.target else "Target: none stated"))
    for heading, cards_of in PARTS:
        st.markdown(f"#### {md_escape(heading)}")
        for col, c in zip(st.columns(len(v.columns)), v.columns):
            with col, st.container(border=True, height="stretch"):
                shown = cards_of(c)
                for part in shown:
                    card(part)
                if not shown:
                    st.caption(md_escape(NOTHING_YET.capitalize() + "."))
    with st.expander("Every figure of the comparison, with its source"):
        table(v.table.frame, v.table.filename, v.table.columns)
    st.caption(md_escape(v.source_line))
