"""What a new version of the data does to the figures the dashboard shows, and the command-line
diff of two data folders. Pure (no Streamlit).

    python -m components.sections.datadiff DIR_A DIR_B [--csv FILE]
                                        (or: python3 tasks.py diff DIR_A DIR_B [--csv FILE])

Prints, per table, the rows added, removed and changed from DIR_A to DIR_B, every changed cell
("table key column: old → new (source)"), the rows added and removed, then the headline figures
that move ("section · figure: before → after"). --csv FILE writes every table change to FILE
(components.analysis.datadiff.CSV_COLUMNS: a `change` column says 'changed', 'added' or
'removed') and the figures that move to FILE's stem + "_headlines.csv" (relationship, section,
figure, before, after). Exits 0 when both folders could be compared (whether or not anything
differs), 2 when a folder is missing or the arguments are wrong.

The figures are found without knowing any section: every section of `sections.ALL` computes
its view model for the data's default relationship (or the filters' one), and every `Card`
and `FigureCard` in it, however deep, is one figure (its label and value text). This module
lives on the sections' floor because it computes them; the table comparison itself is
`components.analysis.datadiff`.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from components.analysis.datadiff import DiffError, TableChanges, figure_changes, table_changes
from components.analysis.filters import FilterState
from components.analysis.relationships import Relationship, chosen
from components.data.loader import Dataset, load_dataset
from components.sections import ALL, Section, context
from components.sections.base import Card
from components.sections.people import FigureCard

#: What a figure is, in a view model.
FIGURES = (Card, FigureCard)
#: Fields of an enclosing view-model object that name what its figures are about (a route's
#: `name`, a people group's `heading`): they tell apart figures labelled alike.
NAMING_FIELDS = ("name", "title", "heading")
#: Joins what a figure is about to its label ("Trans-Afghan · Length, latest stated").
ABOUT = " · "
#: Columns of `headline_changes`' frame.
HEADLINE_COLUMNS = ("relationship", "section", "figure", "before", "after")


def _figures(obj: Any, about: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every Card and FigureCard in a view model, with the names of the objects around it:
    dataclass fields, lists, tuples and dicts are walked; frames, figures and text are not."""
    if isinstance(obj, FIGURES):
        yield about, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        names = tuple(v for f in NAMING_FIELDS
                      if isinstance(v := getattr(obj, f, None), str) and v)
        for f in dataclasses.fields(obj):
            yield from _figures(getattr(obj, f.name), about + names[:1])
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _figures(item, about)
    elif isinstance(obj, Mapping):
        for item in obj.values():
            yield from _figures(item, about)


def section_figures(view: Any) -> dict[str, str]:
    """A view model's figures: label → value text, in the order the view holds them.

    Labels are made unique: a label found more than once is prefixed with the name of what it
    is about (the nearest enclosing object's name, title or heading, when that tells them
    apart); one still found more than once is numbered in order: 'label (2)', 'label (3)'.
    """
    found = list(_figures(view))
    counts = Counter(card.label for _, card in found)
    labels = []
    for about, card in found:
        label = card.label
        if counts[label] > 1 and about:
            label = f"{about[-1]}{ABOUT}{label}"
        labels.append(label)
    seen: Counter = Counter()
    total = Counter(labels)
    out: dict[str, str] = {}
    for label, (_, card) in zip(labels, found):
        seen[label] += 1
        out[label if total[label] == 1 or seen[label] == 1 else f"{label} ({seen[label]})"] = (
            card.value)
    return out


def section_names(sections: tuple[Section, ...] = ALL) -> dict[str, str]:
    """Each section's name in figure keys: its title, followed by its id in brackets when
    another section has the same title ('Students (student_figures)')."""
    titles = Counter(s.title for s in sections)
    return {s.key: s.title if titles[s.title] == 1 else f"{s.title} ({s.key})"
            for s in sections}


def viewed_relationship(dataset: Dataset, filters: FilterState | None = None) -> Relationship:
    """The relationship the figures are computed for: the filters' one, else the data's
    default (the first of relationships.csv marked default)."""
    return chosen(dataset.tables, (filters or FilterState()).relationship)


def headline_figures(dataset: Dataset, filters: FilterState | None = None
                     ) -> dict[tuple[str, str], str]:
    """Every figure the sections show for `dataset`: (section name, figure label) → value text.

    filters: the view (default: no filter, the data's default relationship, which is filled
    in, so the figures are those of one named relationship). Section names are their titles
    (`section_names`), figure labels unique within a section (`section_figures`). A section
    whose tables failed validation, or that raises, is left out, not fatal.
    """
    filters = filters or FilterState()
    if filters.relationship is None:
        filters = replace(filters, relationship=viewed_relationship(dataset).key)
    ctx = context(dataset, filters)
    names = section_names()
    out: dict[tuple[str, str], str] = {}
    for section in ALL:
        if not section.usable(dataset):
            continue
        try:
            view = section.view(ctx)
        except Exception:  # noqa: BLE001 -- a section that cannot be computed shows nothing
            continue
        for label, value in section_figures(view).items():
            out[(names[section.key], label)] = value
    return out


