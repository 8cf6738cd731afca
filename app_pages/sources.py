"""Sources & data: the validation report, every source, every table cut to the view."""

import streamlit as st

from components.analysis.citations import sources_table
from components.data.contract import TABLES
from components.ui.blocks import problems_frame, table
from components.ui.own_data import own_data_panel
from components.ui.state import dataset, view
from components.ui.text import md_escape

data = dataset()
tables = view()

st.title("Sources & data")
st.caption(md_escape(f"Data folder: {data.directory}"))

# --- Validation report ---------------------------------------------------------------------
st.header("Validation report")
errors = [p for p in data.problems if p.severity == "error"]
warnings = [p for p in data.problems if p.severity == "warning"]
rows = sum(len(data[name]) for name in TABLES)
if not data.problems:
    st.success(f"All {len(TABLES)} tables passed validation ({rows:,} rows).",
               icon=":material/check_circle:")
else:
    if errors:
        broken = sorted(data.broken)
        st.error(md_escape(
            f"{len(errors)} error(s) in {', '.join(t + '.csv' for t in broken)}: these tables "
            "are not used until fixed; pages that need them say so."), icon=":material/error:")
    if warnings:
        st.warning(f"{len(warnings)} warning(s): the tables are used, but worth fixing.",
                   icon=":material/warning:")
    st.dataframe(problems_frame(data.problems), hide_index=True, width="stretch")
st.markdown("Check a folder from the command line: `python3 tasks.py check DIR`.")

# --- The analyst's own data ---------------------------------------------------------------
own_data_panel()

# --- Sources -------------------------------------------------------------------------------
st.subheader("Sources")
sources = data["sources"]
# at most SHOWN_ROWS rows on screen; the CSV (made on click) has every source
table(sources_table(sources, tables), "sources_in_view", column_config={
    "title": st.column_config.TextColumn("Title", width="large"),
    "publisher": "Publisher",
    "author": "Author",
    "published_date": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
    "kind": "Kind",
    "link": st.column_config.LinkColumn("Link", width="medium"),
    "file": "Seed file",
    "rows_in_view": st.column_config.NumberColumn(
        "Rows citing it", help="Rows in the current view that cite this source"),
    "source_id": "Id",
})

# --- Tables --------------------------------------------------------------------------------
st.subheader("Tables")
names = list(TABLES)
choice = st.selectbox("Table", names, format_func=lambda n: f"{n} — {TABLES[n].description}",
                      key="table")
frame = tables[choice]
if choice in data.broken:
    st.error(f"{choice}.csv failed validation; see the report above.", icon=":material/error:")
st.caption(f"{len(frame):,} of {len(data[choice]):,} rows in the current view.")
table(frame, choice)
