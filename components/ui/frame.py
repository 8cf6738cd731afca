"""The page frame: the Context app.py hands every page, the page's title and the line under it,
whether a section is on the current screen, and the notice for a table that failed validation.

app.py builds the Context once per run (`build_context`), draws the page's heading (`heading`)
and hands the Context on (`hand`) before `page.run()`; the page script takes it (`context`),
and draws its sections with `components.ui.sections.draw`.
"""

from __future__ import annotations

import threading
from typing import Any

import streamlit as st

from components.analysis.filters import describe
from components.analysis.headlines import as_of_text
from components.data.loader import Dataset
from components.pages import Page
from components.sections.base import Context, Section
from components.sections.base import context as make_context
from components.ui.blocks import nothing
from components.ui.present import current_step, presenting
from components.ui.state import dataset, filter_state, view
from components.ui.text import md_escape

# A script run and the page it runs happen in one thread: the Context app.py built for this
# run is handed to the page through it (st.navigation's pages take no arguments).
_handed = threading.local()


def build_context() -> Context:
    """This run's Context: the session's dataset, the view cut to the sidebar's filters."""
    return make_context(dataset(), filter_state(), view=view())


def hand(ctx: Context) -> None:
    """Give `ctx` to the page about to run."""
    _handed.ctx = ctx


def context() -> Context:
    """The Context app.py handed to this run's page (built afresh when a page script is run on
    its own, as AppTest can)."""
    ctx = getattr(_handed, "ctx", None)
    return ctx if ctx is not None else build_context()


def heading(page: Page, ctx: Context) -> None:
    """The page's title (when presenting, the present bar's screen title stands instead) and
    the line under it: the filters in words, with the data's date on the Overview, or the data
    folder on Sources & data."""
    if not presenting():
        st.title(md_escape(ctx.say(page.heading)))
    labels = ctx.labels
    filters = describe(ctx.filters, labels.sectors, labels.corridors)
    if page.caption == "folder":
        st.caption(md_escape(f"Data folder: {ctx.data.directory}"))
    elif page.caption == "as_of":
        st.caption(md_escape(f"Data as of {as_of_text(ctx.sources)} (newest source) · "
                             f"{filters}"))
    else:
        st.caption(md_escape(filters))


def shows(section: Section) -> bool:
    """Whether the page draws `section`: always, except when presenting another screen."""
    return not presenting() or section in current_step().sections


def viewed(section: Section, ctx: Context, controls: Any = None, *, empty: bool = True
           ) -> Any:
    """The section's view model for `ctx`, or None once the page has said why there is none:
    a table it needs failed validation (`usable`), or (with `empty`) the filters leave
    nothing to show (the view model's `empty` sentence)."""
    if not usable(ctx.data, *section.needs):
        return None
    v = section.view(ctx, controls)
    if empty and v.empty:
        nothing(v.empty)
        return None
    return v


def usable(data: Dataset, *tables: str) -> bool:
    """Say which of `tables` cannot be used and why (file, line, column; at most five, then how
    many more). True when every one passed validation."""
    errors = [p for p in data.problems_of(*tables) if p.severity == "error"]
    if not errors:
        return True
    names = sorted({p.file for p in errors})
    shown = errors[:5]
    more = f"\n\n…and {len(errors) - len(shown)} more." if len(errors) > len(shown) else ""
    lines = "\n".join(f"- {md_escape(p)}" for p in shown)
    st.error(
        md_escape(f"Not shown: {', '.join(names)} failed validation. Fix the file and reload; "
                  "the full report is on Sources & data.") + "\n\n" + lines + more,
        icon=":material/error:")
    return False
