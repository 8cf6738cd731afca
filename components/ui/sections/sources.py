"""Sources & data: the validation report, trying one's own data, every source, every table."""

from __future__ import annotations

import io
from pathlib import Path

import streamlit as st

from components.data.loader import data_dir
from components.data.workbook import write_workbook
from components.sections.base import Context, Section
from components.ui.blocks import table
from components.ui.data_diff import data_diff_panel
from components.ui.own_data import own_data_panel
from components.ui.state import own_data
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
        st.dataframe(report.problems, hide_index=True, width="stretch", placeholder="")
    st.markdown("Check a folder or a workbook from the command line: "
                "`python3 tasks.py check DIR` or `python3 tasks.py check FILE.xlsx`.")

    own_data_panel()
    if (own := own_data()) is not None:
        # the figures of the relationship the session views
        data_diff_panel(data_dir(), own["dir"], ctx.filters.relationship)

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

    st.subheader("The data as a workbook")
    st.caption("Every table of the data in use as a sheet of one Excel workbook, with a README "
               "sheet (each column's type, allowed values and an example) and dropdowns for "
               "every vocabulary and id; the template holds the vocabularies only. "
               "`python3 tasks.py import-xlsx FILE DIR` turns a workbook back into the CSVs.")
    left, right = st.columns(2)
    folder = Path(ctx.data.directory)
    # made on click (a callable): the workbook of the folder the session reads
    left.download_button("Download the data (.xlsx)", lambda: _workbook(folder, False),
                         "corridor_data.xlsx", XLSX, icon=":material/download:", key="xlsx")
    right.download_button("Blank template (.xlsx)", lambda: _workbook(folder, True),
                          "corridor_data_template.xlsx", XLSX, icon=":material/download:",
                          key="xlsx_blank")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(folder: Path, blank: bool) -> bytes:
    out = io.BytesIO()
    write_workbook(folder, out, blank=blank)
    return out.getvalue()
