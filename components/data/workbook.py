"""The data as an Excel workbook, and back (openpyxl).

`write_workbook(directory)` makes one .xlsx of a data folder's CSVs: one sheet per table in
the contract's order and column order, a README sheet (each column's type, whether it is
required, its allowed values or the table it refers to, and an example, all from the contract
that builds the schemas), dropdowns (data validation lists) for every controlled vocabulary
(a status column lists its own domain's statuses) and every id that refers to another table,
frozen header rows, column widths, dates as dates and money as dollars. `blank=True` gives the
template: the vocabularies filled in, every other sheet its header only.

`read_workbook(path)` gives each sheet back as the CSV text it came from: a cell's number
format keeps its decimals, so CSV → workbook → CSV is byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
from pathlib import Path

from components.data.contract import TABLES, Col

README = "README"
LISTS = "Lists"  # the hidden sheet the dropdowns read
#: tables that hold the vocabularies the others refer to: filled in in the blank template
VOCABULARIES = ("sectors", "corridors", "countries", "statuses", "relationships",
                "relationship_routes", "sources", "places")
#: rows a sheet's dropdowns reach below its data, for rows an analyst adds
ROOM_ROWS = 2000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DECIMAL = re.compile(r"-?\d+(\.(\d+))?")
MONEY = "_usd"  # columns whose names end so are US dollars


class WorkbookError(ValueError):
    """A workbook that cannot be read back into tables: what, and where."""


def _rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _number_format(col: Col, text: str) -> tuple[object, str] | None:
    """(value, number format) for a cell of a number column whose text the format gives back
    exactly, else None (kept as text)."""
    m = DECIMAL.fullmatch(text)
    if not m:
        return None
    places = len(m.group(2) or "")
    zeros = "0" * places
    if col.name.endswith(MONEY):
        fmt = f'"$"#,##0{"." + zeros if places else ""}'
    else:
        fmt = f"0{'.' + zeros if places else ''}"
    value = int(text) if not places else float(text)
    if _format(value, fmt) != text:
        return None
    return value, fmt


def _format(value: object, fmt: str) -> str:
    """The text a number cell gives back: as many decimals as its format has."""
    places = len(fmt.split(".")[1]) if "." in fmt else 0
    return f"{value:.{places}f}" if places else f"{round(float(value)):d}"


def write_workbook(directory: Path, out: Path | io.BytesIO, *, blank: bool = False) -> None:
    """Write the data folder's tables (TABLES order) to `out` as .xlsx (see the module)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    readme = book.active
    readme.title = README
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    data = {name: _rows(Path(directory) / t.file) for name, t in TABLES.items()}
    # the dropdowns' lists: each vocabulary's allowed values, each table's ids
    choices: dict[str, list[str]] = {}
    for name, table in TABLES.items():
        header, *rows = data[name] or [[]]
        if table.key in header:
            at = header.index(table.key)
            choices[f"{name}.{table.key}"] = [r[at] for r in rows if len(r) > at and r[at]]
        for col in table.columns:
            if col.kind == "enum":
                choices[f"{name}.{col.name}:enum"] = list(col.allowed)
    # a table's status column lists the statuses of its own domain (deal, event, segment)
    header, *rows = data["statuses"] or [[]]
    if {"status_id", "domain"} <= set(header):
        sid, dom = header.index("status_id"), header.index("domain")
        for table in TABLES.values():
            if table.status:
                choices[f"statuses:{table.status[1]}"] = [
                    r[sid] for r in rows if len(r) > max(sid, dom) and r[dom] == table.status[1]]
    ranges = {}
    for i, (key, values) in enumerate(choices.items(), start=1):
        letter = get_column_letter(i)
        lists.cell(1, i, key)
        for j, v in enumerate(values, start=2):
            lists.cell(j, i, v).data_type = "s"
        ranges[key] = f"={LISTS}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    readme.append(["table", "column", "type", "required", "allowed values or refers to",
                   "example"])
    for name, table in TABLES.items():
        sheet = book.create_sheet(name)
        header, *rows = data[name] or [[c.name for c in table.columns]]
        if blank and name not in VOCABULARIES:
            rows = []
        sheet.append(header)
        cols = {c.name: c for c in table.columns}
        for r, row in enumerate(rows, start=2):
            for c, text in enumerate(row, start=1):
                _put(sheet.cell(r, c), cols.get(header[c - 1]), text)
        sheet.freeze_panes = "A2"
        for c, column in enumerate(header, start=1):
            widest = max([len(column), *(len(r[c - 1]) for r in rows[:200] if len(r) >= c)])
            sheet.column_dimensions[get_column_letter(c)].width = min(60, max(10, widest + 2))
            col = cols.get(column)
            key = (f"{name}.{col.name}:enum" if col and col.kind == "enum"
                   else f"statuses:{table.status[1]}" if table.status and col
                   and col.name == table.status[0]
                   else col.ref if col and col.kind == "ref"
                   else "countries.iso3" if col and col.kind == "iso3" else None)
            if key in ranges:
                check = DataValidation(type="list", formula1=ranges[key], allow_blank=True,
                                       showErrorMessage=True, errorTitle="Not in the list",
                                       error=f"{column}: choose a value from the list")
                letter = get_column_letter(c)
                check.add(f"{letter}2:{letter}{len(rows) + ROOM_ROWS}")
                sheet.add_data_validation(check)
        for col in table.columns:
            example = next((row[header.index(col.name)] for row in rows
                            if col.name in header and len(row) > header.index(col.name)
                            and row[header.index(col.name)]), "")
            readme.append([name, col.name, col.kind, "yes" if col.required else "",
                           ", ".join(col.allowed) if col.allowed else (col.ref or ""),
                           example])
    readme.freeze_panes = "A2"
    for letter, width in zip("ABCDEF", (22, 24, 10, 10, 50, 40)):
        readme.column_dimensions[letter].width = width
    book.move_sheet(LISTS, offset=len(book.sheetnames))
    book.save(out)


