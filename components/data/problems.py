"""Problems found in a dataset, in words an analyst understands."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data.

    file:     the CSV file name, e.g. "deals.csv"
    row:      the line of the file the problem is on (the header is line 1), or None when the
              problem concerns the whole file
    column:   the column name, or None
    message:  what is wrong, in plain words
    severity: "error" (the table is not used) or "warning" (the table is used; worth fixing)
    """

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", line {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"

    @property
    def table(self) -> str:
        """The table the problem belongs to (file name without .csv)."""
        return self.file.removesuffix(".csv")


def show_value(value: object, limit: int = 60) -> str:
    """A cell value quoted for a message, shortened so a huge cell cannot flood the report."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"
