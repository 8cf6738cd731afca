"""The view's filters and how they cut the tables. Pure: (tables, FilterState) → tables.

Rules (documented in the README):
- relationship: first of all, the tables are cut to the chosen relationship (the default one
  when none is chosen; see `relationships.cut`), when the tables hold relationships.
- sector: rows whose sector (a column, a `;` list, or the table's implicit sector) is one of the
  chosen sectors. Rows with no sector given are hidden while a sector filter is on.
- corridor: applies only to tables that carry a corridor (deals, events, segments, corridor
  claims); rows there without a corridor are hidden while a corridor filter is on. Tables with no
  corridor dimension (trade, agreements, people) are not cut by it.
- dates: rows whose date, or date span, overlaps the chosen range.
Vocabularies, sources and places are never filtered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from components.analysis.relationships import chosen, cut

# table → (column, is_list) carrying its sector
SECTOR_COLUMNS = {
    "deals": ("sector_id", False),
    "people": ("sector_id", False),
    "agreements": ("sectors", True),
    "events": ("sectors", True),
}
# tables whose every row belongs to one sector
IMPLICIT_SECTOR = {
    "trade_flows": "trade",
    "trade_targets": "trade",
    "trade_shares": "trade",
    "segments": "rail",
    "corridor_claims": "rail",
    "place_claims": "ports",
}
CORRIDOR_COLUMNS = {
    "deals": ("corridor_id", False),
    "events": ("corridors", True),
    "segments": ("corridor_id", False),
    "corridor_claims": ("corridor_id", False),
}
# table → (start column, end column or None)
DATE_COLUMNS = {
    "trade_flows": ("period_start", "period_end"),
    "trade_targets": ("date_stated", None),
    "trade_shares": ("date", None),
    "deals": ("date", None),
    "agreements": ("date", None),
    "people": ("date", None),
    "events": ("start_date", "end_date"),
    "corridor_claims": ("date", None),
    "place_claims": ("date", None),
}

#: The date filter's near end: the Central Asian states became independent in 1991, and no
#: relationship the dashboard covers is older.
EARLIEST = dt.date(1991, 1, 1)


@dataclass(frozen=True)
class FilterState:
    """What the view is restricted to. Empty tuples mean "all"; None dates mean open-ended;
    relationship: the chosen relationship's id (None: the data's default one)."""

    sectors: tuple[str, ...] = ()
    corridors: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    relationship: str | None = None

    @property
    def is_empty(self) -> bool:
        """No sector, corridor or date filter (the relationship cut applies regardless)."""
        return not (self.sectors or self.corridors or self.start or self.end)


def _matches(series: pd.Series, is_list: bool, wanted: set[str]) -> pd.Series:
    if is_list:
        return series.fillna("").map(lambda cell: bool(set(cell.split(";")) & wanted)).astype(bool)
    return series.isin(wanted).fillna(False).astype(bool)


def _keep(name: str, frame: pd.DataFrame, state: FilterState) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if state.sectors:
        wanted = set(state.sectors)
        if name in SECTOR_COLUMNS:
            col, is_list = SECTOR_COLUMNS[name]
            keep &= _matches(frame[col], is_list, wanted)
        elif name in IMPLICIT_SECTOR:
            keep &= IMPLICIT_SECTOR[name] in wanted
    if state.corridors and name in CORRIDOR_COLUMNS:
        col, is_list = CORRIDOR_COLUMNS[name]
        keep &= _matches(frame[col], is_list, set(state.corridors))
    if (state.start or state.end) and name in DATE_COLUMNS:
        start_col, end_col = DATE_COLUMNS[name]
        row_start = frame[start_col]
        row_end = frame[end_col] if end_col else row_start
        if state.end:
            keep &= (row_start <= pd.Timestamp(state.end)).fillna(True)
        if state.start:
            keep &= (row_end >= pd.Timestamp(state.start)).fillna(True)
    return keep.astype(bool)


def apply_filters(tables: dict[str, pd.DataFrame], state: FilterState) -> dict[str, pd.DataFrame]:
    """The tables cut to the view: to the relationship, then to the sectors, corridors and
    dates. Returns a new dict; input frames are not modified."""
    if "relationships" in tables:
        tables = cut(tables, chosen(tables, state.relationship))
    if state.is_empty:
        return dict(tables)
    return {
        name: frame[_keep(name, frame, state)].reset_index(drop=True)
        for name, frame in tables.items()
    }


def describe(state: FilterState, sector_labels: dict[str, str],
             corridor_labels: dict[str, str]) -> str:
    """The filters in words.

    e.g. 'Sectors: Railways · Corridors: all · Dates: 2025-01-01 – today'
    """
    sectors = ", ".join(sector_labels.get(s, s) for s in state.sectors) or "all"
    corridors = ", ".join(corridor_labels.get(c, c) for c in state.corridors) or "all"
    if state.start or state.end:
        dates = f"{state.start or 'start'} – {state.end or 'today'}"
    else:
        dates = "all"
    return f"Sectors: {sectors} · Corridors: {corridors} · Dates: {dates}"

