"""Presentation mode's sequence: what the presentation screen shows, screen by screen. Data,
not code (the briefing pack, the deck, is `components.pack`).

Each step names the page it lives on and the sections of that page it shows, by reference
(one message per screen); the page frame asks whether a section is on the current screen before
drawing it. A step naming a section its page does not draw fails here, at import. Reorder or
add steps here only.
"""

from __future__ import annotations

from dataclasses import dataclass

from components import pages
from components import sections as s
from components.pages import Page
from components.sections.base import Section


@dataclass(frozen=True)
class Step:
    """One screen of the briefing.

    key: its id in the URL (`?step=map`); page: the page it is drawn on; sections: the page's
    sections it shows; title: the screen's headline; message: the one thing it says. Title
    and message are templates in the relationship's words ('{name} at a glance'; see
    `Relationship.words`): no country is named here.
    """

    key: str
    page: Page
    sections: tuple[Section, ...]
    title: str
    message: str

    def __post_init__(self) -> None:
        if not self.sections:
            raise ValueError(f"step {self.key!r} shows no section")
        strays = [x.key for x in self.sections if x not in self.page.sections]
        if strays:
            raise ValueError(f"step {self.key!r}: the {self.page.title} page does not draw "
                             f"{', '.join(strays)}")


STEPS: tuple[Step, ...] = (
    Step("headlines", pages.OVERVIEW, (s.HEADLINE_TRADE,), "{name} at a glance",
         "Trade against the target, by each country's own statistics."),
    Step("visit", pages.OVERVIEW, (s.VISIT_AGREEMENTS, s.DEAL_VALUES, s.STUDENT_FIGURES),
         "What the ties hold",
         "Agreements at the latest state visit, deals with a value, and students."),
    Step("map", pages.CORRIDORS, (s.MAP,), "Rail routes from {origin} to {ports}",
         "The routes {origin_adj} cargo would take to {ports}, by how much of each is built."),
    Step("routes", pages.CORRIDORS, (s.ROUTES,), "The routes compared",
         "Length, what exists, gauge changes, crossings and cost, each figure sourced."),
    Step("trade", pages.TRADE, (s.TRADE,), "Trade against the target",
         "Each country's statistics, side by side, against the target and its deadlines."),
    Step("deals", pages.TRADE, (s.DEALS,), "Deals and investments",
         "Deals by sector and how far along they are."),
    Step("people", pages.PEOPLE, (s.STUDENTS,), "Students",
         "Students between {a} and {b}, as each source counts them."),
    Step("timeline", pages.TIMELINE, (s.TIMELINE,), "Visits, summits and milestones",
         "Visits, summits and milestones of {name}, and what each produced."),
)

BY_KEY = {step.key: step for step in STEPS}


def step_at(key: str | None) -> Step:
    """The step named `key`, or the first one for an unknown or missing key."""
    return BY_KEY.get(key or "", STEPS[0])


def neighbours(step: Step) -> tuple[Step | None, Step | None]:
    """(previous, next) step in the sequence; None at either end."""
    i = STEPS.index(step)
    return (STEPS[i - 1] if i > 0 else None, STEPS[i + 1] if i + 1 < len(STEPS) else None)