def _put(cell, col: Col | None, text: str) -> None:
    """One CSV cell into the sheet: a date as a date, a number as a number whose format keeps
    its decimals (dollars for money), anything else as text (never a formula)."""
    if text == "":
        return
    if col is not None and col.kind == "date" and ISO_DATE.fullmatch(text):
        cell.value = dt.date.fromisoformat(text)
        cell.number_format = "yyyy-mm-dd"
        return
    if col is not None and col.kind in ("int", "number"):
        found = _number_format(col, text)
        if found is not None:
            cell.value, cell.number_format = found
            return
    cell.value = text
    cell.data_type = "s"  # '=…' stays text: no cell of ours is a formula


def read_workbook(path: Path | io.BytesIO) -> dict[str, str]:
    """Each table sheet of the workbook as CSV text (file name → text), in the CSV's own form
    (csv.writer, '\\n' line ends). Raises WorkbookError for formulas (every cell of the first
    sheet that has any) or an unknown sheet."""
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=False)
    unknown = [s for s in book.sheetnames if s not in TABLES and s not in (README, LISTS)]
    if unknown:
        raise WorkbookError(f"unknown sheets: {', '.join(unknown)} (expected the tables' "
                            f"names: {', '.join(TABLES)})")
    out = {}
    for name in book.sheetnames:
        if name not in TABLES:
            continue
        cells = list(book[name].iter_rows())
        formulas = formula_cells(cells)
        if formulas:
            raise WorkbookError(formulas_message(name, formulas))
        out[TABLES[name].file] = rows_csv(cells)
    return out


def formula_cells(rows) -> list:
    """The cells of `rows` (a sheet's rows of cells) that hold a formula, in reading order."""
    return [cell for row in rows for cell in row if cell.data_type == "f"]


def formulas_message(sheet: str, cells: list, shown: int = 5) -> str:
    """Where a sheet's formulas are, in a sentence: their values are never guessed."""
    if len(cells) == 1:
        return (f"sheet {sheet}, cell {cells[0].coordinate}: a formula ({cells[0].value}); "
                "type the value instead")
    listed = ", ".join(c.coordinate for c in cells[:shown])
    more = f" (and {len(cells) - shown} more)" if len(cells) > shown else ""
    return f"sheet {sheet}: formulas in {listed}{more}; type the values instead"


def rows_csv(rows) -> str:
    """A sheet's rows of cells as CSV text: one record per sheet row (blank rows inside the
    table kept, trailing ones dropped), as wide as the first row."""
    texts = [[_text(cell) for cell in row] for row in rows]
    while texts and not any(texts[-1]):
        texts.pop()
    width = len(texts[0]) if texts else 0
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(r[:width] for r in texts)
    return text.getvalue()


def _text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        text = _format(value, cell.number_format or "0")
        if float(text) != value:  # a format showing fewer decimals than the cell holds
            text = str(int(value)) if float(value).is_integer() else repr(float(value))
        return text
    return str(value)


def export_xlsx(directory: Path, out: Path, blank: bool = False) -> Path:
    """The command line's export: write the workbook and return its path."""
    write_workbook(directory, out, blank=blank)
    return out


def import_xlsx(workbook: Path, directory: Path) -> list[str]:
    """The command line's import: write each table sheet of `workbook` as its CSV in
    `directory` (the repository's CSVs stay the source of truth); returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in read_workbook(workbook).items():
        (directory / name).write_text(text, encoding="utf-8")
        written.append(name)
    return written


__all__ = ["WorkbookError", "export_xlsx", "import_xlsx", "read_workbook", "write_workbook"]


def main(argv: list[str]) -> int:
    """`python -m components.data.workbook export DIR FILE [--blank]` or
    `… import FILE DIR`; prints what it wrote, or what is wrong (exit 2)."""
    args = [a for a in argv if a != "--blank"]
    try:
        if len(args) == 3 and args[0] == "export":
            path = export_xlsx(Path(args[1]), Path(args[2]), blank="--blank" in argv)
            print(f"{path}: {len(TABLES)} tables"
                  + (" (a blank template: the vocabularies only)" if "--blank" in argv else ""))
            return 0
        if len(args) == 3 and args[0] == "import":
            written = import_xlsx(Path(args[1]), Path(args[2]))
            print(f"{args[2]}: wrote {len(written)} tables ({', '.join(written)})")
            return 0
    except (WorkbookError, OSError) as err:
        print(f"{args[1]}: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # openpyxl's own errors for a file that is not a workbook
        print(f"{args[1]}: not a readable .xlsx workbook ({err})", file=sys.stderr)
        return 2
    print(main.__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
