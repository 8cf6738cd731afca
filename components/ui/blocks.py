"""Drawing the parts view models are made of: cards, tables, claims, 'nothing to show', a box
drawn only once opened. Text from the data is escaped here (md_escape), never parsed."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import partial

import pandas as pd
import streamlit as st

from components.analysis.citations import claims_frame
from components.analysis.export import to_csv_bytes
from components.sections.base import Card, Claims, Column
from components.ui.text import md_escape

#: Rows drawn in a table on screen. The CSV download always has every row: an analyst reads or
#: searches a few hundred rows on screen and takes the rest to a spreadsheet, and the page's
#: payload and server time stay bounded at any data size (at 1000× the bundled data one table
#: was 55 MB).
SHOWN_ROWS = 1000


def nothing(text: str) -> None:
    """Say plainly that the filters leave nothing to show (the view model's sentence)."""
    st.info(md_escape(text), icon=":material/filter_alt_off:")


def card(c: Card, *, collapsed: bool = False, lines: bool = True) -> None:
    """One figure as a metric with the lines under it (the value is markdown too: a range of
    approximate figures, '~$360M–~$599M', would otherwise be struck through). lines=False: the
    metric alone (its lines drawn later, `card_lines`, e.g. under a chart of it)."""
    st.metric(md_escape(c.label), md_escape(c.value), help=c.help,
              label_visibility="collapsed" if collapsed else "visible")
    if lines:
        card_lines(c)


def card_lines(c: Card) -> None:
    """The lines under a card's figure (its words and sources)."""
    for line in c.lines:
        st.caption(md_escape(line))


def cards(items: Sequence[Card]) -> None:
    """Cards side by side, one column each."""
    for col, c in zip(st.columns(len(items)), items):
        with col:
            card(c)


def column_config(columns: Mapping[str, Column | str]) -> dict:
    """st.column_config of a view model's columns (headings, and formats by kind)."""
    out: dict = {}
    for name, col in columns.items():
        if isinstance(col, str):
            out[name] = col
        elif col.kind == "number":
            out[name] = st.column_config.NumberColumn(col.label, format=col.format, help=col.help)
        elif col.kind == "date":
            out[name] = st.column_config.DateColumn(col.label, format=col.format, help=col.help)
        elif col.kind == "link":
            out[name] = st.column_config.LinkColumn(col.label, width=col.width, help=col.help)
        else:
            out[name] = st.column_config.TextColumn(col.label, width=col.width, help=col.help)
    return out


def opened(label: str, key: str):
    """An expander whose content is drawn only once it is opened (opening it reruns the page):
    the box to draw into, or None while it is closed. What is inside stays out of the page's
    first render, which is what the browser spends its time on, and out of every filter
    change's payload (at 1000× the data, tables were most of both)."""
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None


def table(shown: pd.DataFrame, filename: str, columns: Mapping[str, Column | str] | None = None,
          rows: int = SHOWN_ROWS) -> None:
    """A table as shown (its first `rows` rows on screen, with a note when there are more), and
    a CSV of every row (filters applied; spreadsheet formulas neutralised; headed as on
    screen). filename: without extension; columns: the view model's headings and formats."""
    config = column_config(columns or {})
    capped = len(shown) > rows
    on_screen = shown.head(rows) if capped else shown
    # a missing value is an empty cell on screen, not the grid's grey "None" (the CSV: empty)
    st.dataframe(on_screen, hide_index=True, width="stretch", column_config=config or None,
                 placeholder="")
    if capped:
        st.caption(f"The first {rows:,} of {len(shown):,} rows are shown; the CSV below has "
                   f"all {len(shown):,}.")
    names = {name: col if isinstance(col, str) else col.label
             for name, col in (columns or {}).items()}
    # made on click, not on every rerun; headed as on screen
    data = partial(to_csv_bytes, shown.rename(columns=names))
    signature = f"{filename}|{'|'.join(map(str, shown.columns))}|{len(shown)}"
    key = "csv_" + hashlib.sha1(signature.encode()).hexdigest()[:12]
    label = f"Download all {len(shown):,} rows (CSV)" if capped else "Download as shown (CSV)"
    st.download_button(label, data, f"{filename}.csv", "text/csv",
                       key=key, icon=":material/download:", on_click="ignore")


def claims_table(frame: pd.DataFrame, columns: Mapping[str, str], sources: pd.DataFrame,
                 filename: str = "figures") -> None:
    """Rows (claims) with their source and quote, as a read-only table with its CSV."""
    table(claims_frame(frame, dict(columns), sources), filename)


def claims_box(c: Claims | None, key: str, sources: pd.DataFrame) -> None:
    """A view model's claims in a box drawn only once opened (see `opened`)."""
    if c is not None and (box := opened(c.label, key)):
        with box:
            claims_table(c.frame, c.columns, sources, c.filename)


def remembered_click(key: str, clicked: str | None) -> None:
    """A click on a chart or map picks what the chooser `key` details; the chooser (bound to
    the URL as ?key=…) keeps it, so a link opens on the same card. Only a new click overrides
    the chooser: the chart reports its last click on every rerun."""
    last = f"_{key}_last_click"
    if clicked and clicked != st.session_state.get(last):
        st.session_state[last] = clicked
        st.session_state[key] = clicked


def source_block(label: str, quote: str, url: str | None, note: str | None = None) -> None:
    """Where a figure comes from: 'Source: …', the source's own words (plain text), a note,
    and 'Open source' when the source has a web address (seed files have none)."""
    st.caption(md_escape(f"Source: {label}"))
    st.text(f"“{quote}”")
    if note:
        st.caption(md_escape(f"Note: {note}"))
    if url:
        st.link_button("Open source", url, icon=":material/open_in_new:")
