"""A corpus of broken datasets, generated from the bundled data (never hand-copied files).

For every table and every kind of fault that applies to it: validation names the file, and the
line and column where there is one; no exception escapes; and in the app, the pages that need the
table say so while the others are unaffected.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.contract import TABLES
from components.data.loader import load_dataset
from tests.support import ROOT

DATA = ROOT / "data"


def read_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def first_col(table, kinds=None, names=None, exclude_key=True):
    for col in table.columns:
        if exclude_key and col.name == table.key:
            continue
        if kinds and col.kind not in kinds:
            continue
        if names and not names(col.name):
            continue
        return col.name
    return None


def set_cell(path: Path, column: str, value: str, row: int = 1) -> None:
    rows = read_rows(path)
    rows[row][rows[0].index(column)] = value
    write_rows(path, rows)


# fault → (applies(table) -> column or True/None, apply(path, column), expected)
# expected: (severity, line or None, column-or-None) where "COL" means the chosen column
def _faults():
    return {
        "missing": (lambda t: True, lambda p, c: p.unlink(), ("error", None, None)),
        "empty": (lambda t: True, lambda p, c: p.write_text(""), ("error", None, None)),
        "header_only": (lambda t: True,
                        lambda p, c: write_rows(p, read_rows(p)[:1]), ("warning", None, None)),
        "column_missing": (
            lambda t: first_col(t),
            lambda p, c: write_rows(p, [[v for h, v in zip(r0, r) if h != c]
                                        for r0 in [read_rows(p)[0]] for r in read_rows(p)]),
            ("error", None, "COL")),
        "extra_column": (lambda t: True,
                         lambda p, c: write_rows(p, [r + (["extra"] if i == 0 else ["x"])
                                                     for i, r in enumerate(read_rows(p))]),
                         ("warning", 1, "extra")),
        "wrong_type": (lambda t: first_col(t, kinds=("int", "number")),
                       lambda p, c: set_cell(p, c, "abc"), ("error", 2, "COL")),
        "unparseable_date": (lambda t: first_col(t, kinds=("date",)),
                             lambda p, c: set_cell(p, c, "4th of Feb"), ("error", 2, "COL")),
        "impossible_date": (lambda t: first_col(t, kinds=("date",)),
                            lambda p, c: set_cell(p, c, "2025-02-30"), ("error", 2, "COL")),
        "negative_money": (lambda t: first_col(t, names=lambda n: n.endswith("_usd")),
                           lambda p, c: set_cell(p, c, "-5"), ("error", 2, "COL")),
        "non_numeric_money": (lambda t: first_col(t, names=lambda n: n.endswith("_usd")),
                              lambda p, c: set_cell(p, c, "$5M"), ("error", 2, "COL")),
        "unknown_id": (lambda t: first_col(t, kinds=("ref",)),
                       lambda p, c: set_cell(p, c, "no_such_id"), ("error", 2, "COL")),
        "duplicate_id": (lambda t: len(t.unique_columns) == 1 and t.key,
                         lambda p, c: set_cell(p, c, read_rows(p)[1][read_rows(p)[0].index(c)],
                                               row=2),
                         ("error", 3, "COL")),
        "coordinates_out_of_range": (lambda t: t.name == "places" and "lat",
                                     lambda p, c: set_cell(p, c, "95"), ("error", 2, "COL")),
        "segment_end_not_a_place": (lambda t: t.name == "segments" and "to_place",
                                    lambda p, c: set_cell(p, c, "atlantis"), ("error", 2, "COL")),
        "non_utf8": (lambda t: True,
                     lambda p, c: p.write_bytes(p.read_bytes().replace(b"\n", b"\n\xff", 1)),
                     ("error", 2, None)),
        "byte_order_mark": (lambda t: True,
                            lambda p, c: p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes()),
                            ("warning", 1, None)),
        "fifty_megabytes": (lambda t: True,
                            lambda p, c: open(p, "r+b").truncate(50 * 1024 * 1024),
                            ("error", None, None)),
        "formula_cell": (lambda t: first_col(t, kinds=("text",)),
                         lambda p, c: set_cell(p, c, '=HYPERLINK("http://x","click")'),
                         ("warning", 2, "COL")),
        "html_in_text": (lambda t: first_col(t, kinds=("text",)),
                         lambda p, c: set_cell(p, c, "<script>alert(1)</script>"),
                         ("warning", 2, "COL")),
    }


FAULTS = _faults()
CASES = [(t, f) for t in TABLES for f, (applies, _, _) in FAULTS.items() if applies(TABLES[t])]


def broken_copy(tmp_path: Path, table: str, fault: str) -> tuple[Path, str | None]:
    """A copy of the bundled data with one fault in one table; returns (folder, column)."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    applies, apply, _ = FAULTS[fault]
    column = applies(TABLES[table])
    column = column if isinstance(column, str) else None
    apply(folder / TABLES[table].file, column)
    return folder, column


@pytest.mark.parametrize("table,fault", CASES, ids=[f"{t}-{f}" for t, f in CASES])
def test_validation_locates_the_fault(tmp_path, table, fault):
    folder, column = broken_copy(tmp_path, table, fault)
    data = load_dataset(folder)  # never raises
    severity, line, col = FAULTS[fault][2]
    col = column if col == "COL" else col
    mine = [p for p in data.problems if p.file == TABLES[table].file
            and p.severity == severity]
    assert mine, [str(p) for p in data.problems][:5]
    assert any((line is None or p.row == line) and (col is None or p.column == col)
               for p in mine), [str(p) for p in mine][:5]
    if severity == "error":
        assert table in data.broken
        others = set(TABLES) - {table}
        # tables that neither are nor reference the broken one still load
        assert data.ok("countries") or table == "countries"
        assert len(others - data.broken) >= 1


def test_the_corpus_covers_every_table_and_fault():
    assert {t for t, _ in CASES} == set(TABLES)
    assert {f for _, f in CASES} == set(FAULTS)
    assert len(CASES) >= 150


# --- the app with one broken table at a time ----------------------------------------------
# pages and the tables whose failure they must report (others must not mention them)
PAGES = {
    "app_pages/overview.py": {"trade_flows", "trade_targets", "agreements", "events", "deals",
                              "people", "corridor_claims", "corridors"},
    "app_pages/corridors.py": {"segments", "places", "corridor_claims", "statuses"},
    "app_pages/timeline.py": {"events"},
    "app_pages/trade.py": {"trade_flows", "trade_targets", "trade_shares", "deals", "statuses",
                           "agreements", "events"},
    "app_pages/people.py": {"people"},
    "app_pages/sources.py": set(TABLES),
}


@pytest.mark.parametrize("table", list(TABLES))
def test_pages_report_the_broken_table_or_are_unaffected(tmp_path, monkeypatch, table):
    folder, _ = broken_copy(tmp_path, table, "wrong_type" if FAULTS["wrong_type"][0](
        TABLES[table]) else "missing")
    monkeypatch.setenv("CORRIDOR_DATA_DIR", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    for page, needs in PAGES.items():
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
        errors = " ".join(e.value for e in at.error).replace("\\", "")
        if table in needs:
            assert f"{table}.csv" in errors, (page, errors[:300])
        elif page != "app_pages/sources.py":
            assert f"{table}.csv" not in errors, (page, errors[:300])
