"""End-to-end: Sources & data gives the data as an Excel workbook, in real Chromium, and the
workbook turns back into the very CSVs it was made from."""

import io
from pathlib import Path

import pytest

from components.data.contract import TABLES
from components.data.workbook import read_workbook
from tests.e2e.conftest import wait_for_app
from tests.support import ROOT

pytestmark = pytest.mark.e2e


def test_the_data_downloads_as_a_workbook_that_gives_back_the_csvs(server, page):
    page.goto(f"{server}/sources")
    wait_for_app(page, "Sources & data")
    button = page.get_by_role("button", name="Download the data (.xlsx)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as got:
        button.click()
    download = got.value
    assert download.suggested_filename == "corridor_data.xlsx"
    back = read_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    for table in TABLES.values():
        assert back[table.file].encode("utf-8") == (ROOT / "data" / table.file).read_bytes()
