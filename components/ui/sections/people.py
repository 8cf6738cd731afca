"""People & education: each group's figures as sourced cards, three to a row, and every figure
in a table below them when there are more."""

from __future__ import annotations

import streamlit as st

from components.sections.base import Card, Context, Section
from components.sections.people import FigureCard
from components.ui.blocks import card, claims_box, source_block
from components.ui.text import md_escape


def figure_card(f: FigureCard) -> None:
    """One sourced figure: value, what it counts, when, and the source with its quote."""
    with st.container(border=True):
        st.markdown(f"**{md_escape(f.label)}**")
        card(Card(f.label, f.value, lines=(f.details,)), collapsed=True)
        source_block(f.source, f.quote, f.url, f.note)


def group(section: Section, ctx: Context) -> None:
    """One group's cards and table."""
    if not section.usable(ctx.data):  # the page has said which table failed validation
        return
    v = section.view(ctx)
    if v.empty:
        return
    st.subheader(v.heading)
    cols = st.columns(min(3, len(v.cards)))
    for i, f in enumerate(v.cards):
        with cols[i % len(cols)]:
            figure_card(f)
    # drawn once opened: a group's every figure is thousands of rows at scale, sent on each rerun
    claims_box(v.claims, f"{section.key}_claims", ctx.sources)
