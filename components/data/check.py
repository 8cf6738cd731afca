"""Command-line check of a data directory.

    python -m components.data.check [DIR]      (or: python3 tasks.py check [DIR])
    python -m components.data.check FILE.xlsx  (or: python3 tasks.py check FILE.xlsx)

Prints every problem (file, line, column, what is wrong) and exits 1 when there is any error,
0 otherwise. Besides what the app checks on every load, it holds each figure against its quote
(components.data.quotes): those findings are warnings. DIR defaults to $CORRIDOR_DATA_DIR, then
the bundled data/.

A workbook (.xlsx) is checked as the app checks an upload: refused (exit 1) for what cannot be
read back safely (components.data.workbook_upload says what), else its sheets are read into a
temporary folder, the sheets it leaves out taken from the bundled data, and the problems are
located by sheet, Excel row and column; .xlsm, .xls and .xlsb are refused with the reason.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from components.data.contract import TABLES
from components.data.loader import data_dir, load_dataset
from components.data.quotes import citation_problems, figure_problems, figures, seed_problems
from components.data.upload import MB
from components.data.workbook_upload import (
    DEFAULT_LIMITS,
    WORKBOOK_SUFFIXES,
    from_workbook,
    in_excel_rows,
    in_sheets,
    materialise_workbook,
    open_workbook,
)

SEEDS = "seeds"  # the bundled data's folder of seed articles (sources of kind seed)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    directory = args[0] if args else data_dir()
    if str(directory).lower().endswith(WORKBOOK_SUFFIXES) and not Path(directory).is_dir():
        return check_workbook(Path(directory))
    return report(load_dataset(directory))


def check_workbook(path: Path) -> int:
    """Check a workbook file: its refusals (exit 1), else the report of its tables."""
    limits = DEFAULT_LIMITS
    if not path.is_file():
        print(f"error: {path}: no such file")
        return 1
    size = path.stat().st_size
    refusals = ([f"{path.name} is {size / MB:.1f} MB; the limit is "
                 f"{limits.zip_bytes / MB:.0f} MB."] if size > limits.zip_bytes else None)
    if refusals is None:
        unpacked = open_workbook(path.read_bytes(), path.name, limits)
        refusals = unpacked.refusals or (
            [] if unpacked.files else ["The workbook holds no table sheet."])
    if refusals:
        for reason in refusals:
            print(f"refused: {reason}")
        n = len(refusals)
        print(f"{path}: not used ({n} reason{'' if n == 1 else 's'})")
        return 1
    with tempfile.TemporaryDirectory(prefix="corridor-check-") as tmp:
        bundled = data_dir()
        folder = materialise_workbook(unpacked.files, bundled, root=Path(tmp))
        if (bundled / SEEDS).is_dir():  # the seed articles the quotes are held against
            shutil.copytree(bundled / SEEDS, folder / SEEDS, dirs_exist_ok=True)
        sheets = [name for name, t in TABLES.items() if t.file in unpacked.files]
        note = (f" (all {len(sheets)} from the workbook)" if len(sheets) == len(TABLES)
                else f" ({len(sheets)} from the workbook's sheets, the rest bundled)")
        return report(load_dataset(folder), shown=str(path), note=note)


def report(dataset, shown: str | None = None, note: str = "") -> int:
    """Print a dataset's problems and a summary line; 1 when there is any error, else 0. A
    folder made from a workbook has its problems by sheet and Excel row."""
    mismatched = figure_problems(dataset)
    problems = [*dataset.problems, *mismatched, *seed_problems(dataset),
                *citation_problems(dataset)]
    workbook = from_workbook(dataset.directory)
    if workbook:
        problems = in_excel_rows(problems, dataset.directory)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    say = in_sheets if workbook else str
    for p in errors:
        print(f"error: {say(p)}")
    for p in warnings:
        print(f"warning: {say(p)}")
    rows = sum(len(dataset[name]) for name in TABLES)
    checked = figures(dataset)
    held = len(checked) - len({(p.file, p.row, p.column) for p in mismatched})
    print(f"{shown or dataset.directory}: {len(TABLES)} tables{note}, {rows} valid rows, "
          f"{held} of {len(checked)} figures found in their quotes, "
          f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
