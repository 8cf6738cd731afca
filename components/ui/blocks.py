"""Small drawing helpers: a sourced figure, a problems report, a claims table."""

from __future__ import annotations

import hashlib
from functools import partial

import pandas as pd
import streamlit as st

from components.analysis.citations import claims_frame
from components.analysis.export import to_csv_bytes
from components.analysis.sourcing import source_line
from components.data.loader import Dataset
from components.ui.text import md_escape


def sourced_caption(sources: pd.DataFrame, source_ids, prefix: str = "") -> None:
    """A caption naming the sources of what is above it."""
    line = source_line(sources, source_ids)
    if line:
        st.caption(md_escape(f"{prefix}{line}"))


def problems_frame(problems) -> pd.DataFrame:
    return pd.DataFrame(
        [{"severity": p.severity, "file": p.file, "line": p.row, "column": p.column or "",
          "problem": p.message} for p in problems],
        columns=["severity", "file", "line", "column", "problem"],
    ).astype({"line": "Int64"})


def broken_notice(data: Dataset, *tables: str) -> bool:
    """Say which of `tables` cannot be used and why. Returns True when all are usable."""
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


def claims_table(frame: pd.DataFrame, columns: dict[str, str], sources: pd.DataFrame,
                 filename: str = "figures") -> None:
    """Rows (claims) with their source and quote, as a read-only table with its CSV."""
    table(claims_frame(frame, columns, sources), filename)


#: Rows drawn in a table on screen. The CSV download always has every row: an analyst reads or
#: searches a few hundred rows on screen and takes the rest to a spreadsheet, and the page's
#: payload and server time stay bounded at any data size (at 1000× the bundled data one table
#: was 55 MB).
SHOWN_ROWS = 1000


def opened(label: str, key: str):
    """An expander whose content is drawn only once it is opened (opening it reruns the page):
    the box to draw into, or None while it is closed. What is inside stays out of the page's
    first render, which is what the browser spends its time on, and out of every filter
    change's payload (at 1000× the data, tables were most of both)."""
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None


def table(shown: pd.DataFrame, filename: str, column_config: dict | None = None,
          rows: int = SHOWN_ROWS) -> None:
    """A table as shown (its first `rows` rows on screen, with a note when there are more), and
    a CSV of every row (filters applied; spreadsheet formulas neutralised; headed as on
    screen). filename: without extension."""
    capped = len(shown) > rows
    st.dataframe(shown.head(rows) if capped else shown, hide_index=True, width="stretch",
                 column_config=column_config)
    if capped:
        st.caption(f"The first {rows:,} of {len(shown):,} rows are shown; the CSV below has "
                   f"all {len(shown):,}.")
    names = {col: conf if isinstance(conf, str) else (conf or {}).get("label") or col
             for col, conf in (column_config or {}).items()}
    # made on click, not on every rerun; headed as on screen
    data = partial(to_csv_bytes, shown.rename(columns=names))
    signature = f"{filename}|{'|'.join(map(str, shown.columns))}|{len(shown)}"
    key = "csv_" + hashlib.sha1(signature.encode()).hexdigest()[:12]
    label = f"Download all {len(shown):,} rows (CSV)" if capped else "Download as shown (CSV)"
    st.download_button(label, data, f"{filename}.csv", "text/csv",
                       key=key, icon=":material/download:", on_click="ignore")


def nothing(what: str) -> None:
    """Say plainly that the current filters leave nothing of `what` to show."""
    st.info(f"No {what} in the current filters.", icon=":material/filter_alt_off:")
