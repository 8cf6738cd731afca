"""Tables leaving the app as files."""

from __future__ import annotations

import pandas as pd

from components.analysis.memo import by_identity

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@by_identity()
def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV, text cells neutralised; numbers (e.g. -1.5) are left as numbers."""
    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(neutralise)
    return safe.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


def lists_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with list cells (e.g. source ids) joined as 'a; b'. Only object columns can hold
    lists, so string, number and date columns are not walked row by row."""
    out = frame
    for col in frame.columns:
        if frame[col].dtype != object:
            continue
        is_list = frame[col].map(lambda v: isinstance(v, list))
        if is_list.any():
            if out is frame:
                out = frame.copy()
            out[col] = frame[col].map(lambda v: "; ".join(v) if isinstance(v, list) else v)
    return out
