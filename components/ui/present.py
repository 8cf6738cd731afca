"""Presentation mode and the link to the current view (sidebar controls, the present bar)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.analysis.versions import folder_of
from components.analysis.view_link import VERSION_PARAM, share_url
from components.data.loader import load_dataset
from components.presentation import STEPS, Step, neighbours, step_at
from components.sections.base import Context, Section
from components.sections.datadiff import headline_changes, section_names
from components.ui.state import current_version
from components.ui.text import md_escape

# Bigger type and no chrome when presenting: read from the back of a room on a 1920×1080
# projector. Only our own constant CSS; nothing from data goes in here.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {
  display: none !important; }
html { font-size: 22px; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important;
  padding: 1.2rem 2.5rem 2rem 2.5rem !important; }
[data-testid="stMetricValue"] { font-size: 2.6rem !important; }
</style>
"""


def presenting() -> bool:
    """Whether this session is in presentation mode (`?present=true` in the URL)."""
    if "present" in st.session_state:
        return bool(st.session_state["present"])
    # before the switch has been drawn once (a link's first run), read the URL itself
    return st.query_params.get("present", "").lower() == "true"


def current_step() -> Step:
    """The screen being presented: the chooser's value, else the link's `?step=`."""
    return step_at(st.session_state.get("step") or st.query_params.get("step"))


def _go(key: str) -> None:
    st.session_state["step"] = key


def _stop_presenting() -> None:
    st.session_state["present"] = False


def sidebar_controls() -> None:
    """The 'Present' switch, and the screen chooser while presenting (both in the URL)."""
    st.toggle("Present", key="present", bind="query-params",
              help="Full screen, large type, one message per screen, with previous/next. "
                   "A link with ?present=true opens straight into it.")
    if presenting():
        # options are the steps' keys so that the URL reads ?step=map (a bound widget writes
        # its option labels to the URL); the sidebar is hidden while presenting anyway
        st.selectbox("Screen", [s.key for s in STEPS], key="step", bind="query-params")


def present_bar(ctx: Context) -> None:
    """The presenting screen's header: title, message (in the relationship's words),
    previous/next, exit. CSS hides chrome."""
    step = current_step()
    prev, nxt = neighbours(step)
    st.html(PRESENT_CSS)
    left, mid, right, end = st.columns([7, 1.2, 1.2, 1], vertical_alignment="center")
    number = [s.key for s in STEPS].index(step.key) + 1
    left.markdown(f"### {md_escape(ctx.say(step.title))}\n{md_escape(ctx.say(step.message))} "
                  f"· {number} of {len(STEPS)}")
    mid.button("Previous", icon=":material/arrow_back:", disabled=prev is None,
               on_click=_go, args=(prev.key if prev else step.key,), key="present_prev",
               width="stretch")
    right.button("Next", icon=":material/arrow_forward:", disabled=nxt is None,
                 on_click=_go, args=(nxt.key if nxt else step.key,), key="present_next",
                 width="stretch", type="primary")
    end.button("Exit", icon=":material/close_fullscreen:", on_click=_stop_presenting,
               key="present_exit", width="stretch", help="Leave presentation mode")


#: The sidebar's filters a link may name by id (`url.accept_ids`).
ID_FILTERS = ("relationship", "sector", "corridor")


def chosen_by_id(in_address: set[str], default_relationship: str | None
                 ) -> list[tuple[str, str]]:
    """(key, id) of the filters a link chose by id: their widgets leave them out of the
    address bar, so the link to this view adds them (a link takes ids as well as labels). The
    default relationship needs no parameter."""
    out = []
    for key in ID_FILTERS:
        value = st.session_state.get(key)
        if key in in_address or not value:
            continue
        if key == "relationship":
            if value != default_relationship:
                out.append((key, value))
        else:
            out += [(key, v) for v in value]
    return out


def view_link(page_path: str, default_relationship: str | None = None) -> str:
    """The address of this exact view: page, filters, selections, mode and data version.
    default_relationship: the data's default (a link needs no parameter for it)."""
    params = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    params += chosen_by_id({k for k, _ in params}, default_relationship)
    app_url = st.context.url or "http://localhost:8501/"
    return share_url(app_url, page_path, params, current_version(),
                     base_path=st.get_option("server.baseUrlPath") or "")


def link_panel(page_path: str, default_relationship: str | None = None) -> None:
    """'Link to this view' in the sidebar: the address with a copy button."""
    with st.popover("Link to this view", icon=":material/link:", width="stretch"):
        st.caption("Copy this address to open the same page, filters, selection and mode. It "
                   "records the version of the data it was made on.")
        st.code(view_link(page_path, default_relationship), language=None, wrap_lines=True)


def version_notice(ctx: Context, page: Sequence[Section] = ()) -> None:
    """When the link that opened this view was made on other data, say which of its figures
    changed: the server keeps a copy of every data version it served
    (components.analysis.versions), so the link's figures are computed again on its own
    version, with its own filters. page: the sections of the page the link opens, whose
    figures are listed first."""
    wanted = st.query_params.get(VERSION_PARAM)
    now = current_version()
    if not wanted or wanted == now:
        return
    folder = folder_of(wanted)
    if folder is None:
        st.warning(md_escape(
            f"This link was made on another version of the data ({wanted}; now {now}), which "
            "this server has not kept: figures may differ from when it was made."),
            icon=":material/history:")
        return
    changes = _link_changes(str(folder), str(ctx.data.directory), now, repr(ctx.filters), ctx)
    intro = (f"This link was made on another version of the data ({wanted}; now {now}). "
             f"Viewed for {ctx.relationship.name} with this link's filters, ")
    if changes.empty:
        st.info(md_escape(intro + "none of the dashboard's headline figures changed."),
                icon=":material/history:")
        return
    names = section_names()
    here = {names[section.key] for section in page}
    rows = sorted(changes.itertuples(), key=lambda row: row.section not in here)  # stable
    lines = [f"{row.section} · {row.figure}: {_shown(row.before)} → {_shown(row.after)}"
             for row in rows]
    on_page = sum(row.section in here for row in rows)
    shown = lines[:SHOWN_CHANGES]
    more = (f"\n- and {len(lines) - len(shown)} more (Sources & data, "
            "`python3 tasks.py diff`)" if len(lines) > len(shown) else "")
    count = f"{len(lines)} of its headline figures changed" + (
        f", {on_page} of them on this page (listed first)" if page else "")
    st.warning(md_escape(intro + count + ":") + "\n\n"
               + "\n".join(f"- {md_escape(line)}" for line in shown) + more,
               icon=":material/history:")


#: figures the notice lists before it says "and N more"
SHOWN_CHANGES = 8


def _shown(value: object) -> str:
    return "(not shown)" if value is None or value != value else str(value)


@st.cache_data(show_spinner="Comparing with the data this link was made on…", max_entries=16)
def _link_changes(old_dir: str, new_dir: str, new_version: str, filters: str, _ctx: Context
                  ) -> pd.DataFrame:
    """The headline figures that differ between the kept old version and this session's data,
    for the view's filters. The cache key: both folders, the new version and the filters (as
    text; `_ctx`, not hashed, carries them and the loaded data)."""
    return headline_changes(load_dataset(old_dir), _ctx.data, _ctx.filters)
