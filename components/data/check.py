"""Command-line check of a data directory.

    python -m components.data.check [DIR]      (or: python3 tasks.py check [DIR])

Prints every problem (file, line, column, what is wrong) and exits 1 when there is any error,
0 otherwise. Besides what the app checks on every load, it holds each figure against its quote
(components.data.quotes): those findings are warnings. DIR defaults to $CORRIDOR_DATA_DIR, then
the bundled data/.
"""

from __future__ import annotations

import sys

from components.data.contract import TABLES
from components.data.loader import data_dir, load_dataset
from components.data.quotes import citation_problems, figure_problems, figures, seed_problems


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    directory = args[0] if args else data_dir()
    dataset = load_dataset(directory)
    mismatched = figure_problems(dataset)
    problems = [*dataset.problems, *mismatched, *seed_problems(dataset),
                *citation_problems(dataset)]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for p in errors:
        print(f"error: {p}")
    for p in warnings:
        print(f"warning: {p}")
    rows = sum(len(dataset[name]) for name in TABLES)
    checked = figures(dataset)
    held = len(checked) - len({(p.file, p.row, p.column) for p in mismatched})
    print(f"{dataset.directory}: {len(TABLES)} tables, {rows} valid rows, "
          f"{held} of {len(checked)} figures found in their quotes, "
          f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
