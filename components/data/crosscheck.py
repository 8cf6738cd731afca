"""Checks that span rows or tables: unknown ids, dates out of order, statuses of the wrong kind.

Runs on the tables that passed their own schema; a reference into a table that failed is not
checked (that table's own problems are reported instead).
"""

from __future__ import annotations

import pandas as pd

from components.data.contract import TABLES, Table
from components.data.problems import Problem, show_value

_TARGET_OF_KIND = {"iso3": "countries.iso3", "iso3s": "countries.iso3"}


def _split(cell: object) -> list[str]:
    return [] if pd.isna(cell) else [part for part in str(cell).split(";") if part]


def _unknown_ids(table: Table, frame: pd.DataFrame, lines: list[int],
                 tables: dict[str, pd.DataFrame]) -> list[Problem]:
    problems = []
    for col in table.columns:
        target = col.ref or _TARGET_OF_KIND.get(col.kind)
        if target is None or col.kind in ("id",) or col.name == table.key:
            continue
        target_table, target_col = target.split(".")
        if target_table not in tables:
            continue  # the target table is broken; its own problems say why
        known = set(tables[target_table][target_col].dropna())
        is_list = col.kind in ("refs", "iso3s")
        for i, cell in enumerate(frame[col.name]):
            for value in (_split(cell) if is_list else ([] if pd.isna(cell) else [cell])):
                if value not in known:
                    problems.append(Problem(
                        table.file, lines[i], col.name,
                        f"{show_value(value)} is not a known id in {target_table}.csv"))
    return problems


def _date_order(table: Table, frame: pd.DataFrame, lines: list[int]) -> list[Problem]:
    problems = []
    for start, end in table.date_ranges:
        bad = frame[end] < frame[start]
        for i in bad[bad.fillna(False)].index:
            problems.append(Problem(
                table.file, lines[i], end,
                f"ends ({frame.at[i, end]:%Y-%m-%d}) before it starts "
                f"({frame.at[i, start]:%Y-%m-%d})"))
    return problems


def _status_domain(table: Table, frame: pd.DataFrame, lines: list[int],
                   tables: dict[str, pd.DataFrame]) -> list[Problem]:
    if table.status is None or "statuses" not in tables:
        return []
    column, domain = table.status
    statuses = tables["statuses"]
    allowed = set(statuses.loc[statuses["domain"] == domain, "status_id"])
    known = set(statuses["status_id"])
    return [
        Problem(table.file, lines[i], column,
                f"{show_value(v)} is a status of another kind; use one of: "
                f"{', '.join(sorted(allowed))}")
        for i, v in frame[column].items() if v in known and v not in allowed
    ]


def _row_rules(name: str, frame: pd.DataFrame, lines: list[int]) -> list[Problem]:
    """Rules within a row that a column schema cannot express."""
    problems = []
    file = TABLES[name].file
    if name == "deals":
        for i in frame.index[frame["quantity"].notna() & frame["quantity_unit"].isna()]:
            problems.append(Problem(file, lines[i], "quantity_unit",
                                    "a quantity needs its unit (like 'electric buses')"))
        for i in frame.index[frame["local_value"].notna() & frame["local_currency"].isna()]:
            problems.append(Problem(file, lines[i], "local_currency",
                                    "a value in another currency needs its ISO 4217 code "
                                    "(like 'AFN')"))
        for i in frame.index[frame["local_value"].isna() & frame["local_currency"].notna()]:
            problems.append(Problem(file, lines[i], "local_value",
                                    "a currency is given but no value in it"))
    if name == "events":
        for i in frame.index[frame["same_as"] == frame["event_id"]]:
            problems.append(Problem(file, lines[i], "same_as",
                                    "an event cannot be 'the same as' itself"))
    if name == "segments":
        for i in frame.index[frame["from_place"] == frame["to_place"]]:
            problems.append(Problem(file, lines[i], "to_place",
                                    "a segment must join two different places"))
        gauge = frame["gauge_mm"].notna()
        for column in ("gauge_source_id", "gauge_quote"):
            for i in frame.index[gauge & frame[column].isna()]:
                problems.append(Problem(file, lines[i], column,
                                        "a gauge needs its own source and quote "
                                        "(gauge_source_id, gauge_quote)"))
            for i in frame.index[~gauge & frame[column].notna()]:
                problems.append(Problem(file, lines[i], "gauge_mm",
                                        f"{column} is given but no gauge"))
    return problems


_MARKUP = ("<script", "<img", "<iframe", "<svg", "<a ", "javascript:", "onerror=", "onload=")
_FORMULA = ("=", "+", "@")  # '-' starts ordinary text (e.g. '-' as a dash) too often to flag


