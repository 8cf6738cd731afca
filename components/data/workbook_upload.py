"""An analyst's own data uploaded as an Excel workbook (.xlsx), checked before it is used.

`open_workbook(blob, filename, limits)` gives the table sheets as the CSV files they stand for
(file name → bytes, the form `read_workbook` gives and `upload.materialise` writes), or the
reasons the workbook is refused, each a sentence naming the sheet, cell or row and column.

An .xlsx is a zip of XML parts, so the container is checked first, with zipfile alone, before
openpyxl parses anything: its size, the number of parts, their declared sizes (one part, all
parts) and their real sizes while reading (a zip can lie); no part may declare a DOCTYPE (XML
entities); an .xls (Excel 97–2003, or a password-protected workbook: both are OLE files), an
.xlsb (binary) and a macro-enabled workbook (.xlsm/.xltm/.xlam by name, an xl/vbaProject.bin
part, or a macro-enabled content type) are refused by name and content; the sheet names are read
from xl/workbook.xml and every one must be a table's name (or the README and Lists sheets our
own workbook has, which are ignored); a name like a path is refused literally, never used as one.

Only then is the workbook loaded, and each table sheet refused for: more than MAX_ROWS rows or
MAX_COLUMNS columns (read from its cells, before any row is built: a single cell in row
1,048,576 is found at once), merged cells, formulas (their values are never guessed), error
values (#N/A), an empty row 1 (the header), and in a date column a number (an Excel serial
date shown as General) or a text that is not yyyy-mm-dd. A number keeps every decimal it holds
(a format showing fewer does not round it). Anything else wrong (text in a number column, an
unknown id) is left to the usual validation, whose rows are then Excel rows: a CSV record is an
Excel row (the header is row 1, blank rows inside a sheet are kept), and `in_excel_rows`
translates the loader's file lines (which differ after a cell holding a line break: one record
over several lines).

A folder made from a workbook (`materialise_workbook`) holds a MARKER file, so the validation
report can speak of sheets and rows (`from_workbook`, `in_sheets`).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

from components.data.contract import TABLES
from components.data.problems import Problem, show_value
from components.data.upload import MB, Limits, Unpacked, materialise
from components.data.workbook import (
    ISO_DATE,
    LISTS,
    README,
    formula_cells,
    formulas_message,
    rows_csv,
)

#: rows a table sheet may have (its header included); the bundled tables have < 1,000
MAX_ROWS = 100_000
#: columns a table sheet may reach; the widest table has < 30
MAX_COLUMNS = 200
#: parts (zip entries) a workbook may hold; ours has about 30, one per sheet and a few more
MAX_ENTRIES = 1_000
#: refusals of one kind listed one by one in a sheet before the rest are counted
SHOWN = 5
#: the file a folder made from a workbook holds (its content: "workbook")
MARKER = "from-workbook.txt"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, and any workbook saved with a password
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
WORKBOOK_SUFFIXES = (".xlsx", ".xltx", ".xls", ".xlsb", *MACRO_SUFFIXES)
TABLE_FILES = {t.file: name for name, t in TABLES.items()}
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PATHLIKE = re.compile(r"[/\\:]|\.\.")

#: the zip upload's limits: the workbook itself, one table, all parts unpacked
DEFAULT_LIMITS = Limits()
MACROS = "{name} is a macro-enabled workbook; save it as .xlsx without macros."


def is_workbook(blob: bytes, filename: str) -> bool:
    """True when an upload is a workbook (by its name, or its content: an OLE file, or a zip
    with a workbook part), False for anything else (a zip of CSVs)."""
    if filename.lower().endswith(WORKBOOK_SUFFIXES) or blob.startswith(OLE_MAGIC):
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return bool({"xl/workbook.xml", "xl/workbook.bin", "[Content_Types].xml"} & names)


def open_workbook(blob: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> Unpacked:
    """The table sheets of an .xlsx as CSV files (file name → bytes), or why it is refused
    (see the module). Nothing is written."""
    out = Unpacked()
    name = Path(filename).name or "the workbook"
    lower = name.lower()
    if len(blob) > limits.zip_bytes:
        out.refusals.append(f"{name} is {len(blob) / MB:.1f} MB; the limit is "
                            f"{limits.zip_bytes / MB:.0f} MB.")
        return out
    if blob.startswith(OLE_MAGIC):
        out.refusals.append(f"{name} is an Excel 97–2003 .xls workbook (or one saved with a "
                            "password); save it as .xlsx, without a password.")
        return out
    if lower.endswith(".xlsb"):
        out.refusals.append(f"{name} is a binary workbook (.xlsb); save it as .xlsx.")
        return out
    if lower.endswith(MACRO_SUFFIXES):
        out.refusals.append(MACROS.format(name=name))
        return out
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
    except (zipfile.BadZipFile, ValueError, OSError):
        out.refusals.append(f"{name} is not an Excel workbook (.xlsx).")
        return out
    with archive:
        parts = _prescan(archive, name, limits, out.refusals)
    if parts is None:
        return out
    sheets = _sheet_names(parts, out.refusals)
    if out.refusals:
        return out
    tables = [s for s in sheets if s in TABLES]
    if not tables:
        out.refusals.append(f"{name} holds none of the tables' sheets (expected sheets named "
                            f"{', '.join(TABLES)}).")
        return out
    from openpyxl import load_workbook  # only now: the container passed its checks

    try:
        book = load_workbook(io.BytesIO(blob), data_only=False, keep_links=False)
    except Exception as err:  # openpyxl's own errors: a damaged or unusual workbook
        out.refusals.append(f"{name} cannot be read as a workbook ({err}).")
        return out
    for sheet_name in tables:
        text = _table_sheet(book[sheet_name], sheet_name, out.refusals)
        if text is None:
            continue
        data = text.encode("utf-8")
        if len(data) > limits.file_bytes:
            out.refusals.append(f"sheet {sheet_name} comes to {len(data) / MB:.0f} MB as a "
                                f"table; the limit is {limits.file_bytes / MB:.0f} MB.")
            continue
        out.files[TABLES[sheet_name].file] = data
    if out.refusals:
        out.files.clear()
    return out


def _prescan(archive: zipfile.ZipFile, name: str, limits: Limits,
             refusals: list[str]) -> dict[str, bytes] | None:
    """The container's parts (path → bytes), read with zipfile and capped, or None with
    `refusals` saying why (then openpyxl must not see the workbook)."""
    infos = archive.infolist()
    names = {i.filename for i in infos}
    if len(infos) > MAX_ENTRIES:
        refusals.append(f"{name} holds {len(infos):,} parts; a workbook may hold at most "
                        f"{MAX_ENTRIES:,}.")
        return None
    declared = sum(i.file_size for i in infos)
    if declared > limits.total_bytes:
        refusals.append(f"{name} expands to {declared / MB:.0f} MB; the limit is "
                        f"{limits.total_bytes / MB:.0f} MB.")
    refusals += [f"{name}: its part “{i.filename}” is over {limits.file_bytes / MB:.0f} MB "
                 "unpacked." for i in infos if i.file_size > limits.file_bytes]
    if "xl/workbook.bin" in names:
        refusals.append(f"{name} is a binary workbook (.xlsb); save it as .xlsx.")
    if any(n.lower().rsplit("/", 1)[-1] == "vbaproject.bin" for n in names):
        refusals.append(MACROS.format(name=name))
    if refusals:
        return None
    if "xl/workbook.xml" not in names:
        refusals.append(f"{name} is not an Excel workbook (.xlsx): it is a zip without "
                        "xl/workbook.xml.")
        return None
    parts: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        cap = min(limits.file_bytes, limits.total_bytes - total)
        try:
            with archive.open(info) as f:
                data = f.read(cap + 1)  # a header can lie: never read more than the cap
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError,
                RuntimeError) as err:
            refusals.append(f"{name}: its part “{info.filename}” cannot be read ({err}).")
            return None
        if len(data) > cap:
            refusals.append(f"{name}: its part “{info.filename}” expands beyond "
                            f"{cap / MB:.0f} MB.")
            return None
        total += len(data)
        parts[info.filename] = data
    for part, data in parts.items():
        if part.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
            refusals.append(f"{name}: its part “{part}” declares XML entities (a DOCTYPE), "
                            "which Excel never writes; save the workbook again from Excel.")
            return None
    types = parts.get("[Content_Types].xml", b"")
    if b"macroenabled" in types.lower():
        refusals.append(MACROS.format(name=name))
        return None
    return parts


def _sheet_names(parts: dict[str, bytes], refusals: list[str]) -> list[str]:
    """The sheet names xl/workbook.xml declares, refusing any that is not a table's (README and
    Lists are ours, and ignored) or that is named like a path."""
    try:
        root = ET.fromstring(parts["xl/workbook.xml"])
    except ET.ParseError as err:
        refusals.append(f"xl/workbook.xml cannot be read ({err}).")
        return []
    sheets = [s.get("name", "") for s in root.iter(f"{_MAIN}sheet")]
    for sheet in sheets:
        if _PATHLIKE.search(sheet):
            refusals.append(f"sheet “{sheet}” is named like a path; name each sheet as its "
                            "table (such as trade_flows), with nothing before or after.")
        elif sheet not in TABLES and sheet not in (README, LISTS):
            refusals.append(f"sheet “{sheet}” is not one of the tables; rename it as its "
                            f"table or delete it (the tables: {', '.join(TABLES)}).")
    return sheets


def _table_sheet(sheet, name: str, refusals: list[str]) -> str | None:
    """One table sheet as CSV text (row 1 first, so a CSV line is an Excel row), or None with
    `refusals` saying why."""
    if not hasattr(sheet, "iter_rows"):
        refusals.append(f"sheet {name} is a chart, not a table.")
        return None
    # max_row and max_column come from the cells the sheet holds (nothing is built yet)
    if sheet.max_row > MAX_ROWS:
        refusals.append(f"sheet {name} reaches row {sheet.max_row:,}; a table sheet may hold "
                        f"at most {MAX_ROWS:,} rows (delete what lies below the table).")
        return None
    if sheet.max_column > MAX_COLUMNS:
        refusals.append(f"sheet {name} reaches column {sheet.max_column:,}; a table sheet may "
                        f"hold at most {MAX_COLUMNS} columns (delete what lies right of the "
                        "table).")
        return None
    before = len(refusals)
    merged = [str(r) for r in sorted(sheet.merged_cells.ranges,
                                     key=lambda r: (r.min_row, r.min_col))]
    if merged:
        refusals.append(f"sheet {name}: merged cells {_listed(merged)}; unmerge them and "
                        "fill in each cell.")
    rows = list(sheet.iter_rows(min_row=1))
    formulas = formula_cells(rows)
    if formulas:
        refusals.append(formulas_message(name, formulas, SHOWN))
    errors = [c for row in rows for c in row if c.data_type == "e"]
    if errors:
        kinds = ", ".join(sorted({str(c.value) for c in errors}))
        refusals.append(f"sheet {name}: error values ({kinds}) in "
                        f"{_listed([c.coordinate for c in errors])}; type the values instead.")
    header = [str(c.value).strip() if c.value is not None else "" for c in rows[0]]
    if not any(header):
        refusals.append(f"sheet {name}: row 1 is empty; put the column names in row 1 (or "
                        "delete the sheet to keep the bundled table).")
        return None
    refusals += _date_problems(name, header, rows[1:])
    return None if len(refusals) > before else rows_csv(rows)


def _date_problems(name: str, header: list[str], rows) -> list[str]:
    """A date column's cells that are not dates: a number (an Excel serial date formatted as
    General) or a text in another format than yyyy-mm-dd; at most SHOWN of each per sheet."""
    dates = {c.name for c in TABLES[name].columns if c.kind == "date"}
    at = [i for i, h in enumerate(header) if h in dates]
    serial: list[str] = []
    text: list[str] = []
    for row in rows:
        for i in at:
            if i >= len(row):
                continue
            cell = row[i]
            value = cell.value
            where = f"sheet {name}, row {cell.row}, column '{header[i]}'"
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                serial.append(f"{where}: {value:g} is an Excel serial number, not a date; "
                              "format the cell as a date.")
            elif (isinstance(value, str) and value.strip()
                  and not ISO_DATE.fullmatch(value.strip()) and re.search(r"\d", value)):
                text.append(f"{where}: {show_value(value)} is a date stored as text in another "
                            "format; enter it as a date or as yyyy-mm-dd.")
            # a real date cell (dt.date / dt.datetime) is written yyyy-mm-dd by rows_csv
    out = []
    for found, kind in ((serial, "serial numbers in date columns"),
                        (text, "dates stored as text in another format")):
        out += found[:SHOWN]
        if len(found) > SHOWN:
            out.append(f"sheet {name}: {len(found) - SHOWN} more {kind}.")
    return out


def _listed(items: list[str]) -> str:
    more = f" (and {len(items) - SHOWN} more)" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more


# --- the folder made from a workbook, and its report in sheets and rows ---------------------

def materialise_workbook(files: dict[str, bytes], bundled: Path,
                         root: Path | None = None) -> Path:
    """`upload.materialise` for a workbook's tables, in a folder of its own (under
    `root`/corridor-workbooks, default the temp dir) that holds the MARKER: a zip of the same
    CSVs keeps its own folder, whose report speaks of files."""
    base = Path(root or tempfile.gettempdir()) / "corridor-workbooks"
    folder = materialise(files, bundled, root=base)
    marker = folder / MARKER
    if not marker.exists():
        part = folder / f".{MARKER}.{id(files)}"
        part.write_text("workbook\n", encoding="utf-8")
        part.replace(marker)  # atomic: the marker is whole or absent
    return folder


def from_workbook(directory: str | Path) -> bool:
    """True when the data folder was made from a workbook (its report names sheets, rows)."""
    return (Path(directory) / MARKER).is_file()


def excel_rows(text: str) -> dict[int, int]:
    """CSV text's records by the file line each begins on → the record's number (the header is
    1): the Excel row of a CSV made by `rows_csv`, which differs from the line only after a
    cell holding a line break."""
    reader = csv.reader(io.StringIO(text, newline=""))
    out: dict[int, int] = {}
    start = 1
    try:
        for number, _ in enumerate(reader, start=1):
            out[start] = number
            start = reader.line_num + 1
    except csv.Error:
        pass
    return out


def in_excel_rows(problems: list[Problem], directory: str | Path) -> list[Problem]:
    """The problems of a folder made from a workbook with each row an Excel row (see
    `excel_rows`); a problem of a file that is not a table's keeps its line."""
    rows: dict[str, dict[int, int]] = {}
    out = []
    for p in problems:
        if p.row is not None and p.file in TABLE_FILES:
            if p.file not in rows:
                path = Path(directory) / p.file
                rows[p.file] = (excel_rows(path.read_text(encoding="utf-8-sig"))
                                if path.is_file() else {})
            p = replace(p, row=rows[p.file].get(p.row, p.row))
        out.append(p)
    return out


def in_sheets(p: Problem) -> str:
    """A problem located by sheet, row and column ("sheet deals, row 5, column 'date': …");
    a file that is not a table's sheet keeps its file wording."""
    if p.file not in TABLE_FILES:
        return str(p)
    where = f"sheet {TABLE_FILES[p.file]}"
    if p.row is not None:
        where += f", row {p.row}"
    if p.column:
        where += f", column '{p.column}'"
    return f"{where}: {p.message}"


__all__ = ["MARKER", "MAX_COLUMNS", "MAX_ROWS", "excel_rows", "from_workbook", "in_excel_rows",
           "in_sheets", "is_workbook", "materialise_workbook", "open_workbook"]
