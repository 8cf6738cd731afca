"""What changed between two versions of the data: rows and cells of every table, compared as the
files hold them. Pure (no Streamlit).

Cells are compared as the CSV text holds them (Python's csv module, nothing parsed as a number
or a date): "1.50" against "1.5" is a change, and so is a trailing space, because nothing is
treated as noise. Rows are matched by the contract's key (`Table.unique_columns`: one column for
most tables; `statuses` is keyed by domain and status id together, joined as "domain/status_id").
A table whose file lacks a key column, or holds a key twice, is compared as a multiset of rows
instead (a row is added or removed, never changed) and its note says so. A table missing from
one folder counts as every row added (or removed).

What the changes do to the figures the dashboard shows (`components.sections.datadiff`) sits
on the sections' floor: this module only reads files.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from components.data.contract import TABLES, Table
from components.data.loader import read_text

#: Columns of `TableChanges.counts`, one row per contract table.
COUNT_COLUMNS = ("table", "rows_before", "rows_after", "added", "removed", "changed", "cells",
                 "note")
#: Columns of `TableChanges.cells`, one row per changed cell.
CELL_COLUMNS = ("table", "key", "column", "old", "new", "source_id", "old_source_id")
#: Columns of `TableChanges.rows`, one row per added or removed row.
ROW_COLUMNS = ("table", "key", "change", "source_id")
#: Columns of `TableChanges.as_csv_frame()`: every change, one row each.
CSV_COLUMNS = ("table", "key", "change", "column", "old", "new", "source_id", "old_source_id")
#: Joins the parts of a composite key ("deal/signed").
KEY_JOIN = "/"
SOURCE = "source_id"


class DiffError(ValueError):
    """A folder cannot be compared (it does not exist, is not a folder, or holds no table)."""


@dataclass(frozen=True)
class _Side:
    """One table's file as read: header, rows (cells as text) and why it could not be read."""

    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    present: bool = False
    problem: str | None = None

    def records(self, columns: tuple[str, ...]) -> list[dict[str, str]]:
        """Each row as column → text, over `columns` ('' where this file lacks the column)."""
        index = {name: i for i, name in enumerate(self.header)}
        return [{c: (row[index[c]] if c in index else "") for c in columns} for row in self.rows]


def _read(directory: Path, table: Table) -> _Side:
    path = directory / table.file
    if not path.is_file():
        return _Side()
    text, problems = read_text(path, table)  # size limit, BOM and UTF-8, as the app reads it
    if text is None:
        return _Side(present=True, problem=problems[0].message if problems else "unreadable")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as err:
        return _Side(present=True, problem=f"cannot be read as CSV: {err}")
    if not records:
        return _Side(present=True)
    header = tuple(h.strip() for h in records[0])
    # blank lines are no rows, as for the loader; ragged rows are padded so nothing is lost
    rows = tuple(tuple(r) + ("",) * (len(header) - len(r)) for r in records[1:]
                 if r and any(cell.strip() for cell in r))
    return _Side(header, rows, present=True)


@dataclass(frozen=True, eq=False)
class TableChanges:
    """What changed from the folder `old` to the folder `new`.

    counts: one row per contract table (COUNT_COLUMNS): rows_before, rows_after; added, removed
      and changed rows; cells: changed cells; note: what else to know ('missing in the old
      folder', 'compared as rows: no key column', a column added…), '' when nothing.
    cells: one row per changed cell (CELL_COLUMNS): table, key (the row's key, composite keys
      joined by KEY_JOIN), column, old and new text, source_id (the row's source id, the new
      side's; '' when the table has no source column) and old_source_id (the old side's when it
      changed, else '').
    rows: one row per added or removed row (ROW_COLUMNS): table, key, change ('added' or
      'removed'), source_id (the added row's, or the removed row's).
    Every cell of these frames is text (missing: ''), in contract table order, then file order.
    """

    old: str
    new: str
    counts: pd.DataFrame
    cells: pd.DataFrame
    rows: pd.DataFrame
    notes: Mapping[str, str] = field(default_factory=dict)

    @property
    def differs(self) -> pd.DataFrame:
        """The counts of the tables that differ (rows or cells changed, or a note to read)."""
        c = self.counts
        return c[(c["added"] + c["removed"] + c["changed"] > 0) | (c["note"] != "")]

    @property
    def empty(self) -> bool:
        """Whether the two folders hold the same tables, cell for cell."""
        return self.differs.empty

    def as_csv_frame(self) -> pd.DataFrame:
        """Every change as one frame (CSV_COLUMNS): changed cells (change 'changed'), then
        added and removed rows (column, old and new empty)."""
        cells = self.cells.assign(change="changed")
        rows = self.rows.assign(column="", old="", new="", old_source_id="")
        both = pd.concat([cells, rows], ignore_index=True) if len(rows) else cells
        return both.reindex(columns=list(CSV_COLUMNS)).fillna("")


def _key_of(record: Mapping[str, str], key: tuple[str, ...]) -> str:
    return KEY_JOIN.join(record[k] for k in key)


