"""Tables leaving the app as files."""

from __future__ import annotations

import pandas as pd

from components.memo import by_identity

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
