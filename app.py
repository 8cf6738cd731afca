"""Entry point: page config, shared filters (bound to the URL), navigation.

Run with `streamlit run app.py`. Page scripts live in app_pages/ (the design card's `pages`;
a folder named `pages/` would switch Streamlit into its legacy multipage mode).
"""

from pathlib import Path

import streamlit as st

from components.analysis.filters import EARLIEST, describe
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
    filter_state,
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
sectors = data["sectors"]
corridors = data["corridors"]
sector_label = dict(zip(sectors["sector_id"], sectors["label"]))
corridor_label = dict(zip(corridors["corridor_id"], corridors["short_name"]))

accept_ids("sector", list(sector_label), sector_label)
accept_ids("corridor", list(corridor_label), corridor_label)

with st.sidebar:
    sidebar_controls()
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
        st.info(md_escape(f"Your own data from {own['name']} ({', '.join(own['tables'])}), "
                          "in this session only. Go back on Sources & data."),
                icon=":material/upload_file:")

pages = [
    st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:",
            url_path="overview", default=True,
            help="Headline figures with their sources: trade against its target, agreements, "
                 "deals, students and the corridors' length and cost."),
    st.Page("app_pages/trade.py", title="Trade & deals", icon=":material/payments:",
            url_path="trade",
            help="Trade against the targets by each country's statistics, deals by sector and "
                 "status, and the agreements signed at each event as each source counts them."),
    st.Page("app_pages/people.py", title="People & education", icon=":material/school:",
            url_path="people",
            help="Students, universities, forums and delegations: each figure with its source."),
    st.Page("app_pages/corridors.py", title="Corridors", icon=":material/train:",
            url_path="corridors",
            help="Offline map of the rail routes from Kazakhstan to Karachi and Gwadar by "
                 "status, with each route's length, cost, gauges and crossings compared."),
    st.Page("app_pages/timeline.py", title="Timeline", icon=":material/timeline:",
            url_path="timeline",
            help="Visits, summits, commissions, forums and corridor milestones since 1991; "
                 "click one to see what it produced, with sources."),
    st.Page("app_pages/sources.py", title="Sources & data", icon=":material/menu_book:",
            url_path="sources",
            help="Every source, every table cut to the current filters with CSV downloads, "
                 "and the data's validation report."),
]
# the briefing sequence names pages by their file's name (the default page's url_path is "")
by_name = dict(zip(["overview", "trade", "people", "corridors", "timeline", "sources"], pages))
page = st.navigation(pages, position="hidden" if presenting() else "top")
if presenting():
    target = by_name[current_step().page]
    if page.title != target.title:  # next/previous moved to a screen on another page
        # {} rather than None: None clears the URL, which widgets bound to it do not allow;
        # the bound filters and the screen rewrite themselves on the new page
        st.switch_page(target, query_params={})
    present_bar()
else:
    with st.sidebar:
        link_panel(page.url_path)
        pack_panel(data, current_version(), filter_state(), view_link(page.url_path),
                   describe(filter_state(), sector_label, corridor_label))
version_notice()
page.run()
