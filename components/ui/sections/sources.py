"""Sources & data: the validation report, trying one's own data, every source, every table."""

from __future__ import annotations

import streamlit as st

from components.sections.base import Context, Section
from components.ui.blocks import table
from components.ui.own_data import own_data_panel
from components.ui.text import md_escape


def sources_and_data(section: Section, ctx: Context) -> None:
    v = section.view(ctx)
    st.header("Validation report")
    report = v.report
    if report.ok:
        st.success(report.ok, icon=":material/check_circle:")
    else:
        if report.errors:
            st.error(md_escape(report.errors), icon=":material/error:")
        if report.warnings:
            st.warning(report.warnings, icon=":material/warning:")
        st.dataframe(report.problems, hide_index=True, width="stretch")
    st.markdown("Check a folder from the command line: `python3 tasks.py check DIR`.")

    own_data_panel()

    st.subheader("What the view rests on")
    st.caption("Rows of the current view by the rank of the source they cite: official "
               "statistics and governments first, then international organisations, the press, "
               "and reference works.")
    table(v.ranks.frame, v.ranks.filename, v.ranks.columns)

    st.subheader("Sources")
    # at most SHOWN_ROWS rows on screen; the CSV (made on click) has every source
    table(v.sources.frame, v.sources.filename, v.sources.columns)

    st.subheader("Tables")
    names = list(v.tables)
    choice = st.selectbox("Table", names,
                          format_func=lambda n: f"{n} — {v.tables[n].description}", key="table")
    shown = v.tables[choice]
    if shown.broken:
        st.error(f"{choice}.csv failed validation; see the report above.", icon=":material/error:")
    st.caption(f"{len(shown.frame):,} of {shown.total:,} rows in the current view.")
    table(shown.frame, choice)
