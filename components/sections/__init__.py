"""The dashboard's sections: each computed once from a Context into a plain view model, and
drawn by the page, the presentation screen and the slide (see `base`).

Pages (components.pages), the presentation sequence (components.presentation) and the
briefing pack (components.pack) list sections by these objects, never by name.
"""

from components.sections.agreements import AGREEMENTS, VISIT_AGREEMENTS
from components.sections.base import Context, Section, context
from components.sections.corridors import MAP, ROUTE_FIGURES, ROUTES
from components.sections.deals import DEAL_VALUES, DEALS
from components.sections.people import FORUMS, LINKS, STUDENT_FIGURES, STUDENTS, UNIVERSITIES
from components.sections.relationships import RELATIONSHIPS
from components.sections.route_countries import ROUTE_COUNTRIES
from components.sections.sources import SOURCES
from components.sections.timeline import LATEST_EVENTS, TIMELINE
from components.sections.trade import HEADLINE_TRADE, TRADE, TRADE_SHARES

#: Every section, in the order the pages show them.
ALL: tuple[Section, ...] = (
    HEADLINE_TRADE, VISIT_AGREEMENTS, DEAL_VALUES, STUDENT_FIGURES, ROUTE_FIGURES, LATEST_EVENTS,
    TRADE, TRADE_SHARES, DEALS, AGREEMENTS,
    STUDENTS, UNIVERSITIES, FORUMS, LINKS,
    MAP, ROUTES, ROUTE_COUNTRIES,
    TIMELINE,
    RELATIONSHIPS,
    SOURCES,
)

__all__ = ["ALL", "Context", "Section", "context", "AGREEMENTS", "DEAL_VALUES", "DEALS", "FORUMS",
           "HEADLINE_TRADE", "LATEST_EVENTS", "LINKS", "MAP", "RELATIONSHIPS", "ROUTE_FIGURES",
           "ROUTE_COUNTRIES", "ROUTES", "SOURCES", "STUDENT_FIGURES", "STUDENTS", "TIMELINE",
           "TRADE", "TRADE_SHARES", "UNIVERSITIES", "VISIT_AGREEMENTS"]
