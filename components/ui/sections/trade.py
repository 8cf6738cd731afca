"""Trade against targets on the Trade & deals page: for the chosen relationship, the gap cards,
the deadline the sources disagree on, and the chart."""

from __future__ import annotations

import streamlit as st

from components.sections.base import Context, Section
from components.ui.blocks import cards, claims_table, nothing
from components.ui.charts import chart
from components.ui.frame import viewed
from components.ui.text import md_escape


def trade_vs_target(section: Section, ctx: Context) -> None:
    st.header(section.title)
    if (v := viewed(section, ctx, empty=False)) is None:
        return
    for i, pair in enumerate(v.pairs):
        if pair.heading:
            st.subheader(md_escape(pair.heading))
        if pair.empty:
            nothing(pair.empty)
            continue
        if pair.cards:
            cards(pair.cards)
            if pair.deadlines:
                st.caption(md_escape(pair.deadlines))
        chart(pair.chart)
        if i == 0 and v.why:
            st.caption(md_escape(v.why))


def trade_shares(section: Section, ctx: Context) -> None:
    """What is traded: each product group's share as each source states it."""
    st.subheader(section.title)
    if (v := viewed(section, ctx)) is None:
        return
    st.caption(md_escape(v.claims.label + ", official sources first. A share is of the trade "
                         "its source names, for the period it names; shares from different "
                         "sources do not add up."))
    claims_table(v.claims.frame, v.claims.columns, ctx.sources, v.claims.filename)
