"""Sources & data: the data's validation report, every source with the rows of the view citing
it, and every table cut to the filters (Sources & data). Pure."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.analysis.citations import figures_by_rank, sources_table
from components.data.contract import TABLES
from components.data.workbook_upload import TABLE_FILES, from_workbook, in_excel_rows
from components.sections.base import Column, Context, Section, Table


@dataclass(frozen=True)
class Report:
    """The validation report: a line for a clean dataset (ok), else one for the errors (which
    tables are not used) and one for the warnings; problems: one row per problem (severity,
    file, line, column, problem; for data made from a workbook: severity, sheet, row, column,
    problem, the row an Excel row)."""

    ok: str | None
    errors: str | None
    warnings: str | None
    problems: pd.DataFrame


@dataclass(frozen=True, eq=False)
class TableInView:
    """One table of the data: what it holds, its rows in the view and in all, and whether it
    failed validation (then its rows are not used)."""

    description: str
    frame: pd.DataFrame
    total: int
    broken: bool


@dataclass(frozen=True, eq=False)
class SourcesAndData:
    """The data folder, its validation report, the sources and the tables."""

    folder: str
    report: Report
    ranks: Table
    sources: Table
    tables: dict[str, TableInView]


RANK_COLUMNS = {
    "rank": Column("Rank", help="official (statistics offices, governments), international "
                   "(international organisations), press (agencies, newspapers), reference "
                   "(encyclopaedias, maps, blogs)"),
    "sources": Column("Sources", kind="number", help="Sources of this rank cited in the view"),
    "rows": Column("Rows citing them", kind="number",
                   help="Rows of the current view (figures and claims) that cite them"),
}

SOURCE_COLUMNS = {
    "rank": Column("Rank", help="Official sources first; see 'What the view rests on'"),
    "title": Column("Title", width="large"),
    "publisher": "Publisher",
    "author": "Author",
    "published_date": Column("Published", kind="date", format="YYYY-MM-DD"),
    "kind": "Kind",
    "link": Column("Link", kind="link", width="medium"),
    "file": "Seed file",
    "via": Column("Read via (a copy of the original)", width="medium"),
    "rows_in_view": Column("Rows citing it", kind="number",
                           help="Rows in the current view that cite this source"),
    "source_id": "Id",
}


def problems_frame(problems, workbook: bool = False) -> pd.DataFrame:
    """Problems as a table: severity, file, line, column, problem; with `workbook`, severity,
    sheet, row, column, problem (the problems' rows already Excel rows: `in_excel_rows`)."""
    place, at = ("sheet", "row") if workbook else ("file", "line")
    return pd.DataFrame(
        [{"severity": p.severity,
          place: TABLE_FILES.get(p.file, p.file) if workbook else p.file,
          at: p.row, "column": p.column or "", "problem": p.message} for p in problems],
        columns=["severity", place, at, "column", "problem"],
    ).astype({at: "Int64"})


def _report(ctx: Context) -> Report:
    data = ctx.data
    errors = [p for p in data.problems if p.severity == "error"]
    warnings = [p for p in data.problems if p.severity == "warning"]
    if not data.problems:
        rows = sum(len(data[name]) for name in TABLES)
        return Report(f"All {len(TABLES)} tables passed validation ({rows:,} rows).", None,
                      None, problems_frame([]))
    # a folder made from an uploaded workbook (its marker file): sheets and Excel rows
    workbook = from_workbook(data.directory)
    broken = (f"sheets {', '.join(sorted(data.broken))}" if workbook
              else ", ".join(t + ".csv" for t in sorted(data.broken)))
    error_line = (f"{len(errors)} error(s) in {broken}: these tables are not "
                  "used until fixed; pages that need them say so.") if errors else None
    warning_line = (f"{len(warnings)} warning(s): the tables are used, but worth fixing."
                    if warnings else None)
    problems = in_excel_rows(data.problems, data.directory) if workbook else data.problems
    return Report(None, error_line, warning_line, problems_frame(problems, workbook))


def sources_and_data(ctx: Context) -> SourcesAndData:
    data = ctx.data
    return SourcesAndData(
        folder=str(data.directory), report=_report(ctx),
        ranks=Table(figures_by_rank(ctx.sources, ctx.view), "sources_by_rank", RANK_COLUMNS),
        sources=Table(sources_table(ctx.sources, ctx.view), "sources_in_view", SOURCE_COLUMNS),
        # a segment's alignment (its course's points) is the geodata file's, not a cell to show
        tables={name: TableInView(spec.description,
                                  ctx.view[name].drop(columns=["alignment"], errors="ignore"),
                                  len(data[name]), name in data.broken)
                for name, spec in TABLES.items()})


SOURCES = Section("sources", "Sources & data", (), sources_and_data)
