"""pandera schemas built from the table specs, and their failures turned into Problems.

Cells are read as text, then validated here: ids, vocabularies, numbers (coerced), dates (checked
as text, parsed afterwards so that '2025-02-30' is reported rather than silently shifted).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa

from components.data.contract import Col, Table
from components.data.problems import Problem, show_value

ID = r"^[a-z0-9_]+$"
IDS = r"^[a-z0-9_]+(;[a-z0-9_]+)*$"
ISO3 = r"^[A-Z]{3}$"
ISO3S = r"^[A-Z]{3}(;[A-Z]{3})*$"


def is_iso_date(text: str) -> bool:
    """True when `text` is a real calendar date written YYYY-MM-DD."""
    if not isinstance(text, str) or len(text) != 10:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return text[4] == "-" and text[7] == "-"


def _matches(pattern: str, name: str) -> pa.Check:
    return pa.Check(lambda s: s.astype("string").str.fullmatch(pattern).fillna(False), name=name)


def _bound(limit: float, name: str) -> pa.Check:
    """min / max that tolerates cells whose coercion already failed (they are reported once)."""
    def check(s: pd.Series) -> pd.Series:
        num = pd.to_numeric(s, errors="coerce")
        ok = num.ge(limit) if name == "min" else num.le(limit)
        return (ok | num.isna()).astype(bool)
    return pa.Check(check, name=name)


def _checks(col: Col) -> list[pa.Check]:
    checks: list[pa.Check] = []
    pattern = {"id": ID, "ref": ID, "refs": IDS, "iso3": ISO3, "iso3s": ISO3S}.get(col.kind)
    if pattern:
        checks.append(_matches(pattern, f"format_{col.kind}"))
    if col.kind == "enum":
        allowed = set(col.allowed)
        checks.append(pa.Check(lambda s: s.isin(allowed).astype(bool), name="one_of"))
    if col.kind == "date":
        checks.append(pa.Check(is_iso_date, element_wise=True, name="iso_date"))
    if col.min is not None:
        checks.append(_bound(col.min, "min"))
    if col.max is not None:
        checks.append(_bound(col.max, "max"))
    return checks


def _dtype(col: Col) -> str:
    return {"int": "Int64", "number": "Float64"}.get(col.kind, "string")


def schema_for(table: Table) -> pa.DataFrameSchema:
    """The pandera schema of one table. Columns are text unless numeric; extra columns allowed
    (they are reported as warnings by the loader and dropped)."""
    columns = {
        c.name: pa.Column(
            _dtype(c),
            checks=_checks(c),
            nullable=not c.required,
            unique=table.unique_columns == (c.name,),
            coerce=True,
            required=True,
        )
        for c in table.columns
    }
    together = list(table.unique_columns) if len(table.unique_columns) > 1 else None
    return pa.DataFrameSchema(columns, strict=False, name=table.name, unique=together)


def describe_failure(col: Col | None, check: str, value: object) -> str:
    """Turn one pandera failure case into a sentence an analyst can act on."""
    v = show_value(value)
    if col is None:
        return f"check {check} failed for {v}"
    if check.startswith("coerce_dtype") or check.startswith("dtype"):
        if col.kind == "int":
            return f"expected a whole number, found {v}"
        if col.name.endswith("_usd"):
            return f"expected a plain number of US dollars (like 108000000), found {v}"
        return f"expected a number, found {v}"
    if check == "not_nullable":
        return "is empty, but every row needs a value here"
    if check == "field_uniqueness":
        return f"duplicate id {v}: each id may appear only once in this table"
    if check == "one_of":
        return f"{v} is not allowed here; use one of: {', '.join(col.allowed)}"
    if check == "iso_date":
        return f"{v} is not a real date written YYYY-MM-DD (like 2026-02-04)"
    if check == "min":
        return f"{v} is below the smallest allowed value, {col.min:g}"
    if check == "max":
        return f"{v} is above the largest allowed value, {col.max:g}"
    if check in ("format_id", "format_ref"):
        return f"{v} is not a valid id: use lower-case letters, digits and _ only"
    if check == "format_refs":
        return f"{v} is not a list of ids separated by ';' (like trade;rail)"
    if check == "format_iso3":
        return f"{v} is not a three-letter ISO 3166 country code (like KAZ)"
    if check == "format_iso3s":
        return f"{v} is not a list of ISO country codes separated by ';' (like KAZ;PAK)"
    return f"{v} failed the check {check}"


def validate_table(
    table: Table, raw: pd.DataFrame, lines: list[int]
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Validate one table read as text.

    raw:   DataFrame of strings (pd.NA for empty cells), the table's columns in any order
    lines: the file line each row of `raw` starts on (header = line 1)
    Returns (typed frame or None when any error was found, problems).
    """
    schema = schema_for(table)
    try:
        typed = schema.validate(raw, lazy=True)
    except pa.errors.SchemaErrors as err:
        return None, _problems_from(table, err.failure_cases, lines)
    for c in table.columns:
        if c.kind == "date":
            typed[c.name] = pd.to_datetime(typed[c.name], format="%Y-%m-%d")
    return typed, []


def _problems_from(table: Table, cases: pd.DataFrame, lines: list[int]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for case in cases.itertuples(index=False):
        column = case.column if isinstance(case.column, str) else None
        check = str(case.check)
        index = case.index
        row = lines[int(index)] if pd.notna(index) and int(index) < len(lines) else None
        # a failed coercion is reported twice by pandera (coerce_dtype and dtype): keep one
        key = (column, row, "dtype" if "dtype" in check else check)
        if key in seen:
            continue
        seen.add(key)
        col = table.col(column) if column in table.column_names else None
        if check == "multiple_fields_uniqueness":
            if column != table.unique_columns[-1]:
                continue  # one message per row, on the last of the columns
            problems.append(Problem(
                table.file, row, column,
                f"duplicate: another row has the same {' and '.join(table.unique_columns)} "
                f"(here {show_value(case.failure_case)})"))
            continue
        if check == "column_in_dataframe":
            problems.append(Problem(table.file, None, str(case.failure_case),
                                    "column is missing from the file"))
            continue
        problems.append(Problem(table.file, row, column,
                                describe_failure(col, check, case.failure_case)))
    return problems
