"""The Overview's headline sections, each in a bordered box: trade against the target, the
agreements at the state visit, deal values, students, the routes' lengths and costs, the latest
events."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import streamlit as st

from components import pages
from components.sections.base import Context, Section
from components.ui.blocks import card, card_lines, cards, claims_box, nothing
from components.ui.charts import plotly
from components.ui.frame import usable
from components.ui.text import md_escape


@contextlib.contextmanager
def headline(section: Section, ctx: Context, *, stretch: bool = False) -> Iterator[Any]:
    """A headline's bordered box with its title; inside it, the section's view model, or None
    (after the notice) when a table it needs failed validation. stretch: as tall as its
    neighbours (the three headlines side by side)."""
    with st.container(border=True, **({"height": "stretch"} if stretch else {})):
        st.subheader(section.title)
        yield section.view(ctx) if usable(ctx.data, *section.needs) else None


def small_chart(v: Any, key: str) -> None:
    """A headline's small chart (its view's `figure`) and the chart's source line, when it
    has one: the picture first, the figures and their words beside or under it."""
    if getattr(v, "figure", None) is None:
        return
    plotly(v.figure, key=key, filename=key, height=int(v.figure.layout.height or 300))
    if v.figure_sources:
        st.caption(md_escape(v.figure_sources))


def headline_trade(section: Section, ctx: Context) -> None:
    with headline(section, ctx) as v:
        if v is None:
            return
        if v.target:
            st.markdown(md_escape(v.target))
            if v.target_sources:
                st.caption(md_escape(v.target_sources))
            if v.deadlines:
                st.caption(md_escape(v.deadlines))
        if v.empty:
            nothing(v.empty)
        else:
            cards(v.cards)
            small_chart(v, "overview_trade_chart")
            if v.why:
                st.caption(md_escape(v.why))
        claims_box(v.claims, "overview_trade_claims", ctx.sources)


def visit_agreements(section: Section, ctx: Context) -> None:
    with headline(section, ctx, stretch=True) as v:
        if v is not None:
            _card_and_claims(v, "overview_agreement_claims", ctx, "overview_agreement_chart")


def deal_values(section: Section, ctx: Context) -> None:
    with headline(section, ctx, stretch=True) as v:
        if v is None:
            return
        if v.empty:
            nothing(v.empty)
        else:  # the figure, its chart, then the deals and sources behind it
            card(v.card, lines=False)
            small_chart(v, "overview_deal_chart")
            card_lines(v.card)
        if v.left_out:
            st.caption(md_escape(v.left_out))
        claims_box(v.claims, "overview_deal_claims", ctx.sources)


def _card_and_claims(v: Any, key: str, ctx: Context, chart_key: str) -> None:
    """The figure, its chart, then the words and sources behind it, then every claim."""
    if v.empty:
        nothing(v.empty)
        return
    card(v.card, lines=False)
    small_chart(v, chart_key)
    card_lines(v.card)
    claims_box(v.claims, key, ctx.sources)


def student_figures(section: Section, ctx: Context) -> None:
    with headline(section, ctx, stretch=True) as v:
        if v is None:
            return
        if v.empty:
            nothing(v.empty)
            return
        # the label is the data's own words and may be long: written out, not cut off
        st.markdown(f"**{md_escape(v.card.label)}**")
        card(v.card, collapsed=True)
        if v.more:
            st.page_link(pages.PEOPLE.file, icon=pages.PEOPLE.icon,
                         label=f"{v.more:,} more student figure{'s' if v.more > 1 else ''}, "
                               f"each with its source: {pages.PEOPLE.title}")


def route_figures(section: Section, ctx: Context) -> None:
    with headline(section, ctx) as v:
        if v is None:
            return
        if v.empty:
            nothing(v.empty)
            return
        for col, route in zip(st.columns(len(v.routes)), v.routes):
            with col:
                st.markdown(f"**{md_escape(route.name)}**")
                for c in route.cards:
                    card(c)
        if v.figure is not None:
            st.markdown("**How much of each route is built** (drawn km by status)")
        small_chart(v, "overview_route_chart")
        claims_box(v.claims, "overview_route_claims", ctx.sources)


def latest_events(section: Section, ctx: Context) -> None:
    with headline(section, ctx) as v:
        if v is None:
            return
        if v.empty:
            nothing(v.empty)
        for event in v.events:
            st.markdown(md_escape(event.text))
            st.caption(md_escape(event.source))
        st.page_link(pages.TIMELINE.file, label="All events on the timeline",
                     icon=pages.TIMELINE.icon)
