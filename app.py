"""Entry point and page frame: page config, shared filters (bound to the URL), navigation from
the page registry (components/pages.py), each page's title and the line under it, then the page
with the run's Context.

Run with `streamlit run app.py`. Page scripts live in app_pages/ (the design card's `pages`;
a folder named `pages/` would switch Streamlit into its legacy multipage mode).
"""

from pathlib import Path

import streamlit as st

from components.analysis.filters import EARLIEST, describe
from components.analysis.relationships import relationships_of
from components.pages import BY_TITLE, PAGES
from components.sections.base import labels_of
from components.ui import frame
from components.ui.own_data import uploaded_tables
from components.ui.pack_panel import pack_panel
from components.ui.present import (
    current_step,
    link_panel,
    present_bar,
    presenting,
    sidebar_controls,
    version_notice,
    view_link,
)
from components.ui.state import (
    DEFAULT_DATES,
    LATEST,
    current_version,
    dataset,
    own_data,
)
from components.ui.text import md_escape
from components.ui.url import accept_ids

st.set_page_config(
    page_title="Central–South Asia trade corridors",
    # a local file: a :material/ page icon makes the browser fetch it from Google's servers
    page_icon=str(Path(__file__).parent / "assets" / "favicon.png"),
    layout="wide",
    initial_sidebar_state="expanded",
)

data = dataset()
labels = labels_of(data)  # the filters' options are the data's
sector_label, corridor_label = labels.sectors, labels.corridors
accept_ids("sector", list(sector_label), sector_label)
accept_ids("corridor", list(corridor_label), corridor_label)
relationships = {r.key: r for r in relationships_of(data.tables)}
relationship_names = {key: r.name for key, r in relationships.items()}
accept_ids("relationship", list(relationship_names), relationship_names, single=True)

with st.sidebar:
    sidebar_controls()
    if len(relationships) > 1:  # one relationship: nothing to choose
        st.selectbox(
            "Relationship", options=list(relationships), format_func=relationship_names.get,
            key="relationship", bind="query-params",
            help="The country pair every page, link, screen and slide is about; the "
                 "Relationships page sets them all side by side.")
    st.subheader("Filters")
    st.multiselect(
        "Sector", options=list(sector_label), format_func=lambda s: sector_label.get(s, s),
        key="sector", bind="query-params", placeholder="All sectors",
        help="Show only items in these sectors. Trade figures count as 'Trade'; corridor "
             "figures as 'Railways'.",
    )
    st.multiselect(
        "Corridor", options=list(corridor_label),
        format_func=lambda c: corridor_label.get(c, c),
        key="corridor", bind="query-params", placeholder="All corridors",
        help="Show only deals, events and route figures tied to these corridors.",
    )
    st.date_input(
        "Dates", value=DEFAULT_DATES, min_value=EARLIEST, max_value=LATEST,
        key="dates", bind="query-params", format="YYYY-MM-DD",
        help="Show only items dated within this range (events that overlap it).",
    )
    if not data.ok("sectors", "corridors"):
        st.warning("The sector or corridor list failed validation; see Sources & data.")
    own = own_data()
    if own:
        st.info(md_escape(f"Your own data from {own['name']} ({uploaded_tables(own)}), "
                          "in this session only. Go back on Sources & data."),
                icon=":material/upload_file:")

ctx = frame.build_context()  # the widgets above hold this run's filters
navigation = {p.key: st.Page(p.file, title=p.title, icon=p.icon, url_path=p.key,
                             default=p.default, help=p.help) for p in PAGES}
page = st.navigation(list(navigation.values()), position="hidden" if presenting() else "top")
if presenting():
    target = current_step().page
    if page.title != target.title:  # next/previous moved to a screen on another page
        # {} rather than None: None clears the URL, which widgets bound to it do not allow;
        # the bound filters and the screen rewrite themselves on the new page
        st.switch_page(navigation[target.key], query_params={})
    present_bar(ctx)
else:
    with st.sidebar:
        default = next(iter(relationships))  # a link needs no parameter for it
        link_panel(page.url_path, default)
        pack_panel(ctx, current_version(), view_link(page.url_path, default),
                   describe(ctx.filters, sector_label, corridor_label))
version_notice(ctx, BY_TITLE[page.title].sections)
frame.heading(BY_TITLE[page.title], ctx)
frame.hand(ctx)
page.run()
