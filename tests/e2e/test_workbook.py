"""End-to-end, in real Chromium: Sources & data gives the data as an Excel workbook that turns
back into the very CSVs it was made from; the workbook, edited and uploaded, is used for that
session only, and the page says what it changed."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from components.data.contract import TABLES
from components.data.workbook import read_workbook
from tests.e2e.conftest import screenshot, wait_for_app
from tests.support import ROOT

pytestmark = pytest.mark.e2e


def test_a_downloaded_workbook_with_one_changed_trade_figure_is_used_for_that_session_only(
        server, browser, page):
    page.goto(f"{server}/sources")
    wait_for_app(page, "Sources & data")
    button = page.get_by_role("button", name="Download the data (.xlsx)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as got:
        button.click()
    assert got.value.suggested_filename == "corridor_data.xlsx"
    blob = Path(got.value.path()).read_bytes()
    # the workbook gives back the very CSVs it was made from
    back = read_workbook(io.BytesIO(blob))
    for table in TABLES.values():
        assert back[table.file].encode("utf-8") == (ROOT / "data" / table.file).read_bytes()
    # the analyst changes one trade figure in Excel and saves the workbook
    book = load_workbook(io.BytesIO(blob))
    (cell,) = [c for row in book["trade_flows"].iter_rows() for c in row if c.value == 53700000]
    cell.value = 99900000
    edited = io.BytesIO()
    book.save(edited)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(files=[{
        "name": "mine.xlsx", "buffer": edited.getvalue(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.get_by_text("This session uses your data from mine.xlsx").wait_for()
    # Sources & data: that one cell, old → new with its source, and the figures it moved
    page.get_by_role("heading", name="What your data changes").wait_for()
    changed = page.locator("[role='row']", has=page.locator("[role='gridcell']",
                                                            has_text="kaz_stat_2024_total"))
    expect(changed).to_have_count(1)
    expect(changed.locator("[role='gridcell']")).to_have_text(
        ["trade_flows", "kaz_stat_2024_total", "value_usd", "53700000", "99900000",
         "trend_4079320", ""])  # table, row, column, bundled, yours, source, bundled source
    moved = page.locator("[role='row']", has=page.locator("[role='gridcell']",
                                                          has_text="Kazakh statistics, 2024"))
    expect(moved.locator("[role='gridcell']")).to_have_text(
        ["Trade against targets", "Kazakh statistics, 2024", "$53.7M", "$99.9M"])
    screenshot(page, "own_workbook_sources")

    page.get_by_role("link", name="Trade & deals").click()  # the same session
    wait_for_app(page, "Trade & deals")
    card = page.locator("[data-testid='stMetric']", has_text="Kazakh statistics, 2024")
    expect(card.locator("[data-testid='stMetricValue']")).to_have_text("$99.9M")
    other = browser.new_context().new_page()  # someone else, same server, same time
    other.goto(f"{server}/trade")
    wait_for_app(other, "Trade & deals")
    card = other.locator("[data-testid='stMetric']", has_text="Kazakh statistics, 2024")
    expect(card.locator("[data-testid='stMetricValue']")).to_have_text("$53.7M")
    other.context.close()