def headline_changes(old_dataset: Dataset, new_dataset: Dataset,
                     filters: FilterState | None = None) -> pd.DataFrame:
    """The figures that differ between the two datasets' views, appear or disappear
    (HEADLINE_COLUMNS; before or after None where the figure is not shown).

    Both are viewed for the same relationship: the filters', else the new data's default
    (the old data falls back to its default when it lacks that relationship). `relationship`
    names it as the new data does.
    """
    filters = filters or FilterState()
    rel = viewed_relationship(new_dataset, filters)
    filters = replace(filters, relationship=rel.key)
    frame = figure_changes(headline_figures(old_dataset, filters),
                           headline_figures(new_dataset, filters))
    frame.insert(0, "relationship", rel.name)
    return frame


@dataclass(frozen=True, eq=False)
class DataDiff:
    """Two folders compared: their tables (`TableChanges`) and the headline figures that move
    (`headline_changes`' frame)."""

    tables: TableChanges
    headlines: pd.DataFrame


def diff_folders(old_dir: str | Path, new_dir: str | Path,
                 filters: FilterState | None = None) -> DataDiff:
    """Compare two data folders: tables cell by cell, then the figures each one's data shows.
    Raises DiffError when a folder does not exist."""
    tables = table_changes(old_dir, new_dir)
    headlines = headline_changes(load_dataset(tables.old), load_dataset(tables.new), filters)
    return DataDiff(tables, headlines)


# --- the command line --------------------------------------------------------------------------


def _shown(value: object) -> str:
    """A cell or figure as printed: '' → '(empty)', None → '(not shown)', and text whose
    spaces matter quoted."""
    if value is None:
        return "(not shown)"
    text = str(value)
    if text == "":
        return "(empty)"
    return repr(text) if text != text.strip() or "\n" in text else text


def report_lines(diff: DataDiff) -> list[str]:
    """The diff as the command line prints it."""
    t = diff.tables
    lines = [f"From {t.old}", f"  to {t.new}", ""]
    differs = t.differs
    if differs.empty:
        lines.append("The tables are the same, cell for cell.")
    else:
        lines.append("Tables that differ (rows before → after: added, removed, changed; "
                     "changed cells):")
        for r in differs.itertuples():
            lines.append(f"  {r.table}: {r.rows_before} → {r.rows_after} rows: +{r.added} "
                         f"-{r.removed} ~{r.changed}; {r.cells} cells"
                         + (f" ({r.note})" if r.note else ""))
    if len(t.cells):
        lines += ["", "Changed cells:"]
        for c in t.cells.itertuples():
            source = c.source_id + (f", was {c.old_source_id}" if c.old_source_id else "")
            lines.append(f"  {c.table} {c.key} {c.column}: {_shown(c.old)} → {_shown(c.new)}"
                         + (f" ({source})" if source else ""))
    if len(t.rows):
        lines += ["", "Rows added and removed:"]
        for r in t.rows.itertuples():
            lines.append(f"  {'+' if r.change == 'added' else '-'} {r.table} "
                         f"{r.key or '(no key)'}" + (f" ({r.source_id})" if r.source_id else ""))
    h = diff.headlines
    rel = h["relationship"].iloc[0] if len(h) else None
    lines += [""]
    if h.empty:
        lines.append("No headline figure moves.")
    else:
        lines.append(f"Headline figures that move ({rel}):")
        for r in h.itertuples():
            lines.append(f"  {r.section} · {r.figure}: {_shown(r.before)} → {_shown(r.after)}")
    return lines


USAGE = "usage: python3 tasks.py diff DIR_A DIR_B [--csv FILE]"


def _args(argv: list[str]) -> tuple[list[str], Path | None]:
    folders: list[str] = []
    out = None
    items = iter(argv)
    for arg in items:
        if arg == "--csv":
            value = next(items, None)
            if value is None:
                raise DiffError("--csv needs a file name")
            out = Path(value)
        elif arg.startswith("--csv="):
            out = Path(arg.removeprefix("--csv="))
        elif arg.startswith("-"):
            raise DiffError(f"unknown option {arg}")
        else:
            folders.append(arg)
    if len(folders) != 2:
        raise DiffError(f"give two data folders, not {len(folders)}")
    return folders, out


def headlines_file(out: Path) -> Path:
    """Where --csv FILE writes the headline figures: FILE's stem + '_headlines.csv'."""
    return out.with_name(out.stem + "_headlines.csv")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    try:
        (old, new), out = _args(args)
        diff = diff_folders(old, new)
    except DiffError as err:
        print(f"diff: {err}\n{USAGE}", file=sys.stderr)
        return 2
    print("\n".join(report_lines(diff)))
    if out is not None:
        try:
            diff.tables.as_csv_frame().to_csv(out, index=False)
            diff.headlines.to_csv(headlines_file(out), index=False)
        except OSError as err:
            print(f"diff: cannot write {out}: {err.strerror or err}", file=sys.stderr)
            return 2
        print(f"\nWrote {out} ({len(diff.tables.as_csv_frame())} changes) and "
              f"{headlines_file(out)} ({len(diff.headlines)} figures).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
