"""The data as an Excel workbook and back: byte-identical round trip, typed cells, dropdowns
equal to the vocabularies, the template, and what cannot come back (formulas, unknown sheets)."""

import csv
import datetime as dt
import io
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from components.data.contract import TABLES
from components.data.workbook import (
    LISTS,
    README,
    WorkbookError,
    read_workbook,
    write_workbook,
)
from tests.support import ROOT

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def book_bytes():
    out = io.BytesIO()
    write_workbook(DATA, out)
    return out.getvalue()


def test_csv_to_workbook_to_csv_is_byte_identical(book_bytes):
    back = read_workbook(io.BytesIO(book_bytes))
    assert set(back) == {t.file for t in TABLES.values()}
    for name, text in back.items():
        assert text.encode("utf-8") == (DATA / name).read_bytes(), name


def test_the_command_line_round_trip(tmp_path):
    out = tmp_path / "data.xlsx"
    run = [sys.executable, "-m", "components.data.workbook"]
    subprocess.run([*run, "export", str(DATA), str(out)], check=True, cwd=ROOT)
    subprocess.run([*run, "import", str(out), str(tmp_path / "csv")], check=True, cwd=ROOT)
    for table in TABLES.values():
        assert (tmp_path / "csv" / table.file).read_bytes() == (DATA / table.file).read_bytes()
    bad = subprocess.run([*run, "import", str(DATA / "sources.csv"), str(tmp_path / "x")],
                         cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 2 and "not a readable .xlsx workbook" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_sheets_in_the_contracts_order_with_typed_cells(book_bytes):
    book = load_workbook(io.BytesIO(book_bytes))
    assert book.sheetnames == [README, *TABLES, LISTS]
    assert book[LISTS].sheet_state == "hidden"
    flows = book["trade_flows"]
    assert [c.value for c in flows[1]] == TABLES["trade_flows"].column_names
    assert flows.freeze_panes == "A2"
    header = [c.value for c in flows[1]]
    row = {h: c for h, c in zip(header, flows[2])}
    assert isinstance(row["period_start"].value, dt.datetime)  # a date, not text
    assert isinstance(row["value_usd"].value, int | float)
    assert row["value_usd"].number_format.startswith('"$"')  # money as dollars
    # every column of every table is described on the README sheet, from the contract
    described = {(r[0].value, r[1].value) for r in book[README].iter_rows(min_row=2)}
    assert described == {(t.name, c.name) for t in TABLES.values() for c in t.columns}


def test_dropdowns_equal_the_vocabularies(book_bytes):
    book = load_workbook(io.BytesIO(book_bytes))
    lists = book[LISTS]
    columns = {c[0].value: [x.value for x in c[1:] if x.value is not None]
               for c in lists.iter_cols()}

    def listed(sheet, column):
        """The values of the dropdown on `column` of `sheet`, read from the Lists sheet."""
        header = [c.value for c in book[sheet][1]]
        letter = book[sheet].cell(1, header.index(column) + 1).column_letter
        (check,) = [d for d in book[sheet].data_validations.dataValidation
                    if str(d.sqref).startswith(f"{letter}2:")]
        source = check.formula1.split("!")[1].split(":")[0].strip("$").split("$")[0]
        return columns[lists[f"{source}1"].value]

    import pandas as pd

    sectors = pd.read_csv(DATA / "sectors.csv", dtype=str)["sector_id"].tolist()
    assert listed("deals", "sector_id") == sectors
    sources = pd.read_csv(DATA / "sources.csv", dtype=str)["source_id"].tolist()
    assert listed("trade_flows", "source_id") == sources
    allowed = next(c for c in TABLES["segments"].columns if c.name == "mode").allowed
    assert listed("segments", "mode") == list(allowed)
    countries = pd.read_csv(DATA / "countries.csv", dtype=str)["iso3"].tolist()
    assert listed("trade_flows", "reporter") == countries
    # a status column lists the statuses of its own domain only
    statuses = pd.read_csv(DATA / "statuses.csv", dtype=str)
    for sheet, domain in (("deals", "deal"), ("events", "event"), ("segments", "segment")):
        assert listed(sheet, "status") == statuses.loc[statuses["domain"] == domain,
                                                       "status_id"].tolist()


def test_the_blank_template_holds_the_vocabularies_only():
    out = io.BytesIO()
    write_workbook(DATA, out, blank=True)
    book = load_workbook(io.BytesIO(out.getvalue()))
    assert book["trade_flows"].max_row == 1  # the header, nothing else
    assert book["sectors"].max_row > 1 and book["countries"].max_row > 1


def test_text_like_a_formula_stays_text_and_a_formula_is_refused(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for table in TABLES.values():
        (folder / table.file).write_bytes((DATA / table.file).read_bytes())
    rows = list(csv.reader(io.StringIO((folder / "sources.csv").read_text(encoding="utf-8"))))
    rows[1][2] = '=HYPERLINK("http://x")'  # a publisher that looks like a formula
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    (folder / "sources.csv").write_text(text.getvalue(), encoding="utf-8")
    out = tmp_path / "d.xlsx"
    write_workbook(folder, out)
    assert read_workbook(out)["sources.csv"] == (folder / "sources.csv").read_text(
        encoding="utf-8")
    book = load_workbook(out)
    book["deals"]["B2"] = "=1+1"
    book.save(out)
    with pytest.raises(WorkbookError, match="sheet deals, cell B2: a formula"):
        read_workbook(out)
    book.create_sheet("my notes")
    book.save(out)
    with pytest.raises(WorkbookError, match="unknown sheets: my notes"):
        read_workbook(out)