def _suspicious_text(table: Table, frame: pd.DataFrame, lines: list[int]) -> list[Problem]:
    """Warnings for text cells that look like spreadsheet formulas or HTML/script markup.

    They are not errors: the app shows such text as text and neutralises it in CSV exports;
    the warning tells the analyst the cell may not say what they meant.
    """
    problems = []
    for col in table.columns:
        if col.kind != "text":
            continue
        for i, cell in frame[col.name].items():
            if not isinstance(cell, str):
                continue
            lowered = cell.lower()
            if cell.startswith(_FORMULA):
                problems.append(Problem(
                    table.file, lines[i], col.name,
                    f"starts with '{cell[0]}' like a spreadsheet formula; it is shown as text "
                    "and exported with a leading apostrophe", severity="warning"))
            elif any(tag in lowered for tag in _MARKUP):
                problems.append(Problem(
                    table.file, lines[i], col.name,
                    "contains HTML or script markup; it is shown as plain text, never run",
                    severity="warning"))
    return problems


def cross_check(tables: dict[str, pd.DataFrame],
                lines: dict[str, list[int]]) -> list[Problem]:
    """All cross-table and within-row problems of the tables that passed their schema."""
    problems: list[Problem] = []
    for name, frame in tables.items():
        table = TABLES[name]
        problems += _unknown_ids(table, frame, lines[name], tables)
        problems += _date_order(table, frame, lines[name])
        problems += _status_domain(table, frame, lines[name], tables)
        problems += _row_rules(name, frame, lines[name])
        problems += _suspicious_text(table, frame, lines[name])
        problems += _precision_given(table, frame, lines[name])
    problems += _relationships(tables, lines)
    return problems


def _relationships(tables: dict[str, pd.DataFrame],
                   lines: dict[str, list[int]]) -> list[Problem]:
    """What the relationships need beyond their columns: two different countries, the cargo's
    country one of them, at most one default, and routes whose corridor is a route."""
    if "relationships" not in tables:
        return []
    rel, file, at = tables["relationships"], TABLES["relationships"].file, lines["relationships"]
    problems = []
    for i, r in rel.iterrows():
        if r["country_a"] == r["country_b"]:
            problems.append(Problem(file, at[i], "country_b",
                                    "a relationship needs two different countries"))
        if r["cargo_from"] not in (r["country_a"], r["country_b"]):
            problems.append(Problem(
                file, at[i], "cargo_from",
                f"{show_value(r['cargo_from'])} is neither of the relationship's countries",
                severity="warning"))
    defaults = rel.index[rel["default"] == "yes"]
    for i in defaults[1:]:
        problems.append(Problem(file, at[i], "default",
                                "more than one relationship is the default; the first is used",
                                severity="warning"))
    if "relationship_routes" in tables and "corridors" in tables:
        routes, rfile = tables["relationship_routes"], TABLES["relationship_routes"].file
        roles = dict(zip(tables["corridors"]["corridor_id"], tables["corridors"]["role"]))
        for i, corridor in routes["corridor_id"].items():
            if corridor in roles and roles[corridor] != "route":
                problems.append(Problem(
                    rfile, lines["relationship_routes"][i], "corridor_id",
                    f"{show_value(corridor)} is a {roles[corridor]} corridor, not a route",
                    severity="warning"))
        empty = set(rel["relationship_id"]) - set(routes["relationship_id"])
        for i in rel.index[rel["relationship_id"].isin(empty)]:
            problems.append(Problem(file, at[i], "relationship_id",
                                    "no route in relationship_routes.csv: the Corridors page "
                                    "compares no route for it", severity="warning"))
    return problems


def _precision_given(table: Table, frame: pd.DataFrame, lines: list[int]) -> list[Problem]:
    """A date needs its precision (it is shown no more precisely than known), and a precision
    needs its date."""
    problems = []
    shared = list(table.precisions.values())
    for date, precision in table.precisions.items():
        if precision == "period_type" or date not in frame or precision not in frame:
            continue
        for i in frame.index[frame[date].notna() & frame[precision].isna()]:
            problems.append(Problem(table.file, lines[i], precision,
                                    f"{date} is given but not how precisely it is known "
                                    "(day, month or year)"))
        if shared.count(precision) > 1:  # events' start and end share date_precision
            continue
        for i in frame.index[frame[date].isna() & frame[precision].notna()]:
            problems.append(Problem(table.file, lines[i], date,
                                    f"{precision} is given but no {date}"))
    return problems
