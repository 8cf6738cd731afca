"""End-to-end: an analyst uploads their own zip; only their session sees it; bad zips refused."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_for_app
from tests.support import ROOT

pytestmark = pytest.mark.e2e
TRADE = (ROOT / "data" / "trade_flows.csv").read_bytes()


def zipped(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def upload(pg, name: str, blob: bytes) -> None:
    pg.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        files=[{"name": name, "mimeType": "application/zip", "buffer": blob}])


def kazakh_2024(pg) -> str:
    card = pg.locator("[data-testid='stMetric']", has_text="Kazakh statistics, 2024")
    return card.locator("[data-testid='stMetricValue']").inner_text()


def test_own_data_is_for_this_session_only(server, browser, page):
    page.goto(f"{server}/sources")
    wait_for_app(page, "Sources & data")
    upload(page, "mine.zip", zipped({"trade_flows.csv": TRADE.replace(b"53700000",
                                                                      b"99900000")}))
    page.get_by_text("This session uses your data from mine.zip").wait_for()
    screenshot(page, "own_data_sources")
    page.get_by_role("link", name="Trade & deals").click()  # same session; a reload is not
    wait_for_app(page, "Trade & deals")
    page.get_by_text("$99.9M").first.wait_for()
    assert kazakh_2024(page) == "$99.9M"

    other = browser.new_context().new_page()  # someone else, same server, same time
    other.goto(f"{server}/trade")
    wait_for_app(other, "Trade & deals")
    assert kazakh_2024(other) == "$53.7M"
    other.context.close()

    page.get_by_role("link", name="Sources & data").click()
    wait_for_app(page, "Sources & data")
    page.get_by_role("button", name="Back to the bundled data").click()
    page.get_by_text("This session uses your data").wait_for(state="detached")
    page.get_by_role("link", name="Trade & deals").click()
    wait_for_app(page, "Trade & deals")
    page.get_by_text("$53.7M").first.wait_for()
    assert kazakh_2024(page) == "$53.7M"


def test_a_zip_with_paths_is_refused(server, page):
    page.goto(f"{server}/sources")
    wait_for_app(page, "Sources & data")
    upload(page, "evil.zip", zipped({"../trade_flows.csv": TRADE}))
    page.get_by_text("evil.zip was not used").wait_for()
    expect(page.get_by_text("has a folder path")).to_have_count(1)
    expect(page.get_by_text("This session uses your data")).to_have_count(0)
