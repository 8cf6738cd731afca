"""The registry of pages: what each page is, where its script lives, and which sections it
draws. app.py builds the navigation from it; the presentation sequence, the benchmark and the
tests read it too. Pure: no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass

from components import sections as s
from components.sections.base import Section


@dataclass(frozen=True, eq=False)
class Page:
    """One page of the app.

    key: its URL path ('trade'; the default page is also served at '/'); file: its script,
    relative to app.py; title: its name in the navigation; heading: the title drawn on it (the
    frame draws it, not the page), a template in the relationship's words ('{name} at a
    glance'; see `Relationship.words`); icon: a Material icon; help: the navigation's tooltip;
    sections: what it draws, in order; caption: what the line under the heading says —
    'filters' (the filters in words), 'as_of' (the data's date, then the filters) or 'folder'
    (the data folder); default: the page '/' opens.
    """

    key: str
    file: str
    title: str
    heading: str
    icon: str
    help: str
    sections: tuple[Section, ...]
    caption: str = "filters"
    default: bool = False


OVERVIEW = Page(
    "overview", "app_pages/overview.py", "Overview", "{name} at a glance",
    ":material/dashboard:",
    "Headline figures with their sources: trade against its target, agreements, deals, "
    "students and the corridors' length and cost.",
    (s.HEADLINE_TRADE, s.VISIT_AGREEMENTS, s.DEAL_VALUES, s.STUDENT_FIGURES, s.ROUTE_FIGURES,
     s.LATEST_EVENTS), caption="as_of", default=True)
TRADE = Page(
    "trade", "app_pages/trade.py", "Trade & deals", "Trade & deals", ":material/payments:",
    "Trade against the targets by each country's statistics, what is traded, deals by sector "
    "and status, and the agreements signed at each event as each source counts them.",
    (s.TRADE, s.TRADE_SHARES, s.DEALS, s.AGREEMENTS))
PEOPLE = Page(
    "people", "app_pages/people.py", "People & education", "People & education",
    ":material/school:",
    "Students, universities, forums and delegations: each figure with its source.",
    (s.STUDENTS, s.UNIVERSITIES, s.FORUMS, s.LINKS))
CORRIDORS = Page(
    "corridors", "app_pages/corridors.py", "Corridors", "Rail routes from {origin} to {ports}",
    ":material/train:",
    "Offline map of the rail routes to the sea ports by status, with each route's length, "
    "cost, gauges and crossings compared, and how much of each runs through each country.",
    (s.MAP, s.ROUTES, s.ROUTE_COUNTRIES))
TIMELINE = Page(
    "timeline", "app_pages/timeline.py", "Timeline", "Visits, summits and milestones",
    ":material/timeline:",
    "Visits, summits, commissions, forums and corridor milestones since 1991; click one to "
    "see what it produced, with sources.",
    (s.TIMELINE,))
RELATIONSHIPS = Page(
    "relationships", "app_pages/relationships.py", "Relationships",
    "Every relationship side by side", ":material/compare_arrows:",
    "Every country pair of the data compared: trade against its target and the growth each "
    "deadline needs, the latest state visit's documents, deal value by status, and how much "
    "of each route is built.",
    (s.RELATIONSHIPS,))
SOURCES = Page(
    "sources", "app_pages/sources.py", "Sources & data", "Sources & data",
    ":material/menu_book:",
    "Every source, every table cut to the current filters with CSV downloads, and the data's "
    "validation report.",
    (s.SOURCES,), caption="folder")

#: Every page, in the navigation's order.
PAGES: tuple[Page, ...] = (OVERVIEW, TRADE, PEOPLE, CORRIDORS, TIMELINE, RELATIONSHIPS, SOURCES)
BY_KEY = {p.key: p for p in PAGES}
BY_TITLE = {p.title: p for p in PAGES}


def page_of(section: Section) -> Page:
    """The page that draws `section` (every section is on exactly one page)."""
    return next(p for p in PAGES if section in p.sections)