def _compare(table: Table, old: _Side, new: _Side) -> tuple[dict, list[dict], list[dict]]:
    """One table's counts row, changed cells and added/removed rows."""
    notes = []
    if not old.present:
        notes.append("missing in the old folder")
    if not new.present:
        notes.append("missing in the new folder")
    for side, name in ((old, "old"), (new, "new")):
        if side.problem:
            notes.append(f"{table.file} in the {name} folder {side.problem}")
    counts = {"table": table.name, "rows_before": len(old.rows), "rows_after": len(new.rows),
              "added": 0, "removed": 0, "changed": 0, "cells": 0}
    if old.problem or new.problem:
        counts["note"] = "; ".join(notes + ["not compared"])
        return counts, [], []
    columns = tuple(dict.fromkeys(old.header + new.header))
    if old.present and new.present:
        added_cols = [c for c in new.header if c not in old.header]
        removed_cols = [c for c in old.header if c not in new.header]
        if added_cols:
            notes.append("column added: " + ", ".join(added_cols))
        if removed_cols:
            notes.append("column removed: " + ", ".join(removed_cols))
        if old.header != new.header and not added_cols and not removed_cols:
            notes.append("columns reordered")
    before, after = old.records(columns), new.records(columns)
    key = table.unique_columns
    why_not = _why_no_key(key, old, new, before, after)
    cells: list[dict] = []
    rows: list[dict] = []
    shown_key = key if all(k in columns for k in key) else ()
    if why_not:
        notes.append(f"compared as rows: {why_not}")
        gone = Counter(tuple(r.values()) for r in before)
        came = Counter(tuple(r.values()) for r in after)
        for change, side, extra in (("removed", before, gone - came),
                                    ("added", after, came - gone)):
            left = Counter(extra)
            for r in side:
                values = tuple(r.values())
                if left[values] > 0:
                    left[values] -= 1
                    rows.append({"table": table.name, "change": change,
                                 "key": _key_of(r, shown_key) if shown_key else "",
                                 "source_id": r.get(SOURCE, "")})
    else:
        old_by = {_key_of(r, key): r for r in before}
        new_by = {_key_of(r, key): r for r in after}
        rows += [{"table": table.name, "key": k, "change": "removed",
                  "source_id": r.get(SOURCE, "")} for k, r in old_by.items() if k not in new_by]
        for k, r in new_by.items():
            if k not in old_by:
                rows.append({"table": table.name, "key": k, "change": "added",
                             "source_id": r.get(SOURCE, "")})
                continue
            o = old_by[k]
            if o == r:
                continue
            counts["changed"] += 1
            source, old_source = r.get(SOURCE, ""), o.get(SOURCE, "")
            cells += [{"table": table.name, "key": k, "column": c, "old": o[c], "new": r[c],
                       "source_id": source,
                       "old_source_id": old_source if old_source != source else ""}
                      for c in columns if o[c] != r[c]]
    counts["added"] = sum(r["change"] == "added" for r in rows)
    counts["removed"] = sum(r["change"] == "removed" for r in rows)
    counts["cells"] = len(cells)
    counts["note"] = "; ".join(notes)
    return counts, cells, rows


def _why_no_key(key: tuple[str, ...], old: _Side, new: _Side,
                before: list[dict], after: list[dict]) -> str | None:
    """Why rows cannot be matched by `key` (None: they can)."""
    for side, name in ((old, "old"), (new, "new")):
        missing = [k for k in key if side.present and k not in side.header]
        if missing:
            return f"the {name} file has no key column {', '.join(missing)}"
    for records, name in ((before, "old"), (after, "new")):
        keys = Counter(_key_of(r, key) for r in records)
        twice = sorted(k for k, n in keys.items() if n > 1)
        if twice:
            return f"the {name} file holds the key {twice[0]!r} {keys[twice[0]]} times"
    return None


def check_folder(path: str | Path) -> Path:
    """`path` as a Path, or DiffError saying why it cannot be compared: it does not exist, is
    not a folder, or holds none of the contract's table files."""
    folder = Path(path).expanduser()
    if not folder.exists():
        raise DiffError(f"{path}: no such folder")
    if not folder.is_dir():
        raise DiffError(f"{path}: not a folder")
    if not any((folder / t.file).is_file() for t in TABLES.values()):
        raise DiffError(f"{path}: holds none of the data's tables ({TABLES['sources'].file}, "
                        f"{TABLES['trade_flows'].file}, …): is it a data folder?")
    return folder


def table_changes(old_dir: str | Path, new_dir: str | Path) -> TableChanges:
    """Compare every contract table of `old_dir` with the same table of `new_dir`, cell for
    cell, as text (see the module's docstring and `TableChanges` for what is returned).
    Raises DiffError when either folder does not exist."""
    old, new = check_folder(old_dir), check_folder(new_dir)
    counts, cells, rows = [], [], []
    for table in TABLES.values():
        c, changed, added = _compare(table, _read(old, table), _read(new, table))
        counts.append(c)
        cells += changed
        rows += added
    notes = {c["table"]: c["note"] for c in counts if c["note"]}
    return TableChanges(
        str(old), str(new),
        pd.DataFrame(counts, columns=list(COUNT_COLUMNS)),
        pd.DataFrame(cells, columns=list(CELL_COLUMNS), dtype=object),
        pd.DataFrame(rows, columns=list(ROW_COLUMNS), dtype=object),
        notes)


# --- figures before and after -----------------------------------------------------------------

#: Columns of `figure_changes`' frame.
FIGURE_COLUMNS = ("section", "figure", "before", "after")


def figure_changes(before: Mapping[tuple[str, str], str],
                   after: Mapping[tuple[str, str], str]) -> pd.DataFrame:
    """The figures that differ between two {(section, figure): value text} maps, that appear
    or that disappear (FIGURE_COLUMNS; before or after None where the figure is not shown), in
    the order the new data shows them, then the ones that disappeared."""
    out = [{"section": s, "figure": f, "before": before.get((s, f)), "after": value}
           for (s, f), value in after.items() if before.get((s, f)) != value]
    out += [{"section": s, "figure": f, "before": value, "after": None}
            for (s, f), value in before.items() if (s, f) not in after]
    return pd.DataFrame(out, columns=list(FIGURE_COLUMNS), dtype=object)
