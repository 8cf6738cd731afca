"""Load a data directory into typed frames plus a list of problems.

`load_dataset(path)` is pure (no Streamlit): pages cache it with `st.cache_data`.
A table with any error is replaced by an empty frame of the right columns and listed in
`Dataset.broken`, so pages that need it can say so while every other page keeps working.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from components.data.alignments import alignment_file, attach, read_alignments
from components.data.contract import TABLES, Table
from components.data.crosscheck import cross_check
from components.data.problems import Problem
from components.data.schemas import validate_table

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "CORRIDOR_DATA_DIR"
MAX_FILE_BYTES = 20 * 1024 * 1024  # far above the bundled tables (each < 100 kB)


def data_dir() -> Path:
    """The data directory: $CORRIDOR_DATA_DIR when set, else the bundled `data/`."""
    env = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(env).expanduser() if env else DEFAULT_DATA_DIR


@dataclass
class Dataset:
    """Typed tables of one data directory and what is wrong with them.

    tables:   table name → DataFrame (empty with the spec's columns when the table is broken)
    problems: every Problem found, errors and warnings
    lines:    table name → the file line of each row of its frame (valid tables only)
    """

    directory: str
    tables: dict[str, pd.DataFrame]
    problems: list[Problem] = field(default_factory=list)
    lines: dict[str, list[int]] = field(default_factory=dict)

    def line(self, name: str, i: int) -> int:
        """The file line of row `i` of table `name` (a header line, then one per row when the
        table did not come from a file)."""
        rows = self.lines.get(name)
        return rows[i] if rows and i < len(rows) else i + 2

    @property
    def broken(self) -> set[str]:
        """Names of tables with at least one error (their frames are empty)."""
        return {p.table for p in self.problems if p.severity == "error"}

    def ok(self, *names: str) -> bool:
        return not (set(names) & self.broken)

    def problems_of(self, *names: str) -> list[Problem]:
        return [p for p in self.problems if p.table in names]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]


def empty_frame(table: Table) -> pd.DataFrame:
    """A zero-row frame with the table's columns and dtypes."""
    dtypes = {"int": "Int64", "number": "Float64", "date": "datetime64[ns]"}
    return pd.DataFrame({
        c.name: pd.Series([], dtype=dtypes.get(c.kind, "string")) for c in table.columns
    })


def read_text(path: Path, table: Table) -> tuple[str | None, list[Problem]]:
    """Read a CSV file's text, refusing missing, oversized and non-UTF-8 files."""
    if not path.is_file():
        return None, [Problem(table.file, None, None, "file is missing from the data folder")]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(
            table.file, None, None,
            f"file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES / 1e6:.0f} MB limit "
            "for one table")]
    data = path.read_bytes()
    problems: list[Problem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        problems.append(Problem(
            table.file, 1, None,
            "file starts with a byte-order mark (BOM); it was ignored, but save the file as "
            "plain UTF-8", severity="warning"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return None, [Problem(
            table.file, line, None,
            f"is not UTF-8 text (byte 0x{data[err.start]:02x}); save the file as UTF-8")]
    return text, problems


def parse_csv(text: str, table: Table) -> tuple[pd.DataFrame | None, list[int], list[Problem]]:
    """Split CSV text into a frame of strings (empty cells → NA) and each row's first line."""
    if not text.strip():
        return None, [], [Problem(table.file, None, None, "file is empty: it has no header row")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as err:
        return None, [], [Problem(table.file, 1, None, f"header cannot be read: {err}")]
    header = [h.strip() for h in header]
    problems: list[Problem] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    try:
        for record in reader:
            if record and any(cell.strip() for cell in record):
                if len(record) != len(header):
                    problems.append(Problem(
                        table.file, start, None,
                        f"has {len(record)} cells but the header has {len(header)} columns"))
                else:
                    rows.append(record)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(table.file, start, None, f"cannot be read as CSV: {err}"))
    if problems:
        return None, [], problems
    duplicates = {h for h in header if header.count(h) > 1}
    if duplicates:
        return None, [], [Problem(table.file, 1, d, "column appears twice in the header")
                          for d in sorted(duplicates)]
    frame = pd.DataFrame(rows, columns=header, dtype="string")
    frame = frame.apply(lambda s: s.str.strip()).replace("", pd.NA)
    return frame, lines, []


def load_table(
    directory: Path, table: Table
) -> tuple[pd.DataFrame | None, list[int], list[Problem]]:
    """Read and validate one table. Returns (typed frame or None, row lines, problems)."""
    text, problems = read_text(directory / table.file, table)
    if text is None:
        return None, [], problems
    raw, lines, parse_problems = parse_csv(text, table)
    problems += parse_problems
    if raw is None:
        return None, [], problems
    extra = [c for c in raw.columns if c not in table.column_names]
    for name in extra:
        problems.append(Problem(table.file, 1, name,
                                "column is not part of this table and was ignored",
                                severity="warning"))
    raw = raw.drop(columns=extra)
    if raw.empty:
        problems.append(Problem(table.file, None, None, "table has no rows",
                                severity="warning"))
    typed, schema_problems = validate_table(table, raw, lines)
    problems += schema_problems
    if typed is not None:
        typed = typed[table.column_names].reset_index(drop=True)
    return typed, lines, problems


def load_dataset(directory: str | Path | None = None) -> Dataset:
    """Load every table of `directory` (default: `data_dir()`), validate and cross-check it."""
    path = Path(directory) if directory is not None else data_dir()
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    lines: dict[str, list[int]] = {}
    for table in TABLES.values():
        frame, row_lines, table_problems = load_table(path, table)
        problems += table_problems
        if frame is not None:
            tables[table.name] = frame
            lines[table.name] = row_lines
    problems += cross_check(tables, lines)
    broken = {p.table for p in problems if p.severity == "error"}
    full = {
        name: (tables[name] if name in tables and name not in broken else empty_frame(t))
        for name, t in TABLES.items()
    }
    kept = {name: rows for name, rows in lines.items() if name not in broken}
    geodata = alignment_file(path)
    if geodata is not None and not {"segments", "places", "sources"} & broken:
        # segments drawn along their real course (geo/segments.geojson): a bad feature is
        # reported and its segment stays straight; the tables are not affected
        found, geo_problems = read_alignments(geodata, full["segments"], full["places"],
                                              full["sources"])
        problems += geo_problems
        full["segments"] = attach(full["segments"], found)
    return Dataset(str(path), full, problems, kept)
