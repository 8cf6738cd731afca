"""The page renderers: each draws one section's view model with Streamlit (and, when
presenting, in projector type). `draw(section, ctx)` finds the renderer of a section."""

from __future__ import annotations

from collections.abc import Callable

from components import sections as s
from components.sections.base import Context, Section
from components.ui.frame import shows
from components.ui.sections import (
    corridors,
    deals,
    overview,
    people,
    relationships,
    sources,
    timeline,
    trade,
)

#: section → its renderer, called with the section and the Context; a section without one
#: fails the tests
RENDERERS: dict[Section, Callable[[Section, Context], None]] = {
    s.HEADLINE_TRADE: overview.headline_trade,
    s.VISIT_AGREEMENTS: overview.visit_agreements,
    s.DEAL_VALUES: overview.deal_values,
    s.STUDENT_FIGURES: overview.student_figures,
    s.ROUTE_FIGURES: overview.route_figures,
    s.LATEST_EVENTS: overview.latest_events,
    s.TRADE: trade.trade_vs_target,
    s.TRADE_SHARES: trade.trade_shares,
    s.DEALS: deals.deals,
    s.AGREEMENTS: deals.agreements,
    **{group: people.group for group in s.people.GROUPS},
    s.MAP: corridors.corridor_map,
    s.ROUTES: corridors.routes_compared,
    s.ROUTE_COUNTRIES: corridors.route_countries,
    s.TIMELINE: timeline.timeline,
    s.RELATIONSHIPS: relationships.relationships_compared,
    s.SOURCES: sources.sources_and_data,
}


def draw(section: Section, ctx: Context) -> None:
    """Draw `section` on the page, unless presenting a screen that does not show it."""
    if shows(section):
        RENDERERS[section](section, ctx)
