"""The Sources page's panel saying what the session's own data changes against the bundled data:
tables, cells and the headline figures that move."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from components.analysis.datadiff import DiffError, table_changes
from components.analysis.filters import FilterState
from components.sections.datadiff import headline_changes
from components.ui.blocks import table
from components.ui.state import dataset_at, fingerprint
from components.ui.text import md_escape

#: The panel's tables: column → heading.
COUNT_HEADINGS = {"table": "Table", "rows_before": "Rows (bundled)", "rows_after": "Rows (yours)",
                  "added": "Added", "removed": "Removed", "changed": "Changed rows",
                  "cells": "Changed cells", "note": "Note"}
CELL_HEADINGS = {"table": "Table", "key": "Row", "column": "Column", "old": "Bundled",
                 "new": "Yours", "source_id": "Source", "old_source_id": "Bundled source"}
ROW_HEADINGS = {"table": "Table", "key": "Row", "change": "Change", "source_id": "Source"}
FIGURE_HEADINGS = {"section": "Section", "figure": "Figure", "before": "Bundled",
                   "after": "Yours"}


@st.cache_data(show_spinner="Comparing your data with the bundled data…", max_entries=8)
def _diff(bundled: str, bundled_version: tuple, own: str, own_version: tuple,
          relationship: str | None = None
          ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(tables that differ, changed cells, added and removed rows, figures that move), once per
    version of both folders (the versions are the cache key; the datasets are the cached ones
    every page reads)."""
    changes = table_changes(bundled, own)
    figures = headline_changes(dataset_at(Path(bundled)), dataset_at(Path(own)),
                               FilterState(relationship=relationship))
    return changes.differs, changes.cells, changes.rows, figures


def data_diff_panel(bundled_dir: str | Path, own_dir: str | Path,
                    relationship: str | None = None) -> None:
    """'What your data changes': the tables that differ from the bundled data, each changed
    cell, the rows added and removed, and the headline figures that move, each as a table with
    its CSV.
    relationship: the id of the relationship whose figures are compared (None: the default).
    """
    st.subheader("What your data changes")
    bundled, own = Path(bundled_dir), Path(own_dir)
    try:
        counts, cells, rows, figures = _diff(str(bundled), fingerprint(bundled), str(own),
                                             fingerprint(own), relationship)
    except DiffError as err:
        st.error(md_escape(f"Your data cannot be compared with the bundled data: {err}"),
                 icon=":material/error:")
        return
    if counts.empty and figures.empty:
        st.success("Your data is the same as the bundled data, cell for cell: no figure moves.",
                   icon=":material/check_circle:")
        return
    st.caption("Cells are compared as the files hold them, as text: 1.50 against 1.5 is a "
               "change. Rows are matched by their id. The same comparison from the command "
               "line: `python3 tasks.py diff DIR_A DIR_B`.")
    if counts.empty:
        st.markdown("The tables are the same as the bundled ones, cell for cell.")
    else:
        table(counts, "data_changes_tables", COUNT_HEADINGS)
    if len(cells):
        st.markdown(f"**Changed cells** ({len(cells):,})")
        table(cells, "data_changes_cells", CELL_HEADINGS)
    if len(rows):
        st.markdown(f"**Rows added and removed** ({len(rows):,})")
        table(rows, "data_changes_rows", ROW_HEADINGS)
    if figures.empty:
        st.markdown("No headline figure moves.")
    else:
        rel = figures["relationship"].iloc[0]
        st.markdown("**Headline figures that move** "
                    + md_escape(f"({rel}, {len(figures):,})"))
        shown = figures.drop(columns="relationship").fillna("(not shown)")
        table(shown, "data_changes_figures", FIGURE_HEADINGS)
