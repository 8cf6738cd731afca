"""The briefing sequence: what presentation mode shows, screen by screen. Data, not code.

Each step names the page it lives on and the sections of that page it shows (one message per
screen); pages ask `shows(section)` before drawing a section. Reorder or add steps here only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One screen of the briefing.

    key: its id in the URL (`?step=map`); page: the page's url_path; sections: the page's
    sections it shows; title: the screen's headline; message: the one thing it says.
    """

    key: str
    page: str
    sections: tuple[str, ...]
    title: str
    message: str


STEPS: tuple[Step, ...] = (
    Step("headlines", "overview", ("trade",), "Pakistan–Kazakhstan at a glance",
         "Trade is far below the $1B target, by either country's statistics."),
    Step("visit", "overview", ("agreements", "deals", "students"), "What the ties hold",
         "Agreements at the 2026 state visit, deals with a value, and students."),
    Step("map", "corridors", ("map",), "Rail routes to the Arabian Sea",
         "Two routes from Kazakhstan to Karachi and Gwadar; most of each is not yet built."),
    Step("routes", "corridors", ("routes",), "The routes compared",
         "Length, what exists, gauge changes, crossings and cost, each figure sourced."),
    Step("trade", "trade", ("trade",), "Trade against the target",
         "Each country's statistics, side by side, against the $1B target and its deadlines."),
    Step("deals", "trade", ("deals",), "Deals and investments",
         "Deals by sector and how far along they are."),
    Step("people", "people", ("students",), "Students",
         "Pakistani students in Kazakhstan, as each source counts them."),
    Step("timeline", "timeline", ("timeline",), "From recognition to state visits",
         "Visits, summits and milestones since 1991, and what each produced."),
)

BY_KEY = {s.key: s for s in STEPS}


def step_at(key: str | None) -> Step:
    """The step named `key`, or the first one for an unknown or missing key."""
    return BY_KEY.get(key or "", STEPS[0])


def neighbours(step: Step) -> tuple[Step | None, Step | None]:
    """(previous, next) step in the sequence; None at either end."""
    i = STEPS.index(step)
    return (STEPS[i - 1] if i > 0 else None, STEPS[i + 1] if i + 1 < len(STEPS) else None)
